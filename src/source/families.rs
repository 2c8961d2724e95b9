//! Packet, netlink and vsock socket tables: sock_diag where the kernel has
//! the family's diag module, else the family's `/proc` file (packet and
//! netlink have one; vsock has none).

use super::netlink::sock_diag::DiagError;
use super::netlink::{NetlinkSocket, netlink_diag, packet_diag, vsock_diag};
use super::proc::{self, ReadError, Table};
use super::sockets::Preference;
use crate::model::families::{NetlinkSocket as NetlinkRow, PacketSocket, VsockSocket};
use std::collections::HashSet;

/// `NETLINK_SOCK_DIAG` from linux/netlink.h.
const NETLINK_SOCK_DIAG: i32 = 4;

/// Why a family's table could not be listed.
#[derive(Debug)]
pub enum FamilyError {
    /// Neither source has the family: the "no support" case.
    Unsupported,
    /// Its `/proc` file exists but could not be read.
    Proc(&'static str, ReadError),
    /// sock_diag failed where no fallback applies (`NETSTAT_SOURCE=netlink`,
    /// or vsock, which has no `/proc` table).
    Netlink(String),
}

/// Every packet socket of the namespace.
pub fn packet(preference: Preference) -> Result<Table<PacketSocket>, FamilyError> {
    let diag = |socket: &mut NetlinkSocket, rows: &mut Vec<PacketSocket>| {
        packet_diag::dump(socket, |row| rows.push(row.clone()))
    };
    diag_or_proc(
        preference,
        "packet",
        diag,
        Some((proc::packet::PATH, proc::packet::parse)),
    )
}

/// Every netlink socket of the namespace.
pub fn netlink(preference: Preference) -> Result<Table<NetlinkRow>, FamilyError> {
    let diag = |socket: &mut NetlinkSocket, rows: &mut Vec<NetlinkRow>| {
        // The dump can hand over a socket that joined a multicast group
        // twice (seen on Linux 6.18, where `ss -A netlink` shows such
        // sockets twice): one row per socket, the first.
        let mut seen = HashSet::new();
        netlink_diag::dump(socket, |row| {
            if seen.insert(row.inode) {
                rows.push(row.clone());
            }
        })
    };
    diag_or_proc(
        preference,
        "netlink",
        diag,
        Some((proc::netlink::PATH, proc::netlink::parse)),
    )
}

/// The vsock sockets in `states` (bit N: TCP state N).
pub fn vsock(preference: Preference, states: u32) -> Result<Table<VsockSocket>, FamilyError> {
    let diag = |socket: &mut NetlinkSocket, rows: &mut Vec<VsockSocket>| {
        vsock_diag::dump(socket, states, |row| rows.push(row.clone()))
    };
    diag_or_proc(preference, "vsock", diag, None)
}

type ProcTable<T> = (&'static str, fn(&[u8]) -> Table<T>);

/// The dump when the kernel answers it; otherwise (or with `/proc`
/// preferred) the `/proc` file, if the family has one.
fn diag_or_proc<T>(
    preference: Preference,
    family: &str,
    diag: impl FnOnce(&mut NetlinkSocket, &mut Vec<T>) -> Result<(), DiagError>,
    proc_table: Option<ProcTable<T>>,
) -> Result<Table<T>, FamilyError> {
    let refused = if preference == Preference::Proc {
        None
    } else {
        let mut rows = Vec::new();
        let result = NetlinkSocket::open(NETLINK_SOCK_DIAG, 0)
            .map_err(DiagError::Unavailable)
            .and_then(|mut socket| diag(&mut socket, &mut rows));
        match result {
            Ok(()) => {
                return Ok(Table {
                    rows,
                    warnings: Vec::new(),
                });
            }
            Err(e) => Some(e),
        }
    };
    match (refused, proc_table) {
        // No diag module and no file: the family is not there.
        (Some(DiagError::Unavailable(e)), None) if e.raw_os_error() == Some(libc::ENOENT) => {
            Err(FamilyError::Unsupported)
        }
        // Nothing was printed yet (the rows are collected): any refusal
        // falls back to the file, unless netlink was asked for.
        (Some(e), _) if preference == Preference::Netlink => {
            Err(FamilyError::Netlink(e.message(family)))
        }
        (Some(e), None) => Err(FamilyError::Netlink(e.message(family))),
        (None, None) => Err(FamilyError::Unsupported),
        (_, Some((path, parse))) => match proc::read(path) {
            Ok(data) => Ok(parse(&data)),
            Err(e) if e.is_missing_or_denied() => Err(FamilyError::Unsupported),
            Err(e) => Err(FamilyError::Proc(path, e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(
        errno: i32,
    ) -> impl FnOnce(&mut NetlinkSocket, &mut Vec<u8>) -> Result<(), DiagError> {
        move |_, _| {
            Err(DiagError::Unavailable(std::io::Error::from_raw_os_error(
                errno,
            )))
        }
    }

    fn no_rows(_: &[u8]) -> Table<u8> {
        Table::default()
    }

    const MISSING: ProcTable<u8> = ("/proc/net/no-such-table", no_rows);

    #[test]
    fn a_refused_dump_falls_back_or_says_why() {
        let outcome = |preference, errno, proc_table| match diag_or_proc(
            preference,
            "test",
            refused(errno),
            proc_table,
        ) {
            Ok(_) => "rows".to_string(),
            Err(FamilyError::Unsupported) => "unsupported".to_string(),
            Err(FamilyError::Netlink(message)) => message,
            Err(FamilyError::Proc(path, _)) => path.to_string(),
        };
        // No diag module, no /proc table: the family is missing.
        assert_eq!(outcome(Preference::Auto, libc::ENOENT, None), "unsupported");
        assert_eq!(
            outcome(Preference::Netlink, libc::ENOENT, None),
            "unsupported"
        );
        // Another refusal without a table is an error.
        let denied = outcome(Preference::Auto, libc::EACCES, None);
        assert!(
            denied.starts_with("netstat: sock_diag (test): "),
            "{denied}"
        );
        // With a table: its file, missing here, unless netlink was asked for.
        assert_eq!(
            outcome(Preference::Auto, libc::ENOENT, Some(MISSING)),
            "unsupported"
        );
        let forced = outcome(Preference::Netlink, libc::EACCES, Some(MISSING));
        assert!(
            forced.starts_with("netstat: sock_diag (test): "),
            "{forced}"
        );
    }

    #[test]
    fn proc_preferred_never_asks_the_kernel() {
        let asked = |_: &mut NetlinkSocket, _: &mut Vec<u8>| -> Result<(), DiagError> {
            panic!("the kernel was asked")
        };
        let result = diag_or_proc(Preference::Proc, "test", asked, Some(MISSING));
        assert!(matches!(result, Err(FamilyError::Unsupported)));
    }
}
