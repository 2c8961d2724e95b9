//! `netstat --netlink` live: two monitors run in a namespace (numeric with `-n`, and with names
//! and `-c`) while the test adds and removes an interface, addresses, routes and a neighbour
//! entry. Each change must show up once, in order, on both; SIGINT and SIGTERM end them with
//! status 0.

mod common;

use common::Namespace;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const HOSTS: &str = "\
127.0.0.1\tlocalhost
10.9.0.1\tifb-host
10.9.0.9\tneighbour-host
10.9.0.254\tgateway-host
fd00:9::1\tifb6
";

/// A running monitor and the lines it printed so far (with `--json`, each document converted
/// to the text line it stands for; the documents themselves in `documents`).
struct Monitor {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    json: bool,
    documents: Vec<String>,
}

impl Monitor {
    fn start(ns: &Namespace, args: &[&str]) -> Monitor {
        // `ip netns exec` execs the program itself: the child is netstat, and gets the signals.
        let mut child = Command::new("ip")
            .args(["netns", "exec", ns.name(), env!("CARGO_BIN_EXE_netstat")])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the monitor");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Monitor {
            child,
            lines,
            seen: Vec::new(),
            json: args.contains(&"--json"),
            documents: Vec::new(),
        }
    }

    fn push(&mut self, line: String) {
        if self.json {
            let document: serde_json::Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("not one JSON document per line ({e}): {line}"));
            self.seen.push(event_text(&document["event"]));
            self.documents.push(line);
        } else {
            self.seen.push(line);
        }
    }

    /// Collect lines until one equals `line` or `limit` passes; whether it came.
    fn wait_for(&mut self, line: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.seen.iter().any(|l| l == line) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => self.push(l),
                Err(_) => return false,
            }
        }
    }

    /// Send `signal`, wait for the end; (exit code, stderr).
    fn stop(mut self, signal: libc::c_int) -> (Option<i32>, String) {
        // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
        unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.child.try_wait().expect("wait").is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the monitor did not stop on signal {signal}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = self.child.wait_with_output().expect("collect stderr");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

/// Make sure both monitors listen: add and remove probe links until both report one. Returns
/// the probe's name, after which the monitors' lines count.
fn synchronise(ns: &Namespace, monitors: &mut [&mut Monitor]) -> String {
    for attempt in 0..50 {
        let probe = format!("probe{attempt}");
        ns.ip(&["link", "add", &probe, "type", "ifb"]);
        let line = format!("link new {probe} down");
        let all = monitors
            .iter_mut()
            .all(|m| m.wait_for(&line, Duration::from_millis(300)));
        ns.ip(&["link", "del", &probe]);
        if all {
            return format!("link del {probe}");
        }
    }
    panic!("the monitors never reported a new link");
}

/// The lines after `marker`, once it has been seen.
fn after<'a>(lines: &'a [String], marker: &str) -> &'a [String] {
    match lines.iter().position(|l| l == marker) {
        Some(at) => &lines[at + 1..],
        None => &[],
    }
}

/// Every expected line appears exactly as often as it is expected, in the expected order.
fn check(lines: &[String], expected: &[&str]) {
    let text = lines.join("\n");
    let mut from = 0;
    for want in expected {
        let found = lines[from..].iter().position(|l| l == want);
        let at = found.unwrap_or_else(|| panic!("missing or out of order: {want:?} in\n{text}"));
        from += at + 1;
    }
    for want in expected {
        let expected_count = expected.iter().filter(|e| *e == want).count();
        let count = lines.iter().filter(|l| l == want).count();
        assert_eq!(
            count, expected_count,
            "{want:?} printed {count} times in\n{text}"
        );
    }
}

/// The text line net-tools' format would give for a JSON event (the test's own reading of the
/// format described in the monitor's documentation).
fn event_text(event: &serde_json::Value) -> String {
    let text = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let name = |key: &str| {
        event
            .get(format!("{key}_host"))
            .map_or_else(|| text(&event[key]), text)
    };
    let action = text(&event["action"]);
    let kind = text(&event["kind"]);
    let mut line = format!("{kind} {action} ");
    match kind.as_str() {
        "link" => {
            line += &text(&event["ifname"]);
            if action == "new" {
                line += if event["up"] == true { " up" } else { " down" };
            }
        }
        "addr" => {
            line += &format!("{} {}", text(&event["ifname"]), name("address"));
            if event.get("peer").is_some() {
                line += &format!(" peer {}", name("peer"));
            }
            line += &format!("/{}", event["prefixlen"]);
        }
        "route" => {
            if event["type"] != "unicast" {
                line += &format!("{} ", text(&event["type"]));
            }
            line += &match event["destination_prefix"].as_u64() {
                Some(0) => "default".to_string(),
                _ => format!("{}/{}", name("destination"), event["destination_prefix"]),
            };
            if event.get("source").is_some() {
                line += &format!(" from {}/{}", name("source"), event["source_prefix"]);
            }
            let hops = event["nexthops"].as_array().unwrap();
            for hop in hops {
                if hops.len() > 1 {
                    line += " nexthop";
                }
                if let Some(gateway) = hop.get("gateway") {
                    let shown = hop.get("gateway_host").unwrap_or(gateway);
                    line += &format!(" via {}", text(shown));
                }
                if let Some(ifname) = hop.get("ifname") {
                    line += &format!(" dev {}", text(ifname));
                }
            }
            if event["table"] != 254 {
                line += &format!(" table {}", text(&event["table_name"]));
            }
            if let Some(metric) = event.get("metric") {
                line += &format!(" metric {metric}");
            }
        }
        "neigh" => {
            line += &name("address");
            if let Some(lladdr) = event.get("lladdr") {
                line += &format!(" lladdr {}", text(lladdr));
            }
            let states: Vec<String> = event["state_pretty"]
                .as_array()
                .unwrap()
                .iter()
                .map(text)
                .collect();
            let state = if states.is_empty() {
                "NONE".to_string()
            } else {
                states.join(",")
            };
            line += &format!(" dev {} {state}", text(&event["ifname"]));
        }
        other => panic!("unknown event kind {other}"),
    }
    line
}

#[test]
fn events_in_order_until_a_signal() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        panic!("this test needs root: it builds a network namespace");
    }
    let ns = Namespace::new("monitor", HOSTS);
    let mut numeric = Monitor::start(&ns, &["--netlink", "-n"]);
    let mut named = Monitor::start(&ns, &["--netlink", "-c"]);
    let mut json = Monitor::start(&ns, &["--netlink", "--json"]);
    let marker = synchronise(&ns, &mut [&mut numeric, &mut named, &mut json]);

    let steps: &[&[&str]] = &[
        &["link", "add", "ifbt", "type", "ifb"],
        &["link", "set", "ifbt", "up"],
        &["addr", "add", "10.9.0.1/24", "dev", "ifbt"],
        &["addr", "add", "fd00:9::1/64", "dev", "ifbt", "nodad"],
        &["route", "add", "192.0.2.0/24", "via", "10.9.0.254"],
        &["route", "add", "2001:db8::/32", "via", "fd00:9::fe"],
        &[
            "neigh",
            "add",
            "10.9.0.9",
            "lladdr",
            "02:00:00:00:00:09",
            "dev",
            "ifbt",
        ],
        &["neigh", "del", "10.9.0.9", "dev", "ifbt"],
        &["route", "del", "192.0.2.0/24"],
        &["addr", "del", "10.9.0.1/24", "dev", "ifbt"],
        &["link", "del", "ifbt"],
    ];
    for step in steps {
        ns.ip(step);
    }
    for monitor in [&mut numeric, &mut named, &mut json] {
        assert!(
            monitor.wait_for("link del ifbt", Duration::from_secs(10)),
            "no deletion seen:\n{}",
            monitor.seen.join("\n")
        );
    }

    // The kernel reports a removed neighbour entry as FAILED, and an interface that is
    // deleted while up goes down first.
    check(
        after(&numeric.seen, &marker),
        &[
            "link new ifbt down",
            "link new ifbt up",
            "addr new ifbt 10.9.0.1/24",
            "addr new ifbt fd00:9::1/64",
            "route new 192.0.2.0/24 via 10.9.0.254 dev ifbt",
            "route new 2001:db8::/32 via fd00:9::fe dev ifbt metric 1024",
            "neigh new 10.9.0.9 lladdr 02:00:00:00:00:09 dev ifbt PERMANENT",
            "neigh del 10.9.0.9 dev ifbt FAILED",
            "route del 192.0.2.0/24 via 10.9.0.254 dev ifbt",
            "addr del ifbt 10.9.0.1/24",
            "link new ifbt down",
            "link del ifbt",
        ],
    );
    let named_lines: &[&str] = &[
        "link new ifbt up",
        "addr new ifbt ifb-host/24",
        "addr new ifbt ifb6/64",
        "route new 192.0.2.0/24 via gateway-host dev ifbt",
        "neigh new neighbour-host lladdr 02:00:00:00:00:09 dev ifbt PERMANENT",
        "addr del ifbt ifb-host/24",
        "link del ifbt",
    ];
    check(after(&named.seen, &marker), named_lines);
    // JSON: one valid document per line, flushed as it happens, the same events.
    check(after(&json.seen, &marker), named_lines);
    common::json::documents("events", (json.documents.join("\n") + "\n").as_bytes());

    assert_eq!(numeric.stop(libc::SIGINT), (Some(0), String::new()));
    assert_eq!(named.stop(libc::SIGTERM), (Some(0), String::new()));
    assert_eq!(json.stop(libc::SIGINT), (Some(0), String::new()));
}
