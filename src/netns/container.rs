//! Which container a process belongs to: its cgroup path, laid out the way
//! each runtime lays it out, and the runtime's own state files for the name
//! the user gave the container.
//!
//! cgroup paths recognised (cgroup v2's `0::` line first, then v1 lines),
//! the innermost match winning:
//!
//! | runtime        | path component                                         |
//! |----------------|--------------------------------------------------------|
//! | docker         | `docker-ID.scope` (systemd driver), `docker/ID` (cgroupfs) |
//! | podman         | `libpod-ID.scope`, `libpod-ID` (not `libpod-conmon-ID`) |
//! | containerd     | `cri-containerd-ID.scope`, `kubepods…/ID`              |
//! | CRI-O          | `crio-ID.scope` (not `crio-conmon-ID`)                 |
//! | systemd-nspawn | `systemd-nspawn@NAME.service`, `machine.slice/machine-NAME.scope` |
//! | LXC            | `lxc.payload.NAME`, `lxc/NAME` (not `lxc.monitor.NAME`) |
//!
//! Names: docker keeps `"Name": "/NAME"` in
//! `/var/lib/docker/containers/ID/config.v2.json`; podman (as root) keeps
//! `[{"id": ID, "names": [NAME]}]` in
//! `/var/lib/containers/storage/overlay-containers/containers.json`; for
//! systemd-nspawn and LXC the name is in the path. containerd and CRI-O keep
//! no user-given name outside their orchestrator.

use crate::model::netns::{Container, Runtime};
use std::collections::HashMap;

const DOCKER_STATE: &str = "/var/lib/docker/containers";
const PODMAN_STATE: &str = "/var/lib/containers/storage/overlay-containers/containers.json";

/// The runtime and id a `/proc/PID/cgroup` text places the process in.
pub fn from_cgroup(text: &[u8]) -> Option<(Runtime, String)> {
    let paths = || {
        text.split(|&b| b == b'\n').filter_map(|line| {
            line.splitn(3, |&b| b == b':')
                .nth(2)
                .map(|path| (line, path))
        })
    };
    // The unified hierarchy's line (`0::PATH`) is the one a v2 host has.
    let unified = paths().filter(|(line, _)| line.starts_with(b"0::"));
    let others = paths().filter(|(line, _)| !line.starts_with(b"0::"));
    unified
        .chain(others)
        .find_map(|(_, path)| from_path(&String::from_utf8_lossy(path)))
}

/// The innermost container component of one cgroup path.
fn from_path(path: &str) -> Option<(Runtime, String)> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    (0..parts.len())
        .rev()
        .find_map(|i| from_component(parts[i], &parts[..i]))
}

fn from_component(part: &str, ancestors: &[&str]) -> Option<(Runtime, String)> {
    let parent = ancestors.last().copied().unwrap_or("");
    let unit = part
        .strip_suffix(".scope")
        .or_else(|| part.strip_suffix(".service"))
        .unwrap_or(part);
    let hex_id = |prefix: &str| unit.strip_prefix(prefix).filter(|id| is_long_id(id));
    if let Some(id) = hex_id("docker-") {
        return Some((Runtime::Docker, id.to_string()));
    }
    if let Some(id) = hex_id("libpod-") {
        return Some((Runtime::Podman, id.to_string()));
    }
    if let Some(id) = hex_id("cri-containerd-") {
        return Some((Runtime::Containerd, id.to_string()));
    }
    if let Some(id) = hex_id("crio-") {
        return Some((Runtime::CriO, id.to_string()));
    }
    if is_long_id(part) {
        if parent == "docker" {
            return Some((Runtime::Docker, part.to_string()));
        }
        if ancestors.iter().any(|a| a.starts_with("kubepods")) {
            return Some((Runtime::Containerd, part.to_string()));
        }
    }
    if let Some(name) = part
        .strip_prefix("systemd-nspawn@")
        .and_then(|rest| rest.strip_suffix(".service"))
    {
        return Some((Runtime::SystemdNspawn, unescape_unit(name)));
    }
    if parent == "machine.slice"
        && let Some(name) = part
            .strip_prefix("machine-")
            .and_then(|rest| rest.strip_suffix(".scope"))
    {
        return Some((Runtime::SystemdNspawn, unescape_unit(name)));
    }
    if let Some(name) = part.strip_prefix("lxc.payload.") {
        return Some((Runtime::Lxc, name.to_string()));
    }
    if parent == "lxc" && !part.starts_with("lxc.") {
        return Some((Runtime::Lxc, part.to_string()));
    }
    None
}

fn is_long_id(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// systemd's unit-name escaping: `\xHH` stands for the byte HH (`-` is `\x2d`).
fn unescape_unit(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i..i + 4)
            .filter(|s| s.starts_with(b"\\x"))
            .and_then(|s| std::str::from_utf8(&s[2..]).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Names containers, reading each runtime's state at most once per run.
#[derive(Debug, Default)]
pub struct Containers {
    podman: Option<HashMap<String, String>>,
}

impl Containers {
    /// The container of a process whose cgroup file reads `cgroup`.
    pub fn of(&mut self, cgroup: &[u8]) -> Option<Container> {
        let (runtime, id) = from_cgroup(cgroup)?;
        let name = match runtime {
            Runtime::Docker => docker_name(&id),
            Runtime::Podman => self
                .podman
                .get_or_insert_with(podman_names)
                .get(&id)
                .cloned(),
            Runtime::SystemdNspawn | Runtime::Lxc => Some(id.clone()),
            Runtime::Containerd | Runtime::CriO => None,
        };
        Some(Container { runtime, id, name })
    }
}

fn read_json(path: &str) -> Option<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

fn docker_name(id: &str) -> Option<String> {
    let config = read_json(&format!("{DOCKER_STATE}/{id}/config.v2.json"))?;
    let name = config.get("Name")?.as_str()?;
    Some(name.strip_prefix('/').unwrap_or(name).to_string())
}

/// id → first name, from podman's container list.
fn podman_names() -> HashMap<String, String> {
    let Some(serde_json::Value::Array(list)) = read_json(PODMAN_STATE) else {
        return HashMap::new();
    };
    list.iter()
        .filter_map(|entry| {
            let id = entry.get("id")?.as_str()?;
            let name = entry.get("names")?.get(0)?.as_str()?;
            Some((id.to_string(), name.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "4c01db0b339c3f3a1ae5c2ea8d6f7b3c1f0e9d8c7b6a5f4e3d2c1b0a99887766";

    fn found(text: &str) -> Option<(Runtime, String)> {
        from_cgroup(text.as_bytes())
    }

    #[test]
    fn runtimes_by_their_cgroup_layout() {
        let cases = [
            (
                format!("0::/system.slice/docker-{ID}.scope\n"),
                Runtime::Docker,
                ID,
            ),
            (format!("0::/docker/{ID}\n"), Runtime::Docker, ID),
            (
                format!("0::/machine.slice/libpod-{ID}.scope/container\n"),
                Runtime::Podman,
                ID,
            ),
            (
                format!(
                    "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-{ID}.scope\n"
                ),
                Runtime::Podman,
                ID,
            ),
            (
                format!(
                    "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-{ID}.scope\n"
                ),
                Runtime::Containerd,
                ID,
            ),
            (
                format!("0::/kubepods/besteffort/pod1234/{ID}\n"),
                Runtime::Containerd,
                ID,
            ),
            (
                format!("0::/kubepods.slice/crio-{ID}.scope\n"),
                Runtime::CriO,
                ID,
            ),
            (
                "0::/machine.slice/systemd-nspawn@web\\x2d1.service/payload/init.scope\n"
                    .to_string(),
                Runtime::SystemdNspawn,
                "web-1",
            ),
            (
                "0::/machine.slice/machine-db.scope/payload\n".to_string(),
                Runtime::SystemdNspawn,
                "db",
            ),
            (
                "0::/lxc.payload.u1/init.scope\n".to_string(),
                Runtime::Lxc,
                "u1",
            ),
            (
                "12:pids:/lxc/u2\n11:memory:/lxc/u2\n".to_string(),
                Runtime::Lxc,
                "u2",
            ),
        ];
        for (text, runtime, id) in cases {
            assert_eq!(found(&text), Some((runtime, id.to_string())), "{text}");
        }
    }

    #[test]
    fn hosts_monitors_and_near_misses_are_no_container() {
        for text in [
            "0::/init.scope\n",
            "0::/user.slice/user-0.slice/session-1.scope\n",
            "0::/system.slice/docker.service\n",
            &format!("0::/machine.slice/libpod-conmon-{ID}.scope\n"),
            &format!("0::/system.slice/crio-conmon-{ID}.scope\n"),
            "0::/lxc.monitor.u1\n",
            "0::/system.slice/docker-abc.scope\n",
            &format!("0::/other/{ID}\n"),
            "",
            "garbage without colons\n",
            "0::\n",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    #[test]
    fn the_innermost_container_and_the_unified_line_win() {
        let nested = format!(
            "0::/machine.slice/systemd-nspawn@outer.service/payload/system.slice/docker-{ID}.scope\n"
        );
        assert_eq!(found(&nested), Some((Runtime::Docker, ID.to_string())));
        let mixed = format!("1:name=systemd:/lxc/old\n0::/system.slice/docker-{ID}.scope\n");
        assert_eq!(found(&mixed), Some((Runtime::Docker, ID.to_string())));
    }

    #[test]
    fn short_ids_like_docker_ps() {
        let long = Container {
            runtime: Runtime::Docker,
            id: ID.to_string(),
            name: None,
        };
        assert_eq!(long.short_id(), "4c01db0b339c");
        let named = Container {
            runtime: Runtime::Lxc,
            id: "u1".to_string(),
            name: None,
        };
        assert_eq!(named.short_id(), "u1");
    }
}
