//! The documentation of every option, keyed by [`Flag`]: the man page's
//! OPTIONS list and the shell completions are generated from it and from the
//! option table. [`Flag::doc`] is an exhaustive match, so a new flag does not
//! compile until it is documented here.
//!
//! Adding an option: its `Flag`, its entry in `table.rs` (`added(...)`, and
//! `Flag::takes_value` if it takes a value), its `Doc` here (with `value` set
//! for a value: its name and what completions offer), then
//! `cargo run --bin netstat-docs` to regenerate the man page and completions.

use super::table::Flag;
use crate::filter::Simple;

/// Where an option is listed in the man page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Chooses what is shown (`-r`, `-i`, `-s`, ...).
    Mode,
    /// Chooses which sockets or families are shown.
    Selection,
    /// Changes how rows are shown.
    Output,
    /// Help, version and options kept for compatibility.
    Other,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Mode,
        Section::Selection,
        Section::Output,
        Section::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Mode => "Modes",
            Section::Selection => "Selecting sockets and families",
            Section::Output => "Output",
            Section::Other => "Other options",
        }
    }
}

/// What a completion offers for an option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// The option takes no value.
    None,
    /// A comma-separated list of address-family names (`-A`).
    Families,
    /// One of these words.
    Words(&'static [&'static str]),
    /// Free text: completions offer nothing.
    Text,
}

/// One option's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub section: Section,
    /// The value's name in the man page (`-A FAMILIES`) and what completions
    /// offer for it; `Some` exactly when [`Flag::takes_value`].
    pub value: Option<(&'static str, Values)>,
    /// One line, for completion menus.
    pub summary: &'static str,
    /// The man page's paragraph. Text between backquotes is set in bold,
    /// text between `<` and `>` in italics; a blank line starts a new
    /// paragraph.
    pub text: &'static str,
}

const fn doc(section: Section, summary: &'static str, text: &'static str) -> Doc {
    Doc {
        section,
        value: None,
        summary,
        text,
    }
}

/// A filter option's documentation.
const fn filter(value: (&'static str, Values), summary: &'static str, text: &'static str) -> Doc {
    Doc {
        section: Section::Selection,
        value: Some(value),
        summary,
        text,
    }
}

/// The state names completions offer for `--state` (ss's spelling).
const STATE_WORDS: &[&str] = &[
    "established",
    "syn-sent",
    "syn-recv",
    "fin-wait-1",
    "fin-wait-2",
    "time-wait",
    "closed",
    "close-wait",
    "last-ack",
    "listening",
    "closing",
    "all",
    "connected",
    "synchronized",
    "bucket",
    "big",
];

impl Flag {
    pub fn doc(self) -> Doc {
        use Section::{Mode, Other, Output, Selection};
        match self {
            Flag::Route => doc(
                Mode,
                "display routing tables",
                "Show the kernel routing tables of the selected families (default `inet`) \
                 in the format of `route -e`. `-e` switches to the format of `route`, \
                 `-ee` adds every column; see Routing tables under OUTPUT.",
            ),
            Flag::Interfaces => doc(
                Mode,
                "display the interface table",
                "Show a table of the network interfaces that are up, with their packet \
                 counters; with `-a` also those that are down, with `-e` each interface \
                 in the format of `ifconfig`. A word after the options, as in \
                 `netstat -i eth0`, shows only that interface; an unknown name is an error.",
            ),
            Flag::Statistics => doc(
                Mode,
                "display protocol statistics",
                "Show the kernel's per-protocol counters (IP, ICMP, TCP, UDP, UDP-Lite and \
                 the extended TCP counters, and SCTP where the kernel has it). `-6` shows \
                 the IPv6 counters instead; `-t`, `-u`, `-S` and `-w` (IP and ICMP) limit \
                 the output to those protocols. `-c` is ignored.",
            ),
            Flag::Masquerade => doc(
                Mode,
                "display masqueraded connections",
                "Show the connections the kernel is masquerading (source-NATing), read from \
                 the connection-tracking table over netlink (or `/proc/net/nf_conntrack`, \
                 or `/proc/net/ip_masquerade` on kernels that still have it). `-e` adds \
                 the sequence-number columns, `-n` shows numbers instead of names.",
            ),
            Flag::Groups => doc(
                Mode,
                "display multicast group memberships",
                "Add the IPv4 and IPv6 multicast group memberships of every interface to \
                 the socket listing.",
            ),
            Flag::Netlink => doc(
                Mode,
                "monitor kernel network events",
                "Print one line for every link, address, route and neighbour change the \
                 kernel announces over rtnetlink (`addr new veth0 10.1.2.3/24`), until \
                 interrupted. This is the monitor of the original manual's `-N`; `-N` \
                 keeps the meaning it has in net-tools 2.10.",
            ),
            Flag::Protocol => Doc {
                value: Some(("FAMILIES", Values::Families)),
                ..doc(
                    Selection,
                    "select address families",
                    "Select the address families to show: a comma-separated list of \
                     `inet` (or `ip`, `tcpip`), `inet6` (or `ip6`), `unix`, `ipx`, `ax25`, \
                     `netrom`, `rose`, `x25`, `ddp` (or `appletalk`), `econet`, `ash`, \
                     `bluetooth`, and the families net-tools 2.10 does not know: `packet`, \
                     `netlink` and `vsock`. For `-r`, `-s` and `-M` the default is `inet`; the socket \
                     listing shows every family unless some are selected.",
                )
            },
            Flag::AddressFamily => doc(
                Selection,
                "select this address family",
                "The same as `-A` with that one family name.",
            ),
            Flag::Inet => doc(Selection, "select IPv4", "The same as `-A inet`."),
            Flag::Packet => doc(
                Selection,
                "show packet sockets",
                "The same as `-A packet`: list AF_PACKET sockets (the sockets of traffic \
                 capture tools) with their type, protocol, interface and inode; with \
                 `-p` the process holding each.",
            ),
            Flag::Vsock => doc(
                Selection,
                "show vsock sockets",
                "The same as `-A vsock`: list AF_VSOCK sockets (host/guest sockets) with \
                 their state and CID:port ends. Needs the kernel's vsock_diag module.",
            ),
            Flag::Mptcp => doc(
                Selection,
                "show Multipath TCP sockets",
                "List Multipath TCP sockets in the Internet table, in TCP's columns, with \
                 Proto `mptcp` or `mptcp6`. Needs the kernel's mptcp_diag.",
            ),
            Flag::Inet6 => doc(Selection, "select IPv6", "The same as `-A inet6`."),
            Flag::Unix => doc(
                Selection,
                "show UNIX domain sockets",
                "The same as `-A unix`.",
            ),
            Flag::Tcp => doc(Selection, "show TCP sockets", "Show TCP sockets."),
            Flag::Udp => doc(Selection, "show UDP sockets", "Show UDP sockets."),
            Flag::UdpLite => doc(Selection, "show UDP-Lite sockets", "Show UDP-Lite sockets."),
            Flag::Sctp => doc(
                Selection,
                "show SCTP endpoints and associations",
                "Show SCTP endpoints and associations (from `/proc/net/sctp`).",
            ),
            Flag::Raw => doc(Selection, "show RAW sockets", "Show RAW sockets."),
            Flag::L2cap => doc(
                Selection,
                "show Bluetooth L2CAP sockets",
                "Show Bluetooth L2CAP sockets. As in net-tools 2.10 Bluetooth is not \
                 supported: the program says so and exits with status 1.",
            ),
            Flag::Rfcomm => doc(
                Selection,
                "show Bluetooth RFCOMM sockets",
                "Show Bluetooth RFCOMM sockets; unsupported, as for `-2`.",
            ),
            Flag::Listening => doc(
                Selection,
                "show only listening sockets",
                "Show only listening sockets (and, for UDP and RAW, unconnected ones). \
                 These are left out by default.",
            ),
            Flag::All => doc(
                Selection,
                "show listening and non-listening sockets",
                "Show both listening and non-listening sockets; with `-i`, also the \
                 interfaces that are down. `-a` wins over `-l`.",
            ),
            Flag::Extend => doc(
                Output,
                "show more information",
                "Show more information: the User and Inode columns in the socket listing, \
                 the `ifconfig` format with `-i`, more columns with `-M`. With `-r`, each \
                 `-e` changes the level of detail (see Routing tables under OUTPUT).",
            ),
            Flag::Programs => doc(
                Output,
                "show the PID and name of each socket's program",
                "Add the PID/Program name column: the process that holds each socket. \
                 Only processes whose file descriptors the user may read are matched; \
                 root sees all of them. Control characters in program names are replaced \
                 by dots.",
            ),
            Flag::Timers => doc(
                Output,
                "show networking timers",
                "Add the Timer column: the kind of timer running on each TCP socket, the \
                 seconds until it expires, and the retransmit and probe counts.",
            ),
            Flag::Json => doc(
                Output,
                "print JSON",
                "Print JSON instead of text: one document per run, and one line per pass \
                 with `-c` or per event with `--netlink` (JSON Lines). Numbers are JSON \
                 numbers, with names beside the numbers they name. The JSON Schema of the \
                 documents is installed in /usr/share/doc/netstat-rs/schema.",
            ),
            Flag::Netns => Doc {
                value: Some(("NAME|PATH", Values::Text)),
                ..doc(
                    Selection,
                    "run in that network namespace",
                    "Show what the selected mode shows inside another network namespace, \
                     exactly as `ip netns exec NAME netstat ...` would: a <NAME> is a \
                     namespace under /var/run/netns, whose /etc/netns/<NAME> files stand in \
                     for /etc for name lookups; a value with a `/` is a namespace file (a \
                     bind mount, or /proc/<PID>/ns/net). Needs CAP_SYS_ADMIN.",
                )
            },
            Flag::NetnsPid => Doc {
                value: Some(("PID", Values::Text)),
                ..doc(
                    Selection,
                    "run in a process's network namespace",
                    "Show what the selected mode shows inside the network namespace of \
                     process <PID> (a container's, for instance), as `nsenter -t PID -n` \
                     would. Needs CAP_SYS_ADMIN.",
                )
            },
            Flag::AllNetns => doc(
                Selection,
                "run in every network namespace",
                "Run the selected mode in every network namespace of the host, each under \
                 a heading line: the current one first, then the named ones (under \
                 /var/run/netns) by name, then those only processes hold, by inode. The \
                 heading gives the names, the namespace inode, the lowest pid and its \
                 program, and the container (docker, podman, containerd, CRI-O, \
                 systemd-nspawn, LXC) that process belongs to. With `--json` every \
                 document starts with a `netns` object. A namespace that disappears \
                 meanwhile is skipped with a note, one it may not enter with the error \
                 (exit status 1). `-p` walks /proc once for all of them.",
            ),
            Flag::Info => doc(
                Output,
                "show TCP internals",
                "Add a line under each TCP row with what the kernel knows about the \
                 connection, in ss's `key:value` form: congestion algorithm \
                 (with BBR's and DCTCP's own numbers), window scales, RTO, RTT and its \
                 variance (ms), MSS, congestion window and slow-start threshold, bytes and \
                 segments sent, acknowledged and received, rates, the limited times, \
                 unacknowledged, lost and retransmitted segments; with `-e` also the \
                 negotiated options (`ts sack ecn ...`), as `ss -e` shows them. Read through sock_diag: \
                 rows read from `/proc` (with `-o`, or `NETSTAT_SOURCE=proc`) have no such \
                 line. With `--json` each row gets an `info` object (units in its keys).",
            ),
            Flag::Memory => doc(
                Output,
                "show socket memory",
                "Add a line under each TCP, UDP, UNIX, packet and netlink row with the \
                 socket's memory as ss prints it: `skmem:(r,rb,t,tb,f,w,o,bl,d)`, the \
                 receive queue and buffer, send queue and buffer, forward-allocated, \
                 write-queued and option memory, the backlog (bytes) and drops (packets). \
                 With `--info` both go on one line; with `--json` each row gets a `memory` \
                 object. UNIX rows come from `/proc/net/unix`, which has no memory figures: \
                 a unix_diag dump is joined to them by inode (a kernel without unix_diag gets \
                 a warning and no lines). Packet and netlink rows read from `/proc` (a kernel \
                 without their diag module) have no line; vsock rows never have one.",
            ),
            Flag::Kill => doc(
                Mode,
                "close the matched TCP connections",
                "Close every TCP socket that the same command without `--kill` would list \
                 (as `ss -K` does, through SOCK_DESTROY), and list the sockets it closed. \
                 Only TCP sections are listed. A filter is required: without one the \
                 command refuses (exit status 2). Needs CAP_NET_ADMIN; a kernel built \
                 without `CONFIG_INET_DIAG_DESTROY` is reported as not supported (exit \
                 status 1).",
            ),
            Flag::FilterExpression => filter(
                ("EXPR", Values::Text),
                "only sockets matching an ss filter expression",
                "Show only the sockets matching an expression in ss's filter grammar: \
                 leading `state` <NAME> and `exclude` <NAME> words, then `src`/`dst` \
                 <ADDR>[/<LEN>][:<PORT>], `sport`/`dport` with `=`, `!=`, `<`, `>`, `<=`, \
                 `>=` (or `eq`, `ne`, `lt`, `gt`, `le`, `ge`), joined by `and`, `or` or \
                 nothing (and), `not`, parentheses; `and` and `or` bind equally, left to \
                 right, as in ss; `dev` <NAME|INDEX>, `fwmark` <MARK>[/<MASK>] and `cgroup` \
                 <PATH> (with `=` or `!=`; these need the netlink source, so a listing that \
                 reads an Internet table from /proc, such as raw sockets or TCP with `-o`, \
                 refuses them, exit status 1). Host names in `src`/`dst` stand for all their \
                 addresses. Also `pid` <N>, `command` <NAME>, `uid` <N|USER>, and \
                 `state`/`exclude` anywhere. A filter only removes rows from what the same \
                 command lists without it; the kernel is asked only for matching sockets \
                 where it can test them. A bad filter is a one-line error, exit status 2.",
            ),
            Flag::Filter(Simple::State) => filter(
                ("STATE,...", Values::Words(STATE_WORDS)),
                "only sockets in these states",
                "Show only sockets in one of these states: the names netstat prints \
                 (`ESTABLISHED`, `LISTEN`, `TIME_WAIT`, ...), ss's names (`established`, \
                 `time-wait`, `listening`, `unconnected`, ...) or ss's groups `all`, \
                 `connected`, `synchronized`, `bucket` and `big`. Listeners are listed \
                 only with `-l` or `-a`.",
            ),
            Flag::Filter(Simple::Sport) => filter(
                ("PORT,...", Values::Text),
                "only sockets with these local ports",
                "Show only sockets whose local port is one of these: numbers, service \
                 names or ranges <LOW>-<HIGH>.",
            ),
            Flag::Filter(Simple::Dport) => filter(
                ("PORT,...", Values::Text),
                "only sockets with these foreign ports",
                "As `--sport`, for the foreign port.",
            ),
            Flag::Filter(Simple::Port) => filter(
                ("PORT,...", Values::Text),
                "only sockets with these local or foreign ports",
                "As `--sport`, for either port.",
            ),
            Flag::Filter(Simple::Src) => filter(
                ("ADDR[/LEN][:PORT]", Values::Text),
                "only sockets with this local address",
                "Show only sockets whose local address is in this prefix, or is one of this \
                 host name's addresses (and has this port, if given; IPv6 with a port as \
                 `[::1]:22`). An IPv4 prefix also matches IPv4-mapped addresses. A comma \
                 list matches any.",
            ),
            Flag::Filter(Simple::Dst) => filter(
                ("ADDR[/LEN][:PORT]", Values::Text),
                "only sockets with this foreign address",
                "As `--src`, for the foreign address.",
            ),
            Flag::Filter(Simple::Pid) => filter(
                ("PID,...", Values::Text),
                "only sockets of these processes",
                "Show only sockets these processes hold. Only their fds are walked; with \
                 `-p` they are shown as the owners.",
            ),
            Flag::Filter(Simple::Command) => filter(
                ("NAME", Values::Text),
                "only sockets of processes with this name",
                "Show only sockets whose owner (the process `-p` shows) has this command \
                 name, exactly.",
            ),
            Flag::Filter(Simple::Uid) => filter(
                ("UID|USER", Values::Text),
                "only Internet sockets of this user",
                "Show only Internet sockets owned by this user id or login name.",
            ),
            Flag::Wide => doc(
                Output,
                "do not truncate addresses",
                "Print addresses in full instead of truncating them to the column width.",
            ),
            Flag::Numeric => doc(
                Output,
                "do not resolve names",
                "Show numeric addresses, ports and user IDs instead of looking up host, \
                 service and user names. The same as `--numeric-hosts --numeric-ports \
                 --numeric-users`.",
            ),
            Flag::NumericHosts => doc(
                Output,
                "do not resolve host names",
                "Show numeric host addresses; ports and users are still named.",
            ),
            Flag::NumericPorts => doc(
                Output,
                "do not resolve port names",
                "Show numeric port numbers; hosts and users are still named.",
            ),
            Flag::NumericUsers => doc(
                Output,
                "do not resolve user names",
                "Show numeric user IDs; hosts and ports are still named.",
            ),
            Flag::Symbolic => doc(
                Output,
                "resolve hardware names",
                "Accepted as in net-tools 2.10, where its only visible effect is that `-r` \
                 shows numeric addresses.",
            ),
            Flag::Verbose => doc(
                Output,
                "be verbose",
                "Also report the families that were not asked for explicitly and that the \
                 kernel does not support.",
            ),
            Flag::Continuous => doc(
                Output,
                "repeat every second",
                "Print the selected table every second until interrupted. Each pass is \
                 printed like the first.",
            ),
            Flag::Cache => doc(
                Output,
                "show the routing cache",
                "With `-r`, show the routing cache instead of the forwarding table. Since \
                 Linux 3.6 the IPv4 cache is empty: only its headers are printed.",
            ),
            Flag::Fib => doc(
                Output,
                "show the forwarding table",
                "With `-r`, show the forwarding information base (the default). With `-C` \
                 too, the forwarding table is shown first, then the cache.",
            ),
            Flag::Context => doc(
                Output,
                "show SELinux contexts",
                "Show the SELinux security context of each socket's program. SELinux is \
                 not supported: as net-tools 2.10 does on a system without SELinux, the \
                 program says so and exits with status 1.",
            ),
            Flag::Debug => doc(
                Other,
                "ignored",
                "Accepted and ignored, as in net-tools 2.10.",
            ),
            Flag::Version => doc(
                Other,
                "print the version",
                "Print this program's name and version and exit.",
            ),
            Flag::Help => doc(
                Other,
                "print the usage",
                "Print the usage to standard output and exit.",
            ),
            Flag::Usage => doc(
                Other,
                "print the usage and fail",
                "Print the usage to standard error and exit with status 3.",
            ),
        }
    }
}
