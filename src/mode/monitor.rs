//! `--netlink`: the original manual's netlink monitor. Prints one line per
//! rtnetlink notification — links, IPv4 and IPv6 addresses and routes,
//! neighbour entries — until SIGINT or SIGTERM, then exits 0. The line format
//! is described in [`crate::render::events`]; `-n` makes addresses numeric,
//! `-c` changes nothing (the monitor runs until stopped anyway). With
//! `--json` each event is one document on its own line (JSON Lines), written
//! and flushed when the text line would be.
//!
//! The kernel repeats `RTM_NEW*` notifications for changes the lines do not
//! show (a link's carrier or statistics, an IPv6 address finishing duplicate
//! address detection): a `new` line identical to the last line printed for the
//! same link, address, route or neighbour entry is not printed again. Links
//! that exist at start-up count as already printed, so the first line about
//! one of them is a real change.
//!
//! Signals: SIGINT and SIGTERM stay blocked except while the monitor waits in
//! `ppoll`, which unblocks them atomically; their handler only sets a flag, so
//! a signal either ends the wait with EINTR or is delivered at the next wait,
//! and no event line is ever cut short.

use super::Context;
use crate::error::{Fatal, strerror, warn};
use crate::model::event::{Action, Event, Identity, Link, Subject};
use crate::names::HostNames;
use crate::names::hosts::Ipv4Style;
use crate::render::events::{self as render, EventNames};
use crate::render::json::events::{EventView, FoundNames};
use crate::source::netlink::{NetlinkSocket, rtnetlink};
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsFd, AsRawFd};

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    let mut socket = rtnetlink::open_monitor().map_err(|e| {
        Fatal::new(
            1,
            format!(
                "netstat: cannot listen for netlink events: {}",
                strerror(&e)
            ),
        )
    })?;
    let wait_mask = stop::install();
    let mut monitor = Monitor::default();
    // Subscribed first, listed second: a change in between shows up in both,
    // and the duplicate is suppressed.
    monitor.remember_links(ctx);
    let mut events = Vec::new();
    while !stop::requested() {
        if !readable(&socket, &wait_mask)? {
            continue;
        }
        match socket.next_batch(|m| events.extend(rtnetlink::decode(m.kind, m.payload))) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOBUFS) => {
                warn(&format!("netstat: netlink events lost: {}", strerror(&e)));
                monitor.remember_links(ctx);
            }
            Err(e) => return Err(receive_error(&e)),
        }
        for event in events.drain(..) {
            monitor.show(ctx, &event)?;
        }
    }
    Ok(())
}

/// Wait until the socket has data (`true`) or a signal arrived (`false`).
fn readable(socket: &NetlinkSocket, wait_mask: &libc::sigset_t) -> Result<bool, Fatal> {
    let mut poll = libc::pollfd {
        fd: socket.as_fd().as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no timeout, a valid signal mask.
    let rc = unsafe { libc::ppoll(&mut poll, 1, std::ptr::null(), wait_mask) };
    if rc >= 0 {
        return Ok(rc > 0);
    }
    let e = io::Error::last_os_error();
    if e.kind() == io::ErrorKind::Interrupted {
        Ok(false)
    } else {
        Err(receive_error(&e))
    }
}

fn receive_error(e: &io::Error) -> Fatal {
    Fatal::new(1, format!("netstat: netlink: {}", strerror(e)))
}

/// What the monitor remembers between events.
#[derive(Default)]
struct Monitor {
    /// Interface names by index, kept after a link goes away so that the
    /// deletions that follow it can still name it.
    devices: HashMap<i32, Vec<u8>>,
    /// The last `new` line printed for each object.
    shown: HashMap<Identity, Vec<u8>>,
}

impl Monitor {
    /// Take the current links as known and already shown.
    fn remember_links(&mut self, ctx: &mut Context) {
        let links = rtnetlink::links().unwrap_or_default();
        for link in links {
            let event = Event {
                action: Action::New,
                subject: Subject::Link(link),
            };
            let line = self.render(ctx, &event);
            self.shown.insert(event.subject.identity(), line);
        }
    }

    fn show(&mut self, ctx: &mut Context, event: &Event) -> Result<(), Fatal> {
        let line = self.render(ctx, event);
        let identity = event.subject.identity();
        match event.action {
            Action::New => {
                if self.shown.get(&identity) == Some(&line) {
                    return Ok(());
                }
                self.shown.insert(identity, line.clone());
            }
            Action::Del => {
                self.shown.remove(&identity);
            }
        }
        if ctx.json() {
            let view = EventView::new(event, &mut self.names(ctx));
            ctx.value("event", &view);
            ctx.end_document(true);
        } else {
            ctx.out.bytes(&line);
        }
        ctx.out.check()
    }

    fn names<'a>(&'a self, ctx: &'a mut Context) -> Names<'a> {
        Names {
            devices: &self.devices,
            hosts: &mut ctx.names.hosts,
            numeric: ctx.options.numeric_hosts,
        }
    }

    fn render(&mut self, ctx: &mut Context, event: &Event) -> Vec<u8> {
        if let Subject::Link(Link { index, name, .. }) = &event.subject
            && !name.is_empty()
        {
            self.devices.insert(*index, name.clone());
        }
        let mut names = self.names(ctx);
        let mut line = Vec::with_capacity(96);
        render::line(&mut line, event, &mut names);
        line
    }
}

/// Names for event lines: interfaces from the monitor's map, addresses from
/// the host name service (spec §2.2, §2.3 rules).
struct Names<'a> {
    devices: &'a HashMap<i32, Vec<u8>>,
    hosts: &'a mut HostNames,
    numeric: bool,
}

impl EventNames for Names<'_> {
    fn device(&mut self, index: i32) -> Vec<u8> {
        match self.devices.get(&index) {
            Some(name) => name.clone(),
            None => format!("if{index}").into_bytes(),
        }
    }

    fn host(&mut self, address: IpAddr) -> Vec<u8> {
        match address {
            IpAddr::V4(a) => self.hosts.ipv4_socket(a, self.numeric),
            IpAddr::V6(a) => self.hosts.ipv6(a, self.numeric, b"::"),
        }
    }

    /// As the routing table names destinations: a network name for a
    /// network prefix, a host name for a full-length one.
    fn prefix(&mut self, address: IpAddr, length: u8) -> Vec<u8> {
        match address {
            IpAddr::V4(a) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(length.min(32)))
                    .unwrap_or(0);
                let style = Ipv4Style {
                    numeric: self.numeric,
                    default_name: false,
                    force_host: length >= 32,
                };
                // The resolver takes the mask as the C code holds it: the
                // network-order bytes read natively.
                let mask = u32::from_ne_bytes(Ipv4Addr::from(mask).octets());
                self.hosts.ipv4(a, mask, style)
            }
            IpAddr::V6(a) => self.hosts.ipv6(a, self.numeric, b"::"),
        }
    }
}

/// For JSON: the name beside an address is the text's, when it is not
/// the number itself.
impl FoundNames for Names<'_> {
    fn device(&mut self, index: i32) -> Vec<u8> {
        EventNames::device(self, index)
    }

    fn host(&mut self, address: IpAddr) -> Option<Vec<u8>> {
        let shown = EventNames::host(self, address);
        let numeric = self.numeric_text(address);
        (!self.numeric && shown != numeric).then_some(shown)
    }

    fn prefix(&mut self, address: IpAddr, length: u8) -> Option<Vec<u8>> {
        let shown = EventNames::prefix(self, address, length);
        let numeric = self.numeric_text(address);
        (!self.numeric && shown != numeric).then_some(shown)
    }
}

impl Names<'_> {
    fn numeric_text(&mut self, address: IpAddr) -> Vec<u8> {
        match address {
            IpAddr::V4(a) => self.hosts.ipv4_socket(a, true),
            IpAddr::V6(a) => self.hosts.ipv6(a, true, b"::"),
        }
    }
}

/// The SIGINT/SIGTERM flag.
mod stop {
    use std::sync::atomic::{AtomicBool, Ordering};

    static REQUESTED: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_signal(_: libc::c_int) {
        REQUESTED.store(true, Ordering::SeqCst);
    }

    pub fn requested() -> bool {
        REQUESTED.load(Ordering::SeqCst)
    }

    /// Install the handler (without SA_RESTART), block both signals, and
    /// return the mask to wait with: the previous one with both unblocked.
    pub fn install() -> libc::sigset_t {
        // SAFETY: sigaction/sigprocmask with zero-initialised, then filled,
        // structures; the handler only touches an atomic.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
            action.sa_flags = 0;
            libc::sigemptyset(&mut action.sa_mask);
            let mut both: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut both);
            for signal in [libc::SIGINT, libc::SIGTERM] {
                libc::sigaction(signal, &action, std::ptr::null_mut());
                libc::sigaddset(&mut both, signal);
            }
            let mut previous: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, &both, &mut previous);
            libc::sigdelset(&mut previous, libc::SIGINT);
            libc::sigdelset(&mut previous, libc::SIGTERM);
            previous
        }
    }
}
