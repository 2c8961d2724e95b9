//! A small line diff for mismatch reports: unified-style hunks, `-` for net-tools, `+` for ours,
//! every line ending in `$` so trailing spaces show, control bytes escaped.

use std::fmt::Write;

/// Lines of context around each change.
const CONTEXT: usize = 2;
/// Above this many cells the middle part is shown whole instead of diffed line by line.
const MAX_TABLE: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Same,
    Removed,
    Added,
}

/// The difference between `expected` (net-tools) and `actual` (ours), one text block.
pub fn unified(expected: &[u8], actual: &[u8]) -> String {
    let old: Vec<&[u8]> = split(expected);
    let new: Vec<&[u8]> = split(actual);
    let script = edit_script(&old, &new);
    let mut text = String::new();
    let (mut i, mut j) = (0, 0);
    let mut pending: Vec<(Edit, &[u8])> = Vec::new();
    // Walk the script, keeping only changes and CONTEXT lines around them.
    let mut last_change: Option<usize> = None;
    for (k, edit) in script.iter().enumerate() {
        let line = match edit {
            Edit::Same | Edit::Removed => old[i],
            Edit::Added => new[j],
        };
        let near_before = last_change.is_some_and(|c| k - c <= CONTEXT);
        let near_after = script[k..]
            .iter()
            .take(CONTEXT + 1)
            .any(|e| *e != Edit::Same);
        if *edit != Edit::Same || near_before || near_after {
            if pending.is_empty() {
                let _ = writeln!(text, "@@ net-tools line {}, ours line {} @@", i + 1, j + 1);
            }
            pending.push((*edit, line));
        } else if !pending.is_empty() {
            flush(&mut text, &mut pending);
        }
        if *edit != Edit::Same {
            last_change = Some(k);
        }
        match edit {
            Edit::Same => {
                i += 1;
                j += 1;
            }
            Edit::Removed => i += 1,
            Edit::Added => j += 1,
        }
    }
    flush(&mut text, &mut pending);
    if !expected.is_empty() && !expected.ends_with(b"\n") {
        text.push_str("(net-tools output does not end with a newline)\n");
    }
    if !actual.is_empty() && !actual.ends_with(b"\n") {
        text.push_str("(our output does not end with a newline)\n");
    }
    text
}

fn flush(text: &mut String, pending: &mut Vec<(Edit, &[u8])>) {
    for (edit, line) in pending.drain(..) {
        let mark = match edit {
            Edit::Same => ' ',
            Edit::Removed => '-',
            Edit::Added => '+',
        };
        let _ = writeln!(text, "{mark}{}$", visible(line));
    }
}

fn split(data: &[u8]) -> Vec<&[u8]> {
    if data.is_empty() {
        return Vec::new();
    }
    data.strip_suffix(b"\n")
        .unwrap_or(data)
        .split(|&b| b == b'\n')
        .collect()
}

/// The line as text with control bytes and invalid UTF-8 escaped.
fn visible(line: &[u8]) -> String {
    let mut text = String::new();
    for chunk in line.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                let _ = write!(text, "{}", c.escape_default());
            } else {
                text.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02x}");
        }
    }
    text
}

/// A shortest edit script: common prefix and suffix, then a longest-common-subsequence table for
/// the middle (or, when the middle is too big, all of it removed and added).
fn edit_script(old: &[&[u8]], new: &[&[u8]]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    let mut script = vec![Edit::Same; prefix];
    if a.len() * b.len() > MAX_TABLE {
        script.extend(std::iter::repeat_n(Edit::Removed, a.len()));
        script.extend(std::iter::repeat_n(Edit::Added, b.len()));
    } else {
        script.extend(lcs_script(a, b));
    }
    script.extend(std::iter::repeat_n(Edit::Same, suffix));
    script
}

fn lcs_script(a: &[&[u8]], b: &[&[u8]]) -> Vec<Edit> {
    let width = b.len() + 1;
    // table[i * width + j] = LCS length of a[i..] and b[j..].
    let mut table = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let mut script = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            script.push(Edit::Same);
            i += 1;
            j += 1;
        } else if j == b.len()
            || (i < a.len() && table[(i + 1) * width + j] >= table[i * width + j + 1])
        {
            script.push(Edit::Removed);
            i += 1;
        } else {
            script.push(Edit::Added);
            j += 1;
        }
    }
    script
}
