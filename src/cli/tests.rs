//! Parser tests: the Options each command line produces, and the early exits.

use super::*;
use std::os::unix::ffi::OsStringExt;

fn parse_words(words: &[&str], posixly_correct: bool) -> Parsed {
    let mut args = vec![OsString::from("netstat")];
    args.extend(words.iter().map(OsString::from));
    parse(args, posixly_correct)
}

fn run(words: &[&str]) -> Options {
    run_with_warnings(words).0
}

fn run_with_warnings(words: &[&str]) -> (Options, Vec<String>) {
    match parse_words(words, false) {
        Parsed::Run { options, warnings } => (options, warnings),
        exit => panic!("{words:?}: {:?}", exit_of(exit)),
    }
}

/// (stdout, stderr, status) of an early exit.
fn exit(words: &[&str]) -> (String, String, i32) {
    exit_of(parse_words(words, false))
}

fn exit_of(parsed: Parsed) -> (String, String, i32) {
    match parsed {
        Parsed::Exit {
            stdout,
            stderr,
            status,
        } => (
            String::from_utf8(stdout).unwrap(),
            String::from_utf8(stderr).unwrap(),
            status,
        ),
        run => panic!("expected an exit: {run:?}"),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

const ALL_IP: Protocols = Protocols {
    tcp: true,
    udp: true,
    udplite: true,
    sctp: true,
    raw: true,
    l2cap: false,
    rfcomm: false,
    mptcp: false,
};

#[test]
fn no_options_list_every_family() {
    let o = run(&[]);
    assert_eq!(o, Options::default());
    assert_eq!(o.mode, Mode::Sockets);
    assert_eq!(o.explicit, 0);
    assert_eq!(o.route_families(), ["inet"]);
}

#[test]
fn clustered_socket_options() {
    let o = run(&["-tulpn"]);
    assert!(o.protocols.tcp && o.protocols.udp && !o.protocols.raw);
    assert!(o.listening && o.programs);
    assert!(o.numeric_hosts && o.numeric_ports && o.numeric_users);
    // -t/-u imply both IP versions, without an afname.
    assert!(o.families.inet && o.families.inet6);
    assert!(o.afnames.is_empty());
    assert!(!o.no_protocol_given);
    assert_eq!(o.explicit, 2);
}

#[test]
fn an_ip_family_selects_every_ip_protocol() {
    for words in [
        &["-4"][..],
        &["-A", "inet"],
        &["--ine"],
        &["--ip"],
        &["-Aip"],
    ] {
        let o = run(words);
        assert_eq!(o.afnames, ["inet"], "{words:?}");
        assert!(o.families.inet && !o.families.inet6);
        assert_eq!(o.protocols, ALL_IP);
        assert!(o.no_protocol_given);
        assert_eq!(o.explicit, 5);
    }
    let o = run(&["-6", "-t"]);
    assert!(o.families.inet6 && !o.families.inet && o.protocols.tcp && !o.protocols.udp);
    assert!(!o.no_protocol_given);
}

#[test]
fn statistics_selects_every_ip_protocol_and_both_versions() {
    let o = run(&["-s"]);
    assert_eq!(o.mode, Mode::Statistics);
    assert_eq!(o.protocols, ALL_IP);
    assert!(o.no_protocol_given && o.families.inet && o.families.inet6);
    assert!(o.afnames.is_empty());
}

#[test]
fn families_without_a_socket_listing_are_not_items() {
    for family in ["ddp", "appletalk", "econet", "ash"] {
        let o = run(&["-A", family]);
        assert_eq!(o.explicit, 0, "{family}");
    }
    assert_eq!(run(&["--ddp"]).explicit, 0);
    let o = run(&["-A", "econet,ash"]);
    assert_eq!(o.afnames, ["ec", "ash"]);
    assert!(o.families.econet && o.families.ash);
}

#[test]
fn unix_spellings() {
    for words in [&["-x"][..], &["--unix"], &["-A", "unix"]] {
        let o = run(words);
        assert!(o.families.unix, "{words:?}");
        assert_eq!(o.afnames, ["unix"]);
        assert_eq!(o.explicit, 1);
    }
}

#[test]
fn bluetooth_implies_both_protocols() {
    let o = run(&["--bluetooth"]);
    assert!(o.protocols.l2cap && o.protocols.rfcomm);
    assert_eq!(o.explicit, 2);
    let o = run(&["-A", "bluetooth", "-2"]);
    assert!(o.protocols.l2cap && !o.protocols.rfcomm);
    assert_eq!(o.explicit, 1);
}

#[test]
fn groups_is_an_item_and_implies_ip() {
    let o = run(&["-g"]);
    assert!(o.groups && o.families.inet && o.families.inet6);
    assert_eq!(o.explicit, 1);
    assert_eq!(o.mode, Mode::Sockets);
}

#[test]
fn counters_and_simple_flags() {
    assert_eq!(run(&["-e"]).extend, 2);
    assert_eq!(run(&["-eee", "--extend", "--ext"]).extend, 6);
    assert!(!run(&[]).extended());
    assert!(run(&["-e"]).extended());
    let o = run(&["-aloWvcCFNd", "--numeric-ports"]);
    assert!(o.all && o.listening && o.timers && o.wide && o.verbose);
    assert!(o.continuous && o.cache && o.fib && o.symbolic && o.numeric_ports);
    assert!(!o.numeric_hosts && !o.numeric_users);
    let o = run(&["--numeric-h", "--numeric-u"]);
    assert!(o.numeric_hosts && o.numeric_users && !o.numeric_ports);
}

#[test]
fn modes() {
    assert_eq!(run(&["-r"]).mode, Mode::Route);
    assert_eq!(run(&["--int"]).mode, Mode::Interfaces);
    assert_eq!(run(&["-M"]).mode, Mode::Masquerade);
    assert_eq!(run(&["--statistics"]).mode, Mode::Statistics);
    assert_eq!(run(&["--netlink"]).mode, Mode::Netlink);
    assert_eq!(run(&["--netl", "-c"]).mode, Mode::Netlink);
    // `--net` still means --netrom, as in 2.10.
    let o = run(&["--net"]);
    assert_eq!(o.mode, Mode::Sockets);
    assert!(o.families.netrom);
}

#[test]
fn more_than_one_mode_is_a_usage_error() {
    for words in [
        &["-rr"][..],
        &["-ri"],
        &["-s", "-M"],
        &["-ii"],
        &["--netlink", "-i"],
        &["--netlink", "--netlink"],
    ] {
        let (stdout, stderr, status) = exit(words);
        assert_eq!(status, 3, "{words:?}");
        assert!(stdout.is_empty());
        assert!(stderr.starts_with("usage: netstat"));
        assert!(stderr.ends_with(&help::family_list()));
    }
}

#[test]
fn the_interface_word_is_kept_only_for_the_interface_table() {
    let eth0 = Some(OsString::from("eth0"));
    assert_eq!(run(&["-i", "eth0"]).interface, eth0);
    assert_eq!(run(&["eth0", "-i", "lo"]).interface, eth0);
    assert_eq!(run(&["-i", "--", "eth0"]).interface, eth0);
    assert_eq!(run(&["-ia", "-e", "eth0"]).interface, eth0);
    assert_eq!(run(&["-i", "-A", "inet", "eth0"]).interface, eth0);
    assert_eq!(run(&["-r", "eth0"]).interface, None);
    assert_eq!(run(&["eth0"]).interface, None);
    // POSIXLY_CORRECT: the scan stops at the word; later options are words too.
    let Parsed::Run { options, .. } = parse_words(&["-i", "eth0", "-e"], true) else {
        panic!()
    };
    assert_eq!(options.interface, eth0);
    assert_eq!(options.extend, 1);
    let Parsed::Run { options, .. } = parse_words(&["eth0", "-i"], true) else {
        panic!()
    };
    assert_eq!(options.mode, Mode::Sockets);
    // Any bytes.
    let args = vec![
        OsString::from("netstat"),
        OsString::from("-i"),
        OsString::from_vec(b"e\xfft".to_vec()),
    ];
    let Parsed::Run { options, .. } = parse(args, false) else {
        panic!()
    };
    assert_eq!(
        options.interface,
        Some(OsString::from_vec(b"e\xfft".to_vec()))
    );
}

#[test]
fn words_after_double_dash_are_not_options() {
    let o = run(&["--", "-r"]);
    assert_eq!(o.mode, Mode::Sockets);
    let (_, _, status) = exit_of(parse_words(&["x", "-q"], false));
    assert_eq!(status, 3);
    assert!(matches!(
        parse_words(&["x", "-q"], true),
        Parsed::Run { .. }
    ));
}

#[test]
fn tcpip_warns_and_selects_nothing() {
    let (o, warnings) = run_with_warnings(&["--tcpip"]);
    assert_eq!(warnings, ["netstat.c: Internal Error `longopts 1 range'."]);
    assert!(o.afnames.is_empty() && !o.families.inet);
    assert_eq!(o.explicit, 0);
    // -A tcpip works.
    assert_eq!(run(&["-A", "tcpip"]).afnames, ["inet"]);
}

#[test]
fn too_many_families_warn_and_continue() {
    let list = vec!["inet"; 51].join(",");
    let (o, warnings) = run_with_warnings(&["-A", &list, "-6", "-x", "-t"]);
    assert_eq!(warnings, ["Too much address family arguments."; 2]);
    assert_eq!(o.afnames.len(), 51);
    assert!(!o.families.inet6 && !o.families.unix && o.protocols.tcp);
}

#[test]
fn warnings_printed_before_an_exit_come_first() {
    let (_, stderr, status) = exit(&["--tcpip", "-q"]);
    assert_eq!(status, 3);
    assert!(stderr.starts_with(
        "netstat.c: Internal Error `longopts 1 range'.\nnetstat: invalid option -- 'q'\nusage:"
    ));
    let (stdout, stderr, status) = exit(&["--tcpip", "-V"]);
    assert_eq!((stdout, status), (help::version(), 0));
    assert_eq!(stderr, "netstat.c: Internal Error `longopts 1 range'.\n");
}

#[test]
fn getopt_errors_then_usage() {
    for (words, line) in [
        (&["-q"][..], "netstat: invalid option -- 'q'"),
        (&["-A"], "netstat: option requires an argument -- 'A'"),
        (&["-tA"], "netstat: option requires an argument -- 'A'"),
        (&["--foo=bar"], "netstat: unrecognized option '--foo=bar'"),
        (
            &["--num"],
            "netstat: option '--num' is ambiguous; possibilities: '--numeric' \
             '--numeric-hosts' '--numeric-ports' '--numeric-users'",
        ),
        (
            &["--tcp=1"],
            "netstat: option '--tcp' doesn't allow an argument",
        ),
        (
            &["--interfaces=eth0"],
            "netstat: option '--interfaces' doesn't allow an argument",
        ),
        (
            &["--netlink=1"],
            "netstat: option '--netlink' doesn't allow an argument",
        ),
        (
            &["--protocol"],
            "netstat: option '--protocol' requires an argument",
        ),
        (&["-I"], "netstat: invalid option -- 'I'"),
        (&["-T"], "netstat: invalid option -- 'T'"),
        (&["-L"], "netstat: invalid option -- 'L'"),
        (&["--econet"], "netstat: unrecognized option '--econet'"),
    ] {
        let (stdout, stderr, status) = exit(words);
        assert_eq!((first_line(&stderr), status), (line, 3), "{words:?}");
        assert!(stdout.is_empty());
        assert_eq!(
            stderr,
            format!("{line}\n{}{}", help::usage(), help::family_list())
        );
    }
}

#[test]
fn question_mark_prints_only_the_usage() {
    let (stdout, stderr, status) = exit(&["-?"]);
    assert_eq!(status, 3);
    assert!(stdout.is_empty());
    assert_eq!(stderr, help::usage() + &help::family_list());
}

#[test]
fn help_and_version() {
    for words in [
        &["-h"][..],
        &["--help"],
        &["--h"],
        &["-ieth0"],
        &["-t", "-h", "-q"],
    ] {
        let (stdout, stderr, status) = exit(words);
        assert_eq!(status, 0, "{words:?}");
        assert_eq!(stdout, help::usage());
        assert_eq!(stderr, help::family_list());
    }
    for words in [&["-V"][..], &["--version"], &["--vers"], &["-V", "-q"]] {
        let (stdout, stderr, status) = exit(words);
        assert_eq!(
            (stdout, stderr, status),
            (help::version(), String::new(), 0)
        );
    }
}

#[test]
fn family_errors_and_context_stop_where_they_are_parsed() {
    let unknown = |name: &str| {
        (
            String::new(),
            format!("Unknown address family `{name}'.\n"),
            1,
        )
    };
    let selinux = (
        String::new(),
        "SELinux is not enabled on this machine.\n".to_string(),
        1,
    );
    assert_eq!(exit(&["-A", "foo"]), unknown("foo"));
    assert_eq!(exit(&["-A", "inet,"]), unknown(""));
    assert_eq!(exit(&["--protocol="]), unknown(""));
    assert_eq!(exit(&["-A=inet"]), unknown("=inet"));
    assert_eq!(exit(&["-A", "foo", "-Z"]), unknown("foo"));
    assert_eq!(exit(&["-Z", "-A", "foo"]), selinux);
    assert_eq!(exit(&["-Z", "-q"]), selinux);
    assert_eq!(exit(&["--cont", "-Z"]).2, 3);
    assert_eq!(exit(&["--conte"]), selinux);
}

#[test]
fn messages_use_argv0_as_given_in_any_bytes() {
    let args = vec![
        OsString::from_vec(b"/usr/bin/net\xffstat".to_vec()),
        OsString::from_vec(b"-\xc3\xa9".to_vec()),
    ];
    let Parsed::Exit { stderr, status, .. } = parse(args, false) else {
        panic!()
    };
    assert_eq!(status, 3);
    assert!(stderr.starts_with(b"/usr/bin/net\xffstat: invalid option -- '\xc3'\nusage: netstat"));
    let args = vec![
        OsString::from("netstat"),
        OsString::from("-A"),
        OsString::from_vec(b"in\xffet".to_vec()),
    ];
    let Parsed::Exit { stderr, .. } = parse(args, false) else {
        panic!()
    };
    assert_eq!(stderr, b"Unknown address family `in\xffet'.\n");
}

#[test]
fn an_empty_argv_parses_as_no_options() {
    assert!(matches!(parse(Vec::new(), false), Parsed::Run { .. }));
}

#[test]
fn added_selections_list_only_themselves() {
    let o = run(&["--mptcp"]);
    assert!(o.protocols.mptcp && !o.protocols.tcp);
    assert!(o.families.inet && o.families.inet6);
    assert_eq!(o.explicit, 1);
    let o = run(&["-A", "packet,netlink", "--vsock"]);
    assert!(o.families.packet && o.families.netlink && o.families.vsock);
    assert_eq!(o.explicit, 3);
    assert_eq!(run(&["--pa"]).explicit, 1);
    // 2.10's prefixes keep their meaning.
    assert_eq!(run(&["--m"]).mode, Mode::Masquerade);
}

#[test]
fn namespace_options() {
    assert_eq!(run(&["-tan"]).netns, Netns::Current);
    assert_eq!(
        run(&["--netns", "blue", "-tan"]).netns,
        Netns::Named("blue".into())
    );
    assert_eq!(run(&["--netns=blue"]).netns, Netns::Named("blue".into()));
    assert_eq!(
        run(&["--netns", "/proc/1/ns/net"]).netns,
        Netns::File("/proc/1/ns/net".into())
    );
    assert_eq!(
        run(&["--netns", "./blue"]).netns,
        Netns::File("./blue".into())
    );
    assert_eq!(run(&["--netns-pid", "42", "-r"]).netns, Netns::Process(42));
    assert_eq!(run(&["--all-netns", "-s"]).netns, Netns::All);
    // The last one given decides, as for 2.10's own repeated options.
    assert_eq!(
        run(&["--all-netns", "--netns", "x"]).netns,
        Netns::Named("x".into())
    );
    // `--net` stays NET/ROM and `--all` stays -a.
    let o = run(&["--net", "--all"]);
    assert_eq!(o.netns, Netns::Current);
    assert!(o.families.netrom && o.all);
}

#[test]
fn bad_namespace_values_are_errors() {
    for (words, message) in [
        (
            &["--netns-pid", "x1"][..],
            "netstat: --netns-pid: `x1' is not a process id\n",
        ),
        (
            &["--netns-pid", "0"],
            "netstat: --netns-pid: `0' is not a process id\n",
        ),
        (
            &["--netns-pid", "-5"],
            "netstat: --netns-pid: `-5' is not a process id\n",
        ),
        (
            &["--netns-pid", "99999999999"],
            "netstat: --netns-pid: `99999999999' is not a process id\n",
        ),
        (
            &["--netns", ""],
            "netstat: --netns: `' is not a namespace name\n",
        ),
        (
            &["--netns", ".."],
            "netstat: --netns: `..' is not a namespace name\n",
        ),
        (
            &["--all-netns", "--netlink"],
            "netstat: --netlink watches one namespace: use --netns\n",
        ),
    ] {
        assert_eq!(
            exit(words),
            (String::new(), message.to_string(), 1),
            "{words:?}"
        );
    }
    let (_, stderr, status) = exit(&["--netns"]);
    assert_eq!(status, 3);
    assert!(
        stderr.starts_with("netstat: option '--netns' requires an argument\n"),
        "{stderr}"
    );
}
