//! Structured rows of the socket listing: the `inet` table (TCP, UDP,
//! UDP-Lite, RAW and SCTP), `unix` and `groups`.
//!
//! Field names follow jc's `netstat` parser where it has one (`proto`,
//! `recv_q`, `send_q`, `local_address`, `foreign_port`, `state`, `inode`,
//! `pid`, `program_name`, `refcnt`, `flags`, `type`, `path`); values are
//! values: addresses are always numeric, ports and ids are numbers, and a
//! name the text shows (`local_host`, `local_service`, `user`, ...) is an
//! extra field present only when a lookup found one.

use super::{Text, TextList};
use crate::model::{InetProto, InetSocket, UnixSocket, socket::UNIX_ACCEPTCON};
use serde::Serialize;
use std::net::IpAddr;

/// One TCP, UDP, UDP-Lite or RAW socket.
#[derive(Debug, Serialize)]
pub struct Inet<'a> {
    pub proto: &'static str,
    pub transport_protocol: &'static str,
    pub network_protocol: &'static str,
    pub recv_q: u64,
    pub send_q: u64,
    pub local_address: IpAddr,
    pub local_port: u16,
    #[serde(flatten)]
    pub local_host: Option<Text<'a>>,
    #[serde(flatten)]
    pub local_service: Option<Text<'a>>,
    pub foreign_address: IpAddr,
    pub foreign_port: u16,
    #[serde(flatten)]
    pub foreign_host: Option<Text<'a>>,
    #[serde(flatten)]
    pub foreign_service: Option<Text<'a>>,
    pub state: &'static str,
    pub uid: i64,
    #[serde(flatten)]
    pub user: Option<Text<'a>>,
    pub inode: u64,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer: Option<Timer>,
    /// `--info` (TCP rows the kernel gave details for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<super::details::Info<'a>>,
    /// `--memory` (TCP and UDP rows the kernel gave details for; UNIX rows have their own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<super::details::MemoryView>,
}

impl<'a> Inet<'a> {
    /// The row's own numbers; names, owner and timer are the caller's to add.
    pub fn new(row: &InetSocket) -> Self {
        Inet {
            proto: row.proto.label(row.ipv6_table),
            transport_protocol: row.proto.name(),
            network_protocol: if row.ipv6_table { "ipv6" } else { "ipv4" },
            recv_q: row.rx_queue,
            send_q: row.tx_queue,
            local_address: row.local,
            local_port: row.local_port,
            local_host: None,
            local_service: None,
            foreign_address: row.remote,
            foreign_port: row.remote_port,
            foreign_host: None,
            foreign_service: None,
            state: inet_state(row.state),
            uid: row.uid,
            user: None,
            inode: row.inode,
            owner: None,
            timer: None,
            info: None,
            memory: None,
        }
    }
}

/// The kernel's names of the socket states (include/net/tcp_states.h), which
/// UDP and RAW sockets use too.
pub fn inet_state(state: u32) -> &'static str {
    crate::model::socket::state_name(state).unwrap_or("UNKNOWN")
}

/// The `-o` column as an object.
#[derive(Debug, Serialize)]
pub struct Timer {
    /// `off`, `on`, `keepalive`, `timewait`, `probe`, or `unknown`.
    pub kind: &'static str,
    /// The kernel's timer code (the `N` of `unkn-N` in the text).
    pub code: u32,
    /// Time left, in seconds (the kernel counts hundredths).
    pub seconds: f64,
    pub retransmits: i64,
    /// Unanswered zero-window or keepalive probes.
    pub probes: i32,
}

impl Timer {
    /// The timer of a row, with the numbers the text shows.
    pub fn of(row: &InetSocket) -> Self {
        let kind = match (row.proto, row.timer) {
            (_, 0) => "off",
            (InetProto::Tcp, 1) => "on",
            (InetProto::Tcp, 2) => "keepalive",
            (InetProto::Tcp, 3) => "timewait",
            (InetProto::Tcp, 4) => "probe",
            (InetProto::Tcp, _) => "unknown",
            (_, 1 | 2) => "on",
            _ => "unknown",
        };
        // UDP rows carry no retransmit count (the text prints 0).
        let retransmits = match row.proto {
            InetProto::Udp | InetProto::UdpLite => 0,
            InetProto::Tcp | InetProto::Raw => row.retransmits as i64,
        };
        Timer {
            kind,
            code: row.timer,
            seconds: row.timer_ticks as f64 / 100.0,
            retransmits,
            probes: row.timeout as i32,
        }
    }
}

/// The process holding a socket (`-p`): `pid` and `program_name` are null
/// when none was found (the text's `-`).
#[derive(Debug)]
pub enum Owner<'a> {
    Known {
        pid: u32,
        /// argv[0] without its directory, as the text shows it, uncut.
        program_name: &'a [u8],
        /// The whole command line, argument by argument.
        cmdline: &'a [u8],
    },
    Unknown,
}

impl Serialize for Owner<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Found<'a> {
            pid: u32,
            #[serde(flatten)]
            program_name: Text<'a>,
            #[serde(flatten)]
            cmdline: TextList<'a>,
        }
        #[derive(Serialize)]
        struct Missing {
            pid: Option<u32>,
            program_name: Option<&'static str>,
        }
        match *self {
            Owner::Known {
                pid,
                program_name,
                cmdline,
            } => Found {
                pid,
                program_name: Text::new("program_name", program_name),
                cmdline: TextList {
                    key: "cmdline",
                    bytes: cmdline,
                },
            }
            .serialize(serializer),
            Owner::Unknown => Missing {
                pid: None,
                program_name: None,
            }
            .serialize(serializer),
        }
    }
}

/// One UNIX domain socket.
#[derive(Debug, Serialize)]
pub struct Unix<'a> {
    pub proto: &'static str,
    pub refcnt: u64,
    /// `ACC`, `W`, `N`: the text's Flags column as a list.
    pub flags: Vec<&'static str>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub state: &'static str,
    pub inode: Option<u64>,
    #[serde(flatten)]
    pub path: Option<Text<'a>>,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
    /// `--memory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<super::details::MemoryView>,
}

impl<'a> Unix<'a> {
    pub fn new(row: &'a UnixSocket, owner: Option<Owner<'a>>) -> Self {
        let flags = [(16, "ACC"), (17, "W"), (18, "N")]
            .into_iter()
            .filter(|(bit, _)| row.flags & (1 << bit) != 0)
            .map(|(_, name)| name)
            .collect();
        Unix {
            proto: if row.protocol == 0 { "unix" } else { "??" },
            refcnt: row.refcount,
            flags,
            kind: crate::render::sockets::unix_type(row.kind),
            state: unix_state(row),
            inode: row.inode,
            path: row.path.as_deref().map(|path| Text::new("path", path)),
            owner,
            memory: None,
        }
    }
}

/// The kernel's socket states (`SS_*`), with `LISTENING` for a socket that
/// accepts connections, as the text says.
fn unix_state(row: &UnixSocket) -> &'static str {
    match row.state {
        0 => "FREE",
        1 if row.flags & UNIX_ACCEPTCON != 0 => "LISTENING",
        1 => "UNCONNECTED",
        2 => "CONNECTING",
        3 => "CONNECTED",
        4 => "DISCONNECTING",
        _ => "UNKNOWN",
    }
}

/// One multicast group membership (`-g`).
#[derive(Debug, Serialize)]
pub struct Group<'a> {
    #[serde(flatten)]
    pub iface: Text<'a>,
    pub refcnt: i32,
    pub group: IpAddr,
    #[serde(flatten)]
    pub group_host: Option<Text<'a>>,
}

/// One address of an SCTP endpoint or association, with its name if found.
#[derive(Debug, Serialize)]
pub struct SctpAddress<'a> {
    pub address: IpAddr,
    #[serde(flatten)]
    pub host: Option<Text<'a>>,
}

/// An SCTP endpoint (listening) or association: one row with address lists.
#[derive(Debug, Serialize)]
pub struct Sctp<'a> {
    pub proto: &'static str,
    /// `endpoint` or `association`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recv_q: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_q: Option<u32>,
    pub local_addresses: Vec<SctpAddress<'a>>,
    pub local_port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreign_addresses: Option<Vec<SctpAddress<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreign_port: Option<u16>,
    pub state: String,
    pub uid: i32,
    #[serde(flatten)]
    pub user: Option<Text<'a>>,
    pub inode: u64,
    #[serde(flatten)]
    pub owner: Option<Owner<'a>>,
}
