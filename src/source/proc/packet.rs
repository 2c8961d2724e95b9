//! `/proc/net/packet` (net/packet/af_packet.c, `packet_seq_show`): the
//! packet socket table when the kernel has no packet_diag.
//!
//! `%pK %-6d %-4d %04x   %-5d %1d %-6u %-6u %-6lu`: socket, RefCnt, Type,
//! Proto, Iface, R(unning), Rmem, User, Inode.

use super::Table;
use super::fields::Scanner;
use crate::model::families::PacketSocket;

pub const PATH: &str = "/proc/net/packet";
pub const BOGUS_WARNING: &str = "warning, got bogus packet line.";

/// Every row after the header; a line that does not scan is a warning.
pub fn parse(data: &[u8]) -> Table<PacketSocket> {
    Table::from_lines(super::lines(data).skip(1), BOGUS_WARNING, parse_line)
}

fn parse_line(line: &[u8]) -> Option<PacketSocket> {
    let mut s = Scanner::new(line);
    s.hex()?;
    s.dec()?;
    let kind = s.dec()?;
    let protocol = s.hex()?;
    let ifindex = s.dec()?;
    s.dec()?;
    let recv_q = s.udec()?;
    let uid = s.udec()?;
    let inode = s.udec()?;
    Some(PacketSocket {
        kind: u8::try_from(kind).ok()?,
        protocol: u16::try_from(protocol).ok()?,
        ifindex: u32::try_from(ifindex).ok()?,
        recv_q,
        uid: u32::try_from(uid).ok()?,
        inode,
        memory: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernels_layout() {
        let data = b"sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n\
00000000ac8ce031 3      3    0003   0     1 0      0      1431402\n\
00000000d884704e 3      2    0800   1     1 2304   1000   1431403\n\
garbage\n";
        let table = parse(data);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.rows[1],
            PacketSocket {
                kind: 2,
                protocol: 0x0800,
                ifindex: 1,
                recv_q: 2304,
                uid: 1000,
                inode: 1431403,
                memory: None,
            }
        );
        assert_eq!(table.rows[0].protocol, 3);
        assert_eq!(table.warnings, [BOGUS_WARNING]);
    }
}
