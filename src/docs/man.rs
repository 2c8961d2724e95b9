//! `doc/netstat.8`: the hand-written template `doc/netstat.8.in` with its
//! OPTIONS list generated from the option table.

use super::{DocumentedOption, documented_options};
use crate::cli::docs::Section;

const TEMPLATE: &str = include_str!("../../doc/netstat.8.in");

pub fn page() -> String {
    TEMPLATE
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@OPTIONS@\n", &options_list())
}

/// One `.SS` per section, one `.TP` per option.
fn options_list() -> String {
    let options = documented_options();
    let mut text = String::new();
    for section in Section::ALL {
        text.push_str(&format!(".SS {}\n", section.title()));
        for option in options.iter().filter(|o| o.doc.section == section) {
            text.push_str(".TP\n");
            text.push_str(&tag(option));
            text.push('\n');
            text.push_str(&paragraph(option.doc.text));
        }
    }
    text
}

/// `\fB\-A\fR, \fB\-\-protocol\fR \fIFAMILIES\fR`
fn tag(option: &DocumentedOption) -> String {
    let short = option.short.map(|letter| format!("-{letter}"));
    let long = option.long.iter().map(|name| format!("--{name}"));
    let spellings: Vec<String> = short
        .into_iter()
        .chain(long)
        .map(|spelling| format!("\\fB{}\\fR", escape(&spelling)))
        .collect();
    let mut tag = spellings.join(", ");
    if let Some(value) = option.value_name() {
        tag.push_str(&format!(" \\fI{}\\fR", escape(value)));
    }
    tag
}

/// Documentation text to roff: `` `bold` ``, one sentence per line (the
/// man-page convention, which lets the formatter space sentences).
fn paragraph(text: &str) -> String {
    let mut roff = String::new();
    let mut bold = false;
    for c in text.chars() {
        match c {
            '`' => {
                roff.push_str(if bold { "\\fR" } else { "\\fB" });
                bold = !bold;
            }
            // Options are set in bold; their dashes are minus signs.
            '-' if bold => roff.push_str("\\-"),
            '\\' => roff.push_str("\\e"),
            _ => roff.push(c),
        }
    }
    assert!(!bold, "unbalanced backquote in: {text}");
    let mut lines = String::new();
    for sentence in roff.split_inclusive(". ") {
        for line in wrap(sentence.trim_end()) {
            // A line that starts with `.` or `'` would be read as a request.
            if line.starts_with(['.', '\'']) {
                lines.push_str("\\&");
            }
            lines.push_str(&line);
            lines.push('\n');
        }
    }
    lines
}

/// Source lines of at most 80 bytes (the formatter fills them anyway; long
/// ones are hard to read and to diff), broken at spaces.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= 80 => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Characters roff would read as something else.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_roff_one_sentence_per_line() {
        assert_eq!(
            paragraph("Use `-a` now. Then `--all`."),
            "Use \\fB\\-a\\fR now.\nThen \\fB\\-\\-all\\fR.\n"
        );
        assert_eq!(paragraph("UDP-Lite."), "UDP-Lite.\n");
        let long = "word ".repeat(30);
        let wrapped = paragraph(long.trim_end());
        assert!(wrapped.lines().all(|line| line.len() <= 80));
        assert_eq!(wrapped.replace('\n', " ").trim_end(), long.trim_end());
    }

    #[test]
    fn every_option_is_in_the_page() {
        let page = page();
        for option in documented_options() {
            assert!(page.contains(&tag(&option)), "{:?}", option.flag);
        }
        assert!(!page.contains("@OPTIONS@") && !page.contains("@VERSION@"));
    }
}
