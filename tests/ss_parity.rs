//! `--info`, `--memory` and `--kill` against `ss` (iproute2), the oracle for what the kernel
//! reports about a connection, on idle loopback connections with known traffic held by
//! tests/helpers/connections.py in a private namespace.

mod common;

use common::{Namespace, Program, Runner};
use std::collections::BTreeMap;

const PORT: &str = "7000";
const OTHER_PORT: &str = "7001";
const CONNECTIONS: &str = "3";

/// `tcp_info` numbers that cannot move on an idle connection between two runs.
const STABLE: &[&str] = &[
    "wscale",
    "mss",
    "pmtu",
    "rcvmss",
    "advmss",
    "cwnd",
    "ssthresh",
    "bytes_sent",
    "bytes_acked",
    "bytes_received",
    "segs_out",
    "segs_in",
    "data_segs_out",
    "data_segs_in",
    "delivered",
];

fn namespace(prefix: &str) -> Namespace {
    let mut ns = Namespace::new(prefix, "127.0.0.1\tlocalhost\n");
    let script = ns.dir().join("connections.py");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/helpers/connections.py"),
        &script,
    )
    .expect("copy the connection helper");
    let script = script.to_str().expect("UTF-8 path").to_owned();
    ns.start(
        &[common::python(), &script, PORT, CONNECTIONS, OTHER_PORT],
        None,
    );
    ns
}

/// One socket's details line: its `key:value` items, and every word in order.
#[derive(Debug, Default)]
struct Details {
    items: BTreeMap<String, String>,
    words: Vec<String>,
}

impl Details {
    fn parse(line: &str) -> Self {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let items = words
            .iter()
            .filter_map(|w| w.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Details { items, words }
    }

    /// The congestion algorithm: the word before `wscale:` (both programs print it there).
    fn congestion(&self) -> Option<&str> {
        let at = self.words.iter().position(|w| w.starts_with("wscale:"))?;
        Some(self.words[at.checked_sub(1)?].as_str())
    }

    fn millis(&self, key: &str) -> f64 {
        let value = self.items.get(key).unwrap_or_else(|| panic!("no {key}"));
        let first = value.split('/').next().unwrap();
        first.parse().unwrap_or_else(|_| panic!("{key}:{value}"))
    }
}

/// Rows (local, foreign) of a listing whose rows are followed by a tab-indented details line.
fn rows(text: &str, local_column: usize) -> BTreeMap<(String, String), Details> {
    let mut rows = BTreeMap::new();
    let mut last = None;
    for line in text.lines() {
        if let Some(details) = line.strip_prefix('\t') {
            let key = last.take().expect("a details line follows a row");
            rows.insert(key, Details::parse(details));
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() > local_column + 1 && words[local_column].contains(':') {
            last = Some((
                words[local_column].to_string(),
                words[local_column + 1].to_string(),
            ));
        }
    }
    rows
}

fn ours(ns: &Namespace, args: &[&str]) -> String {
    let outcome = ns.run(Program::Ours, args);
    let (stdout, stderr, code) = outcome.text();
    assert_eq!(code, Some(0), "netstat {args:?}: {stderr}");
    stdout
}

fn ss(ns: &Namespace, args: &[&str]) -> String {
    let mut argv = vec!["ss"];
    argv.extend(args);
    let output = ns.exec(&argv).output().expect("run ss");
    assert!(output.status.success(), "ss {args:?} failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Our `-tn --info` and `ss -tni` list the same connections with the same stable numbers.
#[test]
fn info_agrees_with_ss() {
    let ns = namespace("info");
    let ours = rows(&ours(&ns, &["-tn", "--info"]), 3);
    let theirs = rows(&ss(&ns, &["-tni"]), 3);
    assert_eq!(ours.len(), 8, "four connections, both ends:\n{ours:?}");
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (key, mine) in &ours {
        let other = &theirs[key];
        for item in STABLE {
            assert_eq!(
                mine.items.get(*item),
                other.items.get(*item),
                "{item} of {key:?}\nours: {mine:?}\nss:   {other:?}"
            );
        }
        assert_eq!(mine.congestion(), other.congestion(), "{key:?}");
        assert!(mine.congestion().is_some(), "{mine:?}");
        // Moving numbers: present in both, within reason.
        for (item, low, high) in [("rtt", 0.0, 1000.0), ("rto", 200.0, 120_000.0)] {
            let (a, b) = (mine.millis(item), other.millis(item));
            assert!(a > low && a < high, "{item} {a} of {key:?}");
            assert!(b > low && b < high, "ss {item} {b}");
        }
    }
    // A port filter walks both families in one request (TCPDIAG_GETSOCK): the
    // same details for the rows it keeps.
    let filtered = rows(&self::ours(&ns, &["-tn", "--info", "--dport", PORT]), 3);
    assert_eq!(filtered.len(), 3);
    for (key, mine) in &filtered {
        for item in STABLE {
            assert_eq!(
                mine.items.get(*item),
                theirs[key].items.get(*item),
                "{item}"
            );
        }
    }
    // Known traffic: client i sent 1000*(i+1) bytes, the server acknowledged them all.
    let mut acked: Vec<u64> = ours
        .iter()
        .filter(|((_, foreign), _)| foreign.ends_with(":7000"))
        .map(|(_, d)| d.items["bytes_acked"].parse::<u64>().unwrap() - 1)
        .collect();
    acked.sort();
    assert_eq!(acked, [1000, 2000, 3000]);
}

/// `--memory`'s skmem matches `ss -tm` on every connection (both listings retried while the
/// kernel's buffer accounting settles between the two runs).
#[test]
fn memory_agrees_with_ss() {
    let ns = namespace("memory");
    let skmem = |rows: BTreeMap<(String, String), Details>| -> Vec<(String, String, String)> {
        rows.into_iter()
            .map(|((l, f), d)| (l, f, d.items["skmem"].clone()))
            .collect()
    };
    agree_within_attempts("skmem of ss -tm", || {
        let ours = skmem(rows(&ours(&ns, &["-tn", "--memory"]), 3));
        assert_eq!(ours.len(), 8);
        (ours, skmem(rows(&ss(&ns, &["-tnm"]), 3)))
    });
}

/// Ours and ss's reading of numbers that may move between two runs while the kernel's
/// accounting settles: equal in one of five attempts.
fn agree_within_attempts<T: PartialEq + std::fmt::Debug>(
    what: &str,
    mut read: impl FnMut() -> (T, T),
) {
    let mut last = None;
    for _ in 0..5 {
        let (ours, theirs) = read();
        if ours == theirs {
            return;
        }
        last = Some((ours, theirs));
    }
    panic!("{what} differs: {last:#?}");
}

/// UNIX sockets: `--memory` joins the kernel's figures to the `/proc` rows by inode; they
/// match `ss -xm`'s for every socket (JSON, so the schema is checked too).
#[test]
fn unix_memory_agrees_with_ss() {
    let ns = namespace("unixmem");
    let letters = ["r", "rb", "t", "tb", "f", "w", "o", "bl", "d"];
    let keys = [
        "rmem_alloc",
        "rcvbuf",
        "wmem_alloc",
        "sndbuf",
        "fwd_alloc",
        "wmem_queued",
        "optmem",
        "backlog",
        "drops",
    ];
    agree_within_attempts("unix memory of ss -xm", || {
        let out = ns.run(Program::Ours, &["-xa", "--memory", "--json"]);
        let doc = common::json::document("sockets", &out.stdout);
        let ours: BTreeMap<String, String> = doc["unix"]
            .as_array()
            .expect("unix rows")
            .iter()
            .map(|row| {
                let memory = &row["memory"];
                let items: Vec<String> = letters
                    .iter()
                    .zip(keys)
                    .map(|(letter, key)| format!("{letter}{}", memory[key]))
                    .collect();
                (row["inode"].to_string(), format!("({})", items.join(",")))
            })
            .collect();
        let theirs: BTreeMap<String, String> = ss(&ns, &["-xamH"])
            .lines()
            .map(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                let skmem = words.iter().find_map(|w| w.strip_prefix("skmem:"));
                (words[5].to_string(), skmem.expect("skmem").to_string())
            })
            .collect();
        assert_eq!(ours.len(), 3, "a pair and a listener: {ours:?}");
        (ours, theirs)
    });
}

/// The JSON rows carry the same numbers (and match the schema): `info` and `memory` objects.
#[test]
fn json_details_agree_with_ss_and_the_schema() {
    let ns = namespace("infojson");
    let out = ns.run(Program::Ours, &["-tn", "--info", "--memory", "--json"]);
    let doc = common::json::document("sockets", &out.stdout);
    let theirs = rows(&ss(&ns, &["-tnmi"]), 3);
    let inet = doc["inet"].as_array().expect("inet rows");
    assert_eq!(inet.len(), 8);
    for row in inet {
        let key = (
            format!(
                "{}:{}",
                row["local_address"].as_str().unwrap(),
                row["local_port"]
            ),
            format!(
                "{}:{}",
                row["foreign_address"].as_str().unwrap(),
                row["foreign_port"]
            ),
        );
        let other = &theirs[&key];
        let info = &row["info"];
        let number = |v: &serde_json::Value| v.as_u64().map(|n| n.to_string());
        assert_eq!(number(&info["snd_mss"]), other.items.get("mss").cloned());
        assert_eq!(number(&info["snd_cwnd"]), other.items.get("cwnd").cloned());
        assert_eq!(
            format!("{},{}", info["snd_wscale"], info["rcv_wscale"]),
            other.items["wscale"]
        );
        assert_eq!(info["congestion"].as_str(), other.congestion());
        let skmem = &other.items["skmem"];
        let rcvbuf = format!(",rb{},", row["memory"]["rcvbuf"]);
        assert!(skmem.contains(&rcvbuf), "{rcvbuf} in {skmem}");
    }
}

/// `--kill` closes exactly what its filter matches (checked with `ss`), lists what it closed,
/// and refuses without a filter.
#[test]
fn kill_closes_exactly_the_matched_connections() {
    let ns = namespace("kill");
    let established = |ns: &Namespace| {
        let mut pairs: Vec<(String, String)> =
            rows_of_ss(&ss(ns, &["-tnH", "state", "established"]));
        pairs.sort();
        pairs
    };
    let before = established(&ns);
    assert_eq!(before.len(), 8);

    let refused = ns.run(Program::Ours, &["-tn", "--kill"]);
    let (stdout, stderr, code) = refused.text();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("--kill needs a filter"), "{stderr}");
    assert_eq!(established(&ns), before, "nothing closed without a filter");

    // With -o the table comes from /proc, which cannot close anything: an error, and no
    // rows listed as closed.
    let from_proc = ns.run(Program::Ours, &["-tno", "--kill", "--dport", PORT]);
    let (stdout, stderr, code) = from_proc.text();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stdout.contains("ESTABLISHED"), "{stdout}");
    assert_eq!(established(&ns), before);

    let killed = ours(&ns, &["-tn", "--kill", "--dport", PORT]);
    let mut listed: Vec<(String, String)> = killed
        .lines()
        .filter(|line| line.starts_with("tcp"))
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            (words[3].to_string(), words[4].to_string())
        })
        .collect();
    listed.sort();
    let matched: Vec<(String, String)> = before
        .iter()
        .filter(|(_, foreign)| foreign.ends_with(":7000"))
        .cloned()
        .collect();
    assert_eq!(listed, matched, "it lists what it closed:\n{killed}");
    // The closed clients' peers got a reset: only the other connection is left.
    let after = established(&ns);
    let other: Vec<(String, String)> = before
        .into_iter()
        .filter(|(local, foreign)| local.ends_with(":7001") || foreign.ends_with(":7001"))
        .collect();
    assert_eq!(after, other);
    let listening = ss(&ns, &["-tnlH"]);
    assert_eq!(
        listening.lines().count(),
        2,
        "listeners untouched:\n{listening}"
    );
}

/// Without CAP_NET_ADMIN (a second user in the namespace) `--kill` says what it needs.
#[test]
fn kill_without_the_capability_is_a_clear_error() {
    let ns = namespace("killuser");
    let user = ns.as_user(common::known_sockets::OTHER_UID);
    // The copy of our binary made for that user may still be open for writing in a child
    // another test thread forked meanwhile (until that child execs): executing it then fails
    // with ETXTBSY. Such a run is not an answer; run again.
    let (_, stderr, code) = (0..5)
        .map(|_| {
            user.run(Program::Ours, &["-tn", "--kill", "--dport", PORT])
                .text()
        })
        .find(|(_, stderr, _)| !stderr.contains("Text file busy"))
        .expect("the copied binary stays busy");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("needs CAP_NET_ADMIN"), "{stderr}");
    assert_eq!(
        rows_of_ss(&ss(&ns, &["-tnH", "state", "established"])).len(),
        8
    );
}

/// (local, peer) of `ss -tnH` rows (state column omitted by a state filter).
fn rows_of_ss(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words.len() - 2;
            (words[at].to_string(), words[at + 1].to_string())
        })
        .collect()
}
