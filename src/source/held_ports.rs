//! The local ports of the Internet sockets one process holds, learned by
//! duplicating each socket fd into this process (`pidfd_getfd`) and asking
//! `getsockname`. A `--pid` filter turns them into bytecode, so the kernel
//! sends only sockets with those ports instead of the whole table.
//!
//! Every socket the process holds has one of these ports, so the narrowing
//! never loses a row the filter wants (the predicate still decides). When any
//! step fails (no permission to duplicate another user's fds, a kernel before
//! 5.6, an fd closed meanwhile) the answer is `None` and nothing is narrowed.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// The distinct local ports of `pid`'s Internet sockets, sorted.
pub fn local_ports(pid: u32) -> Option<Vec<u16>> {
    // SAFETY: pidfd_open with a plain pid and no flags; the fd is owned at once.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if pidfd < 0 {
        return None;
    }
    // SAFETY: a fresh descriptor nobody else owns.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as i32) };
    let fd_dir = crate::source::proc::real_path("/proc")
        .join(pid.to_string())
        .join("fd");
    let mut ports = Vec::new();
    for entry in std::fs::read_dir(fd_dir).ok()? {
        let entry = entry.ok()?;
        let link = std::fs::read_link(entry.path()).ok()?;
        if !link.as_os_str().as_bytes().starts_with(b"socket:[") {
            continue;
        }
        let fd: i32 = entry.file_name().to_str()?.parse().ok()?;
        if let Some(port) = port_of(&pidfd, fd)? {
            ports.push(port);
        }
    }
    ports.sort_unstable();
    ports.dedup();
    Some(ports)
}

/// The local port of the process's socket `fd`: `Some(None)` for a socket
/// of another family, `None` when it cannot be learned.
fn port_of(pidfd: &OwnedFd, fd: i32) -> Option<Option<u16>> {
    // SAFETY: pidfd_getfd with an open pidfd, no flags; the copy is owned at once.
    let copy = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
    if copy < 0 {
        return None;
    }
    // SAFETY: a fresh descriptor nobody else owns.
    let copy = unsafe { OwnedFd::from_raw_fd(copy as i32) };
    // SAFETY: getsockname writes at most `len` bytes into a zeroed storage.
    let (rc, address) = unsafe {
        let mut address: libc::sockaddr_storage = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        let rc = libc::getsockname(
            copy.as_raw_fd(),
            (&mut address as *mut libc::sockaddr_storage).cast(),
            &mut len,
        );
        (rc, address)
    };
    if rc != 0 {
        return None;
    }
    // sin_port and sin6_port sit at the same offset, in network order.
    Some(match i32::from(address.ss_family) {
        libc::AF_INET => {
            // SAFETY: the storage holds a sockaddr_in.
            let v4: libc::sockaddr_in = unsafe { std::mem::transmute_copy(&address) };
            Some(u16::from_be(v4.sin_port))
        }
        libc::AF_INET6 => {
            // SAFETY: the storage holds a sockaddr_in6.
            let v6: libc::sockaddr_in6 = unsafe { std::mem::transmute_copy(&address) };
            Some(u16::from_be(v6.sin6_port))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_sockets_ports_are_found() {
        let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let udp = std::net::UdpSocket::bind("[::1]:0").unwrap();
        let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
        let Some(ports) = local_ports(std::process::id()) else {
            // Duplicating fds is not permitted here (e.g. a strict Yama policy).
            return;
        };
        assert!(ports.contains(&tcp.local_addr().unwrap().port()));
        assert!(ports.contains(&udp.local_addr().unwrap().port()));
        drop((a, b));
    }

    #[test]
    fn a_missing_process_gives_no_answer() {
        assert_eq!(local_ports(u32::MAX / 2), None);
    }
}
