//! `-M` on a live masquerading router (kernels without `/proc/net/ip_masquerade`).
//!
//! Three network namespaces in a row joined by veth pairs — client, router, server — with
//! nftables masquerading everything that leaves the router towards the server (TCP and UDP
//! source ports translated into 31000-31999) and IP forwarding on, for IPv4 and IPv6. The
//! client holds a TCP connection, sends a UDP datagram and an ICMP echo request per family;
//! the server records the address, port and echo identifier each one arrived with, which is
//! what the router translated them to. Our `netstat -M` in the router must list every flow
//! with the client's address and ports, the server's address and port and those translated
//! ports. Private ranges only, inside the test's own namespaces.

mod common;

use common::{Namespace, Program, Runner};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

const HOSTS: &str = "\
127.0.0.1\tlocalhost
10.200.1.2\tclient-host
10.200.2.2\tserver-host
fd00:1::2\tclient6
fd00:2::2\tserver6
";

/// The router's NAT rules: ports of TCP and UDP move into a range no services entry names.
const RULES: &str = "\
table ip nat {
    chain post {
        type nat hook postrouting priority srcnat;
        oifname \"r-s\" meta l4proto { tcp, udp } masquerade to :31000-31999
        oifname \"r-s\" masquerade
    }
}
table ip6 nat {
    chain post {
        type nat hook postrouting priority srcnat;
        oifname \"r-s\" meta l4proto { tcp, udp } masquerade to :31000-31999
        oifname \"r-s\" masquerade
    }
}
";

/// Server: TCP on 80 and UDP on 53 for both families, raw ICMP sockets to see echo requests.
/// Appends `KIND ADDRESS PORT-OR-ID` per arrival to the file named by argv[1].
const SERVER: &str = r#"
import select, socket, struct, sys
out = open(sys.argv[1], "a", buffering=1)
def bound(family, kind, port):
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))
    if kind == socket.SOCK_STREAM:
        s.listen()
    return s
names = {
    bound(socket.AF_INET, socket.SOCK_STREAM, 80): "tcp4",
    bound(socket.AF_INET6, socket.SOCK_STREAM, 80): "tcp6",
    bound(socket.AF_INET, socket.SOCK_DGRAM, 53): "udp4",
    bound(socket.AF_INET6, socket.SOCK_DGRAM, 53): "udp6",
    socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP): "icmp4",
    socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6): "icmp6",
}
held = []
print("ready", flush=True)
while True:
    for s in select.select(list(names), [], [])[0]:
        name = names[s]
        if name.startswith("tcp"):
            c, peer = s.accept()
            held.append(c)
            out.write("%s %s %d\n" % (name, peer[0], peer[1]))
            continue
        data, peer = s.recvfrom(2048)
        if name.startswith("udp"):
            out.write("%s %s %d\n" % (name, peer[0], peer[1]))
        else:
            at = (data[0] & 15) * 4 if name == "icmp4" else 0
            if len(data) >= at + 6 and data[at] == (8 if name == "icmp4" else 128):
                ident = struct.unpack("!H", data[at + 4:at + 6])[0]
                out.write("%s %s %d\n" % (name, peer[0], ident))
"#;

/// Client: fixed source ports and echo identifiers, so the rows are known in advance.
const CLIENT: &str = r#"
import signal, socket, struct
def checksum(b):
    total = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    total = (total >> 16) + (total & 0xffff)
    return ~(total + (total >> 16)) & 0xffff
held = []
v4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
echo = struct.pack("!BBHHH", 8, 0, 0, 4660, 1) + b"ping"
v4.sendto(echo[:2] + struct.pack("!H", checksum(echo)) + echo[4:], ("10.200.2.2", 0))
v6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
v6.sendto(struct.pack("!BBHHH", 128, 0, 0, 4661, 1) + b"ping", ("fd00:2::2", 0))
held += [v4, v6]
for family, local, port, server in [
    (socket.AF_INET, "10.200.1.2", 41001, "10.200.2.2"),
    (socket.AF_INET6, "fd00:1::2", 41002, "fd00:2::2"),
]:
    u = socket.socket(family, socket.SOCK_DGRAM)
    u.bind((local, port))
    u.sendto(b"query", (server, 53))
    t = socket.socket(family, socket.SOCK_STREAM)
    t.bind((local, port + 2))
    t.connect((server, 80))
    held += [u, t]
print("ready", flush=True)
signal.pause()
"#;

/// One flow as `netstat -M` should show it: protocol, source, destination, ports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    protocol: String,
    source: String,
    destination: String,
    source_port: String,
    destination_port: String,
    masq_port: String,
}

/// The rows of our `-M` output (whatever the `-e` columns), checking the fixed parts.
fn rows(stdout: &str, extended: bool) -> Vec<Row> {
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("IP masquerading entries"), "{stdout}");
    let header = if extended {
        "prot   expire    initseq delta prevd source               destination          ports"
    } else {
        "prot   expire source               destination          ports"
    };
    assert_eq!(lines.next(), Some(header), "{stdout}");
    lines
        .map(|line| {
            // `tcp 7199:59.00` and `icmp  0:29.00`: the expiry follows the 4-wide protocol.
            let (protocol, rest) = line.split_at(4);
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let (expiry, fields) = fields.split_first().expect("expiry");
            let (minutes, seconds) = expiry.split_once(':').expect("mm:ss.hh");
            assert!(
                minutes.parse::<u64>().is_ok() && seconds.len() == 5,
                "{line}"
            );
            assert!(
                seconds.ends_with(".00"),
                "conntrack counts whole seconds: {line}"
            );
            let fields = if extended {
                assert_eq!(
                    &fields[..3],
                    ["0", "0", "0"],
                    "no sequence adjustment: {line}"
                );
                &fields[3..]
            } else {
                fields
            };
            let [
                source,
                destination,
                source_port,
                arrow,
                destination_port,
                masq,
            ] = fields
            else {
                panic!("unexpected row: {line}");
            };
            assert_eq!(*arrow, "->", "{line}");
            let masq_port = masq
                .strip_prefix('(')
                .and_then(|m| m.strip_suffix(')'))
                .unwrap_or_else(|| panic!("no (port): {line}"));
            Row {
                protocol: protocol.trim_end().to_string(),
                source: source.to_string(),
                destination: destination.to_string(),
                source_port: source_port.to_string(),
                destination_port: destination_port.to_string(),
                masq_port: masq_port.to_string(),
            }
        })
        .collect()
}

/// `ip netns exec NAME ARGS`, which must succeed.
fn exec(ns: &Namespace, args: &[&str]) {
    let out = Command::new("ip")
        .args(["netns", "exec", ns.name()])
        .args(args)
        .output()
        .expect("run ip netns exec");
    assert!(
        out.status.success(),
        "{args:?} in {} failed: {}",
        ns.name(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Client — router — server, with addresses, routes, forwarding and the NAT rules.
fn build(client: &Namespace, router: &Namespace, server: &Namespace) {
    router.ip(&[
        "link",
        "add",
        "r-c",
        "type",
        "veth",
        "peer",
        "name",
        "c-r",
        "netns",
        client.name(),
    ]);
    router.ip(&[
        "link",
        "add",
        "r-s",
        "type",
        "veth",
        "peer",
        "name",
        "s-r",
        "netns",
        server.name(),
    ]);
    for (ns, device, addresses) in [
        (client, "c-r", ["10.200.1.2/24", "fd00:1::2/64"]),
        (router, "r-c", ["10.200.1.1/24", "fd00:1::1/64"]),
        (router, "r-s", ["10.200.2.1/24", "fd00:2::1/64"]),
        (server, "s-r", ["10.200.2.2/24", "fd00:2::2/64"]),
    ] {
        ns.ip(&["addr", "add", addresses[0], "dev", device]);
        ns.ip(&["addr", "add", addresses[1], "dev", device, "nodad"]);
        ns.ip(&["link", "set", device, "up"]);
    }
    client.ip(&["route", "add", "default", "via", "10.200.1.1"]);
    client.ip(&["-6", "route", "add", "default", "via", "fd00:1::1"]);
    exec(
        router,
        &[
            "sysctl",
            "-qw",
            "net.ipv4.ip_forward=1",
            "net.ipv6.conf.all.forwarding=1",
        ],
    );
    let rules = router.dir().join("nat.nft");
    std::fs::write(&rules, RULES).expect("write the NAT rules");
    exec(router, &["nft", "-f", rules.to_str().expect("UTF-8 path")]);
}

/// What the server saw: (kind, address, port or identifier), waiting until all six arrived.
fn arrivals(server: &Namespace) -> Vec<(String, String, String)> {
    let path = server.dir().join("arrivals");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let seen: Vec<(String, String, String)> = text
            .lines()
            .filter_map(|line| {
                let mut f = line.split(' ').map(str::to_string);
                Some((f.next()?, f.next()?, f.next()?))
            })
            .collect();
        if seen.len() >= 6 || Instant::now() > deadline {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run(ns: &Namespace, args: &[&str]) -> (String, String, Option<i32>) {
    ns.run(Program::Ours, args).text()
}

#[test]
fn masqueraded_flows_through_a_router() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        panic!("this test needs root: it builds network namespaces");
    }
    let client = Namespace::new("masq-client", HOSTS);
    let router = Namespace::new("masq-router", HOSTS);
    let mut server = Namespace::new("masq-server", HOSTS);
    build(&client, &router, &server);
    let mut client = client;
    for (ns, name, script, args) in [
        (&mut server, "server.py", SERVER, vec!["arrivals"]),
        (&mut client, "client.py", CLIENT, vec![]),
    ] {
        let path = ns.dir().join(name);
        std::fs::write(&path, script).expect("write helper");
        let dir = ns.dir().to_path_buf();
        let mut argv = vec![
            common::python().to_string(),
            path.to_str().expect("UTF-8 path").to_string(),
        ];
        argv.extend(
            args.iter()
                .map(|a| dir.join(a).to_str().expect("UTF-8").to_string()),
        );
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        ns.start(&argv, None);
    }

    // The translated ports and identifiers, as the server saw them arrive from the router.
    let seen = arrivals(&server);
    let translated = |kind: &str| -> String {
        let (_, address, port) = seen
            .iter()
            .find(|(k, _, _)| k == kind)
            .unwrap_or_else(|| panic!("the server saw no {kind} arrival: {seen:?}"));
        let outside = if kind.ends_with('4') {
            "10.200.2.1"
        } else {
            "fd00:2::1"
        };
        assert_eq!(address, outside, "{kind} arrived unmasqueraded");
        if !kind.starts_with("icmp") {
            let port: u16 = port.parse().expect("port");
            assert!(
                (31000..=31999).contains(&port),
                "{kind} port {port} not translated"
            );
        }
        port.clone()
    };
    let row =
        |protocol: &str, family: &str, source_port: &str, destination_port: &str, kind: &str| {
            let (source, destination) = if family == "4" {
                ("10.200.1.2", "10.200.2.2")
            } else {
                ("fd00:1::2", "fd00:2::2")
            };
            Row {
                protocol: protocol.into(),
                source: source.into(),
                destination: destination.into(),
                source_port: source_port.into(),
                destination_port: destination_port.into(),
                masq_port: translated(kind),
            }
        };
    let ipv4 = vec![
        row("tcp", "4", "41003", "80", "tcp4"),
        row("udp", "4", "41001", "53", "udp4"),
        row("icmp", "4", "4660", "*", "icmp4"),
    ];
    let ipv6 = vec![
        row("tcp", "6", "41004", "80", "tcp6"),
        row("udp", "6", "41002", "53", "udp6"),
        row("icmp", "6", "4661", "*", "icmp6"),
    ];
    let set = |rows: &[Row]| rows.iter().cloned().collect::<BTreeSet<_>>();

    let (stdout, stderr, status) = run(&router, &["-Mn"]);
    assert_eq!((stderr.as_str(), status), ("", Some(0)), "{stdout}");
    let listed = rows(&stdout, false);
    assert_eq!(listed.len(), 6, "{stdout}");
    assert_eq!(set(&listed[..3]), set(&ipv4), "IPv4 first:\n{stdout}");
    assert_eq!(set(&listed[3..]), set(&ipv6), "then IPv6:\n{stdout}");

    let (stdout, _, status) = run(&router, &["-Men"]);
    assert_eq!(status, Some(0));
    assert_eq!(
        set(&rows(&stdout, true)),
        set(&[ipv4.clone(), ipv6.clone()].concat())
    );

    for (args, expected) in [(["-M", "-4", "-n"], &ipv4), (["-M", "-6", "-n"], &ipv6)] {
        let (stdout, _, status) = run(&router, &args);
        assert_eq!(status, Some(0));
        assert_eq!(set(&rows(&stdout, false)), set(expected), "{args:?}");
    }

    let numbers = [ipv4.clone(), ipv6.clone()].concat();
    // Names from the namespace's /etc/hosts and the services database.
    let named: Vec<Row> = [ipv4, ipv6]
        .concat()
        .into_iter()
        .map(|mut r| {
            let v4 = r.source.contains('.');
            r.source = (if v4 { "client-host" } else { "client6" }).into();
            r.destination = (if v4 { "server-host" } else { "server6" }).into();
            r.destination_port = match r.protocol.as_str() {
                "tcp" => "http".into(),
                "udp" => "domain".into(),
                _ => r.destination_port,
            };
            r
        })
        .collect();
    let (stdout, stderr, status) = run(&router, &["-M"]);
    assert_eq!((stderr.as_str(), status), ("", Some(0)), "{stdout}");
    assert_eq!(set(&rows(&stdout, false)), set(&named), "{stdout}");

    // --json: the same connections, numbers always and the names beside them.
    let ours = router.run(Program::Ours, &["-M", "--json"]);
    let document = common::json::document("masquerade", &ours.stdout);
    let entries = document["masquerade"].as_array().expect("rows");
    let text = |value: &serde_json::Value| common::json::show(value);
    let port = |entry: &serde_json::Value, key: &str| match entry[key].as_u64() {
        Some(0) => "*".to_string(),
        _ => text(&entry[key]),
    };
    let as_numbers = entries
        .iter()
        .map(|e| Row {
            protocol: text(&e["protocol"]),
            source: text(&e["source"]),
            destination: text(&e["destination"]),
            source_port: port(e, "source_port"),
            destination_port: port(e, "destination_port"),
            masq_port: port(e, "masq_port"),
        })
        .collect::<Vec<_>>();
    assert_eq!(set(&as_numbers), set(&numbers), "{document}");
    let as_names = entries
        .iter()
        .map(|e| Row {
            protocol: text(&e["protocol"]),
            source: text(&e["source_host"]),
            destination: text(&e["destination_host"]),
            source_port: port(e, "source_port"),
            destination_port: e
                .get("destination_service")
                .map_or_else(|| port(e, "destination_port"), text),
            masq_port: port(e, "masq_port"),
        })
        .collect::<Vec<_>>();
    assert_eq!(set(&as_names), set(&named), "{document}");

    // Without privilege the table cannot be read: a clear message, not an empty table.
    let nobody = router.as_user(65534).run(Program::Ours, &["-M"]);
    assert_eq!(
        (
            String::from_utf8_lossy(&nobody.stderr).as_ref(),
            nobody.status.code(),
            nobody.stdout.len()
        ),
        (
            "netstat: cannot read the connection tracking table: Operation not permitted\n",
            Some(1),
            0
        )
    );
}
