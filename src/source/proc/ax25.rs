//! `/proc/net/ax25` and `/proc/net/ax25_route` (spec §3.12, §4.5, §8.12).

use super::cstdio::{Frame, sscanf};
use super::stdio::Fgets;
use crate::model::legacy::{Ax25Layout, Ax25Route, Ax25Socket, Ax25Table, Entry};

/// 2.10's `ax25_info` keeps `char buf[16]` (the device of the old layout)
/// directly before `char buffer[256]` (the line), so a long device word
/// runs into the line.
const DEVICE: usize = 0;
const LINE: usize = 16;
const LINE_SIZE: usize = 256;

/// After the device: state, vs, vr, then Send-Q and Recv-Q near the end.
const COLUMNS_FORMAT: &str =
    "%s %d %d %d %*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d %*d %*d %d %d %*d";
/// After the destination: state, vs, vr, 14 numbers, Send-Q, Recv-Q, inode.
const WORDS_FORMAT: &str =
    "%d %d %d %*d %*d %*d %*d %*d %*d %*d %*d %*d %*d %*d %*d %*d %*d %d %d %*d";

/// Parse the socket file. The first line decides the layout: `dest_addr…`
/// is the 2.0/2.1 header, anything else is already a 2.2+ row.
pub fn parse_sockets(data: &[u8]) -> Ax25Table {
    let mut stream = Fgets::new(data, LINE_SIZE);
    let mut frame = Frame::new(LINE + LINE_SIZE);
    let mut table = Ax25Table {
        layout: Ax25Layout::Words,
        entries: Vec::new(),
    };
    let mut first = true;
    while frame.fgets(LINE, LINE_SIZE, &mut stream) {
        if first {
            first = false;
            if frame.cstr(LINE).starts_with(b"dest_addr") {
                table.layout = Ax25Layout::Columns;
                continue;
            }
        }
        let entry = match table.layout {
            Ax25Layout::Columns => columns_row(&mut frame),
            Ax25Layout::Words => words_row(&mut frame),
        };
        table
            .entries
            .push(entry.map_or(Entry::Unreadable, Entry::Row));
    }
    table
}

/// 2.0/2.1: dest in columns 0–8, source in 10–18, the rest from column 20.
fn columns_row(frame: &mut Frame) -> Option<Ax25Socket> {
    frame.set(LINE + 9, 0);
    frame.set(LINE + 19, 0);
    let rest = frame.cstr(LINE + 20).to_vec();
    let scanned = sscanf(&rest, COLUMNS_FORMAT);
    if let Some(device) = scanned.word(0) {
        frame.store(DEVICE, device);
    }
    let count = scanned.count();
    if count != 4 && count != 6 {
        return None;
    }
    Some(Ax25Socket {
        dest: frame.cstr(LINE).to_vec(),
        source: frame.cstr(LINE + 10).to_vec(),
        device: frame.cstr(DEVICE).to_vec(),
        state: scanned.int(1)?,
        vs: scanned.int(2)?,
        vr: scanned.int(3)?,
        send_q: scanned.int(4).unwrap_or(0),
        recv_q: scanned.int(5).unwrap_or(0),
    })
}

/// 2.2+: `MAGIC DEV SRC DEST[,DIGI…] numbers…`. 2.10 walks to each space
/// without looking for the line's end (it runs on through what the previous
/// lines left in the array) and cuts the words with NULs in place.
fn words_row(frame: &mut Frame) -> Option<Ax25Socket> {
    let device = next_space(frame, LINE)? + 1;
    let source = cut_at_space(frame, device)?;
    let dest = cut_at_space(frame, source)?;
    let rest = cut_at_space(frame, dest)?;
    let numbers = frame.cstr(rest).to_vec();
    let scanned = sscanf(&numbers, WORDS_FORMAT);
    let count = scanned.count();
    if count != 3 && count != 5 {
        return None;
    }
    // Digipeaters follow the first comma of the destination.
    let mut end = dest;
    while !matches!(frame.get(end), 0 | b',') {
        end += 1;
    }
    frame.set(end, 0);
    Some(Ax25Socket {
        dest: frame.cstr(dest).to_vec(),
        source: frame.cstr(source).to_vec(),
        device: frame.cstr(device).to_vec(),
        state: scanned.int(0)?,
        vs: scanned.int(1)?,
        vr: scanned.int(2)?,
        send_q: scanned.int(3).unwrap_or(0),
        recv_q: scanned.int(4).unwrap_or(0),
    })
}

/// The offset of the next space at or after `from` inside the line array;
/// `None` where 2.10 would run past the array into unrelated memory.
fn next_space(frame: &Frame, from: usize) -> Option<usize> {
    (from..LINE + LINE_SIZE).find(|&i| frame.get(i) == b' ')
}

/// Replace the next space at or after `from` with a NUL; the offset after it.
fn cut_at_space(frame: &mut Frame, from: usize) -> Option<usize> {
    let space = next_space(frame, from)?;
    frame.set(space, 0);
    Some(space + 1)
}

/// Parse `/proc/net/ax25_route`: callsign in columns 0–8, device in 10–13,
/// the number at column 15 (the mode word in 2.2+ files, so 0).
pub fn parse_routes(data: &[u8]) -> Vec<Ax25Route> {
    let mut stream = Fgets::new(data, LINE_SIZE);
    let mut line = Frame::new(LINE_SIZE);
    line.fgets(0, LINE_SIZE, &mut stream);
    let mut routes = Vec::new();
    while line.fgets(0, LINE_SIZE, &mut stream) {
        line.set(9, 0);
        line.set(14, 0);
        routes.push(Ax25Route {
            callsign: line.cstr(0).to_vec(),
            device: line.cstr(10).to_vec(),
            use_count: line.atoi(15),
        });
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    fn rows(table: &Ax25Table) -> Vec<&Ax25Socket> {
        table
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Row(r) => Some(r),
                Entry::Unreadable => None,
            })
            .collect()
    }

    #[test]
    fn current_layout_strips_digipeaters_and_reads_star_queues() {
        let data = b"00000000b4f6c1a2 ax0 G4KLX-1 G4ABC-2,DIGI1*,DIGI2 3 1 2 1 0 3 0 0 0 300 0 10 0 10 1 2 256 120 340 12345\n\
                     00000000c5a7d2b3 ax1 N0CALL* G4XYZ 0 0 0 1 0 3 0 0 0 300 0 10 0 10 1 2 256 * * *\n";
        let table = parse_sockets(data);
        assert_eq!(table.layout, Ax25Layout::Words);
        let r = rows(&table);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].dest, b"G4ABC-2");
        assert_eq!(r[0].source, b"G4KLX-1");
        assert_eq!((r[0].state, r[0].vs, r[0].vr), (3, 1, 2));
        assert_eq!((r[0].send_q, r[0].recv_q), (120, 340));
        assert_eq!(r[1].source, b"N0CALL*");
        assert_eq!((r[1].send_q, r[1].recv_q), (0, 0));
    }

    #[test]
    fn old_layout_long_device_runs_into_the_line() {
        let device = [b'D'; 20];
        let mut line = b"G4ABC-2   G4KLX-1   ".to_vec();
        line.extend_from_slice(&device);
        line.extend_from_slice(b" 3 1 2 0 0/0 0/0 0/0 0/0 0/0 0 0 0 5 6 7\n");
        let mut data = b"dest_addr src\n".to_vec();
        data.extend_from_slice(&line);
        let table = parse_sockets(&data);
        assert_eq!(table.layout, Ax25Layout::Columns);
        let r = rows(&table);
        // 20 bytes into a 16-byte array: 4 land in the line, then the NUL.
        assert_eq!(r[0].dest, b"DDDD");
        assert_eq!(r[0].device, [b'D'; 20]);
        assert_eq!((r[0].send_q, r[0].recv_q), (5, 6));
    }

    #[test]
    fn malformed_lines_never_panic() {
        let inputs: [&[u8]; 6] = [
            b"",
            b"nospace",
            b"a b c\n",
            b"dest_addr\nshort\n\n",
            &[b' '; 600],
            b"x ax0 S D 99999999999999999999 -1 +2 z\n\xff\x00 \x00 \x00 1 2 3\n",
        ];
        for data in inputs {
            let _ = parse_sockets(data);
            let _ = parse_routes(data);
        }
        assert!(matches!(
            parse_sockets(b"nospace\n").entries[..],
            [Entry::Unreadable]
        ));
    }

    #[test]
    fn routes_use_columns() {
        let data = b"callsign  dev  mode digipeaters\ndefault   ax0     *\nG4ABC-2   ax0     vc DIGI1 DIGI2\nG4OLD     ax1  42\n";
        let routes = parse_routes(data);
        assert_eq!(routes.len(), 3);
        assert_eq!(routes[0].callsign, b"default  ");
        assert_eq!(routes[0].device, b"ax0 ");
        assert_eq!(routes[0].use_count, 0);
        assert_eq!(routes[2].use_count, 42);
    }

    #[test]
    fn mangled_files_never_panic() {
        let sockets = b"00000000b4f6c1a2 ax0 G4KLX-1 G4ABC-2,DIGI1*,DIGI2 3 1 2 1 0 3 0 0 0 300 0 10 0 10 1 2 256 120 340 12345\n\
                        0 ax1 N0CALL* G4XYZ 0 0 0 1 0 3 0 0 0 300 0 10 0 10 1 2 256 * * *\n";
        let old =
            b"dest_addr src\nG4ABC-2   G4KLX-1   ax0 3 1 2 0 0/0 0/0 0/0 0/0 0/0 0 0 0 5 6 7\n";
        let routes = b"callsign  dev  mode digipeaters\ndefault   ax0     *\nG4ABC-2   ax0     vc DIGI1 DIGI2\n";
        for sample in [&sockets[..], old, routes] {
            for data in crate::source::proc::mangled(sample, ODD) {
                let _ = parse_sockets(&data);
                let _ = parse_routes(&data);
            }
        }
    }
}
