//! The amateur-radio and legacy families (AX.25, NET/ROM, ROSE, X.25, IPX,
//! AppleTalk routes) on fixture trees: net-tools' netstat and ours read the
//! same `/proc/net` files and must print the same bytes, on stdout and stderr,
//! with the same exit status (spec §3.11, §3.12, §4.5, Appendix C).
//!
//! The few deliberate differences (spec §9 #26, #29, and crashes of 2.10)
//! are checked against our binary alone at the end.

mod common;
#[path = "fixtures_legacy/trees.rs"]
mod trees;

use common::{Check, Program, Runner, Tree};
use trees::*;

/// Fixture files do not move: one run of each program is enough.
const ONCE: Check = Check {
    normalise: None,
    attempts: 1,
};

/// Compare every invocation on `tree`; report all differences at once.
fn assert_all_same(tree: &Tree, invocations: &[&str]) {
    if !common::differential_enabled() {
        return;
    }
    let failures = common::compare_each(&tree.fixture(), invocations, ONCE);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each family's route table on its own.
const EVERY_ROUTE_TABLE: &[&str] = &[
    "-r -A ax25",
    "-r -A netrom",
    "-r -A rose",
    "-r -A x25",
    "-r -A ipx",
    "-r -A ddp",
];

const NODE_A: [u8; 6] = [0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e];
const NODE_B: [u8; 6] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

/// Every family with several rows, every state, long callsigns, digipeaters:
/// the 2.2–4.x kernel layouts (X.25 and IPX before they moved or vanished).
fn kernel_tree() -> Tree {
    let tree = Tree::new("kernel");
    fn ax25(
        device: &'static str,
        source: &'static str,
        digipeater: bool,
        dest: &'static str,
        digis: &'static [(&'static str, bool)],
        state: i32,
        queues: Option<(i32, i32, u64)>,
    ) -> Ax25 {
        Ax25 {
            magic: "00000000b4f6c1a2",
            device,
            source,
            digipeater,
            dest,
            digis,
            state,
            vs: state + 1,
            vr: state + 2,
            queues,
        }
    }
    let mut ax = String::new();
    ax += &ax25(
        "ax0",
        "G4KLX-1",
        false,
        "G4ABC-2",
        &[("DIGI1", true), ("DIGI2", false)],
        3,
        Some((120, 340, 12345)),
    )
    .line();
    ax += &ax25("ax1", "N0CALL", true, "G4XYZ", &[], 0, None).line();
    ax += &ax25(
        "ax0",
        "VK2ABCD-15",
        false,
        "KB2ZZZ-11",
        &[],
        1,
        Some((0, 0, 1)),
    )
    .line();
    ax += &ax25(
        "bpq0",
        "G4KLX-10",
        false,
        "G4DEF-7",
        &[("WIDE2-2", false)],
        2,
        Some((7, 8, 2)),
    )
    .line();
    ax += &ax25(
        "scc3",
        "G4KLX-1",
        false,
        "G4GHI",
        &[("A", true), ("B", true), ("C", true), ("D", false)],
        4,
        Some((999999, 1234567, 3)),
    )
    .line();
    tree.file("ax25", ax);
    tree.file(
        "ax25_route",
        [
            AX25_ROUTE_HEADER.to_string(),
            ax25_route("default", "ax0", "*", &[]),
            ax25_route("G4ABC-2", "ax0", "vc", &["DIGI1", "DIGI2"]),
            ax25_route("VK2ABC-15", "bpq0", "dg", &["WIDE1-1"]),
        ]
        .concat(),
    );

    let mut nr_rows = NR_HEADER.to_string();
    for state in 0..4 {
        nr_rows += &nr(
            "G4KLX",
            "G4ABC-3",
            "G4KLX-15",
            "nr0",
            (1, 2, 3, 4),
            state,
            (5, 7, 5),
            (10 * state, 20, 4242),
        );
    }
    nr_rows += &nr(
        "*",
        "*",
        "G4KLX-15",
        "???",
        (0, 0, 0, 0),
        0,
        (0, 0, 0),
        (0, 0, 4243),
    );
    nr_rows += &nr(
        "VK2ABC-15",
        "KB2ZZZ-11",
        "G4KLX-15",
        "nr10",
        (0xff, 0xfe, 0x10, 0xa),
        3,
        (127, 126, 1),
        (65535, 99999, 1),
    );
    tree.file("nr", nr_rows);
    tree.file(
        "nr_nodes",
        [
            NR_NODES_HEADER.to_string(),
            nr_node("G4ABC-3", "ABCNOD", 1, &[(200, 6, 1), (150, 5, 2)]),
            nr_node("G4DEF-1", "*", 2, &[(100, 6, 1), (90, 6, 2)]),
            nr_node(
                "VK2ABC-15",
                "LONGMNE",
                3,
                &[(1, 0, 2), (2, 1, 1), (255, 6, 3)],
            ),
            nr_node("G4NONE", "GHOST", 1, &[(10, 1, 7)]),
            nr_node("G4LAST", "END", 1, &[(77, 6, 2)]),
        ]
        .concat(),
    );
    tree.file(
        "nr_neigh",
        [
            NR_NEIGH_HEADER.to_string(),
            nr_neigh(1, "G4ABC-1", "ax0", 200, &[]),
            nr_neigh(2, "G4XYZ-2", "ax1", 150, &["DIGI1"]),
            nr_neigh(3, "VK2ABC-15", "bpq0", 255, &["D1", "D2"]),
        ]
        .concat(),
    );

    let mut rose_rows = ROSE_HEADER.to_string();
    rose_rows += &rose(
        ("2080123456", "G4ABC-0"),
        ("2080654321", "G4KLX-0"),
        "rose0",
        1,
        1,
        3,
    );
    rose_rows += &rose(
        ("2080123456", "G4ABC-0"),
        ("*", "G4KLX-0"),
        "rose0",
        2,
        1,
        2,
    );
    rose_rows += &rose(("*", "*"), ("2080654321", "??????-?"), "???", 0, 0, 0);
    rose_rows += &rose(
        ("2080111111", "G4DEF"),
        ("2080654321", "G4KLX-0"),
        "rose0",
        0xA,
        2,
        1,
    );
    rose_rows += &rose(
        ("2080123", "G4ABC-0"),
        ("*", "G4KLX-0"),
        "rose1",
        0x010,
        12345,
        1,
    );
    rose_rows += &rose(
        ("2080123456", "VK2ABC-15"),
        ("*", "G4KLX-0"),
        "rose0",
        0x123,
        3,
        3,
    );
    tree.file("rose", rose_rows);
    tree.file(
        "rose_nodes",
        [
            ROSE_NODES_HEADER.to_string(),
            rose_node("2080123456", 10, &[1, 2]),
            rose_node("2080", 4, &[2]),
            rose_node("3100999999", 10, &[3, 1, 2]),
            rose_node("5050", 4, &[9]),
        ]
        .concat(),
    );
    tree.file(
        "rose_neigh",
        [
            ROSE_NEIGH_HEADER.to_string(),
            rose_neigh(1, "G4ABC-5", "ax0", "DTE", &[]),
            rose_neigh(2, "G4XYZ-5", "ax1", "DCE", &["DIGI1"]),
            rose_neigh(3, "VK2ABC-15", "bpq0", "DTE", &[]),
            rose_neigh(2, "G4TWO-2", "ax2", "DCE", &[]),
        ]
        .concat(),
    );

    let mut x25_rows = X25_HEADER.to_string();
    x25_rows += &x25("701001", "999888", "tun0", 1, 3, (2, 3), (10, 20, 22468));
    x25_rows += &x25("*", "999999", "???", 0, 0, (0, 0), (0, 0, 11408));
    x25_rows += &x25(
        "7010011234",
        "9998887776",
        "x25a",
        0x99,
        1,
        (7, 6),
        (1, 2, 3),
    );
    x25_rows += &x25("701002", "*", "x25b", 0x200, 2, (0, 1), (0, 0, 4));
    x25_rows += &x25("701003", "999888", "tun1", 0xA, 4, (1, 1), (5, 5, 5));
    x25_rows += &x25("701004", "999888", "tun1", 0x1A, 3, (9, 9), (9, 9, 9));
    tree.file("x25", x25_rows);
    tree.file(
        "x25_routes",
        [
            X25_ROUTE_HEADER.to_string(),
            x25_route("000000000000000", 0, "tun0"),
            x25_route("701000000000000", 4, "x25a"),
            x25_route("123456789012345", 15, "x25b"),
            x25_route("9", 1, "x25c"),
        ]
        .concat(),
    );

    tree.file(
        "ipx/socket",
        [
            IPX_HEADER.to_string(),
            ipx((0x1234_5678, None, 0x4000), None, (0, 0), 7, 0),
            ipx(
                (0x1234_5678, None, 0x4001),
                Some((0xABCD_EF01, NODE_A, 0x0451)),
                (0x10, 0x20),
                1,
                65534,
            ),
            ipx(
                (0x0000_0001, None, 0x0452),
                Some((0x0000_0000, NODE_B, 0x0001)),
                (0xFFFF, 0),
                2,
                1,
            ),
            ipx(
                (0xFFFF_FFFF, None, 0xFFFF),
                Some((0x0000_0002, [0; 6], 0x1234)),
                (1, 0xFFFF_FFFF),
                10,
                4321,
            ),
        ]
        .concat(),
    );
    tree.file(
        "ipx/route",
        [
            IPX_ROUTE_HEADER.to_string(),
            ipx_route(0xABCD_EF01, Some((0x1234_5678, NODE_A))),
            ipx_route(0x1234_5678, None),
            ipx_route(0x0000_0010, Some((0x0000_0000, NODE_B))),
        ]
        .concat(),
    );
    tree.file(
        "atalk_route",
        [
            ATALK_ROUTE_HEADER.to_string(),
            atalk_default((0xff00, 1), 3, "eth0"),
            atalk_route((0x1234, 0x56), (0xff00, 1), 3, "eth0"),
            atalk_route((0x0001, 0x02), (0x0000, 0), 1 | 4, "eth1"),
            atalk_route(
                (0x0002, 0x03),
                (0x0009, 9),
                0x200 | 0x10 | 0x20 | 0x8000_0000u32 as i32,
                "ltalk0",
            ),
        ]
        .concat(),
    );
    tree
}

#[test]
fn socket_sections_on_the_kernel_layouts() {
    let tree = kernel_tree();
    tree.with_inet_headers();
    assert_all_same(
        &tree,
        &[
            "--ax25",
            "--netrom",
            "-A rose",
            "-A x25",
            "-A x25 -a",
            "--x25 -l",
            "--ipx",
            "--ipx -e",
            "--ipx -ee -n",
            "--ipx -e --numeric-users",
            "--ipx -e --numeric-hosts",
            "-A ax25,netrom,rose,x25,ipx",
            "--ax25 --netrom -l",
            "--rose --ipx -a -e",
            "-A rose -n -W -o",
            "--ax25 -v",
            "-a",
            "-e",
            "-l",
            "-A ddp",
        ],
    );
}

#[test]
fn route_tables_on_the_kernel_layouts() {
    let tree = kernel_tree();
    assert_all_same(
        &tree,
        &[
            EVERY_ROUTE_TABLE,
            &[
                "-r -A ax25,netrom",
                "-r -A rose,x25,ipx,ddp",
                "-r -A ax25 -n -e",
                "-r -A netrom -ee",
                "-r -A ipx -N",
                "-r --ax25",
                "-r --netrom --rose",
            ],
        ]
        .concat(),
    );
}

/// The Appendix C tree, verbatim (fixtures.py), for the captured outputs C1–C15.
#[test]
fn appendix_c_examples() {
    let tree = Tree::new("appendix-c");
    #[allow(clippy::too_many_arguments)]
    fn ax(
        magic: &'static str,
        device: &'static str,
        source: &'static str,
        digipeater: bool,
        dest: &'static str,
        digis: &'static [(&'static str, bool)],
        state: i32,
        vs: i32,
        vr: i32,
        queues: Option<(i32, i32, u64)>,
    ) -> String {
        Ax25 {
            magic,
            device,
            source,
            digipeater,
            dest,
            digis,
            state,
            vs,
            vr,
            queues,
        }
        .line()
    }
    tree.file(
        "ax25",
        ax(
            "00000000b4f6c1a2",
            "ax0",
            "G4KLX-1",
            false,
            "G4ABC-2",
            &[("DIGI1", true), ("DIGI2", false)],
            3,
            1,
            2,
            Some((120, 340, 12345)),
        ) + &ax(
            "00000000c5a7d2b3",
            "ax1",
            "N0CALL",
            true,
            "G4XYZ",
            &[],
            0,
            0,
            0,
            None,
        ),
    );
    tree.file(
        "ax25_route",
        AX25_ROUTE_HEADER.to_string()
            + &ax25_route("default", "ax0", "*", &[])
            + &ax25_route("G4ABC-2", "ax0", "vc", &["DIGI1", "DIGI2"]),
    );
    tree.file(
        "nr",
        NR_HEADER.to_string()
            + &nr(
                "G4KLX",
                "G4ABC-3",
                "G4KLX-15",
                "nr0",
                (1, 2, 3, 4),
                3,
                (5, 7, 5),
                (10, 20, 4242),
            )
            + &nr(
                "*",
                "*",
                "G4KLX-15",
                "???",
                (0, 0, 0, 0),
                0,
                (0, 0, 0),
                (0, 0, 4243),
            ),
    );
    tree.file(
        "nr_nodes",
        NR_NODES_HEADER.to_string()
            + &nr_node("G4ABC-3", "ABCNOD", 1, &[(200, 6, 1), (150, 5, 2)])
            + &nr_node("G4DEF-1", "*", 2, &[(100, 6, 1), (90, 6, 2)]),
    );
    tree.file(
        "nr_neigh",
        NR_NEIGH_HEADER.to_string()
            + &nr_neigh(1, "G4ABC-1", "ax0", 200, &[])
            + &nr_neigh(2, "G4XYZ-2", "ax1", 150, &["DIGI1"]),
    );
    tree.file(
        "rose",
        ROSE_HEADER.to_string()
            + &rose(
                ("2080123456", "G4ABC-0"),
                ("2080654321", "G4KLX-0"),
                "rose0",
                1,
                1,
                3,
            )
            + &rose(
                ("2080123456", "G4ABC-0"),
                ("*", "G4KLX-0"),
                "rose0",
                2,
                1,
                2,
            )
            + &rose(("*", "*"), ("2080654321", "??????-?"), "???", 0, 0, 0)
            + &rose(
                ("2080111111", "G4DEF"),
                ("2080654321", "G4KLX-0"),
                "rose0",
                0xA,
                2,
                1,
            ),
    );
    tree.file(
        "rose_nodes",
        ROSE_NODES_HEADER.to_string() + &rose_node("2080123456", 10, &[1, 2]),
    );
    tree.file(
        "rose_neigh",
        ROSE_NEIGH_HEADER.to_string()
            + &rose_neigh(1, "G4ABC-5", "ax0", "DTE", &[])
            + &rose_neigh(2, "G4XYZ-5", "ax1", "DCE", &[]),
    );
    tree.file(
        "x25",
        X25_HEADER.to_string()
            + &x25("701001", "999888", "tun0", 1, 3, (2, 3), (10, 20, 22468))
            + &x25("*", "999999", "???", 0, 0, (0, 0), (0, 0, 11408)),
    );
    tree.file(
        "x25_routes",
        X25_ROUTE_HEADER.to_string()
            + &x25_route("000000000000000", 0, "tun0")
            + &x25_route("701000000000000", 4, "x25a"),
    );
    tree.file(
        "ipx/socket",
        IPX_HEADER.to_string()
            + &ipx((0x1234_5678, None, 0x4000), None, (0, 0), 7, 0)
            + &ipx(
                (0x1234_5678, None, 0x4001),
                Some((0xABCD_EF01, NODE_A, 0x0451)),
                (0x10, 0x20),
                1,
                65534,
            ),
    );
    tree.file(
        "ipx/route",
        IPX_ROUTE_HEADER.to_string()
            + &ipx_route(0xABCD_EF01, Some((0x1234_5678, NODE_A)))
            + &ipx_route(0x1234_5678, None),
    );
    tree.file(
        "atalk_route",
        ATALK_ROUTE_HEADER.to_string()
            + &atalk_default((0xff00, 1), 3, "eth0")
            + &atalk_route((0x1234, 0x56), (0xff00, 1), 3, "eth0"),
    );

    // Our output against the captures of the spec, then against net-tools.
    let expect = [
        (
            "--ax25",
            "Active AX.25 sockets\nDest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n\
G4ABC-2    G4KLX-1    ax0     ESTABLISHED  002/001  120     340   \n\
G4XYZ      N0CALL*    ax1     LISTENING    000/000  0       0     \n",
        ),
        (
            "-A rose",
            "Active ROSE sockets\ndest_addr   dest_call  src_addr    src_call  dev   lci neigh   state\n            G4ABC-0    2080654321  G4KLX-0   rose0   1     1   ESTABLISHED\n\
2080123456  G4ABC-0    *           G4KLX-0   rose0   2     1   DISC SENT\n            *          2080654321  ??????-?  ???     0     0   LISTENING\n\
Problem reading data from /proc/net/rose\n",
        ),
        (
            "--ipx -e",
            "Active IPX sockets\nProto Recv-Q Send-Q Local Address              Foreign Address            State User\n\
IPX        0      0 12345678:0040              -                                root      \n\
IPX       16     32 12345678:0140              ABCDEF01:001B213C4D5E:5104 ESTAB nobody    \n",
        ),
        (
            "-r -A netrom",
            "Kernel NET/ROM routing table\nDestination  Mnemonic  Quality  Neighbour  Iface\n\
G4ABC-3      ABCNOD    200      G4ABC-1    ax0 \nG4DEF-1      *          90      G4XYZ-2    ax1 \n",
        ),
        (
            "-r -A ipx",
            "Kernel IPX routing table\nDestination               Router Net                Router Node\n\
ABCDEF01                  12345678                  001B213C4D5E             \n\
12345678                  0000000D                  C00000000000             \n",
        ),
        (
            "-r -A ddp",
            "Destination     Gateway         Device          Flags\nDefault         FF00:01         eth0            UG\n\
1234:56         FF00:01         eth0            UG\n",
        ),
    ];
    let fixture = tree.fixture();
    for (args, stdout) in expect {
        let args: Vec<&str> = args.split_whitespace().collect();
        let ours = fixture.run(Program::Ours, &args);
        assert_eq!(
            String::from_utf8_lossy(&ours.stdout),
            stdout,
            "netstat {args:?}"
        );
        assert_eq!(ours.status.code(), Some(0));
    }
    assert_all_same(
        &tree,
        &[
            EVERY_ROUTE_TABLE,
            &[
                "--ax25",
                "--netrom",
                "-A rose",
                "-A x25",
                "-A x25 -a",
                "--ipx",
                "--ipx -e",
            ],
        ]
        .concat(),
    );
}

/// Header-only and empty files.
#[test]
fn empty_tables() {
    let tree = Tree::new("empty");
    tree.file("ax25", "")
        .file("nr", NR_HEADER)
        .file("rose", ROSE_HEADER)
        .file("x25", X25_HEADER)
        .file("ipx/socket", IPX_HEADER)
        .file("ax25_route", AX25_ROUTE_HEADER)
        .file("nr_nodes", NR_NODES_HEADER)
        .file("nr_neigh", "")
        .file("rose_nodes", "")
        .file("rose_neigh", ROSE_NEIGH_HEADER)
        .file("x25_routes", "")
        .file("ipx/route", IPX_ROUTE_HEADER)
        .file("atalk_route", ATALK_ROUTE_HEADER);
    assert_all_same(
        &tree,
        &[
            EVERY_ROUTE_TABLE,
            &[
                "--ax25",
                "--netrom",
                "-A rose",
                "-A x25 -a",
                "--ipx -e",
                "-A ax25,netrom,rose,x25,ipx",
            ],
        ]
        .concat(),
    );
}

/// No legacy file at all: "no support" messages, status 1 when asked for,
/// the route printers' messages (NET/ROM's second perror reports EINVAL
/// because stderr is a pipe, spec §9 #25).
#[test]
fn missing_files() {
    let tree = Tree::new("missing");
    assert_all_same(
        &tree,
        &[
            EVERY_ROUTE_TABLE,
            &[
                "-v",
                "--ax25",
                "--ax25 -v",
                "--netrom",
                "-A rose",
                "-A x25",
                "--ipx",
                "--ipx -v",
                "-A ax25,netrom",
                "-A ipx,rose",
                "-r -A ax25,netrom",
            ],
        ]
        .concat(),
    );
    tree.with_inet_headers();
    assert_all_same(&tree, &["-v", "-a -v", "--ax25 -t"]);
    // One NET/ROM file present: only the other one's perror.
    tree.file("nr_nodes", NR_NODES_HEADER);
    assert_all_same(&tree, &["-r -A netrom"]);
    let other = Tree::new("missing-nodes");
    other
        .file("nr_neigh", NR_NEIGH_HEADER)
        .file("rose_neigh", ROSE_NEIGH_HEADER);
    assert_all_same(&other, &["-r -A netrom", "-r -A rose"]);
}

/// Where a family's files moved or had another name: X.25 and IPX on 2.6+
/// (`/proc/net/x25/`, `/proc/net/ipx/` directories), 2.2's `/proc/net/ipx`
/// file and `/proc/net/ipx_route`, the 2.0/2.1 AX.25 socket layout.
#[test]
fn other_kernel_layouts() {
    let modern = Tree::new("modern");
    modern
        .file(
            "x25/socket",
            X25_HEADER.to_string() + &x25("701001", "999888", "tun0", 1, 3, (2, 3), (10, 20, 1)),
        )
        .file(
            "x25/route",
            X25_ROUTE_HEADER.to_string() + &x25_route("701000000000000", 4, "x25a"),
        )
        .file(
            "ipx/route",
            IPX_ROUTE_HEADER.to_string() + &ipx_route(0x10, None),
        );
    assert_all_same(
        &modern,
        &[
            "-A x25",
            "-A x25 -a",
            "--ipx",
            "--ipx -v",
            "-r -A x25",
            "-r -A ipx",
        ],
    );

    let old = Tree::new("linux-2.2");
    old.file(
        "ipx",
        IPX_HEADER.to_string() + &ipx((0x1234_5678, None, 0x4000), None, (0, 0), 7, 0),
    )
    .file(
        "ipx_route",
        IPX_ROUTE_HEADER.to_string() + &ipx_route(0x1234_5678, None),
    );
    assert_all_same(&old, &["--ipx", "-r -A ipx", "-A x25,ipx"]);

    let intern = Tree::new("ipx-intern");
    intern.file(
        "ipx/socket",
        IPX_INTERN_HEADER.to_string()
            + &ipx((0x1234_5678, Some(NODE_A), 0x4000), None, (0, 0), 7, 0)
            + &ipx(
                (0x1234_5678, Some(NODE_B), 0x4001),
                Some((0xABCD_EF01, NODE_A, 0x0451)),
                (3, 4),
                1,
                0,
            ),
    );
    assert_all_same(&intern, &["--ipx", "--ipx -e"]);

    let ancient = Tree::new("linux-2.0");
    ancient.file(
        "ax25",
        "dest_addr src_addr  dev  st vs vr va    t1     t2     t3    idle   n2 rtt wnd Snd-Q Rcv-Q\n\
G4ABC-2   G4KLX-1   ax0  3  1  2  0   0/0    0/0    0/0    0/0  0/0  0   0   0     5     6     7\n\
G4XYZ     N0CALL    ax1  0  0  0  0   0/0    0/0    0/0    0/0  0/0  0   0   0\n\
VK2ABC-15 G4KLX-10  scc0 2  3  4  0   0/0    0/0    0/0    0/0  0/0  0   0   0     5\n\
G4DEF     G4KLX-1   bpq0 4 11 12  0   0/0    0/0    0/0    0/0  0/0  0   0   0    88    99   100\n",
    );
    assert_all_same(&ancient, &["--ax25"]);
}

/// A file that opens but cannot be read (a directory) lists nothing; one
/// that cannot be opened for another reason than ENOENT is fatal.
#[test]
fn unreadable_and_unopenable_files() {
    let dirs = Tree::new("directories");
    for name in [
        "ax25",
        "nr",
        "rose",
        "x25",
        "ipx/socket",
        "ax25_route",
        "nr_nodes",
        "nr_neigh",
        "rose_nodes",
        "rose_neigh",
        "x25/route",
        "ipx/route",
        "atalk_route",
    ] {
        dirs.dir(name);
    }
    assert_all_same(
        &dirs,
        &[
            "--ax25",
            "--netrom",
            "-A rose",
            "-A x25",
            "--ipx",
            "-r -A ax25",
            "-r -A netrom",
            "-r -A rose",
            "-r -A x25",
            "-r -A ipx",
        ],
    );
    for name in ["ax25", "nr", "rose", "x25", "ipx/socket"] {
        let loops = Tree::new("loop");
        loops.link_loop(name);
        assert_all_same(
            &loops,
            &[
                "-A ax25,netrom,rose,x25,ipx",
                "--ax25",
                "--netrom",
                "--rose",
                "--x25",
                "--ipx",
            ],
        );
    }
    let loops = Tree::new("route-loops");
    for name in [
        "ax25_route",
        "nr_nodes",
        "nr_neigh",
        "rose_nodes",
        "ipx_route",
        "atalk_route",
        "x25_routes",
    ] {
        loops.link_loop(name);
    }
    assert_all_same(&loops, EVERY_ROUTE_TABLE);
}

/// Lines that do not follow the kernel's format. 2.10 parses them with
/// fixed buffers, unchecked `sscanf` results and fixed columns; every
/// case here has a deterministic outcome on the real binary (what a short
/// line shows comes from the line before it, never from uninitialised
/// memory: the first line of each file is a full one).
#[test]
fn malformed_lines() {
    let tree = Tree::new("malformed");
    let good = Ax25 {
        magic: "0",
        device: "ax0",
        source: "SRC",
        digipeater: false,
        dest: "DST",
        digis: &[("D1", false)],
        state: 1,
        vs: 2,
        vr: 3,
        queues: Some((18, 19, 20)),
    }
    .line();
    tree.file(
        "ax25",
        [
            good.as_str(),
            "0 ax0 SRC DST 1 2 3\n",
            "0 ax0 SRC DST 1 2\n",
            "nospaces\n",
            "0 ax0 SRC DST 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n",
            "a b c\n",
            &good,
            "0 ax0 SRC DST,,, 1 2 3 x\n",
            "0  ax0  SRC  DST  1 2 3\n",
            "0 ax0 SRC DST +3 99999999999 -5 4 5 6 7 8 9 10 11 12 13 14 15 16 17 -1 2147483648 9\n",
            "0 ax0DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD S D 0 0 0\n",
            "0 ax0 \x01\x7f\u{e9} DST\t1 2 3\n",
        ]
        .concat(),
    );
    tree.file(
        "nr",
        [
            NR_HEADER.to_string(),
            nr(
                "G4KLX",
                "G4ABC-3",
                "G4KLX-15",
                "nr0",
                (1, 2, 3, 4),
                3,
                (5, 7, 5),
                (10, 20, 4242),
            ),
            "short\n".to_string(),
            "\n".to_string(),
            "*         *         G4KLX-15  ???  xx\n".to_string(),
            nr(
                "G4KLX",
                "G4ABC-3",
                "G4KLX-15",
                &format!("nr{}", "D".repeat(40)),
                (1, 2, 3, 4),
                2,
                (5, 7, 5),
                (10, 20, 4242),
            ),
            nr(
                "G4KLX",
                "G4ABC-3",
                "G4KLX-15",
                "nr0",
                (1, 2, 3, 4),
                1,
                (5, 7, 5),
                (10, 20, 4242),
            )
            .replace("01/02", "0102"),
            format!("{:<300}\n", "G4VERYLONGLINE"),
        ]
        .concat(),
    );
    tree.file(
        "rose",
        [
            ROSE_HEADER,
            "AAAAAAAAAAB dc sa sc dv 1 1 3\n",
            "da DDDDDDDDDEE sa sc dv 1 1 3\n",
            "da dc SSSSSSSSSSTT sc dv 1 1 3\n",
            "da dc sa CCCCCCCCCXX dv 1 1 3\n",
            "da dc sa sc VVVVVVWW 1 1 3\n",
            &format!("da dc sa sc VVVVVV{} 1 1 3\n", "W".repeat(60)),
            &format!("da dc SSSSSSSSSS{} sc dv 1 1 3\n", "T".repeat(50)),
            &format!("AAAAAAAAAA{} dc sa sc dv 1 1 3\n", "B".repeat(90)),
            "2080111111 G4DEF 2080654321 G4KLX-0 rose0 00A 00002 1\n",
            "da dc sa sc dv 1 1\n",
            "\n",
            "da dc sa sc dv -7 99999999999 0\n",
        ]
        .concat(),
    );
    tree.file(
        "x25",
        [
            X25_HEADER.to_string(),
            x25(
                "701001",
                "9998887776",
                "tun0",
                1,
                3,
                (2, 3),
                (10, 20, 22468),
            ),
            x25(
                "701002",
                "999888",
                &format!("tun0{}", "Q".repeat(40)),
                2,
                1,
                (2, 3),
                (10, 20, 22468),
            ),
            x25("701003", "999888", "tun1", 10, 2, (2, 3), (10, 20, 22468)),
            x25("701004", "999888", "tun1", 0x1A, 2, (2, 3), (11, 21, 22468)),
            "x\n".to_string(),
            "\n".to_string(),
            "701005     999888     tun2  7\n".to_string(),
            x25("701006", "999888", "tun1", 0xB0, 3, (4, 4), (1, 1, 1)),
        ]
        .concat(),
    );
    tree.file(
        "ipx/socket",
        [
            IPX_HEADER,
            "12345678:4000  Not_Connected               00000000  00000000  07     000\n",
            "FFFFFFFF:0001  00000000:000000000001:0002    FFFFFFFFFFFFFFFF  00000001  03     4294967295\n",
            "0:0001  1:ZZ:0003    1  2  0A  -1\n",
            "12345678:1  123:1B2Z:0003    1  2  1  1\n",
            "1:2 1:3\n",
            "G:1  123:0:5  x\n",
            "12345678:  Not_Connected  0 0 7 0\n",
            "12345678:12345  Not_Connected  0 0 7 0\n",
            "12345678:1  123:1b2c3d4e5f6a:0003    1  2  1  1\n",
            "12345678:1  123:ffffffffffff:0003    1  2  1  1\n",
            "12345678:1  0x123:1b2c3d4e5f6a:0003    1  2  1  1\n",
            "12345678:1  -5:1b2c3d4e5f6a:0003    1  2  1  1\n",
            "12345678:1  123456789ab:1b2c3d4e5f6a:0003    1  2  1  1\n",
            "12345678:1  ffffffffffffffffffffff:1b2c3d4e5f6a:0003    1  2  1  1\n",
            "12345678:4000  Not_Connected  0 0 7 0\n",
            "\n",
            "after the error\n",
        ]
        .concat(),
    );
    tree.file(
        "ax25_route",
        [
            AX25_ROUTE_HEADER,
            "default   ax0     *\n",
            "short\n",
            "\n",
            "G4ABC-2   ax0  77\n",
            "VERYLONGCALLSIGN-15 verylongdevice -9\n",
        ]
        .concat(),
    );
    tree.file(
        "nr_nodes",
        [
            NR_NODES_HEADER.to_string(),
            nr_node("G4ABC-3", "ABCNOD", 1, &[(200, 6, 1), (150, 5, 2)]),
            "short\n".to_string(),
            nr_node("G4DEF-1", "*", 3, &[(100, 6, 1), (90, 6, 2)]),
            nr_node("G4GHI-1", "MNEMONICLONG", 2, &[(100, 6, 1), (90, 6, 2)]),
            "\n".to_string(),
        ]
        .concat(),
    );
    tree.file(
        "nr_neigh",
        [
            NR_NEIGH_HEADER.to_string(),
            nr_neigh(1, "G4ABC-1", "ax0", 200, &[]),
            "x\n".to_string(),
            nr_neigh(2, "G4XYZ-2", "ax1", 150, &["DIGI1"]),
        ]
        .concat(),
    );
    tree.file(
        "rose_nodes",
        [
            ROSE_NODES_HEADER.to_string(),
            rose_node("2080123456", 10, &[1, 2, 3]),
            "4\n".to_string(),
            "2080       0004 5 00001 00002 00001 00002 00001\n".to_string(),
            "x\n".to_string(),
        ]
        .concat(),
    );
    tree.file(
        "rose_neigh",
        [
            ROSE_NEIGH_HEADER.to_string(),
            rose_neigh(1, "G4ABC-5", "ax0", "DTE", &[]),
            "00002\n".to_string(),
            rose_neigh(3, "VERYLONGCALL", "ax1234", "DCE", &[]),
        ]
        .concat(),
    );
    tree.file(
        "x25_routes",
        [
            X25_ROUTE_HEADER,
            "000000000000000  0       tun0 \n",
            "701000000000000  4       x25a \n",
            "123456789012345  20      x25c \n",
            "123456789012345  -3      x25d \n",
            "12345678901234567890123456789012345678901234567890\n",
            "short\n",
            "123456789012345  16      verylongdevicename\n",
            "\n",
        ]
        .concat(),
    );
    tree.file(
        "ipx/route",
        [
            IPX_ROUTE_HEADER,
            "ABCDEF01   12345678     001B213C4D5E\n",
            "one two\n",
            "\n",
            "0 FFFFFFFF 000000000000\n",
            "0x10 -1 1b2c\n",
            "zz 123:45 x\n",
        ]
        .concat(),
    );
    tree.file(
        "atalk_route",
        [
            ATALK_ROUTE_HEADER,
            "Default     FF00:01  3     eth0\n",
            "a b\nc d e f g h\n",
            "x y 99999999999 z\n",
            "1 2 -1 eth9\n",
            "lonely\n",
        ]
        .concat(),
    );
    assert_all_same(
        &tree,
        &[
            EVERY_ROUTE_TABLE,
            &[
                "--ax25",
                "--netrom",
                "-A rose",
                "-A x25",
                "-A x25 -a",
                "--ipx -e",
                "-A ax25,netrom,rose,x25",
            ],
        ]
        .concat(),
    );
}

/// An IPX address without `:port` ends the listing with 2.10's internal error.
#[test]
fn ipx_format_errors() {
    let tree = Tree::new("ipx-errors");
    tree.file(
        "ipx/socket",
        IPX_HEADER.to_string()
            + &ipx((0x1234_5678, None, 0x4000), None, (0, 0), 7, 0)
            + "12345678  Not_Connected  0 0 7 0\n",
    );
    assert_all_same(&tree, &["--ipx", "-A ipx,ax25"]);
    let tree = Tree::new("ipx-errors-dest");
    tree.file(
        "ipx/socket",
        IPX_HEADER.to_string()
            + "12345678:0001  ABCDEF01  0 0 1 0\n"
            + &ipx((1, None, 1), None, (0, 0), 7, 0),
    );
    assert_all_same(&tree, &["--ipx"]);
}

/// The deliberate differences from 2.10, checked on our binary alone.
#[test]
fn fixed_quirks() {
    let tree = Tree::new("fixed");
    tree.file(
        "ax25",
        Ax25 {
            magic: "0",
            device: "ax0",
            source: "SRC",
            digipeater: false,
            dest: "DST",
            digis: &[],
            state: 5,
            vs: 0,
            vr: 0,
            queues: None,
        }
        .line(),
    )
    .file(
        "nr",
        NR_HEADER.to_string() + &nr("U", "D", "S", "nr0", (0, 0, 0, 0), 4, (0, 0, 0), (0, 0, 0)),
    )
    .file(
        "rose",
        ROSE_HEADER.to_string() + &rose(("*", "*"), ("*", "*"), "???", 0, 0, -1),
    )
    .file(
        "x25",
        X25_HEADER.to_string() + &x25("1", "2", "x0", 1, 7, (0, 0), (0, 0, 0)),
    )
    // ROSE nodes without a neighbour file: 2.10 dereferences a null stream.
    .file(
        "rose_nodes",
        ROSE_NODES_HEADER.to_string() + &rose_node("2080123456", 10, &[1, 2]),
    )
    // An empty AppleTalk file: 2.10 frees pointers it never set.
    .file("atalk_route", "");
    let fixture = tree.fixture();
    let run = |args: &[&str]| {
        let outcome = fixture.run(Program::Ours, args);
        (
            String::from_utf8(outcome.stdout).unwrap(),
            String::from_utf8(outcome.stderr).unwrap(),
            outcome.status.code(),
        )
    };
    let (out, _, status) = run(&["-A", "ax25,netrom,rose,x25"]);
    assert_eq!(status, Some(0));
    assert_eq!(out.matches("UNKNOWN").count(), 4, "{out}");
    assert_eq!(
        run(&["-r", "-A", "rose"]),
        (
            "Kernel ROSE routing table\n\
Destination  neigh1 callsign  device  neigh2 callsign  device  neigh3 callsign  device\n\
2080123456   00001  00002  \n"
                .to_string(),
            String::new(),
            Some(0)
        )
    );
    assert_eq!(
        run(&["-r", "-A", "ddp"]),
        (
            "Destination     Gateway         Device          Flags\n".to_string(),
            String::new(),
            Some(0)
        )
    );
}

/// `--json` of every socket section and route table of the kernel tree: the same rows in the
/// same order as net-tools' text of that tree, every value as the text shows it.
#[test]
fn json_matches_the_text_of_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    use common::json::{assert_rows, field, text_and_document};
    use serde_json::Value;
    let tree = kernel_tree();
    tree.with_inet_headers();
    let fixture = tree.fixture();
    // An unreadable line ("Problem reading data from FILE") has no JSON row.
    fn readable_rows<'t>(text: &'t str, header: &str) -> Vec<&'t str> {
        let mut rows = common::json::text_rows(text, header);
        rows.retain(|line| !line.to_lowercase().starts_with("problem reading data"));
        rows
    }
    let link = |row: &Value, digits: usize| {
        let counter = |key| row[key].as_i64().unwrap();
        vec![
            field(row, "device"),
            field(row, "state"),
            format!("{:0digits$}/{:0digits$}", counter("vr"), counter("vs")),
            field(row, "send_q"),
            field(row, "recv_q"),
        ]
    };
    let fields =
        |row: &Value, keys: &[&str]| keys.iter().map(|k| field(row, k)).collect::<Vec<_>>();
    let (text, doc) = text_and_document(&fixture, "-A ax25,netrom,rose,x25,ipx -a -e", "sockets");
    assert_rows(
        &readable_rows(&text, "Dest       Source"),
        &doc["ax25"],
        |row| [fields(row, &["dest", "source"]), link(row, 3)].concat(),
    );
    assert_rows(
        &readable_rows(&text, "User       Dest"),
        &doc["netrom"],
        |row| [fields(row, &["user", "dest", "source"]), link(row, 3)].concat(),
    );
    assert_rows(
        &readable_rows(&text, "Dest         Source"),
        &doc["x25"],
        |row| {
            let mut words = fields(row, &["dest", "source"]);
            let link = link(row, 2);
            words.extend([link[0].clone(), field(row, "lci")]);
            words.extend_from_slice(&link[1..]);
            words
        },
    );
    assert_rows(&readable_rows(&text, "dest_addr"), &doc["rose"], |row| {
        let keys = [
            "dest_addr",
            "dest_call",
            "src_addr",
            "src_call",
            "device",
            "lci",
            "neigh",
            "state",
        ];
        fields(row, &keys)
    });
    // The transmit queue comes first in net-tools' IPX rows, whatever the header says.
    let ipx_end = |end: &Value| match end {
        Value::Null => "-".to_string(),
        end => format!(
            "{}:{:04X}",
            field(end, "address"),
            end["port"].as_u64().unwrap()
        ),
    };
    assert_rows(&readable_rows(&text, "Proto Recv-Q"), &doc["ipx"], |row| {
        let user = row
            .get("user")
            .map_or_else(|| field(row, "uid"), common::json::show);
        vec![
            "IPX".to_string(),
            field(row, "send_q"),
            field(row, "recv_q"),
            ipx_end(&row["local"]),
            ipx_end(&row["foreign"]),
            field(row, "state"),
            user,
        ]
    });
    for key in ["ax25", "netrom", "rose", "x25", "ipx"] {
        assert!(
            !doc[key].as_array().unwrap().is_empty(),
            "{key}: the tree's rows"
        );
    }

    let route = |args: &str, key: &str, header: &str, expect: &dyn Fn(&Value) -> Vec<String>| {
        let (text, doc) = text_and_document(&fixture, args, "routes");
        assert_rows(&readable_rows(&text, header), &doc[key], expect);
        assert!(
            !doc[key].as_array().unwrap().is_empty(),
            "{key}: the tree's rows"
        );
    };
    route("-r -A ax25", "ax25_routes", "Destination  Iface", &|row| {
        fields(row, &["destination", "iface", "use"])
    });
    // A node without a neighbour leaves its text line unterminated: compare word by word.
    let (text, doc) = text_and_document(&fixture, "-r -A netrom", "routes");
    common::json::assert_words(
        &readable_rows(&text, "Destination  Mnemonic"),
        &doc["netrom_routes"],
        |row| {
            let mut words = fields(row, &["destination", "mnemonic"]);
            if let Some(neighbour) = row["neighbour"].as_object() {
                let neighbour = Value::Object(neighbour.clone());
                words.extend(fields(&neighbour, &["quality", "callsign", "iface"]));
            }
            words
        },
    );
    route("-r -A rose", "rose_routes", "Destination  neigh1", &|row| {
        let mut words = vec![field(row, "destination")];
        for hop in row["neighbours"].as_array().unwrap() {
            words.push(format!("{:05}", hop["number"].as_i64().unwrap()));
            for m in hop["matches"].as_array().unwrap() {
                words.extend(fields(m, &["callsign", "iface"]));
            }
        }
        words
    });
    route("-r -A ipx", "ipx_routes", "Destination    ", &|row| {
        fields(row, &["destination", "router_net", "router_node"])
    });
    route("-r -A x25", "x25_routes", "Destination", &|row| {
        let destination = match row["digits"].as_i64().unwrap() {
            0 => "*".to_string(),
            digits => format!("{}/{digits}", field(row, "destination")),
        };
        vec![destination, field(row, "iface")]
    });
    route("-r -A ddp", "ddp_routes", "Destination", &|row| {
        fields(row, &["destination", "gateway", "iface", "route_flags"])
    });
}

/// Filters cannot test these families' rows: under a filter each section keeps its header and
/// lists no row. The reference is the unfiltered output with every line under a section header
/// removed but the column line and the unreadable-line notes.
#[test]
fn a_filter_lists_no_legacy_rows() {
    let tree = kernel_tree();
    tree.with_inet_headers();
    let fixture = tree.fixture();
    let families = ["-A", "ax25,netrom,rose,x25,ipx"];
    let plain = common::Runner::run(&fixture, common::Program::Ours, &families);
    let filtered = common::Runner::run(
        &fixture,
        common::Program::Ours,
        &[&families[..], &["--sport", "1"]].concat(),
    );
    let plain = String::from_utf8_lossy(&plain.stdout);
    let filtered = String::from_utf8_lossy(&filtered.stdout);
    // Every section starts with an "Active ..." title and one column line.
    let mut expected = Vec::new();
    let mut keep = 0u32;
    for line in plain.lines() {
        if line.starts_with("Active ") {
            keep = 2;
        }
        if keep > 0 || line.starts_with("Problem reading data") {
            expected.push(line);
            keep = keep.saturating_sub(1);
        }
    }
    assert!(expected.len() < plain.lines().count(), "{plain}");
    assert_eq!(filtered.lines().collect::<Vec<_>>(), expected);
}
