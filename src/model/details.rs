//! What sock_diag tells about a socket beyond its row: TCP internals
//! (`--info`: `tcp_info`, the congestion algorithm and its own numbers) and
//! socket memory (`--memory`). Read from the answer's attributes when shown,
//! never kept decoded.

/// Attribute numbers of an `inet_diag` answer (linux/inet_diag.h).
pub const INET_DIAG_INFO: u16 = 2;
pub const INET_DIAG_VEGASINFO: u16 = 3;
pub const INET_DIAG_CONG: u16 = 4;
pub const INET_DIAG_SKMEMINFO: u16 = 7;
const INET_DIAG_DCTCPINFO: u16 = 9;
const INET_DIAG_BBRINFO: u16 = 16;

/// The extensions of one socket, as far as the kernel gave them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Details<'a> {
    pub tcp_info: Option<TcpInfo<'a>>,
    /// The congestion control algorithm's name (`cubic`, `bbr`, ...).
    pub congestion: Option<&'a [u8]>,
    pub congestion_info: Option<CongestionInfo>,
    pub memory: Option<Memory>,
}

impl<'a> Details<'a> {
    /// From the answer's attributes (type, value); unknown ones are skipped.
    pub fn from_attributes(attributes: impl Iterator<Item = (u16, &'a [u8])>) -> Self {
        let mut details = Details::default();
        for (kind, value) in attributes {
            match kind {
                INET_DIAG_INFO => details.tcp_info = Some(TcpInfo(value)),
                INET_DIAG_CONG => {
                    let end = value.iter().position(|&b| b == 0).unwrap_or(value.len());
                    details.congestion = Some(&value[..end]);
                }
                INET_DIAG_SKMEMINFO => details.memory = Memory::decode(value),
                INET_DIAG_VEGASINFO | INET_DIAG_DCTCPINFO | INET_DIAG_BBRINFO => {
                    details.congestion_info = CongestionInfo::decode(kind, value)
                }
                _ => {}
            }
        }
        details
    }

    pub fn is_empty(&self) -> bool {
        self.tcp_info.is_none()
            && self.congestion.is_none()
            && self.congestion_info.is_none()
            && self.memory.is_none()
    }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
}

/// How a `tcp_info` field is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    U8,
    U16,
    U32,
    U64,
    /// The low or high four bits of a byte (the window scales).
    LowNibble,
    HighNibble,
    /// The lowest bit of a byte.
    Bit0,
    /// Bits 1 and 2 of a byte.
    Bits1To2,
}

impl Width {
    fn len(self) -> usize {
        match self {
            Width::U16 => 2,
            Width::U32 => 4,
            Width::U64 => 8,
            _ => 1,
        }
    }
}

/// One `tcp_info` field: its JSON key (the unit in its name where it has
/// one), its offset in `struct tcp_info` (linux/tcp.h) and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub offset: usize,
    pub width: Width,
}

const fn field(key: &'static str, offset: usize, width: Width) -> Field {
    Field { key, offset, width }
}

pub const CA_STATE: Field = field("ca_state", 1, Width::U8);
pub const RETRANSMITS: Field = field("retransmits", 2, Width::U8);
pub const PROBES: Field = field("probes", 3, Width::U8);
pub const BACKOFF: Field = field("backoff", 4, Width::U8);
pub const OPTIONS: Field = field("options", 5, Width::U8);
pub const SND_WSCALE: Field = field("snd_wscale", 6, Width::LowNibble);
pub const RCV_WSCALE: Field = field("rcv_wscale", 6, Width::HighNibble);
pub const APP_LIMITED: Field = field("delivery_rate_app_limited", 7, Width::Bit0);
pub const FASTOPEN_CLIENT_FAIL: Field = field("fastopen_client_fail", 7, Width::Bits1To2);
pub const RTO: Field = field("rto_us", 8, Width::U32);
pub const ATO: Field = field("ato_us", 12, Width::U32);
pub const SND_MSS: Field = field("snd_mss", 16, Width::U32);
pub const RCV_MSS: Field = field("rcv_mss", 20, Width::U32);
pub const UNACKED: Field = field("unacked", 24, Width::U32);
pub const SACKED: Field = field("sacked", 28, Width::U32);
pub const LOST: Field = field("lost", 32, Width::U32);
pub const RETRANS: Field = field("retrans", 36, Width::U32);
pub const FACKETS: Field = field("fackets", 40, Width::U32);
pub const LAST_DATA_SENT: Field = field("last_data_sent_ms", 44, Width::U32);
pub const LAST_ACK_SENT: Field = field("last_ack_sent_ms", 48, Width::U32);
pub const LAST_DATA_RECV: Field = field("last_data_recv_ms", 52, Width::U32);
pub const LAST_ACK_RECV: Field = field("last_ack_recv_ms", 56, Width::U32);
pub const PMTU: Field = field("pmtu", 60, Width::U32);
pub const RCV_SSTHRESH: Field = field("rcv_ssthresh", 64, Width::U32);
pub const RTT: Field = field("rtt_us", 68, Width::U32);
pub const RTTVAR: Field = field("rttvar_us", 72, Width::U32);
pub const SND_SSTHRESH: Field = field("snd_ssthresh", 76, Width::U32);
pub const SND_CWND: Field = field("snd_cwnd", 80, Width::U32);
pub const ADVMSS: Field = field("advmss", 84, Width::U32);
pub const REORDERING: Field = field("reordering", 88, Width::U32);
pub const RCV_RTT: Field = field("rcv_rtt_us", 92, Width::U32);
pub const RCV_SPACE: Field = field("rcv_space", 96, Width::U32);
pub const TOTAL_RETRANS: Field = field("total_retrans", 100, Width::U32);
pub const PACING_RATE: Field = field("pacing_rate_bytes_per_s", 104, Width::U64);
pub const MAX_PACING_RATE: Field = field("max_pacing_rate_bytes_per_s", 112, Width::U64);
pub const BYTES_ACKED: Field = field("bytes_acked", 120, Width::U64);
pub const BYTES_RECEIVED: Field = field("bytes_received", 128, Width::U64);
pub const SEGS_OUT: Field = field("segs_out", 136, Width::U32);
pub const SEGS_IN: Field = field("segs_in", 140, Width::U32);
pub const NOTSENT_BYTES: Field = field("notsent_bytes", 144, Width::U32);
pub const MIN_RTT: Field = field("min_rtt_us", 148, Width::U32);
pub const DATA_SEGS_IN: Field = field("data_segs_in", 152, Width::U32);
pub const DATA_SEGS_OUT: Field = field("data_segs_out", 156, Width::U32);
pub const DELIVERY_RATE: Field = field("delivery_rate_bytes_per_s", 160, Width::U64);
pub const BUSY_TIME: Field = field("busy_time_us", 168, Width::U64);
pub const RWND_LIMITED: Field = field("rwnd_limited_us", 176, Width::U64);
pub const SNDBUF_LIMITED: Field = field("sndbuf_limited_us", 184, Width::U64);
pub const DELIVERED: Field = field("delivered", 192, Width::U32);
pub const DELIVERED_CE: Field = field("delivered_ce", 196, Width::U32);
pub const BYTES_SENT: Field = field("bytes_sent", 200, Width::U64);
pub const BYTES_RETRANS: Field = field("bytes_retrans", 208, Width::U64);
pub const DSACK_DUPS: Field = field("dsack_dups", 216, Width::U32);
pub const REORD_SEEN: Field = field("reord_seen", 220, Width::U32);
pub const RCV_OOOPACK: Field = field("rcv_ooopack", 224, Width::U32);
pub const SND_WND: Field = field("snd_wnd", 228, Width::U32);
pub const RCV_WND: Field = field("rcv_wnd", 232, Width::U32);
pub const REHASH: Field = field("rehash", 236, Width::U32);
pub const TOTAL_RTO: Field = field("total_rto", 240, Width::U16);
pub const TOTAL_RTO_RECOVERIES: Field = field("total_rto_recoveries", 242, Width::U16);
pub const TOTAL_RTO_TIME: Field = field("total_rto_time_ms", 244, Width::U32);

/// Every field, in `struct tcp_info` order (the JSON object's order).
pub const TCP_INFO_FIELDS: [Field; 61] = [
    CA_STATE,
    RETRANSMITS,
    PROBES,
    BACKOFF,
    OPTIONS,
    SND_WSCALE,
    RCV_WSCALE,
    APP_LIMITED,
    FASTOPEN_CLIENT_FAIL,
    RTO,
    ATO,
    SND_MSS,
    RCV_MSS,
    UNACKED,
    SACKED,
    LOST,
    RETRANS,
    FACKETS,
    LAST_DATA_SENT,
    LAST_ACK_SENT,
    LAST_DATA_RECV,
    LAST_ACK_RECV,
    PMTU,
    RCV_SSTHRESH,
    RTT,
    RTTVAR,
    SND_SSTHRESH,
    SND_CWND,
    ADVMSS,
    REORDERING,
    RCV_RTT,
    RCV_SPACE,
    TOTAL_RETRANS,
    PACING_RATE,
    MAX_PACING_RATE,
    BYTES_ACKED,
    BYTES_RECEIVED,
    SEGS_OUT,
    SEGS_IN,
    NOTSENT_BYTES,
    MIN_RTT,
    DATA_SEGS_IN,
    DATA_SEGS_OUT,
    DELIVERY_RATE,
    BUSY_TIME,
    RWND_LIMITED,
    SNDBUF_LIMITED,
    DELIVERED,
    DELIVERED_CE,
    BYTES_SENT,
    BYTES_RETRANS,
    DSACK_DUPS,
    REORD_SEEN,
    RCV_OOOPACK,
    SND_WND,
    RCV_WND,
    REHASH,
    TOTAL_RTO,
    TOTAL_RTO_RECOVERIES,
    TOTAL_RTO_TIME,
    STATE,
];

/// The socket state as `tcp_info` has it (the row has it too; last so the
/// JSON object leads with the numbers people look for).
pub const STATE: Field = field("state", 0, Width::U8);

/// `tcpi_options` bits.
pub const OPT_TIMESTAMPS: u64 = 1;
pub const OPT_SACK: u64 = 2;
pub const OPT_WSCALE: u64 = 4;
pub const OPT_ECN: u64 = 8;
pub const OPT_ECN_SEEN: u64 = 16;
pub const OPT_SYN_DATA: u64 = 32;

/// The kernel's `struct tcp_info`, as long as it was given: an older kernel
/// sends a shorter one, and a field past its end is absent.
#[derive(Debug, Clone, Copy)]
pub struct TcpInfo<'a>(&'a [u8]);

impl<'a> TcpInfo<'a> {
    pub fn new(raw: &'a [u8]) -> Self {
        TcpInfo(raw)
    }

    /// A field's value, `None` past the end of what the kernel sent.
    pub fn get(&self, field: Field) -> Option<u64> {
        let b = self.0.get(field.offset..field.offset + field.width.len())?;
        Some(match field.width {
            Width::U8 => u64::from(b[0]),
            Width::U16 => u64::from(u16::from_ne_bytes([b[0], b[1]])),
            Width::U32 => u64::from(u32::from_ne_bytes([b[0], b[1], b[2], b[3]])),
            Width::U64 => u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            Width::LowNibble => u64::from(b[0] & 0xf),
            Width::HighNibble => u64::from(b[0] >> 4),
            Width::Bit0 => u64::from(b[0] & 1),
            Width::Bits1To2 => u64::from((b[0] >> 1) & 3),
        })
    }

    /// A field's value, 0 when absent (for the text, which leaves zeros out).
    pub fn value(&self, field: Field) -> u64 {
        self.get(field).unwrap_or(0)
    }

    /// Every field the kernel sent, in order.
    pub fn fields(&self) -> impl Iterator<Item = (Field, u64)> + '_ {
        TCP_INFO_FIELDS
            .iter()
            .filter_map(|&f| self.get(f).map(|value| (f, value)))
    }
}

/// Socket memory (`INET_DIAG_SKMEMINFO`, the `SK_MEMINFO_*` order of
/// linux/sock_diag.h), in bytes but for `drops` (packets). An older kernel
/// may send fewer: those are absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    pub values: [Option<u32>; 9],
}

/// The JSON keys of [`Memory::values`], with ss's letters for the text.
pub const MEMORY_FIELDS: [(&str, &str); 9] = [
    ("rmem_alloc", "r"),
    ("rcvbuf", "rb"),
    ("wmem_alloc", "t"),
    ("sndbuf", "tb"),
    ("fwd_alloc", "f"),
    ("wmem_queued", "w"),
    ("optmem", "o"),
    ("backlog", "bl"),
    ("drops", "d"),
];

impl Memory {
    /// From the `u32` array of `INET_DIAG_SKMEMINFO` or `UNIX_DIAG_MEMINFO`.
    pub fn decode(value: &[u8]) -> Option<Self> {
        let mut values = [None; 9];
        for (i, slot) in values.iter_mut().enumerate() {
            *slot = u32_at(value, i * 4);
        }
        values[0].map(|_| Memory { values })
    }

    /// `SK_MEMINFO_RMEM_ALLOC`: the bytes waiting to be read (Recv-Q).
    pub fn receive_queue(&self) -> u64 {
        u64::from(self.values[0].unwrap_or(0))
    }

    /// `SK_MEMINFO_WMEM_ALLOC`: the bytes sent but not yet freed (Send-Q);
    /// 0 when the kernel sent fewer values.
    pub fn send_queue(&self) -> u64 {
        u64::from(self.values[2].unwrap_or(0))
    }
}

/// The congestion algorithm's own numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CongestionInfo {
    /// `struct tcpvegas_info` (Vegas, Veno, Westwood, ...): RTTs in µs.
    Vegas {
        enabled: u32,
        rtt_count: u32,
        rtt_us: u32,
        min_rtt_us: u32,
    },
    /// `struct tcp_dctcp_info`.
    Dctcp {
        enabled: u16,
        ce_state: u16,
        alpha: u32,
        ab_ecn: u32,
        ab_tot: u32,
    },
    /// `struct tcp_bbr_info`: bandwidth in bytes per second, gains scaled
    /// by 256.
    Bbr {
        bandwidth: u64,
        min_rtt_us: u32,
        pacing_gain: u32,
        cwnd_gain: u32,
    },
}

impl CongestionInfo {
    fn decode(kind: u16, v: &[u8]) -> Option<Self> {
        let at = |i: usize| u32_at(v, i * 4);
        match kind {
            INET_DIAG_VEGASINFO => Some(CongestionInfo::Vegas {
                enabled: at(0)?,
                rtt_count: at(1)?,
                rtt_us: at(2)?,
                min_rtt_us: at(3)?,
            }),
            INET_DIAG_DCTCPINFO => {
                let first = at(0)?;
                let [a, b, c, d] = first.to_ne_bytes();
                Some(CongestionInfo::Dctcp {
                    enabled: u16::from_ne_bytes([a, b]),
                    ce_state: u16::from_ne_bytes([c, d]),
                    alpha: at(1)?,
                    ab_ecn: at(2)?,
                    ab_tot: at(3)?,
                })
            }
            _ => Some(CongestionInfo::Bbr {
                bandwidth: u64::from(at(1)?) << 32 | u64::from(at(0)?),
                min_rtt_us: at(2)?,
                pacing_gain: at(3)?,
                cwnd_gain: at(4)?,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(kind: u16, value: &[u8]) -> (u16, &[u8]) {
        (kind, value)
    }

    #[test]
    fn a_short_tcp_info_has_only_the_fields_it_covers() {
        let mut raw = vec![0u8; 100];
        raw[6] = 7 | 9 << 4;
        raw[16..20].copy_from_slice(&1448u32.to_ne_bytes());
        raw[80..84].copy_from_slice(&10u32.to_ne_bytes());
        let info = TcpInfo::new(&raw);
        assert_eq!(info.get(SND_MSS), Some(1448));
        assert_eq!(info.get(SND_CWND), Some(10));
        assert_eq!((info.value(SND_WSCALE), info.value(RCV_WSCALE)), (7, 9));
        assert_eq!(info.get(RCV_SPACE), Some(0));
        assert_eq!(info.get(TOTAL_RETRANS), None, "ends at offset 100");
        assert_eq!(info.get(BYTES_ACKED), None);
        assert_eq!(info.fields().count(), 33);
        assert_eq!(TcpInfo::new(&[]).fields().count(), 0);
    }

    #[test]
    fn fields_lie_inside_the_kernels_struct_in_order() {
        let mut end = 0;
        for f in &TCP_INFO_FIELDS[..TCP_INFO_FIELDS.len() - 1] {
            assert!(f.offset >= end || f.width.len() == 1, "{}", f.key);
            end = f.offset + f.width.len();
        }
        assert_eq!(end, 248);
    }

    #[test]
    fn attributes_decode_and_truncated_ones_are_absent() {
        let mut mem = Vec::new();
        for v in 1..=9u32 {
            mem.extend_from_slice(&v.to_ne_bytes());
        }
        let bbr: Vec<u8> = [5u32, 1, 30, 739, 512]
            .iter()
            .flat_map(|v| v.to_ne_bytes())
            .collect();
        let d = Details::from_attributes(
            [
                attribute(INET_DIAG_CONG, b"bbr\0"),
                attribute(INET_DIAG_SKMEMINFO, &mem[..32]),
                attribute(INET_DIAG_BBRINFO, &bbr),
                attribute(99, b"x"),
            ]
            .into_iter(),
        );
        assert_eq!(d.congestion, Some(&b"bbr"[..]));
        let memory = d.memory.unwrap();
        assert_eq!(memory.values[7], Some(8));
        assert_eq!(memory.values[8], None, "an older kernel sends no drops");
        assert_eq!(
            d.congestion_info,
            Some(CongestionInfo::Bbr {
                bandwidth: 1 << 32 | 5,
                min_rtt_us: 30,
                pacing_gain: 739,
                cwnd_gain: 512
            })
        );
        let short = Details::from_attributes(
            [
                attribute(INET_DIAG_BBRINFO, &bbr[..8]),
                attribute(INET_DIAG_SKMEMINFO, &[]),
            ]
            .into_iter(),
        );
        assert!(short.is_empty());
        assert!(Details::default().is_empty());
    }
}
