//! A network namespace as `--all-netns` finds it: which one it is, who is in
//! it, and the container those processes belong to.

/// One network namespace of the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Netns {
    /// Its inode on nsfs: the namespace's identity, unique host-wide.
    pub inode: u64,
    /// The namespace this program was started in (listed first).
    pub current: bool,
    /// Its names under `/var/run/netns` (bind mounts of it), sorted.
    pub names: Vec<String>,
    /// The processes in it, lowest pid first.
    pub processes: Vec<Process>,
    /// The container its lowest-pid process belongs to, if any.
    pub container: Option<Container>,
}

/// A process inside a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub pid: u32,
    /// `/proc/PID/comm`: the kernel's short program name, any bytes.
    pub program: Vec<u8>,
}

/// A container, as its runtime names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub runtime: Runtime,
    /// The runtime's id: 64 hex digits for docker, podman, containerd and
    /// CRI-O; the machine or container name for systemd-nspawn and LXC.
    pub id: String,
    /// The name the user gave it, where the runtime keeps one.
    pub name: Option<String>,
}

/// The container runtimes recognised from cgroup paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    Docker,
    Podman,
    Containerd,
    CriO,
    SystemdNspawn,
    Lxc,
}

impl Runtime {
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Docker => "docker",
            Runtime::Podman => "podman",
            Runtime::Containerd => "containerd",
            Runtime::CriO => "cri-o",
            Runtime::SystemdNspawn => "systemd-nspawn",
            Runtime::Lxc => "lxc",
        }
    }
}

impl Container {
    /// The id as `docker ps` shows it: the first 12 hex digits of a long id.
    pub fn short_id(&self) -> &str {
        let hex = self.id.len() == 64 && self.id.bytes().all(|b| b.is_ascii_hexdigit());
        if hex { &self.id[..12] } else { &self.id }
    }
}

impl Netns {
    /// The process that names an unnamed namespace: the lowest pid in it.
    pub fn first_process(&self) -> Option<&Process> {
        self.processes.first()
    }
}
