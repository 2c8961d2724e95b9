//! `/proc/net/snmp`, `/proc/net/netstat`, `/proc/net/snmp6` and
//! `/proc/net/sctp/snmp` (spec §6.2, §6.3, §8.10).
//!
//! Each reader cuts the file into sections of named counters the way 2.10
//! does, quirks included, so that the statistics printer sees exactly what
//! 2.10's printer saw. Nothing here knows which sections are printed.

use super::fields::Scanner;
use super::stdio::{Fgets, c_str, getline_lines, span_blanks, span_non_blanks};
use crate::model::stats::Section;

/// The buffer size of 2.10's `fgets` calls in the snmp6 and SCTP readers.
const LINE_BUFFER: usize = 1024;

/// A file of `Title: names...` / `Title: values...` line pairs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PairFile {
    pub sections: Vec<Section>,
    /// A line of a pair had no `:`. Reading stopped there; 2.10 then says
    /// `Problem while parsing /proc/net/...` (only in the IPv4 pass).
    pub malformed: bool,
}

/// Read `/proc/net/snmp` or `/proc/net/netstat`.
///
/// A line pair is a names line and the line after it; an empty names line is
/// skipped, an odd last line ignored. The title is the names line up to its
/// first `:`. Names are split at spaces, tabs and newlines; each takes the
/// next number of the values line, read like `strtoull` (missing → 0; a word
/// that is not a number stops the values there, so every later name gets 0).
pub fn parse_pairs(data: &[u8]) -> PairFile {
    let mut file = PairFile::default();
    let mut lines = getline_lines(data);
    while let Some(names_line) = lines.next() {
        if names_line.first() == Some(&b'\n') {
            continue;
        }
        let Some(values_line) = lines.next() else {
            break;
        };
        let (names_line, values_line) = (c_str(names_line), c_str(values_line));
        let (Some(names_colon), Some(values_colon)) = (colon(names_line), colon(values_line))
        else {
            file.malformed = true;
            break;
        };
        let mut section = Section::new(&names_line[..names_colon]);
        let mut values = Scanner::new(&values_line[values_colon + 1..]);
        let mut names = &names_line[names_colon + 1..];
        loop {
            names = &names[span_blanks(names)..];
            let len = span_non_blanks(names);
            if len > 0 {
                section.push(&names[..len], values.udec().unwrap_or(0));
            }
            if len == names.len() {
                break;
            }
            names = &names[len + 1..];
        }
        file.sections.push(section);
    }
    file
}

/// Read `/proc/net/snmp6`: one `Name Value` per line (read in pieces of at
/// most 1023 bytes, like 2.10's `fgets`).
///
/// The section title of a name is the name up to and including its first
/// `6` (the whole name if it has none). A new section starts at the first
/// line and whenever the current title does not occur in the line's name.
/// A line that has no name repeats the previous name and value; a line with a
/// name but no number keeps the previous value (2.10's `sscanf` leaves its
/// variables alone; before the first line they hold an empty name and 0).
pub fn parse_snmp6(data: &[u8]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut name: Vec<u8> = Vec::new();
    let mut value = 0;
    let mut lines = Fgets::new(data, LINE_BUFFER);
    while let Some(line) = lines.next_line() {
        let mut scan = Scanner::new(line);
        if let Some(word) = scan.word() {
            name = word.to_vec();
            if let Some(number) = scan.udec() {
                value = number;
            }
        }
        let current = sections.last_mut().filter(|s| contains(&name, &s.title));
        match current {
            Some(section) => section.push(&name, value),
            None => {
                let mut section = Section::new(snmp6_title(&name));
                section.push(&name, value);
                sections.push(section);
            }
        }
    }
    sections
}

/// Read `/proc/net/sctp/snmp`: one `Name<blanks>Value` per line, all in one
/// `Sctp` section (present even when the file is empty).
///
/// A line with nothing after its name has no value and is skipped. 2.10
/// looks for the value one byte past the end of the name, so a name that ends
/// the buffer (the last line without a newline) picks up whatever a longer
/// earlier line left behind; the buffer is kept the same way here. Only a name
/// that fills the whole buffer, where 2.10 reads outside it, is skipped.
pub fn parse_sctp(data: &[u8]) -> Section {
    let mut section = Section::new(b"Sctp");
    let mut lines = Fgets::new(data, LINE_BUFFER);
    while let Some(buf) = lines.next_buffer() {
        let line_len = c_str(buf).len();
        let name_end = span_non_blanks(&buf[..line_len]);
        buf[name_end] = 0;
        let Some(after) = buf.get(name_end + 1..) else {
            continue;
        };
        let rest = c_str(after);
        let rest = &rest[span_blanks(rest)..];
        if rest.is_empty() {
            continue;
        }
        let value = Scanner::new(rest).udec().unwrap_or(0);
        section.push(&buf[..name_end], value);
    }
    section
}

fn colon(line: &[u8]) -> Option<usize> {
    line.iter().position(|&b| b == b':')
}

/// `strstr(haystack, needle) != NULL`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// The snmp6 section title of a counter name: up to and including the first `6`.
fn snmp6_title(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b'6') {
        Some(six) => &name[..=six],
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counters(section: &Section) -> Vec<(String, u64)> {
        section
            .counters
            .iter()
            .map(|c| (String::from_utf8_lossy(&c.name).into_owned(), c.value))
            .collect()
    }

    fn titles(sections: &[Section]) -> Vec<String> {
        sections
            .iter()
            .map(|s| String::from_utf8_lossy(&s.title).into_owned())
            .collect()
    }

    #[test]
    fn pairs_basic_and_value_quirks() {
        let file = parse_pairs(
            b"\nIp: Forwarding InReceives  InDelivers\tOutRequests\nIp: 2 -5 abc 7\n\n\
              Tcp: A B\nTcp: 99999999999999999999999\n",
        );
        assert!(!file.malformed);
        assert_eq!(titles(&file.sections), ["Ip", "Tcp"]);
        assert_eq!(
            counters(&file.sections[0]),
            [
                ("Forwarding".into(), 2),
                ("InReceives".into(), 5u64.wrapping_neg()),
                ("InDelivers".into(), 0),
                ("OutRequests".into(), 0)
            ]
        );
        assert_eq!(
            counters(&file.sections[1]),
            [("A".into(), u64::MAX), ("B".into(), 0)]
        );
    }

    #[test]
    fn pairs_stop_at_a_line_without_colon() {
        let file = parse_pairs(b"Ip: A\nIp: 1\nUdp: B\nUdp 5\nTcp: C\nTcp: 3\n");
        assert!(file.malformed);
        assert_eq!(titles(&file.sections), ["Ip"]);
        let file = parse_pairs(b"Ip A\nIp: 1\n");
        assert!(file.malformed);
        assert!(file.sections.is_empty());
    }

    #[test]
    fn pairs_odd_last_line_empty_file_and_nul_bytes() {
        let file = parse_pairs(b"Ip: A\nIp: 1\nIpExt: B\n");
        assert!(!file.malformed);
        assert_eq!(titles(&file.sections), ["Ip"]);
        assert_eq!(parse_pairs(b""), PairFile::default());
        // C string functions stop at a NUL: the names after it are gone.
        let file = parse_pairs(b"Ip: A\0B C\nIp: 1 2 3\n");
        assert_eq!(counters(&file.sections[0]), [("A".into(), 1)]);
        // A values line cut short gives 0 to the rest; extra values are ignored.
        let file = parse_pairs(b"Ip: A B C\nIp: 4\nUdp: X\nUdp: 1 2 3");
        assert_eq!(
            counters(&file.sections[0]),
            [("A".into(), 4), ("B".into(), 0), ("C".into(), 0)]
        );
        assert_eq!(counters(&file.sections[1]), [("X".into(), 1)]);
    }

    #[test]
    fn pairs_keep_very_long_lines_whole() {
        let names: Vec<String> = (0..400).map(|i| format!("Counter{i}")).collect();
        let values: Vec<String> = (0..400).map(|i| i.to_string()).collect();
        let text = format!(
            "TcpExt: {}\nTcpExt: {}\n",
            names.join(" "),
            values.join(" ")
        );
        let file = parse_pairs(text.as_bytes());
        assert_eq!(file.sections[0].counters.len(), 400);
        assert_eq!(file.sections[0].counters[399].value, 399);
    }

    #[test]
    fn snmp6_sections_by_title() {
        let sections = parse_snmp6(
            b"Ip6InReceives 5\nIp6Foo\nfoo 7\nfoo2 8\nIcmp6InMsgs 3\nUdpLite6InErrors 0\n\
              Udp6InErrors 2\nIcmp6OutRouterAdvertisements 4\n",
        );
        assert_eq!(
            titles(&sections),
            ["Ip6", "foo", "Icmp6", "UdpLite6", "Udp6", "Icmp6"]
        );
        assert_eq!(
            counters(&sections[0]),
            [("Ip6InReceives".into(), 5), ("Ip6Foo".into(), 5)]
        );
        assert_eq!(
            counters(&sections[1]),
            [("foo".into(), 7), ("foo2".into(), 8)]
        );
    }

    #[test]
    fn snmp6_empty_lines_repeat_and_a_leading_empty_line_swallows_all() {
        let sections = parse_snmp6(b"\nIp6InReceives 5\nbar\n\nIcmp6InMsgs 3\n");
        assert_eq!(titles(&sections), [""]);
        assert_eq!(
            counters(&sections[0]),
            [
                ("".into(), 0),
                ("Ip6InReceives".into(), 5),
                ("bar".into(), 5),
                ("bar".into(), 5),
                ("Icmp6InMsgs".into(), 3)
            ]
        );
        assert!(parse_snmp6(b"").is_empty());
    }

    #[test]
    fn snmp6_long_lines_arrive_in_pieces() {
        let long = format!("Udp6{} 9\nUdp6NoPorts 4\n", "x".repeat(1100));
        let sections = parse_snmp6(long.as_bytes());
        assert_eq!(titles(&sections), ["Udp6", &"x".repeat(81), "Udp6"]);
        assert_eq!(sections[0].counters[0].name.len(), 1023);
        assert_eq!(sections[0].counters[0].value, 0);
        assert_eq!(sections[1].counters[0].value, 9);
        assert_eq!(counters(&sections[2]), [("Udp6NoPorts".into(), 4)]);
    }

    #[test]
    fn snmp6_huge_and_negative_values() {
        let sections = parse_snmp6(b"Ip6A 18446744073709551616\nIp6B -1\nIp6C 12x\n");
        assert_eq!(
            counters(&sections[0]),
            [
                ("Ip6A".into(), u64::MAX),
                ("Ip6B".into(), u64::MAX),
                ("Ip6C".into(), 12)
            ]
        );
    }

    #[test]
    fn sctp_lines_and_the_stale_buffer() {
        let section = parse_sctp(b"SctpCurrEstab 5\n 7\nSctpFoo\t9\nSctpBar");
        assert_eq!(section.title, b"Sctp");
        assert_eq!(
            counters(&section),
            [
                ("SctpCurrEstab".into(), 5),
                ("".into(), 7),
                ("SctpFoo".into(), 9),
                ("SctpBar".into(), 9)
            ]
        );
        let section = parse_sctp(b"SctpA\n\nSctpB  x\nSctpC -2\n");
        assert_eq!(
            counters(&section),
            [("SctpB".into(), 0), ("SctpC".into(), 2u64.wrapping_neg())]
        );
        assert!(parse_sctp(b"").counters.is_empty());
    }

    #[test]
    fn sctp_name_filling_the_buffer_is_skipped() {
        let long = format!("{}\nSctpA 1\n", "y".repeat(1023));
        let section = parse_sctp(long.as_bytes());
        // The 1023-byte piece has no room for a value; the lone "\n" piece
        // after it has an empty name and nothing after it.
        assert_eq!(counters(&section), [("SctpA".into(), 1)]);
    }

    #[test]
    fn survives_every_cut_and_odd_byte() {
        let odd = [0, b' ', b'\t', b'\n', b':', b'-', b'6', b'9', 0xff];
        let pairs = b"Ip: Forwarding InReceives\nIp: 2 18446744073709551616\nTcp: A\nTcp: -1\n";
        for input in crate::source::proc::mangled(pairs, &odd) {
            let _ = parse_pairs(&input);
        }
        let lines = b"Ip6InReceives                   \t5\nIcmp6InMsgs 3\n\nSctpCurrEstab\t1\n";
        for input in crate::source::proc::mangled(lines, &odd) {
            let _ = parse_snmp6(&input);
            let _ = parse_sctp(&input);
        }
    }
}
