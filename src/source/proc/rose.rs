//! `/proc/net/rose`, `/proc/net/rose_nodes`, `/proc/net/rose_neigh`
//! (spec §3.12, §4.5, §8.14).

use super::cstdio::{Frame, sscanf};
use super::stdio::Fgets;
use crate::model::legacy::{Entry, RoseHop, RoseRoute, RoseSocket};

const LINE_SIZE: usize = 256;

/// 2.10's five word buffers, one byte too small for the longest values, lie
/// in this order: `dev[6] src_call[9] dest_call[9] src_addr[10]
/// dest_addr[10]`. A word fills its buffer and runs into the next one, as
/// observed on the Debian binary (spec §9 #22, reproduced): a 10-character
/// src_addr blanks dest_addr, a 9-character dest_call runs on into src_addr.
/// What follows dest_addr is left as spare room.
const DEV: usize = 0;
const SRC_CALL: usize = 6;
const DEST_CALL: usize = 15;
const SRC_ADDR: usize = 24;
const DEST_ADDR: usize = 34;
const WORDS_SIZE: usize = 44 + LINE_SIZE;

/// Parse the socket file: `%s %s %s %s %s %d %d %d` per line after the header
/// (dest_addr dest_call src_addr src_call dev lci neigh state; the LCI is hex
/// in the file but read as decimal).
pub fn parse_sockets(data: &[u8]) -> Vec<Entry<RoseSocket>> {
    let mut lines = Fgets::new(data, LINE_SIZE);
    let mut words = Frame::new(WORDS_SIZE);
    lines.next_line();
    let mut entries = Vec::new();
    while let Some(line) = lines.next_line() {
        let scanned = sscanf(line, "%s %s %s %s %s %d %d %d");
        for (i, slot) in [DEST_ADDR, DEST_CALL, SRC_ADDR, SRC_CALL, DEV]
            .into_iter()
            .enumerate()
        {
            if let Some(word) = scanned.word(i) {
                words.store(slot, word);
            }
        }
        let row = match (
            scanned.count(),
            scanned.int(5),
            scanned.int(6),
            scanned.int(7),
        ) {
            (8, Some(lci), Some(neigh), Some(state)) => Entry::Row(RoseSocket {
                dest_addr: words.cstr(DEST_ADDR).to_vec(),
                dest_call: words.cstr(DEST_CALL).to_vec(),
                src_addr: words.cstr(SRC_ADDR).to_vec(),
                src_call: words.cstr(SRC_CALL).to_vec(),
                device: words.cstr(DEV).to_vec(),
                lci,
                neigh,
                state,
            }),
            _ => Entry::Unreadable,
        };
        entries.push(row);
    }
    entries
}

/// Join the node file with the neighbour file the way 2.10 does. Per node:
/// the address is columns 0–9, the neighbour count the number at column 16,
/// neighbour i (from 0) the number at column 18+6i; every neighbour line
/// with that number contributes its callsign (columns 6–14) and device
/// (16–20). NULs are written at fixed columns of each line array first, so
/// short lines see what earlier lines left there.
///
/// A count larger than the line holds makes 2.10 read past its array;
/// here the walk stops at the array's end.
pub fn parse_routes(nodes: &[u8], neighbours: &[u8]) -> Vec<RoseRoute> {
    let mut nodes = Fgets::new(nodes, LINE_SIZE);
    let mut neighbours = Fgets::new(neighbours, LINE_SIZE);
    let mut node = Frame::new(LINE_SIZE);
    let mut neighbour = Frame::new(LINE_SIZE);
    node.fgets(0, LINE_SIZE, &mut nodes);
    let mut routes = Vec::new();
    while node.fgets(0, LINE_SIZE, &mut nodes) {
        for column in [10, 15, 17, 23, 29, 35] {
            node.set(column, 0);
        }
        let count = node.atoi(16);
        let mut hops = Vec::new();
        for i in 0..count.max(0) as usize {
            let column = 6 * (i + 3);
            if column >= LINE_SIZE {
                break;
            }
            let number = node.atoi(column as i64);
            neighbours.rewind();
            neighbour.fgets(0, LINE_SIZE, &mut neighbours);
            let mut matches = Vec::new();
            while neighbour.fgets(0, LINE_SIZE, &mut neighbours) {
                neighbour.set(15, 0);
                neighbour.set(21, 0);
                if neighbour.atoi(0) == number {
                    matches.push((neighbour.cstr(6).to_vec(), neighbour.cstr(16).to_vec()));
                }
            }
            hops.push(RoseHop { number, matches });
        }
        routes.push(RoseRoute {
            address: node.cstr(0).to_vec(),
            hops,
        });
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    const HEADER: &[u8] = b"dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs vr va   t  t1  t2  t3  hb    idle Snd-Q Rcv-Q inode\n";

    fn socket(line: &[u8]) -> Entry<RoseSocket> {
        let mut data = HEADER.to_vec();
        data.extend_from_slice(line);
        parse_sockets(&data).remove(0)
    }

    fn row(line: &[u8]) -> RoseSocket {
        match socket(line) {
            Entry::Row(r) => r,
            Entry::Unreadable => panic!("unreadable: {}", String::from_utf8_lossy(line)),
        }
    }

    #[test]
    fn lci_hex_read_as_decimal() {
        let r = row(b"2080123456 G4ABC-0   *          G4KLX-0   rose0 010 00001  2  0  0  0   0 200 180 180   5   0/000     0     0 777\n");
        assert_eq!((r.lci, r.neigh, r.state), (10, 1, 2));
        assert_eq!(r.dest_addr, b"2080123456");
        assert_eq!(
            socket(b"2080111111 G4DEF     2080654321 G4KLX-0   rose0 00A 00002  1\n"),
            Entry::Unreadable
        );
    }

    #[test]
    fn observed_buffer_overruns() {
        let r = row(b"2080123456 G4ABC-0 2080654321 G4KLX-0 rose0 1 1 3\n");
        assert_eq!(r.dest_addr, b"");
        assert_eq!(r.src_addr, b"2080654321");
        let r = row(b"da DDDDDDDDDEE sa sc dv 1 1 3\n");
        assert_eq!(r.dest_call, b"DDDDDDDDDsa");
        let r = row(b"da dc sa CCCCCCCCCXX dv 1 1 3\n");
        assert_eq!(r.dest_call, b"XX");
        let r = row(b"da dc sa sc VVVVVVWW 1 1 3\n");
        assert_eq!(
            (&r.src_call[..], &r.device[..]),
            (&b"WW"[..], &b"VVVVVVWW"[..])
        );
        let r = row(b"da dc SSSSSSSSSSTT sc dv 1 1 3\n");
        assert_eq!(r.dest_addr, b"TT");
    }

    #[test]
    fn routes_print_every_matching_neighbour() {
        let nodes = b"address    mask n neigh neigh neigh\n2080123456 0010 2 00001 00002\n";
        let neigh = b"addr  callsign  dev  count use mode restart  t0  tf digipeaters\n\
00001 G4ABC-5   ax0      1   2  DTE     yes   0   0\n\
00002 G4XYZ-5   ax1      1   0  DCE      no   0   0\n";
        let routes = parse_routes(nodes, neigh);
        assert_eq!(routes[0].address, b"2080123456");
        assert_eq!(routes[0].hops.len(), 2);
        assert_eq!(routes[0].hops[1].number, 2);
        assert_eq!(
            routes[0].hops[1].matches,
            vec![(b"G4XYZ-5  ".to_vec(), b"ax1  ".to_vec())]
        );
        // A missing neighbour file leaves every hop without matches.
        assert!(
            parse_routes(nodes, b"")[0]
                .hops
                .iter()
                .all(|h| h.matches.is_empty())
        );
    }

    #[test]
    fn bad_input_never_panics() {
        let huge_count = b"h\n2080123456 0010 2147483647 00001\n";
        for data in [&b""[..], b"h\n\n", huge_count, &[0u8; 300], &[b'9'; 1000]] {
            let _ = parse_sockets(data);
            let routes = parse_routes(data, data);
            assert!(routes.iter().all(|r| r.hops.len() <= LINE_SIZE / 6));
        }
    }

    #[test]
    fn mangled_files_never_panic() {
        let sockets = b"h\n2080123456 G4ABC-0   2080654321 G4KLX-0   rose0 001 00001  3  0  0  0   0 200 180 180   5   0/000     0     0 777\n";
        let nodes = b"address    mask n neigh neigh neigh\n2080123456 0010 3 00001 00002 00003\n";
        let neigh = b"addr  callsign  dev  count use mode restart  t0  tf digipeaters\n\
00001 G4ABC-5   ax0      1   2  DTE     yes   0   0\n";
        for data in crate::source::proc::mangled(sockets, ODD) {
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
