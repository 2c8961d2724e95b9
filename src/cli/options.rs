//! What a run was asked to do: the parsed and post-processed command line.

use crate::filter::Filter;
use std::ffi::OsString;

/// Which table the run prints (spec §1.5 step 6, plus `--netlink`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Sockets,
    Route,
    Interfaces,
    Statistics,
    Masquerade,
    /// `--netlink`: the original manual's rtnetlink monitor (not in 2.10).
    Netlink,
}

/// Address-family flags set by `-A`, `-4`, `-6`, `-x` and `--<af>` (spec §1.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Families {
    pub inet: bool,
    pub inet6: bool,
    pub unix: bool,
    pub ipx: bool,
    pub ax25: bool,
    pub netrom: bool,
    pub x25: bool,
    pub rose: bool,
    pub ddp: bool,
    pub econet: bool,
    pub ash: bool,
    pub bluetooth: bool,
    /// `-A packet`, `--packet` (added): AF_PACKET sockets.
    pub packet: bool,
    /// `-A netlink` (added): AF_NETLINK sockets.
    pub netlink: bool,
    /// `-A vsock`, `--vsock` (added): AF_VSOCK sockets.
    pub vsock: bool,
}

/// Socket protocol selections (`-t -u -U -S -w -2 -f`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Protocols {
    pub tcp: bool,
    pub udp: bool,
    pub udplite: bool,
    pub sctp: bool,
    pub raw: bool,
    pub l2cap: bool,
    pub rfcomm: bool,
    /// `--mptcp` (added): Multipath TCP sockets, listed beside TCP.
    pub mptcp: bool,
}

/// Which network namespace(s) a run looks at (`--netns`, `--netns-pid`,
/// `--all-netns`; not in 2.10).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Netns {
    /// The one this process is in.
    #[default]
    Current,
    /// `--netns NAME`: a name under `/var/run/netns`, as `ip netns` names it.
    Named(OsString),
    /// `--netns PATH` (any value with a `/`): a namespace file, e.g. a bind
    /// mount or `/proc/PID/ns/net`.
    File(OsString),
    /// `--netns-pid PID`: the namespace process PID is in.
    Process(u32),
    /// `--all-netns`
    All,
}

/// Everything a run needs to know, after spec §1.5 post-processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// argv[0] exactly as invoked (used in usage errors).
    pub prog: OsString,
    /// Mapped family names in the order given, duplicates kept (`-A inet,inet`).
    /// Empty means the default `inet` for `-r`, `-s`, `-M`.
    pub afnames: Vec<String>,
    pub families: Families,
    pub protocols: Protocols,
    /// Set when inet/inet6/-s selected every IP protocol implicitly; suppresses
    /// "no support" messages for them (spec §3.11).
    pub no_protocol_given: bool,
    /// `-l`
    pub listening: bool,
    /// `-a`
    pub all: bool,
    /// The `-e` counter: starts at 1, +1 per `-e` (spec §1.6).
    pub extend: u32,
    /// `-p`
    pub programs: bool,
    /// `-o`
    pub timers: bool,
    /// `-W`
    pub wide: bool,
    pub numeric_hosts: bool,
    pub numeric_ports: bool,
    pub numeric_users: bool,
    /// `-N`: makes route addresses numeric (spec §4).
    pub symbolic: bool,
    /// `-v`
    pub verbose: bool,
    /// `-c`
    pub continuous: bool,
    /// `--json`, `-j`: the structured printer instead of the text one.
    pub json: bool,
    /// `-C`
    pub cache: bool,
    /// `-F`
    pub fib: bool,
    /// `-g`
    pub groups: bool,
    pub mode: Mode,
    /// `netstat -i IFACE`: the first non-option word when the mode is `-i`.
    pub interface: Option<OsString>,
    /// Count of selected socket items (spec §1.5 step 5); 0 lists every family.
    pub explicit: u32,
    pub netns: Netns,
    /// The socket filter of `--filter` and the simple filter options, if any.
    pub filter: Option<Filter>,
    /// `--info`: TCP internals under each TCP row.
    pub info: bool,
    /// `--memory`, `-m`: socket memory under each TCP, UDP, UNIX, packet and
    /// netlink row.
    pub memory: bool,
    /// `--kill`: close the TCP sockets the filter matches.
    pub kill: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prog: OsString::from("netstat"),
            afnames: Vec::new(),
            families: Families::default(),
            protocols: Protocols::default(),
            no_protocol_given: false,
            listening: false,
            all: false,
            extend: 1,
            programs: false,
            timers: false,
            wide: false,
            numeric_hosts: false,
            numeric_ports: false,
            numeric_users: false,
            symbolic: false,
            verbose: false,
            continuous: false,
            json: false,
            cache: false,
            fib: false,
            groups: false,
            mode: Mode::Sockets,
            interface: None,
            explicit: 0,
            netns: Netns::Current,
            filter: None,
            info: false,
            memory: false,
            kill: false,
        }
    }
}

impl Options {
    /// The family list for `-r`, `-s` and `-M`: what was given, or `inet`.
    pub fn route_families(&self) -> Vec<String> {
        if self.afnames.is_empty() {
            vec!["inet".to_string()]
        } else {
            self.afnames.clone()
        }
    }

    /// Whether rows of the families a filter cannot test (SCTP's
    /// multi-address rows, IPX, AX.25, NET/ROM, ROSE, X.25) are listed: not
    /// under a filter, which then leaves their headers alone.
    pub fn lists_unfilterable_rows(&self) -> bool {
        self.filter.is_none()
    }

    /// The sock_diag extensions the socket details need (`--info`,
    /// `--memory`); 0 for none.
    pub fn extensions(&self) -> u8 {
        use crate::source::netlink::sock_diag::Extension;
        let mut bits = 0;
        if self.info {
            bits |= Extension::TcpInfo.bits();
        }
        if self.memory {
            bits |= Extension::Memory.bits();
        }
        bits
    }

    /// Whether a line of socket details follows each Internet row.
    pub fn details(&self) -> bool {
        self.info || self.memory
    }

    /// Whether the extended User/Inode columns are shown (`-e` counter > 1).
    pub fn extended(&self) -> bool {
        self.extend > 1
    }
}
