//! SCTP rows of the Internet listing (spec §3.8).
//!
//! Current kernels list IPv4 and IPv6 endpoints together in `/proc/net/sctp/`;
//! the `sctp6` paths net-tools also tries never exist (spec §9 #30).

use super::Context;
use super::socket_tables::{owner, read_pair};
use crate::error::{Fatal, warn};
use crate::model::sctp::SctpAddress;
use crate::render::json::{Text, sockets as json};
use crate::render::sctp::{self as render, AssociationHead, Tail};
use crate::source::owners::Owners;
use crate::source::proc::sctp as parse;
use std::net::IpAddr;

const FAMILY: &str = "AF INET (sctp)";

/// Endpoints with `-a` or `-l`, associations with `-a` or without `-l`; a
/// failing endpoint file stops before the associations.
pub fn section(ctx: &mut Context, owners: Option<&Owners>) -> Result<(), Fatal> {
    let o = ctx.options;
    if o.all || o.listening {
        read_pair(
            ctx,
            ["/proc/net/sctp/eps", "/proc/net/sctp6/eps"],
            FAMILY,
            |ctx, data, _| endpoints(ctx, data, owners),
        )?;
    }
    if o.all || !o.listening {
        read_pair(
            ctx,
            ["/proc/net/sctp/assocs", "/proc/net/sctp6/assocs"],
            FAMILY,
            |ctx, data, _| associations(ctx, data, owners),
        )?;
    }
    Ok(())
}

fn endpoints(ctx: &mut Context, data: &[u8], owners: Option<&Owners>) {
    let table = parse::parse_endpoints(data);
    for warning in &table.warnings {
        warn(warning);
    }
    let mut line = Vec::new();
    let rows = ctx.options.lists_unfilterable_rows();
    for row in table.rows.iter().filter(|_| rows) {
        if ctx.json() {
            let local = structured(ctx, &row.addresses);
            let user = user_name(ctx, row.uid);
            ctx.row(&json::Sctp {
                proto: "sctp",
                kind: "endpoint",
                recv_q: None,
                send_q: None,
                local_addresses: addresses(&local),
                local_port: row.port as u16,
                foreign_addresses: None,
                foreign_port: None,
                state: render::state(row.state),
                uid: row.uid,
                user: user.as_deref().map(|n| Text::new("user", n)),
                inode: row.inode,
                owner: owners.map(|owners| owner(owners, row.inode)),
            });
            continue;
        }
        let addresses: Vec<Vec<u8>> = row.addresses.iter().map(|a| address(ctx, a)).collect();
        let (user, program) = tail_texts(ctx, row.uid, row.inode, owners);
        line.clear();
        render::endpoint(
            &mut line,
            ctx.options,
            &render::state(row.state),
            &addresses,
            &port(row.port),
            &Tail {
                user: &user,
                inode: row.inode,
                program: &program,
            },
        );
        ctx.out.bytes(&line);
    }
}

fn associations(ctx: &mut Context, data: &[u8], owners: Option<&Owners>) {
    let table = parse::parse_associations(data);
    for warning in &table.warnings {
        warn(warning);
    }
    let mut line = Vec::new();
    let rows = ctx.options.lists_unfilterable_rows();
    for row in table.rows.iter().filter(|_| rows) {
        if ctx.json() {
            let local = structured(ctx, &row.local);
            let remote = structured(ctx, &row.remote);
            let user = user_name(ctx, row.uid);
            ctx.row(&json::Sctp {
                proto: "sctp",
                kind: "association",
                recv_q: Some(row.rx_queue),
                send_q: Some(row.tx_queue),
                local_addresses: addresses(&local),
                local_port: row.local_port as u16,
                foreign_addresses: Some(addresses(&remote)),
                foreign_port: Some(row.remote_port as u16),
                state: render::state(row.state),
                uid: row.uid,
                user: user.as_deref().map(|n| Text::new("user", n)),
                inode: row.inode,
                owner: owners.map(|owners| owner(owners, row.inode)),
            });
            continue;
        }
        let local: Vec<Vec<u8>> = row.local.iter().map(|a| address(ctx, a)).collect();
        let remote: Vec<Vec<u8>> = row.remote.iter().map(|a| address(ctx, a)).collect();
        let (user, program) = tail_texts(ctx, row.uid, row.inode, owners);
        let head = AssociationHead {
            rx_queue: row.rx_queue,
            tx_queue: row.tx_queue,
            local_port: &port(row.local_port),
            remote_port: &port(row.remote_port),
            state: &render::state(row.state),
        };
        line.clear();
        render::association(
            &mut line,
            ctx.options,
            &head,
            &local,
            &remote,
            &Tail {
                user: &user,
                inode: row.inode,
                program: &program,
            },
        );
        ctx.out.bytes(&line);
    }
}

/// SCTP passes every numeric flag to the address printer, so any of them
/// (and `-N`) makes addresses numeric (spec §3.8).
fn address(ctx: &mut Context, address: &SctpAddress) -> Vec<u8> {
    let o = ctx.options;
    let numeric = o.numeric_hosts || o.numeric_ports || o.numeric_users || o.symbolic;
    match *address {
        SctpAddress::V4(a) => ctx.names.hosts.ipv4_socket(a, numeric),
        SctpAddress::V6(a) => ctx.names.hosts.ipv6(a, numeric, b"[::]"),
    }
}

/// SCTP ports are always numbers (there is no SCTP service list); 0 is `*`.
fn port(port: i32) -> Vec<u8> {
    match port as u16 {
        0 => b"*".to_vec(),
        p => p.to_string().into_bytes(),
    }
}

fn tail_texts(
    ctx: &mut Context,
    uid: i32,
    inode: u64,
    owners: Option<&Owners>,
) -> (Vec<u8>, Vec<u8>) {
    let o = ctx.options;
    let user = if o.extended() {
        ctx.names.users.name(i64::from(uid), o.numeric_users)
    } else {
        Vec::new()
    };
    let program = owners.map_or_else(Vec::new, |owners| owners.label(inode).to_vec());
    (user, program)
}

/// Each address with the name the text would show, if a lookup found one.
fn structured(ctx: &mut Context, list: &[SctpAddress]) -> Vec<(IpAddr, Option<Vec<u8>>)> {
    let o = ctx.options;
    let numeric = o.numeric_hosts || o.numeric_ports || o.numeric_users || o.symbolic;
    list.iter()
        .map(|a| {
            let address = match *a {
                SctpAddress::V4(a) => IpAddr::V4(a),
                SctpAddress::V6(a) => IpAddr::V6(a),
            };
            let host = (!numeric).then(|| ctx.names.socket_host(address)).flatten();
            (address, host)
        })
        .collect()
}

fn addresses(list: &[(IpAddr, Option<Vec<u8>>)]) -> Vec<json::SctpAddress<'_>> {
    list.iter()
        .map(|(address, host)| json::SctpAddress {
            address: *address,
            host: host.as_deref().map(|n| Text::new("host", n)),
        })
        .collect()
}

/// The login name JSON puts beside the uid (with `-e`, as the text).
fn user_name(ctx: &mut Context, uid: i32) -> Option<Vec<u8>> {
    let o = ctx.options;
    (o.extended() && !o.numeric_users)
        .then(|| ctx.names.user(i64::from(uid)))
        .flatten()
}
