//! Masqueraded connections (`-M`): the rows of the table, and the tracked
//! connections of today's kernels they are derived from.
//!
//! Linux 2.0/2.2 kept a masquerade table of its own (`/proc/net/ip_masquerade`);
//! since 2.4 source NAT is a property of a connection-tracking entry. Both end
//! up as [`Masquerade`] rows, so one renderer prints either.

use std::net::IpAddr;

/// The protocol of a masqueraded connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// The generic `IP` entry of the 2.2 table (no protocol number).
    AnyIp,
    /// An IP protocol number (6 TCP, 17 UDP, 1 ICMP, ...).
    Number(u8),
}

pub const IPPROTO_ICMP: u8 = 1;
pub const IPPROTO_TCP: u8 = 6;
pub const IPPROTO_UDP: u8 = 17;
pub const IPPROTO_DCCP: u8 = 33;
pub const IPPROTO_GRE: u8 = 47;
pub const IPPROTO_ESP: u8 = 50;
pub const IPPROTO_ICMPV6: u8 = 58;
pub const IPPROTO_SCTP: u8 = 132;
pub const IPPROTO_UDPLITE: u8 = 136;

impl Protocol {
    /// The lower-case name of the `prot` column: 2.10's names for its six
    /// types, the socket listing's names for the protocols conntrack adds,
    /// else the number. IPv4 and IPv6 share the names (ICMPv6 is `icmp`):
    /// the address shows the family, and a fifth letter would run into the
    /// expiry column, which follows without a space.
    pub fn name(self) -> String {
        let name = match self {
            Protocol::AnyIp => "ip",
            Protocol::Number(IPPROTO_TCP) => "tcp",
            Protocol::Number(IPPROTO_UDP) => "udp",
            Protocol::Number(IPPROTO_ICMP | IPPROTO_ICMPV6) => "icmp",
            Protocol::Number(IPPROTO_GRE) => "gre",
            Protocol::Number(IPPROTO_ESP) => "esp",
            Protocol::Number(IPPROTO_SCTP) => "sctp",
            Protocol::Number(IPPROTO_DCCP) => "dccp",
            Protocol::Number(IPPROTO_UDPLITE) => "udpl",
            Protocol::Number(other) => return other.to_string(),
        };
        name.to_string()
    }
}

/// One row of the masquerade table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masquerade {
    pub protocol: Protocol,
    /// Time left, in hundredths of a second.
    pub expires: u64,
    /// The original (inside) source and the destination it talks to.
    pub source: IpAddr,
    pub destination: IpAddr,
    pub source_port: u16,
    pub destination_port: u16,
    /// The port the source was translated to (`Masq` in 2.2).
    pub masq_port: u16,
    /// Sequence-number adjustment of the original direction (data rewritten
    /// by a helper such as FTP's): from which sequence number it applies, the
    /// offset after that point and, where known, the offset before it.
    pub initseq: u64,
    pub delta: i64,
    /// `None` when the 2.2 table had no `PDelta` column (printed as `-`).
    pub prev_delta: Option<i64>,
}

/// The layer-4 part of a conntrack tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ports {
    /// TCP, UDP, UDP-Lite, SCTP, DCCP; GRE keys travel in the same slots.
    Ports { source: u16, destination: u16 },
    /// ICMP and ICMPv6 queries: conntrack keeps the identifier in the source
    /// slot of both directions, and NAT translates it like a source port.
    Icmp { id: u16 },
    /// Protocols without ports (ESP, unknown ones).
    None,
}

/// One direction of a tracked connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuple {
    pub source: IpAddr,
    pub destination: IpAddr,
    pub protocol: u8,
    pub ports: Ports,
}

impl Tuple {
    /// The port (or ICMP identifier) of the side that sent this direction.
    pub fn source_port(&self) -> u16 {
        match self.ports {
            Ports::Ports { source, .. } => source,
            Ports::Icmp { id } => id,
            Ports::None => 0,
        }
    }

    /// The port of the side that receives this direction (0 for ICMP).
    pub fn destination_port(&self) -> u16 {
        match self.ports {
            Ports::Ports { destination, .. } => destination,
            Ports::Icmp { .. } | Ports::None => 0,
        }
    }

    /// In a reply tuple: the port the replies are addressed to, i.e. what
    /// the original source port became (for ICMP the identifier, which
    /// conntrack keeps in the source slot).
    fn returning_port(&self) -> u16 {
        match self.ports {
            Ports::Ports { destination, .. } => destination,
            Ports::Icmp { id } => id,
            Ports::None => 0,
        }
    }
}

/// Sequence-number adjustment of one direction (`CTA_SEQ_ADJ_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeqAdjust {
    pub correction_pos: u32,
    pub offset_before: i32,
    pub offset_after: i32,
}

/// IPS_SRC_NAT: the connection's source was translated.
pub const IPS_SRC_NAT: u32 = 1 << 4;

/// One connection-tracking entry, as far as `-M` needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedConnection {
    pub original: Tuple,
    pub reply: Tuple,
    /// `IPS_*` bits, when the source reports them (netlink does, the
    /// `/proc` text does not).
    pub status: Option<u32>,
    /// Seconds left (absent for offloaded entries).
    pub timeout: Option<u32>,
    pub seq_adjust: Option<SeqAdjust>,
}

impl TrackedConnection {
    /// Whether the kernel translates this connection's source: the status
    /// says so, or the replies go back to another address or port than the
    /// one the connection came from.
    pub fn is_source_nat(&self) -> bool {
        self.status.is_some_and(|s| s & IPS_SRC_NAT != 0)
            || self.reply.destination != self.original.source
            || self.reply.returning_port() != self.original.source_port()
    }

    /// The masquerade row of a source-NATed connection, else `None`.
    pub fn masquerade(&self) -> Option<Masquerade> {
        if !self.is_source_nat() {
            return None;
        }
        let seq = self.seq_adjust.unwrap_or_default();
        Some(Masquerade {
            protocol: Protocol::Number(self.original.protocol),
            expires: u64::from(self.timeout.unwrap_or(0)) * 100,
            source: self.original.source,
            destination: self.original.destination,
            source_port: self.original.source_port(),
            destination_port: self.original.destination_port(),
            masq_port: self.reply.returning_port(),
            initseq: u64::from(seq.correction_pos),
            delta: i64::from(seq.offset_after),
            prev_delta: Some(i64::from(seq.offset_before)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(src: &str, dst: &str, ports: Ports) -> Tuple {
        Tuple {
            source: src.parse().unwrap(),
            destination: dst.parse().unwrap(),
            protocol: IPPROTO_TCP,
            ports,
        }
    }

    fn ports(source: u16, destination: u16) -> Ports {
        Ports::Ports {
            source,
            destination,
        }
    }

    #[test]
    fn masqueraded_and_plain_connections() {
        let mut c = TrackedConnection {
            original: tuple("10.0.1.2", "10.0.2.2", ports(40000, 80)),
            reply: tuple("10.0.2.2", "10.0.2.1", ports(80, 40000)),
            status: None,
            timeout: Some(120),
            seq_adjust: None,
        };
        let m = c.masquerade().unwrap();
        assert_eq!(m.expires, 12000);
        assert_eq!(
            (m.source_port, m.destination_port, m.masq_port),
            (40000, 80, 40000)
        );
        assert_eq!((m.initseq, m.delta, m.prev_delta), (0, 0, Some(0)));

        // Not translated: the reply goes straight back.
        c.reply = tuple("10.0.2.2", "10.0.1.2", ports(80, 40000));
        assert!(c.masquerade().is_none());
        // Only the port changed.
        c.reply = tuple("10.0.2.2", "10.0.1.2", ports(80, 1024));
        assert_eq!(c.masquerade().unwrap().masq_port, 1024);
        // The status bit alone is enough.
        c.reply = tuple("10.0.2.2", "10.0.1.2", ports(80, 40000));
        c.status = Some(IPS_SRC_NAT);
        assert!(c.masquerade().is_some());
    }

    #[test]
    fn icmp_identifiers_act_as_ports() {
        let mut original = tuple("fd00:1::2", "fd00:2::2", Ports::Icmp { id: 7 });
        original.protocol = IPPROTO_ICMPV6;
        let mut reply = tuple("fd00:2::2", "fd00:2::1", Ports::Icmp { id: 9 });
        reply.protocol = IPPROTO_ICMPV6;
        let c = TrackedConnection {
            original,
            reply,
            status: None,
            timeout: None,
            seq_adjust: None,
        };
        let m = c.masquerade().unwrap();
        assert!(m.source.is_ipv6());
        assert_eq!((m.source_port, m.destination_port, m.masq_port), (7, 0, 9));
        assert_eq!(m.protocol.name(), "icmp");
    }

    #[test]
    fn protocol_names() {
        assert_eq!(Protocol::AnyIp.name(), "ip");
        assert_eq!(Protocol::Number(50).name(), "esp");
        assert_eq!(Protocol::Number(136).name(), "udpl");
        assert_eq!(Protocol::Number(99).name(), "99");
    }
}
