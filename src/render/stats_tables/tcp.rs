//! The TCP tables: `Tcp` (also serving `Tcp6`) and `TcpExt`.

use super::Entry;
use super::Kind::*;
use super::e;

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

/// `TcpExt` (Tcpexttab, 67 entries; not sorted, so 17 keys are never found).
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
