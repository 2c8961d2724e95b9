//! A collected table: compact dump answers or `/proc` rows, and the row
//! `/proc` would give for a dump answer.

use super::{Extensions, Served};
use crate::model::{InetProto, InetSocket};
use crate::source::netlink::sock_diag::{self, InetDiagMsg};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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
        answers: Answers,
    },
    Proc(Vec<InetSocket>),
}

/// Dump answers in order, with their extension attributes (`--info`,
/// `--memory`) packed into one buffer: no allocation per socket, and none at
/// all when no extension was asked for.
#[derive(Debug, Default)]
pub(super) struct Answers {
    pub(super) headers: Vec<InetDiagMsg>,
    extensions: Vec<u8>,
    /// Where answer i's extensions end in `extensions` (empty when none was
    /// asked for).
    ends: Vec<u32>,
}

impl Answers {
    pub(super) fn push(&mut self, m: &InetDiagMsg, extensions: &[u8]) {
        self.headers.push(*m);
        if !extensions.is_empty() || !self.ends.is_empty() {
            // The first answer with extensions: the ones before had none.
            self.ends.resize(self.headers.len() - 1, 0);
            self.extensions.extend_from_slice(extensions);
            // Past 4 GiB of extensions the last end repeats (none kept).
            let end = u32::try_from(self.extensions.len()).unwrap_or(u32::MAX);
            self.ends.push(end);
        }
    }

    pub(super) fn clear(&mut self) {
        self.headers.clear();
        self.extensions.clear();
        self.ends.clear();
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.headers.shrink_to_fit();
        self.extensions.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Keep the answers `keep` says yes to, with their extensions.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&InetDiagMsg) -> bool) {
        let old = std::mem::take(self);
        for i in 0..old.headers.len() {
            if keep(&old.headers[i]) {
                self.push(&old.headers[i], old.extensions(i).0);
            }
        }
    }

    pub(super) fn extensions(&self, i: usize) -> Extensions<'_> {
        let Some(&end) = self.ends.get(i) else {
            return Extensions::default();
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Extensions(&self.extensions[start as usize..end as usize])
    }
}

impl InetTable {
    pub(super) fn from_dump(proto: InetProto, ipv6: bool, answers: Answers) -> Self {
        InetTable {
            rows: Rows::Diag {
                proto,
                ipv6,
                answers,
            },
            bogus_lines: 0,
        }
    }

    pub(super) fn from_proc(rows: Vec<InetSocket>, bogus_lines: usize) -> Self {
        InetTable {
            rows: Rows::Proc(rows),
            bogus_lines,
        }
    }

    pub fn len(&self) -> usize {
        match &self.rows {
            Rows::Diag { answers, .. } => answers.headers.len(),
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
            } => diag_row(*proto, *ipv6, &answers.headers[i]),
            Rows::Proc(rows) => rows[i].clone(),
        }
    }

    /// The extensions of row `i` (none from `/proc`).
    pub fn extensions(&self, i: usize) -> Extensions<'_> {
        match &self.rows {
            Rows::Diag { answers, .. } => answers.extensions(i),
            Rows::Proc(_) => Extensions::default(),
        }
    }

    /// The dump answers and their protocol, when the dump served.
    pub(super) fn answers_mut(&mut self) -> Option<(InetProto, &mut Answers)> {
        match &mut self.rows {
            Rows::Diag { proto, answers, .. } => Some((*proto, answers)),
            Rows::Proc(_) => None,
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
pub(super) fn diag_row(proto: InetProto, ipv6: bool, m: &InetDiagMsg) -> InetSocket {
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
            interface: 0,
            cookie: [0; 8],
            expires: 0,
            rqueue: 3,
            wqueue: 128,
            uid: 4_294_967_294,
            inode: 77,
        }
    }

    #[test]
    fn extensions_stay_with_their_answers() {
        let mut answers = Answers::default();
        answers.push(&answer(1, 1, [0; 4]), &[]);
        assert!(answers.ends.is_empty(), "nothing kept without extensions");
        answers.push(&answer(1, 2, [0; 4]), &[1, 2]);
        answers.push(&answer(1, 3, [0; 4]), &[3]);
        assert_eq!(answers.extensions(0), Extensions(&[]));
        assert_eq!(answers.extensions(1), Extensions(&[1, 2]));
        assert_eq!(answers.extensions(2), Extensions(&[3]));
        answers.retain(|m| m.dport != 2);
        assert_eq!(answers.headers.len(), 2);
        assert_eq!(answers.extensions(1), Extensions(&[3]));
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
}
