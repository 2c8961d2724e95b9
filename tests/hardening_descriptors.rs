//! `-p` under a low RLIMIT_NOFILE (issue "hardening"): where net-tools still names the owner,
//! so does this program; where it cannot, a row shows `-`, never a half label `PID/`.

mod common;

use common::run::EXEC_AS_NETSTAT;
use common::{Check, Namespace, Program, Runner, compare};
use std::process::Command;

/// Holds a TCP listener, a connection pair and a UNIX listener, then reports `ready`.
const HOLDER: &str = r#"
import os, socket, sys, time
l = socket.socket(); l.bind(("127.0.0.1", 7000)); l.listen(4)
c = socket.create_connection(("127.0.0.1", 7000)); a, _ = l.accept()
u = socket.socket(socket.AF_UNIX); u.bind(os.path.join(sys.argv[1], "held.sock")); u.listen(1)
print("ready", flush=True)
time.sleep(3600)
"#;

/// Another runner whose programs start with at most `limit` open files (soft and hard).
struct Limited<'a> {
    inner: &'a dyn Runner,
    limit: u32,
}

impl Runner for Limited<'_> {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        let inner = self.inner.command(program, args);
        // The rig starts each program through `bash -c EXEC_AS_NETSTAT`: set the limit there, so
        // that only the compared program runs under it.
        let limited = format!("ulimit -n {} && {EXEC_AS_NETSTAT}", self.limit);
        let mut command = Command::new(inner.get_program());
        command.args(inner.get_args().map(|arg| {
            if arg == EXEC_AS_NETSTAT {
                limited.as_str().as_ref()
            } else {
                arg
            }
        }));
        common::run::copy_env(&inner, &mut command);
        command
    }
}

#[test]
fn low_descriptor_limits_give_whole_labels_or_none() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("nofile", "127.0.0.1\tlocalhost\n");
    let dir = ns.dir().to_str().expect("UTF-8 scratch dir").to_owned();
    ns.start(&[common::python(), "-c", HOLDER, &dir], None);

    // Where net-tools has enough descriptors to name the owners, both print the same.
    let mut failures = Vec::new();
    for limit in [6, 7, 8, 64] {
        let limited = Limited { inner: &ns, limit };
        for args in [&["-tanp"][..], &["-xap"]] {
            if let Err(report) = compare(&limited, args, Check::EXACT) {
                failures.push(format!("RLIMIT_NOFILE {limit}: {report}"));
            }
        }
    }
    common::assert_no_differences(&failures);

    // Below that, every program column is a whole `PID/name` or `-`.
    for limit in [4, 5] {
        let out = Limited { inner: &ns, limit }.run(Program::Ours, &["-tanp"]);
        let (stdout, stderr, status) = out.text();
        assert_eq!(status, Some(0), "limit {limit}: {stderr}");
        for row in stdout.lines().filter(|l| l.starts_with("tcp")) {
            let label = row.split_whitespace().nth(6).unwrap_or_default();
            let whole = label == "-"
                || label
                    .split_once('/')
                    .is_some_and(|(pid, name)| pid.parse::<u32>().is_ok() && !name.is_empty());
            assert!(whole, "limit {limit}: half label in {row:?}");
        }
    }
}
