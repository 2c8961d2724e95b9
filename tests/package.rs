//! The Debian package: built by `packaging/deb/build`, installed and purged
//! with the real dpkg in a throwaway root (a scratch directory given to
//! `dpkg --root`, maintainer scripts run with `DPKG_ROOT` set), never in the
//! machine's own /usr, whose /usr/bin/netstat the other suites use as their
//! oracle. The root holds a copy of the installed net-tools (files and dpkg
//! records) and mirrors the machine's merged-/usr links. dpkg runs in a user
//! namespace as its root, so the test needs no privileges. (An overlay over
//! `/` would not do for an ordinary user: in a user namespace that maps only
//! the user, renaming a file in the overlaid, really root-owned /usr/bin is
//! refused, and diverting net-tools' netstat is such a rename.)

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(command: &mut Command) -> String {
    String::from_utf8(run(command).stdout).expect("UTF-8 output")
}

/// `dpkg --root=ROOT ARGS` as root of a new user namespace.
fn dpkg(root: &Path, args: &[&str]) -> Output {
    run(Command::new("unshare")
        .args(["--user", "--map-root-user", "dpkg"])
        .arg(format!("--root={}", root.display()))
        .arg("--force-script-chrootless")
        .args(args)
        .env("PATH", PATH))
}

fn user_namespaces_work() {
    let works = Command::new("unshare")
        .args(["--user", "--map-root-user", "true"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        works,
        "unprivileged user namespaces are disabled: \
         sysctl -w kernel.unprivileged_userns_clone=1 (and user.max_user_namespaces > 0)"
    );
}

/// A root with net-tools installed as on this machine: its files, its dpkg
/// record, and the records of what the package depends on.
fn net_tools_root(root: &Path) {
    fs::create_dir_all(root.join("usr")).unwrap();
    for dir in ["bin", "sbin", "lib"] {
        if let Ok(target) = fs::read_link(Path::new("/").join(dir)) {
            fs::create_dir_all(root.join(&target)).unwrap();
            std::os::unix::fs::symlink(&target, root.join(dir)).unwrap();
        }
    }
    let files = stdout(Command::new("dpkg-query").args(["-L", "net-tools"]));
    for file in files.lines().map(Path::new) {
        let copy = root.join(file.strip_prefix("/").unwrap());
        if file.is_symlink() || !file.is_file() {
            continue;
        }
        fs::create_dir_all(copy.parent().unwrap()).unwrap();
        fs::copy(file, &copy).unwrap();
    }
    let admin = root.join("var/lib/dpkg");
    for dir in ["info", "updates", "triggers"] {
        fs::create_dir_all(admin.join(dir)).unwrap();
    }
    let status =
        stdout(Command::new("dpkg-query").args(["--status", "net-tools", "libc6", "libgcc-s1"]));
    fs::write(admin.join("status"), status).unwrap();
    fs::copy(
        "/var/lib/dpkg/info/net-tools.list",
        admin.join("info/net-tools.list"),
    )
    .unwrap();
}

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn gunzip(path: &Path) -> Vec<u8> {
    run(Command::new("gzip").arg("-dc").arg(path)).stdout
}

fn diversions(root: &Path) -> String {
    stdout(
        Command::new("dpkg-divert")
            .arg("--root")
            .arg(root)
            .args(["--list", "*netstat*"]),
    )
}

/// The files the package installs besides the binary and the man page, and
/// where they come from in the repository.
fn shipped() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(installed, source)| (installed.to_string(), source.to_string()))
        .collect();
    for schema in fs::read_dir(repository("docs/schema")).unwrap() {
        let name = schema.unwrap().file_name().into_string().unwrap();
        files.push((
            format!("usr/share/doc/netstat-rs/schema/{name}"),
            format!("docs/schema/{name}"),
        ));
    }
    files
}

const SHIPPED: [(&str, &str); 4] = [
    (
        "usr/share/bash-completion/completions/netstat",
        "completions/netstat.bash",
    ),
    (
        "usr/share/zsh/vendor-completions/_netstat",
        "completions/_netstat",
    ),
    (
        "usr/share/fish/vendor_completions.d/netstat.fish",
        "completions/netstat.fish",
    ),
    ("usr/share/doc/netstat-rs/README.md", "README.md"),
];

#[test]
fn the_package_takes_netstat_over_and_gives_it_back() {
    user_namespaces_work();
    let scratch = common::Tree::new("deb");
    let root = scratch.path().join("root");
    net_tools_root(&root);
    let built = stdout(
        Command::new(repository("packaging/deb/build"))
            .arg(env!("CARGO_BIN_EXE_netstat"))
            .arg(scratch.path().join("out"))
            // The debug binary is large: compress fast, the contents are the same.
            .env("DPKG_DEB_COMPRESSOR_TYPE", "gzip")
            .env("DPKG_DEB_COMPRESSOR_LEVEL", "1"),
    );
    let deb = built.trim_end();

    let net_tools_netstat = fs::read("/usr/bin/netstat").unwrap();
    let man8 = root.join("usr/share/man/man8");
    let net_tools_page = fs::read("/usr/share/man/man8/netstat.8.gz").unwrap();
    let bin = root.join("usr/bin");
    let path = format!("{}:{}", root.join("usr/sbin").display(), bin.display());

    dpkg(&root, &["--install", deb]);
    // `netstat` on the PATH is this program; net-tools' is kept aside.
    let version = stdout(Command::new("netstat").arg("-V").env("PATH", &path));
    assert!(version.starts_with("netstat (netstat-rs)"), "{version}");
    assert_eq!(
        fs::read(bin.join("netstat.net-tools")).unwrap(),
        net_tools_netstat
    );
    let diverted = diversions(&root);
    for line in [
        "diversion of /bin/netstat to /bin/netstat.net-tools by netstat-rs",
        "diversion of /usr/bin/netstat to /usr/bin/netstat.net-tools by netstat-rs",
        "diversion of /usr/share/man/man8/netstat.8.gz to \
         /usr/share/man/man8/netstat.net-tools.8.gz by netstat-rs",
    ] {
        assert!(diverted.contains(line), "{diverted}");
    }
    // net-tools' other programs are untouched and still run.
    for (program, args) in [
        ("ifconfig", &["lo"][..]),
        ("route", &["-n"]),
        ("arp", &["-n"]),
    ] {
        let installed = root.join("usr/sbin").join(program);
        let original = Path::new("/usr/sbin").join(program);
        assert_eq!(fs::read(&installed).unwrap(), fs::read(&original).unwrap());
        run(Command::new(program).args(args).env("PATH", &path));
    }
    assert_eq!(
        gunzip(&man8.join("netstat.8.gz")),
        fs::read(repository("doc/netstat.8")).unwrap()
    );
    assert_eq!(
        fs::read(man8.join("netstat.net-tools.8.gz")).unwrap(),
        net_tools_page
    );
    let shipped = shipped();
    assert!(shipped.len() > SHIPPED.len(), "no JSON schema shipped");
    for (installed, source) in &shipped {
        assert_eq!(
            fs::read(root.join(installed)).unwrap(),
            fs::read(repository(source)).unwrap(),
            "{installed}"
        );
    }

    dpkg(&root, &["--purge", "netstat-rs"]);
    assert_eq!(fs::read(bin.join("netstat")).unwrap(), net_tools_netstat);
    let version = stdout(Command::new("netstat").arg("-V").env("PATH", &path));
    assert!(version.starts_with("net-tools 2.10"), "{version}");
    assert!(!bin.join("netstat.net-tools").exists());
    assert_eq!(fs::read(man8.join("netstat.8.gz")).unwrap(), net_tools_page);
    assert!(!man8.join("netstat.net-tools.8.gz").exists());
    assert_eq!(diversions(&root), "");
    for (installed, _) in &shipped {
        assert!(!root.join(installed).exists(), "{installed} is left");
    }
}
