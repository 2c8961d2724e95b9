//! `--json` output in tests: every document is validated against its JSON Schema in
//! `docs/schema/` (by Python's `jsonschema`, an implementation independent of ours), then parsed.
//!
//! ```ignore
//! let docs = common::json::documents("sockets", &ours.stdout); // one per line
//! ```

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Validates stdin's JSON lines against the schema file named in argv[1]; prints each error.
const VALIDATOR: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
bad = 0
for number, line in enumerate(sys.stdin.read().split("\n"), 1):
    if not line:
        continue
    for error in validator.iter_errors(json.loads(line)):
        bad += 1
        path = "/".join(str(p) for p in error.absolute_path)
        print(f"line {number}: at /{path}: {error.message}")
sys.exit(1 if bad else 0)
"#;

/// The path of the schema of `mode` (`sockets`, `routes`, ...).
pub fn schema_path(mode: &str) -> String {
    format!(
        "{}/docs/schema/{mode}.schema.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Validate each line of `stdout` against the schema of `mode` and return the parsed documents.
/// Panics with every validation error, or when a line is not JSON or does not end in a newline.
pub fn documents(mode: &str, stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("JSON output is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "the last document is not closed by a newline: {text:?}"
    );
    let mut child = Command::new("/usr/bin/python3")
        .args(["-c", VALIDATOR, &schema_path(mode)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run /usr/bin/python3 (the Debian package python3-jsonschema validates --json)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdout)
        .expect("feed the validator");
    let output = child.wait_with_output().expect("validator ran");
    assert!(
        output.status.success(),
        "--json output does not match docs/schema/{mode}.schema.json:\n{}{}\n{text}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The one document of a run that is not `-c`.
pub fn document(mode: &str, stdout: &[u8]) -> Value {
    let mut docs = documents(mode, stdout);
    assert_eq!(docs.len(), 1, "expected one document");
    docs.remove(0)
}

/// Run `args` with net-tools (text) and ours with `--json` added on the same state; validate our
/// document against the schema of `mode` and return (net-tools' stdout, our document).
pub fn text_and_document(runner: &dyn super::Runner, args: &str, mode: &str) -> (String, Value) {
    let (text, ours) = text_and_json(runner, args);
    (text, document(mode, &ours))
}

/// Net-tools' stdout for `args` and ours for `args --json`, whose exit statuses must agree.
pub fn text_and_json(runner: &dyn super::Runner, args: &str) -> (String, Vec<u8>) {
    let argv: Vec<&str> = args.split_whitespace().collect();
    let text = runner.run(super::Program::Reference, &argv);
    let ours = runner.run(super::Program::Ours, &[&argv[..], &["--json"]].concat());
    assert_eq!(
        text.status.code(),
        ours.status.code(),
        "exit status of `{args}` with and without --json"
    );
    (
        String::from_utf8_lossy(&text.stdout).into_owned(),
        ours.stdout,
    )
}

/// The rows of the text table whose column header line starts with `header`: the lines after
/// it up to the end, an empty line, or the next title (`Kernel ...`, `Active ...`).
pub fn text_rows<'t>(text: &'t str, header: &str) -> Vec<&'t str> {
    let mut lines = text.lines().skip_while(|line| !line.starts_with(header));
    assert!(lines.next().is_some(), "no `{header}` table in:\n{text}");
    lines
        .take_while(|line| {
            !line.is_empty() && !line.starts_with("Kernel ") && !line.starts_with("Active ")
        })
        .collect()
}

/// The words of a text row.
fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

/// Assert that `rows` (a JSON table) and the text `lines` are the same rows in the same order:
/// `expect` rebuilds from a JSON row the words net-tools prints for it (in the test's own
/// understanding of the text format), which must be the words of the text line.
pub fn assert_rows(lines: &[&str], rows: &Value, expect: impl Fn(&Value) -> Vec<String>) {
    assert_rows_except(lines, rows, expect, &[]);
}

/// [`assert_rows`], with the words at the positions in `moving` masked on both sides: counters
/// the kernel may change between the two runs (an IPv6 route's Ref while multicast joins settle).
pub fn assert_rows_except(
    lines: &[&str],
    rows: &Value,
    expect: impl Fn(&Value) -> Vec<String>,
    moving: &[usize],
) {
    let mask = |mut w: Vec<String>| {
        for &i in moving {
            if let Some(word) = w.get_mut(i) {
                *word = "*".to_string();
            }
        }
        w
    };
    let rows = rows.as_array().expect("a JSON table is an array");
    let expected: Vec<Vec<String>> = rows
        .iter()
        .map(|row| mask(words(&expect(row).join(" "))))
        .collect();
    let actual: Vec<Vec<String>> = lines.iter().map(|line| mask(words(line))).collect();
    assert_eq!(
        expected, actual,
        "JSON rows (left, as text words) differ from net-tools' text rows (right)"
    );
}

/// A JSON value as the text prints it: strings bare, numbers in decimal, null as `-`.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    }
}

/// `field` of `row` as the text prints it; a missing field is `-`.
pub fn field(row: &Value, field: &str) -> String {
    show(row.get(field).unwrap_or(&Value::Null))
}

/// The first `width` characters of `text` (the text's column cuts).
pub fn cut(text: String, width: usize) -> String {
    text.chars().take(width).collect()
}

/// [`assert_rows`] for a table whose text rows are not always one line each (2.10 leaves some
/// unterminated): the words of all rows, in order.
pub fn assert_words(lines: &[&str], rows: &Value, expect: impl Fn(&Value) -> Vec<String>) {
    let expected: Vec<String> = rows
        .as_array()
        .expect("a JSON table is an array")
        .iter()
        .flat_map(|row| words(&expect(row).join(" ")))
        .collect();
    let actual: Vec<String> = lines.iter().flat_map(|line| words(line)).collect();
    assert_eq!(
        expected, actual,
        "JSON rows (left) differ from net-tools' text (right)"
    );
}

/// A text column cut where net-tools cuts it, or `-` where a reject route has none.
fn route_column(row: &Value, text: String) -> String {
    let reject = row["route_flags"]
        .as_str()
        .is_some_and(|f| f.starts_with('!'));
    if reject { "-".into() } else { text }
}

/// The words of an IPv4 FIB row as net-tools prints it at detail `level` (1: `-re`, 2: plain
/// `-r`, 3: `-ree`): the name found or the number (`default` for the default destination, cut
/// to 15 characters), `-` in the columns of a reject route.
pub fn fib_words(row: &Value, level: u8, numeric: bool) -> Vec<String> {
    let shown = |key: &str, zero: &str| match row.get(format!("{key}_host")).filter(|_| !numeric) {
        Some(name) => cut(show(name), 15),
        None if !numeric && row[key] == "0.0.0.0" => zero.to_string(),
        None => field(row, key),
    };
    let mut words = vec![
        shown("destination", "default"),
        route_column(row, shown("gateway", "0.0.0.0")),
        field(row, "genmask"),
        field(row, "route_flags"),
    ];
    let counters = [
        field(row, "metric"),
        route_column(row, field(row, "route_refs")),
        field(row, "use"),
    ];
    let transfer = ["mss", "window", "irtt"].map(|key| route_column(row, field(row, key)));
    match level {
        1 => {
            words.extend(counters);
            words.push(route_column(row, field(row, "iface")));
        }
        2 => {
            words.extend(transfer);
            words.push(route_column(row, field(row, "iface")));
        }
        _ => {
            words.extend(counters);
            words.push(route_column(row, cut(field(row, "iface"), 6)));
            words.extend(transfer);
        }
    }
    words
}

/// The words of an IPv6 route row as net-tools prints it: an IPv4-mapped address as the IPv4
/// address alone, `::` as `[::]` unless numeric, names where found.
pub fn route6_words(row: &Value, numeric: bool) -> Vec<String> {
    let host = |key: &str| match row.get(format!("{key}_host")) {
        Some(name) => show(name),
        None => {
            let address = field(row, key);
            match address.strip_prefix("::ffff:") {
                Some(v4) if v4.contains('.') => v4.to_string(),
                _ if address == "::" && !numeric => "[::]".to_string(),
                _ => address,
            }
        }
    };
    vec![
        format!(
            "{}/{}",
            host("destination"),
            field(row, "destination_prefix")
        ),
        host("gateway"),
        field(row, "route_flags"),
        field(row, "metric"),
        field(row, "route_refs"),
        field(row, "use"),
        field(row, "iface"),
    ]
}
