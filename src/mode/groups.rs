//! Multicast group memberships, `-g` (spec §3.9): a section of the socket
//! listing, after the RAW rows.

use super::{Context, no_support};
use crate::error::{Fatal, warn};
use crate::render::groups as render;
use crate::render::json::{Text, sockets::Group};
use crate::source::proc::{self, ReadError, igmp};
use std::net::IpAddr;

/// The group section: the header always, then the IPv4 and the IPv6
/// memberships of the selected families, each in file order.
pub fn section(ctx: &mut Context) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("groups", render::HEADER.as_bytes());
    // One reader per pass: net-tools' line state carries from the IPv4 file
    // to the IPv6 one, but (fixing spec §9 #19) not into the next -c pass.
    let mut reader = igmp::Reader::new();
    let mut status = Ok(());
    if o.explicit == 0 || o.families.inet {
        match proc::read(igmp::IGMP) {
            Ok(data) => print(ctx, reader.read(&data)),
            Err(e) if e.is_missing_or_denied() => {
                status = no_support(o, "AF INET (igmp)", o.no_protocol_given);
            }
            // A directory makes 2.10 loop forever (spec §9 #28): stop instead.
            Err(e) => return Err(Fatal::perror(igmp::IGMP, e.io())),
        }
    }
    if o.explicit == 0 || o.families.inet6 {
        // A missing IPv6 file is skipped silently. One that cannot be read
        // (a directory) makes 2.10 loop forever (spec §9 #28): stop instead.
        match proc::read(igmp::IGMP6) {
            Ok(data) => print(ctx, reader.read(&data)),
            Err(ReadError::Read(e)) => return Err(Fatal::perror(igmp::IGMP6, &e)),
            Err(ReadError::Open(_)) => {}
        }
    }
    status
}

fn print(ctx: &mut Context, table: igmp::Table) {
    let numeric = ctx.options.numeric_hosts;
    for warning in &table.warnings {
        warn(warning);
    }
    let mut line = Vec::with_capacity(64);
    for group in &table.rows {
        if ctx.json() {
            let host = (!numeric)
                .then(|| ctx.names.socket_host(group.address))
                .flatten();
            ctx.row(&Group {
                iface: Text::new("iface", &group.device),
                refcnt: group.users,
                group: group.address,
                group_host: host.as_deref().map(|n| Text::new("group_host", n)),
            });
            continue;
        }
        let address = match group.address {
            IpAddr::V4(a) => ctx.names.hosts.ipv4_socket(a, numeric),
            IpAddr::V6(a) => ctx.names.hosts.ipv6(a, numeric, b"[::]"),
        };
        line.clear();
        render::row(&mut line, &group.device, group.users, &address);
        ctx.out.bytes(&line);
    }
}
