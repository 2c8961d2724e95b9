//! `netstat -s` compared with net-tools on a live namespace after some loopback traffic (TCP
//! connections, refused connections, UDP to closed ports and the ICMP errors they cause, over
//! IPv4 and IPv6). Both programs run back to back; should a counter move in between, the pair is
//! run again (never normalised).

mod common;

use common::{Check, Namespace, Program, Runner};

const ATTEMPTS: Check = Check {
    normalise: None,
    attempts: 6,
};

/// Run besides [`common::invocations::STATISTICS`].
const MORE_VARIANTS: &[&str] = &[
    "-s -A inet",
    "-s -x",
    "--statistics",
    "--statistics --raw",
    "-s -e -n -a",
    "-s -v",
];

/// Makes traffic on loopback, says `ready`, then keeps one connection open.
const TRAFFIC: &str = r#"
import socket, sys, time
for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    listener = socket.socket(family)
    listener.bind((host, 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection((host, port))
    server, _ = listener.accept()
    client.sendall(b"x" * 70000)
    got = 0
    while got < 70000:
        got += len(server.recv(65536))
    client.close()
    server.close()
    try:
        socket.create_connection((host, 1), timeout=1)
    except OSError:
        pass
    udp = socket.socket(family, socket.SOCK_DGRAM)
    for _ in range(3):
        udp.sendto(b"hello", (host, 9))
    keep = socket.create_connection((host, port))
    kept, _ = listener.accept()
    globals().setdefault("held", []).extend([listener, keep, kept, udp])
time.sleep(0.3)
print("ready", flush=True)
while True:
    time.sleep(3600)
"#;

#[test]
fn statistics_match_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("stats", "127.0.0.1\tlocalhost\n");
    ns.start(&[common::python(), "-c", TRAFFIC], None);
    // The traffic is there: histogram lines print only for non-zero counters.
    let reference = ns.run(Program::Reference, &["-s"]);
    let text = String::from_utf8_lossy(&reference.stdout);
    assert!(
        text.contains("destination unreachable: ") && text.contains("connection resets received"),
        "no traffic seen in the namespace:\n{text}"
    );
    let variants = [common::invocations::STATISTICS, MORE_VARIANTS].concat();
    common::assert_no_differences(&common::compare_each(&ns, &variants, ATTEMPTS));
}
