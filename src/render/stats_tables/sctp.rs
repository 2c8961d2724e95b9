//! The SCTP table: `Sctp`.

use super::Entry;
use super::Kind::*;
use super::e;

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
