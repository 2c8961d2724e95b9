//! IPv6 address scopes as the long format names them.

use super::end_list;

/// `<compat,global,link,site,host>` from the kernel's scope bits (the list
/// disappears when no name applies).
pub(super) fn scope_names(scope: u32) -> Vec<u8> {
    let mut text = b"<".to_vec();
    end_list(&mut text, scope_list(scope));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes() {
        assert_eq!(scope_names(0), b"<global>");
        assert_eq!(scope_names(0x20), b"<link>");
        assert_eq!(scope_names(0x10), b"<host>");
        assert_eq!(scope_names(0x90), b"<compat,host>");
        assert_eq!(scope_names(0x80), b"<compat,global>");
        assert_eq!(scope_names(0x01), b"");
    }
}
