//! Network interfaces as `netstat -i` shows them: the kernel's per-device
//! settings, the counters of `/proc/net/dev`, and IPv6 addresses.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The counters of one `/proc/net/dev` line (every field of the current layout).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InterfaceStats {
    pub rx_bytes: u64,
    pub rx_packets: u64,
    pub rx_errors: u64,
    pub rx_dropped: u64,
    pub rx_fifo: u64,
    pub rx_frame: u64,
    pub rx_compressed: u64,
    pub rx_multicast: u64,
    pub tx_bytes: u64,
    pub tx_packets: u64,
    pub tx_errors: u64,
    pub tx_dropped: u64,
    pub tx_fifo: u64,
    pub collisions: u64,
    pub tx_carrier: u64,
    pub tx_compressed: u64,
}

/// The device's I/O resources (`SIOCGIFMAP`; all zero for virtual devices).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeviceMap {
    pub mem_start: u64,
    pub mem_end: u64,
    pub base_addr: u16,
    pub irq: u8,
    pub dma: u8,
    pub port: u8,
}

/// The IPv4 address of an interface or alias label. The other addresses are
/// `None` when their ioctl failed (2.10 prints `[NONE SET]` then).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Config {
    pub address: Ipv4Addr,
    pub netmask: Option<Ipv4Addr>,
    pub broadcast: Option<Ipv4Addr>,
    pub destination: Option<Ipv4Addr>,
}

/// What the kernel reports about one interface name (ioctls).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InterfaceConfig {
    /// The 16 classic `IFF_*` bits.
    pub flags: u16,
    /// `ARPHRD_*` hardware type.
    pub hw_type: u16,
    /// The first 8 bytes of the hardware address (2.10 copies no more).
    pub hw_addr: [u8; 8],
    /// 0 when unknown.
    pub mtu: i32,
    /// `None` when the kernel did not say.
    pub tx_queue_len: Option<i32>,
    pub map: DeviceMap,
    /// SLIP line settings (0 for every other type).
    pub outfill: i32,
    pub keepalive: i32,
    pub ipv4: Option<Ipv4Config>,
}

/// One row of the interface table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub name: Vec<u8>,
    pub config: InterfaceConfig,
    /// `None` for names that are not in `/proc/net/dev` (alias labels).
    pub stats: Option<InterfaceStats>,
}

/// An IPv6 address of an interface (`/proc/net/if_inet6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inet6Address {
    pub address: Ipv6Addr,
    pub prefix_len: u32,
    /// The kernel's `IPV6_ADDR_*` scope bits.
    pub scope: u32,
}

/// `IFF_*` flag bits (Linux values).
pub mod flags {
    pub const UP: u16 = 0x1;
    pub const BROADCAST: u16 = 0x2;
    pub const DEBUG: u16 = 0x4;
    pub const LOOPBACK: u16 = 0x8;
    pub const POINTOPOINT: u16 = 0x10;
    pub const NOTRAILERS: u16 = 0x20;
    pub const RUNNING: u16 = 0x40;
    pub const NOARP: u16 = 0x80;
    pub const PROMISC: u16 = 0x100;
    pub const ALLMULTI: u16 = 0x200;
    pub const MASTER: u16 = 0x400;
    pub const SLAVE: u16 = 0x800;
    pub const MULTICAST: u16 = 0x1000;
    pub const PORTSEL: u16 = 0x2000;
    pub const AUTOMEDIA: u16 = 0x4000;
    pub const DYNAMIC: u16 = 0x8000;
}
