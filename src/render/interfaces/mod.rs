//! `netstat -i` text (spec §5.2, §5.3): the short table and the long,
//! ifconfig-like blocks of `-e`, in 2.10's exact layout.

mod flags;
mod hardware;
mod long;
mod scope;
mod short;

pub use flags::{flag_letters, flag_list};
pub use hardware::{hardware, media_name};
pub use long::{Inet6Line, byte_unit, long_block};
pub use scope::scope_list;
pub use short::{SHORT_HEADER, TITLE, short_row};

/// Append 2.10's comma list of `names` to `text` and end it as 2.10 does: a
/// trailing `,` becomes `>`, anything else (with no names, the last
/// character already there) is dropped.
fn end_list(text: &mut Vec<u8>, names: Vec<&str>) {
    for name in names {
        text.extend_from_slice(name.as_bytes());
        text.push(b',');
    }
    if text.last() == Some(&b',') {
        text.pop();
        text.push(b'>');
    } else {
        text.pop();
    }
}

/// Builders shared by the tests of the submodules.
#[cfg(test)]
mod test_support {
    use crate::model::interface::{Interface, InterfaceConfig, InterfaceStats};

    pub fn iface(name: &str, config: InterfaceConfig, stats: Option<InterfaceStats>) -> Interface {
        Interface {
            name: name.as_bytes().to_vec(),
            config,
            stats,
        }
    }

    pub fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }
}
