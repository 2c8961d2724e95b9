//! `/proc/net/route`, the IPv4 FIB (spec §4.2, §8.5).
//!
//! Read as net-tools 2.10 reads it: the header decides the columns
//! ([`super::columns`]), each `fgets` piece of up to 1022 bytes is a row, rows
//! with fewer than ten values or without the UP flag are dropped, and values a
//! short row leaves unread keep the previous row's (net-tools scans into the
//! same variables every time: a missing IRTT repeats the last one).

use super::columns::{Conversion, HeaderError, RowFormat, Value, row_format};
use super::stdio::{Fgets, c_str};
use crate::model::route::{Ipv4Route, RouteUsage, flags};
use std::net::Ipv4Addr;

pub const PATH: &str = "/proc/net/route";

/// Buffer sizes of net-tools' `fgets` calls: the header, then the rows.
const HEADER_BUFFER: usize = 511;
const ROW_BUFFER: usize = 1023;

const COLUMNS: [(&str, Conversion); 11] = columns("Mask");

/// The FIB's columns, with `address` for the eighth: the routing cache has the same eleven with
/// `Source` in the place of `Mask`, matched the same way.
pub const fn columns(address: &'static str) -> [(&'static str, Conversion); 11] {
    [
        ("Iface", Conversion::Word(15)),
        ("Destination", Conversion::Word(127)),
        ("Gateway", Conversion::Word(127)),
        ("Flags", Conversion::Hex),
        ("RefCnt", Conversion::Dec),
        ("Use", Conversion::Dec),
        ("Metric", Conversion::Dec),
        (address, Conversion::Word(127)),
        ("MTU", Conversion::Dec),
        ("Window", Conversion::Dec),
        ("IRTT", Conversion::Dec),
    ]
}

/// Why the table has no rows at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not even a header line (empty file, or one that cannot be read):
    /// net-tools fails with status 1 and no message.
    NoHeader,
    /// The header lacks a column or overflows the format buffer.
    Header(HeaderError),
}

/// The rows net-tools prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Ipv4Route>,
    /// Some row scan ran into the end of its line.
    pub reached_end: bool,
}

/// Parse the whole file.
pub fn parse(data: &[u8]) -> Result<Table, Problem> {
    let (header, mut file) = header_and_rows(data).ok_or(Problem::NoHeader)?;
    let format = row_format(&header, &COLUMNS).map_err(Problem::Header)?;
    Ok(parse_rows(&format, &mut file))
}

/// The header line as net-tools' header reader gets it (`fgets` into a
/// 511-byte buffer), and the file positioned after it for the rows. `None`
/// for a file without a first line.
pub fn header_and_rows(data: &[u8]) -> Option<(Vec<u8>, Fgets<'_>)> {
    let mut file = Fgets::new(data, ROW_BUFFER);
    let mut header = [0u8; HEADER_BUFFER];
    file.read_into(&mut header)
        .then(|| (c_str(&header).to_vec(), file))
}

fn parse_rows(format: &RowFormat, file: &mut Fgets) -> Table {
    let mut table = Table::default();
    // What persists from row to row, as in net-tools' variables.
    let mut mss = 0;
    let mut window = 0;
    let mut irtt = 0;
    let mut destination = Ipv4Addr::UNSPECIFIED;
    let mut gateway = Ipv4Addr::UNSPECIFIED;
    let mut mask = Ipv4Addr::UNSPECIFIED;
    while let Some(line) = file.next_line() {
        let scanned = format.scan(line);
        table.reached_end |= scanned.reached_end;
        let values = scanned.values;
        // The 9th to 11th values update the persisting variables even when
        // the row itself is dropped.
        let carried = [&mut mss, &mut window, &mut irtt];
        for (value, slot) in values.iter().skip(8).zip(carried) {
            *slot = value.int();
        }
        if values.len() < 10 || values[3].uint() & flags::UP == 0 {
            continue;
        }
        // An address that does not parse leaves the previous one in place.
        destination = hex_address(values[1].word()).unwrap_or(destination);
        gateway = hex_address(values[2].word()).unwrap_or(gateway);
        mask = hex_address(values[7].word()).unwrap_or(mask);
        table.rows.push(Ipv4Route {
            destination,
            gateway,
            mask,
            flags: values[3].uint(),
            usage: usage(&values, [mss, window, irtt]),
        });
    }
    table
}

/// The interface and the numbers of a row (FIB or cache, the first columns are the same), with
/// the carried MSS, window and IRTT.
pub fn usage(values: &[Value], [mss, window, irtt]: [i32; 3]) -> RouteUsage {
    RouteUsage {
        iface: values[0].word().to_vec(),
        refcnt: values[4].int(),
        use_count: values[5].int(),
        metric: values[6].int(),
        mss,
        window,
        irtt,
    }
}

/// net-tools' `INET_getsock`: the first eight characters as four hex pairs,
/// the word the kernel printed with `%08X` (spec §2.1). `None` when any of
/// them is not a hex digit.
pub fn hex_address(word: &[u8]) -> Option<Ipv4Addr> {
    let digits = word.get(..8)?;
    let mut value = 0u32;
    for &d in digits {
        value = (value << 4) | (d as char).to_digit(16)?;
    }
    Some(Ipv4Addr::from(value.to_ne_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n";

    fn file(rows: &[&str]) -> Vec<u8> {
        let mut data = HEADER.as_bytes().to_vec();
        for row in rows {
            data.extend_from_slice(row.as_bytes());
            data.push(b'\n');
        }
        data
    }

    #[test]
    fn kernel_rows() {
        let rows = parse(&file(&[
            "veth0\t00000000\tFE02010A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
            "veth0\t000010AC\tFE02010A\t0003\t0\t0\t5\t0000FFFF\t1400\t8192\t300",
            "*\t007100CB\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        ]))
        .unwrap()
        .rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].gateway, Ipv4Addr::new(10, 1, 2, 254));
        assert_eq!(rows[0].flags, 3);
        assert_eq!(rows[1].destination, Ipv4Addr::new(172, 16, 0, 0));
        assert_eq!(rows[1].mask, Ipv4Addr::new(255, 255, 0, 0));
        assert_eq!(
            (
                rows[1].usage.metric,
                rows[1].usage.mss,
                rows[1].usage.window,
                rows[1].usage.irtt
            ),
            (5, 1400, 8192, 300)
        );
        assert_eq!(rows[2].usage.iface, b"*");
        assert_eq!(rows[2].flags, 0x201);
    }

    #[test]
    fn down_and_short_rows_are_dropped_but_feed_the_carried_values() {
        let rows = parse(&file(&[
            "eth0\t0002010A\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t77",
            "eth0\t0003010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0",
            "eth0\t0004010A",
            "",
        ]))
        .unwrap()
        .rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].destination, Ipv4Addr::new(10, 1, 3, 0));
        assert_eq!(rows[0].usage.irtt, 77);
    }

    #[test]
    fn bad_addresses_keep_the_previous_value() {
        let rows = parse(&file(&[
            "eth0\t0002010A\t0100007F\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            "eth0\tGGGGGGGG\t0100\t0001\t0\t0\t0\tzz\t0\t0\t0",
        ]))
        .unwrap()
        .rows;
        assert_eq!(rows[1].destination, Ipv4Addr::new(10, 1, 2, 0));
        assert_eq!(rows[1].gateway, Ipv4Addr::new(127, 0, 0, 1));
        assert_eq!(rows[1].mask, Ipv4Addr::new(255, 255, 255, 0));
    }

    #[test]
    fn huge_numbers_truncate_like_c() {
        let rows = parse(&file(&[
            "eth0\t0002010A\t00000000\tFFFFFFFFFFFFFFFFFFFF\t99999999999999999999\t4294967297\t-1\t00FFFFFF\t0\t0\t0",
        ]))
        .unwrap().rows;
        assert_eq!(rows[0].flags, u32::MAX);
        assert_eq!(rows[0].usage.refcnt, -1);
        assert_eq!(rows[0].usage.use_count, 1);
        assert_eq!(rows[0].usage.metric, -1);
    }

    #[test]
    fn long_interface_names_shift_the_columns() {
        // %15s takes 15 bytes; the rest of the word becomes the destination.
        let rows = parse(&file(&[
            "abcdefghijklmnop\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            "abcdefghijklmno\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        ]))
        .unwrap()
        .rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].usage.iface, b"abcdefghijklmno");
    }

    #[test]
    fn odd_bytes_in_names_are_kept_and_nul_ends_the_line() {
        let mut data = file(&[]);
        data.extend_from_slice(
            b"e\x01\xff\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n",
        );
        data.extend_from_slice(b"eth1\t00\0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        let rows = parse(&data).unwrap().rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].usage.iface, b"e\x01\xff");
    }

    #[test]
    fn header_problems() {
        assert_eq!(parse(b""), Err(Problem::NoHeader));
        assert_eq!(
            parse(b"Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMask\tMTU\tWindow\tIRTT\n"),
            Err(Problem::Header(HeaderError::MissingField("Metric")))
        );
        // Extra and reordered columns.
        let rows = parse(
            b"Extra Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT More\n\
              x eth0 0002010A 00000000 0001 0 0 3 00FFFFFF 0 0 0 y\n",
        )
        .unwrap()
        .rows;
        assert_eq!(rows[0].usage.metric, 3);
        assert!(parse(HEADER.as_bytes()).unwrap().rows.is_empty());
    }

    #[test]
    fn overlong_lines_are_read_in_pieces() {
        let mut row = "eth0\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0".to_string();
        row.push_str(&" ".repeat(1022 - row.len()));
        row.push_str("eth1\t0003010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
        let rows = parse(&file(&[&row])).unwrap().rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].usage.iface, b"eth1");
    }

    #[test]
    fn hex_addresses() {
        assert_eq!(hex_address(b"0100007F"), Some(Ipv4Addr::LOCALHOST));
        assert_eq!(hex_address(b"0100007fXYZ"), Some(Ipv4Addr::LOCALHOST));
        assert_eq!(hex_address(b"0100007"), None);
        assert_eq!(hex_address(b"0100-07F"), None);
    }

    #[test]
    fn mangled_input_never_panics() {
        let data = file(&[
            "veth0\t000010AC\tFE02010A\t0003\t0\t0\t5\t0000FFFF\t1400\t8192\t300",
            "*\t007100CB\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        ]);
        for input in crate::source::proc::mangled(
            &data,
            &[0, b' ', b'\t', b'\n', b':', b'-', b'x', b'9', b'|', 0xff],
        ) {
            let _ = parse(&input);
        }
    }
}
