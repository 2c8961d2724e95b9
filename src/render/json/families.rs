//! Structured rows of the packet, netlink and vsock sections: numbers as
//! numbers, and beside a number the name the text shows for it when there
//! is one (`protocol_name`, `ifname`, `user`).

use super::Text;
use super::details::MemoryView;
use super::sockets::Owner;
use crate::model::families::{NetlinkSocket, PacketSocket, VsockSocket};
use serde::Serialize;
use std::borrow::Cow;

/// One packet socket.
#[derive(Debug, Serialize)]
pub struct Packet<'a> {
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    /// The ethertype received (3: every one).
    pub protocol: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_name: Option<&'static str>,
    /// 0: every interface.
    pub ifindex: u32,
    #[serde(flatten)]
    pub ifname: Option<Text<'a>>,
    pub recv_q: u64,
    pub uid: u32,
    #[serde(flatten)]
    pub user: Option<Text<'a>>,
    pub inode: u64,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
    /// `--memory` (rows from sock_diag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<MemoryView>,
}

impl<'a> Packet<'a> {
    /// The row's numbers; names and owner are the caller's to add.
    pub fn new(row: &PacketSocket) -> Self {
        Packet {
            kind: crate::render::families::socket_type(row.kind),
            protocol: row.protocol,
            protocol_name: None,
            ifindex: row.ifindex,
            ifname: None,
            recv_q: row.recv_q,
            uid: row.uid,
            user: None,
            inode: row.inode,
            owner: None,
            memory: None,
        }
    }
}

/// One netlink socket.
#[derive(Debug, Serialize)]
pub struct Netlink<'a> {
    pub protocol: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_name: Option<&'static str>,
    pub port_id: i32,
    /// Every multicast group the socket has joined.
    pub groups: Vec<u32>,
    pub recv_q: u64,
    pub send_q: u64,
    pub inode: u64,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
    /// `--memory` (rows from sock_diag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<MemoryView>,
}

impl<'a> Netlink<'a> {
    pub fn new(row: &NetlinkSocket, protocol_name: Option<&'static str>) -> Self {
        Netlink {
            protocol: row.protocol,
            protocol_name,
            port_id: row.port_id,
            groups: row.group_numbers().collect(),
            recv_q: row.recv_q,
            send_q: row.send_q,
            inode: row.inode,
            owner: None,
            memory: None,
        }
    }
}

/// One vsock socket; a CID or port of 4294967295 is "any" (the text's `*`).
#[derive(Debug, Serialize)]
pub struct Vsock<'a> {
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    pub state: &'static str,
    pub local_cid: u32,
    pub local_port: u32,
    pub foreign_cid: u32,
    pub foreign_port: u32,
    pub inode: u64,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
}

impl<'a> Vsock<'a> {
    pub fn new(row: &VsockSocket) -> Self {
        Vsock {
            kind: crate::render::families::socket_type(row.kind),
            state: crate::model::socket::state_name(u32::from(row.state)).unwrap_or("UNKNOWN"),
            local_cid: row.local_cid,
            local_port: row.local_port,
            foreign_cid: row.remote_cid,
            foreign_port: row.remote_port,
            inode: row.inode,
            owner: None,
        }
    }
}
