//! Structured rows of the legacy families: the IPX, AX.25, NET/ROM, ROSE
//! and X.25 socket sections (`ipx`, `ax25`, `netrom`, `rose`, `x25`) and
//! their route tables with AppleTalk's (`ax25_routes`, ... `ddp_routes`).
//!
//! Callsigns, devices and addresses are the bytes the file held (the text
//! rule of [`super::Text`]); states are the names the text prints. A line
//! net-tools cannot parse has no row (the text prints "Problem reading data").

use super::Text;
use super::routes::route_flag_names;
use crate::model::legacy::{
    Ax25Route, Ax25Socket, DdpRoute, IpxEndpoint, IpxRoute, IpxSocket, NetromRoute, NetromSocket,
    RoseRoute, RoseSocket, X25Route, X25Socket,
};
use crate::render::legacy::{
    AX25_STATES, NETROM_STATES, ROSE_STATES, X25_STATES, ipx_state, state_name,
};
use crate::render::legacy_routes::ddp_flags;
use serde::Serialize;

/// An AX.25, NET/ROM (which adds `user`) or X.25 (which adds `lci`) socket:
/// the connected-mode link families share their columns.
#[derive(Debug, Serialize)]
pub struct LinkSocket<'a> {
    #[serde(flatten)]
    pub user: Option<Text<'a>>,
    #[serde(flatten)]
    pub dest: Text<'a>,
    #[serde(flatten)]
    pub source: Text<'a>,
    #[serde(flatten)]
    pub device: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lci: Option<i32>,
    pub state: &'static str,
    pub vr: i32,
    pub vs: i32,
    pub send_q: i32,
    pub recv_q: i32,
}

/// The fields every link family's socket has.
struct Link<'a> {
    dest: &'a [u8],
    source: &'a [u8],
    device: &'a [u8],
    state: &'static str,
    counters: [i32; 4],
}

impl<'a> LinkSocket<'a> {
    fn new(link: Link<'a>, user: Option<&'a [u8]>, lci: Option<i32>) -> Self {
        let [vr, vs, send_q, recv_q] = link.counters;
        LinkSocket {
            user: user.map(|user| Text::new("user", user)),
            dest: Text::new("dest", link.dest),
            source: Text::new("source", link.source),
            device: Text::new("device", link.device),
            lci,
            state: link.state,
            vr,
            vs,
            send_q,
            recv_q,
        }
    }

    pub fn ax25(row: &'a Ax25Socket) -> Self {
        let link = Link {
            dest: &row.dest,
            source: &row.source,
            device: &row.device,
            state: state_name(&AX25_STATES, row.state),
            counters: [row.vr, row.vs, row.send_q, row.recv_q],
        };
        LinkSocket::new(link, None, None)
    }

    pub fn netrom(row: &'a NetromSocket) -> Self {
        let link = Link {
            dest: &row.dest,
            source: &row.source,
            device: &row.device,
            state: state_name(&NETROM_STATES, row.state),
            counters: [row.vr, row.vs, row.send_q, row.recv_q],
        };
        LinkSocket::new(link, Some(&row.user), None)
    }

    pub fn x25(row: &'a X25Socket) -> Self {
        let link = Link {
            dest: &row.dest,
            source: &row.source,
            device: &row.device,
            state: state_name(&X25_STATES, row.state),
            counters: [row.vr, row.vs, row.send_q, row.recv_q],
        };
        LinkSocket::new(link, None, Some(row.lci))
    }
}

#[derive(Debug, Serialize)]
pub struct Rose<'a> {
    #[serde(flatten)]
    pub dest_addr: Text<'a>,
    #[serde(flatten)]
    pub dest_call: Text<'a>,
    #[serde(flatten)]
    pub src_addr: Text<'a>,
    #[serde(flatten)]
    pub src_call: Text<'a>,
    #[serde(flatten)]
    pub device: Text<'a>,
    pub lci: i32,
    pub neigh: i32,
    pub state: &'static str,
}

impl<'a> Rose<'a> {
    pub fn new(row: &'a RoseSocket) -> Self {
        Rose {
            dest_addr: Text::new("dest_addr", &row.dest_addr),
            dest_call: Text::new("dest_call", &row.dest_call),
            src_addr: Text::new("src_addr", &row.src_addr),
            src_call: Text::new("src_call", &row.src_call),
            device: Text::new("device", &row.device),
            lci: row.lci,
            neigh: row.neigh,
            state: state_name(&ROSE_STATES, row.state),
        }
    }
}

/// An IPX address and port: the address in net-tools' text form
/// (`NETWORK:NODE`, upper-case hex), the port as the text shows it.
#[derive(Debug, Serialize)]
pub struct IpxEnd {
    pub address: String,
    pub port: u16,
}

impl IpxEnd {
    fn new(end: &IpxEndpoint) -> Self {
        IpxEnd {
            address: String::from_utf8_lossy(&end.address.text()).into_owned(),
            port: end.port,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Ipx<'a> {
    pub proto: &'static str,
    pub recv_q: u64,
    pub send_q: u64,
    pub local: IpxEnd,
    /// `null` for a socket that is not connected (the text's `-`).
    pub foreign: Option<IpxEnd>,
    /// The State column: `ESTAB`, `""` or `UNK.`.
    pub state: &'static str,
    pub uid: u32,
    #[serde(flatten)]
    pub user: Option<Text<'a>>,
}

impl<'a> Ipx<'a> {
    pub fn new(row: &IpxSocket, user: Option<&'a [u8]>) -> Self {
        Ipx {
            proto: "ipx",
            recv_q: row.rx_queue,
            send_q: row.tx_queue,
            local: IpxEnd::new(&row.local),
            foreign: row.remote.as_ref().map(IpxEnd::new),
            state: ipx_state(row.state),
            uid: row.uid,
            user: Text::found("user", user),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Ax25RouteView<'a> {
    #[serde(flatten)]
    pub destination: Text<'a>,
    #[serde(flatten)]
    pub iface: Text<'a>,
    #[serde(rename = "use")]
    pub use_count: i32,
}

impl<'a> Ax25RouteView<'a> {
    pub fn new(row: &'a Ax25Route) -> Self {
        Ax25RouteView {
            destination: Text::new("destination", &row.callsign),
            iface: Text::new("iface", &row.device),
            use_count: row.use_count,
        }
    }
}

/// A NET/ROM node; the neighbour fields are `null` when no neighbour line
/// matched (the text leaves the line unfinished).
#[derive(Debug, Serialize)]
pub struct NetromRouteView<'a> {
    #[serde(flatten)]
    pub destination: Text<'a>,
    #[serde(flatten)]
    pub mnemonic: Text<'a>,
    pub neighbour: Option<Neighbour<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Neighbour<'a> {
    pub quality: i32,
    #[serde(flatten)]
    pub callsign: Text<'a>,
    #[serde(flatten)]
    pub iface: Text<'a>,
}

impl<'a> NetromRouteView<'a> {
    pub fn new(row: &'a NetromRoute) -> Self {
        NetromRouteView {
            destination: Text::new("destination", &row.callsign),
            mnemonic: Text::new("mnemonic", &row.mnemonic),
            neighbour: row.neighbour.as_ref().map(|n| Neighbour {
                quality: n.quality,
                callsign: Text::new("callsign", &n.callsign),
                iface: Text::new("iface", &n.device),
            }),
        }
    }
}

/// A ROSE node: each neighbour number with the neighbour lines carrying it.
#[derive(Debug, Serialize)]
pub struct RoseRouteView<'a> {
    #[serde(flatten)]
    pub destination: Text<'a>,
    pub neighbours: Vec<RoseHop<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RoseHop<'a> {
    pub number: i32,
    pub matches: Vec<RoseMatch<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RoseMatch<'a> {
    #[serde(flatten)]
    pub callsign: Text<'a>,
    #[serde(flatten)]
    pub iface: Text<'a>,
}

impl<'a> RoseRouteView<'a> {
    pub fn new(row: &'a RoseRoute) -> Self {
        RoseRouteView {
            destination: Text::new("destination", &row.address),
            neighbours: row
                .hops
                .iter()
                .map(|hop| RoseHop {
                    number: hop.number,
                    matches: hop
                        .matches
                        .iter()
                        .map(|(callsign, device)| RoseMatch {
                            callsign: Text::new("callsign", callsign),
                            iface: Text::new("iface", device),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// An IPX route; addresses in net-tools' text form.
#[derive(Debug, Serialize)]
pub struct IpxRouteView {
    pub destination: String,
    pub router_net: String,
    pub router_node: String,
}

impl IpxRouteView {
    pub fn new(row: &IpxRoute) -> Self {
        let text =
            |a: &crate::model::legacy::IpxAddress| String::from_utf8_lossy(&a.text()).into_owned();
        IpxRouteView {
            destination: text(&row.network),
            router_net: text(&row.router_net),
            router_node: text(&row.router_node),
        }
    }
}

/// An X.25 route; `digits` 0 is the default route (the text's `*`).
#[derive(Debug, Serialize)]
pub struct X25RouteView<'a> {
    #[serde(flatten)]
    pub destination: Text<'a>,
    pub digits: i32,
    #[serde(flatten)]
    pub iface: Text<'a>,
}

impl<'a> X25RouteView<'a> {
    pub fn new(row: &'a X25Route) -> Self {
        X25RouteView {
            destination: Text::new("destination", &row.address),
            digits: row.digits,
            iface: Text::new("iface", &row.device),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DdpRouteView<'a> {
    #[serde(flatten)]
    pub destination: Text<'a>,
    #[serde(flatten)]
    pub gateway: Text<'a>,
    #[serde(flatten)]
    pub iface: Text<'a>,
    pub route_flags: String,
    pub route_flags_pretty: Vec<&'static str>,
}

impl<'a> DdpRouteView<'a> {
    pub fn new(row: &'a DdpRoute) -> Self {
        DdpRouteView {
            destination: Text::new("destination", &row.dest),
            gateway: Text::new("gateway", &row.gateway),
            iface: Text::new("iface", &row.device),
            route_flags: ddp_flags(row.flags),
            route_flags_pretty: route_flag_names(row.flags),
        }
    }
}
