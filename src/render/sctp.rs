//! SCTP endpoint and association rows (spec §3.8): one physical line per
//! address, the row tail only after the last one.

use super::sockets::{row_tail, tcp_state};
use super::text::{left, right};
use crate::cli::Options;

/// The state column: the TCP state names, `UNKNOWN(N)` outside them.
pub fn state(state: i32) -> String {
    if (0..12).contains(&state) {
        tcp_state(state as u32).to_string()
    } else {
        format!("UNKNOWN({state})")
    }
}

/// Texts of the tail columns of one SCTP row.
pub struct Tail<'a> {
    pub user: &'a [u8],
    pub inode: u64,
    pub program: &'a [u8],
}

/// An endpoint: `addresses` are the address texts, `port` the port text.
pub fn endpoint(
    line: &mut Vec<u8>,
    options: &Options,
    state_text: &str,
    addresses: &[Vec<u8>],
    port: &[u8],
    tail: &Tail,
) {
    for (i, address) in addresses.iter().enumerate() {
        line.extend_from_slice(if i == 0 {
            b"sctp                "
        } else {
            b"\n                    "
        });
        let mut text = address.clone();
        text.push(b':');
        text.extend_from_slice(port);
        left(line, &text, 47);
        line.push(b' ');
        left(line, if i == 0 { state_text.as_bytes() } else { b"" }, 11);
    }
    row_tail(line, options, tail.user, tail.inode, tail.program, b"");
}

/// What an association row shows besides its address lists.
pub struct AssociationHead<'a> {
    pub rx_queue: u32,
    pub tx_queue: u32,
    pub local_port: &'a [u8],
    pub remote_port: &'a [u8],
    pub state: &'a str,
}

/// An association: local and remote address texts side by side, ports on
/// the first line only.
pub fn association(
    line: &mut Vec<u8>,
    options: &Options,
    head: &AssociationHead,
    local: &[Vec<u8>],
    remote: &[Vec<u8>],
    tail: &Tail,
) {
    for i in 0..local.len().max(remote.len()) {
        let first = i == 0;
        if first {
            line.extend_from_slice(b"sctp  ");
            right(line, head.rx_queue.to_string().as_bytes(), 6);
            line.push(b' ');
            right(line, head.tx_queue.to_string().as_bytes(), 6);
            line.push(b' ');
        } else {
            line.extend_from_slice(b"\n                    ");
        }
        for (side, (addresses, port)) in [(local, head.local_port), (remote, head.remote_port)]
            .into_iter()
            .enumerate()
        {
            if side == 1 {
                line.push(b' ');
            }
            let mut text = addresses.get(i).cloned().unwrap_or_default();
            if first && i < addresses.len() {
                text.push(b':');
                text.extend_from_slice(port);
            }
            left(line, &text, 23);
        }
        line.push(b' ');
        left(line, if first { head.state.as_bytes() } else { b"" }, 11);
    }
    row_tail(line, options, tail.user, tail.inode, tail.program, b"");
}
