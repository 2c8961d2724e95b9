//! The terminal rule: what a name from outside the program looks like on the screen.
//!
//! Unix socket paths, interface names, program names, host, service, network
//! and user names, callsigns: any of them may be chosen by another user, a
//! container or a remote name server, and may hold bytes that a terminal obeys
//! (`ESC [2J` clears the screen, a newline forges a row). When stdout is a
//! terminal, such bytes are shown escaped, in the form of GNU `ls -b`:
//!
//! - `\a \b \t \n \v \f \r` for those control characters, `\\` for a backslash;
//! - `\ooo` (three octal digits) for every other control byte (0x00–0x1f,
//!   0x7f), every byte that is not part of valid UTF-8, and each byte of a C1
//!   control character (U+0080–U+009F, which some terminals obey too);
//! - everything else, printable ASCII and valid UTF-8, as it is.
//!
//! When stdout is not a terminal nothing is escaped: pipes and files get
//! net-tools 2.10's bytes exactly. The decision is made once per run, here.
//! The printf field helpers in [`super::text`] pass every field through
//! [`shown`], so a renderer that writes a name with them gets the rule for
//! free; [`super::text::name`] is the unpadded form.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Whether names are escaped in this run: stdout is a terminal.
pub fn escaping() -> bool {
    static ESCAPING: OnceLock<bool> = OnceLock::new();
    // SAFETY: isatty only inspects the descriptor.
    *ESCAPING.get_or_init(|| unsafe { libc::isatty(libc::STDOUT_FILENO) } == 1)
}

/// `text` as this run shows it: escaped on a terminal, untouched otherwise.
pub fn shown(text: &[u8]) -> Cow<'_, [u8]> {
    if escaping() {
        escaped(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` with every byte a terminal could obey escaped (see the module
/// documentation); borrowed when there is nothing to escape.
pub fn escaped(text: &[u8]) -> Cow<'_, [u8]> {
    if text
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) && b != b'\\')
    {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(&first) = rest.first() {
        let taken = match first {
            b'\\' => {
                out.extend_from_slice(b"\\\\");
                1
            }
            0x20..0x7f => {
                out.push(first);
                1
            }
            0x00..0x20 | 0x7f => {
                push_control(&mut out, first);
                1
            }
            _ => match printable_utf8(rest) {
                Some(len) => {
                    out.extend_from_slice(&rest[..len]);
                    len
                }
                None => {
                    push_octal(&mut out, first);
                    1
                }
            },
        };
        rest = &rest[taken..];
    }
    Cow::Owned(out)
}

/// The length of the UTF-8 sequence `text` starts with, when it is valid and
/// not a C1 control character.
fn printable_utf8(text: &[u8]) -> Option<usize> {
    let len = match text[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let c = std::str::from_utf8(text.get(..len)?).ok()?.chars().next()?;
    (!('\u{80}'..='\u{9f}').contains(&c)).then_some(len)
}

fn push_control(out: &mut Vec<u8>, byte: u8) {
    let letter = match byte {
        0x07 => b'a',
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0b => b'v',
        0x0c => b'f',
        b'\r' => b'r',
        _ => return push_octal(out, byte),
    };
    out.extend_from_slice(&[b'\\', letter]);
}

fn push_octal(out: &mut Vec<u8>, byte: u8) {
    out.extend_from_slice(&[
        b'\\',
        b'0' + (byte >> 6),
        b'0' + ((byte >> 3) & 7),
        b'0' + (byte & 7),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invalid_bytes_are_escaped_like_ls_b() {
        let cases: [(&[u8], &[u8]); 8] = [
            (b"/run/plain.sock", b"/run/plain.sock"),
            (b"/tmp/\x1b[2J\nforged", b"/tmp/\\033[2J\\nforged"),
            (b"tab\there\r\x07\x08\x0b\x0c", b"tab\\there\\r\\a\\b\\v\\f"),
            (b"back\\slash\x7f\x00", b"back\\\\slash\\177\\000"),
            (
                "caf\u{e9} \u{2603}".as_bytes(),
                "caf\u{e9} \u{2603}".as_bytes(),
            ),
            (b"bad\xff\xc3(", b"bad\\377\\303("),
            // U+009B (CSI) in UTF-8, and a truncated sequence at the end.
            (b"\xc2\x9b2J\xe2\x98", b"\\302\\2332J\\342\\230"),
            (b"", b""),
        ];
        for (raw, shown) in cases {
            assert_eq!(
                escaped(raw).as_ref(),
                shown,
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
        assert!(matches!(escaped(b"eth0"), Cow::Borrowed(_)));
    }
}
