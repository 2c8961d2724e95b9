//! `dev NAME`: interface names become indexes where a table is read, since
//! an index belongs to one network namespace.

use super::expr::{Device, Expr};
use super::parse::{BadFilter, c_number};
use std::ffi::CString;

/// What a device name this namespace does not have means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// An error, as ss says it (one namespace: the name is a mistake).
    Error,
    /// No socket is on it (`--all-netns`: the device is in other namespaces).
    MatchesNothing,
}

/// `e` with every named device replaced by its index.
pub fn indexes(e: &Expr, absent: Absent) -> Result<Expr, BadFilter> {
    Ok(match e {
        Expr::Dev(Device::Named(name)) => match (index(name), absent) {
            (Ok(index), _) => Expr::Dev(Device::Index(index)),
            (Err(_), Absent::MatchesNothing) => Expr::negate(Expr::True),
            (Err(e), Absent::Error) => return Err(e),
        },
        Expr::Not(a) => Expr::negate(indexes(a, absent)?),
        Expr::And(a, b) => Expr::And(Box::new(indexes(a, absent)?), Box::new(indexes(b, absent)?)),
        Expr::Or(a, b) => Expr::or(indexes(a, absent)?, indexes(b, absent)?),
        other => other.clone(),
    })
}

/// The index of the interface `name` in this thread's network namespace,
/// else `name` read as a number (as ss reads it).
fn index(name: &str) -> Result<u32, BadFilter> {
    let by_name = CString::new(name)
        .ok()
        // SAFETY: a NUL-terminated string that outlives the call.
        .map(|c| unsafe { libc::if_nametoindex(c.as_ptr()) })
        .filter(|&index| index != 0);
    by_name.or_else(|| c_number(name)).ok_or_else(|| BadFilter {
        option: "--filter",
        word: name.to_string(),
        reason: "no such device".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_unknown_devices() {
        let dev = |name: &str| indexes(&Expr::Dev(Device::Named(name.to_string())), Absent::Error);
        assert_eq!(dev("lo").unwrap(), Expr::Dev(Device::Index(1)));
        assert_eq!(dev("7").unwrap(), Expr::Dev(Device::Index(7)));
        assert_eq!(dev("0x10").unwrap(), Expr::Dev(Device::Index(16)));
        let bad = dev("no-such-if0").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "netstat: --filter: `no-such-if0': no such device"
        );
        let nested = Expr::negate(Expr::Dev(Device::Named("3".to_string())));
        assert_eq!(
            indexes(&nested, Absent::Error).unwrap(),
            Expr::negate(Expr::Dev(Device::Index(3)))
        );
        // Across namespaces, a device this one lacks holds no socket here.
        let elsewhere = Expr::Dev(Device::Named("no-such-if0".to_string()));
        assert_eq!(
            indexes(&elsewhere, Absent::MatchesNothing).unwrap(),
            Expr::negate(Expr::True)
        );
    }
}
