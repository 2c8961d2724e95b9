//! What `ip netns exec NAME` does to `/etc`: in a private mount namespace,
//! every entry of `/etc/netns/NAME/` is bind-mounted over the same name in
//! `/etc`, so name lookups (hosts, services, resolv.conf, nsswitch.conf)
//! read the namespace's own files. Unlike `ip netns exec`, `/sys` is left
//! alone: nothing this program prints comes from it.

use crate::error::{Fatal, strerror, warn};
use std::ffi::CString;
use std::io::Error;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

const ETC_NETNS_DIR: &str = "/etc/netns";

/// Leave the mount namespace this program shares with its parent for a
/// private one, so no bind mount below is seen outside (`ip netns exec`'s
/// `unshare(CLONE_NEWNS)` and `mount --make-rslave /`). It applies to the
/// calling thread (which stops sharing its filesystem context with the
/// others) and to the threads it starts afterwards: `--netns` calls it before
/// any other thread exists, each worker of `--all-netns` for itself.
pub fn private_mounts() -> Result<(), Fatal> {
    // SAFETY: unshare and mount take no pointers we do not own; "" and "/" are C strings.
    super::checked(
        unsafe { libc::unshare(libc::CLONE_NEWNS) },
        "unshare failed",
    )?;
    let flags = libc::MS_SLAVE | libc::MS_REC;
    let done = unsafe {
        libc::mount(
            c"".as_ptr(),
            c"/".as_ptr(),
            c"none".as_ptr(),
            flags,
            std::ptr::null(),
        )
    };
    super::checked(done, "\"mount --make-rslave /\" failed")
}

/// The files of `/etc/netns/NAME`, if that directory has any.
pub fn files(name: &std::ffi::OsStr) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(Path::new(ETC_NETNS_DIR).join(name)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

/// The bind mounts made for one namespace, undone by [`EtcOverlay::remove`].
#[derive(Debug, Default)]
pub struct EtcOverlay {
    mounted: Vec<CString>,
}

impl EtcOverlay {
    /// Bind every file over its `/etc` namesake (in a private mount namespace:
    /// see [`private_mounts`]). A bind that fails is reported, as `ip` does,
    /// and the others still made.
    pub fn apply(files: &[PathBuf]) -> EtcOverlay {
        let mut overlay = EtcOverlay::default();
        for source in files {
            let Some(file_name) = source.file_name() else {
                continue;
            };
            let target = Path::new("/etc").join(file_name);
            let (Ok(c_source), Ok(c_target)) = (
                CString::new(source.as_os_str().as_bytes()),
                CString::new(target.as_os_str().as_bytes()),
            ) else {
                continue;
            };
            // SAFETY: both paths are valid C strings; no data argument.
            let done = unsafe {
                libc::mount(
                    c_source.as_ptr(),
                    c_target.as_ptr(),
                    c"none".as_ptr(),
                    libc::MS_BIND,
                    std::ptr::null(),
                )
            };
            if done == 0 {
                overlay.mounted.push(c_target);
            } else {
                let e = Error::last_os_error();
                warn(&format!(
                    "Bind {} -> {} failed: {}",
                    source.display(),
                    target.display(),
                    strerror(&e)
                ));
            }
        }
        overlay
    }

    /// Uncover `/etc` again (before the next namespace's files go on).
    pub fn remove(self) {
        for target in self.mounted.iter().rev() {
            // SAFETY: a valid C string naming a mount we made.
            unsafe { libc::umount2(target.as_ptr(), libc::MNT_DETACH) };
        }
    }
}
