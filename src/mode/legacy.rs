//! IPX, AX.25, X.25, NET/ROM and ROSE socket sections (spec §3.12).
//! Placeholder: only the missing-file rules of spec §3.11.

use super::{Context, no_support};
use crate::error::Fatal;

/// The legacy families in listing order: (selected?, file, family name).
fn families(ctx: &Context) -> [(bool, &'static str, &'static str); 5] {
    let f = ctx.options.families;
    [
        (f.ipx, "/proc/net/ipx/socket", "AF IPX"),
        (f.ax25, "/proc/net/ax25", "AF AX25"),
        (f.x25, "/proc/net/x25", "AF X25"),
        (f.netrom, "/proc/net/nr", "AF NETROM"),
        (f.rose, "/proc/net/rose", "AF ROSE"),
    ]
}

/// Every legacy section, in order.
pub fn sections(ctx: &mut Context) -> Result<(), Fatal> {
    for (selected, path, name) in families(ctx) {
        if ctx.options.explicit != 0 && !selected {
            continue;
        }
        if !crate::source::proc::real_path(path).exists() {
            no_support(ctx.options, name, false)?;
        }
    }
    Ok(())
}
