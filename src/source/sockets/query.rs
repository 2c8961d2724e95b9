//! Which rows a listing shows, and the sock_diag request that asks the
//! kernel for no more than those.

use crate::cli::Options;
use crate::filter::{Filter, OwnerOf};
use crate::model::{InetProto, InetSocket};
use crate::source::netlink::sock_diag::{self, InetRequest};
use crate::source::owners::Owners;

/// The SYN_RECV state number.
pub(super) const TCP_SYN_RECV: u8 = 3;

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
    /// The sock_diag extensions to ask for (`--info`, `--memory`).
    pub extensions: u8,
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
            extensions: o.extensions(),
        }
    }

    /// net-tools' row filter, then the user's.
    pub fn shows(&self, row: &InetSocket) -> bool {
        self.lists(row) && self.matches(row)
    }

    /// net-tools' row filter (`-l`, `-a`).
    pub(super) fn lists(&self, row: &InetSocket) -> bool {
        self.all || row.is_listening() == self.listening
    }

    /// The user's filter.
    pub(super) fn matches(&self, row: &InetSocket) -> bool {
        self.filter
            .is_none_or(|filter| filter.matches_inet(row, self.owners.map(|o| o as &dyn OwnerOf)))
    }

    /// The sock_diag request for a table: the states the listing and the
    /// filter may show, and the filter's ports and addresses as bytecode
    /// (with `-l`, TCP's "remote port 0" test too).
    pub(super) fn request(&self, proto: InetProto, ipv6: bool) -> InetRequest {
        let tcp = proto == InetProto::Tcp;
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
            protocol: proto.ip_protocol(),
            states,
            bytecode: filter.bytecode(tcp && !self.all && self.listening, self.held_ports(&filter)),
            sport: filter.only_local_port().unwrap_or(0),
            dport: filter.only_remote_port().unwrap_or(0),
            extensions: self.extensions,
        }
    }

    /// The local ports of the processes a `pid` filter names, when known.
    fn held_ports(&self, filter: &Filter) -> Option<&'a [u16]> {
        self.owners
            .filter(|_| filter.only_pids().is_some())
            .and_then(Owners::held_ports)
    }

    /// Whether a TCP table is walked once for both families: when the
    /// user's filter narrows it by port or address in the kernel. The walk
    /// over the kernel's tables is then most of the cost, and one walk
    /// (TCPDIAG_GETSOCK asks for every family) costs half of the two
    /// per-family ones; the IPv6 rows, few by then, are held until their
    /// table is printed. Unfiltered tables keep a walk per family, so they
    /// stream in constant memory.
    pub(super) fn walks_both_families(&self, proto: InetProto) -> bool {
        proto == InetProto::Tcp
            && self.filter.is_some_and(|filter| {
                filter.only_local_port().is_some()
                    || filter.only_remote_port().is_some()
                    || !filter.bytecode(false, self.held_ports(filter)).is_empty()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(udp.protocol, libc::IPPROTO_UDPLITE as u8);
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
}
