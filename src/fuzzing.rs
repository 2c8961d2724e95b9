//! Entry points for the coverage-guided fuzz targets in `fuzz/` and for the
//! replay of the inputs they found (`tests/fuzz_regressions.rs`): each takes
//! arbitrary bytes, feeds them to the parsers the program runs on untrusted
//! input, and returns only if none of them panicked.
//!
//! Input layouts (the first byte picks what the rest stands for):
//!
//! * [`proc_file`]: `SELECTOR FILE`, the selector indexing [`PROC_FILES`]
//!   (modulo its length). Readers of two files (NET/ROM and ROSE routes,
//!   IPv4 then IPv6 multicast groups) split `FILE` at its first NUL byte.
//! * [`netlink`]: `SELECTOR DATAGRAM`, the selector picking sock_diag,
//!   rtnetlink, ctnetlink, packet_diag, netlink_diag or vsock_diag (modulo
//!   [`NETLINK_FAMILIES`]' length), the datagram framed as the kernel
//!   sends it (messages of a 16-byte header and a payload of attributes).
//! * [`options`]: `FLAGS ARGS`, bit 0 of `FLAGS` standing for
//!   `POSIXLY_CORRECT`, the arguments after `netstat` separated by NUL bytes;
//!   a filter they give is then compiled and run as a listing would.

use crate::filter::Filter;
use crate::model::InetProto;
use crate::render::events;
use crate::source::netlink::socket::messages;
use crate::source::netlink::{
    conntrack, netlink_diag, packet_diag, rtnetlink, sock_diag, vsock_diag,
};
use crate::source::proc::{
    self, atalk, ax25, dev, if_inet6, igmp, inet, ip_masquerade, ipv6_route, ipx, ndisc, netlink,
    netrom, nf_conntrack, packet, rose, route, rt_cache, sctp, snmp, unix, x25,
};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

/// A parser run on one input.
pub type Parser = fn(&[u8]);

/// The fuzz targets of `fuzz/` by name, each with its entry point.
pub const TARGETS: [(&str, Parser); 3] = [
    ("proc_file", proc_file),
    ("netlink", netlink),
    ("options", options),
];

/// Every `/proc` file the program parses: its path under `/proc/net` (as the
/// fixture trees name it) and how the program reads it.
pub const PROC_FILES: &[(&str, Parser)] = &[
    ("tcp", |d| inet_table(d, InetProto::Tcp, false)),
    ("tcp6", |d| inet_table(d, InetProto::Tcp, true)),
    ("udp", |d| inet_table(d, InetProto::Udp, false)),
    ("udp6", |d| inet_table(d, InetProto::Udp, true)),
    ("udplite", |d| inet_table(d, InetProto::UdpLite, false)),
    ("udplite6", |d| inet_table(d, InetProto::UdpLite, true)),
    ("raw", |d| inet_table(d, InetProto::Raw, false)),
    ("raw6", |d| inet_table(d, InetProto::Raw, true)),
    ("unix", |mut d| {
        let _ = unix::for_each_row(&mut d, drop);
    }),
    ("sctp/eps", |d| drop(sctp::parse_endpoints(d))),
    ("sctp6/eps", |d| drop(sctp::parse_endpoints(d))),
    ("sctp/assocs", |d| drop(sctp::parse_associations(d))),
    ("sctp6/assocs", |d| drop(sctp::parse_associations(d))),
    ("sctp/snmp", |d| drop(snmp::parse_sctp(d))),
    ("snmp", |d| drop(snmp::parse_pairs(d))),
    ("netstat", |d| drop(snmp::parse_pairs(d))),
    ("snmp6", |d| drop(snmp::parse_snmp6(d))),
    ("route", |d| drop(route::parse(d))),
    ("rt_cache", |d| drop(rt_cache::parse(d))),
    ("ipv6_route", |d| drop(ipv6_route::parse(d))),
    ("ndisc", |d| drop(ndisc::parse(d))),
    ("dev", |d| drop(dev::parse(d))),
    ("if_inet6", |d| {
        drop(if_inet6::addresses(&if_inet6::parse(d)))
    }),
    ("igmp", |d| multicast_groups(split(d))),
    ("igmp6", |d| multicast_groups(split(d))),
    ("ip_masquerade", |d| drop(ip_masquerade::parse(d))),
    ("nf_conntrack", |d| drop(nf_conntrack::parse(d))),
    ("ax25", |d| drop(ax25::parse_sockets(d))),
    ("ax25_route", |d| drop(ax25::parse_routes(d))),
    ("nr", |d| drop(netrom::parse_sockets(d))),
    ("nr_nodes", |d| node_routes(split(d), netrom::parse_routes)),
    ("nr_neigh", |d| {
        node_routes(swap(split(d)), netrom::parse_routes)
    }),
    ("rose", |d| drop(rose::parse_sockets(d))),
    ("rose_nodes", |d| node_routes(split(d), rose::parse_routes)),
    ("rose_neigh", |d| {
        node_routes(swap(split(d)), rose::parse_routes)
    }),
    ("x25", |d| drop(x25::parse_sockets(d))),
    ("x25/route", |d| drop(x25::parse_routes(d))),
    ("x25_routes", |d| drop(x25::parse_routes(d))),
    ("ipx/socket", |d| drop(ipx::parse_sockets(d))),
    ("ipx", |d| drop(ipx::parse_sockets(d))),
    ("ipx/route", |d| drop(ipx::parse_routes(d))),
    ("ipx_route", |d| drop(ipx::parse_routes(d))),
    ("atalk_route", |d| drop(atalk::parse_routes(d))),
    ("packet", |d| drop(packet::parse(d))),
    ("netlink", |d| drop(netlink::parse(d))),
];

/// The selector byte of the `/proc/net` file `name`, if the program parses it.
pub fn proc_selector(name: &str) -> Option<u8> {
    let index = PROC_FILES.iter().position(|(file, _)| *file == name)?;
    u8::try_from(index).ok()
}

/// One `/proc` file through the parser the selector picks.
pub fn proc_file(data: &[u8]) {
    if let Some((&selector, file)) = data.split_first() {
        let (_, parse) = PROC_FILES[usize::from(selector) % PROC_FILES.len()];
        parse(file);
    }
}

/// The netlink families, in selector order.
pub const NETLINK_FAMILIES: [&str; 6] = [
    "sock_diag",
    "rtnetlink",
    "ctnetlink",
    "packet_diag",
    "netlink_diag",
    "vsock_diag",
];

/// One netlink datagram through the decoder of the family the selector picks.
/// rtnetlink events are also rendered as the `--netlink` monitor prints them.
pub fn netlink(data: &[u8]) {
    let Some((&selector, datagram)) = data.split_first() else {
        return;
    };
    for message in messages(datagram) {
        match usize::from(selector) % NETLINK_FAMILIES.len() {
            0 => {
                let at = message.payload.len().min(sock_diag::MESSAGE_LEN);
                let (header, attributes) = message.payload.split_at(at);
                let _ = sock_diag::decode_inet_answer(header, attributes);
            }
            1 => {
                if let Some(event) = rtnetlink::decode(message.kind, message.payload) {
                    events::line(&mut Vec::new(), &event, &mut events::NumericNames);
                }
            }
            2 => drop(conntrack::decode(message.payload)),
            3 => drop(packet_diag::decode(message.payload)),
            4 => drop(netlink_diag::decode(message.payload)),
            _ => drop(vsock_diag::decode(message.payload)),
        }
    }
}

/// A command line through the option parser.
pub fn options(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut args = vec![OsString::from("netstat")];
    if !rest.is_empty() {
        args.extend(
            rest.split(|&b| b == 0)
                .map(|a| OsString::from_vec(a.to_vec())),
        );
    }
    if let crate::cli::Parsed::Run { options, .. } = crate::cli::parse(args, flags & 1 != 0)
        && let Some(filter) = options.filter
    {
        apply_filter(&filter);
    }
}

/// What a listing does with a parsed filter: the kernel's state mask, ports
/// and bytecode (plain, with `-l`'s test, with a `--pid`'s held ports), and
/// the predicate on a row of each family.
fn apply_filter(filter: &Filter) {
    let _ = (filter.state_mask(), filter.only_local_port());
    let _ = (filter.only_remote_port(), filter.only_pids());
    let _ = (filter.needs_owners(), filter.tests_uid());
    drop(filter.bytecode(false, None));
    drop(filter.bytecode(true, Some(&[22, 80, 443])));
    for ipv6 in [false, true] {
        filter.matches_inet(&inet::empty_row(InetProto::Tcp, ipv6), None);
    }
    if let Some(row) = unix::parse_line(b"0: 2 0 10000 1 1 1234 /run/a", true) {
        filter.matches_unix(&row, None);
    }
}

/// An Internet socket table read as the program reads it: header, then rows.
fn inet_table(mut data: &[u8], proto: InetProto, ipv6: bool) {
    let mut parser = inet::LineParser::new(proto, ipv6);
    let mut header = true;
    let _ = proc::for_each_line(&mut data, |line| {
        if !std::mem::take(&mut header) {
            parser.parse(line);
        }
    });
}

/// `/proc/net/igmp` then `/proc/net/igmp6` through one reader, as `-g` does.
fn multicast_groups((ipv4, ipv6): (&[u8], &[u8])) {
    let mut reader = igmp::Reader::new();
    drop(reader.read(ipv4));
    drop(reader.read(ipv6));
}

/// NET/ROM or ROSE routes from their nodes and neighbours files.
fn node_routes<T>((nodes, neighbours): (&[u8], &[u8]), parse: fn(&[u8], &[u8]) -> T) {
    drop(parse(nodes, neighbours));
}

/// The neighbours file first: so that a seed made of that file alone reaches its parser.
fn swap<'a>((first, second): (&'a [u8], &'a [u8])) -> (&'a [u8], &'a [u8]) {
    (second, first)
}

/// Two files in one input: before and after its first NUL byte.
fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_its_own_selector() {
        for (index, (name, _)) in PROC_FILES.iter().enumerate() {
            assert_eq!(proc_selector(name), Some(index as u8), "{name}");
        }
        assert_eq!(proc_selector("no_such_file"), None);
        assert!(PROC_FILES.len() <= 256);
    }

    #[test]
    fn two_files_split_at_the_first_nul() {
        assert_eq!(split(b"a\0b\0c"), (&b"a"[..], &b"b\0c"[..]));
        assert_eq!(split(b"ab"), (&b"ab"[..], &b""[..]));
        assert_eq!(split(b""), (&b""[..], &b""[..]));
    }

    #[test]
    fn empty_and_short_inputs_are_ignored_or_parsed() {
        for data in [&b""[..], b"\0", b"\x01", b"\xff\n\n"] {
            proc_file(data);
            netlink(data);
            options(data);
        }
    }
}
