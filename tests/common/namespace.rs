//! A private network namespace with its own PID namespace, `/proc` and name-service files.
//!
//! Layout (all names derive from `nst-PREFIX-PID-N`, PID being the test process):
//! - the network namespace `/run/netns/NAME`, created from inside a throw-away parent namespace
//!   whose `net.ipv4.tcp_child_ehash_entries` and `udp_child_hash_entries` are set, so it gets its
//!   own small socket hash tables: reading `/proc/net/tcp` then never walks the host's (busy)
//!   table. (Verified on this kernel: `tcp_ehash_entries` reads 1024 inside instead of -262144.)
//! - `/etc/netns/NAME/{hosts,networks,resolv.conf,nsswitch.conf}`, which `ip netns exec` mounts
//!   over `/etc`: lookups read only these files, never DNS;
//! - a PID namespace whose init is a `sleep`, with `/proc` mounted for it: helpers and both
//!   compared programs run in it (via `nsenter`), so `-p` walks only the test's processes and
//!   both programs see the same PIDs;
//! - a scratch directory `/tmp/NAME` (mode 0755) for helper files and UNIX socket paths.
//!
//! Drop kills every process in the PID namespace and removes all of the above, also while a
//! panic unwinds. A namespace left behind by a test process that was killed outright (no
//! unwinding) is removed by the next `Namespace::new` once that process is gone.
//!
//! Statics are never dropped: keep the `Namespace` in a local of the test function.

use super::run::{Program, Runner, as_netstat, clean};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

const NAME_PREFIX: &str = "nst-";
const NETNS_DIR: &str = "/run/netns";
/// Socket hash table size of the test namespace (a power of two; the kernel's minimum is 128).
const HASH_ENTRIES: u32 = 1024;
/// How long a helper may take to print `ready`.
const READY_LIMIT: Duration = Duration::from_secs(20);

/// files-only name service: no DNS, no systemd, the same answers for both programs.
const NSSWITCH: &str = "\
passwd: files
group: files
shadow: files
hosts: files
networks: files
protocols: files
services: files
ethers: files
rpc: files
netgroup: files
";
/// Never used with files-only hosts, but if something asks, fail fast on loopback.
const RESOLV_CONF: &str = "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n";
/// Debian's default `/etc/networks`.
const NETWORKS: &str = "default\t\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\n";

/// Run inside a fresh network namespace: size its hash tables, then create the test namespace
/// from inside it (bind-mounted on `$0`). Kernels without these sysctls skip the sizing.
const CREATE_FROM_PARENT: &str = r#"
for table in tcp_child_ehash_entries udp_child_hash_entries; do
    f=/proc/sys/net/ipv4/$table
    if [ -w "$f" ]; then echo "$1" > "$f" || exit 1; fi
done
exec unshare --net="$0" true
"#;

/// PID namespace init: report the socket hash size seen inside, then sleep until killed.
const INIT: &str =
    r#"echo ready "$(cat /proc/sys/net/ipv4/tcp_ehash_entries 2>/dev/null)"; exec sleep infinity"#;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The guard; see the module documentation.
pub struct Namespace {
    name: String,
    dir: PathBuf,
    /// `ip netns exec NAME unshare --pid --fork --mount-proc ...`: the PID namespace's parent.
    init_parent: Option<Child>,
    /// Host PID of the PID namespace's init, and as text for `nsenter --target`.
    init: Option<u32>,
    init_text: String,
    helpers: Vec<Child>,
}

impl Namespace {
    /// Create the namespace with this `/etc/hosts` text and `lo` up. Panics (after cleaning up)
    /// on any failure, e.g. when not run as root.
    pub fn new(prefix: &str, hosts: &str) -> Namespace {
        // SAFETY: geteuid has no preconditions.
        assert!(
            unsafe { libc::geteuid() } == 0,
            "differential tests need root: they create network namespaces"
        );
        remove_stale();
        let name = format!(
            "{NAME_PREFIX}{prefix}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut ns = Namespace {
            dir: PathBuf::from("/tmp").join(&name),
            name,
            init_parent: None,
            init: None,
            init_text: String::new(),
            helpers: Vec::new(),
        };
        // The namespace first: anything created after it is found by `remove_stale` too.
        ns.create_netns();
        ns.write_etc(hosts);
        make_dir(&ns.dir);
        ns.ip(&["link", "set", "lo", "up"]);
        ns.start_init();
        ns
    }

    /// The `ip netns` name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Host PID of the PID namespace's init (its helpers are that init's children).
    pub fn pid_namespace_init(&self) -> u32 {
        self.init.expect("PID namespace is running")
    }

    /// The scratch directory (mode 0755, removed on drop).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `ip -n NAME ARGS`; panics if it fails.
    pub fn ip(&self, args: &[&str]) {
        let mut command = clean("ip");
        command.args(["-n", &self.name]).args(args);
        succeed(command);
    }

    /// Start a helper inside the namespaces (as `uid`, with that gid and no supplementary groups,
    /// when given) and wait until it prints a line `ready`. It runs until the namespace is dropped.
    /// Panics with the helper's stderr if it ends or says anything else first.
    pub fn start(&mut self, argv: &[&str], uid: Option<u32>) {
        let log = self.dir.join(format!("helper-{}.err", self.helpers.len()));
        let switch = uid.map(setpriv).unwrap_or_default();
        let mut wrapper = self.enter();
        wrapper.extend(switch.iter().map(String::as_str));
        let mut command = clean(wrapper[0]);
        command.args(&wrapper[1..]).args(argv);
        command.stderr(fs::File::create(&log).expect("helper log"));
        let (child, line) = spawn_reading(command);
        self.helpers.push(child);
        let first = first_line(line);
        if first.as_deref() != Some("ready") {
            let stderr = fs::read_to_string(&log).unwrap_or_default();
            panic!("helper {argv:?} did not get ready (said {first:?}); stderr:\n{stderr}");
        }
    }

    /// This namespace as seen by an unprivileged user: both programs run as `uid` (and its gid,
    /// no supplementary groups), e.g. for the `-p` notes of spec §2.7. Our binary is copied into
    /// the scratch directory first, as `uid` may not be able to reach the build tree.
    pub fn as_user(&self, uid: u32) -> AsUser<'_> {
        let ours = self.dir.join(format!("netstat-as-{uid}"));
        fs::copy(Program::Ours.path(), &ours).expect("copy our binary into the scratch dir");
        AsUser {
            ns: self,
            switch: setpriv(uid),
            ours,
        }
    }

    /// `nsenter` arguments that put a command into the network, PID and mount namespaces (the
    /// last one holds the `/etc` files and the PID namespace's `/proc`).
    fn enter(&self) -> Vec<&str> {
        assert!(self.init.is_some(), "PID namespace is running");
        vec![
            "nsenter",
            "--target",
            &self.init_text,
            "--net",
            "--pid",
            "--mount",
            "--",
        ]
    }

    fn write_etc(&self, hosts: &str) {
        let etc = etc_dir(&self.name);
        make_dir(&etc);
        for (file, text) in [
            ("hosts", hosts),
            ("networks", NETWORKS),
            ("resolv.conf", RESOLV_CONF),
            ("nsswitch.conf", NSSWITCH),
        ] {
            fs::write(etc.join(file), text)
                .unwrap_or_else(|e| panic!("cannot write {}/{file}: {e}", etc.display()));
        }
    }

    fn create_netns(&self) {
        let path = Path::new(NETNS_DIR).join(&self.name);
        fs::create_dir_all(NETNS_DIR).expect("create /run/netns");
        fs::write(&path, b"").expect("create the namespace mount point");
        let mut command = clean("unshare");
        command
            .args(["--net", "sh", "-c", CREATE_FROM_PARENT])
            .arg(&path)
            .arg(HASH_ENTRIES.to_string());
        succeed(command);
    }

    fn start_init(&mut self) {
        let mut command = clean("ip");
        command.args(["netns", "exec", &self.name]);
        command.args(["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"]);
        command.args(["sh", "-c", INIT]).stderr(Stdio::null());
        let (child, line) = spawn_reading(command);
        let parent = self.init_parent.insert(child).id();
        let first = first_line(line);
        let hash = first
            .as_deref()
            .and_then(|line| line.strip_prefix("ready"))
            .unwrap_or_else(|| panic!("PID namespace init did not start (said {first:?})"))
            .trim();
        if hash.starts_with('-') {
            eprintln!(
                "note: namespace {} shares the host's TCP hash table (tcp_ehash_entries {hash}); \
                 reading /proc/net/tcp may be slow",
                self.name
            );
        }
        // `unshare --fork` has exactly one child: the init, already running (it printed).
        let children = fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .expect("read the PID namespace parent's children");
        let init: u32 = children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .expect("PID namespace init pid");
        self.init = Some(init);
        self.init_text = init.to_string();
    }
}

/// Spawn with stdout piped; the receiver gets the first stdout line (None if stdout closes first).
fn spawn_reading(mut command: Command) -> (Child, mpsc::Receiver<Option<String>>) {
    command.stdin(Stdio::null()).stdout(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(read.ok().filter(|&n| n > 0).map(|_| line));
    });
    (child, receiver)
}

/// The first line without its newline, or None after the time limit or at end of output.
fn first_line(receiver: mpsc::Receiver<Option<String>>) -> Option<String> {
    let line = receiver.recv_timeout(READY_LIMIT).ok().flatten()?;
    Some(line.trim_end().to_string())
}

impl Runner for Namespace {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        as_netstat(&self.enter(), program.path(), args)
    }
}

/// See [`Namespace::as_user`].
pub struct AsUser<'a> {
    ns: &'a Namespace,
    switch: Vec<String>,
    ours: PathBuf,
}

impl Runner for AsUser<'_> {
    fn command(&self, program: Program, args: &[&str]) -> Command {
        let mut wrapper = self.ns.enter();
        wrapper.extend(self.switch.iter().map(String::as_str));
        let path = match program {
            Program::Reference => program.path(),
            Program::Ours => &self.ours,
        };
        as_netstat(&wrapper, path, args)
    }
}

/// The `setpriv` command prefix that becomes `uid`, gid `uid`, without supplementary groups.
fn setpriv(uid: u32) -> Vec<String> {
    vec![
        "setpriv".to_string(),
        format!("--reuid={uid}"),
        format!("--regid={uid}"),
        "--clear-groups".to_string(),
    ]
}

impl Drop for Namespace {
    fn drop(&mut self) {
        // Killing the init ends every process of the PID namespace. It is not our child: kill it
        // only while its parent (ours) still runs, so that its PID cannot have been reused.
        let parent_running = self
            .init_parent
            .as_mut()
            .is_some_and(|parent| matches!(parent.try_wait(), Ok(None)));
        if let Some(init) = self.init
            && parent_running
        {
            kill(init);
        }
        for child in self.helpers.iter_mut().chain(self.init_parent.as_mut()) {
            // try_wait reaps a child that has ended; only a running one may be killed by PID.
            if matches!(child.try_wait(), Ok(None)) {
                kill(child.id());
            }
            let _ = child.wait();
        }
        remove(&self.name);
    }
}

/// Remove what a namespace left behind: its processes, the namespace, its files. Quiet about
/// parts that are already gone; never panics (it runs in Drop).
fn remove(name: &str) {
    if Path::new(NETNS_DIR).join(name).exists() {
        if let Ok(out) = clean("ip").args(["netns", "pids", name]).output() {
            for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
                if let Ok(pid) = pid.parse() {
                    kill(pid);
                }
            }
        }
        match clean("ip").args(["netns", "delete", name]).output() {
            Ok(out) if out.status.success() => {}
            other => eprintln!("warning: cannot delete namespace {name}: {other:?}"),
        }
    }
    for dir in [etc_dir(name), PathBuf::from("/tmp").join(name)] {
        if dir.exists()
            && let Err(e) = fs::remove_dir_all(&dir)
        {
            eprintln!("warning: cannot remove {}: {e}", dir.display());
        }
    }
}

/// Remove namespaces of test processes that no longer exist (killed before they could clean up).
fn remove_stale() {
    let Ok(entries) = fs::read_dir(NETNS_DIR) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(NAME_PREFIX) else {
            continue;
        };
        // nst-PREFIX-PID-N: the PID is the second field from the end.
        let owner = rest.rsplit('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = owner
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            remove(&name);
        }
    }
}

fn etc_dir(name: &str) -> PathBuf {
    Path::new("/etc/netns").join(name)
}

fn make_dir(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    // Helpers running under another uid read files and bind sockets here.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod scratch dir");
}

fn kill(pid: u32) {
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
}

/// Run `command`; panic with its output if it fails.
fn succeed(mut command: Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
