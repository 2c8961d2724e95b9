//! A private network namespace with its own PID namespace, `/proc` and name-service files.
//!
//! Layout (all names derive from `nst-PREFIX-PID-N`, PID being the test process):
//! - a scratch directory `/tmp/NAME` (mode 0755) for helper files and UNIX socket paths, with
//!   the namespace's `etc/{hosts,networks,resolv.conf,nsswitch.conf}`;
//! - a network namespace created from inside a throw-away parent network namespace whose
//!   `net.ipv4.tcp_child_ehash_entries` and `udp_child_hash_entries` are set, so it gets its
//!   own small socket hash tables: reading `/proc/net/tcp` then never walks the host's (busy)
//!   table. (Verified on this kernel: `tcp_ehash_entries` reads 1024 inside instead of -262144.)
//! - with it a mount namespace, in which the four `etc` files are bound over `/etc` (what
//!   `ip netns exec` does with `/etc/netns/NAME`: lookups read only these files, never DNS) and
//!   `/sys` shows the namespace's interfaces, and a PID namespace whose init is a `sleep`, with
//!   `/proc` mounted for it: helpers and both compared programs run in all three (via
//!   `nsenter`), so `-p` walks only the test's processes and both programs see the same PIDs.
//!
//! The namespaces are made as root, or, for an ordinary user, as root of the test process's
//! user namespace (see `privilege`); nothing is written outside the scratch directory.
//!
//! Drop kills the PID namespace's init, which ends every process in it and with them the
//! namespaces, and removes the scratch directory, also while a panic unwinds. If the test
//! process is killed outright, the init goes with it (a parent-death signal); a scratch
//! directory left behind is removed by the next `Namespace::new` once that process is gone.
//!
//! Statics are never dropped: keep the `Namespace` in a local of the test function. The
//! parent-death signal comes when the thread that made the namespace ends: make it in the
//! test's own thread, not in one that ends before the test does.

use super::privilege;
use super::run::{Program, Runner, as_netstat, clean, signal_children};
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

const NAME_PREFIX: &str = "nst-";
const SCRATCH_PARENT: &str = "/tmp";
/// Socket hash table size of the test namespace (a power of two; the kernel's minimum is 128).
const HASH_ENTRIES: u32 = 1024;
/// How long a helper may take to print `ready`.
const READY_LIMIT: Duration = Duration::from_secs(20);

/// The name-service files of the namespace, bound over the same names in `/etc`.
pub const ETC_FILES: [&str; 4] = ["hosts", "networks", "resolv.conf", "nsswitch.conf"];

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

/// Run inside a fresh network namespace: size its hash tables, then make the test namespaces
/// from inside it (`$0` is the scratch directory, `$1` the hash size). Kernels without these
/// sysctls skip the sizing.
const CREATE_FROM_PARENT: &str = r#"
for table in tcp_child_ehash_entries udp_child_hash_entries; do
    f=/proc/sys/net/ipv4/$table
    if [ -w "$f" ]; then echo "$1" > "$f" || exit 1; fi
done
exec unshare --net --mount --propagation private --pid --fork --mount-proc --kill-child \
    sh -c "$2" "$0"
"#;

/// PID namespace init (`$0` is the scratch directory): bind the name-service files, show the
/// namespace's own interfaces in `/sys`, bring `lo` up, report the socket hash size seen
/// inside, then wait until killed, reaping the orphans of the namespace's processes: a zombie
/// would stay in every later `-p` walk, where root of a user namespace may not read its fds
/// (and both programs then say so).
const INIT: &str = r#"
set -e
for file in hosts networks resolv.conf nsswitch.conf; do
    mount --bind "$0/etc/$file" "/etc/$file"
done
mount -t sysfs sysfs /sys
ip link set lo up
echo ready "$(cat /proc/sys/net/ipv4/tcp_ehash_entries 2>/dev/null)"
while :; do
    sleep 3600 &
    wait
done
"#;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The guard; see the module documentation.
pub struct Namespace {
    name: String,
    dir: PathBuf,
    /// `unshare --pid --fork ...`: the PID namespace's parent.
    init_parent: Option<Child>,
    /// Host PID of the PID namespace's init, and as text for `nsenter --target`.
    init: Option<u32>,
    init_text: String,
    helpers: Vec<Child>,
}

impl Namespace {
    /// Create the namespace with this `/etc/hosts` text and `lo` up. Panics (after cleaning up)
    /// on any failure.
    pub fn new(prefix: &str, hosts: &str) -> Namespace {
        privilege::ensure();
        remove_stale();
        let name = format!(
            "{NAME_PREFIX}{prefix}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut ns = Namespace {
            dir: Path::new(SCRATCH_PARENT).join(&name),
            name,
            init_parent: None,
            init: None,
            init_text: String::new(),
            helpers: Vec::new(),
        };
        // The directory first: anything made after it is found by `remove_stale` too.
        make_dir(&ns.dir);
        make_dir(&ns.dir.join("etc"));
        for (file, text) in ETC_FILES
            .iter()
            .zip([hosts, NETWORKS, RESOLV_CONF, NSSWITCH])
        {
            ns.write_etc(file, text);
        }
        ns.start_init();
        ns
    }

    /// A name for messages (unique per test process and namespace).
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

    /// The network namespace as a path that `ip ... netns` accepts (for [`Namespace::ip`] of
    /// another namespace, e.g. the far end of a veth pair).
    pub fn netns(&self) -> String {
        format!("/proc/{}/ns/net", self.init_text)
    }

    /// Replace the namespace's `/etc/FILE` (one of [`ETC_FILES`]), in place: every command run
    /// after this sees the new text.
    pub fn write_etc(&self, file: &str, text: &str) {
        assert!(
            ETC_FILES.contains(&file),
            "/etc/{file} is not the namespace's own"
        );
        let path = self.dir.join("etc").join(file);
        // Written through the same inode: the bind mount keeps pointing at it.
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// `ip ARGS` in the namespace, as root; panics if it fails.
    pub fn ip(&self, args: &[&str]) {
        let mut command = self.ip_command();
        command.args(args);
        succeed(command);
    }

    /// `ip` in the network namespace, as root (arguments to be added). It sees the host's
    /// `/proc`, so [`Namespace::netns`] paths of other namespaces work.
    pub fn ip_command(&self) -> Command {
        let mut words = vec!["nsenter", "--target", &self.init_text];
        words.extend(privilege::enter_user());
        words.extend(["--net", "--", "ip"]);
        let mut command = clean(words[0]);
        command.args(&words[1..]);
        command
    }

    /// A command that runs `argv` as root inside the namespaces (network, PID, mount: its
    /// `/etc` files and `/proc`), like `ip netns exec`. `nsenter` stays the parent of the
    /// program: use [`signal_program`] to signal the program itself.
    pub fn exec(&self, argv: &[&str]) -> Command {
        let mut words = self.enter();
        words.extend(argv);
        let mut command = clean(words[0]);
        command.args(&words[1..]);
        command
    }

    /// [`Namespace::exec`] `argv` to completion; panics with its output if it fails.
    pub fn exec_ok(&self, argv: &[&str]) {
        succeed(self.exec(argv));
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
    /// last one holds the `/etc` files and the PID namespace's `/proc`), as root.
    pub fn enter(&self) -> Vec<&str> {
        assert!(self.init.is_some(), "PID namespace is running");
        let mut words = vec!["nsenter", "--target", &self.init_text];
        words.extend(privilege::enter_user());
        words.extend(["--net", "--pid", "--mount", "--"]);
        words
    }

    fn start_init(&mut self) {
        let dir = self.dir.to_str().expect("UTF-8 scratch directory");
        let hash = HASH_ENTRIES.to_string();
        let mut command = privilege::root_command(&[
            "unshare",
            "--net",
            "sh",
            "-c",
            CREATE_FROM_PARENT,
            dir,
            &hash,
            INIT,
        ]);
        let log = self.dir.join("init.err");
        command.stderr(fs::File::create(&log).expect("init log"));
        // If the test process dies without unwinding, the PID namespace dies with it.
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let (child, line) = spawn_reading(command);
        let parent = self.init_parent.insert(child).id();
        let first = first_line(line);
        let Some(hash) = first.as_deref().and_then(|line| line.strip_prefix("ready")) else {
            let stderr = fs::read_to_string(&log).unwrap_or_default();
            panic!("the namespace's init did not start (said {first:?}); stderr:\n{stderr}");
        };
        let hash = hash.trim();
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

/// Send `signal` to the program that a command of [`Namespace::exec`] runs: `nsenter` forks
/// to enter the PID namespace and does not pass signals on, so the program is its one child.
pub fn signal_program(nsenter: &Child, signal: libc::c_int) {
    signal_children(nsenter, signal);
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
    privilege::require_uid(uid);
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
        remove_dir(&self.dir);
    }
}

/// Remove a scratch directory; quiet if it is gone, never panics (it runs in Drop).
fn remove_dir(dir: &Path) {
    if dir.exists()
        && let Err(e) = fs::remove_dir_all(dir)
    {
        eprintln!("warning: cannot remove {}: {e}", dir.display());
    }
}

/// Remove scratch directories of test processes that no longer exist (killed before they
/// could clean up; their namespaces ended with them).
fn remove_stale() {
    let Ok(entries) = fs::read_dir(SCRATCH_PARENT) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(NAME_PREFIX) else {
            continue;
        };
        // nst-PREFIX-PID-N: the PID is the second field from the end.
        let owner = rest.rsplit('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        let mine = fs::metadata(entry.path()).is_ok_and(|m| {
            use std::os::unix::fs::MetadataExt;
            // SAFETY: geteuid has no preconditions.
            m.uid() == unsafe { libc::geteuid() }
        });
        if let Some(pid) = owner
            && mine
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            remove_dir(&entry.path());
        }
    }
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
