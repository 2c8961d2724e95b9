//! The masquerade table (spec §7).

use super::text::{left, name, right};
use crate::model::masquerade::Masquerade;

/// The title and column line, printed only when there is at least one row.
/// `extended` is the `-e` counter being above 1.
pub fn header(extended: bool) -> &'static [u8] {
    if extended {
        b"IP masquerading entries\nprot   expire    initseq delta prevd source               destination          ports\n"
    } else {
        b"IP masquerading entries\nprot   expire source               destination          ports\n"
    }
}

/// A row's texts, already resolved by the caller.
pub struct RowNames<'a> {
    /// The `prot` column (`tcp`, `udp`, `icmp`, ...).
    pub protocol: &'a [u8],
    pub source: &'a [u8],
    pub destination: &'a [u8],
    pub source_port: &'a [u8],
    pub destination_port: &'a [u8],
    pub masq_port: &'a [u8],
}

/// One row, newline included:
/// `%-4s%3lu:%02lu.%02lu ` [`%10lu %5hd %5hd ` | `%10lu %5hd     - `] `%-20s %-20s S -> D (M)`.
pub fn row(line: &mut Vec<u8>, entry: &Masquerade, extended: bool, names: &RowNames) {
    left(line, names.protocol, 4);
    let hundredths = entry.expires % 100;
    let seconds = (entry.expires / 100) % 60;
    let minutes = entry.expires / 6000;
    right(line, minutes.to_string().as_bytes(), 3);
    line.extend_from_slice(format!(":{seconds:02}.{hundredths:02} ").as_bytes());
    if extended {
        right(line, entry.initseq.to_string().as_bytes(), 10);
        line.push(b' ');
        right(line, entry.delta.to_string().as_bytes(), 5);
        line.push(b' ');
        match entry.prev_delta {
            Some(prev) => right(line, prev.to_string().as_bytes(), 5),
            None => right(line, b"-", 5),
        }
        line.push(b' ');
    }
    left(line, names.source, 20);
    line.push(b' ');
    left(line, names.destination, 20);
    line.push(b' ');
    name(line, names.source_port);
    line.extend_from_slice(b" -> ");
    name(line, names.destination_port);
    line.extend_from_slice(b" (");
    name(line, names.masq_port);
    line.extend_from_slice(b")\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::masquerade::Protocol;

    fn entry(expires: u64, prev_delta: Option<i64>) -> Masquerade {
        Masquerade {
            protocol: Protocol::Number(6),
            expires,
            source: "192.168.0.2".parse().unwrap(),
            destination: "10.1.2.3".parse().unwrap(),
            source_port: 1025,
            destination_port: 80,
            masq_port: 61000,
            initseq: 305419896,
            delta: 0,
            prev_delta,
        }
    }

    fn render(e: &Masquerade, protocol: &[u8], extended: bool) -> String {
        let mut line = Vec::new();
        let names = RowNames {
            protocol,
            source: b"192.168.0.2",
            destination: b"10.1.2.3",
            source_port: b"1025",
            destination_port: b"80",
            masq_port: b"61000",
        };
        row(&mut line, e, extended, &names);
        String::from_utf8(line).unwrap()
    }

    #[test]
    fn rows_as_in_appendix_c() {
        assert_eq!(
            render(&entry(89999, Some(0)), b"tcp", false),
            "tcp  14:59.99 192.168.0.2          10.1.2.3             1025 -> 80 (61000)\n"
        );
        assert_eq!(
            render(&entry(89999, Some(0)), b"tcp", true),
            "tcp  14:59.99  305419896     0     0 192.168.0.2          10.1.2.3             1025 -> 80 (61000)\n"
        );
        assert_eq!(
            render(&entry(5, None), b"icmp", true),
            "icmp  0:00.05  305419896     0     - 192.168.0.2          10.1.2.3             1025 -> 80 (61000)\n"
        );
        assert_eq!(
            render(&entry(43_200_000, None), b"tcp", false),
            "tcp 7200:00.00 192.168.0.2          10.1.2.3             1025 -> 80 (61000)\n"
        );
    }
}
