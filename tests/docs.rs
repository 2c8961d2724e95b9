//! The man page and the shell completions: checked in, generated from the
//! option table, accepted by their tools, and completing what they should in
//! real shells. The oracles are mandoc, bash, zsh and fish themselves.

use std::path::Path;
use std::process::Command;

fn repository(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Run a tool; a missing tool fails the test with the package to install.
fn run(program: &str, args: &[&str], package: &str) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (apt-get install {package}; .ci/run does)"))
}

#[test]
fn checked_in_files_are_what_the_table_generates() {
    for (path, text) in netstat::docs::generated_files() {
        let on_disk = std::fs::read_to_string(repository(path)).unwrap_or_default();
        assert!(
            on_disk == text,
            "{path} is out of date with the option table: run `cargo run --bin netstat-docs`"
        );
    }
}

#[test]
fn mandoc_lint_reports_nothing() {
    let page = repository("doc/netstat.8");
    let out = run("mandoc", &["-Tlint", page.to_str().unwrap()], "mandoc");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && report.is_empty(), "{report}");
}

#[test]
fn the_page_renders_every_section() {
    let page = repository("doc/netstat.8");
    let out = run("mandoc", &["-Tascii", page.to_str().unwrap()], "mandoc");
    // Bold is printed as overstrike (`N\bN`): keep the last of each pair.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "OUTPUT",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "DIFFERENCES FROM NET-TOOLS 2.10",
        "SEE ALSO",
        "BUGS",
    ] {
        assert!(text.lines().any(|l| l == section), "no section {section}");
    }
}

/// What bash's completion function offers for the words typed so far (the
/// last word is the one being completed).
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = repository("completions/netstat.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_netstat\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1
    );
    let out = run("bash", &["--norc", "--noprofile", "-c", &program], "bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

const FAMILIES: [&str; 19] = [
    "ax25",
    "ip",
    "ip6",
    "ipx",
    "rose",
    "appletalk",
    "netrom",
    "inet",
    "inet6",
    "ddp",
    "unix",
    "tcpip",
    "econet",
    "x25",
    "ash",
    "bluetooth",
    "packet",
    "netlink",
    "vsock",
];

#[test]
fn bash_completes_long_options_by_prefix() {
    assert_eq!(
        bash_completes(&["netstat", "--nu"]),
        [
            "--numeric",
            "--numeric-hosts",
            "--numeric-ports",
            "--numeric-users"
        ]
    );
    assert_eq!(bash_completes(&["netstat", "-t", "--netl"]), ["--netlink"]);
    assert!(bash_completes(&["netstat", "--"]).contains(&"--statistics".to_string()));
    assert!(bash_completes(&["netstat", "-"]).contains(&"-A".to_string()));
}

#[test]
fn bash_completes_family_names_after_dash_a() {
    assert_eq!(bash_completes(&["netstat", "-A", ""]), FAMILIES);
    assert_eq!(bash_completes(&["netstat", "-tA", ""]), FAMILIES);
    assert_eq!(bash_completes(&["netstat", "--protocol", ""]), FAMILIES);
    // `--protocol=in`: bash splits the word at `=`.
    assert_eq!(
        bash_completes(&["netstat", "--protocol", "=", "inet"]),
        ["inet", "inet6"]
    );
    // A list: only its last element is completed.
    assert_eq!(
        bash_completes(&["netstat", "-A", "inet,ip"]),
        ["inet,ip", "inet,ip6", "inet,ipx"]
    );
}

/// `SHELL -n SCRIPT`: the shell parses the script without running it.
fn parses(shell: &str, script: &str) -> std::path::PathBuf {
    let script = repository(script);
    let out = run(shell, &["-n", script.to_str().unwrap()], shell);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    script
}

#[test]
fn zsh_accepts_its_completion() {
    parses("zsh", "completions/_netstat");
}

#[test]
fn fish_accepts_and_uses_its_completion() {
    let script = parses("fish", "completions/netstat.fish");
    let program = format!(
        "source '{}'; complete -C 'netstat --nu'; complete -C 'netstat -A inet,u'",
        script.display()
    );
    let out = run("fish", &["--no-config", "-c", &program], "fish");
    let offered: Vec<&str> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        offered,
        [
            "--numeric",
            "--numeric-hosts",
            "--numeric-ports",
            "--numeric-users",
            "inet,unix"
        ]
    );
}
