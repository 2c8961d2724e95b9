//! Command-line parsing with glibc `getopt_long` semantics (spec §1).
//!
//! Two steps: [`getopt`] turns argv into option events using the one option
//! [`table`]; [`parse`] acts on each event left to right, as 2.10 does (an
//! early exit stops everything after it), then applies the post-processing of
//! spec §1.5 (mode conflict, implied protocols and families, the "explicit"
//! count, the mode).

pub(crate) mod docs;
pub(crate) mod families;
mod getopt;
mod help;
mod options;
pub(crate) mod table;

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;

pub use help::added_option_lines;
pub use options::{Families, Mode, Netns, Options, Protocols};

use crate::filter::Filter;
use families::Outcome;
use getopt::{Event, Getopt};
use table::{FAMILY_OPTIONS_HANDLED, Flag, LONG_OPTIONS};

/// The outcome of parsing: run with these options, or stop now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Run. `warnings` are stderr lines that parsing printed without stopping
    /// (`--tcpip`'s internal error, "Too much address family arguments.").
    Run {
        options: Options,
        warnings: Vec<String>,
    },
    /// Stop: write these bytes and exit with `status`. Warnings printed before
    /// the stop are already at the start of `stderr`.
    Exit {
        stdout: Vec<u8>,
        stderr: Vec<u8>,
        status: i32,
    },
}

/// Parse argv (including argv[0]). `posixly_correct` mirrors the
/// `POSIXLY_CORRECT` environment variable (stop at the first non-option).
pub fn parse(args: Vec<OsString>, posixly_correct: bool) -> Parsed {
    let mut args = args.into_iter();
    let mut parser = Parser::default();
    if let Some(prog) = args.next() {
        parser.options.prog = prog;
    }
    let rest: Vec<OsString> = args.collect();
    match parser.run(&rest, posixly_correct) {
        Ok(()) => parser.finish(),
        Err(stop) => parser.stop(stop),
    }
}

/// Why parsing ends the program early.
#[derive(Debug)]
enum Stop {
    /// A usage error: getopt's line (if any), then the usage on stderr, exit 3.
    Usage(Option<Vec<u8>>),
    /// `-h`: usage on stdout, the family list on stderr, exit 0.
    Help,
    /// `-V`: exit 0.
    Version,
    /// An `-A` element that is no family: exit 1.
    UnknownFamily(Vec<u8>),
    /// `-Z` on a system without SELinux: exit 1.
    Context,
    /// A value or combination of the options this program adds that cannot
    /// work: `netstat: MESSAGE`, exit 1.
    Invalid(String),
    /// A filter that does not parse: its one-line message, exit 2 (as ss).
    BadFilter(String),
    /// `--kill` without a filter: it would close every connection, exit 2.
    KillWithoutFilter,
}

/// How often each mode option was given (repeats count, spec §9 #32).
#[derive(Debug, Default)]
struct ModeCounts {
    route: u32,
    interfaces: u32,
    statistics: u32,
    masquerade: u32,
    netlink: u32,
}

#[derive(Debug, Default)]
struct Parser {
    options: Options,
    warnings: Vec<String>,
    modes: ModeCounts,
    first_operand: Option<OsString>,
}

impl Parser {
    fn run(&mut self, args: &[OsString], posixly_correct: bool) -> Result<(), Stop> {
        for event in Getopt::new(args, posixly_correct) {
            match event {
                Event::Option { flag, long, value } => self.apply(flag, long, value)?,
                Event::Operand(word) => {
                    if self.first_operand.is_none() {
                        self.first_operand = Some(std::ffi::OsStr::from_bytes(word).to_owned());
                    }
                }
                Event::Error(error) => {
                    let prog = self.options.prog.as_bytes();
                    return Err(Stop::Usage(Some(error.message(prog))));
                }
            }
        }
        Ok(())
    }

    /// Act on one option, as 2.10's option loop does.
    fn apply(&mut self, flag: Flag, long: Option<usize>, value: Option<&[u8]>) -> Result<(), Stop> {
        let o = &mut self.options;
        match flag {
            // Only long options carry this flag; the entry names the family.
            Flag::AddressFamily => match long {
                Some(index) if index < FAMILY_OPTIONS_HANDLED => {
                    return self.families(LONG_OPTIONS[index].name.as_bytes());
                }
                _ => self
                    .warnings
                    .push("netstat.c: Internal Error `longopts 1 range'.".to_string()),
            },
            Flag::Protocol => return self.families(value.unwrap_or_default()),
            Flag::Inet => return self.families(b"inet"),
            Flag::Inet6 => return self.families(b"inet6"),
            Flag::Unix => return self.families(b"unix"),
            Flag::Packet => return self.families(b"packet"),
            Flag::Vsock => return self.families(b"vsock"),
            Flag::Mptcp => o.protocols.mptcp = true,
            Flag::Route => self.modes.route += 1,
            Flag::Interfaces => self.modes.interfaces += 1,
            Flag::Statistics => self.modes.statistics += 1,
            Flag::Masquerade => self.modes.masquerade += 1,
            Flag::Netlink => self.modes.netlink += 1,
            Flag::FilterExpression => {
                let e = Filter::expression(value.unwrap_or_default());
                o.filter = Some(join_filter(o.filter.take(), e)?);
            }
            Flag::Filter(kind) => {
                let e = Filter::simple(kind, value.unwrap_or_default());
                o.filter = Some(join_filter(o.filter.take(), e)?);
            }
            Flag::Json => o.json = true,
            Flag::Info => o.info = true,
            Flag::Memory => o.memory = true,
            Flag::Kill => o.kill = true,
            Flag::Groups => o.groups = true,
            Flag::Tcp => o.protocols.tcp = true,
            Flag::Sctp => o.protocols.sctp = true,
            Flag::Udp => o.protocols.udp = true,
            Flag::UdpLite => o.protocols.udplite = true,
            Flag::Raw => o.protocols.raw = true,
            Flag::L2cap => o.protocols.l2cap = true,
            Flag::Rfcomm => o.protocols.rfcomm = true,
            Flag::Listening => o.listening = true,
            Flag::All => o.all = true,
            Flag::Extend => o.extend = o.extend.saturating_add(1),
            Flag::Programs => o.programs = true,
            Flag::Timers => o.timers = true,
            Flag::Wide => o.wide = true,
            Flag::Numeric => {
                o.numeric_hosts = true;
                o.numeric_ports = true;
                o.numeric_users = true;
            }
            Flag::NumericHosts => o.numeric_hosts = true,
            Flag::NumericPorts => o.numeric_ports = true,
            Flag::NumericUsers => o.numeric_users = true,
            Flag::Symbolic => o.symbolic = true,
            Flag::Verbose => o.verbose = true,
            Flag::Continuous => o.continuous = true,
            Flag::Cache => o.cache = true,
            Flag::Fib => o.fib = true,
            Flag::Debug => {}
            Flag::Netns => o.netns = netns_target(value.unwrap_or_default())?,
            Flag::NetnsPid => o.netns = Netns::Process(process_id(value.unwrap_or_default())?),
            Flag::AllNetns => o.netns = Netns::All,
            // This program has no SELinux support; 2.10 on a system without
            // SELinux fails the same way.
            Flag::Context => return Err(Stop::Context),
            Flag::Version => return Err(Stop::Version),
            Flag::Help => return Err(Stop::Help),
            Flag::Usage => return Err(Stop::Usage(None)),
        }
        Ok(())
    }

    fn families(&mut self, list: &[u8]) -> Result<(), Stop> {
        let o = &mut self.options;
        match families::apply(list, &mut o.afnames, &mut o.families) {
            Outcome::Applied => Ok(()),
            Outcome::TooMany => {
                self.warnings
                    .push("Too much address family arguments.".to_string());
                Ok(())
            }
            Outcome::Unknown(name) => Err(Stop::UnknownFamily(name)),
        }
    }

    /// Spec §1.5, in its order.
    fn finish(mut self) -> Parsed {
        let m = &self.modes;
        let mode_count = m.route + m.interfaces + m.statistics + m.masquerade + m.netlink;
        if mode_count > 1 {
            return self.stop(Stop::Usage(None));
        }
        if self.options.kill && self.options.filter.is_none() {
            return self.stop(Stop::KillWithoutFilter);
        }
        let o = &mut self.options;
        let p = &mut o.protocols;
        let f = &mut o.families;
        let ip_protocol = |p: &Protocols| p.tcp || p.sctp || p.udp || p.udplite || p.raw || p.mptcp;
        if (f.inet || f.inet6 || m.statistics > 0) && !ip_protocol(p) {
            p.tcp = true;
            p.sctp = true;
            p.udp = true;
            p.udplite = true;
            p.raw = true;
            o.no_protocol_given = true;
        }
        if (ip_protocol(p) || o.groups) && !(f.inet || f.inet6) {
            f.inet = true;
            f.inet6 = true;
        }
        if f.bluetooth && !(p.l2cap || p.rfcomm) {
            p.l2cap = true;
            p.rfcomm = true;
        }
        let items = [
            p.tcp, p.sctp, p.udplite, p.udp, p.raw, f.unix, f.ipx, f.ax25, f.netrom, o.groups,
            f.x25, f.rose, p.l2cap, p.rfcomm, p.mptcp, f.packet, f.netlink, f.vsock,
        ];
        o.explicit = items.iter().filter(|&&item| item).count() as u32;
        o.mode = if m.masquerade > 0 {
            Mode::Masquerade
        } else if m.statistics > 0 {
            Mode::Statistics
        } else if m.route > 0 {
            Mode::Route
        } else if m.interfaces > 0 {
            Mode::Interfaces
        } else if m.netlink > 0 {
            Mode::Netlink
        } else {
            Mode::Sockets
        };
        // `--netlink` follows one namespace for as long as it runs.
        if o.mode == Mode::Netlink && o.netns == Netns::All {
            return self.stop(Stop::Invalid(
                "--netlink watches one namespace: use --netns".to_string(),
            ));
        }
        // Our one addition to 2.10's grammar: `netstat -i IFACE`.
        if o.mode == Mode::Interfaces {
            o.interface = self.first_operand;
        }
        Parsed::Run {
            options: self.options,
            warnings: self.warnings,
        }
    }

    fn stop(self, stop: Stop) -> Parsed {
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        for warning in &self.warnings {
            stderr.extend_from_slice(warning.as_bytes());
            stderr.push(b'\n');
        }
        let status = match stop {
            Stop::Usage(line) => {
                stderr.extend(line.unwrap_or_default());
                stderr.extend_from_slice(help::usage().as_bytes());
                stderr.extend_from_slice(help::family_list().as_bytes());
                3
            }
            Stop::Help => {
                stdout.extend_from_slice(help::usage().as_bytes());
                stderr.extend_from_slice(help::family_list().as_bytes());
                0
            }
            Stop::Version => {
                stdout.extend_from_slice(help::version().as_bytes());
                0
            }
            Stop::UnknownFamily(name) => {
                stderr.extend_from_slice(b"Unknown address family `");
                stderr.extend_from_slice(&name);
                stderr.extend_from_slice(b"'.\n");
                1
            }
            Stop::Context => {
                stderr.extend_from_slice(b"SELinux is not enabled on this machine.\n");
                1
            }
            Stop::Invalid(message) => {
                stderr.extend_from_slice(format!("netstat: {message}\n").as_bytes());
                1
            }
            Stop::KillWithoutFilter => {
                stderr.extend_from_slice(
                    b"netstat: --kill needs a filter (--filter, --state, --sport, --dport, --src, --dst, ...): it never closes every connection\n",
                );
                2
            }
            Stop::BadFilter(message) => {
                stderr.extend_from_slice(message.as_bytes());
                stderr.push(b'\n');
                2
            }
        };
        Parsed::Exit {
            stdout,
            stderr,
            status,
        }
    }
}

/// `--netns VALUE`: a value with a `/` is a namespace file, anything else a
/// name under `/var/run/netns` (which, as for `ip netns`, cannot be empty,
/// `.` or `..`).
fn netns_target(value: &[u8]) -> Result<Netns, Stop> {
    let text = std::ffi::OsStr::from_bytes(value).to_owned();
    if value.contains(&b'/') {
        Ok(Netns::File(text))
    } else if matches!(value, b"" | b"." | b"..") {
        Err(Stop::Invalid(format!(
            "--netns: `{}' is not a namespace name",
            String::from_utf8_lossy(value)
        )))
    } else {
        Ok(Netns::Named(text))
    }
}

/// `--netns-pid VALUE`: a decimal process id above 0.
fn process_id(value: &[u8]) -> Result<u32, Stop> {
    std::str::from_utf8(value)
        .ok()
        .filter(|text| text.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|text| text.parse::<u32>().ok())
        .filter(|&pid| pid > 0)
        .ok_or_else(|| {
            Stop::Invalid(format!(
                "--netns-pid: `{}' is not a process id",
                String::from_utf8_lossy(value)
            ))
        })
}

/// The filter so far and also a newly read part, or the reason to stop.
fn join_filter(
    filter: Option<Filter>,
    part: Result<crate::filter::Expr, crate::filter::BadFilter>,
) -> Result<Filter, Stop> {
    part.and_then(|e| filter.unwrap_or_default().and(e))
        .map_err(|e| Stop::BadFilter(e.to_string()))
}

#[cfg(test)]
mod tests;
