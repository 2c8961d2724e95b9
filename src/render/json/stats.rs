//! Structured `-s`: one object per section the text prints, keyed by the
//! kernel's title (`Ip`, `TcpExt`, `Icmp6`, ...), each mapping counter names
//! to their values as the file has them (64-bit, never rounded). Unlike the
//! text, zero and unlisted counters are kept: JSON shows the file, not 2.10's
//! selection of lines. JSON object keys must be unique, and a file may repeat
//! a name (the text prints both lines): the second occurrence is keyed
//! `NAME#2`, the third `NAME#3`, and so on, for sections and counters alike.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::stats::Section;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The sections of one run, in the order the text prints them.
#[derive(Debug)]
pub struct Statistics<'a>(pub &'a [Section]);

impl Serialize for Statistics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        let mut keys = UniqueKeys::default();
        for section in self.0 {
            map.serialize_entry(&keys.key(&section.title), &Counters(section))?;
        }
        map.end()
    }
}

struct Counters<'a>(&'a Section);

impl Serialize for Counters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let counters = &self.0.counters;
        let mut map = serializer.serialize_map(Some(counters.len()))?;
        let mut keys = UniqueKeys::default();
        for counter in counters {
            map.serialize_entry(&keys.key(&counter.name), &counter.value)?;
        }
        map.end()
    }
}

/// The keys of one object: a name, or `NAME#N` for its N-th occurrence.
#[derive(Default)]
struct UniqueKeys<'a> {
    seen: HashMap<&'a [u8], u32>,
}

impl<'a> UniqueKeys<'a> {
    fn key(&mut self, name: &'a [u8]) -> Cow<'a, str> {
        let count = self.seen.entry(name).or_insert(0);
        *count += 1;
        let text = String::from_utf8_lossy(name);
        match *count {
            1 => text,
            n => Cow::Owned(format!("{text}#{n}")),
        }
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
        ext.push(b"Big", 2);
        let text = serde_json::to_string(&Statistics(&[ip.clone(), ext, ip])).unwrap();
        assert_eq!(
            text,
            r##"{"Ip":{"Forwarding":1},"TcpExt":{"Big":18446744073709551615,"Big#2":2},"Ip#2":{"Forwarding":1}}"##
        );
    }
}
