//! `-r` and `-g` on fixture trees in place of `/proc` (spec §4, §3.9, §8.4–§8.7, §10, Appendix
//! C18/C19), compared with net-tools 2.10 run on the same tree: kernel layouts current and old
//! (the 2.2–3.5 and 2.0.36 routing caches, the neighbour cache of early IPv6), and every kind of
//! bad input — missing, reordered and extra columns, short and overlong lines, huge numbers, odd
//! bytes, empty files, directories. Where 2.10 prints uninitialised memory or never ends, our
//! behaviour is asserted directly instead.

mod common;

use common::{Check, Namespace, Program, Runner, Tree};
use std::fs;
use std::net::Ipv4Addr;
use std::path::Path;

/// Names the fixtures resolve; everything else stays numeric (the namespace's name service
/// reads only its own files).
const HOSTS: &str = "127.0.0.1\tlocalhost\n\
::1\tlocalhost ip6-localhost ip6-loopback\n\
10.1.2.3\thost-with-a-rather-long-name.example.org\n\
10.1.2.254\tgw.example\n\
198.51.100.7\ta-very-long-hostname-for-a-route.example\n\
2001:db8::1\tv6host.example\n\
ff02::1\tip6-allnodes\n\
224.0.0.1\tall-systems.mcast.net\n\
239.1.2.3\tmcast-group.example\n";

/// Debian's `/etc/networks` plus one name for 10.1.2.0.
const NETWORKS: &str =
    "default\t\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\ntestnet\t10.1.2.0\n";

/// The namespace whose name service both programs use.
fn names(prefix: &str) -> Namespace {
    let ns = Namespace::new(prefix, HOSTS);
    // `ip netns exec` mounts this directory's files over /etc at every run.
    fs::write(
        Path::new("/etc/netns").join(ns.name()).join("networks"),
        NETWORKS,
    )
    .expect("write the namespace's networks file");
    ns
}

/// Compare every (tree, invocations) pair; report all differences at the end.
fn compare_all(ns: &Namespace, cases: &[(Tree, &[&str])]) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (tree, invocations) in cases {
        count += invocations.len();
        let fixture = tree.fixture().with_names_from(ns);
        for report in common::compare_each(&fixture, invocations, Check::EXACT) {
            failures.push(format!("tree {}: {report}", tree.path().display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} invocations differ from net-tools:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Our netstat on a tree: (stdout, stderr, exit code).
fn ours(tree: &Tree, ns: &Namespace, args: &str) -> (String, String, Option<i32>) {
    let argv: Vec<&str> = args.split_whitespace().collect();
    tree.fixture()
        .with_names_from(ns)
        .run(Program::Ours, &argv)
        .text()
}

/// `%-127s\n`: the kernel pads every line of these files to 127 characters.
fn padded(line: &str) -> String {
    format!("{line:<127}\n")
}

/// An address as the kernel prints it: `%08X` of the in-memory (network order) word.
fn hex(address: &str) -> String {
    let octets = address.parse::<Ipv4Addr>().expect("test address").octets();
    format!("{:08X}", u32::from_ne_bytes(octets))
}

const ROUTE_HEADER: &str =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

/// A `/proc/net/route` row: interface, destination, gateway, flags, metric, mask, MTU, window,
/// RTT.
type Route = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    i32,
    &'static str,
    u32,
    u32,
    u32,
);

/// The FIB of Appendix A's namespace, in the order of B11–B14.
#[rustfmt::skip]
const SPEC_FIB: &[Route] = &[
    ("veth0", "0.0.0.0", "10.1.2.254", 0x3, 0, "0.0.0.0", 0, 0, 0),
    ("veth0", "10.1.2.0", "0.0.0.0", 0x1, 0, "255.255.255.0", 0, 0, 0),
    ("tun0", "10.9.9.2", "0.0.0.0", 0x5, 0, "255.255.255.255", 0, 0, 0),
    ("veth0", "169.254.0.0", "0.0.0.0", 0x1, 0, "255.255.0.0", 0, 0, 0),
    ("veth0", "172.16.0.0", "10.1.2.254", 0x3, 0, "255.255.0.0", 1400, 8192, 300),
    ("veth0", "192.168.100.0", "10.1.2.254", 0x3, 5, "255.255.255.0", 0, 0, 0),
    ("veth0", "198.51.100.7", "10.1.2.254", 0x7, 0, "255.255.255.255", 0, 0, 0),
    ("*", "203.0.113.0", "0.0.0.0", 0x201, 0, "255.255.255.0", 0, 0, 0),
];

/// More kinds of rows: prohibit, reject host, blackhole, a network named in /etc/networks, a
/// 15-character interface, a route that is not up, every flag bit.
#[rustfmt::skip]
const MORE_FIB: &[Route] = &[
    ("*", "198.18.0.0", "0.0.0.0", 0x201, 7, "255.254.0.0", 0, 0, 0),
    ("*", "203.0.113.7", "0.0.0.0", 0x205, 0, "255.255.255.255", 0, 0, 0),
    ("*", "192.0.2.0", "0.0.0.0", 0x1, 0, "255.255.255.0", 0, 0, 0),
    ("veth0", "10.1.2.0", "0.0.0.0", 0x1, 9, "255.255.254.0", 0, 0, 0),
    ("abcdefghijklmno", "10.3.0.0", "10.1.2.3", 0x3, 1, "255.255.0.0", 0, 0, 0),
    ("veth2", "10.4.0.0", "0.0.0.0", 0x0, 0, "255.255.0.0", 0, 0, 0),
    ("veth0", "10.5.0.0", "10.1.2.3", 0x7ff0_0dfd, 3, "255.255.0.0", 1, 2, 3),
    ("veth0", "10.6.0.0", "10.1.2.3", 0xffff_ffff, 3, "255.255.0.0", 1, 2, 3),
];

/// One row in the kernel's layout.
fn route_line(
    (iface, destination, gateway, flags, metric, mask, mtu, window, rtt): Route,
) -> String {
    padded(&format!(
        "{iface}\t{}\t{}\t{flags:04X}\t0\t0\t{metric}\t{}\t{mtu}\t{window}\t{rtt}",
        hex(destination),
        hex(gateway),
        hex(mask)
    ))
}

/// The file with these rows.
fn fib(rows: &[Route]) -> String {
    padded(ROUTE_HEADER) + &rows.iter().map(|&row| route_line(row)).collect::<String>()
}

fn kernel_fib() -> String {
    fib(&[SPEC_FIB, MORE_FIB].concat())
}

#[test]
fn ipv4_fib_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = names("rtfib");
    let file = |text: &str| vec![("route", text.as_bytes().to_vec())];
    let good_row = route_line((
        "eth0",
        "10.1.2.0",
        "0.0.0.0",
        1,
        0,
        "255.255.255.0",
        0,
        0,
        0,
    ));
    // Columns in another order, an unknown column in the middle, `|` separators.
    let shuffled = "Extra|Iface Destination  Gateway Flags RefCnt Use Metric Mask Odd MTU Window IRTT More\n\
                    x eth0 0002010A 0100007F 0003 1 2 3 00FFFFFF o 1500 10 20 y\n";
    let mut overlong_header = "x ".repeat(120);
    overlong_header.push_str(ROUTE_HEADER);
    let mut overflowing_header = "x ".repeat(130);
    overflowing_header.push_str(ROUTE_HEADER);
    // A header longer than net-tools' 510-byte header buffer: the rest is read as a row.
    let split_header = format!("{}{ROUTE_HEADER}\n{good_row}", "Skip ".repeat(101));
    let mut long_row = good_row.trim_end().to_string();
    long_row.push_str(&" ".repeat(1022 - long_row.len()));
    long_row.push_str(&route_line((
        "eth1",
        "10.1.3.0",
        "0.0.0.0",
        1,
        0,
        "255.255.255.0",
        0,
        0,
        0,
    )));
    let mut odd_bytes = padded(ROUTE_HEADER).into_bytes();
    odd_bytes.extend_from_slice(
        b"e\x01\xff\xfe\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n",
    );
    odd_bytes.extend_from_slice(b"eth1\t0003\x0010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
    odd_bytes.extend_from_slice(b"eth2\t0004010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
    let cases: Vec<(Tree, &[&str])> = vec![
        (
            Tree::with_files("kernel", &file(&kernel_fib())),
            common::invocations::ROUTE_FIB,
        ),
        (
            Tree::with_files("header-only", &file(&padded(ROUTE_HEADER))),
            &["-r", "-rn", "-reee"],
        ),
        (Tree::with_files("empty", &file("")), &["-r", "-rne"]),
        (
            Tree::with_files("directory", &[("route/", Vec::new())]),
            &["-r", "-rn"],
        ),
        (
            Tree::with_files("missing", &[("dev", Vec::new())]),
            &["-r", "-rn", "-reee"],
        ),
        (
            Tree::with_files(
                "missing-column",
                &file(&(padded(&ROUTE_HEADER.replace("Metric", "Metrik")) + &good_row)),
            ),
            &["-r", "-rnee"],
        ),
        (
            Tree::with_files(
                "misordered",
                &file(
                    "Iface\tGateway\tDestination\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n",
                ),
            ),
            &["-rn"],
        ),
        (
            Tree::with_files("shuffled", &file(shuffled)),
            &["-r", "-rne", "-rnee"],
        ),
        (
            Tree::with_files("long-header", &file(&(overlong_header + "\n" + &good_row))),
            &["-rn"],
        ),
        (
            Tree::with_files(
                "overflowing-header",
                &file(&(overflowing_header + "\n" + &good_row)),
            ),
            &["-rn"],
        ),
        (
            Tree::with_files("split-header", &file(&split_header)),
            &["-rn", "-rnee"],
        ),
        (
            Tree::with_files("long-row", &file(&(padded(ROUTE_HEADER) + &long_row))),
            &["-rn"],
        ),
        (
            Tree::with_files(
                "short-rows",
                &file(
                    &(padded(ROUTE_HEADER)
                        + "eth0\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t77\n\
                       eth0\t0003010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t1\t2\n\
                       eth0\t0004010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\n\
                       eth0\t0005010A\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t55\n\
                       eth0\t0006010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t9\t9\n\
                       \n\
                       eth0\n"),
                ),
            ),
            &["-rn", "-rnee", "-r"],
        ),
        (
            Tree::with_files(
                "bad-values",
                &file(
                    &(padded(ROUTE_HEADER)
                        + "eth0\t0002010A\t0100007F\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                       eth1\tGGGGGGGG\t0100\tFFFFFFFFFFFFFFFFFFFFF\t99999999999999999999\t4294967297\t-1\tzz\t-5\t+7\t2147483648\n\
                       eth2\t0x0A0B\t0002010a\t0x3\t-0\t1\t2\t00ffffff\t3\t4\t5\n\
                       eth3\t12345678901234567890\t0002010A\t1\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"),
                ),
            ),
            &["-rn", "-rnee", "-rne", "-r"],
        ),
        (
            Tree::with_files(
                "long-names",
                &file(
                    &(padded(ROUTE_HEADER)
                        + "abcdefghijklmnopq\t0002010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                       abcdefghijklmno\t0003010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                       lo\t0002010A000000000000\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"),
                ),
            ),
            &["-rn", "-rnee"],
        ),
        (
            Tree::with_files("odd-bytes", &[("route", odd_bytes)]),
            &["-rn", "-rnee"],
        ),
    ];
    compare_all(&ns, &cases);
}

const CACHE_HEADER: &str = "Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst";
const CACHE_HEADER_2_0: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tHH\tARP";

/// A 2.2–3.5 routing cache row: interface, destination, gateway, flags, refcnt, use, source,
/// MTU, RTT, TOS (as the text the kernel's `%02X` gives), HHRef, HHUptod, SpecDst.
type Cached = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    i32,
    u32,
    &'static str,
    i32,
    u32,
);
type CachedTail = (&'static str, i32, i32, &'static str);

/// Appendix C's `rt_cache` (C18, C19), then rows for every cache flag, names, a long interface
/// name, and the TOS quirk of spec §9 #27 (`1C` stops the scan; `B8` and `C0` lose the row).
#[rustfmt::skip]
const CACHE_ROWS: &[(Cached, CachedTail)] = &[
    (("eth0", "10.1.2.3", "10.1.2.254", 0x8002_0000, 1, 42, "10.1.2.3", 1500, 300), ("00", 2, 1, "10.1.2.3")),
    (("lo", "127.0.0.1", "0.0.0.0", 0x9000_0004, 1, 3, "127.0.0.1", 16436, 0), ("10", -1, 0, "127.0.0.1")),
    (("eth0", "198.51.100.7", "10.1.2.254", 0xFFFF_FFFF, 0, 0, "10.9.9.9", 0, 0), ("04", 3, 1, "10.1.2.4")),
    (("veth-with-long", "224.0.0.1", "0.0.0.0", 0x2000_0201, 7, 1, "10.1.2.3", 1500, 0), ("1C", 9, 9, "10.1.2.5")),
    (("eth0", "10.1.2.6", "0.0.0.0", 0x0000_0008, 1, 0, "10.1.2.7", 1500, 0), ("B8", 1, 1, "10.1.2.6")),
    (("eth0", "10.1.2.8", "0.0.0.0", 0x0001_0010, 1, 0, "10.1.2.9", 1500, 0), ("C0", 1, 1, "10.1.2.6")),
];

/// The file with the first `count` of [`CACHE_ROWS`], in the kernel's layout
/// (`%s\t%08X\t%08X\t%8X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u\t%02X\t%d\t%1d\t%08X`, padded).
fn cache_2_2_rows(count: usize) -> String {
    let mut text = padded(CACHE_HEADER);
    for &(row, tail) in &CACHE_ROWS[..count] {
        let (iface, destination, gateway, flags, refcnt, use_count, source, mtu, rtt) = row;
        let (tos, hh_ref, hh_uptodate, spec_dst) = tail;
        text += &padded(&format!(
            "{iface}\t{}\t{}\t{flags:8X}\t{refcnt}\t{use_count}\t0\t{}\t{mtu}\t0\t{rtt}\t{tos}\t{hh_ref}\t{hh_uptodate}\t{}",
            hex(destination),
            hex(gateway),
            hex(source),
            hex(spec_dst)
        ));
    }
    text
}

fn cache_2_2() -> String {
    cache_2_2_rows(CACHE_ROWS.len())
}

/// The 2.0.36 layout (`... IRTT HH ARP`).
fn cache_2_0() -> String {
    padded(CACHE_HEADER_2_0)
        + &padded(&format!(
            "eth0\t{}\t{}\t07\t1\t5\t0\t{}\t576\t0\t0\t1\t1",
            hex("10.1.2.3"),
            hex("10.1.2.254"),
            hex("127.0.0.1")
        ))
        + &padded(&format!(
            "lo\t{}\t{}\t0205\t1\t5\t0\t{}\t576\t0\t0\t-1",
            hex("127.0.0.1"),
            hex("0.0.0.0"),
            hex("127.0.0.1")
        ))
}

const CACHE_INVOCATIONS: &[&str] = &[
    "-rC",
    "-rCn",
    "-rCe",
    "-rCee",
    "-rCeee",
    "-rCnee",
    "-rCN",
    "--route --cache",
    "-rCW",
];

#[test]
fn ipv4_route_cache_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = names("rtcache");
    let fib = ("route", kernel_fib().into_bytes());
    let cache = |text: String| ("rt_cache", text.into_bytes());
    let cases: Vec<(Tree, &[&str])> = vec![
        (
            Tree::with_files("linux-2.2", &[cache(cache_2_2())]),
            CACHE_INVOCATIONS,
        ),
        (
            Tree::with_files("linux-2.0", &[cache(cache_2_0())]),
            CACHE_INVOCATIONS,
        ),
        (
            Tree::with_files("fib-and-cache", &[fib.clone(), cache(cache_2_2())]),
            &[
                "-rFC",
                "-rCF",
                "-rnFC",
                "-rFCee",
                "-rFCeee",
                "-r -C -A inet,inet",
            ],
        ),
        (
            Tree::with_files("linux-3.6", &[fib.clone(), cache(padded(CACHE_HEADER))]),
            &["-rC", "-rCe", "-rCee", "-rCeee", "-rFC"],
        ),
        // Unknown layouts: net-tools prints rows of uninitialised memory at levels 1 and 2.
        (
            Tree::with_files(
                "unknown-layout",
                &[cache(
                    padded(&CACHE_HEADER.replace("TOS", "ToS")) + &cache_2_2()[128..],
                )],
            ),
            &["-rCee", "-rCeee"],
        ),
        (
            Tree::with_files(
                "missing-column",
                &[cache(
                    padded(&CACHE_HEADER.replace("Source", "Src")) + &cache_2_2()[128..],
                )],
            ),
            CACHE_INVOCATIONS,
        ),
        (
            Tree::with_files("directory", &[("rt_cache/", Vec::new())]),
            &["-rC", "-rFC"],
        ),
        (
            Tree::with_files("missing", std::slice::from_ref(&fib)),
            &["-rC", "-rFC", "-rCn"],
        ),
        // An empty file: net-tools reports the failed read with a stale errno.
        (
            Tree::with_files("empty", &[cache(String::new())]),
            &["-rC", "-rCn"],
        ),
        (
            Tree::with_files("empty-after-fib", &[fib.clone(), cache(String::new())]),
            &["-rFC", "-rFCn"],
        ),
        (
            Tree::with_files(
                "empty-after-short-fib",
                &[
                    (
                        "route",
                        (padded(ROUTE_HEADER) + "eth0\t0002010A\n").into_bytes(),
                    ),
                    cache(String::new()),
                ],
            ),
            &["-rFCn"],
        ),
        (
            Tree::with_files(
                "short-and-bad-rows",
                &[cache(
                    padded(CACHE_HEADER)
                        + "eth0\t0302010A\tFE02010A\t0\t1\t2\t3\t0302010A\t1500\t0\t300\n\
                       eth0\t0402010A\tFE02010A\t0\t1\t2\t3\tXX\t1500\t0\t300\t05\n\
                       \n\
                       eth0\t99999999999999999999\t0\t1FFFFFFFF\t99999999999\t-1\t3\t0402010A\t1\t2\t3\t4\t5\t6\n",
                )],
            ),
            &["-rCn", "-rCnee", "-rCne"],
        ),
    ];
    compare_all(&ns, &cases);

    // Where net-tools prints uninitialised memory (an unknown layout at levels 1 and 2), we
    // print the error line and the header, and no rows.
    let tree = &cases[4].0;
    assert_eq!(
        ours(tree, &ns, "-rC"),
        (
            "Kernel IP routing cache\n\
             ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: 61\n\
             Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n"
                .into(),
            String::new(),
            Some(0)
        )
    );
}

/// An `/proc/net/ipv6_route` row: destination, prefix length, next hop, metric, refcnt, flags,
/// interface.
type Route6 = (&'static str, u8, &'static str, u32, u32, u32, &'static str);

/// B16's table (in its order), then a cache entry, every flag bit, an IPv4-mapped destination
/// and a 15-character interface name.
#[rustfmt::skip]
const KERNEL_IPV6: &[Route6] = &[
    ("2001:db8::", 64, "::", 256, 2, 0x0000_0001, "veth0"),
    ("2001:db8:1::", 48, "2001:db8::fe", 1024, 1, 0x0000_0003, "veth0"),
    ("2001:db8:1234:5678::", 64, "::", 256, 2, 0x0000_0001, "veth0"),
    ("fe80::", 64, "::", 256, 1, 0x0000_0001, "veth0"),
    ("::", 0, "2001:db8::fe", 1024, 1, 0x0000_0003, "veth0"),
    ("::1", 128, "::", 0, 4, 0x8020_0001, "lo"),
    ("2001:db8::1", 128, "::", 0, 4, 0x8020_0001, "veth0"),
    ("2001:db8:1234:5678:9abc:def0:1234:5678", 128, "::", 0, 3, 0x8020_0001, "veth0"),
    ("fe80::ff:fe00:1", 128, "::", 0, 2, 0x8020_0001, "veth0"),
    ("ff00::", 8, "::", 256, 3, 0x0000_0001, "veth0"),
    ("::", 0, "::", 0xffff_ffff, 1, 0x0020_0200, "lo"),
    ("2001:db8:5::1", 128, "2001:db8::fe", 0, 1, 0x0100_0003, "veth0"),
    ("2001:db8:6::", 64, "fe80::1", 7, 0, 0xFFFF_FFFF, "abcdefghijklmno"),
    ("::ffff:10.1.2.3", 128, "::ffff:127.0.0.1", 1, 1, 0x0000_0005, "veth0"),
];

/// The file with these rows (`%pi6 %02x %pi6 %02x %pi6 %08x %08x %08x %08x %8s`).
fn ipv6_table(rows: &[Route6]) -> String {
    let hex6 = |a: &str| {
        let octets = a
            .parse::<std::net::Ipv6Addr>()
            .expect("test address")
            .octets();
        octets
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    rows.iter()
        .map(|&(destination, plen, next_hop, metric, refcnt, flags, iface)| {
            format!(
                "{} {plen:02x} {} 00 {} {metric:08x} {refcnt:08x} 00000000 {flags:08x} {iface:>8}\n",
                hex6(destination),
                hex6("::"),
                hex6(next_hop)
            )
        })
        .collect()
}

fn kernel_ipv6() -> String {
    ipv6_table(KERNEL_IPV6)
}

/// A neighbour cache in the early 2.2 layout (its empty last line repeats the row before it).
const NDISC: &str = "fe800000000000000202b3fffe1e8329 01 40 00 02 00000000 000012c0 00001388 0bb8 0000 0080     eth0 0002b31e8329\n\
                     20010db8000000000000000000000001 01 80 00 20 00000000 00000064 00000000 2710 0001 0008     eth1 02000000000a\n\
                     00000000000000000000000000000001 01 80 00 33 00000000 00000064 00000000 2710 0000 0006 lo 000000000000\n\
                     \n";

const IPV6_INVOCATIONS: &[&str] = &[
    "-r -A inet6",
    "-rn6",
    "-r6",
    "-r --inet6",
    "-r -A ip6 -n",
    "-r6 -C",
    "-rn6 -C",
    "-r6 -FC",
    "-r6 -e",
    "-r6 -eee",
    "-r6 -N",
    "-r6 --numeric-hosts",
    "-r -A inet6,inet",
    "-r -A inet,inet6",
    "-rn -A inet6,inet6",
];

#[test]
fn ipv6_routes_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = names("rtsix");
    let v6 = |text: String| ("ipv6_route", text.into_bytes());
    let good = kernel_ipv6();
    let first = good.lines().next().unwrap().to_string() + "\n";
    let ndisc = NDISC;
    let cases: Vec<(Tree, &[&str])> = vec![
        (
            Tree::with_files(
                "kernel",
                &[v6(good.clone()), ("route", kernel_fib().into_bytes())],
            ),
            IPV6_INVOCATIONS,
        ),
        (
            Tree::with_files("empty", &[v6(String::new())]),
            &["-r6", "-r6 -C"],
        ),
        (
            Tree::with_files("directory", &[("ipv6_route/", Vec::new())]),
            &["-r6", "-r6 -FC"],
        ),
        (
            Tree::with_files("missing", &[("route", kernel_fib().into_bytes())]),
            &["-r6", "-r6 -C", "-r -A inet,inet6", "-r -A inet6,inet"],
        ),
        // Broken lines after a good one repeat or mix in its values.
        (
            Tree::with_files(
                "broken-lines",
                &[v6(first.clone()
                    + "\n"
                    + "fe800000000000000000000000000000 40 00000000\n"
                    + &good
                        .lines()
                        .nth(1)
                        .unwrap()
                        .replacen("2001", "zz01", 1)
                    + "\n"
                    + &good
                        .lines()
                        .nth(1)
                        .unwrap()
                        .replace("00000400", "100000400")
                    + "\n"
                    + &good
                        .lines()
                        .nth(1)
                        .unwrap()
                        .replace("veth0", "a-name-longer-than-fifteen")
                    + "\n"
                    + "2001 0db8 0000 0000 0000 0000 0000 0001 80 x\n"
                    + "20010db8000000000000000000000002 100 00000000000000000000000000000000 00\n"
                    + "20010db8000000000000000000000003 80 0000000000000000000000000000000000 99999999999999999999 1 2 3\n")],
            ),
            &["-rn6", "-r6", "-rn6 -C"],
        ),
        (
            Tree::with_files(
                "odd-bytes",
                &[v6(first.clone()
                    + "20010db8000000000000000000000009 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000001 00000001 00000000 00000001 \u{7f}\u{1}\u{1b}x\n")],
            ),
            &["-rn6"],
        ),
        (
            Tree::with_files(
                "neighbour-cache",
                &[v6(good.clone()), ("ndisc", ndisc.as_bytes().to_vec())],
            ),
            &[
                "-r6 -C",
                "-rn6 -C",
                "-r6 -Ce",
                "-r6 -Cee",
                "-r6 -Ceee",
                "-r6 -FC",
                "-r6",
            ],
        ),
        (
            Tree::with_files(
                "neighbour-cache-directory",
                &[v6(good.clone()), ("ndisc/", Vec::new())],
            ),
            &["-r6 -C"],
        ),
    ];
    compare_all(&ns, &cases);
}

/// Routing families without a table of ours: the errors of spec §4.1 (the legacy printers'
/// missing-file messages included).
#[test]
fn family_errors_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = names("rtfam");
    let tree = Tree::with_files("inet-only", &[("route", kernel_fib().into_bytes())]);
    let invocations: &[&str] = &[
        "-r -A unix",
        "-r -x",
        "-r -A econet",
        "-r -A ash",
        "-r -A bluetooth",
        "-r --bluetooth",
        "-r -A inet,unix",
        "-r -A unix,inet",
        "-r -A inet,bluetooth",
        "-r -A inet6",
        "-r -A ax25",
        "-r --netrom",
        "-r -A rose",
        "-r --ipx",
        "-r -A x25",
        "-r -A ddp",
        "-r --appletalk",
        "-r -A inet,ax25,inet",
        "-r -A inet -A inet6",
        "-rC -A ax25",
    ];
    compare_all(&ns, &[(tree, invocations)]);
}

const IGMP_HEADER: &str = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n";

/// B21's memberships, plus a 15-character device, a device whose name fills the kernel's
/// `%-10s`, and numbers past the usual.
fn kernel_igmp() -> String {
    IGMP_HEADER.to_string()
        + "1\tlo        :     1      V3\n\
           \t\t\t\t010000E0     1 0:00000000\t\t0\n\
           4\tveth0     :     2      V3\n\
           \t\t\t\t030201EF     1 0:00000000\t\t0\n\
           \t\t\t\t010000E0     1 0:00000000\t\t0\n\
           5\ttun0      :     1      V3\n\
           \t\t\t\t010000E0     1 0:00000000\t\t0\n\
           6\tabcdefghijklmno:     1      V2\n\
           \t\t\t\t0A0000E0 65536 1:00000010\t\t1\n\
           7\tveth2     :     0      V3\n"
}

fn kernel_igmp6() -> String {
    "1    lo              ff020000000000000000000000000001     1 0000000C 0\n\
     1    lo              ff010000000000000000000000000001     1 00000008 0\n\
     4    veth0           ff150000000000000000000000001234     1 00000004 0\n\
     4    veth0           ff0200000000000000000001ff345678     1 00000004 0\n\
     4    veth0           ff0200000000000000000001ff000001     2 00000004 0\n\
     6    abcdefghijklmno ff020000000000000000000000000001     3 0000000C 0\n\
     6    abcdefghijklmno ff010000000000000000000000000001 99999 00000008 0\n"
        .to_string()
}

const GROUP_INVOCATIONS: &[&str] = &[
    "-g",
    "-gn",
    "--groups",
    "-g --numeric-hosts",
    "-g -4",
    "-gn -4",
    "-g -6",
    "-gn6",
    "-g --inet6",
    "-g -A inet6,inet",
    "-ga",
    "-gl",
    "-ge",
    "-gW",
    "-gv",
    "-gN",
    "-go",
];

#[test]
fn multicast_groups_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = names("rtgrp");
    let igmp = |text: String| ("igmp", text.into_bytes());
    let igmp6 = |text: String| ("igmp6", text.into_bytes());
    let both = [igmp(kernel_igmp()), igmp6(kernel_igmp6())];
    let first_device = "1\tlo        :     1      V3\n";
    let cases: Vec<(Tree, &[&str])> = vec![
        (Tree::with_files("kernel", &both), GROUP_INVOCATIONS),
        (Tree::with_files("ipv4-only", &[igmp(kernel_igmp())]), &["-g", "-gn6", "-gv"]),
        (Tree::with_files("ipv6-only", &[igmp6(kernel_igmp6())]), &["-g", "-gn", "-gn4", "-gv", "-g6"]),
        (Tree::with_files("none", &[("dev", Vec::new())]), &["-g", "-gv", "-g6", "-g4", "-gc"]),
        (Tree::with_files("empty", &[igmp(String::new()), igmp6(String::new())]), &["-g"]),
        (
            Tree::with_files("bogus-lines",
                &[
                    igmp(kernel_igmp() + "\tzz\nfoo\n\n\t\t010000E0\n8\t\n9\tab\n\t0100007F 3\n"),
                    igmp6(kernel_igmp6() + "\n1 lo\n2 eth0 zz 1\n3 eth1 ff02 x\n4 eth2 ff02 5\nx\n"),
                ],
            ),
            &["-gn", "-g"],
        ),
        // Without the IPv4 header line, the whole IPv4 file is read in the igmp6 layout.
        (
            Tree::with_files("headerless-ipv4", &[igmp(kernel_igmp()[IGMP_HEADER.len()..].to_string()), igmp6(kernel_igmp6())]),
            &["-gn", "-g"],
        ),
        // An old header without `Idx`: device lines have no index.
        (
            Tree::with_files("linux-2.0",
                &[igmp("Device    : Count Querier\tGroup    Users Timer\tReporter\nlo        :     1      V2\n\t\t\t\t010000E0     1 0:00000000\t\t0\n".to_string())],
            ),
            &["-gn4"],
        ),
        // An IPv6 file whose first line mentions `Device` is read in the IPv4 layout.
        (
            Tree::with_files("ipv6-with-device-word", &[igmp(kernel_igmp()), igmp6(format!("Device\n{}", kernel_igmp6()))]),
            &["-gn"],
        ),
        (
            Tree::with_files("odd-bytes",
                &[
                    ("igmp", [IGMP_HEADER.as_bytes(), &b"3\t\xff\x01x:y:\n\t\t010000E0 7\n4\tab\0cd:\n\t\t010000E0 1\n\t\x7f\n"[..]].concat()),
                    ("igmp6", b"1 \xff\xfe ff020000000000000000000000000001 1 0 0\n2 eth0 ff02\0 1\n".to_vec()),
                ],
            ),
            &["-gn"],
        ),
        (
            Tree::with_files("short-device", &[igmp(format!("{IGMP_HEADER}{first_device}\t\t010000E0 1\n2\tab\n\t\t010000E0 1\n"))]),
            &["-gn4"],
        ),
    ];
    compare_all(&ns, &cases);

    // A file that is a directory: net-tools loops forever (spec §9 #28); we stop with the read
    // error, after the rows before it.
    let header = "IPv6/IPv4 Group Memberships\n\
                  Interface       RefCnt Group\n\
                  --------------- ------ ---------------------\n";
    let tree = Tree::with_files(
        "ipv4-directory",
        &[("igmp/", Vec::new()), igmp6(kernel_igmp6())],
    );
    assert_eq!(
        ours(&tree, &ns, "-gn"),
        (
            header.into(),
            "/proc/net/igmp: Is a directory\n".into(),
            Some(255)
        )
    );
    let tree = Tree::with_files(
        "ipv6-directory",
        &[igmp(kernel_igmp()), ("igmp6/", Vec::new())],
    );
    let (stdout, stderr, status) = ours(&tree, &ns, "-gn");
    assert!(stdout.starts_with(header) && stdout.ends_with("abcdefghijklmno 65536  224.0.0.10\n"));
    assert_eq!(
        (stderr.as_str(), status),
        ("/proc/net/igmp6: Is a directory\n", Some(255))
    );
}

/// Appendix A's `/etc/hosts` (with Debian's default `/etc/networks`, the rig's).
const SPEC_HOSTS: &str = "127.0.0.1\tlocalhost\n\
::1\tlocalhost ip6-localhost ip6-loopback\n\
10.1.2.3\thost-with-a-rather-long-name.example.org\n\
10.1.2.254\tgw.example\n\
2001:db8::1\tv6host.example\n\
198.51.100.7\ta-very-long-hostname-for-a-route.example\n";

/// B21's memberships, in the kernel's layouts.
const SPEC_IGMP: &str = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n\
1\tlo        :     1      V3\n\
\t\t\t\t010000E0     1 0:00000000\t\t0\n\
2\tveth0     :     2      V3\n\
\t\t\t\t030201EF     1 0:00000000\t\t0\n\
\t\t\t\t010000E0     1 0:00000000\t\t0\n\
3\ttun0      :     1      V3\n\
\t\t\t\t010000E0     1 0:00000000\t\t0\n";

const SPEC_IGMP6: &str = "1    lo              ff020000000000000000000000000001     1 0000000C 0\n\
1    lo              ff010000000000000000000000000001     1 00000008 0\n\
2    veth0           ff150000000000000000000000001234     1 00000004 0\n\
2    veth0           ff0200000000000000000001ff345678     1 00000004 0\n\
2    veth0           ff0200000000000000000001ff000001     2 00000004 0\n\
2    veth0           ff020000000000000000000000000001     1 0000000C 0\n\
2    veth0           ff010000000000000000000000000001     1 00000008 0\n\
3    tun0            ff020000000000000000000000000001     1 0000000C 0\n\
3    tun0            ff010000000000000000000000000001     1 00000008 0\n\
4    veth3           ff020000000000000000000000000001     1 0000000C 0\n\
4    veth3           ff010000000000000000000000000001     1 00000008 0\n\
5    veth2           ff020000000000000000000000000001     1 0000000C 0\n\
5    veth2           ff010000000000000000000000000001     1 00000008 0\n";

/// The spec's captured outputs (Appendix B11–B14, B16, B17, B21, C18, C19), checked against our
/// program alone: they hold even where net-tools is not installed.
#[test]
fn spec_examples() {
    // No net-tools needed; the namespace (root) fixes the name service.
    let ns = Namespace::new("rtspec", SPEC_HOSTS);
    let tree = Tree::with_files(
        "spec",
        &[
            ("route", fib(SPEC_FIB).into_bytes()),
            ("ipv6_route", ipv6_table(&KERNEL_IPV6[..11]).into_bytes()),
            ("igmp", SPEC_IGMP.as_bytes().to_vec()),
            ("igmp6", SPEC_IGMP6.as_bytes().to_vec()),
        ],
    );
    let examples: &[(&str, &str)] = &[
        (
            "-r",
            "\
Kernel IP routing table
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
default         gw.example      0.0.0.0         UG        0 0          0 veth0
10.1.2.0        0.0.0.0         255.255.255.0   U         0 0          0 veth0
10.9.9.2        0.0.0.0         255.255.255.255 UH        0 0          0 tun0
link-local      0.0.0.0         255.255.0.0     U         0 0          0 veth0
172.16.0.0      gw.example      255.255.0.0     UG     1400 8192     300 veth0
192.168.100.0   gw.example      255.255.255.0   UG        0 0          0 veth0
a-very-long-hos gw.example      255.255.255.255 UGH       0 0          0 veth0
203.0.113.0     -               255.255.255.0   !         - -          - -
",
        ),
        (
            "-rn",
            "\
Kernel IP routing table
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
0.0.0.0         10.1.2.254      0.0.0.0         UG        0 0          0 veth0
10.1.2.0        0.0.0.0         255.255.255.0   U         0 0          0 veth0
10.9.9.2        0.0.0.0         255.255.255.255 UH        0 0          0 tun0
169.254.0.0     0.0.0.0         255.255.0.0     U         0 0          0 veth0
172.16.0.0      10.1.2.254      255.255.0.0     UG     1400 8192     300 veth0
192.168.100.0   10.1.2.254      255.255.255.0   UG        0 0          0 veth0
198.51.100.7    10.1.2.254      255.255.255.255 UGH       0 0          0 veth0
203.0.113.0     -               255.255.255.0   !         - -          - -
",
        ),
        (
            "-rne",
            "\
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         10.1.2.254      0.0.0.0         UG    0      0        0 veth0
10.1.2.0        0.0.0.0         255.255.255.0   U     0      0        0 veth0
10.9.9.2        0.0.0.0         255.255.255.255 UH    0      0        0 tun0
169.254.0.0     0.0.0.0         255.255.0.0     U     0      0        0 veth0
172.16.0.0      10.1.2.254      255.255.0.0     UG    0      0        0 veth0
192.168.100.0   10.1.2.254      255.255.255.0   UG    5      0        0 veth0
198.51.100.7    10.1.2.254      255.255.255.255 UGH   0      0        0 veth0
203.0.113.0     -               255.255.255.0   !     0      -        0 -
",
        ),
        (
            "-rnee",
            "\
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt
0.0.0.0         10.1.2.254      0.0.0.0         UG    0      0        0 veth0    0     0      0
10.1.2.0        0.0.0.0         255.255.255.0   U     0      0        0 veth0    0     0      0
10.9.9.2        0.0.0.0         255.255.255.255 UH    0      0        0 tun0     0     0      0
169.254.0.0     0.0.0.0         255.255.0.0     U     0      0        0 veth0    0     0      0
172.16.0.0      10.1.2.254      255.255.0.0     UG    0      0        0 veth0    1400  8192   300
192.168.100.0   10.1.2.254      255.255.255.0   UG    5      0        0 veth0    0     0      0
198.51.100.7    10.1.2.254      255.255.255.255 UGH   0      0        0 veth0    0     0      0
203.0.113.0     -               255.255.255.0   !     0      -        0 -        -     -      -
",
        ),
        (
            "-r -A inet6",
            "\
Kernel IPv6 routing table
Destination                    Next Hop                   Flag Met Ref  Use If
2001:db8::/64                  [::]                       U    256 2      0 veth0
2001:db8:1::/48                2001:db8::fe               UG   1024 1      0 veth0
2001:db8:1234:5678::/64        [::]                       U    256 2      0 veth0
fe80::/64                      [::]                       U    256 1      0 veth0
[::]/0                         2001:db8::fe               UG   1024 1      0 veth0
localhost/128                  [::]                       Un   0   4      0 lo
v6host.example/128             [::]                       Un   0   4      0 veth0
2001:db8:1234:5678:9abc:def0:1234:5678/128 [::]                       Un   0   3      0 veth0
fe80::ff:fe00:1/128            [::]                       Un   0   2      0 veth0
ff00::/8                       [::]                       U    256 3      0 veth0
[::]/0                         [::]                       !n   -1  1      0 lo
",
        ),
        (
            "-rn6",
            "\
Kernel IPv6 routing table
Destination                    Next Hop                   Flag Met Ref  Use If
2001:db8::/64                  ::                         U    256 2      0 veth0
2001:db8:1::/48                2001:db8::fe               UG   1024 1      0 veth0
2001:db8:1234:5678::/64        ::                         U    256 2      0 veth0
fe80::/64                      ::                         U    256 1      0 veth0
::/0                           2001:db8::fe               UG   1024 1      0 veth0
::1/128                        ::                         Un   0   4      0 lo
2001:db8::1/128                ::                         Un   0   4      0 veth0
2001:db8:1234:5678:9abc:def0:1234:5678/128 ::                         Un   0   3      0 veth0
fe80::ff:fe00:1/128            ::                         Un   0   2      0 veth0
ff00::/8                       ::                         U    256 3      0 veth0
::/0                           ::                         !n   -1  1      0 lo
",
        ),
        (
            "-g",
            "\
IPv6/IPv4 Group Memberships
Interface       RefCnt Group
--------------- ------ ---------------------
lo              1      224.0.0.1
veth0           1      239.1.2.3
veth0           1      224.0.0.1
tun0            1      224.0.0.1
lo              1      ff02::1
lo              1      ff01::1
veth0           1      ff15::1234
veth0           1      ff02::1:ff34:5678
veth0           2      ff02::1:ff00:1
veth0           1      ff02::1
veth0           1      ff01::1
tun0            1      ff02::1
tun0            1      ff01::1
veth3           1      ff02::1
veth3           1      ff01::1
veth2           1      ff02::1
veth2           1      ff01::1
",
        ),
    ];
    // Appendix C ran where /etc/hosts names only 127.0.0.1.
    let ns_c = Namespace::new("rtspecc", "127.0.0.1\tlocalhost\n");
    let tree_c = Tree::with_files("spec-c", &[("rt_cache", cache_2_2_rows(2).into_bytes())]);
    let cache_examples: &[(&str, &str)] = &[
        ("-rC", "\
Kernel IP routing cache
Source          Destination     Gateway         Flags   MSS Window  irtt Iface
10.1.2.3        10.1.2.3        10.1.2.254      dl     1500 0        300 eth0
localhost       localhost       0.0.0.0         obl   16436 0          0 lo
"),
        ("-rCee", "\
Kernel IP routing cache
Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst
10.1.2.3        10.1.2.3        10.1.2.254      dl    0      1       42 eth0     1500  0      300   0   2     1          10.1.2.3
localhost       localhost       0.0.0.0         obl   0      1        3 lo       16436 0      0     10  -1    0         localhost
"),
    ];
    for (tree, ns, examples) in [(&tree, &ns, examples), (&tree_c, &ns_c, cache_examples)] {
        for (args, expected) in examples {
            assert_eq!(
                ours(tree, ns, args),
                (expected.to_string(), String::new(), Some(0)),
                "netstat {args}"
            );
        }
    }
}

/// `--json` of `-r` on the trees above: the same rows in the same order as net-tools' text of
/// the same tree, every number and flag string equal, names where the text shows one.
#[test]
fn json_routes_match_the_text_of_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    use common::json::{assert_rows, cut, field, text_and_document, text_rows};
    use serde_json::Value;
    let ns = names("rtjson");
    let tree = Tree::with_files(
        "json",
        &[
            ("route", kernel_fib()),
            ("rt_cache", cache_2_2()),
            ("ipv6_route", kernel_ipv6()),
        ],
    );
    let old_cache = Tree::with_files("json-2.0", &[("rt_cache", cache_2_0())]);
    let fixture = tree.fixture().with_names_from(&ns);
    // Plain -r is detail level 2 (MSS Window irtt Iface), -re level 1 (Metric Ref Use Iface),
    // -ree level 3 (both).
    for (args, numeric, level) in [
        ("-rn", true, 2),
        ("-r", false, 2),
        ("-rne", true, 1),
        ("-re", false, 1),
        ("-rnee", true, 3),
    ] {
        let (text, doc) = text_and_document(&fixture, args, "routes");
        let lines = text_rows(&text, "Destination ");
        assert_rows(&lines, &doc["routes"], |row| {
            common::json::fib_words(row, level, numeric)
        });
        assert!(
            doc["routes"].as_array().unwrap().len() > 10,
            "{args}: the tree's rows"
        );
    }

    let usage = |row: &Value, iface_width: usize| {
        vec![
            field(row, "route_flags"),
            field(row, "metric"),
            field(row, "route_refs"),
            field(row, "use"),
            cut(field(row, "iface"), iface_width),
        ]
    };
    let addresses = |row: &Value| {
        ["source", "destination", "gateway"]
            .map(|key| field(row, key))
            .to_vec()
    };
    let (text, doc) = text_and_document(&fixture, "-rnCe", "routes");
    assert_rows(&text_rows(&text, "Source "), &doc["route_cache"], |row| {
        [addresses(row), usage(row, 99)].concat()
    });
    // Level 0 (-eee) prints titles only: no rows in either output.
    let (text, doc) = text_and_document(&fixture, "-rneee", "routes");
    assert_eq!(text, "Kernel IP routing table\n");
    assert_eq!(doc, serde_json::json!({"routes": []}));
    let (text, doc) = text_and_document(&fixture, "-rnCee", "routes");
    assert_rows(&text_rows(&text, "Source "), &doc["route_cache"], |row| {
        let tail = [
            "mss",
            "window",
            "irtt",
            "tos",
            "hh_ref",
            "hh_uptodate",
            "spec_dst",
        ];
        [
            addresses(row),
            usage(row, 6),
            tail.map(|k| field(row, k)).to_vec(),
        ]
        .concat()
    });
    let old = old_cache.fixture().with_names_from(&ns);
    let (text, doc) = text_and_document(&old, "-rnCee", "routes");
    assert_rows(&text_rows(&text, "Source "), &doc["route_cache"], |row| {
        let tail = ["mss", "window", "irtt", "hh", "arp"];
        [
            addresses(row),
            usage(row, 6),
            tail.map(|k| field(row, k)).to_vec(),
        ]
        .concat()
    });

    for (args, key, numeric) in [
        ("-rn6", "routes6", true),
        ("-rn6C", "route_cache6", true),
        ("-r6", "routes6", false),
    ] {
        let (text, doc) = text_and_document(&fixture, args, "routes");
        assert_rows(&text_rows(&text, "Destination "), &doc[key], |row| {
            common::json::route6_words(row, numeric)
        });
    }

    // The neighbour cache of early IPv6 kernels (level 2: no timer columns).
    let neighbours = Tree::with_files(
        "json-ndisc",
        &[("ipv6_route", kernel_ipv6()), ("ndisc", NDISC.into())],
    );
    let (text, doc) = text_and_document(&neighbours.fixture(), "-rn6C", "routes");
    assert_rows(&text_rows(&text, "Neighbour "), &doc["neighbours"], |row| {
        vec![
            format!("{}/{}", field(row, "address"), field(row, "prefix_len")),
            field(row, "hw_address"),
            field(row, "iface"),
            field(row, "neighbour_flags"),
            field(row, "refcnt"),
            field(row, "state_name"),
        ]
    });

    // Text-only lines: titles, and the note of a missing table (stdout stays one document).
    let missing = Tree::with_files("json-missing", &[("route", kernel_fib())]);
    let (text, doc) = text_and_document(&missing.fixture(), "-rn -A inet,inet6", "routes");
    assert!(text.contains("INET6 (IPv6) not configured in this system."));
    assert!(doc.get("routes").is_some() && doc.get("routes6").is_none());
}
