//! `--json`: the structured printer beside the text one.
//!
//! A run (or one `-c` pass, or one `--netlink` event) is one JSON object on
//! one line. Its keys name the tables the text output would print, in the
//! same order (`inet`, `unix`, `routes`, ...); each holds an array of rows, or
//! an object for tables that are not row lists (`statistics`). Rows are
//! serialised with serde as they arrive, so memory stays flat.
//!
//! The document is opened by its first table and closed by [`Json::finish`]:
//! after a failure stdout holds either nothing or a complete document, never
//! half an array. The row types live in the submodules, one per table family;
//! `docs/schema/<mode>.schema.json` describe them, `docs/json.md` explains them.

pub mod details;
pub mod events;
pub mod families;
pub mod interfaces;
pub mod legacy;
pub mod masquerade;
pub mod netns;
pub mod routes;
pub mod sockets;
pub mod stats;
mod text;

pub use text::{OwnedText, Text, TextList};

use super::Out;
use serde::Serialize;

/// Where the document being written stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing written yet.
    Empty,
    /// `{` written, no table open.
    Object,
    /// Inside a table's array; `first` until its first row.
    Array { first: bool },
}

/// One JSON document at a time, streamed into [`Out`].
#[derive(Debug)]
pub struct Json {
    state: State,
    /// Reused for every row, so serialising costs no allocation per row.
    scratch: Vec<u8>,
    /// `"key":value` written first in every document (`--all-netns`: the
    /// namespace the document describes), or empty.
    context: Vec<u8>,
}

impl Default for Json {
    fn default() -> Self {
        Json {
            state: State::Empty,
            scratch: Vec::with_capacity(512),
            context: Vec::new(),
        }
    }
}

impl Json {
    /// A writer whose every document starts with `"key":value`.
    pub fn with_context<T: Serialize + ?Sized>(key: &str, value: &T) -> Self {
        let mut json = Json::default();
        let mut context = Vec::new();
        // As in `serialize`: plain data into a Vec cannot fail.
        if serde_json::to_writer(&mut context, key).is_ok() {
            context.push(b':');
            if serde_json::to_writer(&mut context, value).is_ok() {
                json.context = context;
            }
        }
        json
    }

    /// Start the array of table `key`, closing the previous one.
    pub fn table(&mut self, out: &mut Out, key: &str) {
        self.key(out, key);
        out.bytes(b"[");
        self.state = State::Array { first: true };
    }

    /// One row of the open table (a row without a table opens `rows`).
    pub fn row<T: Serialize + ?Sized>(&mut self, out: &mut Out, row: &T) {
        match self.state {
            State::Array { first: true } => {}
            State::Array { first: false } => out.bytes(b","),
            State::Empty | State::Object => {
                self.table(out, "rows");
            }
        }
        self.state = State::Array { first: false };
        self.serialize(out, row);
    }

    /// A table that is one value rather than a list of rows.
    pub fn value<T: Serialize + ?Sized>(&mut self, out: &mut Out, key: &str, value: &T) {
        self.key(out, key);
        self.serialize(out, value);
        self.state = State::Object;
    }

    /// Close the document, if one was started, with its newline. With
    /// `complete` (the pass succeeded) an empty run still prints `{}`.
    pub fn finish(&mut self, out: &mut Out, complete: bool) {
        match self.state {
            State::Empty if !complete => return,
            State::Empty => self.open(out),
            State::Object => {}
            State::Array { .. } => out.bytes(b"]"),
        }
        out.bytes(b"}\n");
        self.state = State::Empty;
    }

    /// `{` and the context, if any.
    fn open(&self, out: &mut Out) {
        out.bytes(b"{");
        out.bytes(&self.context);
    }

    /// Open the document if needed, close an open array, write `"key":`.
    fn key(&mut self, out: &mut Out, key: &str) {
        match self.state {
            State::Empty if self.context.is_empty() => out.bytes(b"{"),
            State::Empty => {
                self.open(out);
                out.bytes(b",");
            }
            State::Object => out.bytes(b","),
            State::Array { .. } => out.bytes(b"],"),
        }
        self.state = State::Object;
        self.serialize(out, key);
        out.bytes(b":");
    }

    fn serialize<T: Serialize + ?Sized>(&mut self, out: &mut Out, value: &T) {
        self.scratch.clear();
        // Serialising plain data into a Vec cannot fail: no map has
        // non-string keys and no Serialize impl here returns an error.
        if serde_json::to_writer(&mut self.scratch, value).is_ok() {
            out.bytes(&self.scratch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// An `Out` whose bytes the test can read back.
    fn capture() -> (Out, Arc<Mutex<Vec<u8>>>) {
        #[derive(Clone)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(data);
                Ok(data.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Arc::new(Mutex::new(Vec::new()));
        (Out::new(Box::new(Shared(buffer.clone()))), buffer)
    }

    fn document(build: impl FnOnce(&mut Json, &mut Out)) -> String {
        let (mut out, buffer) = capture();
        let mut json = Json::default();
        build(&mut json, &mut out);
        out.flush();
        String::from_utf8(buffer.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn the_context_opens_every_document() {
        let (mut out, buffer) = capture();
        let mut json = Json::with_context("netns", &[("inode", 7)]);
        json.table(&mut out, "inet");
        json.row(&mut out, &1);
        json.finish(&mut out, true);
        json.finish(&mut out, true);
        json.finish(&mut out, false);
        out.flush();
        assert_eq!(
            String::from_utf8(buffer.lock().unwrap().clone()).unwrap(),
            "{\"netns\":[[\"inode\",7]],\"inet\":[1]}\n{\"netns\":[[\"inode\",7]]}\n"
        );
    }

    #[test]
    fn tables_rows_and_values_make_one_line() {
        let text = document(|json, out| {
            json.table(out, "inet");
            json.row(out, &1);
            json.row(out, &2);
            json.table(out, "unix");
            json.value(out, "statistics", &[("a", 1)]);
            json.table(out, "groups");
            json.row(out, "x");
            json.finish(out, true);
        });
        assert_eq!(
            text,
            "{\"inet\":[1,2],\"unix\":[],\"statistics\":[[\"a\",1]],\"groups\":[\"x\"]}\n"
        );
    }

    #[test]
    fn an_empty_pass_is_an_empty_object_and_a_failure_before_any_table_prints_nothing() {
        assert_eq!(document(|json, out| json.finish(out, true)), "{}\n");
        assert_eq!(document(|json, out| json.finish(out, false)), "");
        let failed = document(|json, out| {
            json.table(out, "inet");
            json.row(out, &1);
            json.finish(out, false);
        });
        assert_eq!(failed, "{\"inet\":[1]}\n");
    }

    #[test]
    fn passes_are_lines() {
        let text = document(|json, out| {
            for pass in 0..2 {
                json.table(out, "inet");
                json.row(out, &pass);
                json.finish(out, true);
            }
        });
        assert_eq!(text, "{\"inet\":[0]}\n{\"inet\":[1]}\n");
    }
}
