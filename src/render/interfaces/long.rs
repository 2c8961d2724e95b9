//! The long (`-e`) block of `netstat -i` (spec §5.3): ifconfig-like lines of
//! flags, addresses, hardware, media, counters and device map.

use super::flags::flag_names;
use super::hardware::{hardware_line, media_name};
use super::scope::scope_names;
use crate::model::interface::{Interface, flags};
use crate::render::text::name;
use std::net::Ipv4Addr;

/// An IPv6 address line's ready-made parts (the address text comes from the
/// caller, which formats it numerically).
pub struct Inet6Line<'a> {
    pub address: &'a [u8],
    pub prefix_len: u32,
    pub scope: u32,
}

/// The long (`-e`) block of one interface, ending with an empty line.
pub fn long_block(iface: &Interface, inet6: &[Inet6Line]) -> Vec<u8> {
    let c = &iface.config;
    let mut out = Vec::with_capacity(600);
    name(&mut out, &iface.name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(&flag_names(c.flags));
    out.extend_from_slice(format!("  mtu {}", c.mtu).as_bytes());
    if c.outfill != 0 || c.keepalive != 0 {
        out.extend_from_slice(
            format!("  outfill {}  keepalive {}", c.outfill, c.keepalive).as_bytes(),
        );
    }
    out.push(b'\n');

    if let Some(v4) = &c.ipv4 {
        out.extend_from_slice(format!("        inet {}", v4.address).as_bytes());
        out.extend_from_slice(format!("  netmask {}", dotted(v4.netmask)).as_bytes());
        if c.flags & flags::BROADCAST != 0 {
            out.extend_from_slice(format!("  broadcast {}", dotted(v4.broadcast)).as_bytes());
        }
        if c.flags & flags::POINTOPOINT != 0 {
            out.extend_from_slice(format!("  destination {}", dotted(v4.destination)).as_bytes());
        }
        out.push(b'\n');
    }

    for line in inet6 {
        out.extend_from_slice(b"        inet6 ");
        out.extend_from_slice(line.address);
        out.extend_from_slice(
            format!(
                "  prefixlen {}  scopeid 0x{:x}",
                line.prefix_len as i32, line.scope
            )
            .as_bytes(),
        );
        out.extend_from_slice(&scope_names(line.scope));
        out.push(b'\n');
    }

    hardware_line(&mut out, iface);

    if c.flags & flags::PORTSEL != 0 {
        out.extend_from_slice(b"        media ");
        out.extend_from_slice(media_name(c.map.port).as_bytes());
        if c.flags & flags::AUTOMEDIA != 0 {
            out.extend_from_slice(b"autoselect");
        }
        out.push(b'\n');
    }

    if let Some(s) = &iface.stats {
        // Compressed counters exist for the VJ-compressing SLIP types only.
        let compresses = matches!(c.hw_type, 257 | 259);
        out.extend_from_slice(
            format!(
                "        RX packets {}  bytes {} {}\n",
                s.rx_packets,
                s.rx_bytes,
                byte_unit(s.rx_bytes)
            )
            .as_bytes(),
        );
        if compresses {
            out.extend_from_slice(
                format!("        RX compressed:{}\n", s.rx_compressed).as_bytes(),
            );
        }
        out.extend_from_slice(
            format!(
                "        RX errors {}  dropped {}  overruns {}  frame {}\n",
                s.rx_errors, s.rx_dropped, s.rx_fifo, s.rx_frame
            )
            .as_bytes(),
        );
        out.extend_from_slice(
            format!(
                "        TX packets {}  bytes {} {}\n",
                s.tx_packets,
                s.tx_bytes,
                byte_unit(s.tx_bytes)
            )
            .as_bytes(),
        );
        if compresses {
            out.extend_from_slice(
                format!("        TX compressed {}\n", s.tx_compressed).as_bytes(),
            );
        }
        // One space before "overruns": 2.10's text.
        out.extend_from_slice(
            format!(
                "        TX errors {}  dropped {} overruns {}  carrier {}  collisions {}\n",
                s.tx_errors, s.tx_dropped, s.tx_fifo, s.tx_carrier, s.collisions
            )
            .as_bytes(),
        );
    }

    let m = &c.map;
    if m.irq != 0 || m.mem_start != 0 || m.dma != 0 || m.base_addr >= 0x100 {
        out.extend_from_slice(b"        device ");
        if m.irq != 0 {
            out.extend_from_slice(format!("interrupt {}  ", m.irq).as_bytes());
        }
        if m.base_addr >= 0x100 {
            out.extend_from_slice(format!("base 0x{:x}  ", m.base_addr).as_bytes());
        }
        if m.mem_start != 0 {
            out.extend_from_slice(
                format!("memory 0x{:x}-{:x}  ", m.mem_start, m.mem_end).as_bytes(),
            );
        }
        if m.dma != 0 {
            out.extend_from_slice(format!("  dma 0x{:x}", m.dma).as_bytes());
        }
        out.push(b'\n');
    }
    out.push(b'\n');
    out
}

fn dotted(addr: Option<Ipv4Addr>) -> String {
    addr.map_or_else(|| "[NONE SET]".to_string(), |a| a.to_string())
}

/// `(%lu.%lu UNIT)` for a byte count, with 2.10's thresholds (strictly greater
/// than each power of 1024, so 1024 bytes is `1024.0 B`).
pub fn byte_unit(bytes: u64) -> String {
    const UNITS: [(u32, &str); 5] = [
        (50, "PiB"),
        (40, "TiB"),
        (30, "GiB"),
        (20, "MiB"),
        (10, "KiB"),
    ];
    let tenths = if bytes > 1 << 60 {
        return format_tenths(bytes / 115_292_150_460_684_697, "EiB");
    } else {
        bytes * 10
    };
    for (shift, unit) in UNITS {
        if bytes > 1 << shift {
            return format_tenths(tenths >> shift, unit);
        }
    }
    format_tenths(tenths, "B")
}

fn format_tenths(tenths: u64, unit: &str) -> String {
    format!("({}.{} {unit})", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::interface::{DeviceMap, InterfaceConfig, InterfaceStats, Ipv4Config};
    use crate::render::interfaces::test_support::{iface, text};

    #[test]
    fn byte_units() {
        assert_eq!(byte_unit(0), "(0.0 B)");
        assert_eq!(byte_unit(1024), "(1024.0 B)");
        assert_eq!(byte_unit(1025), "(1.0 KiB)");
        assert_eq!(byte_unit(6804), "(6.6 KiB)");
        assert_eq!(byte_unit(1_234_567_890_123), "(1.1 TiB)");
        assert_eq!(byte_unit(1 << 60), "(1024.0 PiB)");
        assert_eq!(byte_unit((1 << 60) + 1), "(1.0 EiB)");
        assert_eq!(byte_unit(u64::MAX), "(16.0 EiB)");
    }

    #[test]
    fn long_block_as_in_b20() {
        let veth = iface(
            "veth0",
            InterfaceConfig {
                flags: 0x1043,
                hw_type: 1,
                hw_addr: [2, 0, 0, 0, 0, 1, 0, 0],
                mtu: 1500,
                tx_queue_len: Some(1000),
                ipv4: Some(Ipv4Config {
                    address: Ipv4Addr::new(10, 1, 2, 3),
                    netmask: Some(Ipv4Addr::new(255, 255, 255, 0)),
                    broadcast: Some(Ipv4Addr::UNSPECIFIED),
                    destination: Some(Ipv4Addr::new(10, 1, 2, 3)),
                }),
                ..Default::default()
            },
            Some(InterfaceStats {
                rx_packets: 7,
                rx_bytes: 570,
                tx_packets: 11,
                tx_bytes: 938,
                ..Default::default()
            }),
        );
        let v6 = [
            Inet6Line {
                address: b"2001:db8::1",
                prefix_len: 64,
                scope: 0,
            },
            Inet6Line {
                address: b"fe80::ff:fe00:1",
                prefix_len: 64,
                scope: 0x20,
            },
        ];
        assert_eq!(
            text(long_block(&veth, &v6)),
            "veth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        \
             inet 10.1.2.3  netmask 255.255.255.0  broadcast 0.0.0.0\n        \
             inet6 2001:db8::1  prefixlen 64  scopeid 0x0<global>\n        \
             inet6 fe80::ff:fe00:1  prefixlen 64  scopeid 0x20<link>\n        \
             ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)\n        \
             RX packets 7  bytes 570 (570.0 B)\n        \
             RX errors 0  dropped 0  overruns 0  frame 0\n        \
             TX packets 11  bytes 938 (938.0 B)\n        \
             TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n"
        );
    }

    #[test]
    fn long_block_tunnel_without_stats_queue_or_netmask() {
        let tun = iface(
            "tun0",
            InterfaceConfig {
                flags: 0x10d1,
                hw_type: 65534,
                mtu: 1500,
                ipv4: Some(Ipv4Config {
                    address: Ipv4Addr::new(10, 9, 9, 1),
                    netmask: None,
                    broadcast: None,
                    destination: Some(Ipv4Addr::new(10, 9, 9, 2)),
                }),
                ..Default::default()
            },
            None,
        );
        assert_eq!(
            text(long_block(&tun, &[])),
            "tun0: flags=4305<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST>  mtu 1500\n        \
             inet 10.9.9.1  netmask [NONE SET]  destination 10.9.9.2\n        \
             unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  (UNSPEC)\n\n"
        );
    }

    #[test]
    fn long_block_slip_media_and_device_map() {
        let slip = iface(
            "sl0",
            InterfaceConfig {
                flags: 0x6011,
                hw_type: 257,
                mtu: 296,
                tx_queue_len: Some(10),
                outfill: 5,
                map: DeviceMap {
                    mem_start: 0xd0000,
                    mem_end: 0xdffff,
                    base_addr: 0x300,
                    irq: 10,
                    dma: 3,
                    port: 2,
                },
                ..Default::default()
            },
            Some(InterfaceStats {
                rx_compressed: 4,
                tx_compressed: 6,
                ..Default::default()
            }),
        );
        assert_eq!(
            text(long_block(&slip, &[])),
            "sl0: flags=24593<UP,POINTOPOINT>  mtu 296  outfill 5  keepalive 0\n        \
             cslip  txqueuelen 10  (VJ Serial Line IP)\n        \
             media 10baseTautoselect\n        \
             RX packets 0  bytes 0 (0.0 B)\n        \
             RX compressed:4\n        \
             RX errors 0  dropped 0  overruns 0  frame 0\n        \
             TX packets 0  bytes 0 (0.0 B)\n        \
             TX compressed 6\n        \
             TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n        \
             device interrupt 10  base 0x300  memory 0xd0000-dffff    dma 0x3\n\n"
        );
    }
}
