//! Rows of the amateur-radio and legacy families: AX.25, NET/ROM, ROSE, X.25,
//! IPX sockets and routes, AppleTalk routes (spec §3.12, §4.5).
//!
//! Callsigns, devices and addresses stay the bytes the file held, cut where
//! net-tools cuts them; numbers have the C types net-tools reads them into.

/// One line of a socket table: a row, or a line net-tools could not parse
/// (it prints "Problem reading data from FILE" on stdout in its place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<T> {
    Row(T),
    Unreadable,
}

/// Which `/proc/net/ax25` layout the file has; it decides the message
/// printed for an unreadable line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ax25Layout {
    /// 2.0/2.1 kernels: a `dest_addr ...` header and fixed columns.
    Columns,
    /// 2.2 and later: no header, space-separated fields.
    Words,
}

/// An AX.25 socket (`/proc/net/ax25`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ax25Socket {
    /// Destination callsign, digipeaters removed.
    pub dest: Vec<u8>,
    /// Source callsign, with the kernel's `*` digipeater mark if present.
    pub source: Vec<u8>,
    pub device: Vec<u8>,
    pub state: i32,
    pub vr: i32,
    pub vs: i32,
    pub send_q: i32,
    pub recv_q: i32,
}

/// The AX.25 socket file: its layout and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ax25Table {
    pub layout: Ax25Layout,
    pub entries: Vec<Entry<Ax25Socket>>,
}

/// A NET/ROM socket (`/proc/net/nr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetromSocket {
    pub user: Vec<u8>,
    pub dest: Vec<u8>,
    pub source: Vec<u8>,
    pub device: Vec<u8>,
    pub state: i32,
    pub vr: i32,
    pub vs: i32,
    pub send_q: i32,
    pub recv_q: i32,
}

/// An X.25 socket (`/proc/net/x25`, 2.4 layout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct X25Socket {
    pub dest: Vec<u8>,
    pub source: Vec<u8>,
    pub device: Vec<u8>,
    /// Logical channel; the kernel's hex read as decimal.
    pub lci: i32,
    pub state: i32,
    pub vr: i32,
    pub vs: i32,
    pub send_q: i32,
    pub recv_q: i32,
}

/// A ROSE socket (`/proc/net/rose`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoseSocket {
    pub dest_addr: Vec<u8>,
    pub dest_call: Vec<u8>,
    pub src_addr: Vec<u8>,
    pub src_call: Vec<u8>,
    pub device: Vec<u8>,
    /// Logical channel; the kernel's hex read as decimal.
    pub lci: i32,
    pub neigh: i32,
    pub state: i32,
}

/// An IPX address as net-tools' `IPX_input` leaves it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IpxAddress {
    pub network: u32,
    pub node: [u8; 6],
}

impl IpxAddress {
    /// net-tools' text form: `NETWORK:NODE`, `NETWORK` (node all zero),
    /// `NODE` (network zero) or nothing, in upper-case hex. The reader needs
    /// it too: 2.10 keeps the formatted text between lines.
    pub fn text(&self) -> Vec<u8> {
        let node_set = self.node.iter().any(|&b| b != 0);
        let node: String = self.node.iter().map(|b| format!("{b:02X}")).collect();
        match (self.network != 0, node_set) {
            (true, true) => format!("{:08X}:{node}", self.network),
            (true, false) => format!("{:08X}", self.network),
            (false, true) => node,
            (false, false) => String::new(),
        }
        .into_bytes()
    }
}

/// One end of an IPX socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpxEndpoint {
    pub address: IpxAddress,
    /// The port as 2.10 shows it: the file's value byte-swapped.
    pub port: u16,
}

impl IpxEndpoint {
    /// `ADDRESS:PORT` (`%s:%04X`).
    pub fn text(&self) -> Vec<u8> {
        let mut text = self.address.text();
        text.extend_from_slice(format!(":{:04X}", self.port).as_bytes());
        text
    }
}

/// An IPX socket (`/proc/net/ipx/socket` or `/proc/net/ipx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpxSocket {
    pub local: IpxEndpoint,
    /// `None` for `Not_Connected`.
    pub remote: Option<IpxEndpoint>,
    pub tx_queue: u64,
    pub rx_queue: u64,
    pub state: u32,
    pub uid: u32,
}

/// Which address of an IPX line had no `:port` (2.10 stops with an internal error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpxPortMissing {
    Source,
    Destination,
}

/// The IPX socket file: the rows before any fatal line, and that line's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpxTable {
    pub rows: Vec<IpxSocket>,
    pub error: Option<IpxPortMissing>,
}

/// An AX.25 route (`/proc/net/ax25_route`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ax25Route {
    pub callsign: Vec<u8>,
    pub device: Vec<u8>,
    /// The number at column 15 (always 0 with the 2.2+ layout, spec §9 #24).
    pub use_count: i32,
}

/// The neighbour a NET/ROM node is reached through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetromNeighbour {
    pub quality: i32,
    pub callsign: Vec<u8>,
    pub device: Vec<u8>,
}

/// A NET/ROM node (`/proc/net/nr_nodes` joined with `/proc/net/nr_neigh`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetromRoute {
    pub callsign: Vec<u8>,
    pub mnemonic: Vec<u8>,
    /// `None` when no neighbour line has the node's neighbour number; 2.10
    /// then leaves the output line unterminated.
    pub neighbour: Option<NetromNeighbour>,
}

/// One neighbour number of a ROSE node and the neighbour lines carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoseHop {
    pub number: i32,
    /// (callsign, device) of every matching `/proc/net/rose_neigh` line.
    pub matches: Vec<(Vec<u8>, Vec<u8>)>,
}

/// A ROSE node (`/proc/net/rose_nodes` joined with `/proc/net/rose_neigh`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoseRoute {
    pub address: Vec<u8>,
    pub hops: Vec<RoseHop>,
}

/// An IPX route (`/proc/net/ipx/route` or `/proc/net/ipx_route`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpxRoute {
    pub network: IpxAddress,
    pub router_net: IpxAddress,
    pub router_node: IpxAddress,
}

/// An X.25 route (`/proc/net/x25/route` or `/proc/net/x25_routes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct X25Route {
    /// The address cut to `digits` characters.
    pub address: Vec<u8>,
    /// Significant digits, 0..=15 (0: the default route, shown as `*`).
    pub digits: i32,
    pub device: Vec<u8>,
}

/// An AppleTalk route (`/proc/net/atalk_route`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DdpRoute {
    pub dest: Vec<u8>,
    pub gateway: Vec<u8>,
    /// RTF_* bits.
    pub flags: u32,
    pub device: Vec<u8>,
}
