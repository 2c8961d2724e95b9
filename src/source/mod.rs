//! Where rows come from: `/proc` files and netlink, per family, with fallback.

mod held_ports;
pub mod interfaces;
pub mod ioctl;
pub mod netlink;
pub mod owners;
pub mod proc;
pub mod sockets;
pub mod unix_memory;
