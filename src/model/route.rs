//! Routing table rows: the IPv4 FIB, the IPv4 routing cache, the IPv6 table
//! and the early IPv6 neighbour cache, as net-tools reads them.
//!
//! Numbers keep the C types net-tools stores them in (`int` columns are
//! `i32`, flags `u32`), so out-of-range values print as they do there.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Route flag bits (`<linux/route.h>`, `<linux/ipv6_route.h>`) as printed by
/// net-tools.
pub mod flags {
    pub const UP: u32 = 0x0001;
    pub const GATEWAY: u32 = 0x0002;
    pub const HOST: u32 = 0x0004;
    pub const REINSTATE: u32 = 0x0008;
    pub const DYNAMIC: u32 = 0x0010;
    pub const MODIFIED: u32 = 0x0020;
    pub const MTU: u32 = 0x0040;
    pub const WINDOW: u32 = 0x0080;
    pub const IRTT: u32 = 0x0100;
    pub const REJECT: u32 = 0x0200;
    pub const NOTCACHED: u32 = 0x0400;
    pub const DEFAULT: u32 = 0x0001_0000;
    pub const ALLONLINK: u32 = 0x0002_0000;
    pub const ADDRCONF: u32 = 0x0004_0000;
    pub const NONEXTHOP: u32 = 0x0020_0000;
    pub const EXPIRES: u32 = 0x0040_0000;
    pub const CACHE: u32 = 0x0100_0000;
    pub const FLOW: u32 = 0x0200_0000;
    pub const POLICY: u32 = 0x0400_0000;
    pub const LOCAL: u32 = 0x8000_0000;
}

/// The interface and number columns the FIB and the routing cache share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteUsage {
    pub iface: Vec<u8>,
    pub refcnt: i32,
    pub use_count: i32,
    pub metric: i32,
    /// The file's MTU column (advmss + 40), shown as MSS.
    pub mss: i32,
    pub window: i32,
    pub irtt: i32,
}

/// One row of `/proc/net/route`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4Route {
    pub destination: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub mask: Ipv4Addr,
    pub flags: u32,
    pub usage: RouteUsage,
}

/// The two layouts of `/proc/net/rt_cache` net-tools knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheLayout {
    /// Linux 2.0.36: `... IRTT HH ARP` (net-tools' "format 1").
    Linux20,
    /// Linux 2.2 and later: `... IRTT TOS HHRef HHUptod SpecDst` ("format 2").
    Linux22,
}

/// One row of `/proc/net/rt_cache`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedRoute {
    pub destination: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub source: Ipv4Addr,
    pub flags: u32,
    pub usage: RouteUsage,
    /// 2.2 layout only. Written in hex by the kernel, read as decimal.
    pub tos: i32,
    pub hh_ref: i32,
    pub hh_uptodate: i32,
    pub spec_dst: Ipv4Addr,
    /// 2.0.36 layout only.
    pub hh: i32,
    pub arp: i32,
}

/// One row of `/proc/net/ipv6_route`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Route {
    pub destination: Ipv6Addr,
    pub prefix_len: i32,
    pub next_hop: Ipv6Addr,
    pub metric: i32,
    pub refcnt: i32,
    pub use_count: i32,
    pub flags: u32,
    pub iface: Vec<u8>,
}

/// One row of `/proc/net/ndisc` (IPv6 neighbour cache of early 2.1/2.2 kernels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    pub address: Ipv6Addr,
    pub prefix_len: i32,
    pub state: i32,
    pub tstamp: i64,
    pub reachable: i64,
    pub gc: i32,
    pub refcnt: i32,
    pub flags: i64,
    pub iface: Vec<u8>,
    /// The six hardware address parts as read (two characters each at most).
    pub hw_parts: [Vec<u8>; 6],
}

impl Default for Neighbour {
    /// All zeros: what the parser starts from.
    fn default() -> Self {
        Neighbour {
            address: Ipv6Addr::UNSPECIFIED,
            prefix_len: 0,
            state: 0,
            tstamp: 0,
            reachable: 0,
            gc: 0,
            refcnt: 0,
            flags: 0,
            iface: Vec::new(),
            hw_parts: Default::default(),
        }
    }
}
