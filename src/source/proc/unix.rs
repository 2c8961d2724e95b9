//! `/proc/net/unix` (spec §3.10, §8.3).

use super::fields::Scanner;
use crate::model::UnixSocket;

/// The rows of the file.
pub type Table = super::Table<UnixSocket>;

/// Parse the whole file. The header decides whether rows carry an inode.
pub fn parse(data: &[u8]) -> Table {
    let mut table = Table::default();
    let mut lines = super::lines(data);
    let has_inode = lines
        .next()
        .is_some_and(|header| header.windows(5).any(|w| w == b"Inode"));
    for line in lines {
        match parse_line(line, has_inode) {
            Some(row) => table.rows.push(row),
            None => table
                .warnings
                .push("warning, got bogus unix line.".to_string()),
        }
    }
    table
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
