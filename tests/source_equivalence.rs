//! The netlink and `/proc` socket sources give the same listing: a namespace with a socket
//! farm (IPv4, IPv6, IPv4-mapped, TIME_WAIT, UDP, unix) and request sockets stuck in SYN_RECV
//! for a listener of another user, listed with each `NETSTAT_SOURCE` and compared with
//! net-tools byte for byte. The SYN_RECV rows are the case where the sources differ (the dump
//! has uid 0 for them) and `-e` must still match.

mod common;

use common::{Check, Namespace, Runner, WithSource};

/// Options covering every column the sources fill: queues, addresses in both families, states,
/// uid and inode (`-ee`), owners (`-p`), names, and the kernel-side `-l` filter.
const ARGS: &[&str] = &[
    "-tan", "-tanee", "-tlnee", "-tnee", "-ta", "-tanp", "-uanee", "-Uanee", "-6anee", "-4anee",
    "-tuanpee", "-l", "-an",
];

/// A listener (another user's) whose handshakes never complete: the final ACKs are dropped,
/// so each connection leaves a SYN_RECV request socket.
const SYN_RECV_HELPER: &str = r#"
import socket, sys, time
l = socket.socket()
l.bind(("127.0.0.1", 7100))
l.listen(16)
clients = []
for _ in range(3):
    c = socket.socket()
    c.setblocking(False)
    c.connect_ex(("127.0.0.1", 7100))
    clients.append(c)
time.sleep(0.5)
print("ready", flush=True)
time.sleep(3600)
"#;

#[test]
fn netlink_and_proc_sources_list_the_same_rows() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("sources", "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
    let nft = ns
        .exec(&["nft", "-f", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("piped").write_all(
                b"table inet synrecv {\n chain input {\n type filter hook input priority 0;\n \
                  tcp dport 7100 tcp flags & (syn | ack) == ack drop\n }\n}\n",
            )?;
            child.wait()
        })
        .expect("run nft");
    assert!(nft.success(), "nft rule for SYN_RECV");
    let farm = env!("CARGO_BIN_EXE_netstat-bench");
    ns.start(&[farm, "farm", "0", "300", "100", "20", "20", "10"], None);
    ns.start(&[farm, "farm", "1", "200", "60", "10", "10", "5"], None);
    let script = ns.dir().join("syn_recv.py");
    std::fs::write(&script, SYN_RECV_HELPER).expect("write helper");
    ns.start(&["python3", script.to_str().expect("UTF-8")], Some(65534));

    let listing = ns.run(common::Program::Ours, &["-tan"]);
    let text = String::from_utf8_lossy(&listing.stdout);
    for needed in ["SYN_RECV", "TIME_WAIT", "tcp6", "127.0.0.2:10001"] {
        assert!(
            text.contains(needed),
            "the farm should show {needed}:\n{text}"
        );
    }

    let mut failures = Vec::new();
    for source in common::SOURCES {
        let runner = WithSource { inner: &ns, source };
        for report in common::compare_each(&runner, ARGS, Check::EXACT) {
            failures.push(format!("NETSTAT_SOURCE={source}: {report}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
