//! The multicast group section (spec §3.9).

use super::text::{left, name};

/// The three header lines, printed even when no file can be read.
pub const HEADER: &str = "IPv6/IPv4 Group Memberships\n\
Interface       RefCnt Group\n\
--------------- ------ ---------------------\n";

/// One membership: `%-15s %-6d %s`, newline included.
pub fn row(line: &mut Vec<u8>, device: &[u8], users: i32, group: &[u8]) {
    left(line, device, 15);
    line.push(b' ');
    left(line, users.to_string().as_bytes(), 6);
    line.push(b' ');
    name(line, group);
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_pad_and_never_cut() {
        let mut line = Vec::new();
        row(&mut line, b"veth0", 1, b"239.1.2.3");
        row(&mut line, b"a-sixteen-chars!", -2, b"ff02::1");
        assert_eq!(
            line,
            b"veth0           1      239.1.2.3\na-sixteen-chars! -2     ff02::1\n"
        );
    }
}
