//! The long format's hardware line: the hardware types compiled into 2.10,
//! their titles and address styles, and the media names of port numbers.

use crate::model::interface::Interface;

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

/// The hardware line: type name, address (for types that print one), queue
/// length and type title.
pub(super) fn hardware_line(out: &mut Vec<u8>, iface: &Interface) {
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
    use crate::model::interface::InterfaceConfig;
    use crate::render::interfaces::test_support::{iface, text};

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
