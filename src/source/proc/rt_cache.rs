//! `/proc/net/rt_cache`, the IPv4 routing cache (spec §4.3, §8.7, §9 #27).
//!
//! Since Linux 3.6 the file holds only its header. Older kernels wrote one of
//! two layouts, told apart by the words of the header (net-tools'
//! `proc_guess_fmt`); the columns themselves are then matched like
//! `/proc/net/route`'s. Rows need twelve values; the later ones keep the
//! previous row's value when a row ends early. The TOS column is hex in the
//! file but read as decimal, so a hex letter ends the scan there (§9 #27).

use super::columns::{Conversion, HeaderError, row_format};
use super::route::{header_and_rows, hex_address, usage};
use crate::model::route::{CacheLayout, CachedRoute};
use std::net::Ipv4Addr;

pub const PATH: &str = "/proc/net/rt_cache";

/// The header words `proc_guess_fmt` looks for, with their codes.
const GUESS: &[(&str, u32)] = &[
    ("IRTT", 1),
    ("TOS", 2),
    ("HHRef", 4),
    ("HHUptod", 8),
    ("SpecDst", 16),
    ("HH", 32),
    ("ARP", 64),
];

/// The columns up to IRTT, shared by both layouts.
const COMMON: [(&str, Conversion); 11] = super::route::columns("Source");

const LINUX20_TAIL: [(&str, Conversion); 2] = [("HH", Conversion::Dec), ("ARP", Conversion::Dec)];

const LINUX22_TAIL: [(&str, Conversion); 4] = [
    ("TOS", Conversion::Dec),
    ("HHRef", Conversion::Dec),
    ("HHUptod", Conversion::Dec),
    ("SpecDst", Conversion::Word(127)),
];

/// Fewer values than this and the row is skipped.
const MIN_VALUES: usize = 12;

/// What net-tools makes of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// `proc_guess_fmt`'s sum: 63 for the 2.2 layout, 97 for 2.0.36.
    pub guess: u32,
    /// `None` when the sum is neither (net-tools prints an `ERROR:` line).
    pub layout: Option<CacheLayout>,
    /// The layout's columns are not all in the header: net-tools warns and
    /// prints no rows, yet finishes with status 0.
    pub header_problem: Option<HeaderError>,
    pub rows: Vec<CachedRoute>,
}

/// Parse the file; `None` when it has no first line at all (net-tools then
/// reports the failed read and exits).
pub fn parse(data: &[u8]) -> Option<Table> {
    // net-tools reads the header line twice (rewinding in between): once to
    // guess the layout, once to match the columns.
    let (header, mut file) = header_and_rows(data)?;
    let guess = super::columns::guess_layout(&header, GUESS);
    let layout = match guess {
        63 => Some(CacheLayout::Linux22),
        97 => Some(CacheLayout::Linux20),
        _ => None,
    };
    let mut table = Table {
        guess,
        layout,
        header_problem: None,
        rows: Vec::new(),
    };
    let Some(layout) = layout else {
        return Some(table);
    };
    let mut columns = COMMON.to_vec();
    match layout {
        CacheLayout::Linux20 => columns.extend_from_slice(&LINUX20_TAIL),
        CacheLayout::Linux22 => columns.extend_from_slice(&LINUX22_TAIL),
    }
    match row_format(&header, &columns) {
        Ok(format) => {
            let mut state = Carried::default();
            while let Some(line) = file.next_line() {
                let values = format.scan(line).values;
                if let Some(row) = state.row(layout, &values) {
                    table.rows.push(row);
                }
            }
        }
        Err(problem) => table.header_problem = Some(problem),
    }
    Some(table)
}

/// Everything net-tools keeps from one row to the next.
#[derive(Default)]
struct Carried {
    /// mss, window, irtt, then the layout's extra numbers (tos, hh_ref,
    /// hh_uptodate or hh, arp): each slot is overwritten only when scanned.
    numbers: [i32; 7],
    /// The one address buffer every column is parsed into: a column that
    /// does not parse shows whatever was parsed last.
    last_address: Option<Ipv4Addr>,
}

impl Carried {
    fn row(
        &mut self,
        layout: CacheLayout,
        values: &[super::columns::Value],
    ) -> Option<CachedRoute> {
        // Values 9 and up land in the persisting slots even for skipped rows
        // (the 2.2 SpecDst word is handled below).
        for (slot, value) in self.numbers.iter_mut().zip(values.iter().skip(8)) {
            if !matches!(value, super::columns::Value::Word(_)) {
                *slot = value.int();
            }
        }
        if values.len() < MIN_VALUES {
            return None;
        }
        let destination = self.address(values[1].word());
        let gateway = self.address(values[2].word());
        let source = self.address(values[7].word());
        // When SpecDst was not scanned net-tools parses the previous row's
        // printed text, which never looks like eight hex digits for a dotted
        // quad: the column then shows the last address parsed, the Source.
        let spec_dst = self.address(values.get(14).map_or(&b""[..], |v| v.word()));
        let [mss, window, irtt, a, b, c, _] = self.numbers;
        let (tos, hh_ref, hh_uptodate, hh, arp) = match layout {
            CacheLayout::Linux22 => (a, b, c, 0, 0),
            CacheLayout::Linux20 => (0, 0, 0, a, b),
        };
        Some(CachedRoute {
            destination,
            gateway,
            source,
            flags: values[3].uint(),
            usage: usage(values, [mss, window, irtt]),
            tos,
            hh_ref,
            hh_uptodate,
            spec_dst,
            hh,
            arp,
        })
    }

    fn address(&mut self, word: &[u8]) -> Ipv4Addr {
        if let Some(address) = hex_address(word) {
            self.last_address = Some(address);
        }
        self.last_address.unwrap_or(Ipv4Addr::UNSPECIFIED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER22: &str = "Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst";
    const HEADER20: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tHH\tARP";

    fn file(header: &str, rows: &[&str]) -> Vec<u8> {
        let mut data = format!("{header:<127}\n").into_bytes();
        for row in rows {
            data.extend_from_slice(format!("{row:<127}\n").as_bytes());
        }
        data
    }

    #[test]
    fn current_kernels_have_only_the_header() {
        let t = parse(&file(HEADER22, &[])).unwrap();
        assert_eq!(t.guess, 63);
        assert_eq!(t.layout, Some(CacheLayout::Linux22));
        assert!(t.rows.is_empty() && t.header_problem.is_none());
    }

    #[test]
    fn linux22_rows_and_the_tos_quirk() {
        let t = parse(&file(
            HEADER22,
            &[
                "eth0\t0302010A\tFE02010A\t80020000\t1\t42\t0\t0302010A\t1500\t0\t300\t00\t2\t1\t0302010A",
                "lo\t0100007F\t00000000\t90000004\t1\t3\t0\t0100007F\t16436\t0\t0\t10\t-1\t0\t0100007F",
                // TOS "1C": read as 1, then the scan stops: HHRef/HHUptod
                // repeat, SpecDst shows this row's Source.
                "eth0\t0502010A\t00000000\t0\t1\t0\t0\t0402010A\t1500\t0\t0\t1C\t7\t7\t0502010A",
                // TOS "B8": too few values, the row is dropped.
                "eth0\t0602010A\t00000000\t0\t1\t0\t0\t0602010A\t1500\t0\t0\tB8\t7\t7\t0602010A",
            ],
        ))
        .unwrap();
        assert_eq!(t.rows.len(), 3);
        let r = &t.rows[0];
        assert_eq!(r.destination, Ipv4Addr::new(10, 1, 2, 3));
        assert_eq!(r.gateway, Ipv4Addr::new(10, 1, 2, 254));
        assert_eq!(r.flags, 0x8002_0000);
        assert_eq!(
            (r.usage.refcnt, r.usage.use_count, r.usage.mss, r.usage.irtt),
            (1, 42, 1500, 300)
        );
        assert_eq!((r.tos, r.hh_ref, r.hh_uptodate), (0, 2, 1));
        assert_eq!(t.rows[1].tos, 10);
        assert_eq!(t.rows[1].hh_ref, -1);
        let q = &t.rows[2];
        assert_eq!((q.tos, q.hh_ref, q.hh_uptodate), (1, -1, 0));
        assert_eq!(q.spec_dst, Ipv4Addr::new(10, 1, 2, 4));
    }

    #[test]
    fn linux20_layout() {
        let t = parse(&file(
            HEADER20,
            &["eth0\t0302010A\t00000000\t0005\t1\t2\t3\t0100007F\t576\t0\t0\t1\t1"],
        ))
        .unwrap();
        assert_eq!(t.guess, 97);
        assert_eq!(t.layout, Some(CacheLayout::Linux20));
        assert_eq!((t.rows[0].hh, t.rows[0].arp), (1, 1));
        assert_eq!(t.rows[0].source, Ipv4Addr::LOCALHOST);
    }

    #[test]
    fn unknown_layout_and_missing_columns() {
        let t = parse(&file("Iface\tDestination\tIRTT\tHHRef", &["x"])).unwrap();
        assert_eq!((t.guess, t.layout), (37, None));
        assert!(t.rows.is_empty());
        let header = HEADER22.replace("Source", "Src");
        let t = parse(&file(&header, &["eth0\t0302010A"])).unwrap();
        assert_eq!(t.header_problem, Some(HeaderError::MissingField("Source")));
        assert!(t.rows.is_empty());
    }

    #[test]
    fn empty_file_or_garbage() {
        assert_eq!(parse(b""), None);
        let t = parse(b"\xff\xfe\0garbage").unwrap();
        assert_eq!(t.guess, 0);
        let t = parse(&file(
            HEADER22,
            &["", "\0", "eth0", "a b c d e f g h i j k l m n o p"],
        ))
        .unwrap();
        assert!(t.rows.is_empty());
    }

    #[test]
    fn mangled_input_never_panics() {
        for header in [HEADER22, HEADER20] {
            let data = file(
                header,
                &[
                    "eth0\t0302010A\tFE02010A\t80020000\t1\t42\t0\t0302010A\t1500\t0\t300\t1C\t2\t1\t0302010A",
                ],
            );
            for input in crate::source::proc::mangled(
                &data,
                &[0, b' ', b'\t', b'\n', b':', b'-', b'x', b'9', b'|', 0xff],
            ) {
                let _ = parse(&input);
            }
        }
    }
}
