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

use crate::cli::{Mode, Options};
use crate::error::{Fatal, warn};
use crate::names::Names;
use crate::render::Out;
use crate::render::json::Json;
use serde::Serialize;

/// What every mode works with.
pub struct Context<'a> {
    pub options: &'a Options,
    pub out: &'a mut Out,
    pub names: &'a mut Names,
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

/// Run the selected mode and return the exit status.
pub fn run(options: &Options) -> i32 {
    let mut out = Out::stdout();
    let mut names = Names::new();
    let mut ctx = Context {
        options,
        out: &mut out,
        names: &mut names,
        json: options.json.then(Json::default),
    };
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
