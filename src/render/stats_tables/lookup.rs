//! 2.10's key lookup, faithful to its misses on unsorted tables.

use super::Entry;

/// glibc's `bsearch` with `strcmp` over the stored order: halve the range
/// [lower, upper) around its middle until the key matches or the range is
/// empty. On an unsorted table this misses keys that a sorted one would find.
pub fn lookup(table: &'static [Entry], name: &[u8]) -> Option<&'static Entry> {
    let (mut lower, mut upper) = (0, table.len());
    while lower < upper {
        let middle = (lower + upper) / 2;
        match name.cmp(table[middle].key.as_bytes()) {
            std::cmp::Ordering::Less => upper = middle,
            std::cmp::Ordering::Greater => lower = middle + 1,
            std::cmp::Ordering::Equal => return Some(&table[middle]),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::stats_tables::{ICMP, ICMP6, IP, IP6, SCTP, TCP, TCP_EXT, UDP, UDP6};

    fn missed(table: &'static [Entry]) -> Vec<&'static str> {
        table
            .iter()
            .filter(|entry| lookup(table, entry.key.as_bytes()).is_none())
            .map(|entry| entry.key)
            .collect()
    }

    #[test]
    fn the_binary_search_misses_what_2_10_misses() {
        assert_eq!(missed(IP), ["Forwarding"]);
        assert_eq!(
            missed(TCP_EXT),
            [
                "TCPDirectCopyFromPrequeue",
                "TCPDSACKOfoRecv",
                "TCPDSACKOfoSent",
                "TCPDSACKOldSent",
                "TCPDSACKRecv",
                "TCPDSackUndo",
                "TCPDSACKUndo",
                "TCPLoss",
                "TCPPrequeueDropped",
                "TCPRenoRecoveryFailed",
                "TCPRenoRecoveryFail",
                "TCPSackFailures",
                "TCPSackRecoveryFail",
                "TCPSackRecovery",
                "TCPSACKReneging",
                "TCPTimeouts",
                "TWKilled",
            ]
        );
        for table in [IP6, ICMP, ICMP6, TCP, UDP, UDP6, SCTP] {
            assert!(missed(table).is_empty());
        }
        // The key with a trailing space is "found" only under that spelling.
        assert!(lookup(ICMP6, b"Icmp6OutRouterAdvertisements").is_none());
    }
}
