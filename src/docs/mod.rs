//! The man page and the shell completions, generated from the one option
//! table (`cli::table`) and its documentation (`cli::docs`). The generated
//! files are checked in; `cargo run --bin netstat-docs` rewrites them and a
//! test fails while they differ from what this module produces.

mod bash;
mod fish;
mod man;
mod zsh;

use crate::cli::docs::{Doc, Values};
use crate::cli::families;
use crate::cli::table::{
    ADDED_SHORT_OPTIONS, FAMILY_OPTIONS_HANDLED, Flag, LONG_OPTIONS, SHORT_OPTIONS,
};

/// Every generated file: its path from the repository root, and its text.
pub fn generated_files() -> [(&'static str, String); 4] {
    [
        ("doc/netstat.8", man::page()),
        ("completions/netstat.bash", bash::script()),
        ("completions/_netstat", zsh::script()),
        ("completions/netstat.fish", fish::script()),
    ]
}

/// One option as the documentation shows it: every spelling of one flag.
#[derive(Debug, Clone)]
pub struct DocumentedOption {
    pub flag: Flag,
    pub short: Option<char>,
    /// Long names without `--`, in table order.
    pub long: Vec<&'static str>,
    pub doc: Doc,
}

impl DocumentedOption {
    /// The value's name, for options that take one.
    pub fn value_name(&self) -> Option<&'static str> {
        self.doc.value.map(|(name, _)| name)
    }

    /// What a completion offers for the value.
    pub fn values(&self) -> Values {
        self.doc.value.map_or(Values::None, |(_, values)| values)
    }
}

/// Every option, one entry per flag: flags with long names in the order of
/// the long-option table, then flags that have only a letter, in getopt
/// order. `--tcpip` is left out: 2.10 (and so this program) only prints an
/// internal error for it.
pub fn documented_options() -> Vec<DocumentedOption> {
    let mut options: Vec<DocumentedOption> = Vec::new();
    let long_names = LONG_OPTIONS
        .iter()
        .enumerate()
        .filter(|(index, option)| {
            option.flag != Flag::AddressFamily || *index < FAMILY_OPTIONS_HANDLED
        })
        .map(|(_, option)| (option.flag, Some(option.name)));
    let letters_only = SHORT_OPTIONS
        .iter()
        .chain(&ADDED_SHORT_OPTIONS)
        .map(|(_, flag)| (*flag, None));
    for (flag, name) in long_names.chain(letters_only) {
        let entry = match options.iter_mut().position(|o| o.flag == flag) {
            Some(index) => &mut options[index],
            None => {
                options.push(DocumentedOption {
                    flag,
                    short: crate::cli::table::short_letter(flag).map(char::from),
                    long: Vec::new(),
                    doc: flag.doc(),
                });
                options.last_mut().expect("just pushed")
            }
        };
        if let Some(name) = name {
            entry.long.push(name);
        }
    }
    options
}

/// The options a completion offers: all but `-?`, which only prints the
/// usage as an error (and is a glob pattern in a shell word list).
pub fn completed_options() -> Vec<DocumentedOption> {
    let mut options = documented_options();
    options.retain(|o| o.flag != Flag::Usage);
    options
}

/// Every long name once, in table order (`--unix` is both a family and `-x`).
pub fn long_names(options: &[DocumentedOption]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for name in options.iter().flat_map(|o| o.long.iter().copied()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The words a completion offers for a value.
pub fn value_words(values: Values) -> Vec<&'static str> {
    match values {
        Values::None | Values::Text => Vec::new(),
        Values::Families => families::alias_names().collect(),
        Values::Words(words) => words.to_vec(),
    }
}

/// An option whose value is one of a few words, as later options may have.
#[cfg(test)]
fn option_with_words() -> DocumentedOption {
    DocumentedOption {
        flag: Flag::Protocol,
        short: None,
        long: vec!["state"],
        doc: Doc {
            value: Some(("STATE", Values::Words(&["listen", "established"]))),
            ..Flag::Protocol.doc()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_is_documented_once_with_text() {
        let options = documented_options();
        for option in &options {
            let doc = option.doc;
            assert!(!doc.summary.is_empty(), "{:?}", option.flag);
            assert!(!doc.summary.contains('\n'), "{:?}", option.flag);
            assert!(doc.text.len() > doc.summary.len() / 2, "{:?}", option.flag);
            assert_eq!(
                doc.value.is_some(),
                option.flag.takes_value(),
                "{:?}: a value name exactly when the option takes a value",
                option.flag
            );
            assert!(option.short.is_some() || !option.long.is_empty());
        }
        for (_, flag) in SHORT_OPTIONS.iter().chain(&ADDED_SHORT_OPTIONS) {
            assert_eq!(options.iter().filter(|o| o.flag == *flag).count(), 1);
        }
        for long in &LONG_OPTIONS {
            assert_eq!(options.iter().filter(|o| o.flag == long.flag).count(), 1);
        }
    }

    #[test]
    fn spellings_follow_the_table() {
        let options = documented_options();
        let find = |flag| options.iter().find(|o| o.flag == flag).unwrap();
        assert_eq!(find(Flag::Protocol).short, Some('A'));
        assert_eq!(find(Flag::Protocol).long, ["protocol"]);
        assert_eq!(find(Flag::Unix).long, ["unix"]);
        assert_eq!(find(Flag::Debug).long, Vec::<&str>::new());
        let families = &find(Flag::AddressFamily).long;
        assert_eq!(families.first(), Some(&"ax25"));
        assert_eq!(families.last(), Some(&"bluetooth"));
        let names = long_names(&options);
        assert_eq!(names.iter().filter(|n| **n == "unix").count(), 1);
        assert!(!names.contains(&"tcpip"));
        assert!(names.contains(&"netlink"));
    }
}
