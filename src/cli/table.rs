//! The one option table: 2.10's short options, its 45 long options in their
//! internal order, then the long options this program adds. It drives the
//! getopt engine, the abbreviation and ambiguity rules, and the usage text.

use crate::filter::Simple;

/// What an option does once parsed. Short and long spellings of the same
/// option share one `Flag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `--ax25` … `--tcpip`: getopt returns one code for all of them and
    /// netstat looks at the entry itself, so they count as equivalent for the
    /// ambiguity rule. The entry's name is the family alias.
    AddressFamily,
    /// `-A LIST`, `--protocol LIST`
    Protocol,
    Inet,
    Inet6,
    Unix,
    Route,
    Interfaces,
    Statistics,
    Masquerade,
    Groups,
    Tcp,
    Sctp,
    Udp,
    UdpLite,
    Raw,
    L2cap,
    Rfcomm,
    Listening,
    All,
    Extend,
    Programs,
    Timers,
    Wide,
    Numeric,
    NumericHosts,
    NumericPorts,
    NumericUsers,
    Symbolic,
    Verbose,
    Continuous,
    Cache,
    Fib,
    /// `-d`: accepted and ignored.
    Debug,
    Context,
    Version,
    Help,
    /// `-?`: usage on stderr, exit 3.
    Usage,
    /// `--netlink` (added): the rtnetlink monitor mode.
    Netlink,
    /// `--json`, `-j` (added): structured output.
    Json,
    /// `--netns NAME|PATH` (added): run in that network namespace.
    Netns,
    /// `--netns-pid PID` (added): run in that process's network namespace.
    NetnsPid,
    /// `--all-netns` (added): every network namespace on the host.
    AllNetns,
    /// `--filter EXPR` (added): an ss filter expression.
    FilterExpression,
    /// `--state`, `--sport`, ... (added): one simple filter option.
    Filter(Simple),
    /// `--info` (added): TCP internals.
    Info,
    /// `--memory`, `-m` (added): socket memory.
    Memory,
    /// `--kill` (added): close the matched TCP sockets.
    Kill,
    /// `--packet` (added): the same as `-A packet`.
    Packet,
    /// `--vsock` (added): the same as `-A vsock`.
    Vsock,
    /// `--mptcp` (added): Multipath TCP sockets.
    Mptcp,
}

impl Flag {
    /// Whether the option takes a value (getopt's `has_arg`; there are no
    /// optional values).
    pub fn takes_value(self) -> bool {
        matches!(
            self,
            Flag::Protocol
                | Flag::FilterExpression
                | Flag::Filter(_)
                | Flag::Netns
                | Flag::NetnsPid
        )
    }
}

/// 2.10's short options, in the order of its getopt string
/// `A:CFMacdeghilnNoprsStuUvVWw2fx64?Z`.
pub const SHORT_OPTIONS: [(u8, Flag); 33] = [
    (b'A', Flag::Protocol),
    (b'C', Flag::Cache),
    (b'F', Flag::Fib),
    (b'M', Flag::Masquerade),
    (b'a', Flag::All),
    (b'c', Flag::Continuous),
    (b'd', Flag::Debug),
    (b'e', Flag::Extend),
    (b'g', Flag::Groups),
    (b'h', Flag::Help),
    (b'i', Flag::Interfaces),
    (b'l', Flag::Listening),
    (b'n', Flag::Numeric),
    (b'N', Flag::Symbolic),
    (b'o', Flag::Timers),
    (b'p', Flag::Programs),
    (b'r', Flag::Route),
    (b's', Flag::Statistics),
    (b'S', Flag::Sctp),
    (b't', Flag::Tcp),
    (b'u', Flag::Udp),
    (b'U', Flag::UdpLite),
    (b'v', Flag::Verbose),
    (b'V', Flag::Version),
    (b'W', Flag::Wide),
    (b'w', Flag::Raw),
    (b'2', Flag::L2cap),
    (b'f', Flag::Rfcomm),
    (b'x', Flag::Unix),
    (b'6', Flag::Inet6),
    (b'4', Flag::Inet),
    (b'?', Flag::Usage),
    (b'Z', Flag::Context),
];

/// The short options this program adds: letters 2.10 rejects, spelled as
/// `ip`, `nstat` and `ss` spell them. `--info` has no letter (`ss -i` is
/// netstat's `-i`), and `--kill` none on purpose: closing connections is
/// spelled out.
pub const ADDED_SHORT_OPTIONS: [(u8, Flag); 2] = [(b'j', Flag::Json), (b'm', Flag::Memory)];

/// Where a long option comes from. Added options are looked at only when a
/// word matches nothing in 2.10's table, so they never change what a 2.10
/// command line means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    NetTools,
    Added,
}

/// One long option: its name, what it does, and its usage line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongOption {
    pub name: &'static str,
    pub flag: Flag,
    pub origin: Origin,
    /// The text of its line in the usage, if it has one.
    pub help: Option<&'static str>,
}

impl LongOption {
    /// getopt's test for "the same option" when a prefix matches several:
    /// equal (has_arg, flag, val), which here is equal `Flag`.
    fn equivalent(&self, other: &LongOption) -> bool {
        self.flag == other.flag
    }
}

const fn option(name: &'static str, flag: Flag, help: Option<&'static str>) -> LongOption {
    LongOption {
        name,
        flag,
        origin: Origin::NetTools,
        help,
    }
}

const fn family(name: &'static str) -> LongOption {
    option(name, Flag::AddressFamily, None)
}

const fn added(name: &'static str, flag: Flag, help: &'static str) -> LongOption {
    LongOption {
        name,
        flag,
        origin: Origin::Added,
        help: Some(help),
    }
}

/// 2.10 handles only the first 12 address-family entries: its count was not
/// raised when `bluetooth` was added, so `--tcpip` (index 12) falls out of
/// range and prints an internal error instead of selecting inet (spec §9 #6).
pub const FAMILY_OPTIONS_HANDLED: usize = 12;

/// 2.10's long options in their internal order (spec §1.1), then ours.
pub static LONG_OPTIONS: [LongOption; 66] = [
    family("ax25"),
    family("x25"),
    family("ip"),
    family("ipx"),
    family("appletalk"),
    family("netrom"),
    family("inet"),
    family("inet6"),
    family("ddp"),
    family("rose"),
    family("unix"),
    family("bluetooth"),
    family("tcpip"),
    option("version", Flag::Version, None),
    option(
        "interfaces",
        Flag::Interfaces,
        Some("display interface table"),
    ),
    option("help", Flag::Help, None),
    option("route", Flag::Route, Some("display routing table")),
    option(
        "masquerade",
        Flag::Masquerade,
        Some("display masqueraded connections"),
    ),
    option("protocol", Flag::Protocol, None),
    option("tcp", Flag::Tcp, None),
    option("sctp", Flag::Sctp, None),
    option("udp", Flag::Udp, None),
    option("udplite", Flag::UdpLite, None),
    option("raw", Flag::Raw, None),
    // A second `unix`: an exact `--unix` always finds the family entry above.
    option("unix", Flag::Unix, None),
    option("l2cap", Flag::L2cap, None),
    option("rfcomm", Flag::Rfcomm, None),
    option(
        "listening",
        Flag::Listening,
        Some("display listening server sockets"),
    ),
    option(
        "all",
        Flag::All,
        Some("display all sockets (default: connected)"),
    ),
    option("timers", Flag::Timers, Some("display timers")),
    option("continuous", Flag::Continuous, Some("continuous listing")),
    option(
        "extend",
        Flag::Extend,
        Some("display other/more information"),
    ),
    option(
        "programs",
        Flag::Programs,
        Some("display PID/Program name for sockets"),
    ),
    option("verbose", Flag::Verbose, Some("be verbose")),
    option(
        "statistics",
        Flag::Statistics,
        Some("display networking statistics (like SNMP)"),
    ),
    option("wide", Flag::Wide, Some("don't truncate IP addresses")),
    option("numeric", Flag::Numeric, Some("don't resolve names")),
    option(
        "numeric-hosts",
        Flag::NumericHosts,
        Some("don't resolve host names"),
    ),
    option(
        "numeric-ports",
        Flag::NumericPorts,
        Some("don't resolve port names"),
    ),
    option(
        "numeric-users",
        Flag::NumericUsers,
        Some("don't resolve user names"),
    ),
    option("symbolic", Flag::Symbolic, Some("resolve hardware names")),
    option(
        "cache",
        Flag::Cache,
        Some("display routing cache instead of FIB"),
    ),
    option(
        "fib",
        Flag::Fib,
        Some("display Forwarding Information Base (default)"),
    ),
    option(
        "groups",
        Flag::Groups,
        Some("display multicast group memberships"),
    ),
    option(
        "context",
        Flag::Context,
        Some("display SELinux security context for sockets"),
    ),
    added("netlink", Flag::Netlink, "monitor kernel network events"),
    added(
        "json",
        Flag::Json,
        "print JSON (one line per pass with -c, per event with --netlink)",
    ),
    added(
        "filter",
        Flag::FilterExpression,
        "only sockets matching an ss filter expression",
    ),
    added(
        "state",
        Flag::Filter(Simple::State),
        "only sockets in these states (or ss groups)",
    ),
    added(
        "sport",
        Flag::Filter(Simple::Sport),
        "only sockets with these local ports",
    ),
    added(
        "dport",
        Flag::Filter(Simple::Dport),
        "only sockets with these foreign ports",
    ),
    added(
        "port",
        Flag::Filter(Simple::Port),
        "only sockets with these local or foreign ports",
    ),
    added(
        "src",
        Flag::Filter(Simple::Src),
        "only sockets with this local address",
    ),
    added(
        "dst",
        Flag::Filter(Simple::Dst),
        "only sockets with this foreign address",
    ),
    added(
        "pid",
        Flag::Filter(Simple::Pid),
        "only sockets of these processes",
    ),
    added(
        "command",
        Flag::Filter(Simple::Command),
        "only sockets of processes with this name",
    ),
    added(
        "uid",
        Flag::Filter(Simple::Uid),
        "only Internet sockets of this user",
    ),
    added("netns", Flag::Netns, "in that network namespace"),
    added(
        "netns-pid",
        Flag::NetnsPid,
        "in that process's network namespace",
    ),
    added(
        "all-netns",
        Flag::AllNetns,
        "in every network namespace, one by one",
    ),
    added(
        "info",
        Flag::Info,
        "show TCP internals (RTT, window, congestion, ...)",
    ),
    added(
        "memory",
        Flag::Memory,
        "show socket memory (TCP, UDP, UNIX, packet, netlink)",
    ),
    added(
        "kill",
        Flag::Kill,
        "close the TCP connections a filter matches",
    ),
    added("packet", Flag::Packet, "display packet sockets (-A packet)"),
    added("vsock", Flag::Vsock, "display vsock sockets (-A vsock)"),
    added("mptcp", Flag::Mptcp, "display Multipath TCP sockets"),
];

/// The short option letter with the same effect as `flag`, if any.
pub fn short_letter(flag: Flag) -> Option<u8> {
    SHORT_OPTIONS
        .iter()
        .chain(&ADDED_SHORT_OPTIONS)
        .find(|(_, f)| *f == flag)
        .map(|(letter, _)| *letter)
}

/// The effect of short option `letter`, or `None` if it is not an option.
/// Like glibc, `:` and `;` are never options.
pub fn short_option(letter: u8) -> Option<Flag> {
    SHORT_OPTIONS
        .iter()
        .chain(&ADDED_SHORT_OPTIONS)
        .find(|(l, _)| *l == letter)
        .map(|(_, flag)| *flag)
}

/// How a long option word (`--NAME`, without `=value`) resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Index into [`LONG_OPTIONS`].
    Found(usize),
    /// The candidates to list, in table order.
    Ambiguous(Vec<&'static str>),
    Unknown,
}

/// Resolve `name` against 2.10's options; only a name that matches none of
/// them is tried against the options this program adds.
pub fn lookup(name: &[u8]) -> Lookup {
    match lookup_among(name, Origin::NetTools) {
        Lookup::Unknown => lookup_among(name, Origin::Added),
        resolved => resolved,
    }
}

/// glibc's rule within one set of options: an exact name wins; otherwise the
/// first prefix match, unless a later prefix match is not equivalent to it,
/// in which case the first match and every non-equivalent later one are the
/// candidates.
fn lookup_among(name: &[u8], origin: Origin) -> Lookup {
    let options = || {
        LONG_OPTIONS
            .iter()
            .enumerate()
            .filter(move |(_, option)| option.origin == origin)
    };
    if let Some((index, _)) = options().find(|(_, option)| option.name.as_bytes() == name) {
        return Lookup::Found(index);
    }
    let mut matches = options().filter(|(_, option)| option.name.as_bytes().starts_with(name));
    let Some((first_index, first)) = matches.next() else {
        return Lookup::Unknown;
    };
    let others: Vec<&'static str> = matches
        .filter(|(_, option)| !option.equivalent(first))
        .map(|(_, option)| option.name)
        .collect();
    if others.is_empty() {
        Lookup::Found(first_index)
    } else {
        let mut candidates = vec![first.name];
        candidates.extend(others);
        Lookup::Ambiguous(candidates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str) -> &'static str {
        match lookup(name.as_bytes()) {
            Lookup::Found(index) => LONG_OPTIONS[index].name,
            other => panic!("{name}: {other:?}"),
        }
    }

    fn ambiguous(name: &str) -> Vec<&'static str> {
        match lookup(name.as_bytes()) {
            Lookup::Ambiguous(candidates) => candidates,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn short_options_spell_the_getopt_string_of_2_10() {
        let mut spec = String::new();
        for (letter, flag) in SHORT_OPTIONS {
            spec.push(letter as char);
            if flag.takes_value() {
                spec.push(':');
            }
        }
        assert_eq!(spec, "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z");
        assert_eq!(short_option(b':'), None);
        assert_eq!(short_option(b'q'), None);
    }

    #[test]
    fn the_table_is_2_10s_45_entries_then_ours() {
        let net_tools = LONG_OPTIONS
            .iter()
            .take_while(|o| o.origin == Origin::NetTools)
            .count();
        assert_eq!(net_tools, 45);
        assert!(LONG_OPTIONS[45..].iter().all(|o| o.origin == Origin::Added));
        assert_eq!(LONG_OPTIONS[12].name, "tcpip");
        assert_eq!(LONG_OPTIONS[44].name, "context");
    }

    #[test]
    fn exact_names_win_over_prefixes() {
        assert_eq!(found("ip"), "ip");
        assert_eq!(found("inet"), "inet");
        assert_eq!(found("udp"), "udp");
        assert_eq!(found("numeric"), "numeric");
        assert_eq!(lookup(b"unix"), Lookup::Found(10));
    }

    #[test]
    fn unique_and_equivalent_prefixes_resolve() {
        for (word, name) in [
            ("ra", "raw"),
            ("sy", "symbolic"),
            ("ti", "timers"),
            ("li", "listening"),
            ("gr", "groups"),
            ("fi", "fib"),
            ("ca", "cache"),
            ("he", "help"),
            ("h", "help"),
            ("ine", "inet"),
            ("prog", "programs"),
            ("int", "interfaces"),
            ("ap", "appletalk"),
            ("ax", "ax25"),
            ("tcpi", "tcpip"),
            ("b", "bluetooth"),
        ] {
            assert_eq!(found(word), name, "--{word}");
        }
    }

    #[test]
    fn ambiguity_lists_first_match_and_non_equivalent_ones() {
        assert_eq!(ambiguous("in"), ["inet", "interfaces"]);
        assert_eq!(ambiguous("t"), ["tcpip", "tcp", "timers"]);
        assert_eq!(ambiguous("r"), ["rose", "route", "raw", "rfcomm"]);
        assert_eq!(ambiguous("c"), ["continuous", "cache", "context"]);
        assert_eq!(ambiguous("s"), ["sctp", "statistics", "symbolic"]);
        assert_eq!(ambiguous("pro"), ["protocol", "programs"]);
        assert_eq!(ambiguous("v"), ["version", "verbose"]);
        assert_eq!(ambiguous("ve"), ["version", "verbose"]);
        assert_eq!(ambiguous("ud"), ["udp", "udplite"]);
        assert_eq!(ambiguous("cont"), ["continuous", "context"]);
        assert_eq!(
            ambiguous("num"),
            ["numeric", "numeric-hosts", "numeric-ports", "numeric-users"]
        );
        // The family `unix` and the socket `unix` differ: both are listed.
        assert_eq!(ambiguous("u"), ["unix", "udp", "udplite", "unix"]);
        assert_eq!(ambiguous("un"), ["unix", "unix"]);
    }

    #[test]
    fn added_options_never_change_a_2_10_word() {
        assert_eq!(found("net"), "netrom");
        assert_eq!(found("ne"), "netrom");
        assert_eq!(ambiguous("n")[0], "netrom");
        assert!(!ambiguous("n").contains(&"netlink"));
        assert_eq!(found("netl"), "netlink");
        assert_eq!(found("netlink"), "netlink");
        assert_eq!(lookup(b"netlinkx"), Lookup::Unknown);
        assert_eq!(found("json"), "json");
        assert_eq!(found("j"), "json");
        assert_eq!(short_option(b'j'), Some(Flag::Json));
        assert_eq!(lookup(b"foo"), Lookup::Unknown);
    }

    #[test]
    fn namespace_options_keep_2_10_prefixes() {
        // 2.10's words first: `--net`/`--netr` are NET/ROM, `--al`/`--all` are -a.
        for (word, name) in [
            ("net", "netrom"),
            ("netr", "netrom"),
            ("netrom", "netrom"),
            ("al", "all"),
            ("all", "all"),
        ] {
            assert_eq!(found(word), name, "--{word}");
        }
        // Words 2.10 rejects may become ours.
        assert_eq!(found("netns"), "netns");
        assert_eq!(found("netns-"), "netns-pid");
        assert_eq!(found("netns-pid"), "netns-pid");
        assert_eq!(found("all-"), "all-netns");
        assert_eq!(found("all-netns"), "all-netns");
        assert_eq!(ambiguous("netn"), ["netns", "netns-pid"]);
        assert_eq!(lookup(b"all-netnsx"), Lookup::Unknown);
        assert!(!ambiguous("n").iter().any(|name| name.starts_with("netns")));
    }

    #[test]
    fn filter_options_leave_every_2_10_prefix_alone() {
        // 2.10's words keep their meaning...
        assert_eq!(found("sta"), "statistics");
        assert_eq!(found("stat"), "statistics");
        assert_eq!(found("st"), "statistics");
        assert_eq!(found("program"), "programs");
        assert_eq!(found("prog"), "programs");
        assert_eq!(found("d"), "ddp");
        assert_eq!(found("f"), "fib");
        assert_eq!(found("fi"), "fib");
        assert_eq!(ambiguous("u"), ["unix", "udp", "udplite", "unix"]);
        assert_eq!(ambiguous("p"), ["protocol", "programs"]);
        assert_eq!(ambiguous("s"), ["sctp", "statistics", "symbolic"]);
        assert_eq!(ambiguous("co"), ["continuous", "context"]);
        // ...and the filter options answer only to words 2.10 rejects.
        for (word, name) in [
            ("state", "state"),
            ("sp", "sport"),
            ("sr", "src"),
            ("dp", "dport"),
            ("ds", "dst"),
            ("po", "port"),
            ("pi", "pid"),
            ("com", "command"),
            ("ui", "uid"),
            ("fil", "filter"),
        ] {
            assert_eq!(found(word), name, "--{word}");
        }
        assert_eq!(lookup(b"stats"), Lookup::Unknown);
    }

    #[test]
    fn an_empty_name_is_ambiguous_with_everything_distinct() {
        let all = ambiguous("");
        assert_eq!(all[0], "ax25");
        assert_eq!(all.len(), 33);
        assert!(!all.contains(&"netlink"));
    }
}
