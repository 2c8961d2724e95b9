//! The packet, netlink and vsock socket sections: families net-tools 2.10
//! never listed, in its style (a title, a column header, fixed columns; the
//! User column with `-ee`, PID/Program name with `-p`, last).

use super::text::{left, left_u64, push_u64, right_i64};
use crate::cli::Options;
use crate::model::families::{
    NetlinkSocket, PacketSocket, VSOCK_ANY, VsockSocket, ethertype_name, netlink_protocol_name,
    socket_type_name,
};
use std::borrow::Cow;

/// What the caller looked up for one row: the user name (`-ee`) and the
/// owner label (`-p`).
pub struct Tail<'a> {
    pub user: &'a [u8],
    pub program: &'a [u8],
}

/// The columns every section ends with.
fn header_tail(h: &mut Vec<u8>, options: &Options, user: bool) {
    if user && options.extended() {
        h.extend_from_slice(b"User       ");
    }
    if options.programs {
        h.extend_from_slice(b"I-Node     PID/Program name");
    } else {
        h.extend_from_slice(b"I-Node");
    }
    h.push(b'\n');
}

fn row_tail(line: &mut Vec<u8>, options: &Options, inode: u64, tail: &Tail, user: bool) {
    if user && options.extended() {
        left(line, tail.user, 10);
        line.push(b' ');
    }
    if options.programs {
        left_u64(line, inode, 10);
        line.push(b' ');
        line.extend_from_slice(tail.program);
    } else {
        push_u64(line, inode);
    }
    line.push(b'\n');
}

/// A socket type: its name, or its number.
pub fn socket_type(kind: u8) -> Cow<'static, str> {
    socket_type_name(kind).map_or_else(|| Cow::Owned(kind.to_string()), Cow::Borrowed)
}

/// The Proto column of a packet socket: the ethertype's name, or (with
/// `-n`, or for a type without a name) its number in hex.
pub fn ethertype(protocol: u16, numeric: bool) -> Cow<'static, str> {
    match ethertype_name(protocol).filter(|_| !numeric) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(format!("0x{protocol:04x}")),
    }
}

/// The Proto column of a netlink socket: its name, or (with `-n`, or for a
/// protocol without a name) its number.
pub fn netlink_protocol(protocol: u8, numeric: bool) -> Cow<'static, str> {
    match netlink_protocol_name(protocol).filter(|_| !numeric) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(protocol.to_string()),
    }
}

pub fn packet_header(options: &Options) -> Vec<u8> {
    let mut h = b"Active packet sockets\n".to_vec();
    h.extend_from_slice(b"Type   Proto    Iface            Recv-Q ");
    header_tail(&mut h, options, true);
    h
}

/// `%-6s %-8s %-16s %6lu ` then the tail; `iface` is the interface's name
/// (`*` for every interface).
pub fn packet_row(
    line: &mut Vec<u8>,
    options: &Options,
    row: &PacketSocket,
    iface: &[u8],
    tail: &Tail,
) {
    left(line, socket_type(row.kind).as_bytes(), 6);
    line.push(b' ');
    let numeric = options.numeric_hosts || options.numeric_ports;
    left(line, ethertype(row.protocol, numeric).as_bytes(), 8);
    line.push(b' ');
    left(line, iface, 16);
    line.push(b' ');
    right_i64(line, row.recv_q as i64, 6);
    line.push(b' ');
    row_tail(line, options, row.inode, tail, true);
}

pub fn netlink_header(options: &Options) -> Vec<u8> {
    let mut h = b"Active netlink sockets\n".to_vec();
    h.extend_from_slice(b"Proto      Port-ID     Groups     Recv-Q Send-Q ");
    header_tail(&mut h, options, false);
    h
}

/// `%-10s %-11d 0x%08x %6lu %6lu ` then the tail: the Groups column shows
/// the first 32 groups, as `/proc/net/netlink` does.
pub fn netlink_row(line: &mut Vec<u8>, options: &Options, row: &NetlinkSocket, tail: &Tail) {
    let numeric = options.numeric_hosts || options.numeric_ports;
    left(line, netlink_protocol(row.protocol, numeric).as_bytes(), 10);
    line.push(b' ');
    left(line, row.port_id.to_string().as_bytes(), 11);
    line.push(b' ');
    let first = row.groups.first().copied().unwrap_or(0);
    line.extend_from_slice(format!("0x{first:08x} ").as_bytes());
    right_i64(line, row.recv_q as i64, 6);
    line.push(b' ');
    right_i64(line, row.send_q as i64, 6);
    line.push(b' ');
    row_tail(line, options, row.inode, tail, false);
}

pub fn vsock_header(options: &Options) -> Vec<u8> {
    let mut h = format!("Active vsock sockets {}\n", super::sockets::scope(options)).into_bytes();
    h.extend_from_slice(b"Type      Local Address         Foreign Address       State       ");
    header_tail(&mut h, options, false);
    h
}

/// A vsock end, `CID:PORT`, with `*` for "any".
pub fn vsock_end(cid: u32, port: u32) -> String {
    let part = |n: u32| match n {
        VSOCK_ANY => "*".to_string(),
        n => n.to_string(),
    };
    format!("{}:{}", part(cid), part(port))
}

/// `%-9s %-21s %-21s %-11s ` then the tail.
pub fn vsock_row(line: &mut Vec<u8>, options: &Options, row: &VsockSocket, tail: &Tail) {
    left(line, socket_type(row.kind).as_bytes(), 9);
    line.push(b' ');
    left(
        line,
        vsock_end(row.local_cid, row.local_port).as_bytes(),
        21,
    );
    line.push(b' ');
    left(
        line,
        vsock_end(row.remote_cid, row.remote_port).as_bytes(),
        21,
    );
    line.push(b' ');
    left(
        line,
        super::sockets::tcp_state(u32::from(row.state)).as_bytes(),
        11,
    );
    line.push(b' ');
    row_tail(line, options, row.inode, tail, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(programs: bool, extend: u32) -> Options {
        Options {
            programs,
            extend,
            ..Options::default()
        }
    }

    #[test]
    fn packet_rows_line_up_under_their_header() {
        let o = options(true, 2);
        let row = PacketSocket {
            kind: 3,
            protocol: 3,
            ifindex: 0,
            recv_q: 768,
            uid: 0,
            inode: 4702925,
            memory: None,
        };
        let mut line = Vec::new();
        let tail = Tail {
            user: b"root",
            program: b"2061/tcpdump",
        };
        packet_row(&mut line, &o, &row, b"*", &tail);
        let header = packet_header(&o);
        let text = String::from_utf8(header).unwrap() + &String::from_utf8(line).unwrap();
        assert_eq!(
            text,
            "Active packet sockets\n\
Type   Proto    Iface            Recv-Q User       I-Node     PID/Program name\n\
raw    all      *                   768 root       4702925    2061/tcpdump\n"
        );
    }

    #[test]
    fn numeric_names_and_plain_tails() {
        assert_eq!(ethertype(0x0800, false), "ip");
        assert_eq!(ethertype(0x0800, true), "0x0800");
        assert_eq!(ethertype(0x1234, false), "0x1234");
        assert_eq!(netlink_protocol(4, false), "sock_diag");
        assert_eq!(netlink_protocol(4, true), "4");
        let o = options(false, 1);
        let row = NetlinkSocket {
            protocol: 0,
            port_id: -4242,
            groups: vec![5, 1],
            recv_q: 0,
            send_q: 1,
            inode: 99,
            memory: None,
        };
        let mut line = netlink_header(&o);
        let tail = Tail {
            user: b"",
            program: b"",
        };
        netlink_row(&mut line, &o, &row, &tail);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "Active netlink sockets\n\
Proto      Port-ID     Groups     Recv-Q Send-Q I-Node\n\
rtnl       -4242       0x00000005      0      1 99\n"
        );
    }

    #[test]
    fn vsock_ends_show_any_as_a_star() {
        assert_eq!(vsock_end(VSOCK_ANY, 1024), "*:1024");
        assert_eq!(vsock_end(3, VSOCK_ANY), "3:*");
        let o = Options {
            all: true,
            ..Options::default()
        };
        let row = VsockSocket {
            kind: 1,
            state: 10,
            local_cid: 3,
            local_port: 5000,
            remote_cid: VSOCK_ANY,
            remote_port: VSOCK_ANY,
            inode: 7,
        };
        let mut line = vsock_header(&o);
        let tail = Tail {
            user: b"",
            program: b"",
        };
        vsock_row(&mut line, &o, &row, &tail);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "Active vsock sockets (servers and established)\n\
Type      Local Address         Foreign Address       State       I-Node\n\
stream    3:5000                *:*                   LISTEN      7\n"
        );
    }
}
