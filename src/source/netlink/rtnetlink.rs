//! rtnetlink (`NETLINK_ROUTE`): link, address, route and neighbour messages
//! decoded into plain event rows, the notification groups `--netlink`
//! listens to, and the list of links it starts from.
//!
//! Header structs and integer attributes are in host byte order; addresses
//! are network-order bytes.

use super::socket::ip_address;
use super::{Attributes, DumpError, NetlinkSocket};
use crate::model::event::{Action, Address, Event, Link, Neighbour, NextHop, Route, Subject};
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

const NETLINK_ROUTE: i32 = 0;

const RTMGRP_LINK: u32 = 0x1;
const RTMGRP_NEIGH: u32 = 0x4;
const RTMGRP_IPV4_IFADDR: u32 = 0x10;
const RTMGRP_IPV4_ROUTE: u32 = 0x40;
const RTMGRP_IPV6_IFADDR: u32 = 0x100;
const RTMGRP_IPV6_ROUTE: u32 = 0x400;

/// Every group the monitor subscribes to.
pub const MONITOR_GROUPS: u32 = RTMGRP_LINK
    | RTMGRP_NEIGH
    | RTMGRP_IPV4_IFADDR
    | RTMGRP_IPV4_ROUTE
    | RTMGRP_IPV6_IFADDR
    | RTMGRP_IPV6_ROUTE;

const RTM_NEWLINK: u16 = 16;
const RTM_DELLINK: u16 = 17;
const RTM_GETLINK: u16 = 18;
const RTM_NEWADDR: u16 = 20;
const RTM_DELADDR: u16 = 21;
const RTM_NEWROUTE: u16 = 24;
const RTM_DELROUTE: u16 = 25;
const RTM_NEWNEIGH: u16 = 28;
const RTM_DELNEIGH: u16 = 29;

const AF_UNSPEC: u8 = libc::AF_UNSPEC as u8;
const AF_INET: u8 = libc::AF_INET as u8;
const AF_INET6: u8 = libc::AF_INET6 as u8;

/// `struct ifinfomsg`, `ifaddrmsg`, `rtmsg`, `ndmsg` sizes.
const IFINFOMSG_LEN: usize = 16;
const IFADDRMSG_LEN: usize = 8;
const RTMSG_LEN: usize = 12;
const NDMSG_LEN: usize = 12;
/// `struct rtnexthop` inside `RTA_MULTIPATH`.
const RTNEXTHOP_LEN: usize = 8;

const IFLA_IFNAME: u16 = 3;
const IFF_UP: u32 = 0x1;

const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;

const RTA_DST: u16 = 1;
const RTA_SRC: u16 = 2;
const RTA_OIF: u16 = 4;
const RTA_GATEWAY: u16 = 5;
const RTA_PRIORITY: u16 = 6;
const RTA_MULTIPATH: u16 = 9;
const RTA_TABLE: u16 = 15;
const RTA_VIA: u16 = 18;

const NDA_DST: u16 = 1;
const NDA_LLADDR: u16 = 2;

/// A socket subscribed to [`MONITOR_GROUPS`].
pub fn open_monitor() -> io::Result<NetlinkSocket> {
    NetlinkSocket::open(NETLINK_ROUTE, MONITOR_GROUPS)
}

/// The links that exist now. A dump the kernel marks inconsistent is used
/// as it is: the monitor corrects its view with every later link event.
pub fn links() -> io::Result<Vec<Link>> {
    let mut socket = NetlinkSocket::open(NETLINK_ROUTE, 0)?;
    let mut links = Vec::new();
    let request = [0u8; IFINFOMSG_LEN];
    let result = socket.dump(RTM_GETLINK, &request, |message| {
        if let Some(Subject::Link(link)) = decode(message.kind, message.payload).map(|e| e.subject)
        {
            links.push(link);
        }
    });
    match result {
        Ok(()) | Err(DumpError::Interrupted) => Ok(links),
        Err(DumpError::Io(e)) => Err(e),
    }
}

/// One rtnetlink message; `None` for other message types, other families
/// (bridge ports, bridge forwarding entries) and truncated messages.
pub fn decode(kind: u16, payload: &[u8]) -> Option<Event> {
    let (action, subject) = match kind {
        RTM_NEWLINK => (Action::New, Subject::Link(link(payload)?)),
        RTM_DELLINK => (Action::Del, Subject::Link(link(payload)?)),
        RTM_NEWADDR => (Action::New, Subject::Address(address(payload)?)),
        RTM_DELADDR => (Action::Del, Subject::Address(address(payload)?)),
        RTM_NEWROUTE => (Action::New, Subject::Route(route(payload)?)),
        RTM_DELROUTE => (Action::Del, Subject::Route(route(payload)?)),
        RTM_NEWNEIGH => (Action::New, Subject::Neighbour(neighbour(payload)?)),
        RTM_DELNEIGH => (Action::Del, Subject::Neighbour(neighbour(payload)?)),
        _ => return None,
    };
    Some(Event { action, subject })
}

fn link(payload: &[u8]) -> Option<Link> {
    let header = payload.get(..IFINFOMSG_LEN)?;
    if header[0] != AF_UNSPEC {
        return None;
    }
    let mut name = Vec::new();
    for (kind, value) in Attributes::new(&payload[IFINFOMSG_LEN..]) {
        if kind == IFLA_IFNAME {
            name = value.split(|&b| b == 0).next().unwrap_or_default().to_vec();
        }
    }
    Some(Link {
        index: ne_i32(&header[4..])?,
        name,
        up: ne_u32(&header[8..])? & IFF_UP != 0,
    })
}

fn address(payload: &[u8]) -> Option<Address> {
    let header = payload.get(..IFADDRMSG_LEN)?;
    family_of(header[0])?;
    let mut local = None;
    let mut address = None;
    for (kind, value) in Attributes::new(&payload[IFADDRMSG_LEN..]) {
        match kind {
            IFA_LOCAL => local = ip_address(value),
            IFA_ADDRESS => address = ip_address(value),
            _ => {}
        }
    }
    // IFA_LOCAL is the interface's own address when present; IFA_ADDRESS
    // is then the other end of a point-to-point link.
    let own = local.or(address)?;
    Some(Address {
        index: ne_u32(&header[4..])?,
        address: own,
        peer: address.filter(|&a| local.is_some() && a != own),
        prefix_len: header[1],
    })
}

fn route(payload: &[u8]) -> Option<Route> {
    let header = payload.get(..RTMSG_LEN)?;
    let unspecified = family_of(header[0])?;
    let mut route = Route {
        destination: unspecified,
        destination_len: header[1],
        source: unspecified,
        source_len: header[2],
        kind: header[7],
        table: u32::from(header[4]),
        metric: None,
        hops: Vec::new(),
    };
    let mut hop = NextHop {
        gateway: None,
        device: None,
    };
    for (kind, value) in Attributes::new(&payload[RTMSG_LEN..]) {
        match kind {
            RTA_DST => route.destination = ip_address(value)?,
            RTA_SRC => route.source = ip_address(value)?,
            RTA_OIF => hop.device = ne_i32(value),
            RTA_GATEWAY => hop.gateway = ip_address(value),
            RTA_VIA => hop.gateway = via(value),
            RTA_PRIORITY => route.metric = ne_u32(value),
            RTA_TABLE => route.table = ne_u32(value)?,
            RTA_MULTIPATH => route.hops = multipath(value),
            _ => {}
        }
    }
    if route.hops.is_empty() && (hop.gateway.is_some() || hop.device.is_some()) {
        route.hops.push(hop);
    }
    Some(route)
}

/// The `struct rtnexthop` list of a multipath route.
fn multipath(mut data: &[u8]) -> Vec<NextHop> {
    let mut hops = Vec::new();
    while data.len() >= RTNEXTHOP_LEN {
        let len = usize::from(u16::from_ne_bytes([data[0], data[1]]));
        if len < RTNEXTHOP_LEN || len > data.len() {
            break;
        }
        let mut hop = NextHop {
            gateway: None,
            device: ne_i32(&data[4..]).filter(|&i| i != 0),
        };
        for (kind, value) in Attributes::new(&data[RTNEXTHOP_LEN..len]) {
            match kind {
                RTA_GATEWAY => hop.gateway = ip_address(value),
                RTA_VIA => hop.gateway = via(value),
                _ => {}
            }
        }
        hops.push(hop);
        data = &data[super::socket::align(len).min(data.len())..];
    }
    hops
}

fn neighbour(payload: &[u8]) -> Option<Neighbour> {
    let header = payload.get(..NDMSG_LEN)?;
    family_of(header[0])?;
    let mut address = None;
    let mut lladdr = None;
    for (kind, value) in Attributes::new(&payload[NDMSG_LEN..]) {
        match kind {
            NDA_DST => address = ip_address(value),
            NDA_LLADDR => lladdr = Some(value.to_vec()),
            _ => {}
        }
    }
    Some(Neighbour {
        index: ne_i32(&header[4..])?,
        address: address?,
        lladdr,
        state: u16::from_ne_bytes([header[8], header[9]]),
    })
}

/// The unspecified address of an IP family; `None` for other families.
fn family_of(family: u8) -> Option<IpAddr> {
    match family {
        AF_INET => Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        AF_INET6 => Some(IpAddr::V6(Ipv6Addr::UNSPECIFIED)),
        _ => None,
    }
}

/// `struct rtvia`: a 16-bit family, then the address.
fn via(value: &[u8]) -> Option<IpAddr> {
    ip_address(value.get(2..)?)
}

fn ne_u32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_ne_bytes(bytes.get(..4)?.try_into().ok()?))
}

fn ne_i32(bytes: &[u8]) -> Option<i32> {
    ne_u32(bytes).map(|v| v as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::socket::encode_attribute as attr;

    fn link_message(index: i32, flags: u32, name: &[u8]) -> Vec<u8> {
        let mut m = vec![AF_UNSPEC, 0, 1, 0];
        m.extend_from_slice(&index.to_ne_bytes());
        m.extend_from_slice(&flags.to_ne_bytes());
        m.extend_from_slice(&0u32.to_ne_bytes());
        m.extend(attr(IFLA_IFNAME, name));
        m
    }

    fn route_message() -> Vec<u8> {
        let mut m = vec![AF_INET, 24, 0, 0, 254, 3, 0, 1];
        m.extend_from_slice(&0u32.to_ne_bytes());
        m.extend(attr(RTA_TABLE, &254u32.to_ne_bytes()));
        m.extend(attr(RTA_DST, &[192, 0, 2, 0]));
        m.extend(attr(RTA_GATEWAY, &[10, 1, 2, 254]));
        m.extend(attr(RTA_OIF, &7i32.to_ne_bytes()));
        m
    }

    #[test]
    fn link_messages() {
        let e = decode(RTM_NEWLINK, &link_message(7, 0x1003, b"veth0\0")).unwrap();
        assert_eq!(e.action, Action::New);
        assert_eq!(
            e.subject,
            Subject::Link(Link {
                index: 7,
                name: b"veth0".to_vec(),
                up: true
            })
        );
        let mut bridge = link_message(7, 0, b"veth0\0");
        bridge[0] = libc::AF_BRIDGE as u8;
        assert!(decode(RTM_NEWLINK, &bridge).is_none());
    }

    #[test]
    fn addresses_and_peers() {
        let mut m = vec![AF_INET, 24, 0, 0];
        m.extend_from_slice(&7u32.to_ne_bytes());
        m.extend(attr(IFA_ADDRESS, &[10, 1, 2, 3]));
        m.extend(attr(IFA_LOCAL, &[10, 1, 2, 3]));
        let Some(Event {
            action: Action::Del,
            subject: Subject::Address(a),
        }) = decode(RTM_DELADDR, &m)
        else {
            panic!("not an address")
        };
        assert_eq!((a.index, a.prefix_len, a.peer), (7, 24, None));
        assert_eq!(a.address, IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)));
        m.extend(attr(IFA_ADDRESS, &[10, 1, 2, 4]));
        let Some(Subject::Address(a)) = decode(RTM_NEWADDR, &m).map(|e| e.subject) else {
            panic!("not an address")
        };
        assert_eq!(a.peer, Some(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 4))));
    }

    #[test]
    fn routes_and_multipath() {
        let Some(Subject::Route(r)) = decode(RTM_DELROUTE, &route_message()).map(|e| e.subject)
        else {
            panic!("not a route")
        };
        assert_eq!(r.destination, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 0)));
        assert_eq!((r.destination_len, r.table, r.kind), (24, 254, 1));
        assert_eq!(
            r.hops,
            vec![NextHop {
                gateway: Some(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 254))),
                device: Some(7)
            }]
        );
        let mut hops = Vec::new();
        for (gw, dev) in [([10, 0, 0, 1], 3i32), ([10, 0, 0, 2], 4)] {
            let gateway = attr(RTA_GATEWAY, &gw);
            hops.extend_from_slice(&((RTNEXTHOP_LEN + gateway.len()) as u16).to_ne_bytes());
            hops.extend_from_slice(&[0, 0]);
            hops.extend_from_slice(&dev.to_ne_bytes());
            hops.extend(gateway);
        }
        let mut m = vec![AF_INET, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0];
        m.extend(attr(RTA_MULTIPATH, &hops));
        let Some(Subject::Route(r)) = decode(RTM_NEWROUTE, &m).map(|e| e.subject) else {
            panic!("not a route")
        };
        assert_eq!(r.destination, IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        assert_eq!(r.hops.len(), 2);
        assert_eq!(r.hops[1].device, Some(4));
    }

    #[test]
    fn neighbours() {
        let mut m = vec![AF_INET6, 0, 0, 0];
        m.extend_from_slice(&7i32.to_ne_bytes());
        m.extend_from_slice(&0x02u16.to_ne_bytes());
        m.extend_from_slice(&[0, 1]);
        m.extend(attr(
            NDA_DST,
            &"fd00::9".parse::<Ipv6Addr>().unwrap().octets(),
        ));
        m.extend(attr(NDA_LLADDR, &[2, 0, 0, 0, 0, 9]));
        let Some(Subject::Neighbour(n)) = decode(RTM_NEWNEIGH, &m).map(|e| e.subject) else {
            panic!("not a neighbour")
        };
        assert_eq!((n.index, n.state), (7, 2));
        assert_eq!(n.lladdr.as_deref(), Some(&[2u8, 0, 0, 0, 0, 9][..]));
    }

    #[test]
    fn truncated_and_odd_messages_never_panic() {
        let messages = [
            (RTM_NEWLINK, link_message(1, 1, b"x")),
            (RTM_NEWROUTE, route_message()),
            (
                RTM_NEWADDR,
                vec![AF_INET6, 64, 0, 0, 1, 0, 0, 0, 8, 0, 1, 0, 1, 2, 3, 4],
            ),
            (
                RTM_NEWNEIGH,
                vec![AF_INET, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 5, 0, 1, 0, 1],
            ),
        ];
        for (kind, m) in &messages {
            for cut in 0..m.len() {
                let _ = decode(*kind, &m[..cut]);
            }
            for at in 0..m.len() {
                for byte in [0, 1, 3, 0x7f, 0x80, 0xff] {
                    let mut odd = m.clone();
                    odd[at] = byte;
                    let _ = decode(*kind, &odd);
                }
            }
        }
        let mut m = vec![AF_INET, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0];
        m.extend(attr(RTA_MULTIPATH, &[200, 0, 0, 0, 1, 0, 0, 0, 4]));
        m.extend(attr(RTA_VIA, &[2]));
        assert!(decode(RTM_NEWROUTE, &m).is_some());
        assert!(decode(99, &route_message()).is_none());
    }
}
