//! The inode → "PID/program" map behind `-p` (spec §2.7).

use std::collections::HashMap;
use std::ffi::{CStr, OsStr};
use std::hash::{BuildHasherDefault, Hasher};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The label column is cut to this many bytes, `PID/` included.
const LABEL_MAX: usize = 19;
/// net-tools reads at most this much of `/proc/PID/cmdline`.
const CMDLINE_MAX: usize = 511;
/// net-tools reads at most this much of an fd link.
const LINK_MAX: usize = 29;

/// A process that holds sockets.
#[derive(Debug, Clone)]
pub struct Process {
    pub pid: u32,
    /// The text column: `PID/name`, cut to 19 bytes.
    pub label: Box<[u8]>,
    /// `/proc/PID/cmdline` as net-tools reads it (at most 511 bytes).
    pub cmdline: Box<[u8]>,
}

impl Process {
    fn new(pid: &[u8], cmdline: Vec<u8>) -> Self {
        Process {
            pid: pid.iter().fold(0u32, |n, d| {
                n.wrapping_mul(10).wrapping_add(u32::from(d - b'0'))
            }),
            label: make_label(pid, &command_name(&cmdline)).into_boxed_slice(),
            cmdline: cmdline.into_boxed_slice(),
        }
    }

    /// argv[0] without its directory, raw (the label replaces control bytes).
    pub fn program_name(&self) -> &[u8] {
        program_name(&self.cmdline)
    }
}

/// Socket owners found by one walk of `/proc`.
#[derive(Debug, Default)]
pub struct Owners {
    /// One map per walker: inode → index of the first process (in `/proc`
    /// order) that the walker saw holding it.
    maps: Vec<HashMap<u64, u32, InodeHash>>,
    /// Each process by its index in `/proc` order, for the processes that
    /// hold a socket.
    processes: Vec<Option<Process>>,
    /// Some `/proc/PID/fd` could not be opened for lack of permission.
    pub denied: bool,
    /// `/proc` itself could not be read.
    pub unreadable: bool,
}

impl Owners {
    /// Walk every process once, on every available core. For an inode held by
    /// several processes the first one in `/proc` order wins, as in net-tools.
    pub fn scan() -> Self {
        let mut owners = Owners::default();
        let root = crate::source::proc::real_path("/proc");
        let Ok(proc_dir) = open_dir(None, &c_path(root.as_os_str().as_bytes())) else {
            owners.unreadable = true;
            return owners;
        };
        let mut pids = Vec::new();
        let readable = each_entry(&proc_dir, &mut vec![0u8; 32 * 1024], |name| {
            if !name.is_empty() && name.iter().all(u8::is_ascii_digit) {
                pids.push(c_path(name));
            }
        });
        if readable.is_err() {
            owners.unreadable = true;
            return owners;
        }
        let walkers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(pids.len().div_ceil(8).max(1));
        let next = AtomicUsize::new(0);
        let walks: Vec<Walk> = if walkers == 1 {
            vec![walk(&proc_dir, &pids, &next)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..walkers)
                    .map(|_| scope.spawn(|| walk(&proc_dir, &pids, &next)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        owners.processes = vec![None; pids.len()];
        for w in walks {
            owners.denied |= w.denied;
            for (index, process) in w.processes {
                owners.processes[index as usize] = Some(process);
            }
            owners.maps.push(w.map);
        }
        owners
    }

    /// The label for a socket inode, or `-`.
    pub fn label(&self, inode: u64) -> &[u8] {
        self.process(inode).map_or(b"-", |p| &p.label)
    }

    /// The process holding a socket inode (the first in `/proc` order).
    pub fn process(&self, inode: u64) -> Option<&Process> {
        self.maps
            .iter()
            .filter_map(|map| map.get(&inode))
            .min()
            .and_then(|&index| self.processes.get(index as usize)?.as_ref())
    }

    /// How many socket inodes have an owner.
    fn found(&self) -> usize {
        self.maps.iter().map(HashMap::len).sum()
    }

    /// The non-root note printed on stderr after the walk, if any.
    pub fn note(&self) -> Option<String> {
        if self.unreadable || (self.denied && self.found() == 0) {
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

/// What one walker found.
#[derive(Debug, Default)]
struct Walk {
    map: HashMap<u64, u32, InodeHash>,
    processes: Vec<(u32, Process)>,
    denied: bool,
}

/// Take processes from the shared cursor until none is left. Each walker's
/// indices increase, so within a walker the first holder of an inode is the
/// one with the lowest index; `Owners::label` takes the lowest across walkers.
fn walk(proc_dir: &OwnedFd, pids: &[Box<CStr>], next: &AtomicUsize) -> Walk {
    let mut w = Walk::default();
    let mut entries = vec![0u8; 32 * 1024];
    let mut link = [0u8; LINK_MAX];
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(pid) = pids.get(index) else {
            return w;
        };
        let fd_dir = match open_dir(Some(proc_dir), pid).and_then(|dir| {
            let fds = open_dir(Some(&dir), c"fd")?;
            Ok((dir, fds))
        }) {
            Ok(dirs) => dirs,
            Err(e) => {
                w.denied |= e.raw_os_error() == Some(libc::EACCES);
                continue;
            }
        };
        let (pid_dir, fds) = fd_dir;
        // Since Linux 6.2 the size of /proc/PID/fd is its number of open fds.
        w.map.reserve(open_count(&fds));
        let mut labelled = false;
        let _ = each_entry(&fds, &mut entries, |name| {
            if !name.first().is_some_and(u8::is_ascii_digit) {
                return;
            }
            let Some(inode) = read_link(&fds, name, &mut link).and_then(socket_inode_bytes) else {
                return;
            };
            if !labelled {
                labelled = true;
                let process = Process::new(pid.to_bytes(), read_cmdline(&pid_dir));
                w.processes.push((index as u32, process));
            }
            w.map.entry(inode).or_insert(index as u32);
        });
    }
}

/// A directory opened relative to `at` (or the current directory).
fn open_dir(at: Option<&OwnedFd>, path: &CStr) -> std::io::Result<OwnedFd> {
    let at = at.map_or(libc::AT_FDCWD, AsRawFd::as_raw_fd);
    // SAFETY: openat with a NUL-terminated path; the fd is owned at once.
    let fd = unsafe {
        libc::openat(
            at,
            path.as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        // SAFETY: fd is a fresh descriptor nobody else owns.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }
}

fn c_path(bytes: &[u8]) -> Box<CStr> {
    let mut v = bytes.to_vec();
    v.retain(|&b| b != 0);
    v.push(0);
    CStr::from_bytes_with_nul(&v)
        .map(Box::from)
        .unwrap_or_else(|_| Box::from(c""))
}

/// The `st_size` of an opened directory (0 when unknown).
fn open_count(dir: &OwnedFd) -> usize {
    // SAFETY: fstat into a zeroed struct on an open fd.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(dir.as_raw_fd(), &mut st) == 0 {
            usize::try_from(st.st_size).unwrap_or(0).min(1 << 24)
        } else {
            0
        }
    }
}

/// Hand every entry name of a directory to `each` (NUL-terminated names are
/// given without the NUL), reading with getdents64 into `buf`.
fn each_entry(dir: &OwnedFd, buf: &mut [u8], mut each: impl FnMut(&[u8])) -> std::io::Result<()> {
    loop {
        // SAFETY: getdents64 writes at most buf.len() bytes into buf.
        let n = unsafe {
            libc::syscall(
                libc::SYS_getdents64,
                dir.as_raw_fd(),
                buf.as_mut_ptr(),
                buf.len(),
            )
        };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if n == 0 {
            return Ok(());
        }
        // struct linux_dirent64: u64 ino, i64 off, u16 reclen, u8 type, name.
        let mut at = 0;
        let n = n as usize;
        while at + 19 < n {
            let reclen = usize::from(u16::from_ne_bytes([buf[at + 16], buf[at + 17]]));
            if reclen == 0 || at + reclen > n {
                break;
            }
            let name = &buf[at + 19..at + reclen];
            let len = name.iter().position(|&b| b == 0).unwrap_or(name.len());
            each(&name[..len]);
            at += reclen;
        }
    }
}

/// `readlinkat` of one fd entry into `link` (at most [`LINK_MAX`] bytes).
fn read_link<'a>(dir: &OwnedFd, name: &[u8], link: &'a mut [u8; LINK_MAX]) -> Option<&'a [u8]> {
    let mut path = [0u8; 24];
    if name.len() >= path.len() {
        return None;
    }
    path[..name.len()].copy_from_slice(name);
    // SAFETY: path is NUL-terminated; readlinkat writes at most link.len() bytes.
    let n = unsafe {
        libc::readlinkat(
            dir.as_raw_fd(),
            path.as_ptr().cast(),
            link.as_mut_ptr().cast(),
            link.len(),
        )
    };
    usize::try_from(n).ok().map(|n| &link[..n])
}

/// One `read` of up to 511 bytes of `cmdline`, as net-tools does.
fn read_cmdline(pid_dir: &OwnedFd) -> Vec<u8> {
    let mut buf = vec![0u8; CMDLINE_MAX];
    // SAFETY: openat with a literal path; read into buf within its length.
    unsafe {
        let fd = libc::openat(
            pid_dir.as_raw_fd(),
            c"cmdline".as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        );
        if fd < 0 {
            return Vec::new();
        }
        let fd = OwnedFd::from_raw_fd(fd);
        let n = libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len());
        buf.truncate(usize::try_from(n).unwrap_or(0));
    }
    buf
}

/// A cheap hasher for inode numbers (the map holds every socket fd on the
/// host; SipHash's DoS resistance buys nothing here).
#[derive(Debug, Default, Clone, Copy)]
struct InodeHasher(u64);

impl Hasher for InodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Fibonacci hashing: the multiply spreads sequential inodes over the
        // high bits (hashbrown's tag) and keeps the low bits distinct.
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type InodeHash = BuildHasherDefault<InodeHasher>;

/// `socket:[N]` (or the ancient `[0000]:N`) → N. net-tools reads at most 29
/// bytes of the link.
pub fn socket_inode(target: &OsStr) -> Option<u64> {
    socket_inode_bytes(target.as_bytes())
}

fn socket_inode_bytes(bytes: &[u8]) -> Option<u64> {
    let bytes = &bytes[..bytes.len().min(LINK_MAX)];
    let digits = if let Some(rest) = bytes.strip_prefix(b"socket:[") {
        rest.strip_suffix(b"]")?
    } else {
        bytes.strip_prefix(b"[0000]:")?
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

/// argv[0] from a raw cmdline: up to the first NUL; after the last `/` when it
/// starts with `/`; control characters replaced by `.` (the later net-tools
/// fix for CVE-2024-58251). Other bytes are kept raw.
pub fn command_name(cmdline: &[u8]) -> Vec<u8> {
    program_name(cmdline)
        .iter()
        .map(|&b| if b < 0x20 || b == 0x7f { b'.' } else { b })
        .collect()
}

/// argv[0] from a raw cmdline: up to the first NUL; after the last `/` when
/// it starts with `/`.
fn program_name(cmdline: &[u8]) -> &[u8] {
    let argv0 = cmdline.split(|&b| b == 0).next().unwrap_or(b"");
    if argv0.first() == Some(&b'/') {
        let slash = argv0.iter().rposition(|&b| b == b'/').unwrap_or(0);
        &argv0[slash + 1..]
    } else {
        argv0
    }
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
    fn the_walk_finds_our_own_socket_and_the_first_holder_wins() {
        use std::os::unix::fs::MetadataExt;
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let fd = socket.as_raw_fd();
        let inode = std::fs::metadata(format!("/proc/self/fd/{fd}"))
            .unwrap()
            .ino();
        // A child holding the same socket: it comes later in /proc order
        // unless PIDs wrapped, so the label stays ours.
        // SAFETY: clearing FD_CLOEXEC on our own open fd.
        unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
        let mut child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let owners = Owners::scan();
        child.kill().unwrap();
        child.wait().unwrap();
        let pid = std::process::id();
        let label = owners.label(inode);
        if child.id() > pid {
            assert!(label.starts_with(format!("{pid}/").as_bytes()), "{label:?}");
        }
        assert_eq!(owners.label(u64::MAX), b"-");
        assert_eq!(socket_inode_bytes(b"socket:[1]"), Some(1));
    }

    #[test]
    fn labels_are_cut_at_19() {
        assert_eq!(
            make_label(b"9611", b"a-very-long-program"),
            b"9611/a-very-long-pr"
        );
    }
}
