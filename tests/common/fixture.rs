//! A directory tree that stands in for `/proc` (spec §10).

use super::namespace::Namespace;
use super::run::{Program, Runner, as_netstat};
use std::path::{Path, PathBuf};
use std::process::Command;

/// net-tools sees the tree as `/proc` (a tmpfs mounted there in a private mount namespace, the
/// tree copied in); ours reads it through `PROC_ROOT`. `-p` and the ioctl parts of `-i` still look
/// at the real system, so keep fixture tests to what is read from `/proc/net`.
pub struct Fixture<'a> {
    tree: PathBuf,
    names: Option<&'a Namespace>,
}

/// Mount the tree (`$0`) over `/proc`, then run net-tools as `netstat` with the arguments.
const REFERENCE_ON_TREE: &str =
    r#"mount -t tmpfs tmpfs /proc && cp -a "$0"/. /proc/ && exec -a netstat /usr/bin/netstat "$@""#;

impl<'a> Fixture<'a> {
    /// The tree at `tree` (relative paths are taken from the crate root).
    pub fn new(tree: impl AsRef<Path>) -> Self {
        let tree = Path::new(env!("CARGO_MANIFEST_DIR")).join(tree);
        assert!(tree.is_dir(), "fixture tree {} is missing", tree.display());
        Fixture { tree, names: None }
    }

    /// Run both programs inside `ns`, so that name lookups use its `/etc/hosts`, `/etc/networks`
    /// and files-only `nsswitch.conf` instead of the host's (which may ask DNS).
    pub fn with_names_from(mut self, ns: &'a Namespace) -> Self {
        self.names = Some(ns);
        self
    }

    fn wrapper(&self) -> Vec<&str> {
        match self.names {
            Some(ns) => vec!["ip", "netns", "exec", ns.name()],
            None => Vec::new(),
        }
    }
}

impl Runner for Fixture<'_> {
    fn proc_root(&self) -> Option<&Path> {
        Some(&self.tree)
    }

    fn command(&self, program: Program, args: &[&str]) -> Command {
        match program {
            Program::Reference => {
                let mut wrapper = self.wrapper();
                wrapper.extend(["unshare", "-m", "--propagation", "private"]);
                let mut command = super::run::clean(wrapper[0]);
                command
                    .args(&wrapper[1..])
                    .args(["bash", "-c", REFERENCE_ON_TREE])
                    .arg(&self.tree)
                    .args(args);
                command
            }
            Program::Ours => {
                let mut command = as_netstat(&self.wrapper(), program.path(), args);
                command.env("PROC_ROOT", &self.tree);
                command
            }
        }
    }
}
