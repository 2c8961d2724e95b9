//! Multicast group memberships, `-g` (spec §3.9). Placeholder.

use super::Context;
use crate::error::Fatal;

/// The group section of the socket listing.
pub fn section(_ctx: &mut Context) -> Result<(), Fatal> {
    Err(Fatal::new(1, "netstat: -g is not implemented yet"))
}
