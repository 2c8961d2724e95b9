//! Numbers to names: hosts, networks, services, users. The only place that
//! asks the name service; every answer (failures too) is cached.

pub mod ffi;
pub mod hosts;
pub mod resolver;
pub mod services;
pub mod users;

pub use hosts::HostNames;
pub use services::{ServiceList, Services};
pub use users::Users;

/// Every name cache a run uses, created once and kept across `-c` passes
/// (net-tools caches for the life of the process too).
#[derive(Debug, Default)]
pub struct Names {
    pub hosts: HostNames,
    pub services: Services,
    pub users: Users,
}

impl Names {
    pub fn new() -> Self {
        Self::default()
    }
}
