//! The IP tables: `Ip` and `Ip6`.

use super::Entry;
use super::Kind::*;
use super::e;

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
