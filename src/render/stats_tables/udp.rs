//! The UDP tables: `Udp` and `Udp6`.

use super::Entry;
use super::Kind::*;
use super::e;

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
