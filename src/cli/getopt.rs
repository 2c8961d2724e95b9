//! A work-alike of glibc's `getopt_long` over the option table: clustering,
//! `-A` values, `--name=value`, abbreviations, GNU argument permutation,
//! `--`, `POSIXLY_CORRECT`, and glibc's exact error messages.
//!
//! Permutation only reorders argv so that operands come last; the options are
//! still seen in their original order, so the engine walks argv once and
//! reports operands where it meets them.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;

use super::table::{self, Flag, LONG_OPTIONS, Lookup};

/// One step of the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event<'a> {
    /// An option with its value, if it takes one; `long` is the index into
    /// [`LONG_OPTIONS`] when it was spelled as a long option.
    Option {
        flag: Flag,
        long: Option<usize>,
        value: Option<&'a [u8]>,
    },
    /// A word that is not an option (or comes after `--`).
    Operand(&'a [u8]),
    /// getopt's complaint; the caller prints the usage next.
    Error(Error<'a>),
}

/// The messages glibc's getopt prints (spec §1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error<'a> {
    InvalidOption(u8),
    ShortValueMissing(u8),
    /// The word after `--`, including any `=value`.
    Unrecognized(&'a [u8]),
    Ambiguous {
        word: &'a [u8],
        candidates: Vec<&'static str>,
    },
    /// Long option names, as in the table.
    ValueNotAllowed(&'static str),
    LongValueMissing(&'static str),
}

impl Error<'_> {
    /// The full stderr line, `prog` being argv[0] as given.
    pub fn message(&self, prog: &[u8]) -> Vec<u8> {
        let mut line = prog.to_vec();
        line.extend_from_slice(b": ");
        match self {
            Error::InvalidOption(letter) => {
                line.extend_from_slice(b"invalid option -- '");
                line.push(*letter);
                line.push(b'\'');
            }
            Error::ShortValueMissing(letter) => {
                line.extend_from_slice(b"option requires an argument -- '");
                line.push(*letter);
                line.push(b'\'');
            }
            Error::Unrecognized(word) => {
                line.extend_from_slice(b"unrecognized option '--");
                line.extend_from_slice(word);
                line.push(b'\'');
            }
            Error::Ambiguous { word, candidates } => {
                line.extend_from_slice(b"option '--");
                line.extend_from_slice(word);
                line.extend_from_slice(b"' is ambiguous; possibilities:");
                for name in candidates {
                    line.extend_from_slice(format!(" '--{name}'").as_bytes());
                }
            }
            Error::ValueNotAllowed(name) => {
                line.extend_from_slice(
                    format!("option '--{name}' doesn't allow an argument").as_bytes(),
                );
            }
            Error::LongValueMissing(name) => {
                line.extend_from_slice(
                    format!("option '--{name}' requires an argument").as_bytes(),
                );
            }
        }
        line.push(b'\n');
        line
    }
}

/// The scan over argv[1..].
pub struct Getopt<'a> {
    words: Vec<&'a [u8]>,
    /// The next word to look at.
    next: usize,
    /// Inside a short-option cluster: the word and the offset of its next letter.
    cluster: Option<(usize, usize)>,
    /// After `--`, or after the first operand with `POSIXLY_CORRECT`.
    operands_only: bool,
    /// glibc's REQUIRE_ORDER (`POSIXLY_CORRECT`): stop at the first operand.
    require_order: bool,
}

impl<'a> Getopt<'a> {
    /// `args` without argv[0].
    pub fn new(args: &'a [OsString], posixly_correct: bool) -> Self {
        Getopt {
            words: args.iter().map(|arg| arg.as_bytes()).collect(),
            next: 0,
            cluster: None,
            operands_only: false,
            require_order: posixly_correct,
        }
    }

    fn short(&mut self, word_index: usize, offset: usize) -> Event<'a> {
        let word = self.words[word_index];
        let letter = word[offset];
        let rest = &word[offset + 1..];
        if rest.is_empty() {
            self.cluster = None;
            self.next = word_index + 1;
        } else {
            self.cluster = Some((word_index, offset + 1));
        }
        let Some(flag) = table::short_option(letter) else {
            return Event::Error(Error::InvalidOption(letter));
        };
        if !flag.takes_value() {
            return Event::Option {
                flag,
                long: None,
                value: None,
            };
        }
        // The value is the rest of the word, or else the whole next word.
        self.cluster = None;
        let value = if rest.is_empty() {
            let Some(next) = self.words.get(word_index + 1) else {
                return Event::Error(Error::ShortValueMissing(letter));
            };
            self.next = word_index + 2;
            next
        } else {
            self.next = word_index + 1;
            rest
        };
        Event::Option {
            flag,
            long: None,
            value: Some(value),
        }
    }

    /// `body` is the word after `--`; the word itself is already consumed.
    fn long(&mut self, body: &'a [u8]) -> Event<'a> {
        let (name, inline_value) = match body.iter().position(|&b| b == b'=') {
            Some(at) => (&body[..at], Some(&body[at + 1..])),
            None => (body, None),
        };
        let index = match table::lookup(name) {
            Lookup::Found(index) => index,
            Lookup::Ambiguous(candidates) => {
                return Event::Error(Error::Ambiguous {
                    word: body,
                    candidates,
                });
            }
            Lookup::Unknown => return Event::Error(Error::Unrecognized(body)),
        };
        let option = &LONG_OPTIONS[index];
        let value = match (option.flag.takes_value(), inline_value) {
            (false, Some(_)) => return Event::Error(Error::ValueNotAllowed(option.name)),
            (false, None) => None,
            (true, Some(value)) => Some(value),
            (true, None) => {
                let Some(next) = self.words.get(self.next) else {
                    return Event::Error(Error::LongValueMissing(option.name));
                };
                self.next += 1;
                Some(*next)
            }
        };
        Event::Option {
            flag: option.flag,
            long: Some(index),
            value,
        }
    }
}

impl<'a> Iterator for Getopt<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some((word_index, offset)) = self.cluster {
            return Some(self.short(word_index, offset));
        }
        loop {
            let word = *self.words.get(self.next)?;
            self.next += 1;
            if self.operands_only {
                return Some(Event::Operand(word));
            }
            if word == b"--" {
                self.operands_only = true;
                continue;
            }
            // A lone `-` is an operand, as is anything not starting with `-`.
            if word.len() < 2 || word[0] != b'-' {
                self.operands_only = self.require_order;
                return Some(Event::Operand(word));
            }
            if word[1] == b'-' {
                return Some(self.long(&word[2..]));
            }
            return Some(self.short(self.next - 1, 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(words: &[&str], posixly_correct: bool) -> Vec<String> {
        let args: Vec<OsString> = words.iter().map(OsString::from).collect();
        Getopt::new(&args, posixly_correct)
            .map(|event| match event {
                Event::Option { flag, long, value } => {
                    let name = match long {
                        Some(index) => format!("--{}", LONG_OPTIONS[index].name),
                        None => format!("-{}", table::short_letter(flag).unwrap() as char),
                    };
                    match value {
                        Some(value) => format!("{name}={}", String::from_utf8_lossy(value)),
                        None => name,
                    }
                }
                Event::Operand(word) => format!("[{}]", String::from_utf8_lossy(word)),
                Event::Error(error) => String::from_utf8(error.message(b"P")).unwrap(),
            })
            .collect()
    }

    #[test]
    fn clusters_and_values() {
        assert_eq!(scan(&["-tulpn"], false), ["-t", "-u", "-l", "-p", "-n"]);
        assert_eq!(scan(&["-Ainet"], false), ["-A=inet"]);
        assert_eq!(scan(&["-A", "inet"], false), ["-A=inet"]);
        assert_eq!(scan(&["-A=inet"], false), ["-A==inet"]);
        assert_eq!(scan(&["-tA", "-x", "-x"], false), ["-t", "-A=-x", "-x"]);
        assert_eq!(scan(&["-tAunix,inet"], false), ["-t", "-A=unix,inet"]);
    }

    #[test]
    fn operands_permute_end_and_stop() {
        assert_eq!(scan(&["eth0", "-i", "x"], false), ["[eth0]", "-i", "[x]"]);
        assert_eq!(
            scan(&["-i", "--", "-t", "--"], false),
            ["-i", "[-t]", "[--]"]
        );
        assert_eq!(scan(&["-", "-t"], false), ["[-]", "-t"]);
        assert_eq!(
            scan(&["eth0", "-i", "--"], true),
            ["[eth0]", "[-i]", "[--]"]
        );
        assert_eq!(scan(&["-i", "--", "x"], true), ["-i", "[x]"]);
        assert_eq!(scan(&["-i", "eth0", "-t"], true), ["-i", "[eth0]", "[-t]"]);
    }

    #[test]
    fn long_options_and_values() {
        assert_eq!(scan(&["--protocol=inet"], false), ["--protocol=inet"]);
        assert_eq!(scan(&["--protocol", "inet"], false), ["--protocol=inet"]);
        assert_eq!(scan(&["--prot="], false), ["--protocol="]);
        assert_eq!(scan(&["--unix"], false), ["--unix"]);
        assert_eq!(scan(&["--ine", "--netl"], false), ["--inet", "--netlink"]);
    }

    #[test]
    fn error_messages() {
        let cases: [(&[&str], &str); 8] = [
            (&["-q"], "P: invalid option -- 'q'\n"),
            (&["-t:"], "-t"),
            (&["-A"], "P: option requires an argument -- 'A'\n"),
            (&["--foo=bar"], "P: unrecognized option '--foo=bar'\n"),
            (
                &["--in=x"],
                "P: option '--in=x' is ambiguous; possibilities: '--inet' '--interfaces'\n",
            ),
            (
                &["--tcp=1"],
                "P: option '--tcp' doesn't allow an argument\n",
            ),
            (
                &["--int="],
                "P: option '--interfaces' doesn't allow an argument\n",
            ),
            (&["--prot"], "P: option '--protocol' requires an argument\n"),
        ];
        for (words, first) in cases {
            assert_eq!(scan(words, false)[0], first, "{words:?}");
        }
        assert_eq!(scan(&["-t:"], false)[1], "P: invalid option -- ':'\n");
    }
}
