//! The interface list of `netstat -i` (spec §5.1): the names of
//! `/proc/net/dev` (with their counters) and of `SIOCGIFCONF` (alias labels
//! included), merged into 2.10's "natural" order.

use super::ioctl::InterfaceSocket;
use super::proc::{self, ReadError, dev};
use crate::error::{perror_text, strerror};
use crate::model::interface::InterfaceStats;
use crate::source::proc::fields::atoi;
use std::cmp::Ordering;

/// A name of the list and the counters `/proc/net/dev` gave for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: Vec<u8>,
    pub stats: Option<InterfaceStats>,
}

/// The names in 2.10's order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Listed>,
}

/// The list and what went wrong while building it.
#[derive(Debug)]
pub struct Built {
    pub listing: Listing,
    /// Lines for stderr, in order (`Warning: cannot open /proc/net/dev ...`).
    pub warnings: Vec<String>,
    /// Both sources failed: 2.10 then stops with `missing interface information`.
    pub failure: Option<std::io::Error>,
}

/// Read `/proc/net/dev`, ask `SIOCGIFCONF`, and merge.
pub fn build(socket: &InterfaceSocket) -> Built {
    let mut listing = Listing::default();
    let mut warnings = Vec::new();
    let dev_failure = match proc::read("/proc/net/dev") {
        Ok(data) => {
            listing.add_dev_lines(&dev::parse(&data));
            None
        }
        Err(ReadError::Open(e)) => {
            warnings.push(format!(
                "Warning: cannot open {} ({}). Limited output.",
                proc::shown_path("/proc/net/dev"),
                strerror(&e)
            ));
            Some(e)
        }
        Err(ReadError::Read(e)) => {
            warnings.push(perror_text("/proc/net/dev", &e));
            Some(e)
        }
    };
    let conf_failure = match socket.configured_names() {
        Ok(names) => {
            for name in names {
                listing.add(&name);
            }
            None
        }
        Err(e) => {
            warnings.push(format!("SIOCGIFCONF: {}", strerror(&e)));
            Some(e)
        }
    };
    let failure = match (dev_failure, conf_failure) {
        (Some(_), Some(last)) => Some(last),
        _ => None,
    };
    Built {
        listing,
        warnings,
        failure,
    }
}

impl Listing {
    /// Add `/proc/net/dev` lines in file order; each gives its name counters.
    pub fn add_dev_lines(&mut self, lines: &[dev::DevLine]) {
        for line in lines {
            let index = self.add(&line.name);
            line.apply(
                self.entries[index]
                    .stats
                    .get_or_insert_with(Default::default),
            );
        }
    }

    /// Insert `name` where 2.10's list insertion puts it and return its index:
    /// scan from the end towards the front, stop at the first name that sorts
    /// before it, and merge with an equal one met on the way.
    pub fn add(&mut self, name: &[u8]) -> usize {
        let name = &name[..name.len().min(dev::NAME_MAX)];
        let mut at = self.entries.len();
        while at > 0 {
            match natural_cmp(&self.entries[at - 1].name, name) {
                Ordering::Equal => return at - 1,
                Ordering::Less => break,
                Ordering::Greater => at -= 1,
            }
        }
        self.entries.insert(
            at,
            Listed {
                name: name.to_vec(),
                stats: None,
            },
        );
        at
    }
}

/// 2.10's `nstrcmp`: an optional `:DIGITS` alias suffix is cut off; the rest
/// is a prefix and its trailing digits. Prefixes compare byte-wise over the
/// shorter length, then the shorter prefix first, then the numbers, then the
/// rests byte-wise, then the alias numbers (no alias first), then the alias
/// texts. So `eth2` < `eth10`, `eth` < `eth0`, `eth01` < `eth1`,
/// `eth0` < `eth0:1` < `eth1`.
pub fn natural_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let (a_rest, a_alias) = cut_alias(a);
    let (b_rest, b_alias) = cut_alias(b);
    let a_prefix = prefix_len(a_rest);
    let b_prefix = prefix_len(b_rest);
    let shorter = a_prefix.min(b_prefix);
    a_rest[..shorter]
        .cmp(&b_rest[..shorter])
        .then(a_prefix.cmp(&b_prefix))
        .then(atoi(&a_rest[a_prefix..]).cmp(&atoi(&b_rest[b_prefix..])))
        .then(a_rest.cmp(b_rest))
        .then(a_alias.map_or(-1, atoi).cmp(&b_alias.map_or(-1, atoi)))
        .then(a_alias.cmp(&b_alias))
}

/// Split `name:DIGITS` into `name` and `DIGITS`; other names have no alias.
fn cut_alias(name: &[u8]) -> (&[u8], Option<&[u8]>) {
    let digits = name.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let colon = name.len() - digits;
    if digits > 0 && colon > 0 && name[colon - 1] == b':' {
        (&name[..colon - 1], Some(&name[colon..]))
    } else {
        (name, None)
    }
}

/// The length of a name without its trailing digits.
fn prefix_len(name: &[u8]) -> usize {
    name.len() - name.iter().rev().take_while(|b| b.is_ascii_digit()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(names: &[&str]) -> Vec<String> {
        let mut listing = Listing::default();
        for name in names {
            listing.add(name.as_bytes());
        }
        listing
            .entries
            .iter()
            .map(|e| String::from_utf8_lossy(&e.name).into_owned())
            .collect()
    }

    #[test]
    fn natural_order_as_observed() {
        assert_eq!(
            order(&[
                "lo",
                "eth10",
                "eth2",
                "eth1",
                "eth01",
                "eth",
                "abcdefghijklmno",
                "tun0",
                "veth0:1",
                "veth0",
                "veth2"
            ]),
            [
                "abcdefghijklmno",
                "eth",
                "eth01",
                "eth1",
                "eth2",
                "eth10",
                "lo",
                "tun0",
                "veth0",
                "veth0:1",
                "veth2"
            ]
        );
        assert_eq!(
            order(&["eth0:2", "eth1", "eth0:1", "eth0", "eth0:10"]),
            ["eth0", "eth0:1", "eth0:2", "eth0:10", "eth1"]
        );
    }

    #[test]
    fn equal_names_merge() {
        let mut listing = Listing::default();
        assert_eq!(listing.add(b"lo"), 0);
        assert_eq!(listing.add(b"veth0"), 1);
        assert_eq!(listing.add(b"lo"), 0);
        assert_eq!(listing.entries.len(), 2);
    }

    #[test]
    fn comparison_details() {
        use Ordering::*;
        assert_eq!(natural_cmp(b"a", b"a:"), Less);
        assert_eq!(natural_cmp(b"eth0:01", b"eth0:1"), Less);
        assert_eq!(natural_cmp(b"123", b"45"), Greater);
        assert_eq!(natural_cmp(b"", b""), Equal);
        assert_eq!(natural_cmp(b"a1b12", b"a1b2"), Greater);
        // Digit runs beyond an int wrap like C's atoi.
        assert_eq!(atoi(b"99999999999"), 1215752191);
        assert_eq!(natural_cmp(b"x99999999999", b"x2"), Greater);
    }

    #[test]
    fn dev_lines_give_counters_and_conf_names_none() {
        let mut listing = Listing::default();
        listing.add_dev_lines(&dev::parse(
            b"h1\nh2 compressed\n lo: 1 2\n veth0: 3\n lo: 5\n",
        ));
        listing.add(b"veth0:1");
        listing.add(b"veth0");
        let names: Vec<_> = listing.entries.iter().map(|e| e.name.clone()).collect();
        assert_eq!(
            names,
            [b"lo".to_vec(), b"veth0".to_vec(), b"veth0:1".to_vec()]
        );
        let lo = listing.entries[0].stats.unwrap();
        assert_eq!((lo.rx_bytes, lo.rx_packets), (5, 2));
        assert_eq!(listing.entries[1].stats.unwrap().rx_bytes, 3);
        assert_eq!(listing.entries[2].stats, None);
    }
}
