//! `-c` under test: a runner whose programs are stopped after their first two passes.

use super::namespace::Namespace;
use super::run::{Program, Runner};
use std::process::Command;

/// A namespace runner whose programs are stopped by SIGINT after 1.6 s: two `-c` passes (at 0
/// and 1 s; each pass is flushed before the sleep).
pub struct TwoPasses<'a>(pub &'a Namespace);

impl Runner for TwoPasses<'_> {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        let inner = self.0.command(program, args);
        // The rig runs `bash -c 'exec -a netstat "$0" "$@"' PROGRAM ARGS`; put `timeout` in front
        // of that inner exec so the signal reaches the program itself.
        let script = r#"exec -a netstat "$0" "$@""#;
        let timed = r#"exec timeout -s INT 1.6 bash -c 'exec -a netstat "$0" "$@"' "$0" "$@""#;
        let mut found = false;
        let mut command = Command::new(inner.get_program());
        command.env_clear();
        for (key, value) in inner.get_envs() {
            if let Some(value) = value {
                command.env(key, value);
            }
        }
        for arg in inner.get_args() {
            if arg == script {
                found = true;
                command.arg(timed);
            } else {
                command.arg(arg);
            }
        }
        assert!(found, "the rig's command no longer has the expected shape");
        command
    }
}
