//! The kernels' `/proc/net` row formats of the legacy families (spec §8.12–§8.17), to fill
//! fixture trees with.

/// An AX.25 connection of the 2.2+ `/proc/net/ax25` (no header line).
pub struct Ax25 {
    pub magic: &'static str,
    pub device: &'static str,
    pub source: &'static str,
    /// `*` when this end is a digipeater.
    pub digipeater: bool,
    pub dest: &'static str,
    /// `(call, repeated)` per digipeater.
    pub digis: &'static [(&'static str, bool)],
    pub state: i32,
    pub vs: i32,
    pub vr: i32,
    /// Send-Q, Recv-Q, inode; `None` prints `* * *` (no socket).
    pub queues: Option<(i32, i32, u64)>,
}

impl Ax25 {
    /// `%p %s %s%s %s` + `,%s%s` per digipeater + 17 numbers + the queues.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} {} {}{} {}",
            self.magic,
            self.device,
            self.source,
            if self.digipeater { "*" } else { "" },
            self.dest
        );
        for (call, repeated) in self.digis {
            s += &format!(",{call}{}", if *repeated { "*" } else { "" });
        }
        s += &format!(
            " {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}",
            self.state, self.vs, self.vr, 1, 0, 3, 0, 0, 0, 300, 0, 10, 0, 10, 1, 2, 256
        );
        match self.queues {
            Some((send, recv, inode)) => s + &format!(" {send} {recv} {inode}\n"),
            None => s + " * * *\n",
        }
    }
}

pub const AX25_ROUTE_HEADER: &str = "callsign  dev  mode digipeaters\n";

/// `%-9s %-4s` + mode (`   vc`, `   dg`, `    *`) + ` %s` per digipeater.
pub fn ax25_route(call: &str, device: &str, mode: &str, digis: &[&str]) -> String {
    let mode = match mode {
        "vc" => "   vc",
        "dg" => "   dg",
        _ => "    *",
    };
    let mut s = format!("{call:<9} {device:<4}{mode}");
    for d in digis {
        s += &format!(" {d}");
    }
    s + "\n"
}

pub const NR_HEADER: &str = "user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2     t4      idle   n2  wnd Snd-Q Rcv-Q inode\n";

/// A NET/ROM socket row.
#[allow(clippy::too_many_arguments)]
pub fn nr(
    user: &str,
    dest: &str,
    source: &str,
    device: &str,
    ids: (u32, u32, u32, u32),
    state: i32,
    (vs, vr, va): (i32, i32, i32),
    (send, recv, inode): (i32, i32, i64),
) -> String {
    let (my, my_id, your, your_id) = ids;
    format!(
        "{user:<9} {dest:<9} {source:<9} {device:<3}  {my:02X}/{my_id:02X} {your:02X}/{your_id:02X} {state:>2} {vs:>3} {vr:>3} {va:>3} {:>3}/{:03} {:>2}/{:02} {:>3}/{:03} {:>3}/{:03} {:>2}/{:02} {:>3} {send:>5} {recv:>5} {inode}\n",
        0, 180, 0, 5, 0, 180, 0, 15, 0, 3, 4
    )
}

pub const NR_NODES_HEADER: &str =
    "callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n";

/// `%-9s %-7s  %d %d` + `  %3d   %d %05d` per (quality, obsolescence, neighbour).
pub fn nr_node(call: &str, mnemonic: &str, which: u32, routes: &[(i32, i32, i32)]) -> String {
    let mut s = format!("{call:<9} {mnemonic:<7}  {which} {}", routes.len());
    for (quality, obs, neighbour) in routes {
        s += &format!("  {quality:>3}   {obs} {neighbour:05}");
    }
    s + "\n"
}

pub const NR_NEIGH_HEADER: &str = "addr  callsign  dev  qual lock count failed digipeaters\n";

/// `%05d %-9s %-4s  %3d    %d   %3d    %3d` + ` %s` per digipeater.
pub fn nr_neigh(number: i32, call: &str, device: &str, quality: i32, digis: &[&str]) -> String {
    let mut s = format!(
        "{number:05} {call:<9} {device:<4}  {quality:>3}    {}   {:>3}    {:>3}",
        0, 3, 0
    );
    for d in digis {
        s += &format!(" {d}");
    }
    s + "\n"
}

pub const ROSE_HEADER: &str = "dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs vr va   t  t1  t2  t3  hb    idle Snd-Q Rcv-Q inode\n";

/// A ROSE socket row (LCI in hex, as the kernel writes it).
pub fn rose(
    dest: (&str, &str),
    source: (&str, &str),
    device: &str,
    lci: u32,
    neighbour: i32,
    state: i32,
) -> String {
    let (dest_addr, dest_call) = dest;
    let (src_addr, src_call) = source;
    format!(
        "{dest_addr:<10} {dest_call:<9} {src_addr:<10} {src_call:<9} {device:<5} {lci:03X} {neighbour:05}  {state}  {}  {}  {} {:>3} {:>3} {:>3} {:>3} {:>3} {:>3}/{:03} {:>5} {:>5} {}\n",
        0, 0, 0, 0, 200, 180, 180, 5, 0, 0, 0, 0, 777
    )
}

pub const ROSE_NODES_HEADER: &str = "address    mask n neigh neigh neigh\n";

/// `%-10s %04d %d` + ` %05d` per neighbour.
pub fn rose_node(address: &str, mask: i32, neighbours: &[i32]) -> String {
    let mut s = format!("{address:<10} {mask:04} {}", neighbours.len());
    for n in neighbours {
        s += &format!(" {n:05}");
    }
    s + "\n"
}

pub const ROSE_NEIGH_HEADER: &str =
    "addr  callsign  dev  count use mode restart  t0  tf digipeaters\n";

/// `%05d %-9s %-4s   %3d %3d  %3s     %3s %3lu %3lu` + ` %s` per digipeater.
pub fn rose_neigh(number: i32, call: &str, device: &str, mode: &str, digis: &[&str]) -> String {
    let mut s = format!(
        "{number:05} {call:<9} {device:<4}   {:>3} {:>3}  {mode:>3}     {:>3} {:>3} {:>3}",
        1, 2, "yes", 0, 0
    );
    for d in digis {
        s += &format!(" {d}");
    }
    s + "\n"
}

pub const X25_HEADER: &str =
    "dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n";

/// An X.25 socket row (2.4 layout, LCI in hex).
pub fn x25(
    dest: &str,
    source: &str,
    device: &str,
    lci: u32,
    state: i32,
    (vs, vr): (i32, i32),
    (send, recv, inode): (i32, i32, i64),
) -> String {
    format!(
        "{dest:<10} {source:<10} {device:<5} {lci:03X}  {state}  {vs}  {vr}  {} {:>3} {:>3} {:>3} {:>3} {:>3} {send:>5} {recv:>5} {inode}\n",
        0, 1, 3, 200, 180, 180
    )
}

pub const X25_ROUTE_HEADER: &str = "Address          Digits  Device\n";

/// `%-15s  %-6d  %-5s`
pub fn x25_route(address: &str, digits: i32, device: &str) -> String {
    format!("{address:<15}  {digits:<6}  {device:<5}\n")
}

pub const IPX_HEADER: &str =
    "Local_Address  Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n";
/// The header of kernels built with CONFIG_IPX_INTERN (local node shown).
pub const IPX_INTERN_HEADER: &str =
    "Local_Address               Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n";

/// An IPX socket row. `local_node` is shown by CONFIG_IPX_INTERN kernels;
/// `remote` is `(network, node, port)` or `None` for `Not_Connected`.
pub fn ipx(
    local: (u32, Option<[u8; 6]>, u16),
    remote: Option<(u32, [u8; 6], u16)>,
    (tx, rx): (u32, u32),
    state: u32,
    uid: u32,
) -> String {
    let node = |n: [u8; 6]| n.iter().map(|b| format!("{b:02X}")).collect::<String>();
    let (network, local_node, port) = local;
    let mut s = match local_node {
        Some(n) => format!("{network:08X}:{}:{port:04X}  ", node(n)),
        None => format!("{network:08X}:{port:04X}  "),
    };
    s += &match remote {
        Some((network, n, port)) => format!("{network:08X}:{}:{port:04X}  ", node(n)),
        None => format!("{:<28}", "Not_Connected"),
    };
    s + &format!("{tx:08X}  {rx:08X}  {state:02X}     {uid:03}\n")
}

pub const IPX_ROUTE_HEADER: &str = "Network    Router_Net   Router_Node\n";

/// `%08X   %08X     %02X…` or, without a router, `%08X     Directly     Connected`.
pub fn ipx_route(network: u32, router: Option<(u32, [u8; 6])>) -> String {
    match router {
        Some((net, n)) => {
            let node: String = n.iter().map(|b| format!("{b:02X}")).collect();
            format!("{network:08X}   {net:08X}     {node}\n")
        }
        None => format!("{network:08X}     Directly     Connected\n"),
    }
}

pub const ATALK_ROUTE_HEADER: &str = "Target        Router  Flags Dev\n";

/// `Default     %04X:%02X  %-4d  %s`
pub fn atalk_default(gateway: (u16, u8), flags: i32, device: &str) -> String {
    format!(
        "Default     {:04X}:{:02X}  {flags:<4}  {device}\n",
        gateway.0, gateway.1
    )
}

/// `%04X:%02X     %04X:%02X  %-4d  %s`
pub fn atalk_route(target: (u16, u8), gateway: (u16, u8), flags: i32, device: &str) -> String {
    format!(
        "{:04X}:{:02X}     {:04X}:{:02X}  {flags:<4}  {device}\n",
        target.0, target.1, gateway.0, gateway.1
    )
}
