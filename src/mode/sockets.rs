//! The default mode: every selected socket section in net-tools' order (spec §3.1).

use super::{Context, legacy, no_support, repeat};
use crate::error::{Fatal, warn};
use crate::model::InetProto;
use crate::names::ServiceList;
use crate::render::sockets as render;
use crate::source::owners::Owners;
use crate::source::proc::{self, ReadError};
use std::net::IpAddr;

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    repeat(ctx, pass)
}

/// Per-pass state: the `-p` map is built lazily, once per pass.
#[derive(Default)]
struct Pass {
    owners: Option<Owners>,
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
    let (v4_path, v6_path) = proc::inet::paths(proto);
    let family = format!("AF INET ({})", proto.name());
    read_pair(ctx, [v4_path, v6_path], &family, |ctx, data, ipv6| {
        print_inet(ctx, state, &proc::inet::parse(data, proto, ipv6));
    })
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

fn print_inet(ctx: &mut Context, state: &mut Pass, table: &proc::inet::Table) {
    let o = ctx.options;
    for warning in &table.warnings {
        warn(warning);
    }
    let list = match table.rows.first().map(|r| r.proto) {
        Some(InetProto::Tcp) => ServiceList::Tcp,
        Some(InetProto::Raw) => ServiceList::Raw,
        _ => ServiceList::Udp,
    };
    let mut line = Vec::with_capacity(256);
    for row in &table.rows {
        if !o.all && row.is_listening() != o.listening {
            continue;
        }
        let local = endpoint(ctx, row.local, row.local_port, list);
        let remote = endpoint(ctx, row.remote, row.remote_port, list);
        let user = if o.extended() {
            ctx.names.users.name(row.uid, o.numeric_users)
        } else {
            Vec::new()
        };
        let program = if o.programs {
            state.owners().label(row.inode).to_vec()
        } else {
            Vec::new()
        };
        line.clear();
        render::inet_row(
            &mut line,
            o,
            row,
            &render::RowNames {
                local: &local,
                remote: &remote,
                user: &user,
                program: &program,
            },
        );
        ctx.out.bytes(&line);
    }
}

/// `address:port` text of one end of a connection.
fn endpoint(ctx: &mut Context, address: IpAddr, port: u16, list: ServiceList) -> Vec<u8> {
    let o = ctx.options;
    let host = match address {
        IpAddr::V4(a) => ctx.names.hosts.ipv4_socket(a, o.numeric_hosts),
        IpAddr::V6(a) => ctx.names.hosts.ipv6(a, o.numeric_hosts, b"[::]"),
    };
    let port = ctx.names.services.port(port, list, o.numeric_ports);
    render::address_port(&host, &port, o.wide)
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
