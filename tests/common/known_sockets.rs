//! The namespace most socket suites list: every socket family and state the listing shows, held
//! by tests/helpers/sockets.py, with host names to resolve and a second user.

use super::namespace::Namespace;
use super::run::python;

/// Host names the listing resolves; the long one shows the address shortening of spec §2.5.
pub const HOSTS: &str = "\
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
10.1.2.3\thost-with-a-rather-long-name.example.org
2001:db8::1\tv6host.example
";

/// The uid of the second helper, so that `-e` shows two users.
pub const OTHER_UID: u32 = 65534;

/// The namespace: addresses on `lo` for the long names, the main helper, and a listener owned
/// by another user.
pub fn namespace() -> Namespace {
    let mut ns = Namespace::new("sockets", HOSTS);
    ns.ip(&["addr", "add", "10.1.2.3/24", "dev", "lo"]);
    for address in [
        "2001:db8::1/64",
        "2001:db8:1234:5678:9abc:def0:1234:5678/64",
    ] {
        ns.ip(&["addr", "add", address, "dev", "lo", "nodad"]);
    }
    // A copy in the scratch dir: the other uid may not be able to read the source tree.
    let script = ns.dir().join("sockets.py");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/helpers/sockets.py"),
        &script,
    )
    .expect("copy the socket helper");
    let script = script.to_str().expect("UTF-8 path").to_owned();
    let dir = ns.dir().to_str().expect("UTF-8 path").to_owned();
    let python = python();
    ns.start(&[python, &script, "main", &dir], None);
    ns.start(&[python, &script, "user", "6000"], Some(OTHER_UID));
    ns
}
