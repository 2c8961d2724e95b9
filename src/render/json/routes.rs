//! Structured `-r`: the IPv4 FIB (`routes`), the IPv4 routing cache
//! (`route_cache`), the IPv6 table (`routes6`) and its cache rows
//! (`route_cache6`), the neighbour cache of early IPv6 kernels
//! (`neighbours`).
//!
//! Field names follow jc's `netstat -r` (`destination`, `gateway`,
//! `genmask`, `route_flags`, `route_flags_pretty`, `metric`, `route_refs`,
//! `use`, `mss`, `window`, `irtt`, `iface`). Addresses are numeric; a name
//! the text would show is beside them in `*_host`. Every number of every
//! detail level is present whatever `-e` says.

use super::Text;
use crate::model::route::{
    CacheLayout, CachedRoute, Ipv4Route, Ipv6Route, Neighbour, RouteUsage, flags,
};
use crate::render::routes::{cache_flags, fib_flags, ipv6_flags, ndisc_flags, ndisc_state};
use serde::Serialize;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The names of the `RTF_*` bits (`<linux/route.h>`, `<linux/ipv6_route.h>`),
/// as route(8) spells the flags.
const RTF_NAMES: [(u32, &str); 20] = [
    (flags::UP, "UP"),
    (flags::GATEWAY, "GATEWAY"),
    (flags::HOST, "HOST"),
    (flags::REINSTATE, "REINSTATE"),
    (flags::DYNAMIC, "DYNAMIC"),
    (flags::MODIFIED, "MODIFIED"),
    (flags::MTU, "MTU"),
    (flags::WINDOW, "WINDOW"),
    (flags::IRTT, "IRTT"),
    (flags::REJECT, "REJECT"),
    (flags::NOTCACHED, "NOTCACHED"),
    (flags::DEFAULT, "DEFAULT"),
    (flags::ALLONLINK, "ALLONLINK"),
    (flags::ADDRCONF, "ADDRCONF"),
    (flags::NONEXTHOP, "NONEXTHOP"),
    (flags::EXPIRES, "EXPIRES"),
    (flags::CACHE, "CACHE"),
    (flags::FLOW, "FLOW"),
    (flags::POLICY, "POLICY"),
    (flags::LOCAL, "LOCAL"),
];

/// The names of the `RTF_*` bits set in `value`.
pub fn route_flag_names(value: u32) -> Vec<&'static str> {
    pretty(value, &RTF_NAMES)
}

/// The names of a routing cache row's flag bits as the text reads them: the
/// low bits by layout (Linux 2.0 `RTF_*`, 2.2 `RTNH_F_*`), the `RTF_*` bits
/// net-tools reads in both, and the `RTCF_*` bits of `<linux/in_route.h>`
/// (its `RTCF_REJECT` named apart from `RTF_REJECT`).
fn cache_flag_names(value: u32, layout: CacheLayout) -> Vec<&'static str> {
    const LINUX20: [(u32, &str); 2] = [(flags::UP, "UP"), (flags::HOST, "HOST")];
    const LINUX22: [(u32, &str); 2] = [(0x0001, "DEAD"), (0x0004, "ONLINK")];
    const SHARED: [(u32, &str); 19] = [
        (flags::GATEWAY, "GATEWAY"),
        (flags::REJECT, "REJECT"),
        (flags::REINSTATE, "REINSTATE"),
        (flags::DYNAMIC, "DYNAMIC"),
        (flags::MODIFIED, "MODIFIED"),
        (0x0001_0000, "NOTIFY"),
        (0x0002_0000, "DIRECTDST"),
        (0x0004_0000, "REDIRECTED"),
        (0x0008_0000, "TPROXY"),
        (0x0020_0000, "FAST"),
        (0x0040_0000, "MASQ"),
        (0x0080_0000, "SNAT"),
        (0x0100_0000, "DOREDIRECT"),
        (0x0400_0000, "DIRECTSRC"),
        (0x0800_0000, "DNAT"),
        (0x1000_0000, "BROADCAST"),
        (0x2000_0000, "MULTICAST"),
        (0x4000_0000, "RTCF_REJECT"),
        (0x8000_0000, "LOCAL"),
    ];
    let low: &[(u32, &str)] = match layout {
        CacheLayout::Linux20 => &LINUX20,
        CacheLayout::Linux22 => &LINUX22,
    };
    let mut names = pretty(value, low);
    names.extend(pretty(value, &SHARED));
    names
}

/// The names of the set bits of `value`, in table order.
fn pretty(value: u32, names: &[(u32, &'static str)]) -> Vec<&'static str> {
    names
        .iter()
        .filter(|(bit, _)| value & bit != 0)
        .map(|&(_, name)| name)
        .collect()
}

/// The interface and counter columns the FIB and the cache share.
#[derive(Debug, Serialize)]
pub struct Usage<'a> {
    pub metric: i32,
    pub route_refs: i32,
    #[serde(rename = "use")]
    pub use_count: i32,
    #[serde(flatten)]
    pub iface: Text<'a>,
    /// The kernel's MTU column (advmss + 40), which the text heads MSS.
    pub mss: i32,
    pub window: i32,
    pub irtt: i32,
}

impl<'a> Usage<'a> {
    fn new(usage: &'a RouteUsage) -> Self {
        Usage {
            metric: usage.metric,
            route_refs: usage.refcnt,
            use_count: usage.use_count,
            iface: Text::new("iface", &usage.iface),
            mss: usage.mss,
            window: usage.window,
            irtt: usage.irtt,
        }
    }
}

/// A route's destination and gateway, numeric, each with the name found
/// (`None`: numeric output or no name).
#[derive(Debug, Serialize)]
pub struct Ends<'a, A> {
    pub destination: A,
    #[serde(flatten)]
    pub destination_host: Option<Text<'a>>,
    pub gateway: A,
    #[serde(flatten)]
    pub gateway_host: Option<Text<'a>>,
}

/// The names of a route's destination and gateway, in that order.
pub type EndNames<'a> = [Option<&'a [u8]>; 2];

impl<'a, A> Ends<'a, A> {
    fn new(destination: A, gateway: A, [destination_host, gateway_host]: EndNames<'a>) -> Self {
        Ends {
            destination,
            destination_host: Text::found("destination_host", destination_host),
            gateway,
            gateway_host: Text::found("gateway_host", gateway_host),
        }
    }
}

/// One IPv4 FIB row.
#[derive(Debug, Serialize)]
pub struct Route<'a> {
    #[serde(flatten)]
    pub ends: Ends<'a, Ipv4Addr>,
    pub genmask: Ipv4Addr,
    /// The Flags column.
    pub route_flags: String,
    pub route_flags_pretty: Vec<&'static str>,
    #[serde(flatten)]
    pub usage: Usage<'a>,
}

impl<'a> Route<'a> {
    pub fn new(row: &'a Ipv4Route, names: EndNames<'a>) -> Self {
        Route {
            ends: Ends::new(row.destination, row.gateway, names),
            genmask: row.mask,
            route_flags: fib_flags(row.flags),
            route_flags_pretty: route_flag_names(row.flags),
            usage: Usage::new(&row.usage),
        }
    }
}

/// One IPv4 routing cache row; the last columns depend on the file's layout.
#[derive(Debug, Serialize)]
pub struct CachedRouteView<'a> {
    pub source: Ipv4Addr,
    #[serde(flatten)]
    pub source_host: Option<Text<'a>>,
    pub destination: Ipv4Addr,
    #[serde(flatten)]
    pub destination_host: Option<Text<'a>>,
    pub gateway: Ipv4Addr,
    #[serde(flatten)]
    pub gateway_host: Option<Text<'a>>,
    pub route_flags: String,
    pub route_flags_pretty: Vec<&'static str>,
    #[serde(flatten)]
    pub usage: Usage<'a>,
    #[serde(flatten)]
    pub layout: CacheColumns<'a>,
}

/// The columns that differ between the two `rt_cache` layouts.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CacheColumns<'a> {
    Linux20 {
        hh: i32,
        arp: i32,
    },
    Linux22 {
        tos: i32,
        hh_ref: i32,
        hh_uptodate: i32,
        spec_dst: Ipv4Addr,
        #[serde(flatten)]
        spec_dst_host: Option<Text<'a>>,
    },
}

/// The names of a cache row's four addresses (source, destination,
/// gateway, specific destination), each `None` when not looked up or not found.
pub type CacheHosts<'a> = [Option<&'a [u8]>; 4];

impl<'a> CachedRouteView<'a> {
    pub fn new(row: &'a CachedRoute, layout: CacheLayout, hosts: CacheHosts<'a>) -> Self {
        let [source, destination, gateway, spec_dst] = hosts;
        CachedRouteView {
            source: row.source,
            source_host: Text::found("source_host", source),
            destination: row.destination,
            destination_host: Text::found("destination_host", destination),
            gateway: row.gateway,
            gateway_host: Text::found("gateway_host", gateway),
            route_flags: cache_flags(row.flags, layout),
            route_flags_pretty: cache_flag_names(row.flags, layout),
            usage: Usage::new(&row.usage),
            layout: match layout {
                CacheLayout::Linux20 => CacheColumns::Linux20 {
                    hh: row.hh,
                    arp: row.arp,
                },
                CacheLayout::Linux22 => CacheColumns::Linux22 {
                    tos: row.tos,
                    hh_ref: row.hh_ref,
                    hh_uptodate: row.hh_uptodate,
                    spec_dst: row.spec_dst,
                    spec_dst_host: Text::found("spec_dst_host", spec_dst),
                },
            },
        }
    }
}

/// One IPv6 route (of the table or of its cache rows); the next hop is the
/// `gateway`.
#[derive(Debug, Serialize)]
pub struct Route6<'a> {
    #[serde(flatten)]
    pub ends: Ends<'a, Ipv6Addr>,
    pub destination_prefix: i32,
    pub route_flags: String,
    pub route_flags_pretty: Vec<&'static str>,
    pub metric: i32,
    pub route_refs: i32,
    #[serde(rename = "use")]
    pub use_count: i32,
    #[serde(flatten)]
    pub iface: Text<'a>,
}

impl<'a> Route6<'a> {
    pub fn new(row: &'a Ipv6Route, names: EndNames<'a>) -> Self {
        Route6 {
            ends: Ends::new(row.destination, row.next_hop, names),
            destination_prefix: row.prefix_len,
            route_flags: ipv6_flags(row.flags),
            route_flags_pretty: route_flag_names(row.flags),
            metric: row.metric,
            route_refs: row.refcnt,
            use_count: row.use_count,
            iface: Text::new("iface", &row.iface),
        }
    }
}

/// One row of the early kernels' IPv6 neighbour cache; times in clock ticks
/// as the file has them.
#[derive(Debug, Serialize)]
pub struct NeighbourView<'a> {
    pub address: Ipv6Addr,
    pub prefix_len: i32,
    #[serde(flatten)]
    pub address_host: Option<Text<'a>>,
    /// The hardware address parts joined by `:`, as read.
    pub hw_address: String,
    #[serde(flatten)]
    pub iface: Text<'a>,
    pub flags: i64,
    /// The Flags column's letters.
    pub neighbour_flags: String,
    pub refcnt: i32,
    /// The `NUD_*` state bits, and the State column's name.
    pub state: i32,
    pub state_name: String,
    pub tstamp: i64,
    pub reachable: i64,
    pub gc: i32,
}

impl<'a> NeighbourView<'a> {
    pub fn new(row: &'a Neighbour, address_host: Option<&'a [u8]>) -> Self {
        NeighbourView {
            address: row.address,
            prefix_len: row.prefix_len,
            address_host: Text::found("address_host", address_host),
            hw_address: String::from_utf8_lossy(&row.hw_parts.join(&b':')).into_owned(),
            iface: Text::new("iface", &row.iface),
            flags: row.flags,
            neighbour_flags: ndisc_flags(row.flags),
            refcnt: row.refcnt,
            state: row.state,
            state_name: ndisc_state(row.state),
            tstamp: row.tstamp,
            reachable: row.reachable,
            gc: row.gc,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_names_follow_the_bits() {
        assert_eq!(pretty(0x0003, &RTF_NAMES), ["UP", "GATEWAY"]);
        assert_eq!(pretty(0x0205, &RTF_NAMES), ["UP", "HOST", "REJECT"]);
        assert_eq!(
            cache_flag_names(0x8002_0005, CacheLayout::Linux22),
            ["DEAD", "ONLINK", "DIRECTDST", "LOCAL"]
        );
        assert_eq!(
            cache_flag_names(0x0000_0007, CacheLayout::Linux20),
            ["UP", "HOST", "GATEWAY"]
        );
    }
}
