//! `/proc/net/ipx/socket` (or 2.2's `/proc/net/ipx`) and `/proc/net/ipx/route`
//! (or `/proc/net/ipx_route`) (spec §3.12, §4.5, §8.16).

use super::cstdio::{sscanf, strtoul_hex};
use super::stdio::Fgets;
use crate::model::legacy::{
    IpxAddress, IpxEndpoint, IpxPortMissing, IpxRoute, IpxSocket, IpxTable,
};

/// `fgets(buf, 255, f)` in the socket reader, `fgets(buff, 1023, fp)` in the route reader.
const SOCKET_LINE: usize = 255;
const ROUTE_LINE: usize = 1023;

/// How net-tools' `IPX_input` reads a text (its `type` argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `NETWORK:NODE` (type 0).
    Address,
    /// `NETWORK` alone (type 1).
    Network,
    /// `NODE` alone (type 2).
    Node,
}

/// What 2.10's `ipx_info` carries from one line to the next: the scan
/// result is never checked, so fields a short line lacks keep their old
/// values, and the two address buffers hold the previous row's formatted text.
#[derive(Debug, Default)]
struct Carried {
    local: Vec<u8>,
    remote: Vec<u8>,
    tx_queue: u64,
    rx_queue: u64,
    state: u32,
    uid: u32,
    local_port: u32,
    remote_port: u32,
}

/// Parse the socket file: `LOCAL REMOTE TXQ RXQ STATE UID` per line after the
/// header. A local or remote address without `:port` ends the table there.
pub fn parse_sockets(data: &[u8]) -> IpxTable {
    let mut lines = Fgets::new(data, SOCKET_LINE);
    lines.next_line();
    let mut table = IpxTable {
        rows: Vec::new(),
        error: None,
    };
    let mut carried = Carried::default();
    while let Some(line) = lines.next_line() {
        match socket_row(line, &mut carried) {
            Ok(row) => table.rows.push(row),
            Err(missing) => {
                table.error = Some(missing);
                break;
            }
        }
    }
    table
}

fn socket_row(line: &[u8], c: &mut Carried) -> Result<IpxSocket, IpxPortMissing> {
    let scanned = sscanf(line, "%s %s %lX %lX %u %u");
    if let Some(w) = scanned.word(0) {
        c.local = w.to_vec();
    }
    if let Some(w) = scanned.word(1) {
        c.remote = w.to_vec();
    }
    let numbers = [&mut c.tx_queue, &mut c.rx_queue];
    for (i, slot) in numbers.into_iter().enumerate() {
        if let Some(v) = scanned.ulong(i + 2) {
            *slot = v;
        }
    }
    for (i, slot) in [&mut c.state, &mut c.uid].into_iter().enumerate() {
        if let Some(v) = scanned.ulong(i + 4) {
            *slot = v as u32;
        }
    }
    let local_text = split_port(&mut c.local, &mut c.local_port).ok_or(IpxPortMissing::Source)?;
    let remote_text = if c.remote == b"Not_Connected" {
        None
    } else {
        Some(split_port(&mut c.remote, &mut c.remote_port).ok_or(IpxPortMissing::Destination)?)
    };
    let local = IpxEndpoint {
        address: input(&local_text, Form::Address),
        port: c.local_port as u16,
    };
    let remote = remote_text.map(|text| IpxEndpoint {
        address: input(&text, Form::Address),
        port: c.remote_port as u16,
    });
    // 2.10 formats the addresses back into the same buffers.
    c.local = local.text();
    c.remote = remote
        .as_ref()
        .map_or_else(|| b"-".to_vec(), IpxEndpoint::text);
    Ok(IpxSocket {
        local,
        remote,
        tx_queue: c.tx_queue,
        rx_queue: c.rx_queue,
        state: c.state,
        uid: c.uid,
    })
}

/// Cut `text` at its last `:`; the hex after it (if any) replaces `port`,
/// which is then byte-swapped (2.10's `ntohs` on a host-order number).
/// Returns the address part, or `None` without a `:`.
fn split_port(text: &mut Vec<u8>, port: &mut u32) -> Option<Vec<u8>> {
    let colon = text.iter().rposition(|&b| b == b':')?;
    if let Some(value) = sscanf(&text[colon + 1..], "%X").ulong(0) {
        *port = value as u32;
    }
    *port = u32::from((*port as u16).swap_bytes());
    text.truncate(colon);
    Some(text.clone())
}

/// net-tools' `IPX_input`: a network number (`strtoul` base 16; 0 and
/// FFFFFFFF are refused, leaving everything zero) and, for the full form,
/// a node of six hex pairs after the `:`. Node parsing stops at the first
/// non-hex character, keeping the pairs (and half pair) read so far.
fn input(text: &[u8], form: Form) -> IpxAddress {
    let mut address = IpxAddress::default();
    let node_text = match form {
        Form::Node => text,
        Form::Address | Form::Network => {
            let (network, end) = strtoul_hex(text);
            if network == 0 || network == 0xFFFF_FFFF {
                return address;
            }
            address.network = network as u32;
            match (form, text.get(end)) {
                (Form::Address, Some(b':')) => &text[end + 1..],
                _ => return address,
            }
        }
    };
    let mut digits = node_text.iter().map(|b| (*b as char).to_digit(16));
    for byte in address.node.iter_mut() {
        let Some(Some(high)) = digits.next() else {
            break;
        };
        *byte = (high as u8) << 4;
        let Some(Some(low)) = digits.next() else {
            break;
        };
        *byte |= low as u8;
    }
    address
}

/// Parse the route file: three words per line (network, router network,
/// router node); lines with fewer are skipped. The kernel's
/// `Directly     Connected` rows go through the same hex parsing.
pub fn parse_routes(data: &[u8]) -> Vec<IpxRoute> {
    let mut lines = Fgets::new(data, ROUTE_LINE);
    lines.next_line();
    let mut routes = Vec::new();
    while let Some(line) = lines.next_line() {
        let scanned = sscanf(line, "%s %s %s");
        if let (Some(network), Some(router_net), Some(router_node)) =
            (scanned.word(0), scanned.word(1), scanned.word(2))
        {
            routes.push(IpxRoute {
                network: input(network, Form::Network),
                router_net: input(router_net, Form::Network),
                router_node: input(router_node, Form::Node),
            });
        }
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    const HEADER: &[u8] =
        b"Local_Address  Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n";

    fn parse(lines: &[&[u8]]) -> IpxTable {
        let mut data = HEADER.to_vec();
        for line in lines {
            data.extend_from_slice(line);
            data.push(b'\n');
        }
        parse_sockets(&data)
    }

    fn text(end: &IpxEndpoint) -> String {
        String::from_utf8(end.text()).unwrap()
    }

    #[test]
    fn addresses_ports_and_queues() {
        let t = parse(&[
            b"12345678:4000  Not_Connected               00000000  00000000  07     000",
            b"12345678:4001  ABCDEF01:001B213C4D5E:0451  00000010  00000020  01     65534",
        ]);
        assert_eq!(t.error, None);
        assert_eq!(text(&t.rows[0].local), "12345678:0040");
        assert_eq!(t.rows[0].remote, None);
        assert_eq!(
            text(t.rows[1].remote.as_ref().unwrap()),
            "ABCDEF01:001B213C4D5E:5104"
        );
        assert_eq!((t.rows[1].tx_queue, t.rows[1].rx_queue), (16, 32));
        assert_eq!((t.rows[1].state, t.rows[1].uid), (1, 65534));
    }

    #[test]
    fn odd_numbers_and_nodes() {
        let t = parse(&[
            b"FFFFFFFF:0001  00000000:000000000001:0002  FFFFFFFFFFFFFFFF 1 03 4294967295",
            b"12345678:1  123:1B2Z:0003  1  2  1  1",
            b"12345678:  Not_Connected  0 0 7 0",
            b"12345678:1  -5:1b2c3d4e5f6a:3  1  2  1  1",
            b"12345678:1  ffffffffffffffffffffff:0:3  1  2  1  1",
        ]);
        assert_eq!(text(&t.rows[0].local), ":0100");
        assert_eq!(text(t.rows[0].remote.as_ref().unwrap()), ":0200");
        assert_eq!(t.rows[0].tx_queue, u64::MAX);
        assert_eq!(t.rows[0].uid, u32::MAX);
        assert_eq!(
            text(t.rows[1].remote.as_ref().unwrap()),
            "00000123:1B2000000000:0300"
        );
        // No port digits: the previous (already swapped) port is swapped back.
        assert_eq!(text(&t.rows[2].local), "12345678:0001");
        assert_eq!(
            text(t.rows[3].remote.as_ref().unwrap()),
            "FFFFFFFB:1B2C3D4E5F6A:0300"
        );
        assert_eq!(text(t.rows[4].remote.as_ref().unwrap()), "FFFFFFFF:0300");
    }

    #[test]
    fn a_missing_port_stops_the_table() {
        let t = parse(&[b"12345678:4000  Not_Connected  0 0 7 0", b"", b"x"]);
        // The empty line keeps the previous texts: the remote is now "-".
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.error, Some(IpxPortMissing::Destination));
        assert_eq!(
            parse(&[b"12345678 x 0 0 7 0"]).error,
            Some(IpxPortMissing::Source)
        );
    }

    #[test]
    fn routes_decode_directly_connected_as_hex() {
        let data = b"Network    Router_Net   Router_Node\n\
ABCDEF01   12345678     001B213C4D5E\n\
12345678     Directly     Connected\n\
short line\n";
        let routes = parse_routes(data);
        assert_eq!(routes.len(), 2);
        assert_eq!(routes[0].router_node.text(), b"001B213C4D5E");
        assert_eq!(routes[1].router_net.text(), b"0000000D");
        assert_eq!(routes[1].router_node.text(), b"C00000000000");
    }

    #[test]
    fn bad_input_never_panics() {
        for data in [&b""[..], b"h\n:\n::::\n", &[0xffu8; 2000], b"h\n\x00:1 2\n"] {
            let _ = parse_sockets(data);
            let _ = parse_routes(data);
        }
    }

    #[test]
    fn mangled_files_never_panic() {
        let sockets =
            b"h\n12345678:4001  ABCDEF01:001B213C4D5E:0451  00000010  00000020  01     65534\n\
12345678:4000  Not_Connected               00000000  00000000  07     000\n";
        let routes =
            b"h\nABCDEF01   12345678     001B213C4D5E\n12345678     Directly     Connected\n";
        for sample in [&sockets[..], routes] {
            for data in crate::source::proc::mangled(sample, ODD) {
                let _ = parse_sockets(&data);
                let _ = parse_routes(&data);
            }
        }
    }
}
