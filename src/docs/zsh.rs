//! `completions/_netstat`: a zsh `_arguments` specification.

use super::{DocumentedOption, completed_options, value_words};
use crate::cli::docs::Values;

pub fn script() -> String {
    let options = completed_options();
    let mut specs = String::new();
    for option in &options {
        specs.push_str(&format!(" \\\n  {}", spec(option)));
    }
    let families = value_words(Values::Families).join(" ");
    format!(
        "#compdef netstat\n\
         # zsh completion for netstat. Generated from the option table by\n\
         # `cargo run --bin netstat-docs`: do not edit.\n\
         \n\
         _netstat_families() {{\n  \
           _values -s , 'address family' {families}\n\
         }}\n\
         \n\
         _arguments -s{specs}\n"
    )
}

/// `{-r,--route}'[display routing tables]'`, with `:NAME:ACTION` for a value.
fn spec(option: &DocumentedOption) -> String {
    let long_value = if option.value_name().is_some() {
        "="
    } else {
        ""
    };
    let short_value = if option.value_name().is_some() {
        "+"
    } else {
        ""
    };
    let mut spellings: Vec<String> = option
        .short
        .iter()
        .map(|letter| format!("-{letter}{short_value}"))
        .collect();
    spellings.extend(option.long.iter().map(|n| format!("--{n}{long_value}")));
    let names = match spellings.as_slice() {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(",")),
    };
    let action = match option.values() {
        Values::None => String::new(),
        Values::Text => format!(":{}: ", quote(option.value_name().unwrap())),
        Values::Families => format!(":{}:_netstat_families", quote(option.value_name().unwrap())),
        Values::Words(words) => format!(
            ":{}:({})",
            quote(option.value_name().unwrap()),
            words.join(" ")
        ),
    };
    format!("{names}'[{}]{action}'", quote(option.doc.summary))
}

/// Text inside a single-quoted `_arguments` spec.
fn quote(text: &str) -> String {
    text.replace('\'', "'\\''")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(':', "\\:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_from_words_is_offered() {
        assert_eq!(
            spec(&super::super::option_with_words()),
            "--state='[select address families]:STATE:(listen established)'"
        );
    }
}
