//! Structured `-s`: one object per section the text prints, keyed by the
//! kernel's title (`Ip`, `TcpExt`, `Icmp6`, ...), each mapping counter names
//! to their values as the file has them (64-bit, never rounded). Unlike the
//! text, zero and unlisted counters are kept: JSON shows the file, not 2.10's
//! selection of lines.

use crate::model::stats::Section;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The sections of one run, in the order the text prints them.
#[derive(Debug)]
pub struct Statistics<'a>(pub &'a [Section]);

impl Serialize for Statistics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for section in self.0 {
            map.serialize_entry(&String::from_utf8_lossy(&section.title), &Counters(section))?;
        }
        map.end()
    }
}

struct Counters<'a>(&'a Section);

impl Serialize for Counters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let counters = &self.0.counters;
        let mut map = serializer.serialize_map(Some(counters.len()))?;
        for counter in counters {
            map.serialize_entry(&String::from_utf8_lossy(&counter.name), &counter.value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_objects_of_exact_counters() {
        let mut ip = Section::new(b"Ip");
        ip.push(b"Forwarding", 1);
        let mut ext = Section::new(b"TcpExt");
        ext.push(b"Big", u64::MAX);
        let text = serde_json::to_string(&Statistics(&[ip, ext])).unwrap();
        assert_eq!(
            text,
            r#"{"Ip":{"Forwarding":1},"TcpExt":{"Big":18446744073709551615}}"#
        );
    }
}
