//! NETLINK_SOCK_DIAG for `AF_PACKET` (linux/packet_diag.h): the request and
//! the decoder of `packet_diag_msg` with its `PACKET_DIAG_INFO`,
//! `PACKET_DIAG_UID` and `PACKET_DIAG_MEMINFO` attributes.

use super::sock_diag::{self, DiagError};
use super::socket::{Attributes, NetlinkSocket, u32_at};
use crate::model::details::Memory;
use crate::model::families::PacketSocket;

/// `sizeof(struct packet_diag_msg)`.
const MESSAGE_LEN: usize = 16;
const PACKET_SHOW_INFO: u32 = 0x01;
const PACKET_SHOW_MEMINFO: u32 = 0x10;
const PACKET_DIAG_INFO: u16 = 0;
const PACKET_DIAG_UID: u16 = 5;
const PACKET_DIAG_MEMINFO: u16 = 6;

/// `struct packet_diag_req`: every packet socket, with the attributes above.
pub fn request() -> [u8; 20] {
    let show = PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO;
    sock_diag::show_request(libc::AF_PACKET as u8, 0, show)
}

/// One answer; `None` when it is too short to be a `packet_diag_msg`.
pub fn decode(payload: &[u8]) -> Option<PacketSocket> {
    let header = payload.get(..MESSAGE_LEN)?;
    let mut row = PacketSocket {
        kind: header[1],
        protocol: u16::from_ne_bytes([header[2], header[3]]),
        ifindex: 0,
        recv_q: 0,
        uid: 0,
        inode: u64::from(u32_at(header, 4)?),
        memory: None,
    };
    for (kind, value) in Attributes::new(&payload[MESSAGE_LEN..]) {
        match kind {
            // packet_diag_info: pdi_index first.
            PACKET_DIAG_INFO => row.ifindex = u32_at(value, 0).unwrap_or(0),
            PACKET_DIAG_UID => row.uid = u32_at(value, 0).unwrap_or(0),
            PACKET_DIAG_MEMINFO => {
                row.memory = Memory::decode(value);
                row.recv_q = row.memory.map_or(0, |memory| memory.receive_queue());
            }
            _ => {}
        }
    }
    Some(row)
}

/// Dump every packet socket of the socket's namespace.
pub fn dump(socket: &mut NetlinkSocket, each: impl FnMut(&PacketSocket)) -> Result<(), DiagError> {
    sock_diag::dump(socket, &request(), decode, each)
}

#[cfg(test)]
mod tests {
    use super::super::socket::encode_attribute;
    use super::*;

    /// An answer laid out as the kernel sends it: a raw ETH_P_ALL socket on
    /// ifindex 2, uid 1000, with its memory.
    fn answer() -> Vec<u8> {
        let mut m = vec![libc::AF_PACKET as u8, 3];
        m.extend_from_slice(&3u16.to_ne_bytes());
        m.extend_from_slice(&4242u32.to_ne_bytes());
        m.extend_from_slice(&[0xff; 8]);
        let mut info = 2u32.to_ne_bytes().to_vec();
        info.extend_from_slice(&[0; 20]);
        m.extend(encode_attribute(PACKET_DIAG_INFO, &info));
        m.extend(encode_attribute(PACKET_DIAG_UID, &1000u32.to_ne_bytes()));
        m.extend(encode_attribute(PACKET_DIAG_MEMINFO, &meminfo()));
        m
    }

    /// sk_meminfo: 768 bytes queued, 7 packets dropped.
    fn meminfo() -> Vec<u8> {
        [768u32, 212992, 0, 212992, 0, 0, 0, 0, 7]
            .iter()
            .flat_map(|v| v.to_ne_bytes())
            .collect()
    }

    #[test]
    fn decodes_header_and_attributes() {
        let row = decode(&answer()).unwrap();
        assert_eq!(
            row,
            PacketSocket {
                kind: 3,
                protocol: 3,
                ifindex: 2,
                recv_q: 768,
                uid: 1000,
                inode: 4242,
                memory: Memory::decode(&meminfo()),
            }
        );
        let memory = row.memory.unwrap();
        assert_eq!(memory.values[1], Some(212992), "rb");
        assert_eq!(memory.values[8], Some(7), "d");
    }

    #[test]
    fn short_answers_and_truncated_attributes() {
        let m = answer();
        for len in 0..MESSAGE_LEN {
            assert_eq!(decode(&m[..len]), None);
        }
        for len in MESSAGE_LEN..m.len() {
            assert!(decode(&m[..len]).is_some());
        }
    }

    #[test]
    fn request_asks_for_info_and_meminfo() {
        let r = request();
        assert_eq!(r[0], 17);
        assert_eq!(u32_at(&r, 8), Some(0x11));
    }
}
