//! Numbers to names: hosts, networks, services, users; every answer
//! (failures too) is cached. And host names to addresses, for filters. The
//! only place that asks the name service.

pub mod addresses;
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

/// The names `--json` puts beside numbers: what a lookup found, or `None`
/// when it found nothing (the text then shows the number itself).
impl Names {
    /// The host name of a socket address, as the socket columns look it up.
    pub fn socket_host(&mut self, address: std::net::IpAddr) -> Option<Vec<u8>> {
        if address.is_unspecified() {
            return None;
        }
        let mut shown = Vec::new();
        let mut numeric = Vec::new();
        match address {
            std::net::IpAddr::V4(a) => {
                self.hosts.write_ipv4_socket(a, false, &mut shown);
                self.hosts.write_ipv4_socket(a, true, &mut numeric);
            }
            std::net::IpAddr::V6(a) => {
                self.hosts.write_ipv6(a, false, b"", &mut shown);
                self.hosts.write_ipv6(a, true, b"", &mut numeric);
            }
        }
        found(shown, &numeric)
    }

    /// The host or network name the routing table shows for an IPv4
    /// address under `style` (its `numeric` is ignored). The all-zero
    /// address has no name: its `default` and `*` are not lookups.
    pub fn route_host(
        &mut self,
        address: std::net::Ipv4Addr,
        mask: u32,
        style: hosts::Ipv4Style,
    ) -> Option<Vec<u8>> {
        if address.is_unspecified() {
            return None;
        }
        let shown = self.hosts.ipv4(
            address,
            mask,
            hosts::Ipv4Style {
                numeric: false,
                ..style
            },
        );
        found(shown, address.to_string().as_bytes())
    }

    /// The service name of a port, if its list has one.
    pub fn service(&mut self, port: u16, list: ServiceList) -> Option<Vec<u8>> {
        if port == 0 {
            return None;
        }
        let mut numeric = Vec::new();
        crate::render::text::push_u64(&mut numeric, u64::from(port));
        found(self.services.port(port, list, false), &numeric)
    }

    /// The login name of a uid, if it has one.
    pub fn user(&mut self, uid: i64) -> Option<Vec<u8>> {
        let shown = self.users.name(uid, false);
        found(shown, &self.users.name(uid, true))
    }
}

fn found(shown: Vec<u8>, numeric: &[u8]) -> Option<Vec<u8>> {
    (shown != numeric).then_some(shown)
}
