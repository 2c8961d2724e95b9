//! Files that are not files (issue "hardening"): a FIFO in place of a `/proc` file never blocks
//! this program, it is refused with a clear error; and every message names the path actually
//! opened (under `PROC_ROOT`, the fixture's path, not `/proc/...`).

mod common;

use common::run::{capture, clean};
use common::{Outcome, Program, Tree};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fn run_ours(tree: &Path, args: &[&str]) -> Outcome {
    let mut command = clean(Program::Ours.path());
    command.env("PROC_ROOT", tree).args(args);
    capture(command)
}

/// Replace `net/NAME` of the tree by a FIFO that nobody ever writes to.
fn fifo(tree: &Tree, name: &str) {
    let path = tree.path().join("net").join(name);
    let _ = std::fs::remove_file(&path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create directory");
    let c_path = CString::new(path.as_os_str().as_bytes()).expect("no NUL in path");
    // SAFETY: mkfifo with a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[test]
fn a_fifo_in_place_of_a_proc_file_is_refused_without_blocking() {
    // (file, invocation that reads it, its exit status: the file's usual rule for an open
    // failure, e.g. `-i` warns and goes on without /proc/net/dev)
    let cases = [
        ("tcp", "-tn", 255),
        ("unix", "-x", 255),
        ("route", "-rn", 1),
        ("dev", "-i", 0),
        ("snmp", "-s", 0),
        ("igmp", "-gn", 255),
        ("ax25", "-A ax25", 255),
        ("ax25_route", "-rA ax25", 1),
    ];
    for (file, args, expected_status) in cases {
        let tree = Tree::new("fifo");
        tree.with_inet_headers();
        fifo(&tree, file);
        let argv: Vec<&str> = args.split_whitespace().collect();
        let out = run_ours(tree.path(), &argv);
        let (_, stderr, status) = out.text();
        assert!(
            !out.timed_out,
            "netstat {args} blocked on the FIFO net/{file}"
        );
        let path = format!("{}/net/{file}", tree.path().display());
        assert!(
            stderr.contains(&path) && stderr.contains("Not a regular file"),
            "netstat {args} with net/{file} a FIFO: status {status:?}, stderr {stderr:?}"
        );
        assert_eq!(status, Some(expected_status), "netstat {args}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn messages_name_the_path_actually_opened() {
    let tree = Tree::new("shown-path");
    tree.with_inet_headers();
    std::fs::remove_file(tree.path().join("net/tcp")).expect("remove tcp");
    tree.dir("tcp");
    let root = tree.path().display();
    let out = run_ours(tree.path(), &["-tn"]);
    assert_eq!(
        out.text().1,
        format!("{root}/net/tcp: Is a directory\n"),
        "a table that is a directory"
    );
    std::fs::remove_file(tree.path().join("net/raw")).expect("remove raw");
    tree.link_loop("raw");
    let out = run_ours(tree.path(), &["-wn"]);
    assert_eq!(
        out.text().1,
        format!("{root}/net/raw: Too many levels of symbolic links\n"),
        "a table that cannot be opened"
    );
    // Without PROC_ROOT the words are 2.10's: `/proc/...` (checked by the differential suites).
}
