//! Structured `--netlink`: one document per event, `{"event":{...}}`, with
//! `action` (`new`, `del`), `kind` (`link`, `addr`, `route`, `neigh`) and
//! the fields of that kind. Interfaces are `ifindex` with the name the text
//! shows (`ifname`); addresses are numeric with a `*_host` name beside them
//! when a lookup found one.

use super::OwnedText;
use crate::model::event::{Action, Address, Event, Link, Neighbour, NextHop, Route, Subject};
use crate::render::events::{nud_names, route_type, table_name};
use serde::Serialize;
use std::net::IpAddr;

/// What the view needs beyond the event: interface names, and the names
/// found for addresses (`None`: numeric output or nothing found).
pub trait FoundNames {
    fn device(&mut self, index: i32) -> Vec<u8>;
    fn host(&mut self, address: IpAddr) -> Option<Vec<u8>>;
    fn prefix(&mut self, address: IpAddr, length: u8) -> Option<Vec<u8>>;
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub action: &'static str,
    pub kind: &'static str,
    #[serde(flatten)]
    pub details: Details,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Details {
    Link {
        ifindex: i32,
        #[serde(flatten)]
        ifname: OwnedText,
        /// `IFF_UP` (the text shows it for `new` events).
        up: bool,
    },
    Address {
        ifindex: u32,
        #[serde(flatten)]
        ifname: OwnedText,
        address: IpAddr,
        #[serde(flatten)]
        address_host: Option<OwnedText>,
        #[serde(skip_serializing_if = "Option::is_none")]
        peer: Option<IpAddr>,
        #[serde(flatten)]
        peer_host: Option<OwnedText>,
        prefixlen: u8,
    },
    Route {
        /// The route type as `ip route` names it (`unicast`, `local`, ...).
        #[serde(rename = "type")]
        kind: String,
        destination: IpAddr,
        destination_prefix: u8,
        #[serde(flatten)]
        destination_host: Option<OwnedText>,
        /// A source-specific route's source prefix.
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<IpAddr>,
        #[serde(skip_serializing_if = "Option::is_none")]
        source_prefix: Option<u8>,
        #[serde(flatten)]
        source_host: Option<OwnedText>,
        table: u32,
        /// `main`, `local`, `default`, or the number as text.
        table_name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        metric: Option<u32>,
        nexthops: Vec<Hop>,
    },
    Neighbour {
        ifindex: i32,
        #[serde(flatten)]
        ifname: OwnedText,
        address: IpAddr,
        #[serde(flatten)]
        address_host: Option<OwnedText>,
        /// The link-layer address in lower-case hex pairs joined by `:`.
        #[serde(skip_serializing_if = "Option::is_none")]
        lladdr: Option<String>,
        /// The `NUD_*` state bits and their names.
        state: u16,
        state_pretty: Vec<&'static str>,
    },
}

/// One next hop of a route.
#[derive(Debug, Serialize)]
pub struct Hop {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<IpAddr>,
    #[serde(flatten)]
    pub gateway_host: Option<OwnedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifindex: Option<i32>,
    #[serde(flatten)]
    pub ifname: Option<OwnedText>,
}

fn text(key: &'static str, bytes: Option<Vec<u8>>) -> Option<OwnedText> {
    bytes.map(|bytes| OwnedText { key, bytes })
}

impl EventView {
    pub fn new(event: &Event, names: &mut dyn FoundNames) -> Self {
        let (kind, details) = match &event.subject {
            Subject::Link(l) => ("link", link(l, names)),
            Subject::Address(a) => ("addr", address(a, names)),
            Subject::Route(r) => ("route", route(r, names)),
            Subject::Neighbour(n) => ("neigh", neighbour(n, names)),
        };
        EventView {
            action: match event.action {
                Action::New => "new",
                Action::Del => "del",
            },
            kind,
            details,
        }
    }
}

fn ifname(index: i32, names: &mut dyn FoundNames) -> OwnedText {
    OwnedText {
        key: "ifname",
        bytes: names.device(index),
    }
}

fn link(l: &Link, names: &mut dyn FoundNames) -> Details {
    Details::Link {
        ifindex: l.index,
        ifname: if l.name.is_empty() {
            ifname(l.index, names)
        } else {
            OwnedText {
                key: "ifname",
                bytes: l.name.clone(),
            }
        },
        up: l.up,
    }
}

fn address(a: &Address, names: &mut dyn FoundNames) -> Details {
    Details::Address {
        ifindex: a.index,
        ifname: ifname(a.index as i32, names),
        address: a.address,
        address_host: text("address_host", names.host(a.address)),
        peer: a.peer,
        peer_host: text("peer_host", a.peer.and_then(|p| names.host(p))),
        prefixlen: a.prefix_len,
    }
}

fn route(r: &Route, names: &mut dyn FoundNames) -> Details {
    let source = (r.source_len != 0).then_some(r.source);
    Details::Route {
        kind: route_type(r.kind),
        destination: r.destination,
        destination_prefix: r.destination_len,
        destination_host: text(
            "destination_host",
            (r.destination_len != 0)
                .then(|| names.prefix(r.destination, r.destination_len))
                .flatten(),
        ),
        source,
        source_prefix: source.map(|_| r.source_len),
        source_host: text(
            "source_host",
            source.and_then(|s| names.prefix(s, r.source_len)),
        ),
        table: r.table,
        table_name: match r.table {
            crate::model::event::RT_TABLE_MAIN => "main".to_string(),
            other => table_name(other),
        },
        metric: r.metric,
        nexthops: r.hops.iter().map(|hop| next_hop(hop, names)).collect(),
    }
}

fn next_hop(hop: &NextHop, names: &mut dyn FoundNames) -> Hop {
    Hop {
        gateway: hop.gateway,
        gateway_host: text("gateway_host", hop.gateway.and_then(|g| names.host(g))),
        ifindex: hop.device,
        ifname: hop.device.map(|d| ifname(d, names)),
    }
}

fn neighbour(n: &Neighbour, names: &mut dyn FoundNames) -> Details {
    Details::Neighbour {
        ifindex: n.index,
        ifname: ifname(n.index, names),
        address: n.address,
        address_host: text("address_host", names.host(n.address)),
        lladdr: n.lladdr.as_deref().filter(|l| !l.is_empty()).map(|l| {
            l.iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(":")
        }),
        state: n.state,
        state_pretty: nud_names(n.state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::RTN_UNICAST;

    /// `ifN` devices; one known host name.
    struct Plain;

    impl FoundNames for Plain {
        fn device(&mut self, index: i32) -> Vec<u8> {
            format!("if{index}").into_bytes()
        }
        fn host(&mut self, address: IpAddr) -> Option<Vec<u8>> {
            (address == IpAddr::from([10, 0, 0, 1])).then(|| b"gw".to_vec())
        }
        fn prefix(&mut self, _: IpAddr, _: u8) -> Option<Vec<u8>> {
            None
        }
    }

    fn json(action: Action, subject: Subject) -> String {
        serde_json::to_string(&EventView::new(&Event { action, subject }, &mut Plain)).unwrap()
    }

    #[test]
    fn routes_and_neighbours() {
        let hop = |gateway: [u8; 4], device| NextHop {
            gateway: Some(IpAddr::from(gateway)),
            device: Some(device),
        };
        let route = Route {
            destination: IpAddr::from([192, 0, 2, 0]),
            destination_len: 24,
            source: IpAddr::from([0, 0, 0, 0]),
            source_len: 0,
            kind: RTN_UNICAST,
            table: 255,
            metric: None,
            hops: vec![hop([10, 0, 0, 1], 2), hop([10, 0, 0, 2], 3)],
        };
        assert_eq!(
            json(Action::Del, Subject::Route(route)),
            r#"{"action":"del","kind":"route","type":"unicast","destination":"192.0.2.0","destination_prefix":24,"table":255,"table_name":"local","nexthops":[{"gateway":"10.0.0.1","gateway_host":"gw","ifindex":2,"ifname":"if2"},{"gateway":"10.0.0.2","ifindex":3,"ifname":"if3"}]}"#
        );
        let neighbour = Neighbour {
            index: 4,
            address: IpAddr::from([10, 0, 0, 9]),
            lladdr: Some(vec![2, 0, 0, 0, 0, 9]),
            state: 0x82,
        };
        assert_eq!(
            json(Action::New, Subject::Neighbour(neighbour)),
            r#"{"action":"new","kind":"neigh","ifindex":4,"ifname":"if4","address":"10.0.0.9","lladdr":"02:00:00:00:00:09","state":130,"state_pretty":["REACHABLE","PERMANENT"]}"#
        );
    }
}
