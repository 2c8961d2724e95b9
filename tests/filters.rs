//! Filters remove rows and nothing else: in a namespace holding a small socket farm, each
//! filtered listing must equal the unfiltered listing of the same run with the rows removed
//! that a reference condition written here (on the printed text) rejects, headers unchanged,
//! under every `NETSTAT_SOURCE`. A set of ss command lines run on the same state checks that
//! `--filter` means what ss means. Bad filters: one line on stderr naming the word, status 2,
//! nothing on stdout.

mod common;

use common::{Namespace, Program, Runner, WithSource};
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::process::Command;

/// A listener and a connection to it held by another user (uid 65534).
const NOBODY_HELPER: &str = r#"
import socket, time
l = socket.socket()
l.bind(("127.0.0.9", 7200))
l.listen(4)
c = socket.create_connection(("127.0.0.9", 7200))
a, _ = l.accept()
print("ready", flush=True)
time.sleep(3600)
"#;

/// One printed row, split into the fields the reference conditions look at.
#[derive(Debug, Clone)]
struct Row {
    line: String,
    proto: String,
    local: (String, String),
    remote: (String, String),
    state: String,
    /// `-e` twice: the User column.
    user: Option<String>,
    /// `-p`: the PID and program name.
    owner: Option<(String, String)>,
}

impl Row {
    fn local_port(&self) -> Option<u16> {
        self.local.1.parse().ok()
    }
    fn remote_port(&self) -> Option<u16> {
        self.remote.1.parse().ok()
    }
    fn inet(&self) -> bool {
        !self.proto.starts_with("unix")
    }
}

/// `ADDR:PORT` as netstat prints it (IPv6 unbracketed): split at the last colon.
fn split_end(text: &str) -> (String, String) {
    match text.rsplit_once(':') {
        Some((address, port)) => (address.to_string(), port.to_string()),
        None => (text.to_string(), String::new()),
    }
}

fn is_state(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
        && !word.bytes().all(|b| b.is_ascii_digit())
}

/// Parse a socket row of `-W` output; `None` for headers.
fn parse_row(line: &str) -> Option<Row> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let proto = *fields.first()?;
    let owner = |field: Option<&&str>| {
        field
            .and_then(|f| f.split_once('/'))
            .map(|(pid, name)| (pid.to_string(), name.to_string()))
    };
    if proto == "unix" {
        // unix RefCnt [ flags ] Type State I-Node [PID/Program] Path
        let state = ["LISTENING", "CONNECTED", "CONNECTING", "DISCONNECTING"]
            .into_iter()
            .find(|s| fields.contains(s))
            .unwrap_or("")
            .to_string();
        return Some(Row {
            line: line.to_string(),
            proto: proto.to_string(),
            local: (String::new(), String::new()),
            remote: (String::new(), String::new()),
            state,
            user: None,
            owner: fields
                .iter()
                .find(|f| f.contains('/') && f.as_bytes()[0].is_ascii_digit())
                .and_then(|f| owner(Some(f))),
        });
    }
    if !["tcp", "tcp6", "udp", "udp6", "udpl", "udpl6", "raw", "raw6"].contains(&proto) {
        return None;
    }
    let mut rest = fields[5..].iter();
    let mut state = String::new();
    let mut next = rest.next();
    if next.is_some_and(|w| is_state(w)) {
        state = next.unwrap().to_string();
        next = rest.next();
    }
    let user = next
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| w.to_string());
    Some(Row {
        line: line.to_string(),
        proto: proto.to_string(),
        local: split_end(fields[3]),
        remote: split_end(fields[4]),
        state,
        user,
        owner: owner(fields.last()),
    })
}

/// The rows a listing printed, and its other lines (headers) in order.
fn rows_and_headers(text: &str) -> (Vec<Row>, Vec<String>) {
    let mut rows = Vec::new();
    let mut headers = Vec::new();
    for line in text.lines() {
        match parse_row(line) {
            Some(row) => rows.push(row),
            None => headers.push(line.to_string()),
        }
    }
    (rows, headers)
}

fn address_in(address: &str, net: &str, len: u8) -> bool {
    let (Ok(a), Ok(n)) = (address.parse::<IpAddr>(), net.parse::<IpAddr>()) else {
        return false;
    };
    let (a, n, bits) = match (a, n) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (a.to_bits() as u128, n.to_bits() as u128, 32),
        (IpAddr::V6(a), IpAddr::V4(n)) => match a.to_ipv4_mapped() {
            Some(a) => (a.to_bits() as u128, n.to_bits() as u128, 32),
            None => return false,
        },
        (IpAddr::V6(a), IpAddr::V6(n)) => (a.to_bits(), n.to_bits(), 128),
        (IpAddr::V4(_), IpAddr::V6(_)) => return false,
    };
    len == 0 || (a ^ n) >> (bits - u32::from(len)) == 0
}

type Reference = Box<dyn Fn(&Row) -> bool>;

/// Check one filtered invocation against the unfiltered one: returns a report on difference.
fn check(runner: &dyn Runner, args: &[&str], filter: &[&str], keep: &Reference) -> Option<String> {
    let plain = runner.run(Program::Ours, args);
    let mut filtered_args = args.to_vec();
    filtered_args.extend_from_slice(filter);
    let filtered = runner.run(Program::Ours, &filtered_args);
    let plain_text = String::from_utf8_lossy(&common::normalise_timers(&plain.stdout)).into_owned();
    let filtered_text =
        String::from_utf8_lossy(&common::normalise_timers(&filtered.stdout)).into_owned();
    let (rows, headers) = rows_and_headers(&plain_text);
    let (got_rows, got_headers) = rows_and_headers(&filtered_text);
    let expected: Vec<&str> = rows
        .iter()
        .filter(|r| keep(r))
        .map(|r| r.line.as_str())
        .collect();
    let got: Vec<&str> = got_rows.iter().map(|r| r.line.as_str()).collect();
    if filtered.status.code() != Some(0) || !filtered.stderr.is_empty() {
        return Some(format!(
            "{filtered_args:?}: status {:?}, stderr {}",
            filtered.status.code(),
            String::from_utf8_lossy(&filtered.stderr)
        ));
    }
    if got_headers != headers || got != expected {
        return Some(format!(
            "{filtered_args:?}:\n--- expected\n{}\n--- got\n{}",
            expected.join("\n"),
            got.join("\n")
        ));
    }
    None
}

fn state_is(states: &'static [&'static str]) -> Reference {
    Box::new(move |r: &Row| states.contains(&r.state.as_str()))
}

#[test]
fn each_filter_removes_exactly_the_rows_its_reference_rejects() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("filters", "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
    let farm = env!("CARGO_BIN_EXE_netstat-bench");
    ns.start(&[farm, "farm", "0", "40", "20", "6", "6", "4"], None);
    ns.start(&[farm, "farm", "1", "30", "10", "4", "4", "3"], None);
    let script = ns.dir().join("nobody.py");
    std::fs::write(&script, NOBODY_HELPER).expect("write helper");
    ns.start(&["python3", script.to_str().expect("UTF-8")], Some(65534));

    // Values taken from the unfiltered listing itself.
    let listing = ns.run(Program::Ours, &["-tuanpW"]);
    let (rows, _) = rows_and_headers(&String::from_utf8_lossy(&listing.stdout));
    let udp_port = rows
        .iter()
        .find(|r| r.proto == "udp")
        .and_then(Row::local_port)
        .expect("a udp row")
        .to_string();
    let (pid, _) = rows
        .iter()
        .find(|r| r.local.1 == "10004")
        .and_then(|r| r.owner.clone())
        .expect("an owned farm row");
    assert!(rows.iter().any(|r| r.state == "TIME_WAIT"), "{rows:?}");
    assert!(rows.iter().any(|r| r.proto == "tcp6"));

    let port = |n: u16| -> Reference { Box::new(move |r: &Row| r.local_port() == Some(n)) };
    let udp_port_n: u16 = udp_port.parse().expect("port");
    let pid_text = pid.clone();
    let cases: Vec<(&[&str], Vec<&str>, Reference)> = vec![
        (&["-tanW"], vec!["--sport", "10000"], port(10000)),
        (&["-tnW"], vec!["--sport", "10000"], port(10000)),
        (
            &["-tlnW"],
            vec!["--sport", "10000,10005"],
            Box::new(|r: &Row| matches!(r.local_port(), Some(10000 | 10005))),
        ),
        (
            &["-tanW"],
            vec!["--dport", "10001"],
            Box::new(|r: &Row| r.remote_port() == Some(10001)),
        ),
        (
            &["-tanW"],
            vec!["--port", "10000,10004"],
            Box::new(|r: &Row| {
                [r.local_port(), r.remote_port()]
                    .iter()
                    .any(|p| matches!(p, Some(10000 | 10004)))
            }),
        ),
        (
            &["-tanW"],
            vec!["--sport", "10001-10004"],
            Box::new(|r: &Row| matches!(r.local_port(), Some(10001..=10004))),
        ),
        (
            &["-tanW"],
            vec!["--state", "established"],
            state_is(&["ESTABLISHED"]),
        ),
        (
            &["-tanW"],
            vec!["--state", "TIME_WAIT,LISTEN"],
            state_is(&["TIME_WAIT", "LISTEN"]),
        ),
        (
            &["-tanW"],
            vec!["--state", "connected"],
            Box::new(|r: &Row| !["LISTEN", "CLOSE"].contains(&r.state.as_str())),
        ),
        (
            &["-tanW"],
            vec!["--state", "bucket"],
            state_is(&["TIME_WAIT", "SYN_RECV"]),
        ),
        (
            &["-tanW"],
            vec!["--src", "127.0.0.3"],
            Box::new(|r: &Row| address_in(&r.local.0, "127.0.0.3", 32)),
        ),
        (
            &["-tanW"],
            vec!["--dst", "127.0.0.0/30:10000"],
            Box::new(|r: &Row| {
                address_in(&r.remote.0, "127.0.0.0", 30) && r.remote_port() == Some(10000)
            }),
        ),
        (
            &["-tanW"],
            vec!["--src", "::1"],
            Box::new(|r: &Row| address_in(&r.local.0, "::1", 128)),
        ),
        (
            &["-tanW"],
            vec!["--src", "[::1]:10001"],
            Box::new(|r: &Row| address_in(&r.local.0, "::1", 128) && r.local_port() == Some(10001)),
        ),
        (
            &["-tanW"],
            vec![
                "--filter",
                "exclude time-wait ( sport = :10000 or dport = :10000 )",
            ],
            Box::new(|r: &Row| {
                r.state != "TIME_WAIT"
                    && (r.local_port() == Some(10000) || r.remote_port() == Some(10000))
            }),
        ),
        // ss's grouping: left to right, `and` no tighter than `or`.
        (
            &["-tanW"],
            vec![
                "--filter",
                "sport = :10004 or sport = :10005 and dport > :40000",
            ],
            Box::new(|r: &Row| {
                matches!(r.local_port(), Some(10004 | 10005))
                    && r.remote_port().is_some_and(|p| p > 40000)
            }),
        ),
        (
            &["-tanW"],
            vec![
                "--filter",
                "not ( dport = :10000 or dport = :10001 ) and sport >= :10000 sport < :10006",
            ],
            Box::new(|r: &Row| {
                !matches!(r.remote_port(), Some(10000 | 10001))
                    && r.local_port().is_some_and(|p| (10000..10006).contains(&p))
            }),
        ),
        (
            &["-tanW"],
            vec![
                "--filter",
                "src 127.0.0.2 or src ::1",
                "--state",
                "established",
            ],
            Box::new(|r: &Row| {
                r.state == "ESTABLISHED"
                    && (address_in(&r.local.0, "127.0.0.2", 32)
                        || address_in(&r.local.0, "::1", 128))
            }),
        ),
        (
            &["-uanW"],
            vec!["--sport", udp_port.as_str()],
            Box::new(move |r: &Row| r.local_port() == Some(udp_port_n)),
        ),
        (
            &["-uanW"],
            vec!["--state", "CLOSE"],
            Box::new(|r: &Row| r.state.is_empty()),
        ),
        (&["-anW"], vec!["--sport", "10000"], port(10000)),
        (
            &["-anW"],
            vec!["--filter", "not sport = :10000"],
            Box::new(|r: &Row| !r.inet() || r.local_port() != Some(10000)),
        ),
        (
            &["-xa"],
            vec!["--state", "listen"],
            Box::new(|r: &Row| r.state == "LISTENING"),
        ),
        (
            &["-xa"],
            vec!["--state", "connected"],
            Box::new(|r: &Row| r.state == "CONNECTED"),
        ),
        (
            &["-tanpW"],
            vec!["--pid", pid.as_str()],
            Box::new(move |r: &Row| r.owner.as_ref().is_some_and(|(p, _)| *p == pid_text)),
        ),
        (&["-xap"], vec!["--pid", pid.as_str()], {
            let pid = pid.clone();
            Box::new(move |r: &Row| r.owner.as_ref().is_some_and(|(p, _)| *p == pid))
        }),
        (
            &["-tuanpW"],
            vec!["--command", "python3"],
            Box::new(|r: &Row| r.owner.as_ref().is_some_and(|(_, c)| c == "python3")),
        ),
        (
            &["-tanpW"],
            vec!["--filter", "pid 999999 or sport = :7200"],
            Box::new(|r: &Row| r.local_port() == Some(7200)),
        ),
        (
            &["-tuaneeW"],
            vec!["--uid", "65534"],
            Box::new(|r: &Row| r.user.as_deref() == Some("65534")),
        ),
        (
            &["-taneeW"],
            vec!["--uid", "nobody", "--state", "established"],
            Box::new(|r: &Row| r.user.as_deref() == Some("65534") && r.state == "ESTABLISHED"),
        ),
        (
            &["-tanoW"],
            vec!["--dport", "10004"],
            Box::new(|r: &Row| r.remote_port() == Some(10004)),
        ),
        (&["-tan"], vec!["--sport", "10001"], port(10001)),
    ];

    let mut failures = Vec::new();
    for source in common::SOURCES {
        let runner = WithSource { inner: &ns, source };
        for (args, filter, keep) in &cases {
            if let Some(report) = check(&runner, args, filter, keep) {
                failures.push(format!("NETSTAT_SOURCE={source}: {report}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // JSON rows are filtered alike: as many as the text rows, each matching.
    for source in common::SOURCES {
        let runner = WithSource { inner: &ns, source };
        let filter = ["--filter", "sport = :10000 or dport = :10000"];
        let text = runner.run(Program::Ours, &[&["-anW"][..], &filter].concat());
        let (text_rows, _) = rows_and_headers(&String::from_utf8_lossy(&text.stdout));
        let json = runner.run(Program::Ours, &[&["-an", "--json"][..], &filter].concat());
        let document: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        let inet = document["inet"].as_array().expect("inet rows");
        assert_eq!(inet.len(), text_rows.len(), "NETSTAT_SOURCE={source}");
        assert!(
            inet.iter()
                .all(|row| row["local_port"] == 10000 || row["foreign_port"] == 10000)
        );
        assert_eq!(
            document["unix"].as_array().map(Vec::len),
            Some(0),
            "{document}"
        );
    }

    // -c: every pass is the filtered listing (the farm's rows on port 10000 do not change).
    let once = ns.run(Program::Ours, &["-tanW", "--sport", "10000"]);
    let passes = common::first_two_passes(&ns, Program::Ours, &["-tanWc", "--sport", "10000"]);
    assert_eq!(
        String::from_utf8_lossy(&passes.stdout),
        String::from_utf8_lossy(&once.stdout).repeat(2)
    );

    // ss on the same state: the same expression selects the same connections.
    let ss_lines = [
        "sport = :10000",
        "( sport = :10000 or dport = :10000 )",
        "dport > :10001",
        "sport <= :10001",
        "src 127.0.0.2",
        "dst 127.0.0.3:10004",
        "src [::1]",
        "not dport = :10000",
        "sport = :10004 or sport = :10005 and dport > :40000",
        "state established sport = :10000",
        "exclude listening exclude time-wait src 127.0.0.0/8",
    ];
    for expression in ss_lines {
        let mine = our_pairs(&ns, "-tanW", expression);
        assert!(
            !mine.is_empty() || expression.contains("10001 )"),
            "{expression}: nothing listed"
        );
        assert_eq!(
            mine,
            ss_pairs(&ns, "-tanH", expression),
            "ss -tan {expression}"
        );
    }
}

/// The (local, peer) pairs `ss ARGS EXPRESSION` lists in the namespace, written as netstat
/// writes them: ss brackets IPv6 addresses, spells out IPv4-mapped ones, writes a
/// dual-stack wildcard as `*` and a bound device as `%DEVICE`; netstat does none of that.
fn ss_pairs(ns: &Namespace, args: &str, expression: &str) -> BTreeSet<(String, String)> {
    let ss_normalise = |end: &str| {
        let end = match (end.find('%'), end.rfind(':')) {
            (Some(at), Some(colon)) if at < colon => format!("{}{}", &end[..at], &end[colon..]),
            _ => end.to_string(),
        };
        let end = end.replace(['[', ']'], "").replace("::ffff:", "");
        match end.strip_prefix("*:") {
            Some(port) => format!(":::{port}"),
            None => end,
        }
    };
    let ss = ns
        .exec(&["ss", args])
        .args(expression.split_whitespace())
        .output()
        .expect("run ss");
    assert!(ss.status.success(), "ss {expression}");
    String::from_utf8_lossy(&ss.stdout)
        .lines()
        .filter_map(|line| {
            // The last two columns (ss drops State when one state is asked for).
            let f: Vec<&str> = line.split_whitespace().collect();
            let [.., local, peer] = f[..] else {
                return None;
            };
            Some((ss_normalise(local), ss_normalise(peer)))
        })
        .collect()
}

/// The (local, foreign) pairs of our listing with `--filter EXPRESSION`.
fn our_pairs(ns: &Namespace, args: &str, expression: &str) -> BTreeSet<(String, String)> {
    let ours = ns.run(Program::Ours, &[args, "--filter", expression]);
    let (rows, _) = rows_and_headers(&String::from_utf8_lossy(&ours.stdout));
    rows.iter()
        .map(|r| {
            (
                format!("{}:{}", r.local.0, r.local.1),
                format!("{}:{}", r.remote.0, r.remote.1),
            )
        })
        .collect()
}

/// Sockets bound to interfaces and marked, for the conditions only sock_diag can test: listeners
/// on `lo` (7301) and on the veth `d0` (7302, and UDP 7306), listeners marked 0x15 (7303) and
/// 0x125 (7304), a plain one (7305) and a connection to it from a socket marked 0x15, and a
/// unix listener.
const BOUND_HELPER: &str = r#"
import socket, time
keep = []
def listener(address, port, device=None, mark=None, kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    if device:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device.encode())
    if mark:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, mark)
    s.bind((address, port))
    if kind == socket.SOCK_STREAM:
        s.listen(4)
    keep.append(s)
listener("127.0.0.9", 7301, device="lo")
listener("10.9.0.1", 7302, device="d0")
listener("127.0.0.9", 7303, mark=0x15)
listener("127.0.0.9", 7304, mark=0x125)
listener("127.0.0.9", 7305)
listener("10.9.0.1", 7306, device="d0", kind=socket.SOCK_DGRAM)
c = socket.socket()
c.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x15)
c.connect(("127.0.0.9", 7305))
keep.append(c)
v6 = socket.socket(socket.AF_INET6)
v6.bind(("::1", 7307))
v6.listen(4)
keep.append(v6)
u = socket.socket(socket.AF_UNIX)
u.bind("\0filterdev")
u.listen(1)
keep.append(u)
print("ready", flush=True)
time.sleep(3600)
"#;

/// `argv` in the namespace's network namespace only (the rig's mount namespace mounts its own
/// `/sys`, which hides the cgroup2 file system).
fn in_network_namespace(ns: &Namespace, argv: &[&str]) -> Command {
    let ip = ns.ip_command();
    let mut words: Vec<&std::ffi::OsStr> = ip.get_args().collect();
    assert_eq!(words.pop(), Some(std::ffi::OsStr::new("ip")));
    let mut command = Command::new(ip.get_program());
    command.args(words).args(argv).env("LC_ALL", "C");
    command
}

/// `cgroup PATH` with this process's cgroup, which every socket of the namespace's helpers
/// carries: all rows match, `!=` none; ss agrees.
fn cgroup_conditions(ns: &Namespace, path: &str) {
    let netstat = env!("CARGO_BIN_EXE_netstat");
    let listing = |filter: &[&str]| {
        let out = in_network_namespace(ns, &[&[netstat, "-tuanW"][..], filter].concat())
            .output()
            .expect("run netstat");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        rows_and_headers(&String::from_utf8_lossy(&out.stdout))
    };
    let (all, headers) = listing(&[]);
    assert!(all.len() >= 9, "{all:?}");
    let same = format!("cgroup = {path}");
    let (mine, mine_headers) = listing(&["--filter", &same]);
    assert_eq!(mine_headers, headers);
    let lines = |rows: &[Row]| rows.iter().map(|r| r.line.clone()).collect::<Vec<_>>();
    assert_eq!(lines(&mine), lines(&all), "{same}");
    let other = format!("cgroup != {path} or sport = :7302");
    let (others, _) = listing(&["--filter", &other]);
    let expected: Vec<String> = all
        .iter()
        .filter(|r| r.local_port() == Some(7302))
        .map(|r| r.line.clone())
        .collect();
    assert_eq!(lines(&others), expected, "{other}");
    let ss = in_network_namespace(ns, &["ss", "-tuanH", "cgroup", "=", path])
        .output()
        .expect("run ss");
    assert!(
        ss.status.success(),
        "{}",
        String::from_utf8_lossy(&ss.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&ss.stdout).lines().count(),
        mine.len()
    );
}

/// This process's cgroup v2 directory: the cgroup2 mount joined with `PATH` of `0::PATH` in
/// /proc/self/cgroup (every socket its children make carries that cgroup); `None` without a
/// cgroup2 hierarchy. ss reads an absolute path as the directory itself.
fn own_cgroup() -> Option<String> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let mount = mounts.lines().rev().find_map(|l| {
        let f: Vec<&str> = l.split(' ').collect();
        (f.get(2) == Some(&"cgroup2")).then(|| f[1].to_string())
    })?;
    let groups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = groups.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(format!("{mount}{path}"))
}

#[test]
fn device_mark_cgroup_and_host_name_conditions() {
    if !common::differential_enabled() {
        return;
    }
    let hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.0.9\tdual.test\n::1\tdual.test\n127.0.0.9\tnine.test\n";
    let mut ns = Namespace::new("filterdev", hosts);
    ns.ip(&["link", "add", "d0", "type", "veth", "peer", "name", "d1"]);
    ns.ip(&["link", "set", "d0", "up"]);
    ns.ip(&["addr", "add", "10.9.0.1/24", "dev", "d0"]);
    let script = ns.dir().join("bound.py");
    std::fs::write(&script, BOUND_HELPER).expect("write helper");
    ns.start(&["python3", script.to_str().expect("UTF-8")], None);

    let local = |ports: &'static [u16]| -> Reference {
        Box::new(move |r: &Row| r.local_port().is_some_and(|p| ports.contains(&p)))
    };
    // The connection from the marked socket: its row is the one whose peer is 7305.
    let marked_0x15 = |r: &Row| r.local_port() == Some(7303) || r.remote_port() == Some(7305);
    let cases: Vec<(&[&str], Vec<String>, Reference)> = vec![
        (&["-tuanW"], vec!["dev = lo".into()], local(&[7301])),
        (&["-tuanW"], vec!["dev d0".into()], local(&[7302, 7306])),
        (&["-tuanW"], vec!["dev == 1".into()], local(&[7301])),
        (
            &["-tuanW"],
            vec!["dev != lo".into()],
            Box::new(|r: &Row| r.local_port() != Some(7301)),
        ),
        (&["-uanW"], vec!["dev = d0".into()], local(&[7306])),
        // UDP keeps sock_diag with -o.
        (&["-uanoW"], vec!["dev = d0".into()], local(&[7306])),
        (
            &["-tanW"],
            vec!["fwmark = 0x15".into()],
            Box::new(marked_0x15),
        ),
        (
            &["-tanW"],
            vec!["fwmark 5/0xf".into()],
            Box::new(move |r: &Row| marked_0x15(r) || r.local_port() == Some(7304)),
        ),
        (
            &["-tanW"],
            vec!["not fwmark = 0x15 and ( dev = lo or sport = :7305 )".into()],
            Box::new(|r: &Row| matches!(r.local_port(), Some(7301 | 7305))),
        ),
        (
            &["-tanpW"],
            vec!["fwmark = 0x125 or dev = d0".into()],
            local(&[7302, 7304]),
        ),
        // Unix sockets are bound to no device (index 0) and unmarked, as ss reads them.
        (&["-xa"], vec!["dev = lo".into()], Box::new(|_: &Row| false)),
        (
            &["-xa"],
            vec!["dev = 0 and fwmark 0".into()],
            Box::new(|_: &Row| true),
        ),
        // Host names: every address of the name, from the namespace's /etc/hosts.
        (
            &["-tanW"],
            vec!["src dual.test".into()],
            Box::new(|r: &Row| r.local.0 == "127.0.0.9" || r.local.0 == "::1"),
        ),
        (
            &["-tanW"],
            vec!["dst dual.test:7305".into()],
            Box::new(|r: &Row| r.remote.0 == "127.0.0.9" && r.remote_port() == Some(7305)),
        ),
    ];
    let mut failures = Vec::new();
    for source in ["auto", "netlink"] {
        let runner = WithSource { inner: &ns, source };
        for (args, filter, keep) in &cases {
            let filter = ["--filter", filter[0].as_str()];
            if let Some(report) = check(&runner, args, &filter, keep) {
                failures.push(format!("NETSTAT_SOURCE={source}: {report}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    match own_cgroup() {
        Some(path) => cgroup_conditions(&ns, &path),
        // The condition itself needs cgroup v2: nothing to compare on such a machine.
        None => eprintln!(
            "device_mark_cgroup_and_host_name_conditions: no cgroup2 file system is mounted here, \
             so the cgroup condition was left out"
        ),
    }
    let unix = ns.run(Program::Ours, &["-xa", "--filter", "dev = 0"]);
    assert!(String::from_utf8_lossy(&unix.stdout).contains("@filterdev"));
    let src = ns.run(Program::Ours, &["-tanW", "--src", "dual.test"]);
    let (rows, _) = rows_and_headers(&String::from_utf8_lossy(&src.stdout));
    assert_eq!(rows.len(), 6, "{rows:?}");

    // ss on the same state.
    let ss_lines = vec![
        "dev = lo".to_string(),
        "dev = d0".to_string(),
        "dev != lo".to_string(),
        "fwmark = 0x15".to_string(),
        "fwmark = 5/0xf".to_string(),
        "not fwmark = 0x15 and ( dev = lo or sport = :7305 )".to_string(),
        // ss 6.1 sizes a name's address list by its first address's family, so only a name
        // of one family is a fair cross-check.
        "src nine.test".to_string(),
    ];
    for expression in &ss_lines {
        let mine = our_pairs(&ns, "-tuanW", expression);
        assert!(!mine.is_empty(), "{expression}: nothing listed");
        assert_eq!(
            mine,
            ss_pairs(&ns, "-tuanH", expression),
            "ss -tuan {expression}"
        );
    }

    // Where /proc would serve a table, or a name is unknown here: one line, nothing listed.
    for (source, args, filter, status, word) in [
        ("proc", "-tanW", "dev = lo", 1, "NETSTAT_SOURCE=proc"),
        ("auto", "-anW", "dev = lo", 1, "raw"),
        ("auto", "-wanW", "fwmark 1", 1, "raw"),
        ("auto", "-tanoW", "dev = lo", 1, "-o with TCP"),
        ("auto", "-tanW", "dev = nosuch0", 1, "`nosuch0'"),
        (
            "netlink",
            "-tanW",
            "src no-such-name.test",
            2,
            "`no-such-name.test'",
        ),
        ("auto", "-tanW", "dst nosuchhost:22", 2, "`nosuchhost:22'"),
    ] {
        let runner = WithSource { inner: &ns, source };
        let out = runner.run(Program::Ours, &[args, "--filter", filter]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let context = format!("NETSTAT_SOURCE={source} {args} --filter {filter:?}: {stderr}");
        assert_eq!(out.status.code(), Some(status), "{context}");
        assert!(out.stdout.is_empty(), "{context}: listed rows");
        assert_eq!(stderr.lines().count(), 1, "{context}");
        assert!(stderr.contains(word), "{context}");
    }
}

#[test]
fn bad_filters_are_one_line_errors_with_status_2() {
    let netstat = env!("CARGO_BIN_EXE_netstat");
    for (args, word) in [
        (&["--state", "bogus"][..], "`bogus'"),
        (&["--sport", "70000"], "`70000'"),
        (&["--filter", "sport = :70000"], "`:70000'"),
        (&["--src", "300.1.1.1"], "`300.1.1.1'"),
        (&["--filter", "src 300.1.1.1"], "`300.1.1.1'"),
        (&["--filter", "( sport = :22"], "`('"),
        (&["--filter", "sport = :22 )"], "`)'"),
        (&["--filter", "sport = :22 and"], "`and'"),
        (&["--filter", "state bogus sport = :22"], "`bogus'"),
        (&["--pid", "x"], "`x'"),
        (&["--uid", "no-such-user-here"], "`no-such-user-here'"),
        (&["--filter", "autobound"], "`autobound'"),
        (&["--filter", "fwmark = zz"], "`zz'"),
        (&["--filter", "fwmark 1/0x1ffffffff"], "`1/0x1ffffffff'"),
        (&["--filter", "dev"], "`dev'"),
        (&["--filter", "cgroup /no/such/cgroup"], "`/no/such/cgroup'"),
    ] {
        let mut all = vec!["-tan"];
        all.extend_from_slice(args);
        let out = Command::new(netstat)
            .args(&all)
            .env("LC_ALL", "C")
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{all:?} printed rows");
        assert_eq!(stderr.lines().count(), 1, "{all:?}: {stderr}");
        assert!(
            stderr.starts_with("netstat: ") && stderr.contains(word),
            "{all:?}: {stderr}"
        );
    }
}
