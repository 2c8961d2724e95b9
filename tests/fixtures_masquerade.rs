//! `-M` on fixture trees in place of `/proc` (spec §7, §8.18, Appendix C16/C17).
//!
//! With `net/ip_masquerade` in the tree our output must equal net-tools 2.10's, byte for byte,
//! errors included; so must the "no support" answer for a tree with neither that file nor
//! `net/nf_conntrack`. A tree with only `net/nf_conntrack` is our extension (net-tools says "no
//! support" there): it is checked against literal expected text.

mod common;

use common::{Check, Fixture, Namespace, Program, Runner, Tree};

/// Names the fixtures resolve (everything else stays numeric).
const HOSTS: &str = "127.0.0.1\tlocalhost\n10.1.2.3\twebserver\n192.168.0.3\tlaptop\n";

/// `%-127s\n`: every line of the 2.2 file is padded to 127 characters.
fn padded(line: &str) -> String {
    format!("{line:<127}\n")
}

/// One row in the kernel's `%s %08lX:%04X %08lX:%04X %04X %08X %6d %6d %7lu` layout.
#[allow(clippy::too_many_arguments)]
fn row(
    kind: &str,
    sa: u32,
    sp: u16,
    da: u32,
    dp: u16,
    mp: u16,
    seq: u32,
    delta: i32,
    prev: i32,
    expires: u64,
) -> String {
    padded(&format!(
        "{kind} {sa:08X}:{sp:04X} {da:08X}:{dp:04X} {mp:04X} {seq:08X} {delta:6} {prev:6} {expires:7}"
    ))
}

const PDELTA_HEADER: &str =
    "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires (free=4096,4096,4096)";

/// The Appendix C fixture (`fixtures.py`).
fn spec_table() -> String {
    padded(PDELTA_HEADER)
        + &row(
            "TCP", 0xC0A80002, 1025, 0x0A010203, 80, 61000, 0x12345678, 0, 0, 89999,
        )
        + &row("UDP", 0xC0A80003, 53, 0x08080808, 53, 61001, 0, 0, 0, 1234)
        + &row("ICMP", 0xC0A80004, 0x0800, 0x01020304, 0, 61002, 0, 0, 0, 5)
}

/// The 2.0 layout (no PDelta column) with every protocol type, names and long expiries.
fn old_layout_table() -> String {
    let header = "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta Expires (free=16,16)\n";
    let rows = [
        "IP C0A80005:0000 0A010203:0000 0000 00000000 0 100",
        "TCP C0A80003:0401 0A010203:0050 EE48 FFFFFFFF -12 3600000",
        "UDP C0A80003:0035 0A010203:0035 EE49 00000000 0 99",
        "GRE C0A80006:0001 0A010204:0002 EE4A 00000000 0 6000",
        "ESP 7F000001:0000 0A010205:0000 0000 00000000 0 599999",
        "TCP 00000000:0000 0A010203:0015 0000 00000001 32767 1",
    ];
    let mut text = header.to_string();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

/// Values past the C types' ranges, and a row spread over lines (fscanf ignores line ends).
fn overflow_table() -> String {
    padded(PDELTA_HEADER)
        + "TCP C0A80002:FFFFF 0A010203:0050 EE48 FFFFFFFFFFFFFFFFFFFF 70000 -70000 -1\n"
        + "UDP C0A80003:0035\n 08080808:0035 EE49\n00000000 0 0\n 1234\n"
}

/// `/proc/net/nf_conntrack` text: masqueraded TCP, UDP and ICMP over IPv4 and IPv6, one entry
/// that is not translated, one of another family, and a line that is not an entry.
const CONNTRACK: &str = "\
ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.0.3 dst=10.1.2.3 sport=40001 dport=80 src=10.1.2.3 dst=10.1.2.1 sport=80 dport=30001 [ASSURED] mark=0 zone=0 use=2
ipv4     2 udp      17 29 src=192.168.0.3 dst=10.1.2.3 sport=40002 dport=53 [UNREPLIED] src=10.1.2.3 dst=10.1.2.1 sport=53 dport=40002 mark=0 zone=0 use=2
ipv4     2 icmp     1 5 src=192.168.0.4 dst=10.1.2.3 type=8 code=0 id=4660 src=10.1.2.3 dst=10.1.2.1 type=0 code=0 id=4660 mark=0 zone=0 use=2
ipv4     2 tcp      6 100 TIME_WAIT src=10.1.2.1 dst=10.1.2.3 sport=40003 dport=22 src=10.1.2.3 dst=10.1.2.1 sport=22 dport=40003 [ASSURED] mark=0 zone=0 use=2
ipv6     10 tcp      6 7 SYN_SENT src=fd00:0001:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0002 sport=40004 dport=80 [UNREPLIED] src=fd00:0002:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0001 sport=80 dport=30002 mark=0 zone=0 use=2
ipv6     10 icmpv6   58 29 src=fd00:0001:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0002 type=128 code=0 id=7 src=fd00:0002:0000:0000:0000:0000:0000:0002 dst=fd00:0002:0000:0000:0000:0000:0000:0001 type=129 code=0 id=8 mark=0 zone=0 use=2
unknown  7 unknown  255 10 mark=0 use=1
this is not an entry
";

#[test]
fn masquerade_table_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = Namespace::new("masqfx", HOSTS);
    let file = |text: String| vec![("ip_masquerade", text)];
    let cases: Vec<(Tree, &[&str])> = vec![
        (
            Tree::with_files("spec", &file(spec_table())),
            &[
                "-M",
                "-Mn",
                "-Me",
                "-Men",
                "-M -e -e",
                "--masquerade --numeric-hosts",
                "-M --numeric-ports",
                "-M -6",
                "-Mv",
                "-M -A inet6",
            ],
        ),
        (
            Tree::with_files("old", &file(old_layout_table())),
            &["-M", "-Me", "-Men", "-Mn"],
        ),
        (
            Tree::with_files("overflow", &file(overflow_table())),
            &["-M", "-Mee"],
        ),
        (
            Tree::with_files("header-only", &file(padded(PDELTA_HEADER))),
            &["-M", "-Me"],
        ),
        (
            Tree::with_files("empty-file", &file(String::new())),
            &["-M", "-Mc"],
        ),
        (
            Tree::with_files(
                "short-row",
                &file("Prc FromIP\nTCP C0A80002:0401 0A010203:0050 EE48 1 0\n".into()),
            ),
            &["-M", "-Mc"],
        ),
        (
            Tree::with_files(
                "extra-field",
                &file(padded(PDELTA_HEADER) + "TCP C0A80002:0401 0A010203:0050 EE48 1 0 0 5 UDP\n"),
            ),
            &["-M"],
        ),
        (
            Tree::with_files(
                "unknown-type",
                &file("Prc FromIP\nSCTP C0A80002:0401 0A010203:0050 EE48 1 0 5\n".into()),
            ),
            &["-M"],
        ),
        (
            Tree::with_files("directory", &[("ip_masquerade/", String::new())]),
            &["-M"],
        ),
        // Neither ip_masquerade nor nf_conntrack: 2.10's "no support", also with -c.
        (
            Tree::with_files("missing", &[("dev", String::new())]),
            &["-M", "-Mc", "-Men"],
        ),
    ];
    let mut failures = Vec::new();
    for (tree, invocations) in &cases {
        let fixture = tree.fixture().with_names_from(&ns);
        for report in common::compare_each(&fixture, invocations, Check::EXACT) {
            failures.push(format!("tree {}: {report}", tree.path().display()));
        }
    }
    common::assert_no_differences(&failures);
}

/// Run our netstat on a tree; (stdout, stderr, exit code).
fn ours(fixture: &Fixture, args: &str) -> (String, String, Option<i32>) {
    let argv: Vec<&str> = args.split_whitespace().collect();
    fixture.run(Program::Ours, &argv).text()
}

const BOGUS: &str = "warning, got bogus nf_conntrack line.\n";

#[test]
fn conntrack_text_of_a_fixture_tree() {
    if !common::differential_enabled() {
        return;
    }
    let ns = Namespace::new("masqct", HOSTS);
    let tree = Tree::with_files("conntrack", &[("nf_conntrack", CONNTRACK.to_string())]);
    let fixture = tree.fixture().with_names_from(&ns);

    let numeric = "\
IP masquerading entries
prot   expire source               destination          ports
tcp 7199:59.00 192.168.0.3          10.1.2.3             40001 -> 80 (30001)
udp   0:29.00 192.168.0.3          10.1.2.3             40002 -> 53 (40002)
icmp  0:05.00 192.168.0.4          10.1.2.3             4660 -> * (4660)
tcp   0:07.00 fd00:1::2            fd00:2::2            40004 -> 80 (30002)
icmp  0:29.00 fd00:1::2            fd00:2::2            7 -> * (8)
";
    assert_eq!(
        ours(&fixture, "-Mn"),
        (numeric.into(), BOGUS.into(), Some(0))
    );

    let named = "\
IP masquerading entries
prot   expire source               destination          ports
tcp 7199:59.00 laptop               webserver            40001 -> http (30001)
udp   0:29.00 laptop               webserver            40002 -> domain (40002)
icmp  0:05.00 192.168.0.4          webserver            4660 -> * (4660)
tcp   0:07.00 fd00:1::2            fd00:2::2            40004 -> http (30002)
icmp  0:29.00 fd00:1::2            fd00:2::2            7 -> * (8)
";
    assert_eq!(ours(&fixture, "-M"), (named.into(), BOGUS.into(), Some(0)));

    let extended = "\
IP masquerading entries
prot   expire    initseq delta prevd source               destination          ports
tcp 7199:59.00          0     0     0 192.168.0.3          10.1.2.3             40001 -> 80 (30001)
udp   0:29.00          0     0     0 192.168.0.3          10.1.2.3             40002 -> 53 (40002)
icmp  0:05.00          0     0     0 192.168.0.4          10.1.2.3             4660 -> * (4660)
";
    assert_eq!(
        ours(&fixture, "-Men -4"),
        (extended.into(), BOGUS.into(), Some(0))
    );

    let ipv6 = "\
IP masquerading entries
prot   expire source               destination          ports
tcp   0:07.00 fd00:1::2            fd00:2::2            40004 -> 80 (30002)
icmp  0:29.00 fd00:1::2            fd00:2::2            7 -> * (8)
";
    assert_eq!(
        ours(&fixture, "-M -6 -n"),
        (ipv6.into(), BOGUS.into(), Some(0))
    );
    assert_eq!(
        ours(&fixture, "-M -A inet6 --numeric-hosts --numeric-ports").0,
        ipv6
    );

    // No translated connection, and an empty table: nothing at all, as 2.10 prints an empty table.
    let plain = "ipv4     2 tcp      6 100 TIME_WAIT src=10.1.2.1 dst=10.1.2.3 sport=40003 dport=22 src=10.1.2.3 dst=10.1.2.1 sport=22 dport=40003 [ASSURED] mark=0 zone=0 use=2\n";
    for (name, text) in [("untranslated", plain), ("empty", "")] {
        let tree = Tree::with_files(name, &[("nf_conntrack", text.to_string())]);
        assert_eq!(
            ours(&tree.fixture().with_names_from(&ns), "-M"),
            (String::new(), String::new(), Some(0)),
            "{name}"
        );
    }

    // A table that cannot be read is an error, not an empty table.
    let tree = Tree::with_files("unreadable", &[("nf_conntrack/", String::new())]);
    assert_eq!(
        ours(&tree.fixture().with_names_from(&ns), "-M"),
        (
            String::new(),
            "netstat: cannot read the connection tracking table: Is a directory\n".into(),
            Some(1)
        )
    );
}

/// `-M --json` on the 2.2 and 2.0 layouts: the same rows in the same order as net-tools' text
/// of the same tree, every number equal, names where the text shows one.
#[test]
fn json_matches_the_text_of_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    use common::json::{assert_rows, field, show, text_and_document, text_rows};
    use serde_json::Value;
    let ns = Namespace::new("masqjs", HOSTS);
    for (tag, table) in [
        ("json-spec", spec_table()),
        ("json-old", old_layout_table()),
    ] {
        let tree = Tree::with_files(tag, &[("ip_masquerade", table)]);
        let fixture = tree.fixture().with_names_from(&ns);
        for args in ["-Men", "-Me", "-M"] {
            let extended = args.contains('e');
            let (text, doc) = text_and_document(&fixture, args, "masquerade");
            let name = |row: &Value, key: &str, number: &str| {
                row.get(format!(
                    "{key}_{}",
                    if number == "port" { "service" } else { "host" }
                ))
                .map(show)
            };
            let port = |row: &Value, key: &str| {
                name(row, key, "port").unwrap_or_else(|| {
                    match row[format!("{key}_port")].as_u64() {
                        Some(0) => "*".to_string(),
                        _ => field(row, &format!("{key}_port")),
                    }
                })
            };
            assert_rows(&text_rows(&text, "prot "), &doc["masquerade"], |row| {
                let hundredths = (row["expires"].as_f64().unwrap() * 100.0).round() as u64;
                let mut words = vec![format!(
                    "{:<4}{:>3}:{:02}.{:02}",
                    field(row, "protocol"),
                    hundredths / 6000,
                    hundredths / 100 % 60,
                    hundredths % 100
                )];
                if extended {
                    words.extend(["initseq", "delta", "prev_delta"].map(|k| field(row, k)));
                }
                for key in ["source", "destination"] {
                    words.push(name(row, key, "host").unwrap_or_else(|| field(row, key)));
                }
                words.extend([port(row, "source"), "->".into(), port(row, "destination")]);
                words.push(format!("({})", port(row, "masq")));
                words
            });
            assert!(!doc["masquerade"].as_array().unwrap().is_empty());
        }
    }
    // An empty table: no text at all, an empty JSON table.
    let empty = Tree::with_files("json-empty", &[("ip_masquerade", padded(PDELTA_HEADER))]);
    let (text, doc) = text_and_document(&empty.fixture(), "-M", "masquerade");
    assert_eq!(
        (text.as_str(), doc),
        ("", serde_json::json!({"masquerade": []}))
    );
}
