//! Churn and soak (issue "hardening"): while helper processes open and close thousands of
//! loopback connections per second in a private namespace (TCP over IPv4 and IPv6, half of them
//! reset, half left in TIME_WAIT; UDP sockets; UNIX stream connections and named datagram sockets
//! bound and unlinked), `-tan`, `-tanp`, `-an`, `-xan` and `-tanc` run again and again on every
//! socket source. Every line they print must have the exact shape of its table (the headers, or
//! a row whose columns sit at net-tools' offsets and hold what the column holds), and nothing may
//! appear on stderr. Bounded: a few seconds per source; the achieved churn rate is printed.

mod common;

use common::{Namespace, Program, Runner, SOURCES, WithSource};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `churn.py ROLE DIR`: ROLE is `tcp4`, `tcp6` or `unix`. Prints `ready` once its listener is up,
/// then churns until killed, writing the number of connections made so far to `DIR/count-ROLE`
/// every 200.
const CHURN: &str = r#"
import os, socket, struct, sys, threading
role, d = sys.argv[1], sys.argv[2]
S = socket.socket
if role == "unix":
    family, address = socket.AF_UNIX, os.path.join(d, "churn.sock")
elif role == "tcp6":
    family, address = socket.AF_INET6, ("::1", 7201)
else:
    family, address = socket.AF_INET, ("127.0.0.1", 7200)
l = S(family, socket.SOCK_STREAM)
if family != socket.AF_UNIX:
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(address)
l.listen(1024)
def accept():
    while True:
        a, _ = l.accept()
        a.close()
threading.Thread(target=accept, daemon=True).start()
reset = struct.pack("ii", 1, 0)
print("ready", flush=True)
n = 0
while True:
    c = S(family, socket.SOCK_STREAM)
    if n % 2 and family != socket.AF_UNIX:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, reset)
    try:
        c.connect(address)
    except OSError:
        pass
    c.close()
    if role == "unix":
        path = os.path.join(d, "d-%d" % (n % 50))
        g = S(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            g.bind(path)
        except OSError:
            pass
        g.close()
        try:
            os.unlink(path)
        except OSError:
            pass
    elif n % 4 == 0:
        u = S(family, socket.SOCK_DGRAM)
        u.bind((address[0], 0))
        u.close()
    n += 1
    if n % 200 == 0:
        count = os.path.join(d, "count-" + role)
        with open(count + ".new", "w") as f:
            f.write(str(n))
        os.replace(count + ".new", count)
"#;

const ROLES: [&str; 3] = ["tcp4", "tcp6", "unix"];
/// One-shot invocations, each run this many times per source.
const ONE_SHOT: [&str; 4] = ["-tan", "-tanp", "-an", "-xan"];
const REPEATS: usize = 6;
/// How long `-tanc` runs per source before it is stopped.
const CONTINUOUS: Duration = Duration::from_millis(2200);

/// The TCP state names net-tools prints (its `tcp_state` table, numbers 1 to 11).
const TCP_STATES: &str = "ESTABLISHED SYN_SENT SYN_RECV FIN_WAIT1 FIN_WAIT2 TIME_WAIT CLOSE CLOSE_WAIT LAST_ACK LISTEN CLOSING";
const UNIX_TYPES: [&str; 5] = ["STREAM", "DGRAM", "RAW", "RDM", "SEQPACKET"];
const UNIX_STATES: [&str; 6] = [
    "FREE",
    "LISTENING",
    "CONNECTING",
    "CONNECTED",
    "DISCONNECTING",
    "",
];
const HEADERS: [&str; 6] = [
    "Active Internet connections (servers and established)",
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State      ",
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ",
    "Active UNIX domain sockets (servers and established)",
    "Proto RefCnt Flags       Type       State         I-Node   Path",
    "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path",
];

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A reader of one row that follows the printf calls net-tools makes: a field never is cut, so
/// a value wider than its column (a 10-digit Send-Q) pushes the rest of the row right, and the
/// padding after (or before) it is exactly what printf would add.
struct Row<'a> {
    rest: &'a str,
}

impl<'a> Row<'a> {
    /// `%-Ns`: a word (possibly empty), then spaces up to `width`.
    fn left(&mut self, width: usize) -> Option<&'a str> {
        let end = self.rest.find(' ').unwrap_or(self.rest.len());
        let (word, after) = self.rest.split_at(end);
        let pad = width.saturating_sub(word.len());
        let after = after
            .get(..pad)
            .filter(|p| p.bytes().all(|b| b == b' '))
            .map(|_| &after[pad..])?;
        self.rest = after;
        Some(word)
    }

    /// `%Nld`: spaces, then a number, `width` bytes in all unless longer.
    fn right(&mut self, width: usize) -> Option<&'a str> {
        let digits_at = self.rest.find(|c: char| c != ' ')?;
        let end = self.rest[digits_at..]
            .find(' ')
            .map_or(self.rest.len(), |n| digits_at + n);
        let number = &self.rest[digits_at..end];
        if digits_at != width.saturating_sub(number.len()) || !digits(number) {
            return None;
        }
        self.rest = &self.rest[end..];
        Some(number)
    }

    /// A literal.
    fn text(&mut self, literal: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(literal)?;
        Some(())
    }
}

/// `host:port` as `-n` prints it: an IPv4 address, or an IPv6 address (possibly cut to fit the
/// 23 columns), then a port number or `*`.
fn address(text: &str) -> bool {
    let Some((host, port)) = text.rsplit_once(':') else {
        return false;
    };
    let port_ok = port == "*" || digits(port);
    let host_ok = host.parse::<std::net::Ipv4Addr>().is_ok()
        || (!host.is_empty() && host.bytes().all(|b| b.is_ascii_hexdigit() || b == b':'));
    port_ok && host_ok && text.len() <= 23
}

/// `PID/name` or `-`.
fn program(text: &str) -> bool {
    text == "-"
        || text
            .split_once('/')
            .is_some_and(|(pid, name)| digits(pid) && !name.is_empty())
}

/// An Internet row of `-an`, `-tan` or `-tanp`: proto, queues, addresses, state, program.
fn inet_row(line: &str, programs: bool) -> bool {
    let mut row = Row { rest: line };
    let parsed = (|| {
        let proto = match line.split(' ').next()? {
            p @ ("tcp" | "tcp6" | "raw" | "raw6") => {
                row.left(4)?;
                row.text(" ")?;
                p
            }
            p => {
                row.left(5)?;
                p
            }
        };
        row.text(" ")?;
        row.right(6)?;
        row.text(" ")?;
        row.right(6)?;
        row.text(" ")?;
        let local = row.left(23)?;
        row.text(" ")?;
        let remote = row.left(23)?;
        row.text(" ")?;
        let state = row.left(11)?;
        let state_ok = match proto {
            "tcp" | "tcp6" => TCP_STATES.split(' ').any(|name| name == state),
            "udp" | "udp6" | "udpl" | "udpl6" => state.is_empty() || state == "ESTABLISHED",
            "raw" | "raw6" => digits(state),
            _ => false,
        };
        let program_ok = if programs {
            row.text(" ")?;
            program(row.left(20)?)
        } else {
            true
        };
        Some(state_ok && program_ok && address(local) && address(remote) && row.rest.is_empty())
    })();
    parsed == Some(true)
}

/// A UNIX row: `unix`, refcount, flags, type, state, inode, [program,] path.
fn unix_row(line: &str, programs: bool) -> bool {
    let mut row = Row { rest: line };
    let parsed = (|| {
        row.text("unix  ")?;
        let refcnt = row.left(6)?;
        row.text(" [ ")?;
        let close = row.rest.find(']')?;
        let flags = &row.rest[..close];
        let flags_ok = flags
            .split_whitespace()
            .all(|f| ["ACC", "W", "N"].contains(&f))
            && (flags.is_empty() || flags.ends_with(' '));
        row.rest = &row.rest[close..];
        row.left(11 - 2 - flags.len())?;
        row.text(" ")?;
        let kind = row.left(10)?;
        row.text(" ")?;
        let state = row.left(13)?;
        row.text(" ")?;
        let inode = row.left(8)?;
        let program_ok = if programs {
            row.text(" ")?;
            program(row.left(20)?)
        } else {
            true
        };
        row.text(" ")?;
        let path = row.rest;
        let path_ok = path.is_empty() || path.starts_with('/') || path.starts_with('@');
        Some(
            digits(refcnt)
                && flags_ok
                && UNIX_TYPES.contains(&kind)
                && UNIX_STATES.contains(&state)
                && digits(inode)
                && program_ok
                && path_ok,
        )
    })();
    parsed == Some(true)
}

/// The lines of one listing that have no valid shape.
fn malformed(stdout: &[u8], programs: bool) -> Vec<String> {
    let text = String::from_utf8_lossy(stdout);
    text.lines()
        .filter(|line| {
            !(HEADERS.contains(line)
                || if line.starts_with("unix") {
                    unix_row(line, programs)
                } else {
                    inet_row(line, programs)
                })
        })
        .map(|line| format!("{line:?}"))
        .collect()
}

/// Connections made so far by every churner.
fn churned(ns: &Namespace) -> u64 {
    ROLES
        .iter()
        .filter_map(|role| std::fs::read_to_string(ns.dir().join(format!("count-{role}"))).ok())
        .filter_map(|count| count.trim().parse::<u64>().ok())
        .sum()
}

/// `-tanc` on `runner` for [`CONTINUOUS`], then stopped: what it printed, up to its last whole
/// line, and its stderr.
fn continuous(runner: &dyn Runner) -> (Vec<u8>, Vec<u8>) {
    // Its own process group: the rig's wrapper forks (nsenter --pid), and the whole group is
    // stopped at the end.
    let mut child = runner
        .command(Program::Ours, &["-tanc"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("start -tanc");
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout.read_to_end(&mut text);
        text
    });
    std::thread::sleep(CONTINUOUS);
    // SAFETY: killpg has no memory-safety preconditions; the group is our child's.
    unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
    let mut stderr = Vec::new();
    let _ = child.stderr.take().expect("piped").read_to_end(&mut stderr);
    let _ = child.wait();
    let mut text = reader.join().expect("reader");
    let whole = text
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    text.truncate(whole);
    (text, stderr)
}

#[test]
fn rows_keep_their_shape_under_churn_on_every_source() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("churn", "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
    let script = ns.dir().join("churn.py");
    std::fs::write(&script, CHURN).expect("write churn helper");
    let script = script.to_str().expect("UTF-8").to_owned();
    let dir = ns.dir().to_str().expect("UTF-8").to_owned();
    for role in ROLES {
        ns.start(&[common::python(), &script, role, &dir], None);
    }

    let started = Instant::now();
    let before = churned(&ns);
    let mut failures = Vec::new();
    let mut rows = 0usize;
    let mut runs = 0usize;
    for source in SOURCES {
        let runner = WithSource { inner: &ns, source };
        let mut check = |args: &str, stdout: &[u8], stderr: &[u8]| {
            runs += 1;
            rows += stdout.iter().filter(|&&b| b == b'\n').count();
            let bad = malformed(stdout, args.contains('p'));
            if !bad.is_empty() || !stderr.is_empty() {
                failures.push(format!(
                    "NETSTAT_SOURCE={source} netstat {args}: {} malformed lines {:?}; stderr {:?}",
                    bad.len(),
                    &bad[..bad.len().min(5)],
                    String::from_utf8_lossy(stderr)
                ));
            }
        };
        for _ in 0..REPEATS {
            for args in ONE_SHOT {
                let out = runner.run(Program::Ours, &[args]);
                assert!(
                    out.status.success(),
                    "NETSTAT_SOURCE={source} netstat {args}: {:?}",
                    out.text()
                );
                check(args, &out.stdout, &out.stderr);
            }
        }
        let (stdout, stderr) = continuous(&runner);
        assert!(
            stdout.starts_with(HEADERS[0].as_bytes()),
            "NETSTAT_SOURCE={source} -tanc printed nothing"
        );
        check("-tanc", &stdout, &stderr);
    }
    let seconds = started.elapsed().as_secs_f64();
    let made = churned(&ns) - before;
    // A figure for the reader (shown with --nocapture); never a condition of the test.
    eprintln!(
        "churn: {made} connections in {seconds:.1} s ({:.0}/s) while {runs} listings printed {rows} lines",
        made as f64 / seconds
    );
    assert!(made > 0, "the churners made no connection");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_shape_checks_reject_what_they_should() {
    let tcp = "tcp        0      0 127.0.0.1:7200          127.0.0.1:40000         TIME_WAIT  ";
    assert!(inet_row(tcp, false));
    assert!(!inet_row(&tcp.replace("TIME_WAIT", "TIME_WAT "), false));
    assert!(!inet_row(
        &tcp.replace("127.0.0.1:40000", "127.0.0.1:4x000"),
        false
    ));
    assert!(!inet_row(&tcp[..60], false));
    // A value wider than its column pushes the rest right, as printf does.
    let wide =
        "tcp6       0 1594172672 ::1:49030               ::1:7201                SYN_SENT   ";
    assert!(inet_row(wide, false));
    assert!(!inet_row(&wide.replace("0 1594", "0  1594"), false));
    let tcp_p = "tcp        0      0 127.0.0.1:7200          0.0.0.0:*               LISTEN      3/python3           ";
    assert!(inet_row(tcp_p, true));
    assert!(!inet_row(&tcp_p.replace("3/python3", "3/       "), true));
    let udp = "udp6       0      0 ::1:54321               :::*                               ";
    assert!(inet_row(udp, false));
    let unix = "unix  2      [ ACC ]     STREAM     LISTENING     72000    /tmp/x/churn.sock";
    assert!(unix_row(unix, false));
    assert!(!unix_row(&unix.replace("STREAM", "STRAEM"), false));
    assert!(!unix_row(&unix.replace("72000", "7200x"), false));
    let unix_none = "unix  3      [ ]         STREAM     CONNECTED     72001    ";
    assert!(unix_row(unix_none, false));
    assert!(!malformed(b"warning, got bogus tcp line.\n", false).is_empty());
}
