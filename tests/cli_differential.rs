//! Differential tests of the command line: every path that ends the program
//! before anything is listed (getopt errors, usage, `-A` errors, `-Z`, `-h`,
//! `-V`) runs both `/usr/bin/netstat` and ours with the same argv[0] and
//! arguments, and compares stdout, stderr and the exit status byte for byte.
//! The one allowed difference: our usage text has extra lines for the
//! options this program adds; they are removed from our output before
//! comparing (and must be present wherever the usage is printed).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

const REAL: &str = "/usr/bin/netstat";
const OURS: &str = env!("CARGO_BIN_EXE_netstat");

/// Whether the real netstat can be run; fails the test when it is missing
/// unless NETSTAT_SKIP_DIFFERENTIAL=1.
fn real_netstat_available() -> bool {
    if Path::new(REAL).exists() {
        return true;
    }
    if std::env::var_os("NETSTAT_SKIP_DIFFERENTIAL").is_some_and(|v| v == "1") {
        eprintln!("skipping: {REAL} is missing (NETSTAT_SKIP_DIFFERENTIAL=1)");
        return false;
    }
    panic!(
        "{REAL} is missing: install it with `apt-get install net-tools`, \
         or set NETSTAT_SKIP_DIFFERENTIAL=1 to skip differential tests"
    );
}

#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<i32>,
}

fn run(program: &str, argv0: &str, args: &[OsString], posixly_correct: bool) -> Outcome {
    let mut command = Command::new(program);
    command.arg0(argv0).args(args).env("LC_ALL", "C");
    if posixly_correct {
        command.env("POSIXLY_CORRECT", "1");
    } else {
        command.env_remove("POSIXLY_CORRECT");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    Outcome {
        stdout: output.stdout,
        stderr: output.stderr,
        status: output.status.code(),
    }
}

/// `text` without the usage lines of our added options; fails if the usage
/// is there without them.
fn without_added_lines(text: &[u8]) -> Vec<u8> {
    let added = netstat::cli::added_option_lines();
    let has_usage = text.starts_with(b"usage: ") || text.windows(8).any(|w| w == b"\nusage: ");
    let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
    if has_usage {
        for line in &added {
            assert!(
                lines.contains(&line.as_bytes()),
                "usage without our line {line:?}"
            );
        }
    }
    lines
        .into_iter()
        .filter(|line| !added.iter().any(|a| a.as_bytes() == *line))
        .flatten()
        .copied()
        .collect()
}

/// One invocation to compare.
struct Case {
    argv0: &'static str,
    args: Vec<OsString>,
    posixly_correct: bool,
}

fn case(args: &[&str]) -> Case {
    Case {
        argv0: "netstat",
        args: args.iter().map(OsString::from).collect(),
        posixly_correct: false,
    }
}

fn posix(args: &[&str]) -> Case {
    Case {
        posixly_correct: true,
        ..case(args)
    }
}

fn bytes(args: &[&[u8]]) -> Case {
    Case {
        args: args
            .iter()
            .map(|a| OsString::from_vec(a.to_vec()))
            .collect(),
        ..case(&[])
    }
}

/// Run every case on both programs; report every mismatch at once.
fn compare_all(cases: &[Case]) {
    if !real_netstat_available() {
        return;
    }
    let mut failures = Vec::new();
    for case in cases {
        let real = run(REAL, case.argv0, &case.args, case.posixly_correct);
        let ours = run(OURS, case.argv0, &case.args, case.posixly_correct);
        // Guard against a case that would go on to list sockets.
        assert!(
            real.status != Some(0) || real.stdout.starts_with(b"usage: "),
            "{:?} is not an early exit in 2.10",
            case.args
        );
        let ours = Outcome {
            stdout: without_added_lines(&ours.stdout),
            stderr: without_added_lines(&ours.stderr),
            status: ours.status,
        };
        if ours != real {
            failures.push(format!(
                "{}{} {:?}:\n  2.10: {:?} / {:?} / {:?}\n  ours: {:?} / {:?} / {:?}",
                if case.posixly_correct {
                    "POSIXLY_CORRECT=1 "
                } else {
                    ""
                },
                case.argv0,
                case.args,
                real.status,
                first_line(&real.stdout),
                first_line(&real.stderr),
                ours.status,
                first_line(&ours.stdout),
                first_line(&ours.stderr),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn first_line(text: &[u8]) -> String {
    let line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(line).into_owned()
}

#[test]
fn short_option_errors() {
    compare_all(&[
        case(&["-q"]),
        case(&["-tq"]),
        case(&["-I"]),
        case(&["-T"]),
        case(&["-L"]),
        case(&["-I=eth0"]),
        case(&["-:"]),
        case(&["-t-"]),
        case(&["-A"]),
        case(&["-tA"]),
        case(&["-r", "-A"]),
        case(&["-", "-q"]),
        bytes(&[b"-\xc3\xa9"]),
    ]);
}

#[test]
fn long_option_errors() {
    compare_all(&[
        case(&["--foo"]),
        case(&["--foo=bar"]),
        case(&["--econet"]),
        case(&["--ec"]),
        case(&["--ash"]),
        case(&["--notrim"]),
        case(&["--tcp=1"]),
        case(&["--interfaces=eth0"]),
        case(&["--int=eth0"]),
        case(&["--interfaces="]),
        case(&["--help=1"]),
        case(&["--version=x"]),
        case(&["--numeric-hosts=1"]),
        // `--net`/`--ne` are still --netrom, despite our --netlink.
        case(&["--net=1"]),
        case(&["--ne=1"]),
        case(&["--protocol"]),
        case(&["--prot"]),
        case(&["-t", "--protocol"]),
        bytes(&[b"--f\xffoo"]),
    ]);
}

#[test]
fn ambiguous_prefixes() {
    compare_all(&[
        case(&["--in"]),
        case(&["--t"]),
        case(&["--r"]),
        case(&["--c"]),
        case(&["--s"]),
        case(&["--pro"]),
        case(&["--v"]),
        case(&["--ve"]),
        case(&["--ud"]),
        case(&["--cont"]),
        case(&["--num"]),
        case(&["--in=x"]),
        case(&["--u"]),
        case(&["--un"]),
        case(&["--n"]),
        case(&["--i"]),
        case(&["--a"]),
        case(&["--=x"]),
    ]);
}

#[test]
fn family_list_errors() {
    let appletalk = "appletalk,".repeat(25) + "appletalk";
    let inets = vec!["inet"; 51].join(",");
    compare_all(&[
        case(&["-A", "foo"]),
        case(&["-Afoo"]),
        case(&["-A", "inet,"]),
        case(&["-A", ""]),
        case(&["-A=inet"]),
        case(&["-A", "INET"]),
        case(&["--protocol="]),
        case(&["--protocol", "inet,foo,bar"]),
        case(&["--protocol=ip6,x"]),
        case(&["-A", "inet", "-x", "-6", "-A", "foo"]),
        // The argument is cut to 255 bytes: the last element becomes "apple".
        case(&["-A", &appletalk]),
        // The afname list is full: warnings, then the error.
        case(&["-A", &inets, "-4", "--inet6", "-q"]),
        case(&["-A", &inets, "-A", "x25", "-A", "foo"]),
        bytes(&[b"-A", b"in\xffet"]),
    ]);
}

#[test]
fn context_and_left_to_right_order() {
    compare_all(&[
        case(&["-Z"]),
        case(&["--context"]),
        case(&["--conte"]),
        case(&["-tZ"]),
        case(&["-Z", "-A", "foo"]),
        case(&["-A", "foo", "-Z"]),
        case(&["-Z", "-q"]),
        case(&["-q", "-Z"]),
        case(&["-rr", "-Z"]),
        case(&["--tcpip", "-Z"]),
        case(&["--tcpi", "-q"]),
    ]);
}

#[test]
fn mode_conflicts_and_usage() {
    compare_all(&[
        case(&["-rr"]),
        case(&["-ri"]),
        case(&["-s", "-M"]),
        case(&["-ii"]),
        case(&["-i", "--interfaces"]),
        case(&["--route", "--statistics", "-x"]),
        case(&["-?"]),
        case(&["-t", "-?"]),
        case(&["-rr", "-?"]),
        case(&["eth0", "-i", "-r"]),
    ]);
}

#[test]
fn double_dash_and_posixly_correct() {
    compare_all(&[
        case(&["-rr", "--", "-Z"]),
        case(&["-r", "-i", "--", "-q"]),
        case(&["x", "-q"]),
        case(&["-rr", "x", "-Z"]),
        posix(&["-q"]),
        posix(&["-rr", "x", "-Z"]),
        posix(&["-ri", "eth0", "-q"]),
        posix(&["-rr", "--", "-q"]),
        posix(&["--foo"]),
        posix(&["-A"]),
    ]);
}

#[test]
fn argv0_is_used_as_given() {
    let as_path = |args: &[&str]| Case {
        argv0: "/usr/bin/netstat",
        ..case(args)
    };
    let odd = |args: &[&str]| Case {
        argv0: "./my netstat",
        ..case(args)
    };
    compare_all(&[
        as_path(&["-q"]),
        as_path(&["--foo"]),
        as_path(&["--num"]),
        as_path(&["-A"]),
        odd(&["--tcp=1"]),
        odd(&["--protocol"]),
    ]);
}

#[test]
fn help_goes_to_stdout_and_the_family_list_to_stderr() {
    compare_all(&[
        case(&["-h"]),
        case(&["--help"]),
        case(&["--he"]),
        case(&["--h"]),
        case(&["-ieth0"]),
        case(&["-t", "-h", "-q"]),
        case(&["--tcpip", "-h"]),
    ]);
}

#[test]
fn version_describes_this_program_on_2_10s_streams() {
    if !real_netstat_available() {
        return;
    }
    for args in [&["-V"][..], &["--version"], &["--vers"], &["-tV", "-q"]] {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let real = run(REAL, "netstat", &args, false);
        let ours = run(OURS, "netstat", &args, false);
        assert_eq!(ours.status, real.status, "{args:?}");
        assert_eq!(ours.stderr, real.stderr, "{args:?}");
        assert!(!real.stdout.is_empty());
        let text = String::from_utf8(ours.stdout).unwrap();
        assert_eq!(
            text,
            format!(
                "netstat (netstat-rs) {}\ncompatible with net-tools 2.10 netstat\n",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}

#[test]
fn our_additions_are_in_the_help() {
    let output = Command::new(OURS)
        .arg0("netstat")
        .arg("-h")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\n        --netlink                monitor kernel network events\n"));
    assert_eq!(output.status.code(), Some(0));
}
