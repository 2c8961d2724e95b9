//! `/proc/net/atalk_route`, the 2.4-and-older AppleTalk route file
//! (spec §4.5, §8.17).

use super::cstdio::atoi;
use super::fields::is_space;
use super::stdio::c_str;
use crate::model::legacy::DdpRoute;

/// Parse the route file. 2.10 reads it with `fscanf("%ms %ms %ms %ms\n")`,
/// so lines do not matter: the file is a stream of words, the first four are
/// the header, then every four make a route (DEST GW FLAGS DEV) until fewer
/// than four remain. (2.10 crashes when the header has fewer than four
/// words; here that simply leaves no routes.)
pub fn parse_routes(data: &[u8]) -> Vec<DdpRoute> {
    let words: Vec<&[u8]> = data
        .split(|&b| is_space(b))
        .filter(|w| !w.is_empty())
        // A word is printed as a C string: up to its first NUL.
        .map(c_str)
        .collect();
    words
        .get(4..)
        .unwrap_or(&[])
        .chunks_exact(4)
        .map(|w| DdpRoute {
            dest: w[0].to_vec(),
            gateway: w[1].to_vec(),
            flags: atoi(w[2]) as u32,
            device: w[3].to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    #[test]
    fn words_not_lines() {
        let data = b"Target        Router  Flags Dev\nDefault     FF00:01  3     eth0\n1234:56     FF00:01  3\neth0 lonely\n";
        let routes = parse_routes(data);
        assert_eq!(routes.len(), 2);
        assert_eq!(routes[0].dest, b"Default");
        assert_eq!((routes[0].flags, &routes[0].device[..]), (3, &b"eth0"[..]));
        assert_eq!(routes[1].device, b"eth0");
    }

    #[test]
    fn short_and_odd_files() {
        assert!(parse_routes(b"").is_empty());
        assert!(parse_routes(b"Target Router\n").is_empty());
        let routes = parse_routes(b"a b c d\nx\x00y g -1 e\n");
        assert_eq!(routes[0].dest, b"x");
        assert_eq!(routes[0].flags, u32::MAX);
    }

    #[test]
    fn mangled_files_never_panic() {
        let routes = b"Target        Router  Flags Dev\nDefault     FF00:01  3     eth0\n1234:56     FF00:01  3     eth0\n";
        for data in crate::source::proc::mangled(routes, ODD) {
            let _ = parse_routes(&data);
        }
    }
}
