//! Plain row types: what a source hands over, before any name or text.

pub mod group;
pub mod route;
pub mod socket;

pub use socket::{InetProto, InetSocket, UnixSocket};
