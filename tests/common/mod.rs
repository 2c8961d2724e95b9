//! The differential test rig: run net-tools' `/usr/bin/netstat` and this crate's `netstat` on the
//! same kernel state (or the same `/proc` fixture tree) and compare stdout, stderr and exit status
//! byte for byte. Include it from a test file with `mod common;`.
//!
//! Live state, one namespace per test file:
//!
//! ```ignore
//! if !common::differential_enabled() {
//!     return;
//! }
//! let mut ns = common::Namespace::new("routes", "127.0.0.1\tlocalhost\n");
//! ns.ip(&["route", "add", "192.0.2.0/24", "dev", "lo"]);
//! ns.start(&["/usr/bin/python3", "holder.py"], None); // waits for its `ready` line
//! common::compare(&ns, &["-rn"], common::Check::EXACT)?; // Err(report) on a difference
//! common::assert_same(&ns, &["-tano"], common::Check::TIMERS);
//! common::assert_same(&ns.as_user(65534), &["-tlp"], common::Check::EXACT); // not as root
//! ```
//!
//! A fixture tree in place of `/proc` (net-tools reads it through a tmpfs mounted on `/proc` in a
//! private mount namespace, ours through `PROC_ROOT`):
//!
//! ```ignore
//! let tree = common::Tree::new("ax25");
//! tree.file("ax25", "...").file("ax25_route", "...");
//! common::assert_same(&tree.fixture(), &["-A", "ax25"], common::Check::EXACT);
//! ```
//!
//! Both programs always run with argv[0] `netstat`, an empty environment apart from
//! `PATH` and `LC_ALL=C`, and a time limit. The usage lines of the options this program adds
//! (the one deliberate difference in the usage text) are removed from our output before comparing.

// Every test file uses a different part of the rig; the rest would warn in that crate.
#![allow(dead_code, unused_imports)]

mod compare;
mod continuous;
mod diff;
mod fixture;
pub mod invocations;
pub mod json;
pub mod known_sockets;
mod namespace;
pub mod run;
mod source;
pub mod tree;

pub use compare::{
    Check, Normaliser, assert_no_differences, assert_same, compare, compare_each, normalise_timers,
};
pub use continuous::TwoPasses;
pub use fixture::Fixture;
pub use namespace::{AsUser, Namespace};
pub use run::{Outcome, Program, Runner, differential_enabled, python};
pub use source::{SOURCES, WithSource};
pub use tree::Tree;
