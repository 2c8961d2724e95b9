//! `/proc/net/nr`, `/proc/net/nr_nodes`, `/proc/net/nr_neigh`
//! (spec §3.12, §4.5, §8.13).

use super::cstdio::{Frame, sscanf};
use super::stdio::Fgets;
use crate::model::legacy::{Entry, NetromNeighbour, NetromRoute, NetromSocket};

/// 2.10's `netrom_info` keeps `char dev[16]` directly before
/// `char buffer[256]`, so a long device word runs into the line.
const DEVICE: usize = 0;
const LINE: usize = 16;
const LINE_SIZE: usize = 256;

/// From column 30: device, two `index/id` pairs, state, vs, vr, va, five
/// timer pairs, window, Send-Q, Recv-Q, inode.
const SOCKET_FORMAT: &str =
    "%s %*x/%*x %*x/%*x %d %d %d %*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d %d %d %*d";

/// Parse the socket file: user, dest and source are columns 0–8, 10–18 and
/// 20–28 (with the kernel's padding); the header line is skipped.
pub fn parse_sockets(data: &[u8]) -> Vec<Entry<NetromSocket>> {
    let mut stream = Fgets::new(data, LINE_SIZE);
    let mut frame = Frame::new(LINE + LINE_SIZE);
    frame.fgets(LINE, LINE_SIZE, &mut stream);
    let mut entries = Vec::new();
    while frame.fgets(LINE, LINE_SIZE, &mut stream) {
        entries.push(socket_row(&mut frame).map_or(Entry::Unreadable, Entry::Row));
    }
    entries
}

fn socket_row(frame: &mut Frame) -> Option<NetromSocket> {
    for column in [9, 19, 29] {
        frame.set(LINE + column, 0);
    }
    let rest = frame.cstr(LINE + 30).to_vec();
    let scanned = sscanf(&rest, SOCKET_FORMAT);
    if let Some(device) = scanned.word(0) {
        frame.store(DEVICE, device);
    }
    if scanned.count() != 6 {
        return None;
    }
    Some(NetromSocket {
        user: frame.cstr(LINE).to_vec(),
        dest: frame.cstr(LINE + 10).to_vec(),
        source: frame.cstr(LINE + 20).to_vec(),
        device: frame.cstr(DEVICE).to_vec(),
        state: scanned.int(1)?,
        vs: scanned.int(2)?,
        vr: scanned.int(3)?,
        send_q: scanned.int(4)?,
        recv_q: scanned.int(5)?,
    })
}

/// Join the node file with the neighbour file the way 2.10 does: for each
/// node (callsign columns 0–8, mnemonic 10–16, route count `w` at 19), the
/// quality and neighbour number of route `w` sit at columns 24+15(w−1) and
/// 32+15(w−1); the first neighbour line starting with that number gives the
/// callsign (columns 6–14) and device (16–19). Both files share one line
/// array, so short lines see what the other file left in it.
pub fn parse_routes(nodes: &[u8], neighbours: &[u8]) -> Vec<NetromRoute> {
    let mut nodes = Fgets::new(nodes, LINE_SIZE);
    let mut neighbours = Fgets::new(neighbours, LINE_SIZE);
    let mut line = Frame::new(LINE_SIZE);
    line.fgets(0, LINE_SIZE, &mut nodes);
    let mut routes = Vec::new();
    while line.fgets(0, LINE_SIZE, &mut nodes) {
        line.set(9, 0);
        line.set(17, 0);
        let route_index = i64::from(line.atoi(19)) - 1;
        let callsign = line.cstr(0).to_vec();
        let mnemonic = line.cstr(10).to_vec();
        let quality = line.atoi(24 + 15 * route_index);
        let number = line.atoi(32 + 15 * route_index);
        neighbours.rewind();
        line.fgets(0, LINE_SIZE, &mut neighbours);
        let mut neighbour = None;
        while line.fgets(0, LINE_SIZE, &mut neighbours) {
            if line.atoi(0) == number {
                line.set(15, 0);
                line.set(20, 0);
                neighbour = Some(NetromNeighbour {
                    quality,
                    callsign: line.cstr(6).to_vec(),
                    device: line.cstr(16).to_vec(),
                });
                break;
            }
        }
        routes.push(NetromRoute {
            callsign,
            mnemonic,
            neighbour,
        });
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    const NR: &[u8] = b"user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2     t4      idle   n2  wnd Snd-Q Rcv-Q inode\n\
G4KLX     G4ABC-3   G4KLX-15  nr0  01/02 03/04  3   5   7   5   0/180  0/05   0/180   0/015  0/03   4    10    20 4242\n\
short\n";

    #[test]
    fn columns_and_the_short_line_that_reuses_the_previous_one() {
        let entries = parse_sockets(NR);
        let Entry::Row(first) = &entries[0] else {
            panic!("first row unreadable")
        };
        assert_eq!(first.user, b"G4KLX    ");
        assert_eq!(first.source, b"G4KLX-15 ");
        assert_eq!(first.device, b"nr0");
        assert_eq!((first.state, first.vs, first.vr), (3, 5, 7));
        assert_eq!((first.send_q, first.recv_q), (10, 20));
        // 2.10 scans column 30 onwards of the array: the previous line's data.
        let Entry::Row(second) = &entries[1] else {
            panic!("short row unreadable")
        };
        assert_eq!(second.user, b"short\n");
        assert_eq!(second.dest, b"G4ABC-3  ");
    }

    #[test]
    fn a_line_without_numbers_is_unreadable() {
        let entries = parse_sockets(b"header\n*         *         G4KLX-15  ???  xx\n");
        assert_eq!(entries, vec![Entry::Unreadable]);
    }

    #[test]
    fn routes_join_the_neighbour_file() {
        let nodes = b"callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n\
G4ABC-3   ABCNOD   1 2  200   6 00001  150   5 00002\n\
G4DEF-1   *        2 2  100   6 00001   90   6 00002\n\
G4NONE    *        1 1  100   6 00009\n";
        let neigh = b"addr  callsign  dev  qual lock count failed digipeaters\n\
00001 G4ABC-1   ax0   200    0     3      0\n\
00002 G4XYZ-2   ax1   150    1     1      0 DIGI1\n";
        let routes = parse_routes(nodes, neigh);
        assert_eq!(routes.len(), 3);
        let n = routes[0].neighbour.as_ref().unwrap();
        assert_eq!(
            (n.quality, &n.callsign[..], &n.device[..]),
            (200, &b"G4ABC-1  "[..], &b"ax0 "[..])
        );
        let n = routes[1].neighbour.as_ref().unwrap();
        assert_eq!((n.quality, &n.callsign[..]), (90, &b"G4XYZ-2  "[..]));
        assert_eq!(routes[1].mnemonic, b"*      ");
        assert_eq!(routes[2].neighbour, None);
    }

    #[test]
    fn bad_input_never_panics() {
        let huge = b"x\nAAAAAAAAA BBBBBBB  99999999999 1\nZ 2147483647\n-2147483648\n";
        for data in [&b""[..], b"\n\n\n", huge, &[0xffu8; 700]] {
            let _ = parse_sockets(data);
            let _ = parse_routes(data, data);
            let _ = parse_routes(data, b"");
        }
    }

    #[test]
    fn mangled_files_never_panic() {
        let nodes = b"callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n\
G4ABC-3   ABCNOD   2 2  200   6 00001  150   5 00002\n";
        let neigh = b"addr  callsign  dev  qual lock count failed digipeaters\n\
00001 G4ABC-1   ax0   200    0     3      0\n00002 G4XYZ-2   ax1   150    1     1      0 DIGI1\n";
        for data in crate::source::proc::mangled(NR, ODD) {
            let _ = parse_sockets(&data);
        }
        for data in crate::source::proc::mangled(nodes, ODD) {
            let _ = parse_routes(&data, neigh);
        }
        for data in crate::source::proc::mangled(neigh, ODD) {
            let _ = parse_routes(nodes, &data);
        }
    }
}
