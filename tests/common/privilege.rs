//! How the rig becomes root over the namespaces it builds, for root and ordinary users alike.
//!
//! Run by root, the rig needs nothing: it builds network, PID and mount namespaces directly.
//! Run by anyone else, the test process first makes one user namespace of its own (the
//! "holder", a process that lives as long as the test process) in which it is root:
//! every namespace and fixture run of the rig is made or entered from there, so all of them
//! belong to that one user namespace and root in it may wire them together (a veth pair
//! between two test namespaces, say). Inside, uid 0 is the user itself; uids 1 to 65535 are
//! the user's subordinate ids from `/etc/subuid` and `/etc/subgid` (through `newuidmap`, Debian
//! package `uidmap`) when it has them, so that helpers and runs "as another user" are really
//! another user, as under real root.
//!
//! The holder is made once per test binary, on first use. If the kernel refuses user
//! namespaces, the binary ends there with one message naming the setting to change, instead
//! of every test panicking on its own.

use super::run::clean;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

/// The ids a user namespace of the rig maps besides root.
const OTHER_IDS: u32 = 65535;

/// Whether the test process runs as root, and so needs no user namespace.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The user namespace the rig works in when not run as root.
struct Holder {
    pid: String,
    /// Uids and gids 1..=65535 are mapped too (subordinate ids).
    maps_others: bool,
    /// Never read: the holder waits for end of file here, which comes when this process exits.
    _stdin: ChildStdin,
    _child: Child,
}

fn holder() -> &'static Holder {
    static HOLDER: OnceLock<Holder> = OnceLock::new();
    HOLDER.get_or_init(|| start_holder().unwrap_or_else(|reason| stop_the_binary(&reason)))
}

/// Check once, before anything else of the rig runs, that it can become root; ends the test
/// binary with one message if it cannot.
pub fn ensure() {
    if !is_root() {
        holder();
    }
}

/// The argv prefix that runs a command as root of the rig's namespaces: nothing for root,
/// `nsenter` into the holder's user namespace otherwise.
pub fn root_prefix() -> Vec<String> {
    if is_root() {
        return Vec::new();
    }
    let mut prefix = vec![
        "nsenter".to_string(),
        "--target".into(),
        holder().pid.clone(),
    ];
    prefix.extend(enter_user().iter().map(|word| word.to_string()));
    prefix.push("--".into());
    prefix
}

/// A clean command (see [`clean`]) that runs `argv` as root of the rig's namespaces.
pub fn root_command(argv: &[&str]) -> Command {
    let prefix = root_prefix();
    let mut words = prefix
        .iter()
        .map(String::as_str)
        .chain(argv.iter().copied());
    let mut command = clean(words.next().expect("a program"));
    command.args(words);
    command
}

/// The `nsenter` options that enter the user namespace of a rig namespace's process: needed
/// (and only possible) when the rig works in the holder's user namespace. The user is root
/// there already; keeping the credentials spares `nsenter` the setgroups call, which a user
/// namespace without subordinate ids refuses.
pub fn enter_user() -> &'static [&'static str] {
    if is_root() {
        &[]
    } else {
        &["--user", "--preserve-credentials"]
    }
}

/// Panic with how to fix it if `uid` has no id in the rig's namespaces (only uid 0 has, for an
/// ordinary user without subordinate ids).
pub fn require_uid(uid: u32) {
    if uid == 0 || is_root() || holder().maps_others {
        return;
    }
    let user = user_name();
    panic!(
        "this test runs a process as uid {uid}, a second user inside the test namespaces; as an \
         ordinary user that needs subordinate ids: install newuidmap (Debian: apt-get install \
         uidmap) and give {user} a range of 65536 ids in /etc/subuid and /etc/subgid \
         (usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {user}), or run the \
         tests as root"
    );
}

/// Panic with how to fix it if this process may not open `/dev/net/tun`, which `ip tuntap`
/// needs. systemd's udev rules make it mode 0666 (creating a device still takes root of the
/// namespace); machines without udev may leave it 0600, for root only.
pub fn require_tun() {
    const TUN: &str = "/dev/net/tun";
    if let Err(e) = std::fs::OpenOptions::new().read(true).write(true).open(TUN) {
        panic!(
            "this test makes tun and tap devices, and {TUN} cannot be opened ({e}); make it \
             usable by every user as udev does on systemd machines (as root: chmod 0666 {TUN}), \
             or run the tests as root"
        );
    }
}

fn start_holder() -> Result<Holder, String> {
    // SAFETY: getuid and getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let others = subordinate("/etc/subuid", uid)
        .zip(subordinate("/etc/subgid", gid))
        .filter(|_| has_program("newuidmap") && has_program("newgidmap"));
    let mut command = clean("unshare");
    command.args(["--user", "--map-root-user"]);
    if let Some((uids, gids)) = others {
        command.arg(format!("--map-users={uids},1,{OTHER_IDS}"));
        command.arg(format!("--map-groups={gids},1,{OTHER_IDS}"));
    }
    // `read` returns at end of file: when the test process has exited and its end is closed.
    command.args(["sh", "-c", "echo ready && read line"]);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot run unshare (util-linux): {e}"))?;
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped stdout");
    let _ = BufReader::new(stdout).read_line(&mut line);
    if line.trim_end() != "ready" {
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        return Err(String::from_utf8_lossy(&out.stderr).trim_end().to_string());
    }
    Ok(Holder {
        pid: child.id().to_string(),
        maps_others: others.is_some(),
        _stdin: child.stdin.take().expect("piped stdin"),
        _child: child,
    })
}

/// The first subordinate range of `id` (by number or by the user's name) that holds
/// [`OTHER_IDS`] ids: its start.
fn subordinate(file: &str, id: u32) -> Option<u32> {
    let text = std::fs::read_to_string(file).ok()?;
    let name = user_name();
    text.lines().find_map(|line| {
        let mut fields = line.split(':');
        let (owner, start, count) = (fields.next()?, fields.next()?, fields.next()?);
        let count: u32 = count.trim().parse().ok()?;
        (owner == name || owner == id.to_string())
            .then(|| start.trim().parse().ok())
            .flatten()
            .filter(|_| count >= OTHER_IDS)
    })
}

fn user_name() -> String {
    // SAFETY: getpwuid returns a pointer into static storage or null; the name is copied out
    // at once, before any other call could overwrite it.
    unsafe {
        let entry = libc::getpwuid(libc::getuid());
        if entry.is_null() {
            return libc::getuid().to_string();
        }
        std::ffi::CStr::from_ptr((*entry).pw_name)
            .to_string_lossy()
            .into_owned()
    }
}

fn has_program(name: &str) -> bool {
    ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        .iter()
        .any(|dir| Path::new(dir).join(name).exists())
}

/// The kernel settings that forbid unprivileged user namespaces, as `sysctl` names with the
/// value that allows them: those that are set to forbid them here.
fn forbidding_settings() -> Vec<String> {
    let read = |name: &str| {
        let path = format!("/proc/sys/{}", name.replace('.', "/"));
        std::fs::read_to_string(path)
            .ok()
            .map(|v| v.trim().to_string())
    };
    let mut settings = Vec::new();
    if read("user.max_user_namespaces").as_deref() == Some("0") {
        settings.push("user.max_user_namespaces=15000".to_string());
    }
    if read("kernel.unprivileged_userns_clone").as_deref() == Some("0") {
        settings.push("kernel.unprivileged_userns_clone=1".to_string());
    }
    if read("kernel.apparmor_restrict_unprivileged_userns").as_deref() == Some("1") {
        settings.push("kernel.apparmor_restrict_unprivileged_userns=0".to_string());
    }
    settings
}

/// End the test binary with one message: every test of it needs the user namespace.
fn stop_the_binary(reason: &str) -> ! {
    let settings = forbidding_settings();
    let fix = if settings.is_empty() {
        "check that unprivileged user namespaces are allowed on this machine".to_string()
    } else {
        format!(
            "allow them with `sysctl -w {}` (as root), or run the tests as root",
            settings.join(" ")
        )
    };
    // Straight to the file descriptor: the test harness would swallow eprintln! output of a
    // test that never finishes.
    let _ = writeln!(
        std::io::stderr(),
        "\nThe tests cannot run as an ordinary user here: they need an unprivileged user \
         namespace, and `unshare --user --map-root-user` failed: {reason}\nTo fix: {fix}.\n"
    );
    std::process::exit(2);
}
