//! Bad input gets a clear answer, never a panic: malformed and truncated `/proc` lines, huge
//! numbers, odd bytes in unix paths, missing files, a file that is a directory, a closed stdout,
//! no permission. Where net-tools 2.10 behaves sanely on the same input the two are compared byte
//! for byte; where 2.10 misbehaves (spec §9 #28, #29) our chosen behaviour is asserted directly.

mod common;

use common::tree::{TCP_HEADER, UDP_HEADER, UNIX_HEADER};
use common::{Check, Program, Runner, Tree, assert_same};
use std::fs;
use std::path::Path;

/// Every Internet and unix file present, with the given bodies after their headers.
fn socket_tree(name: &str, tcp: &str, udp: &str, unix: &[u8]) -> Tree {
    let tree = Tree::new(name);
    tree.with_inet_headers()
        .file("tcp", format!("{TCP_HEADER}{tcp}"))
        .file("udp", format!("{UDP_HEADER}{udp}"))
        .file("unix", [UNIX_HEADER.as_bytes(), unix].concat());
    tree
}

#[test]
fn malformed_truncated_and_huge_lines_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let tcp = concat!(
        "   0: 0100007F:0016 0100007F:9C40 01 00000010:00000020 00:00000000 00000000     0        0 100 1 0 20 4 30 10 -1\n",
        "   1: 0100007F:0016\n",
        "garbage that is not a socket line\n",
        "\n",
        "   2: 0100007F:FFFFF 0100007F:0001 01 FFFFFFFFFFFFFFFFFFFFFF:7FFFFFFFFFFFFFFF 00:00000000 00000000 99999999999 0 99999999999999999999999\n",
        "   3: 0100007F:0017 0100007F:0002 0A 00000000:00000000 00:00000000 00000000     0\n",
        "   4: 0100007F:0018 0100007F:0003 01 00000000:00000000 00:00000000",
    );
    let udp = concat!(
        "  5: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 200 2 0 0\n",
        "  6: 0100007F:9C41 0100007F:0035 01 00000000:00000000 00:00000000\n",
        "  7: nonsense\n",
    );
    let mut unix = Vec::new();
    unix.extend_from_slice(
        b"0000000000000000: 00000002 00000000 00010000 0001 01 300 /tmp/\xff\xfe-not-utf8\n",
    );
    unix.extend_from_slice(
        b"0000000000000000: 00000003 00000000 00000000 0001 03 301 @abstract\x01ctl\n",
    );
    unix.extend_from_slice(
        b"0000000000000000: 00000002 00000000 00000000 0002 01 302 /tmp/with space.sock\n",
    );
    unix.extend_from_slice(b"0000000000000000: 00000002\n");
    unix.extend_from_slice(b"0000000000000000: 00000002 00000000 00000000 0009 09 303\n");
    unix.extend_from_slice(b"0000000000000000: FFFFFFFFFFFFFFFFFFFFFF 00000001 00070000 0005 02 99999999999999999999999 /x");
    let tree = socket_tree("malformed", tcp, udp, &unix);
    let fixture = tree.fixture();
    for args in [
        &["-an"][..],
        &["-n"],
        &["-ln"],
        &["-tn"],
        &["-tan", "-e", "-e"],
        &["-uan"],
        &["-xa"],
        &["-x"],
        &["-xl"],
        &["-anW"],
    ] {
        assert_same(&fixture, args, Check::EXACT);
    }
}

#[test]
fn missing_files_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let tree = Tree::new("missing");
    tree.file("tcp6", TCP_HEADER);
    let fixture = tree.fixture();
    for args in [
        &["-t"][..],
        &["-u"],
        &["-x"],
        &["-a"],
        &["-v"],
        &["-tuxn"],
        &["-6", "-t"],
        &["-4", "-t"],
        &["-A", "inet", "-v"],
    ] {
        assert_same(&fixture, args, Check::EXACT);
    }
}

#[test]
fn state_numbers_out_of_range_print_unknown() {
    let tree = socket_tree(
        "states",
        "   0: 0100007F:0016 0100007F:9C40 0C 00000000:00000000 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1\n   1: 0100007F:0016 0100007F:9C41 FFFFFFFF 00000000:00000000 00:00000000 00000000     0        0 1\n",
        "   2: 0100007F:0016 0100007F:9C40 05 00000000:00000000 00:00000000 00000000     0        0 2 2 0 0\n",
        b"0: 00000002 00000000 00000000 0007 07 5 /s\n",
    );
    let out = run_ours(tree.path(), &["-tuxan"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("tcp") || l.starts_with("udp"))
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows.iter().all(|r| r.trim_end().ends_with("UNKNOWN")),
        "{text}"
    );
    let unix = text.lines().last().unwrap();
    assert!(unix.contains("UNKNOWN    UNKNOWN"), "{unix}");
}

#[test]
fn a_table_that_is_a_directory_stops_with_an_error() {
    // net-tools 2.10 loops forever here (spec §9 #28); we stop at the first read error.
    let tree = socket_tree("directory", "", "", b"");
    fs::remove_file(tree.path().join("net/tcp")).unwrap();
    fs::create_dir(tree.path().join("net/tcp")).unwrap();
    let out = run_ours(tree.path(), &["-t"]);
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    // The message names the file actually opened.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("{}/net/tcp: Is a directory\n", tree.path().display())
    );
    let out = run_ours(tree.path(), &["-x"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "only the tcp table is broken: {out:?}"
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let mut unix = Vec::new();
    for i in 0..20_000 {
        unix.extend_from_slice(
            format!("0: 00000002 00000000 00000000 0001 03 {i} /tmp/s{i}\n").as_bytes(),
        );
    }
    let tree = socket_tree("pipe", "", "", &unix);
    let script = format!(
        "set -o pipefail; PROC_ROOT='{}' '{}' -an | head -1",
        tree.path().display(),
        Program::Ours.path().display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Active Internet connections (servers and established)\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no panic text, no error"
    );
    // Killed by SIGPIPE, exactly like the C program: the shell reports 128 + 13.
    assert_eq!(out.status.code(), Some(141));
}

#[test]
fn no_permission_for_programs_gives_the_non_root_note() {
    if !common::differential_enabled() {
        return;
    }
    let ns = common::Namespace::new("noperm", "127.0.0.1\tlocalhost\n");
    assert_same(&ns.as_user(65534), &["-tp"], Check::EXACT);
    assert_same(&ns.as_user(65534), &["-xap"], Check::EXACT);
    let out = ns.as_user(65534).run(Program::Ours, &["-tp"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "(No info could be read for \"-p\": geteuid()=65534 but you should be root.)\n"
    );
}

fn run_ours(tree: &Path, args: &[&str]) -> common::Outcome {
    let mut command = common::run::clean(Program::Ours.path());
    command.env("PROC_ROOT", tree).args(args);
    common::run::capture(command)
}
