//! Timing: wall time, CPU time and peak memory of each command, from wait4.

use super::Config;
use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    /// Peak resident set, KiB.
    maxrss: i64,
}

/// Medians over the runs (peak memory: the largest).
#[derive(Debug, Clone, Copy)]
struct Summary {
    wall: Duration,
    cpu: Duration,
    maxrss: i64,
}

/// Run one command through a fresh `netstat-bench run` process: Linux counts
/// the memory image a process was exec'ed from in its peak RSS, and this
/// driver grows, while the small runner stays at a couple of MiB.
fn run_once(program: &str, args: &[&str], env: &[(&str, &str)]) -> std::io::Result<Sample> {
    let me = std::env::current_exe()?;
    let out = Command::new(me)
        .arg("run")
        .arg(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<u64> = text
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    match n[..] {
        [wall, cpu, maxrss] => Ok(Sample {
            wall: Duration::from_micros(wall),
            cpu: Duration::from_micros(cpu),
            maxrss: maxrss as i64,
        }),
        _ => Err(std::io::Error::other("runner failed")),
    }
}

/// The `run` role: start `program` with `args` (argv[0] `netstat`, output
/// discarded), wait for it and print wall µs, CPU µs and peak RSS KiB.
pub fn runner(program: &str, args: &[String]) -> std::io::Result<()> {
    let started = Instant::now();
    let child = Command::new(program)
        .arg0("netstat")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 reaps our own child.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        usage
    };
    let wall = started.elapsed();
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    println!(
        "{} {} {}",
        wall.as_micros(),
        cpu.as_micros(),
        usage.ru_maxrss
    );
    Ok(())
}

fn summarize(runs: usize, program: &str, args: &[&str], env: &[(&str, &str)]) -> Option<Summary> {
    let mut samples = Vec::new();
    for _ in 0..runs {
        samples.push(run_once(program, args, env).ok()?);
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    Some(Summary {
        wall: median(samples.iter().map(|s| s.wall).collect()),
        cpu: median(samples.iter().map(|s| s.cpu).collect()),
        maxrss: samples.iter().map(|s| s.maxrss).max().unwrap_or(0),
    })
}

/// Whether two commands print the same bytes right now.
fn same_output(a: (&str, &[&str]), b: (&str, &[&str])) -> bool {
    let out = |(program, args): (&str, &[&str])| {
        Command::new(program)
            .arg0("netstat")
            .args(args)
            .stderr(Stdio::null())
            .output()
            .map(|o| o.stdout)
            .ok()
    };
    matches!((out(a), out(b)), (Some(x), Some(y)) if x == y)
}

/// A row of the table: label, program, arguments, environment.
type Command4<'a> = (&'a str, &'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);

/// Run every case and format the table.
pub fn run_all(config: &Config, size: usize) -> String {
    let me = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let ours = config.netstat.display().to_string();
    let runs = if size >= 100_000 {
        config.runs.min(3)
    } else {
        config.runs
    };
    let floor = summarize(runs, &me, &["floor"], &[]);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "| case | command | wall ms | cpu ms | max RSS MiB | wall / floor | ours / this (wall) |"
    );
    let _ = writeln!(text, "|---|---|---:|---:|---:|---:|---:|");
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    if let Some(f) = floor {
        let _ = writeln!(
            text,
            "| floor | sock_diag TCP dump, count only | {} | {} | {:.1} | 1.00 | |",
            ms(f.wall),
            ms(f.cpu),
            f.maxrss as f64 / 1024.0
        );
    }
    let cases: [(&str, &[&str], &[&str]); 4] = [
        ("-tan", &["-tan"], &["-tan"]),
        ("-tanp", &["-tanp"], &["-tanp"]),
        ("-ta (names)", &["-ta"], &["-tar"]),
        ("-an", &["-an"], &["-an"]),
    ];
    let mut identical = Vec::new();
    for (case, args, ss_args) in cases {
        let commands: [Command4; 4] = [
            ("this netstat", &ours, args, &[]),
            (
                "this netstat, /proc source",
                &ours,
                args,
                &[("NETSTAT_SOURCE", "proc")],
            ),
            ("net-tools netstat", "/usr/bin/netstat", args, &[]),
            ("ss", "ss", ss_args, &[]),
        ];
        let results: Vec<_> = commands
            .iter()
            .map(|(name, program, a, env)| (*name, *program, *a, summarize(runs, program, a, env)))
            .collect();
        let our_wall = results[0].3.map(|s| s.wall);
        for (name, program, a, summary) in &results {
            let Some(s) = summary else {
                let _ = writeln!(text, "| {case} | {name} | failed | | | | |");
                continue;
            };
            let over_floor = floor.map_or(String::new(), |f| {
                format!("{:.2}", s.wall.as_secs_f64() / f.wall.as_secs_f64())
            });
            let ours_over = our_wall.map_or(String::new(), |w| {
                format!("{:.2}", w.as_secs_f64() / s.wall.as_secs_f64())
            });
            let _ = writeln!(
                text,
                "| {case} | {name}: `{} {}` | {} | {} | {:.1} | {over_floor} | {ours_over} |",
                program.rsplit('/').next().unwrap_or(program),
                a.join(" "),
                ms(s.wall),
                ms(s.cpu),
                s.maxrss as f64 / 1024.0
            );
        }
        identical.push(format!(
            "{case}: {}",
            if same_output((&ours, args), ("/usr/bin/netstat", args)) {
                "identical"
            } else {
                "DIFFERENT"
            }
        ));
    }
    let _ = writeln!(
        text,
        "\nOutput of this netstat vs net-tools, same state: {}",
        identical.join(", ")
    );
    text
}
