//! `--json` across modes: JSON Lines with `-c` (one complete document per pass, on fixture
//! trees and live interfaces), and a failure in the middle of a listing (stdout then holds one
//! complete document, or nothing). The values of each mode are checked against net-tools' text
//! in the suites that build its state (fixtures_routes, fixtures_legacy, fixtures_stats,
//! fixtures_masquerade, differential_interfaces, netlink_monitor).

mod common;

use common::{Namespace, Program, Runner, Tree};
use std::process::Command;

/// Our netstat on `tree` with `args`, stopped by SIGINT after 1.6 s: two `-c` passes.
fn two_passes(tree: &Tree, args: &[&str]) -> Vec<u8> {
    let output = Command::new("timeout")
        .args(["-s", "INT", "1.6", env!("CARGO_BIN_EXE_netstat")])
        .args(args)
        .env_clear()
        .env("LC_ALL", "C")
        .env("PROC_ROOT", tree.path())
        .output()
        .expect("run netstat under timeout");
    output.stdout
}

const ROUTE: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
eth0\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

const MASQUERADE: &str = "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires (free=4096,4096,4096)\n\
TCP C0A80002:0401 0A010203:0050 EE48 12345678      0      0   89999\n";

const AX25: &str = "00000000b4f6c1a2 ax0 G4KLX-1 G4ABC-2 3 2 1 0 0 0 0 0 0 0 0 0 0 0 120 340 0\n";

#[test]
fn continuous_json_is_one_document_per_pass() {
    let tree = Tree::with_files(
        "json-c",
        &[
            ("route", ROUTE),
            ("ax25", AX25),
            ("ip_masquerade", MASQUERADE),
        ],
    );
    tree.with_inet_headers();
    for (args, mode, key) in [
        (&["-rnc", "--json"][..], "routes", "routes"),
        (&["-c", "--ax25", "--json"][..], "sockets", "ax25"),
        (&["-tnc", "--json"][..], "sockets", "inet"),
        (&["-Mc", "--json"][..], "masquerade", "masquerade"),
    ] {
        let stdout = two_passes(&tree, args);
        let documents = common::json::documents(mode, &stdout);
        assert!(
            documents.len() >= 2,
            "{args:?}: one line per pass:\n{}",
            String::from_utf8_lossy(&stdout)
        );
        for document in &documents {
            assert!(document.get(key).is_some(), "{args:?}: {document}");
        }
        assert_eq!(documents[0], documents[1], "{args:?}: the same state twice");
    }
}

/// The interface table's title is text only: with `-c` every pass is a whole document.
#[test]
fn continuous_interfaces_are_documents_without_the_title() {
    let ns = Namespace::new("jsonic", "127.0.0.1\tlocalhost\n");
    let outcome = common::TwoPasses(&ns).run(Program::Ours, &["-ic", "--json"]);
    let documents = common::json::documents("interfaces", &outcome.stdout);
    assert_eq!(documents.len(), 2, "two passes");
    for document in &documents {
        assert_eq!(document["interfaces"][0]["iface"], "lo");
    }
}

/// A table that fails after others were printed (a directory where the UDP table should be;
/// 2.10 never ends there, spec §9 #28): the text's error and status, and stdout one complete
/// document holding what came before; a failure before any table prints nothing.
#[test]
fn a_failure_mid_listing_leaves_one_complete_document() {
    let tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   \
               0: 0100007F:0016 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0\n";
    let tree = Tree::with_files("json-fail", &[("tcp", tcp), ("udp/", "")]);
    let fixture = tree.fixture();
    for args in ["-tun", "-tuna", "-a -t -u"] {
        let argv: Vec<&str> = args.split_whitespace().collect();
        let text = fixture.run(Program::Ours, &argv);
        let ours = fixture.run(Program::Ours, &[&argv[..], &["--json"]].concat());
        assert_eq!(ours.status.code(), Some(255), "{args}: status");
        assert_eq!(ours.stderr, text.stderr, "{args}: stderr as in text");
        let document = common::json::document("sockets", &ours.stdout);
        let rows = document["inet"]
            .as_array()
            .expect("the rows read before the failure");
        assert_eq!(rows.len(), 1, "{args}: {document}");
        assert_eq!(rows[0]["local_port"], 22);
    }
    // -c ends with the first failing pass, whose document is closed.
    let routes = Tree::with_files("json-fail-c", &[("route", ROUTE)]);
    let ours = routes
        .fixture()
        .run(Program::Ours, &["-rnc", "-A", "inet,unix", "--json"]);
    assert_eq!(ours.status.code(), Some(3));
    let document = common::json::document("routes", &ours.stdout);
    assert_eq!(document["routes"][0]["destination"], "10.1.2.0");
    // An error before the first table: nothing on stdout.
    let ours = fixture.run(Program::Ours, &["-r", "-A", "unix", "--json"]);
    assert_eq!((ours.status.code(), ours.stdout.len()), (Some(3), 0));
}

/// Keys are unique: `-r -A inet,inet` prints the IPv4 tables twice as text, once in JSON; `-s`
/// ignores `-c` and prints one document.
#[test]
fn one_key_per_table_and_one_statistics_document() {
    let tree = Tree::with_files("json-twice", &[("route", ROUTE)]);
    let ours = tree
        .fixture()
        .run(Program::Ours, &["-rn", "-A", "inet,inet", "--json"]);
    let text = String::from_utf8(ours.stdout.clone()).unwrap();
    assert_eq!(text.matches("\"routes\":").count(), 1, "{text}");
    let document = common::json::document("routes", &ours.stdout);
    assert_eq!(document["routes"][0]["iface"], "eth0");

    let stats = Tree::with_files(
        "json-stats-c",
        &[("snmp", "Udp: InDatagrams NoPorts\nUdp: 7 2\n")],
    );
    let stdout = two_passes(&stats, &["-s", "-c", "--json"]);
    let document = common::json::document("statistics", &stdout);
    assert_eq!(document["statistics"]["Udp"]["NoPorts"], 2);
}
