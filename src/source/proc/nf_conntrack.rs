//! `/proc/net/nf_conntrack`: the connection-tracking table as text, read by
//! `-M` when the ctnetlink dump is not available.
//!
//! One entry per line, fields separated by spaces:
//!
//! ```text
//! ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.1.2 dst=10.0.2.2 sport=40000 dport=80 \
//!     src=10.0.2.2 dst=10.0.2.1 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2
//! ```
//!
//! Layer-3 name and number, layer-4 name and number, the seconds left (absent
//! for offloaded entries), protocol words (the TCP state, `[UNREPLIED]`, ...),
//! then the original tuple and the reply tuple, each `src= dst=` followed by
//! `sport= dport=` (TCP, UDP, UDP-Lite, SCTP, DCCP), `type= code= id=` (ICMP,
//! ICMPv6) or `srckey= dstkey=` (GRE); other `key=value` words (counters,
//! mark, zone, use) are ignored. IPv6 addresses are written in full. The text
//! carries no status bits and no sequence adjustment.

use super::Table;
use crate::model::masquerade::{
    IPPROTO_DCCP, IPPROTO_GRE, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_TCP,
    IPPROTO_UDP, IPPROTO_UDPLITE, Ports, TrackedConnection, Tuple,
};
use std::net::IpAddr;

/// The logical path of the table.
pub const PATH: &str = "/proc/net/nf_conntrack";

const BOGUS: &str = "warning, got bogus nf_conntrack line.";

/// Parse the whole file (it has no header line). Entries of families other
/// than IPv4 and IPv6 are skipped; lines that cannot be read give a warning.
pub fn parse(data: &[u8]) -> Table<TrackedConnection> {
    let mut table = Table::default();
    for line in super::lines(data) {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(line) {
            Ok(Some(connection)) => table.rows.push(connection),
            Ok(None) => {}
            Err(Bogus) => table.warnings.push(BOGUS.to_string()),
        }
    }
    table
}

/// A line that does not have the kernel's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bogus;

/// One entry; `Ok(None)` for a family `-M` does not show.
pub fn parse_line(line: &[u8]) -> Result<Option<TrackedConnection>, Bogus> {
    let mut words = line
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .peekable();
    let _l3_name = words.next().ok_or(Bogus)?;
    let l3 = number::<u16>(words.next().ok_or(Bogus)?)?;
    let ipv6 = match l3 {
        2 => false,
        10 => true,
        _ => return Ok(None),
    };
    let _l4_name = words.next().ok_or(Bogus)?;
    let protocol = number::<u8>(words.next().ok_or(Bogus)?)?;
    let timeout = match words.peek() {
        Some(w) if w.iter().all(u8::is_ascii_digit) => {
            Some(number::<u32>(words.next().ok_or(Bogus)?)?)
        }
        _ => None,
    };
    let mut tuples = [TupleText::default(), TupleText::default()];
    let mut current = 0;
    for word in words {
        let Some(eq) = word.iter().position(|&b| b == b'=') else {
            continue; // a state name or a [FLAG]
        };
        let (key, value) = (&word[..eq], &word[eq + 1..]);
        if key == b"src" && tuples[current].source.is_some() {
            current += 1;
            if current == tuples.len() {
                break;
            }
        }
        let tuple = &mut tuples[current];
        match key {
            b"src" => tuple.source = Some(address(value, ipv6)?),
            b"dst" => tuple.destination = Some(address(value, ipv6)?),
            b"sport" | b"id" => tuple.source_port = Some(number::<u16>(value)?),
            b"dport" => tuple.destination_port = Some(number::<u16>(value)?),
            b"srckey" => tuple.source_port = Some(hex16(value)?),
            b"dstkey" => tuple.destination_port = Some(hex16(value)?),
            _ => {}
        }
    }
    let [original, reply] = tuples;
    Ok(Some(TrackedConnection {
        original: original.tuple(protocol)?,
        reply: reply.tuple(protocol)?,
        status: None,
        timeout,
        seq_adjust: None,
    }))
}

/// The fields of one tuple as they are met.
#[derive(Debug, Default)]
struct TupleText {
    source: Option<IpAddr>,
    destination: Option<IpAddr>,
    source_port: Option<u16>,
    destination_port: Option<u16>,
}

impl TupleText {
    fn tuple(self, protocol: u8) -> Result<Tuple, Bogus> {
        let ports = match protocol {
            IPPROTO_TCP | IPPROTO_UDP | IPPROTO_UDPLITE | IPPROTO_SCTP | IPPROTO_DCCP
            | IPPROTO_GRE => Ports::Ports {
                source: self.source_port.ok_or(Bogus)?,
                destination: self.destination_port.ok_or(Bogus)?,
            },
            IPPROTO_ICMP | IPPROTO_ICMPV6 => Ports::Icmp {
                id: self.source_port.ok_or(Bogus)?,
            },
            _ => Ports::None,
        };
        Ok(Tuple {
            source: self.source.ok_or(Bogus)?,
            destination: self.destination.ok_or(Bogus)?,
            protocol,
            ports,
        })
    }
}

fn number<T: std::str::FromStr>(text: &[u8]) -> Result<T, Bogus> {
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse().ok())
        .ok_or(Bogus)
}

/// GRE keys: `0x%x`.
fn hex16(text: &[u8]) -> Result<u16, Bogus> {
    let digits = text.strip_prefix(b"0x").ok_or(Bogus)?;
    std::str::from_utf8(digits)
        .ok()
        .and_then(|t| u16::from_str_radix(t, 16).ok())
        .ok_or(Bogus)
}

fn address(text: &[u8], ipv6: bool) -> Result<IpAddr, Bogus> {
    let address: IpAddr = std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse().ok())
        .ok_or(Bogus)?;
    if address.is_ipv6() == ipv6 {
        Ok(address)
    } else {
        Err(Bogus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.1.2 dst=10.0.2.2 sport=40000 dport=80 src=10.0.2.2 dst=10.0.2.1 sport=80 dport=40001 [ASSURED] mark=0 zone=0 use=2
ipv4     2 udp      17 25 src=10.0.1.2 dst=10.0.2.2 sport=5353 dport=53 packets=1 bytes=60 [UNREPLIED] src=10.0.2.2 dst=10.0.1.2 sport=53 dport=5353 packets=0 bytes=0 mark=0 use=1
ipv6     10 icmpv6   58 29 src=fd00:0001:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0002 type=128 code=0 id=4660 src=fd00:0002:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0001 type=129 code=0 id=4661 mark=0 use=1
ipv4     2 gre      47 170 timeout=180, stream_timeout=180 src=10.0.1.2 dst=10.0.2.2 srckey=0x1 dstkey=0x2a src=10.0.2.2 dst=10.0.2.1 srckey=0x2a dstkey=0x1 mark=0 use=1
ipv4     2 unknown  50 590 src=10.0.1.2 dst=10.0.2.2 src=10.0.2.2 dst=10.0.2.1 mark=0 use=1
ipv4     2 tcp      6 src=10.0.1.3 dst=10.0.2.2 sport=1 dport=2 src=10.0.2.2 dst=10.0.2.1 sport=2 dport=3 [OFFLOAD] mark=0 use=2
";

    #[test]
    fn reads_every_protocol_shape() {
        let table = parse(SAMPLE.as_bytes());
        assert!(table.warnings.is_empty(), "{:?}", table.warnings);
        let c = &table.rows;
        assert_eq!(c.len(), 6);
        assert_eq!(c[0].timeout, Some(431999));
        assert_eq!(c[0].reply.destination_port(), 40001);
        assert!(c[0].masquerade().is_some());
        assert!(c[1].masquerade().is_none(), "not translated");
        let icmp = c[2].masquerade().unwrap();
        assert_eq!(icmp.source, "fd00:1::2".parse::<IpAddr>().unwrap());
        assert_eq!(
            (icmp.source_port, icmp.destination_port, icmp.masq_port),
            (4660, 0, 4661)
        );
        assert_eq!(
            c[3].original.ports,
            Ports::Ports {
                source: 1,
                destination: 42
            }
        );
        assert_eq!(c[4].original.ports, Ports::None);
        assert_eq!(c[5].timeout, None);
    }

    #[test]
    fn other_families_are_skipped_silently() {
        let table = parse(b"unknown  7 tcp      6 10 mark=0 use=1\n\n");
        assert_eq!(table, Table::default());
    }

    #[test]
    fn malformed_lines_warn() {
        let bad = [
            "ipv4",
            "ipv4 x tcp 6",
            "ipv4 2 tcp 600 1 src=1.2.3.4",
            "ipv4 2 tcp 6 1 src=1.2.3.4 dst=1.2.3.5 sport=1 dport=2",
            "ipv4 2 tcp 6 1 src=fd00::1 dst=1.2.3.5 sport=1 dport=2 src=1.2.3.5 dst=1.2.3.4 sport=2 dport=1",
            "ipv4 2 tcp 6 1 src=1.2.3.4 dst=1.2.3.5 sport=99999 dport=2 src=1.2.3.5 dst=1.2.3.4 sport=2 dport=1",
            "ipv4 2 gre 47 1 src=1.2.3.4 dst=1.2.3.5 srckey=1 dstkey=0x2 src=1.2.3.5 dst=1.2.3.4 srckey=0x2 dstkey=0x1",
            "ipv4 2 icmp 1 1 src=1.2.3.4 dst=1.2.3.5 type=8 code=0 src=1.2.3.5 dst=1.2.3.4 type=0 code=0 id=1",
            "ipv4 2 tcp 6 1 src=1.2.\u{ff}3.4 dst=1.2.3.5",
        ];
        for line in bad {
            let table = parse(line.as_bytes());
            assert!(table.rows.is_empty(), "{line}");
            assert_eq!(table.warnings, vec![BOGUS], "{line}");
        }
    }

    #[test]
    fn truncated_and_odd_input_never_panics() {
        for input in crate::source::proc::mangled(
            SAMPLE.as_bytes(),
            &[0, b' ', b'\n', b'=', b'-', b'9', 0xff],
        ) {
            let _ = parse(&input);
        }
        let _ = parse(b"\xff\xfe\x00 2 \x00=\x00 src= dst= = == src=src=");
        let extra = "ipv4 2 udp 17 1 src=1.2.3.4 dst=1.2.3.5 sport=1 dport=2 src=1.2.3.5 dst=1.2.3.4 sport=2 dport=1 src=9.9.9.9 dst=9.9.9.9";
        assert_eq!(parse(extra.as_bytes()).rows.len(), 1);
    }
}
