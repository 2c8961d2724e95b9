//! Names the kernel or a user chose (unix paths, program names, interface
//! names) are bytes, not always UTF-8. The rule, for any such field `F`:
//! `F` is a JSON string; when the bytes are valid UTF-8 it is exactly them,
//! otherwise each invalid sequence is replaced by U+FFFD and a sibling field
//! `F_hex` holds the exact bytes in lowercase hex. A consumer rebuilds the
//! bytes with `F_hex` when present, else with `F` encoded as UTF-8. Control
//! characters need no rule: JSON escapes them.
//!
//! Both types are used with `#[serde(flatten)]`, so that one struct field
//! can become the one or two JSON fields.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;

/// One text field: its JSON name and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub key: &'static str,
    pub bytes: &'a [u8],
}

impl<'a> Text<'a> {
    pub fn new(key: &'static str, bytes: &'a [u8]) -> Self {
        Text { key, bytes }
    }

    /// A name field, present only when a lookup found a name.
    pub fn found(key: &'static str, name: Option<&'a [u8]>) -> Option<Self> {
        name.map(|bytes| Text { key, bytes })
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lossy = String::from_utf8_lossy(self.bytes);
        let exact = matches!(lossy, Cow::Borrowed(_));
        let mut map = serializer.serialize_map(Some(if exact { 1 } else { 2 }))?;
        map.serialize_entry(self.key, &lossy)?;
        if !exact {
            map.serialize_entry(&hex_key(self.key), &hex(self.bytes))?;
        }
        map.end()
    }
}

/// A [`Text`] that owns its bytes, for views built from names looked up
/// on the way rather than borrowed from a row.
#[derive(Debug, Clone)]
pub struct OwnedText {
    pub key: &'static str,
    pub bytes: Vec<u8>,
}

impl Serialize for OwnedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Text::new(self.key, &self.bytes).serialize(serializer)
    }
}

/// A NUL-separated list (a command line): field `F` is the array of its
/// parts; when any part is not UTF-8, `F_hex` holds the whole raw bytes.
#[derive(Debug, Clone, Copy)]
pub struct TextList<'a> {
    pub key: &'static str,
    pub bytes: &'a [u8],
}

impl Serialize for TextList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.bytes.strip_suffix(b"\0").unwrap_or(self.bytes);
        let parts: Vec<Cow<str>> = if body.is_empty() {
            Vec::new()
        } else {
            body.split(|&b| b == 0)
                .map(String::from_utf8_lossy)
                .collect()
        };
        let exact = std::str::from_utf8(self.bytes).is_ok();
        let mut map = serializer.serialize_map(Some(if exact { 1 } else { 2 }))?;
        map.serialize_entry(self.key, &parts)?;
        if !exact {
            map.serialize_entry(&hex_key(self.key), &hex(self.bytes))?;
        }
        map.end()
    }
}

fn hex_key(key: &str) -> String {
    format!("{key}_hex")
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        path: Text<'a>,
        #[serde(flatten)]
        cmdline: TextList<'a>,
    }

    fn json(path: &[u8], cmdline: &[u8]) -> String {
        serde_json::to_string(&Row {
            path: Text::new("path", path),
            cmdline: TextList {
                key: "cmdline",
                bytes: cmdline,
            },
        })
        .unwrap()
    }

    #[test]
    fn utf8_is_a_plain_string_and_control_bytes_are_escaped() {
        assert_eq!(
            json(b"/run/x\n\x1b[2J", b"a\0b c\0"),
            r#"{"path":"/run/x\n\u001b[2J","cmdline":["a","b c"]}"#
        );
    }

    #[test]
    fn other_bytes_keep_their_exact_value_beside_the_text() {
        assert_eq!(
            json(b"@\xff\x00a", b"p\xfe\0"),
            r#"{"path":"@\ufffd\u0000a","path_hex":"40ff0061","cmdline":["p\ufffd"],"cmdline_hex":"70fe00"}"#
                .replace("\\ufffd", "\u{fffd}")
        );
        assert_eq!(json(b"", b""), r#"{"path":"","cmdline":[]}"#);
    }
}
