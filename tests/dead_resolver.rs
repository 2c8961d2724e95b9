//! A resolver that never answers must not cost one timeout per peer (the performance issue's
//! requirement): 1,000 distinct peers, a name server that swallows every query, and the listing
//! still ends in a bounded time, printing what net-tools prints once its lookups have failed —
//! the dotted quads of `--numeric-hosts`, with service names.

mod common;

use common::{Namespace, Program, Runner};
use std::time::{Duration, Instant};

const PEERS: usize = 1000;

#[test]
fn a_silent_name_server_costs_a_few_timeouts_not_one_per_peer() {
    if !common::differential_enabled() {
        return;
    }
    // No IPv4 entry at all: every address of the listing goes to the silent name server.
    let mut ns = Namespace::new("deadns", "::1\tlocalhost\n");
    ns.write_etc("nsswitch.conf", "hosts: files dns\nnetworks: files\n");
    ns.write_etc(
        "resolv.conf",
        "nameserver 127.0.0.53\noptions timeout:2 attempts:1\n",
    );
    let script = ns.dir().join("dead_resolver.py");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/helpers/dead_resolver.py"
        ),
        &script,
    )
    .unwrap();
    let peers = PEERS.to_string();
    ns.start(&[common::python(), script.to_str().unwrap(), &peers], None);

    let started = Instant::now();
    let ours = ns.run(Program::Ours, &["-t"]);
    let took = started.elapsed();
    // One timeout per peer would be 2,000 s; a bounded number of them is seconds. The bound is
    // about behaviour (how many timeouts), far above any machine's speed differences.
    assert!(
        took < Duration::from_secs(120),
        "listing {PEERS} peers took {took:?}: lookups are not bounded"
    );
    let numeric = ns.run(Program::Reference, &["-t", "--numeric-hosts"]);
    // glibc answers `localhost` for 127.0.0.1 without asking any server, so only the listener's
    // side has a name.
    let (ours_text, numeric_text) = (
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&numeric.stdout).replace("127.0.0.1:", "localhost:"),
    );
    if let Some((line, (a, b))) = ours_text
        .lines()
        .zip(numeric_text.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        panic!("line {line}: ours {a:?}, net-tools --numeric-hosts {b:?}");
    }
    assert_eq!(ours_text.lines().count(), numeric_text.lines().count());
    assert_eq!(ours.status.code(), Some(0));
    // The queries really reached the silent server: they wait, unread, in its receive queue.
    let udp = ns.run(Program::Ours, &["-uan"]);
    let server = String::from_utf8_lossy(&udp.stdout)
        .lines()
        .find(|l| l.contains("127.0.0.53:53"))
        .map(str::to_owned)
        .expect("the name server's socket");
    let queued: u64 = server.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(queued > 0, "no query reached the name server: {server}");
    let rows = ours
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"tcp"))
        .count();
    assert_eq!(rows, 2 * PEERS, "both ends of every connection");
}
