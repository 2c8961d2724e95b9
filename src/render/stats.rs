//! `netstat -s` text (spec §6.4): sections of counters printed through 2.10's
//! tables, with its indentation state carried from section to section.

use super::stats_tables::{self, Entry, Group, Kind, KnownSection};
use crate::model::stats::Section;

/// Which table groups `-t`, `-u`, `-w` and `-S` selected (all when none was given).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub raw: bool,
    pub tcp: bool,
    pub udp: bool,
    pub sctp: bool,
}

impl Selection {
    /// Whether the text prints a section with this title: a known title
    /// when its group is selected, any other title always.
    pub fn shows_section(self, title: &[u8], known: &'static [KnownSection]) -> bool {
        stats_tables::section(known, title).is_none_or(|k| self.shows(k.group))
    }

    fn shows(self, group: Group) -> bool {
        match group {
            Group::Raw => self.raw,
            Group::Tcp => self.tcp,
            Group::Udp => self.udp,
            Group::Sctp => self.sctp,
        }
    }
}

/// What was printed last, which decides the indentation of unknown names and
/// whether a histogram needs its title (2.10's global `state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    InputHistogram,
    OutputHistogram,
}

impl State {
    fn indent(self) -> usize {
        match self {
            State::Normal => 4,
            State::InputHistogram | State::OutputHistogram => 8,
        }
    }
}

/// Prints sections one after another; one printer serves a whole run.
#[derive(Debug)]
pub struct StatsPrinter {
    selection: Selection,
    state: State,
}

impl StatsPrinter {
    pub fn new(selection: Selection) -> Self {
        StatsPrinter {
            selection,
            state: State::Normal,
        }
    }

    /// Print one section. A title among `known` prints only when its group is
    /// selected, resets the state, and looks its counters up in its table;
    /// any other title always prints, keeps the state, and prints its non-zero
    /// counters as `Name: value`.
    pub fn section(
        &mut self,
        out: &mut Vec<u8>,
        section: &Section,
        known: &'static [KnownSection],
    ) {
        let table = match stats_tables::section(known, &section.title) {
            Some(k) => {
                self.state = State::Normal;
                if !self.selection.shows(k.group) {
                    return;
                }
                Some(k.table)
            }
            None => None,
        };
        out.extend_from_slice(&section.title);
        out.extend_from_slice(b":\n");
        for counter in &section.counters {
            let entry = table.and_then(|t| stats_tables::lookup(t, &counter.name));
            match entry {
                Some(entry) => self.known_value(out, entry, counter.value),
                None => self.unknown_value(out, &counter.name, counter.value),
            }
        }
    }

    fn unknown_value(&self, out: &mut Vec<u8>, name: &[u8], value: u64) {
        if value != 0 {
            indent(out, self.state.indent());
            out.extend_from_slice(name);
            out.extend_from_slice(format!(": {value}\n").as_bytes());
        }
    }

    fn known_value(&mut self, out: &mut Vec<u8>, entry: &Entry, value: u64) {
        match entry.kind {
            Kind::Static | Kind::Hidden => {}
            Kind::Always => {
                line(out, 4, entry, value);
                self.state = State::Normal;
            }
            Kind::NonZero => {
                if value != 0 {
                    line(out, 4, entry, value);
                }
                self.state = State::Normal;
            }
            Kind::InputHistogram | Kind::OutputHistogram => {
                let (state, title) = if entry.kind == Kind::InputHistogram {
                    (State::InputHistogram, "ICMP input histogram:\n")
                } else {
                    (State::OutputHistogram, "ICMP output histogram:\n")
                };
                // The title takes the indentation of what came before it,
                // and is printed even when this first entry is 0.
                if self.state != state {
                    indent(out, self.state.indent());
                    out.extend_from_slice(title.as_bytes());
                }
                if value != 0 {
                    line(out, state.indent(), entry, value);
                }
                self.state = state;
            }
        }
    }
}

fn line(out: &mut Vec<u8>, width: usize, entry: &Entry, value: u64) {
    indent(out, width);
    out.extend_from_slice(
        entry
            .text
            .replacen("%llu", &value.to_string(), 1)
            .as_bytes(),
    );
    out.push(b'\n');
}

fn indent(out: &mut Vec<u8>, width: usize) {
    out.resize(out.len() + width, b' ');
}

/// `netstat: No statistics support for specified address family: AFNAME`
/// (on stdout, like 2.10).
pub fn unsupported_family(afname: &str) -> Vec<u8> {
    format!("netstat: No statistics support for specified address family: {afname}\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::stats_tables::{IPV4_SECTIONS, IPV6_SECTIONS};

    const ALL: Selection = Selection {
        raw: true,
        tcp: true,
        udp: true,
        sctp: true,
    };

    fn section(title: &str, counters: &[(&str, u64)]) -> Section {
        let mut s = Section::new(title.as_bytes());
        for (name, value) in counters {
            s.push(name.as_bytes(), *value);
        }
        s
    }

    fn print(selection: Selection, sections: &[(Section, &'static [KnownSection])]) -> String {
        let mut printer = StatsPrinter::new(selection);
        let mut out = Vec::new();
        for (s, known) in sections {
            printer.section(&mut out, s, known);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ip_section_with_the_forwarding_miss() {
        let ip = section(
            "Ip",
            &[
                ("Forwarding", 2),
                ("DefaultTTL", 64),
                ("InReceives", 113),
                ("InHdrErrors", 0),
                ("ForwDatagrams", 0),
                ("OutTransmits", 115),
                ("InCsumErrors", 0),
            ],
        );
        assert_eq!(
            print(ALL, &[(ip, IPV4_SECTIONS)]),
            "Ip:\n    Forwarding: 2\n    113 total packets received\n    0 forwarded\n    OutTransmits: 115\n"
        );
    }

    #[test]
    fn histograms_and_inherited_indentation() {
        let icmp = section(
            "Icmp",
            &[
                ("InMsgs", 39),
                ("InErrors", 0),
                ("InCsumErrors", 0),
                ("InDestUnreachs", 39),
                ("InTimeExcds", 0),
                ("OutMsgs", 39),
                ("OutErrors", 0),
                ("OutDestUnreachs", 39),
            ],
        );
        let msg = section("IcmpMsg", &[("InType3", 39), ("OutType3", 39)]);
        let empty = section("UdpLite", &[("InDatagrams", 0)]);
        assert_eq!(
            print(
                ALL,
                &[
                    (icmp, IPV4_SECTIONS),
                    (msg, IPV4_SECTIONS),
                    (empty, IPV4_SECTIONS)
                ]
            ),
            "Icmp:\n    39 ICMP messages received\n    0 input ICMP message failed\n    \
             ICMP input histogram:\n        destination unreachable: 39\n    39 ICMP messages sent\n    \
             0 ICMP messages failed\n    ICMP output histogram:\n        destination unreachable: 39\n\
             IcmpMsg:\n        InType3: 39\n        OutType3: 39\nUdpLite:\n"
        );
    }

    #[test]
    fn an_output_title_after_an_empty_input_histogram() {
        let icmp6 = section(
            "Icmp6",
            &[
                ("Icmp6InMsgs", 0),
                ("Icmp6InErrors", 0),
                ("Icmp6OutMsgs", 9),
                ("Icmp6InDestUnreachs", 0),
                ("Icmp6OutRouterSolicits", 3),
                ("Icmp6OutMLDv2Reports", 6),
            ],
        );
        assert_eq!(
            print(ALL, &[(icmp6, IPV6_SECTIONS)]),
            "Icmp6:\n    0 ICMP messages received\n    0 input ICMP message failed\n    \
             9 ICMP messages sent\n    ICMP input histogram:\n        ICMP output histogram:\n        \
             router solicits: 3\n        Icmp6OutMLDv2Reports: 6\n"
        );
    }

    #[test]
    fn deselected_known_sections_still_reset_the_state() {
        let icmp = section("Icmp", &[("OutDestUnreachs", 1)]);
        let msg = section("IcmpMsg", &[("OutType3", 1)]);
        let tcp = section(
            "Tcp",
            &[
                ("RtoAlgorithm", 1),
                ("MaxConn", u64::MAX),
                ("ActiveOpens", 0),
            ],
        );
        let only_tcp = Selection {
            tcp: true,
            ..Selection::default()
        };
        assert_eq!(
            print(
                only_tcp,
                &[
                    (icmp, IPV4_SECTIONS),
                    (msg, IPV4_SECTIONS),
                    (tcp, IPV4_SECTIONS)
                ]
            ),
            "IcmpMsg:\n    OutType3: 1\nTcp:\n    0 active connection openings\n"
        );
    }

    #[test]
    fn sctp_texts_keep_their_trailing_spaces() {
        let sctp = section("Sctp", &[("SctpAborteds", 1), ("SctpT1InitExpireds", 2)]);
        assert_eq!(
            print(ALL, &[(sctp, IPV4_SECTIONS)]),
            "Sctp:\n    1 Number of Aborteds \n    SctpT1InitExpireds: 2\n"
        );
    }

    #[test]
    fn the_largest_value() {
        let tcp = section("Tcp", &[("ActiveOpens", u64::MAX)]);
        assert_eq!(
            print(ALL, &[(tcp, IPV4_SECTIONS)]),
            "Tcp:\n    18446744073709551615 active connection openings\n"
        );
    }
}
