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
