//! The short table of `netstat -i` (spec §5.2): title, header and one row
//! per interface.

use super::flags::flag_letters;
use crate::model::interface::Interface;
use crate::render::text::{left, left_cut, right};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::interface::{InterfaceConfig, InterfaceStats};
    use crate::render::interfaces::test_support::{iface, text};

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
}
