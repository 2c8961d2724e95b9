//! The ICMP tables: `Icmp` and `Icmp6`.

use super::Entry;
use super::Kind::*;
use super::e;

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
