//! Rows of the socket families net-tools 2.10 never listed: packet, netlink
//! and vsock sockets.

use super::details::Memory;

/// `ETH_P_ALL`: a packet socket that receives every protocol.
pub const ETH_P_ALL: u16 = 0x0003;

/// One `AF_PACKET` socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketSocket {
    /// `SOCK_RAW` (3) or `SOCK_DGRAM` (2).
    pub kind: u8,
    /// The ethertype it receives, in host order ([`ETH_P_ALL`]: every one).
    pub protocol: u16,
    /// The interface it is bound to; 0 for every interface.
    pub ifindex: u32,
    /// Bytes waiting to be read.
    pub recv_q: u64,
    pub uid: u32,
    pub inode: u64,
    /// The socket's memory (`PACKET_DIAG_MEMINFO`, where Recv-Q comes
    /// from); `None` from `/proc`, which has only the receive queue.
    pub memory: Option<Memory>,
}

/// One `AF_NETLINK` socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetlinkSocket {
    /// `NETLINK_ROUTE` (0), `NETLINK_SOCK_DIAG` (4), ...
    pub protocol: u8,
    /// The socket's port id (0: the kernel's own socket; negative: an
    /// id the kernel chose when the port was taken).
    pub port_id: i32,
    /// The multicast group bitmap, 32 groups a word: bit N of word W is
    /// group 32 × W + N + 1. `/proc` shows only the first word.
    pub groups: Vec<u32>,
    pub recv_q: u64,
    pub send_q: u64,
    pub inode: u64,
    /// The socket's memory (`NETLINK_DIAG_MEMINFO`, where the queues come
    /// from); `None` from `/proc`, which has only the two queues.
    pub memory: Option<Memory>,
}

impl NetlinkSocket {
    /// The numbers of the groups the socket is subscribed to.
    pub fn group_numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.groups.iter().enumerate().flat_map(|(word, bits)| {
            (0..32)
                .filter(move |bit| bits & (1 << bit) != 0)
                .map(move |bit| word as u32 * 32 + bit + 1)
        })
    }
}

/// `VMADDR_CID_ANY` and `VMADDR_PORT_ANY`: an unbound end.
pub const VSOCK_ANY: u32 = u32::MAX;

/// One `AF_VSOCK` socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VsockSocket {
    /// `SOCK_STREAM` (1), `SOCK_DGRAM` (2) or `SOCK_SEQPACKET` (5).
    pub kind: u8,
    /// The state in TCP numbering (`TCP_LISTEN`, `TCP_ESTABLISHED`, ...).
    pub state: u8,
    pub local_cid: u32,
    pub local_port: u32,
    pub remote_cid: u32,
    pub remote_port: u32,
    pub inode: u64,
}

/// The name of a socket type as ss and the man pages spell it.
pub fn socket_type_name(kind: u8) -> Option<&'static str> {
    match kind {
        1 => Some("stream"),
        2 => Some("dgram"),
        3 => Some("raw"),
        5 => Some("seqpacket"),
        _ => None,
    }
}

/// The name of an ethertype a packet socket receives (the names of
/// iproute2's table for the common ones; `all` for [`ETH_P_ALL`]).
pub fn ethertype_name(protocol: u16) -> Option<&'static str> {
    Some(match protocol {
        ETH_P_ALL => "all",
        0x0001 => "802_3",
        0x0004 => "802_2",
        0x0800 => "ip",
        0x0806 => "arp",
        0x8035 => "rarp",
        0x86dd => "ipv6",
        0x8100 => "802.1Q",
        0x88a8 => "802.1ad",
        0x8847 => "mpls_uc",
        0x8848 => "mpls_mc",
        0x8863 => "ppp_disc",
        0x8864 => "ppp_ses",
        0x888e => "eapol",
        0x88cc => "lldp",
        _ => return None,
    })
}

/// The name of a netlink protocol (linux/netlink.h, as ss spells most).
pub fn netlink_protocol_name(protocol: u8) -> Option<&'static str> {
    const NAMES: [&str; 23] = [
        "rtnl",
        "unused",
        "usersock",
        "fw",
        "sock_diag",
        "nflog",
        "xfrm",
        "selinux",
        "iscsi",
        "audit",
        "fiblookup",
        "connector",
        "nft",
        "ip6fw",
        "dec-rt",
        "uevent",
        "genl",
        "",
        "scsi-trans",
        "ecryptfs",
        "rdma",
        "crypto",
        "smc",
    ];
    NAMES
        .get(usize::from(protocol))
        .copied()
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_numbers() {
        assert_eq!(ethertype_name(3), Some("all"));
        assert_eq!(ethertype_name(0x0800), Some("ip"));
        assert_eq!(ethertype_name(0x1234), None);
        assert_eq!(netlink_protocol_name(0), Some("rtnl"));
        assert_eq!(netlink_protocol_name(4), Some("sock_diag"));
        assert_eq!(netlink_protocol_name(17), None);
        assert_eq!(netlink_protocol_name(200), None);
        assert_eq!(socket_type_name(3), Some("raw"));
    }

    #[test]
    fn group_numbers_count_from_one_across_words() {
        let socket = NetlinkSocket {
            protocol: 0,
            port_id: 1,
            groups: vec![0b101, 1 << 31, 1],
            recv_q: 0,
            send_q: 0,
            inode: 1,
            memory: None,
        };
        let groups: Vec<u32> = socket.group_numbers().collect();
        assert_eq!(groups, [1, 3, 64, 65]);
    }
}
