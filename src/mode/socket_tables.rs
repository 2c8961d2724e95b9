//! What the socket sections share: the generic reader rules for a protocol
//! with an IPv4 and an IPv6 table, and the structured `-p` owner field.

use super::{Context, no_support};
use crate::error::Fatal;
use crate::render::json::sockets as json;
use crate::source::owners::Owners;
use crate::source::proc::{self, ReadError};
use crate::source::sockets::SourceError;

/// The error that ends the listing when a table cannot be read.
fn source_fatal(path: &str, e: SourceError) -> Fatal {
    match e {
        SourceError::Proc(e) => Fatal::perror(path, e.io()),
        SourceError::Netlink(message) => Fatal::new(1, message),
    }
}

/// net-tools' generic reader for a protocol with an IPv4 and an IPv6 file
/// (spec §3.1, §3.11), over whole `/proc` files: `each` gets a file's bytes
/// and whether it is the IPv6 one.
pub(super) fn read_pair(
    ctx: &mut Context,
    paths: [&str; 2],
    family: &str,
    mut each: impl FnMut(&mut Context, &[u8], bool),
) -> Result<(), Fatal> {
    pair_rule(ctx, paths, family, |ctx, ipv6| {
        let data = proc::read(paths[usize::from(ipv6)]).map_err(SourceError::Proc)?;
        each(ctx, &data, ipv6);
        Ok(())
    })
}

/// The rules of that reader, whatever serves the rows: the IPv4 table when
/// inet is selected (or nothing is), with the "no support" rule when its file
/// is missing or forbidden; the IPv6 table likewise, but skipped silently when
/// its file cannot be opened. Any other failure ends the listing (`perror`
/// and 255 for a file). `table` prints one table; its flag says IPv6.
pub(super) fn pair_rule(
    ctx: &mut Context,
    [v4_path, v6_path]: [&str; 2],
    family: &str,
    mut table: impl FnMut(&mut Context, bool) -> Result<(), SourceError>,
) -> Result<(), Fatal> {
    let o = ctx.options;
    let mut status = Ok(());
    if o.explicit == 0 || o.families.inet {
        match table(ctx, false) {
            Ok(()) => {}
            Err(SourceError::Proc(e)) if e.is_missing_or_denied() => {
                status = no_support(o, family, o.no_protocol_given);
            }
            Err(e) => return Err(source_fatal(v4_path, e)),
        }
    }
    if o.explicit == 0 || o.families.inet6 {
        match table(ctx, true) {
            Ok(()) | Err(SourceError::Proc(ReadError::Open(_))) => {}
            Err(e) => return Err(source_fatal(v6_path, e)),
        }
    }
    status
}

/// The `-p` owner of a socket as a structured field.
pub(super) fn owner(owners: &Owners, inode: u64) -> json::Owner<'_> {
    match owners.process(inode) {
        Some(process) => json::Owner::Known {
            pid: process.pid,
            program_name: process.program_name(),
            cmdline: &process.cmdline,
        },
        None => json::Owner::Unknown,
    }
}
