//! The statistics tables of net-tools 2.10 as data (spec §6.5): keys, texts
//! and kinds in their stored order, which is not always sorted. 2.10 looks
//! keys up with a binary search over that order, so some keys are never
//! found; [`lookup`] searches the same way to miss the same keys.

use Kind::*;

/// What an entry does when its counter turns up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A configuration value (`DefaultTTL`, `Forwarding`, `RtoAlgorithm`): never printed.
    Static,
    /// An entry with an empty text (`MaxConn`, `RtoMin`, `RtoMax`): never printed.
    Hidden,
    /// Printed even when 0.
    Always,
    /// Printed when not 0.
    NonZero,
    /// A line of the ICMP input histogram (printed when not 0, under its title).
    InputHistogram,
    /// A line of the ICMP output histogram.
    OutputHistogram,
}

/// One table entry: the kernel's counter name, the text with `%llu` where the
/// value goes, and the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: &'static str,
    pub text: &'static str,
    pub kind: Kind,
}

const fn e(key: &'static str, text: &'static str, kind: Kind) -> Entry {
    Entry { key, text, kind }
}

/// Which `-t`/`-u`/`-w`/`-S` selection shows a known section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Raw,
    Tcp,
    Udp,
    Sctp,
}

/// A section title 2.10 knows, with its table and selection.
#[derive(Debug, Clone, Copy)]
pub struct KnownSection {
    pub title: &'static str,
    pub table: &'static [Entry],
    pub group: Group,
}

const fn known(title: &'static str, table: &'static [Entry], group: Group) -> KnownSection {
    KnownSection {
        title,
        table,
        group,
    }
}

/// The sections of `/proc/net/snmp`, `/proc/net/netstat` and
/// `/proc/net/sctp/snmp` (2.10's `snmptabs`), also used for the `Tcp` section
/// of the IPv6 pass.
pub const IPV4_SECTIONS: &[KnownSection] = &[
    known("Ip", IP, Group::Raw),
    known("Icmp", ICMP, Group::Raw),
    known("Tcp", TCP, Group::Tcp),
    known("Udp", UDP, Group::Udp),
    known("Sctp", SCTP, Group::Sctp),
    known("TcpExt", TCP_EXT, Group::Tcp),
];

/// The sections of `/proc/net/snmp6` (2.10's `snmp6tabs`). The kernel has no
/// `Tcp6` counters, so that entry never matches.
pub const IPV6_SECTIONS: &[KnownSection] = &[
    known("Ip6", IP6, Group::Raw),
    known("Icmp6", ICMP6, Group::Raw),
    known("Udp6", UDP6, Group::Udp),
    known("Tcp6", TCP, Group::Tcp),
];

/// The known section with exactly this title.
pub fn section(sections: &'static [KnownSection], title: &[u8]) -> Option<&'static KnownSection> {
    sections.iter().find(|s| s.title.as_bytes() == title)
}

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

/// `Ip` (Iptab, 19 entries).
pub const IP: &[Entry] = &[
    e("DefaultTTL", "Default TTL is %llu", Static),
    e("Forwarding", "Forwarding is %s", Static),
    e("ForwDatagrams", "%llu forwarded", Always),
    e("FragCreates", "%llu fragments created", NonZero),
    e(
        "FragFails",
        "%llu outgoing packets failed fragmentation",
        NonZero,
    ),
    e("FragOKs", "%llu outgoing packets fragmented ok", NonZero),
    e("InAddrErrors", "%llu with invalid addresses", NonZero),
    e("InDelivers", "%llu incoming packets delivered", Always),
    e("InDiscards", "%llu incoming packets discarded", Always),
    e("InHdrErrors", "%llu with invalid headers", NonZero),
    e("InReceives", "%llu total packets received", Always),
    e("InUnknownProtos", "%llu with unknown protocol", NonZero),
    e("OutDiscards", "%llu outgoing packets dropped", NonZero),
    e(
        "OutNoRoutes",
        "%llu dropped because of missing route",
        NonZero,
    ),
    e("OutRequests", "%llu requests sent out", Always),
    e("ReasmFails", "%llu packet reassemblies failed", NonZero),
    e("ReasmOKs", "%llu packets reassembled ok", NonZero),
    e("ReasmReqds", "%llu reassemblies required", NonZero),
    e(
        "ReasmTimeout",
        "%llu fragments dropped after timeout",
        NonZero,
    ),
];

/// `Ip6` (Ip6tab, 22 entries).
pub const IP6: &[Entry] = &[
    e("Ip6FragCreates", "%llu fragments created", NonZero),
    e(
        "Ip6FragFails",
        "%llu outgoing packets failed fragmentation",
        NonZero,
    ),
    e("Ip6FragOKs", "%llu outgoing packets fragmented ok", NonZero),
    e("Ip6InAddrErrors", "%llu with invalid addresses", NonZero),
    e("Ip6InDelivers", "%llu incoming packets delivered", Always),
    e("Ip6InDiscards", "%llu incoming packets discarded", Always),
    e("Ip6InHdrErrors", "%llu with invalid headers", NonZero),
    e("Ip6InMcastPkts", "%llu incoming multicast packets", NonZero),
    e(
        "Ip6InNoRoutes",
        "%llu incoming packets with no route",
        NonZero,
    ),
    e("Ip6InReceives", "%llu total packets received", Always),
    e("Ip6InTooBigErrors", "%llu with packets too big", NonZero),
    e("Ip6InTruncatedPkts", "%llu with truncated packets", NonZero),
    e("Ip6InUnknownProtos", "%llu with unknown protocol", NonZero),
    e("Ip6OutDiscards", "%llu outgoing packets dropped", NonZero),
    e("Ip6OutForwDatagrams", "%llu forwarded", Always),
    e(
        "Ip6OutMcastPkts",
        "%llu outgoing multicast packets",
        NonZero,
    ),
    e(
        "Ip6OutNoRoutes",
        "%llu dropped because of missing route",
        NonZero,
    ),
    e("Ip6OutRequests", "%llu requests sent out", Always),
    e("Ip6ReasmFails", "%llu packet reassemblies failed", NonZero),
    e("Ip6ReasmOKs", "%llu packets reassembled ok", NonZero),
    e("Ip6ReasmReqds", "%llu reassemblies required", NonZero),
    e(
        "Ip6ReasmTimeout",
        "%llu fragments dropped after timeout",
        NonZero,
    ),
];

/// `Icmp` (Icmptab, 26 entries).
pub const ICMP: &[Entry] = &[
    e(
        "InAddrMaskReps",
        "address mask replies: %llu",
        InputHistogram,
    ),
    e("InAddrMasks", "address mask request: %llu", InputHistogram),
    e(
        "InDestUnreachs",
        "destination unreachable: %llu",
        InputHistogram,
    ),
    e("InEchoReps", "echo replies: %llu", InputHistogram),
    e("InEchos", "echo requests: %llu", InputHistogram),
    e("InErrors", "%llu input ICMP message failed", Always),
    e("InMsgs", "%llu ICMP messages received", Always),
    e("InParmProbs", "wrong parameters: %llu", InputHistogram),
    e("InRedirects", "redirects: %llu", InputHistogram),
    e("InSrcQuenchs", "source quenches: %llu", InputHistogram),
    e("InTimeExcds", "timeout in transit: %llu", InputHistogram),
    e("InTimestampReps", "timestamp reply: %llu", InputHistogram),
    e("InTimestamps", "timestamp request: %llu", InputHistogram),
    e(
        "OutAddrMaskReps",
        "address mask replies: %llu",
        OutputHistogram,
    ),
    e(
        "OutAddrMasks",
        "address mask requests: %llu",
        OutputHistogram,
    ),
    e(
        "OutDestUnreachs",
        "destination unreachable: %llu",
        OutputHistogram,
    ),
    e("OutEchoReps", "echo replies: %llu", OutputHistogram),
    e("OutEchos", "echo requests: %llu", OutputHistogram),
    e("OutErrors", "%llu ICMP messages failed", Always),
    e("OutMsgs", "%llu ICMP messages sent", Always),
    e("OutParmProbs", "wrong parameters: %llu", OutputHistogram),
    e("OutRedirects", "redirect: %llu", OutputHistogram),
    e("OutSrcQuenchs", "source quench: %llu", OutputHistogram),
    e("OutTimeExcds", "time exceeded: %llu", OutputHistogram),
    e(
        "OutTimestampReps",
        "timestamp replies: %llu",
        OutputHistogram,
    ),
    e("OutTimestamps", "timestamp requests: %llu", OutputHistogram),
];

/// `Icmp6` (Icmp6tab, 31 entries). The `Icmp6OutRouterAdvertisements ` key really ends with a space.
pub const ICMP6: &[Entry] = &[
    e(
        "Icmp6InDestUnreachs",
        "destination unreachable: %llu",
        InputHistogram,
    ),
    e("Icmp6InEchoReplies", "echo replies: %llu", InputHistogram),
    e("Icmp6InEchos", "echo requests: %llu", InputHistogram),
    e("Icmp6InErrors", "%llu input ICMP message failed", Always),
    e(
        "Icmp6InGroupMembQueries",
        "group member queries: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InGroupMembReductions",
        "group member reductions: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InGroupMembResponses",
        "group member responses: %llu",
        InputHistogram,
    ),
    e("Icmp6InMsgs", "%llu ICMP messages received", Always),
    e(
        "Icmp6InNeighborAdvertisements",
        "neighbour advertisement: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InNeighborSolicits",
        "neighbour solicits: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InParmProblems",
        "parameter problem: %llu",
        InputHistogram,
    ),
    e("Icmp6InPktTooBigs", "packets too big: %llu", InputHistogram),
    e("Icmp6InRedirects", "redirects: %llu", InputHistogram),
    e(
        "Icmp6InRouterAdvertisements",
        "router advertisement: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InRouterSolicits",
        "router solicits: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6InTimeExcds",
        "received ICMPv6 time exceeded: %llu",
        InputHistogram,
    ),
    e(
        "Icmp6OutDestUnreachs",
        "destination unreachable: %llu",
        OutputHistogram,
    ),
    e("Icmp6OutEchoReplies", "echo replies: %llu", OutputHistogram),
    e("Icmp6OutEchos", "echo requests: %llu", OutputHistogram),
    e(
        "Icmp6OutGroupMembQueries",
        "group member queries: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutGroupMembReductions",
        "group member reductions: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutGroupMembResponses",
        "group member responses: %llu",
        OutputHistogram,
    ),
    e("Icmp6OutMsgs", "%llu ICMP messages sent", Always),
    e(
        "Icmp6OutNeighborAdvertisements",
        "neighbor advertisements: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutNeighborSolicits",
        "neighbor solicits: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutParmProblems",
        "parameter problem: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutPktTooBigs",
        "packets too big: %llu",
        OutputHistogram,
    ),
    e("Icmp6OutRedirects", "redirects: %llu", OutputHistogram),
    e(
        "Icmp6OutRouterAdvertisements ",
        "router advertisement: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutRouterSolicits",
        "router solicits: %llu",
        OutputHistogram,
    ),
    e(
        "Icmp6OutTimeExcds",
        "sent ICMPv6 time exceeded: %llu",
        OutputHistogram,
    ),
];

/// `Tcp` and `Tcp6` (Tcptab, 14 entries).
pub const TCP: &[Entry] = &[
    e("ActiveOpens", "%llu active connection openings", Always),
    e("AttemptFails", "%llu failed connection attempts", Always),
    e("CurrEstab", "%llu connections established", Always),
    e("EstabResets", "%llu connection resets received", Always),
    e("InErrs", "%llu bad segments received", Always),
    e("InSegs", "%llu segments received", Always),
    e("MaxConn", "", Hidden),
    e("OutRsts", "%llu resets sent", Always),
    e("OutSegs", "%llu segments sent out", Always),
    e("PassiveOpens", "%llu passive connection openings", Always),
    e("RetransSegs", "%llu segments retransmitted", Always),
    e("RtoAlgorithm", "RTO algorithm is %s", Static),
    e("RtoMax", "", Hidden),
    e("RtoMin", "", Hidden),
];

/// `Udp` (Udptab, 6 entries).
pub const UDP: &[Entry] = &[
    e("InDatagrams", "%llu packets received", Always),
    e("InErrors", "%llu packet receive errors", Always),
    e("NoPorts", "%llu packets to unknown port received", Always),
    e("OutDatagrams", "%llu packets sent", Always),
    e("RcvbufErrors", "%llu receive buffer errors", Always),
    e("SndbufErrors", "%llu send buffer errors", Always),
];

/// `Udp6` (Udp6tab, 4 entries).
pub const UDP6: &[Entry] = &[
    e("Udp6InDatagrams", "%llu packets received", Always),
    e("Udp6InErrors", "%llu packet receive errors", Always),
    e(
        "Udp6NoPorts",
        "%llu packets to unknown port received",
        Always,
    ),
    e("Udp6OutDatagrams", "%llu packets sent", Always),
];

/// `TcpExt` (Tcpexttab, 67 entries; not sorted, so 16 keys are never found).
pub const TCP_EXT: &[Entry] = &[
    e(
        "DelayedACKLocked",
        "%llu delayed acks further delayed because of locked socket",
        NonZero,
    ),
    e(
        "DelayedACKLost",
        "Quick ack mode was activated %llu times",
        NonZero,
    ),
    e("DelayedACKs", "%llu delayed acks sent", NonZero),
    e(
        "EmbryonicRsts",
        "%llu resets received for embryonic SYN_RECV sockets",
        NonZero,
    ),
    e(
        "ListenDrops",
        "%llu SYNs to LISTEN sockets dropped",
        NonZero,
    ),
    e(
        "ListenOverflows",
        "%llu times the listen queue of a socket overflowed",
        NonZero,
    ),
    e(
        "LockDroppedIcmps",
        "%llu ICMP packets dropped because socket was locked",
        NonZero,
    ),
    e(
        "OfoPruned",
        "%llu packets dropped from out-of-order queue because of socket buffer overrun",
        NonZero,
    ),
    e(
        "OutOfWindowIcmps",
        "%llu ICMP packets dropped because they were out-of-window",
        NonZero,
    ),
    e(
        "PAWSActive",
        "%llu active connections rejected because of time stamp",
        NonZero,
    ),
    e(
        "PAWSEstab",
        "%llu packets rejected in established connections because of timestamp",
        NonZero,
    ),
    e(
        "PAWSPassive",
        "%llu passive connections rejected because of time stamp",
        NonZero,
    ),
    e(
        "PruneCalled",
        "%llu packets pruned from receive queue because of socket buffer overrun",
        NonZero,
    ),
    e(
        "RcvPruned",
        "%llu packets pruned from receive queue",
        NonZero,
    ),
    e(
        "SockMallocOOM",
        "Ran %llu times out of system memory during packet sending",
        NonZero,
    ),
    e(
        "SyncookiesFailed",
        "%llu invalid SYN cookies received",
        NonZero,
    ),
    e("SyncookiesRecv", "%llu SYN cookies received", NonZero),
    e("SyncookiesSent", "%llu SYN cookies sent", NonZero),
    e(
        "TCPAbortFailed",
        "%llu times unable to send RST due to no memory",
        NonZero,
    ),
    e(
        "TCPAbortOnClose",
        "%llu connections reset due to early user close",
        NonZero,
    ),
    e(
        "TCPAbortOnData",
        "%llu connections reset due to unexpected data",
        NonZero,
    ),
    e(
        "TCPAbortOnLinger",
        "%llu connections aborted after user close in linger timeout",
        NonZero,
    ),
    e(
        "TCPAbortOnMemory",
        "%llu connections aborted due to memory pressure",
        NonZero,
    ),
    e(
        "TCPAbortOnSyn",
        "%llu connections reset due to unexpected SYN",
        NonZero,
    ),
    e(
        "TCPAbortOnTimeout",
        "%llu connections aborted due to timeout",
        NonZero,
    ),
    e(
        "TCPDirectCopyFromBacklog",
        "%llu bytes directly in process context from backlog",
        NonZero,
    ),
    e(
        "TCPDirectCopyFromPrequeue",
        "%llu bytes directly received in process context from prequeue",
        NonZero,
    ),
    e(
        "TCPDSACKOfoRecv",
        "%llu DSACKs for out of order packets received",
        NonZero,
    ),
    e(
        "TCPDSACKOfoSent",
        "%llu DSACKs sent for out of order packets",
        NonZero,
    ),
    e(
        "TCPDSACKOldSent",
        "%llu DSACKs sent for old packets",
        NonZero,
    ),
    e("TCPDSACKRecv", "%llu DSACKs received", NonZero),
    e(
        "TCPDSackUndo",
        "%llu congestion window recovered without slow start using DSACK",
        NonZero,
    ),
    e(
        "TCPDSACKUndo",
        "%llu congestion windows recovered without slow start by DSACK",
        NonZero,
    ),
    e(
        "TCPFACKReorder",
        "Detected reordering %llu times using FACK",
        NonZero,
    ),
    e("TCPFastRetrans", "%llu fast retransmits", NonZero),
    e("TCPForwardRetrans", "%llu forward retransmits", NonZero),
    e(
        "TCPFullUndo",
        "%llu congestion windows fully recovered without slow start",
        NonZero,
    ),
    e("TCPHPAcks", "%llu predicted acknowledgments", NonZero),
    e("TCPHPHits", "%llu packet headers predicted", Always),
    e(
        "TCPHPHitsToUser",
        "%llu packet headers predicted and directly queued to user",
        NonZero,
    ),
    e("TCPLossFailures", "%llu timeouts in loss state", NonZero),
    e("TCPLoss", "%llu TCP data loss events", NonZero),
    e(
        "TCPLossUndo",
        "%llu congestion windows recovered without slow start after partial ack",
        NonZero,
    ),
    e("TCPLostRetransmits", "%llu retransmits lost", NonZero),
    e(
        "TCPMemoryPressures",
        "TCP ran low on memory %llu times",
        NonZero,
    ),
    e(
        "TCPPartialUndo",
        "%llu congestion windows partially recovered using Hoe heuristic",
        NonZero,
    ),
    e(
        "TCPPrequeued",
        "%llu packets directly queued to recvmsg prequeue",
        NonZero,
    ),
    e(
        "TCPPrequeueDropped",
        "%llu packets dropped from prequeue",
        NonZero,
    ),
    e(
        "TCPPureAcks",
        "%llu acknowledgments not containing data payload received",
        NonZero,
    ),
    e(
        "TCPRcvCollapsed",
        "%llu packets collapsed in receive queue due to low socket buffer",
        NonZero,
    ),
    e(
        "TCPRenoFailures",
        "%llu timeouts after reno fast retransmit",
        NonZero,
    ),
    e(
        "TCPRenoRecoveryFailed",
        "%llu reno fast retransmits failed",
        NonZero,
    ),
    e(
        "TCPRenoRecoveryFail",
        "%llu classic Reno fast retransmits failed",
        NonZero,
    ),
    e(
        "TCPRenoRecovery",
        "%llu times recovered from packet loss due to fast retransmit",
        NonZero,
    ),
    e(
        "TCPRenoReorder",
        "Detected reordering %llu times using reno fast retransmit",
        NonZero,
    ),
    e(
        "TCPSackFailures",
        "%llu timeouts after SACK recovery",
        NonZero,
    ),
    e(
        "TCPSackRecoveryFail",
        "%llu SACK retransmits failed",
        NonZero,
    ),
    e(
        "TCPSackRecovery",
        "%llu times recovered from packet loss by selective acknowledgements",
        NonZero,
    ),
    e("TCPSACKReneging", "%llu bad SACK blocks received", NonZero),
    e(
        "TCPSACKReorder",
        "Detected reordering %llu times using SACK",
        NonZero,
    ),
    e(
        "TCPSchedulerFailed",
        "%llu times receiver scheduled too late for direct processing",
        NonZero,
    ),
    e(
        "TCPSlowStartRetrans",
        "%llu retransmits in slow start",
        NonZero,
    ),
    e("TCPTimeouts", "%llu other TCP timeouts", NonZero),
    e(
        "TCPTSReorder",
        "Detected reordering %llu times using time stamp",
        NonZero,
    ),
    e(
        "TWKilled",
        "%llu TCP sockets finished time wait in slow timer",
        NonZero,
    ),
    e(
        "TW",
        "%llu TCP sockets finished time wait in fast timer",
        NonZero,
    ),
    e(
        "TWRecycled",
        "%llu time wait sockets recycled by time stamp",
        NonZero,
    ),
];

/// `Sctp` (Sctptab, 17 entries; two texts end with a space).
pub const SCTP: &[Entry] = &[
    e("SctpAborteds", "%llu Number of Aborteds ", Always),
    e("SctpActiveEstabs", "%llu Active Associations", Always),
    e(
        "SctpChecksumErrors",
        "%llu Number of Packets with invalid Checksum",
        Always,
    ),
    e("SctpCurrEstab", "%llu Current Associations", Always),
    e(
        "SctpFragUsrMsgs",
        "%llu Number of messages fragmented",
        Always,
    ),
    e(
        "SctpInCtrlChunks",
        "%llu Number of control chunks received",
        Always,
    ),
    e(
        "SctpInOrderChunks",
        "%llu Number of ordered chunks received",
        Always,
    ),
    e(
        "SctpInSCTPPacks",
        "%llu Number of SCTP packets received",
        Always,
    ),
    e(
        "SctpInUnorderChunks",
        "%llu Number of Unordered chunks received",
        Always,
    ),
    e(
        "SctpOutCtrlChunks",
        "%llu Number of control chunks sent",
        Always,
    ),
    e(
        "SctpOutOfBlues",
        "%llu Number of Out of Blue packets",
        Always,
    ),
    e(
        "SctpOutOrderChunks",
        "%llu Number of ordered chunks sent",
        Always,
    ),
    e(
        "SctpOutSCTPPacks",
        "%llu Number of SCTP packets sent",
        Always,
    ),
    e(
        "SctpOutUnorderChunks",
        "%llu Number of Unordered chunks sent",
        Always,
    ),
    e("SctpPassiveEstabs", "%llu Passive Associations", Always),
    e(
        "SctpReasmUsrMsgs",
        "%llu Number of messages reassembled ",
        Always,
    ),
    e(
        "SctpShutdowns",
        "%llu Number of Graceful Terminations",
        Always,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn table_sizes_match_the_spec() {
        let sizes: Vec<usize> = [IP, IP6, ICMP, ICMP6, TCP, UDP, UDP6, TCP_EXT, SCTP]
            .iter()
            .map(|t| t.len())
            .collect();
        assert_eq!(sizes, [19, 22, 26, 31, 14, 6, 4, 67, 17]);
    }

    #[test]
    fn printable_texts_have_one_value() {
        for table in [IP, IP6, ICMP, ICMP6, TCP, UDP, UDP6, TCP_EXT, SCTP] {
            for entry in table {
                if !matches!(entry.kind, Static | Hidden) {
                    assert_eq!(entry.text.matches("%llu").count(), 1, "{}", entry.key);
                }
            }
        }
    }
}
