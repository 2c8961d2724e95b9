//! A listing with numeric hosts prints each row as it is read: its peak memory does not grow
//! with the number of sockets. Two fixture trees, one with 2,000 TCP and UNIX sockets and one
//! with 200,000 of each, are listed with `-an` (`PROC_ROOT`, so the rows come from the `/proc`
//! files line by line), and the peak RSS of the two runs is compared. Collecting the rows would
//! cost over 20 MiB more on the large tree; streaming costs nothing more.
//!
//! The peak RSS comes from `wait4` in the benchmark's small `run` process: Linux counts the
//! memory of the process a program was exec'ed from in its peak, so it must not be this (large)
//! test process.

mod common;

use common::Tree;
use common::tree::{TCP_HEADER, UNIX_HEADER};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// A tree with `n` TCP rows (established, distinct ports) and `n` UNIX rows (each with a path),
/// written line by line.
fn tree(tag: &str, n: usize) -> Tree {
    let tree = Tree::new(tag);
    let file = |name: &str| {
        let path = tree.path().join("net").join(name);
        std::io::BufWriter::new(std::fs::File::create(path).expect("create fixture file"))
    };
    let mut tcp = file("tcp");
    tcp.write_all(TCP_HEADER.as_bytes()).unwrap();
    let mut unix = file("unix");
    unix.write_all(UNIX_HEADER.as_bytes()).unwrap();
    for i in 0..n {
        let (host, port) = (2 + i % 250, 1024 + i % 60000);
        writeln!(
            tcp,
            "{i:4}: 0100007F:1F90 {host:02X}00007F:{port:04X} 01 00000000:00000000 00:00000000 00000000  1000        0 {} 1 0000000000000000 20 4 30 10 -1",
            100_000 + i
        )
        .unwrap();
        writeln!(
            unix,
            "0000000000000000: 00000003 00000000 00000000 0001 03 {} /run/streaming/socket-{i}",
            500_000 + i
        )
        .unwrap();
    }
    tcp.flush().unwrap();
    unix.flush().unwrap();
    tree
}

/// Peak RSS in KiB of `netstat -an` on a tree, from the benchmark's runner.
fn peak_rss(tree: &Path) -> u64 {
    let out = Command::new(env!("CARGO_BIN_EXE_netstat-bench"))
        .args(["run", env!("CARGO_BIN_EXE_netstat"), "-an"])
        .env("PROC_ROOT", tree)
        .output()
        .expect("run netstat-bench run");
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<u64> = text
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    match n[..] {
        [_wall, _cpu, maxrss, status] => {
            assert_eq!(status, 0, "netstat -an failed on {}", tree.display());
            maxrss
        }
        _ => panic!("runner said {text:?}"),
    }
}

#[test]
fn numeric_listing_memory_does_not_grow_with_the_tables() {
    let small = tree("small", 2_000);
    let large = tree("large", 200_000);

    // The small tree lists every row (the large one has the same shape).
    let listing = Command::new(env!("CARGO_BIN_EXE_netstat"))
        .arg("-an")
        .env("PROC_ROOT", small.path())
        .output()
        .expect("run netstat");
    let text = String::from_utf8_lossy(&listing.stdout);
    assert_eq!(text.matches("\ntcp ").count(), 2_000, "{text}");
    assert_eq!(text.matches("/run/streaming/socket-").count(), 2_000);

    let small_kib = peak_rss(small.path());
    let large_kib = peak_rss(large.path());
    assert!(
        large_kib <= small_kib + 2 * 1024,
        "peak RSS grew from {small_kib} KiB (2,000 rows per table) to {large_kib} KiB (200,000)"
    );
}
