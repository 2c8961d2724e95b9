//! Packet, netlink, vsock and MPTCP sockets (`-A packet`, `-A netlink`, `-A vsock`, `--mptcp`),
//! which net-tools never listed: a helper (tests/helpers/families.py) holds known sockets in a
//! private namespace and writes down its PID and the inode of each; the listing is compared with
//! `ss` on the same state (`ss -0`, `ss -A netlink`, `ss -M`, `ss --vsock`) and with the helper's
//! own record, once per socket source where the family has a `/proc` table.

mod common;

use common::{Namespace, Outcome, Program, Runner, WithSource, python};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What the helper wrote: its PID and the inodes of its sockets, by family.
struct Held {
    pid: u32,
    inodes: BTreeMap<String, BTreeSet<u64>>,
    missing: BTreeSet<String>,
}

impl Held {
    fn of(&self, family: &str) -> BTreeSet<u64> {
        self.inodes.get(family).cloned().unwrap_or_default()
    }

    /// `PID/python3`, the owner label of the helper's sockets.
    fn label(&self) -> String {
        format!("{}/python3", self.pid)
    }
}

fn namespace() -> (Namespace, Held) {
    let mut ns = Namespace::new("families", "127.0.0.1\tlocalhost\n");
    // A copy in the scratch dir, which every uid of the rig can read.
    let script = ns.dir().join("families.py");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/helpers/families.py"),
        &script,
    )
    .expect("copy the helper");
    let record = ns.dir().join("held.txt");
    let args = [script.to_str().unwrap(), record.to_str().unwrap()];
    ns.start(&[python(), args[0], args[1]], None);
    let text = std::fs::read_to_string(&record).expect("the helper's record");
    let mut held = Held {
        pid: 0,
        inodes: BTreeMap::new(),
        missing: BTreeSet::new(),
    };
    for line in text.lines() {
        let (key, value) = line.split_once(' ').expect("KEY VALUE");
        match key {
            "pid" => held.pid = value.parse().unwrap(),
            "missing" => {
                held.missing.insert(value.to_string());
            }
            family => {
                held.inodes
                    .entry(family.to_string())
                    .or_default()
                    .insert(value.parse().unwrap());
            }
        }
    }
    (ns, held)
}

fn ours(runner: &dyn Runner, args: &[&str]) -> Outcome {
    runner.run(Program::Ours, args)
}

/// Our rows under a section's two header lines, split into words.
fn rows(stdout: &[u8], title: &str) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(stdout);
    let mut lines = text.lines().skip_while(|line| !line.starts_with(title));
    assert!(lines.next().is_some(), "no {title:?} section in:\n{text}");
    lines.next().expect("column header");
    lines
        .take_while(|line| !line.starts_with("Active "))
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// `ss ARGS` in the namespace: its rows (after the header), split into words.
fn ss(ns: &Namespace, args: &[&str]) -> Vec<Vec<String>> {
    let mut argv = vec!["ss"];
    argv.extend(args);
    let output = ns.exec(&argv).output().expect("run ss");
    assert!(output.status.success(), "ss {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with('\t'))
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// The value of `KEY:VALUE` or `KEY=VALUE` among ss's trailing words.
fn ss_field<'a>(row: &'a [String], key: &str) -> Option<&'a str> {
    row.iter().find_map(|word| {
        word.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix([':', '=']))
    })
}

/// The PID in ss's `users:(("python3",pid=3,fd=4))`.
fn ss_pid(row: &[String]) -> Option<u32> {
    let users = row.iter().find(|word| word.starts_with("users:"))?;
    let rest = &users[users.find("pid=")? + 4..];
    rest.split(',').next()?.parse().ok()
}

/// Run a check once per socket source our program has for the family.
fn each_source(ns: &Namespace, sources: &[&'static str], mut check: impl FnMut(&WithSource)) {
    for &source in sources {
        check(&WithSource { inner: ns, source });
    }
}

#[test]
fn packet_sockets_agree_with_ss_and_the_helper() {
    let (ns, held) = namespace();
    // ss -0: p_raw/p_dgr, state, queues, `[ETHERTYPE]:IFACE` (`*` for ETH_P_ALL or any
    // interface), peer, users, ino.
    let mut expected = BTreeMap::new();
    for row in ss(&ns, &["-0", "-a", "-p", "-n", "-e"]) {
        let inode: u64 = ss_field(&row, "ino").unwrap().parse().unwrap();
        let kind = match row[0].as_str() {
            "p_raw" => "raw",
            "p_dgr" => "dgram",
            other => panic!("ss netid {other}"),
        };
        let (protocol, iface) = row[4].rsplit_once(':').unwrap();
        let protocol = match protocol {
            "*" => "0x0003".to_string(),
            number => {
                let number: u16 = number.trim_matches(['[', ']']).parse().unwrap();
                format!("0x{number:04x}")
            }
        };
        let owner = ss_pid(&row).map_or("-".to_string(), |pid| format!("{pid}/python3"));
        expected.insert(
            inode,
            vec![kind.to_string(), protocol, iface.to_string(), owner],
        );
    }
    assert_eq!(
        expected.keys().copied().collect::<BTreeSet<_>>(),
        held.of("packet"),
        "ss lists the helper's packet sockets"
    );
    each_source(&ns, &["auto", "netlink", "proc"], |runner| {
        let out = ours(runner, &["-A", "packet", "-p", "-n"]);
        assert_eq!(out.status.code(), Some(0), "{}", runner.source);
        let mut actual = BTreeMap::new();
        for row in rows(&out.stdout, "Active packet sockets") {
            // Type Proto Iface Recv-Q I-Node PID/Program
            let inode: u64 = row[4].parse().unwrap();
            actual.insert(
                inode,
                vec![
                    row[0].clone(),
                    row[1].clone(),
                    row[2].clone(),
                    row[5].clone(),
                ],
            );
        }
        assert_eq!(actual, expected, "NETSTAT_SOURCE={}", runner.source);
        assert!(actual.values().all(|row| row[3] == held.label()));
    });
    // Names: the ethertypes' and the user's.
    let out = ours(&ns, &["--packet", "-ee"]);
    let mut names: Vec<(String, String, String)> = rows(&out.stdout, "Active packet sockets")
        .into_iter()
        .map(|row| (row[1].clone(), row[2].clone(), row[4].clone()))
        .collect();
    names.sort();
    let root = "root".to_string();
    assert_eq!(
        names,
        [
            ("all".into(), "*".into(), root.clone()),
            ("arp".into(), "lo".into(), root.clone()),
            ("ip".into(), "lo".into(), root),
        ]
    );
}

#[test]
fn netlink_sockets_agree_with_ss_and_the_helper() {
    let (ns, held) = namespace();
    let helper_port = held.pid.to_string();
    // Each program's own sock_diag socket is in its own listing only: leave out sock_diag
    // sockets that are neither the kernel's (port 0) nor the helper's.
    let shared =
        |protocol: &str, port: &str| protocol != "4" || port == "0" || *port == helper_port;
    // ss -A netlink -e: state, queues, `PROTOCOL:PORT`, peer, sk=, cb=, groups=0x... As a
    // set: the kernel's dump may list a socket in a multicast group twice, and ss shows both.
    let expected: BTreeSet<(String, String, String)> =
        ss(&ns, &["-A", "netlink", "-a", "-n", "-e"])
            .into_iter()
            .filter_map(|row| {
                let (protocol, port) = row[3].split_once(':').unwrap();
                let groups = ss_field(&row, "groups").unwrap().to_string();
                shared(protocol, port).then(|| (protocol.to_string(), port.to_string(), groups))
            })
            .collect();
    each_source(&ns, &["auto", "netlink", "proc"], |runner| {
        let out = ours(runner, &["-A", "netlink", "-p", "-n"]);
        assert_eq!(out.status.code(), Some(0), "{}", runner.source);
        let listed = rows(&out.stdout, "Active netlink sockets");
        // Proto Port-ID Groups Recv-Q Send-Q I-Node PID/Program
        let actual: Vec<(String, String, String)> = listed
            .iter()
            .filter(|row| shared(&row[0], &row[1]))
            .map(|row| (row[0].clone(), row[1].clone(), row[2].clone()))
            .collect();
        assert_eq!(actual.len(), expected.len(), "one row per socket");
        let actual: BTreeSet<_> = actual.into_iter().collect();
        assert_eq!(actual, expected, "NETSTAT_SOURCE={}", runner.source);
        let owned: BTreeSet<u64> = listed
            .iter()
            .filter(|row| row[6] == held.label())
            .map(|row| row[5].parse().unwrap())
            .collect();
        assert_eq!(
            owned,
            held.of("netlink"),
            "NETSTAT_SOURCE={}",
            runner.source
        );
        let kernel_owned = listed
            .iter()
            .filter(|row| row[1] == "0")
            .all(|row| row[6] == "-");
        assert!(kernel_owned, "the kernel's sockets have no owner");
    });
    // Names, and every group (past the first 32 too) in JSON.
    let out = ours(&ns, &["-A", "netlink", "--json"]);
    let doc = common::json::document("sockets", &out.stdout);
    let helper: Vec<&Value> = doc["netlink"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| held.of("netlink").contains(&row["inode"].as_u64().unwrap()))
        .collect();
    let mut seen: Vec<(String, String)> = helper
        .iter()
        .map(|row| {
            (
                row["protocol_name"].as_str().unwrap().to_string(),
                row["groups"].to_string(),
            )
        })
        .collect();
    seen.sort();
    let expected_groups = [
        ("rtnl".to_string(), "[1,3]".to_string()),
        ("rtnl".to_string(), "[33]".to_string()),
        ("sock_diag".to_string(), "[]".to_string()),
    ];
    assert_eq!(seen, expected_groups);
}

#[test]
fn mptcp_sockets_agree_with_ss() {
    let (ns, held) = namespace();
    if held.missing.contains("mptcp") {
        // No MPTCP in this kernel: the family is missing, as any other.
        let out = ours(&ns, &["--mptcp", "-an"]);
        assert_eq!(out.status.code(), Some(1));
        return;
    }
    // ss -M: state, queues, local, peer, users, ino.
    let state = |ss_state: &str| match ss_state {
        "ESTAB" => "ESTABLISHED".to_string(),
        other => other.to_string(),
    };
    // ss writes `[::1]:4712` where netstat writes `::1:4712`, and an IPv6 listener's peer as
    // `*:*` where netstat writes `:::*`.
    let end = |text: &str, ipv6: bool| match text {
        "*:*" if ipv6 => ":::*".to_string(),
        _ => text.replacen('[', "", 1).replacen(']', "", 1),
    };
    let mut expected: Vec<Vec<String>> = ss(&ns, &["-M", "-a", "-n", "-p", "-e"])
        .into_iter()
        .map(|row| {
            let ipv6 = row[3].starts_with('[');
            let (local, peer) = (end(&row[3], ipv6), end(&row[4], ipv6));
            let owner = ss_pid(&row).map_or("-".to_string(), |pid| format!("{pid}/python3"));
            let inode = ss_field(&row, "ino").unwrap().to_string();
            vec![state(&row[0]), local, peer, inode, owner]
        })
        .collect();
    expected.sort();
    let out = ours(&ns, &["--mptcp", "-anp", "-ee"]);
    assert_eq!(out.status.code(), Some(0));
    // Proto Recv-Q Send-Q Local Foreign State User Inode PID/Program
    let mut actual: Vec<Vec<String>> = rows(&out.stdout, "Active Internet connections")
        .into_iter()
        .map(|row| {
            assert!(row[0] == "mptcp" || row[0] == "mptcp6", "{row:?}");
            vec![
                row[5].clone(),
                row[3].clone(),
                row[4].clone(),
                row[7].clone(),
                row[8].clone(),
            ]
        })
        .collect();
    actual.sort();
    assert_eq!(actual, expected);
    let inodes: BTreeSet<u64> = actual.iter().map(|row| row[3].parse().unwrap()).collect();
    assert_eq!(inodes, held.of("mptcp"));
    // Beside TCP: `-t --mptcp` lists the subflows' TCP rows and the MPTCP sockets.
    let out = ours(&ns, &["-t", "--mptcp", "-an"]);
    let protos: BTreeSet<String> = rows(&out.stdout, "Active Internet connections")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert!(
        protos.contains("mptcp") && protos.contains("tcp"),
        "{protos:?}"
    );
    // MPTCP's INET_DIAG_INFO is an mptcp_info, not a tcp_info: --info shows no details for
    // these rows (and no numbers read from the wrong structure).
    let out = ours(&ns, &["--mptcp", "-an", "--info"]);
    let (stdout, _, status) = out.text();
    assert_eq!(status, Some(0));
    assert!(!stdout.contains("rto:"), "{stdout}");
    // The kernel has no /proc table of MPTCP: forced to /proc, the family is missing.
    let proc_only = WithSource {
        inner: &ns,
        source: "proc",
    };
    let out = ours(&proc_only, &["--mptcp", "-an"]);
    assert_eq!(
        out.text().1,
        "netstat: no support for `AF INET (mptcp)' on this system.\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn vsock_is_listed_or_reported_missing() {
    let (ns, held) = namespace();
    let out = ours(&ns, &["-A", "vsock", "-ap"]);
    let (stdout, stderr, status) = out.text();
    assert!(
        stdout.starts_with("Active vsock sockets (servers and established)\n"),
        "{stdout}"
    );
    if stderr.is_empty() {
        // The kernel has vsock_diag: the helper's listener, as ss sees it.
        assert_eq!(status, Some(0));
        let listed = rows(&out.stdout, "Active vsock sockets");
        let inodes: BTreeSet<u64> = listed.iter().map(|row| row[4].parse().unwrap()).collect();
        assert_eq!(inodes, held.of("vsock"));
        let ss_rows = ss(&ns, &["--vsock", "-a", "-n", "-p"]);
        assert_eq!(ss_rows.len(), listed.len());
    } else {
        // No vsock_diag (this kernel's case): the family is missing, whatever the source.
        assert_eq!(
            stderr,
            "netstat: no support for `AF VSOCK' on this system.\n"
        );
        assert_eq!(status, Some(1));
        assert!(ss(&ns, &["--vsock", "-a", "-n"]).is_empty());
        let out = ours(&ns, &["--vsock", "--json"]);
        assert_eq!(
            common::json::document("sockets", &out.stdout)["vsock"],
            Value::Array(vec![])
        );
    }
}

#[test]
fn json_rows_are_the_text_rows() {
    let (ns, held) = namespace();
    let args = ["-A", "packet,netlink", "--mptcp", "-ap", "-ee"];
    let text = ours(&ns, &args);
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let doc = common::json::document("sockets", &ours(&ns, &json_args).stdout);
    let inodes = |key: &str| -> BTreeSet<u64> {
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["pid"].as_u64() == Some(u64::from(held.pid)))
            .map(|row| row["inode"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(inodes("packet"), held.of("packet"));
    assert_eq!(inodes("netlink"), held.of("netlink"));
    if !held.missing.contains("mptcp") {
        assert_eq!(inodes("inet"), held.of("mptcp"));
    }
    let packet_text = rows(&text.stdout, "Active packet sockets");
    assert_eq!(packet_text.len(), doc["packet"].as_array().unwrap().len());
    for row in doc["packet"].as_array().unwrap() {
        let inode = row["inode"].to_string();
        let line = packet_text.iter().find(|line| line[5] == inode).unwrap();
        assert_eq!(line[0], row["type"].as_str().unwrap());
        assert_eq!(line[1], row["protocol_name"].as_str().unwrap());
        assert_eq!(line[4], row["user"].as_str().unwrap());
    }
}

#[test]
fn process_filters_apply() {
    let (ns, held) = namespace();
    let pid = held.pid.to_string();
    for filter in [["--pid", pid.as_str()], ["--command", "python3"]] {
        let mut args = vec!["-A", "packet,netlink", "-p"];
        args.extend(filter);
        let out = ours(&ns, &args);
        assert_eq!(out.status.code(), Some(0));
        for (title, family) in [("Active packet", "packet"), ("Active netlink", "netlink")] {
            let listed = rows(&out.stdout, title);
            let inodes: BTreeSet<u64> = listed
                .iter()
                .map(|row| row[row.len() - 2].parse().unwrap())
                .collect();
            assert_eq!(inodes, held.of(family), "{args:?}");
        }
    }
    // Packet sockets have an owner uid; no address or port condition matches these rows.
    let out = ours(&ns, &["--packet", "--uid", "0"]);
    assert_eq!(
        rows(&out.stdout, "Active packet").len(),
        held.of("packet").len()
    );
    let out = ours(&ns, &["--packet", "--uid", "1"]);
    assert!(rows(&out.stdout, "Active packet").is_empty());
    let out = ours(&ns, &["-A", "packet,netlink", "--sport", "1-65535"]);
    assert!(rows(&out.stdout, "Active packet").is_empty());
    assert!(rows(&out.stdout, "Active netlink").is_empty());
}

/// `/proc/net/packet` and `/proc/net/netlink` as the kernel writes them (net/packet/af_packet.c
/// `packet_seq_show`, net/netlink/af_netlink.c `netlink_seq_show`), read through `PROC_ROOT`.
#[test]
fn proc_tables_under_proc_root() {
    let packet = |sk: u64,
                  kind: u32,
                  protocol: u16,
                  ifindex: u32,
                  rmem: u32,
                  uid: u32,
                  inode: u64| {
        format!(
            "{sk:016x} {:<6} {kind:<4} {protocol:04x}   {ifindex:<5} 1 {rmem:<6} {uid:<6} {inode:<6}\n",
            3
        )
    };
    let netlink = |sk: u64, protocol: u32, port: u32, groups: u32, rmem: u32, inode: u64| {
        format!(
            "{sk:016x} {protocol:<3} {port:<10} {groups:08x} {rmem:<8} {:<8} {:<5} {:<8} {:<8} {inode:<8}\n",
            0, 0, 2, 0
        )
    };
    let tree = common::Tree::new("families");
    tree.file(
        "packet",
        format!(
            "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n{}{}",
            packet(0xffff_8880_0001_0000, 3, 0x0003, 0, 0, 0, 5001),
            packet(0xffff_8880_0002_0000, 2, 0x86dd, 1, 2304, 1000, 5002),
        ),
    );
    tree.file(
        "netlink",
        format!(
            "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n{}{}",
            netlink(0xffff_8880_0003_0000, 0, 812, 0x0000_0005, 0, 6001),
            netlink(0xffff_8880_0004_0000, 16, u32::MAX - 4095, 0, 4352, 6002),
        ),
    );
    let fixture = tree.fixture();
    let out = fixture.run(Program::Ours, &["-A", "packet,netlink", "-n", "-ee"]);
    let (stdout, stderr, status) = out.text();
    assert_eq!((stderr.as_str(), status), ("", Some(0)));
    let packet_rows = rows(stdout.as_bytes(), "Active packet sockets");
    // Interface 1 is named as on this machine (lo), 0 is every interface.
    assert_eq!(packet_rows[0], ["raw", "0x0003", "*", "0", "0", "5001"]);
    assert_eq!(packet_rows[1][..2], ["dgram", "0x86dd"]);
    assert_eq!(packet_rows[1][3..], ["2304", "1000", "5002"]);
    assert_eq!(
        rows(stdout.as_bytes(), "Active netlink sockets"),
        [
            ["0", "812", "0x00000005", "0", "0", "6001"],
            ["16", "-4096", "0x00000000", "4352", "0", "6002"],
        ]
    );
    // JSON: the first 32 groups, by number.
    let out = fixture.run(Program::Ours, &["-A", "netlink", "--json"]);
    let doc = common::json::document("sockets", &out.stdout);
    assert_eq!(doc["netlink"][0]["groups"].to_string(), "[1,3]");
    assert_eq!(doc["netlink"][1]["protocol_name"], "genl");
    // Without the files, each family is missing.
    let empty = common::Tree::new("families-empty");
    let out = empty
        .fixture()
        .run(Program::Ours, &["-A", "packet,netlink"]);
    assert_eq!(
        out.text().1,
        "netstat: no support for `AF PACKET' on this system.\n"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = empty.fixture().run(Program::Ours, &["-A", "netlink"]);
    assert_eq!(
        out.text().1,
        "netstat: no support for `AF NETLINK' on this system.\n"
    );
}

/// ss's `skmem:(r0,rb212992,...)` or ours: each letter's number.
fn skmem(word: &str) -> BTreeMap<String, u64> {
    let list = word
        .strip_prefix("skmem:(")
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not skmem: {word}"));
    list.split(',')
        .map(|item| {
            let digits = item.find(|c: char| c.is_ascii_digit()).unwrap();
            (item[..digits].to_string(), item[digits..].parse().unwrap())
        })
        .collect()
}

/// The records of a listing, split into words: a line starting with a tab continues the record
/// before it (our details line, ss's second line of a packet socket).
fn records<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Vec<String>> {
    let mut records: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let words = line.split_whitespace().map(str::to_string);
        match records.last_mut() {
            Some(last) if line.starts_with('\t') => last.extend(words),
            _ => records.push(words.collect()),
        }
    }
    records
}

/// The skmem word of a record, as numbers.
fn memory_of(record: &[String]) -> Option<BTreeMap<String, u64>> {
    let word = record.iter().find(|word| word.starts_with("skmem:"))?;
    Some(skmem(word))
}

/// `ss ARGS`: the skmem of every record, by the key `key` finds in it.
fn ss_memory(
    ns: &Namespace,
    args: &[&str],
    key: impl Fn(&[String]) -> String,
) -> BTreeMap<String, BTreeMap<String, u64>> {
    let mut argv = vec!["ss"];
    argv.extend(args);
    let output = ns.exec(&argv).output().expect("run ss");
    assert!(output.status.success(), "ss {args:?}: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    records(text.lines().skip(1))
        .iter()
        .map(|record| (key(record), memory_of(record).expect("ss -m: skmem")))
        .collect()
}

/// Our records of a section (after its two header lines) that `owned` keeps, with their skmem,
/// by the key `key` finds in the row.
fn our_memory(
    stdout: &[u8],
    title: &str,
    owned: impl Fn(&[String]) -> bool,
    key: impl Fn(&[String]) -> String,
) -> BTreeMap<String, Option<BTreeMap<String, u64>>> {
    let text = String::from_utf8_lossy(stdout);
    let lines = text
        .lines()
        .skip_while(|line| !line.starts_with(title))
        .skip(2)
        .take_while(|line| !line.starts_with("Active "));
    records(lines)
        .iter()
        .filter(|record| owned(record))
        .map(|record| (key(record), memory_of(record)))
        .collect()
}

/// rb, tb and d cannot move between the two listings (no traffic reaches these sockets, and
/// their buffers are set); r and t may, within what the buffers allow.
fn assert_same_memory(ours: &BTreeMap<String, u64>, ss: &BTreeMap<String, u64>, what: &str) {
    for letter in ["rb", "tb", "d"] {
        assert_eq!(ours.get(letter), ss.get(letter), "{letter} of {what}");
    }
    // One packet past the buffer is what a socket may hold at most.
    let slack = 2 * 65536;
    assert!(ours["r"] <= ours["rb"] + slack, "r of {what}: {ours:?}");
    assert!(ours["t"] <= ours["tb"] + slack, "t of {what}: {ours:?}");
    assert_eq!(ours.len(), ss.len(), "the letters of {what}");
}

/// How `--memory` rows of one family are matched with ss's.
struct MemoryCheck {
    /// `-A` and the JSON table.
    family: &'static str,
    ss_args: &'static [&'static str],
    /// The key of an ss record.
    ss_key: fn(&[String]) -> String,
    /// The column of our `-p` label, and the same key from our row and from a JSON row.
    owner_column: usize,
    our_key: fn(&[String]) -> String,
    json_key: fn(&Value) -> String,
}

/// Packet sockets by inode (ss -e: `ino:N`); our row: Type Proto Iface Recv-Q I-Node PID/Program.
const PACKET_MEMORY: MemoryCheck = MemoryCheck {
    family: "packet",
    ss_args: &["-0", "-a", "-m", "-e", "-n"],
    ss_key: |record| ss_field(record, "ino").unwrap().to_string(),
    owner_column: 5,
    our_key: |row| row[4].clone(),
    json_key: |row| row["inode"].to_string(),
};

/// Netlink sockets by `PROTOCOL:PORT` (ss shows no inode for them; -n: numbers); our row:
/// Proto Port-ID Groups Recv-Q Send-Q I-Node PID/Program.
const NETLINK_MEMORY: MemoryCheck = MemoryCheck {
    family: "netlink",
    ss_args: &["-A", "netlink", "-a", "-m", "-n"],
    ss_key: |record| record[3].clone(),
    owner_column: 6,
    our_key: |row| format!("{}:{}", row[0], row[1]),
    json_key: |row| format!("{}:{}", row["protocol"], row["port_id"]),
};

impl MemoryCheck {
    /// The skmem of the helper's sockets in our text and JSON, each checked against ss's;
    /// returns ours (text), by key.
    fn agrees_with_ss(
        &self,
        ns: &Namespace,
        held: &Held,
    ) -> BTreeMap<String, BTreeMap<String, u64>> {
        let ss = ss_memory(ns, self.ss_args, self.ss_key);
        let label = held.label();
        let out = ours(ns, &["-A", self.family, "-n", "-p", "--memory"]);
        assert_eq!(out.status.code(), Some(0));
        let title = format!("Active {} sockets", self.family);
        let listed = our_memory(
            &out.stdout,
            &title,
            |row| row[self.owner_column] == label,
            self.our_key,
        );
        assert_eq!(listed.len(), held.of(self.family).len(), "{listed:?}");
        let mut memory = BTreeMap::new();
        for (key, skmem) in listed {
            let skmem = skmem.expect("a skmem line under each row");
            assert_same_memory(&skmem, &ss[&key], &format!("{} {key}", self.family));
            memory.insert(key, skmem);
        }
        // JSON: a memory object on each row, valid under the schema, with ss's figures.
        let out = ours(ns, &["-A", self.family, "-p", "--memory", "--json"]);
        let doc = common::json::document("sockets", &out.stdout);
        let rows: Vec<&Value> = doc[self.family]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["pid"].as_u64() == Some(u64::from(held.pid)))
            .collect();
        assert_eq!(rows.len(), held.of(self.family).len());
        for row in rows {
            let ss = &ss[&(self.json_key)(row)];
            for (key, letter) in [("rcvbuf", "rb"), ("sndbuf", "tb"), ("drops", "d")] {
                assert_eq!(row["memory"][key].as_u64(), Some(ss[letter]), "{row}");
            }
        }
        memory
    }
}

#[test]
fn memory_agrees_with_ss() {
    let (ns, held) = namespace();
    let packet = PACKET_MEMORY.agrees_with_ss(&ns, &held);
    let inodes: BTreeSet<u64> = packet.keys().map(|inode| inode.parse().unwrap()).collect();
    assert_eq!(inodes, held.of("packet"));
    // The helper's ARP socket asked for buffers of its own.
    assert!(
        packet
            .values()
            .any(|m| (m["rb"], m["tb"]) == (40000, 60000)),
        "{packet:?}"
    );
    let netlink = NETLINK_MEMORY.agrees_with_ss(&ns, &held);
    // The rtnetlink socket in group 33 holds an unread dump answer: a receive queue that
    // stays, in its own buffer.
    let (key, queued) = netlink
        .iter()
        .find(|(_, m)| m["rb"] == 48000)
        .unwrap_or_else(|| panic!("no socket with rb48000: {netlink:?}"));
    assert!(queued["r"] > 0, "{key}: {queued:?}");
    let ss_netlink = ss_memory(&ns, NETLINK_MEMORY.ss_args, NETLINK_MEMORY.ss_key);
    assert_eq!(queued["r"], ss_netlink[key]["r"], "{key}");
    // Without --memory, no line and no object.
    let out = ours(&ns, &["-A", "packet,netlink"]);
    assert!(!out.text().0.contains("skmem"));
    let out = ours(&ns, &["-A", "packet,netlink", "--json"]);
    assert!(!out.text().0.contains("\"memory\""));
}

#[test]
fn memory_is_absent_where_the_kernel_gives_none() {
    let (ns, _) = namespace();
    // /proc/net/packet and /proc/net/netlink have no memory figures: the rows, no line.
    let proc_only = WithSource {
        inner: &ns,
        source: "proc",
    };
    let out = ours(&proc_only, &["-A", "packet,netlink", "-n", "--memory"]);
    let (stdout, stderr, status) = out.text();
    assert_eq!((stderr.as_str(), status), ("", Some(0)));
    assert!(!rows(stdout.as_bytes(), "Active packet sockets").is_empty());
    assert!(!stdout.contains("skmem"), "{stdout}");
    let out = ours(&proc_only, &["-A", "packet,netlink", "--memory", "--json"]);
    let doc = common::json::document("sockets", &out.stdout);
    for table in ["packet", "netlink"] {
        let rows = doc[table].as_array().unwrap();
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|row| row.get("memory").is_none()),
            "{table}"
        );
    }
    // vsock_diag has no memory attribute: vsock rows (where the kernel lists them) have none.
    let out = ours(&ns, &["-A", "vsock", "-a", "--memory"]);
    assert!(!out.text().0.contains("skmem"));
}
