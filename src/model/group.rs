//! Multicast group memberships (`/proc/net/igmp`, `/proc/net/igmp6`).

use std::net::IpAddr;

/// One membership row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Device name as net-tools holds it (may keep padding or odd bytes).
    pub device: Vec<u8>,
    /// Number of users of the membership (`RefCnt`).
    pub users: i32,
    pub address: IpAddr,
}
