//! `--all-netns`: every network namespace on the host, found once per sweep.
//!
//! Sources: the namespace this program runs in; every name under
//! `/var/run/netns` that is a namespace file; the namespace of every process
//! in `/proc`. Each namespace is listed once (its nsfs inode is its
//! identity), in this order: the current one first, then the named ones by
//! name, then the unnamed ones by inode number (a stable order, not the order
//! of creation: the kernel reuses freed inode numbers).

use super::container::Containers;
use super::{NETNS_RUN_DIR, namespace_inode};
use crate::error::{Fatal, strerror, warn};
use crate::model::netns::{Netns, Process};
use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// nsfs's `statfs` magic: a bind-mounted namespace file has it, a stale name
/// (an empty file left by a failed `ip netns add`) has not.
const NSFS_MAGIC: i64 = 0x6e73_6673;

/// Every namespace of the host, in the documented order.
pub fn all() -> Result<Vec<Netns>, Fatal> {
    let current = namespace_inode(Path::new("/proc/self/ns/net"))
        .map_err(|e| Fatal::new(1, format!("netstat: /proc/self/ns/net: {}", strerror(&e))))?;
    let mut found = Found::default();
    found.add(current).current = true;
    for (name, inode) in named() {
        found.add(inode).names.push(name);
    }
    for (inode, process) in processes() {
        found.add(inode).processes.push(process);
    }
    let mut list = found.list;
    sort(&mut list);
    let mut containers = Containers::default();
    for netns in &mut list {
        let cgroup = netns
            .first_process()
            .and_then(|p| std::fs::read(format!("/proc/{}/cgroup", p.pid)).ok());
        netns.container = cgroup.and_then(|text| containers.of(&text));
    }
    Ok(list)
}

/// The documented order: the current namespace, the named ones by name, the
/// unnamed ones by inode number.
fn sort(list: &mut [Netns]) {
    list.sort_by(|a, b| {
        let rank = |n: &Netns| (!n.current, n.names.is_empty());
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.names.cmp(&b.names))
            .then_with(|| a.inode.cmp(&b.inode))
    });
}

/// The namespaces found so far, by inode.
#[derive(Default)]
struct Found {
    list: Vec<Netns>,
    index: HashMap<u64, usize>,
}

impl Found {
    fn add(&mut self, inode: u64) -> &mut Netns {
        let list = &mut self.list;
        let at = *self.index.entry(inode).or_insert_with(|| {
            list.push(Netns {
                inode,
                current: false,
                names: Vec::new(),
                processes: Vec::new(),
                container: None,
            });
            list.len() - 1
        });
        &mut self.list[at]
    }
}

/// `(name, inode)` of every namespace file under `/var/run/netns`, by name.
/// A name that is not a namespace file is skipped with a note.
fn named() -> Vec<(String, u64)> {
    let Ok(entries) = std::fs::read_dir(NETNS_RUN_DIR) else {
        return Vec::new();
    };
    let mut names: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let path = Path::new(NETNS_RUN_DIR).join(&name);
            let shown = String::from_utf8_lossy(name.as_bytes()).into_owned();
            if !is_nsfs(&path) {
                warn(&format!(
                    "netstat: {}: not a network namespace, skipped",
                    path.display()
                ));
                return None;
            }
            namespace_inode(&path).ok().map(|inode| (shown, inode))
        })
        .collect()
}

fn is_nsfs(path: &Path) -> bool {
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: statfs writes into the zeroed struct we own; the path is a valid C string.
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::statfs(c_path.as_ptr(), &mut fs) } == 0;
    ok && fs.f_type as i64 == NSFS_MAGIC
}

/// `(namespace inode, process)` for every process whose namespace can be
/// read, lowest pid first. A process that ends meanwhile is left out.
fn processes() -> Vec<(u64, Process)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut pids: Vec<u32> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    pids.sort_unstable();
    pids.into_iter()
        .filter_map(|pid| {
            let inode = namespace_inode(Path::new(&format!("/proc/{pid}/ns/net"))).ok()?;
            let mut program = std::fs::read(format!("/proc/{pid}/comm")).unwrap_or_default();
            if program.last() == Some(&b'\n') {
                program.pop();
            }
            Some((inode, Process { pid, program }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_namespace_once_in_the_documented_order() {
        let mut found = Found::default();
        let process = |pid| Process {
            pid,
            program: b"p".to_vec(),
        };
        found.add(30).processes.push(process(9));
        found.add(20).names.push("zeta".to_string());
        found.add(10).current = true;
        found.add(40).names.push("alpha".to_string());
        found.add(25).processes.push(process(3));
        found.add(40).processes.push(process(4));
        found.add(10).processes.push(process(1));
        let mut list = found.list;
        sort(&mut list);
        let inodes: Vec<u64> = list.iter().map(|n| n.inode).collect();
        assert_eq!(inodes, [10, 40, 20, 25, 30]);
        assert_eq!(list[1].names, ["alpha"]);
        assert_eq!(list[1].processes, [process(4)]);
        assert!(list[0].current && !list[1].current);
    }
}
