//! Socket rows for the Internet protocols and UNIX domain sockets.

use std::net::IpAddr;

/// The Internet socket tables of the default listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InetProto {
    Tcp,
    Udp,
    UdpLite,
    Raw,
}

impl InetProto {
    /// The Proto column for rows from the IPv4 or the IPv6 file.
    pub fn label(self, ipv6_file: bool) -> &'static str {
        match (self, ipv6_file) {
            (InetProto::Tcp, false) => "tcp",
            (InetProto::Tcp, true) => "tcp6",
            (InetProto::Udp, false) => "udp",
            (InetProto::Udp, true) => "udp6",
            (InetProto::UdpLite, false) => "udpl",
            (InetProto::UdpLite, true) => "udpl6",
            (InetProto::Raw, false) => "raw",
            (InetProto::Raw, true) => "raw6",
        }
    }

    /// The IP protocol number (sock_diag requests).
    pub fn ip_protocol(self) -> u8 {
        (match self {
            InetProto::Tcp => libc::IPPROTO_TCP,
            InetProto::Udp => libc::IPPROTO_UDP,
            InetProto::UdpLite => libc::IPPROTO_UDPLITE,
            InetProto::Raw => libc::IPPROTO_RAW,
        }) as u8
    }

    /// The name used in "no support" messages and bogus-line warnings.
    pub fn name(self) -> &'static str {
        match self {
            InetProto::Tcp => "tcp",
            InetProto::Udp => "udp",
            InetProto::UdpLite => "udplite",
            InetProto::Raw => "raw",
        }
    }
}

/// The kernel's names of the socket states 1..=13 (include/net/tcp_states.h),
/// which UDP and RAW sockets use too; `None` for any other number.
pub fn state_name(state: u32) -> Option<&'static str> {
    const STATES: [&str; 13] = [
        "ESTABLISHED",
        "SYN_SENT",
        "SYN_RECV",
        "FIN_WAIT1",
        "FIN_WAIT2",
        "TIME_WAIT",
        "CLOSE",
        "CLOSE_WAIT",
        "LAST_ACK",
        "LISTEN",
        "CLOSING",
        "NEW_SYN_RECV",
        "BOUND_INACTIVE",
    ];
    STATES.get(state.checked_sub(1)? as usize).copied()
}

/// One TCP, UDP, UDP-Lite or RAW socket, as the kernel reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InetSocket {
    pub proto: InetProto,
    /// Whether the row came from the IPv6 table (`tcp6`, ...), which decides
    /// the Proto column even for IPv4-mapped addresses.
    pub ipv6_table: bool,
    pub local: IpAddr,
    pub local_port: u16,
    pub remote: IpAddr,
    pub remote_port: u16,
    /// Kernel state number (TCP states; 1/7 for UDP; raw prints it as a number).
    pub state: u32,
    pub tx_queue: u64,
    pub rx_queue: u64,
    /// Timer code (0 off, 1 retransmit, 2 keepalive, 3 timewait, 4 probe).
    pub timer: u32,
    /// Remaining time of that timer, in clock ticks (1/100 s).
    pub timer_ticks: u64,
    pub retransmits: u64,
    pub uid: i64,
    /// For TCP the count of unanswered probes.
    pub timeout: i64,
    pub inode: u64,
}

impl InetSocket {
    /// The listening test of net-tools (spec §9 #13): TCP looks at the remote
    /// port, UDP and RAW at the remote address.
    pub fn is_listening(&self) -> bool {
        match self.proto {
            InetProto::Tcp => self.remote_port == 0,
            _ => self.remote.is_unspecified(),
        }
    }
}

/// One UNIX domain socket from `/proc/net/unix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnixSocket {
    pub refcount: u64,
    pub protocol: u64,
    pub flags: u64,
    pub kind: u64,
    pub state: u64,
    /// `None` on ancient kernels whose file had no inode column.
    pub inode: Option<u64>,
    /// Bound name as raw bytes (abstract names start with `@`); cut at the
    /// first whitespace as net-tools does.
    pub path: Option<Vec<u8>>,
}

/// Bit 16 of the unix flags: the socket accepts connections.
pub const UNIX_ACCEPTCON: u64 = 1 << 16;

impl UnixSocket {
    /// A "server" in the sense of the `-l` filter.
    pub fn is_listening(&self) -> bool {
        self.state == 1 && self.flags & UNIX_ACCEPTCON != 0
    }
}
