//! The floors: the least work that fetches what a listing shows. Each part
//! only counts: a bare sock_diag dump of one protocol (its messages are not
//! even decoded), or for `-p` one walk over every `/proc/PID/fd` link, each
//! read once, on one thread.
//!
//! `netstat-bench floor PART...` with PART one of `tcp`, `tcp-info` (with
//! the extensions `--info` asks for), `udp`, `udplite`, `raw` (IPv4 and
//! IPv6 each), `unix`, `fds`, or `unix-proc` (the lines of
//! `/proc/net/unix`, read in 64 KiB chunks); prints the count.

use netstat::source::netlink::NetlinkSocket;
use netstat::source::netlink::sock_diag::{self, Extension, InetRequest, SOCK_DIAG_BY_FAMILY};
use std::ffi::CStr;
use std::io;

/// `NETLINK_SOCK_DIAG`.
const NETLINK_SOCK_DIAG: i32 = 4;

/// The floor parts of each benchmark case.
pub const TCP: &[&str] = &["tcp"];
/// `--info`: the TCP dump with `tcp_info` and the congestion attributes.
pub const TCP_INFO: &[&str] = &["tcp-info"];
pub const UDP: &[&str] = &["udp"];
pub const UNIX: &[&str] = &["unix"];
/// Not a floor: the read of `/proc/net/unix`, which `-x` cannot avoid.
pub const UNIX_PROC: &[&str] = &["unix-proc"];
/// What `-an` lists: every Internet protocol and UNIX.
pub const ALL: &[&str] = &["tcp", "udp", "udplite", "raw", "unix"];
/// `-tanp`: the TCP dump and the fd walk.
pub const TCP_FDS: &[&str] = &["tcp", "fds"];

/// The `floor` role.
pub fn run(parts: &[String]) -> io::Result<()> {
    if parts.is_empty() {
        return Err(io::Error::other("floor: no part given"));
    }
    let mut socket = NetlinkSocket::open(NETLINK_SOCK_DIAG, 0)?;
    let mut count = 0;
    for part in parts {
        count += match part.as_str() {
            "tcp" => inet(&mut socket, libc::IPPROTO_TCP, 0)?,
            "tcp-info" => inet(&mut socket, libc::IPPROTO_TCP, Extension::TcpInfo.bits())?,
            "udp" => inet(&mut socket, libc::IPPROTO_UDP, 0)?,
            // Kernels without these diag modules refuse: nothing to count.
            "udplite" => inet(&mut socket, libc::IPPROTO_UDPLITE, 0).unwrap_or(0),
            "raw" => inet(&mut socket, libc::IPPROTO_RAW, 0).unwrap_or(0),
            "unix" => unix(&mut socket)?,
            "unix-proc" => proc_lines("/proc/net/unix")?,
            "fds" => fd_links()?,
            other => return Err(io::Error::other(format!("floor: unknown part {other}"))),
        };
    }
    println!("{count}");
    Ok(())
}

/// Count the answers of one dump request.
fn count(socket: &mut NetlinkSocket, payload: &[u8]) -> io::Result<usize> {
    let mut n = 0;
    socket
        .dump(SOCK_DIAG_BY_FAMILY, payload, |_| n += 1)
        .map_err(|e| io::Error::other(format!("{e:?}")))?;
    Ok(n)
}

/// Every socket of one Internet protocol, IPv4 then IPv6, with the
/// extensions `extensions` asks for.
fn inet(socket: &mut NetlinkSocket, protocol: i32, extensions: u8) -> io::Result<usize> {
    let mut n = 0;
    for family in [libc::AF_INET, libc::AF_INET6] {
        let request = InetRequest {
            family: family as u8,
            protocol: protocol as u8,
            states: sock_diag::ALL_STATES,
            bytecode: Vec::new(),
            sport: 0,
            dport: 0,
            extensions,
        };
        n += count(socket, &request.payload())?;
    }
    Ok(n)
}

/// Every UNIX socket: a `struct unix_diag_req` asking for all states and no
/// attributes.
fn unix(socket: &mut NetlinkSocket) -> io::Result<usize> {
    let mut request = [0u8; 24];
    request[0] = libc::AF_UNIX as u8;
    request[4..8].copy_from_slice(&u32::MAX.to_ne_bytes());
    count(socket, &request)
}

/// Count the lines of a file, reading it in 64 KiB chunks.
fn proc_lines(path: &str) -> io::Result<usize> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0;
    loop {
        match file.read(&mut buf)? {
            0 => return Ok(n),
            len => n += buf[..len].iter().filter(|&&b| b == b'\n').count(),
        }
    }
}

/// Read every `/proc/PID/fd/N` link once; count the links read.
pub fn fd_links() -> io::Result<usize> {
    let mut n = 0;
    let mut link = [0u8; 64];
    let mut path = Vec::with_capacity(64);
    each_name(c"/proc", |pid| {
        if !pid.iter().all(u8::is_ascii_digit) {
            return;
        }
        path.clear();
        path.extend_from_slice(b"/proc/");
        path.extend_from_slice(pid);
        path.extend_from_slice(b"/fd\0");
        let Ok(dir) = CStr::from_bytes_with_nul(&path) else {
            return;
        };
        // SAFETY: opendir/readdir/readlinkat/closedir on one DIR stream that
        // this block opens and closes; names are NUL-terminated by readdir.
        unsafe {
            let stream = libc::opendir(dir.as_ptr());
            if stream.is_null() {
                return;
            }
            let fd = libc::dirfd(stream);
            loop {
                let entry = libc::readdir(stream);
                if entry.is_null() {
                    break;
                }
                let name = (*entry).d_name.as_ptr();
                if *name == b'.' as libc::c_char {
                    continue;
                }
                let len = libc::readlinkat(fd, name, link.as_mut_ptr().cast(), link.len());
                if len >= 0 {
                    n += 1;
                }
            }
            libc::closedir(stream);
        }
    })?;
    Ok(n)
}

/// Hand every entry name of a directory to `each`.
fn each_name(dir: &CStr, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    // SAFETY: one DIR stream opened, read and closed here.
    unsafe {
        let stream = libc::opendir(dir.as_ptr());
        if stream.is_null() {
            return Err(io::Error::last_os_error());
        }
        loop {
            let entry = libc::readdir(stream);
            if entry.is_null() {
                break;
            }
            each(CStr::from_ptr((*entry).d_name.as_ptr()).to_bytes());
        }
        libc::closedir(stream);
    }
    Ok(())
}
