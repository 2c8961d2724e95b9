//! The packet, netlink and vsock sections: listed only when selected
//! (`-A packet`, `--packet`, `-A netlink`, `-A vsock`, `--vsock`), after the
//! UNIX section. Packet and netlink sockets never listen, so `-l` lists none
//! of them; a filter's address and port conditions never match them.
//! `--memory` adds the memory sock_diag gives with every packet and netlink
//! row (the queue columns come from it); rows from `/proc` and vsock rows
//! (vsock_diag has no memory attribute) have none.

use super::socket_tables::owner;
use super::{Context, no_support};
use crate::error::{Fatal, warn};
use crate::filter::{Filter, OwnerOf, SocketFacts, states};
use crate::model::families::{
    NetlinkSocket, PacketSocket, VsockSocket, ethertype_name, netlink_protocol_name,
};
use crate::render::details::memory_line;
use crate::render::families::{self as render, Tail};
use crate::render::json::details::MemoryView;
use crate::render::json::sockets::Owner;
use crate::render::json::{Text, families as json};
use crate::source::families::{self as source, FamilyError};
use crate::source::ioctl::interface_name;
use crate::source::owners::Owners;
use crate::source::proc::Table;
use crate::source::sockets::Preference;
use std::collections::HashMap;

/// Every selected section, in this order.
pub fn sections(ctx: &mut Context, selection: Selection) -> Result<(), Fatal> {
    let selected = ctx.options.families;
    if selected.packet {
        packet(ctx, selection)?;
    }
    if selected.netlink {
        netlink(ctx, selection)?;
    }
    if selected.vsock {
        vsock(ctx, selection)?;
    }
    Ok(())
}

/// What picks and labels the rows of a pass: the owner walk (`-p`, process
/// conditions) and the user's filter with device names already turned into
/// this namespace's indexes.
#[derive(Clone, Copy)]
pub struct Selection<'a> {
    pub owners: Option<&'a Owners>,
    pub filter: Option<&'a Filter>,
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
fn shows(ctx: &Context, facts: &SocketFacts, selection: Selection) -> bool {
    let o = ctx.options;
    let listening = facts.state == states::LISTEN;
    (o.all || listening == o.listening)
        && selection.filter.is_none_or(|filter| {
            filter.matches_other(facts, selection.owners.map(|o| o as &dyn OwnerOf))
        })
}

/// The `-p` label of a row (empty without `-p`).
fn program(owners: Option<&Owners>, inode: u64) -> &[u8] {
    owners.map_or(b"", |owners| owners.label(inode))
}

/// How one section prints a row: its filter facts, its JSON view (given the
/// `-p` owner), its text line (given the `-p` label).
struct Printer<F, J, T> {
    facts: F,
    json: J,
    text: T,
}

impl<F, J, T> Printer<F, J, T> {
    /// Every row the listing rule and the filter keep, in table order.
    fn print<R>(mut self, ctx: &mut Context, selection: Selection, rows: &[R])
    where
        F: Fn(&R) -> SocketFacts,
        J: FnMut(&mut Context, &R, Option<Owner>),
        T: FnMut(&mut Context, &mut Vec<u8>, &R, &[u8]),
    {
        let owners = selection.owners;
        let mut line = Vec::new();
        for row in rows {
            let facts = (self.facts)(row);
            if !shows(ctx, &facts, selection) {
                continue;
            }
            if ctx.json() {
                let owner = owners.map(|owners| owner(owners, facts.inode));
                (self.json)(ctx, row, owner);
                continue;
            }
            line.clear();
            (self.text)(ctx, &mut line, row, program(owners, facts.inode));
            ctx.out.bytes(&line);
        }
    }
}

/// Facts of a socket that has no connections (packet, netlink).
fn unconnected(inode: u64, uid: Option<u32>, interface: u32) -> SocketFacts {
    SocketFacts {
        state: states::CLOSE,
        inode,
        uid,
        interface,
    }
}

fn packet(ctx: &mut Context, selection: Selection) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("packet", &render::packet_header(o));
    let rows = source::packet(Preference::from_env());
    let Some(table) = table(ctx, "AF PACKET", rows)? else {
        return Ok(());
    };
    // Each interface is named once, whatever the number of its sockets.
    let mut interfaces: HashMap<u32, Option<Vec<u8>>> = HashMap::new();
    for row in table.rows.iter().filter(|row| row.ifindex != 0) {
        interfaces
            .entry(row.ifindex)
            .or_insert_with(|| interface_name(row.ifindex));
    }
    let name = |index: u32| interfaces.get(&index).and_then(Option::as_deref);
    let numeric = o.numeric_hosts || o.numeric_ports;
    Printer {
        facts: |row: &PacketSocket| unconnected(row.inode, Some(row.uid), row.ifindex),
        json: |ctx: &mut Context, row: &PacketSocket, owner: Option<Owner<'_>>| {
            let named = o.extended() && !o.numeric_users;
            let user = named.then(|| ctx.names.user(i64::from(row.uid))).flatten();
            let mut view = json::Packet::new(row);
            view.protocol_name = ethertype_name(row.protocol).filter(|_| !numeric);
            view.ifname = name(row.ifindex).map(|name| Text::new("ifname", name));
            view.user = user.as_deref().map(|name| Text::new("user", name));
            view.owner = owner;
            view.memory = row.memory.filter(|_| o.memory).map(MemoryView);
            ctx.row(&view);
        },
        text: |ctx: &mut Context, line: &mut Vec<u8>, row: &PacketSocket, program: &[u8]| {
            let user = if o.extended() {
                ctx.names.users.name(i64::from(row.uid), o.numeric_users)
            } else {
                Vec::new()
            };
            // `*` for every interface; the index of one that is gone.
            let iface = match (row.ifindex, name(row.ifindex)) {
                (0, _) => b"*".to_vec(),
                (_, Some(name)) => name.to_vec(),
                (index, None) => index.to_string().into_bytes(),
            };
            let tail = Tail {
                user: &user,
                program,
            };
            render::packet_row(line, o, row, &iface, &tail);
            if let Some(memory) = row.memory.filter(|_| o.memory) {
                memory_line(line, memory);
            }
        },
    }
    .print(ctx, selection, &table.rows);
    Ok(())
}

fn netlink(ctx: &mut Context, selection: Selection) -> Result<(), Fatal> {
    let o = ctx.options;
    ctx.table("netlink", &render::netlink_header(o));
    let rows = source::netlink(Preference::from_env());
    let Some(table) = table(ctx, "AF NETLINK", rows)? else {
        return Ok(());
    };
    let numeric = o.numeric_hosts || o.numeric_ports;
    Printer {
        facts: |row: &NetlinkSocket| unconnected(row.inode, None, 0),
        json: |ctx: &mut Context, row: &NetlinkSocket, owner: Option<Owner<'_>>| {
            let name = netlink_protocol_name(row.protocol).filter(|_| !numeric);
            let mut view = json::Netlink::new(row, name);
            view.owner = owner;
            view.memory = row.memory.filter(|_| o.memory).map(MemoryView);
            ctx.row(&view);
        },
        text: |_: &mut Context, line: &mut Vec<u8>, row: &NetlinkSocket, program: &[u8]| {
            let tail = Tail { user: b"", program };
            render::netlink_row(line, o, row, &tail);
            if let Some(memory) = row.memory.filter(|_| o.memory) {
                memory_line(line, memory);
            }
        },
    }
    .print(ctx, selection, &table.rows);
    Ok(())
}

fn vsock(ctx: &mut Context, selection: Selection) -> Result<(), Fatal> {
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
    Printer {
        facts: |row: &VsockSocket| SocketFacts {
            state: u32::from(row.state),
            inode: row.inode,
            uid: None,
            interface: 0,
        },
        json: |ctx: &mut Context, row: &VsockSocket, owner: Option<Owner<'_>>| {
            let mut view = json::Vsock::new(row);
            view.owner = owner;
            ctx.row(&view);
        },
        text: |_: &mut Context, line: &mut Vec<u8>, row: &VsockSocket, program: &[u8]| {
            let tail = Tail { user: b"", program };
            render::vsock_row(line, o, row, &tail);
        },
    }
    .print(ctx, selection, &table.rows);
    Ok(())
}
