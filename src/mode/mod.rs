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

use crate::cli::{Mode, Netns, Options};
use crate::error::{Fatal, warn};
use crate::names::Names;
use crate::netns::{Sweep, discover};
use crate::render::Out;
use crate::source::owners::Owners;
use std::rc::Rc;

/// What every mode works with.
pub struct Context<'a> {
    pub options: &'a Options,
    pub out: &'a mut Out,
    pub names: &'a mut Names,
    /// The `-p` map of a whole `--all-netns` sweep (socket inodes are unique
    /// host-wide); `None`: the mode walks `/proc` itself when it needs to.
    pub owners: Option<Rc<Owners>>,
}

/// Run the selected mode, in the namespace(s) asked for, and return the exit
/// status.
pub fn run(options: &Options) -> i32 {
    let mut out = Out::stdout();
    let result = match &options.netns {
        Netns::All => sweep(options, &mut out),
        one => crate::netns::enter(one).and_then(|()| run_mode(options, &mut out, None)),
    };
    out.flush();
    match result {
        Ok(()) => 0,
        Err(fatal) => status(&fatal),
    }
}

/// Print a failure's message; its exit status.
fn status(fatal: &Fatal) -> i32 {
    if let Some(message) = &fatal.message {
        warn(message);
    }
    fatal.status
}

/// The selected mode in the current namespace, with fresh name caches (each
/// namespace may have its own `/etc` files).
fn run_mode(options: &Options, out: &mut Out, owners: Option<Rc<Owners>>) -> Result<(), Fatal> {
    let mut names = Names::new();
    let mut ctx = Context {
        options,
        out,
        names: &mut names,
        owners,
    };
    match options.mode {
        Mode::Sockets => sockets::run(&mut ctx),
        Mode::Route => route::run(&mut ctx),
        Mode::Interfaces => interfaces::run(&mut ctx),
        Mode::Statistics => stats::run(&mut ctx),
        Mode::Masquerade => masquerade::run(&mut ctx),
        Mode::Netlink => monitor::run(&mut ctx),
    }
}

/// `--all-netns`: a heading and the mode's output for every namespace (see
/// `netns::discover` for which and in what order). A namespace that fails
/// does not stop the others: its message is printed and the run's status
/// is the last failure's. Only a namespace that cannot be entered at all
/// (no privilege) ends the run. With `-c`, the whole sweep repeats, the
/// namespaces found afresh each time.
fn sweep(options: &Options, out: &mut Out) -> Result<(), Fatal> {
    let once = Options {
        continuous: false,
        ..options.clone()
    };
    let mut sweep = Sweep::new()?;
    let mut failure = None;
    loop {
        let namespaces = discover::all()?;
        let owners =
            (options.programs && options.mode == Mode::Sockets).then(|| Rc::new(Owners::scan()));
        for (index, netns) in namespaces.iter().enumerate() {
            let Some(inside) = sweep.enter(netns)? else {
                continue;
            };
            if index > 0 {
                out.bytes(b"\n");
            }
            out.bytes(&crate::render::netns::heading(netns));
            if let Err(fatal) = run_mode(&once, out, owners.clone()) {
                out.flush();
                status(&fatal);
                failure = Some(Fatal::silent(fatal.status));
            }
            out.flush();
            sweep.leave(inside);
        }
        if !options.continuous {
            return failure.map_or(Ok(()), Err);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// Run `pass` once, or with `-c` forever: flush, sleep one second, repeat
/// (spec §3.13). A failing pass ends the loop with its status.
pub fn repeat(
    ctx: &mut Context,
    mut pass: impl FnMut(&mut Context) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    loop {
        pass(ctx)?;
        if !ctx.options.continuous {
            return Ok(());
        }
        ctx.out.flush();
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
