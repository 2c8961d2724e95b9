//! The socket listing compared with net-tools, byte for byte, on a namespace full of known
//! sockets (tests/helpers/sockets.py): every listing option alone and combined, and the error
//! paths of the socket options.
//!
//! One namespace for the whole file, built and torn down inside a single test so that its guard
//! is dropped even when something panics; every invocation runs, and all differences are
//! reported together at the end.

mod common;

use common::known_sockets::{self, HOSTS, OTHER_UID};
use common::{Check, Namespace, Program, Runner};

/// Plain invocations: compared byte for byte.
const EXACT: &[&str] = &[
    "",
    "-a",
    "-l",
    "-n",
    "-an",
    "-ln",
    "--numeric-hosts",
    "--numeric-ports",
    "--numeric-users",
    "-e --numeric-users",
    "-a --numeric-hosts -e",
    "-e",
    "-ee",
    "-ae",
    "-ulne",
    "-tulpn",
    "-taupe",
    "-tanee",
    "-xap",
    "-xlp",
    "-x",
    "-xa",
    "-xn",
    "-ee -x",
    "-A inet",
    "-A inet6",
    "-A inet,unix",
    "-A unix,inet6 -a",
    "-Ainet6",
    "-aA inet",
    "-4",
    "-6",
    "-6 -an",
    "-4 -tlW",
    "-6 -tW",
    "--inet --unix",
    "-lnW",
    "-tW",
    "-aW",
    "-aeW",
    "-tanpW",
    "--wide -t",
    "-t",
    "-tn",
    "-u",
    "-uan",
    "-w",
    "-wan",
    "-U",
    "-Uan",
    "-A inet6 -l",
    "-p",
    "-ap",
    "-anp",
    "-tlnp",
    "--prog",
    "--al",
    "--numeric -a",
    "--tcp --udp",
    "--tcp --listening --numeric --programs",
    "--raw",
    "--listening",
    "-v",
    "-av",
    "-A ddp",
    "-A econet",
    "--appletalk",
    "-a extra words",
    "-a -- -t",
    "-l -a",
    "-eee -a",
    "-W -x",
    "-N",
    "-d -a",
    "-aC",
    "-aF",
    "-4 -6 -l",
    "-A inet,inet -t",
    "-A ip6",
    "-A ip -n",
    "--inet6 -l",
    "--udplite -a",
    "-tuUw -an",
    "--tcpip -t",
    "-Z",
    // Families this kernel lacks: the "no support" path, exit 1.
    "-S",
    "--ax25",
    "--ipx",
    "--netrom",
    "--rose",
    "--x25",
    "-A ax25",
    // Bluetooth is not compiled into net-tools 2.10.
    "-2",
    "-f",
    "-A bluetooth",
    // Option errors.
    "-q",
    "-A foo",
    "-A inet,",
    "-A",
    "--foo",
    "--in",
    "--tcp=1",
];

/// Invocations with `-o`: the timer numbers move, everything else must match.
const TIMERS: &[&str] = &["-tano", "-tuwanoe", "-ao", "-lo", "--timers -t"];

/// Run as the other user (not root): `-p` sees only that user's processes and prints the
/// "Not all processes could be identified" note.
const AS_OTHER_USER: &[&str] = &["-p", "-ap", "-tlp", "-xlp", "-anpe"];

#[test]
fn socket_listing_matches_net_tools() {
    if !common::differential_enabled() {
        return;
    }
    let ns = known_sockets::namespace();
    let other_user = ns.as_user(OTHER_UID);
    // Every invocation once per socket source of ours (NETSTAT_SOURCE).
    let sourced: Vec<(String, common::WithSource, common::WithSource)> = common::SOURCES
        .iter()
        .map(|source| {
            (
                format!("NETSTAT_SOURCE={source}: "),
                common::WithSource { inner: &ns, source },
                common::WithSource {
                    inner: &other_user,
                    source,
                },
            )
        })
        .collect();
    let who_other: Vec<String> = sourced
        .iter()
        .map(|(who, _, _)| format!("{who}as uid {OTHER_UID}: "))
        .collect();
    // (where, how to report who ran it, arguments, check)
    let mut invocations: Vec<(&dyn Runner, &str, &str, Check)> = Vec::new();
    for ((who, ns, other_user), who_other) in sourced.iter().zip(&who_other) {
        invocations.extend(
            EXACT
                .iter()
                .map(|a| (ns as &dyn Runner, who.as_str(), *a, Check::EXACT)),
        );
        invocations.extend(
            TIMERS
                .iter()
                .map(|a| (ns as &dyn Runner, who.as_str(), *a, Check::TIMERS)),
        );
        invocations.extend(AS_OTHER_USER.iter().map(|a| {
            (
                other_user as &dyn Runner,
                who_other.as_str(),
                *a,
                Check::EXACT,
            )
        }));
    }
    let mut failures = Vec::new();
    for (runner, who, args, check) in &invocations {
        let argv: Vec<&str> = args.split_whitespace().collect();
        if let Err(report) = common::compare(*runner, &argv, *check) {
            failures.push(format!("{who}{report}"));
        }
    }
    // `-c`: the first two passes, headers repeated, nothing between them.
    for args in CONTINUOUS {
        let argv: Vec<&str> = args.split_whitespace().collect();
        if let Err(report) = common::compare(&common::TwoPasses(&ns), &argv, Check::EXACT) {
            failures.push(format!("(two passes) {report}"));
        }
    }
    common::assert_no_differences(&failures);
}

/// `-c` invocations, compared over their first two passes.
const CONTINUOUS: &[&str] = &["-anc", "-tulpnc", "-c"];

/// Program names with control characters: net-tools 2.10 prints them raw; we print `.` for
/// each control character (the later net-tools fix for CVE-2024-58251) and nothing else differs.
#[test]
fn control_characters_in_program_names_become_dots() {
    if !common::differential_enabled() {
        return;
    }
    let mut ns = Namespace::new("prognames", HOSTS);
    let script = ns.dir().join("sockets.py");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/helpers/sockets.py"),
        &script,
    )
    .expect("copy the socket helper");
    let script = script.to_str().expect("UTF-8 path").to_owned();
    let launcher = r#"exec -a "$(printf 'ev\til\033x')" "$0" "$@""#;
    ns.start(
        &[
            "bash",
            "-c",
            launcher,
            common::python(),
            &script,
            "user",
            "6001",
        ],
        None,
    );
    let reference = ns.run(Program::Reference, &["-tlnp"]);
    let ours = ns.run(Program::Ours, &["-tlnp"]);
    let raw = String::from_utf8_lossy(&reference.stdout);
    assert!(
        raw.contains("/ev\til\x1bx"),
        "net-tools shows the raw name: {raw:?}"
    );
    let expected = raw.replace("/ev\til\x1bx", "/ev.il.x");
    assert_eq!(String::from_utf8_lossy(&ours.stdout), expected);
    assert_eq!(ours.stderr, reference.stderr);
    assert_eq!(ours.status.code(), reference.status.code());
}
