//! Network namespaces: `--netns NAME` against `ip netns exec NAME /usr/bin/netstat` byte for
//! byte, `--all-netns` over a mix of named, process-held, container and vanishing namespaces
//! (each section against net-tools run inside that namespace), and the error messages.
//!
//! Everything happens inside a test namespace of the rig (as root, or as root of the rig's user
//! namespace for an ordinary user): its mount namespace gets a private `/run/netns` and
//! `/etc/netns` (see [`NAME_DIRS`]), so `ip netns add` and `ip netns exec` work there and see
//! only the test's names, and its PID namespace holds every process of the test, so
//! `--all-netns` finds exactly the test's namespaces and `-p` walks only the test's processes.

mod common;

use common::run::{REFERENCE, as_netstat, capture, clean};
use common::{Check, Namespace, Outcome, Program, Runner};
use std::fs;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// A port only the namespace's own `/etc/netns/NAME/services` names (tests/helpers/sockets.py
/// listens on it).
const NAMESPACE_SERVICE: &str = "nsonly\t\t40400/tcp\n";

/// Socket listings as the socket suite runs them (a selection covering every column option).
const SOCKETS: &[&str] = &[
    "",
    "-a",
    "-n",
    "-an",
    "-l",
    "-e",
    "-ee",
    "-p",
    "-anp",
    "-tulpn",
    "-taupe",
    "-tanee",
    "-xap",
    "-x",
    "-ta",
    "-tW",
    "-aeW",
    "-6 -an",
    "-A inet -l",
    "-wan",
    "-Uan",
    "--numeric-hosts -a",
    "--numeric-ports -a",
    "-g",
    "-gn",
    "-g -6",
    "-S",
];

/// The interface table at its detail levels.
const INTERFACES: &[&str] = &["-i", "-ie", "-ia", "-in", "-iee", "-ian"];

/// Routes beyond the shared `-r` list: IPv6 and the cache.
const MORE_ROUTES: &[&str] = &["-r -6", "-rn -A inet6", "-rC", "-rnee -6"];

/// Run (as `sh -c`, `$0` the scratch directory) once in a test namespace's mount namespace:
/// a private tmpfs on `/run/netns` for `ip netns`' names, the scratch directory's `etc-netns`
/// bound on `/etc/netns` (the test writes each name's files there), and a writable `/var/lib`
/// for a container runtime's state files. A directory that does not exist (and cannot be
/// made: the host's `/run` and `/etc` are not root's of a user namespace) is made by
/// shadowing its parent: a tmpfs over it holding a symbolic link to each of its entries,
/// which stay reachable through a recursive bind in the scratch directory (the rig's
/// name-service files bound over `/etc` included).
const NAME_DIRS: &str = r#"
set -e
D=$0
shadow() {
    keep="$D/host$(printf %s "$1" | tr / -)"
    mkdir -p "$keep"
    mount --rbind "$1" "$keep"
    mount -t tmpfs -o mode=0755 tmpfs "$1"
    for entry in "$keep"/* "$keep"/.[!.]*; do
        if [ -e "$entry" ] || [ -L "$entry" ]; then ln -s "$entry" "$1/"; fi
    done
}
[ -d /run/netns ] || shadow /run
[ -d /etc/netns ] || shadow /etc
shadow /var/lib
mkdir -p /run/netns /etc/netns
mount -t tmpfs -o mode=0755 tmpfs /run/netns
mount --bind "$D/etc-netns" /etc/netns
"#;

/// Give `ns` its own `/run/netns`, `/etc/netns` and `/var/lib` (see [`NAME_DIRS`]).
fn name_dirs(ns: &Namespace) {
    let dir = ns.dir().to_str().expect("UTF-8 scratch dir").to_owned();
    make_dir(&ns.dir().join("etc-netns"));
    ns.exec_ok(&["sh", "-c", NAME_DIRS, &dir]);
}

/// Write `/etc/netns/NAME/FILE` of `ns` (after [`name_dirs`]).
fn write_netns_etc(ns: &Namespace, name: &str, file: &str, text: &str) {
    let dir = ns.dir().join("etc-netns").join(name);
    make_dir(&dir);
    fs::write(dir.join(file), text).expect("write a namespace's /etc file");
}

fn make_dir(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(dir).expect("create a directory");
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// A new named namespace in `ns` (`ip netns add`), `lo` up.
fn add_named(ns: &Namespace, name: &str) {
    ns.exec_ok(&["ip", "netns", "add", name]);
    ns.exec_ok(&["ip", "-n", name, "link", "set", "lo", "up"]);
}

/// Runs net-tools as `ip netns exec NAME /usr/bin/netstat ARGS`, ours as
/// `netstat --netns NAME ARGS`, both inside the test namespace (its names, its PID namespace).
struct NetnsExec<'a> {
    ns: &'a Namespace,
    name: &'a str,
}

impl Runner for NetnsExec<'_> {
    fn command(&self, program: Program, args: &[&str]) -> std::process::Command {
        let mut wrapper = self.ns.enter();
        match program {
            Program::Reference => {
                wrapper.extend(["ip", "netns", "exec", self.name]);
                as_netstat(&wrapper, program.path(), args)
            }
            Program::Ours => {
                let mut ours = vec!["--netns", self.name];
                ours.extend_from_slice(args);
                as_netstat(&wrapper, program.path(), &ours)
            }
        }
    }
}

/// net-tools inside the namespace of the file `net` (`nsenter --net=`), in `ns`'s PID and mount
/// namespaces.
fn reference_in(ns: &Namespace, net: &str, args: &[&str]) -> Outcome {
    let entering = format!("--net={net}");
    let mut wrapper = ns.enter();
    wrapper.extend(["nsenter", &entering]);
    capture(as_netstat(&wrapper, Path::new(REFERENCE), args))
}

/// `sh -c SCRIPT ARGS` in `ns`, its stdout (panics if it fails).
fn shell(ns: &Namespace, script: &str, args: &[&str]) -> String {
    let mut argv = vec!["sh", "-c", script];
    argv.extend_from_slice(args);
    let run = capture(ns.exec(&argv));
    assert!(
        run.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).trim_end().to_string()
}

/// The nsfs inode of a namespace file as seen inside `ns`.
fn inode_in(ns: &Namespace, path: &str) -> u64 {
    shell(ns, r#"stat -L -c %i "$0""#, &[path])
        .parse()
        .expect("an inode number")
}

/// tests/helpers/listen.py copied into `ns`'s scratch directory.
fn listen_script(ns: &Namespace) -> String {
    let script = ns.dir().join("listen.py");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/listen.py"),
        &script,
    )
    .expect("copy the listener helper");
    script.to_str().expect("UTF-8 path").to_owned()
}

/// Start listen.py (`count` listeners from `port`, one connection) in the named namespace `name`
/// of `ns`, as `ip netns exec` starts a program there.
fn listen_in_named(ns: &mut Namespace, name: &str, port: u16, count: u16) {
    let script = listen_script(ns);
    let (port, count) = (port.to_string(), count.to_string());
    ns.start(
        &[
            "ip",
            "netns",
            "exec",
            name,
            common::python(),
            &script,
            &port,
            &count,
        ],
        None,
    );
}

/// Start listen.py in a network namespace of its own that nothing names (`unshare --net`), in
/// `ns`'s PID namespace; its pid there.
fn hold_unnamed(ns: &mut Namespace, port: u16, count: u16) -> u32 {
    let script = listen_script(ns);
    let pid_file = ns.dir().join(format!("holder-{port}.pid"));
    let pid_path = pid_file.to_str().expect("UTF-8 path").to_owned();
    let (port, count) = (port.to_string(), count.to_string());
    ns.start(
        &[
            "unshare",
            "--net",
            "sh",
            "-c",
            r#"echo $$ > "$0" && ip link set lo up && exec "$@""#,
            &pid_path,
            common::python(),
            &script,
            &port,
            &count,
        ],
        None,
    );
    fs::read_to_string(&pid_file)
        .expect("the holder's pid file")
        .trim()
        .parse()
        .expect("a pid")
}

/// Lay out process `pid` of `ns` as docker's systemd driver does: `/proc/PID/cgroup` reads
/// `0::/system.slice/docker-ID.scope`, and docker's state file names it `NAME`. The program
/// reads exactly these two files; an ordinary user cannot make cgroups, so the cgroup file's
/// text is bound over `/proc/PID/cgroup` in the test's mount namespace (where its `/proc` is).
fn as_docker_container(ns: &Namespace, pid: u32, id: &str, name: &str) {
    let dir = ns.dir().to_str().expect("UTF-8 path").to_owned();
    shell(
        ns,
        r#"D=$0 ID=$1 PID=$2 NAME=$3
        set -e
        printf '0::/system.slice/docker-%s.scope\n' "$ID" > "$D/cgroup-$PID"
        mount --bind "$D/cgroup-$PID" "/proc/$PID/cgroup"
        mkdir -p "/var/lib/docker/containers/$ID"
        printf '{"ID":"%s","Name":"/%s"}' "$ID" "$NAME" > "/var/lib/docker/containers/$ID/config.v2.json""#,
        &[&dir, id, &pid.to_string(), name],
    );
}

/// The socket suites' namespace (`common::known_sockets`), named `sockets` (`ip netns attach`),
/// with `/etc/netns/sockets` files that give 10.1.2.3 another name and name a port only there.
#[test]
fn netns_name_matches_ip_netns_exec() {
    if !common::differential_enabled() {
        return;
    }
    let sockets = common::known_sockets::namespace();
    name_dirs(&sockets);
    sockets.exec_ok(&["ip", "netns", "attach", "sockets", "1"]);
    let hosts = common::known_sockets::HOSTS.replace(
        "host-with-a-rather-long-name.example.org",
        "named-by-the-netnsles",
    );
    write_netns_etc(&sockets, "sockets", "hosts", &hosts);
    let services = fs::read_to_string("/etc/services").unwrap_or_default() + NAMESPACE_SERVICE;
    write_netns_etc(&sockets, "sockets", "services", &services);
    let routes = routes_namespace();
    name_dirs(&routes);
    routes.exec_ok(&["ip", "netns", "attach", "routes", "1"]);
    write_netns_etc(
        &routes,
        "routes",
        "hosts",
        "127.0.0.1\tlocalhost\n10.7.0.254\tgateway-by-netns-files\n",
    );
    write_netns_etc(
        &routes,
        "routes",
        "networks",
        "default\t\t0.0.0.0\nnetns-net\t192.0.2.0\n",
    );

    let on_sockets = NetnsExec {
        ns: &sockets,
        name: "sockets",
    };
    let on_routes = NetnsExec {
        ns: &routes,
        name: "routes",
    };
    let mut failures = Vec::new();
    failures.extend(common::compare_each(&on_sockets, SOCKETS, Check::EXACT));
    failures.extend(common::compare_each(
        &on_sockets,
        &["-tano", "-ao"],
        Check::TIMERS,
    ));
    failures.extend(common::compare_each(
        &on_sockets,
        common::invocations::STATISTICS,
        Check::EXACT,
    ));
    failures.extend(common::compare_each(
        &on_routes,
        common::invocations::ROUTE_FIB,
        Check::EXACT,
    ));
    failures.extend(common::compare_each(&on_routes, MORE_ROUTES, Check::EXACT));
    failures.extend(common::compare_each(&on_routes, INTERFACES, Check::EXACT));
    failures.extend(common::compare_each(
        &on_routes,
        &["-an", "-g", "-s"],
        Check::EXACT,
    ));
    common::assert_no_differences(&failures);

    // The namespace's own files were used: its names show, and not without --netns.
    let named = on_sockets.run(Program::Ours, &["-a"]);
    let text = String::from_utf8_lossy(&named.stdout);
    assert!(text.contains("named-by-the-netns"), "{text}");
    assert!(text.contains(":nsonly"), "{text}");
    let plain = sockets.run(Program::Ours, &["-a"]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(!text.contains("named-by-the-netns") && !text.contains(":nsonly"));
    let routed = on_routes.run(Program::Ours, &["-r"]);
    let text = String::from_utf8_lossy(&routed.stdout);
    assert!(
        text.contains("gateway-by-net") && text.contains("netns-net"),
        "{text}"
    );
}

/// The routes namespace: a veth pair and an ifb with addresses, IPv4 and IPv6 routes, a
/// multicast membership of the kernel's, one listener pair.
fn routes_namespace() -> Namespace {
    let mut ns = Namespace::new(
        "netns-routes",
        "127.0.0.1\tlocalhost\n10.7.0.254\tgateway.example\n",
    );
    for step in [
        "link add veth0 type veth peer name veth1",
        "link set veth0 addrgenmode none",
        "link set veth1 addrgenmode none",
        "addr add 10.7.0.1/24 dev veth0",
        "addr add 2001:db8:7::1/64 dev veth0 nodad",
        "link set veth0 up",
        "link set veth1 up",
        "link add ifb7 type ifb",
        "addr add 10.8.0.1/16 dev ifb7",
        "route add default via 10.7.0.254",
        "route add 192.0.2.0/24 via 10.7.0.254 metric 5",
        "route add unreachable 203.0.113.0/24",
        "-6 route add 2001:db8:9::/48 via 2001:db8:7::fe",
    ] {
        ns.ip(&step.split_whitespace().collect::<Vec<_>>());
    }
    let script = listen_script(&ns);
    ns.start(&[common::python(), &script, "44000", "2"], None);
    ns
}

/// A namespace file and a process select the same namespace as `ip netns exec` and `nsenter`.
#[test]
fn a_namespace_file_and_a_process_select_the_same_namespace() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("netns-path", "127.0.0.1\tlocalhost\n");
    name_dirs(&ns);
    add_named(&ns, "blue");
    listen_in_named(&mut ns, "blue", 41000, 3);
    let by_name = NetnsExec {
        ns: &ns,
        name: "blue",
    };
    let expected = by_name.run(Program::Reference, &["-tanp"]);
    assert!(String::from_utf8_lossy(&expected.stdout).contains(":41002"));
    let by_path = ns.run(Program::Ours, &["--netns", "/run/netns/blue", "-tanp"]);
    assert_eq!(by_path.text(), expected.text());

    let pid = hold_unnamed(&mut ns, 41100, 2).to_string();
    let proc_path = format!("/proc/{pid}/ns/net");
    let expected = reference_in(&ns, &proc_path, &["-tanp"]);
    assert!(String::from_utf8_lossy(&expected.stdout).contains(":41101"));
    let by_pid = ns.run(Program::Ours, &["--netns-pid", &pid, "-tanp"]);
    assert_eq!(by_pid.text(), expected.text());
    let by_file = ns.run(Program::Ours, &["--netns", &proc_path, "-tanp"]);
    assert_eq!(by_file.text(), expected.text());
}

/// The first line of what `ip ARGS` says on stderr in `ns` (as `uid` when given).
fn ip_says(ns: &Namespace, uid: Option<&str>, args: &[&str]) -> String {
    let mut argv: Vec<&str> = Vec::new();
    let user = uid.map(|uid| [format!("--reuid={uid}"), format!("--regid={uid}")]);
    if let Some([reuid, regid]) = &user {
        argv.extend(["setpriv", reuid, regid, "--clear-groups"]);
    }
    argv.push("ip");
    argv.extend_from_slice(args);
    let run = capture(ns.exec(&argv));
    assert!(!run.status.success(), "ip {args:?} worked");
    String::from_utf8_lossy(&run.stderr)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn errors_say_what_ip_says() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("netns-errors", "127.0.0.1\tlocalhost\n");
    name_dirs(&ns);
    add_named(&ns, "blue");
    listen_in_named(&mut ns, "blue", 46000, 1);

    // A name that does not exist.
    let ip_line = ip_says(&ns, None, &["netns", "exec", "missing", "true"]);
    assert!(
        ip_line.starts_with("Cannot open network namespace \"missing\""),
        "{ip_line}"
    );
    let run = ns.run(Program::Ours, &["--netns", "missing", "-tan"]);
    assert_eq!(
        run.text(),
        (String::new(), format!("netstat: {ip_line}\n"), Some(1))
    );

    // No privilege: what `ip netns exec` says to the same user, and nothing printed.
    let nobody = common::known_sockets::OTHER_UID.to_string();
    let ip_line = ip_says(&ns, Some(&nobody), &["netns", "exec", "blue", "true"]);
    let as_nobody = ns.as_user(common::known_sockets::OTHER_UID);
    let run = as_nobody.run(Program::Ours, &["--netns", "blue", "-tan"]);
    assert_eq!(
        run.text(),
        (String::new(), format!("netstat: {ip_line}\n"), Some(1))
    );
    // A sweep skips what it may not enter, with the same message, and lists the rest.
    let run = as_nobody.run(Program::Ours, &["--all-netns", "-tan"]);
    let (stdout, stderr, status) = run.text();
    assert!(stdout.starts_with("netns: current, inode "), "{stdout}");
    assert!(!stdout.contains("netns: blue"), "{stdout}");
    assert!(
        stderr.contains(&format!("netstat: {ip_line}\n")),
        "{stderr}"
    );
    assert_eq!(status, Some(1));

    // Namespace files: a pid without a process, a file that is no namespace.
    let run = ns.run(Program::Ours, &["--netns-pid", "999999", "-tan"]);
    assert_eq!(
        run.text(),
        (
            String::new(),
            "netstat: Cannot open network namespace \"/proc/999999/ns/net\": No such file or directory\n"
                .to_string(),
            Some(1)
        )
    );
    let run = ns.run(Program::Ours, &["--netns", "/etc/hostname", "-tan"]);
    assert_eq!(
        run.text(),
        (
            String::new(),
            "netstat: setting the network namespace \"/etc/hostname\" failed: Invalid argument\n"
                .to_string(),
            Some(1)
        )
    );
}

/// The docker container id of the sweep test.
const CONTAINER_ID: &str = "5eedc0de4c01db0b339c3f3a1ae5c2ea8d6f7b3c1f0e9d8c7b6a5f4e3d2c1b0a";

/// Named namespaces (two with a process, one with none), unnamed ones held only by a process,
/// one whose process sits in a docker-like cgroup: every section is what net-tools prints
/// inside that namespace, so every socket is listed once, under its namespace, with its owner.
#[test]
fn all_netns_lists_every_namespace_once() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("netns-all", "127.0.0.1\tlocalhost\n");
    name_dirs(&ns);
    for (name, local, port) in [
        ("blue", "blue-local", 42000),
        ("green", "green-local", 42100),
    ] {
        add_named(&ns, name);
        write_netns_etc(&ns, name, "hosts", &format!("127.0.0.1\t{local}\n"));
        listen_in_named(&mut ns, name, port, 2);
    }
    add_named(&ns, "red");
    let plain = hold_unnamed(&mut ns, 42200, 1);
    let docker = hold_unnamed(&mut ns, 42300, 2);
    as_docker_container(&ns, docker, CONTAINER_ID, "web-frontend");

    let run = ns.run(Program::Ours, &["--all-netns", "-tanp"]);
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let listed = sections(&run.stdout);

    // Exactly the test's namespaces, in the documented order: current, named by name, unnamed
    // by inode number.
    let named_inode = |name: &str| inode_in(&ns, &format!("/run/netns/{name}"));
    let held_inode = |pid: u32| inode_in(&ns, &format!("/proc/{pid}/ns/net"));
    let mut unnamed = [(held_inode(plain), plain), (held_inode(docker), docker)];
    unnamed.sort_unstable();
    let current = inode_in(&ns, "/proc/self/ns/net");
    let mut expected = vec![current, named_inode("blue"), named_inode("green")];
    expected.extend([named_inode("red"), unnamed[0].0, unnamed[1].0]);
    let inodes: Vec<u64> = listed.iter().map(|(h, _)| heading_inode(h)).collect();
    assert_eq!(inodes, expected, "{stdout}");

    // The headings.
    assert!(
        listed[0]
            .0
            .starts_with(&format!("netns: current, inode {current}, pid 1 (")),
        "{stdout}"
    );
    for (at, name) in [(1, "blue"), (2, "green")] {
        let prefix = format!("netns: {name}, inode {}, pid ", expected[at]);
        assert!(
            listed[at].0.starts_with(&prefix) && listed[at].0.ends_with(" (python3)"),
            "{stdout}"
        );
    }
    assert_eq!(listed[3].0, format!("netns: red, inode {}", expected[3]));
    for (inode, pid) in unnamed {
        let mut heading = format!("netns: inode {inode}, pid {pid} (python3)");
        if pid == docker {
            heading.push_str(&format!(", docker {} (web-frontend)", &CONTAINER_ID[..12]));
        }
        assert!(
            listed.iter().any(|(h, _)| *h == heading),
            "{heading}\n{stdout}"
        );
    }

    // Each section is net-tools' listing inside that namespace.
    let oracles = [
        ns.run(Program::Reference, &["-tanp"]),
        reference_in(&ns, "/run/netns/blue", &["-tanp"]),
        reference_in(&ns, "/run/netns/green", &["-tanp"]),
        reference_in(&ns, "/run/netns/red", &["-tanp"]),
        reference_in(&ns, &format!("/proc/{}/ns/net", unnamed[0].1), &["-tanp"]),
        reference_in(&ns, &format!("/proc/{}/ns/net", unnamed[1].1), &["-tanp"]),
    ];
    for ((heading, body), oracle) in listed.iter().zip(&oracles) {
        assert_eq!(
            String::from_utf8_lossy(body),
            String::from_utf8_lossy(&oracle.stdout),
            "section {heading}"
        );
    }
    // Each listener once in the whole run (the sections' equality says the rest).
    for port in [":42000 ", ":42101 ", ":42200 ", ":42301 "] {
        let rows = stdout
            .lines()
            .filter(|l| l.contains(port) && l.contains("LISTEN"));
        assert_eq!(rows.count(), 1, "{port}\n{stdout}");
    }

    // Names: each named namespace's section resolves with its own files, as `ip netns exec`
    // does, one after the other in the same run.
    let run = ns.run(Program::Ours, &["--all-netns", "-ta"]);
    let named = sections(&run.stdout);
    for (at, name) in [(1, "blue"), (2, "green")] {
        let expected = NetnsExec { ns: &ns, name }.run(Program::Reference, &["-ta"]);
        assert_eq!(
            String::from_utf8_lossy(&named[at].1),
            String::from_utf8_lossy(&expected.stdout),
            "section {}",
            named[at].0
        );
    }
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.contains("blue-local:42000") && text.contains("green-local:42100"),
        "{text}"
    );

    // JSON: one document per namespace, in the same order, each opened by its `netns` object,
    // valid against the schema; the rows are the text's rows.
    let json = ns.run(Program::Ours, &["--all-netns", "-tanp", "--json"]);
    let documents = common::json::documents("sockets", &json.stdout);
    let json_inodes: Vec<u64> = documents
        .iter()
        .map(|d| d["netns"]["inode"].as_u64().expect("netns.inode"))
        .collect();
    assert_eq!(json_inodes, expected);
    for ((heading, body), document) in listed.iter().zip(&documents) {
        let rows = document["inet"].as_array().map_or(0, Vec::len);
        let text_rows = String::from_utf8_lossy(body).lines().skip(2).count();
        assert_eq!(rows, text_rows, "{heading}");
    }
    assert_eq!(documents[0]["netns"]["current"], true);
    assert_eq!(documents[1]["netns"]["names"][0], "blue");
    let at = expected
        .iter()
        .position(|&inode| inode == held_inode(docker))
        .expect("listed");
    let container = &documents[at]["netns"]["container"];
    assert_eq!(container["runtime"], "docker");
    assert_eq!(container["id"], CONTAINER_ID);
    assert_eq!(container["name"], "web-frontend");
    assert_eq!(
        documents[at]["netns"]["processes"][0]["pid"],
        u64::from(docker)
    );
    assert_eq!(documents[at]["netns"]["processes"][0]["program"], "python3");
    // Every other mode's documents carry the same object and stay valid against their schema.
    for (args, schema) in [
        (&["--all-netns", "-rn", "--json"][..], "routes"),
        (&["--all-netns", "-i", "--json"], "interfaces"),
        (&["--all-netns", "-s", "--json"], "statistics"),
    ] {
        let run = ns.run(Program::Ours, args);
        let inodes: Vec<u64> = common::json::documents(schema, &run.stdout)
            .iter()
            .map(|d| d["netns"]["inode"].as_u64().expect("netns.inode"))
            .collect();
        assert_eq!(inodes, expected, "{args:?}");
    }

    // A device of one namespace: no socket is on it in the others, so across namespaces it is
    // no error (every section lists no row: no socket here is bound to it); in one namespace
    // without it, it is ss's error.
    ns.exec_ok(&[
        "ip", "-n", "blue", "link", "add", "bluedev", "type", "veth", "peer", "bluepeer",
    ]);
    let run = ns.run(
        Program::Ours,
        &["--all-netns", "-tan", "--filter", "dev = bluedev"],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let by_device = sections(&run.stdout);
    assert_eq!(by_device.len(), expected.len());
    for (heading, body) in &by_device {
        assert_eq!(
            String::from_utf8_lossy(body).lines().count(),
            2,
            "{heading}"
        );
    }
    let run = ns.run(
        Program::Ours,
        &["--netns", "red", "-tan", "--filter", "dev = bluedev"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "netstat: --filter: `bluedev': no such device\n"
    );
}

/// A namespace that disappears while the sweep runs is skipped with a note; the sweep goes on.
///
/// Made deterministic without timing: our stdout is a one-page pipe that the test does not
/// read, and the current namespace's section (first) is ~120 KiB, more than the output buffer
/// and the pipe hold. The sweep lists at most four namespaces ahead of the one it writes out,
/// and six named ones come before the victim (named before unnamed): once the first heading
/// can be read, the victim has not been entered. Its only process is then killed, and only
/// then is the pipe drained.
#[test]
fn a_namespace_that_vanishes_mid_run_is_skipped() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("netns-vanish", "127.0.0.1\tlocalhost\n");
    name_dirs(&ns);
    let script = listen_script(&ns);
    ns.start(&[common::python(), &script, "30000", "1500"], None);
    let names: Vec<String> = (0..6).map(|n| format!("n{n}")).collect();
    for name in &names {
        add_named(&ns, name);
    }
    let victim = hold_unnamed(&mut ns, 43000, 1);
    let survivor = hold_unnamed(&mut ns, 43100, 1);
    let victim_inode = inode_in(&ns, &format!("/proc/{victim}/ns/net"));
    let survivor_inode = inode_in(&ns, &format!("/proc/{survivor}/ns/net"));

    let (read_end, write_end) = small_pipe();
    let mut command = ns.command(Program::Ours, &["--all-netns", "-tan"]);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start netstat");
    drop(command);
    let mut stdout = fs::File::from(read_end);
    let first = read_line_unbuffered(&mut stdout);
    assert!(first.starts_with("netns: current"), "{first}");
    // Kill the victim and wait until its namespace is gone (its file cannot be opened).
    shell(
        &ns,
        r#"kill -9 "$0"; while [ -e "/proc/$0/ns/net" ]; do sleep 0.05; done"#,
        &[&victim.to_string()],
    );
    let mut rest = Vec::new();
    stdout
        .read_to_end(&mut rest)
        .expect("read netstat's output");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("wait for netstat");

    assert!(status.success(), "{status:?} {stderr}");
    assert_eq!(
        stderr,
        format!("netstat: network namespace {victim_inode} is gone, skipped\n")
    );
    let text = String::from_utf8_lossy(&rest);
    assert!(
        !text.contains(&format!("inode {victim_inode}")),
        "victim listed"
    );
    for name in &names {
        assert!(text.contains(&format!("netns: {name}, inode")), "{text}");
    }
    assert!(text.contains(&format!(
        "netns: inode {survivor_inode}, pid {survivor} (python3)"
    )));
    assert!(
        text.contains("127.0.0.1:43100"),
        "the sweep went on after the victim"
    );
}

/// `(heading line, the bytes after it up to the next heading)`, the blank separator line
/// before each later heading removed.
fn sections(stdout: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut sections: Vec<(String, Vec<u8>)> = Vec::new();
    for line in stdout.split_inclusive(|&b| b == b'\n') {
        if line.starts_with(b"netns: ") {
            if let Some((_, body)) = sections.last_mut()
                && body.ends_with(b"\n\n")
            {
                body.pop();
            }
            let heading = String::from_utf8_lossy(line).trim_end().to_string();
            sections.push((heading, Vec::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.extend_from_slice(line);
        }
    }
    sections
}

fn heading_inode(heading: &str) -> u64 {
    heading
        .trim_start_matches("netns: ")
        .split(", ")
        .find_map(|part| part.strip_prefix("inode "))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no inode in {heading}"))
}

/// A pipe whose buffer is one page.
fn small_pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills the two-element array.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: both descriptors were just created and are owned here only.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    // SAFETY: F_SETPIPE_SZ on a pipe we own.
    unsafe { libc::fcntl(write.as_raw_fd(), libc::F_SETPIPE_SZ, 4096) };
    (read, write)
}

/// One line, read a byte at a time so nothing after it leaves the pipe.
fn read_line_unbuffered(file: &mut fs::File) -> String {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while file.read(&mut byte).expect("read") == 1 {
        if byte[0] == b'\n' {
            break;
        }
        line.push(byte[0]);
    }
    String::from_utf8_lossy(&line).into_owned()
}

/// As an ordinary user: inside a user namespace of its own (where it is root), a process holds a
/// network namespace; `--netns-pid` lists what net-tools lists entered there by nsenter, and
/// `--all-netns` lists that namespace under its heading. Runs as uid 61000 when the test runs as
/// root (so no other test's processes are that user's), as the caller otherwise.
#[test]
fn an_ordinary_user_sweeps_the_namespaces_of_its_user_namespace() {
    if !common::differential_enabled() {
        return;
    }
    let dir = Scratch::new("rootless");
    for (from, to) in [
        (Program::Ours.path().to_path_buf(), "netstat"),
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/listen.py"),
            "listen.py",
        ),
    ] {
        fs::copy(&from, dir.0.join(to)).expect("copy into the scratch dir");
    }
    // The names under /run/netns belong to the host: hidden, as a container would see it.
    let script = r#"
        D=$0; PY=$1
        if [ -d /run/netns ]; then mount -t tmpfs tmpfs /run/netns; fi
        mkfifo "$D/ready"
        unshare --net sh -c 'ip link set lo up && exec "$0" "$@"' "$PY" "$D/listen.py" 45000 2 > "$D/ready" &
        holder=$!
        read line < "$D/ready"
        echo "=== holder $holder"
        "$D/netstat" --netns-pid "$holder" -tan
        echo "=== oracle"
        nsenter --target "$holder" --net /usr/bin/netstat -tan
        echo "=== all"
        "$D/netstat" --all-netns -tan
        kill "$holder"
    "#;
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut argv: Vec<String> = Vec::new();
    if root {
        std::os::unix::fs::chown(&dir.0, Some(61000), Some(61000)).expect("chown the scratch dir");
        argv.extend(
            [
                "setpriv",
                "--reuid=61000",
                "--regid=61000",
                "--clear-groups",
            ]
            .map(String::from),
        );
    }
    argv.extend(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            script,
        ]
        .map(String::from),
    );
    argv.push(dir.0.display().to_string());
    argv.push(common::python().to_string());
    let mut command = clean(&argv[0]);
    command.args(&argv[1..]);
    let run = capture(command);
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let part = |marker: &str| {
        let start = stdout.find(marker).unwrap_or_else(|| {
            panic!(
                "no {marker}:\n{stdout}\n{}",
                String::from_utf8_lossy(&run.stderr)
            )
        });
        let body = &stdout[start..];
        let body = &body[body.find('\n').map_or(body.len(), |n| n + 1)..];
        body[..body.find("=== ").unwrap_or(body.len())].to_string()
    };
    let holder: u32 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("=== holder "))
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("no holder:\n{stdout}"));
    let ours = part("=== holder");
    let oracle = part("=== oracle");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(oracle.contains("127.0.0.1:45001"), "{stdout}\n{stderr}");
    assert_eq!(ours, oracle);
    let all = part("=== all");
    let listed = sections(all.as_bytes());
    assert!(listed[0].0.starts_with("netns: current, inode "), "{all}");
    let (_, body) = listed
        .iter()
        .find(|(h, _)| h.ends_with(&format!(", pid {holder} (python3)")))
        .unwrap_or_else(|| panic!("the holder's namespace is not listed:\n{all}"));
    assert_eq!(String::from_utf8_lossy(body), oracle);
}

/// A scratch directory under /tmp (mode 0755), removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        let dir = PathBuf::from(format!("/tmp/nst-netns-{what}-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("create a scratch dir");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
