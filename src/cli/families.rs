//! The address-family list of `-A`, `--protocol`, `-4`, `-6`, `-x` and
//! `--<af>` (spec §1.3).

use super::Families;

/// One family flag that an alias sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Inet,
    Inet6,
    Unix,
    Ipx,
    Ax25,
    Netrom,
    X25,
    Rose,
    Ddp,
    Econet,
    Ash,
    Bluetooth,
    Packet,
    Netlink,
    Vsock,
}

impl Families {
    fn flag_mut(&mut self, family: Family) -> &mut bool {
        match family {
            Family::Inet => &mut self.inet,
            Family::Inet6 => &mut self.inet6,
            Family::Unix => &mut self.unix,
            Family::Ipx => &mut self.ipx,
            Family::Ax25 => &mut self.ax25,
            Family::Netrom => &mut self.netrom,
            Family::X25 => &mut self.x25,
            Family::Rose => &mut self.rose,
            Family::Ddp => &mut self.ddp,
            Family::Econet => &mut self.econet,
            Family::Ash => &mut self.ash,
            Family::Bluetooth => &mut self.bluetooth,
            Family::Packet => &mut self.packet,
            Family::Netlink => &mut self.netlink,
            Family::Vsock => &mut self.vsock,
        }
    }
}

/// (alias as typed, name appended to the afname list, flag set): 2.10's,
/// then the families this program adds (names 2.10 rejects).
const ALIASES: [(&str, &str, Family); 19] = [
    ("ax25", "ax25", Family::Ax25),
    ("ip", "inet", Family::Inet),
    ("ip6", "inet6", Family::Inet6),
    ("ipx", "ipx", Family::Ipx),
    ("rose", "rose", Family::Rose),
    ("appletalk", "ddp", Family::Ddp),
    ("netrom", "netrom", Family::Netrom),
    ("inet", "inet", Family::Inet),
    ("inet6", "inet6", Family::Inet6),
    ("ddp", "ddp", Family::Ddp),
    ("unix", "unix", Family::Unix),
    ("tcpip", "inet", Family::Inet),
    ("econet", "ec", Family::Econet),
    ("x25", "x25", Family::X25),
    ("ash", "ash", Family::Ash),
    ("bluetooth", "bluetooth", Family::Bluetooth),
    ("packet", "packet", Family::Packet),
    ("netlink", "netlink", Family::Netlink),
    ("vsock", "vsock", Family::Vsock),
];

/// The names `-A` accepts, in 2.10's order, then ours.
pub fn alias_names() -> impl Iterator<Item = &'static str> {
    ALIASES.iter().map(|(alias, ..)| *alias)
}

/// 2.10 keeps both the argument copy and the comma-separated afname list in
/// 256-byte buffers (NUL included).
const BUFFER_SIZE: usize = 256;

/// How applying a list ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    /// The afname list would have reached 256 bytes: this element and the
    /// rest of the list were dropped ("Too much address family arguments.").
    TooMany,
    /// An element that is no alias (possibly empty): exit 1.
    Unknown(Vec<u8>),
}

/// Apply one comma-separated list left to right, appending mapped names to
/// `afnames` and setting family flags.
pub fn apply(list: &[u8], afnames: &mut Vec<String>, families: &mut Families) -> Outcome {
    // The argument is copied into the buffer first, so it is cut to 255 bytes.
    let list = &list[..list.len().min(BUFFER_SIZE - 1)];
    for element in list.split(|&b| b == b',') {
        let Some((_, name, family)) = ALIASES
            .iter()
            .find(|(alias, ..)| alias.as_bytes() == element)
        else {
            return Outcome::Unknown(element.to_vec());
        };
        // 2.10 counts a comma even for the first name.
        if joined_len(afnames) + name.len() + 1 >= BUFFER_SIZE {
            return Outcome::TooMany;
        }
        *families.flag_mut(*family) = true;
        afnames.push((*name).to_string());
    }
    Outcome::Applied
}

/// The length of the names joined with commas.
fn joined_len(afnames: &[String]) -> usize {
    let names: usize = afnames.iter().map(String::len).sum();
    names + afnames.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lists: &[&str]) -> (Vec<String>, Families, Vec<Outcome>) {
        let mut afnames = Vec::new();
        let mut families = Families::default();
        let outcomes = lists
            .iter()
            .map(|list| apply(list.as_bytes(), &mut afnames, &mut families))
            .collect();
        (afnames, families, outcomes)
    }

    #[test]
    fn aliases_map_in_order_with_duplicates() {
        let (afnames, families, outcomes) = run(&["ip,appletalk,econet,tcpip,ip6", "inet"]);
        assert_eq!(afnames, ["inet", "ddp", "ec", "inet", "inet6", "inet"]);
        assert!(families.inet && families.inet6 && families.ddp && families.econet);
        assert!(!families.unix);
        assert_eq!(outcomes, [Outcome::Applied, Outcome::Applied]);
    }

    #[test]
    fn added_families_follow_2_10s() {
        let (afnames, families, outcomes) = run(&["packet,netlink,unix", "vsock"]);
        assert_eq!(afnames, ["packet", "netlink", "unix", "vsock"]);
        assert!(families.packet && families.netlink && families.vsock && families.unix);
        assert_eq!(outcomes, [Outcome::Applied, Outcome::Applied]);
    }

    #[test]
    fn unknown_and_empty_elements() {
        assert_eq!(run(&["foo"]).2, [Outcome::Unknown(b"foo".to_vec())]);
        assert_eq!(run(&["inet,"]).2, [Outcome::Unknown(Vec::new())]);
        assert_eq!(run(&[""]).2, [Outcome::Unknown(Vec::new())]);
        assert_eq!(run(&["INET"]).2, [Outcome::Unknown(b"INET".to_vec())]);
        assert_eq!(run(&["mptcp"]).2, [Outcome::Unknown(b"mptcp".to_vec())]);
    }

    #[test]
    fn the_argument_is_cut_to_255_bytes() {
        // 25 × "appletalk," is 250 bytes; the 26th element is cut to "apple".
        let list = "appletalk,".repeat(25) + "appletalk";
        assert_eq!(run(&[&list]).2, [Outcome::Unknown(b"apple".to_vec())]);
    }

    #[test]
    fn the_afname_list_stops_short_of_256_bytes() {
        // 51 × "inet" joined is 254 bytes; one more name does not fit.
        let list = vec!["inet"; 51].join(",");
        let (afnames, _, outcomes) = run(&[&list, "inet6,unix", "x25"]);
        assert_eq!(afnames.len(), 51);
        assert_eq!(
            outcomes,
            [Outcome::Applied, Outcome::TooMany, Outcome::TooMany]
        );
        // 50 names (249 bytes) leave room for "x25" (253) but not "inet6" after it.
        let list = vec!["inet"; 50].join(",");
        let (afnames, families, outcomes) = run(&[&list, "x25,inet6,unix"]);
        assert_eq!(afnames.len(), 51);
        assert!(families.x25 && !families.inet6 && !families.unix);
        assert_eq!(outcomes[1], Outcome::TooMany);
    }
}
