//! The inode → "PID/program" map behind `-p` (spec §2.7).

use crate::error::strerror;
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
    /// Some process could not be looked at for want of a file descriptor.
    pub starved: bool,
    /// After a walk of chosen processes: the local ports of every Internet
    /// socket they hold, if all could be learned.
    held_ports: Option<Vec<u16>>,
}

impl Owners {
    /// Walk every process once, on every available core. For an inode held by
    /// several processes the first one in `/proc` order wins, as in net-tools.
    pub fn scan() -> Self {
        Owners::scan_some(None)
    }

    /// Walk only these processes' fds (a `--pid` filter): each socket they
    /// hold is theirs, whoever else holds it too.
    pub fn scan_pids(pids: &[u32]) -> Self {
        let mut owners = Owners::scan_some(Some(pids));
        owners.held_ports = pids.iter().try_fold(Vec::new(), |mut all, &pid| {
            all.extend(super::held_ports::local_ports(pid)?);
            Some(all)
        });
        owners
    }

    /// After [`Owners::scan_pids`]: the local ports of every Internet socket
    /// those processes hold (`None`: unknown).
    pub fn held_ports(&self) -> Option<&[u16]> {
        self.held_ports.as_deref()
    }

    fn scan_some(only: Option<&[u32]>) -> Self {
        let mut owners = Owners::default();
        let root = crate::source::proc::real_path("/proc");
        let Ok(proc_dir) = open_dir(None, &c_path(root.as_os_str().as_bytes())) else {
            owners.unreadable = true;
            return owners;
        };
        let mut pids = Vec::new();
        if let Some(only) = only {
            pids.extend(only.iter().map(|pid| c_path(pid.to_string().as_bytes())));
        } else if each_entry(&proc_dir, &mut vec![0u8; 32 * 1024], |name| {
            if !name.is_empty() && name.iter().all(u8::is_ascii_digit) {
                pids.push(c_path(name));
            }
        })
        .is_err()
        {
            owners.unreadable = true;
            return owners;
        }
        let walkers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(pids.len().div_ceil(8).max(1));
        let everyone: Vec<u32> = (0..pids.len() as u32).collect();
        let mut walks = walk_in_parallel(&proc_dir, &pids, &everyone, walkers);
        // Processes skipped for want of a descriptor get a second, lone walker,
        // now that the others have closed theirs (a low RLIMIT_NOFILE).
        let mut starved: Vec<u32> = walks.iter().flat_map(|w| w.starved.clone()).collect();
        if !starved.is_empty() {
            starved.sort_unstable();
            walks.extend(walk_in_parallel(&proc_dir, &pids, &starved, 1));
            owners.starved = walks.last().is_some_and(|w| !w.starved.is_empty());
        }
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

    /// The note printed on stderr after the walk, if any: net-tools' non-root
    /// notes, then ours when processes had to be skipped for want of a file
    /// descriptor (net-tools shows their sockets as `-` without a word).
    pub fn note(&self) -> Option<String> {
        let permission = if self.unreadable || (self.denied && self.found() == 0) {
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
        };
        let descriptors = self.starved.then(|| {
            let text = strerror(&std::io::Error::from_raw_os_error(libc::EMFILE));
            format!("(Not all processes could be identified: {text}.)")
        });
        match (permission, descriptors) {
            (Some(p), Some(d)) => Some(format!("{p}\n{d}")),
            (p, d) => p.or(d),
        }
    }
}

/// `walkers` walks over `order`, on as many threads.
fn walk_in_parallel(
    proc_dir: &OwnedFd,
    pids: &[Box<CStr>],
    order: &[u32],
    walkers: usize,
) -> Vec<Walk> {
    let next = AtomicUsize::new(0);
    if walkers == 1 {
        return vec![walk(proc_dir, pids, order, &next)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..walkers)
            .map(|_| scope.spawn(|| walk(proc_dir, pids, order, &next)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

impl crate::filter::OwnerOf for Owners {
    fn owner_of(&self, inode: u64) -> Option<(u32, &[u8])> {
        self.process(inode)
            .map(|process| (process.pid, process.program_name()))
    }
}

/// What one walker found.
#[derive(Debug, Default)]
struct Walk {
    map: HashMap<u64, u32, InodeHash>,
    processes: Vec<(u32, Process)>,
    denied: bool,
    /// Indices of processes skipped because no descriptor was left (EMFILE or
    /// ENFILE), to be walked again once the other walkers have closed theirs.
    starved: Vec<u32>,
}

/// Take processes (indices into `pids`) from `order` through the shared cursor
/// until none is left. Each walker's indices increase, so within a walker the
/// first holder of an inode is the one with the lowest index; `Owners::label`
/// takes the lowest across walkers.
///
/// A walker holds one descriptor at a time: `PID/fd` while its entries are
/// read, then `PID/cmdline`. As in net-tools, a process whose command line
/// cannot be read labels none of its sockets (they show `-`), never `PID/`.
fn walk(proc_dir: &OwnedFd, pids: &[Box<CStr>], order: &[u32], next: &AtomicUsize) -> Walk {
    let mut w = Walk::default();
    let mut entries = vec![0u8; 32 * 1024];
    let mut link = [0u8; LINK_MAX];
    let mut path = Vec::with_capacity(32);
    let mut inodes = Vec::new();
    loop {
        let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
            return w;
        };
        let pid = pids[index as usize].to_bytes();
        inodes.clear();
        let fds = match open_dir(Some(proc_dir), in_process(&mut path, pid, b"fd")) {
            Ok(fds) => fds,
            Err(e) => {
                match e.raw_os_error() {
                    Some(libc::EACCES) => w.denied = true,
                    Some(libc::EMFILE | libc::ENFILE) => w.starved.push(index),
                    _ => {}
                }
                continue;
            }
        };
        let _ = each_entry(&fds, &mut entries, |name| {
            if name.first().is_some_and(u8::is_ascii_digit)
                && let Some(inode) = read_link(&fds, name, &mut link).and_then(socket_inode_bytes)
            {
                inodes.push(inode);
            }
        });
        drop(fds);
        if inodes.is_empty() {
            continue;
        }
        let cmdline = match read_cmdline(proc_dir, in_process(&mut path, pid, b"cmdline")) {
            Ok(cmdline) => cmdline,
            Err(e) => {
                if matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE)) {
                    w.starved.push(index);
                }
                continue;
            }
        };
        w.processes.push((index, Process::new(pid, cmdline)));
        // Since Linux 6.2 the size of /proc/PID/fd is its number of open fds;
        // the inodes collected are the socket ones among them.
        w.map.reserve(inodes.len());
        for &inode in &inodes {
            w.map.entry(inode).or_insert(index);
        }
    }
}

/// `PID/NAME` as a NUL-terminated path, built in `path`.
fn in_process<'a>(path: &'a mut Vec<u8>, pid: &[u8], name: &[u8]) -> &'a CStr {
    path.clear();
    path.extend_from_slice(pid);
    path.push(b'/');
    path.extend_from_slice(name);
    path.push(0);
    CStr::from_bytes_with_nul(path).unwrap_or(c"")
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

/// One `read` of up to 511 bytes of `PID/cmdline`, as net-tools does.
fn read_cmdline(proc_dir: &OwnedFd, path: &CStr) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; CMDLINE_MAX];
    // SAFETY: openat with a NUL-terminated path; read into buf within its length.
    unsafe {
        let fd = libc::openat(
            proc_dir.as_raw_fd(),
            path.as_ptr(),
            // Never blocks, even on a FIFO in a fixture tree.
            libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NONBLOCK,
        );
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let fd = OwnedFd::from_raw_fd(fd);
        let n = libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len());
        let n = usize::try_from(n).map_err(|_| std::io::Error::last_os_error())?;
        buf.truncate(n);
    }
    Ok(buf)
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
