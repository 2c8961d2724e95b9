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
    let passes = common::TwoPasses(&ns).run(Program::Ours, &["-tanWc", "--sport", "10000"]);
    assert_eq!(
        String::from_utf8_lossy(&passes.stdout),
        String::from_utf8_lossy(&once.stdout).repeat(2)
    );

    // ss on the same state: the same expression selects the same connections.
    // ss brackets IPv6 addresses, spells out IPv4-mapped ones and writes a dual-stack
    // wildcard as `*`; netstat does none of that.
    let ss_normalise = |end: &str| {
        let end = end.replace(['[', ']'], "").replace("::ffff:", "");
        match end.strip_prefix("*:") {
            Some(port) => format!(":::{port}"),
            None => end,
        }
    };
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
        let ss = Command::new("ip")
            .args(["netns", "exec", ns.name(), "ss", "-tanH"])
            .args(expression.split_whitespace())
            .output()
            .expect("run ss");
        assert!(ss.status.success(), "ss {expression}");
        let theirs: BTreeSet<(String, String)> = String::from_utf8_lossy(&ss.stdout)
            .lines()
            .filter_map(|line| {
                // The last two columns (ss drops State when one state is asked for).
                let f: Vec<&str> = line.split_whitespace().collect();
                let [.., local, peer] = f[..] else {
                    return None;
                };
                Some((ss_normalise(local), ss_normalise(peer)))
            })
            .collect();
        let ours = ns.run(Program::Ours, &["-tanW", "--filter", expression]);
        let (rows, _) = rows_and_headers(&String::from_utf8_lossy(&ours.stdout));
        let mine: BTreeSet<(String, String)> = rows
            .iter()
            .map(|r| {
                (
                    format!("{}:{}", r.local.0, r.local.1),
                    format!("{}:{}", r.remote.0, r.remote.1),
                )
            })
            .collect();
        assert!(
            !mine.is_empty() || expression.contains("10001 )"),
            "{expression}: nothing listed"
        );
        assert_eq!(mine, theirs, "ss -tan {expression}");
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
        (&["--filter", "dev lo"], "`dev'"),
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
