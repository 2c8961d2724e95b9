//! SCTP endpoints and associations (spec §3.8).

use std::net::{Ipv4Addr, Ipv6Addr};

/// One address of an SCTP address list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SctpAddress {
    V4(Ipv4Addr),
    V6(Ipv6Addr),
}

/// A row of `/proc/net/sctp/eps`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SctpEndpoint {
    /// Socket state, an index into the TCP state names.
    pub state: i32,
    pub port: i32,
    pub uid: i32,
    pub inode: u64,
    pub addresses: Vec<SctpAddress>,
}

/// A row of `/proc/net/sctp/assocs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SctpAssociation {
    pub state: i32,
    pub tx_queue: u32,
    pub rx_queue: u32,
    pub uid: i32,
    pub inode: u64,
    pub local_port: i32,
    pub remote_port: i32,
    pub local: Vec<SctpAddress>,
    pub remote: Vec<SctpAddress>,
}
