//! NETLINK_SOCK_DIAG for `AF_NETLINK` (linux/netlink_diag.h): the request
//! and the decoder of `netlink_diag_msg` with its `NETLINK_DIAG_GROUPS` and
//! `NETLINK_DIAG_MEMINFO` attributes.

use super::sock_diag::{self, DiagError};
use super::socket::{Attributes, NetlinkSocket as Socket, u32_at};
use crate::model::details::Memory;
use crate::model::families::NetlinkSocket;

/// `sizeof(struct netlink_diag_msg)`.
const MESSAGE_LEN: usize = 28;
/// `NDIAG_PROTO_ALL`.
const ALL_PROTOCOLS: u8 = 0xff;
const NDIAG_SHOW_MEMINFO: u32 = 0x01;
const NDIAG_SHOW_GROUPS: u32 = 0x02;
const NETLINK_DIAG_MEMINFO: u16 = 0;
const NETLINK_DIAG_GROUPS: u16 = 1;

/// `struct netlink_diag_req`: every protocol, with groups and memory.
pub fn request() -> [u8; 20] {
    let show = NDIAG_SHOW_MEMINFO | NDIAG_SHOW_GROUPS;
    sock_diag::show_request(libc::AF_NETLINK as u8, ALL_PROTOCOLS, show)
}

/// One answer; `None` when it is too short to be a `netlink_diag_msg`.
pub fn decode(payload: &[u8]) -> Option<NetlinkSocket> {
    let header = payload.get(..MESSAGE_LEN)?;
    let mut row = NetlinkSocket {
        protocol: header[2],
        port_id: u32_at(header, 4)? as i32,
        groups: Vec::new(),
        recv_q: 0,
        send_q: 0,
        inode: u64::from(u32_at(header, 16)?),
        memory: None,
    };
    for (kind, value) in Attributes::new(&payload[MESSAGE_LEN..]) {
        match kind {
            NETLINK_DIAG_GROUPS => {
                row.groups = value
                    .chunks_exact(4)
                    .filter_map(|word| u32_at(word, 0))
                    .collect();
            }
            NETLINK_DIAG_MEMINFO => {
                row.memory = Memory::decode(value);
                if let Some(memory) = row.memory {
                    row.recv_q = memory.receive_queue();
                    row.send_q = memory.send_queue();
                }
            }
            _ => {}
        }
    }
    Some(row)
}

/// Dump every netlink socket of the socket's namespace.
pub fn dump(socket: &mut Socket, each: impl FnMut(&NetlinkSocket)) -> Result<(), DiagError> {
    sock_diag::dump(socket, &request(), decode, each)
}

#[cfg(test)]
mod tests {
    use super::super::socket::encode_attribute;
    use super::*;

    /// A NETLINK_ROUTE socket with port id 1234 in groups 1, 3 and 33, laid
    /// out as the kernel sends it, with the memory of `meminfo`.
    fn answer_with(meminfo: &[u32]) -> Vec<u8> {
        let mut m = vec![libc::AF_NETLINK as u8, 3, 0, 7];
        for value in [1234u32, 0, 0, 99] {
            m.extend_from_slice(&value.to_ne_bytes());
        }
        m.extend_from_slice(&[0xff; 8]);
        let groups: Vec<u8> = [0b101u32, 1].iter().flat_map(|v| v.to_ne_bytes()).collect();
        m.extend(encode_attribute(NETLINK_DIAG_GROUPS, &groups));
        let meminfo: Vec<u8> = meminfo.iter().flat_map(|v| v.to_ne_bytes()).collect();
        m.extend(encode_attribute(NETLINK_DIAG_MEMINFO, &meminfo));
        m
    }

    fn answer() -> Vec<u8> {
        answer_with(&[10, 212992, 20, 65536, 0, 0, 0, 0, 3])
    }

    #[test]
    fn decodes_header_groups_and_memory() {
        let row = decode(&answer()).unwrap();
        assert_eq!((row.protocol, row.port_id, row.inode), (0, 1234, 99));
        assert_eq!(row.group_numbers().collect::<Vec<_>>(), [1, 3, 33]);
        assert_eq!((row.recv_q, row.send_q), (10, 20));
        let memory = row.memory.unwrap();
        assert_eq!(
            (memory.values[1], memory.values[3]),
            (Some(212992), Some(65536))
        );
        assert_eq!(memory.values[8], Some(3), "drops");
    }

    #[test]
    fn a_shorter_meminfo_keeps_what_it_has() {
        // Two values: the receive queue and buffer, no send queue.
        let row = decode(&answer_with(&[10, 212992])).unwrap();
        assert_eq!((row.recv_q, row.send_q), (10, 0));
        let memory = row.memory.unwrap();
        assert_eq!(memory.values[..3], [Some(10), Some(212992), None]);
        // None at all: no memory, empty queues.
        let row = decode(&answer_with(&[])).unwrap();
        assert_eq!((row.recv_q, row.send_q, row.memory), (0, 0, None));
    }

    #[test]
    fn short_answers_do_not_decode() {
        let m = answer();
        for len in 0..MESSAGE_LEN {
            assert_eq!(decode(&m[..len]), None);
        }
        assert!(decode(&m[..MESSAGE_LEN]).is_some_and(|row| row.groups.is_empty()));
    }
}
