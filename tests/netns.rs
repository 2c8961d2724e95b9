//! Network namespaces: `--netns NAME` against `ip netns exec NAME /usr/bin/netstat` byte for
//! byte, `--all-netns` over a mix of named, process-held, container and vanishing namespaces
//! (each section against net-tools run inside that namespace), and the error messages.
//!
//! These tests enter and create network namespaces, cgroups and mounts: they need real root and
//! say so (and pass without checking anything) when run as an ordinary user.

mod common;

use common::run::{REFERENCE, as_netstat, capture, clean};
use common::{Check, Namespace, Outcome, Program, Runner};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A port only the namespace's own `/etc/netns/NAME/services` names.
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

/// Runs net-tools as `ip netns exec NAME /usr/bin/netstat ARGS`, ours as
/// `netstat --netns NAME ARGS`, both from the host's network and mount namespaces but inside the
/// namespace's PID namespace with a `/proc` of their own: `-p` walks only the test's processes
/// (a walk of a busy host's every fd takes net-tools minutes).
struct NetnsExec<'a>(&'a Namespace);

impl Runner for NetnsExec<'_> {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        let name = self.0.name();
        let mut wrapper = in_pid_namespace(self.0, None);
        let mut ours = vec!["--netns", name];
        if program == Program::Reference {
            wrapper.extend(["ip", "netns", "exec", name].map(String::from));
        } else {
            ours.extend_from_slice(args);
        }
        let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
        match program {
            Program::Reference => as_netstat(&wrapper, program.path(), args),
            Program::Ours => as_netstat(&wrapper, program.path(), &ours),
        }
    }
}

/// Mounts a `/proc` for the PID namespace the shell is in, then runs its arguments.
const MOUNT_PROC: &str = r#"mount -t proc proc /proc && exec "$0" "$@""#;

/// The command prefix that runs a program in `ns`'s PID namespace, a private mount namespace
/// with that PID namespace's `/proc`, and the network namespace of the file `net` (default: the
/// host's).
fn in_pid_namespace(ns: &Namespace, net: Option<&str>) -> Vec<String> {
    let mut wrapper = vec!["nsenter".to_string()];
    wrapper.extend(net.map(|path| format!("--net={path}")));
    wrapper.extend(
        [
            "--target",
            &ns.pid_namespace_init().to_string(),
            "--pid",
            "--",
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            MOUNT_PROC,
        ]
        .map(String::from),
    );
    wrapper
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("left out: needs root (creates network namespaces, cgroups and mounts)");
    }
    root
}

#[test]
fn netns_name_matches_ip_netns_exec() {
    if !is_root() || !common::differential_enabled() {
        return;
    }
    let sockets = sockets_namespace();
    let routes = routes_namespace();
    let mut failures = Vec::new();
    let on_sockets = NetnsExec(&sockets);
    let on_routes = NetnsExec(&routes);
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

    // The namespace's own files were used: its host and service names show.
    let names = on_sockets.run(Program::Ours, &["-a"]);
    let text = String::from_utf8_lossy(&names.stdout);
    assert!(text.contains("host-with-a-rather:smtp"), "{text}");
    assert!(text.contains(":nsonly"), "{text}");
}

#[test]
fn a_namespace_file_and_a_process_select_the_same_namespace() {
    if !is_root() || !common::differential_enabled() {
        return;
    }
    let ns = listening_namespace("netns-path", "127.0.0.1\tlocalhost\n", 41000, 3);
    let expected = NetnsExec(&ns).run(Program::Reference, &["-tan"]);
    let by_path = format!("/run/netns/{}", ns.name());
    assert_same_output(&ours(&["--netns", &by_path, "-tan"]), &expected);
    // A process alone in its namespace, and net-tools entered there by nsenter.
    let holder = Holder::start(41100, 2, None);
    let pid = holder.pid().to_string();
    let expected = capture(as_netstat(
        &["nsenter", "--target", &pid, "--net"],
        Path::new(REFERENCE),
        &["-tan"],
    ));
    assert!(String::from_utf8_lossy(&expected.stdout).contains(":41101"));
    assert_same_output(&ours(&["--netns-pid", &pid, "-tan"]), &expected);
    let proc_path = format!("/proc/{pid}/ns/net");
    assert_same_output(&ours(&["--netns", &proc_path, "-tan"]), &expected);
}

#[test]
fn errors_say_what_ip_says() {
    if !is_root() {
        return;
    }
    let missing = "nst-no-such-namespace";
    let ip = capture({
        let mut c = clean("ip");
        c.args(["netns", "exec", missing, "true"]);
        c
    });
    let ip_line = String::from_utf8_lossy(&ip.stderr)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    assert!(
        ip_line.starts_with("Cannot open network namespace"),
        "{ip_line}"
    );
    let run = ours(&["--netns", missing, "-tan"]);
    assert_eq!(
        run.text(),
        (String::new(), format!("netstat: {ip_line}\n"), Some(1))
    );

    let run = ours(&["--netns-pid", "999999999", "-tan"]);
    assert_eq!(
        run.text().1,
        "netstat: Cannot open network namespace \"/proc/999999999/ns/net\": No such file or directory\n"
    );
    assert_eq!(run.status.code(), Some(1));

    let run = ours(&["--netns", "/etc/hostname", "-tan"]);
    assert_eq!(
        run.text(),
        (
            String::new(),
            "netstat: setting the network namespace \"/etc/hostname\" failed: Invalid argument\n"
                .to_string(),
            Some(1)
        )
    );

    // Without CAP_SYS_ADMIN: what `ip netns exec` says, and nothing printed.
    let ns = Namespace::new("netns-user", "127.0.0.1\tlocalhost\n");
    let copy = ns.dir().join("netstat");
    fs::copy(Program::Ours.path(), &copy).expect("copy our binary");
    let as_nobody = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ];
    let run = capture(as_netstat(
        &as_nobody,
        &copy,
        &["--netns", ns.name(), "-tan"],
    ));
    assert_eq!(
        run.text(),
        (
            String::new(),
            format!(
                "netstat: setting the network namespace \"{}\" failed: Operation not permitted\n",
                ns.name()
            ),
            Some(1)
        )
    );
    let run = capture(as_netstat(&as_nobody, &copy, &["--all-netns", "-tan"]));
    let (stdout, stderr, status) = run.text();
    assert!(stdout.starts_with("netns: current, inode "), "{stdout}");
    // Every namespace it may not enter is skipped with `ip`'s message; the others are listed.
    assert!(
        stderr.contains(&format!(
            "netstat: setting the network namespace \"{}\" failed: Operation not permitted\n",
            ns.name()
        )),
        "{stderr}"
    );
    assert_eq!(status, Some(1));
}

/// Named namespaces, unnamed ones held only by a process, one whose process sits in a cgroup
/// laid out as docker lays it out (with docker's state file naming it): every section is what
/// net-tools prints inside that namespace, every socket under its own namespace with its owner.
///
/// Everything runs inside blue's PID namespace with its own `/proc` (the holders of the unnamed
/// namespaces are started there too), so `-p` walks only the test's processes.
#[test]
fn all_netns_lists_every_namespace_once() {
    if !is_root() || !common::differential_enabled() {
        return;
    }
    // Each named namespace calls 127.0.0.1 by its own name (its /etc/netns/NAME/hosts).
    let blue = listening_namespace("netns-blue", "127.0.0.1\tblue-local\n", 42000, 2);
    let green = listening_namespace("netns-green", "127.0.0.1\tgreen-local\n", 42100, 3);
    let plain = Holder::start(42200, 1, Some(&blue));
    let docker = Holder::start(42300, 2, Some(&blue));
    let cgroup = Cgroup::docker(&docker);

    // Docker's state file, seen only by our run (a tmpfs over /var/lib in its mount namespace),
    // and files-only name lookups for the namespaces without /etc/netns files.
    let script = format!(
        "mount -t tmpfs tmpfs /var/lib && mkdir -p {dir} && \
         printf '{{\"ID\":\"{id}\",\"Name\":\"/web-frontend\"}}' > {dir}/config.v2.json && \
         printf 'hosts: files\\nservices: files\\nnetworks: files\\n' > /var/lib/nsswitch.conf && \
         mount --bind /var/lib/nsswitch.conf /etc/nsswitch.conf && \
         exec -a netstat \"$0\" \"$@\"",
        id = cgroup.id,
        dir = format!("/var/lib/docker/containers/{}", cgroup.id),
    );
    let sweep = |args: &[&str]| {
        let mut wrapper = in_pid_namespace(&blue, None);
        wrapper.extend(["bash".to_string(), "-c".to_string(), script.clone()]);
        let mut command = clean(&wrapper[0]);
        command
            .args(&wrapper[1..])
            .arg(Program::Ours.path())
            .arg("--all-netns")
            .args(args);
        capture(command)
    };
    let run = sweep(&["-tanp"]);
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let listed = sections(&run.stdout);

    // The current namespace first, none twice.
    assert!(
        listed[0].0.starts_with("netns: current, inode "),
        "{stdout}"
    );
    let inodes: Vec<u64> = listed.iter().map(|(h, _)| heading_inode(h)).collect();
    let mut unique = inodes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        inodes.len(),
        "a namespace listed twice:\n{stdout}"
    );

    // Each section against net-tools inside that namespace, seen from the same PID namespace.
    let section = |start: &str, net: &str| {
        let (heading, body) = listed
            .iter()
            .find(|(h, _)| h.starts_with(start))
            .unwrap_or_else(|| panic!("no section `{start}`:\n{stdout}"));
        let wrapper = in_pid_namespace(&blue, Some(net));
        let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
        let oracle = capture(as_netstat(&wrapper, Path::new(REFERENCE), &["-tanp"]));
        assert_eq!(
            String::from_utf8_lossy(body),
            String::from_utf8_lossy(&oracle.stdout),
            "section {heading}"
        );
        heading.clone()
    };
    for ns in [&blue, &green] {
        let path = format!("/run/netns/{}", ns.name());
        let heading = section(
            &format!("netns: {}, inode {}", ns.name(), inode_of(&path)),
            &path,
        );
        assert!(
            heading.contains(", pid ") == std::ptr::eq(ns, &blue),
            "{heading}"
        );
    }
    for (holder, container) in [(&plain, None), (&docker, Some(&cgroup))] {
        let path = format!("/proc/{}/ns/net", holder.pid());
        let inode = inode_of(&path);
        let pid = holder.pid_inside();
        let heading = section(&format!("netns: inode {inode}, pid {pid} (python3)"), &path);
        let expected = match container {
            None => format!("netns: inode {inode}, pid {pid} (python3)"),
            Some(cgroup) => format!(
                "netns: inode {inode}, pid {pid} (python3), docker {} (web-frontend)",
                &cgroup.id[..12]
            ),
        };
        assert_eq!(heading, expected);
        let owned = format!("{pid}/python3");
        let body = &listed
            .iter()
            .find(|(h, _)| *h == heading)
            .expect("listed")
            .1;
        let rows = String::from_utf8_lossy(body);
        assert!(
            rows.lines().skip(2).all(|row| row.contains(&owned)),
            "{rows}"
        );
    }
    // Named before unnamed, named by name, unnamed by inode number.
    let position = |inode: u64| inodes.iter().position(|&i| i == inode).expect("listed");
    let mut unnamed =
        [plain.pid(), docker.pid()].map(|pid| inode_of(&format!("/proc/{pid}/ns/net")));
    unnamed.sort_unstable();
    let order = [
        position(inode_of(&format!("/run/netns/{}", blue.name()))),
        position(inode_of(&format!("/run/netns/{}", green.name()))),
        position(unnamed[0]),
        position(unnamed[1]),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{stdout}");

    // Names: each named namespace's section resolves with its own files, as `ip netns exec`
    // does, one after the other in the same run.
    let named = sweep(&["-ta"]);
    let named_sections = sections(&named.stdout);
    for ns in [&blue, &green] {
        let (heading, body) = named_sections
            .iter()
            .find(|(h, _)| h.starts_with(&format!("netns: {}, ", ns.name())))
            .expect("listed");
        let expected = NetnsExec(ns).run(Program::Reference, &["-ta"]);
        assert_eq!(
            String::from_utf8_lossy(body),
            String::from_utf8_lossy(&expected.stdout),
            "section {heading}"
        );
    }
    let text = String::from_utf8_lossy(&named.stdout);
    assert!(
        text.contains("blue-local:42000") && text.contains("green-local:42100"),
        "{text}"
    );

    // JSON: one document per namespace, in the same order, each opened by its `netns` object,
    // valid against the schema; the rows are the text's rows.
    let json = sweep(&["-tanp", "--json"]);
    let documents = common::json::documents("sockets", &json.stdout);
    // Other tests' namespaces may come and go between the two runs: compare ours.
    let ours: Vec<u64> = order.iter().map(|&at| inodes[at]).collect();
    let json_inodes: Vec<u64> = documents
        .iter()
        .map(|d| d["netns"]["inode"].as_u64().expect("netns.inode"))
        .filter(|inode| ours.contains(inode))
        .collect();
    assert_eq!(json_inodes, ours);
    for (heading, body) in listed
        .iter()
        .filter(|(h, _)| ours.contains(&heading_inode(h)))
    {
        let inode = heading_inode(heading);
        let document = documents
            .iter()
            .find(|d| d["netns"]["inode"].as_u64() == Some(inode))
            .expect("a document per namespace");
        let rows = document["inet"].as_array().map_or(0, Vec::len);
        let text_rows = String::from_utf8_lossy(body).lines().skip(2).count();
        assert_eq!(rows, text_rows, "{heading}");
    }
    // Every other mode's documents carry the same object and stay valid against their schema.
    for (args, schema) in [
        (&["-rn", "--json"][..], "routes"),
        (&["-i", "--json"], "interfaces"),
        (&["-s", "--json"], "statistics"),
    ] {
        let run = sweep(args);
        for document in common::json::documents(schema, &run.stdout) {
            assert!(document["netns"]["inode"].is_u64(), "{args:?}: {document}");
        }
    }
    let docker_doc = &documents[docker_at_json(&documents, docker.pid_inside())];
    assert_eq!(docker_doc["netns"]["container"]["runtime"], "docker");
    assert_eq!(docker_doc["netns"]["container"]["id"], cgroup.id.as_str());
    assert_eq!(docker_doc["netns"]["container"]["name"], "web-frontend");
    assert_eq!(docker_doc["netns"]["processes"][0]["program"], "python3");
}

/// The index of the document whose namespace's first process is `pid`.
fn docker_at_json(documents: &[serde_json::Value], pid: u32) -> usize {
    documents
        .iter()
        .position(|d| d["netns"]["processes"][0]["pid"].as_u64() == Some(u64::from(pid)))
        .expect("a document for that process's namespace")
}

/// A namespace that disappears while the sweep runs is skipped with a note; the sweep goes on.
///
/// Made deterministic without timing: our stdout is a one-page pipe that the test does not
/// read, and a named namespace with ~100 KiB of rows comes before the victim (named ones come
/// first). Once the first heading can be read, the list of namespaces is fixed; the sweep then
/// blocks writing the big section, the victim's only process is killed, and only then is the
/// pipe drained.
#[test]
fn a_namespace_that_vanishes_mid_run_is_skipped() {
    if !is_root() {
        return;
    }
    let big = listening_namespace("netns-big", "127.0.0.1\tlocalhost\n", 30000, 1000);
    let mut victim = Holder::start(43000, 1, None);
    let survivor = Holder::start(43100, 1, None);
    let victim_inode = inode_of(&format!("/proc/{}/ns/net", victim.pid()));
    let survivor_inode = inode_of(&format!("/proc/{}/ns/net", survivor.pid()));

    let (read_end, write_end) = small_pipe();
    let mut command = as_netstat(&[], Program::Ours.path(), &["--all-netns", "-tan"]);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start netstat");
    drop(command);
    let mut stdout = fs::File::from(read_end);
    let first = read_line_unbuffered(&mut stdout);
    assert!(first.starts_with("netns: current"), "{first}");
    victim.stop();
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
    assert!(
        stderr.contains(&format!(
            "netstat: network namespace {victim_inode} is gone, skipped\n"
        )),
        "{stderr}"
    );
    let text = String::from_utf8_lossy(&rest);
    assert!(
        !text.contains(&format!("inode {victim_inode}")),
        "victim listed"
    );
    assert!(text.contains(&format!("netns: {}, inode", big.name())));
    assert!(text.contains(&format!(
        "netns: inode {survivor_inode}, pid {}",
        survivor.pid()
    )));
    assert!(
        text.contains("127.0.0.1:43100"),
        "the sweep went on after the victim"
    );
}

/// Our program with `args`, from the host's namespaces.
fn ours(args: &[&str]) -> Outcome {
    capture(as_netstat(&[], Program::Ours.path(), args))
}

fn assert_same_output(ours: &Outcome, expected: &Outcome) {
    assert_eq!(ours.text(), expected.text());
}

/// The socket suites' namespace (`common::known_sockets`), with a `/etc/netns/NAME/services`
/// that names a port only there.
fn sockets_namespace() -> Namespace {
    let ns = common::known_sockets::namespace();
    let services = fs::read_to_string("/etc/services").unwrap_or_default() + NAMESPACE_SERVICE;
    fs::write(
        Path::new("/etc/netns").join(ns.name()).join("services"),
        services,
    )
    .expect("write the namespace's services");
    ns
}

/// The routes namespace: a veth pair and an ifb with addresses, IPv4 and IPv6 routes, one
/// listener pair.
fn routes_namespace() -> Namespace {
    let mut ns = Namespace::new(
        "netns-routes",
        "127.0.0.1\tlocalhost\n10.7.0.254\tgateway.example\n",
    );
    let ip = |args: &str| ns.ip(&args.split_whitespace().collect::<Vec<_>>());
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
        ip(step);
    }
    start_listeners(&mut ns, 44000, 2);
    ns
}

/// A test namespace whose helper listens on `count` ports from `port`.
fn listening_namespace(prefix: &str, hosts: &str, port: u16, count: u16) -> Namespace {
    let mut ns = Namespace::new(prefix, hosts);
    start_listeners(&mut ns, port, count);
    ns
}

/// Start tests/helpers/listen.py in `ns`: `count` listeners from `port`, two connected sockets.
fn start_listeners(ns: &mut Namespace, port: u16, count: u16) {
    let script = ns.dir().join("listen.py");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/listen.py"),
        &script,
    )
    .expect("copy the listener helper");
    let script = script.to_str().expect("UTF-8 path").to_owned();
    ns.start(
        &[
            common::python(),
            &script,
            &port.to_string(),
            &count.to_string(),
        ],
        None,
    );
}

/// A process alone in a network namespace of its own (no name): `unshare --net`, `lo` up, then
/// the listener helper in the same process; started in a test namespace's PID namespace when
/// given. Killed on drop.
struct Holder {
    /// `unshare` (which becomes the helper), or `nsenter` (whose one child it is).
    child: Option<Child>,
    /// Host PID of the helper.
    pid: u32,
}

impl Holder {
    fn start(port: u16, count: u16, pid_namespace: Option<&Namespace>) -> Holder {
        let helper = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/listen.py");
        let mut command = match pid_namespace {
            None => clean("unshare"),
            Some(ns) => {
                let mut c = clean("nsenter");
                let init = ns.pid_namespace_init().to_string();
                c.args(["--target", &init, "--pid", "--", "unshare"]);
                c
            }
        };
        command
            .args([
                "--net",
                "sh",
                "-c",
                r#"ip link set lo up && exec "$0" "$@""#,
            ])
            .arg(common::python())
            .arg(helper)
            .args([port.to_string(), count.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        let mut child = command.spawn().expect("start a namespace holder");
        let stdout = child.stdout.take().expect("stdout");
        let mut holder = Holder {
            pid: child.id(),
            child: Some(child),
        };
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the holder's ready line");
        assert_eq!(line.trim_end(), "ready", "holder did not start");
        if pid_namespace.is_some() {
            let children = fs::read_to_string(format!("/proc/{0}/task/{0}/children", holder.pid))
                .expect("nsenter's children");
            holder.pid = children.trim().parse().expect("nsenter has one child");
        }
        holder
    }

    /// Host PID of the helper.
    fn pid(&self) -> u32 {
        self.pid
    }

    /// The helper's PID in its own PID namespace (`NSpid`'s last number).
    fn pid_inside(&self) -> u32 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.pid)).expect("status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("NSpid:"))
            .and_then(|pids| pids.split_whitespace().last()?.parse().ok())
            .expect("NSpid")
    }

    /// Kill and reap it: its namespace is gone with it.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: kill has no memory-safety preconditions; the helper is our child's child
            // (or our child), alive until reaped below.
            unsafe { libc::kill(self.pid as libc::pid_t, libc::SIGKILL) };
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A cgroup v2 directory laid out as docker's systemd driver lays it out
/// (`…/docker-ID.scope`), holding one process; removed on drop (after that process ends).
struct Cgroup {
    id: String,
    top: PathBuf,
    leaf: PathBuf,
    pid: u32,
}

impl Cgroup {
    fn docker(holder: &Holder) -> Cgroup {
        let mounts = fs::read_to_string("/proc/mounts").expect("read /proc/mounts");
        let root = mounts
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>())
            .find(|fields| fields.get(2) == Some(&"cgroup2"))
            .map(|fields| PathBuf::from(fields[1]))
            .expect("a cgroup2 mount");
        let id = format!("5eedc0de{:0>56x}", std::process::id());
        let top = root.join(format!("nst-netns-{}", std::process::id()));
        let leaf = top.join(format!("docker-{id}.scope"));
        fs::create_dir_all(&leaf).expect("create the container's cgroup");
        let cgroup = Cgroup {
            id,
            top,
            leaf,
            pid: holder.pid(),
        };
        fs::write(cgroup.leaf.join("cgroup.procs"), cgroup.pid.to_string())
            .expect("move the holder into the cgroup");
        cgroup
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        // The holder may still run: move it out before removing the directories.
        if let Some(root) = self.top.parent() {
            let _ = fs::write(root.join("cgroup.procs"), self.pid.to_string());
        }
        let _ = fs::remove_dir(&self.leaf);
        let _ = fs::remove_dir(&self.top);
    }
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

fn inode_of(path: &str) -> u64 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .ino()
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
