//! One parser per `/proc` file: bytes in, rows out, never a panic.
//!
//! Every path is relative to the proc root, `/proc` unless the `PROC_ROOT`
//! environment variable names another directory (a fixture tree), as `ss` and
//! `nstat` allow. Messages on stderr name the path actually opened
//! ([`shown_path`]): `/proc/...` as in net-tools, the fixture path under
//! `PROC_ROOT`. Text on stdout keeps 2.10's `/proc/...` words.
//!
//! Opening never blocks: a FIFO (or socket, or device) in place of a `/proc`
//! file, possible with `PROC_ROOT` or a bind mount in a container, is refused
//! with "Not a regular file" instead of waiting for a writer forever.

pub mod atalk;
pub mod ax25;
pub mod cstdio;
pub mod fields;
pub mod ipx;
pub mod netlink;
pub mod netrom;
pub mod packet;
pub mod rose;
pub mod x25;

use std::borrow::Cow;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

/// The environment variable that relocates `/proc`.
pub const PROC_ROOT_VAR: &str = "PROC_ROOT";

/// The real location of a logical `/proc/...` path.
pub fn real_path(logical: &str) -> PathBuf {
    let rest = logical.strip_prefix("/proc").unwrap_or(logical);
    match std::env::var_os(PROC_ROOT_VAR) {
        Some(root) if !root.is_empty() => {
            let mut path = PathBuf::from(root);
            path.push(rest.trim_start_matches('/'));
            path
        }
        // The calling thread's network namespace, which may not be the
        // thread-group leader's (`/proc/net` is `/proc/self/net`): the
        // workers of `--all-netns` each enter their own.
        _ => match rest.strip_prefix("/net") {
            Some(net) if net.is_empty() || net.starts_with('/') => {
                PathBuf::from(format!("/proc/thread-self/net{net}"))
            }
            _ => PathBuf::from(format!("/proc{rest}")),
        },
    }
}

/// The path a message names for a logical `/proc/...` path: the one opened.
pub fn shown_path(logical: &str) -> Cow<'_, str> {
    let relocated = std::env::var_os(PROC_ROOT_VAR).is_some_and(|root| !root.is_empty());
    if relocated && logical.starts_with("/proc") {
        Cow::Owned(real_path(logical).to_string_lossy().into_owned())
    } else {
        Cow::Borrowed(logical)
    }
}

/// Why a `/proc` file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// open() failed; net-tools distinguishes ENOENT/EACCES from the rest.
    Open(io::Error),
    /// open() worked but read() failed (e.g. the path is a directory). 2.10
    /// loops forever on the Internet files here (spec §9 #28); we stop.
    Read(io::Error),
}

impl ReadError {
    /// The underlying I/O error.
    pub fn io(&self) -> &io::Error {
        match self {
            ReadError::Open(e) | ReadError::Read(e) => e,
        }
    }

    /// ENOENT or EACCES at open time: the "no support" case of spec §3.11.
    pub fn is_missing_or_denied(&self) -> bool {
        matches!(self, ReadError::Open(e)
            if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied))
    }

    /// ENOENT at open time.
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Open(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// The rows of one file and the warnings met while parsing it (the "bogus
/// line" messages, printed on stderr by the mode).
#[derive(Debug, PartialEq, Eq)]
pub struct Table<T> {
    pub rows: Vec<T>,
    pub warnings: Vec<String>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

impl<T> Table<T> {
    /// Parse every line after the header with `parse`; a `None` records `warning`.
    pub fn from_lines<'a>(
        lines: impl Iterator<Item = &'a [u8]>,
        warning: &str,
        mut parse: impl FnMut(&'a [u8]) -> Option<T>,
    ) -> Self {
        let mut table = Table::default();
        for line in lines {
            match parse(line) {
                Some(row) => table.rows.push(row),
                None => table.warnings.push(warning.to_string()),
            }
        }
        table
    }
}

/// Open a `/proc` file given by its logical path, without blocking. Anything
/// but a regular file is refused at open time; a directory is let through, for
/// the read error that 2.10's rules (and the spec's fixes) expect of it.
pub fn open(logical: &str) -> Result<std::fs::File, ReadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(real_path(logical))
        .map_err(ReadError::Open)?;
    // fstat of the opened file: no window for a swap between check and use.
    let kind = file.metadata().map_err(ReadError::Open)?.file_type();
    if kind.is_file() || kind.is_dir() {
        Ok(file)
    } else {
        Err(ReadError::Open(not_a_regular_file()))
    }
}

/// The error for a FIFO, socket or device where a `/proc` file should be.
fn not_a_regular_file() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "Not a regular file")
}

/// Read a whole `/proc` file given by its logical path.
pub fn read(logical: &str) -> Result<Vec<u8>, ReadError> {
    let mut file = open(logical)?;
    let mut data = Vec::new();
    file.read_to_end(&mut data).map_err(ReadError::Read)?;
    Ok(data)
}

/// Read an open file chunk by chunk and hand each line (without its `\n`) to
/// `each`, splitting exactly as [`lines`] does, without holding the whole file.
pub fn for_each_line(file: &mut impl Read, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            // One line longer than the buffer: make room for it.
            buf.resize(buf.len() * 2, 0);
        }
        let n = match file.read(&mut buf[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            if filled > 0 {
                each(&buf[..filled]);
            }
            return Ok(());
        }
        let mut start = 0;
        let end = filled + n;
        while let Some(offset) = buf[filled.max(start)..end].iter().position(|&b| b == b'\n') {
            let newline = filled.max(start) + offset;
            each(&buf[start..newline]);
            start = newline + 1;
        }
        buf.copy_within(start..end, 0);
        filled = end - start;
    }
}

/// The lines of a file without their `\n` (a final line without one counts too).
pub fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    let mut parts = body.split(|&b| b == b'\n');
    // An empty file has no lines at all, not one empty line.
    if data.is_empty() {
        parts.next();
    }
    parts
}
pub mod columns;
pub mod dev;
pub mod if_inet6;
pub mod igmp;
pub mod inet;
pub mod ip_masquerade;
pub mod ipv6_route;
pub mod ndisc;
pub mod nf_conntrack;
pub mod route;
pub mod rt_cache;
pub mod sctp;
pub mod snmp;
pub mod stdio;
pub mod unix;

/// Test support: every prefix of `data`, then `data` with each byte replaced by
/// each of `odd` — the inputs a parser must survive without panicking.
#[cfg(test)]
pub fn mangled<'a>(data: &'a [u8], odd: &'a [u8]) -> impl Iterator<Item = Vec<u8>> + 'a {
    let prefixes = (0..data.len()).map(|cut| data[..cut].to_vec());
    let replaced = (0..data.len()).flat_map(move |at| {
        odd.iter().map(move |&byte| {
            let mut copy = data.to_vec();
            copy[at] = byte;
            copy
        })
    });
    prefixes.chain(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per call.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn streamed_lines_equal_whole_file_lines() {
        let long = vec![b'x'; 200_000];
        let mut with_long = b"head\n".to_vec();
        with_long.extend_from_slice(&long);
        with_long.extend_from_slice(b"\ntail");
        let cases: [&[u8]; 7] = [b"", b"\n", b"a", b"a\n", b"a\n\nb", b"a\nb\n\n", &with_long];
        for data in cases {
            let expected: Vec<&[u8]> = lines(data).collect();
            for step in [1, 3, 70_000, usize::MAX] {
                let mut got: Vec<Vec<u8>> = Vec::new();
                for_each_line(&mut Trickle { data, step }, |l| got.push(l.to_vec())).unwrap();
                assert_eq!(got, expected, "step {step}");
            }
        }
    }
}
