//! `--json` for the socket listing, on the namespace of known sockets: every document must match
//! docs/schema/sockets.schema.json, and its rows must be net-tools' text rows of the same state —
//! same rows, same order, same numbers — once this test (not the program) turns them back into
//! the text's columns. Runs once per socket source, as the text suites do.

mod common;

use common::known_sockets;
use common::{Program, Runner, Tree, WithSource};
use serde_json::Value;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::Stdio;

/// Invocations compared row by row with net-tools' text (each runs with `--json` added).
/// Resolving invocations use `-W`, so that the text does not shorten the names.
const INVOCATIONS: &[&str] = &[
    "-an",
    "-tan",
    "-uan",
    "-wan",
    "-Uan",
    "-ln",
    "-tanp",
    "-tanee",
    "-uaneep",
    "-xan",
    "-xanp",
    "-xln",
    "-6 -an",
    "-4 -tln",
    "-taW",
    "-taeW",
    "-uaW",
    "-aW --numeric-ports",
    "-taW --numeric-hosts",
    "-tuwanoe",
    "-tanopW",
];

#[test]
fn json_rows_are_the_text_rows_of_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = known_sockets::namespace();
    let mut failures = Vec::new();
    for source in common::SOURCES {
        let runner = WithSource { inner: &ns, source };
        for args in INVOCATIONS {
            let argv: Vec<&str> = args.split_whitespace().collect();
            let text = ns.run(Program::Reference, &argv);
            let mut json_argv = argv.clone();
            json_argv.push("--json");
            let ours = runner.run(Program::Ours, &json_argv);
            let doc = common::json::document("sockets", &ours.stdout);
            let expected = text_rows(&text.stdout);
            let actual = json_rows(&doc, &argv);
            if let Some(difference) = first_difference(&expected, &actual) {
                failures.push(format!(
                    "NETSTAT_SOURCE={source} netstat {args} --json: {difference}"
                ));
            }
            if ours.stderr != text.stderr || ours.status.code() != text.status.code() {
                failures.push(format!(
                    "NETSTAT_SOURCE={source} netstat {args} --json: stderr/status {:?} {:?}, net-tools {:?} {:?}",
                    String::from_utf8_lossy(&ours.stderr),
                    ours.status.code(),
                    String::from_utf8_lossy(&text.stderr),
                    text.status.code()
                ));
            }
        }
    }
    common::assert_no_differences(&failures);
}

/// Where the rows from JSON first differ from the text's, if they do.
fn first_difference(text: &[Vec<String>], json: &[Vec<String>]) -> Option<String> {
    let at = text.iter().zip(json).position(|(t, j)| t != j);
    match at {
        Some(i) => Some(format!(
            "row {i}:\n  text: {:?}\n  json: {:?}",
            text[i], json[i]
        )),
        None if text.len() != json.len() => Some(format!(
            "{} text rows, {} JSON rows",
            text.len(),
            json.len()
        )),
        None => None,
    }
}

/// The rows of a text listing as word lists, headers left out, timer seconds masked.
fn text_rows(stdout: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|line| !line.starts_with("Active ") && !line.starts_with("Proto "))
        .map(|line| line.split_whitespace().map(mask_timer).collect())
        .collect()
}

/// `(0.20/0/0)` → `(X/0/0)`: timers move between two runs.
fn mask_timer(word: &str) -> String {
    match word.strip_prefix('(').and_then(|rest| rest.split_once('/')) {
        Some((_, rest)) => format!("(X/{rest}"),
        None => word.to_string(),
    }
}

/// The JSON rows turned into the words the text would print for them, by the text's rules.
fn json_rows(doc: &Value, argv: &[&str]) -> Vec<Vec<String>> {
    let flags = Flags::of(argv);
    let mut rows = Vec::new();
    for (key, table) in doc.as_object().expect("a document is an object") {
        for row in table.as_array().expect("a table is an array") {
            rows.push(match key.as_str() {
                "inet" => inet_words(row, &flags),
                "unix" => unix_words(row, &flags),
                other => panic!("unexpected table {other}"),
            });
        }
    }
    rows
}

/// The options that decide which columns the text shows and whether it shows names.
struct Flags {
    numeric_hosts: bool,
    numeric_ports: bool,
    numeric_users: bool,
    extended: bool,
    programs: bool,
    timers: bool,
    wide: bool,
}

impl Flags {
    fn of(argv: &[&str]) -> Flags {
        let short = |letter: char| {
            argv.iter()
                .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(letter))
        };
        let long = |name: &str| argv.contains(&name);
        let numeric = short('n');
        Flags {
            numeric_hosts: numeric || long("--numeric-hosts"),
            numeric_ports: numeric || long("--numeric-ports"),
            numeric_users: numeric || long("--numeric-users"),
            extended: argv
                .iter()
                .filter(|a| a.starts_with('-') && !a.starts_with("--"))
                .map(|a| a.matches('e').count())
                .sum::<usize>()
                > 0,
            programs: short('p'),
            timers: short('o'),
            wide: short('W'),
        }
    }
}

fn inet_words(row: &Value, flags: &Flags) -> Vec<String> {
    let s = |key: &str| row[key].as_str().map(str::to_string);
    let n = |key: &str| row[key].as_i64().expect(key);
    let transport = s("transport_protocol").unwrap();
    let mut words = vec![
        s("proto").unwrap(),
        n("recv_q").to_string(),
        n("send_q").to_string(),
    ];
    for end in ["local", "foreign"] {
        let address = s(&format!("{end}_address")).unwrap();
        let host = match s(&format!("{end}_host")) {
            Some(name) if !flags.numeric_hosts => name,
            _ => address_text(&address, flags.numeric_hosts),
        };
        let port = n(&format!("{end}_port"));
        let service = match s(&format!("{end}_service")) {
            _ if port == 0 => "*".to_string(),
            Some(name) if !flags.numeric_ports => name,
            _ => port.to_string(),
        };
        words.push(address_port(&host, &service, flags.wide));
    }
    let state = s("state").unwrap();
    match transport.as_str() {
        "tcp" => words.push(state),
        "raw" => words.push(STATES.iter().position(|&x| x == state).unwrap().to_string()),
        // UDP: only a connected socket shows a state.
        _ if state == "ESTABLISHED" => words.push(state),
        _ => {}
    }
    if flags.extended {
        words.push(match s("user") {
            Some(name) if !flags.numeric_users => name,
            _ => n("uid").to_string(),
        });
        words.push(n("inode").to_string());
    }
    if flags.programs {
        words.push(program_label(row));
    }
    if flags.timers {
        let timer = &row["timer"];
        let kind = timer["kind"].as_str().unwrap();
        let code = timer["code"].as_i64().unwrap();
        let kind = match (transport.as_str(), kind) {
            ("tcp", _) | (_, "off") => kind.to_string(),
            (_, "on") => format!("on{code}"),
            _ => format!("unkn-{code}"),
        };
        words.push(kind);
        words.push(format!(
            "(X/{}/{})",
            timer["retransmits"].as_i64().unwrap(),
            timer["probes"].as_i64().unwrap()
        ));
    }
    words
}

/// `host:port` as the text column holds it: without `-W`, a pair longer than 22 bytes keeps at
/// most 18 bytes of the port and fills the rest with the host (spec §2.5).
fn address_port(host: &str, port: &str, wide: bool) -> String {
    if wide || host.len() + port.len() <= 22 {
        return format!("{host}:{port}");
    }
    let port = &port[..port.len().min(18)];
    format!("{}:{port}", &host[..host.len().min(22 - port.len())])
}

/// The TCP state numbers' names, for RAW rows (the text prints the number).
const STATES: [&str; 12] = [
    "UNKNOWN",
    "ESTABLISHED",
    "SYN_SENT",
    "SYN_RECV",
    "FIN_WAIT1",
    "FIN_WAIT2",
    "TIME_WAIT",
    "CLOSE",
    "CLOSE_WAIT",
    "LAST_ACK",
    "LISTEN",
    "CLOSING",
];

/// How net-tools writes a numeric address: IPv4-mapped IPv6 as the IPv4 address, the
/// unspecified IPv6 address as `::` (numeric) or `[::]` (resolving).
fn address_text(address: &str, numeric: bool) -> String {
    if let Some(v4) = address.strip_prefix("::ffff:")
        && v4.contains('.')
    {
        return v4.to_string();
    }
    if address == "::" && !numeric {
        return "[::]".to_string();
    }
    address.to_string()
}

/// The PID/Program name column: `PID/name` cut at 19 bytes, or `-`.
fn program_label(row: &Value) -> String {
    match row["pid"].as_i64() {
        Some(pid) => {
            let mut label = format!("{pid}/{}", row["program_name"].as_str().unwrap());
            label.truncate(19);
            label
        }
        None => "-".to_string(),
    }
}

fn unix_words(row: &Value, flags: &Flags) -> Vec<String> {
    let s = |key: &str| row[key].as_str().unwrap().to_string();
    let mut words = vec![s("proto"), row["refcnt"].to_string(), "[".to_string()];
    words.extend(
        row["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string()),
    );
    words.push("]".to_string());
    words.push(s("type"));
    let state = s("state");
    if state != "UNCONNECTED" {
        words.push(state);
    }
    words.push(row["inode"].to_string());
    if flags.programs {
        words.push(program_label(row));
    }
    if let Some(path) = row["path"].as_str() {
        words.extend(path.split_whitespace().map(str::to_string));
    }
    words
}

/// `-c --json`: one complete document per pass, one line each, flushed as written.
#[test]
fn continuous_json_is_one_document_per_line() {
    if !common::differential_enabled() {
        return;
    }
    let ns = known_sockets::namespace();
    let mut command = ns.command(Program::Ours, &["-tanc", "--json"]);
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0);
    let mut child = command.spawn().expect("start netstat -c");
    let mut stdout = child.stdout.take().unwrap();
    // Read until three lines have arrived: each pass reaches the pipe before the sleep.
    let mut received = Vec::new();
    let mut buf = [0u8; 65536];
    while received.iter().filter(|&&b| b == b'\n').count() < 3 {
        let n = stdout.read(&mut buf).expect("read the passes");
        assert!(n > 0, "netstat -c --json ended early");
        received.extend_from_slice(&buf[..n]);
    }
    // SAFETY: killpg on the group of our own child.
    unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
    let _ = child.wait();
    let complete = received.len() - received.iter().rev().position(|&b| b == b'\n').unwrap();
    let docs = common::json::documents("sockets", &received[..complete]);
    assert!(docs.len() >= 3);
    let first = docs[0]["inet"].as_array().unwrap();
    assert!(!first.is_empty());
    for doc in &docs[1..] {
        assert_eq!(doc["inet"].as_array().unwrap().len(), first.len());
    }
}

/// A table that fails after earlier tables were printed: stdout still holds one complete
/// document (the rows before the failure), stderr and the exit status are the text's.
#[test]
fn a_failure_mid_listing_leaves_a_complete_document() {
    let tree = Tree::new("json-failure");
    tree.with_inet_headers();
    tree.file(
        "tcp",
        format!(
            "{}   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n",
            common::tree::TCP_HEADER
        ),
    );
    // The UDP table cannot be read: a directory in place of the file.
    std::fs::remove_file(tree.path().join("net/udp")).ok();
    tree.dir("udp");
    let ours = tree.fixture().run(Program::Ours, &["-tuan", "--json"]);
    let text = tree.fixture().run(Program::Ours, &["-tuan"]);
    assert_eq!(ours.stderr, text.stderr);
    assert_eq!(ours.status.code(), text.status.code());
    assert_ne!(ours.status.code(), Some(0));
    let doc = common::json::document("sockets", &ours.stdout);
    let rows = doc["inet"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["local_port"], 22);
    assert_eq!(rows[0]["state"], "LISTEN");
    assert_eq!(rows[0]["inode"], 4242);

    // A failure in the first table: the document holds that table, empty.
    let missing = Tree::new("json-nothing");
    missing.dir("tcp");
    let ours = missing.fixture().run(Program::Ours, &["-t", "--json"]);
    assert_ne!(ours.status.code(), Some(0));
    let doc = common::json::document("sockets", &ours.stdout);
    assert_eq!(doc, serde_json::json!({"inet": []}));
}

/// Paths that are not UTF-8 or hold control bytes: the JSON keeps the exact bytes (`path_hex`),
/// and one socket is one line whatever its name holds.
#[test]
fn hostile_unix_paths_stay_exact_and_on_one_line() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = common::Namespace::new("jsonpaths", known_sockets::HOSTS);
    let holder = r#"
import socket, sys, time
keep = []
for name in (b"\0bad\xff\nrow", b"\0esc\x1b[2J"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(name)
    s.listen(1)
    keep.append(s)
print("ready", flush=True)
time.sleep(3600)
"#;
    ns.start(&[common::python(), "-c", holder], None);
    let ours = ns.run(Program::Ours, &["-xl", "--json"]);
    let doc = common::json::document("sockets", &ours.stdout);
    assert_eq!(ours.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    let paths: Vec<Vec<u8>> = doc["unix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| match row["path_hex"].as_str() {
            Some(hex) => (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect(),
            None => row["path"].as_str().unwrap().as_bytes().to_vec(),
        })
        .collect();
    // net-tools cuts a path at its first whitespace byte (the newline).
    assert!(paths.contains(&b"@bad\xff".to_vec()), "{paths:?}");
    assert!(paths.contains(&b"@esc\x1b[2J".to_vec()), "{paths:?}");
    let raw = String::from_utf8_lossy(&ours.stdout);
    assert!(raw.contains(r#""path":"@esc\u001b[2J""#), "{raw}");
    assert!(raw.contains(r#""path_hex":"40626164ff""#), "{raw}");
}
