//! The `netns` object that opens every document of `--all-netns`: which
//! namespace the document's tables come from.

use super::Text;
use crate::model::netns::{Container, Netns, Process};
use serde::Serialize;

/// `{"inode", "current", "names", "processes": [{"pid", "program"}], "container"?}`
#[derive(Debug, Serialize)]
pub struct NetnsView<'a> {
    inode: u64,
    current: bool,
    names: &'a [String],
    processes: Vec<ProcessView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container: Option<ContainerView<'a>>,
}

#[derive(Debug, Serialize)]
struct ProcessView<'a> {
    pid: u32,
    /// `program` (`/proc/PID/comm`), with `program_hex` when not UTF-8.
    #[serde(flatten)]
    program: Text<'a>,
}

/// `{"runtime", "id", "name"?}`
#[derive(Debug, Serialize)]
struct ContainerView<'a> {
    runtime: &'static str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

impl<'a> NetnsView<'a> {
    pub fn new(netns: &'a Netns) -> Self {
        NetnsView {
            inode: netns.inode,
            current: netns.current,
            names: &netns.names,
            processes: netns.processes.iter().map(ProcessView::new).collect(),
            container: netns.container.as_ref().map(ContainerView::new),
        }
    }
}

impl<'a> ProcessView<'a> {
    fn new(process: &'a Process) -> Self {
        ProcessView {
            pid: process.pid,
            program: Text::new("program", &process.program),
        }
    }
}

impl<'a> ContainerView<'a> {
    fn new(container: &'a Container) -> Self {
        ContainerView {
            runtime: container.runtime.name(),
            id: &container.id,
            name: container.name.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::netns::Runtime;

    #[test]
    fn a_namespace_as_json() {
        let netns = Netns {
            inode: 4026532410,
            current: false,
            names: vec!["blue".into()],
            processes: vec![Process {
                pid: 7,
                program: b"web\xff".to_vec(),
            }],
            container: Some(Container {
                runtime: Runtime::Lxc,
                id: "u1".into(),
                name: Some("u1".into()),
            }),
        };
        assert_eq!(
            serde_json::to_string(&NetnsView::new(&netns)).unwrap(),
            "{\"inode\":4026532410,\"current\":false,\"names\":[\"blue\"],\"processes\":[{\"pid\":7,\"program\":\"web\u{fffd}\",\"program_hex\":\"776562ff\"}],\"container\":{\"runtime\":\"lxc\",\"id\":\"u1\",\"name\":\"u1\"}}"
        );
        let bare = Netns {
            container: None,
            processes: Vec::new(),
            ..netns
        };
        assert_eq!(
            serde_json::to_string(&NetnsView::new(&bare)).unwrap(),
            r#"{"inode":4026532410,"current":false,"names":["blue"],"processes":[]}"#
        );
    }
}
