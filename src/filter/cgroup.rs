//! `cgroup PATH`: the cgroup v2 id sock_diag reports and tests, which is the
//! inode number of the cgroup's directory in the cgroup2 file system. The
//! path is read as ss reads it: an absolute path names the directory itself
//! (`/sys/fs/cgroup/user.slice`), a relative one is under the cgroup2 mount
//! (`user.slice`).

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

/// The id of the cgroup at `path`, or why there is none.
pub fn id(path: &str) -> Result<u64, String> {
    let full = match path.starts_with('/') {
        true => PathBuf::from(path),
        false => cgroup2_mount()
            .ok_or("no cgroup2 file system is mounted")?
            .join(path),
    };
    let metadata = std::fs::metadata(&full).map_err(|e| {
        let e = std::io::Error::from(e.kind());
        format!("no such cgroup ({}: {e})", full.display())
    })?;
    if !metadata.is_dir() {
        return Err(format!(
            "no such cgroup ({} is no directory)",
            full.display()
        ));
    }
    Ok(metadata.ino())
}

/// Where the cgroup2 file system is mounted, from `/proc/self/mounts` (the
/// last mount, which hides earlier ones on the same point).
fn cgroup2_mount() -> Option<PathBuf> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let point = mounts.lines().rev().find_map(|line| {
        let mut fields = line.split(' ');
        let point = fields.nth(1)?;
        (fields.next()? == "cgroup2").then_some(point)
    })?;
    Some(PathBuf::from(unescape(point)))
}

/// A mount point as `/proc/self/mounts` writes it: space, tab, newline and
/// backslash as `\` and three octal digits.
fn unescape(text: &str) -> String {
    let mut out = Vec::new();
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let digits: Vec<u8> = bytes.clone().take(3).collect();
        match std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| u8::from_str_radix(d, 8).ok())
        {
            Some(c) if digits.len() == 3 => {
                out.push(c);
                bytes.nth(2);
            }
            _ => out.push(b),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_points_are_unescaped() {
        assert_eq!(unescape(r"/sys/fs/cgroup"), "/sys/fs/cgroup");
        assert_eq!(unescape(r"/a\040b"), "/a b");
        assert_eq!(unescape(r"/a\\b\0"), r"/a\\b\0");
    }

    #[test]
    fn a_missing_cgroup_is_an_error() {
        assert!(id("/no/such/cgroup/here").is_err());
    }
}
