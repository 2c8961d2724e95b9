//! `netstat -s` on fixture trees (tests/data/stats/, described in its README), compared with
//! net-tools run on the same trees: the current kernel's layout, an older and a newer one, and
//! every kind of damage the readers must survive. Two more trees are written at test time from
//! our own tables: every key of every table, once non-zero and once zero, so that every text,
//! kind and binary-search miss is checked against 2.10 itself.

mod common;

use common::{Check, Fixture, Runner, Tree};
use netstat::render::stats_tables::{self, Entry};
use std::fmt::Write as _;

/// The trees under tests/data/stats.
const TREES: &[&str] = &[
    "current",
    "older",
    "newer",
    "quirks",
    "malformed",
    "reordered",
    "truncated",
    "empty",
    "missing",
    "directories",
];

/// Run besides [`common::invocations::STATISTICS`].
const MORE_ARGS: &[&str] = &["--statistics --tcp --udp"];

#[test]
fn statistics_on_fixture_trees_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let mut runs = Vec::new();
    for tree in TREES {
        let fixture = Fixture::new(format!("tests/data/stats/{tree}"));
        runs.push(compare_all(&fixture, tree));
    }
    let failures: Vec<String> = runs.into_iter().flatten().collect();
    common::assert_no_differences(&failures);
}

#[test]
fn every_table_entry_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let mut failures = Vec::new();
    for (name, value) in [("nonzero", None), ("zero", Some(0))] {
        let tree = generated_tree(name, value);
        failures.extend(compare_all(&tree.fixture(), name));
    }
    common::assert_no_differences(&failures);
}

/// Every `-s` invocation on one tree; the reports of those that differ.
fn compare_all(fixture: &dyn Runner, tree: &str) -> Vec<String> {
    let invocations = [common::invocations::STATISTICS, MORE_ARGS].concat();
    common::compare_each(fixture, &invocations, Check::EXACT)
        .into_iter()
        .map(|report| format!("tree {tree}: {report}"))
        .collect()
}

/// A tree holding every key of our tables: values count up from 1001 (each distinct), or are all
/// `fixed`.
fn generated_tree(name: &str, fixed: Option<u64>) -> Tree {
    let tree = Tree::new(name);
    let mut next = 1000;
    let mut value = || {
        next += 1;
        fixed.unwrap_or(next)
    };
    let pairs = |sections: &[(&str, &[Entry])], value: &mut dyn FnMut() -> u64| {
        let mut text = String::new();
        for (title, table) in sections {
            let names: Vec<&str> = table.iter().map(|e| e.key.trim_end()).collect();
            let values: Vec<String> = names.iter().map(|_| value().to_string()).collect();
            let _ = writeln!(text, "{title}: {}", names.join(" "));
            let _ = writeln!(text, "{title}: {}", values.join(" "));
        }
        text
    };
    let lines = |tables: &[&[Entry]], value: &mut dyn FnMut() -> u64| {
        let mut text = String::new();
        for entry in tables.iter().flat_map(|t| t.iter()) {
            let _ = writeln!(text, "{:<32}\t{}", entry.key.trim_end(), value());
        }
        text
    };
    let snmp = pairs(
        &[
            ("Ip", stats_tables::IP),
            ("Icmp", stats_tables::ICMP),
            ("Tcp", stats_tables::TCP),
            ("Udp", stats_tables::UDP),
        ],
        &mut value,
    );
    let netstat = pairs(&[("TcpExt", stats_tables::TCP_EXT)], &mut value);
    let snmp6 = lines(
        &[stats_tables::IP6, stats_tables::ICMP6, stats_tables::UDP6],
        &mut value,
    );
    let sctp = lines(&[stats_tables::SCTP], &mut value);
    for (file, text) in [
        ("snmp", snmp),
        ("netstat", netstat),
        ("snmp6", snmp6),
        ("sctp/snmp", sctp),
    ] {
        tree.file(file, text);
    }
    tree
}

/// `-s --json` on the kernel-layout trees: one object per section net-tools prints, in its
/// order, holding every counter of that section with the value the tree's file has.
#[test]
fn json_sections_and_counters_match_the_files() {
    if !common::differential_enabled() {
        return;
    }
    let generated = generated_tree("json", None);
    let trees: Vec<(String, std::path::PathBuf)> = ["current", "older", "newer"]
        .iter()
        .map(|t| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/stats")
                .join(t);
            (t.to_string(), path)
        })
        .chain([("generated".to_string(), generated.path().to_path_buf())])
        .collect();
    for (name, root) in &trees {
        let files = counters_in_files(&root.join("net"));
        let fixture = Fixture::new(root);
        for args in ["-s", "-su", "-sS", "-s6 -u"] {
            let (text, raw) = common::json::text_and_json(&fixture, args);
            let doc = common::json::document("statistics", &raw);
            let raw = String::from_utf8(raw).unwrap();
            let titles: Vec<&str> = text
                .lines()
                .filter(|line| !line.starts_with(' ') && line.ends_with(':'))
                .map(|line| line.trim_end_matches(':'))
                .collect();
            let sections = doc["statistics"].as_object().expect("statistics object");
            let mut keys: Vec<&str> = sections.keys().map(String::as_str).collect();
            keys.sort_by_key(|key| titles.iter().position(|t| t == key));
            assert_eq!(keys, titles, "tree {name}, {args}: sections");
            let positions: Vec<usize> = titles
                .iter()
                .map(|t| {
                    raw.find(&format!("\"{t}\":{{"))
                        .expect("section in the output")
                })
                .collect();
            assert!(
                positions.is_sorted(),
                "tree {name}, {args}: sections in the text's order"
            );
            for (title, counters) in sections {
                let expected = files
                    .get(title.as_str())
                    .unwrap_or_else(|| panic!("{title} in the files"));
                let actual: Vec<(String, u64)> = counters
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            v.as_u64().expect("a counter is an unsigned integer"),
                        )
                    })
                    .collect();
                // A name the file repeats is keyed NAME#2, NAME#3, ...
                let mut seen = std::collections::HashMap::new();
                let mut expected: Vec<(String, u64)> = expected
                    .iter()
                    .map(|(name, value)| {
                        let count = seen.entry(name.clone()).or_insert(0);
                        *count += 1;
                        match *count {
                            1 => (name.clone(), *value),
                            n => (format!("{name}#{n}"), *value),
                        }
                    })
                    .collect();
                expected.sort();
                assert_eq!(actual, expected, "tree {name}, {args}: section {title}");
            }
        }
    }
}

/// Every counter of the tree's SNMP files by section, read the simple way: `Title: names` and
/// `Title: values` line pairs (snmp, netstat), `Name value` lines (snmp6 by the name's prefix
/// up to its `6`, sctp/snmp as `Sctp`).
fn counters_in_files(
    net: &std::path::Path,
) -> std::collections::HashMap<String, Vec<(String, u64)>> {
    let mut sections: std::collections::HashMap<String, Vec<(String, u64)>> = Default::default();
    for file in ["snmp", "netstat"] {
        let Ok(text) = std::fs::read_to_string(net.join(file)) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.chunks(2) {
            let (title, names) = pair[0].split_once(": ").unwrap();
            let (_, values) = pair[1].split_once(": ").unwrap();
            let counters = names
                .split_whitespace()
                .zip(values.split_whitespace())
                .map(|(n, v)| (n.to_string(), number(v)));
            sections
                .entry(title.to_string())
                .or_default()
                .extend(counters);
        }
    }
    for file in ["snmp6", "sctp/snmp"] {
        let Ok(text) = std::fs::read_to_string(net.join(file)) else {
            continue;
        };
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let (name, value) = (words.next().unwrap(), words.next().unwrap());
            let title = match name.find('6') {
                Some(six) if file == "snmp6" => &name[..=six],
                _ => "Sctp",
            };
            sections
                .entry(title.to_string())
                .or_default()
                .push((name.to_string(), number(value)));
        }
    }
    sections
}

/// A counter as C's `strtoull` reads it: a negative number (Tcp's MaxConn of -1) wraps.
fn number(text: &str) -> u64 {
    text.parse::<u64>()
        .or_else(|_| text.parse::<i64>().map(|n| n as u64))
        .unwrap_or_else(|_| panic!("counter {text}"))
}
