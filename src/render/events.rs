//! The `--netlink` monitor's lines: one per event, `KIND ACTION DETAILS`.
//!
//! ```text
//! link new veth0 up
//! link del veth0
//! addr new veth0 10.1.2.3/24
//! addr del ppp0 10.0.0.1 peer 10.0.0.2/32
//! route new 192.0.2.0/24 via 10.1.2.254 dev veth0
//! route del default via fd00::1 dev veth0 metric 1024
//! route new local 10.1.2.3/32 dev veth0 table local
//! route new 198.51.100.0/24 nexthop via 10.1.2.254 dev veth0 nexthop via 10.1.3.254 dev veth1
//! neigh new 10.1.2.9 lladdr 02:00:00:00:00:09 dev veth0 REACHABLE
//! neigh del fd00::9 dev veth0 FAILED
//! ```
//!
//! KIND is `link`, `addr`, `route` or `neigh`; ACTION is `new` (the kernel's
//! RTM_NEW*: added or changed) or `del`. A link shows its name and whether it
//! is administratively `up` or `down`. An address shows the interface, then
//! the address with its prefix length (a point-to-point peer after `peer`).
//! A route shows its type unless it is an ordinary unicast route, the
//! destination as `ADDRESS/LENGTH` or `default`, `from` a source prefix,
//! then `via` the gateway and `dev` the interface (each `nexthop` of a
//! multipath route), `table` unless it is the main table, and `metric` when
//! the kernel gives one. A neighbour shows the address, `lladdr` the link-layer
//! address when known, `dev` the interface and its NUD state in capitals.
//! Addresses are names unless `-n` (or `--numeric-hosts`) is given.

use super::text::name;
use crate::model::event::{
    Action, Address, Event, Link, Neighbour, NextHop, RT_TABLE_MAIN, RTN_UNICAST, Route, Subject,
};
use std::net::IpAddr;

/// Where the renderer gets the text for numbers it cannot print itself.
pub trait EventNames {
    /// An interface name by index.
    fn device(&mut self, index: i32) -> Vec<u8>;
    /// A host address.
    fn host(&mut self, address: IpAddr) -> Vec<u8>;
    /// A route destination or source prefix (network names may apply).
    fn prefix(&mut self, address: IpAddr, length: u8) -> Vec<u8>;
}

/// One event line, newline included.
pub fn line(out: &mut Vec<u8>, event: &Event, names: &mut dyn EventNames) {
    let (kind, details): (&[u8], Vec<u8>) = match &event.subject {
        Subject::Link(l) => (b"link", link(l, event.action, names)),
        Subject::Address(a) => (b"addr", address(a, names)),
        Subject::Route(r) => (b"route", route(r, names)),
        Subject::Neighbour(n) => (b"neigh", neighbour(n, names)),
    };
    out.extend_from_slice(kind);
    out.extend_from_slice(match event.action {
        Action::New => b" new ",
        Action::Del => b" del ",
    });
    name(out, &details);
    out.push(b'\n');
}

fn link(l: &Link, action: Action, names: &mut dyn EventNames) -> Vec<u8> {
    let mut text = if l.name.is_empty() {
        names.device(l.index)
    } else {
        l.name.clone()
    };
    if action == Action::New {
        text.extend_from_slice(if l.up { b" up" } else { b" down" });
    }
    text
}

fn address(a: &Address, names: &mut dyn EventNames) -> Vec<u8> {
    let mut text = names.device(a.index as i32);
    text.push(b' ');
    text.extend(names.host(a.address));
    if let Some(peer) = a.peer {
        text.extend_from_slice(b" peer ");
        text.extend(names.host(peer));
    }
    text.extend_from_slice(format!("/{}", a.prefix_len).as_bytes());
    text
}

fn route(r: &Route, names: &mut dyn EventNames) -> Vec<u8> {
    let mut text = Vec::new();
    if r.kind != RTN_UNICAST {
        text.extend_from_slice(route_type(r.kind).as_bytes());
        text.push(b' ');
    }
    if r.destination_len == 0 {
        text.extend_from_slice(b"default");
    } else {
        text.extend(prefix(r.destination, r.destination_len, names));
    }
    if r.source_len != 0 {
        text.extend_from_slice(b" from ");
        text.extend(prefix(r.source, r.source_len, names));
    }
    let multipath = r.hops.len() > 1;
    for hop in &r.hops {
        if multipath {
            text.extend_from_slice(b" nexthop");
        }
        next_hop(&mut text, hop, names);
    }
    if r.table != RT_TABLE_MAIN {
        text.extend_from_slice(b" table ");
        text.extend_from_slice(table_name(r.table).as_bytes());
    }
    if let Some(metric) = r.metric {
        text.extend_from_slice(format!(" metric {metric}").as_bytes());
    }
    text
}

fn prefix(address: IpAddr, length: u8, names: &mut dyn EventNames) -> Vec<u8> {
    let mut text = names.prefix(address, length);
    text.extend_from_slice(format!("/{length}").as_bytes());
    text
}

fn next_hop(text: &mut Vec<u8>, hop: &NextHop, names: &mut dyn EventNames) {
    if let Some(gateway) = hop.gateway {
        text.extend_from_slice(b" via ");
        text.extend(names.host(gateway));
    }
    if let Some(device) = hop.device {
        text.extend_from_slice(b" dev ");
        text.extend(names.device(device));
    }
}

fn neighbour(n: &Neighbour, names: &mut dyn EventNames) -> Vec<u8> {
    let mut text = names.host(n.address);
    if let Some(lladdr) = n.lladdr.as_deref().filter(|l| !l.is_empty()) {
        text.extend_from_slice(b" lladdr ");
        let hex: Vec<String> = lladdr.iter().map(|b| format!("{b:02x}")).collect();
        text.extend_from_slice(hex.join(":").as_bytes());
    }
    text.extend_from_slice(b" dev ");
    text.extend(names.device(n.index));
    text.push(b' ');
    text.extend_from_slice(nud_state(n.state).as_bytes());
    text
}

/// `RTN_*` names as `ip route` prints them.
pub fn route_type(kind: u8) -> String {
    const NAMES: [&str; 12] = [
        "unspec",
        "unicast",
        "local",
        "broadcast",
        "anycast",
        "multicast",
        "blackhole",
        "unreachable",
        "prohibit",
        "throw",
        "nat",
        "xresolve",
    ];
    NAMES
        .get(usize::from(kind))
        .map_or_else(|| kind.to_string(), |n| n.to_string())
}

pub fn table_name(table: u32) -> String {
    match table {
        253 => "default".to_string(),
        255 => "local".to_string(),
        other => other.to_string(),
    }
}

/// `NUD_*` bits in capitals, `,`-joined; `NONE` for none.
fn nud_state(state: u16) -> String {
    let set = nud_names(state);
    if set.is_empty() {
        "NONE".to_string()
    } else {
        set.join(",")
    }
}

/// The names of the set `NUD_*` bits, in capitals.
pub fn nud_names(state: u16) -> Vec<&'static str> {
    const NAMES: [(u16, &str); 8] = [
        (0x01, "INCOMPLETE"),
        (0x02, "REACHABLE"),
        (0x04, "STALE"),
        (0x08, "DELAY"),
        (0x10, "PROBE"),
        (0x20, "FAILED"),
        (0x40, "NOARP"),
        (0x80, "PERMANENT"),
    ];
    NAMES
        .iter()
        .filter(|(bit, _)| state & bit != 0)
        .map(|(_, name)| *name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numeric names and `ifN` devices.
    struct Plain;

    impl EventNames for Plain {
        fn device(&mut self, index: i32) -> Vec<u8> {
            format!("if{index}").into_bytes()
        }
        fn host(&mut self, address: IpAddr) -> Vec<u8> {
            address.to_string().into_bytes()
        }
        fn prefix(&mut self, address: IpAddr, _length: u8) -> Vec<u8> {
            address.to_string().into_bytes()
        }
    }

    fn render(action: Action, subject: Subject) -> String {
        let mut out = Vec::new();
        line(&mut out, &Event { action, subject }, &mut Plain);
        String::from_utf8(out).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn links_and_addresses() {
        let link = Link {
            index: 3,
            name: b"veth0".to_vec(),
            up: true,
        };
        assert_eq!(
            render(Action::New, Subject::Link(link.clone())),
            "link new veth0 up\n"
        );
        assert_eq!(render(Action::Del, Subject::Link(link)), "link del veth0\n");
        let unnamed = Link {
            index: 4,
            name: Vec::new(),
            up: false,
        };
        assert_eq!(
            render(Action::New, Subject::Link(unnamed)),
            "link new if4 down\n"
        );
        let mut a = Address {
            index: 3,
            address: ip("10.1.2.3"),
            peer: None,
            prefix_len: 24,
        };
        assert_eq!(
            render(Action::New, Subject::Address(a.clone())),
            "addr new if3 10.1.2.3/24\n"
        );
        a.peer = Some(ip("10.1.2.4"));
        assert_eq!(
            render(Action::Del, Subject::Address(a)),
            "addr del if3 10.1.2.3 peer 10.1.2.4/24\n"
        );
    }

    #[test]
    fn routes() {
        let mut r = Route {
            destination: ip("192.0.2.0"),
            destination_len: 24,
            source: ip("0.0.0.0"),
            source_len: 0,
            kind: RTN_UNICAST,
            table: RT_TABLE_MAIN,
            metric: None,
            hops: vec![NextHop {
                gateway: Some(ip("10.1.2.254")),
                device: Some(3),
            }],
        };
        assert_eq!(
            render(Action::Del, Subject::Route(r.clone())),
            "route del 192.0.2.0/24 via 10.1.2.254 dev if3\n"
        );
        r.kind = 2;
        r.table = 255;
        r.metric = Some(0);
        r.source = ip("10.9.0.0");
        r.source_len = 16;
        r.hops.push(NextHop {
            gateway: None,
            device: Some(4),
        });
        assert_eq!(
            render(Action::New, Subject::Route(r.clone())),
            "route new local 192.0.2.0/24 from 10.9.0.0/16 nexthop via 10.1.2.254 dev if3 nexthop dev if4 table local metric 0\n"
        );
        r.destination_len = 0;
        r.source_len = 0;
        r.kind = 99;
        r.table = 1000;
        r.hops.clear();
        assert_eq!(
            render(Action::New, Subject::Route(r)),
            "route new 99 default table 1000 metric 0\n"
        );
    }

    #[test]
    fn neighbours() {
        let mut n = Neighbour {
            index: 3,
            address: ip("10.1.2.9"),
            lladdr: Some(vec![2, 0, 0, 0, 0, 9]),
            state: 0x02,
        };
        assert_eq!(
            render(Action::New, Subject::Neighbour(n.clone())),
            "neigh new 10.1.2.9 lladdr 02:00:00:00:00:09 dev if3 REACHABLE\n"
        );
        n.lladdr = None;
        n.state = 0x21;
        assert_eq!(
            render(Action::Del, Subject::Neighbour(n.clone())),
            "neigh del 10.1.2.9 dev if3 INCOMPLETE,FAILED\n"
        );
        n.state = 0;
        assert_eq!(
            render(Action::Del, Subject::Neighbour(n)),
            "neigh del 10.1.2.9 dev if3 NONE\n"
        );
    }
}
