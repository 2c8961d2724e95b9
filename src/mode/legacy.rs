//! IPX, AX.25, X.25, NET/ROM and ROSE socket sections (spec §3.11, §3.12).

use super::{Context, no_support};
use crate::error::Fatal;
use crate::model::legacy::{Entry, IpxPortMissing};
use crate::render::json::legacy as json;
use crate::render::legacy as render;
use crate::source::proc::{self, ReadError};
use serde::Serialize;
use std::io::{self, Read};

const IPX_SOCKET: &str = "/proc/net/ipx/socket";
/// 2.2 kernels: the IPX socket table itself.
const IPX_OLD: &str = "/proc/net/ipx";
const AX25: &str = "/proc/net/ax25";
const X25: &str = "/proc/net/x25";
const NETROM: &str = "/proc/net/nr";
const ROSE: &str = "/proc/net/rose";

/// Every selected legacy section, in net-tools' order; the first failing
/// one ends the listing with its status.
pub fn sections(ctx: &mut Context) -> Result<(), Fatal> {
    let selected = ctx.options.families;
    let all = ctx.options.explicit == 0;
    if all || selected.ipx {
        ipx(ctx)?;
    }
    if all || selected.ax25 {
        ax25(ctx)?;
    }
    if all || selected.x25 {
        x25(ctx)?;
    }
    if all || selected.netrom {
        netrom(ctx)?;
    }
    if all || selected.rose {
        rose(ctx)?;
    }
    Ok(())
}

/// Read a family's file. A missing file is the "no support" case; another
/// open error is fatal (`perror`, status 255). A file that opens but cannot
/// be read (X.25's directory on 2.6+ kernels) reads as empty: 2.10's
/// `fgets` simply finds nothing.
fn open(ctx: &Context, path: &str, family: &str) -> Result<Option<Vec<u8>>, Fatal> {
    match proc::read(path) {
        Ok(data) => Ok(Some(data)),
        Err(ReadError::Read(_)) => Ok(Some(Vec::new())),
        Err(e) if e.is_missing() => no_support(ctx.options, family, false).map(|()| None),
        Err(e) => Err(Fatal::perror(path, e.io())),
    }
}

/// A legacy family's table printed whole: its JSON key and row view, its
/// text header and row printer. The socket sections and the route tables
/// ([`super::legacy_routes`]) share it.
pub(super) struct Table<'r, T, V> {
    pub key: &'static str,
    pub view: fn(&'r T) -> V,
    pub header: &'static str,
    pub row: fn(&mut Vec<u8>, &T),
}

impl<'r, T, V: Serialize> Table<'r, T, V> {
    /// Print the lines of a file: each a row, or `None` for a line net-tools
    /// could not parse, which `unreadable` writes into the text and JSON
    /// leaves out. The text goes out in one write.
    pub fn print(
        self,
        ctx: &mut Context,
        lines: impl Iterator<Item = Option<&'r T>>,
        unreadable: impl Fn(&mut Vec<u8>),
    ) {
        if ctx.json() {
            ctx.table(self.key, b"");
            for row in lines.flatten() {
                ctx.row(&(self.view)(row));
            }
            return;
        }
        let mut text = self.header.as_bytes().to_vec();
        for line in lines {
            match line {
                Some(row) => (self.row)(&mut text, row),
                None => unreadable(&mut text),
            }
        }
        ctx.out.bytes(&text);
    }
}

/// A socket table's lines for [`Table::print`], with the message of an
/// unreadable one.
fn print_entries<'r, T, V: Serialize>(
    ctx: &mut Context,
    table: Table<'r, T, V>,
    entries: &'r [Entry<T>],
    path: &str,
    capital: bool,
) {
    // Under a filter the rows go (it cannot test them); unreadable lines stay.
    let rows = ctx.options.lists_unfilterable_rows();
    let lines = entries.iter().filter_map(|entry| match entry {
        Entry::Row(row) => rows.then_some(Some(row)),
        Entry::Unreadable => Some(None),
    });
    table.print(ctx, lines, |text| render::unreadable(text, path, capital));
}

fn ax25(ctx: &mut Context) -> Result<(), Fatal> {
    if let Some(data) = open(ctx, AX25, "AF AX25")? {
        let table = proc::ax25::parse_sockets(&data);
        let capital = render::ax25_capital(table.layout);
        let printer = Table {
            key: "ax25",
            view: json::LinkSocket::ax25,
            header: render::AX25_HEADER,
            row: render::ax25_row,
        };
        print_entries(ctx, printer, &table.entries, AX25, capital);
    }
    Ok(())
}

fn netrom(ctx: &mut Context) -> Result<(), Fatal> {
    if let Some(data) = open(ctx, NETROM, "AF NETROM")? {
        let entries = proc::netrom::parse_sockets(&data);
        let printer = Table {
            key: "netrom",
            view: json::LinkSocket::netrom,
            header: render::NETROM_HEADER,
            row: render::netrom_row,
        };
        print_entries(ctx, printer, &entries, NETROM, true);
    }
    Ok(())
}

fn rose(ctx: &mut Context) -> Result<(), Fatal> {
    if let Some(data) = open(ctx, ROSE, "AF ROSE")? {
        let entries = proc::rose::parse_sockets(&data);
        let printer = Table {
            key: "rose",
            view: json::Rose::new,
            header: render::ROSE_HEADER,
            row: render::rose_row,
        };
        print_entries(ctx, printer, &entries, ROSE, true);
    }
    Ok(())
}

fn x25(ctx: &mut Context) -> Result<(), Fatal> {
    let Some(data) = open(ctx, X25, "AF X25")? else {
        return Ok(());
    };
    let mut text = Vec::new();
    ctx.table("x25", render::X25_HEADER.as_bytes());
    let rows = ctx.options.lists_unfilterable_rows();
    for row in proc::x25::parse_sockets(&data).into_iter().filter(|_| rows) {
        // Sockets without a logical channel (listeners) need -a.
        if !ctx.options.all && row.lci == 0 {
            continue;
        }
        if ctx.json() {
            ctx.row(&json::LinkSocket::x25(&row));
        } else {
            render::x25_row(&mut text, &row);
        }
    }
    ctx.out.bytes(&text);
    Ok(())
}

fn ipx(ctx: &mut Context) -> Result<(), Fatal> {
    let Some(data) = open_ipx(ctx)? else {
        return Ok(());
    };
    let o = ctx.options;
    let table = proc::ipx::parse_sockets(&data);
    let mut text = Vec::new();
    ctx.table("ipx", &render::ipx_header(o.extended()));
    let rows = o.lists_unfilterable_rows();
    for row in table.rows.iter().filter(|_| rows) {
        // getpwuid gets the unsigned uid; the fallback prints it with %d.
        let uid = i64::from(row.uid as i32);
        if ctx.json() {
            let user = (o.extended() && !o.numeric_users)
                .then(|| ctx.names.user(uid))
                .flatten();
            ctx.row(&json::Ipx::new(row, user.as_deref()));
            continue;
        }
        let user = o
            .extended()
            .then(|| ctx.names.users.name(uid, o.numeric_users));
        render::ipx_row(&mut text, row, user.as_deref());
    }
    ctx.out.bytes(&text);
    match table.error {
        None => Ok(()),
        Some(missing) => {
            let end = match missing {
                IpxPortMissing::Source => "source",
                IpxPortMissing::Destination => "destination",
            };
            Err(Fatal::new(
                255,
                format!("netstat.c: Internal Error `ipx socket format error in {end} port'."),
            ))
        }
    }
}

/// `/proc/net/ipx/socket`, and only when that is missing the 2.2 file
/// `/proc/net/ipx`, which counts only as a regular file (on 2.4+ kernels it
/// is the directory). When `/proc/net/ipx` is a file, opening
/// `/proc/net/ipx/socket` fails with ENOTDIR, which is fatal (spec §9 #23).
fn open_ipx(ctx: &Context) -> Result<Option<Vec<u8>>, Fatal> {
    match proc::read(IPX_SOCKET) {
        Ok(data) => return Ok(Some(data)),
        Err(ReadError::Read(_)) => return Ok(Some(Vec::new())),
        Err(e) if !e.is_missing() => return Err(Fatal::perror(IPX_SOCKET, e.io())),
        Err(_) => {}
    }
    match read_regular(IPX_OLD) {
        Ok(Some(data)) => Ok(Some(data)),
        // Not a regular file: the ENOENT of the first open stands.
        Ok(None) => no_support(ctx.options, "AF IPX", false).map(|()| None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            no_support(ctx.options, "AF IPX", false).map(|()| None)
        }
        Err(e) => Err(Fatal::perror(IPX_OLD, &e)),
    }
}

/// The contents of a regular file (`None` for anything else); a read error
/// after a successful open reads as an empty file.
fn read_regular(path: &str) -> io::Result<Option<Vec<u8>>> {
    let mut file = match proc::open(path) {
        Ok(file) => file,
        Err(ReadError::Open(e) | ReadError::Read(e)) => return Err(e),
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let mut data = Vec::new();
    if file.read_to_end(&mut data).is_err() {
        data.clear();
    }
    Ok(Some(data))
}

/// A `Context` whose stdout is kept for inspection, for this mode's and the
/// route printers' unit tests.
#[cfg(test)]
pub(super) mod capture {
    use super::Context;
    use crate::cli::Options;
    use crate::names::Names;
    use crate::render::output::Kept;

    /// Run `f` on a fresh context and return what it wrote to stdout.
    pub fn stdout(options: &Options, f: impl FnOnce(&mut Context)) -> Vec<u8> {
        let kept = Kept::default();
        let mut out = kept.out();
        let mut names = Names::new();
        let mut ctx = Context {
            options,
            out: &mut out,
            names: &mut names,
            owners: None,
            json: options.json.then(Default::default),
        };
        f(&mut ctx);
        out.flush();
        kept.take()
    }
}
