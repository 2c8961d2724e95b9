//! One small module per mode: source → names → render, and the `-c` loop.

pub mod families;
pub mod groups;
pub mod interfaces;
pub mod legacy;
pub mod legacy_routes;
pub mod masquerade;
pub mod monitor;
pub mod route;
pub mod sctp;
pub mod socket_tables;
pub mod sockets;
pub mod stats;

use crate::cli::{Mode, Netns, Options};
use crate::error::{Fatal, warn};
use crate::model::netns::Netns as NetnsInfo;
use crate::names::Names;
use crate::netns::ordered::ordered;
use crate::netns::{Home, Sweep, discover};
use crate::render::Out;
use crate::render::json::Json;
use crate::render::json::netns::NetnsView;
use crate::render::output::Kept;
use crate::source::owners::Owners;
use serde::Serialize;
use std::sync::Arc;

/// What every mode works with.
pub struct Context<'a> {
    pub options: &'a Options,
    pub out: &'a mut Out,
    pub names: &'a mut Names,
    /// The `-p` map of a whole `--all-netns` sweep (socket inodes are unique
    /// host-wide); `None`: the mode walks `/proc` itself when it needs to.
    pub owners: Option<Arc<Owners>>,
    /// With `--json`, the document being written; text otherwise. A mode
    /// asks [`Context::json`] at each table and row which printer to use.
    pub json: Option<Json>,
}

impl Context<'_> {
    /// Start a table: its text header, or its key in the JSON document.
    pub fn table(&mut self, key: &str, header: &[u8]) {
        match &mut self.json {
            Some(json) => json.table(self.out, key),
            None => self.out.bytes(header),
        }
    }

    /// Whether rows go to the JSON printer (see [`Context::row`]).
    pub fn json(&self) -> bool {
        self.json.is_some()
    }

    /// One structured row of the open table (JSON only).
    pub fn row<T: Serialize + ?Sized>(&mut self, row: &T) {
        if let Some(json) = &mut self.json {
            json.row(self.out, row);
        }
    }

    /// A table that is one structured value (JSON only).
    pub fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if let Some(json) = &mut self.json {
            json.value(self.out, key, value);
        }
    }

    /// Text that only the text printer shows (titles, notes on stdout).
    pub fn text(&mut self, text: &[u8]) {
        if self.json.is_none() {
            self.out.bytes(text);
        }
    }

    /// End the current JSON document (a pass, an event, or the run);
    /// `complete` is false when a failure cut it short.
    pub fn end_document(&mut self, complete: bool) {
        if let Some(json) = &mut self.json {
            json.finish(self.out, complete);
        }
    }
}

/// Run the selected mode, in the namespace(s) asked for, and return the exit
/// status.
pub fn run(options: &Options) -> i32 {
    let mut out = Out::stdout();
    let result = match &options.netns {
        Netns::All => sweep(options, &mut out),
        one => crate::netns::enter(one).and_then(|()| run_mode(options, &mut out, None)),
    };
    // The mode's own failure first, then a failed write (both are reported).
    let mut code = 0;
    for fatal in [result.err(), out.check().err()].into_iter().flatten() {
        let status = status(&fatal);
        if code == 0 {
            code = status;
        }
    }
    code
}

/// Print a failure's message; its exit status.
fn status(fatal: &Fatal) -> i32 {
    if let Some(message) = &fatal.message {
        warn(message);
    }
    fatal.status
}

/// One namespace of a sweep: what it is, and the sweep's `-p` map.
struct Visit<'a> {
    netns: &'a NetnsInfo,
    owners: Option<Arc<Owners>>,
}

/// The selected mode in the current namespace, with fresh name caches (each
/// namespace may have its own `/etc` files). In a sweep, the namespace's
/// heading comes first: a text line, or the `netns` object that opens every
/// JSON document.
fn run_mode(options: &Options, out: &mut Out, visit: Option<Visit>) -> Result<(), Fatal> {
    let mut names = Names::new();
    let json = options.json.then(|| match &visit {
        Some(visit) => Json::with_context("netns", &NetnsView::new(visit.netns)),
        None => Json::default(),
    });
    let mut ctx = Context {
        options,
        out,
        names: &mut names,
        owners: visit.as_ref().and_then(|v| v.owners.clone()),
        json,
    };
    if let Some(visit) = &visit {
        ctx.text(&crate::render::netns::heading(visit.netns));
    }
    let result = match options.mode {
        Mode::Sockets => sockets::run(&mut ctx),
        Mode::Route => route::run(&mut ctx),
        Mode::Interfaces => interfaces::run(&mut ctx),
        Mode::Statistics => stats::run(&mut ctx),
        Mode::Masquerade => masquerade::run(&mut ctx),
        Mode::Netlink => monitor::run(&mut ctx),
    };
    if result.is_err() {
        ctx.end_document(false);
    }
    result
}

/// `--all-netns`: a heading and the mode's output for every namespace (see
/// `netns::discover` for which and in what order). The namespaces are listed
/// concurrently on worker threads (see [`sweep_workers`]), each section kept
/// in memory and written out in the list's order, at most [`SWEEP_WINDOW`]
/// sections ahead of the output. A namespace that fails does not stop the
/// others, nor does one that cannot be entered (no privilege) or is gone:
/// its message is printed (a failure's in its turn) and the run's status is
/// the last failure's. With `-c`, the whole sweep repeats, the namespaces found afresh
/// each time.
fn sweep(options: &Options, out: &mut Out) -> Result<(), Fatal> {
    let once = Options {
        continuous: false,
        ..options.clone()
    };
    let home = Home::open()?;
    let mut failure = None;
    loop {
        let namespaces = discover::all()?;
        let owners = (options.mode == Mode::Sockets && sockets::needs_owners(options))
            .then(|| Arc::new(sockets::scan_owners(options)));
        let workers = sweep_workers(options, &namespaces);
        let list =
            |sweep: &mut Sweep, netns: &NetnsInfo| list_one(&once, sweep, netns, owners.clone());
        ordered(
            &namespaces,
            workers,
            SWEEP_WINDOW,
            || Sweep::new(&home),
            list,
            |index, section| {
                if let Some(bytes) = section.output {
                    if index > 0 && !options.json {
                        out.bytes(b"\n");
                    }
                    out.bytes(&bytes);
                }
                out.flush();
                if let Some(fatal) = section.failure {
                    failure = Some(Fatal::silent(status(&fatal)));
                }
            },
        );
        if !options.continuous {
            return failure.map_or(Ok(()), Err);
        }
        // Output that cannot be written ends `-c`, as in `repeat`.
        out.check()?;
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// How many sections of a sweep may be listed ahead of the one being written
/// out (memory, and how stale a section may be when it is printed).
const SWEEP_WINDOW: usize = 4;

/// One thread per core; only one when names are looked up and some
/// namespace has `/etc/netns` files of its own: the C library keeps one
/// name-service configuration per process, so two threads looking up names
/// under different `/etc` files at once could each get the other's answers.
fn sweep_workers(options: &Options, namespaces: &[NetnsInfo]) -> usize {
    let numeric = options.numeric_hosts && options.numeric_ports && options.numeric_users;
    if !numeric && namespaces.iter().any(crate::netns::has_own_etc) {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// One namespace's part of a sweep, made on a worker thread.
struct Section {
    /// Heading and listing; None when the namespace was not listed.
    output: Option<Vec<u8>>,
    /// The failure to report in its turn (a skipped namespace's note too).
    failure: Option<Fatal>,
}

/// Enter `netns` on this worker thread and run the mode there.
fn list_one(
    options: &Options,
    sweep: &mut Sweep,
    netns: &NetnsInfo,
    owners: Option<Arc<Owners>>,
) -> Section {
    let inside = match sweep.enter(netns) {
        Ok(Some(inside)) => inside,
        Ok(None) => {
            warn(&crate::netns::gone(netns));
            return Section {
                output: None,
                failure: None,
            };
        }
        Err(fatal) => {
            return Section {
                output: None,
                failure: Some(fatal),
            };
        }
    };
    let kept = Kept::default();
    let mut out = kept.out();
    let failure = run_mode(options, &mut out, Some(Visit { netns, owners })).err();
    out.flush();
    sweep.leave(inside);
    Section {
        output: Some(kept.take()),
        failure,
    }
}

/// Run `pass` once, or with `-c` forever: flush, sleep one second, repeat
/// (spec §3.13). A failing pass, or output that cannot be written, ends the
/// loop with its status. With `--json` each pass is one document, one line.
pub fn repeat(
    ctx: &mut Context,
    mut pass: impl FnMut(&mut Context) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    loop {
        pass(ctx)?;
        ctx.end_document(true);
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
