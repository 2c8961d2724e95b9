//! NETLINK_SOCK_DIAG for `AF_VSOCK` (linux/vm_sockets_diag.h, kernel module
//! vsock_diag): the request and the decoder of `vsock_diag_msg`.

use super::sock_diag::{self, DiagError};
use super::socket::{NetlinkSocket, u32_at};
use crate::model::families::VsockSocket;

/// `sizeof(struct vsock_diag_msg)`.
const MESSAGE_LEN: usize = 32;

/// `struct vsock_diag_req` for sockets in any of `states` (bit N: state N).
fn request(states: u32) -> [u8; 24] {
    let mut p = [0u8; 24];
    p[0] = libc::AF_VSOCK as u8;
    p[4..8].copy_from_slice(&states.to_ne_bytes());
    p
}

/// One answer; `None` when it is too short to be a `vsock_diag_msg`.
pub fn decode(payload: &[u8]) -> Option<VsockSocket> {
    let m = payload.get(..MESSAGE_LEN)?;
    Some(VsockSocket {
        kind: m[1],
        state: m[2],
        local_cid: u32_at(m, 4)?,
        local_port: u32_at(m, 8)?,
        remote_cid: u32_at(m, 12)?,
        remote_port: u32_at(m, 16)?,
        inode: u64::from(u32_at(m, 20)?),
    })
}

/// Dump the vsock sockets in `states`; without the vsock_diag module the
/// kernel refuses ([`DiagError::Unavailable`], `ENOENT`).
pub fn dump(
    socket: &mut NetlinkSocket,
    states: u32,
    each: impl FnMut(&VsockSocket),
) -> Result<(), DiagError> {
    sock_diag::dump(socket, &request(states), decode, each)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_message_as_the_kernel_lays_it_out() {
        // A stream socket listening on CID 3, port 1024 (TCP_LISTEN = 10).
        let mut m = vec![libc::AF_VSOCK as u8, 1, 10, 0];
        for value in [3u32, 1024, u32::MAX, u32::MAX, 5555, 1, 2] {
            m.extend_from_slice(&value.to_ne_bytes());
        }
        let row = decode(&m).unwrap();
        assert_eq!(
            row,
            VsockSocket {
                kind: 1,
                state: 10,
                local_cid: 3,
                local_port: 1024,
                remote_cid: u32::MAX,
                remote_port: u32::MAX,
                inode: 5555,
            }
        );
        for len in 0..MESSAGE_LEN {
            assert_eq!(decode(&m[..len]), None);
        }
    }

    #[test]
    fn request_layout() {
        let r = request(1 << 10);
        assert_eq!((r[0], r[1]), (40, 0));
        assert_eq!(u32_at(&r, 4), Some(1 << 10));
        assert_eq!(&r[8..], &[0; 16]);
    }
}
