//! SCTP rows (spec §3.8). Placeholder: only the missing-file rules.

use super::{Context, no_support};
use crate::error::Fatal;

/// The SCTP part of the Internet listing. `label` gives the `-p` text of an inode.
pub fn section(ctx: &mut Context, _label: &mut dyn FnMut(u64) -> Vec<u8>) -> Result<(), Fatal> {
    let o = ctx.options;
    if (o.explicit == 0 || o.families.inet)
        && !crate::source::proc::real_path("/proc/net/sctp/eps").exists()
    {
        return no_support(o, "AF INET (sctp)", o.no_protocol_given);
    }
    Ok(())
}
