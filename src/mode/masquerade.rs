//! `-M`: masqueraded connections (spec §7).
//!
//! Where `/proc/net/ip_masquerade` exists (Linux 2.0/2.2, or a fixture tree)
//! it is read and printed exactly as net-tools 2.10 does, errors included.
//!
//! Every kernel since 2.6 lacks that file, and 2.10 only says "no support".
//! There the rows come from connection tracking instead: the connections
//! whose source the kernel translates (masquerade, SNAT), taken from a
//! ctnetlink dump of the IPv4 and IPv6 tables, or from the text of
//! `/proc/net/nf_conntrack` when the dump is not available. They fill the
//! same columns: protocol, time left, original source, destination, then
//! `source port -> destination port (translated source port)`; ICMP rows show
//! the query identifier as the source port (and what it was translated to),
//! `*` as the destination port. With `-e` the sequence adjustment of the
//! original direction fills initseq/delta/prevd (zeros when there is none,
//! and always with the text source, which does not carry it). IPv6 entries
//! share the protocol names and print their addresses whole, padded to the
//! 20 columns like an IPv4 address; a longer address pushes the rest of the
//! row right, as a long host name does in 2.10. `-4`/`-6` (or `-A`) limit the
//! listing to one family. An empty table prints nothing, as in 2.10.
//!
//! With `PROC_ROOT` set (a fixture tree) and no `ip_masquerade` in it, the
//! tree's `net/nf_conntrack` is read and the live kernel is never asked; a
//! tree with neither file gets 2.10's "no support" message, as does a system
//! where neither conntrack source exists. When the table cannot be read for
//! lack of privilege: `netstat: cannot read the connection tracking table:
//! Operation not permitted`, status 1.

use super::{Context, repeat};
use crate::error::{Fatal, strerror, warn};
use crate::model::masquerade::{IPPROTO_TCP, IPPROTO_UDP, Masquerade, Protocol, TrackedConnection};
use crate::names::ServiceList;
use crate::render::json::masquerade::{MasqueradeNames, MasqueradeView};
use crate::render::masquerade as render;
use crate::source::netlink::conntrack::Conntrack;
use crate::source::proc::{self, ip_masquerade, nf_conntrack};
use std::io;
use std::net::IpAddr;

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    repeat(ctx, pass)
}

fn pass(ctx: &mut Context) -> Result<(), Fatal> {
    let rows = match proc::read(ip_masquerade::PATH) {
        Ok(data) => ip_masquerade::parse(&data).map_err(|e| Fatal::new(255, e.message()))?,
        Err(e) if e.is_missing() => translated_connections(ctx)?,
        // A directory opens but cannot be read: 2.10's fgets fails.
        Err(proc::ReadError::Read(_)) => {
            return Err(Fatal::new(
                255,
                ip_masquerade::FormatError::NoHeader.message(),
            ));
        }
        Err(e) => return Err(Fatal::perror(ip_masquerade::PATH, e.io())),
    };
    print(ctx, &rows);
    Ok(())
}

/// The service list of a row's ports: 2.10 has lists for TCP and UDP only,
/// the other protocols print numbers.
fn service_list(row: &Masquerade) -> Option<ServiceList> {
    match row.protocol {
        Protocol::Number(IPPROTO_TCP) => Some(ServiceList::Tcp),
        Protocol::Number(IPPROTO_UDP) => Some(ServiceList::Udp),
        _ => None,
    }
}

fn print(ctx: &mut Context, rows: &[Masquerade]) {
    if ctx.json() {
        return print_json(ctx, rows);
    }
    if rows.is_empty() {
        return;
    }
    let o = ctx.options;
    let extended = o.extended();
    ctx.out.bytes(render::header(extended));
    let mut line = Vec::with_capacity(160);
    for row in rows {
        let list = service_list(row);
        let mut port = |number| match list {
            Some(list) => ctx.names.services.port(number, list, o.numeric_ports),
            None => ctx.names.services.port(number, ServiceList::Tcp, true),
        };
        let (source_port, destination_port, masq_port) = (
            port(row.source_port),
            port(row.destination_port),
            port(row.masq_port),
        );
        let source = host(ctx, row.source);
        let destination = host(ctx, row.destination);
        let protocol = row.protocol.name();
        line.clear();
        render::row(
            &mut line,
            row,
            extended,
            &render::RowNames {
                protocol: protocol.as_bytes(),
                source: &source,
                destination: &destination,
                source_port: &source_port,
                destination_port: &destination_port,
                masq_port: &masq_port,
            },
        );
        ctx.out.bytes(&line);
    }
}

/// The `masquerade` table (present, maybe empty, where the text prints
/// nothing for an empty table).
fn print_json(ctx: &mut Context, rows: &[Masquerade]) {
    let o = ctx.options;
    ctx.table("masquerade", b"");
    for row in rows {
        let names = &mut *ctx.names;
        let mut host = |address| {
            (!o.numeric_hosts)
                .then(|| names.socket_host(address))
                .flatten()
        };
        let (source_host, destination_host) = (host(row.source), host(row.destination));
        let mut service = |port| {
            service_list(row)
                .filter(|_| !o.numeric_ports)
                .and_then(|list| names.service(port, list))
        };
        let names = MasqueradeNames {
            source_host,
            destination_host,
            source_service: service(row.source_port),
            destination_service: service(row.destination_port),
            masq_service: service(row.masq_port),
        };
        ctx.row(&MasqueradeView::new(row, &names));
    }
}

/// An address as the table shows it (spec §2.2 with the fixed mask, §2.3).
fn host(ctx: &mut Context, address: IpAddr) -> Vec<u8> {
    let numeric = ctx.options.numeric_hosts;
    match address {
        IpAddr::V4(a) => ctx.names.hosts.ipv4_socket(a, numeric),
        IpAddr::V6(a) => ctx.names.hosts.ipv6(a, numeric, b"[::]"),
    }
}

/// The source-NATed connections of the selected families.
fn translated_connections(ctx: &Context) -> Result<Vec<Masquerade>, Fatal> {
    let f = ctx.options.families;
    let (ipv4, ipv6) = if f.inet || f.inet6 {
        (f.inet, f.inet6)
    } else {
        (true, true)
    };
    let connections = tracked_connections(ipv4, ipv6)?;
    Ok(connections
        .iter()
        .filter(|c| match c.original.source {
            IpAddr::V4(_) => ipv4,
            IpAddr::V6(_) => ipv6,
        })
        .filter_map(TrackedConnection::masquerade)
        .collect())
}

/// The whole conntrack table: the ctnetlink dump (IPv4 first, then IPv6),
/// else the `/proc` text. On a fixture tree only the tree is read.
fn tracked_connections(ipv4: bool, ipv6: bool) -> Result<Vec<TrackedConnection>, Fatal> {
    let netlink_error = if is_fixture_tree() {
        None
    } else {
        match dump(ipv4, ipv6) {
            Ok(connections) => return Ok(connections),
            Err(e) => Some(e),
        }
    };
    match proc::read(nf_conntrack::PATH) {
        Ok(data) => {
            let table = nf_conntrack::parse(&data);
            for warning in &table.warnings {
                warn(warning);
            }
            Ok(table.rows)
        }
        Err(file_error) => Err(unreadable(netlink_error, &file_error)),
    }
}

fn dump(ipv4: bool, ipv6: bool) -> io::Result<Vec<TrackedConnection>> {
    let mut conntrack = Conntrack::open()?;
    let mut connections = Vec::new();
    for (wanted, family) in [(ipv4, libc::AF_INET), (ipv6, libc::AF_INET6)] {
        if wanted {
            connections.extend(conntrack.dump(family as u8)?);
        }
    }
    Ok(connections)
}

/// The error for a table neither source could give. A permission problem
/// wins; with no conntrack at all this is 2.10's "no support".
fn unreadable(netlink: Option<io::Error>, file: &proc::ReadError) -> Fatal {
    let denied = |e: &io::Error| matches!(e.raw_os_error(), Some(libc::EPERM | libc::EACCES));
    let unsupported = |e: &io::Error| {
        matches!(
            e.raw_os_error(),
            Some(libc::EPROTONOSUPPORT | libc::EAFNOSUPPORT | libc::EOPNOTSUPP | libc::ENOENT)
        )
    };
    let error = match &netlink {
        Some(e) if denied(e) => e,
        Some(e) if !unsupported(e) && !denied(file.io()) => e,
        _ if file.is_missing() => {
            return Fatal::new(1, "netstat: no support for `ip_masquerade' on this system.");
        }
        _ => file.io(),
    };
    Fatal::new(
        1,
        format!(
            "netstat: cannot read the connection tracking table: {}",
            strerror(error)
        ),
    )
}

/// Whether `/proc` is relocated to a fixture tree, whose state the live
/// kernel's netlink answers would not match.
fn is_fixture_tree() -> bool {
    std::env::var_os(proc::PROC_ROOT_VAR).is_some_and(|root| !root.is_empty())
}
