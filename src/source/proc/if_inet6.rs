//! `/proc/net/if_inet6` (spec §5.3, §8.9): IPv6 addresses per interface.
//!
//! 2.10 reads this file with one `fscanf` format per line,
//! `%4s%4s%4s%4s%4s%4s%4s%4s %08x %02x %02x %02x %20s\n`, and after every
//! call that did not hit end of file compares the device variable with the
//! interface it prints, whether or not the call filled every variable. A
//! malformed line therefore shifts the reading of the rest of the file and can
//! repeat old values; the stream reader below reproduces that exactly.

use super::fields::is_space;
use super::stdio::c_str;
use crate::model::interface::Inet6Address;
use std::collections::HashMap;
use std::net::Ipv6Addr;

/// The variables of 2.10's loop after one `fscanf` call that assigned a
/// device name at some point (values a call did not reach are the old ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inet6Record {
    pub device: Vec<u8>,
    /// The eight address words joined with `:`, as 2.10 builds the text it
    /// hands to `inet_pton`.
    pub address_text: Vec<u8>,
    pub prefix_len: u32,
    pub scope: u32,
}

/// Every record of the file, in reading order.
pub fn parse(data: &[u8]) -> Vec<Inet6Record> {
    let mut stream = Stream { data, pos: 0 };
    let mut vars = Variables::default();
    let mut records = Vec::new();
    while stream.scan_line(&mut vars) != Scanned::EndOfFile {
        if let Some(device) = &vars.device {
            records.push(Inet6Record {
                device: c_str(device).to_vec(),
                address_text: vars
                    .words
                    .iter()
                    .map(|w| c_str(w))
                    .collect::<Vec<_>>()
                    .join(&b':'),
                prefix_len: vars.prefix_len,
                scope: vars.scope,
            });
        }
    }
    records
}

/// The addresses 2.10 prints for each device, in file order. A text that
/// does not parse as an IPv6 address repeats the previous address of the same
/// device (2.10 leaves its socket address untouched); with no previous one
/// the record is skipped (2.10 would print uninitialised memory).
pub fn addresses(records: &[Inet6Record]) -> HashMap<&[u8], Vec<Inet6Address>> {
    let mut last: HashMap<&[u8], Ipv6Addr> = HashMap::new();
    let mut by_device: HashMap<&[u8], Vec<Inet6Address>> = HashMap::new();
    for record in records {
        let device = record.device.as_slice();
        if let Some(address) = inet_pton6(&record.address_text) {
            last.insert(device, address);
        }
        if let Some(&address) = last.get(device) {
            by_device.entry(device).or_default().push(Inet6Address {
                address,
                prefix_len: record.prefix_len,
                scope: record.scope,
            });
        }
    }
    by_device
}

/// The C library's `inet_pton(AF_INET6)`, whose grammar (short words, `::`,
/// a trailing dotted quad) decides which texts count as addresses.
fn inet_pton6(text: &[u8]) -> Option<Ipv6Addr> {
    unsafe extern "C" {
        fn inet_pton(
            af: libc::c_int,
            src: *const libc::c_char,
            dst: *mut libc::c_void,
        ) -> libc::c_int;
    }
    let text = std::ffi::CString::new(text).ok()?;
    let mut octets = [0u8; 16];
    // SAFETY: `text` is NUL-terminated and `octets` has room for an in6_addr.
    let ok = unsafe { inet_pton(libc::AF_INET6, text.as_ptr(), octets.as_mut_ptr().cast()) };
    (ok == 1).then(|| Ipv6Addr::from(octets))
}

/// The variables the `fscanf` call writes into (the interface index and the
/// DAD status are read but never used).
#[derive(Debug, Default)]
struct Variables {
    words: [Vec<u8>; 8],
    prefix_len: u32,
    scope: u32,
    device: Option<Vec<u8>>,
}

/// How one `fscanf` call ended.
#[derive(Debug, PartialEq, Eq)]
enum Scanned {
    /// End of file before the first conversion: the loop stops.
    EndOfFile,
    /// Some or all conversions were made.
    Converted,
}

/// Why a conversion failed.
enum Failure {
    /// End of input (an "input failure").
    EndOfInput,
    /// The next character does not fit (a "matching failure").
    Mismatch,
}

/// A `FILE` read position with glibc's `fscanf` conversion rules.
struct Stream<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Stream<'_> {
    /// One call of the 2.10 format.
    fn scan_line(&mut self, vars: &mut Variables) -> Scanned {
        match self.conversions(vars) {
            Ok(()) | Err((_, Failure::Mismatch)) => Scanned::Converted,
            Err((0, Failure::EndOfInput)) => Scanned::EndOfFile,
            Err((_, Failure::EndOfInput)) => Scanned::Converted,
        }
    }

    /// Run the conversions in order; on failure, how many were made.
    fn conversions(&mut self, vars: &mut Variables) -> Result<(), (usize, Failure)> {
        let mut made = 0;
        for word in &mut vars.words {
            *word = self.string(4).map_err(|f| (made, f))?;
            made += 1;
        }
        self.hex(8).map_err(|f| (made, f))?;
        made += 1;
        vars.prefix_len = self.hex(2).map_err(|f| (made, f))?;
        made += 1;
        vars.scope = self.hex(2).map_err(|f| (made, f))?;
        made += 1;
        self.hex(2).map_err(|f| (made, f))?;
        made += 1;
        vars.device = Some(self.string(20).map_err(|f| (made, f))?);
        self.skip_space();
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// `%Ns`: up to `width` non-space bytes after skipping spaces.
    fn string(&mut self, width: usize) -> Result<Vec<u8>, Failure> {
        self.skip_space();
        let start = self.pos;
        while self.pos - start < width && self.peek().is_some_and(|b| !is_space(b)) {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(Failure::EndOfInput);
        }
        Ok(self.data[start..self.pos].to_vec())
    }

    /// `%Nx` into an `unsigned int`: an optional sign, an optional `0x`
    /// after a leading `0`, hex digits, all within `width` characters. A
    /// sign without digits stays consumed, as in glibc.
    fn hex(&mut self, width: usize) -> Result<u32, Failure> {
        self.skip_space();
        if self.peek().is_none() {
            return Err(Failure::EndOfInput);
        }
        let mut room = width;
        let negative = match self.peek() {
            Some(sign @ (b'+' | b'-')) => {
                self.pos += 1;
                room -= 1;
                sign == b'-'
            }
            _ => false,
        };
        let mut digits = 0;
        let mut value: u32 = 0;
        if room > 0 && self.peek() == Some(b'0') {
            self.pos += 1;
            room -= 1;
            digits += 1;
            if room > 0 && matches!(self.peek(), Some(b'x' | b'X')) {
                self.pos += 1;
                room -= 1;
            }
        }
        while room > 0 {
            let Some(digit) = self.peek().and_then(|b| (b as char).to_digit(16)) else {
                break;
            };
            value = value.wrapping_mul(16).wrapping_add(digit);
            self.pos += 1;
            room -= 1;
            digits += 1;
        }
        if digits == 0 {
            return Err(Failure::Mismatch);
        }
        Ok(if negative {
            value.wrapping_neg()
        } else {
            value
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(data: &[u8], device: &[u8]) -> Vec<(String, u32, u32)> {
        addresses(&parse(data))
            .get(device)
            .into_iter()
            .flatten()
            .map(|a| (a.address.to_string(), a.prefix_len, a.scope))
            .collect()
    }

    #[test]
    fn kernel_lines() {
        let data = b"00000000000000000000000000000001 01 80 10 80       lo\n\
                     fe80000000000000000000fffe000001 02 40 20 80    veth0\n\
                     20010db8000000000000000000000001 02 40 00 80    veth0\n";
        assert_eq!(shown(data, b"lo"), [("::1".into(), 128, 0x10)]);
        assert_eq!(
            shown(data, b"veth0"),
            [
                ("fe80::ff:fe00:1".into(), 64, 0x20),
                ("2001:db8::1".into(), 64, 0)
            ]
        );
        assert!(shown(data, b"veth").is_empty());
        assert_eq!(
            parse(data)[1].address_text,
            b"fe80:0000:0000:0000:0000:00ff:fe00:0001"
        );
    }

    #[test]
    fn a_bad_address_repeats_the_previous_one() {
        let data = b"fe80000000000000000000fffe000001 02 40 20 80    veth0\n\
                     zz80000000000000000000fffe000001 02 40 20 80    veth0\n";
        assert_eq!(
            shown(data, b"veth0"),
            [
                ("fe80::ff:fe00:1".into(), 64, 0x20),
                ("fe80::ff:fe00:1".into(), 64, 0x20)
            ]
        );
        // Nothing to repeat: skipped.
        assert!(shown(&data[55..], b"veth0").is_empty());
    }

    #[test]
    fn a_short_line_keeps_old_values_and_shifts_the_rest() {
        // Observed with 2.10: the bad scope stops the call after the prefix
        // length; the old device name and scope are used for this address,
        // and the rest of the file is read out of step.
        let data = b"fe80000000000000000000fffe000001 02 40 20 80    veth0\n\
                     fe80000000000000000000fffe000002 02 40 zz 80    veth0\n\
                     20010db8000000000000000000000001 1234 80 00 80 lo\n\
                     20010db8000000000000000000000002 02 40 c0 80 veth0\n";
        assert_eq!(
            shown(data, b"veth0"),
            [
                ("fe80::ff:fe00:1".into(), 64, 0x20),
                ("fe80::ff:fe00:2".into(), 64, 0x20)
            ]
        );
        assert!(shown(data, b"lo").is_empty());
    }

    #[test]
    fn short_words_are_what_inet_pton_accepts() {
        let data = b"1 2 3 4 5 6 7 8 02 40 20 80 veth0\n";
        assert_eq!(
            shown(data, b"veth0"),
            [("1:2:3:4:5:6:7:8".into(), 64, 0x20)]
        );
    }

    #[test]
    fn empty_truncated_and_garbage_files() {
        assert!(parse(b"").is_empty());
        assert!(parse(b"   \n\n").is_empty());
        assert!(parse(b"fe80000000000000000000fffe000001 02 40").is_empty());
        assert!(parse(b"\xff\x00\x01 garbage\n").is_empty());
        // Signs and 0x prefixes inside the width, as glibc reads them.
        let data = b"00000000000000000000000000000001 0x1 -1 0x 00 lo\n";
        let records = parse(data);
        assert_eq!(records[0].prefix_len, u32::MAX);
        assert_eq!(records[0].scope, 0);
    }

    #[test]
    fn an_extra_column_shifts_the_next_line() {
        // A future field after the name is read as the first word of the next address.
        let data = b"fe80000000000000000000fffe000001 02 40 20 80 veth0 ff\n\
                     fe80000000000000000000fffe000002 02 40 20 80 veth0 ff\n";
        let records = parse(data);
        let devices: Vec<&[u8]> = records.iter().map(|r| r.device.as_slice()).collect();
        // The second call ends its address at "fe00", reads "0002" as the index and takes
        // "80" for the name; the third reads three words, then the file ends.
        assert_eq!(devices, [&b"veth0"[..], b"80", b"80"]);
        assert_eq!(
            records[1].address_text,
            b"ff:fe80:0000:0000:0000:0000:00ff:fe00"
        );
        assert_eq!(
            shown(data, b"veth0"),
            [("fe80::ff:fe00:1".into(), 64, 0x20)]
        );
    }

    #[test]
    fn device_names_are_cut_at_20_bytes() {
        let data = b"00000000000000000000000000000001 01 80 10 80 abcdefghijklmnopqrstuvwxyz\n";
        let records = parse(data);
        assert_eq!(records[0].device, b"abcdefghijklmnopqrst");
    }

    #[test]
    fn survives_every_cut_and_odd_byte() {
        let data = b"00000000000000000000000000000001 01 80 10 80       lo\n\
                     fe80000000000000000000fffe000001 02 40 20 80    veth0\n";
        for input in crate::source::proc::mangled(data, &[0, b' ', b'\n', b'-', b'x', b'f', 0xff]) {
            let records = parse(&input);
            let _ = addresses(&records);
        }
    }
}
