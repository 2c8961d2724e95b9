//! `/proc/net/ndisc`, the IPv6 neighbour cache of early 2.1/2.2 kernels
//! (spec §4.4). When it exists, `netstat -r -C -A inet6` shows it instead of
//! the IPv6 routing cache. Read like `ipv6_route`: one unchecked `sscanf` per
//! line into variables that persist from line to line.

use super::fields::Scanner;
use super::ipv6_route::Groups;
use super::stdio::Fgets;
use crate::model::route::Neighbour;
use std::net::Ipv6Addr;

pub const PATH: &str = "/proc/net/ndisc";

const ROW_BUFFER: usize = 1023;

/// Every line's row, in file order.
pub fn parse(data: &[u8]) -> Vec<Neighbour> {
    let mut state = State::default();
    Fgets::new(data, ROW_BUFFER).map_lines(|line| state.read(line))
}

#[derive(Default)]
struct State {
    groups: Groups,
    address: Option<Ipv6Addr>,
    row: Neighbour,
}

impl State {
    fn read(&mut self, line: &[u8]) -> Neighbour {
        let mut s = Scanner::new(line);
        let row = &mut self.row;
        let groups = &mut self.groups;
        // `%4s x8 %02x %02x %02x %02x %08lx %08lx %08lx %04x %04x %04lx %8s
        // %2s x6`: location, prefix length, type, state, expiry, timestamp,
        // reachable time, gc time, refcount, flags, device, hardware address.
        let _ = (|| -> Option<()> {
            groups.scan(&mut s)?;
            s.hex_max(2)?;
            row.prefix_len = s.hex_max(2)? as i32;
            s.hex_max(2)?;
            row.state = s.hex_max(2)? as i32;
            s.hex_max(8)?;
            row.tstamp = s.hex_max(8)? as i64;
            row.reachable = s.hex_max(8)? as i64;
            row.gc = s.hex_max(4)? as i32;
            row.refcnt = s.hex_max(4)? as i32;
            row.flags = s.hex_max(4)? as i64;
            row.iface = s.word_max(8)?.to_vec();
            for part in &mut row.hw_parts {
                *part = s.word_max(2)?.to_vec();
            }
            Some(())
        })();
        if let Some(a) = self.groups.address() {
            self.address = Some(a);
        }
        self.row.address = self.address.unwrap_or(Ipv6Addr::UNSPECIFIED);
        self.row.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_2_2_row() {
        let rows = parse(
            b"fe800000000000000202b3fffe1e8329 01 40 00 20 00000000 000012c0 00001388 0bb8 0000 0080     eth0 0002b31e8329\n",
        );
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            r.address,
            "fe80::202:b3ff:fe1e:8329".parse::<Ipv6Addr>().unwrap()
        );
        assert_eq!(
            (r.prefix_len, r.state, r.refcnt, r.flags),
            (64, 0x20, 0, 0x80)
        );
        assert_eq!((r.tstamp, r.reachable, r.gc), (0x12c0, 0x1388, 0xbb8));
        assert_eq!(r.iface, b"eth0");
        assert_eq!(r.hw_parts[0], b"00");
        assert_eq!(r.hw_parts[5], b"29");
    }

    #[test]
    fn garbage_repeats_the_previous_row() {
        let rows = parse(
            b"fe800000000000000000000000000001 01 40 00 20 0 0 0 0 1 0 eth0 0a0b0c0d0e0f\n\nx\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], rows[0]);
        assert_eq!(rows[0].refcnt, 1);
        assert!(parse(b"").is_empty());
    }

    #[test]
    fn mangled_input_never_panics() {
        let data = b"fe800000000000000202b3fffe1e8329 01 40 00 20 00000000 000012c0 00001388 0bb8 0000 0080     eth0 0002b31e8329\n";
        for input in crate::source::proc::mangled(
            data,
            &[0, b' ', b'\t', b'\n', b':', b'-', b'x', b'9', b'|', 0xff],
        ) {
            let _ = parse(&input);
        }
    }
}
