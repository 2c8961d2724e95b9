//! Placeholder until this mode lands.

use super::Context;
use crate::error::Fatal;

pub fn run(_ctx: &mut Context) -> Result<(), Fatal> {
    Err(Fatal::new(1, "netstat: this mode is not implemented yet"))
}
