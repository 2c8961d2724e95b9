//! The default mode: every selected socket section in net-tools' order (spec §3.1).

use super::{Context, legacy, no_support, repeat};
use crate::error::{Fatal, warn};
use crate::model::InetProto;
use crate::names::ServiceList;
use crate::render::sockets as render;
use crate::source::owners::Owners;
use crate::source::proc::{self, ReadError};
use crate::source::sockets::{InetTable, Query, Sockets, SourceError};
use std::net::IpAddr;

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    repeat(ctx, pass)
}

/// Per-pass state: the `-p` map is built lazily, once per pass; the socket
/// tables' reader keeps its netlink socket for the pass.
#[derive(Default)]
struct Pass {
    owners: Option<Owners>,
    sockets: Sockets,
}

impl Pass {
    fn owners(&mut self) -> &Owners {
        self.owners.get_or_insert_with(|| {
            let owners = Owners::scan();
            if let Some(note) = owners.note() {
                warn(&note);
            }
            owners
        })
    }
}

fn pass(ctx: &mut Context) -> Result<(), Fatal> {
    let o = ctx.options;
    let p = o.protocols;
    let all = o.explicit == 0;
    let mut state = Pass::default();
    if all || p.tcp || p.sctp || p.udp || p.udplite || p.raw {
        if o.programs {
            state.owners();
        }
        ctx.out.bytes(&render::inet_header(o));
    }
    if all || p.tcp {
        inet_section(ctx, &mut state, InetProto::Tcp)?;
    }
    if all || p.sctp {
        super::sctp::section(ctx, &mut |inode| state.owners().label(inode).to_vec())?;
    }
    if all || p.udp {
        inet_section(ctx, &mut state, InetProto::Udp)?;
    }
    if all || p.udplite {
        inet_section(ctx, &mut state, InetProto::UdpLite)?;
    }
    if all || p.raw {
        inet_section(ctx, &mut state, InetProto::Raw)?;
    }
    if o.groups {
        super::groups::section(ctx)?;
    }
    if all || o.families.unix {
        unix_section(ctx, &mut state)?;
    }
    legacy::sections(ctx)?;
    if !all && (p.l2cap || p.rfcomm) {
        return Err(Fatal::new(
            1,
            "netstat: feature `AF BLUETOOTH' not supported.\nPlease recompile `net-tools' with newer kernel source or full configuration.",
        ));
    }
    Ok(())
}

/// Read one `/proc` table the way the generic reader does (spec §3.11):
/// `Ok(None)` for a missing or forbidden file, an error for anything else.
fn read_table(path: &str) -> Result<Option<Vec<u8>>, Fatal> {
    match proc::read(path) {
        Ok(data) => Ok(Some(data)),
        Err(e) if e.is_missing_or_denied() => Ok(None),
        Err(e) => Err(Fatal::perror(path, e.io())),
    }
}

fn inet_section(ctx: &mut Context, state: &mut Pass, proto: InetProto) -> Result<(), Fatal> {
    let o = ctx.options;
    let (v4_path, v6_path) = proc::inet::paths(proto);
    let query = Query::from_options(o);
    let mut status = Ok(());
    // The same rules as `read_pair`, with rows from `source::sockets`.
    if o.explicit == 0 || o.families.inet {
        match state.sockets.inet(proto, false, &query) {
            Ok(table) => print_inet(ctx, state, proto, &table),
            Err(SourceError::Proc(e)) if e.is_missing_or_denied() => {
                let family = format!("AF INET ({})", proto.name());
                status = no_support(o, &family, o.no_protocol_given);
            }
            Err(e) => return Err(source_fatal(v4_path, e)),
        }
    }
    if o.explicit == 0 || o.families.inet6 {
        match state.sockets.inet(proto, true, &query) {
            Ok(table) => print_inet(ctx, state, proto, &table),
            Err(SourceError::Proc(ReadError::Open(_))) => {}
            Err(e) => return Err(source_fatal(v6_path, e)),
        }
    }
    status
}

fn source_fatal(path: &str, e: SourceError) -> Fatal {
    match e {
        SourceError::Proc(e) => Fatal::perror(path, e.io()),
        SourceError::Netlink(message) => Fatal::new(1, message),
    }
}

/// net-tools' generic reader for a protocol with an IPv4 and an IPv6 file
/// (spec §3.1, §3.11): the IPv4 file when inet is selected (or nothing is),
/// with the "no support" rule when it is missing; the IPv6 file likewise but
/// skipped silently when it cannot be opened. `each` gets a file's bytes and
/// whether it is the IPv6 one.
pub(super) fn read_pair(
    ctx: &mut Context,
    [v4_path, v6_path]: [&str; 2],
    family: &str,
    mut each: impl FnMut(&mut Context, &[u8], bool),
) -> Result<(), Fatal> {
    let o = ctx.options;
    let mut status = Ok(());
    if o.explicit == 0 || o.families.inet {
        match read_table(v4_path)? {
            Some(data) => each(ctx, &data, false),
            None => status = no_support(o, family, o.no_protocol_given),
        }
    }
    if o.explicit == 0 || o.families.inet6 {
        match proc::read(v6_path) {
            Ok(data) => each(ctx, &data, true),
            Err(ReadError::Read(e)) => return Err(Fatal::perror(v6_path, &e)),
            Err(ReadError::Open(_)) => {}
        }
    }
    status
}

fn print_inet(ctx: &mut Context, state: &mut Pass, proto: InetProto, table: &InetTable) {
    let o = ctx.options;
    for warning in &table.warnings {
        warn(warning);
    }
    let list = match proto {
        InetProto::Tcp => ServiceList::Tcp,
        InetProto::Raw => ServiceList::Raw,
        InetProto::Udp | InetProto::UdpLite => ServiceList::Udp,
    };
    if !o.numeric_hosts {
        ctx.names
            .hosts
            .prefetch_sockets(table.iter().flat_map(|row| [row.local, row.remote]));
    }
    if o.programs {
        state.owners();
    }
    let owners = state.owners.as_ref();
    // One set of buffers for the whole table: no allocation per row.
    let mut line = Vec::with_capacity(256);
    let (mut local, mut remote, mut user) = (Vec::new(), Vec::new(), Vec::new());
    let (mut host, mut port) = (Vec::new(), Vec::new());
    for row in table.iter() {
        local.clear();
        endpoint(
            ctx,
            row.local,
            row.local_port,
            list,
            (&mut host, &mut port),
            &mut local,
        );
        remote.clear();
        endpoint(
            ctx,
            row.remote,
            row.remote_port,
            list,
            (&mut host, &mut port),
            &mut remote,
        );
        user.clear();
        if o.extended() {
            ctx.names
                .users
                .write_name(row.uid, o.numeric_users, &mut user);
        }
        let program = owners.map_or(&b""[..], |owners| owners.label(row.inode));
        line.clear();
        render::inet_row(
            &mut line,
            o,
            &row,
            &render::RowNames {
                local: &local,
                remote: &remote,
                user: &user,
                program,
            },
        );
        ctx.out.bytes(&line);
    }
}

/// `address:port` text of one end of a connection, appended to `out`
/// (`scratch` holds the two parts before they are joined).
fn endpoint(
    ctx: &mut Context,
    address: IpAddr,
    port: u16,
    list: ServiceList,
    scratch: (&mut Vec<u8>, &mut Vec<u8>),
    out: &mut Vec<u8>,
) {
    let o = ctx.options;
    let (host, port_text) = scratch;
    host.clear();
    match address {
        IpAddr::V4(a) => ctx.names.hosts.write_ipv4_socket(a, o.numeric_hosts, host),
        IpAddr::V6(a) => ctx
            .names
            .hosts
            .write_ipv6(a, o.numeric_hosts, b"[::]", host),
    }
    port_text.clear();
    ctx.names
        .services
        .write_port(port, list, o.numeric_ports, port_text);
    render::write_address_port(out, host, port_text, o.wide);
}

fn unix_section(ctx: &mut Context, state: &mut Pass) -> Result<(), Fatal> {
    let o = ctx.options;
    if o.programs {
        state.owners();
    }
    // The header comes first, even when the file turns out to be missing.
    ctx.out.bytes(&render::unix_header(o));
    let Some(data) = read_table("/proc/net/unix")? else {
        return no_support(o, "AF UNIX", false);
    };
    let table = proc::unix::parse(&data);
    for warning in &table.warnings {
        warn(warning);
    }
    let mut line = Vec::with_capacity(256);
    for row in &table.rows {
        if !o.all && row.is_listening() != o.listening {
            continue;
        }
        let program = match (o.programs, row.inode) {
            (true, Some(inode)) => state.owners().label(inode).to_vec(),
            _ => b"-".to_vec(),
        };
        line.clear();
        render::unix_row(&mut line, o, row, &program);
        ctx.out.bytes(&line);
    }
    Ok(())
}
