//! `/proc/net/netlink` (net/netlink/af_netlink.c, `netlink_seq_show`): the
//! netlink socket table when the kernel has no netlink_diag.
//!
//! `%pK %-3d %-10u %08x %-8d %-8d %-5d %-8d %-8u %-8lu`: socket, Eth
//! (protocol), Pid (port id), Groups (the first 32), Rmem, Wmem, Dump, Locks,
//! Drops, Inode.

use super::Table;
use super::fields::Scanner;
use crate::model::families::NetlinkSocket;

pub const PATH: &str = "/proc/net/netlink";
pub const BOGUS_WARNING: &str = "warning, got bogus netlink line.";

/// Every row after the header; a line that does not scan is a warning.
pub fn parse(data: &[u8]) -> Table<NetlinkSocket> {
    Table::from_lines(super::lines(data).skip(1), BOGUS_WARNING, parse_line)
}

fn parse_line(line: &[u8]) -> Option<NetlinkSocket> {
    let mut s = Scanner::new(line);
    s.hex()?;
    let protocol = s.dec()?;
    // Printed unsigned; the kernel's own ids for taken ports are negative.
    let port_id = s.udec()? as u32 as i32;
    let groups = u32::try_from(s.hex()?).ok()?;
    let recv_q = s.dec()?;
    let send_q = s.dec()?;
    for _ in 0..3 {
        s.dec()?;
    }
    let inode = s.udec()?;
    Some(NetlinkSocket {
        protocol: u8::try_from(protocol).ok()?,
        port_id,
        groups: vec![groups],
        recv_q: u64::try_from(recv_q).ok()?,
        send_q: u64::try_from(send_q).ok()?,
        inode,
        memory: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernels_layout() {
        let data = b"sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n\
000000002360f514 0   4294962205 00000005 0        0        0     2        0        1124    \n\
00000000d25f3989 4   0          00000000 832      4352     0     2        0        1026    \n\
0000 x\n";
        let table = parse(data);
        assert_eq!(table.rows.len(), 2);
        let route = &table.rows[0];
        assert_eq!(
            (route.protocol, route.port_id, route.inode),
            (0, -5091, 1124)
        );
        assert_eq!(route.group_numbers().collect::<Vec<_>>(), [1, 3]);
        let diag = &table.rows[1];
        assert_eq!((diag.protocol, diag.recv_q, diag.send_q), (4, 832, 4352));
        assert_eq!(table.warnings, [BOGUS_WARNING]);
    }
}
