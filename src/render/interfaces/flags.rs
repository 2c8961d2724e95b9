//! Interface flags as text: the short table's letters and the long
//! format's `flags=DEC<NAME,...>`.

use super::end_list;
use crate::model::interface::flags;

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
pub(super) fn flag_names(f: u16) -> Vec<u8> {
    let mut text = format!("flags={}<", f as i16).into_bytes();
    if f == 0 {
        text.push(b'>');
    }
    end_list(&mut text, flag_list(f));
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
