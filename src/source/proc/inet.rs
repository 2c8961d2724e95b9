//! `/proc/net/{tcp,udp,udplite,raw}{,6}` (spec §3.3, §8.1, §8.2).

use super::fields::Scanner;
use crate::model::{InetProto, InetSocket};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The logical paths of a protocol's IPv4 and IPv6 tables.
pub fn paths(proto: InetProto) -> (&'static str, &'static str) {
    match proto {
        InetProto::Tcp => ("/proc/net/tcp", "/proc/net/tcp6"),
        InetProto::Udp => ("/proc/net/udp", "/proc/net/udp6"),
        InetProto::UdpLite => ("/proc/net/udplite", "/proc/net/udplite6"),
        InetProto::Raw => ("/proc/net/raw", "/proc/net/raw6"),
        // No such files: without sock_diag, MPTCP has "no support".
        InetProto::Mptcp => ("/proc/net/mptcp", "/proc/net/mptcp6"),
    }
}

/// The rows of one table.
pub type Table = super::Table<InetSocket>;

/// Reads the rows of one table in file order. A truncated line takes its
/// missing fields from the line before (see [`parse_line`]), so the parser
/// remembers the last row it read.
pub struct LineParser {
    previous: InetSocket,
}

impl LineParser {
    pub fn new(proto: InetProto, ipv6_table: bool) -> Self {
        LineParser {
            previous: empty_row(proto, ipv6_table),
        }
    }

    /// One line after the header; `None` is a bogus line. The row stays
    /// valid until the next call.
    pub fn parse(&mut self, line: &[u8]) -> Option<&InetSocket> {
        self.previous = parse_line(line, &self.previous)?;
        Some(&self.previous)
    }
}

/// The stderr warning for a line that does not scan.
pub fn bogus_warning(proto: InetProto) -> &'static str {
    match proto {
        InetProto::Tcp | InetProto::Mptcp => "warning, got bogus tcp line.",
        InetProto::Udp | InetProto::UdpLite => "warning, got bogus udp line.",
        InetProto::Raw => "warning, got bogus raw line.",
    }
}

/// A row of zeros: what the first line of a file starts from.
pub fn empty_row(proto: InetProto, ipv6_table: bool) -> InetSocket {
    InetSocket {
        proto,
        ipv6_table,
        local: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        local_port: 0,
        remote: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        remote_port: 0,
        state: 0,
        tx_queue: 0,
        rx_queue: 0,
        timer: 0,
        timer_ticks: 0,
        retransmits: 0,
        uid: 0,
        timeout: 0,
        inode: 0,
        diag: None,
    }
}

/// One line, read the way net-tools' `sscanf` reads it:
/// `%d: %64[hex]:%X %64[hex]:%X %X %lX:%lX %X:%lX %lX %d %d %lu`.
/// TCP needs 11 converted fields, the others 10. Fields after the last one
/// converted keep the values of `previous` (the row before in the same file):
/// net-tools leaves them in uninitialised locals, which in practice still hold
/// the previous line's values, and reproducing that keeps truncated lines
/// byte-compatible.
pub fn parse_line(line: &[u8], previous: &InetSocket) -> Option<InetSocket> {
    let needed = if previous.proto.is_tcp() { 11 } else { 10 };
    let mut s = Scanner::new(line);
    let mut count = 0;
    let mut row = previous.clone();
    // Each step converts one field; the closure form lets the first failure
    // stop the scan just as sscanf does.
    let mut scan = || -> Option<()> {
        s.dec()?;
        count += 1;
        s.literal(b':')?;
        s.skip_ws();
        let local = s.set(64, |b| b.is_ascii_hexdigit())?;
        count += 1;
        s.literal(b':')?;
        row.local_port = s.hex()? as u16;
        count += 1;
        s.skip_ws();
        let remote = s.set(64, |b| b.is_ascii_hexdigit())?;
        count += 1;
        // The address family is decided by the local address's length, per row.
        let v6 = local.len() > 8;
        row.local = address(local, v6);
        row.remote = address(remote, v6);
        s.literal(b':')?;
        row.remote_port = s.hex()? as u16;
        count += 1;
        row.state = s.hex()? as u32;
        count += 1;
        row.tx_queue = s.hex()?;
        count += 1;
        s.literal(b':')?;
        row.rx_queue = s.hex()?;
        count += 1;
        row.timer = s.hex()? as u32;
        count += 1;
        s.literal(b':')?;
        row.timer_ticks = s.hex()?;
        count += 1;
        row.retransmits = s.hex()?;
        count += 1;
        // `%d` stores into a C int: the value is truncated to 32 bits.
        row.uid = i64::from(s.dec()? as i32);
        count += 1;
        row.timeout = i64::from(s.dec()? as i32);
        count += 1;
        row.inode = s.udec()?;
        Some(())
    };
    scan();
    (count >= needed).then_some(row)
}

/// A hex address field: up to 8 digits is IPv4, more is IPv6 as four native-order
/// 32-bit words (spec §2.1).
fn address(hex: &[u8], v6: bool) -> IpAddr {
    if v6 {
        let mut octets = [0u8; 16];
        for (i, chunk) in hex.chunks(8).take(4).enumerate() {
            let word = parse_hex32(chunk);
            octets[i * 4..i * 4 + 4].copy_from_slice(&word.to_ne_bytes());
        }
        IpAddr::V6(Ipv6Addr::from(octets))
    } else {
        IpAddr::V4(Ipv4Addr::from(parse_hex32(hex).to_ne_bytes()))
    }
}

fn parse_hex32(hex: &[u8]) -> u32 {
    hex.iter().fold(0u32, |acc, &d| {
        (acc << 4) | (d as char).to_digit(16).unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole table, header skipped.
    fn parse(data: &[u8], proto: InetProto, ipv6_table: bool) -> Table {
        let mut parser = LineParser::new(proto, ipv6_table);
        Table::from_lines(
            super::super::lines(data).skip(1),
            bogus_warning(proto),
            |line| parser.parse(line).cloned(),
        )
    }

    const TCP: &[u8] = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:1770 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 24776 1 000000007a0f608d 100 0 0 10 0\n";

    #[test]
    fn parses_a_listener() {
        let t = parse(TCP, InetProto::Tcp, false);
        assert!(t.warnings.is_empty());
        let r = &t.rows[0];
        assert_eq!(r.local, IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        assert_eq!(r.local_port, 6000);
        assert_eq!(r.state, 10);
        assert_eq!(r.uid, 65534);
        assert_eq!(r.inode, 24776);
        assert!(r.is_listening());
    }

    #[test]
    fn ipv6_words_are_native_order() {
        let line = b"   0: 0000000000000000FFFF00000100007F:0015 00000000000000000000000001000000:9C43 01 00000000:00000064 00:00000000 00000000     0        0 1 1";
        let r = parse_line(line, &empty_row(InetProto::Tcp, true)).unwrap();
        assert_eq!(r.local, "::ffff:127.0.0.1".parse::<IpAddr>().unwrap());
        assert_eq!(r.remote, "::1".parse::<IpAddr>().unwrap());
        assert_eq!(r.rx_queue, 100);
    }

    #[test]
    fn short_and_garbage_lines_are_bogus() {
        let data = b"header\n   0: 0100007F:0016\n\ngarbage here\n   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000\n";
        let t = parse(data, InetProto::Tcp, false);
        assert_eq!(t.rows.len(), 0);
        assert_eq!(t.warnings, vec!["warning, got bogus tcp line."; 4]);
        let t = parse(data, InetProto::Udp, false);
        assert_eq!(t.rows.len(), 1, "udp needs only 10 fields");
        assert_eq!(t.warnings.len(), 3);
    }

    #[test]
    fn huge_numbers_and_states_do_not_panic() {
        let line = b"   0: 0100007F:FFFFF 0100007F:0000 FFFFFFFFFF FFFFFFFFFFFFFFFFFFFFFF:1 00:FFFFFFFFFFFFFFFFFFFF 0 99999999999999999999 -5 99999999999999999999999";
        let r = parse_line(line, &empty_row(InetProto::Tcp, false)).unwrap();
        assert_eq!(r.tx_queue, u64::MAX);
        assert_eq!(r.uid, -1, "LONG_MAX stored into a C int");
        assert_eq!(r.inode, u64::MAX);
    }

    #[test]
    fn truncated_rows_keep_the_previous_rows_later_fields() {
        let data = b"header\n   0: 0100007F:0016 0100007F:0001 01 00000000:00000000 00:00000000 00000000  1000        3 77\n   1: 0100007F:0017 0100007F:0002 01 00000000:00000000 00:00000000 00000000     5\n";
        let t = parse(data, InetProto::Tcp, false);
        assert_eq!(t.rows[1].uid, 5);
        assert_eq!((t.rows[1].timeout, t.rows[1].inode), (3, 77));
    }

    #[test]
    fn empty_and_header_only_files() {
        assert_eq!(parse(b"", InetProto::Raw, false), Table::default());
        assert_eq!(
            parse(b"header only\n", InetProto::Raw, true),
            Table::default()
        );
    }
}
