//! `/proc/net/ipv6_route` (spec §4.4, §8.6).
//!
//! net-tools reads each line with one `sscanf` into variables that live for
//! the whole table and never checks how many fields it got: every line
//! produces a row, and whatever a short or broken line does not supply is the
//! previous row's. Addresses are read as eight 4-character groups and parsed
//! back with `inet_pton`; an address that does not parse is also the previous
//! row's. This parser keeps that state machine (starting from zeros where
//! net-tools starts from uninitialised memory).

use super::fields::Scanner;
use super::stdio::Fgets;
use crate::model::route::Ipv6Route;
use std::net::Ipv6Addr;

pub const PATH: &str = "/proc/net/ipv6_route";

/// net-tools reads rows with `fgets(buff, 1023, ...)`.
const ROW_BUFFER: usize = 1023;

/// Every line's row, in file order.
pub fn parse(data: &[u8]) -> Vec<Ipv6Route> {
    let mut state = State::default();
    Fgets::new(data, ROW_BUFFER).map_lines(|line| state.read(line))
}

/// An address as eight groups of up to four characters (`%4s` eight times).
#[derive(Default, Clone)]
pub struct Groups([Vec<u8>; 8]);

impl Groups {
    /// Scan the groups; stops at the first that cannot be read (`None`), the
    /// ones before it already replaced.
    pub fn scan(&mut self, s: &mut Scanner) -> Option<()> {
        for group in &mut self.0 {
            *group = s.word_max(4)?.to_vec();
        }
        Some(())
    }

    /// `inet_pton` of `g0:g1:...:g7`.
    pub fn address(&self) -> Option<Ipv6Addr> {
        let text = self.0.join(&b':');
        std::str::from_utf8(&text).ok()?.parse().ok()
    }
}

/// The variables net-tools scans into.
#[derive(Default)]
struct State {
    destination: Groups,
    prefix_len: i32,
    source: Groups,
    source_len: i32,
    next_hop: Groups,
    metric: i32,
    refcnt: i32,
    use_count: i32,
    flags: u32,
    iface: Vec<u8>,
    /// The parsed addresses, kept when a later text does not parse.
    destination_address: Option<Ipv6Addr>,
    next_hop_address: Option<Ipv6Addr>,
}

impl State {
    fn read(&mut self, line: &[u8]) -> Ipv6Route {
        let mut s = Scanner::new(line);
        // `%4s x8 %02x %4s x8 %02x %4s x8 %08x %08x %08x %08x %15s`; the
        // first failing conversion ends the scan.
        let _ = (|| -> Option<()> {
            self.destination.scan(&mut s)?;
            self.prefix_len = s.hex_max(2)? as i32;
            self.source.scan(&mut s)?;
            self.source_len = s.hex_max(2)? as i32;
            self.next_hop.scan(&mut s)?;
            self.metric = s.hex_max(8)? as i32;
            self.refcnt = s.hex_max(8)? as i32;
            self.use_count = s.hex_max(8)? as i32;
            self.flags = s.hex_max(8)? as u32;
            self.iface = s.word_max(15)?.to_vec();
            Some(())
        })();
        if let Some(a) = self.destination.address() {
            self.destination_address = Some(a);
        }
        if let Some(a) = self.next_hop.address() {
            self.next_hop_address = Some(a);
        }
        Ipv6Route {
            destination: self.destination_address.unwrap_or(Ipv6Addr::UNSPECIFIED),
            prefix_len: self.prefix_len,
            next_hop: self.next_hop_address.unwrap_or(Ipv6Addr::UNSPECIFIED),
            metric: self.metric,
            refcnt: self.refcnt,
            use_count: self.use_count,
            flags: self.flags,
            iface: self.iface.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTE: &str = "20010db8000100000000000000000000 30 00000000000000000000000000000000 00 20010db80000000000000000000000fe 00000400 00000001 00000000 00000003    veth0\n";

    #[test]
    fn kernel_row() {
        let rows = parse(ROUTE.as_bytes());
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.destination, "2001:db8:1::".parse::<Ipv6Addr>().unwrap());
        assert_eq!(r.prefix_len, 48);
        assert_eq!(r.next_hop, "2001:db8::fe".parse::<Ipv6Addr>().unwrap());
        assert_eq!((r.metric, r.refcnt, r.use_count, r.flags), (1024, 1, 0, 3));
        assert_eq!(r.iface, b"veth0");
    }

    #[test]
    fn unreachable_default_route_has_metric_minus_one() {
        let rows = parse(b"00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n");
        assert_eq!(rows[0].metric, -1);
        assert_eq!(rows[0].flags, 0x0020_0200);
    }

    #[test]
    fn short_and_blank_lines_repeat_the_previous_values() {
        let data = format!("{ROUTE}\nfe800000000000000000000000000000 40 00000000\n");
        let rows = parse(data.as_bytes());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], rows[0]);
        assert_eq!(rows[2].destination, "fe80::".parse::<Ipv6Addr>().unwrap());
        assert_eq!(rows[2].prefix_len, 64);
        assert_eq!(rows[2].next_hop, rows[0].next_hop);
        assert_eq!(rows[2].iface, b"veth0");
    }

    #[test]
    fn unparsable_address_keeps_the_previous_one() {
        let data = format!(
            "{ROUTE}{}",
            ROUTE.replacen("2001", "zz01", 1).replace("veth0", "veth1")
        );
        let rows = parse(data.as_bytes());
        assert_eq!(rows[1].destination, rows[0].destination);
        assert_eq!(rows[1].iface, b"veth1");
    }

    #[test]
    fn widths_split_overlong_fields() {
        // `%08x` takes 8 digits: "100000400" gives metric 0x10000040, and the
        // remaining "0" becomes the refcnt; every later field slips.
        let line = ROUTE.replace("00000400", "100000400");
        let r = &parse(line.as_bytes())[0];
        assert_eq!(
            (r.metric, r.refcnt, r.use_count, r.flags),
            (0x1000_0040, 0, 1, 0)
        );
        assert_eq!(r.iface, b"00000003");
        let long = ROUTE.replace("veth0", "abcdefghijklmnopqrstuvwxyz");
        assert_eq!(parse(long.as_bytes())[0].iface, b"abcdefghijklmno");
    }

    #[test]
    fn empty_and_garbage_input() {
        assert!(parse(b"").is_empty());
        let rows = parse(b"garbage\n\xff\xfe\n\0\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].destination, Ipv6Addr::UNSPECIFIED);
        assert_eq!(rows[0].flags, 0);
    }

    #[test]
    fn mangled_input_never_panics() {
        for input in crate::source::proc::mangled(
            ROUTE.as_bytes(),
            &[0, b' ', b'\t', b'\n', b':', b'-', b'x', b'9', b'|', 0xff],
        ) {
            let _ = parse(&input);
        }
    }
}
