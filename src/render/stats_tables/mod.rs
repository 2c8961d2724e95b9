//! The statistics tables of net-tools 2.10 as data (spec §6.5): keys, texts
//! and kinds in their stored order, which is not always sorted. 2.10 looks
//! keys up with a binary search over that order, so some keys are never
//! found; [`lookup`] searches the same way to miss the same keys.
//!
//! This module holds what an entry and a section are and which sections
//! 2.10 knows; the tables themselves live one protocol family per file.

mod icmp;
mod ip;
mod lookup;
mod sctp;
mod tcp;
mod udp;

pub use icmp::{ICMP, ICMP6};
pub use ip::{IP, IP6};
pub use lookup::lookup;
pub use sctp::SCTP;
pub use tcp::{TCP, TCP_EXT};
pub use udp::{UDP, UDP6};

/// What an entry does when its counter turns up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A configuration value (`DefaultTTL`, `Forwarding`, `RtoAlgorithm`): never printed.
    Static,
    /// An entry with an empty text (`MaxConn`, `RtoMin`, `RtoMax`): never printed.
    Hidden,
    /// Printed even when 0.
    Always,
    /// Printed when not 0.
    NonZero,
    /// A line of the ICMP input histogram (printed when not 0, under its title).
    InputHistogram,
    /// A line of the ICMP output histogram.
    OutputHistogram,
}

/// One table entry: the kernel's counter name, the text with `%llu` where the
/// value goes, and the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: &'static str,
    pub text: &'static str,
    pub kind: Kind,
}

const fn e(key: &'static str, text: &'static str, kind: Kind) -> Entry {
    Entry { key, text, kind }
}

/// Which `-t`/`-u`/`-w`/`-S` selection shows a known section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Raw,
    Tcp,
    Udp,
    Sctp,
}

/// A section title 2.10 knows, with its table and selection.
#[derive(Debug, Clone, Copy)]
pub struct KnownSection {
    pub title: &'static str,
    pub table: &'static [Entry],
    pub group: Group,
}

const fn known(title: &'static str, table: &'static [Entry], group: Group) -> KnownSection {
    KnownSection {
        title,
        table,
        group,
    }
}

/// The sections of `/proc/net/snmp`, `/proc/net/netstat` and
/// `/proc/net/sctp/snmp` (2.10's `snmptabs`), also used for the `Tcp` section
/// of the IPv6 pass.
pub const IPV4_SECTIONS: &[KnownSection] = &[
    known("Ip", IP, Group::Raw),
    known("Icmp", ICMP, Group::Raw),
    known("Tcp", TCP, Group::Tcp),
    known("Udp", UDP, Group::Udp),
    known("Sctp", SCTP, Group::Sctp),
    known("TcpExt", TCP_EXT, Group::Tcp),
];

/// The sections of `/proc/net/snmp6` (2.10's `snmp6tabs`). The kernel has no
/// `Tcp6` counters, so that entry never matches.
pub const IPV6_SECTIONS: &[KnownSection] = &[
    known("Ip6", IP6, Group::Raw),
    known("Icmp6", ICMP6, Group::Raw),
    known("Udp6", UDP6, Group::Udp),
    known("Tcp6", TCP, Group::Tcp),
];

/// The known section with exactly this title.
pub fn section(sections: &'static [KnownSection], title: &[u8]) -> Option<&'static KnownSection> {
    sections.iter().find(|s| s.title.as_bytes() == title)
}

#[cfg(test)]
mod tests {
    use super::Kind::*;
    use super::*;

    #[test]
    fn table_sizes_match_the_spec() {
        let sizes: Vec<usize> = [IP, IP6, ICMP, ICMP6, TCP, UDP, UDP6, TCP_EXT, SCTP]
            .iter()
            .map(|t| t.len())
            .collect();
        assert_eq!(sizes, [19, 22, 26, 31, 14, 6, 4, 67, 17]);
    }

    #[test]
    fn printable_texts_have_one_value() {
        for table in [IP, IP6, ICMP, ICMP6, TCP, UDP, UDP6, TCP_EXT, SCTP] {
            for entry in table {
                if !matches!(entry.kind, Static | Hidden) {
                    assert_eq!(entry.text.matches("%llu").count(), 1, "{}", entry.key);
                }
            }
        }
    }
}
