//! `netstat -r`: the routing tables of every family in the `-A` list, in
//! order (spec §4).

use super::{Context, legacy_routes, repeat};
use crate::error::{Fatal, perror_text, strerror, warn};
use crate::model::route::flags;
use crate::names::hosts::{Ipv4Style, SOCKET_MASK};
use crate::render::json::routes as json;
use crate::render::routes as render;
use crate::source::proc::{self, ReadError, ipv6_route, ndisc, route, rt_cache};

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    repeat(ctx, pass)
}

/// One walk over the family list; the first failing family ends it.
fn pass(ctx: &mut Context) -> Result<(), Fatal> {
    let mut walk = Walk::default();
    let mut walked = Vec::new();
    for family in ctx.options.route_families() {
        // A family named twice prints its tables twice in the text; a JSON
        // document cannot hold a key twice, and the second copy says nothing new.
        if ctx.json() && walked.contains(&family) {
            continue;
        }
        walked.push(family.clone());
        match family.as_str() {
            "inet" => walk.ipv4(ctx)?,
            "inet6" => ipv6(ctx)?,
            "ax25" | "netrom" | "rose" | "ipx" | "x25" | "ddp" => {
                legacy_routes::print(ctx, &family)?
            }
            // Families net-tools knows but has no route printer for.
            "unix" | "ec" | "ash" => {
                return Err(Fatal::new(
                    3,
                    format!("No routing for address family `{family}'."),
                ));
            }
            _ => {
                return Err(Fatal::new(
                    3,
                    format!("Address family `{family}' not supported."),
                ));
            }
        }
    }
    Ok(())
}

/// Which tables `-F`/`-C` ask for: the FIB unless only the cache is asked
/// for; with both, the FIB first.
fn tables(ctx: &Context) -> (bool, bool) {
    let o = ctx.options;
    (o.fib || !o.cache, o.cache)
}

/// `-n`, `--numeric-hosts` and `-N` all make route addresses numeric.
fn numeric(ctx: &Context) -> bool {
    ctx.options.numeric_hosts || ctx.options.symbolic
}

fn level(ctx: &Context) -> u8 {
    render::detail_level(ctx.options.extend)
}

/// `perror(path)` plus net-tools' "not configured" line on stdout (text
/// only), status 1.
fn not_configured(
    ctx: &mut Context,
    path: &str,
    err: &std::io::Error,
    what: &str,
) -> Result<(), Fatal> {
    ctx.text(format!("{what} not configured in this system.\n").as_bytes());
    Err(Fatal::new(1, perror_text(path, err)))
}

/// Read a route file; the error is the failed open (the caller reports it).
/// A file that opens but cannot be read (a directory) reads as empty, as
/// `fgets` makes it for net-tools.
fn read(path: &str) -> Result<Vec<u8>, std::io::Error> {
    match proc::read(path) {
        Ok(data) => Ok(data),
        Err(ReadError::Open(e)) => Err(e),
        Err(ReadError::Read(_)) => Ok(Vec::new()),
    }
}

/// State that one walk shares between the IPv4 printers.
#[derive(Default)]
struct Walk {
    /// net-tools reports an empty `/proc/net/rt_cache` with `perror` and a
    /// stale `errno`: still ENOENT from start-up, unless an IPv4 FIB before
    /// it made `sscanf` reach the end of a line or asked the name service,
    /// which leave `errno` at 0.
    errno_cleared: bool,
}

impl Walk {
    fn ipv4(&mut self, ctx: &mut Context) -> Result<(), Fatal> {
        let (fib, cache) = tables(ctx);
        if fib {
            self.ipv4_fib(ctx)?;
        }
        if cache {
            self.ipv4_cache(ctx)?;
        }
        Ok(())
    }

    fn ipv4_fib(&mut self, ctx: &mut Context) -> Result<(), Fatal> {
        let data = match read(route::PATH) {
            Ok(data) => data,
            Err(e) => return not_configured(ctx, route::PATH, &e, "INET (IPv4)"),
        };
        let level = level(ctx);
        ctx.text(render::FIB_TITLE.as_bytes());
        ctx.table("routes", render::fib_header(level).as_bytes());
        let table = match route::parse(&data) {
            Ok(table) => table,
            Err(route::Problem::NoHeader) => return Err(Fatal::silent(1)),
            Err(route::Problem::Header(problem)) => {
                return Err(Fatal::new(1, problem.warning(route::PATH)));
            }
        };
        let numeric = numeric(ctx);
        self.errno_cleared |= table.reached_end || (!numeric && !table.rows.is_empty());
        // Level 0 prints titles only, in JSON too.
        if level == 0 {
            return Ok(());
        }
        let gateway_style = Ipv4Style {
            numeric,
            force_host: true,
            ..Ipv4Style::default()
        };
        let mut line = Vec::with_capacity(128);
        for row in &table.rows {
            let mask_bits = u32::from_ne_bytes(row.mask.octets());
            let destination_style = Ipv4Style {
                numeric,
                default_name: true,
                force_host: row.flags & flags::HOST != 0,
            };
            // A reject route prints no gateway, so none is looked up.
            let reject = row.flags & flags::REJECT != 0;
            if ctx.json() {
                let names = &mut *ctx.names;
                let destination = (!numeric)
                    .then(|| names.route_host(row.destination, mask_bits, destination_style))
                    .flatten();
                let gateway = (!numeric && !reject)
                    .then(|| names.route_host(row.gateway, SOCKET_MASK, gateway_style))
                    .flatten();
                ctx.row(&json::Route::new(
                    row,
                    [destination.as_deref(), gateway.as_deref()],
                ));
                continue;
            }
            // net-tools cuts each address text at 15 bytes, even with -W.
            let cut = |mut text: Vec<u8>| {
                text.truncate(15);
                text
            };
            let destination =
                cut(ctx
                    .names
                    .hosts
                    .ipv4(row.destination, mask_bits, destination_style));
            let gateway = if reject {
                Vec::new()
            } else {
                cut(ctx
                    .names
                    .hosts
                    .ipv4(row.gateway, SOCKET_MASK, gateway_style))
            };
            let mask = row.mask.to_string().into_bytes();
            line.clear();
            render::fib_row(
                &mut line,
                level,
                row,
                &render::FibTexts {
                    destination: &destination,
                    gateway: &gateway,
                    mask: &mask,
                },
            );
            ctx.out.bytes(&line);
        }
        Ok(())
    }

    fn ipv4_cache(&mut self, ctx: &mut Context) -> Result<(), Fatal> {
        let path = rt_cache::PATH;
        let data = match proc::read(path) {
            Ok(data) => data,
            Err(ReadError::Open(e)) => return not_configured(ctx, path, &e, "INET (IPv4)"),
            Err(ReadError::Read(e)) => {
                ctx.text(render::CACHE_TITLE.as_bytes());
                return Err(Fatal::perror(path, &e));
            }
        };
        let Some(table) = rt_cache::parse(&data) else {
            // No first line: net-tools reports the failed read with whatever
            // errno holds, then exits.
            ctx.text(render::CACHE_TITLE.as_bytes());
            let text = if self.errno_cleared {
                "Success".to_string()
            } else {
                strerror(&std::io::Error::from_raw_os_error(libc::ENOENT))
            };
            let path = proc::shown_path(path);
            return Err(Fatal::new(255, format!("{path}: {text}")));
        };
        let level = level(ctx);
        ctx.text(render::CACHE_TITLE.as_bytes());
        if table.layout.is_none() {
            ctx.text(render::cache_layout_error(table.guess).as_bytes());
        }
        ctx.table(
            "route_cache",
            render::cache_header(level, table.layout).as_bytes(),
        );
        if let Some(problem) = &table.header_problem {
            warn(&problem.warning(path));
        }
        // With an unknown layout net-tools prints rows of uninitialised
        // memory; none are printed here.
        let Some(layout) = table.layout else {
            return Ok(());
        };
        if level == 0 {
            return Ok(());
        }
        let numeric = numeric(ctx);
        let mut line = Vec::with_capacity(160);
        for row in &table.rows {
            if ctx.json() {
                let names = &mut *ctx.names;
                let hosts =
                    [row.source, row.destination, row.gateway, row.spec_dst].map(|address| {
                        (!numeric)
                            .then(|| names.socket_host(address.into()))
                            .flatten()
                    });
                let [a, b, c, d] = hosts.each_ref().map(Option::as_deref);
                ctx.row(&json::CachedRouteView::new(row, layout, [a, b, c, d]));
                continue;
            }
            let mut text = |address| ctx.names.hosts.ipv4_socket(address, numeric);
            let source = text(row.source);
            let destination = text(row.destination);
            let gateway = text(row.gateway);
            let spec_dst = text(row.spec_dst);
            line.clear();
            render::cache_row(
                &mut line,
                level,
                layout,
                row,
                &render::CacheTexts {
                    source: &source,
                    destination: &destination,
                    gateway: &gateway,
                    spec_dst: &spec_dst,
                },
            );
            ctx.out.bytes(&line);
        }
        Ok(())
    }
}

fn ipv6(ctx: &mut Context) -> Result<(), Fatal> {
    let (fib, cache) = tables(ctx);
    if fib {
        ipv6_table(ctx, false)?;
    }
    if cache {
        // The neighbour cache of early kernels, when its file opens; the
        // routing cache rows of the IPv6 table otherwise.
        match proc::read(ndisc::PATH) {
            Ok(data) => neighbours(ctx, &data),
            Err(ReadError::Read(_)) => neighbours(ctx, b""),
            Err(ReadError::Open(_)) => ipv6_table(ctx, true)?,
        }
    }
    Ok(())
}

/// The IPv6 FIB, or with `cache` the rows flagged RTF_CACHE. The detail
/// level does not apply.
fn ipv6_table(ctx: &mut Context, cache: bool) -> Result<(), Fatal> {
    let data = match read(ipv6_route::PATH) {
        Ok(data) => data,
        Err(e) => return not_configured(ctx, ipv6_route::PATH, &e, "INET6 (IPv6)"),
    };
    let (title, key) = if cache {
        (render::IPV6_CACHE_TITLE, "route_cache6")
    } else {
        (render::IPV6_FIB_TITLE, "routes6")
    };
    ctx.text(title.as_bytes());
    ctx.table(key, render::IPV6_HEADER.as_bytes());
    let numeric = numeric(ctx);
    let mut line = Vec::with_capacity(128);
    for row in ipv6_route::parse(&data) {
        if (row.flags & flags::CACHE != 0) != cache {
            continue;
        }
        if ctx.json() {
            let mut host = |address: std::net::Ipv6Addr| {
                (!numeric)
                    .then(|| ctx.names.socket_host(address.into()))
                    .flatten()
            };
            let (destination, next_hop) = (host(row.destination), host(row.next_hop));
            ctx.row(&json::Route6::new(
                &row,
                [destination.as_deref(), next_hop.as_deref()],
            ));
            continue;
        }
        let destination = ctx.names.hosts.ipv6(row.destination, numeric, b"[::]");
        let next_hop = ctx.names.hosts.ipv6(row.next_hop, numeric, b"[::]");
        line.clear();
        render::ipv6_row(&mut line, &row, &destination, &next_hop);
        ctx.out.bytes(&line);
    }
    Ok(())
}

fn neighbours(ctx: &mut Context, data: &[u8]) {
    let level = level(ctx);
    ctx.text(render::NDISC_TITLE.as_bytes());
    ctx.table("neighbours", render::ndisc_header(level).as_bytes());
    let numeric = numeric(ctx);
    let mut line = Vec::with_capacity(160);
    for row in ndisc::parse(data) {
        if ctx.json() {
            let host = (!numeric)
                .then(|| ctx.names.socket_host(row.address.into()))
                .flatten();
            ctx.row(&json::NeighbourView::new(&row, host.as_deref()));
            continue;
        }
        let address = ctx.names.hosts.ipv6(row.address, numeric, b"[::]");
        line.clear();
        render::ndisc_row(&mut line, level, &row, &address);
        ctx.out.bytes(&line);
    }
}
