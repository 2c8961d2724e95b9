//! `/proc/net/ip_masquerade` of Linux 2.0/2.2 (and 2.4's compatibility
//! modules), read exactly as net-tools 2.10 reads it (spec §7, §8.18).
//!
//! 2.10 reads the header line with `fgets` into a 256-byte buffer, then the
//! rest of the file with repeated `fscanf(" %s %x:%hX %x:%hX %hX %lX %hd [%hd] %lu")`.
//! `fscanf` does not care about line ends, so the body is one stream of
//! whitespace-separated fields: a row with a field too many shifts the next
//! row, and the first short or malformed row rejects the whole table.

use super::fields::Scanner;
use crate::model::masquerade::{
    IPPROTO_ESP, IPPROTO_GRE, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, Masquerade, Protocol,
};
use std::net::{IpAddr, Ipv4Addr};

/// The logical path of the table.
pub const PATH: &str = "/proc/net/ip_masquerade";

/// Why 2.10 rejects a table (each one ends the run with status 255).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatError {
    /// The file is empty: `fgets` found no header.
    NoHeader,
    /// A row with too few fields or a field that does not convert.
    Format,
    /// A protocol other than IP, TCP, UDP, ICMP, GRE, ESP.
    UnknownType,
}

impl FormatError {
    /// 2.10's `EINTERN` text.
    pub fn message(self) -> &'static str {
        match self {
            FormatError::NoHeader => "masq_info: Internal Error `fgets() failed'.",
            FormatError::Format => "masq_info.c: Internal Error `ip_masquerade format error'.",
            FormatError::UnknownType => "masq_info.c: Internal Error `ip_masquerade unknown type'.",
        }
    }
}

/// `fgets` reads at most this many bytes (the buffer size minus the NUL).
const HEADER_MAX: usize = 255;

/// Parse the whole file.
pub fn parse(data: &[u8]) -> Result<Vec<Masquerade>, FormatError> {
    if data.is_empty() {
        return Err(FormatError::NoHeader);
    }
    let header_len = match data.iter().take(HEADER_MAX).position(|&b| b == b'\n') {
        Some(newline) => newline + 1,
        None => data.len().min(HEADER_MAX),
    };
    let header = super::stdio::c_str(&data[..header_len]);
    let has_prev_delta = header.windows(6).any(|w| w == b"PDelta");
    let mut scanner = Scanner::new(&data[header_len..]);
    let mut rows = Vec::new();
    loop {
        scanner.skip_ws();
        if scanner.rest().is_empty() {
            return Ok(rows);
        }
        rows.push(row(&mut scanner, has_prev_delta)?);
    }
}

/// One row's fields, in `fscanf` order; the first field that does not convert
/// makes the row a format error.
fn row(s: &mut Scanner, has_prev_delta: bool) -> Result<Masquerade, FormatError> {
    let mut fields = || -> Option<(&[u8], Masquerade)> {
        let kind = s.word()?;
        let source = s.hex()? as u32;
        s.literal(b':')?;
        let source_port = s.hex()? as u16;
        let destination = s.hex()? as u32;
        s.literal(b':')?;
        let destination_port = s.hex()? as u16;
        let masq_port = s.hex()? as u16;
        let initseq = s.hex()?;
        // `%hd` stores a C short: the value wraps to 16 bits.
        let delta = i64::from(s.dec()? as i16);
        let prev_delta = if has_prev_delta {
            Some(i64::from(s.dec()? as i16))
        } else {
            None
        };
        let expires = s.udec()?;
        Some((
            kind,
            Masquerade {
                protocol: Protocol::AnyIp,
                expires,
                // The file holds plain big-endian numbers (C0A80002 = 192.168.0.2).
                source: IpAddr::V4(Ipv4Addr::from(source)),
                destination: IpAddr::V4(Ipv4Addr::from(destination)),
                source_port,
                destination_port,
                masq_port,
                initseq,
                delta,
                prev_delta,
            },
        ))
    };
    let (kind, mut row) = fields().ok_or(FormatError::Format)?;
    row.protocol = match super::stdio::c_str(kind) {
        b"IP" => Protocol::AnyIp,
        b"TCP" => Protocol::Number(IPPROTO_TCP),
        b"UDP" => Protocol::Number(IPPROTO_UDP),
        b"ICMP" => Protocol::Number(IPPROTO_ICMP),
        b"GRE" => Protocol::Number(IPPROTO_GRE),
        b"ESP" => Protocol::Number(IPPROTO_ESP),
        _ => return Err(FormatError::UnknownType),
    };
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn padded(line: &str) -> String {
        format!("{line:<127}\n")
    }

    fn fixture() -> String {
        padded(
            "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires (free=4096,4096,4096)",
        ) + &padded("TCP C0A80002:0401 0A010203:0050 EE48 12345678      0      0   89999")
            + &padded("UDP C0A80003:0035 08080808:0035 EE49 00000000      0      0    1234")
            + &padded("ICMP C0A80004:0800 01020304:0000 EE4A 00000000      0      0       5")
    }

    #[test]
    fn reads_the_spec_fixture() {
        let rows = parse(fixture().as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        let tcp = &rows[0];
        assert_eq!(tcp.protocol, Protocol::Number(IPPROTO_TCP));
        assert_eq!(tcp.source, IpAddr::V4(Ipv4Addr::new(192, 168, 0, 2)));
        assert_eq!(tcp.destination, IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)));
        assert_eq!(
            (tcp.source_port, tcp.destination_port, tcp.masq_port),
            (1025, 80, 61000)
        );
        assert_eq!(
            (tcp.initseq, tcp.delta, tcp.prev_delta),
            (0x12345678, 0, Some(0))
        );
        assert_eq!(tcp.expires, 89999);
        assert_eq!(rows[2].protocol, Protocol::Number(IPPROTO_ICMP));
    }

    #[test]
    fn without_pdelta_rows_have_nine_fields() {
        let data = "Prc FromIP FPrt ToIP TPrt Masq Init-seq Delta Expires\nIP 0A000001:0000 0A000002:0000 0000 0 -3 7\n";
        let rows = parse(data.as_bytes()).unwrap();
        assert_eq!(rows[0].protocol, Protocol::AnyIp);
        assert_eq!(
            (rows[0].delta, rows[0].prev_delta, rows[0].expires),
            (-3, None, 7)
        );
    }

    #[test]
    fn header_only_and_empty_files() {
        assert_eq!(parse(b"Prc FromIP\n"), Ok(vec![]));
        assert_eq!(parse(b"Prc FromIP\n   \n\n"), Ok(vec![]));
        assert_eq!(parse(b"Prc"), Ok(vec![]));
        assert_eq!(parse(b""), Err(FormatError::NoHeader));
    }

    #[test]
    fn malformed_rows_reject_the_table() {
        let bad = [
            "h\nTCP C0A80002:0401 0A010203:0050 EE48 12345678 0\n",
            "h\nTCP C0A80002 0A010203:0050 EE48 12345678 0 12 5\n",
            "h\nTCP C0A80002:0401 0A010203:0050 EE48 12345678 0 12 5 extra\n",
            "h\nTCP C0A80002:0401 0A010203:0050 EE48 zz 0 12 5\n",
            "h\nTCP\n",
        ];
        for data in bad {
            assert_eq!(parse(data.as_bytes()), Err(FormatError::Format), "{data:?}");
        }
        let unknown = "h\nFOO C0A80002:0401 0A010203:0050 EE48 12345678 0 12\n";
        assert_eq!(parse(unknown.as_bytes()), Err(FormatError::UnknownType));
    }

    #[test]
    fn fields_flow_across_lines_like_fscanf() {
        let data = "h\nUDP C0A80003:0035\n08080808:0035 EE49 0 0 1234 TCP\nC0A80002:0401 0A010203:0050 EE48 1 2 3\n";
        let rows = parse(data.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].protocol, Protocol::Number(IPPROTO_TCP));
    }

    #[test]
    fn odd_bytes_and_huge_numbers_do_not_panic() {
        let data = b"PDelta\0\nTCP\0junk FFFFFFFFFFFF:FFFFFFFFF 1:2 3 FFFFFFFFFFFFFFFFFFFFFF 70000 -99999999999999999999 -1\n";
        let rows = parse(data).unwrap();
        let r = &rows[0];
        assert_eq!(r.protocol, Protocol::Number(IPPROTO_TCP));
        assert_eq!(r.source, IpAddr::V4(Ipv4Addr::new(255, 255, 255, 255)));
        assert_eq!(r.source_port, 0xffff);
        assert_eq!(r.initseq, u64::MAX);
        assert_eq!(r.delta, 70000i64 as i16 as i64);
        assert_eq!(r.prev_delta, Some(i64::MIN as i16 as i64));
        assert_eq!(r.expires, u64::MAX);
        // A header longer than fgets' buffer leaves its tail to the row
        // reader, and a `PDelta` past the buffer does not count.
        let long = format!("{}PDelta\n", "x".repeat(300));
        assert_eq!(parse(long.as_bytes()), Err(FormatError::Format));
        let data = fixture().into_bytes();
        for input in crate::source::proc::mangled(&data, &[0, b' ', b'\n', b':', b'-', b'x', 0xff])
        {
            let _ = parse(&input);
        }
    }
}
