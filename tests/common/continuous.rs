//! `-c` under test: both programs run side by side for a few passes, are stopped, and their
//! outputs are compared pass by pass.
//!
//! A pass starts at each line equal to the *pass line*: the first line of an output that it
//! holds more than once (the title of most tables; the column header of `-i`, whose title is
//! printed once). What comes before the first pass line must match too. The programs are
//! stopped once each has started its third pass, so that the first two are complete whatever
//! the machine's speed; only those two count.

use super::compare::Check;
use super::run::{Program, Runner, pipe_in_own_group, stop_group};
use std::io::Read;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Passes a run must have started before it is stopped: two complete ones, and the next.
const PASSES_STARTED: usize = 3;
/// A run that has not got that far by then is stopped anyway (and then differs).
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// How the passes of the two programs must relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passes {
    /// The first two passes (and what precedes them) are the same.
    FirstTwoSame,
    /// Our first two passes both equal net-tools' first: where 2.10's later passes are wrong
    /// (spec §9 #19, `-g -c`).
    OursRepeatTheFirst,
}

/// Compare `-c` invocations (arguments separated by spaces) over their passes, all running
/// side by side. Live counters may move between passes taken side by side, so an invocation
/// that differs is run again, up to `check.attempts` times in all; `check.normalise` applies to
/// every stdout. With [`Passes::FirstTwoSame`], the distinct stderr lines must be the same too.
/// The reports of those that differ.
pub fn compare_continuous(
    runner: &dyn Runner,
    invocations: &[&str],
    passes: Passes,
    check: Check,
) -> Vec<String> {
    let mut pending = invocations.to_vec();
    let mut failures = Vec::new();
    for _attempt in 0..check.attempts.max(1) {
        failures.clear();
        let mut still_differing = Vec::new();
        for (args, outputs) in pending.iter().zip(run_side_by_side(runner, &pending)) {
            if let Err(report) = compare_passes(&outputs, passes, check) {
                still_differing.push(*args);
                failures.push(format!("`netstat {args}` (-c passes): {report}"));
            }
        }
        if still_differing.is_empty() {
            break;
        }
        pending = still_differing;
    }
    failures
}

/// One program alone with `-c` arguments on `runner`: its stdout up to the end of its second
/// pass (it is stopped once it has started its third, or after the time limit: then up to its
/// last whole line), and its stderr. For checking one program's own `-c` output.
pub fn first_two_passes(runner: &dyn Runner, program: Program, args: &[&str]) -> Output {
    let mut running = [start(runner, program, args)];
    wait_for_passes(&mut running);
    let [running] = running;
    let mut output = running.stop();
    let end = match pass_line(&output.stdout) {
        Some(line) => split(&output.stdout, line)
            .iter()
            .take(3)
            .map(|part| part.len())
            .sum(),
        None => output
            .stdout
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1),
    };
    output.stdout.truncate(end);
    output
}

/// What one program printed before it was stopped.
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Run both programs with each invocation, all at once, until every run has started its
/// third pass (or the time limit); stop them all. Per invocation, (net-tools', ours).
fn run_side_by_side(runner: &dyn Runner, invocations: &[&str]) -> Vec<(Output, Output)> {
    let mut running: Vec<_> = invocations
        .iter()
        .flat_map(|args| {
            let argv: Vec<&str> = args.split_whitespace().collect();
            [Program::Reference, Program::Ours].map(|program| start(runner, program, &argv))
        })
        .collect();
    wait_for_passes(&mut running);
    let mut outputs = running.into_iter().map(Running::stop);
    let mut pairs = Vec::new();
    while let (Some(expected), Some(actual)) = (outputs.next(), outputs.next()) {
        pairs.push((expected, actual));
    }
    pairs
}

/// Wait until every run has started its third pass or ended, or the time limit.
fn wait_for_passes(running: &mut [Running]) {
    let deadline = Instant::now() + TIME_LIMIT;
    while Instant::now() < deadline && !running.iter_mut().all(Running::done) {
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct Running {
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    stdout_reader: JoinHandle<()>,
    stderr_reader: JoinHandle<Vec<u8>>,
}

/// Start `program` in a process group of its own (stopping it stops whatever it started),
/// with both output streams read as they come.
fn start(runner: &dyn Runner, program: Program, args: &[&str]) -> Running {
    let mut command = runner.command(program, args);
    pipe_in_own_group(&mut command);
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let stdout = Arc::new(Mutex::new(Vec::new()));
    let stdout_reader = {
        let mut stream = child.stdout.take().expect("piped stdout");
        let stdout = Arc::clone(&stdout);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n @ 1..) = stream.read(&mut chunk) {
                stdout
                    .lock()
                    .expect("stdout buffer")
                    .extend_from_slice(&chunk[..n]);
            }
        })
    };
    let mut stderr = child.stderr.take().expect("piped stderr");
    let stderr_reader = std::thread::spawn(move || {
        let mut data = Vec::new();
        let _ = stderr.read_to_end(&mut data);
        data
    });
    Running {
        child,
        stdout,
        stdout_reader,
        stderr_reader,
    }
}

impl Running {
    /// Whether it has started its third pass, or ended.
    fn done(&mut self) -> bool {
        let stdout = self.stdout.lock().expect("stdout buffer");
        pass_line(&stdout).is_some_and(|line| split(&stdout, line).len() > PASSES_STARTED)
            || matches!(self.child.try_wait(), Ok(Some(_)))
    }

    fn stop(mut self) -> Output {
        let _ = stop_group(&mut self.child);
        self.stdout_reader.join().expect("stdout reader");
        Output {
            stdout: std::mem::take(&mut *self.stdout.lock().expect("stdout buffer")),
            stderr: self.stderr_reader.join().expect("stderr reader"),
        }
    }
}

/// `Err(report)` unless the two outputs relate as `passes` says.
fn compare_passes(
    (expected, actual): &(Output, Output),
    passes: Passes,
    check: Check,
) -> Result<(), String> {
    let normalise = |output: &[u8]| check.normalise.map_or(output.to_vec(), |f| f(output));
    let (expected_out, actual_out) = (normalise(&expected.stdout), normalise(&actual.stdout));
    let shown = || {
        format!(
            "\n--- net-tools:\n{}\n--- ours:\n{}",
            String::from_utf8_lossy(&expected_out),
            String::from_utf8_lossy(&actual_out)
        )
    };
    // Where net-tools' later passes are wrong, so are its warnings about them.
    let (expected_stderr, actual_stderr) = (
        distinct_lines(&expected.stderr),
        distinct_lines(&actual.stderr),
    );
    if passes == Passes::FirstTwoSame && expected_stderr != actual_stderr {
        return Err(format!(
            "stderr differs: net-tools {:?}, ours {:?}",
            String::from_utf8_lossy(&expected_stderr.concat()),
            String::from_utf8_lossy(&actual_stderr.concat())
        ));
    }
    let Some(line) = pass_line(&expected_out) else {
        return Err(format!(
            "net-tools printed fewer than two passes{}",
            shown()
        ));
    };
    let (expected, actual) = (split(&expected_out, line), split(&actual_out, line));
    // Two complete passes: a third has started after them.
    let complete = |parts: &[&[u8]]| parts.len() > PASSES_STARTED;
    let same = match passes {
        Passes::FirstTwoSame => {
            complete(&expected) && complete(&actual) && expected[..3] == actual[..3]
        }
        Passes::OursRepeatTheFirst => {
            expected.len() > 2
                && complete(&actual)
                && actual[..2] == expected[..2]
                && actual[2] == actual[1]
        }
    };
    if same {
        Ok(())
    } else {
        Err(format!("passes differ{}", shown()))
    }
}

/// The first line of `output` that it holds more than once.
fn pass_line(output: &[u8]) -> Option<&[u8]> {
    let lines: Vec<&[u8]> = output.split_inclusive(|&b| b == b'\n').collect();
    lines
        .iter()
        .enumerate()
        .find(|(i, line)| lines[i + 1..].contains(line))
        .map(|(_, line)| *line)
}

/// What precedes the first pass, then each pass: `output` split before every `line`.
fn split<'a>(output: &'a [u8], line: &[u8]) -> Vec<&'a [u8]> {
    let mut bounds = vec![0];
    let mut at = 0;
    for l in output.split_inclusive(|&b| b == b'\n') {
        if l == line {
            bounds.push(at);
        }
        at += l.len();
    }
    bounds.push(output.len());
    bounds.windows(2).map(|w| &output[w[0]..w[1]]).collect()
}

fn distinct_lines(text: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
    lines.sort();
    lines.dedup();
    lines
}
