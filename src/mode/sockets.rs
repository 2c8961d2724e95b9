//! The default mode: every selected socket section in net-tools' order (spec §3.1).

use super::socket_tables::{owner, pair_rule};
use super::{Context, legacy, no_support, repeat};
use crate::cli::{Netns, Options};
use crate::error::{Fatal, warn};
use crate::filter::{Absent, Filter, OwnerOf};
use crate::model::{InetProto, InetSocket};
use crate::names::ServiceList;
use crate::render::details::{Style, details_line, memory_line};
use crate::render::json::details as json_details;
use crate::render::json::{Text, sockets as json};
use crate::render::sockets as render;
use crate::source::owners::Owners;
use crate::source::proc;
use crate::source::sockets::{
    Extensions, InetTable, Item, Preference, Query, Sockets, SourceError,
};
use crate::source::unix_memory::UnixMemory;
use std::net::IpAddr;
use std::sync::Arc;

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    repeat(ctx, pass)
}

/// Per-pass state: the `-p` map is built lazily, once per pass (or taken
/// from the sweep of `--all-netns`); the socket tables' reader keeps its
/// netlink socket for the pass; the user's filter with its device names
/// looked up in this pass's network namespace.
#[derive(Default)]
struct Pass {
    owners: Option<Arc<Owners>>,
    shared_owners: Option<Arc<Owners>>,
    sockets: Sockets,
    filter: Option<Filter>,
}

impl Pass {
    /// The owner map of this pass, walked at the first call (or the sweep's).
    fn owners(&mut self, options: &Options) -> &Owners {
        self.owners.get_or_insert_with(|| {
            let owners = self
                .shared_owners
                .take()
                .unwrap_or_else(|| Arc::new(scan_owners(options)));
            if let Some(note) = owners.note() {
                warn(&note);
            }
            owners
        })
    }
}

/// `-p`, or a filter on process owners.
pub(super) fn needs_owners(o: &Options) -> bool {
    o.programs || o.filter.as_ref().is_some_and(Filter::needs_owners)
}

/// The owner walk: every process, or only those a `--pid` filter allows.
pub(super) fn scan_owners(options: &Options) -> Owners {
    match options.filter.as_ref().and_then(Filter::only_pids) {
        Some(pids) => Owners::scan_pids(&pids),
        None => Owners::scan(),
    }
}

fn pass(ctx: &mut Context) -> Result<(), Fatal> {
    let o = ctx.options;
    let p = o.protocols;
    let all = o.explicit == 0;
    let mut state = Pass {
        shared_owners: ctx.owners.clone(),
        ..Pass::default()
    };
    state.filter = local_filter(o, &state.sockets)?;
    if o.kill {
        // Only TCP sockets are closed, so only they are listed.
        if needs_owners(o) {
            state.owners(o);
        }
        ctx.table("inet", &render::inet_header(o));
        return inet_section(ctx, &mut state, InetProto::Tcp);
    }
    if all || p.tcp || p.sctp || p.udp || p.udplite || p.raw || p.mptcp {
        if needs_owners(o) {
            state.owners(o);
        }
        ctx.table("inet", &render::inet_header(o));
    }
    if all || p.tcp {
        inet_section(ctx, &mut state, InetProto::Tcp)?;
    }
    if p.mptcp {
        inet_section(ctx, &mut state, InetProto::Mptcp)?;
    }
    if all || p.sctp {
        super::sctp::section(ctx, state.owners.as_deref())?;
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
    let f = o.families;
    if f.packet || f.netlink || f.vsock {
        if needs_owners(o) {
            state.owners(o);
        }
        super::families::sections(
            ctx,
            super::families::Selection {
                owners: state.owners.as_deref(),
                filter: state.filter.as_ref(),
            },
        )?;
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

/// The user's filter with device names turned into this network namespace's
/// indexes. A filter the Internet tables listed cannot apply (see
/// `Sockets::refuses_filter`) is an error before anything is printed, and
/// so is a device this namespace does not have, except with `--all-netns`:
/// a device of some namespaces holds no socket in the others.
fn local_filter(o: &Options, sockets: &Sockets) -> Result<Option<Filter>, Fatal> {
    let absent = match o.netns {
        Netns::All => Absent::MatchesNothing,
        _ => Absent::Error,
    };
    let filter = o
        .filter
        .as_ref()
        .map(|filter| filter.with_interface_indexes(absent))
        .transpose()
        .map_err(|e| Fatal::new(1, e.to_string()))?;
    let p = o.protocols;
    // `--kill` lists TCP only.
    let all = o.explicit == 0 && !o.kill;
    let listed = [
        (p.tcp || o.kill, InetProto::Tcp),
        (p.udp, InetProto::Udp),
        (p.udplite, InetProto::UdpLite),
        (p.raw, InetProto::Raw),
    ];
    let query = Query::from_options(o);
    match listed
        .into_iter()
        .filter(|&(chosen, _)| all || chosen)
        .find_map(|(_, proto)| sockets.refuses_filter(proto, &query))
    {
        Some(why) => Err(Fatal::new(1, why)),
        None => Ok(filter),
    }
}

/// Open one `/proc` table the way the generic reader does (spec §3.11):
/// `Ok(None)` for a missing or forbidden file, an error for anything else.
fn open_table(path: &str) -> Result<Option<std::fs::File>, Fatal> {
    match proc::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.is_missing_or_denied() => Ok(None),
        Err(e) => Err(Fatal::perror(path, e.io())),
    }
}

fn inet_section(ctx: &mut Context, state: &mut Pass, proto: InetProto) -> Result<(), Fatal> {
    let (v4_path, v6_path) = proc::inet::paths(proto);
    let family = format!("AF INET ({})", proto.name());
    pair_rule(ctx, [v4_path, v6_path], &family, |ctx, ipv6| {
        inet_table(ctx, state, proto, ipv6)
    })
}

/// Print one table (`ipv6` picks the `tcp6`-style one). With numeric hosts
/// each row is printed as it is read; otherwise the table is collected so
/// that its distinct addresses are resolved together before the first row.
fn inet_table(
    ctx: &mut Context,
    state: &mut Pass,
    proto: InetProto,
    ipv6: bool,
) -> Result<(), SourceError> {
    let o = ctx.options;
    let owners = state.owners.as_deref();
    let query = Query {
        owners,
        filter: state.filter.as_ref(),
        ..Query::from_options(o)
    };
    let mut printer = InetPrinter::new(proto);
    if o.kill {
        let mut table = state.sockets.inet(proto, ipv6, &query)?;
        let closed = state.sockets.close(&mut table);
        print_table(ctx, owners, &mut printer, &table);
        return closed;
    }
    if o.numeric_hosts {
        return state
            .sockets
            .each_inet(proto, ipv6, &query, &mut |item| match item {
                Item::Row(row, extensions) => printer.print(ctx, owners, row, extensions),
                Item::Bogus => warn(proc::inet::bogus_warning(proto)),
            });
    }
    let table = state.sockets.inet(proto, ipv6, &query)?;
    print_table(ctx, owners, &mut printer, &table);
    Ok(())
}

/// Print a collected table, its distinct addresses resolved together first.
fn print_table(
    ctx: &mut Context,
    owners: Option<&Owners>,
    printer: &mut InetPrinter,
    table: &InetTable,
) {
    let proto = printer.proto;
    for _ in 0..table.bogus_lines {
        warn(proc::inet::bogus_warning(proto));
    }
    if !ctx.options.numeric_hosts {
        ctx.names
            .hosts
            .prefetch_sockets(table.iter().flat_map(|row| [row.local, row.remote]));
    }
    for (i, row) in table.iter().enumerate() {
        printer.print(ctx, owners, &row, table.extensions(i));
    }
}

/// Formats Internet rows into one set of buffers reused for every row.
struct InetPrinter {
    proto: InetProto,
    list: ServiceList,
    line: Vec<u8>,
    local: Vec<u8>,
    remote: Vec<u8>,
    user: Vec<u8>,
    host: Vec<u8>,
    port: Vec<u8>,
}

impl InetPrinter {
    fn new(proto: InetProto) -> Self {
        InetPrinter {
            proto,
            list: match proto {
                InetProto::Tcp | InetProto::Mptcp => ServiceList::Tcp,
                InetProto::Raw => ServiceList::Raw,
                InetProto::Udp | InetProto::UdpLite => ServiceList::Udp,
            },
            line: Vec::with_capacity(256),
            local: Vec::new(),
            remote: Vec::new(),
            user: Vec::new(),
            host: Vec::new(),
            port: Vec::new(),
        }
    }

    fn print(
        &mut self,
        ctx: &mut Context,
        owners: Option<&Owners>,
        row: &InetSocket,
        extensions: Extensions<'_>,
    ) {
        if ctx.json() {
            return self.print_json(ctx, owners, row, extensions);
        }
        let o = ctx.options;
        let scratch = (&mut self.host, &mut self.port);
        self.local.clear();
        endpoint(
            ctx,
            row.local,
            row.local_port,
            self.list,
            scratch,
            &mut self.local,
        );
        let scratch = (&mut self.host, &mut self.port);
        self.remote.clear();
        endpoint(
            ctx,
            row.remote,
            row.remote_port,
            self.list,
            scratch,
            &mut self.remote,
        );
        self.user.clear();
        if o.extended() {
            ctx.names
                .users
                .write_name(row.uid, o.numeric_users, &mut self.user);
        }
        let program = owners.map_or(&b""[..], |owners| owners.label(row.inode));
        self.line.clear();
        render::inet_row(
            &mut self.line,
            o,
            row,
            &render::RowNames {
                local: &self.local,
                remote: &self.remote,
                user: &self.user,
                program,
            },
        );
        if o.details() {
            let listening = row.state == u32::from(crate::source::netlink::sock_diag::TCP_LISTEN);
            let style = Style {
                numeric: o.numeric_ports,
                options: o.extended(),
            };
            details_line(&mut self.line, &extensions.details(), style, listening);
        }
        ctx.out.bytes(&self.line);
    }
}

impl InetPrinter {
    /// The structured row: numbers always, names where the text would look
    /// them up and found one.
    fn print_json(
        &self,
        ctx: &mut Context,
        owners: Option<&Owners>,
        row: &InetSocket,
        extensions: Extensions<'_>,
    ) {
        let o = ctx.options;
        let names = &mut *ctx.names;
        let host = |names: &mut crate::names::Names, address| {
            (!o.numeric_hosts)
                .then(|| names.socket_host(address))
                .flatten()
        };
        let service = |names: &mut crate::names::Names, port| {
            (!o.numeric_ports)
                .then(|| names.service(port, self.list))
                .flatten()
        };
        let local_host = host(names, row.local);
        let foreign_host = host(names, row.remote);
        let local_service = service(names, row.local_port);
        let foreign_service = service(names, row.remote_port);
        let user = (o.extended() && !o.numeric_users)
            .then(|| names.user(row.uid))
            .flatten();
        let mut view = json::Inet::new(row);
        view.local_host = local_host.as_deref().map(|n| Text::new("local_host", n));
        view.local_service = local_service
            .as_deref()
            .map(|n| Text::new("local_service", n));
        view.foreign_host = foreign_host
            .as_deref()
            .map(|n| Text::new("foreign_host", n));
        view.foreign_service = foreign_service
            .as_deref()
            .map(|n| Text::new("foreign_service", n));
        view.user = user.as_deref().map(|n| Text::new("user", n));
        view.owner = owners.map(|owners| owner(owners, row.inode));
        view.timer = o.timers.then(|| json::Timer::of(row));
        let details = extensions.details();
        if o.info && (details.tcp_info.is_some() || details.congestion.is_some()) {
            view.info = Some(json_details::Info {
                congestion: details.congestion,
                tcp_info: details.tcp_info,
                congestion_info: details.congestion_info,
            });
        }
        if o.memory {
            view.memory = details.memory.map(json_details::MemoryView);
        }
        ctx.row(&view);
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
    const PATH: &str = "/proc/net/unix";
    let o = ctx.options;
    if needs_owners(o) {
        state.owners(o);
    }
    // The header comes first, even when the file turns out to be missing.
    ctx.table("unix", &render::unix_header(o));
    let Some(mut file) = open_table(PATH)? else {
        return no_support(o, "AF UNIX", false);
    };
    let owners = state.owners.as_deref();
    let memory = unix_memory(o);
    let memory_of = |row: &crate::model::UnixSocket| {
        memory
            .as_ref()
            .zip(row.inode)
            .and_then(|(memory, inode)| memory.get(inode))
    };
    let mut line = Vec::with_capacity(256);
    proc::unix::for_each_row(&mut file, |row| {
        let Some(row) = row else {
            return warn(proc::unix::BOGUS_WARNING);
        };
        if !o.all && row.is_listening() != o.listening {
            return;
        }
        if let Some(filter) = &state.filter
            && !filter.matches_unix(&row, owners.map(|o| o as &dyn OwnerOf))
        {
            return;
        }
        if ctx.json() {
            let owner = owners.map(|owners| match row.inode {
                Some(inode) => owner(owners, inode),
                None => json::Owner::Unknown,
            });
            let mut view = json::Unix::new(&row, owner);
            view.memory = memory_of(&row).map(json_details::MemoryView);
            return ctx.row(&view);
        }
        let program = match (owners, row.inode) {
            (Some(owners), Some(inode)) => owners.label(inode),
            _ => b"-",
        };
        line.clear();
        render::unix_row(&mut line, o, &row, program);
        if let Some(memory) = memory_of(&row) {
            memory_line(&mut line, memory);
        }
        ctx.out.bytes(&line);
    })
    .map_err(|e| Fatal::perror(PATH, &e))
}

/// With `--memory`, the memory of every UNIX socket (joined to the `/proc`
/// rows by inode); none from a `/proc` fixture or `NETSTAT_SOURCE=proc`, or
/// when the kernel has no unix_diag (said once).
fn unix_memory(o: &Options) -> Option<UnixMemory> {
    if !o.memory || Preference::from_env() == Preference::Proc {
        return None;
    }
    UnixMemory::read().map_err(|message| warn(&message)).ok()
}
