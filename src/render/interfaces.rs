//! `netstat -i` text (spec §5.2, §5.3): the short table and the long,
//! ifconfig-like blocks of `-e`, in 2.10's exact layout.

use super::text::{left, left_cut, name, right};
use crate::model::interface::{Interface, flags};
use std::net::Ipv4Addr;

/// The title, printed once per run (not again on later `-c` passes).
pub const TITLE: &[u8] = b"Kernel Interface table\n";

/// The column header of the short table.
pub const SHORT_HEADER: &[u8] =
    b"Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";

/// One row of the short table.
pub fn short_row(iface: &Interface) -> Vec<u8> {
    let mut line = Vec::with_capacity(100);
    left_cut(&mut line, &iface.name, 15);
    line.push(b' ');
    right(&mut line, iface.config.mtu.to_string().as_bytes(), 5);
    line.push(b' ');
    match &iface.stats {
        Some(s) => {
            for (value, width) in [(s.rx_packets, 8), (s.rx_errors, 6), (s.rx_dropped, 6)] {
                right(&mut line, value.to_string().as_bytes(), width);
                line.push(b' ');
            }
            // RX-OVR is left-aligned in 2.10.
            left(&mut line, s.rx_fifo.to_string().as_bytes(), 6);
            line.push(b' ');
            for (value, width) in [
                (s.tx_packets, 8),
                (s.tx_errors, 6),
                (s.tx_dropped, 6),
                (s.tx_fifo, 6),
            ] {
                right(&mut line, value.to_string().as_bytes(), width);
                line.push(b' ');
            }
        }
        None => left(&mut line, b"     - no statistics available -", 56),
    }
    line.extend_from_slice(&flag_letters(iface.config.flags));
    line.push(b'\n');
    line
}

/// The `Flg` column: one letter per flag (`P` serves both PROMISC and
/// POINTOPOINT), or `[NO FLAGS]`.
pub fn flag_letters(f: u16) -> Vec<u8> {
    if f == 0 {
        return b"[NO FLAGS]".to_vec();
    }
    const LETTERS: [(u16, u8); 14] = [
        (flags::ALLMULTI, b'A'),
        (flags::BROADCAST, b'B'),
        (flags::DEBUG, b'D'),
        (flags::LOOPBACK, b'L'),
        (flags::MULTICAST, b'M'),
        (flags::DYNAMIC, b'd'),
        (flags::PROMISC, b'P'),
        (flags::NOTRAILERS, b'N'),
        (flags::NOARP, b'O'),
        (flags::POINTOPOINT, b'P'),
        (flags::SLAVE, b's'),
        (flags::MASTER, b'm'),
        (flags::RUNNING, b'R'),
        (flags::UP, b'U'),
    ];
    LETTERS
        .iter()
        .filter(|(bit, _)| f & bit != 0)
        .map(|&(_, letter)| letter)
        .collect()
}

/// `flags=DEC<NAME,...>`: the value as a signed 16-bit number, then the
/// names. With no flag at all this is `flags=0<` and with only unnamed flags
/// `flags=8192`: 2.10 ends the list by replacing a trailing `,` with `>` or
/// else deleting the last character.
fn flag_names(f: u16) -> Vec<u8> {
    let mut text = format!("flags={}<", f as i16).into_bytes();
    if f == 0 {
        text.push(b'>');
    }
    for name in flag_list(f) {
        text.extend_from_slice(name.as_bytes());
        text.push(b',');
    }
    close_list(&mut text);
    text
}

/// The names of the set flags, in the order of the long format's list.
pub fn flag_list(f: u16) -> Vec<&'static str> {
    const NAMES: [(u16, &str); 14] = [
        (flags::UP, "UP"),
        (flags::BROADCAST, "BROADCAST"),
        (flags::DEBUG, "DEBUG"),
        (flags::LOOPBACK, "LOOPBACK"),
        (flags::POINTOPOINT, "POINTOPOINT"),
        (flags::NOTRAILERS, "NOTRAILERS"),
        (flags::RUNNING, "RUNNING"),
        (flags::NOARP, "NOARP"),
        (flags::PROMISC, "PROMISC"),
        (flags::ALLMULTI, "ALLMULTI"),
        (flags::SLAVE, "SLAVE"),
        (flags::MASTER, "MASTER"),
        (flags::MULTICAST, "MULTICAST"),
        (flags::DYNAMIC, "DYNAMIC"),
    ];
    NAMES
        .into_iter()
        .filter(|(bit, _)| f & bit != 0)
        .map(|(_, name)| name)
        .collect()
}

/// 2.10's list ending: a trailing `,` becomes `>`, anything else is dropped.
fn close_list(text: &mut Vec<u8>) {
    if text.last() == Some(&b',') {
        text.pop();
        text.push(b'>');
    } else {
        text.pop();
    }
}

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

/// `<compat,global,link,site,host>` from the kernel's scope bits (the list
/// disappears when no name applies).
fn scope_names(scope: u32) -> Vec<u8> {
    let mut text = b"<".to_vec();
    for name in scope_list(scope) {
        text.extend_from_slice(name.as_bytes());
        text.push(b',');
    }
    close_list(&mut text);
    text
}

/// The scope names of the kernel's scope bits, in the text's order.
pub fn scope_list(scope: u32) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut rest = scope;
    if rest & 0x80 != 0 {
        names.push("compat");
        rest -= 0x80;
    }
    if rest == 0 {
        names.push("global");
    }
    for (bit, name) in [(0x20, "link"), (0x40, "site"), (0x10, "host")] {
        if rest & bit != 0 {
            names.push(name);
        }
    }
    names
}

/// The media names of `SIOCGIFMAP` port numbers; past the table 2.10 reads
/// its terminating null entry and prints `(null)`.
pub fn media_name(port: u8) -> &'static str {
    const PORTS: [&str; 7] = [
        "unknown",
        "10base2",
        "10baseT",
        "AUI",
        "100baseT",
        "100baseTX",
        "100baseFX",
    ];
    PORTS.get(usize::from(port)).copied().unwrap_or("(null)")
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

/// The hardware line: type name, address (for types that print one), queue
/// length and type title.
fn hardware_line(out: &mut Vec<u8>, iface: &Interface) {
    let c = &iface.config;
    let hw = hardware_type(c.hw_type);
    out.extend_from_slice(b"        ");
    out.extend_from_slice(hw.name.as_bytes());
    if let Some(address) = hardware_address(hw.address, &c.hw_addr) {
        out.push(b' ');
        out.extend_from_slice(&address);
    }
    if let Some(len) = c.tx_queue_len {
        out.extend_from_slice(format!("  txqueuelen {len}").as_bytes());
    }
    out.extend_from_slice(format!("  ({})\n", hw.title).as_bytes());
}

/// The hardware type's name (`ether`, `loop`, ...) and its address as the
/// long format prints it (`None` for types that print none).
pub fn hardware(hw_type: u16, address: &[u8; 8]) -> (&'static str, Option<Vec<u8>>) {
    let hw = hardware_type(hw_type);
    (hw.name, hardware_address(hw.address, address))
}

/// How a hardware type prints its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressStyle {
    /// The type prints no address.
    None,
    /// An address printer that returns an empty text (IPIP tunnels).
    Empty,
    /// `%02x:` × 6 (Ethernet).
    EtherLower,
    /// `%02X:` × 6 (HIPPI).
    ColonUpper6,
    /// `%02X-` × 6 (FDDI).
    DashUpper6,
    /// `%02X` of one byte (ARCnet).
    OneByte,
    /// An AX.25 callsign with `-SSID` (AX.25, NET/ROM).
    Callsign,
    /// `%02x` × 5 (ROSE).
    Rose,
    /// The first two bytes as a signed number (Frame Relay DLCI).
    Dlci,
    /// Four bytes reversed, `%02x:` (IrDA).
    Irda,
    /// The bytes as text (X.25).
    Text,
    /// `%02X:` × 8 (EUI-64).
    Eui64,
    /// `[` + `%x` per byte up to a 0xc9/0xff byte + `]`, nothing when all zero (Ash).
    Ash,
    /// `%02X-` × 16 (unknown types).
    Unspec,
}

struct HardwareType {
    name: &'static str,
    title: &'static str,
    address: AddressStyle,
}

/// The hardware types compiled into the Debian 2.10 binary (spec §5.3).
fn hardware_type(arphrd: u16) -> HardwareType {
    use AddressStyle::*;
    let (name, title, address) = match arphrd {
        772 => ("loop", "Local Loopback", None),
        256 => ("slip", "Serial Line IP", None),
        257 => ("cslip", "VJ Serial Line IP", None),
        258 => ("slip6", "6-bit Serial Line IP", None),
        259 => ("cslip6", "VJ 6-bit Serial Line IP", None),
        264 => ("adaptive", "Adaptive Serial Line IP", None),
        781 => ("ash", "Ash", Ash),
        1 => ("ether", "Ethernet", EtherLower),
        3 => ("ax25", "AMPR AX.25", Callsign),
        0 => ("netrom", "AMPR NET/ROM", Callsign),
        270 => ("rose", "AMPR ROSE", Rose),
        768 => ("tunnel", "IPIP Tunnel", Empty),
        512 => ("ppp", "Point-to-Point Protocol", None),
        513 => ("hdlc", "(Cisco)-HDLC", None),
        516 => ("lapb", "LAPB", None),
        7 => ("arcnet", "ARCnet", OneByte),
        15 => ("dlci", "Frame Relay DLCI", Dlci),
        770 => ("frad", "Frame Relay Access Device", None),
        776 => ("sit", "IPv6-in-IPv4", None),
        774 => ("fddi", "Fiber Distributed Data Interface", DashUpper6),
        780 => ("hippi", "HIPPI", ColonUpper6),
        783 => ("irda", "IrLAP", Irda),
        271 => ("x25", "generic X.25", Text),
        27 => ("eui64", "Generic EUI-64", Eui64),
        _ => ("unspec", "UNSPEC", Unspec),
    };
    HardwareType {
        name,
        title,
        address,
    }
}

/// The address text, or `None` when the type prints none.
fn hardware_address(style: AddressStyle, a: &[u8; 8]) -> Option<Vec<u8>> {
    use AddressStyle::*;
    let joined = |bytes: &[u8], upper: bool, sep: &str| -> Vec<u8> {
        let parts: Vec<String> = bytes
            .iter()
            .map(|b| {
                if upper {
                    format!("{b:02X}")
                } else {
                    format!("{b:02x}")
                }
            })
            .collect();
        parts.join(sep).into_bytes()
    };
    let text = match style {
        None => return Option::None,
        Empty => Vec::new(),
        EtherLower => joined(&a[..6], false, ":"),
        ColonUpper6 => joined(&a[..6], true, ":"),
        DashUpper6 => joined(&a[..6], true, "-"),
        OneByte => format!("{:02X}", a[0]).into_bytes(),
        Callsign => callsign(a),
        Rose => joined(&a[..5], false, ""),
        Dlci => i16::from_ne_bytes([a[0], a[1]]).to_string().into_bytes(),
        Irda => format!("{:02x}:{:02x}:{:02x}:{:02x}", a[3], a[2], a[1], a[0]).into_bytes(),
        Text => a.iter().take_while(|&&b| b != 0).copied().collect(),
        Eui64 => joined(a, true, ":"),
        Ash => {
            if a.iter().all(|&b| b == 0) {
                return Option::None;
            }
            let mut text = b"[".to_vec();
            for b in a.iter().take_while(|&&b| b != 0xc9 && b != 0xff) {
                text.extend_from_slice(format!("{b:x}").as_bytes());
            }
            text.push(b']');
            text
        }
        Unspec => {
            let mut sixteen = [0u8; 16];
            sixteen[..8].copy_from_slice(a);
            joined(&sixteen, true, "-")
        }
    };
    Some(text)
}

/// An AX.25 callsign: six characters shifted left by one bit, ended by a
/// space (or a zero), then `-SSID` when the SSID is not 0.
fn callsign(a: &[u8; 8]) -> Vec<u8> {
    let mut text: Vec<u8> = a[..6]
        .iter()
        .map(|b| b >> 1)
        .take_while(|&c| c != b' ' && c != 0)
        .collect();
    let ssid = (a[6] & 0x1e) >> 1;
    if ssid != 0 {
        text.extend_from_slice(format!("-{ssid}").as_bytes());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::interface::{DeviceMap, InterfaceConfig, InterfaceStats, Ipv4Config};

    fn iface(name: &str, config: InterfaceConfig, stats: Option<InterfaceStats>) -> Interface {
        Interface {
            name: name.as_bytes().to_vec(),
            config,
            stats,
        }
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn short_rows_as_in_b18() {
        let lo = iface(
            "lo",
            InterfaceConfig {
                flags: 0x49,
                mtu: 65536,
                ..Default::default()
            },
            Some(InterfaceStats {
                rx_packets: 89,
                tx_packets: 89,
                ..Default::default()
            }),
        );
        assert_eq!(
            text(short_row(&lo)),
            "lo              65536       89      0      0 0            89      0      0      0 LRU\n"
        );
        let alias = iface(
            "veth0:1",
            InterfaceConfig {
                flags: 0x1043,
                mtu: 1500,
                ..Default::default()
            },
            None,
        );
        assert_eq!(
            text(short_row(&alias)),
            "veth0:1          1500      - no statistics available -                        BMRU\n"
        );
    }

    #[test]
    fn short_rows_cut_names_and_show_every_letter() {
        let odd = iface(
            "abcdefghijklmnopq",
            InterfaceConfig {
                flags: 0xffff,
                mtu: -1,
                ..Default::default()
            },
            Some(InterfaceStats {
                rx_fifo: u64::MAX,
                ..Default::default()
            }),
        );
        assert_eq!(
            text(short_row(&odd)),
            "abcdefghijklmno    -1        0      0      0 18446744073709551615        0      0      0      0 ABDLMdPNOPsmRU\n"
        );
        let none = iface("x", InterfaceConfig::default(), None);
        assert!(text(short_row(&none)).ends_with(" [NO FLAGS]\n"));
    }

    #[test]
    fn flag_lists() {
        assert_eq!(
            flag_names(0x1043),
            b"flags=4163<UP,BROADCAST,RUNNING,MULTICAST>"
        );
        assert_eq!(flag_names(0), b"flags=0<");
        assert_eq!(flag_names(0x2000), b"flags=8192");
        assert_eq!(
            flag_names(0x83a3),
            b"flags=-31837<UP,BROADCAST,NOTRAILERS,NOARP,PROMISC,ALLMULTI,DYNAMIC>"
        );
    }

    #[test]
    fn scopes() {
        assert_eq!(scope_names(0), b"<global>");
        assert_eq!(scope_names(0x20), b"<link>");
        assert_eq!(scope_names(0x10), b"<host>");
        assert_eq!(scope_names(0x90), b"<compat,host>");
        assert_eq!(scope_names(0x80), b"<compat,global>");
        assert_eq!(scope_names(0x01), b"");
    }

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

    #[test]
    fn tunnel_lines() {
        let line = |hw_type, tx_queue_len| {
            let mut out = Vec::new();
            let config = InterfaceConfig {
                hw_type,
                tx_queue_len,
                ..Default::default()
            };
            hardware_line(&mut out, &iface("t", config, None));
            text(out)
        };
        assert_eq!(
            line(768, Some(1000)),
            "        tunnel   txqueuelen 1000  (IPIP Tunnel)\n"
        );
        assert_eq!(
            line(776, Some(1000)),
            "        sit  txqueuelen 1000  (IPv6-in-IPv4)\n"
        );
        assert_eq!(line(772, None), "        loop  (Local Loopback)\n");
        assert_eq!(
            line(778, Some(0)),
            "        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 0  (UNSPEC)\n"
        );
    }

    #[test]
    fn hardware_addresses() {
        use AddressStyle as S;
        let a = [0x96, 0x88, 0xa6, 0xb0, 0x82, 0x66, 0x6f, 0x01];
        let show = |s| hardware_address(s, &a).map(|t| String::from_utf8_lossy(&t).into_owned());
        assert_eq!(show(S::None), None);
        assert_eq!(show(S::Empty).as_deref(), Some(""));
        assert_eq!(show(S::Callsign).as_deref(), Some("KDSXA3-7"));
        assert_eq!(show(S::Rose).as_deref(), Some("9688a6b082"));
        assert_eq!(show(S::DashUpper6).as_deref(), Some("96-88-A6-B0-82-66"));
        assert_eq!(show(S::ColonUpper6).as_deref(), Some("96:88:A6:B0:82:66"));
        assert_eq!(show(S::OneByte).as_deref(), Some("96"));
        assert_eq!(show(S::Irda).as_deref(), Some("b0:a6:88:96"));
        assert_eq!(show(S::Eui64).as_deref(), Some("96:88:A6:B0:82:66:6F:01"));
        assert_eq!(show(S::Dlci).as_deref(), Some("-30570"));
        assert_eq!(show(S::Ash).as_deref(), Some("[9688a6b082666f1]"));
        assert_eq!(hardware_address(S::Ash, &[0; 8]), None);
        assert_eq!(
            hardware_address(S::Text, b"12345\0\0\0").as_deref(),
            Some(&b"12345"[..])
        );
        // A callsign ends at its first space (0x40 << 1).
        assert_eq!(
            hardware_address(S::Callsign, &[0x82, 0x40, 0x84, 0, 0, 0, 0, 0]).as_deref(),
            Some(&b"A"[..])
        );
        assert_eq!(media_name(7), "(null)");
    }
}
