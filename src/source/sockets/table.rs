//! A collected table: compact dump answers or `/proc` rows, and the row
//! `/proc` would give for a dump answer.

use super::Served;
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
        answers: Vec<InetDiagMsg>,
    },
    Proc(Vec<InetSocket>),
}

impl InetTable {
    pub(super) fn from_dump(proto: InetProto, ipv6: bool, answers: Vec<InetDiagMsg>) -> Self {
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
pub(super) fn diag_row(proto: InetProto, ipv6: bool, m: &InetDiagMsg) -> InetSocket {
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
}
