//! `--memory` for UNIX sockets. The unix section is read from
//! `/proc/net/unix` (the only source of its RefCnt column), which has no
//! memory figures, so a unix_diag dump asking only for `UNIX_DIAG_MEMINFO`
//! is joined to its rows by inode. The table holds one entry per socket
//! (inode and nine numbers), and only when `--memory` is given.

use super::netlink::sock_diag::{self, DiagError, UDIAG_SHOW_MEMINFO};
use super::netlink::{Attributes, NetlinkSocket};
use crate::model::details::Memory;
use std::collections::HashMap;

/// `NETLINK_SOCK_DIAG` from linux/netlink.h.
const NETLINK_SOCK_DIAG: i32 = 4;
/// `UNIX_DIAG_MEMINFO` from linux/unix_diag.h.
const UNIX_DIAG_MEMINFO: u16 = 5;

/// The memory of every UNIX socket, by inode.
#[derive(Debug, Default)]
pub struct UnixMemory(HashMap<u64, Memory>);

impl UnixMemory {
    /// Dump the kernel's UNIX sockets; an error says why there are no
    /// figures (no unix_diag module, no netlink).
    pub fn read() -> Result<Self, String> {
        let mut socket = NetlinkSocket::open(NETLINK_SOCK_DIAG, 0)
            .map_err(|e| format!("netstat: sock_diag: {e}"))?;
        let mut table = HashMap::new();
        let result = sock_diag::dump_unix(&mut socket, UDIAG_SHOW_MEMINFO, |inode, attributes| {
            let memory = Attributes::new(attributes)
                .find(|(kind, _)| *kind == UNIX_DIAG_MEMINFO)
                .and_then(|(_, value)| Memory::decode(value));
            if let Some(memory) = memory {
                table.insert(u64::from(inode), memory);
            }
        });
        match result {
            // A socket that came or went meanwhile has no figures or an
            // unused entry, as with any listing.
            Ok(()) | Err(DiagError::Interrupted) => Ok(UnixMemory(table)),
            Err(DiagError::Unavailable(e)) => Err(format!("netstat: unix_diag: {e}")),
            Err(DiagError::Malformed) => Err("netstat: unix_diag: malformed answer".to_string()),
        }
    }

    pub fn get(&self, inode: u64) -> Option<Memory> {
        self.0.get(&inode).copied()
    }
}
