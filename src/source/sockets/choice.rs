//! Which source serves an Internet socket table: NETLINK_SOCK_DIAG when it gives
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

use super::query::Query;
use crate::filter::Filter;
use crate::model::InetProto;
use crate::source::proc;

/// The environment variable that picks the source: `netlink`, `proc` or `auto`.
pub const SOURCE_VAR: &str = "NETSTAT_SOURCE";

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

/// Whether netlink can give exactly the rows `/proc` would for this table.
pub(super) fn netlink_serves(preference: Preference, proto: InetProto, query: &Query) -> bool {
    preference != Preference::Proc
        && match proto {
            InetProto::Tcp => !query.timers,
            InetProto::Udp | InetProto::UdpLite => true,
            InetProto::Raw => false,
        }
}

/// `-e` or a uid filter with TCP: a dump holding a SYN_RECV request socket is
/// thrown away for `/proc` (the sources disagree on its uid), so it must be
/// seen whole before its first row is printed.
pub(super) fn needs_whole_dump(proto: InetProto, query: &Query) -> bool {
    proto == InetProto::Tcp && (query.extended || query.filter.is_some_and(Filter::tests_uid))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
