//! Host and network names for IPv4 and IPv6 addresses (spec §2.2, §2.3).

use super::ffi;
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The mask that sockets, groups, the route cache, gateways and masquerade rows
/// pass to the IPv4 resolver: the host-order constant 0xffffff00 applied to a
/// network-order word (spec §2.2 step 3, §9 #11, little-endian behaviour).
pub const SOCKET_MASK: u32 = 0xffff_ff00;

/// How an IPv4 address should be turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ipv4Style {
    /// Print numbers only.
    pub numeric: bool,
    /// All-zero address with all-zero mask prints `default` instead of `*`.
    pub default_name: bool,
    /// Always look up as a host, never as a network.
    pub force_host: bool,
}

/// Cached host and network lookups.
#[derive(Debug, Default)]
pub struct HostNames {
    v4: HashMap<(u32, bool), Vec<u8>>,
    v6: HashMap<Ipv6Addr, Vec<u8>>,
}

impl HostNames {
    pub fn new() -> Self {
        Self::default()
    }

    /// An IPv4 address as a socket column shows it: fixed mask, no option bits.
    pub fn ipv4_socket(&mut self, addr: Ipv4Addr, numeric: bool) -> Vec<u8> {
        self.ipv4(
            addr,
            SOCKET_MASK,
            Ipv4Style {
                numeric,
                ..Ipv4Style::default()
            },
        )
    }

    /// The general IPv4 routine of spec §2.2. `mask` is the 32-bit word as the C
    /// code holds it in memory (network-order bytes read natively).
    pub fn ipv4(&mut self, addr: Ipv4Addr, mask: u32, style: Ipv4Style) -> Vec<u8> {
        if style.numeric {
            return addr.to_string().into_bytes();
        }
        let raw = u32::from_ne_bytes(addr.octets());
        if raw == 0 {
            if mask == 0 {
                return if style.default_name {
                    b"default".to_vec()
                } else {
                    b"*".to_vec()
                };
            }
            return b"0.0.0.0".to_vec();
        }
        let as_host = (raw & !mask) != 0 || style.force_host;
        if let Some(name) = self.v4.get(&(raw, as_host)) {
            return name.clone();
        }
        let name = if as_host {
            lookup_host_v4(addr)
        } else {
            lookup_network(addr)
        }
        .unwrap_or_else(|| addr.to_string().into_bytes());
        self.v4.insert((raw, as_host), name.clone());
        name
    }

    /// An IPv6 address as net-tools prints it (spec §2.3), including the
    /// IPv4-mapped shortening. `unspecified` is the text for `::` when not
    /// numeric (`[::]` for sockets; routes may pass `default`).
    pub fn ipv6(&mut self, addr: Ipv6Addr, numeric: bool, unspecified: &[u8]) -> Vec<u8> {
        let text = if numeric {
            ntop6(&addr)
        } else if addr.is_unspecified() {
            unspecified.to_vec()
        } else if let Some(name) = self.v6.get(&addr) {
            name.clone()
        } else {
            let name = lookup_host_v6(addr).unwrap_or_else(|| b"[UNKNOWN]".to_vec());
            self.v6.insert(addr, name.clone());
            name
        };
        strip_v4_mapped(&addr, text)
    }
}

/// `inet_ntop(AF_INET6)`: glibc's text, which differs from Rust's `Display`
/// for IPv4-compatible addresses (`::1.2.3.4`).
pub fn ntop6(addr: &Ipv6Addr) -> Vec<u8> {
    let mut buf = [0 as libc::c_char; 64];
    let octets = addr.octets();
    // SAFETY: the source is 16 bytes of in6_addr, the buffer is larger than
    // INET6_ADDRSTRLEN, and inet_ntop NUL-terminates on success.
    let ok = unsafe {
        !ffi::inet_ntop(
            libc::AF_INET6,
            octets.as_ptr().cast(),
            buf.as_mut_ptr(),
            buf.len() as libc::socklen_t,
        )
        .is_null()
    };
    if ok {
        // SAFETY: inet_ntop wrote a NUL-terminated string into buf.
        unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_bytes()
            .to_vec()
    } else {
        addr.to_string().into_bytes()
    }
}

/// For `::ffff:a.b.c.d` texts containing a `.`, drop everything up to the last
/// `:` before the first `.` (net-tools' `fix_v4_address`).
fn strip_v4_mapped(addr: &Ipv6Addr, text: Vec<u8>) -> Vec<u8> {
    if addr.to_ipv4_mapped().is_none() {
        return text;
    }
    let Some(dot) = text.iter().position(|&b| b == b'.') else {
        return text;
    };
    match text[..dot].iter().rposition(|&b| b == b':') {
        Some(colon) => text[colon + 1..].to_vec(),
        None => text,
    }
}

fn lookup_host_v4(addr: Ipv4Addr) -> Option<Vec<u8>> {
    let octets = addr.octets();
    // SAFETY: gethostbyaddr reads 4 bytes of address; the returned hostent is
    // static storage valid until the next call, and we copy h_name at once.
    unsafe {
        let host = ffi::gethostbyaddr(octets.as_ptr().cast(), 4, libc::AF_INET);
        if host.is_null() {
            return None;
        }
        ffi::c_bytes((*host).h_name)
    }
}

fn lookup_network(addr: Ipv4Addr) -> Option<Vec<u8>> {
    // SAFETY: getnetbyaddr returns static storage or null; copied at once.
    unsafe {
        let net = ffi::getnetbyaddr(u32::from(addr), libc::AF_INET);
        if net.is_null() {
            return None;
        }
        ffi::c_bytes((*net).n_name)
    }
}

fn lookup_host_v6(addr: Ipv6Addr) -> Option<Vec<u8>> {
    // SAFETY: a zeroed sockaddr_in6 is valid; getnameinfo writes at most
    // host.len() bytes including the NUL.
    unsafe {
        let mut sa: libc::sockaddr_in6 = std::mem::zeroed();
        sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sa.sin6_addr.s6_addr = addr.octets();
        let mut host = [0 as libc::c_char; 256];
        let rc = libc::getnameinfo(
            (&sa as *const libc::sockaddr_in6).cast(),
            std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t,
            host.as_mut_ptr(),
            255,
            std::ptr::null_mut(),
            0,
            0,
        );
        if rc != 0 {
            crate::error::warn("getnameinfo failed");
            return None;
        }
        ffi::c_bytes(host.as_ptr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_zero_addresses() {
        let mut names = HostNames::new();
        assert_eq!(
            names.ipv4_socket(Ipv4Addr::new(10, 1, 2, 3), true),
            b"10.1.2.3"
        );
        assert_eq!(names.ipv4_socket(Ipv4Addr::UNSPECIFIED, false), b"0.0.0.0");
        let route = Ipv4Style {
            default_name: true,
            ..Ipv4Style::default()
        };
        assert_eq!(names.ipv4(Ipv4Addr::UNSPECIFIED, 0, route), b"default");
        assert_eq!(
            names.ipv4(Ipv4Addr::UNSPECIFIED, 0, Ipv4Style::default()),
            b"*"
        );
    }

    #[test]
    fn ipv6_text_rules() {
        let mut names = HostNames::new();
        assert_eq!(names.ipv6(Ipv6Addr::UNSPECIFIED, false, b"[::]"), b"[::]");
        assert_eq!(names.ipv6(Ipv6Addr::UNSPECIFIED, true, b"[::]"), b"::");
        let mapped: Ipv6Addr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(names.ipv6(mapped, true, b"[::]"), b"127.0.0.1");
        let compat: Ipv6Addr = "::1.2.3.4".parse().unwrap();
        assert_eq!(ntop6(&compat), b"::1.2.3.4");
    }
}
