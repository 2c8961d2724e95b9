//! One parser per `/proc` file: bytes in, rows out, never a panic.
//!
//! Every path is relative to the proc root, `/proc` unless the `PROC_ROOT`
//! environment variable names another directory (a fixture tree), as `ss` and
//! `nstat` allow. Messages always name the logical `/proc/...` path, so the
//! output on a fixture tree matches net-tools run on the same tree.

pub mod fields;

use std::io::{self, Read};
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
        _ => PathBuf::from(format!("/proc{rest}")),
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

/// Read a whole `/proc` file given by its logical path.
pub fn read(logical: &str) -> Result<Vec<u8>, ReadError> {
    let mut file = std::fs::File::open(real_path(logical)).map_err(ReadError::Open)?;
    let mut data = Vec::new();
    file.read_to_end(&mut data).map_err(ReadError::Read)?;
    Ok(data)
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
pub mod fgets;
pub mod igmp;
pub mod inet;
pub mod ip_masquerade;
pub mod ipv6_route;
pub mod ndisc;
pub mod nf_conntrack;
pub mod route;
pub mod rt_cache;
pub mod sctp;
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
