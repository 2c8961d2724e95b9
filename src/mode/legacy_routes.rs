//! Route printers of the legacy families (ax25, netrom, rose, ipx, x25,
//! ddp; spec §4.5). Placeholder: only what net-tools prints when their files
//! are missing, as on every current kernel.

use super::Context;
use crate::error::Fatal;

/// Print the routing table of one legacy family.
pub fn print(ctx: &mut Context, family: &str) -> Result<(), Fatal> {
    let enoent = "No such file or directory";
    let (stdout, stderr) = match family {
        "ax25" => (
            "AX.25 not configured in this system.\n",
            format!("/proc/net/ax25_route: {enoent}"),
        ),
        "netrom" => (
            "NET/ROM not configured in this system.\n",
            format!("/proc/net/nr_nodes: {enoent}\n/proc/net/nr_neigh: Invalid argument"),
        ),
        "rose" => (
            "",
            format!("/proc/net/rose_nodes: {enoent}\nROSE not configured in this system."),
        ),
        "ipx" => (
            "IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n",
            enoent.to_string(),
        ),
        "x25" => ("X.25 not configured in this system.\n", String::new()),
        _ => (
            "",
            format!(
                "Error opening /proc/net/atalk_route: {enoent}\nDDP (AppleTalk) not configured on this system."
            ),
        ),
    };
    ctx.out.str(stdout);
    if stderr.is_empty() {
        Err(Fatal::silent(1))
    } else {
        Err(Fatal::new(1, stderr))
    }
}
