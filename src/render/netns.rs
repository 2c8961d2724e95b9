//! The heading line before each namespace's tables in `--all-netns`:
//! `netns: ` then, comma-separated, `current` (the namespace this program
//! started in), its names, `inode N`, its lowest `pid P (PROGRAM)`, and
//! `RUNTIME ID (NAME)` of the container that process belongs to.
//!
//! ```text
//! netns: current, inode 4026531840, pid 1 (systemd)
//! netns: blue, inode 4026532301
//! netns: inode 4026532410, pid 2371 (nginx), docker 4c01db0b339c (web)
//! ```

use crate::model::netns::Netns;

pub fn heading(netns: &Netns) -> Vec<u8> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    if netns.current {
        parts.push(b"current".to_vec());
    }
    parts.extend(netns.names.iter().map(|name| printable(name.as_bytes())));
    parts.push(format!("inode {}", netns.inode).into_bytes());
    if let Some(process) = netns.first_process() {
        let mut part = format!("pid {} (", process.pid).into_bytes();
        part.extend(printable(&process.program));
        part.push(b')');
        parts.push(part);
    }
    if let Some(container) = &netns.container {
        let mut part = format!("{} {}", container.runtime.name(), container.short_id());
        if let Some(name) = container
            .name
            .as_ref()
            .filter(|name| **name != container.id)
        {
            part.push_str(&format!(" ({name})"));
        }
        parts.push(printable(part.as_bytes()));
    }
    let mut line = b"netns: ".to_vec();
    line.extend(parts.join(&b", "[..]));
    line.push(b'\n');
    line
}

/// Control bytes shown as `.`, as `-p` shows program names.
fn printable(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .map(|&b| if b < 0x20 || b == 0x7f { b'.' } else { b })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::netns::{Container, Process, Runtime};

    fn netns() -> Netns {
        Netns {
            inode: 4026532410,
            current: false,
            names: Vec::new(),
            processes: Vec::new(),
            container: None,
        }
    }

    #[test]
    fn each_kind_of_heading() {
        let mut current = netns();
        current.current = true;
        current.processes = vec![Process {
            pid: 1,
            program: b"systemd".to_vec(),
        }];
        assert_eq!(
            heading(&current),
            b"netns: current, inode 4026532410, pid 1 (systemd)\n"
        );

        let mut named = netns();
        named.names = vec!["blue".into(), "blue2".into()];
        assert_eq!(heading(&named), b"netns: blue, blue2, inode 4026532410\n");

        let mut held = netns();
        held.processes = vec![Process {
            pid: 7,
            program: b"a\x1bb".to_vec(),
        }];
        let docker_id = "4c01db0b339c3f3a1ae5c2ea8d6f7b3c1f0e9d8c7b6a5f4e3d2c1b0a99887766";
        for (runtime, id, name, shown) in [
            (
                Runtime::Docker,
                docker_id,
                "web",
                "docker 4c01db0b339c (web)",
            ),
            (Runtime::Lxc, "u1", "u1", "lxc u1"),
        ] {
            held.container = Some(Container {
                runtime,
                id: id.into(),
                name: Some(name.into()),
            });
            let expected = format!("netns: inode 4026532410, pid 7 (a.b), {shown}\n");
            assert_eq!(heading(&held), expected.as_bytes());
        }
    }
}
