//! The namespace farm: COUNT named network namespaces (`/run/netns/nf-NNNN`),
//! each with a few loopback listeners and established connections, all held
//! by one worker process; and the figures of `--all-netns` and `--netns`
//! beside `ip netns exec` running `ss` and net-tools on the same state.
//!
//! It runs inside the benchmark's private PID and mount namespace: a tmpfs
//! over `/run/netns` holds only the farm's names, and `-p` walks only the
//! benchmark's processes. The namespace the commands run in and the farm's
//! namespaces have socket hash tables of their own (`tcp_child_ehash_entries`
//! set in their parents): with the host's shared table, every namespace's
//! dump would walk every socket of the host.

use super::farm::raise_fd_limit;
use super::measure::{self, Sample};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Listeners per namespace, on 127.0.0.1 from [`FIRST_PORT`].
const LISTENERS: u16 = 3;
/// Established connections per namespace (both ends held), to the first listener.
const CONNECTIONS: usize = 2;
const FIRST_PORT: u16 = 8000;
const RUN_DIR: &str = "/run/netns";

/// The name of farm namespace `index`.
fn name(index: usize) -> String {
    format!("nf-{index:04}")
}

/// A system call's 0-or-error result as an `io::Result`.
fn os(result: libc::c_int) -> io::Result<()> {
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The `netns-farm COUNT` role: make and name the namespaces, fill them,
/// say `ready`, hold everything until killed.
pub fn hold(count: usize) -> io::Result<()> {
    raise_fd_limit();
    // SAFETY: prctl with an integer argument: die with the driver.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
    let parent = File::open("/proc/self/ns/net")?;
    let mut listening = Vec::with_capacity(count * usize::from(LISTENERS));
    let mut connected = Vec::with_capacity(count * CONNECTIONS);
    for index in 0..count {
        // Each one a child of the parent (whose child hash size is set).
        // SAFETY: setns/unshare of the network namespace; this process has one thread.
        os(unsafe { libc::setns(parent.as_raw_fd(), libc::CLONE_NEWNET) })?;
        os(unsafe { libc::unshare(libc::CLONE_NEWNET) })?;
        loopback_up()?;
        bind_name(&name(index))?;
        let mut listeners = Vec::new();
        for port in FIRST_PORT..FIRST_PORT + LISTENERS {
            listeners.push(TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))?);
        }
        let to = SocketAddr::from(([127, 0, 0, 1], FIRST_PORT));
        for _ in 0..CONNECTIONS {
            let client = TcpStream::connect(to)?;
            let server = listeners[0].accept()?.0;
            connected.push((client, server));
        }
        listening.extend(listeners);
    }
    println!("ready");
    io::stdout().flush()?;
    let _held = (listening, connected);
    loop {
        std::thread::park();
    }
}

/// `ip link set lo up` by ioctl, in the current namespace.
fn loopback_up() -> io::Result<()> {
    // SAFETY: a datagram socket for interface ioctls; closed on return.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` is ours alone.
    let socket = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    // SAFETY: ifreq is plain old data; the name fits; the ioctls read and write it.
    unsafe {
        let mut request: libc::ifreq = std::mem::zeroed();
        for (slot, byte) in request.ifr_name.iter_mut().zip(b"lo") {
            *slot = *byte as libc::c_char;
        }
        if libc::ioctl(socket.as_raw_fd(), libc::SIOCGIFFLAGS, &mut request) < 0 {
            return Err(io::Error::last_os_error());
        }
        request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(socket.as_raw_fd(), libc::SIOCSIFFLAGS, &request) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Name the current namespace as `ip netns add` does: bind-mount it on a file
/// under `/run/netns`.
fn bind_name(name: &str) -> io::Result<()> {
    let target = Path::new(RUN_DIR).join(name);
    File::create(&target)?;
    super::bind(Path::new("/proc/thread-self/ns/net"), &target)
}

/// Build the farm (from the benchmark's own namespace `home`), run the
/// commands in rounds and print the table and the ratios the targets are
/// stated in.
pub fn measure(count: usize, runs: usize, netstat: &Path, home: &File) -> io::Result<()> {
    std::fs::create_dir_all(RUN_DIR)?;
    let tmpfs = std::ffi::CString::new(RUN_DIR).expect("no NUL");
    // SAFETY: mount(2) of a tmpfs with valid C strings, in the private mount namespace.
    os(unsafe {
        libc::mount(
            c"tmpfs".as_ptr(),
            tmpfs.as_ptr(),
            c"tmpfs".as_ptr(),
            0,
            std::ptr::null(),
        )
    })?;
    // The sweep's own (first) namespace and the farm's get socket hash tables
    // of their own: a grandparent sizes the parent's, the parent the farm's.
    // SAFETY: setns/unshare of the network namespace; single-threaded here.
    os(unsafe { libc::setns(home.as_raw_fd(), libc::CLONE_NEWNET) })?;
    for entries in ["1024", "128"] {
        os(unsafe { libc::unshare(libc::CLONE_NEWNET) })?;
        for table in ["tcp_child_ehash_entries", "udp_child_hash_entries"] {
            let path = Path::new("/proc/sys/net/ipv4").join(table);
            if path.exists() {
                std::fs::write(path, entries)?;
            }
        }
    }
    let started = Instant::now();
    let me = std::env::current_exe()?;
    let mut worker = Command::new(&me)
        .args(["netns-farm", &count.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    BufReader::new(worker.stdout.as_mut().expect("piped")).read_line(&mut line)?;
    if line.trim() != "ready" {
        let _ = worker.kill();
        let _ = worker.wait();
        return Err(io::Error::other("the namespace farm worker failed"));
    }
    println!(
        "\n## Namespace farm: {count} named namespaces, each {LISTENERS} listeners and \
         {CONNECTIONS} established connections (built in {:.1} s)\n",
        started.elapsed().as_secs_f64()
    );
    let table = commands(runs, netstat, &me.display().to_string());
    println!("{table}");
    io::stdout().flush()?;
    let _ = worker.kill();
    let _ = worker.wait();
    Ok(())
}

/// One measured command line of the farm's table.
struct Line {
    what: &'static str,
    program: String,
    args: Vec<String>,
    samples: Vec<Sample>,
    failed: bool,
}

fn commands(runs: usize, netstat: &Path, me: &str) -> String {
    let ours = netstat.display().to_string();
    let first = name(0);
    let line = |what, program: &str, args: &[&str]| Line {
        what,
        program: program.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
        samples: Vec::new(),
        failed: false,
    };
    let mut lines = [
        line(
            "this netstat `--all-netns -tan`",
            &ours,
            &["--all-netns", "-tan"],
        ),
        line(
            "`ip -all netns exec ss -tan`",
            "ip",
            &["-all", "netns", "exec", "ss", "-tan"],
        ),
        line(
            "`ip -all netns exec netstat -tan` (net-tools)",
            "ip",
            &["-all", "netns", "exec", "/usr/bin/netstat", "-tan"],
        ),
        line(
            "this netstat `--all-netns -tanp`",
            &ours,
            &["--all-netns", "-tanp"],
        ),
        line(
            "bare fd walk (floor fds), count only",
            me,
            &["floor", "fds"],
        ),
        line(
            "this netstat `--netns nf-0000 -tan`",
            &ours,
            &["--netns", &first, "-tan"],
        ),
        line(
            "`ip netns exec nf-0000` + this netstat `-tan`",
            "ip",
            &["netns", "exec", &first, &ours, "-tan"],
        ),
        line(
            "`ip netns exec nf-0000 netstat -tan` (net-tools)",
            "ip",
            &["netns", "exec", &first, "/usr/bin/netstat", "-tan"],
        ),
    ];
    for _ in 0..runs {
        for line in lines.iter_mut().filter(|l| !l.failed) {
            let args: Vec<&str> = line.args.iter().map(String::as_str).collect();
            match measure::run_once(&line.program, &args, &[]) {
                Ok(sample) => line.samples.push(sample),
                Err(_) => line.failed = true,
            }
        }
    }
    let wall = |index: usize| {
        let line: &Line = &lines[index];
        (!line.failed)
            .then(|| measure::summarize(&line.samples))
            .flatten()
    };
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let mut text = String::new();
    let _ = writeln!(text, "| command | wall ms | cpu ms | max RSS MiB |");
    let _ = writeln!(text, "|---|---:|---:|---:|");
    for (index, line) in lines.iter().enumerate() {
        match wall(index) {
            Some(s) => {
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {:.1} |",
                    line.what,
                    ms(s.wall),
                    ms(s.cpu),
                    s.maxrss as f64 / 1024.0
                );
            }
            None => {
                let _ = writeln!(text, "| {} | failed | | |", line.what);
            }
        }
    }
    let ratio = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}", a.as_secs_f64() / b.as_secs_f64()),
        _ => "n/a".to_string(),
    };
    let w = |index| wall(index).map(|s| s.wall);
    let tan_plus_walk = w(0).zip(w(4)).map(|(a, b)| a + b);
    let _ = writeln!(
        text,
        "\n`ip -all netns exec ss -tan` / ours: {}× (target ≥ 10)\n\
         `ip -all netns exec netstat -tan` / ours: {}× (target ≥ 10)\n\
         ours `-tanp` / (ours `-tan` + fd walk): {} (target ≤ 2)\n\
         ours `--netns NAME -tan` / (`ip netns exec NAME` + ours `-tan`): {} (target ≤ 1)\n\
         ours `--netns NAME -tan` / `ip netns exec NAME netstat -tan`: {}",
        ratio(w(1), w(0)),
        ratio(w(2), w(0)),
        ratio(w(3), tan_plus_walk),
        ratio(w(5), w(6)),
        ratio(w(5), w(7)),
    );
    let _ = writeln!(text, "{}", same_rows(&ours));
    text
}

/// Whether our sweep and `ip -all netns exec netstat` print the same socket
/// rows (the headings differ by design).
fn same_rows(ours: &str) -> String {
    let rows = |program: &str, args: &[&str]| -> Option<Vec<String>> {
        let out = Command::new(program)
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let mut rows: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("tcp"))
            .map(str::to_string)
            .collect();
        rows.sort();
        Some(rows)
    };
    let a = rows(ours, &["--all-netns", "-tan"]);
    let b = rows("ip", &["-all", "netns", "exec", "/usr/bin/netstat", "-tan"]);
    match (a, b) {
        (Some(a), Some(b)) if a == b => {
            format!("Socket rows of the sweep: {} in both, identical", a.len())
        }
        (Some(a), Some(b)) => format!(
            "Socket rows of the sweep: DIFFERENT (ours {}, net-tools {})",
            a.len(),
            b.len()
        ),
        _ => "Socket rows of the sweep: not compared (a command failed)".to_string(),
    }
}
