//! SCTP rows (spec §3.8) on fixture trees in the kernel's current layout: endpoints and
//! associations with several addresses, IPv6, primary-path marks, an endpoint without addresses,
//! out-of-range states and malformed lines, compared with net-tools run on the same tree.

mod common;

use common::{Check, Tree, assert_same};
use std::fs;

const EPS_HEADER: &str = " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n";
const ASSOCS_HEADER: &str = " ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n";
const ASSOC_TAIL: &str =
    "\t   30000    10    10   10    0    0        0        1        0   212992   212992\n";

/// An endpoint row as the kernel prints it (`%8pK %8pK %-3d %-3d %-4d %-5d %5u %5lu `).
fn endpoint(state: u32, port: u32, uid: u32, inode: u64, addresses: &str) -> String {
    format!("       0        0 1   {state:<3} 12   {port:<5} {uid:>5} {inode:>5} {addresses}\n")
}

/// An association row (`... %-2d %-4d %4d %8d %8d %7u %5lu %-5d %5d  LADDRS <-> RADDRS\t...`).
fn association(
    state: u32,
    tx: u32,
    rx: u32,
    inode: u64,
    ports: (u32, u32),
    local: &str,
    remote: &str,
) -> String {
    let (lport, rport) = ports;
    format!(
        "       0        0 1   {state:<3} 3  1205  963 {tx:>8} {rx:>8} {uid:>7} {inode:>5} {lport:<5} {rport:>5}  {local}<-> {remote}{ASSOC_TAIL}",
        uid = 0
    )
}

fn tree(tag: &str) -> Tree {
    let tree = Tree::new(tag);
    let eps = [
        EPS_HEADER.to_string(),
        endpoint(10, 2905, 0, 30000, "10.1.2.3 127.0.0.1 "),
        endpoint(
            10,
            36412,
            65534,
            30001,
            "2001:0db8:0000:0000:0000:0000:0000:0001 ",
        ),
        endpoint(10, 0, 0, 30003, ""),
        endpoint(99, 7, 0, 30004, "127.0.0.1 "),
        "garbage\n".to_string(),
    ]
    .concat();
    let assocs = [
        ASSOCS_HEADER.to_string(),
        association(
            1,
            5,
            7,
            30002,
            (2905, 11166),
            "*10.1.2.3 127.0.0.1 ",
            "*10.9.9.9 10.9.9.10 10.9.9.11 ",
        ),
        association(
            8,
            0,
            0,
            30005,
            (36412, 2905),
            "*2001:0db8:0000:0000:0000:0000:0000:0001 ",
            "*fe80:0000:0000:0000:0000:0000:0000:0002 10.9.9.10 ",
        ),
        association(4, 1, 2, 30006, (1, 2), "*127.0.0.1 ", ""),
        "       0        0 1   1\n".to_string(),
    ]
    .concat();
    tree.file("sctp/eps", eps).file("sctp/assocs", assocs);
    tree
}

#[test]
fn sctp_rows_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let tree = tree("rows");
    let fixture = tree.fixture();
    for args in [
        &["-S"][..],
        &["-Sa"],
        &["-Sl"],
        &["-San"],
        &["-Sae"],
        &["-Saee"],
        &["-Sao"],
        &["-Sa", "--numeric-users"],
        &["-Sa", "--numeric-ports"],
        &["-Sa", "-N"],
        &["-S", "-4", "-a"],
        &["-S", "-6", "-a"],
        &["-SaW"],
    ] {
        assert_same(&fixture, args, Check::EXACT);
    }
}

#[test]
fn a_missing_sctp_directory_is_no_support() {
    if !common::differential_enabled() {
        return;
    }
    let tree = tree("missing");
    fs::remove_dir_all(tree.path().join("net/sctp")).unwrap();
    let fixture = tree.fixture();
    for args in [&["-S"][..], &["-Sa"], &["-Sl"], &["-S", "-v"]] {
        assert_same(&fixture, args, Check::EXACT);
    }
}

/// Filters cannot test SCTP's multi-address rows: under a filter the section keeps its headers
/// and lists no row (rows continue on lines of their own for further addresses, so what stays
/// is everything before the first row).
#[test]
fn a_filter_lists_no_sctp_rows() {
    let tree = tree("sctp-filter");
    let fixture = tree.fixture();
    let plain = common::Runner::run(&fixture, common::Program::Ours, &["-Sa"]);
    let filtered =
        common::Runner::run(&fixture, common::Program::Ours, &["-Sa", "--sport", "2905"]);
    let plain = String::from_utf8_lossy(&plain.stdout);
    let expected: Vec<&str> = plain
        .lines()
        .take_while(|line| !line.starts_with("sctp"))
        .collect();
    assert!(expected.len() < plain.lines().count(), "{plain}");
    let filtered = String::from_utf8_lossy(&filtered.stdout);
    assert_eq!(filtered.lines().collect::<Vec<_>>(), expected);
}
