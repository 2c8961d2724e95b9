//! The usage, family-list and version texts (spec §1.8). The usage is 2.10's
//! text with the options this program adds listed in the same style; every
//! option line comes from the option table.

use super::table::{self, LONG_OPTIONS, LongOption};

const SYNOPSIS: &str = "\
usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }
";

/// The option lines, paragraph by paragraph, by long name.
const PARAGRAPHS: [&[&str]; 3] = [
    &[
        "route",
        "interfaces",
        "groups",
        "statistics",
        "masquerade",
        "netlink",
        "kill",
    ],
    &[
        "verbose",
        "wide",
        "numeric",
        "numeric-hosts",
        "numeric-ports",
        "numeric-users",
        "symbolic",
        "extend",
        "programs",
        "timers",
        "continuous",
        "json",
        "info",
        "memory",
    ],
    &[
        "listening",
        "all",
        "fib",
        "cache",
        "context",
        "filter",
        "state",
        "sport",
        "dport",
        "port",
        "src",
        "dst",
        "pid",
        "command",
        "uid",
        "packet",
        "vsock",
        "mptcp",
        "netns",
        "netns-pid",
        "all-netns",
    ],
];

const FOOTER: &str = "  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
";

/// The families that have a route printer, in 2.10's internal order, with
/// their titles.
const ROUTE_FAMILIES: [(&str, &str); 8] = [
    ("inet", "DARPA Internet"),
    ("inet6", "IPv6"),
    ("ax25", "AMPR AX.25"),
    ("netrom", "AMPR NET/ROM"),
    ("rose", "AMPR ROSE"),
    ("ipx", "Novell IPX"),
    ("ddp", "Appletalk DDP"),
    ("x25", "CCITT X.25"),
];

/// The usage text; 2.10 prints it to stdout for `-h`, to stderr otherwise.
pub fn usage() -> String {
    let mut text = String::from(SYNOPSIS);
    for paragraph in PARAGRAPHS {
        text.push('\n');
        for option in paragraph.iter().filter_map(|name| find(name)) {
            text.push_str(&option_line(option));
        }
    }
    text.push('\n');
    text.push_str(FOOTER);
    text
}

fn find(name: &str) -> Option<&'static LongOption> {
    LONG_OPTIONS.iter().find(|option| option.name == name)
}

/// `        -r, --route              display routing table`
fn option_line(option: &LongOption) -> String {
    let name = option.name;
    let mut spelling = match table::short_letter(option.flag) {
        Some(letter) => format!("-{}, --{name}", letter as char),
        None => format!("--{name}"),
    };
    // An added option's value, named as its documentation names it.
    if let (table::Origin::Added, Some((value, _))) = (option.origin, option.flag.doc().value) {
        spelling.push('=');
        spelling.push_str(value);
    }
    format!("        {spelling:<25}{}\n", option.help.unwrap_or(""))
}

/// The list of routing families that ends every usage; 2.10 always prints it
/// to stderr (spec §9 #5). Three `NAME (TITLE) ` per line.
pub fn family_list() -> String {
    let mut text = String::new();
    for line in ROUTE_FAMILIES.chunks(3) {
        text.push_str("    ");
        for (name, title) in line {
            text.push_str(&format!("{name} ({title}) "));
        }
        text.push('\n');
    }
    text
}

/// `-V`: this program's name and version (a deliberate difference from 2.10).
pub fn version() -> String {
    format!(
        "netstat ({}) {}\ncompatible with net-tools 2.10 netstat\n",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    )
}

/// The usage lines of the options this program adds (not in 2.10's text).
pub fn added_option_lines() -> Vec<String> {
    LONG_OPTIONS
        .iter()
        .filter(|o| o.origin == table::Origin::Added)
        .map(option_line)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2.10's usage text as `netstat -h` prints it (spec §1.8).
    const USAGE_2_10: &str = "\
usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
";

    #[test]
    fn usage_is_2_10s_text_plus_our_lines() {
        let added = added_option_lines();
        assert_eq!(
            added[..4],
            [
                "        --netlink                monitor kernel network events\n",
                "        -j, --json               print JSON (one line per pass with -c, per event with --netlink)\n",
                "        --filter=EXPR            only sockets matching an ss filter expression\n",
                "        --state=STATE,...        only sockets in these states (or ss groups)\n",
            ]
        );
        let netns = added
            .iter()
            .position(|line| line.contains("--netns="))
            .expect("--netns is listed");
        assert_eq!(
            added[netns..netns + 3],
            [
                "        --netns=NAME|PATH        in that network namespace\n",
                "        --netns-pid=PID          in that process's network namespace\n",
                "        --all-netns              in every network namespace, one by one\n",
            ]
        );
        assert_eq!(added.len(), 21);
        let ours = usage();
        let without_ours: String = ours
            .split_inclusive('\n')
            .filter(|line| !added.iter().any(|a| a == line))
            .collect();
        assert_eq!(without_ours, USAGE_2_10);
        assert!(ours.contains(&added[0]));
    }

    #[test]
    fn every_documented_option_has_exactly_one_line() {
        let listed: Vec<&str> = PARAGRAPHS.iter().flat_map(|p| p.iter().copied()).collect();
        assert!(listed.iter().all(|name| find(name).is_some()));
        for option in &LONG_OPTIONS {
            let count = listed.iter().filter(|name| **name == option.name).count();
            assert_eq!(count, usize::from(option.help.is_some()), "{}", option.name);
        }
    }

    #[test]
    fn family_list_matches_2_10() {
        assert_eq!(
            family_list(),
            "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    \
             netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n    \
             ddp (Appletalk DDP) x25 (CCITT X.25) \n"
        );
    }

    #[test]
    fn version_names_this_program() {
        let text = version();
        assert!(text.starts_with(&format!(
            "netstat (netstat-rs) {}\n",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(text.contains("net-tools 2.10"));
    }
}
