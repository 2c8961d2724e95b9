//! Network namespaces: entering one (`--netns`, `--netns-pid`) and sweeping
//! all of them (`--all-netns`).
//!
//! `--netns` enters the one namespace with `setns` on the main thread, before
//! any other thread exists. `--all-netns` keeps the main thread where it
//! started and lists the namespaces on worker threads, each moving itself
//! with `setns` (which changes only the calling thread): a netlink or ioctl
//! socket belongs to the namespace of the thread that opens it, and the
//! sources read `/proc/thread-self/net`, so they need no namespace argument.
//! Sockets have host-wide unique inodes, so one `-p` walk of `/proc` serves
//! every namespace of a sweep.

mod container;
pub mod discover;
pub mod ordered;
mod overlay;

use crate::cli::Netns as Target;
use crate::error::{Fatal, strerror};
use crate::model::netns::Netns;
use overlay::EtcOverlay;
use std::fs::File;
use std::io::Error;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Where `ip netns` keeps its names.
pub const NETNS_RUN_DIR: &str = "/var/run/netns";

/// The nsfs inode of the namespace file at `path` (following the magic link
/// of `/proc/PID/ns/net`).
pub fn namespace_inode(path: &Path) -> std::io::Result<u64> {
    std::fs::metadata(path).map(|m| m.ino())
}

/// Enter the one namespace of `--netns` or `--netns-pid`, as `ip netns exec`
/// (a name: with its `/etc/netns/NAME` files) or `nsenter --net` would.
/// Nothing to do for the current namespace or `--all-netns`.
pub fn enter(target: &Target) -> Result<(), Fatal> {
    let (path, shown) = match target {
        Target::Current | Target::All => return Ok(()),
        Target::Named(name) => (
            Path::new(NETNS_RUN_DIR).join(name),
            name.to_string_lossy().into_owned(),
        ),
        Target::File(path) => (PathBuf::from(path), path.to_string_lossy().into_owned()),
        Target::Process(pid) => {
            let path = PathBuf::from(format!("/proc/{pid}/ns/net"));
            let shown = path.display().to_string();
            (path, shown)
        }
    };
    let file = File::open(&path).map_err(|e| cannot_open(&shown, &e))?;
    join(&file, &shown)?;
    if let Target::Named(name) = target {
        let files = overlay::files(name.as_ref());
        if !files.is_empty() {
            overlay::private_mounts()?;
            // Kept until the program ends.
            let _ = EtcOverlay::apply(&files);
        }
    }
    Ok(())
}

/// `setns` into the namespace file `file`, `ip`'s message on failure.
fn join(file: &File, shown: &str) -> Result<(), Fatal> {
    // SAFETY: setns on a descriptor we own.
    let done = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
    checked(
        done,
        &format!("setting the network namespace \"{shown}\" failed"),
    )
}

/// A system call's result: `Err` with `netstat: WHAT: strerror(errno)` (exit
/// status 1) when it failed.
fn checked(result: libc::c_int, what: &str) -> Result<(), Fatal> {
    if result == 0 {
        return Ok(());
    }
    let e = Error::last_os_error();
    Err(Fatal::new(1, format!("netstat: {what}: {}", strerror(&e))))
}

/// The namespace the program started in, which the workers of a sweep start
/// in too (the main thread never leaves it during `--all-netns`).
#[derive(Debug)]
pub struct Home {
    file: File,
    inode: u64,
}

impl Home {
    pub fn open() -> Result<Home, Fatal> {
        let path = Path::new("/proc/thread-self/ns/net");
        let opened = File::open(path).and_then(|file| Ok((file.metadata()?.ino(), file)));
        let (inode, file) = opened
            .map_err(|e| Fatal::new(1, format!("netstat: {}: {}", path.display(), strerror(&e))))?;
        Ok(Home { file, inode })
    }
}

/// Moves one worker thread of `--all-netns` from namespace to namespace:
/// `setns` changes only the calling thread's network namespace, and that
/// thread's `/proc/thread-self/net` and new sockets follow it.
#[derive(Debug)]
pub struct Sweep<'a> {
    /// The namespace this thread is in now.
    here: u64,
    home: &'a Home,
    /// Whether this thread has its private mount namespace for `/etc` overlays yet.
    private_mounts: bool,
}

/// Being inside one namespace of a sweep; [`Sweep::leave`] ends it.
#[derive(Debug)]
pub struct Inside(Option<EtcOverlay>);

impl<'a> Sweep<'a> {
    /// For a thread that is still in the namespace `home`.
    pub fn new(home: &'a Home) -> Sweep<'a> {
        Sweep {
            here: home.inode,
            home,
            private_mounts: false,
        }
    }

    /// Enter `netns`. `Ok(None)` when it is gone: no name and no process
    /// holds it any more (see [`gone`]).
    pub fn enter(&mut self, netns: &Netns) -> Result<Option<Inside>, Fatal> {
        if self.here != netns.inode {
            let Some((file, shown)) = self.open(netns)? else {
                return Ok(None);
            };
            join(&file, &shown)?;
            self.here = netns.inode;
        }
        let files = match netns.names.first() {
            Some(name) if !netns.current => overlay::files(name.as_ref()),
            _ => Vec::new(),
        };
        if files.is_empty() {
            return Ok(Some(Inside(None)));
        }
        if !self.private_mounts {
            overlay::private_mounts()?;
            self.private_mounts = true;
        }
        Ok(Some(Inside(Some(EtcOverlay::apply(&files)))))
    }

    /// Leave the namespace's `/etc` files (the network namespace stays
    /// until the next `enter`).
    pub fn leave(&mut self, inside: Inside) {
        if let Some(overlay) = inside.0 {
            overlay.remove();
        }
    }

    /// A file of the namespace: the starting one, a name, or a process in
    /// it, checked by inode (a name may have been remounted, a pid reused).
    /// `Ok(None)`: none is left. A file that exists but may not be opened
    /// is an error, as it is for `ip netns exec`.
    fn open(&self, netns: &Netns) -> Result<Option<(File, String)>, Fatal> {
        if netns.current {
            let home = self
                .home
                .file
                .try_clone()
                .map_err(|e| cannot_open("current", &e))?;
            return Ok(Some((home, "current".to_string())));
        }
        let named = netns
            .names
            .iter()
            .map(|name| (Path::new(NETNS_RUN_DIR).join(name), name.clone()));
        let held = netns.processes.iter().map(|p| {
            let path = PathBuf::from(format!("/proc/{}/ns/net", p.pid));
            let shown = path.display().to_string();
            (path, shown)
        });
        let mut denied = None;
        for (path, shown) in named.chain(held) {
            match File::open(&path) {
                Ok(file) if file.metadata().is_ok_and(|m| m.ino() == netns.inode) => {
                    return Ok(Some((file, shown)));
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    denied.get_or_insert((shown, e));
                }
                Err(_) => {}
            }
        }
        match denied {
            Some((shown, e)) => Err(cannot_open(&shown, &e)),
            None => Ok(None),
        }
    }
}

/// The note for a namespace that vanished before its turn in a sweep.
pub fn gone(netns: &Netns) -> String {
    format!(
        "netstat: network namespace {} is gone, skipped",
        netns.inode
    )
}

/// Whether a namespace of a sweep gets `/etc` files of its own
/// (`/etc/netns/NAME`).
pub fn has_own_etc(netns: &Netns) -> bool {
    !netns.current
        && netns
            .names
            .first()
            .is_some_and(|name| !overlay::files(name.as_ref()).is_empty())
}

/// `ip`'s message for a namespace file that cannot be opened.
fn cannot_open(shown: &str, e: &Error) -> Fatal {
    Fatal::new(
        1,
        format!(
            "netstat: Cannot open network namespace \"{shown}\": {}",
            strerror(e)
        ),
    )
}
