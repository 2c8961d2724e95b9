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
