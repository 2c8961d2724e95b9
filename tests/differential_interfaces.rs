//! `netstat -i` compared with net-tools on live namespaces: every `-i` variant on a namespace
//! with many kinds of interfaces, `-c` for two passes, `/proc/net/dev` and `/proc/net/if_inet6`
//! fixture trees read next to the live ioctls, and our deliberate difference `netstat -i IFACE`.
//!
//! Counters can move between the two runs of a pair (IPv6 multicast reports right after an
//! interface comes up); a pair is then run again, never normalised.

mod common;

use common::{Check, Namespace, Outcome, Program, Runner, Tree};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

/// Runs of a pair before a difference counts.
const ATTEMPTS: Check = Check {
    normalise: None,
    attempts: 6,
};

/// Every `-i` variant; options that do not apply to `-i` must change nothing.
const VARIANTS: &[&str] = &[
    "-i",
    "-ia",
    "-ie",
    "-iae",
    "-iee",
    "-ieee",
    "-iv",
    "-in",
    "-ian",
    "-iaen",
    "--interfaces",
    "--interfaces --all --extend",
    "-i -N",
    "-i -W",
    "-i -p",
    "-i -o",
    "-i -t",
    "-ie -A inet6",
    "-iv -e",
];

/// A non-UTF-8 interface name (any byte but `/`, `:`, NUL and blanks is allowed).
const ODD_NAME: &[u8] = b"odd\x01\xff";

#[test]
fn interface_table_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let (ns, _peer) = namespace_with_interfaces("ifaces");
    let mut failures = common::compare_each(&ns, VARIANTS, ATTEMPTS);
    // Two passes of -c: the title once, the header and rows twice.
    for args in [&["-ic"][..], &["-iac", "-e"]] {
        if let Err(report) = common::compare(&common::TwoPasses(&ns), args, ATTEMPTS) {
            failures.push(format!("(two passes) {report}"));
        }
    }
    common::assert_no_differences(&failures);
}

#[test]
fn a_named_interface_shows_only_that_interface() {
    if !common::differential_enabled() {
        return;
    }
    let (ns, _peer) = namespace_with_interfaces("ifname");
    let cases: &[(&[&str], &str)] = &[
        (&["-i"], "veth0"),
        (&["-ie"], "veth0"),
        (&["-i"], "veth0:1"),
        (&["-iae"], "veth0:1"),
        (&["-ia"], "lo"),
        (&["-ie"], "tun0"),
        (&["-i"], "abcdefghijklmno"),
        (&["-ie"], "eth01"),
        // Down: shown even without -a, because it was asked for by name.
        (&["-i"], "veth3"),
        (&["-ie"], "veth3"),
        (&["-iae"], "veth3"),
    ];
    let mut failures = Vec::new();
    for (args, name) in cases {
        if let Err(report) = named_matches_reference(&ns, args, name) {
            failures.push(report);
        }
    }
    for args in [
        &["-i", "nosuch0"][..],
        &["-iae", "nosuch0"],
        &["-i", "veth"],
    ] {
        let ours = ns.run(Program::Ours, args);
        let name = args.last().unwrap();
        let expected = format!("netstat: {name}: no such interface\n");
        if ours.stdout.is_empty()
            && ours.stderr == expected.as_bytes()
            && ours.status.code() == Some(1)
        {
            continue;
        }
        failures.push(format!(
            "`netstat {}`: expected nothing on stdout, {expected:?} on stderr and status 1; got {:?} / {:?} / {}",
            args.join(" "),
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&ours.stderr),
            ours.status_text()
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn proc_net_dev_and_if_inet6_fixtures_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let (ns, _peer) = namespace_with_interfaces("iffx");
    let mut failures = Vec::new();
    for (tag, files) in FIXTURES {
        let tree = Tree::with_files(tag, files);
        let fixture = tree.fixture().with_names_from(&ns);
        for args in ["-i", "-ia", "-ie", "-iae"] {
            if let Err(report) = common::compare(&fixture, &[args], ATTEMPTS) {
                failures.push(format!("fixture {tag}: {report}"));
            }
        }
    }
    common::assert_no_differences(&failures);
}

/// The current `/proc/net/dev` header.
const HEADER: &str = "Inter-|   Receive                                                |  Transmit\n \
face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

/// Fixture trees (file name under `net/`, contents; a name ending in `/` is a directory). The
/// names must exist in the namespace, or net-tools stops at the first that does not.
const FIXTURES: &[(&str, &[(&str, &str)])] = &[
    (
        "huge",
        &[
            (
                "dev",
                concat!(
                    "Inter-|   Receive                                                |  Transmit\n",
                    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n",
                    "    lo: 99999999999999999999999 18446744073709551615 -1 3 4 5 6 7 1152921504606846977 1125899906842625 1 2 3 4 5 6\n",
                    "  tun0:1234567890123 1 2 3 4 5 6 7 1025 1 2 3 4 5 6 7\n",
                    " veth0: 1024 1 0 0 0 0 0 0 1048577 2 0 0 0 0 0 0\n",
                    "veth0:1: 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5\n",
                    "abcdefghijklmnopqrst: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
                    "    lo: 7 8\n",
                    " veth3: 1073741825 x 3 4\n",
                    " eth01: 1099511627777 2 3 4 5 6 7 8 1125899906842624 1 2 3 4 5 6 7\n",
                ),
            ),
            (
                "if_inet6",
                concat!(
                    "00000000000000000000000000000001 01 80 10 80       lo\n",
                    "fe80000000000000000000fffe000001 02 40 20 80    veth0\n",
                    "zz80000000000000000000fffe000001 02 40 20 80    veth0\n",
                    "fe80000000000000000000fffe000002 02 40 zz 80    veth0\n",
                    "20010db8000000000000000000000001 1234 80 00 80 lo\n",
                    "20010db8000000000000000000000002 02 40 c0 80 veth0\n",
                    "1 2 3 4 5 6 7 8 02 40 20 80 tun0\n",
                    "00000000000000000000ffff0a010203 03 60 00 80 tun0\n",
                    "0000000000000000000000000a010203 03 60 80 80 tun0\n",
                ),
            ),
        ],
    ),
    (
        "future-layout",
        &[
            (
                "dev",
                concat!(
                    "Inter-|   Receive                                                |  Transmit\n",
                    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed lateness\n",
                    "    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
                    " veth0: 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34\n",
                ),
            ),
            (
                "if_inet6",
                concat!(
                    "00000000000000000000000000000001 01 80 10 80       lo ff\n",
                    "fe80000000000000000000fffe000001 02 40 20 80    veth0 ff\n",
                    "20010db8000000000000000000000001 02 40 00 80    veth0 ff\n",
                ),
            ),
        ],
    ),
    (
        "older-layout",
        &[(
            "dev",
            concat!(
                "Inter-|   Receive                           |  Transmit\n",
                " face |bytes    packets errs drop fifo frame|bytes    packets errs drop fifo colls carrier\n",
                "    lo:  100 1 2 3 4 5 200 6 7 8 9 10 11\n",
                " veth0:  300 12 13 14 15 16 400 17 18 19 20 21 22\n",
            ),
        )],
    ),
    (
        "oldest-layout",
        &[(
            "dev",
            concat!(
                "Inter-|   Receive                  |  Transmit\n",
                " face |packets errs drop fifo frame|packets errs drop fifo colls carrier\n",
                "    lo: 1 2 3 4 5 6 7 8 9 10 11\n",
                "  tun0: 12 13 14 15 16 17 18 19 20 21 22\n",
            ),
        )],
    ),
    (
        "missing-device",
        &[(
            "dev",
            concat!(
                "h1\nh2 compressed\n",
                "    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
                " nosuch0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
            ),
        )],
    ),
    (
        "blank-line",
        &[(
            "dev",
            "h1\nh2 compressed\n    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n\n",
        )],
    ),
    ("empty", &[("dev", ""), ("if_inet6", "")]),
    ("header-only", &[("dev", HEADER)]),
    ("no-dev", &[("if_inet6", "")]),
    ("dev-directory", &[("dev/", "")]),
];

/// The namespace: lo; a veth pair to a second namespace with IPv4 (and an alias label) and IPv6
/// addresses of every scope; a down pair; a 15-character name; names that show the natural
/// order; a tun and a tap device; an ifb; a bridge; every settable flag on one interface; an odd
/// non-UTF-8 name. Returns the namespace and the peer's.
fn namespace_with_interfaces(prefix: &str) -> (Namespace, Namespace) {
    let ns = Namespace::new(prefix, "127.0.0.1\tlocalhost\n");
    let peer = Namespace::new(&format!("{prefix}-peer"), "127.0.0.1\tlocalhost\n");
    let ip = |args: &str| ns.ip(&args.split_whitespace().collect::<Vec<_>>());
    ip(&format!(
        "link add veth0 type veth peer name veth0p netns {}",
        peer.name()
    ));
    // No automatic link-local address: fewer packets (and moving counters) after start-up.
    ip("link set veth0 addrgenmode none");
    peer.ip(&["link", "set", "veth0p", "addrgenmode", "none", "up"]);
    ip("link set veth0 up");
    ip("addr add 10.1.2.3/24 dev veth0");
    ip("addr add 10.1.2.4/24 label veth0:1 dev veth0");
    for address in [
        "2001:db8::1/64",
        "fe80::ff:fe00:1/64",
        "fec0::1/64",
        "::10.1.2.3/96",
    ] {
        ns.ip(&["addr", "add", address, "dev", "veth0", "nodad"]);
    }
    ip("link add veth2 type veth peer name veth3");
    ip("link add abcdefghijklmno type veth peer name abcdefghijklmnp");
    ip("link set abcdefghijklmno up");
    ip("link add eth1 type veth peer name eth10");
    ip("link add eth2 type veth peer name eth");
    ip("link add eth01 type veth peer name ethx");
    ip("link set eth1 mtu 9000 up");
    ip(
        "link set eth2 txqueuelen 0 promisc on allmulticast on arp off dynamic on trailers off multicast off up",
    );
    ip("tuntap add dev tun0 mode tun");
    ip("link set tun0 up");
    ip("addr add 10.9.9.1 peer 10.9.9.2 dev tun0");
    ip("tuntap add dev tap0 mode tap");
    ip("link add ifb0 type ifb");
    ip("link set ifb0 up");
    ip("link add br0 type bridge");
    odd_name(&ns);
    (ns, peer)
}

/// `ip link add` with a name that is not UTF-8 (the rig's `ip` takes `&str`).
fn odd_name(ns: &Namespace) {
    let status = Command::new("ip")
        .args(["-n", ns.name(), "link", "add"])
        .arg(OsStr::from_bytes(ODD_NAME))
        .args(["type", "veth", "peer", "name", "oddpeer"])
        .status()
        .expect("run ip");
    assert!(status.success(), "ip link add with an odd name failed");
}

/// Our `netstat ARGS NAME` must print exactly the title, the header (short format) and NAME's
/// lines of net-tools' `netstat ARGS -a` (everything shown, so that down interfaces are there).
fn named_matches_reference(ns: &Namespace, args: &[&str], name: &str) -> Result<(), String> {
    let long = args.iter().any(|a| a.starts_with("-i") && a.contains('e'));
    let mut reference_args = args.to_vec();
    reference_args.push("-a");
    let mut ours_args = args.to_vec();
    ours_args.push(name);
    let mut report = String::new();
    for _ in 0..ATTEMPTS.attempts {
        let reference = ns.run(Program::Reference, &reference_args);
        let ours = ns.run(Program::Ours, &ours_args);
        let expected = only(&reference, name.as_bytes(), long);
        if ours.stdout == expected && ours.stderr.is_empty() && ours.status.success() {
            return Ok(());
        }
        report = format!(
            "`netstat {}`: expected\n{}\ngot\n{}\nstderr {:?}, status {}",
            ours_args.join(" "),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&ours.stderr),
            ours.status_text()
        );
    }
    Err(report)
}

/// The parts of a full listing that belong to `name`.
fn only(outcome: &Outcome, name: &[u8], long: bool) -> Vec<u8> {
    let lines: Vec<&[u8]> = outcome.stdout.split_inclusive(|&b| b == b'\n').collect();
    let mut kept: Vec<u8> = Vec::new();
    let head = if long { 1 } else { 2 };
    lines[..head].iter().for_each(|l| kept.extend_from_slice(l));
    if long {
        let start = [name, b": "].concat();
        let mut inside = false;
        for line in &lines[head..] {
            if line.starts_with(&start) {
                inside = true;
            }
            if inside {
                kept.extend_from_slice(line);
                if *line == b"\n" {
                    break;
                }
            }
        }
    } else {
        let mut column = name[..name.len().min(15)].to_vec();
        column.resize(15, b' ');
        column.push(b' ');
        for line in &lines[head..] {
            if line.starts_with(&column) {
                kept.extend_from_slice(line);
            }
        }
    }
    kept
}

/// `-i --json` (plain, all, long, one interface) on the namespace above: the same interfaces in
/// the same order as net-tools' text, every counter, flag and address the text shows equal.
#[test]
fn json_matches_the_text_of_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let (ns, _peer) = namespace_with_interfaces("ifjson");
    for args in ["-i", "-ia", "-iae", "-ie veth0"] {
        let long = args.contains('e');
        // Counters can move between the two runs: try again a few times.
        let mut attempt = 0;
        loop {
            attempt += 1;
            let check = std::panic::catch_unwind(|| {
                let (text, doc) = common::json::text_and_document(&ns, args, "interfaces");
                if long {
                    check_long(&text, &doc["interfaces"], args.split_whitespace().nth(1));
                } else {
                    check_short(&text, &doc["interfaces"]);
                }
            });
            match check {
                Ok(()) => break,
                Err(panic) if attempt >= ATTEMPTS.attempts => std::panic::resume_unwind(panic),
                Err(_) => {}
            }
        }
    }
    // The odd name's exact bytes travel beside its lossy text (the bytes rule).
    let outcome = ns.run(Program::Ours, &["-ia", "--json"]);
    let document = common::json::document("interfaces", &outcome.stdout);
    let hex: String = ODD_NAME.iter().map(|b| format!("{b:02x}")).collect();
    let odd = document["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row.get("iface_hex").is_some())
        .expect("the odd name's row");
    assert_eq!(
        (odd["iface"].as_str(), odd["iface_hex"].as_str()),
        (Some("odd\u{1}\u{fffd}"), Some(hex.as_str()))
    );
}

/// The short table: one row of words per interface.
fn check_short(text: &str, rows: &serde_json::Value) {
    use common::json::{assert_rows, cut, field};
    assert_rows(&common::json::text_rows(text, "Iface "), rows, |row| {
        let mut words = vec![cut(field(row, "iface"), 15), field(row, "mtu")];
        match row.get("rx_ok") {
            Some(_) => words.extend(
                [
                    "rx_ok", "rx_err", "rx_drp", "rx_ovr", "tx_ok", "tx_err", "tx_drp", "tx_ovr",
                ]
                .map(|key| field(row, key)),
            ),
            None => words.push("- no statistics available -".into()),
        }
        words.push(field(row, "flg"));
        words
    });
}

/// The long format: one block per interface, holding the lines the row's values make. 2.10
/// ignores an interface name (`named`): its block is picked from all of them.
fn check_long(text: &str, rows: &serde_json::Value, named: Option<&str>) {
    use common::json::field;
    let blocks: Vec<&str> = text
        .trim_start_matches("Kernel Interface table\n")
        .split("\n\n")
        .filter(|b| !b.is_empty())
        .filter(|b| named.is_none_or(|name| b.starts_with(&format!("{name}: "))))
        .collect();
    let rows = rows.as_array().unwrap();
    assert_eq!(blocks.len(), rows.len(), "interfaces in:\n{text}");
    for (block, row) in blocks.iter().zip(rows) {
        let lines: Vec<&str> = block.lines().collect();
        let flags = row["flags"].as_u64().unwrap() as u16 as i16;
        let mut expected = vec![format!("{}: flags={flags}", field(row, "iface"))];
        if let Some(inet) = row.get("inet") {
            let mut line = format!(
                "        inet {}  netmask {}",
                field(inet, "address"),
                none_set(&inet["netmask"])
            );
            for key in ["broadcast", "destination"] {
                if let Some(value) = inet.get(key) {
                    line += &format!("  {key} {}", none_set(value));
                }
            }
            expected.push(line + "\n");
        }
        for inet6 in row["inet6"].as_array().unwrap() {
            let scope: Vec<String> = inet6["scope"]
                .as_array()
                .unwrap()
                .iter()
                .map(common::json::show)
                .collect();
            let list = if scope.is_empty() {
                String::new()
            } else {
                format!("<{}>", scope.join(","))
            };
            expected.push(format!(
                "        inet6 {}  prefixlen {}  scopeid 0x{:x}{list}\n",
                glibc_ipv6(&field(inet6, "address")),
                field(inet6, "prefixlen"),
                inet6["scopeid"].as_u64().unwrap()
            ));
        }
        let mut hardware = format!("        {}", field(row, "hw_type"));
        if let Some(address) = row.get("hw_address") {
            hardware += &format!(" {}", common::json::show(address));
        }
        if !row["txqueuelen"].is_null() {
            hardware += &format!("  txqueuelen {}", field(row, "txqueuelen"));
        }
        expected.push(hardware + "  (");
        if row.get("rx_ok").is_some() {
            let f = |key| field(row, key);
            expected.push(format!(
                "        RX packets {}  bytes {} (",
                f("rx_ok"),
                f("rx_bytes")
            ));
            expected.push(format!(
                "        RX errors {}  dropped {}  overruns {}  frame {}\n",
                f("rx_err"),
                f("rx_drp"),
                f("rx_ovr"),
                f("rx_frame")
            ));
            expected.push(format!(
                "        TX packets {}  bytes {} (",
                f("tx_ok"),
                f("tx_bytes")
            ));
            expected.push(format!(
                "        TX errors {}  dropped {} overruns {}  carrier {}  collisions {}\n",
                f("tx_err"),
                f("tx_drp"),
                f("tx_ovr"),
                f("tx_carrier"),
                f("tx_collisions")
            ));
        }
        // Each expected line, in order: a whole line when it ends in a newline, else a prefix.
        let mut rest = lines.iter();
        for want in &expected {
            let found = rest.any(|line| match want.strip_suffix('\n') {
                Some(whole) => *line == whole,
                None => line.starts_with(want.as_str()),
            });
            assert!(found, "`{want}` not in the block, in order:\n{block}");
        }
    }
}

/// `[NONE SET]` for an address the kernel did not give.
fn none_set(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "[NONE SET]".into(),
        value => common::json::show(value),
    }
}

/// An IPv6 address as glibc's `inet_ntop` writes it: IPv4-compatible addresses (`::a.b.c.d`)
/// end in dotted form, where canonical text (RFC 5952) keeps hex.
fn glibc_ipv6(text: &str) -> String {
    let address: std::net::Ipv6Addr = text.parse().unwrap();
    let s = address.segments();
    if s[..6] == [0; 6] && (s[6] != 0 || s[7] > 1) {
        let [.., a, b, c, d] = address.octets();
        return format!("::{a}.{b}.{c}.{d}");
    }
    text.to_string()
}
