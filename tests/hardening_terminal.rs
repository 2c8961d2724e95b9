//! The terminal rule (README, deliberate differences): on a terminal, names chosen outside the
//! program are shown with control and invalid bytes escaped; in a pipe the bytes are net-tools'.
//!
//! A namespace holds a UNIX socket whose path holds `ESC [2J` (and a newline, at which
//! `/proc/net/unix` itself breaks the line), bound by a process
//! whose argv[0] holds the byte 0xff and an ESC, and a veth interface whose name holds
//! `ESC [7m` (the kernel accepts it), and a TCP listener on an address whose `/etc/hosts` name
//! holds `ESC [5m`. Through a pipe both programs print the same bytes; through a
//! real pseudo-terminal ours prints no ESC at all, and the escaped forms of `ls -b` instead.

mod common;

use common::{Check, Namespace, Program, Runner, assert_same};
use std::process::Command;

/// Binds the hostile path (under the directory `$1`), then reports `ready`.
const HOLDER: &str = r#"
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(os.path.join(sys.argv[1], "evil\x1b[2J\nforged row").encode())
s.listen(1)
t = socket.socket()
t.bind(("10.9.9.9", 7300))
t.listen(1)
print("ready", flush=True)
time.sleep(3600)
"#;

/// Runs `$1 $2 ...` with a new pseudo-terminal as its stdout (and stdin, stderr), copies what it
/// printed to our stdout, and exits with its exit status.
const ON_A_TERMINAL: &str = r#"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = bytearray()
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(bytes(out))
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// Our program's output for `args` in the namespace, on a terminal (the terminal turns each
/// `\n` into `\r\n`; that is undone here).
fn on_a_terminal(ns: &Namespace, args: &[&str]) -> Vec<u8> {
    let inner = ns.command(Program::Ours, args);
    let mut command = Command::new(common::python());
    command
        .arg("-c")
        .arg(ON_A_TERMINAL)
        .arg(inner.get_program())
        .args(inner.get_args());
    common::run::copy_env(&inner, &mut command);
    let out = command.output().expect("run on a pseudo-terminal");
    assert!(
        out.status.success(),
        "netstat {args:?} on a terminal: {out:?}"
    );
    let mut text = Vec::new();
    let mut bytes = out.stdout.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\r' && bytes.peek() == Some(&&b'\n') {
            continue;
        }
        text.push(b);
    }
    text
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn hostile_names_are_escaped_on_a_terminal_and_raw_in_a_pipe() {
    if !common::differential_enabled() {
        return;
    }
    // A host name chosen by whoever writes the name service's answers.
    let mut ns = Namespace::new(
        "terminal",
        "127.0.0.1\tlocalhost\n10.9.9.9\tevil\x1b[5mhost\n",
    );
    ns.ip(&["addr", "add", "10.9.9.9/32", "dev", "lo"]);
    ns.ip(&[
        "link",
        "add",
        "name",
        "e\x1b[7mv",
        "type",
        "veth",
        "peer",
        "name",
        "peer0",
    ]);
    ns.ip(&["link", "set", "e\x1b[7mv", "up"]);
    let dir = ns.dir().to_str().expect("UTF-8 scratch dir").to_owned();
    // argv[0] with 0xff and ESC: `-p` shows the ESC as `.` (CVE-2024-58251 rule), 0xff raw.
    let exec_as = r#"exec -a "$(printf 'holder\377\033[2Jx')" "$0" -c "$1" "$2""#;
    ns.start(
        &["bash", "-c", exec_as, common::python(), HOLDER, &dir],
        None,
    );

    // In a pipe: net-tools' bytes, ESC and newline included (`-p` differs from 2.10 only by
    // the program-name rule, which holds in a pipe too).
    for args in [&["-xa"][..], &["-ia"], &["-tl"]] {
        assert_same(&ns, args, Check::EXACT);
    }
    let piped = ns.run(Program::Ours, &["-xap"]).stdout;
    // /proc/net/unix itself breaks the line at the path's newline: both programs show the path
    // up to it and warn about the rest as a bogus line.
    assert!(contains(&piped, b"evil\x1b[2J\n"), "raw in a pipe");
    assert!(contains(&piped, b"/holder\xff.[2Jx"), "raw in a pipe");

    // On a terminal: no ESC anywhere, the escaped forms instead.
    let shown = on_a_terminal(&ns, &["-xap"]);
    let text = String::from_utf8_lossy(&shown);
    assert!(
        !shown.contains(&0x1b),
        "an ESC reached the terminal:\n{text}"
    );
    assert!(contains(&shown, b"/evil\\033[2J\n"), "{text}");
    assert!(contains(&shown, b"/holder\\377.[2Jx"), "{text}");

    let shown = on_a_terminal(&ns, &["-tl"]);
    let text = String::from_utf8_lossy(&shown);
    assert!(
        !shown.contains(&0x1b),
        "an ESC reached the terminal:\n{text}"
    );
    assert!(contains(&shown, b" evil\\033[5mhost:7300 "), "{text}");

    let shown = on_a_terminal(&ns, &["-ia"]);
    let text = String::from_utf8_lossy(&shown);
    assert!(
        !shown.contains(&0x1b),
        "an ESC reached the terminal:\n{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("e\\033[7mv ")), "{text}");
}
