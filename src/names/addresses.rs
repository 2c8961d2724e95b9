//! Names to addresses: every address of a host name, for filters that name
//! hosts (`src localhost`), through the system's resolver (getaddrinfo, so
//! `/etc/hosts`, DNS or whatever nsswitch.conf says, as ss resolves them).

use std::net::{IpAddr, ToSocketAddrs};

/// The distinct addresses of `name`, in the resolver's order; `None` when it
/// has none. Only words that look like host names are asked about (letters,
/// digits, `-`, `_`, `.`, at least one letter), so a mistyped address such as
/// `300.1.1.1` is never sent to a name server.
pub fn of_host(name: &str) -> Option<Vec<IpAddr>> {
    let looks_like_a_name = name.bytes().any(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !looks_like_a_name {
        return None;
    }
    let mut addresses: Vec<IpAddr> = Vec::new();
    for found in (name, 0).to_socket_addrs().ok()? {
        if !addresses.contains(&found.ip()) {
            addresses.push(found.ip());
        }
    }
    Some(addresses).filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_are_no_host_names_are_never_looked_up() {
        for word in ["300.1.1.1", "1.2.3", "a b", "fe80::zz", "", "x/8"] {
            assert_eq!(of_host(word), None, "{word}");
        }
    }
}
