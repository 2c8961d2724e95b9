//! Socket state names for filters: the names netstat prints (`ESTABLISHED`,
//! `TIME_WAIT`, ...) and ss's names and groups (`established`, `time-wait`,
//! `connected`, `bucket`, ...), as bit masks over the kernel's TCP state
//! numbers (bit N is state N, as in sock_diag's `idiag_states`).

pub const ESTABLISHED: u32 = 1;
pub const SYN_SENT: u32 = 2;
pub const SYN_RECV: u32 = 3;
pub const TIME_WAIT: u32 = 6;
pub const CLOSE: u32 = 7;
pub const LISTEN: u32 = 10;

/// Every state a socket can be listed in (1 ESTABLISHED ... 11 CLOSING).
pub const ALL: u32 = 0xffe;

const fn bit(state: u32) -> u32 {
    1 << state
}

/// Each state by the name netstat prints and the one ss prints, in state order.
const NAMES: [(&str, &str); 11] = [
    ("ESTABLISHED", "established"),
    ("SYN_SENT", "syn-sent"),
    ("SYN_RECV", "syn-recv"),
    ("FIN_WAIT1", "fin-wait-1"),
    ("FIN_WAIT2", "fin-wait-2"),
    ("TIME_WAIT", "time-wait"),
    ("CLOSE", "unconnected"),
    ("CLOSE_WAIT", "close-wait"),
    ("LAST_ACK", "last-ack"),
    ("LISTEN", "listening"),
    ("CLOSING", "closing"),
];

/// The mask of a state name or group (case-insensitive), `None` if unknown.
pub fn mask(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let connected = ALL & !(bit(CLOSE) | bit(LISTEN));
    let bucket = bit(SYN_RECV) | bit(TIME_WAIT);
    let group = match name.as_str() {
        "all" => Some(ALL),
        "connected" => Some(connected),
        "synchronized" => Some(connected & !bit(SYN_SENT)),
        "bucket" => Some(bucket),
        "big" => Some(ALL & !bucket),
        // ss's other spellings.
        "close" | "closed" => Some(bit(CLOSE)),
        "syn-rcv" => Some(bit(SYN_RECV)),
        "listen" => Some(bit(LISTEN)),
        _ => None,
    };
    group.or_else(|| {
        NAMES
            .iter()
            .position(|(netstat, ss)| name == netstat.to_ascii_lowercase() || name == *ss)
            .map(|index| bit(index as u32 + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netstat_and_ss_names_name_the_same_states() {
        assert_eq!(mask("ESTABLISHED"), Some(1 << 1));
        assert_eq!(mask("established"), Some(1 << 1));
        assert_eq!(mask("TIME_WAIT"), mask("time-wait"));
        assert_eq!(mask("FIN_WAIT1"), mask("fin-wait-1"));
        assert_eq!(mask("LISTEN"), mask("listening"));
        assert_eq!(mask("CLOSE"), mask("unconnected"));
        assert_eq!(mask("closing"), Some(1 << 11));
        assert_eq!(mask("nonsense"), None);
        assert_eq!(mask(""), None);
    }

    #[test]
    fn groups_are_ss_groups() {
        let connected = mask("connected").unwrap();
        assert_eq!(connected & (1 << LISTEN | 1 << CLOSE), 0);
        assert_ne!(connected & 1 << TIME_WAIT, 0);
        assert_eq!(mask("synchronized").unwrap(), connected & !(1 << SYN_SENT));
        assert_eq!(mask("bucket").unwrap(), 1 << SYN_RECV | 1 << TIME_WAIT);
        assert_eq!(mask("big").unwrap() | mask("bucket").unwrap(), ALL);
        assert_eq!(mask("all"), Some(ALL));
    }
}
