//! Running one of the two compared programs and capturing what it did.

use std::ffi::OsStr;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// net-tools' netstat, the oracle.
pub const REFERENCE: &str = "/usr/bin/netstat";
/// Set to `1` to skip differential tests on a machine without net-tools.
pub const SKIP_VARIABLE: &str = "NETSTAT_SKIP_DIFFERENTIAL";
/// A run that takes longer than this is killed and reported.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// `bash -c` script that runs `$0` with argv[0] `netstat` (dash has no `exec -a`).
pub const EXEC_AS_NETSTAT: &str = r#"exec -a netstat "$0" "$@""#;

/// Whether differential tests can run. Without `/usr/bin/netstat` this panics with the install
/// hint, unless `NETSTAT_SKIP_DIFFERENTIAL=1` asks to skip (then it returns false).
pub fn differential_enabled() -> bool {
    if Path::new(REFERENCE).exists() {
        return true;
    }
    if std::env::var_os(SKIP_VARIABLE).is_some_and(|v| v == "1") {
        eprintln!("{REFERENCE} is missing: differential test skipped ({SKIP_VARIABLE}=1)");
        return false;
    }
    panic!(
        "{REFERENCE} is missing; the differential tests compare against it. \
         Install it with `apt-get install net-tools` (or set {SKIP_VARIABLE}=1 to skip them)."
    );
}

/// Which of the two programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `/usr/bin/netstat` from net-tools.
    Reference,
    /// The binary built from this crate.
    Ours,
}

impl Program {
    pub fn path(self) -> &'static Path {
        Path::new(match self {
            Program::Reference => REFERENCE,
            Program::Ours => env!("CARGO_BIN_EXE_netstat"),
        })
    }
}

/// Somewhere both programs can run on the same state: a namespace, a fixture tree.
pub trait Runner {
    /// The command that runs `program` with `args` (argv[0] `netstat`) on this state.
    fn command(&self, program: Program, args: &[&str]) -> Command;

    /// The directory our program reads as `/proc` (`PROC_ROOT`), when it is not `/proc`.
    fn proc_root(&self) -> Option<&Path> {
        None
    }

    /// Run it and capture the outcome. Our messages name the files actually opened; on a
    /// fixture tree those paths are given back their `/proc` names, which net-tools (reading the
    /// tree mounted on `/proc`) prints.
    fn run(&self, program: Program, args: &[&str]) -> Outcome {
        let mut outcome = capture(self.command(program, args));
        if let (Program::Ours, Some(root)) = (program, self.proc_root()) {
            outcome.stderr = as_proc_paths(&outcome.stderr, root);
        }
        outcome
    }
}

/// `text` with every `ROOT/` replaced by `/proc/`.
pub fn as_proc_paths(text: &[u8], root: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    let mut from = root.as_os_str().as_bytes().to_vec();
    from.push(b'/');
    let mut result = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from.as_slice()) {
        result.extend_from_slice(&rest[..at]);
        result.extend_from_slice(b"/proc/");
        rest = &rest[at + from.len()..];
    }
    result.extend_from_slice(rest);
    result
}

/// What a run printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: ExitStatus,
    /// Killed after the time limit.
    pub timed_out: bool,
}

impl Outcome {
    /// The status as a shell would show it (`signal N` when killed).
    pub fn status_text(&self) -> String {
        let mut text = match (self.status.code(), self.status.signal()) {
            (Some(code), _) => code.to_string(),
            (None, Some(signal)) => format!("signal {signal}"),
            (None, None) => format!("{:?}", self.status),
        };
        if self.timed_out {
            text.push_str(" (timed out)");
        }
        text
    }

    /// (stdout, stderr, exit code) as text, for asserting on our program's output directly.
    pub fn text(&self) -> (String, String, Option<i32>) {
        (
            String::from_utf8_lossy(&self.stdout).into_owned(),
            String::from_utf8_lossy(&self.stderr).into_owned(),
            self.status.code(),
        )
    }
}

/// The system Python (its argv[0] is what `-p` shows); any `python3` on PATH otherwise.
pub fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// A command with a clean environment: `PATH` and the C locale only.
pub fn clean(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("PATH", "/usr/bin:/bin:/usr/sbin:/sbin")
        .env("LC_ALL", "C");
    command
}

/// The environment `from` sets (after its `env_clear`), set on `to` instead of `to`'s own.
pub fn copy_env(from: &Command, to: &mut Command) {
    to.env_clear();
    for (key, value) in from.get_envs() {
        if let Some(value) = value {
            to.env(key, value);
        }
    }
}

/// A command that runs `program` as `netstat` with `args`, behind an optional `wrapper` (e.g.
/// `nsenter ...`), in a clean environment.
pub fn as_netstat(wrapper: &[&str], program: &Path, args: &[&str]) -> Command {
    let mut command;
    match wrapper.split_first() {
        None => {
            command = clean(program);
            command.arg0("netstat");
        }
        Some((first, rest)) => {
            command = clean(first);
            command
                .args(rest)
                .args(["bash", "-c", EXEC_AS_NETSTAT])
                .arg(program);
        }
    }
    command.args(args);
    command
}

/// Run `command` to completion (or the time limit) and capture its output. The command gets its
/// own process group so that a hung run can be killed with everything it started.
pub fn capture(mut command: Command) -> Outcome {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let group = child.id() as libc::pid_t;
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let (output, timed_out) = match result.recv_timeout(TIME_LIMIT) {
        Ok(output) => (output, false),
        Err(_) => {
            // SAFETY: killpg has no memory-safety preconditions; the group is our child's.
            unsafe { libc::killpg(group, libc::SIGKILL) };
            (result.recv().expect("waiter thread ended"), true)
        }
    };
    let output = output.unwrap_or_else(|e| panic!("cannot wait for {command:?}: {e}"));
    Outcome {
        stdout: output.stdout,
        stderr: output.stderr,
        status: output.status,
        timed_out,
    }
}
