//! Route tables of AX.25, NET/ROM, ROSE, IPX, X.25 and AppleTalk (spec §4.5).

use super::text::{left, name};
use crate::model::legacy::{Ax25Route, DdpRoute, IpxRoute, NetromRoute, RoseRoute, X25Route};

pub const AX25_HEADER: &str = "Kernel AX.25 routing table\nDestination  Iface    Use\n";

/// `%-9s    %-5s  %5d`
pub fn ax25_row(line: &mut Vec<u8>, row: &Ax25Route) {
    left(line, &row.callsign, 9);
    line.extend_from_slice(b"    ");
    left(line, &row.device, 5);
    line.extend_from_slice(format!("  {:>5}\n", row.use_count).as_bytes());
}

pub const NETROM_HEADER: &str =
    "Kernel NET/ROM routing table\nDestination  Mnemonic  Quality  Neighbour  Iface\n";

/// `%-9s    %-7s   ` then, when a neighbour matched, `%3d      %-9s  %s\n`;
/// without one 2.10 leaves the line unterminated.
pub fn netrom_row(line: &mut Vec<u8>, row: &NetromRoute) {
    left(line, &row.callsign, 9);
    line.extend_from_slice(b"    ");
    left(line, &row.mnemonic, 7);
    line.extend_from_slice(b"   ");
    if let Some(n) = &row.neighbour {
        line.extend_from_slice(format!("{:>3}      ", n.quality).as_bytes());
        left(line, &n.callsign, 9);
        line.extend_from_slice(b"  ");
        name(line, &n.device);
        line.push(b'\n');
    }
}

pub const ROSE_HEADER: &str = "Kernel ROSE routing table\n\
Destination  neigh1 callsign  device  neigh2 callsign  device  neigh3 callsign  device\n";

/// `%-10s   `, per neighbour `%05d  ` and per matching neighbour line
/// `%-10s   %-4s`, then `\n`.
pub fn rose_row(line: &mut Vec<u8>, row: &RoseRoute) {
    left(line, &row.address, 10);
    line.extend_from_slice(b"   ");
    for hop in &row.hops {
        line.extend_from_slice(format!("{:05}  ", hop.number).as_bytes());
        for (callsign, device) in &hop.matches {
            left(line, callsign, 10);
            line.extend_from_slice(b"   ");
            left(line, device, 4);
        }
    }
    line.push(b'\n');
}

pub const IPX_HEADER: &str = "Kernel IPX routing table\n\
Destination               Router Net                Router Node\n";

/// `%-25s %-25s %-25s`
pub fn ipx_row(line: &mut Vec<u8>, row: &IpxRoute) {
    left(line, &row.network.text(), 25);
    line.push(b' ');
    left(line, &row.router_net.text(), 25);
    line.push(b' ');
    left(line, &row.router_node.text(), 25);
    line.push(b'\n');
}

pub const X25_HEADER: &str = "Kernel X.25 routing table\nDestination          Iface\n";

/// `*                    %-5s` for the default route, else
/// `%s/%*d   %-5s` with the width `digits − 17` (negative: left-aligned).
pub fn x25_row(line: &mut Vec<u8>, row: &X25Route) {
    if row.digits == 0 {
        line.extend_from_slice(b"*                    ");
    } else {
        name(line, &row.address);
        let width = (17 - row.digits).unsigned_abs() as usize;
        line.extend_from_slice(format!("/{:<width$}   ", row.digits).as_bytes());
    }
    left(line, &row.device, 5);
    line.push(b'\n');
}

pub const DDP_HEADER: &str = "Destination     Gateway         Device          Flags\n";

/// `%-16s%-16s%-16s%s`
pub fn ddp_row(line: &mut Vec<u8>, row: &DdpRoute) {
    left(line, &row.dest, 16);
    left(line, &row.gateway, 16);
    left(line, &row.device, 16);
    line.extend_from_slice(ddp_flags(row.flags).as_bytes());
    line.push(b'\n');
}

/// The route flag letters in net-tools' order; the AppleTalk printer appends
/// `!` for a reject route where the IPv4 one replaces the text with it.
pub fn ddp_flags(flags: u32) -> String {
    const LETTERS: [(u32, char); 20] = [
        (0x0001, 'U'),
        (0x0002, 'G'),
        (0x0200, '!'),
        (0x0004, 'H'),
        (0x0008, 'R'),
        (0x0010, 'D'),
        (0x0020, 'M'),
        (0x0001_0000, 'd'),
        (0x0002_0000, 'a'),
        (0x0004_0000, 'c'),
        (0x0020_0000, 'o'),
        (0x0040_0000, 'e'),
        (0x0100_0000, 'c'),
        (0x0200_0000, 'f'),
        (0x0400_0000, 'p'),
        (0x8000_0000, 'l'),
        (0x0040, 'u'),
        (0x0080, 'w'),
        (0x0100, 'i'),
        (0x0400, 'n'),
    ];
    LETTERS
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|&(_, letter)| letter)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::legacy::{IpxAddress, NetromNeighbour, RoseHop};

    #[test]
    fn ax25_and_netrom_rows() {
        let mut line = Vec::new();
        ax25_row(
            &mut line,
            &Ax25Route {
                callsign: b"default  ".to_vec(),
                device: b"ax0 ".to_vec(),
                use_count: 0,
            },
        );
        assert_eq!(line, b"default      ax0        0\n");
        line.clear();
        let mut route = NetromRoute {
            callsign: b"G4DEF-1  ".to_vec(),
            mnemonic: b"*      ".to_vec(),
            neighbour: Some(NetromNeighbour {
                quality: 90,
                callsign: b"G4XYZ-2  ".to_vec(),
                device: b"ax1 ".to_vec(),
            }),
        };
        netrom_row(&mut line, &route);
        assert_eq!(line, b"G4DEF-1      *          90      G4XYZ-2    ax1 \n");
        line.clear();
        route.neighbour = None;
        netrom_row(&mut line, &route);
        assert_eq!(line, b"G4DEF-1      *         ");
    }

    #[test]
    fn rose_ipx_x25_and_ddp_rows() {
        let mut line = Vec::new();
        rose_row(
            &mut line,
            &RoseRoute {
                address: b"2080123456".to_vec(),
                hops: vec![
                    RoseHop {
                        number: 1,
                        matches: vec![(b"G4ABC-5  ".to_vec(), b"ax0  ".to_vec())],
                    },
                    RoseHop {
                        number: 2,
                        matches: vec![(b"G4XYZ-5  ".to_vec(), b"ax1  ".to_vec())],
                    },
                ],
            },
        );
        assert_eq!(
            line,
            b"2080123456   00001  G4ABC-5      ax0  00002  G4XYZ-5      ax1  \n"
        );
        line.clear();
        let zero = IpxAddress::default();
        ipx_row(
            &mut line,
            &IpxRoute {
                network: IpxAddress {
                    network: 0x1234_5678,
                    node: [0; 6],
                },
                router_net: IpxAddress {
                    network: 0xD,
                    node: [0; 6],
                },
                router_node: IpxAddress {
                    network: 0,
                    node: [0xC0, 0, 0, 0, 0, 0],
                },
            },
        );
        assert_eq!(
            line,
            b"12345678                  0000000D                  C00000000000             \n"
        );
        assert_eq!(zero.text(), b"");
        line.clear();
        x25_row(
            &mut line,
            &X25Route {
                address: b"7010".to_vec(),
                digits: 4,
                device: b"x25a ".to_vec(),
            },
        );
        x25_row(
            &mut line,
            &X25Route {
                address: Vec::new(),
                digits: 0,
                device: b"tun0 ".to_vec(),
            },
        );
        assert_eq!(
            line,
            b"7010/4               x25a \n*                    tun0 \n"
        );
        line.clear();
        ddp_row(
            &mut line,
            &DdpRoute {
                dest: b"Default".to_vec(),
                gateway: b"FF00:01".to_vec(),
                flags: 3 | 0x200 | 0x8000_0000,
                device: b"eth0".to_vec(),
            },
        );
        assert_eq!(
            line,
            b"Default         FF00:01         eth0            UG!l\n"
        );
    }
}
