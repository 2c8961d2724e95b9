//! The line of socket details under an Internet row (`--info`, `--memory`),
//! or of memory only under a UNIX, packet or netlink row, in the words and
//! units `ss -i`/`ss -m` print: a tab, then ` key:value` items, a zero or
//! absent value left out.

use crate::model::details::{self as d, CongestionInfo, Details, MEMORY_FIELDS, Memory, TcpInfo};
use std::io::Write;

/// How the line is written.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Rates as plain numbers (`-n`), else with a K/M/G/T suffix.
    pub numeric: bool,
    /// The negotiated options (`ts sack ecn ...`), which ss shows with `-e`.
    pub options: bool,
}

/// Append the details line of one socket (with its newline) to `out`;
/// nothing when the kernel gave no details. `listening`: the socket listens
/// (its sacked count is the backlog limit, not shown).
pub fn details_line(out: &mut Vec<u8>, details: &Details, style: Style, listening: bool) {
    if details.is_empty() {
        return;
    }
    out.push(b'\t');
    if let Some(memory) = &details.memory {
        out.extend_from_slice(b" skmem:(");
        for (i, ((_, letter), value)) in MEMORY_FIELDS.iter().zip(memory.values).enumerate() {
            let Some(value) = value else { break };
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(out, "{comma}{letter}{value}");
        }
        out.push(b')');
    }
    if let Some(info) = &details.tcp_info {
        tcp_items(out, info, details, style, listening);
    } else if let Some(name) = details.congestion {
        out.push(b' ');
        out.extend_from_slice(name);
    }
    out.push(b'\n');
}

/// Append the `skmem:(...)` line of a socket the kernel gives only its
/// memory for (UNIX, packet, netlink).
pub fn memory_line(out: &mut Vec<u8>, memory: Memory) {
    let details = Details {
        memory: Some(memory),
        ..Details::default()
    };
    // Neither part of the style applies to memory.
    let style = Style {
        numeric: true,
        options: false,
    };
    details_line(out, &details, style, false);
}

/// How rates in bits per second are written.
#[derive(Clone, Copy)]
struct Rates {
    numeric: bool,
}

impl Rates {
    fn write(self, out: &mut Vec<u8>, bits_per_second: f64) {
        if self.numeric {
            let _ = write!(out, "{bits_per_second:.0}bps");
            return;
        }
        let scaled = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")]
            .into_iter()
            .find(|(scale, _)| bits_per_second >= *scale);
        match scaled {
            Some((scale, suffix)) => {
                general(out, bits_per_second / scale, 3);
                let _ = write!(out, "{suffix}bps");
            }
            None => {
                general(out, bits_per_second, 6);
                out.extend_from_slice(b"bps");
            }
        }
    }
}

/// Append a number as C's `%.Ng` writes it in the range these values take:
/// `digits` significant digits, trailing zeros dropped.
fn general(out: &mut Vec<u8>, value: f64, digits: i32) {
    if value == 0.0 || !value.is_finite() {
        out.push(b'0');
        return;
    }
    let exponent = value.abs().log10().floor() as i32;
    let decimals = (digits - 1 - exponent).max(0) as usize;
    let start = out.len();
    let _ = write!(out, "{value:.decimals$}");
    if out[start..].contains(&b'.') {
        while out.last() == Some(&b'0') {
            out.pop();
        }
        if out.last() == Some(&b'.') {
            out.pop();
        }
    }
}

/// Append microseconds as milliseconds, `%g`: below a second exactly
/// (at most six digits) without going through floating point, as most
/// times on a listing are.
fn ms(out: &mut Vec<u8>, micros: u64) {
    if micros >= 1_000_000 {
        return general(out, micros as f64 / 1000.0, 6);
    }
    let _ = write!(out, "{}", micros / 1000);
    let fraction = micros % 1000;
    if fraction != 0 {
        let digits = [
            b'0' + (fraction / 100) as u8,
            b'0' + (fraction / 10 % 10) as u8,
            b'0' + (fraction % 10) as u8,
        ];
        let mut len = 3;
        while digits[len - 1] == b'0' {
            len -= 1;
        }
        out.push(b'.');
        out.extend_from_slice(&digits[..len]);
    }
}

fn tcp_items(out: &mut Vec<u8>, info: &TcpInfo, details: &Details, style: Style, listening: bool) {
    let v = |field| info.value(field);
    let rates = Rates {
        numeric: style.numeric,
    };
    let options = v(d::OPTIONS);
    let words = if style.options {
        &OPTION_WORDS[..]
    } else {
        &[]
    };
    for &(bit, word) in words {
        if options & bit != 0 {
            out.extend_from_slice(word.as_bytes());
        }
    }
    if let Some(name) = details.congestion.filter(|name| !name.is_empty()) {
        out.push(b' ');
        out.extend_from_slice(name);
    }
    if options & d::OPT_WSCALE != 0 {
        let _ = write!(out, " wscale:{},{}", v(d::SND_WSCALE), v(d::RCV_WSCALE));
    }
    // 3 s is the kernel's initial RTO, which ss leaves out as unset.
    let rto = v(d::RTO);
    if rto != 3_000_000 {
        millis(out, "rto", rto);
    }
    number(out, "backoff", v(d::BACKOFF));
    if v(d::RTT) != 0 {
        out.extend_from_slice(b" rtt:");
        ms(out, v(d::RTT));
        out.push(b'/');
        ms(out, v(d::RTTVAR));
    }
    millis(out, "ato", v(d::ATO));
    number(out, "mss", v(d::SND_MSS));
    number(out, "pmtu", v(d::PMTU));
    number(out, "rcvmss", v(d::RCV_MSS));
    number(out, "advmss", v(d::ADVMSS));
    number(out, "cwnd", v(d::SND_CWND));
    // 0xFFFF and more: "infinite", still in slow start.
    if v(d::SND_SSTHRESH) < 0xFFFF {
        number(out, "ssthresh", v(d::SND_SSTHRESH));
    }
    for (key, field) in [
        ("bytes_sent", d::BYTES_SENT),
        ("bytes_retrans", d::BYTES_RETRANS),
        ("bytes_acked", d::BYTES_ACKED),
        ("bytes_received", d::BYTES_RECEIVED),
        ("segs_out", d::SEGS_OUT),
        ("segs_in", d::SEGS_IN),
        ("data_segs_out", d::DATA_SEGS_OUT),
        ("data_segs_in", d::DATA_SEGS_IN),
    ] {
        number(out, key, v(field));
    }
    congestion_items(out, details.congestion_info, rates);
    let (cwnd, mss, rtt) = (v(d::SND_CWND), v(d::SND_MSS), v(d::RTT));
    if cwnd != 0 && mss != 0 && rtt != 0 {
        out.extend_from_slice(b" send ");
        rates.write(out, cwnd as f64 * mss as f64 * 8e6 / rtt as f64);
    }
    number(out, "lastsnd", v(d::LAST_DATA_SENT));
    number(out, "lastrcv", v(d::LAST_DATA_RECV));
    number(out, "lastack", v(d::LAST_ACK_RECV));
    let unset = |rate: u64| rate == 0 || rate == u64::MAX;
    let pacing = v(d::PACING_RATE);
    if !unset(pacing) {
        out.extend_from_slice(b" pacing_rate ");
        rates.write(out, pacing as f64 * 8.0);
        let max = v(d::MAX_PACING_RATE);
        if !unset(max) {
            out.push(b'/');
            rates.write(out, max as f64 * 8.0);
        }
    }
    if v(d::DELIVERY_RATE) != 0 {
        out.extend_from_slice(b" delivery_rate ");
        rates.write(out, v(d::DELIVERY_RATE) as f64 * 8.0);
    }
    number(out, "delivered", v(d::DELIVERED));
    number(out, "delivered_ce", v(d::DELIVERED_CE));
    if v(d::APP_LIMITED) != 0 {
        out.extend_from_slice(b" app_limited");
    }
    let busy = v(d::BUSY_TIME);
    if busy != 0 {
        let _ = write!(out, " busy:{}ms", busy / 1000);
        for (key, field) in [
            ("rwnd_limited", d::RWND_LIMITED),
            ("sndbuf_limited", d::SNDBUF_LIMITED),
        ] {
            let limited = v(field);
            if limited != 0 {
                let share = limited as f64 * 100.0 / busy as f64;
                let _ = write!(out, " {key}:{}ms({share:.1}%)", limited / 1000);
            }
        }
    }
    number(out, "unacked", v(d::UNACKED));
    if v(d::RETRANS) != 0 || v(d::TOTAL_RETRANS) != 0 {
        let _ = write!(out, " retrans:{}/{}", v(d::RETRANS), v(d::TOTAL_RETRANS));
    }
    number(out, "lost", v(d::LOST));
    if !listening {
        number(out, "sacked", v(d::SACKED));
    }
    number(out, "dsack_dups", v(d::DSACK_DUPS));
    number(out, "fackets", v(d::FACKETS));
    if info.get(d::REORDERING).is_some_and(|r| r != 3) {
        number(out, "reordering", v(d::REORDERING));
    }
    number(out, "reord_seen", v(d::REORD_SEEN));
    millis(out, "rcv_rtt", v(d::RCV_RTT));
    number(out, "rcv_space", v(d::RCV_SPACE));
    number(out, "rcv_ssthresh", v(d::RCV_SSTHRESH));
    number(out, "notsent", v(d::NOTSENT_BYTES));
    millis(out, "minrtt", v(d::MIN_RTT));
    number(out, "rcv_ooopack", v(d::RCV_OOOPACK));
    number(out, "snd_wnd", v(d::SND_WND));
}

/// The option bits ss names, in its order.
const OPTION_WORDS: [(u64, &str); 5] = [
    (d::OPT_TIMESTAMPS, " ts"),
    (d::OPT_SACK, " sack"),
    (d::OPT_ECN, " ecn"),
    (d::OPT_ECN_SEEN, " ecnseen"),
    (d::OPT_SYN_DATA, " fastopen"),
];

/// ` key:milliseconds` from microseconds, left out when 0.
fn millis(out: &mut Vec<u8>, key: &str, micros: u64) {
    if micros != 0 {
        let _ = write!(out, " {key}:");
        ms(out, micros);
    }
}

/// ` key:value`, left out when 0.
fn number(out: &mut Vec<u8>, key: &str, value: u64) {
    if value != 0 {
        let _ = write!(out, " {key}:{value}");
    }
}

fn congestion_items(out: &mut Vec<u8>, info: Option<CongestionInfo>, rates: Rates) {
    match info {
        Some(CongestionInfo::Dctcp { enabled: 0, .. }) => {
            out.extend_from_slice(b" dctcp:fallback_mode")
        }
        Some(CongestionInfo::Dctcp {
            ce_state,
            alpha,
            ab_ecn,
            ab_tot,
            ..
        }) => {
            let _ = write!(
                out,
                " dctcp:(ce_state:{ce_state},alpha:{alpha},ab_ecn:{ab_ecn},ab_tot:{ab_tot})"
            );
        }
        Some(CongestionInfo::Bbr {
            bandwidth,
            min_rtt_us,
            pacing_gain,
            cwnd_gain,
        }) => {
            out.extend_from_slice(b" bbr:(bw:");
            rates.write(out, bandwidth as f64 * 8.0);
            out.extend_from_slice(b",mrtt:");
            ms(out, u64::from(min_rtt_us));
            for (key, gain) in [("pacing_gain", pacing_gain), ("cwnd_gain", cwnd_gain)] {
                if gain != 0 {
                    let _ = write!(out, ",{key}:");
                    general(out, f64::from(gain) / 256.0, 6);
                }
            }
            out.push(b')');
        }
        // ss shows nothing of Vegas' numbers.
        Some(CongestionInfo::Vegas { .. }) | None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_printf_g_writes_them() {
        let g = |value, digits| {
            let mut out = Vec::new();
            general(&mut out, value, digits);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(g(204.0, 6), "204");
        assert_eq!(g(0.022, 6), "0.022");
        assert_eq!(g(739.0 / 256.0, 6), "2.88672");
        assert_eq!(g(31.402664792, 3), "31.4");
        assert_eq!(g(100.285935484, 3), "100");
        assert_eq!(g(0.0, 6), "0");
        let ms_text = |micros| {
            let mut out = Vec::new();
            ms(&mut out, micros);
            String::from_utf8(out).unwrap()
        };
        for micros in [
            0,
            1,
            10,
            22,
            100,
            999,
            1000,
            1010,
            204_000,
            999_999,
            1_000_000,
            1_234_567,
            120_000_000,
        ] {
            assert_eq!(ms_text(micros), g(micros as f64 / 1000.0, 6), "{micros}");
        }
    }

    #[test]
    fn rates_as_ss_writes_them() {
        let text = |numeric, bps| {
            let mut out = Vec::new();
            Rates { numeric }.write(&mut out, bps);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(text(true, 119_156_363_636.4), "119156363636bps");
        assert_eq!(text(false, 31_402_664_792.0), "31.4Gbps");
        assert_eq!(text(false, 213_871_799_840.0), "214Gbps");
        assert_eq!(text(false, 999.0), "999bps");
    }

    #[test]
    fn a_line_of_memory_and_tcp_info() {
        let mut raw = vec![0u8; 120];
        raw[5] = 4;
        raw[6] = 10 | 10 << 4;
        raw[8..12].copy_from_slice(&204_000u32.to_ne_bytes());
        raw[16..20].copy_from_slice(&100u32.to_ne_bytes());
        raw[68..72].copy_from_slice(&1000u32.to_ne_bytes());
        raw[72..76].copy_from_slice(&500u32.to_ne_bytes());
        raw[76..80].copy_from_slice(&u32::MAX.to_ne_bytes());
        raw[80..84].copy_from_slice(&10u32.to_ne_bytes());
        raw[88..92].copy_from_slice(&3u32.to_ne_bytes());
        let details = Details {
            tcp_info: Some(TcpInfo::new(&raw)),
            congestion: Some(b"cubic"),
            congestion_info: None,
            memory: Some(Memory {
                values: [
                    Some(0),
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(4),
                    Some(5),
                    Some(6),
                    None,
                    None,
                ],
            }),
        };
        let mut out = Vec::new();
        let style = Style {
            numeric: true,
            options: false,
        };
        details_line(&mut out, &details, style, false);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\t skmem:(r0,rb1,t2,tb3,f4,w5,o6) cubic wscale:10,10 rto:204 rtt:1/0.5 mss:100 cwnd:10 send 8000000bps\n"
        );
        let mut out = Vec::new();
        let style = Style {
            options: true,
            ..style
        };
        details_line(&mut out, &details, style, false);
        assert!(
            String::from_utf8(out).unwrap().contains(") cubic wscale"),
            "no option bit but wscale"
        );
        let mut with_options = raw.clone();
        with_options[5] = 4 | 1 | 2;
        let details = Details {
            tcp_info: Some(TcpInfo::new(&with_options)),
            ..details
        };
        let mut out = Vec::new();
        details_line(&mut out, &details, style, false);
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains(") ts sack cubic wscale")
        );
        let mut out = Vec::new();
        details_line(&mut out, &Details::default(), style, false);
        assert!(out.is_empty());
    }

    #[test]
    fn a_line_of_memory_alone() {
        let mut values = [None; 9];
        for (i, slot) in values.iter_mut().enumerate() {
            *slot = Some(i as u32 * 10);
        }
        let mut out = b"row\n".to_vec();
        memory_line(&mut out, Memory { values });
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "row\n\t skmem:(r0,rb10,t20,tb30,f40,w50,o60,bl70,d80)\n"
        );
    }
}
