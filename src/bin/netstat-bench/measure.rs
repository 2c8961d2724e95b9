//! Timing: wall time, CPU time and peak memory of each command, from wait4.

use super::{Config, Handful, floor};
use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    wall: Duration,
    cpu: Duration,
    /// Peak resident set, KiB.
    maxrss: i64,
}

/// Medians over the runs (peak memory: the largest).
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub wall: Duration,
    pub cpu: Duration,
    pub maxrss: i64,
}

/// Run one command through a fresh `netstat-bench run` process: Linux counts
/// the memory image a process was exec'ed from in its peak RSS, and this
/// driver grows, while the small runner stays at a couple of MiB.
pub fn run_once(program: &str, args: &[&str], env: &[(&str, &str)]) -> std::io::Result<Sample> {
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
        [wall, cpu, maxrss, _status] => Ok(Sample {
            wall: Duration::from_micros(wall),
            cpu: Duration::from_micros(cpu),
            maxrss: maxrss as i64,
        }),
        _ => Err(std::io::Error::other("runner failed")),
    }
}

/// The `run` role: start `program` with `args` (argv[0] `netstat`, output
/// discarded), wait for it and print wall µs, CPU µs, peak RSS KiB and the
/// exit status (128 + N for a death by signal N).
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
    let status = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    println!(
        "{} {} {} {status}",
        wall.as_micros(),
        cpu.as_micros(),
        usage.ru_maxrss
    );
    Ok(())
}

/// Medians over the samples (peak memory: the largest).
pub fn summarize(samples: &[Sample]) -> Option<Summary> {
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v.get(v.len() / 2).copied()
    };
    Some(Summary {
        wall: median(samples.iter().map(|s| s.wall).collect())?,
        cpu: median(samples.iter().map(|s| s.cpu).collect())?,
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

/// One line of a case's table: what it is, the command, and its samples.
struct Line<'a> {
    what: String,
    program: &'a str,
    args: Vec<&'a str>,
    env: &'a [(&'a str, &'a str)],
    /// Not run (`--skip-slow`).
    skipped: bool,
    /// A bare read (floor or reference): its output is a count.
    bare: bool,
    samples: Vec<Sample>,
    failed: bool,
}

/// One benchmark case: our arguments, ss's, and the floor it is held to.
struct Case {
    label: &'static str,
    args: &'static [&'static str],
    ss_args: &'static [&'static str],
    floor: &'static [&'static str],
    floor_text: &'static str,
    /// Another bare read shown beside the floor, for where the time goes.
    reference: Option<(&'static [&'static str], &'static str)>,
    /// Whether `NETSTAT_SOURCE=proc` takes another path than the default.
    proc_differs: bool,
    /// net-tools and ss take minutes here at large sizes (`--skip-slow`).
    slow: bool,
    /// Our arguments with `--json`, timed beside the text (empty: not timed).
    json_args: &'static [&'static str],
    /// A filter added to our arguments (and to ss's, where ss has it); the
    /// unfiltered command runs beside it. net-tools has no filters.
    filter: Option<Filter>,
    /// Whether net-tools lists this at all (not `--info`, nor the packet
    /// and netlink families): else it is neither timed nor compared.
    net_tools: bool,
}

/// The filter cases, on the farm's handful worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    /// `--sport PORT` (ss: `sport = :PORT`).
    Port,
    /// `--pid PID` (ss has no such filter).
    Pid,
}

const CASES: &[Case] = &[
    Case {
        label: "-tan",
        args: &["-tan"],
        ss_args: &["-tan"],
        floor: floor::TCP,
        floor_text: "TCP v4+v6 dump",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &["-tan", "--json"],
        net_tools: true,
    },
    Case {
        label: "-uan",
        args: &["-uan"],
        ss_args: &["-uan"],
        floor: floor::UDP,
        floor_text: "UDP v4+v6 dump",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: true,
    },
    Case {
        label: "-xan",
        args: &["-xan"],
        ss_args: &["-xan"],
        floor: floor::UNIX,
        floor_text: "UNIX dump",
        reference: Some((
            floor::UNIX_PROC,
            "read /proc/net/unix (the only source of RefCnt)",
        )),
        proc_differs: false,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: true,
    },
    Case {
        label: "-an",
        args: &["-an"],
        ss_args: &["-an"],
        floor: floor::ALL,
        floor_text: "TCP, UDP, UDP-Lite, RAW v4+v6 and UNIX dumps",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &["-an", "--json"],
        net_tools: true,
    },
    Case {
        label: "-tanp",
        args: &["-tanp"],
        ss_args: &["-tanp"],
        floor: floor::TCP_FDS,
        floor_text: "TCP dump + one readlink per /proc/PID/fd entry",
        reference: None,
        proc_differs: true,
        slow: true,
        filter: None,
        json_args: &["-tanp", "--json"],
        net_tools: true,
    },
    Case {
        label: "-ta (names)",
        args: &["-ta"],
        ss_args: &["-tar"],
        floor: floor::TCP,
        floor_text: "TCP v4+v6 dump",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: true,
    },
    Case {
        label: "sport",
        args: &["-tan"],
        ss_args: &["-tan"],
        floor: floor::TCP,
        floor_text: "TCP v4+v6 dump (unfiltered)",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: Some(Filter::Port),
        json_args: &[],
        net_tools: true,
    },
    Case {
        label: "pid",
        args: &["-tanp"],
        ss_args: &[],
        floor: floor::TCP_FDS,
        floor_text: "TCP dump + one readlink per /proc/PID/fd entry (unfiltered)",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: Some(Filter::Pid),
        json_args: &[],
        net_tools: true,
    },
    Case {
        label: "info",
        args: &["-tan", "--info"],
        ss_args: &["-tani"],
        floor: floor::TCP_INFO,
        floor_text: "TCP v4+v6 dump with tcp_info",
        reference: None,
        proc_differs: false,
        slow: false,
        filter: None,
        json_args: &["-tan", "--info", "--json"],
        net_tools: false,
    },
    Case {
        label: "info-names",
        args: &["-ta", "--info"],
        ss_args: &["-tari"],
        floor: floor::TCP_INFO,
        floor_text: "TCP v4+v6 dump with tcp_info",
        reference: None,
        proc_differs: false,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: false,
    },
    Case {
        label: "packet",
        args: &["-A", "packet"],
        ss_args: &["-0"],
        floor: floor::PACKET,
        floor_text: "packet dump",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: false,
    },
    Case {
        label: "netlink",
        args: &["-A", "netlink"],
        ss_args: &["-A", "netlink", "-a"],
        floor: floor::NETLINK,
        floor_text: "netlink dump",
        reference: None,
        proc_differs: true,
        slow: false,
        filter: None,
        json_args: &[],
        net_tools: false,
    },
];

/// Sizes above this are "large" for `--skip-slow`.
pub const SLOW_ABOVE: usize = 100_000;

/// Run every case and format the table; `fds` is the number of open fds in
/// the namespace (for the memory per fd of `-tanp`). The commands of a case
/// run in rounds (floor, ours, ..., floor, ours, ...), so that a drift of the
/// machine's speed touches the floor and the commands held to it alike.
pub fn run_all(config: &Config, size: usize, fds: usize, handful: Handful) -> String {
    let me = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let ours = config.netstat.display().to_string();
    let runs = if size >= 100_000 {
        config.runs.min(3)
    } else {
        config.runs
    };
    let mut text = String::new();
    let _ = writeln!(
        text,
        "| case | command | wall ms | cpu ms | max RSS MiB | wall / floor | ours / this (wall) |"
    );
    let _ = writeln!(text, "|---|---|---:|---:|---:|---:|---:|");
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let mut identical = Vec::new();
    let mut json_ratios = Vec::new();
    // Peak RSS of -tan and -tanp per program, for the memory per fd.
    let mut rss: Vec<(String, &str, i64)> = Vec::new();
    let port = handful.port.to_string();
    let pid = handful.pid.to_string();
    let ss_port = format!("sport = :{port}");
    let wanted =
        |case: &Case| config.cases.is_empty() || config.cases.iter().any(|c| c == case.label);
    for case in CASES.iter().filter(|case| wanted(case)) {
        let label = case.label;
        let skip_competitors = case.slow && config.skip_slow && size > SLOW_ABOVE;
        let (ours_args, ss_args): (Vec<&str>, Option<Vec<&str>>) = match case.filter {
            None => (case.args.to_vec(), Some(case.ss_args.to_vec())),
            Some(Filter::Port) => (
                [case.args, &["--sport", &port]].concat(),
                Some([case.ss_args, &[ss_port.as_str()]].concat()),
            ),
            Some(Filter::Pid) => ([case.args, &["--pid", &pid]].concat(), None),
        };
        let bare = |what: String, parts: &[&'static str]| Line {
            what,
            program: &me,
            args: [&["floor"][..], parts].concat(),
            env: &[],
            skipped: false,
            bare: true,
            samples: Vec::new(),
            failed: false,
        };
        fn command<'a>(what: &str, program: &'a str, args: &[&'a str], skipped: bool) -> Line<'a> {
            Line {
                what: format!(
                    "{what}: `{} {}`",
                    program.rsplit('/').next().unwrap_or(program),
                    args.join(" ")
                ),
                program,
                args: args.to_vec(),
                env: &[],
                skipped,
                bare: false,
                samples: Vec::new(),
                failed: false,
            }
        }
        let mut lines = vec![bare(format!("floor: {}", case.floor_text), case.floor)];
        if let Some((parts, what)) = case.reference {
            lines.push(bare(format!("reference: {what}"), parts));
        }
        lines.push(Line {
            program: &ours,
            ..command("this netstat", "netstat", &ours_args, false)
        });
        if !case.json_args.is_empty() {
            lines.push(Line {
                program: &ours,
                ..command("this netstat, JSON", "netstat", case.json_args, false)
            });
        }
        if case.proc_differs {
            lines.push(Line {
                program: &ours,
                env: &[("NETSTAT_SOURCE", "proc")],
                ..command("this netstat, /proc source", "netstat", &ours_args, false)
            });
        }
        if case.filter.is_some() {
            lines.push(Line {
                program: &ours,
                ..command("this netstat, unfiltered", "netstat", case.args, false)
            });
        } else if case.net_tools {
            lines.push(command(
                "net-tools netstat",
                "/usr/bin/netstat",
                case.args,
                skip_competitors,
            ));
        }
        if let Some(ss_args) = &ss_args {
            lines.push(command("ss", "ss", ss_args, skip_competitors));
        }
        for _ in 0..runs {
            for line in lines.iter_mut().filter(|l| !l.skipped && !l.failed) {
                match run_once(line.program, &line.args, line.env) {
                    Ok(sample) => line.samples.push(sample),
                    Err(_) => line.failed = true,
                }
            }
        }
        let summary = |line: &Line| (!line.failed).then(|| summarize(&line.samples)).flatten();
        let floor = summary(&lines[0]);
        let our_wall = lines
            .iter()
            .find(|l| l.what.starts_with("this netstat:"))
            .and_then(summary)
            .map(|s| s.wall);
        let json_wall = lines
            .iter()
            .find(|l| l.what.starts_with("this netstat, JSON:"))
            .and_then(summary)
            .map(|s| s.wall);
        if let (Some(json), Some(text)) = (json_wall, our_wall) {
            json_ratios.push(format!(
                "{label} {:.2}",
                json.as_secs_f64() / text.as_secs_f64()
            ));
        }
        for line in &lines {
            let what = &line.what;
            if line.skipped {
                let _ = writeln!(text, "| {label} | {what} | skipped | | | | |");
                continue;
            }
            let Some(s) = summary(line) else {
                let _ = writeln!(text, "| {label} | {what} | failed | | | | |");
                continue;
            };
            if line.env.is_empty() && !line.bare && matches!(label, "-tan" | "-tanp") {
                let name = line.what.split(':').next().unwrap_or_default();
                rss.push((name.to_string(), label, s.maxrss));
            }
            let ratio =
                |a: Duration, b: Duration| format!("{:.2}", a.as_secs_f64() / b.as_secs_f64());
            let over_floor = floor.map_or(String::new(), |f| ratio(s.wall, f.wall));
            let ours_over = match our_wall {
                Some(w) if !line.bare => ratio(w, s.wall),
                _ => String::new(),
            };
            let _ = writeln!(
                text,
                "| {label} | {what}{} | {} | {} | {:.1} | {over_floor} | {ours_over} |",
                if line.bare { ", count only" } else { "" },
                ms(s.wall),
                ms(s.cpu),
                s.maxrss as f64 / 1024.0
            );
        }
        let verdict = if case.filter.is_some() {
            "not compared (net-tools has no filters)"
        } else if !case.net_tools {
            "not compared (net-tools has no such listing)"
        } else if skip_competitors {
            "not compared (net-tools skipped)"
        } else if same_output((&ours, case.args), ("/usr/bin/netstat", case.args)) {
            "identical"
        } else {
            "DIFFERENT"
        };
        identical.push(format!("{label}: {verdict}"));
    }
    let _ = writeln!(
        text,
        "\nOutput of this netstat vs net-tools, same state: {}",
        identical.join(", ")
    );
    let _ = writeln!(
        text,
        "--json over text, wall time of this netstat, same run: {}",
        if json_ratios.is_empty() {
            "n/a".to_string()
        } else {
            json_ratios.join(", ")
        }
    );
    let per_fd: Vec<String> = ["this netstat", "net-tools netstat", "ss"]
        .iter()
        .filter_map(|name| {
            let of = |case: &str| {
                rss.iter()
                    .find(|(n, c, _)| n == name && *c == case)
                    .map(|r| r.2)
            };
            let extra = of("-tanp")? - of("-tan")?;
            Some(format!(
                "{name} {:.0} B",
                extra as f64 * 1024.0 / fds.max(1) as f64
            ))
        })
        .collect();
    let _ = writeln!(
        text,
        "Peak RSS of -tanp over -tan per open fd ({fds} fds): {}",
        if per_fd.is_empty() {
            "n/a".to_string()
        } else {
            per_fd.join(", ")
        }
    );
    text
}
