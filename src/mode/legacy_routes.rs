//! `-r` for AX.25, NET/ROM, ROSE, IPX, X.25 and AppleTalk (spec §4.5): one
//! printer per family, called by the `-r` walk for each `-A` element.

use super::Context;
use super::legacy::Table;
use crate::error::{Fatal, perror_text, strerror, warn};
use crate::render::json::legacy as json;
use crate::render::legacy_routes as render;
use crate::source::proc::{self, ReadError};
use serde::Serialize;
use std::io;

const AX25_ROUTE: &str = "/proc/net/ax25_route";
const NR_NODES: &str = "/proc/net/nr_nodes";
const NR_NEIGH: &str = "/proc/net/nr_neigh";
const ROSE_NODES: &str = "/proc/net/rose_nodes";
const ROSE_NEIGH: &str = "/proc/net/rose_neigh";
const IPX_ROUTE: &str = "/proc/net/ipx/route";
const IPX_ROUTE_OLD: &str = "/proc/net/ipx_route";
const X25_ROUTE: &str = "/proc/net/x25/route";
const X25_ROUTE_OLD: &str = "/proc/net/x25_routes";
const ATALK_ROUTE: &str = "/proc/net/atalk_route";

/// Print the route table of `family` (`ax25`, `netrom`, `rose`, `ipx`,
/// `x25` or `ddp`). A family whose files are missing prints its message and
/// fails with status 1.
pub fn print(ctx: &mut Context, family: &str) -> Result<(), Fatal> {
    match family {
        "ax25" => ax25(ctx, contents(AX25_ROUTE)),
        "netrom" => netrom(ctx, contents(NR_NODES), contents(NR_NEIGH)),
        "rose" => rose(ctx, contents(ROSE_NODES), contents(ROSE_NEIGH)),
        "ipx" => ipx(ctx, first_of(&[IPX_ROUTE, IPX_ROUTE_OLD])),
        "x25" => x25(ctx, first_of(&[X25_ROUTE, X25_ROUTE_OLD])),
        "ddp" => ddp(ctx, contents(ATALK_ROUTE)),
        other => Err(Fatal::new(
            3,
            format!("No routing for address family `{other}'."),
        )),
    }
}

/// A route file as 2.10's `fopen` + `fgets` see it: an open error, or the
/// bytes (none when the open worked but reading did not, e.g. a directory).
type File = io::Result<Vec<u8>>;

fn contents(path: &str) -> File {
    match proc::read(path) {
        Ok(data) => Ok(data),
        Err(ReadError::Read(_)) => Ok(Vec::new()),
        Err(ReadError::Open(e)) => Err(e),
    }
}

/// The first of `paths` that opens; otherwise the last open error.
fn first_of(paths: &[&str]) -> File {
    let mut result = Err(io::Error::from(io::ErrorKind::NotFound));
    for path in paths {
        result = contents(path);
        if result.is_ok() {
            break;
        }
    }
    result
}

/// `perror(path)`.
fn perror(path: &str, err: &io::Error) {
    warn(&perror_text(path, err));
}

/// Print one table: header and rows in one write, or its JSON rows.
fn table<'r, T, V: Serialize>(ctx: &mut Context, table: Table<'r, T, V>, rows: &'r [T]) {
    table.print(ctx, rows.iter().map(Some), |_| {});
}

/// The family's "not configured" line on stdout (text only), status 1.
fn not_configured(ctx: &mut Context, message: &str) -> Result<(), Fatal> {
    ctx.text(message.as_bytes());
    Err(Fatal::silent(1))
}

fn ax25(ctx: &mut Context, file: File) -> Result<(), Fatal> {
    match file {
        Ok(data) => {
            let rows = proc::ax25::parse_routes(&data);
            let printer = Table {
                key: "ax25_routes",
                view: json::Ax25RouteView::new,
                header: render::AX25_HEADER,
                row: render::ax25_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        Err(e) => {
            perror(AX25_ROUTE, &e);
            not_configured(ctx, "AX.25 not configured in this system.\n")
        }
    }
}

/// Each missing file gets its `perror`. The second one reports EINVAL when
/// stderr is not open for reading and writing, as 2.10's does: glibc's
/// `perror` tries `fdopen(dup(2), "w+")` and leaves that failure in `errno`
/// (spec §9 #25).
fn netrom(ctx: &mut Context, nodes: File, neighbours: File) -> Result<(), Fatal> {
    match (nodes, neighbours) {
        (Ok(nodes), Ok(neighbours)) => {
            let rows = proc::netrom::parse_routes(&nodes, &neighbours);
            let printer = Table {
                key: "netrom_routes",
                view: json::NetromRouteView::new,
                header: render::NETROM_HEADER,
                row: render::netrom_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        (nodes, neighbours) => {
            let mut reported = false;
            for (path, file) in [(NR_NODES, nodes), (NR_NEIGH, neighbours)] {
                if let Err(e) = file {
                    let e = if reported && !stderr_read_write() {
                        io::Error::from_raw_os_error(libc::EINVAL)
                    } else {
                        e
                    };
                    perror(path, &e);
                    reported = true;
                }
            }
            not_configured(ctx, "NET/ROM not configured in this system.\n")
        }
    }
}

/// Whether fd 2 is open for both reading and writing.
fn stderr_read_write() -> bool {
    // SAFETY: F_GETFL on a descriptor number only reads its flags.
    let flags = unsafe { libc::fcntl(2, libc::F_GETFL) };
    flags >= 0 && flags & libc::O_ACCMODE == libc::O_RDWR
}

/// 2.10 crashes when the node file exists and the neighbour file does not;
/// here the neighbour file then reads as empty (spec §9 #26).
fn rose(ctx: &mut Context, nodes: File, neighbours: File) -> Result<(), Fatal> {
    match nodes {
        Ok(nodes) => {
            let neighbours = neighbours.unwrap_or_default();
            let rows = proc::rose::parse_routes(&nodes, &neighbours);
            let printer = Table {
                key: "rose_routes",
                view: json::RoseRouteView::new,
                header: render::ROSE_HEADER,
                row: render::rose_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        Err(e) => {
            perror(ROSE_NODES, &e);
            warn("ROSE not configured in this system.");
            Err(Fatal::silent(1))
        }
    }
}

fn ipx(ctx: &mut Context, file: File) -> Result<(), Fatal> {
    match file {
        Ok(data) => {
            let rows = proc::ipx::parse_routes(&data);
            let printer = Table {
                key: "ipx_routes",
                view: json::IpxRouteView::new,
                header: render::IPX_HEADER,
                row: render::ipx_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        Err(e) => {
            // perror(NULL): the error text alone.
            warn(&strerror(&e));
            not_configured(
                ctx,
                "IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n",
            )
        }
    }
}

fn x25(ctx: &mut Context, file: File) -> Result<(), Fatal> {
    match file {
        Ok(data) => {
            let rows = proc::x25::parse_routes(&data);
            let printer = Table {
                key: "x25_routes",
                view: json::X25RouteView::new,
                header: render::X25_HEADER,
                row: render::x25_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        Err(_) => not_configured(ctx, "X.25 not configured in this system.\n"),
    }
}

fn ddp(ctx: &mut Context, file: File) -> Result<(), Fatal> {
    match file {
        Ok(data) => {
            let rows = proc::atalk::parse_routes(&data);
            let printer = Table {
                key: "ddp_routes",
                view: json::DdpRouteView::new,
                header: render::DDP_HEADER,
                row: render::ddp_row,
            };
            table(ctx, printer, &rows);
            Ok(())
        }
        Err(e) => {
            warn(&format!("Error opening {ATALK_ROUTE}: {}", strerror(&e)));
            warn("DDP (AppleTalk) not configured on this system.");
            Err(Fatal::silent(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::legacy::capture;
    use super::*;
    use crate::cli::Options;

    fn missing() -> File {
        Err(io::Error::from_raw_os_error(libc::ENOENT))
    }

    fn run(f: impl FnOnce(&mut Context) -> Result<(), Fatal>) -> (String, Result<(), Fatal>) {
        let options = Options::default();
        let mut result = Ok(());
        let out = capture::stdout(&options, |ctx| result = f(ctx));
        (String::from_utf8(out).unwrap(), result)
    }

    #[test]
    fn ax25_table_and_missing_file() {
        let data = b"callsign  dev  mode digipeaters\ndefault   ax0     *\nG4ABC-2   ax0     vc DIGI1 DIGI2\n";
        let (out, status) = run(|ctx| ax25(ctx, Ok(data.to_vec())));
        assert_eq!(
            out,
            "Kernel AX.25 routing table\nDestination  Iface    Use\ndefault      ax0        0\nG4ABC-2      ax0        0\n"
        );
        assert!(status.is_ok());
        let (out, status) = run(|ctx| ax25(ctx, missing()));
        assert_eq!(out, "AX.25 not configured in this system.\n");
        assert_eq!(status, Err(Fatal::silent(1)));
    }

    #[test]
    fn netrom_needs_both_files() {
        let (out, status) = run(|ctx| netrom(ctx, Ok(Vec::new()), missing()));
        assert_eq!(out, "NET/ROM not configured in this system.\n");
        assert_eq!(status, Err(Fatal::silent(1)));
        let (out, _) = run(|ctx| netrom(ctx, Ok(b"h\n".to_vec()), Ok(Vec::new())));
        assert_eq!(out, render::NETROM_HEADER);
    }

    #[test]
    fn rose_without_neighbour_file_lists_the_numbers() {
        let nodes = b"address    mask n neigh neigh neigh\n2080123456 0010 2 00001 00002\n";
        let (out, status) = run(|ctx| rose(ctx, Ok(nodes.to_vec()), missing()));
        assert!(status.is_ok());
        assert!(out.ends_with("2080123456   00001  00002  \n"));
        let (out, status) = run(|ctx| rose(ctx, missing(), Ok(Vec::new())));
        assert_eq!((out.as_str(), status), ("", Err(Fatal::silent(1))));
    }

    #[test]
    fn ipx_x25_ddp_messages() {
        let (out, status) = run(|ctx| ipx(ctx, missing()));
        assert_eq!(
            out,
            "IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n"
        );
        assert_eq!(status, Err(Fatal::silent(1)));
        let (out, status) = run(|ctx| x25(ctx, missing()));
        assert_eq!(out, "X.25 not configured in this system.\n");
        assert_eq!(status, Err(Fatal::silent(1)));
        let (out, status) = run(|ctx| ddp(ctx, missing()));
        assert_eq!((out.as_str(), status), ("", Err(Fatal::silent(1))));
        let (out, _) = run(|ctx| ddp(ctx, Ok(Vec::new())));
        assert_eq!(out, render::DDP_HEADER);
    }

    #[test]
    fn unknown_family() {
        let (_, status) = run(|ctx| print(ctx, "unix"));
        assert_eq!(status.unwrap_err().status, 3);
    }
}
