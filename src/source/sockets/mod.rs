//! The Internet socket tables: each read from NETLINK_SOCK_DIAG when it gives
//! exactly what `/proc` would, from the `/proc/net` file otherwise (the rules
//! are in `choice.rs`). The user never sees which one served.
//!
//! How rows are handed over:
//!
//! * Streaming. [`Sockets::each_inet`] hands every row to its caller as its
//!   netlink message or `/proc` line is decoded, so a listing that prints
//!   rows as they come (numeric hosts) holds one row at a time, whatever the
//!   size of the table. [`Sockets::inet`] collects a table instead, for the
//!   listings that resolve names: they look up every distinct address of a
//!   table at once before printing its first row. A TCP listing with `-e`
//!   also sees its dump whole before the first row (the SYN_RECV rule in `choice.rs`).
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

mod choice;
mod proc_table;
mod query;
mod table;

pub use choice::{Preference, SOURCE_VAR};
pub use query::Query;
pub use table::InetTable;

use super::netlink::sock_diag::{self, DiagError, InetDiagMsg, InetRequest};
use super::netlink::{Attributes, NetlinkSocket};
use super::proc::ReadError;
use crate::filter::Filter;
use crate::model::details::Details;
use crate::model::{InetProto, InetSocket};
use choice::needs_whole_dump;
use proc_table::{open_proc_first, opened_or_open, read_proc};
use query::TCP_SYN_RECV;
use table::{Answers, diag_row};

/// `NETLINK_SOCK_DIAG` from linux/netlink.h.
const NETLINK_SOCK_DIAG: i32 = 4;

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
    /// The kernel refused with `NETSTAT_SOURCE=netlink` or a filter that
    /// needs it, or failed once rows were handed over: the message says why.
    Netlink(String),
    /// The user's filter cannot apply to this table: the message says why.
    Filter(String),
}

/// What a streamed table hands over, in kernel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// A row the query shows, with the extensions the query asked for.
    Row(&'a InetSocket, Extensions<'a>),
    /// A `/proc` line that did not scan (the caller warns).
    Bogus,
}

/// The undecoded extension attributes of one dump answer (what `--info` and
/// `--memory` asked for); none from `/proc`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extensions<'a>(&'a [u8]);

impl<'a> Extensions<'a> {
    pub fn details(self) -> Details<'a> {
        Details::from_attributes(Attributes::new(self.0))
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
    /// The IPv6 answers of a walk over both families, with the request that
    /// the IPv6 table will make for them.
    held_ipv6: Option<(InetRequest, Answers)>,
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
            held_ipv6: None,
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
        self.check_filter(proto, query)?;
        if choice::netlink_serves(self.preference, proto, query) {
            let served = if needs_whole_dump(proto, query) {
                self.collect_dump(proto, ipv6, query).map(|answers| {
                    answers.map(|answers| {
                        for (i, m) in answers.headers.iter().enumerate() {
                            each(Item::Row(&diag_row(proto, ipv6, m), answers.extensions(i)));
                        }
                    })
                })
            } else {
                self.stream_dump(proto, ipv6, query, each).map(Some)
            };
            match served {
                Ok(Some(())) => return Ok(()),
                Ok(None) => {}
                Err(refused) => self.fall_back(refused, query)?,
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
        self.check_filter(proto, query)?;
        if choice::netlink_serves(self.preference, proto, query) {
            match self.collect_dump(proto, ipv6, query) {
                Ok(Some(answers)) => {
                    return Ok(InetTable::from_dump(proto, ipv6, answers));
                }
                Ok(None) => {}
                Err(refused) => self.fall_back(refused, query)?,
            }
        }
        let mut file = opened_or_open(file, proto, ipv6)?;
        let mut rows = Vec::new();
        let mut bogus_lines = 0;
        read_proc(&mut file, proto, ipv6, query, &mut |item| match item {
            Item::Row(row, _) => rows.push(row.clone()),
            Item::Bogus => bogus_lines += 1,
        })
        .map_err(SourceError::Proc)?;
        Ok(InetTable::from_proc(rows, bogus_lines))
    }

    /// `--kill`: close every socket of a collected table (SOCK_DESTROY, one
    /// request each, after the dump ended so that no socket is skipped by a
    /// dump walking a changing table). The table keeps the sockets it closed;
    /// one already gone, or one the kernel cannot close, is dropped (as ss
    /// does). A refusal (no CAP_NET_ADMIN) stops at the first socket it hits,
    /// with the table holding the sockets closed before it; a kernel without
    /// INET_DIAG_DESTROY refuses every socket, which is said as such. A table `/proc` served
    /// cannot be closed: an error, and the table is emptied.
    pub fn close(&mut self, table: &mut InetTable) -> Result<(), SourceError> {
        let Some((proto, answers)) = table.answers_mut() else {
            // Nothing was closed: nothing is listed.
            *table = InetTable::from_proc(Vec::new(), 0);
            return Err(SourceError::Netlink(
                "netstat: --kill: sockets are closed through the kernel's socket dump (sock_diag), which did not serve this table (not with -o or NETSTAT_SOURCE=proc)".to_string(),
            ));
        };
        let socket = self
            .socket()
            .map_err(|e| SourceError::Netlink(format!("netstat: sock_diag: {e}")))?;
        // --kill lists TCP only, whose number fits the request's byte.
        let protocol = proto.ip_protocol() as u8;
        let mut failure = None;
        let mut unsupported = false;
        answers.retain(|m| {
            if failure.is_some() {
                return false;
            }
            match sock_diag::destroy(socket, protocol, m).map_err(|e| e.raw_os_error()) {
                Ok(()) => true,
                // Closed meanwhile by its owner.
                Err(Some(libc::ENOENT)) => false,
                // This socket cannot be closed (as ss, skipped); when none
                // can, the kernel cannot close sockets at all.
                Err(Some(libc::EOPNOTSUPP)) => {
                    unsupported = true;
                    false
                }
                Err(errno) => {
                    failure = Some(kill_message(errno));
                    false
                }
            }
        });
        if failure.is_none() && unsupported && answers.headers.is_empty() {
            failure = Some(kill_message(Some(libc::EOPNOTSUPP)));
        }
        failure.map_or(Ok(()), |message| Err(SourceError::Netlink(message)))
    }

    /// Why the user's filter cannot apply to `proto`'s table here (it
    /// tests what `/proc` does not carry, and `/proc` would serve), if so:
    /// a listing asks before it prints anything.
    pub fn refuses_filter(&self, proto: InetProto, query: &Query) -> Option<String> {
        choice::proc_cannot_filter(self.preference, proto, query)
    }

    /// A filter this table cannot apply is an error, never a silent
    /// difference between the sources. The caller gives the filter with
    /// its device names already turned into indexes of the namespace the
    /// table is read in (`Filter::with_interface_indexes`, once per pass).
    fn check_filter(&self, proto: InetProto, query: &Query) -> Result<(), SourceError> {
        match self.refuses_filter(proto, query) {
            Some(why) => Err(SourceError::Filter(why)),
            None => Ok(()),
        }
    }

    /// After a refused dump: `Ok` to read `/proc` instead, or the error.
    fn fall_back(&self, refused: Refused, query: &Query) -> Result<(), SourceError> {
        if refused.rows_given
            || self.preference == Preference::Netlink
            || query.filter.is_some_and(Filter::needs_sock_diag)
        {
            Err(SourceError::Netlink(refused.message))
        } else {
            Ok(())
        }
    }

    /// The netlink socket, opened on first use.
    fn socket(&mut self) -> std::io::Result<&mut NetlinkSocket> {
        match self
            .netlink
            .get_or_insert_with(|| NetlinkSocket::open(NETLINK_SOCK_DIAG, 0))
        {
            Ok(socket) => Ok(socket),
            Err(e) => Err(std::io::Error::from(e.kind())),
        }
    }

    /// Dump the table of `request`, handing every answer to `each` in kernel
    /// order. A TCP table that the user's filter narrows by port or address
    /// is walked once for both families ([`Query::walks_both_families`]):
    /// the IPv4 answers go to `each`, the IPv6 ones are held, and the IPv6
    /// table is then served from them instead of walking the tables again.
    fn dump(
        &mut self,
        proto: InetProto,
        query: &Query,
        request: &InetRequest,
        each: &mut dyn FnMut(&InetDiagMsg, &[u8]),
    ) -> Result<(), DiagError> {
        match self.held_ipv6.take() {
            Some((held, answers)) if held == *request => {
                for (i, m) in answers.headers.iter().enumerate() {
                    each(m, answers.extensions(i).0);
                }
                return Ok(());
            }
            _ => {}
        }
        let socket = self.socket().map_err(DiagError::Unavailable)?;
        if request.family == libc::AF_INET as u8 && query.walks_both_families(proto) {
            let mut ipv6 = Answers::default();
            let mut handed = false;
            let outcome = sock_diag::dump_tcp_both_families(socket, request, |m, extensions| {
                if m.family == libc::AF_INET6 as u8 {
                    ipv6.push(m, extensions);
                } else {
                    handed = true;
                    each(m, extensions);
                }
            });
            // A kernel without the first inet_diag interface still has the
            // per-family one.
            if handed || !matches!(outcome, Err(DiagError::Unavailable(_))) {
                let held = InetRequest {
                    family: libc::AF_INET6 as u8,
                    ..request.clone()
                };
                self.held_ipv6 = Some((held, ipv6));
                return outcome;
            }
        }
        sock_diag::dump_inet(socket, request, each)
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
        let result = self.dump(proto, query, &request, &mut |m, extensions| {
            let row = diag_row(proto, ipv6, m);
            if query.shows(&row) {
                rows_given = true;
                each(Item::Row(&row, Extensions(extensions)));
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
    ) -> Result<Option<Answers>, Refused> {
        let request = query.request(proto, ipv6);
        let mut answers = Answers::default();
        let mut syn_recv = false;
        let mut outcome = Err(DiagError::Interrupted);
        for _ in 0..ATTEMPTS {
            answers.clear();
            syn_recv = false;
            outcome = self.dump(proto, query, &request, &mut |m, extensions| {
                let row = diag_row(proto, ipv6, m);
                if query.lists(&row) {
                    // Before the user's filter, which may test the uid.
                    syn_recv |= m.state == TCP_SYN_RECV;
                    if query.matches(&row) {
                        answers.push(m, extensions);
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

/// Why SOCK_DESTROY failed, from its errno (`None`: no errno, a socket error).
fn kill_message(errno: Option<i32>) -> String {
    let e = errno.map_or_else(
        || std::io::Error::other("no answer"),
        std::io::Error::from_raw_os_error,
    );
    match errno {
        Some(libc::EPERM | libc::EACCES) => {
            format!("netstat: --kill: closing sockets needs CAP_NET_ADMIN ({e})")
        }
        Some(libc::EOPNOTSUPP) => {
            "netstat: --kill: not supported: this kernel cannot close sockets (built without CONFIG_INET_DIAG_DESTROY)".to_string()
        }
        _ => format!("netstat: --kill: SOCK_DESTROY: {e}"),
    }
}

fn diag_message(proto: InetProto, ipv6: bool, e: &DiagError) -> String {
    e.message(&format!("{}{}", proto.name(), if ipv6 { "6" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_errors_say_what_is_missing() {
        assert!(kill_message(Some(libc::EPERM)).contains("needs CAP_NET_ADMIN"));
        assert!(kill_message(Some(libc::EOPNOTSUPP)).contains("not supported"));
        assert!(kill_message(Some(libc::EIO)).contains("SOCK_DESTROY"));
        assert!(kill_message(None).contains("SOCK_DESTROY"));
    }

    #[test]
    fn a_refused_dump_falls_back_only_before_the_first_row() {
        let refused = |rows_given| Refused {
            message: "netstat: sock_diag (tcp): malformed answer".to_string(),
            rows_given,
        };
        let auto = Sockets::new(Preference::Auto);
        let plain = Query::default();
        assert!(auto.fall_back(refused(false), &plain).is_ok());
        match auto.fall_back(refused(true), &plain) {
            Err(SourceError::Netlink(message)) => assert!(message.contains("malformed")),
            other => panic!("rows already printed must not be printed again: {other:?}"),
        }
        let netlink = Sockets::new(Preference::Netlink);
        assert!(netlink.fall_back(refused(false), &plain).is_err());
        // A filter on what only sock_diag reports never falls back.
        let dev = crate::filter::Filter::default()
            .and(crate::filter::Filter::expression(b"dev = 1").unwrap())
            .unwrap();
        let needs_diag = Query {
            filter: Some(&dev),
            ..Query::default()
        };
        assert!(auto.fall_back(refused(false), &needs_diag).is_err());
    }
}
