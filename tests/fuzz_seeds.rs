//! The seed inputs of the `netlink` and `options` fuzz targets in fuzz/seeds/ (the `proc_file`
//! seeds come from the fixture trees: see fuzz/make-seeds). The tests fail when a committed seed
//! differs from what is built here; to rewrite the seeds after changing this file:
//!
//! ```sh
//! NETSTAT_WRITE_SEEDS=1 cargo test --test fuzz_seeds
//! ```
//!
//! The netlink seeds are datagrams laid out as the kernel sends them (linux/netlink.h,
//! inet_diag.h, rtnetlink.h, if_addr.h, neighbour.h, nfnetlink_conntrack.h), one well-formed
//! answer of each kind the program decodes, so the fuzzer starts past the framing.

mod common;

use std::fs;
use std::path::PathBuf;

const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const NLMSG_DONE: u16 = 3;

fn seed_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target)
}

/// Writes the seed when NETSTAT_WRITE_SEEDS is set; otherwise checks that the committed one
/// holds exactly these bytes, so the corpus cannot drift from the formats built here.
fn keep_seed(target: &str, name: &str, seed: &[u8]) {
    let dir = seed_dir(target);
    let path = dir.join(name);
    if std::env::var_os("NETSTAT_WRITE_SEEDS").is_some() {
        fs::create_dir_all(&dir).expect("create the seed directory");
        fs::write(&path, seed).expect("write a seed");
        return;
    }
    let committed = fs::read(&path).unwrap_or_default();
    assert!(
        committed == seed,
        "{} is missing or stale: rewrite the seeds with NETSTAT_WRITE_SEEDS=1 cargo test --test fuzz_seeds",
        path.display()
    );
}

/// One attribute: native-endian length and type, the value, padding to 4 bytes.
fn attr(kind: u16, value: &[u8]) -> Vec<u8> {
    let mut a = ((4 + value.len()) as u16).to_ne_bytes().to_vec();
    a.extend_from_slice(&kind.to_ne_bytes());
    a.extend_from_slice(value);
    a.resize(a.len().next_multiple_of(4), 0);
    a
}

/// One netlink message: the 16-byte header (sequence 1, port 0), then the payload, padded.
fn message(kind: u16, flags: u16, payload: &[u8]) -> Vec<u8> {
    let mut m = ((16 + payload.len()) as u32).to_ne_bytes().to_vec();
    m.extend_from_slice(&kind.to_ne_bytes());
    m.extend_from_slice(&flags.to_ne_bytes());
    m.extend_from_slice(&1u32.to_ne_bytes());
    m.extend_from_slice(&0u32.to_ne_bytes());
    m.extend_from_slice(payload);
    m.resize(m.len().next_multiple_of(4), 0);
    m
}

/// A selector byte, then answers of one kind closed by NLMSG_DONE.
fn datagram(family: &str, kind: u16, payloads: &[Vec<u8>]) -> Vec<u8> {
    let selector = netstat::fuzzing::NETLINK_FAMILIES
        .iter()
        .position(|f| *f == family)
        .expect("a known netlink family") as u8;
    let mut d = vec![selector];
    for payload in payloads {
        d.extend(message(kind, 2, payload));
    }
    d.extend(message(NLMSG_DONE, 2, &0i32.to_ne_bytes()));
    d
}

/// `struct inet_diag_msg`: an IPv4 or IPv6 socket in state `state`.
fn inet_diag(family: u8, state: u8, local: &[u8], remote: &[u8]) -> Vec<u8> {
    let mut m = vec![family, state, 1, 0];
    m.extend_from_slice(&22u16.to_be_bytes());
    m.extend_from_slice(&40000u16.to_be_bytes());
    let mut address = |a: &[u8]| {
        let mut field = [0u8; 16];
        field[..a.len()].copy_from_slice(a);
        m.extend_from_slice(&field);
    };
    address(local);
    address(remote);
    m.extend_from_slice(&1u32.to_ne_bytes()); // interface
    m.extend_from_slice(&[0; 8]); // cookie
    for value in [200u32, 3, 5, 1000, 123456] {
        m.extend_from_slice(&value.to_ne_bytes()); // expires, rqueue, wqueue, uid, inode
    }
    m
}

fn ne32(value: u32) -> [u8; 4] {
    value.to_ne_bytes()
}

fn rtnetlink_seeds() -> Vec<(&'static str, Vec<u8>)> {
    // struct ifinfomsg + IFLA_IFNAME.
    let mut link = vec![0, 0, 1, 0];
    link.extend(ne32(2));
    link.extend(ne32(0x1043));
    link.extend(ne32(0));
    link.extend(attr(3, b"veth0\0"));
    // struct ifaddrmsg + IFA_ADDRESS, IFA_LOCAL (a point-to-point peer).
    let mut address = vec![AF_INET, 24, 0, 0];
    address.extend(ne32(2));
    address.extend(attr(1, &[10, 0, 0, 2]));
    address.extend(attr(2, &[10, 0, 0, 1]));
    let mut address6 = vec![AF_INET6, 64, 0, 0];
    address6.extend(ne32(2));
    address6.extend(attr(
        1,
        &[0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    ));
    // struct rtmsg + RTA_TABLE, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PRIORITY.
    let mut route = vec![AF_INET, 24, 0, 0, 254, 3, 0, 1];
    route.extend(ne32(0));
    route.extend(attr(15, &ne32(254)));
    route.extend(attr(1, &[192, 0, 2, 0]));
    route.extend(attr(5, &[10, 0, 0, 254]));
    route.extend(attr(4, &ne32(2)));
    route.extend(attr(6, &ne32(100)));
    // A multipath route: RTA_MULTIPATH holding two struct rtnexthop, one with RTA_VIA.
    let mut hops = Vec::new();
    let gateway = attr(5, &[10, 0, 0, 253]);
    hops.extend(((8 + gateway.len()) as u16).to_ne_bytes());
    hops.extend([0, 0]);
    hops.extend(ne32(2));
    hops.extend(&gateway);
    let mut via = AF_INET6.to_ne_bytes().to_vec();
    via.push(0);
    via.extend([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    let via = attr(18, &via);
    hops.extend(((8 + via.len()) as u16).to_ne_bytes());
    hops.extend([0, 0]);
    hops.extend(ne32(3));
    hops.extend(&via);
    let mut multipath = vec![AF_INET, 24, 0, 0, 254, 3, 0, 1];
    multipath.extend(ne32(0));
    multipath.extend(attr(1, &[198, 51, 100, 0]));
    multipath.extend(attr(9, &hops));
    // struct ndmsg + NDA_DST, NDA_LLADDR.
    let mut neighbour = vec![AF_INET, 0, 0, 0];
    neighbour.extend(ne32(2));
    neighbour.extend(2u16.to_ne_bytes());
    neighbour.extend([0, 1]);
    neighbour.extend(attr(1, &[10, 0, 0, 9]));
    neighbour.extend(attr(2, &[2, 0, 0, 0, 0, 9]));
    vec![
        ("link", datagram("rtnetlink", 16, &[link.clone()])),
        ("link_del", datagram("rtnetlink", 17, &[link])),
        ("address", datagram("rtnetlink", 20, &[address, address6])),
        ("route", datagram("rtnetlink", 24, &[route])),
        ("route_multipath", datagram("rtnetlink", 25, &[multipath])),
        ("neighbour", datagram("rtnetlink", 28, &[neighbour])),
    ]
}

/// `struct nfgenmsg` + the nested tuples, status, timeout and sequence adjustment of one entry.
fn conntrack(family: u8, source: &[u8], destination: &[u8], protocol: u8) -> Vec<u8> {
    let (source_kind, destination_kind) = if family == AF_INET { (1, 2) } else { (3, 4) };
    let tuple = |from: &[u8], to: &[u8]| {
        let mut ip = attr(source_kind, from);
        ip.extend(attr(destination_kind, to));
        let mut proto = attr(1, &[protocol]);
        if protocol == 1 || protocol == 58 {
            proto.extend(attr(if protocol == 1 { 4 } else { 7 }, &7u16.to_be_bytes()));
        } else {
            proto.extend(attr(2, &40000u16.to_be_bytes()));
            proto.extend(attr(3, &80u16.to_be_bytes()));
        }
        let mut t = attr(1 | 0x8000, &ip);
        t.extend(attr(2 | 0x8000, &proto));
        t
    };
    let mut m = vec![family, 0, 0, 0];
    m.extend(attr(1 | 0x8000, &tuple(source, destination)));
    m.extend(attr(2 | 0x8000, &tuple(destination, source)));
    m.extend(attr(3, &0x18eu32.to_be_bytes()));
    m.extend(attr(7, &120u32.to_be_bytes()));
    let mut seq = attr(1, &1000u32.to_be_bytes());
    seq.extend(attr(2, &5u32.to_be_bytes()));
    seq.extend(attr(3, &(-5i32).to_be_bytes()));
    m.extend(attr(15 | 0x8000, &seq));
    m
}

/// One attribute: length, type, value padded to 4 bytes.
fn attribute(kind: u16, value: &[u8]) -> Vec<u8> {
    let mut a = ((4 + value.len()) as u16).to_ne_bytes().to_vec();
    a.extend_from_slice(&kind.to_ne_bytes());
    a.extend_from_slice(value);
    a.resize(a.len().next_multiple_of(4), 0);
    a
}

/// Answers of packet_diag, netlink_diag and vsock_diag (linux/packet_diag.h, netlink_diag.h,
/// vm_sockets_diag.h): a raw ETH_P_ALL socket with its info, uid and memory attributes; an
/// rtnetlink socket in groups 1 and 3 with memory; a vsock listener.
fn family_diag_seeds() -> Vec<(&'static str, Vec<u8>)> {
    let meminfo: Vec<u8> = [0u32, 212992, 0, 212992, 0, 0, 0, 0, 0]
        .iter()
        .flat_map(|v| v.to_ne_bytes())
        .collect();
    let mut packet = vec![17, 3];
    packet.extend_from_slice(&3u16.to_ne_bytes());
    packet.extend_from_slice(&ne32(4242));
    packet.extend_from_slice(&[0; 8]);
    packet.extend(attribute(
        0,
        &[ne32(1), [0; 4], [0; 4], [0; 4], [0; 4], ne32(1)].concat(),
    ));
    packet.extend(attribute(5, &ne32(1000)));
    packet.extend(attribute(6, &meminfo));
    let mut netlink = vec![16, 3, 0, 7];
    for value in [812u32, 0, 0, 4243, 0, 0] {
        netlink.extend_from_slice(&ne32(value));
    }
    netlink.extend(attribute(0, &meminfo));
    netlink.extend(attribute(1, &ne32(0b101)));
    let mut vsock = vec![40, 1, 10, 0];
    for value in [3u32, 5000, u32::MAX, u32::MAX, 4244, 0, 0] {
        vsock.extend_from_slice(&ne32(value));
    }
    vec![
        ("packet_diag", datagram("packet_diag", 20, &[packet])),
        ("netlink_diag", datagram("netlink_diag", 20, &[netlink])),
        ("vsock_diag", datagram("vsock_diag", 20, &[vsock])),
    ]
}

#[test]
fn netlink_seeds_are_current() {
    let v6 = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    let mut seeds = vec![
        (
            "sock_diag_v4",
            datagram(
                "sock_diag",
                20,
                &[
                    inet_diag(AF_INET, 1, &[127, 0, 0, 1], &[127, 0, 0, 2]),
                    inet_diag(AF_INET, 10, &[0, 0, 0, 0], &[0, 0, 0, 0]),
                ],
            ),
        ),
        (
            "sock_diag_v6",
            datagram("sock_diag", 20, &[inet_diag(AF_INET6, 1, &v6, &v6)]),
        ),
        (
            "ctnetlink",
            datagram(
                "ctnetlink",
                1 << 8,
                &[
                    conntrack(AF_INET, &[10, 0, 0, 1], &[192, 0, 2, 1], 6),
                    conntrack(AF_INET, &[10, 0, 0, 1], &[192, 0, 2, 1], 1),
                ],
            ),
        ),
        (
            "ctnetlink_v6",
            datagram("ctnetlink", 1 << 8, &[conntrack(AF_INET6, &v6, &v6, 58)]),
        ),
    ];
    seeds.extend(rtnetlink_seeds());
    // A datagram cut inside its second message, and an attribute claiming more bytes than its
    // message holds (the kernel never sends either; the decoders must stop cleanly).
    let mut truncated = seeds[0].1.clone();
    truncated.truncate(1 + 16 + 72 + 30);
    let mut oversized = seeds[2].1.clone();
    oversized[1 + 16 + 4..1 + 16 + 6].copy_from_slice(&4000u16.to_ne_bytes());
    seeds.push(("sock_diag_truncated", truncated));
    seeds.push(("ctnetlink_oversized_attribute", oversized));
    seeds.extend(family_diag_seeds());
    for (name, seed) in seeds {
        keep_seed("netlink", name, &seed);
    }
}

#[test]
fn option_seeds_are_current() {
    let mut lines: Vec<&str> = vec![
        "-tulpn",
        "-an",
        "-xa",
        "-i",
        "-ie",
        "-g",
        "-M",
        "-r",
        "-C",
        "-s",
        "-V",
        "-h",
        "--netlink",
        "-A inet,inet6,unix",
        "--protocol=ax25",
        "--tcp --udp --listening",
        "-ctn 1",
        "-Z",
        "-c5",
        "--numeric-hosts --numeric-ports",
        "--net",
        "--sta",
        "--program",
        "-i eth0 -e",
        "--",
        "-4 -6 -W -v -o -e -e",
    ];
    // Filters (one argument each: the spaces of an expression are kept).
    let filters: &[&[&str]] = &[
        &[
            "-tan",
            "--filter",
            "( sport = :443 or dport = :https ) and dst 10.0.0.0/8",
        ],
        &[
            "-tan",
            "--filter",
            "state established exclude time-wait src [::1]:22 ! pid 1",
        ],
        &[
            "-an",
            "--filter",
            "not ( uid 0 || command sshd ) && dport >= 1024",
        ],
        &[
            "-tn",
            "--state",
            "established",
            "--port",
            "443",
            "--sport",
            "22",
        ],
        &[
            "-xa",
            "--src",
            "127.0.0.1/8",
            "--dst",
            "::/0",
            "--pid",
            "7",
            "--uid",
            "65534",
        ],
        &["-uan", "--command", "dhclient", "--dport", "67"],
    ];
    lines.extend(common::invocations::STATISTICS);
    lines.extend(common::invocations::ROUTE_FIB);
    for (n, line) in lines.iter().enumerate() {
        let mut seed = vec![0u8];
        seed.extend(line.split(' ').collect::<Vec<_>>().join("\0").bytes());
        keep_seed("options", &format!("{n:03}"), &seed);
    }
    for (n, words) in filters.iter().enumerate() {
        let mut seed = vec![0u8];
        seed.extend(words.join("\0").bytes());
        keep_seed("options", &format!("filter{n}"), &seed);
    }
    let families = ["-A", "packet,netlink,vsock", "-p", "--mptcp", "--pid", "1"];
    let mut seed = vec![0u8];
    seed.extend(families.join("\0").bytes());
    keep_seed("options", "families", &seed);
}
