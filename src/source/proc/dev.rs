//! `/proc/net/dev` (spec §5.1, §8.8): interface names and their counters.
//!
//! Read as 2.10 (with Debian's bounds-checked name parser) reads it: in
//! `fgets` pieces of at most 511 bytes, two header lines skipped, the layout
//! taken from the second, then one `sscanf` per line that stops at the first
//! field that is not a number. Fields a line does not give keep their old
//! value, which matters when a name appears twice.

use super::fields::{Scanner, is_space};
use super::stdio::Fgets;
use crate::model::interface::InterfaceStats;

/// 2.10 reads this file with `fgets(buf, 512, ...)`.
const LINE_BUFFER: usize = 512;

/// The longest name 2.10 keeps (`IFNAMSIZ - 1`).
pub const NAME_MAX: usize = 15;

/// The three layouts 2.10 knows, told apart by the second header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Linux 2.2+: 16 numbers (the header mentions `compressed`).
    Compressed,
    /// Linux 2.1: 13 numbers (the header mentions `bytes`).
    Bytes,
    /// Linux 2.0: 11 numbers, no byte counts.
    Packets,
}

impl Layout {
    fn of(header: &[u8]) -> Layout {
        let has = |word: &[u8]| header.windows(word.len()).any(|w| w == word);
        if has(b"compressed") {
            Layout::Compressed
        } else if has(b"bytes") {
            Layout::Bytes
        } else {
            Layout::Packets
        }
    }

    /// How many numbers a line has.
    fn len(self) -> usize {
        match self {
            Layout::Compressed => 16,
            Layout::Bytes => 13,
            Layout::Packets => 11,
        }
    }

    /// The fields of a line, in order.
    fn fields(self, s: &mut InterfaceStats) -> Vec<&mut u64> {
        // Every field of the current layout, and whether the older ones have it (they keep the
        // order, leaving some out).
        let every = [
            (&mut s.rx_bytes, Layout::Bytes),
            (&mut s.rx_packets, Layout::Packets),
            (&mut s.rx_errors, Layout::Packets),
            (&mut s.rx_dropped, Layout::Packets),
            (&mut s.rx_fifo, Layout::Packets),
            (&mut s.rx_frame, Layout::Packets),
            (&mut s.rx_compressed, Layout::Compressed),
            (&mut s.rx_multicast, Layout::Compressed),
            (&mut s.tx_bytes, Layout::Bytes),
            (&mut s.tx_packets, Layout::Packets),
            (&mut s.tx_errors, Layout::Packets),
            (&mut s.tx_dropped, Layout::Packets),
            (&mut s.tx_fifo, Layout::Packets),
            (&mut s.collisions, Layout::Packets),
            (&mut s.tx_carrier, Layout::Packets),
            (&mut s.tx_compressed, Layout::Compressed),
        ];
        every
            .into_iter()
            .filter(|(_, oldest)| self.has_fields_of(*oldest))
            .map(|(field, _)| field)
            .collect()
    }

    /// Whether this layout has every field `other` has (each layout adds to the one before).
    fn has_fields_of(self, other: Layout) -> bool {
        let age = |layout| match layout {
            Layout::Packets => 0,
            Layout::Bytes => 1,
            Layout::Compressed => 2,
        };
        age(self) >= age(other)
    }
}

/// One interface line: the name and the numbers that could be read, in
/// layout order (fewer than the layout has when a field was not a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevLine {
    pub name: Vec<u8>,
    pub layout: Layout,
    pub values: Vec<u64>,
}

impl DevLine {
    /// Store the line's numbers into `stats`, as 2.10's `sscanf` does into an
    /// interface's counters; the fields older layouts lack are then zeroed.
    pub fn apply(&self, stats: &mut InterfaceStats) {
        for (field, value) in self.layout.fields(stats).into_iter().zip(&self.values) {
            *field = *value;
        }
        match self.layout {
            Layout::Compressed => {}
            Layout::Bytes => stats.rx_multicast = 0,
            Layout::Packets => {
                stats.rx_bytes = 0;
                stats.tx_bytes = 0;
                stats.rx_multicast = 0;
            }
        }
    }
}

/// Every interface line, in file order (duplicates kept; a blank line is an
/// interface with an empty name, as in 2.10).
pub fn parse(data: &[u8]) -> Vec<DevLine> {
    let mut lines = Fgets::new(data, LINE_BUFFER);
    let first = lines.next_line().map(<[u8]>::to_vec);
    let second = lines.next_line().map(<[u8]>::to_vec);
    let layout = Layout::of(second.or(first).as_deref().unwrap_or_default());
    let mut out = Vec::new();
    while let Some(line) = lines.next_line() {
        let (name, rest) = split_name(line);
        let mut scan = Scanner::new(rest);
        let values = std::iter::from_fn(|| scan.udec())
            .take(layout.len())
            .collect();
        out.push(DevLine {
            name: name.to_vec(),
            layout,
            values,
        });
    }
    out
}

/// Split `  name: numbers` into the name and the rest (Debian's bounded
/// `get_name`): leading blanks skipped; the name ends at a blank, at a `:`
/// (which is consumed) or after 15 bytes (the rest then goes to the numbers).
/// `name:DIGITS:` is an alias name and keeps its `:DIGITS`.
pub fn split_name(line: &[u8]) -> (Vec<u8>, &[u8]) {
    let mut p = line.iter().take_while(|&&b| is_space(b)).count();
    let mut name = Vec::new();
    while p < line.len() && !is_space(line[p]) && name.len() < NAME_MAX {
        if line[p] == b':' {
            let digits = line[p + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if line.get(p + 1 + digits) == Some(&b':') {
                name.push(b':');
                p += 1;
                while p < line.len() && line[p].is_ascii_digit() && name.len() < NAME_MAX {
                    name.push(line[p]);
                    p += 1;
                }
            }
            if line.get(p) == Some(&b':') {
                p += 1;
            }
            break;
        }
        name.push(line[p]);
        p += 1;
    }
    (name, &line[p..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] = b"Inter-|   Receive                                                |  Transmit\n \
face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    fn file(rows: &[u8]) -> Vec<u8> {
        [HEADER, rows].concat()
    }

    fn stats(line: &DevLine) -> InterfaceStats {
        let mut s = InterfaceStats::default();
        line.apply(&mut s);
        s
    }

    #[test]
    fn current_layout() {
        let lines = parse(&file(
            b"    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n\
              veth0: 570 7 1 2 3 4 5 6 938 11 7 8 9 10 11 12\n",
        ));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].name, b"lo");
        assert_eq!(stats(&lines[0]).rx_bytes, 3193);
        assert_eq!(stats(&lines[0]).tx_packets, 29);
        let s = stats(&lines[1]);
        assert_eq!(
            (
                s.rx_errors,
                s.rx_fifo,
                s.rx_frame,
                s.rx_multicast,
                s.tx_fifo,
                s.collisions,
                s.tx_carrier,
                s.tx_compressed
            ),
            (1, 3, 4, 6, 9, 10, 11, 12)
        );
    }

    #[test]
    fn older_layouts() {
        let lines = parse(b"h1\n face |bytes packets\n eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13\n");
        assert_eq!(lines[0].layout, Layout::Bytes);
        let s = stats(&lines[0]);
        assert_eq!(
            (s.rx_bytes, s.rx_frame, s.tx_bytes, s.tx_carrier),
            (1, 6, 7, 13)
        );
        let lines = parse(b"h1\nh2\n eth0: 1 2 3 4 5 6 7 8 9 10 11 12\n");
        assert_eq!(lines[0].layout, Layout::Packets);
        let s = stats(&lines[0]);
        assert_eq!(
            (s.rx_packets, s.tx_packets, s.tx_carrier, s.rx_bytes),
            (1, 6, 11, 0)
        );
        // Only one header line: the layout comes from it.
        assert!(parse(b"compressed\n").is_empty());
    }

    #[test]
    fn every_layout_fills_its_fields_in_order() {
        // Values 1, 2, ... in file order; the counters listed in the current layout's order.
        let filled = |layout: Layout| {
            let s = stats(&DevLine {
                name: b"x".to_vec(),
                layout,
                values: (1..=layout.len() as u64).collect(),
            });
            [
                s.rx_bytes,
                s.rx_packets,
                s.rx_errors,
                s.rx_dropped,
                s.rx_fifo,
                s.rx_frame,
                s.rx_compressed,
                s.rx_multicast,
                s.tx_bytes,
                s.tx_packets,
                s.tx_errors,
                s.tx_dropped,
                s.tx_fifo,
                s.collisions,
                s.tx_carrier,
                s.tx_compressed,
            ]
        };
        assert_eq!(
            filled(Layout::Compressed),
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        );
        assert_eq!(
            filled(Layout::Bytes),
            [1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 13, 0]
        );
        assert_eq!(
            filled(Layout::Packets),
            [0, 1, 2, 3, 4, 5, 0, 0, 0, 6, 7, 8, 9, 10, 11, 0]
        );
    }

    #[test]
    fn huge_negative_and_missing_numbers() {
        let lines = parse(&file(
            b"  lo: 99999999999999999999999 18446744073709551615 -1 3\n tun0:x 1 2\n",
        ));
        let s = stats(&lines[0]);
        assert_eq!(
            (s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped),
            (u64::MAX, u64::MAX, u64::MAX, 3)
        );
        assert_eq!(s.tx_bytes, 0);
        assert!(lines[1].values.is_empty());
    }

    #[test]
    fn a_duplicate_keeps_what_the_second_line_does_not_give() {
        let lines = parse(&file(b" a: 1 2 3 4\n a: 9\n"));
        let mut s = InterfaceStats::default();
        lines[0].apply(&mut s);
        lines[1].apply(&mut s);
        assert_eq!((s.rx_bytes, s.rx_packets, s.rx_errors), (9, 2, 3));
    }

    #[test]
    fn names() {
        assert_eq!(split_name(b"  eth0: 1"), (b"eth0".to_vec(), &b" 1"[..]));
        assert_eq!(
            split_name(b"veth0:12345678 1"),
            (b"veth0".to_vec(), &b"12345678 1"[..])
        );
        assert_eq!(split_name(b"eth0:1: 5"), (b"eth0:1".to_vec(), &b" 5"[..]));
        assert_eq!(split_name(b"a:b: 5"), (b"a".to_vec(), &b"b: 5"[..]));
        assert_eq!(
            split_name(b"abcdefghijklmnopqrst: 1"),
            (b"abcdefghijklmno".to_vec(), &b"pqrst: 1"[..])
        );
        assert_eq!(
            split_name(b"abcdefghijklm:123: 1"),
            (b"abcdefghijklm:1".to_vec(), &b"23: 1"[..])
        );
        assert_eq!(split_name(b"\n"), (Vec::new(), &b""[..]));
        assert_eq!(
            split_name(b"odd\x01\xff\xa0: 1"),
            (b"odd\x01\xff\xa0".to_vec(), &b" 1"[..])
        );
    }

    #[test]
    fn a_future_column_is_ignored() {
        let lines = parse(
            b"h1\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed lateness\n\
              veth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
        );
        assert_eq!(lines[0].values.len(), 16);
        assert_eq!(stats(&lines[0]).tx_compressed, 16);
    }

    #[test]
    fn blank_lines_and_empty_files() {
        assert!(parse(b"").is_empty());
        assert!(parse(HEADER).is_empty());
        let lines = parse(&file(b"\n"));
        assert_eq!(lines[0].name, b"");
    }

    #[test]
    fn long_lines_arrive_in_pieces() {
        let mut row = b"  eth0:".to_vec();
        for _ in 0..60 {
            row.extend_from_slice(b" 123456789");
        }
        row.push(b'\n');
        let lines = parse(&file(&row));
        // 7 + 50 * 10 = 507 bytes fit in the first piece; the rest is a line of its own.
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].values.len(), 16);
        assert_eq!(lines[1].name, b"456789");
    }

    #[test]
    fn survives_every_cut_and_odd_byte() {
        let data = file(b"    lo: 3193 29 0 0 0 0 0 0 3193 29 0 0 0 0 0 0\nveth0:1: 5 6\n");
        for input in crate::source::proc::mangled(&data, &[0, b' ', b'\n', b':', b'-', b'9', 0xff])
        {
            for line in parse(&input) {
                line.apply(&mut InterfaceStats::default());
            }
        }
    }
}
