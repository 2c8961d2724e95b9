//! Netlink: a small socket and message codec shared by sock_diag, rtnetlink
//! and ctnetlink readers. Only framing lives here; each protocol decodes its
//! own payloads.

pub mod conntrack;
pub mod netlink_diag;
pub mod packet_diag;
pub mod rtnetlink;
pub mod sock_diag;
pub mod socket;
pub mod vsock_diag;

pub use socket::{Attributes, DumpError, Message, NetlinkSocket};
