//! Port and protocol numbers to names (spec §2.4).
//!
//! The whole services and protocols databases are read once, on first need.
//! For each number the *last* database entry wins (net-tools prepends to its
//! lists); in the raw list a protocol entry beats a `raw` service.

use super::ffi;
use crate::render::text::push_u64;
use std::collections::HashMap;

/// Which list a port is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceList {
    Tcp,
    Udp,
    /// RAW sockets: the "port" is the IP protocol number.
    Raw,
}

/// Names longer than this are cut (net-tools' fixed buffer).
const MAX_NAME: usize = 63;

#[derive(Debug, Default)]
struct Tables {
    tcp: HashMap<u16, Vec<u8>>,
    udp: HashMap<u16, Vec<u8>>,
    raw_services: HashMap<u16, Vec<u8>>,
    protocols: HashMap<u16, Vec<u8>>,
}

/// The lazily loaded service tables.
#[derive(Debug, Default)]
pub struct Services {
    tables: Option<Tables>,
}

impl Services {
    pub fn new() -> Self {
        Self::default()
    }

    /// The text of a port column: `*` for 0, the number when `numeric` or
    /// unknown, else the name.
    pub fn port(&mut self, port: u16, list: ServiceList, numeric: bool) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_port(port, list, numeric, &mut out);
        out
    }

    /// [`Services::port`], appended to `out`.
    pub fn write_port(&mut self, port: u16, list: ServiceList, numeric: bool, out: &mut Vec<u8>) {
        if port == 0 {
            return out.push(b'*');
        }
        if numeric {
            return push_u64(out, u64::from(port));
        }
        let tables = self.tables.get_or_insert_with(load);
        let found = match list {
            ServiceList::Tcp => tables.tcp.get(&port),
            ServiceList::Udp => tables.udp.get(&port),
            ServiceList::Raw => tables
                .protocols
                .get(&port)
                .or_else(|| tables.raw_services.get(&port)),
        };
        match found {
            Some(name) => out.extend_from_slice(name),
            None => push_u64(out, u64::from(port)),
        }
    }
}

fn load() -> Tables {
    let mut tables = Tables::default();
    // SAFETY: the *ent iterators return static storage valid until the next
    // call; every field is copied before the next call.
    unsafe {
        ffi::setservent(0);
        loop {
            let entry = ffi::getservent();
            if entry.is_null() {
                break;
            }
            let port = u16::from_be((*entry).s_port as u16);
            let (Some(name), Some(proto)) = (
                ffi::c_bytes((*entry).s_name),
                ffi::c_bytes((*entry).s_proto),
            ) else {
                continue;
            };
            let list = match proto.as_slice() {
                b"tcp" => &mut tables.tcp,
                b"udp" => &mut tables.udp,
                b"raw" => &mut tables.raw_services,
                _ => continue,
            };
            list.insert(port, cut(name));
        }
        ffi::endservent();
        ffi::setprotoent(0);
        loop {
            let entry = ffi::getprotoent();
            if entry.is_null() {
                break;
            }
            if let Some(name) = ffi::c_bytes((*entry).p_name) {
                tables.protocols.insert((*entry).p_proto as u16, cut(name));
            }
        }
        ffi::endprotoent();
    }
    tables
}

fn cut(mut name: Vec<u8>) -> Vec<u8> {
    name.truncate(MAX_NAME);
    name
}

/// The port of a service name, as ss reads one in a filter: the TCP entry,
/// else the UDP one (`getservbyname`).
pub fn port_by_name(name: &str) -> Option<u16> {
    let name = std::ffi::CString::new(name).ok()?;
    [c"tcp", c"udp"].iter().find_map(|proto| {
        // SAFETY: both strings are NUL-terminated; the entry is static
        // storage read at once, before any other lookup.
        unsafe {
            let entry = libc::getservbyname(name.as_ptr(), proto.as_ptr());
            (!entry.is_null()).then(|| u16::from_be((*entry).s_port as u16))
        }
    })
}
