//! One farm worker: holds a share of the sockets until it is killed.
//!
//! Every connection is made to the worker's own listener, so each worker holds
//! both ends (two fds per connection) and needs no coordination with others.

use std::io::Write;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;

/// What one worker holds.
#[derive(Debug, Clone, Copy)]
pub struct Share {
    pub index: usize,
    /// Established IPv4 connections (client and server end both held).
    pub tcp4: usize,
    /// Established connections through an IPv6 dual-stack listener: half over
    /// `::1`, half IPv4-mapped.
    pub tcp6: usize,
    /// Connections closed again so that the client end sits in TIME_WAIT.
    pub time_wait: usize,
    pub udp: usize,
    pub unix_pairs: usize,
    /// Packet sockets (raw, every protocol, unbound) and netlink sockets
    /// (NETLINK_ROUTE, port chosen by the kernel).
    pub packet: usize,
    pub netlink: usize,
}

impl Share {
    pub fn args(&self) -> Vec<String> {
        [
            self.index,
            self.tcp4,
            self.tcp6,
            self.time_wait,
            self.udp,
            self.unix_pairs,
            self.packet,
            self.netlink,
        ]
        .iter()
        .map(|n| n.to_string())
        .collect()
    }

    pub fn parse(args: &[String]) -> Option<Share> {
        let n: Vec<usize> = args.iter().map(|a| a.parse().ok()).collect::<Option<_>>()?;
        // The packet and netlink counts may be left out (none).
        let (index, tcp4, tcp6, time_wait, udp, unix_pairs, packet, netlink) = match n[..] {
            [a, b, c, d, e, f] => (a, b, c, d, e, f, 0, 0),
            [a, b, c, d, e, f, g, h] => (a, b, c, d, e, f, g, h),
            _ => return None,
        };
        Some(Share {
            index,
            tcp4,
            tcp6,
            time_wait,
            udp,
            unix_pairs,
            packet,
            netlink,
        })
    }

    /// The worker's IPv4 address (127.0.0.2 - 127.0.0.9) and base port.
    pub fn address(&self) -> (Ipv4Addr, u16) {
        (
            Ipv4Addr::new(127, 0, 0, 2 + (self.index % 8) as u8),
            (10_000 + self.index * 4) as u16,
        )
    }
}

/// Raise the soft fd limit to the hard one.
pub fn raise_fd_limit() {
    // SAFETY: getrlimit/setrlimit on a valid struct.
    unsafe {
        let mut l: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut l) == 0 {
            l.rlim_cur = l.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &l);
        }
    }
}

fn listener(addr: SocketAddr) -> std::io::Result<TcpListener> {
    // std's listen backlog is 128; the farm wants the namespace's somaxconn.
    let listener = TcpListener::bind(addr)?;
    // SAFETY: listen(2) on an open socket fd.
    unsafe { libc::listen(std::os::fd::AsRawFd::as_raw_fd(&listener), 65535) };
    Ok(listener)
}

/// Make `count` connections to `to` through `listener`, in batches that fit
/// the accept queue; keep both ends.
fn connect_many(
    listener: &TcpListener,
    to: SocketAddr,
    count: usize,
    keep: &mut Vec<TcpStream>,
) -> std::io::Result<()> {
    let mut left = count;
    while left > 0 {
        let batch = left.min(1000);
        for _ in 0..batch {
            keep.push(TcpStream::connect(to)?);
        }
        for _ in 0..batch {
            keep.push(listener.accept()?.0);
        }
        left -= batch;
    }
    Ok(())
}

/// A raw packet socket for every protocol (`ETH_P_ALL`), unbound.
fn packet_socket() -> std::io::Result<OwnedFd> {
    let protocol = i32::from(0x0003u16.to_be());
    // SAFETY: socket(2); the result is checked before it is owned.
    owned(unsafe { libc::socket(libc::AF_PACKET, libc::SOCK_RAW, protocol) })
}

/// A NETLINK_ROUTE socket bound to a port the kernel chooses.
fn netlink_socket() -> std::io::Result<OwnedFd> {
    // SAFETY: socket(2); the result is checked before it is owned.
    let fd = owned(unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW, 0) })?;
    // SAFETY: bind(2) with a zeroed sockaddr_nl of the right size.
    let rc = unsafe {
        let mut address: libc::sockaddr_nl = std::mem::zeroed();
        address.nl_family = libc::AF_NETLINK as u16;
        libc::bind(
            fd.as_raw_fd(),
            (&raw const address).cast(),
            std::mem::size_of::<libc::sockaddr_nl>() as u32,
        )
    };
    if rc == 0 {
        Ok(fd)
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn owned(fd: i32) -> std::io::Result<OwnedFd> {
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a new descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Build the share, say `ready`, and hold everything until killed.
pub fn run(share: Share) -> std::io::Result<()> {
    raise_fd_limit();
    // Die with the driver even if stdin somehow stays open.
    // SAFETY: prctl with an integer argument.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
    let (ip, port) = share.address();
    let v4 = SocketAddr::from((ip, port));
    let v6 = SocketAddr::from((Ipv6Addr::UNSPECIFIED, port + 1));
    let mut held: Vec<TcpStream> = Vec::new();
    let l4 = listener(v4)?;
    connect_many(&l4, v4, share.tcp4, &mut held)?;
    let l6 = listener(v6)?;
    let half = share.tcp6 / 2;
    connect_many(
        &l6,
        SocketAddr::from((Ipv6Addr::LOCALHOST, port + 1)),
        half,
        &mut held,
    )?;
    connect_many(
        &l6,
        SocketAddr::from((ip, port + 1)),
        share.tcp6 - half,
        &mut held,
    )?;
    for _ in 0..share.time_wait {
        // The client end closes first, so it is the one left in TIME_WAIT.
        let client = TcpStream::connect(v4)?;
        let server = l4.accept()?.0;
        drop(client);
        drop(server);
    }
    let mut udp: Vec<UdpSocket> = Vec::new();
    for i in 0..share.udp {
        let s = UdpSocket::bind(SocketAddr::from((ip, 0)))?;
        if let (1, Some(first)) = (i % 2, udp.first()) {
            s.connect(first.local_addr()?)?;
        }
        udp.push(s);
    }
    let mut unix = Vec::new();
    for _ in 0..share.unix_pairs {
        unix.push(UnixStream::pair()?);
    }
    let mut raw = Vec::new();
    for _ in 0..share.packet {
        raw.push(packet_socket()?);
    }
    for _ in 0..share.netlink {
        raw.push(netlink_socket()?);
    }
    println!("ready");
    std::io::stdout().flush()?;
    // Hold everything until killed (the driver kills its workers; the
    // parent-death signal covers a driver that died).
    let _held = (l4, l6, held, udp, unix, raw);
    loop {
        std::thread::park();
    }
}
