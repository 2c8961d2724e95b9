//! `/proc/net/sctp/{eps,assocs}` (spec §3.8, §8.11).
//!
//! net-tools splits these lines with `strtok` and converts with `atoi`, so
//! this parser does the same: words split at spaces/tabs/newlines, the
//! address lists taken as the rest of the line (up to a tab), and an
//! association's local and remote lists split at any of `<`, `-`, `>`.

use super::Table;
use super::fields::{atoi, strtoul};
use crate::model::sctp::{SctpAddress, SctpAssociation, SctpEndpoint};
use std::net::{Ipv4Addr, Ipv6Addr};

const WORD_DELIMITERS: &[u8] = b" \t\n";

/// Parse `/proc/net/sctp/eps`; the first line is the header.
pub fn parse_endpoints(data: &[u8]) -> Table<SctpEndpoint> {
    let lines = super::lines(data).skip(1);
    Table::from_lines(lines, "warning, got bogus sctp eps line.", parse_endpoint)
}

/// Parse `/proc/net/sctp/assocs`; the first line is the header.
pub fn parse_associations(data: &[u8]) -> Table<SctpAssociation> {
    let lines = super::lines(data).skip(1);
    Table::from_lines(
        lines,
        "warning, got bogus sctp assoc line.",
        parse_association,
    )
}

/// `ENDPT SOCK STY SST HBKT LPORT UID INODE LADDRS…`
pub fn parse_endpoint(line: &[u8]) -> Option<SctpEndpoint> {
    let mut tok = Tokens::new(line);
    let _endpoint = tok.next(WORD_DELIMITERS);
    let _sock = tok.next(WORD_DELIMITERS);
    let _style = tok.next(WORD_DELIMITERS);
    let state = tok.next(WORD_DELIMITERS);
    let _bucket = tok.next(WORD_DELIMITERS);
    let port = tok.next(WORD_DELIMITERS);
    let uid = tok.next(WORD_DELIMITERS);
    let inode = tok.next(WORD_DELIMITERS);
    let addresses = tok.next(b"\t\n");
    let (state, port, uid, inode) = (state?, port?, uid?, inode?);
    Some(SctpEndpoint {
        state: atoi(state),
        port: atoi(port),
        uid: atoi(uid),
        inode: strtoul(inode),
        addresses: address_list(addresses),
    })
}

/// `ASSOC SOCK STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS …`
pub fn parse_association(line: &[u8]) -> Option<SctpAssociation> {
    let mut tok = Tokens::new(line);
    let _assoc = tok.next(WORD_DELIMITERS);
    let _sock = tok.next(WORD_DELIMITERS);
    let _style = tok.next(WORD_DELIMITERS);
    let state = tok.next(WORD_DELIMITERS);
    let _st = tok.next(WORD_DELIMITERS);
    let _bucket = tok.next(WORD_DELIMITERS);
    let _id = tok.next(WORD_DELIMITERS);
    let tx_queue = tok.next(WORD_DELIMITERS);
    let rx_queue = tok.next(WORD_DELIMITERS);
    let uid = tok.next(WORD_DELIMITERS);
    let inode = tok.next(WORD_DELIMITERS);
    let local_port = tok.next(WORD_DELIMITERS);
    let remote_port = tok.next(WORD_DELIMITERS);
    let local = tok.next(b"<->\t\n");
    let remote = tok.next(b"<->\t\n");
    Some(SctpAssociation {
        state: atoi(state?),
        tx_queue: atoi(tx_queue?) as u32,
        rx_queue: atoi(rx_queue?) as u32,
        uid: atoi(uid?),
        inode: strtoul(inode?),
        local_port: atoi(local_port?),
        remote_port: atoi(remote_port?),
        local: address_list(local),
        remote: address_list(remote),
    })
}

/// The words of an address list; a leading `*` (primary path) is dropped.
fn address_list(list: Option<&[u8]>) -> Vec<SctpAddress> {
    let Some(list) = list else {
        return Vec::new();
    };
    let mut tok = Tokens::new(list);
    std::iter::from_fn(|| tok.next(WORD_DELIMITERS))
        .map(|word| address(word.strip_prefix(b"*").unwrap_or(word)))
        .collect()
}

/// A field with `:` is IPv6 as eight `%04X` groups; anything else goes
/// through `inet_addr` (so garbage becomes 255.255.255.255, as in net-tools).
fn address(word: &[u8]) -> SctpAddress {
    if word.contains(&b':') {
        let mut groups = [0u16; 8];
        let mut s = super::fields::Scanner::new(word);
        for (i, group) in groups.iter_mut().enumerate() {
            if i > 0 && s.literal(b':').is_none() {
                break;
            }
            match s.set(4, |b| b.is_ascii_hexdigit()) {
                Some(digits) => {
                    *group = digits.iter().fold(0u16, |acc, &d| {
                        acc << 4 | (d as char).to_digit(16).unwrap_or(0) as u16
                    })
                }
                None => break,
            }
        }
        SctpAddress::V6(Ipv6Addr::from(groups))
    } else {
        SctpAddress::V4(inet_addr(word))
    }
}

/// glibc `inet_addr`: the `inet_aton` forms (a, a.b, a.b.c, a.b.c.d; decimal,
/// octal or hex parts), and 255.255.255.255 for anything invalid.
pub fn inet_addr(text: &[u8]) -> Ipv4Addr {
    parse_aton(text).unwrap_or(Ipv4Addr::BROADCAST)
}

fn parse_aton(text: &[u8]) -> Option<Ipv4Addr> {
    let parts: Vec<&[u8]> = text.split(|&b| b == b'.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut values = Vec::with_capacity(4);
    for part in &parts {
        values.push(c_number(part)?);
    }
    let (last, leading) = values.split_last()?;
    let mut addr: u64 = 0;
    for (i, &v) in leading.iter().enumerate() {
        if v > 0xff {
            return None;
        }
        addr |= v << (24 - 8 * i);
    }
    let room = 32 - 8 * leading.len();
    if room < 64 && *last >= 1u64 << room {
        return None;
    }
    addr |= last;
    Some(Ipv4Addr::from(addr as u32))
}

/// A whole C integer literal: `0x..` hex, `0..` octal, else decimal.
fn c_number(part: &[u8]) -> Option<u64> {
    let (digits, radix) = if let Some(hex) = part
        .strip_prefix(b"0x")
        .or_else(|| part.strip_prefix(b"0X"))
    {
        (hex, 16)
    } else if part.len() > 1 && part[0] == b'0' {
        (&part[1..], 8)
    } else {
        (part, 10)
    };
    if digits.is_empty() && radix != 16 {
        return None;
    }
    let mut value: u64 = 0;
    for &d in digits {
        let digit = (d as char).to_digit(radix)?;
        value = value
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(digit))?;
        if value > u64::from(u32::MAX) {
            return None;
        }
    }
    Some(value)
}

/// `strtok` over one line: each call skips leading delimiters, then returns
/// the bytes up to the next delimiter of *its own* set.
struct Tokens<'a> {
    rest: &'a [u8],
}

impl<'a> Tokens<'a> {
    fn new(line: &'a [u8]) -> Self {
        Tokens { rest: line }
    }

    fn next(&mut self, delimiters: &[u8]) -> Option<&'a [u8]> {
        let start = self.rest.iter().position(|b| !delimiters.contains(b))?;
        let rest = &self.rest[start..];
        let end = rest
            .iter()
            .position(|b| delimiters.contains(b))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        // The delimiter that ended the token is consumed, like strtok's NUL.
        self.rest = rest.get(end + 1..).unwrap_or(&[]);
        Some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: &[u8] = b" ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n       0        0 1   10  12   2905      0 30000 10.1.2.3 127.0.0.1 \n       0        0 2   10  13   36412 65534 30001 2001:0db8:0000:0000:0000:0000:0000:0001 \n";
    const ASSOCS: &[u8] = b" ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n       0        0 1   1   3  1205  963        5        7       0 30002 2905  11166  *10.1.2.3 127.0.0.1 <-> *10.9.9.9 10.9.9.10 10.9.9.11 \t   30000    10    10   10    0    0        0        1        0   212992   212992\n";

    #[test]
    fn endpoints() {
        let t = parse_endpoints(EPS);
        assert!(t.warnings.is_empty());
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].port, 2905);
        assert_eq!(t.rows[0].state, 10);
        assert_eq!(
            t.rows[0].addresses,
            vec![
                SctpAddress::V4(Ipv4Addr::new(10, 1, 2, 3)),
                SctpAddress::V4(Ipv4Addr::LOCALHOST)
            ]
        );
        assert_eq!(
            t.rows[1].addresses,
            vec![SctpAddress::V6("2001:db8::1".parse().unwrap())]
        );
        assert_eq!(t.rows[1].uid, 65534);
    }

    #[test]
    fn associations() {
        let t = parse_associations(ASSOCS);
        assert!(t.warnings.is_empty());
        let a = &t.rows[0];
        assert_eq!((a.tx_queue, a.rx_queue, a.inode), (5, 7, 30002));
        assert_eq!((a.local_port, a.remote_port, a.state), (2905, 11166, 1));
        assert_eq!(a.local.len(), 2);
        assert_eq!(a.remote.len(), 3);
        assert_eq!(a.remote[0], SctpAddress::V4(Ipv4Addr::new(10, 9, 9, 9)));
    }

    #[test]
    fn bogus_lines() {
        let t = parse_endpoints(b"header\n0 0 1 10\n\n");
        assert_eq!(t.warnings.len(), 2);
        let t = parse_associations(b"header\n0 0 1 1 3 1205 963 5 7 0\n");
        assert_eq!(t.warnings, vec!["warning, got bogus sctp assoc line."]);
    }

    #[test]
    fn c_conversions() {
        assert_eq!(inet_addr(b"10.1.2.3"), Ipv4Addr::new(10, 1, 2, 3));
        assert_eq!(inet_addr(b"30000"), Ipv4Addr::new(0, 0, 117, 48));
        assert_eq!(inet_addr(b"0x7f.1"), Ipv4Addr::new(127, 0, 0, 1));
        assert_eq!(inet_addr(b"garbage"), Ipv4Addr::BROADCAST);
        assert_eq!(inet_addr(b"1.2.3.4.5"), Ipv4Addr::BROADCAST);
        assert_eq!(inet_addr(b"\xff"), Ipv4Addr::BROADCAST);
    }

    #[test]
    fn endpoint_without_addresses_and_odd_ipv6() {
        let e = parse_endpoint(b"0 0 1 10 12 5 0 7").unwrap();
        assert!(e.addresses.is_empty());
        let e = parse_endpoint(b"0 0 1 10 12 5 0 7 fe80:zz \xff\xfe").unwrap();
        assert_eq!(e.addresses[0], SctpAddress::V6("fe80::".parse().unwrap()));
        assert_eq!(e.addresses[1], SctpAddress::V4(Ipv4Addr::BROADCAST));
    }
}
