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
//!   state). A user's filter (`crate::filter`) narrows the states further and
//!   adds its port and address tests (bytecode, and a single port in the
//!   request's socket id); its predicate then runs on every row from either
//!   source, so both list the same rows.
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
//!
//! How rows are handed over:
//!
//! * Streaming. [`Sockets::each_inet`] hands every row to its caller as its
//!   netlink message or `/proc` line is decoded, so a listing that prints
//!   rows as they come (numeric hosts) holds one row at a time, whatever the
//!   size of the table. [`Sockets::inet`] collects a table instead, for the
//!   listings that resolve names: they look up every distinct address of a
//!   table at once before printing its first row. A TCP listing with `-e`
//!   also sees its dump whole before the first row (the SYN_RECV rule above).
//! * Consistency. Neither source is a snapshot. `/proc/net/tcp` is generated
//!   a page per read(), each resuming at a remembered bucket and offset; the
//!   dump is generated a netlink buffer per recv() the same way (the
//!   callback's `args` keep bucket and position). A socket that comes or goes
//!   meanwhile may be missed or seen twice by either, and net-tools, reading
//!   through stdio, lives with that. NLM_F_DUMP_INTR does not detect it for
//!   these dumps: the kernel sets the flag only in `nl_dump_check_consistent`,
//!   which compares a generation number (`cb->seq`) that the dump callback
//!   must keep up to date. rtnetlink's dumps do; the inet_diag and unix_diag
//!   dumps never touch it, so the check `netlink_dump` makes on the final
//!   NLMSG_DONE compares 0 with 0. Measured on Linux 6.18 (iproute2 warns
//!   when it sees the flag): 819 `ss -tan`/`-uan`/`-xan` dumps of ~6,000
//!   sockets under constant connect/close churn carried it 0 times, while 32
//!   of 495 `ip addr` dumps under link churn did. So a streamed listing loses nothing by printing
//!   rows before the dump ends: no retry could ever have been triggered. The
//!   collecting readers still start a dump flagged interrupted again, in case
//!   a future kernel sets the flag; a streamed listing has printed its rows by
//!   then and keeps them, as it would from `/proc`.
//! * Failure after the first row. A kernel refusal (no diag module, no
//!   permission) is the first answer, before any row, and `auto` falls back
//!   to `/proc` silently. A failure once rows were handed over cannot fall
//!   back without showing them twice, so it is an error in every mode.

use super::netlink::NetlinkSocket;
use super::netlink::sock_diag::{self, DiagError, InetDiagMsg, InetRequest};
use super::owners::Owners;
use super::proc::{self, ReadError};
use crate::cli::Options;
use crate::filter::{Filter, OwnerOf};
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'a> {
    /// `-a`: every row.
    pub all: bool,
    /// `-l`: only "listening" rows (spec §9 #13); else only the others.
    pub listening: bool,
    /// `-o`: the timer column.
    pub timers: bool,
    /// `-e` twice: the User and Inode columns.
    pub extended: bool,
    /// The user's filter, if any: it removes rows from what net-tools' rule
    /// lists.
    pub filter: Option<&'a Filter>,
    /// The owner walk the filter's process conditions look at.
    pub owners: Option<&'a Owners>,
}

impl<'a> Query<'a> {
    pub fn from_options(o: &'a Options) -> Self {
        Query {
            all: o.all,
            listening: o.listening,
            timers: o.timers,
            extended: o.extended(),
            filter: o.filter.as_ref(),
            owners: None,
        }
    }

    /// net-tools' row filter, then the user's.
    pub fn shows(&self, row: &InetSocket) -> bool {
        self.lists(row) && self.matches(row)
    }

    /// net-tools' row filter (`-l`, `-a`).
    fn lists(&self, row: &InetSocket) -> bool {
        self.all || row.is_listening() == self.listening
    }

    /// The user's filter.
    fn matches(&self, row: &InetSocket) -> bool {
        self.filter
            .is_none_or(|filter| filter.matches_inet(row, self.owners.map(|o| o as &dyn OwnerOf)))
    }

    /// The sock_diag request for a table: the states the listing and the
    /// filter may show, and the filter's ports and addresses as bytecode
    /// (with `-l`, TCP's "remote port 0" test too).
    fn request(&self, proto: InetProto, ipv6: bool) -> InetRequest {
        let tcp = proto.is_tcp();
        let listing = if tcp && !self.all && !self.listening {
            sock_diag::ALL_STATES & !(1 << sock_diag::TCP_LISTEN)
        } else {
            sock_diag::ALL_STATES
        };
        let filter = self.filter.cloned().unwrap_or_default();
        let mut states = listing & filter.state_mask();
        // Request sockets are dumped under their own state number.
        if states & (1 << TCP_SYN_RECV) != 0 {
            states |= listing & (1 << sock_diag::TCP_NEW_SYN_RECV);
        }
        InetRequest {
            family: if ipv6 { libc::AF_INET6 } else { libc::AF_INET } as u8,
            protocol: match proto {
                InetProto::Tcp => libc::IPPROTO_TCP as u16,
                InetProto::Udp => libc::IPPROTO_UDP as u16,
                InetProto::UdpLite | InetProto::Raw => libc::IPPROTO_UDPLITE as u16,
                InetProto::Mptcp => sock_diag::IPPROTO_MPTCP,
            },
            states,
            bytecode: filter.bytecode(
                tcp && !self.all && self.listening,
                self.owners
                    .filter(|_| filter.only_pids().is_some())
                    .and_then(Owners::held_ports),
            ),
            sport: filter.only_local_port().unwrap_or(0),
            dport: filter.only_remote_port().unwrap_or(0),
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
    /// The kernel refused with `NETSTAT_SOURCE=netlink`, or failed once rows
    /// were handed over: the message says why.
    Netlink(String),
}

/// What a streamed table hands over, in kernel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// A row the query shows.
    Row(&'a InetSocket),
    /// A `/proc` line that did not scan (the caller warns).
    Bogus,
}

/// The rows of one table that the listing shows, in kernel order, collected.
#[derive(Debug)]
pub struct InetTable {
    rows: Rows,
    /// How many `/proc` lines did not scan.
    pub bogus_lines: usize,
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
    let listener = proto.is_tcp() && m.state == sock_diag::TCP_LISTEN;
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

/// How often a dump flagged interrupted is started again by the collecting
/// reader (never needed by the kernels we know; see the module notes).
const ATTEMPTS: usize = 4;

/// A dump that gave no table.
struct Refused {
    message: String,
    /// Rows were handed over before the failure: no fallback is possible.
    rows_given: bool,
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

    /// Hand every row of one table (`ipv6` picks the `tcp6`-style file) that
    /// `query` shows to `each`, as soon as it is read; nothing is kept.
    pub fn each_inet(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
        each: &mut dyn FnMut(Item<'_>),
    ) -> Result<(), SourceError> {
        let file = open_proc_first(proto, ipv6)?;
        if self.netlink_serves(proto, query) {
            let served = if needs_whole_dump(proto, query) {
                self.collect_dump(proto, ipv6, query).map(|answers| {
                    answers.map(|answers| {
                        for m in &answers {
                            each(Item::Row(&diag_row(proto, ipv6, m)));
                        }
                    })
                })
            } else {
                self.stream_dump(proto, ipv6, query, each).map(Some)
            };
            match served {
                Ok(Some(())) => return Ok(()),
                Ok(None) => {}
                Err(refused) => self.fall_back(refused)?,
            }
        }
        let mut file = opened_or_open(file, proto, ipv6)?;
        read_proc(&mut file, proto, ipv6, query, each).map_err(SourceError::Proc)
    }

    /// The rows of one table that `query` shows, collected.
    pub fn inet(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
    ) -> Result<InetTable, SourceError> {
        let file = open_proc_first(proto, ipv6)?;
        if self.netlink_serves(proto, query) {
            match self.collect_dump(proto, ipv6, query) {
                Ok(Some(answers)) => {
                    return Ok(InetTable {
                        rows: Rows::Diag {
                            proto,
                            ipv6,
                            answers,
                        },
                        bogus_lines: 0,
                    });
                }
                Ok(None) => {}
                Err(refused) => self.fall_back(refused)?,
            }
        }
        let mut file = opened_or_open(file, proto, ipv6)?;
        let mut rows = Vec::new();
        let mut bogus_lines = 0;
        read_proc(&mut file, proto, ipv6, query, &mut |item| match item {
            Item::Row(row) => rows.push(row.clone()),
            Item::Bogus => bogus_lines += 1,
        })
        .map_err(SourceError::Proc)?;
        Ok(InetTable {
            rows: Rows::Proc(rows),
            bogus_lines,
        })
    }

    /// Whether netlink can give exactly the rows `/proc` would for this table.
    fn netlink_serves(&self, proto: InetProto, query: &Query) -> bool {
        self.preference != Preference::Proc
            && match proto {
                InetProto::Tcp => !query.timers,
                InetProto::Mptcp => true,
                InetProto::Udp | InetProto::UdpLite => true,
                InetProto::Raw => false,
            }
    }

    /// After a refused dump: `Ok` to read `/proc` instead, or the error.
    fn fall_back(&self, refused: Refused) -> Result<(), SourceError> {
        if refused.rows_given || self.preference == Preference::Netlink {
            Err(SourceError::Netlink(refused.message))
        } else {
            Ok(())
        }
    }

    fn socket(&mut self) -> Result<&mut NetlinkSocket, Refused> {
        match self
            .netlink
            .get_or_insert_with(|| NetlinkSocket::open(NETLINK_SOCK_DIAG, 0))
        {
            Ok(socket) => Ok(socket),
            Err(e) => Err(Refused {
                message: format!("netstat: sock_diag: {e}"),
                rows_given: false,
            }),
        }
    }

    /// Dump a table, handing each shown row to `each` as it is decoded.
    fn stream_dump(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
        each: &mut dyn FnMut(Item<'_>),
    ) -> Result<(), Refused> {
        let request = query.request(proto, ipv6);
        let mut rows_given = false;
        let result = sock_diag::dump_inet(self.socket()?, &request, |m| {
            let row = diag_row(proto, ipv6, m);
            if query.shows(&row) {
                rows_given = true;
                each(Item::Row(&row));
            }
        });
        match result {
            // Never set for these dumps; it would mean no more than `/proc`
            // read at the same moment does (see the module notes).
            Ok(()) | Err(DiagError::Interrupted) => Ok(()),
            Err(e) => Err(Refused {
                message: diag_message(proto, ipv6, &e),
                rows_given,
            }),
        }
    }

    /// Dump a table whole, again while the kernel flags it interrupted.
    /// `Ok(None)`: the dump worked but `/proc` must serve this table anyway.
    fn collect_dump(
        &mut self,
        proto: InetProto,
        ipv6: bool,
        query: &Query,
    ) -> Result<Option<Vec<InetDiagMsg>>, Refused> {
        let request = query.request(proto, ipv6);
        let socket = self.socket()?;
        let mut answers = Vec::new();
        let mut syn_recv = false;
        let mut outcome = Err(DiagError::Interrupted);
        for _ in 0..ATTEMPTS {
            answers.clear();
            syn_recv = false;
            outcome = sock_diag::dump_inet(socket, &request, |m| {
                let row = diag_row(proto, ipv6, m);
                if query.lists(&row) {
                    // Before the user's filter, which may test the uid.
                    syn_recv |= m.state == TCP_SYN_RECV;
                    if query.matches(&row) {
                        answers.push(*m);
                    }
                }
            });
            if !matches!(outcome, Err(DiagError::Interrupted)) {
                break;
            }
        }
        if let Err(e) = outcome {
            return Err(Refused {
                message: diag_message(proto, ipv6, &e),
                rows_given: false,
            });
        }
        // The uid of a request socket differs between the sources (-e, uid
        // filters).
        if needs_whole_dump(proto, query) && syn_recv {
            return Ok(None);
        }
        answers.shrink_to_fit();
        Ok(Some(answers))
    }
}

/// `-e` or a uid filter with TCP: a dump holding a SYN_RECV request socket is
/// thrown away for `/proc` (the sources disagree on its uid), so it must be
/// seen whole before its first row is printed.
fn needs_whole_dump(proto: InetProto, query: &Query) -> bool {
    proto == InetProto::Tcp && (query.extended || query.filter.is_some_and(Filter::tests_uid))
}

fn diag_message(proto: InetProto, ipv6: bool, e: &DiagError) -> String {
    let table = format!("{}{}", proto.name(), if ipv6 { "6" } else { "" });
    match e {
        DiagError::Unavailable(e) => format!("netstat: sock_diag ({table}): {e}"),
        DiagError::Interrupted => {
            format!("netstat: sock_diag ({table}): the table kept changing during the dump")
        }
        DiagError::Malformed => format!("netstat: sock_diag ({table}): malformed answer"),
    }
}

/// Open a table's `/proc` file before the dump, so that a missing file means
/// "no support" whichever source serves. MPTCP has no file: it is tried (and
/// found missing) only when sock_diag refuses.
fn open_proc_first(proto: InetProto, ipv6: bool) -> Result<Option<std::fs::File>, SourceError> {
    match proto {
        InetProto::Mptcp => Ok(None),
        _ => open_proc(proto, ipv6).map(Some),
    }
}

fn opened_or_open(
    file: Option<std::fs::File>,
    proto: InetProto,
    ipv6: bool,
) -> Result<std::fs::File, SourceError> {
    file.map_or_else(|| open_proc(proto, ipv6), Ok)
}

/// Open a table's `/proc` file.
fn open_proc(proto: InetProto, ipv6: bool) -> Result<std::fs::File, SourceError> {
    let (v4_path, v6_path) = proc::inet::paths(proto);
    proc::open(if ipv6 { v6_path } else { v4_path }).map_err(SourceError::Proc)
}

/// Read an opened `/proc` table line by line, handing over the rows `query`
/// shows and the lines that do not scan.
fn read_proc(
    file: &mut std::fs::File,
    proto: InetProto,
    ipv6: bool,
    query: &Query,
    each: &mut dyn FnMut(Item<'_>),
) -> Result<(), ReadError> {
    let mut header = true;
    let mut parser = proc::inet::LineParser::new(proto, ipv6);
    proc::for_each_line(file, |line| {
        if std::mem::take(&mut header) {
            return;
        }
        match parser.parse(line) {
            Some(row) if query.shows(row) => each(Item::Row(row)),
            Some(_) => {}
            None => each(Item::Bogus),
        }
    })
    .map_err(ReadError::Read)
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
        assert!(plain.bytecode.is_empty());
        let listening = Query {
            listening: true,
            ..Query::default()
        };
        let r = listening.request(InetProto::Tcp, true);
        assert_eq!(r.bytecode, [12, 8, 12, 0, 0, 0, 0, 0]);
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
        assert!(all.request(InetProto::Tcp, false).bytecode.is_empty());
        let udp = listening.request(InetProto::UdpLite, false);
        assert_eq!(udp.protocol, libc::IPPROTO_UDPLITE as u16);
        assert!(udp.bytecode.is_empty(), "UDP's -l test is the address");
    }

    #[test]
    fn requests_carry_the_filters_states_and_bytecode() {
        let filter = |text: &str| {
            crate::filter::Filter::default()
                .and(crate::filter::Filter::expression(text.as_bytes()).unwrap())
                .unwrap()
        };
        let established = filter("state established sport = :80");
        let query = Query {
            all: true,
            filter: Some(&established),
            ..Query::default()
        };
        let r = query.request(InetProto::Tcp, false);
        assert_eq!(r.states, 1 << 1);
        // S_EQ, yes: next op, no: reject; then the port.
        let mut expected = vec![11, 8];
        expected.extend_from_slice(&12u16.to_ne_bytes());
        expected.extend_from_slice(&[0, 0]);
        expected.extend_from_slice(&80u16.to_ne_bytes());
        assert_eq!(r.bytecode, expected);
        let syn_recv = filter("state syn-recv");
        let r = Query {
            all: true,
            filter: Some(&syn_recv),
            ..Query::default()
        }
        .request(InetProto::Tcp, false);
        assert_eq!(r.states, 1 << 3 | 1 << sock_diag::TCP_NEW_SYN_RECV);
        assert!(r.bytecode.is_empty());
        // Without -a the listing never shows listeners, whatever the filter says.
        let listen = filter("( state listening or sport = :1 )");
        let r = Query {
            filter: Some(&listen),
            ..Query::default()
        }
        .request(InetProto::Tcp, false);
        assert_eq!(r.states & (1 << sock_diag::TCP_LISTEN), 0);
        // -l joins its remote-port test to the filter's.
        let r = Query {
            listening: true,
            filter: Some(&established),
            ..Query::default()
        }
        .request(InetProto::Tcp, false);
        assert_eq!(r.bytecode[..2], [12, 8]);
        assert_eq!(r.bytecode[2..4], 20u16.to_ne_bytes());
    }

    #[test]
    fn a_refused_dump_falls_back_only_before_the_first_row() {
        let refused = |rows_given| Refused {
            message: "netstat: sock_diag (tcp): malformed answer".to_string(),
            rows_given,
        };
        let auto = Sockets::new(Preference::Auto);
        assert!(auto.fall_back(refused(false)).is_ok());
        match auto.fall_back(refused(true)) {
            Err(SourceError::Netlink(message)) => assert!(message.contains("malformed")),
            other => panic!("rows already printed must not be printed again: {other:?}"),
        }
        let netlink = Sockets::new(Preference::Netlink);
        assert!(netlink.fall_back(refused(false)).is_err());
    }

    #[test]
    fn only_tcp_with_extended_columns_waits_for_the_whole_dump() {
        let extended = Query {
            extended: true,
            ..Query::default()
        };
        assert!(needs_whole_dump(InetProto::Tcp, &extended));
        assert!(!needs_whole_dump(InetProto::Udp, &extended));
        assert!(!needs_whole_dump(InetProto::Tcp, &Query::default()));
    }

    #[test]
    fn proc_tables_stream_only_shown_rows_and_bogus_lines() {
        let data = b"header\n   0: 00000000:1770 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1\n   1: 0100007F:1770 0100007F:9C40 01 00000000:00000000 00:00000000 00000000 0 0 2 1\nbogus\n";
        let path = std::env::temp_dir().join(format!("netstat-sockets-{}", std::process::id()));
        std::fs::write(&path, data).unwrap();
        let read = |query: Query| {
            let mut file = std::fs::File::open(&path).unwrap();
            let mut seen = Vec::new();
            read_proc(&mut file, InetProto::Tcp, false, &query, &mut |item| {
                seen.push(match item {
                    Item::Row(row) => Some(row.inode),
                    Item::Bogus => None,
                })
            })
            .unwrap();
            seen
        };
        assert_eq!(read(Query::default()), vec![Some(2), None]);
        let all = Query {
            all: true,
            ..Query::default()
        };
        assert_eq!(read(all), vec![Some(1), Some(2), None]);
        std::fs::remove_file(&path).unwrap();
    }
}
