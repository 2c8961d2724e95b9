//! `/proc/net/unix` (spec §3.10, §8.3).

use super::fields::Scanner;
use crate::model::UnixSocket;
use std::io::{self, Read};

/// The stderr warning for a line that does not scan.
pub const BOGUS_WARNING: &str = "warning, got bogus unix line.";

/// Read the file line by line and hand each row after the header to `each`
/// (`None` for a line that does not scan). The header decides whether rows
/// carry an inode.
pub fn for_each_row(
    file: &mut impl Read,
    mut each: impl FnMut(Option<UnixSocket>),
) -> io::Result<()> {
    let mut has_inode = None;
    super::for_each_line(file, |line| match has_inode {
        None => has_inode = Some(line.windows(5).any(|w| w == b"Inode")),
        Some(has_inode) => each(parse_line(line, has_inode)),
    })
}

/// `%p: %lX %lX %lX %X %X %lu %s` — at least six converted fields.
pub fn parse_line(line: &[u8], has_inode: bool) -> Option<UnixSocket> {
    let mut s = Scanner::new(line);
    let mut count = 0;
    let mut values = [0u64; 5];
    let mut inode = None;
    let mut path = None;
    let mut scan = || -> Option<()> {
        s.hex()?;
        count += 1;
        s.literal(b':')?;
        for value in values.iter_mut() {
            *value = s.hex()?;
            count += 1;
        }
        inode = Some(s.udec()?);
        count += 1;
        path = Some(s.word()?.to_vec());
        Some(())
    };
    scan();
    if count < 6 {
        return None;
    }
    let [refcount, protocol, flags, kind, state] = values;
    let inode = inode.unwrap_or(0);
    // Ancient kernels had no inode column: the number read where the inode
    // would be is shown as the path (net-tools' behaviour).
    let (inode, path) = if has_inode {
        (Some(inode), path)
    } else {
        (None, Some(inode.to_string().into_bytes()))
    };
    Some(UnixSocket {
        refcount,
        protocol,
        flags,
        kind,
        state,
        inode,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole file's rows and warnings.
    fn parse(data: &[u8]) -> super::super::Table<UnixSocket> {
        let mut table = super::super::Table::default();
        for_each_row(&mut &data[..], |row| match row {
            Some(row) => table.rows.push(row),
            None => table.warnings.push(BOGUS_WARNING.to_string()),
        })
        .unwrap();
        table
    }

    const HEADER: &[u8] = b"Num       RefCount Protocol Flags    Type St Inode Path\n";

    #[test]
    fn listening_bound_and_unbound() {
        let mut data = HEADER.to_vec();
        data.extend_from_slice(
            b"000000006361f46a: 00000002 00000000 00010000 0001 01 17458 /tmp/nsdemo/srv.sock\n",
        );
        data.extend_from_slice(b"0000000000000000: 00000003 00000000 00000000 0001 03 17460\n");
        data.extend_from_slice(
            b"0000000000000000: 00000002 00000000 00000000 0002 01 17461 /tmp/with space.sock\n",
        );
        let t = parse(&data);
        assert!(t.warnings.is_empty());
        assert!(t.rows[0].is_listening());
        assert_eq!(
            t.rows[0].path.as_deref(),
            Some(&b"/tmp/nsdemo/srv.sock"[..])
        );
        assert_eq!(t.rows[1].path, None);
        assert_eq!(t.rows[1].inode, Some(17460));
        assert_eq!(t.rows[2].path.as_deref(), Some(&b"/tmp/with"[..]));
    }

    #[test]
    fn non_utf8_paths_stay_bytes() {
        let mut data = HEADER.to_vec();
        data.extend_from_slice(b"0: 00000002 00000000 00000000 0001 01 5 /tmp/\xff\xfe\x01x\n");
        let t = parse(&data);
        assert_eq!(t.rows[0].path.as_deref(), Some(&b"/tmp/\xff\xfe\x01x"[..]));
    }

    #[test]
    fn bogus_and_truncated_lines() {
        let mut data = HEADER.to_vec();
        data.extend_from_slice(b"0: 00000002 00000000\nnonsense\n\n0: 1 2 3 4 5");
        let t = parse(&data);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.warnings.len(), 3);
    }

    #[test]
    fn file_without_inode_column() {
        let t = parse(b"Num RefCount Protocol Flags Type St Path\n0: 1 0 0 1 1 42\n");
        assert_eq!(t.rows[0].inode, None);
        assert_eq!(t.rows[0].path.as_deref(), Some(&b"42"[..]));
    }
}
