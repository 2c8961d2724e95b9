//! One small module per mode: source → names → render, and the `-c` loop.

pub mod groups;
pub mod interfaces;
pub mod legacy;
pub mod legacy_routes;
pub mod masquerade;
pub mod monitor;
pub mod route;
pub mod sctp;
pub mod sockets;
pub mod stats;

use crate::cli::{Mode, Options};
use crate::error::{Fatal, warn};
use crate::names::Names;
use crate::render::Out;

/// What every mode works with.
pub struct Context<'a> {
    pub options: &'a Options,
    pub out: &'a mut Out,
    pub names: &'a mut Names,
}

/// Run the selected mode and return the exit status.
pub fn run(options: &Options) -> i32 {
    let mut out = Out::stdout();
    let mut names = Names::new();
    let mut ctx = Context {
        options,
        out: &mut out,
        names: &mut names,
    };
    let result = match options.mode {
        Mode::Sockets => sockets::run(&mut ctx),
        Mode::Route => route::run(&mut ctx),
        Mode::Interfaces => interfaces::run(&mut ctx),
        Mode::Statistics => stats::run(&mut ctx),
        Mode::Masquerade => masquerade::run(&mut ctx),
        Mode::Netlink => monitor::run(&mut ctx),
    };
    // The mode's own failure first, then a failed write (both are reported).
    let mut status = 0;
    for fatal in [result.err(), out.check().err()].into_iter().flatten() {
        if let Some(message) = &fatal.message {
            warn(message);
        }
        if status == 0 {
            status = fatal.status;
        }
    }
    status
}

/// Run `pass` once, or with `-c` forever: flush, sleep one second, repeat
/// (spec §3.13). A failing pass, or output that cannot be written, ends the
/// loop with its status.
pub fn repeat(
    ctx: &mut Context,
    mut pass: impl FnMut(&mut Context) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    loop {
        pass(ctx)?;
        if !ctx.options.continuous {
            return Ok(());
        }
        ctx.out.check()?;
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// The "no support" rule shared by every socket family (spec §3.11): print the
/// message when the family was asked for (or `-v`), and fail with status 1
/// when it was asked for.
pub fn no_support(options: &Options, family: &str, quiet: bool) -> Result<(), Fatal> {
    if quiet {
        return Ok(());
    }
    if options.explicit > 0 || options.verbose {
        warn(&format!(
            "netstat: no support for `{family}' on this system."
        ));
    }
    if options.explicit > 0 {
        Err(Fatal::silent(1))
    } else {
        Ok(())
    }
}
