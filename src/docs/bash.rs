//! `completions/netstat.bash`: a bash completion function that needs no
//! helper package (bash-completion is not required).

use super::{DocumentedOption, completed_options, long_names, value_words};
use crate::cli::docs::Values;

pub fn script() -> String {
    let options = completed_options();
    let shorts: Vec<String> = options
        .iter()
        .filter_map(|o| o.short.map(|letter| format!("-{letter}")))
        .collect();
    let longs: Vec<String> = long_names(&options)
        .iter()
        .map(|name| format!("--{name}"))
        .collect();
    let mut value_arms = String::new();
    for option in &options {
        value_arms.push_str(&value_arm(option));
    }
    format!(
        r#"# bash completion for netstat. Generated from the option table by
# `cargo run --bin netstat-docs`: do not edit.

# Offer WORDS for the value being typed; with a SEPARATOR, the value is a
# list and only its last element is completed.
_netstat_values() {{
    local words=$1 separator=$2 cur=$3 done=
    if [[ -n $separator && $cur == *"$separator"* ]]; then
        done=${{cur%"$separator"*}}$separator
        cur=${{cur##*"$separator"}}
    fi
    COMPREPLY=($(compgen -P "$done" -W "$words" -- "$cur"))
    [[ -n $separator ]] && compopt -o nospace 2>/dev/null
    return 0
}}

_netstat() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=
    (( COMP_CWORD > 0 )) && prev=${{COMP_WORDS[COMP_CWORD-1]}}
    # `--option=value`: bash splits the word at `=` (COMP_WORDBREAKS).
    if [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev=${{COMP_WORDS[COMP_CWORD-2]}}
    elif [[ $cur == = ]]; then
        cur=
    fi
    case $prev in
{value_arms}    esac
    case $cur in
        --*) COMPREPLY=($(compgen -W "{longs}" -- "$cur")) ;;
        -*) COMPREPLY=($(compgen -W "{shorts}" -- "$cur")) ;;
    esac
    return 0
}}

complete -F _netstat netstat
"#,
        longs = longs.join(" "),
        shorts = shorts.join(" "),
    )
}

/// `        -A|--protocol) _netstat_values "..." , "$cur"; return ;;`
fn value_arm(option: &DocumentedOption) -> String {
    let separator = match option.values() {
        Values::None | Values::Text => return String::new(),
        Values::Families => ",",
        Values::Words(_) => "",
    };
    let mut patterns: Vec<String> = option.long.iter().map(|n| format!("--{n}")).collect();
    if let Some(letter) = option.short {
        // The letter may end a group of letters: `-tA inet`.
        patterns.insert(0, format!("-{letter}|-[!-]*{letter}"));
    }
    format!(
        "        {}) _netstat_values \"{}\" \"{separator}\" \"$cur\"; return ;;\n",
        patterns.join("|"),
        value_words(option.values()).join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_from_words_is_one_word() {
        assert_eq!(
            value_arm(&super::super::option_with_words()),
            "        --state) _netstat_values \"listen established\" \"\" \"$cur\"; return ;;\n"
        );
    }
}
