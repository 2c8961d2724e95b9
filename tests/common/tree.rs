//! A scratch directory standing in for `/proc`, filled by the test and removed when dropped (also
//! when the test fails). Hand it to [`Fixture`] to run both programs on it.

use super::fixture::Fixture;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The header lines of the Internet and UNIX socket tables.
pub const TCP_HEADER: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
pub const UDP_HEADER: &str = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";
pub const UNIX_HEADER: &str = "Num       RefCount Protocol Flags    Type St Inode Path\n";

pub struct Tree {
    root: PathBuf,
}

impl Tree {
    /// An empty tree with an empty `net/` directory. The directory name holds `tag`, the process
    /// id and a counter, so trees of parallel tests and test processes never meet.
    pub fn new(tag: &str) -> Tree {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("netstat-tree-{}-{n}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("net")).expect("create fixture tree");
        Tree { root }
    }

    /// A tree holding `files`, (path under `net/`, contents); a path ending in `/` is made a
    /// directory instead.
    pub fn with_files(tag: &str, files: &[(&str, impl AsRef<[u8]>)]) -> Tree {
        let tree = Tree::new(tag);
        for (name, contents) in files {
            match name.strip_suffix('/') {
                Some(directory) => tree.dir(directory),
                None => tree.file(name, contents),
            };
        }
        tree
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Both programs on this tree.
    pub fn fixture(&self) -> Fixture<'static> {
        Fixture::new(&self.root)
    }

    /// Write `net/NAME` (creating directories on the way).
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> &Tree {
        let path = self.root.join("net").join(name);
        fs::create_dir_all(path.parent().expect("file has a parent")).expect("create directory");
        fs::write(&path, contents.as_ref()).expect("write fixture file");
        keep_as_fuzz_seed(name, contents.as_ref());
        self
    }

    /// Create the directory `net/NAME`.
    pub fn dir(&self, name: &str) -> &Tree {
        fs::create_dir_all(self.root.join("net").join(name)).expect("create directory");
        self
    }

    /// Make `net/NAME` a symbolic link to itself: opening it fails with ELOOP.
    pub fn link_loop(&self, name: &str) -> &Tree {
        let path = self.root.join("net").join(name);
        fs::create_dir_all(path.parent().expect("link has a parent")).expect("create directory");
        std::os::unix::fs::symlink(&path, &path).expect("create symlink loop");
        self
    }

    /// Empty Internet and UNIX tables, for listings that include those sections.
    pub fn with_inet_headers(&self) -> &Tree {
        for name in ["tcp", "tcp6"] {
            self.file(name, TCP_HEADER);
        }
        for name in ["udp", "udp6", "udplite", "udplite6", "raw", "raw6"] {
            self.file(name, UDP_HEADER);
        }
        self.file("unix", UNIX_HEADER)
    }
}

/// With `NETSTAT_FUZZ_SEEDS=DIR` set, every fixture file the program parses is also written to
/// `DIR` as a seed of the `proc_file` fuzz target (its selector byte, then the file), named by the
/// file and a hash of its bytes so that equal files make one seed. See "Fuzzing" in README.md.
fn keep_as_fuzz_seed(name: &str, contents: &[u8]) {
    let (Some(dir), Some(selector)) = (
        std::env::var_os("NETSTAT_FUZZ_SEEDS"),
        netstat::fuzzing::proc_selector(name),
    ) else {
        return;
    };
    // FNV-1a: stable across runs and toolchains, unlike the standard hasher.
    let hash = contents.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut seed = vec![selector];
    seed.extend_from_slice(contents);
    let file = format!("{}-{hash:016x}", name.replace('/', "_"));
    fs::create_dir_all(&dir).expect("create the seed directory");
    fs::write(PathBuf::from(dir).join(file), seed).expect("write a fuzz seed");
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}
