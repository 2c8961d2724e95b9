//! The packet, netlink and vsock sections: listed only when selected
//! (`-A packet`, `--packet`, `-A netlink`, `-A vsock`, `--vsock`), after the
//! UNIX section. Packet and netlink sockets never listen, so `-l` lists none
//! of them; a filter's address and port conditions never match them.

use super::socket_tables::owner;
use super::{Context, no_support};
use crate::error::{Fatal, warn};
use crate::filter::{OwnerOf, SocketFacts, states};
use crate::model::families::{ethertype_name, netlink_protocol_name};
use crate::render::families::{self as render, Tail};
use crate::render::json::{Text, families as json};
use crate::source::families::{self as source, FamilyError};
use crate::source::ioctl::interface_name;
use crate::source::owners::Owners;
use crate::source::proc::Table;
use crate::source::sockets::Preference;
use std::collections::HashMap;

/// Every selected section, in this order.
pub fn sections(ctx: &mut Context, owners: Option<&Owners>) -> Result<(), Fatal> {
    let selected = ctx.options.families;
    if selected.packet {
        packet(ctx, owners)?;
    }
    if selected.netlink {
        netlink(ctx, owners)?;
    }
    if selected.vsock {
        vsock(ctx, owners)?;
    }
    Ok(())
}

/// A family's table, with its warnings printed; `None` when the family is
/// not there (after the "no support" rule).
fn table<T>(
    ctx: &Context,
    family: &str,
    rows: Result<Table<T>, FamilyError>,
) -> Result<Option<Table<T>>, Fatal> {
    match rows {
        Ok(table) => {
            for warning in &table.warnings {
                warn(warning);
            }
            Ok(Some(table))
        }
        Err(FamilyError::Unsupported) => no_support(ctx.options, family, false).map(|()| None),
        Err(FamilyError::Proc(path, e)) => Err(Fatal::perror(path, e.io())),
        Err(FamilyError::Netlink(message)) => Err(Fatal::new(1, message)),
    }
}

/// Whether the listing rule (`-a`, `-l`) and the filter keep a row.
fn shows(ctx: &Context, facts: &SocketFacts, owners: Option<&Owners>) -> bool {
    let o = ctx.options;
    let listening = facts.state == states::LISTEN;
    (o.all || listening == o.listening)
        && o.filter
            .as_ref()
            .is_none_or(|filter| filter.matches_other(facts, owners.map(|o| o as &dyn OwnerOf)))
}

/// The `-p` label of a row (empty without `-p`).
fn program(owners: Option<&Owners>, inode: u64) -> &[u8] {
    owners.map_or(b"", |owners| owners.label(inode))
}

fn packet(ctx: &mut Context, owners: Option<&Owners>) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("packet", &render::packet_header(o));
    let rows = source::packet(Preference::from_env());
    let Some(table) = table(ctx, "AF PACKET", rows)? else {
        return Ok(());
    };
    let mut interfaces: HashMap<u32, Option<Vec<u8>>> = HashMap::new();
    let mut line = Vec::new();
    for row in &table.rows {
        let facts = SocketFacts {
            state: states::CLOSE,
            inode: row.inode,
            uid: Some(row.uid),
        };
        if !shows(ctx, &facts, owners) {
            continue;
        }
        let iface = match row.ifindex {
            0 => None,
            index => interfaces
                .entry(index)
                .or_insert_with(|| interface_name(index))
                .as_deref(),
        };
        if ctx.json() {
            let numeric = o.numeric_hosts || o.numeric_ports;
            let mut view = json::Packet::new(row);
            view.protocol_name = ethertype_name(row.protocol).filter(|_| !numeric);
            view.ifname = iface.map(|name| Text::new("ifname", name));
            let named = o.extended() && !o.numeric_users;
            let user = named.then(|| ctx.names.user(i64::from(row.uid))).flatten();
            view.user = user.as_deref().map(|name| Text::new("user", name));
            view.owner = owners.map(|owners| owner(owners, row.inode));
            ctx.row(&view);
            continue;
        }
        let user = if o.extended() {
            ctx.names.users.name(i64::from(row.uid), o.numeric_users)
        } else {
            Vec::new()
        };
        let index_text;
        let iface: &[u8] = match (row.ifindex, iface) {
            (0, _) => b"*",
            (_, Some(name)) => name,
            (index, None) => {
                index_text = index.to_string();
                index_text.as_bytes()
            }
        };
        line.clear();
        let tail = Tail {
            user: &user,
            program: program(owners, row.inode),
        };
        render::packet_row(&mut line, o, row, iface, &tail);
        ctx.out.bytes(&line);
    }
    Ok(())
}

fn netlink(ctx: &mut Context, owners: Option<&Owners>) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("netlink", &render::netlink_header(o));
    let rows = source::netlink(Preference::from_env());
    let Some(table) = table(ctx, "AF NETLINK", rows)? else {
        return Ok(());
    };
    let mut line = Vec::new();
    for row in &table.rows {
        let facts = SocketFacts {
            state: states::CLOSE,
            inode: row.inode,
            uid: None,
        };
        if !shows(ctx, &facts, owners) {
            continue;
        }
        if ctx.json() {
            let numeric = o.numeric_hosts || o.numeric_ports;
            let name = netlink_protocol_name(row.protocol).filter(|_| !numeric);
            let mut view = json::Netlink::new(row, name);
            view.owner = owners.map(|owners| owner(owners, row.inode));
            ctx.row(&view);
            continue;
        }
        line.clear();
        let tail = Tail {
            user: b"",
            program: program(owners, row.inode),
        };
        render::netlink_row(&mut line, o, row, &tail);
        ctx.out.bytes(&line);
    }
    Ok(())
}

fn vsock(ctx: &mut Context, owners: Option<&Owners>) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("vsock", &render::vsock_header(o));
    // Every state but the listeners unless -a or -l; only them with -l.
    let listen = 1 << states::LISTEN;
    let wanted = match (o.all, o.listening) {
        (true, _) => u32::MAX,
        (false, true) => listen,
        (false, false) => !listen,
    };
    let rows = source::vsock(Preference::from_env(), wanted);
    let Some(table) = table(ctx, "AF VSOCK", rows)? else {
        return Ok(());
    };
    let mut line = Vec::new();
    for row in &table.rows {
        let facts = SocketFacts {
            state: u32::from(row.state),
            inode: row.inode,
            uid: None,
        };
        if !shows(ctx, &facts, owners) {
            continue;
        }
        if ctx.json() {
            let mut view = json::Vsock::new(row);
            view.owner = owners.map(|owners| owner(owners, row.inode));
            ctx.row(&view);
            continue;
        }
        line.clear();
        let tail = Tail {
            user: b"",
            program: program(owners, row.inode),
        };
        render::vsock_row(&mut line, o, row, &tail);
        ctx.out.bytes(&line);
    }
    Ok(())
}
