//! Comparing the two programs on one state, with retries and an optional normaliser.

use super::diff;
use super::run::{Outcome, Program, Runner};
use std::fmt::Write;

/// Rewrites an output before comparison (e.g. [`normalise_timers`]).
pub type Normaliser = fn(&[u8]) -> Vec<u8>;

/// How to compare one invocation. Whatever the check, the usage lines of options this program
/// adds are removed from our output first.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Applied to both stdouts before comparing (stderr and status are always exact).
    pub normalise: Option<Normaliser>,
    /// Runs of the pair before a difference is reported: live state can move between the two runs
    /// (a TIME_WAIT expires, a queue drains); a real difference shows every time.
    pub attempts: u32,
}

impl Check {
    /// Byte for byte.
    pub const EXACT: Check = Check {
        normalise: None,
        attempts: 3,
    };
    /// Byte for byte except the numbers of `-o` timers (see [`normalise_timers`]).
    pub const TIMERS: Check = Check {
        normalise: Some(normalise_timers),
        attempts: 3,
    };
}

impl Default for Check {
    fn default() -> Self {
        Check::EXACT
    }
}

/// Compare `netstat ARGS` of net-tools and ours on `runner`'s state. `Err` holds a readable report
/// (command, statuses, diffs) of the last attempt.
pub fn compare(runner: &dyn Runner, args: &[&str], check: Check) -> Result<(), String> {
    let attempts = check.attempts.max(1);
    let mut report = String::new();
    for attempt in 1..=attempts {
        let expected = runner.run(Program::Reference, args);
        let actual = runner.run(Program::Ours, args);
        match differences(&expected, &actual, check.normalise) {
            None => {
                if attempt > 1 {
                    // Shown with --nocapture: state that moves is worth knowing about.
                    eprintln!(
                        "note: `netstat {}` matched on attempt {attempt}",
                        args.join(" ")
                    );
                }
                return Ok(());
            }
            Some(text) => {
                report = format!(
                    "`netstat {}` differs from net-tools (attempt {attempt} of {attempts}):\n{text}",
                    args.join(" ")
                );
            }
        }
    }
    Err(report)
}

/// [`compare`] each of `invocations` (arguments separated by spaces, e.g. `"-r -A inet"`); the
/// reports of those that differ.
pub fn compare_each(runner: &dyn Runner, invocations: &[&str], check: Check) -> Vec<String> {
    invocations
        .iter()
        .filter_map(|args| {
            let argv: Vec<&str> = args.split_whitespace().collect();
            compare(runner, &argv, check).err()
        })
        .collect()
}

/// [`compare`], panicking with the report on a difference.
pub fn assert_same(runner: &dyn Runner, args: &[&str], check: Check) {
    if let Err(report) = compare(runner, args, check) {
        panic!("{report}");
    }
}

/// Replace the numbers inside `-o` timer texts by `#`: `keepalive (7193.08/0/0)` becomes
/// `keepalive (#/#/#)`. Nothing else is touched.
pub fn normalise_timers(output: &[u8]) -> Vec<u8> {
    let mut result = Vec::with_capacity(output.len());
    let mut rest = output;
    while let Some(open) = rest.iter().position(|&b| b == b'(') {
        result.extend_from_slice(&rest[..=open]);
        rest = &rest[open + 1..];
        if let Some(len) = timer_numbers(rest) {
            result.extend_from_slice(b"#/#/#)");
            rest = &rest[len..];
        }
    }
    result.extend_from_slice(rest);
    result
}

/// Length of `SECS/RETR/PROBES)` at the start of `text`, if that is what it holds.
fn timer_numbers(text: &[u8]) -> Option<usize> {
    let close = text.iter().position(|&b| b == b')')?;
    let fields: Vec<&[u8]> = text[..close].split(|&b| b == b'/').collect();
    let number = |f: &[u8], extra: &[u8]| {
        !f.is_empty() && f.iter().all(|b| b.is_ascii_digit() || extra.contains(b))
    };
    let ok = fields.len() == 3
        && number(fields[0], b".-")
        && number(fields[1], b"")
        && number(fields[2], b"-");
    ok.then_some(close + 1)
}

/// Our output without the usage lines of the options this program adds: the one deliberate
/// difference in the usage text (design: `-h` describes this program). Other tests check that
/// the lines are there.
fn without_added_usage_lines(output: &[u8]) -> Vec<u8> {
    let has_usage = output.starts_with(b"usage: ") || output.windows(8).any(|w| w == b"\nusage: ");
    if !has_usage {
        return output.to_vec();
    }
    let added = netstat::cli::added_option_lines();
    output
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !added.iter().any(|a| a.as_bytes() == *line))
        .flatten()
        .copied()
        .collect()
}

/// `None` when the outcomes match, else the description of every difference.
fn differences(
    expected: &Outcome,
    actual: &Outcome,
    normalise: Option<Normaliser>,
) -> Option<String> {
    let actual_out = without_added_usage_lines(&actual.stdout);
    let actual_err = without_added_usage_lines(&actual.stderr);
    let (expected_out, actual_out) = match normalise {
        Some(f) => (f(&expected.stdout), f(&actual_out)),
        None => (expected.stdout.clone(), actual_out),
    };
    let mut text = String::new();
    if expected.status != actual.status || expected.timed_out || actual.timed_out {
        let _ = writeln!(
            text,
            "  exit status: net-tools {}, ours {}",
            expected.status_text(),
            actual.status_text()
        );
    }
    for (stream, old, new) in [
        ("stdout", &expected_out, &actual_out),
        ("stderr", &expected.stderr, &actual_err),
    ] {
        if old != new {
            let _ = writeln!(
                text,
                "  {stream} (- net-tools, + ours, $ = end of line):\n{}",
                indent(&diff::unified(old, new))
            );
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Diff lines shown per stream; the rest is counted.
const MAX_DIFF_LINES: usize = 120;

fn indent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut result: String = lines
        .iter()
        .take(MAX_DIFF_LINES)
        .map(|line| format!("    {line}\n"))
        .collect();
    if lines.len() > MAX_DIFF_LINES {
        let _ = writeln!(
            result,
            "    ... {} more lines",
            lines.len() - MAX_DIFF_LINES
        );
    }
    result
}

/// Fail the test with every collected difference report, if there are any.
pub fn assert_no_differences(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} invocations differ from net-tools:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
