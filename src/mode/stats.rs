//! `netstat -s` (spec §6): the kernel's SNMP counters through 2.10's tables.
//!
//! One pass only (`-c` is ignored), exit status 0 even when files are
//! missing; only an address family other than `inet` or `inet6` fails.
//! With `--json` the sections the text would print are kept whole and
//! written as one `statistics` object at the end.

use super::Context;
use crate::error::{Fatal, perror_text, warn};
use crate::model::stats::Section;
use crate::render::json::stats::Statistics;
use crate::render::stats::{Selection, StatsPrinter, unsupported_family};
use crate::render::stats_tables::{IPV4_SECTIONS, IPV6_SECTIONS, KnownSection};
use crate::source::proc::{self, ReadError, snmp};

pub fn run(ctx: &mut Context) -> Result<(), Fatal> {
    let afname = ctx.options.route_families().join(",");
    let p = ctx.options.protocols;
    let selection = Selection {
        raw: p.raw,
        tcp: p.tcp,
        udp: p.udp,
        sctp: p.sctp,
    };
    let mut report = Report {
        printer: StatsPrinter::new(selection),
        selection,
        text: Vec::new(),
        sections: ctx.json().then(Vec::new),
    };
    match afname.as_str() {
        "inet" => ipv4(&mut report),
        "inet6" => ipv6(&mut report),
        other => {
            ctx.text(&unsupported_family(other));
            return Err(Fatal::silent(1));
        }
    }
    match &report.sections {
        Some(sections) => {
            ctx.value("statistics", &Statistics(sections));
            ctx.end_document(true);
        }
        None => ctx.out.bytes(&report.text),
    }
    Ok(())
}

/// What is printed so far: the text and the printer's state, or with
/// `--json` the sections the text would show.
struct Report {
    printer: StatsPrinter,
    selection: Selection,
    text: Vec<u8>,
    sections: Option<Vec<Section>>,
}

impl Report {
    fn print(&mut self, sections: &[Section], known: &'static [KnownSection]) {
        for section in sections {
            match &mut self.sections {
                Some(kept) => {
                    if self.selection.shows_section(&section.title, known) {
                        kept.push(section.clone());
                    }
                }
                None => self.printer.section(&mut self.text, section, known),
            }
        }
    }
}

/// A file's contents, `Err` when it cannot be opened. A file that opens
/// but cannot be read (a directory) is reported and counts as empty: 2.10
/// prints what it read before the error, which is nothing.
fn input(path: &str) -> Result<Vec<u8>, std::io::Error> {
    match proc::read(path) {
        Ok(data) => Ok(data),
        Err(ReadError::Open(e)) => Err(e),
        Err(ReadError::Read(e)) => {
            warn(&perror_text(path, &e));
            Ok(Vec::new())
        }
    }
}

/// `/proc/net/snmp`, then `/proc/net/netstat` and `/proc/net/sctp/snmp` when present.
fn ipv4(report: &mut Report) {
    match input("/proc/net/snmp") {
        Err(e) => {
            warn(&format!(
                "cannot open {}",
                perror_text("/proc/net/snmp", &e)
            ));
            return;
        }
        Ok(data) => pairs(report, &data, "/proc/net/snmp"),
    }
    if let Ok(data) = input("/proc/net/netstat") {
        pairs(report, &data, "/proc/net/netstat");
    }
    if let Ok(data) = input("/proc/net/sctp/snmp") {
        report.print(&[snmp::parse_sctp(&data)], IPV4_SECTIONS);
    }
}

fn pairs(report: &mut Report, data: &[u8], path: &str) {
    let file = snmp::parse_pairs(data);
    report.print(&file.sections, IPV4_SECTIONS);
    if file.malformed {
        warn(&format!("Problem while parsing {}", proc::shown_path(path)));
    }
}

/// `/proc/net/snmp6`, then the `Tcp` section of `/proc/net/snmp` (a line
/// without `:` silently ends that second file).
fn ipv6(report: &mut Report) {
    match input("/proc/net/snmp6") {
        Err(e) => {
            warn(&format!(
                "cannot open {}",
                perror_text("/proc/net/snmp6", &e)
            ));
            return;
        }
        Ok(data) => report.print(&snmp::parse_snmp6(&data), IPV6_SECTIONS),
    }
    match input("/proc/net/snmp") {
        Err(e) => warn(&format!(
            "cannot open {}",
            perror_text("/proc/net/snmp", &e)
        )),
        Ok(data) => {
            let mut file = snmp::parse_pairs(&data);
            file.sections.retain(|s| s.title.starts_with(b"Tcp"));
            report.print(&file.sections, IPV4_SECTIONS);
        }
    }
}
