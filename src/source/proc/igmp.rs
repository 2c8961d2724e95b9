//! `/proc/net/igmp` and `/proc/net/igmp6`, multicast memberships (spec §3.9,
//! §8.4).
//!
//! net-tools reads both files with one line handler whose state outlives a
//! line: whether the first line looked like the IPv4 header (else every line
//! is read in the `igmp6` layout), whether device lines carry an index, and
//! the 16-byte device name that IPv4 group lines are printed with. The state
//! carries over from the IPv4 to the IPv6 file, which is reproduced here; it
//! also carried over into the next `-c` pass (spec §9 #19), which is fixed by
//! starting every pass with a fresh [`Reader`].

use super::fields::Scanner;
use super::stdio::Fgets;
use crate::model::group::Group;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub const IGMP: &str = "/proc/net/igmp";
pub const IGMP6: &str = "/proc/net/igmp6";

/// net-tools' line buffer for these files.
const BUFFER: usize = 8192;

/// Rows and warnings from one file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Group>,
    pub warnings: Vec<String>,
}

/// The line handler's state for one listing pass.
#[derive(Debug, Default)]
pub struct Reader {
    /// The IPv4 header started with `Idx`: device lines begin with an index.
    has_index: bool,
    /// A first line without `Device` switches to the `igmp6` layout for good.
    ipv6_layout: bool,
    /// net-tools' `static char device[16]`.
    device: [u8; 16],
    /// The four 32-bit words of net-tools' IPv6 address variable as they sit
    /// in memory. It is a local, but every call finds the previous call's
    /// words in it: a short address leaves the later words in place, and
    /// they are byte-swapped again with the rest.
    address_words: [u32; 4],
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Read one file; its lines are numbered from 0 in the warnings.
    pub fn read(&mut self, data: &[u8]) -> Table {
        let mut table = Table::default();
        let mut file = Fgets::new(data, BUFFER);
        let mut number = 0;
        while let Some(line) = file.next_line() {
            self.line(number, line, &mut table);
            number += 1;
        }
        table
    }

    fn line(&mut self, number: usize, line: &[u8], table: &mut Table) {
        if number == 0 {
            if !contains(line, b"Device") {
                self.ipv6_layout = true;
            } else {
                self.has_index = line.starts_with(b"Idx");
                return;
            }
        }
        let row = if self.ipv6_layout {
            self.ipv6_line(line)
        } else {
            self.ipv4_line(line)
        };
        match row {
            Ok(Some(row)) => table.rows.push(row),
            Ok(None) => {}
            Err(()) => table.warnings.push(format!(
                "warning, got bogus {} line {number}.",
                if self.ipv6_layout { "igmp6" } else { "igmp" }
            )),
        }
    }

    /// `%d %15s %64[0-9A-Fa-f] %d`: index, device, address, users.
    fn ipv6_line(&mut self, line: &[u8]) -> Result<Option<Group>, ()> {
        let mut s = Scanner::new(line);
        s.dec().ok_or(())?;
        let device = s.word_max(15).ok_or(())?;
        self.set_device(device, true);
        s.skip_ws();
        let hex = s.set(64, |b| b.is_ascii_hexdigit()).ok_or(())?;
        let users = s.dec().ok_or(())?;
        // `%08X` four times into the words, then `htonl` on each of them.
        let mut text = Scanner::new(hex);
        for word in &mut self.address_words {
            let Some(value) = text.hex_max(8) else { break };
            *word = value as u32;
        }
        let mut octets = [0u8; 16];
        for (chunk, word) in octets.chunks_mut(4).zip(&mut self.address_words) {
            *word = word.to_be();
            chunk.copy_from_slice(&word.to_ne_bytes());
        }
        Ok(Some(self.group(users, IpAddr::V6(Ipv6Addr::from(octets)))))
    }

    /// A device line (`IDX\tNAME: ...`, name taken as 15 raw bytes and cut
    /// at the last `:`) or a group line (`\tHEX USERS ...`).
    fn ipv4_line(&mut self, line: &[u8]) -> Result<Option<Group>, ()> {
        let mut s = Scanner::new(line);
        if line.first() != Some(&b'\t') {
            if self.has_index {
                s.dec().ok_or(())?;
                s.skip_ws();
            }
            let name = s.chars(15).ok_or(())?;
            self.set_device(name, false);
            let end = self.device.iter().position(|&b| b == 0).unwrap_or(16);
            if let Some(colon) = self.device[..end].iter().rposition(|&b| b == b':') {
                self.device[colon] = 0;
            }
            return Ok(None);
        }
        s.skip_ws();
        let hex = s.set(8, |b| b.is_ascii_hexdigit()).ok_or(())?;
        let users = s.dec().ok_or(())?;
        let value = Scanner::new(hex).hex().unwrap_or(0) as u32;
        Ok(Some(self.group(
            users,
            IpAddr::V4(Ipv4Addr::from(value.to_ne_bytes())),
        )))
    }

    /// Overwrite the start of the device buffer, with a terminating NUL for
    /// `%s` and without one for `%c` (the old tail then shows through).
    fn set_device(&mut self, bytes: &[u8], terminate: bool) {
        self.device[..bytes.len()].copy_from_slice(bytes);
        if terminate {
            self.device[bytes.len()] = 0;
        }
    }

    fn group(&self, users: i64, address: IpAddr) -> Group {
        let end = self.device.iter().position(|&b| b == 0).unwrap_or(16);
        Group {
            device: self.device[..end].to_vec(),
            users: users as i32,
            address,
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IGMP_FILE: &[u8] = b"Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n\
1\tlo        :     1      V3\n\
\t\t\t\t010000E0     1 0:00000000\t\t0\n\
4\tveth0     :     2      V3\n\
\t\t\t\t030201EF     1 0:00000000\t\t0\n\
\t\t\t\t010000E0     1 0:00000000\t\t0\n";

    const IGMP6_FILE: &[u8] =
        b"1    lo              ff020000000000000000000000000001     1 0000000C 0\n\
4    veth0           ff150000000000000000000000001234     1 00000004 0\n";

    fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(a, b, c, d))
    }

    #[test]
    fn both_files_in_one_pass() {
        let mut reader = Reader::new();
        let t = reader.read(IGMP_FILE);
        assert!(t.warnings.is_empty());
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].address, v4(224, 0, 0, 1));
        // The device name keeps the kernel's padding before the colon.
        assert_eq!(t.rows[1].device, b"veth0     ");
        assert_eq!(t.rows[1].address, v4(239, 1, 2, 3));
        let t = reader.read(IGMP6_FILE);
        assert!(t.warnings.is_empty());
        assert_eq!(t.rows[0].device, b"lo");
        assert_eq!(t.rows[1].address, IpAddr::V6("ff15::1234".parse().unwrap()));
        assert_eq!(t.rows[1].users, 1);
    }

    #[test]
    fn bogus_lines_are_numbered_from_zero() {
        let mut data = IGMP_FILE.to_vec();
        data.extend_from_slice(b"\tzz\nfoo\n\n");
        let t = Reader::new().read(&data);
        // `foo` and the blank line are device lines without an index.
        assert_eq!(
            t.warnings,
            [
                "warning, got bogus igmp line 6.",
                "warning, got bogus igmp line 7.",
                "warning, got bogus igmp line 8."
            ]
        );
        let t = Reader::new().read(b"1 lo\n2 eth0 zz 1\n3 eth1 ff02 x\n");
        assert_eq!(t.warnings.len(), 3);
        assert!(t.warnings[2].starts_with("warning, got bogus igmp6 line 2"));
    }

    #[test]
    fn a_headerless_ipv4_file_is_read_as_igmp6() {
        let t = Reader::new()
            .read(&IGMP_FILE[IGMP_FILE.iter().position(|&b| b == b'\n').unwrap() + 1..]);
        assert_eq!(t.warnings[0], "warning, got bogus igmp6 line 0.");
        // `\t\t\t\t010000E0     1 ...` reads as index 10000, device "E0",
        // address "1", users 0.
        assert_eq!(t.rows[0].device, b"E0");
        assert_eq!(t.rows[0].users, 0);
        assert_eq!(t.rows[0].address, IpAddr::V6("0:1::".parse().unwrap()));
    }

    #[test]
    fn short_device_lines_keep_the_old_tail_and_the_newline() {
        let t =
            Reader::new().read(b"Idx\tDevice\n1\tabcdefgh  :\n\t0100007F 1\n2\tab\n\t0100007F 1\n");
        assert_eq!(t.rows[0].device, b"abcdefgh  ");
        assert_eq!(t.rows[1].device, b"ab\ndefgh  ");
        assert_eq!(t.rows[1].address, v4(127, 0, 0, 1));
    }

    #[test]
    fn long_names_and_odd_bytes() {
        let t = Reader::new().read(b"Idx\tDevice\n3\tabcdefghijklmnopqrst:\n\t010000E0 7\n5\t\xff\x01x:y:\n\t010000E0 -3\n");
        assert_eq!(t.rows[0].device, b"abcdefghijklmno");
        assert_eq!(t.rows[0].users, 7);
        assert_eq!(t.rows[1].device, b"\xff\x01x:y");
        assert_eq!(t.rows[1].users, -3);
    }

    #[test]
    fn empty_files_and_huge_numbers() {
        assert_eq!(Reader::new().read(b""), Table::default());
        let t = Reader::new().read(b"1 lo ff02 99999999999999999999999\n");
        assert_eq!(t.rows[0].users, -1);
        // A short address fills the first 32-bit word only.
        assert_eq!(t.rows[0].address, IpAddr::V6("0:ff02::".parse().unwrap()));
        // The later words are the previous line's, swapped once more.
        let t = Reader::new().read(b"1 lo ff010000000000000000000000000001 1\n2 eth0 ff02 5\n");
        assert_eq!(
            t.rows[1].address,
            IpAddr::V6("0:ff02::100:0".parse().unwrap())
        );
    }

    #[test]
    fn the_ipv6_latch_does_not_outlive_a_reader() {
        let mut reader = Reader::new();
        reader.read(IGMP_FILE);
        reader.read(IGMP6_FILE);
        // A fresh reader per pass reads the IPv4 file as on the first pass.
        let t = Reader::new().read(IGMP_FILE);
        assert!(t.warnings.is_empty());
        assert_eq!(t.rows.len(), 3);
    }

    #[test]
    fn mangled_input_never_panics() {
        for data in [IGMP_FILE, IGMP6_FILE] {
            for input in crate::source::proc::mangled(
                data,
                &[0, b' ', b'\t', b'\n', b':', b'-', b'x', b'9', b'|', 0xff],
            ) {
                let mut reader = Reader::new();
                let _ = reader.read(&input);
                let _ = reader.read(&input);
            }
        }
    }
}
