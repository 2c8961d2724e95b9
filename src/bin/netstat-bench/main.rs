//! The scale benchmark: builds a socket farm in a private network namespace
//! and times this netstat beside net-tools' netstat, `ss` and a bare
//! sock_diag dump (the floor) on the same state.
//!
//! `cargo build --release && cargo run --release --bin netstat-bench -- [--runs R] [--workers W] [--skip-slow]
//! [--netns-farm COUNT] SIZE...` where SIZE is the number of established TCP
//! connections (each is two sockets) and COUNT a number of network namespaces
//! for the namespace farm (`netns_farm.rs`). Run as root. Everything happens inside a private PID, mount and
//! network namespace, so when the benchmark ends (or dies) every farm process
//! and the namespaces go with it.

mod farm;
mod floor;
mod measure;
mod netns_farm;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Set in the re-executed copy that runs inside the namespaces.
const INNER: &str = "NETSTAT_BENCH_INNER";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = match args.first().map(String::as_str) {
        Some("farm") => match farm::Share::parse(&args[1..]) {
            Some(share) => report(farm::run(share)),
            None => usage(),
        },
        Some("floor") => report(floor::run(&args[1..])),
        Some("netns-farm") => match args.get(1).and_then(|n| n.parse().ok()) {
            Some(count) => report(netns_farm::hold(count)),
            None => usage(),
        },
        Some("run") if args.len() > 1 => report(measure::runner(&args[1], &args[2..])),
        Some("-h" | "--help") => usage(),
        _ if std::env::var_os(INNER).is_none() => outer(&args),
        _ => match Config::parse(&args) {
            Some(config) => report(inner(&config)),
            None => usage(),
        },
    };
    std::process::exit(status);
}

fn usage() -> i32 {
    eprintln!(
        "usage: netstat-bench [--runs R] [--workers W] [--netstat PATH] [--skip-slow] [--cases L,...] \
         [--netns-farm COUNT] SIZE...\n\
         SIZE: established loopback TCP connections (e.g. 10000 100000 300000)\n\
         --skip-slow: above 100000, skip net-tools' and ss's -tanp (minutes each)\n\
         --cases: only the cases with these labels (-tan,-uan,-xan,-an,-tanp,-ta,sport,pid,info,info-names,packet,netlink)\n\
         --netns-farm COUNT: also COUNT named namespaces, --all-netns and --netns \
         against ip netns exec (e.g. 1000)"
    );
    2
}

fn report(result: std::io::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("netstat-bench: {e}");
            1
        }
    }
}

/// Re-run this program as PID 1 of a new PID namespace with its own `/proc`
/// and mount namespace (`-p` then walks only the farm).
fn outer(args: &[String]) -> i32 {
    let me = std::env::current_exe().expect("own path");
    let status = Command::new("unshare")
        .args([
            "--pid",
            "--fork",
            "--mount-proc",
            "--propagation",
            "private",
            "--",
        ])
        .arg(me)
        .args(args)
        .env(INNER, "1")
        .status();
    match status {
        Ok(s) => s.code().unwrap_or(1),
        Err(e) => {
            eprintln!("netstat-bench: unshare: {e}");
            1
        }
    }
}

#[derive(Debug)]
struct Config {
    sizes: Vec<usize>,
    runs: usize,
    workers: usize,
    netstat: PathBuf,
    /// Above [`measure::SLOW_ABOVE`], skip the competitors' `-tanp`.
    skip_slow: bool,
    /// Namespaces of the namespace farm (0: none).
    netns_farm: usize,
    /// Run only the cases with these labels (all when empty).
    cases: Vec<String>,
}

impl Config {
    fn parse(args: &[String]) -> Option<Config> {
        let own_dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
        let mut config = Config {
            sizes: Vec::new(),
            runs: 5,
            workers: 50,
            netstat: own_dir.join("netstat"),
            skip_slow: false,
            netns_farm: 0,
            cases: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--runs" => config.runs = it.next()?.parse().ok()?,
                "--workers" => config.workers = it.next()?.parse().ok()?,
                "--netstat" => config.netstat = PathBuf::from(it.next()?),
                "--skip-slow" => config.skip_slow = true,
                "--netns-farm" => config.netns_farm = it.next()?.parse().ok()?,
                "--cases" => config.cases = it.next()?.split(',').map(String::from).collect(),
                n => config.sizes.push(n.parse().ok()?),
            }
        }
        let work = !config.sizes.is_empty() || config.netns_farm > 0;
        (work && config.runs > 0 && config.workers > 0).then_some(config)
    }
}

fn inner(config: &Config) -> std::io::Result<()> {
    // `cargo run --bin netstat-bench` builds only this binary: say so instead of
    // timing a missing program as "failed" in every row.
    if !config.netstat.is_file() {
        return Err(std::io::Error::other(format!(
            "{}: no such program; build it first (cargo build --release) or give --netstat PATH",
            config.netstat.display()
        )));
    }
    private_name_service()?;
    let own_net = std::fs::File::open("/proc/self/ns/net")?;
    for &size in &config.sizes {
        // SAFETY: setns with an fd of a network namespace.
        if unsafe {
            libc::setns(
                std::os::fd::AsRawFd::as_raw_fd(&own_net),
                libc::CLONE_NEWNET,
            )
        } != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        farm_namespace(size)?;
        let started = std::time::Instant::now();
        let (mut workers, handful) = start_farm(size, config.workers)?;
        println!(
            "\n## N = {size} established connections ({} workers, built in {:.1} s)\n",
            config.workers,
            started.elapsed().as_secs_f64()
        );
        let fds = floor::fd_links()?;
        println!("{}", census(fds));
        let table = measure::run_all(config, size, fds, handful);
        println!("{table}");
        std::io::stdout().flush()?;
        stop_farm(&mut workers);
    }
    if config.netns_farm > 0 {
        netns_farm::measure(config.netns_farm, config.runs, &config.netstat, &own_net)?;
    }
    Ok(())
}

/// Name lookups from files only: the benchmark never asks a DNS server.
fn private_name_service() -> std::io::Result<()> {
    let dir = std::env::temp_dir().join(format!("netstat-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut hosts = String::from("127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
    for i in 2..10 {
        hosts.push_str(&format!("127.0.0.{i} farm-{i}.bench.example farm-{i}\n"));
    }
    let files = [
        ("hosts", hosts),
        (
            "nsswitch.conf",
            "passwd: files\ngroup: files\nhosts: files\nnetworks: files\nservices: files\nprotocols: files\n"
                .to_string(),
        ),
        ("resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n".to_string()),
    ];
    for (name, text) in files {
        let source = dir.join(name);
        std::fs::write(&source, text)?;
        bind(&source, &Path::new("/etc").join(name))?;
    }
    Ok(())
}

fn bind(source: &Path, target: &Path) -> std::io::Result<()> {
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    let (s, t) = (c(source), c(target));
    // SAFETY: mount(2) with valid C strings; the mount namespace is private.
    let rc = unsafe {
        libc::mount(
            s.as_ptr(),
            t.as_ptr(),
            std::ptr::null(),
            libc::MS_BIND,
            std::ptr::null(),
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Enter a fresh network namespace with its own socket hash tables sized for
/// `size` connections: a parent namespace sets the child hash sizes, the
/// farm's namespace is created inside it.
fn farm_namespace(size: usize) -> std::io::Result<()> {
    let unshare = || {
        // SAFETY: unshare(2) of the network namespace; single-threaded here.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    unshare()?;
    let buckets = (4 * size + 4096).next_power_of_two().min(1 << 24);
    sysctl("net/ipv4/tcp_child_ehash_entries", &buckets.to_string())?;
    sysctl("net/ipv4/udp_child_hash_entries", "65536")?;
    unshare()?;
    sysctl("net/core/somaxconn", "65535")?;
    sysctl("net/ipv4/ip_local_port_range", "1024 65535")?;
    sysctl("net/ipv4/tcp_max_tw_buckets", "2000000")?;
    let up = Command::new("ip")
        .args(["link", "set", "lo", "up"])
        .status()?;
    if !up.success() {
        return Err(std::io::Error::other("ip link set lo up failed"));
    }
    Ok(())
}

fn sysctl(key: &str, value: &str) -> std::io::Result<()> {
    std::fs::write(Path::new("/proc/sys").join(key), value)
        .map_err(|e| std::io::Error::other(format!("sysctl {key}: {e}")))
}

/// The farm's small extra worker, for the filter cases: a listener with
/// three connections (so `sport = :PORT` matches a handful of sockets) in a
/// process of its own (so `--pid PID` does too).
#[derive(Debug, Clone, Copy)]
pub struct Handful {
    pub port: u16,
    pub pid: u32,
}

/// Spread the farm over `workers` processes, start the handful worker, and
/// wait until all are ready.
fn start_farm(size: usize, workers: usize) -> std::io::Result<(Vec<Child>, Handful)> {
    let me = std::env::current_exe()?;
    let split = |total: usize, i: usize| total / workers + usize::from(i < total % workers);
    let tcp6 = size / 10;
    let tcp4 = size - tcp6;
    let mut children = Vec::new();
    let handful = farm::Share {
        index: workers,
        tcp4: 3,
        tcp6: 0,
        time_wait: 0,
        udp: 0,
        unix_pairs: 0,
        packet: 0,
        netlink: 0,
    };
    let shares = (0..workers).map(|index| farm::Share {
        index,
        tcp4: split(tcp4, index),
        tcp6: split(tcp6, index),
        time_wait: split(size / 100, index),
        udp: split(size / 100 + 100, index),
        unix_pairs: split(size / 20, index),
        packet: split(size / 100, index),
        netlink: split(size / 100, index),
    });
    for share in shares.chain([handful]) {
        children.push(
            Command::new(&me)
                .arg("farm")
                .args(share.args())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .spawn()?,
        );
    }
    for child in &mut children {
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("piped")).read_line(&mut line)?;
        if line.trim() != "ready" {
            stop_farm(&mut children);
            return Err(std::io::Error::other("a farm worker failed"));
        }
    }
    let pid = children.last().map_or(0, Child::id);
    Ok((
        children,
        Handful {
            port: handful.address().1,
            pid,
        },
    ))
}

fn stop_farm(children: &mut Vec<Child>) {
    for mut child in children.drain(..) {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Socket counts of the farm as the kernel sees them.
fn census(fds: usize) -> String {
    let count = |path: &str| {
        std::fs::read(path).map_or(0, |d| {
            d.split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count()
                .saturating_sub(1)
        })
    };
    format!(
        "sockets: tcp {} tcp6 {} udp {} udp6 {} unix {} packet {} netlink {}; open fds {}",
        count("/proc/net/tcp"),
        count("/proc/net/tcp6"),
        count("/proc/net/udp"),
        count("/proc/net/udp6"),
        count("/proc/net/unix"),
        count("/proc/net/packet"),
        count("/proc/net/netlink"),
        fds
    )
}
