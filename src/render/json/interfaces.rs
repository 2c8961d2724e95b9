//! Structured `-i`: one `interfaces` row per interface the text lists, with
//! the short table's counters under jc's names (`rx_ok`, `rx_err`, `rx_drp`,
//! `rx_ovr`, `tx_ok`, ..., `flg`) and everything the long format (`-e`)
//! prints, whatever the detail level.

use super::Text;
use crate::model::interface::{Inet6Address, Interface, InterfaceStats, flags};
use crate::render::interfaces::{flag_letters, flag_list, hardware, media_name, scope_list};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug, Serialize)]
pub struct InterfaceView<'a> {
    #[serde(flatten)]
    pub iface: Text<'a>,
    pub mtu: i32,
    /// The `Flg` column.
    pub flg: String,
    /// The numeric `IFF_*` flags and their names.
    pub flags: u16,
    pub flags_pretty: Vec<&'static str>,
    /// Absent for a name `/proc/net/dev` does not list (an alias label).
    #[serde(flatten)]
    pub counters: Option<Counters>,
    /// The IPv4 address, absent when the interface has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inet: Option<Inet>,
    pub inet6: Vec<Inet6>,
    /// The hardware type as the long format names it (`ether`, `loop`, ...).
    pub hw_type: &'static str,
    /// The hardware address as the long format prints it; absent for types
    /// that print none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hw_address: Option<String>,
    /// `null` when the kernel did not say.
    pub txqueuelen: Option<i32>,
    /// SLIP line settings (0 for every other type).
    pub outfill: i32,
    pub keepalive: i32,
    /// The media port, when the interface selects one (`IFF_PORTSEL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<&'static str>,
    pub map: DeviceMap,
}

/// Every counter of the interface's `/proc/net/dev` line, the short
/// table's under jc's names first.
#[derive(Debug)]
pub struct Counters(InterfaceStats);

impl Serialize for Counters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = &self.0;
        let fields = [
            ("rx_ok", s.rx_packets),
            ("rx_err", s.rx_errors),
            ("rx_drp", s.rx_dropped),
            ("rx_ovr", s.rx_fifo),
            ("tx_ok", s.tx_packets),
            ("tx_err", s.tx_errors),
            ("tx_drp", s.tx_dropped),
            ("tx_ovr", s.tx_fifo),
            ("rx_bytes", s.rx_bytes),
            ("rx_frame", s.rx_frame),
            ("rx_compressed", s.rx_compressed),
            ("rx_multicast", s.rx_multicast),
            ("tx_bytes", s.tx_bytes),
            ("tx_carrier", s.tx_carrier),
            ("tx_collisions", s.collisions),
            ("tx_compressed", s.tx_compressed),
        ];
        let mut map = serializer.serialize_map(Some(fields.len()))?;
        for (key, value) in fields {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

/// The `inet` line: `null` where the kernel gave no value (`[NONE SET]`);
/// `broadcast` and `destination` only where the flags make the text print them.
#[derive(Debug, Serialize)]
pub struct Inet {
    pub address: Ipv4Addr,
    pub netmask: Option<Ipv4Addr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<Option<Ipv4Addr>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<Option<Ipv4Addr>>,
}

#[derive(Debug, Serialize)]
pub struct Inet6 {
    pub address: Ipv6Addr,
    pub prefixlen: u32,
    /// The kernel's scope bits (the text's `scopeid`) and their names.
    pub scopeid: u32,
    pub scope: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct DeviceMap {
    pub mem_start: u64,
    pub mem_end: u64,
    pub base_addr: u16,
    pub irq: u8,
    pub dma: u8,
    pub port: u8,
}

impl<'a> InterfaceView<'a> {
    pub fn new(iface: &'a Interface, inet6: &[Inet6Address]) -> Self {
        let c = &iface.config;
        let (hw_type, hw_address) = hardware(c.hw_type, &c.hw_addr);
        InterfaceView {
            iface: Text::new("iface", &iface.name),
            mtu: c.mtu,
            flg: String::from_utf8_lossy(&flag_letters(c.flags)).into_owned(),
            flags: c.flags,
            flags_pretty: flag_list(c.flags),
            counters: iface.stats.map(Counters),
            inet: c.ipv4.map(|v4| Inet {
                address: v4.address,
                netmask: v4.netmask,
                broadcast: (c.flags & flags::BROADCAST != 0).then_some(v4.broadcast),
                destination: (c.flags & flags::POINTOPOINT != 0).then_some(v4.destination),
            }),
            inet6: inet6
                .iter()
                .map(|a| Inet6 {
                    address: a.address,
                    prefixlen: a.prefix_len,
                    scopeid: a.scope,
                    scope: scope_list(a.scope),
                })
                .collect(),
            hw_type,
            hw_address: hw_address.map(|a| String::from_utf8_lossy(&a).into_owned()),
            txqueuelen: c.tx_queue_len,
            outfill: c.outfill,
            keepalive: c.keepalive,
            media: (c.flags & flags::PORTSEL != 0).then(|| media_name(c.map.port)),
            map: DeviceMap {
                mem_start: c.map.mem_start,
                mem_end: c.map.mem_end,
                base_addr: c.map.base_addr,
                irq: c.map.irq,
                dma: c.map.dma,
                port: c.map.port,
            },
        }
    }
}
