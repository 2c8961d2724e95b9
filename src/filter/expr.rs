//! The filter's syntax tree and its evaluation over rows, in user space.
//! The kernel runs what it can of the same tree (see `kernel`); this
//! predicate runs on every row whatever the source, so `/proc` and netlink
//! give the same rows.

use crate::model::socket::UNIX_ACCEPTCON;
use crate::model::{DiagTags, InetSocket, UnixSocket};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::states;

/// Which end of a connection a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `src`, `sport`: the Local Address column.
    Local,
    /// `dst`, `dport`: the Foreign Address column.
    Remote,
}

/// A port comparison (ss's `>` and `<` are negations of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ge,
    Le,
}

/// An address prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    V4(Ipv4Addr, u8),
    V6(Ipv6Addr, u8),
}

impl Prefix {
    /// The one address `address`.
    pub fn full(address: IpAddr) -> Prefix {
        match address {
            IpAddr::V4(a) => Prefix::V4(a, 32),
            IpAddr::V6(a) => Prefix::V6(a, 128),
        }
    }

    /// The kernel's rule (inet_diag's host condition): an IPv4 prefix also
    /// matches the IPv4-mapped addresses of IPv6 sockets; an IPv6 prefix
    /// never matches an IPv4 socket.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (*self, address) {
            (Prefix::V4(net, len), IpAddr::V4(a)) => same_bits(&net.octets(), &a.octets(), len),
            (Prefix::V4(net, len), IpAddr::V6(a)) => a
                .to_ipv4_mapped()
                .is_some_and(|a| same_bits(&net.octets(), &a.octets(), len)),
            (Prefix::V6(net, len), IpAddr::V6(a)) => same_bits(&net.octets(), &a.octets(), len),
            (Prefix::V6(..), IpAddr::V4(_)) => false,
        }
    }
}

/// Whether the first `len` bits of `a` and `b` agree.
fn same_bits(a: &[u8], b: &[u8], len: u8) -> bool {
    let len = usize::from(len).min(a.len() * 8);
    let (bytes, bits) = (len / 8, len % 8);
    a[..bytes] == b[..bytes] && (bits == 0 || (a[bytes] ^ b[bytes]) >> (8 - bits) == 0)
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    True,
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// The state is one of a mask's (bit N: kernel state N).
    State(u32),
    /// The port of one end compares with `port`.
    Port {
        end: End,
        cmp: Cmp,
        port: u16,
    },
    /// One end is in `prefix` (any address if `None`) and has `port` (any if
    /// `None`): ss's `src`/`dst` condition.
    Host {
        end: End,
        prefix: Option<Prefix>,
        port: Option<u16>,
    },
    /// The owning process's PID (the owner `-p` shows).
    Pid(u32),
    /// The owning process's command name (untruncated), exactly.
    Command(Vec<u8>),
    /// The socket's owner user id (Internet sockets only).
    Uid(u32),
    /// The socket is bound to this interface (`dev`).
    Dev(Device),
    /// The socket's mark, masked, is `mark` (`fwmark MARK/MASK`).
    Mark {
        mark: u32,
        mask: u32,
    },
    /// The socket belongs to the cgroup v2 with this id (`cgroup PATH`).
    Cgroup(u64),
}

/// The interface of a `dev` condition: as written, until the table is read
/// (an index belongs to one network namespace, so a name is looked up where
/// the table is read), then its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Device {
    Named(String),
    Index(u32),
}

impl Expr {
    pub fn and(a: Expr, b: Expr) -> Expr {
        match (a, b) {
            (Expr::True, e) | (e, Expr::True) => e,
            (a, b) => Expr::And(Box::new(a), Box::new(b)),
        }
    }

    pub fn or(a: Expr, b: Expr) -> Expr {
        Expr::Or(Box::new(a), Box::new(b))
    }

    pub fn negate(a: Expr) -> Expr {
        Expr::Not(Box::new(a))
    }

    /// Whether any condition in the tree satisfies `test`.
    pub fn any(&self, test: &dyn Fn(&Expr) -> bool) -> bool {
        test(self)
            || match self {
                Expr::Not(a) => a.any(test),
                Expr::And(a, b) | Expr::Or(a, b) => a.any(test) || b.any(test),
                _ => false,
            }
    }
}

/// What a process-owner condition can ask about a socket.
pub trait OwnerOf {
    /// The PID and command name of the process `-p` shows for `inode`.
    fn owner_of(&self, inode: u64) -> Option<(u32, &[u8])>;
}

/// One row, as conditions see it.
pub enum Subject<'a> {
    Inet(&'a InetSocket),
    Unix(&'a UnixSocket),
    Other(&'a SocketFacts),
}

/// What conditions can test of a socket without addresses or ports (packet,
/// netlink, vsock): address and port conditions are false for it, as for a
/// unix socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketFacts {
    /// In TCP numbering; `CLOSE` (ss's "unconnected") where the family has
    /// no connections.
    pub state: u32,
    pub inode: u64,
    /// The owner's uid, where the family's table has one.
    pub uid: Option<u32>,
    /// The interface it is bound to (packet sockets; 0: none or every one).
    pub interface: u32,
}

impl Subject<'_> {
    /// The state in TCP numbering. A unix socket's state is mapped as ss
    /// maps it: listening, connected, connecting, else unconnected.
    fn state(&self) -> u32 {
        match self {
            Subject::Inet(row) => row.state,
            Subject::Unix(row) if row.state == 1 && row.flags & UNIX_ACCEPTCON != 0 => {
                states::LISTEN
            }
            Subject::Unix(row) => match row.state {
                2 => states::SYN_SENT,
                3 => states::ESTABLISHED,
                _ => states::CLOSE,
            },
            Subject::Other(facts) => facts.state,
        }
    }

    fn inode(&self) -> Option<u64> {
        match self {
            Subject::Inet(row) => Some(row.inode),
            Subject::Unix(row) => row.inode,
            Subject::Other(facts) => Some(facts.inode),
        }
    }

    /// What only sock_diag reports. A unix socket reads as ss reads one:
    /// no interface, mark 0, cgroup 0. Rows read from `/proc` carry none
    /// (the listing refuses such a filter for them).
    fn diag(&self) -> Option<DiagTags> {
        match self {
            Subject::Inet(row) => row.diag,
            Subject::Unix(_) => Some(DiagTags::default()),
            Subject::Other(facts) => Some(DiagTags {
                interface: facts.interface,
                ..DiagTags::default()
            }),
        }
    }

    /// Address and port of one end; unix sockets have none.
    fn end(&self, end: End) -> Option<(IpAddr, u16)> {
        match (self, end) {
            (Subject::Inet(row), End::Local) => Some((row.local, row.local_port)),
            (Subject::Inet(row), End::Remote) => Some((row.remote, row.remote_port)),
            (Subject::Unix(_) | Subject::Other(_), _) => None,
        }
    }
}

/// Evaluate `expr` on a row; `owners` answers the process conditions (none:
/// no owner known, so they are false).
pub fn eval(expr: &Expr, row: &Subject<'_>, owners: Option<&dyn OwnerOf>) -> bool {
    let owner = || {
        let inode = row.inode()?;
        owners?.owner_of(inode)
    };
    match expr {
        Expr::True => true,
        Expr::Not(a) => !eval(a, row, owners),
        Expr::And(a, b) => eval(a, row, owners) && eval(b, row, owners),
        Expr::Or(a, b) => eval(a, row, owners) || eval(b, row, owners),
        Expr::State(mask) => row.state() < 32 && mask & (1 << row.state()) != 0,
        Expr::Port { end, cmp, port } => row.end(*end).is_some_and(|(_, p)| match cmp {
            Cmp::Eq => p == *port,
            Cmp::Ge => p >= *port,
            Cmp::Le => p <= *port,
        }),
        Expr::Host { end, prefix, port } => row.end(*end).is_some_and(|(address, p)| {
            port.is_none_or(|port| port == p) && prefix.is_none_or(|net| net.contains(address))
        }),
        Expr::Pid(pid) => owner().is_some_and(|(owner, _)| owner == *pid),
        Expr::Command(name) => owner().is_some_and(|(_, command)| command == name.as_slice()),
        Expr::Uid(uid) => match row {
            Subject::Inet(r) => r.uid == i64::from(*uid),
            Subject::Unix(_) => false,
            Subject::Other(facts) => facts.uid == Some(*uid),
        },
        Expr::Dev(device) => row
            .diag()
            .is_some_and(|d| *device == Device::Index(d.interface)),
        Expr::Mark { mark, mask } => row.diag().is_some_and(|d| d.mark & mask == *mark),
        Expr::Cgroup(id) => row.diag().is_some_and(|d| d.cgroup == *id),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::InetProto;

    /// A TCP row from `ADDR:PORT` texts (IPv6 in brackets), for the
    /// filter's tests.
    pub fn row(local: &str, remote: &str, state: u32) -> InetSocket {
        let split = |s: &str| {
            let (a, p) = s.rsplit_once(':').unwrap();
            let a = a.trim_matches(['[', ']']);
            (a.parse::<IpAddr>().unwrap(), p.parse::<u16>().unwrap())
        };
        let (local, local_port) = split(local);
        let (remote, remote_port) = split(remote);
        InetSocket {
            proto: InetProto::Tcp,
            ipv6_table: local.is_ipv6(),
            local,
            local_port,
            remote,
            remote_port,
            state,
            tx_queue: 0,
            rx_queue: 0,
            timer: 0,
            timer_ticks: 0,
            retransmits: 0,
            uid: 1000,
            timeout: 0,
            inode: 42,
            diag: None,
        }
    }

    fn holds(e: &Expr, r: &InetSocket) -> bool {
        eval(e, &Subject::Inet(r), None)
    }

    #[test]
    fn prefixes_follow_the_kernels_family_rule() {
        let v4: Prefix = Prefix::V4(Ipv4Addr::new(10, 1, 0, 0), 16);
        assert!(v4.contains("10.1.255.3".parse().unwrap()));
        assert!(!v4.contains("10.2.0.1".parse().unwrap()));
        assert!(v4.contains("::ffff:10.1.2.3".parse().unwrap()));
        assert!(!v4.contains("::10.1.2.3".parse().unwrap()));
        let v6 = Prefix::V6("fe80::".parse().unwrap(), 10);
        assert!(v6.contains("febf::1".parse().unwrap()));
        assert!(!v6.contains("fec0::1".parse().unwrap()));
        assert!(!v6.contains("10.1.2.3".parse().unwrap()));
        assert!(Prefix::V4(Ipv4Addr::new(1, 2, 3, 4), 0).contains("9.9.9.9".parse().unwrap()));
        assert!(Prefix::V4(Ipv4Addr::new(1, 2, 3, 5), 31).contains("1.2.3.4".parse().unwrap()));
    }

    #[test]
    fn conditions_look_at_their_end_and_combine() {
        let r = row("127.0.0.1:443", "127.0.0.2:50000", states::ESTABLISHED);
        let sport = |port| Expr::Port {
            end: End::Local,
            cmp: Cmp::Eq,
            port,
        };
        assert!(holds(&sport(443), &r));
        assert!(!holds(&sport(50000), &r));
        let dport_ge = Expr::Port {
            end: End::Remote,
            cmp: Cmp::Ge,
            port: 50000,
        };
        assert!(holds(&dport_ge, &r));
        assert!(holds(&Expr::State(1 << states::ESTABLISHED), &r));
        assert!(!holds(&Expr::State(1 << states::LISTEN), &r));
        let dst = Expr::Host {
            end: End::Remote,
            prefix: Some(Prefix::V4(Ipv4Addr::new(127, 0, 0, 2), 32)),
            port: Some(50000),
        };
        assert!(holds(&dst, &r));
        assert!(holds(&Expr::or(sport(1), dst.clone()), &r));
        assert!(!holds(&Expr::and(sport(1), dst.clone()), &r));
        assert!(holds(&Expr::negate(sport(1)), &r));
        assert!(holds(&Expr::Uid(1000), &r));
        assert!(!holds(&Expr::Pid(1), &r), "no owners known: no match");
    }

    #[test]
    fn unix_rows_have_states_but_no_ports() {
        let unix = UnixSocket {
            refcount: 2,
            protocol: 0,
            flags: UNIX_ACCEPTCON,
            kind: 1,
            state: 1,
            inode: Some(5),
            path: None,
        };
        let s = Subject::Unix(&unix);
        assert!(eval(&Expr::State(1 << states::LISTEN), &s, None));
        let port = Expr::Host {
            end: End::Local,
            prefix: None,
            port: Some(22),
        };
        assert!(!eval(&port, &s, None));
        assert!(eval(&Expr::negate(port), &s, None));
        assert!(!eval(&Expr::Uid(0), &s, None));
    }

    struct OneOwner;

    impl OwnerOf for OneOwner {
        fn owner_of(&self, inode: u64) -> Option<(u32, &[u8])> {
            (inode == 7).then_some((42, &b"tcpdump"[..]))
        }
    }

    #[test]
    fn other_families_have_a_state_an_owner_and_maybe_a_uid() {
        let packet = SocketFacts {
            state: states::CLOSE,
            inode: 7,
            uid: Some(0),
            interface: 1,
        };
        let s = Subject::Other(&packet);
        let owners = Some(&OneOwner as &dyn OwnerOf);
        assert!(eval(&Expr::State(1 << states::CLOSE), &s, None));
        assert!(!eval(&Expr::State(1 << states::LISTEN), &s, None));
        assert!(eval(&Expr::Pid(42), &s, owners));
        assert!(eval(&Expr::Command(b"tcpdump".to_vec()), &s, owners));
        assert!(!eval(&Expr::Pid(42), &s, None));
        assert!(eval(&Expr::Uid(0), &s, None));
        // A packet socket bound to an interface matches `dev` as in ss.
        assert!(eval(&Expr::Dev(Device::Index(1)), &s, None));
        assert!(!eval(&Expr::Dev(Device::Index(2)), &s, None));
        let netlink = SocketFacts {
            uid: None,
            interface: 0,
            ..packet
        };
        assert!(!eval(&Expr::Uid(0), &Subject::Other(&netlink), None));
        let port = Expr::Port {
            end: End::Local,
            cmp: Cmp::Ge,
            port: 0,
        };
        assert!(!eval(&port, &s, None));
    }
}
