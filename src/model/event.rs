//! rtnetlink notifications (`--netlink`) as plain rows: what happened to
//! which link, address, route or neighbour entry.

use std::net::IpAddr;

/// The kernel's two verbs: `RTM_NEW*` (added or changed) and `RTM_DEL*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    New,
    Del,
}

/// A network interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub index: i32,
    /// `IFLA_IFNAME`, raw bytes (empty when the message had none).
    pub name: Vec<u8>,
    /// `IFF_UP`.
    pub up: bool,
}

/// An interface address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub index: u32,
    pub address: IpAddr,
    /// The other end of a point-to-point link, when it differs.
    pub peer: Option<IpAddr>,
    pub prefix_len: u8,
}

/// One next hop of a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextHop {
    pub gateway: Option<IpAddr>,
    pub device: Option<i32>,
}

/// A route (`rtmsg` plus its attributes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The destination prefix; the unspecified address of the route's family
    /// with length 0 for a default route.
    pub destination: IpAddr,
    pub destination_len: u8,
    /// Source prefix of a source-specific route (length 0: none).
    pub source: IpAddr,
    pub source_len: u8,
    /// `RTN_*` route type (1 unicast, 2 local, 3 broadcast, ...).
    pub kind: u8,
    /// Routing table number (254 main, 255 local).
    pub table: u32,
    pub metric: Option<u32>,
    /// The single next hop, or every hop of a multipath route.
    pub hops: Vec<NextHop>,
}

pub const RTN_UNICAST: u8 = 1;
pub const RT_TABLE_MAIN: u32 = 254;

/// A neighbour (ARP / NDP) entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    pub index: i32,
    pub address: IpAddr,
    pub lladdr: Option<Vec<u8>>,
    /// `NUD_*` state bits.
    pub state: u16,
}

/// What an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Link(Link),
    Address(Address),
    Route(Route),
    Neighbour(Neighbour),
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub action: Action,
    pub subject: Subject,
}

/// The object an event is about, independent of its changing state: two
/// events with the same identity describe the same link, address, route or
/// neighbour entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    Link(i32),
    Address(u32, IpAddr, u8),
    Route {
        destination: IpAddr,
        destination_len: u8,
        source: IpAddr,
        source_len: u8,
        kind: u8,
        table: u32,
        metric: Option<u32>,
    },
    Neighbour(i32, IpAddr),
}

impl Subject {
    pub fn identity(&self) -> Identity {
        match self {
            Subject::Link(l) => Identity::Link(l.index),
            Subject::Address(a) => Identity::Address(a.index, a.address, a.prefix_len),
            Subject::Route(r) => Identity::Route {
                destination: r.destination,
                destination_len: r.destination_len,
                source: r.source,
                source_len: r.source_len,
                kind: r.kind,
                table: r.table,
                metric: r.metric,
            },
            Subject::Neighbour(n) => Identity::Neighbour(n.index, n.address),
        }
    }
}
