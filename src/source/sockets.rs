//! Where the Internet socket rows come from: NETLINK_SOCK_DIAG when it gives
//! exactly what `/proc` would, the `/proc/net` file otherwise. The user never
//! sees which one served.
//!
//! What the two sources agree on, and where they do not (checked against the
//! kernel's walkers and by `tests/source_equivalence.rs`):
//!
//! * Order. `/proc/net/{tcp,udp,udplite}{,6}` and the sock_diag dump walk the
//!   same hash tables in the same order: TCP listeners bucket by bucket, then
//!   the established table (ESTABLISHED, TIME_WAIT and SYN_RECV request sockets
//!   together, chain order); UDP by port slot. Both filter by socket family, so
//!   IPv4-mapped sockets of IPv6 sockets are in the IPv6 dump and file.
//! * The state filter. The kernel is asked only for the states the listing
//!   shows: without `-a` and `-l` every state but LISTEN (a listener's remote
//!   port is always 0); with `-l` every socket whose remote port is 0 (a
//!   bytecode filter, because netstat's `-l` test is the remote port, not the
//!   state).
//! * Send-Q of a TCP listener: the dump carries the backlog limit there,
//!   `/proc` the unsent byte count, which a listener never has: 0.
//! * `-o` (TCP): the dump gives timer expiries in milliseconds, `/proc` in
//!   clock ticks converted from jiffies with HZ-dependent truncation that
//!   user space cannot reproduce, and a different retransmit counter for
//!   request sockets. TCP with `-o` is read from `/proc`. UDP timers are
//!   always zero in `/proc`, so UDP keeps the dump.
//! * `-e` (TCP): a SYN_RECV request socket has the listener's uid in `/proc`
//!   but 0 in the dump. A TCP dump holding one is thrown away for `/proc`.
//! * RAW: this kernel family has no raw sock_diag module on many systems and
//!   its answers could not be checked here, so RAW always comes from `/proc`.
//! * UNIX: the RefCnt column exists only in `/proc/net/unix`, so the unix
//!   section never uses netlink.
//!
//! The `/proc` file is opened first in every case, so a missing or forbidden
//! file gives the same "no support" behaviour whichever source serves.
//! `PROC_ROOT` (a fixture tree) always means `/proc`.

use super::netlink::NetlinkSocket;
use super::netlink::sock_diag::{self, DiagError, InetDiagMsg, InetRequest};
use super::proc::{self, ReadError};
use crate::cli::Options;
use crate::model::{InetProto, InetSocket};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The environment variable that picks the source: `netlink`, `proc` or `auto`.
pub const SOURCE_VAR: &str = "NETSTAT_SOURCE";

/// `NETLINK_SOCK_DIAG` from linux/netlink.h.
const NETLINK_SOCK_DIAG: i32 = 4;
/// The SYN_RECV state number.
const TCP_SYN_RECV: u8 = 3;

/// Which source the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preference {
    /// Netlink where it gives exact rows, silently `/proc` when the kernel refuses.
    Auto,
    /// Like `Auto`, but a kernel refusal is an error instead of a fallback
    /// (so tests can tell that netlink really served).
    Netlink,
    /// `/proc` only.
    Proc,
}

impl Preference {
    /// From `NETSTAT_SOURCE`; a `PROC_ROOT` fixture tree always means `/proc`.
    pub fn from_env() -> Self {
        if std::env::var_os(proc::PROC_ROOT_VAR).is_some_and(|root| !root.is_empty()) {
            return Preference::Proc;
        }
        match std::env::var_os(SOURCE_VAR)
            .as_deref()
            .map(|v| v.as_encoded_bytes())
        {
            Some(b"netlink") => Preference::Netlink,
            Some(b"proc") => Preference::Proc,
            _ => Preference::Auto,
        }
    }
}

/// Which rows a listing shows and which columns it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Query {
    /// `-a`: every row.
    pub all: bool,
    /// `-l`: only "listening" rows (spec §9 #13); else only the others.
    pub listening: bool,
    /// `-o`: the timer column.
    pub timers: bool,
    /// `-e` twice: the User and Inode columns.
    pub extended: bool,
}

impl Query {
    pub fn from_options(o: &Options) -> Self {
        Query {
            all: o.all,
            listening: o.listening,
            timers: o.timers,
            extended: o.extended(),
        }
    }

    /// net-tools' row filter.
    pub fn shows(&self, row: &InetSocket) -> bool {
        self.all || row.is_listening() == self.listening
    }

    /// The sock_diag request for a table.
    fn request(&self, proto: InetProto, ipv6: bool) -> InetRequest {
        let tcp = proto == InetProto::Tcp;
        InetRequest {
            family: if ipv6 { libc::AF_INET6 } else { libc::AF_INET } as u8,
            protocol: match proto {
                InetProto::Tcp => libc::IPPROTO_TCP,
                InetProto::Udp => libc::IPPROTO_UDP,
                InetProto::UdpLite | InetProto::Raw => libc::IPPROTO_UDPLITE,
            } as u8,
            states: if tcp && !self.all && !self.listening {
                sock_diag::ALL_STATES & !(1 << sock_diag::TCP_LISTEN)
            } else {
                sock_diag::ALL_STATES
            },
            remote_port_zero: tcp && !self.all && self.listening,
        }
    }
}

/// Which source served a table (for tests and the benchmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    Netlink,
    Proc,
}

/// Why a table could not be read.
#[derive(Debug)]
pub enum SourceError {
    /// The `/proc` file failed (the caller applies spec §3.11).
    Proc(ReadError),
    /// `NETSTAT_SOURCE=netlink` and the kernel refused: the message says why.
    Netlink(String),
}

/// The rows of one table that the listing shows, in kernel order.
#[derive(Debug)]
pub struct InetTable {
    rows: Rows,
    /// Bogus-line warnings met in the `/proc` file.
    pub warnings: Vec<String>,
}

#[derive(Debug)]
enum Rows {
    /// Compact dump answers, turned into rows on demand.
    Diag {
        proto: InetProto,
        ipv6: bool,
        answers: Vec<InetDiagMsg>,
    },
    Proc(Vec<InetSocket>),
}

impl InetTable {
    pub fn len(&self) -> usize {
        match &self.rows {
            Rows::Diag { answers, .. } => answers.len(),
            Rows::Proc(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`.
    pub fn get(&self, i: usize) -> InetSocket {
        match &self.rows {
            Rows::Diag {
                proto,
                ipv6,
                answers,
            } => diag_row(*proto, *ipv6, &answers[i]),
            Rows::Proc(rows) => rows[i].clone(),
        }
    }

    /// Every row in order.
    pub fn iter(&self) -> impl Iterator<Item = InetSocket> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn served(&self) -> Served {
        match self.rows {
            Rows::Diag { .. } => Served::Netlink,
            Rows::Proc(_) => Served::Proc,
        }
    }
}

/// The row `/proc` would give for one dump answer. The fields the dump lacks
/// are only shown with `-o`, which reads TCP from `/proc`; for UDP `/proc`
/// always writes them as zero.
fn diag_row(proto: InetProto, ipv6: bool, m: &InetDiagMsg) -> InetSocket {
    let address = |bytes: &[u8; 16]| {
        if ipv6 {
            IpAddr::V6(Ipv6Addr::from(*bytes))
        } else {
            IpAddr::V4(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]))
        }
    };
    let listener = proto == InetProto::Tcp && m.state == sock_diag::TCP_LISTEN;
    InetSocket {
        proto,
        ipv6_table: ipv6,
        local: address(&m.src),
        local_port: m.sport,
        remote: address(&m.dst),
        remote_port: m.dport,
        state: u32::from(m.state),
        tx_queue: if listener { 0 } else { u64::from(m.wqueue) },
        rx_queue: u64::from(m.rqueue),
        timer: 0,
        timer_ticks: 0,
        retransmits: 0,
        uid: i64::from(m.uid),
        timeout: 0,
        inode: u64::from(m.inode),
    }
}

/// The socket-table reader of one listing pass; holds the netlink socket.
#[derive(Debug)]
pub struct Sockets {
    preference: Preference,
    /// Opened on first use; `Err` once opening failed.
    netlink: Option<Result<NetlinkSocket, std::io::Error>>,
}

impl Default for Sockets {
    fn default() -> Self {
        Sockets::new(Preference::from_env())
    }
}

impl Sockets {
    pub fn new(preference: Preference) -> Self {
        Sockets {
            preference,
            netlink: None,
        }
    }

    /// The rows of one table (`ipv6` picks the `tcp6`-style file) that `query`
    /// shows.
    pub fn inet(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
    ) -> Result<InetTable, SourceError> {
        let (v4_path, v6_path) = proc::inet::paths(proto);
        let path = if ipv6 { v6_path } else { v4_path };
        let mut file = std::fs::File::open(proc::real_path(path))
            .map_err(|e| SourceError::Proc(ReadError::Open(e)))?;
        if self.netlink_serves(proto, query) {
            match self.dump(proto, ipv6, query) {
                Ok(Some(table)) => return Ok(table),
                Ok(None) => {}
                Err(message) if self.preference == Preference::Netlink => {
                    return Err(SourceError::Netlink(message));
                }
                Err(_) => {}
            }
        }
        read_proc(&mut file, proto, ipv6, query).map_err(SourceError::Proc)
    }

    /// Whether netlink can give exactly the rows `/proc` would for this table.
    fn netlink_serves(&self, proto: InetProto, query: &Query) -> bool {
        self.preference != Preference::Proc
            && match proto {
                InetProto::Tcp => !query.timers,
                InetProto::Udp | InetProto::UdpLite => true,
                InetProto::Raw => false,
            }
    }

    /// `Ok(None)`: the dump worked but `/proc` must serve this table anyway.
    fn dump(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
    ) -> Result<Option<InetTable>, String> {
        let socket = match self
            .netlink
            .get_or_insert_with(|| NetlinkSocket::open(NETLINK_SOCK_DIAG, 0))
        {
            Ok(socket) => socket,
            Err(e) => return Err(format!("netstat: sock_diag: {e}")),
        };
        let request = query.request(proto, ipv6);
        let result =
            sock_diag::dump_inet(socket, &request, |m| query.shows(&diag_row(proto, ipv6, m)));
        let table = format!("{}{}", proto.name(), if ipv6 { "6" } else { "" });
        match result {
            // The uid of a request socket differs between the sources (-e).
            Ok(answers)
                if query.extended
                    && proto == InetProto::Tcp
                    && answers.iter().any(|m| m.state == TCP_SYN_RECV) =>
            {
                Ok(None)
            }
            Ok(answers) => Ok(Some(InetTable {
                rows: Rows::Diag {
                    proto,
                    ipv6,
                    answers,
                },
                warnings: Vec::new(),
            })),
            Err(DiagError::Unavailable(e)) => Err(format!("netstat: sock_diag ({table}): {e}")),
            Err(DiagError::Inconsistent) => Err(format!(
                "netstat: sock_diag ({table}): the table kept changing during the dump"
            )),
            Err(DiagError::Malformed) => {
                Err(format!("netstat: sock_diag ({table}): malformed answer"))
            }
        }
    }
}

/// Read an opened `/proc` table line by line, keeping the rows `query` shows.
fn read_proc(
    file: &mut std::fs::File,
    proto: InetProto,
    ipv6: bool,
    query: &Query,
) -> Result<InetTable, ReadError> {
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    let mut header = true;
    let mut parser = proc::inet::LineParser::new(proto, ipv6);
    proc::for_each_line(file, |line| {
        if std::mem::take(&mut header) {
            return;
        }
        match parser.parse(line) {
            Some(row) if query.shows(&row) => rows.push(row),
            Some(_) => {}
            None => warnings.push(proc::inet::bogus_warning(proto).to_string()),
        }
    })
    .map_err(ReadError::Read)?;
    Ok(InetTable {
        rows: Rows::Proc(rows),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(state: u8, dport: u16, dst: [u8; 4]) -> InetDiagMsg {
        let mut d = [0u8; 16];
        d[..4].copy_from_slice(&dst);
        InetDiagMsg {
            family: libc::AF_INET as u8,
            state,
            timer: 0,
            retrans: 0,
            sport: 80,
            dport,
            src: [127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            dst: d,
            expires: 0,
            rqueue: 3,
            wqueue: 128,
            uid: 4_294_967_294,
            inode: 77,
        }
    }

    #[test]
    fn dump_answers_become_proc_rows() {
        let listener = diag_row(InetProto::Tcp, false, &answer(10, 0, [0; 4]));
        assert_eq!(listener.tx_queue, 0, "a listener's backlog is not Send-Q");
        assert_eq!(listener.rx_queue, 3);
        assert_eq!(listener.uid, 4_294_967_294);
        assert!(listener.is_listening());
        let udp = diag_row(InetProto::Udp, false, &answer(1, 53, [127, 0, 0, 9]));
        assert_eq!(udp.tx_queue, 128);
        assert_eq!(udp.remote, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 9)));
        let mut v6 = answer(1, 9, [0; 4]);
        v6.src = Ipv6Addr::LOCALHOST.octets();
        let row = diag_row(InetProto::Tcp, true, &v6);
        assert_eq!(row.local, IpAddr::V6(Ipv6Addr::LOCALHOST));
        assert!(row.ipv6_table);
    }

    #[test]
    fn requests_follow_the_row_filter() {
        let plain = Query::default().request(InetProto::Tcp, false);
        assert_eq!(plain.states & (1 << 10), 0);
        assert!(!plain.remote_port_zero);
        let listening = Query {
            listening: true,
            ..Query::default()
        };
        let r = listening.request(InetProto::Tcp, true);
        assert!(r.remote_port_zero);
        assert_eq!(r.family, libc::AF_INET6 as u8);
        let all = Query {
            all: true,
            listening: true,
            ..Query::default()
        };
        assert_eq!(
            all.request(InetProto::Tcp, false).states,
            sock_diag::ALL_STATES
        );
        assert!(!all.request(InetProto::Tcp, false).remote_port_zero);
        let udp = listening.request(InetProto::UdpLite, false);
        assert_eq!(udp.protocol, libc::IPPROTO_UDPLITE as u8);
        assert!(!udp.remote_port_zero, "UDP's -l test is the address");
    }

    #[test]
    fn proc_tables_keep_only_shown_rows_and_warn_on_bogus_lines() {
        let data = b"header\n   0: 00000000:1770 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1\n   1: 0100007F:1770 0100007F:9C40 01 00000000:00000000 00:00000000 00000000 0 0 2 1\nbogus\n";
        let path = std::env::temp_dir().join(format!("netstat-sockets-{}", std::process::id()));
        std::fs::write(&path, data).unwrap();
        let read = |query: Query| {
            let mut file = std::fs::File::open(&path).unwrap();
            read_proc(&mut file, InetProto::Tcp, false, &query).unwrap()
        };
        let plain = read(Query::default());
        assert_eq!(plain.len(), 1);
        assert_eq!(plain.get(0).inode, 2);
        assert_eq!(plain.warnings, vec!["warning, got bogus tcp line."]);
        assert_eq!(plain.served(), Served::Proc);
        let all = read(Query {
            all: true,
            ..Query::default()
        });
        assert_eq!(all.iter().map(|r| r.inode).collect::<Vec<_>>(), vec![1, 2]);
        std::fs::remove_file(&path).unwrap();
    }
}
