//! `netstat -i` (spec §5): the interface table, short or long (`-e`), with
//! `-a` for interfaces that are down and `-c` to repeat (title once).
//!
//! `netstat -i IFACE` shows only that interface (whether up or not, as the
//! user named it); an unknown name is an error. 2.10 ignored the word.

use super::{Context, repeat};
use crate::error::{Fatal, strerror, warn};
use crate::model::interface::{Interface, flags};
use crate::render::interfaces::{self as render, Inet6Line};
use crate::render::json::interfaces::InterfaceView;
use crate::source::interfaces::{self, Listed};
use crate::source::ioctl::InterfaceSocket;
use crate::source::proc::{self, if_inet6};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    let socket = InterfaceSocket::open().map_err(|e| {
        warn("No usable address families found.");
        Fatal::new(1, format!("socket: {}", strerror(&e)))
    })?;
    let mut first = true;
    repeat(ctx, |ctx| {
        let result = pass(ctx, &socket, first);
        first = false;
        result
    })
}

fn pass(ctx: &mut Context, socket: &InterfaceSocket, first: bool) -> Result<(), Fatal> {
    let options = ctx.options;
    let long = options.extend >= 2;
    let built = interfaces::build(socket);
    let named = options.interface.as_ref().map(|n| n.as_bytes());
    let entries: Vec<&Listed> = match named {
        None => built.listing.entries.iter().collect(),
        Some(name) => built
            .listing
            .entries
            .iter()
            .filter(|e| e.name == name)
            .collect(),
    };
    // When the list could not be read at all, 2.10's failure below says so instead.
    if let Some(name) = named
        && entries.is_empty()
        && built.failure.is_none()
    {
        built.warnings.iter().for_each(|w| warn(w));
        warn_bytes(&[b"netstat: ", name, b": no such interface"].concat());
        return Err(Fatal::silent(1));
    }

    if first {
        ctx.text(render::TITLE);
    }
    ctx.table("interfaces", if long { b"" } else { render::SHORT_HEADER });
    built.warnings.iter().for_each(|w| warn(w));
    if let Some(e) = built.failure {
        return Err(missing(&e));
    }

    // JSON carries the long format's addresses at every level.
    let inet6_records = if long || ctx.json() {
        inet6_records()
    } else {
        Vec::new()
    };
    let inet6 = if_inet6::addresses(&inet6_records);
    for entry in entries {
        let config = socket.config(&entry.name).map_err(|e| {
            let reason = if e.raw_os_error() == Some(libc::ENODEV) {
                "Device not found".to_string()
            } else {
                strerror(&e)
            };
            let message = format!(": error fetching interface information: {reason}");
            warn_bytes(&[&entry.name[..], message.as_bytes()].concat());
            missing(&e)
        })?;
        if config.flags & flags::UP == 0 && !options.all && named.is_none() {
            continue;
        }
        let iface = Interface {
            name: entry.name.clone(),
            config,
            stats: entry.stats,
        };
        let addresses = inet6
            .get(iface.name.as_slice())
            .map_or(&[][..], Vec::as_slice);
        if ctx.json() {
            ctx.row(&InterfaceView::new(&iface, addresses));
            continue;
        }
        let text = if long {
            let texts: Vec<Vec<u8>> = addresses
                .iter()
                .map(|a| ctx.names.hosts.ipv6(a.address, true, b""))
                .collect();
            let lines: Vec<Inet6Line> = addresses
                .iter()
                .zip(&texts)
                .map(|(a, text)| Inet6Line {
                    address: text,
                    prefix_len: a.prefix_len,
                    scope: a.scope,
                })
                .collect();
            render::long_block(&iface, &lines)
        } else {
            render::short_row(&iface)
        };
        ctx.out.bytes(&text);
    }
    Ok(())
}

/// 2.10's `perror("missing interface information")` and exit 1.
fn missing(e: &std::io::Error) -> Fatal {
    Fatal::new(1, format!("missing interface information: {}", strerror(e)))
}

/// The IPv6 address records, or none when the file cannot be read (2.10
/// then prints no `inet6` lines).
fn inet6_records() -> Vec<if_inet6::Inet6Record> {
    proc::read("/proc/net/if_inet6")
        .map(|data| if_inet6::parse(&data))
        .unwrap_or_default()
}

/// A stderr line with a name in it, bytes as they are.
fn warn_bytes(line: &[u8]) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line);
    let _ = err.write_all(b"\n");
}
