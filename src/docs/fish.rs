//! `completions/netstat.fish`: one `complete` command per option.

use super::{DocumentedOption, completed_options, value_words};
use crate::cli::docs::Values;

pub fn script() -> String {
    let mut script = format!(
        "# fish completion for netstat. Generated from the option table by\n\
         # `cargo run --bin netstat-docs`: do not edit.\n\
         \n\
         function __fish_netstat_families\n    \
             printf '%s\\n' {}\n\
         end\n\
         \n\
         complete -c netstat -f\n",
        value_words(Values::Families).join(" ")
    );
    for option in completed_options() {
        script.push_str(&command(&option));
    }
    script
}

fn command(option: &DocumentedOption) -> String {
    let mut words = vec!["complete -c netstat".to_string()];
    if let Some(letter) = option.short {
        words.push(format!("-s {letter}"));
    }
    words.extend(option.long.iter().map(|name| format!("-l {name}")));
    match option.values() {
        Values::None => {}
        // A value, but nothing to offer for it.
        Values::Text => words.push("-x".to_string()),
        Values::Families => {
            words.push("-x -a '(__fish_complete_list , __fish_netstat_families)'".to_string())
        }
        Values::Words(values) => words.push(format!("-x -a '{}'", values.join(" "))),
    }
    words.push(format!("-d '{}'", option.doc.summary.replace('\'', "\\'")));
    words.join(" ") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_from_words_is_offered() {
        assert_eq!(
            command(&super::super::option_with_words()),
            "complete -c netstat -l state -x -a 'listen established' -d 'select address families'\n"
        );
    }
}
