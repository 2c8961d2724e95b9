//! ctnetlink: dump the connection-tracking table (`NETLINK_NETFILTER`,
//! `IPCTNL_MSG_CT_GET` with `NLM_F_DUMP`) and decode each entry.
//!
//! Every entry is `struct nfgenmsg` followed by attributes; the ones used here
//! are the two tuples (nested: addresses, protocol and ports), the status
//! bits, the seconds left and the sequence adjustment of the original
//! direction. Numbers inside ctnetlink attributes are big-endian.

use super::socket::{be16, be32, ip_address};
use super::{Attributes, DumpError, NetlinkSocket};
use crate::model::masquerade::{
    IPPROTO_ICMP, IPPROTO_ICMPV6, Ports, SeqAdjust, TrackedConnection, Tuple,
};
use std::io;

const NETLINK_NETFILTER: i32 = 12;
const NFNL_SUBSYS_CTNETLINK: u16 = 1;
const IPCTNL_MSG_CT_GET: u16 = 1;
const NFNETLINK_V0: u8 = 0;
/// `struct nfgenmsg`: family, version, resource id.
const NFGENMSG_LEN: usize = 4;

const CTA_TUPLE_ORIG: u16 = 1;
const CTA_TUPLE_REPLY: u16 = 2;
const CTA_STATUS: u16 = 3;
const CTA_TIMEOUT: u16 = 7;
const CTA_SEQ_ADJ_ORIG: u16 = 15;

const CTA_TUPLE_IP: u16 = 1;
const CTA_TUPLE_PROTO: u16 = 2;

const CTA_IP_V4_SRC: u16 = 1;
const CTA_IP_V4_DST: u16 = 2;
const CTA_IP_V6_SRC: u16 = 3;
const CTA_IP_V6_DST: u16 = 4;

const CTA_PROTO_NUM: u16 = 1;
const CTA_PROTO_SRC_PORT: u16 = 2;
const CTA_PROTO_DST_PORT: u16 = 3;
const CTA_PROTO_ICMP_ID: u16 = 4;
const CTA_PROTO_ICMPV6_ID: u16 = 7;

const CTA_SEQADJ_CORRECTION_POS: u16 = 1;
const CTA_SEQADJ_OFFSET_BEFORE: u16 = 2;
const CTA_SEQADJ_OFFSET_AFTER: u16 = 3;

/// How often a dump the kernel marks inconsistent is retried before its
/// (possibly incomplete) answer is used.
const DUMP_ATTEMPTS: usize = 3;

/// An open ctnetlink socket.
pub struct Conntrack {
    socket: NetlinkSocket,
}

impl Conntrack {
    pub fn open() -> io::Result<Self> {
        Ok(Conntrack {
            socket: NetlinkSocket::open(NETLINK_NETFILTER, 0)?,
        })
    }

    /// Every tracked connection of one address family (`AF_INET`, `AF_INET6`).
    /// Entries that cannot be decoded are left out.
    pub fn dump(&mut self, family: u8) -> io::Result<Vec<TrackedConnection>> {
        let request = [family, NFNETLINK_V0, 0, 0];
        let kind = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
        let mut connections = Vec::new();
        for attempt in 1..=DUMP_ATTEMPTS {
            connections.clear();
            let result = self.socket.dump(kind, &request, |message| {
                connections.extend(decode(message.payload));
            });
            match result {
                Ok(()) => break,
                Err(DumpError::Interrupted) if attempt < DUMP_ATTEMPTS => {}
                Err(DumpError::Interrupted) => break,
                Err(DumpError::Io(e)) => return Err(e),
            }
        }
        Ok(connections)
    }
}

/// One `IPCTNL_MSG_CT_NEW` payload; `None` when it lacks either tuple.
pub fn decode(payload: &[u8]) -> Option<TrackedConnection> {
    let attributes = payload.get(NFGENMSG_LEN..)?;
    let mut original = None;
    let mut reply = None;
    let mut status = None;
    let mut timeout = None;
    let mut seq_adjust = None;
    for (kind, value) in Attributes::new(attributes) {
        match kind {
            CTA_TUPLE_ORIG => original = tuple(value),
            CTA_TUPLE_REPLY => reply = tuple(value),
            CTA_STATUS => status = be32(value),
            CTA_TIMEOUT => timeout = be32(value),
            CTA_SEQ_ADJ_ORIG => seq_adjust = Some(seq(value)),
            _ => {}
        }
    }
    Some(TrackedConnection {
        original: original?,
        reply: reply?,
        status,
        timeout,
        seq_adjust,
    })
}

fn tuple(nested: &[u8]) -> Option<Tuple> {
    let mut source = None;
    let mut destination = None;
    let mut protocol = None;
    let mut source_port = 0;
    let mut destination_port = 0;
    let mut icmp_id = None;
    for (kind, value) in Attributes::new(nested) {
        match kind {
            CTA_TUPLE_IP => {
                for (kind, value) in Attributes::new(value) {
                    match kind {
                        CTA_IP_V4_SRC | CTA_IP_V6_SRC => source = ip_address(value),
                        CTA_IP_V4_DST | CTA_IP_V6_DST => destination = ip_address(value),
                        _ => {}
                    }
                }
            }
            CTA_TUPLE_PROTO => {
                for (kind, value) in Attributes::new(value) {
                    match kind {
                        CTA_PROTO_NUM => protocol = value.first().copied(),
                        CTA_PROTO_SRC_PORT => source_port = be16(value)?,
                        CTA_PROTO_DST_PORT => destination_port = be16(value)?,
                        CTA_PROTO_ICMP_ID | CTA_PROTO_ICMPV6_ID => icmp_id = be16(value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let protocol = protocol?;
    let ports = match protocol {
        IPPROTO_ICMP | IPPROTO_ICMPV6 => Ports::Icmp { id: icmp_id? },
        // Port-less protocols carry no port attributes; both stay 0.
        _ if source_port == 0 && destination_port == 0 => Ports::None,
        _ => Ports::Ports {
            source: source_port,
            destination: destination_port,
        },
    };
    Some(Tuple {
        source: source?,
        destination: destination?,
        protocol,
        ports,
    })
}

fn seq(nested: &[u8]) -> SeqAdjust {
    let mut adjust = SeqAdjust::default();
    for (kind, value) in Attributes::new(nested) {
        let Some(number) = be32(value) else {
            continue;
        };
        match kind {
            CTA_SEQADJ_CORRECTION_POS => adjust.correction_pos = number,
            CTA_SEQADJ_OFFSET_BEFORE => adjust.offset_before = number as i32,
            CTA_SEQADJ_OFFSET_AFTER => adjust.offset_after = number as i32,
            _ => {}
        }
    }
    adjust
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::masquerade::{IPPROTO_TCP, IPS_SRC_NAT};
    use std::net::{IpAddr, Ipv4Addr};

    use super::super::socket::encode_attribute as attr;

    fn nested(kind: u16, parts: &[Vec<u8>]) -> Vec<u8> {
        attr(kind | 0x8000, &parts.concat())
    }

    fn tuple_attr(kind: u16, src: [u8; 4], dst: [u8; 4], proto: &[Vec<u8>]) -> Vec<u8> {
        nested(
            kind,
            &[
                nested(
                    CTA_TUPLE_IP,
                    &[attr(CTA_IP_V4_SRC, &src), attr(CTA_IP_V4_DST, &dst)],
                ),
                nested(CTA_TUPLE_PROTO, proto),
            ],
        )
    }

    fn tcp_ports(s: u16, d: u16) -> Vec<Vec<u8>> {
        vec![
            attr(CTA_PROTO_NUM, &[IPPROTO_TCP]),
            attr(CTA_PROTO_SRC_PORT, &s.to_be_bytes()),
            attr(CTA_PROTO_DST_PORT, &d.to_be_bytes()),
        ]
    }

    fn message() -> Vec<u8> {
        let mut m = vec![2, 0, 0, 0];
        m.extend(tuple_attr(
            CTA_TUPLE_ORIG,
            [10, 0, 1, 2],
            [10, 0, 2, 2],
            &tcp_ports(40000, 21),
        ));
        m.extend(tuple_attr(
            CTA_TUPLE_REPLY,
            [10, 0, 2, 2],
            [10, 0, 2, 1],
            &tcp_ports(21, 40001),
        ));
        m.extend(attr(CTA_STATUS, &(IPS_SRC_NAT | 0x8e).to_be_bytes()));
        m.extend(attr(CTA_TIMEOUT, &300u32.to_be_bytes()));
        m.extend(nested(
            CTA_SEQ_ADJ_ORIG,
            &[
                attr(CTA_SEQADJ_CORRECTION_POS, &123456u32.to_be_bytes()),
                attr(CTA_SEQADJ_OFFSET_BEFORE, &(-2i32).to_be_bytes()),
                attr(CTA_SEQADJ_OFFSET_AFTER, &5i32.to_be_bytes()),
            ],
        ));
        m
    }

    #[test]
    fn decodes_a_masqueraded_tcp_entry() {
        let c = decode(&message()).unwrap();
        assert_eq!(c.timeout, Some(300));
        assert_eq!(c.original.source, IpAddr::V4(Ipv4Addr::new(10, 0, 1, 2)));
        let m = c.masquerade().unwrap();
        assert_eq!(
            (m.source_port, m.destination_port, m.masq_port),
            (40000, 21, 40001)
        );
        assert_eq!((m.initseq, m.delta, m.prev_delta), (123456, 5, Some(-2)));
        assert_eq!(m.expires, 30000);
    }

    #[test]
    fn icmp_and_portless_tuples() {
        let icmp = [
            attr(CTA_PROTO_NUM, &[IPPROTO_ICMP]),
            attr(CTA_PROTO_ICMP_ID, &77u16.to_be_bytes()),
        ];
        let t = tuple(&tuple_attr(0, [1, 1, 1, 1], [2, 2, 2, 2], &icmp)[4..]).unwrap();
        assert_eq!(t.ports, Ports::Icmp { id: 77 });
        let esp = [attr(CTA_PROTO_NUM, &[50])];
        let t = tuple(&tuple_attr(0, [1, 1, 1, 1], [2, 2, 2, 2], &esp)[4..]).unwrap();
        assert_eq!(t.ports, Ports::None);
    }

    #[test]
    fn truncated_messages_never_panic() {
        let m = message();
        for cut in 0..m.len() {
            let _ = decode(&m[..cut]);
        }
        assert!(decode(&m[..40]).is_none());
        // Short values inside well-formed attributes.
        let mut odd = vec![2, 0, 0, 0];
        odd.extend(nested(
            CTA_TUPLE_ORIG,
            &[
                nested(CTA_TUPLE_IP, &[attr(CTA_IP_V4_SRC, &[1, 2])]),
                nested(CTA_TUPLE_PROTO, &[attr(CTA_PROTO_SRC_PORT, &[1])]),
            ],
        ));
        odd.extend(attr(CTA_STATUS, &[1]));
        odd.extend(nested(
            CTA_SEQ_ADJ_ORIG,
            &[attr(CTA_SEQADJ_OFFSET_AFTER, &[9])],
        ));
        assert!(decode(&odd).is_none());
        for at in 0..m.len() {
            for byte in [0, 1, 3, 0x7f, 0x80, 0xff] {
                let mut odd = m.clone();
                odd[at] = byte;
                let _ = decode(&odd);
            }
        }
    }
}
