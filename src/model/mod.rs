//! Plain row types: what a source hands over, before any name or text.

pub mod details;
pub mod event;
pub mod families;
pub mod group;
pub mod interface;
pub mod legacy;
pub mod masquerade;
pub mod netns;
pub mod route;
pub mod socket;
pub mod stats;

pub use socket::{DiagTags, InetProto, InetSocket, UnixSocket};
pub mod sctp;
