//! Host and network names for IPv4 and IPv6 addresses (spec §2.2, §2.3).

use super::ffi;
use super::resolver::{self, Answer};
use crate::render::text::push_u64;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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
        let mut out = Vec::new();
        self.write_ipv4_socket(addr, numeric, &mut out);
        out
    }

    /// [`HostNames::ipv4_socket`], appended to `out`.
    pub fn write_ipv4_socket(&mut self, addr: Ipv4Addr, numeric: bool, out: &mut Vec<u8>) {
        self.write_ipv4(addr, SOCKET_MASK, socket_style(numeric), out);
    }

    /// The general IPv4 routine of spec §2.2. `mask` is the 32-bit word as the C
    /// code holds it in memory (network-order bytes read natively).
    pub fn ipv4(&mut self, addr: Ipv4Addr, mask: u32, style: Ipv4Style) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_ipv4(addr, mask, style, &mut out);
        out
    }

    /// [`HostNames::ipv4`], appended to `out`.
    pub fn write_ipv4(&mut self, addr: Ipv4Addr, mask: u32, style: Ipv4Style, out: &mut Vec<u8>) {
        if style.numeric {
            return push_dotted(out, addr);
        }
        let raw = u32::from_ne_bytes(addr.octets());
        if raw == 0 {
            let text: &[u8] = match (mask, style.default_name) {
                (0, true) => b"default",
                (0, false) => b"*",
                _ => b"0.0.0.0",
            };
            return out.extend_from_slice(text);
        }
        let as_host = (raw & !mask) != 0 || style.force_host;
        let name = self.v4.entry((raw, as_host)).or_insert_with(|| {
            let found = if as_host {
                lookup_host_v4(addr).into_name()
            } else {
                lookup_network(addr)
            };
            found.unwrap_or_else(|| addr.to_string().into_bytes())
        });
        out.extend_from_slice(name);
    }

    /// An IPv6 address as net-tools prints it (spec §2.3), including the
    /// IPv4-mapped shortening. `unspecified` is the text for `::` when not
    /// numeric (`[::]` for sockets; routes may pass `default`).
    pub fn ipv6(&mut self, addr: Ipv6Addr, numeric: bool, unspecified: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_ipv6(addr, numeric, unspecified, &mut out);
        out
    }

    /// [`HostNames::ipv6`], appended to `out`.
    pub fn write_ipv6(
        &mut self,
        addr: Ipv6Addr,
        numeric: bool,
        unspecified: &[u8],
        out: &mut Vec<u8>,
    ) {
        let start = out.len();
        if numeric {
            push_ntop6(out, &addr);
        } else if addr.is_unspecified() {
            out.extend_from_slice(unspecified);
        } else {
            let name = self
                .v6
                .entry(addr)
                .or_insert_with(|| ipv6_text(addr, lookup_host_v6(addr)));
            out.extend_from_slice(name);
        }
        strip_v4_mapped(&addr, out, start);
    }

    /// Resolve, before a socket table is printed, every distinct address of it
    /// that the printing would look up and that is not cached yet, several at
    /// a time (see [`resolver`]). The printing then only reads the cache, so
    /// the text and the order of the rows stay as they were.
    pub fn prefetch_sockets(&mut self, addrs: impl IntoIterator<Item = IpAddr>) {
        let mut seen = HashSet::new();
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for addr in addrs {
            if !seen.insert(addr) {
                continue;
            }
            match addr {
                IpAddr::V4(a) => {
                    let raw = u32::from_ne_bytes(a.octets());
                    // Only host lookups go out concurrently; the rare network
                    // lookups (first octet 0) stay with the printing.
                    if raw & !SOCKET_MASK != 0 && !self.v4.contains_key(&(raw, true)) {
                        v4.push(a);
                    }
                }
                IpAddr::V6(a) => {
                    if !a.is_unspecified() && !self.v6.contains_key(&a) {
                        v6.push(a);
                    }
                }
            }
        }
        let answers = resolver::lookup_all(&v4, |a| lookup_host_v4(*a));
        for (addr, answer) in v4.into_iter().zip(answers) {
            let raw = u32::from_ne_bytes(addr.octets());
            let name = answer
                .into_name()
                .unwrap_or_else(|| addr.to_string().into_bytes());
            self.v4.insert((raw, true), name);
        }
        let answers = resolver::lookup_all(&v6, |a| lookup_host_v6(*a));
        for (addr, answer) in v6.into_iter().zip(answers) {
            self.v6.insert(addr, ipv6_text(addr, answer));
        }
    }
}

fn socket_style(numeric: bool) -> Ipv4Style {
    Ipv4Style {
        numeric,
        ..Ipv4Style::default()
    }
}

/// The text of an IPv6 lookup: the name, or the numeric form when the lookup
/// failed (observed: net-tools 2.10 prints `::1` silently when getnameinfo
/// returns EAI_AGAIN because no name server can be reached).
fn ipv6_text(addr: Ipv6Addr, answer: Answer) -> Vec<u8> {
    answer.into_name().unwrap_or_else(|| ntop6(&addr))
}

impl Answer {
    fn into_name(self) -> Option<Vec<u8>> {
        match self {
            Answer::Name(name) => Some(name),
            Answer::NotFound | Answer::TryAgain => None,
        }
    }
}

/// `inet_ntoa`: dotted quad without leading zeros.
fn push_dotted(out: &mut Vec<u8>, addr: Ipv4Addr) {
    for (i, octet) in addr.octets().into_iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        push_u64(out, u64::from(octet));
    }
}

/// `inet_ntop(AF_INET6)`: glibc's text, which differs from Rust's `Display`
/// for IPv4-compatible addresses (`::1.2.3.4`).
pub fn ntop6(addr: &Ipv6Addr) -> Vec<u8> {
    let mut out = Vec::new();
    push_ntop6(&mut out, addr);
    out
}

fn push_ntop6(out: &mut Vec<u8>, addr: &Ipv6Addr) {
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
        out.extend_from_slice(unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_bytes());
    } else {
        out.extend_from_slice(addr.to_string().as_bytes());
    }
}

/// For `::ffff:a.b.c.d` texts containing a `.`, drop everything up to the last
/// `:` before the first `.` (net-tools' `fix_v4_address`); the text is
/// `out[start..]`.
fn strip_v4_mapped(addr: &Ipv6Addr, out: &mut Vec<u8>, start: usize) {
    if addr.to_ipv4_mapped().is_none() {
        return;
    }
    let text = &out[start..];
    let Some(dot) = text.iter().position(|&b| b == b'.') else {
        return;
    };
    if let Some(colon) = text[..dot].iter().rposition(|&b| b == b':') {
        out.drain(start..start + colon + 1);
    }
}

/// The longest IPv4 host name net-tools prints (its buffer is 128 bytes).
const IPV4_NAME_MAX: usize = 127;

/// `gethostbyaddr(AF_INET)`'s official name, through the reentrant call so
/// that lookups can run concurrently; the same NSS path and answer.
fn lookup_host_v4(addr: Ipv4Addr) -> Answer {
    let octets = addr.octets();
    let mut buf = vec![0 as libc::c_char; 1024];
    loop {
        // SAFETY: all out-pointers are valid; buf is writable for its length;
        // on success h_name points into buf, which outlives the copy.
        unsafe {
            let mut host: libc::hostent = std::mem::zeroed();
            let mut result: *mut libc::hostent = std::ptr::null_mut();
            let mut herr: libc::c_int = 0;
            let rc = ffi::gethostbyaddr_r(
                octets.as_ptr().cast(),
                4,
                libc::AF_INET,
                &mut host,
                buf.as_mut_ptr(),
                buf.len(),
                &mut result,
                &mut herr,
            );
            if rc == libc::ERANGE && buf.len() < 1 << 20 {
                buf.resize(buf.len() * 2, 0);
                continue;
            }
            if rc == 0 && !result.is_null() {
                return ffi::c_bytes((*result).h_name).map_or(Answer::NotFound, |mut name| {
                    // net-tools copies the name into a 128-byte buffer.
                    name.truncate(IPV4_NAME_MAX);
                    Answer::Name(name)
                });
            }
            return if herr == ffi::TRY_AGAIN {
                Answer::TryAgain
            } else {
                Answer::NotFound
            };
        }
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

/// `getnameinfo` without flags (spec §2.3): a name, or the numeric text when
/// there is none; an error only when the lookup itself failed.
fn lookup_host_v6(addr: Ipv6Addr) -> Answer {
    // SAFETY: a zeroed sockaddr_in6 is valid; getnameinfo writes at most
    // host.len() bytes including the NUL.
    unsafe {
        let mut sa: libc::sockaddr_in6 = std::mem::zeroed();
        sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sa.sin6_addr.s6_addr = addr.octets();
        // net-tools' name buffer holds 128 bytes: a longer name does not fit
        // (EAI_OVERFLOW) and the address is printed numerically instead.
        let mut host = [0 as libc::c_char; 128];
        let rc = libc::getnameinfo(
            (&sa as *const libc::sockaddr_in6).cast(),
            std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            0,
        );
        match rc {
            0 => ffi::c_bytes(host.as_ptr()).map_or(Answer::NotFound, Answer::Name),
            libc::EAI_AGAIN => Answer::TryAgain,
            _ => Answer::NotFound,
        }
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
