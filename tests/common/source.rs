//! Running our netstat with a forced socket source (`NETSTAT_SOURCE`), so that every
//! comparison can be made once per source. net-tools runs unchanged.

use super::run::{Program, Runner};
use std::path::Path;
use std::process::Command;

/// The values of `NETSTAT_SOURCE` a suite runs under: the default, then each source forced.
pub const SOURCES: [&str; 3] = ["auto", "netlink", "proc"];

/// Another runner, with `NETSTAT_SOURCE=source` for our program.
pub struct WithSource<'a> {
    pub inner: &'a dyn Runner,
    pub source: &'a str,
}

impl Runner for WithSource<'_> {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        let mut command = self.inner.command(program, args);
        if program == Program::Ours {
            command.env("NETSTAT_SOURCE", self.source);
        }
        command
    }

    fn proc_root(&self) -> Option<&Path> {
        self.inner.proc_root()
    }
}
