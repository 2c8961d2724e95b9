//! Routing tables (spec §4): titles, headers, flag letters and rows in
//! net-tools' exact widths. Address texts come in already resolved.

use super::text::{left, left_cut, name, right};
use crate::model::route::{
    CacheLayout, CachedRoute, Ipv4Route, Ipv6Route, Neighbour, RouteUsage, flags,
};

/// The `-e` count turned into net-tools' route detail level (spec §1.6):
/// 1 and 2 swap, then the low two bits count. 0 prints only titles.
pub fn detail_level(extend: u32) -> u8 {
    let remapped = match extend {
        1 => 2,
        2 => 1,
        n => n,
    };
    (remapped & 3) as u8
}

pub const FIB_TITLE: &str = "Kernel IP routing table\n";
pub const CACHE_TITLE: &str = "Kernel IP routing cache\n";

/// The IPv4 FIB column header for a detail level ("" for level 0).
pub fn fib_header(level: u8) -> &'static str {
    match level {
        1 => "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n",
        2 => "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n",
        3 => {
            "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n"
        }
        _ => "",
    }
}

/// The routing cache column header. Level 3 depends on the file layout and
/// has none when the layout is unknown.
pub fn cache_header(level: u8, layout: Option<CacheLayout>) -> &'static str {
    match (level, layout) {
        (1, _) => "Source          Destination     Gateway         Flags Metric Ref    Use Iface\n",
        (2, _) => {
            "Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n"
        }
        (3, Some(CacheLayout::Linux20)) => {
            "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  HH  Arp\n"
        }
        (3, Some(CacheLayout::Linux22)) => {
            "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"
        }
        _ => "",
    }
}

/// The line net-tools prints when the cache header matches no known layout.
pub fn cache_layout_error(guess: u32) -> String {
    format!("ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: {guess}\n")
}

/// Append the letters of every set bit, in table order.
fn letters(text: &mut String, value: u32, table: &[(u32, &str)]) {
    for &(bit, letter) in table {
        if value & bit != 0 {
            text.push_str(letter);
        }
    }
}

/// Flags of a FIB row: `U`, `G`, then a reject route replaces both by `!`.
pub fn fib_flags(value: u32) -> String {
    let mut text = String::new();
    letters(&mut text, value, &[(flags::UP, "U"), (flags::GATEWAY, "G")]);
    if value & flags::REJECT != 0 {
        text = "!".to_string();
    }
    letters(
        &mut text,
        value,
        &[
            (flags::HOST, "H"),
            (flags::REINSTATE, "R"),
            (flags::DYNAMIC, "D"),
            (flags::MODIFIED, "M"),
            (flags::DEFAULT, "d"),
            (flags::ALLONLINK, "a"),
            (flags::ADDRCONF, "c"),
            (flags::NONEXTHOP, "o"),
            (flags::EXPIRES, "e"),
            (flags::CACHE, "c"),
            (flags::FLOW, "f"),
            (flags::POLICY, "p"),
            (flags::LOCAL, "l"),
            (flags::MTU, "u"),
            (flags::WINDOW, "w"),
            (flags::IRTT, "i"),
            (flags::NOTCACHED, "n"),
        ],
    );
    text
}

/// Flags of a routing cache row (the `RTCF_*` bits of the 2.2 kernels).
pub fn cache_flags(value: u32, layout: CacheLayout) -> String {
    let mut text = String::new();
    if layout == CacheLayout::Linux20 {
        letters(&mut text, value, &[(flags::UP, "U"), (flags::HOST, "H")]);
    }
    letters(&mut text, value, &[(flags::GATEWAY, "G")]);
    if value & flags::REJECT != 0 {
        text = "!".to_string();
    }
    letters(
        &mut text,
        value,
        &[
            (flags::REINSTATE, "R"),
            (flags::DYNAMIC, "D"),
            (flags::MODIFIED, "M"),
        ],
    );
    if layout == CacheLayout::Linux22 {
        letters(&mut text, value, &[(0x0001, "-"), (0x0004, "o")]);
    }
    letters(
        &mut text,
        value,
        &[
            (0x0001_0000, "n"),
            (0x0002_0000, "d"),
            (0x0008_0000, "t"),
            (0x0020_0000, "f"),
            (0x0040_0000, "q"),
            (0x0080_0000, "Ns"),
            (0x0100_0000, "r"),
            (0x0400_0000, "i"),
            (0x0800_0000, "Nd"),
            (0x1000_0000, "b"),
            (0x2000_0000, "m"),
            (0x4000_0000, "#"),
            (0x8000_0000, "l"),
        ],
    );
    text
}

/// Flags of an IPv6 route.
pub fn ipv6_flags(value: u32) -> String {
    let mut text = String::new();
    letters(
        &mut text,
        value,
        &[
            (flags::UP, "U"),
            (flags::REJECT, "!"),
            (flags::GATEWAY, "G"),
            (flags::HOST, "H"),
            (flags::DEFAULT, "D"),
            (flags::ADDRCONF, "A"),
            (flags::CACHE, "C"),
            (flags::ALLONLINK, "a"),
            (flags::EXPIRES, "e"),
            (flags::MODIFIED, "m"),
            (flags::NONEXTHOP, "n"),
            (flags::FLOW, "f"),
        ],
    );
    text
}

/// `%-Nd`
fn num_left(line: &mut Vec<u8>, value: impl ToString, width: usize) {
    left(line, value.to_string().as_bytes(), width);
}

/// `%Nd`
fn num_right(line: &mut Vec<u8>, value: impl ToString, width: usize) {
    right(line, value.to_string().as_bytes(), width);
}

/// Level 1: `Metric Ref Use Iface`.
fn usage_columns(line: &mut Vec<u8>, usage: &RouteUsage) {
    num_left(line, usage.metric, 6);
    line.push(b' ');
    num_left(line, usage.refcnt, 2);
    line.push(b' ');
    num_right(line, usage.use_count, 7);
    line.push(b' ');
    name(line, &usage.iface);
}

/// Level 2: `MSS Window irtt Iface`.
fn transfer_columns(line: &mut Vec<u8>, usage: &RouteUsage) {
    num_right(line, usage.mss, 5);
    line.push(b' ');
    num_left(line, usage.window, 5);
    line.push(b' ');
    num_right(line, usage.irtt, 6);
    line.push(b' ');
    name(line, &usage.iface);
}

/// Level 3 up to the window column and its separator: `Metric Ref Use Iface MSS Window `
/// (the irtt column differs between the tables).
fn columns_up_to_irtt(line: &mut Vec<u8>, usage: &RouteUsage) {
    num_left(line, usage.metric, 6);
    line.push(b' ');
    num_left(line, usage.refcnt, 3);
    line.push(b' ');
    num_right(line, usage.use_count, 6);
    line.push(b' ');
    left_cut(line, &usage.iface, 6);
    line.extend_from_slice(b"   ");
    num_left(line, usage.mss, 5);
    line.push(b' ');
    num_left(line, usage.window, 6);
    line.push(b' ');
}

/// The three address columns of a FIB row, resolved and cut to 15 bytes.
pub struct FibTexts<'a> {
    pub destination: &'a [u8],
    pub gateway: &'a [u8],
    pub mask: &'a [u8],
}

/// One FIB row at detail level 1, 2 or 3, newline included.
pub fn fib_row(line: &mut Vec<u8>, level: u8, row: &Ipv4Route, texts: &FibTexts) {
    let flag_text = fib_flags(row.flags);
    let reject = row.flags & flags::REJECT != 0;
    left(line, texts.destination, 15);
    line.push(b' ');
    if reject {
        // Neither gateway nor interface: the kernel writes `*` there.
        line.extend_from_slice(b"-               ");
    } else {
        left(line, texts.gateway, 15);
        line.push(b' ');
    }
    left(line, texts.mask, 15);
    line.push(b' ');
    left(line, flag_text.as_bytes(), 5);
    line.push(b' ');
    match (level, reject) {
        (1, false) => usage_columns(line, &row.usage),
        (1, true) => {
            num_left(line, row.usage.metric, 6);
            line.extend_from_slice(b" -  ");
            num_right(line, row.usage.use_count, 7);
            line.extend_from_slice(b" -");
        }
        (2, false) => transfer_columns(line, &row.usage),
        (2, true) => line.extend_from_slice(b"    - -          - -"),
        (_, false) => {
            columns_up_to_irtt(line, &row.usage);
            line.extend_from_slice(row.usage.irtt.to_string().as_bytes());
        }
        (_, true) => {
            num_left(line, row.usage.metric, 6);
            line.extend_from_slice(b" -  ");
            num_right(line, row.usage.use_count, 7);
            line.extend_from_slice(b" -        -     -      -");
        }
    }
    line.push(b'\n');
}

/// The four address columns of a routing cache row (never cut).
pub struct CacheTexts<'a> {
    pub source: &'a [u8],
    pub destination: &'a [u8],
    pub gateway: &'a [u8],
    pub spec_dst: &'a [u8],
}

/// One routing cache row at detail level 1, 2 or 3, newline included.
pub fn cache_row(
    line: &mut Vec<u8>,
    level: u8,
    layout: CacheLayout,
    row: &CachedRoute,
    texts: &CacheTexts,
) {
    for text in [texts.source, texts.destination, texts.gateway] {
        left(line, text, 15);
        line.push(b' ');
    }
    left(line, cache_flags(row.flags, layout).as_bytes(), 5);
    line.push(b' ');
    match level {
        1 => usage_columns(line, &row.usage),
        2 => transfer_columns(line, &row.usage),
        _ => {
            columns_up_to_irtt(line, &row.usage);
            num_left(line, row.usage.irtt, 5);
            line.push(b' ');
            match layout {
                CacheLayout::Linux20 => {
                    num_left(line, row.hh, 3);
                    line.push(b' ');
                    line.extend_from_slice(row.arp.to_string().as_bytes());
                }
                CacheLayout::Linux22 => {
                    num_left(line, row.tos, 3);
                    line.push(b' ');
                    num_left(line, row.hh_ref, 3);
                    line.extend_from_slice(b"   ");
                    num_left(line, row.hh_uptodate, 3);
                    line.push(b' ');
                    right(line, texts.spec_dst, 15);
                }
            }
        }
    }
    line.push(b'\n');
}

pub const IPV6_FIB_TITLE: &str = "Kernel IPv6 routing table\n";
pub const IPV6_CACHE_TITLE: &str = "Kernel IPv6 routing cache\n";
pub const IPV6_HEADER: &str =
    "Destination                    Next Hop                   Flag Met Ref  Use If\n";

/// net-tools builds address texts in 128-byte buffers.
const TEXT_LIMIT: usize = 127;

/// `ADDRESS/PREFIX` as net-tools `sprintf`s it into its text buffer.
fn with_prefix(address: &[u8], prefix_len: i32) -> Vec<u8> {
    let mut text = address.to_vec();
    text.push(b'/');
    text.extend_from_slice(prefix_len.to_string().as_bytes());
    text.truncate(TEXT_LIMIT);
    text
}

/// One IPv6 route row; `destination` and `next_hop` are the resolved texts.
pub fn ipv6_row(line: &mut Vec<u8>, row: &Ipv6Route, destination: &[u8], next_hop: &[u8]) {
    left(line, &with_prefix(destination, row.prefix_len), 30);
    line.push(b' ');
    left(line, &next_hop[..next_hop.len().min(TEXT_LIMIT)], 26);
    line.push(b' ');
    left(line, ipv6_flags(row.flags).as_bytes(), 4);
    line.push(b' ');
    num_left(line, row.metric, 3);
    line.push(b' ');
    num_left(line, row.refcnt, 1);
    line.push(b' ');
    num_right(line, row.use_count, 6);
    line.push(b' ');
    name(line, &row.iface);
    line.push(b'\n');
}

pub const NDISC_TITLE: &str = "Kernel IPv6 Neighbour Cache\n";

/// The neighbour cache header: level 2 has no timer columns.
pub fn ndisc_header(level: u8) -> &'static str {
    if level == 2 {
        "Neighbour                                   HW Address        Iface    Flags Ref State\n"
    } else {
        "Neighbour                                   HW Address        Iface    Flags Ref State            Stale(sec) Delete(sec)\n"
    }
}

/// Clock ticks per second of the timers in `/proc/net/ndisc`.
const CLOCK_TICKS: i64 = 100;

/// The Flags column of a neighbour cache row.
pub fn ndisc_flags(flags: i64) -> String {
    let mut text = String::new();
    for (bit, letter) in [(0x80, "R"), (0x04, "x"), (0x02, "h"), (0x08, "P")] {
        if flags & bit != 0 {
            text.push_str(letter);
        }
    }
    text
}

/// The State column of a neighbour cache row: one `NUD_*` name, else
/// `UNKNOWN(xx)`.
pub fn ndisc_state(state: i32) -> String {
    match state {
        0x00 => "NONE".to_string(),
        0x01 => "INCOMPLETE".to_string(),
        0x02 => "REACHABLE".to_string(),
        0x04 => "STALE".to_string(),
        0x08 => "DELAY".to_string(),
        0x10 => "PROBE".to_string(),
        0x20 => "FAILED".to_string(),
        0x40 => "NOARP".to_string(),
        0x80 => "PERM".to_string(),
        other => format!("UNKNOWN({other:02x})"),
    }
}

/// One neighbour cache row; `address` is the resolved text.
pub fn ndisc_row(line: &mut Vec<u8>, level: u8, row: &Neighbour, address: &[u8]) {
    const REACHABLE: i32 = 0x02;
    left(line, &with_prefix(address, row.prefix_len), 43);
    line.push(b' ');
    let mut hw = row.hw_parts.join(&b':');
    hw.truncate(19);
    left(line, &hw, 17);
    line.push(b' ');
    left(line, &row.iface, 8);
    line.push(b' ');
    left(line, ndisc_flags(row.flags).as_bytes(), 5);
    line.push(b' ');
    num_left(line, row.refcnt, 3);
    line.push(b' ');
    left(line, ndisc_state(row.state).as_bytes(), 16);
    if level != 2 {
        let stale = if row.state == REACHABLE && row.reachable > row.tstamp {
            row.reachable - row.tstamp
        } else {
            0
        };
        let gc = i64::from(row.gc);
        let delete = if gc > row.tstamp { gc - row.tstamp } else { 0 };
        line.push(b' ');
        num_left(line, stale / CLOCK_TICKS, 9);
        line.push(b' ');
        if row.refcnt != 0 {
            line.extend_from_slice(b" * ");
        } else {
            line.push(b' ');
            num_left(line, delete / CLOCK_TICKS, 7);
            line.push(b' ');
        }
    }
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn detail_levels() {
        let levels: Vec<u8> = (1..=7).map(detail_level).collect();
        assert_eq!(levels, [2, 1, 3, 0, 1, 2, 3]);
    }

    #[test]
    fn flag_letters() {
        assert_eq!(fib_flags(0x0003), "UG");
        assert_eq!(fib_flags(0x0201), "!");
        assert_eq!(fib_flags(0x0205), "!H");
        assert_eq!(fib_flags(0x0007), "UGH");
        assert_eq!(fib_flags(0xFFFF_FFFF), "!HRDMdacoecfpluwin");
        assert_eq!(cache_flags(0x8002_0000, CacheLayout::Linux22), "dl");
        assert_eq!(cache_flags(0x9000_0004, CacheLayout::Linux22), "obl");
        assert_eq!(cache_flags(0x0007, CacheLayout::Linux20), "UHG");
        assert_eq!(ipv6_flags(0x0020_0200), "!n");
        assert_eq!(ipv6_flags(0x8020_0001), "Un");
        assert_eq!(ipv6_flags(0x0000_0003), "UG");
    }

    fn route(flags: u32) -> Ipv4Route {
        Ipv4Route {
            destination: Ipv4Addr::UNSPECIFIED,
            gateway: Ipv4Addr::UNSPECIFIED,
            mask: Ipv4Addr::UNSPECIFIED,
            flags,
            usage: RouteUsage {
                iface: b"veth0".to_vec(),
                refcnt: 0,
                use_count: 0,
                metric: 5,
                mss: 1400,
                window: 8192,
                irtt: 300,
            },
        }
    }

    #[test]
    fn fib_rows_match_the_captured_examples() {
        let texts = FibTexts {
            destination: b"172.16.0.0",
            gateway: b"10.1.2.254",
            mask: b"255.255.0.0",
        };
        let render = |level, flags| {
            let mut line = Vec::new();
            fib_row(&mut line, level, &route(flags), &texts);
            String::from_utf8(line).unwrap()
        };
        assert_eq!(
            render(2, 3),
            "172.16.0.0      10.1.2.254      255.255.0.0     UG     1400 8192     300 veth0\n"
        );
        assert_eq!(
            render(1, 3),
            "172.16.0.0      10.1.2.254      255.255.0.0     UG    5      0        0 veth0\n"
        );
        assert_eq!(
            render(3, 3),
            "172.16.0.0      10.1.2.254      255.255.0.0     UG    5      0        0 veth0    1400  8192   300\n"
        );
        assert_eq!(
            render(2, 0x201),
            "172.16.0.0      -               255.255.0.0     !         - -          - -\n"
        );
        assert_eq!(
            render(1, 0x201),
            "172.16.0.0      -               255.255.0.0     !     5      -        0 -\n"
        );
        assert_eq!(
            render(3, 0x201),
            "172.16.0.0      -               255.255.0.0     !     5      -        0 -        -     -      -\n"
        );
    }

    #[test]
    fn cache_rows_match_the_fixture_examples() {
        let row = CachedRoute {
            destination: Ipv4Addr::LOCALHOST,
            gateway: Ipv4Addr::UNSPECIFIED,
            source: Ipv4Addr::LOCALHOST,
            flags: 0x9000_0004,
            usage: RouteUsage {
                iface: b"lo".to_vec(),
                refcnt: 1,
                use_count: 3,
                metric: 0,
                mss: 16436,
                window: 0,
                irtt: 0,
            },
            tos: 10,
            hh_ref: -1,
            hh_uptodate: 0,
            spec_dst: Ipv4Addr::LOCALHOST,
            hh: 0,
            arp: 0,
        };
        let texts = CacheTexts {
            source: b"localhost",
            destination: b"localhost",
            gateway: b"0.0.0.0",
            spec_dst: b"localhost",
        };
        let mut line = Vec::new();
        cache_row(&mut line, 2, CacheLayout::Linux22, &row, &texts);
        cache_row(&mut line, 3, CacheLayout::Linux22, &row, &texts);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "localhost       localhost       0.0.0.0         obl   16436 0          0 lo\n\
             localhost       localhost       0.0.0.0         obl   0      1        3 lo       16436 0      0     10  -1    0         localhost\n"
        );
    }

    #[test]
    fn ipv6_rows() {
        let row = Ipv6Route {
            destination: Ipv6Addr::UNSPECIFIED,
            prefix_len: 0,
            next_hop: Ipv6Addr::UNSPECIFIED,
            metric: -1,
            refcnt: 1,
            use_count: 0,
            flags: 0x0020_0200,
            iface: b"lo".to_vec(),
        };
        let mut line = Vec::new();
        ipv6_row(&mut line, &row, b"[::]", b"[::]");
        assert_eq!(
            line,
            b"[::]/0                         [::]                       !n   -1  1      0 lo\n"
        );
    }
}
