//! The inode → "PID/program" map behind `-p` (spec §2.7).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;

/// The label column is cut to this many bytes, `PID/` included.
const LABEL_MAX: usize = 19;
/// net-tools reads at most this much of `/proc/PID/cmdline`.
const CMDLINE_MAX: usize = 511;

/// Socket owners found by one walk of `/proc`.
#[derive(Debug, Default)]
pub struct Owners {
    labels: HashMap<u64, Vec<u8>>,
    /// Some `/proc/PID/fd` could not be opened for lack of permission.
    pub denied: bool,
    /// `/proc` itself could not be read.
    pub unreadable: bool,
}

impl Owners {
    /// Walk every process once. The first process found for an inode wins.
    pub fn scan() -> Self {
        let mut owners = Owners::default();
        let root = crate::source::proc::real_path("/proc");
        let Ok(entries) = std::fs::read_dir(&root) else {
            owners.unreadable = true;
            return owners;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.is_empty() || !name.as_bytes().iter().all(u8::is_ascii_digit) {
                continue;
            }
            owners.scan_process(&entry.path(), name.as_bytes());
        }
        owners
    }

    fn scan_process(&mut self, dir: &std::path::Path, pid: &[u8]) {
        let fds = match std::fs::read_dir(dir.join("fd")) {
            Ok(fds) => fds,
            Err(e) => {
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    self.denied = true;
                }
                return;
            }
        };
        let mut label: Option<Vec<u8>> = None;
        for fd in fds.flatten() {
            if !fd
                .file_name()
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let Ok(target) = std::fs::read_link(fd.path()) else {
                continue;
            };
            let Some(inode) = socket_inode(target.as_os_str()) else {
                continue;
            };
            let label = label.get_or_insert_with(|| make_label(pid, &program_name(dir)));
            self.labels.entry(inode).or_insert_with(|| label.clone());
        }
    }

    /// The label for a socket inode, or `-`.
    pub fn label(&self, inode: u64) -> &[u8] {
        self.labels.get(&inode).map_or(b"-", Vec::as_slice)
    }

    /// The non-root note printed on stderr after the walk, if any.
    pub fn note(&self) -> Option<String> {
        if self.unreadable || (self.denied && self.labels.is_empty()) {
            // SAFETY: geteuid cannot fail.
            let uid = unsafe { libc::geteuid() };
            Some(format!(
                "(No info could be read for \"-p\": geteuid()={uid} but you should be root.)"
            ))
        } else if self.denied {
            Some(
                "(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)"
                    .to_string(),
            )
        } else {
            None
        }
    }
}

/// `socket:[N]` (or the ancient `[0000]:N`) → N. net-tools reads at most 29
/// bytes of the link.
pub fn socket_inode(target: &OsStr) -> Option<u64> {
    let bytes = target.as_bytes();
    let bytes = &bytes[..bytes.len().min(29)];
    let digits = if let Some(rest) = bytes.strip_prefix(b"socket:[") {
        rest.strip_suffix(b"]")?
    } else {
        bytes.strip_prefix(b"[0000]:")?
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

fn program_name(dir: &std::path::Path) -> Vec<u8> {
    let mut buf = Vec::with_capacity(CMDLINE_MAX);
    if let Ok(file) = std::fs::File::open(dir.join("cmdline")) {
        let _ = file.take(CMDLINE_MAX as u64).read_to_end(&mut buf);
    }
    command_name(&buf)
}

/// argv[0] from a raw cmdline: up to the first NUL; after the last `/` when it
/// starts with `/`; control characters replaced by `.` (the later net-tools
/// fix for CVE-2024-58251). Other bytes are kept raw.
pub fn command_name(cmdline: &[u8]) -> Vec<u8> {
    let argv0 = cmdline.split(|&b| b == 0).next().unwrap_or(b"");
    let name = if argv0.first() == Some(&b'/') {
        let slash = argv0.iter().rposition(|&b| b == b'/').unwrap_or(0);
        &argv0[slash + 1..]
    } else {
        argv0
    };
    name.iter()
        .map(|&b| if b < 0x20 || b == 0x7f { b'.' } else { b })
        .collect()
}

/// `PID/NAME` cut to 19 bytes.
pub fn make_label(pid: &[u8], name: &[u8]) -> Vec<u8> {
    let mut label = Vec::with_capacity(pid.len() + 1 + name.len());
    label.extend_from_slice(pid);
    label.push(b'/');
    label.extend_from_slice(name);
    label.truncate(LABEL_MAX);
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inode_from_link_targets() {
        assert_eq!(socket_inode(OsStr::new("socket:[12345]")), Some(12345));
        assert_eq!(socket_inode(OsStr::new("[0000]:77")), Some(77));
        assert_eq!(socket_inode(OsStr::new("pipe:[5]")), None);
        assert_eq!(socket_inode(OsStr::new("socket:[]")), None);
        assert_eq!(
            socket_inode(OsStr::new("socket:[99999999999999999999999]")),
            None
        );
    }

    #[test]
    fn command_names() {
        assert_eq!(command_name(b"/usr/bin/python3\0x.py\0"), b"python3");
        assert_eq!(command_name(b"/opt/x/\0"), b"");
        assert_eq!(command_name(b"sshd: user@pts/0\0"), b"sshd: user@pts/0");
        assert_eq!(command_name(b"evil\x1b[31m\x7f\xff"), b"evil.[31m.\xff");
        assert_eq!(command_name(b""), b"");
    }

    #[test]
    fn labels_are_cut_at_19() {
        assert_eq!(
            make_label(b"9611", b"a-very-long-program"),
            b"9611/a-very-long-pr"
        );
    }
}
