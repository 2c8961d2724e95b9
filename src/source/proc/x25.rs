//! `/proc/net/x25` (2.4 layout) and `/proc/net/x25/route` or
//! `/proc/net/x25_routes` (spec §3.12, §4.5, §8.15).

use super::cstdio::{Frame, sscanf};
use super::stdio::Fgets;
use crate::model::legacy::{X25Route, X25Socket};

/// 2.10's `x25_info` keeps `char dev[16]` directly before `char buffer[256]`,
/// so a long device word runs into the line.
const DEVICE: usize = 0;
const LINE: usize = 16;
const LINE_SIZE: usize = 256;

/// From column 22: device, LCI, state, vs, vr, va, five timers, Send-Q, Recv-Q, inode.
const SOCKET_FORMAT: &str = "%s %d %d %d %d %*d %*d %*d %*d %*d %*d %d %d %*d";

/// Parse the socket file. dest is columns 0–9 and source 11–19 (2.10 cuts
/// the line at 10 and 20). The numbers are read as decimal and the result of
/// the scan is not checked: when it stops early (a hex LCI such as `00A`
/// stops at the letter) the remaining fields keep the previous row's values.
pub fn parse_sockets(data: &[u8]) -> Vec<X25Socket> {
    let mut stream = Fgets::new(data, LINE_SIZE);
    let mut frame = Frame::new(LINE + LINE_SIZE);
    frame.fgets(LINE, LINE_SIZE, &mut stream);
    // lci, state, vs, vr, send-q, recv-q: locals of the C loop, uninitialised
    // before the first row (zero here).
    let mut numbers = [0i32; 6];
    let mut rows = Vec::new();
    while frame.fgets(LINE, LINE_SIZE, &mut stream) {
        frame.set(LINE + 10, 0);
        frame.set(LINE + 20, 0);
        let rest = frame.cstr(LINE + 22).to_vec();
        let scanned = sscanf(&rest, SOCKET_FORMAT);
        if let Some(device) = scanned.word(0) {
            frame.store(DEVICE, device);
        }
        for (i, slot) in numbers.iter_mut().enumerate() {
            if let Some(value) = scanned.int(i + 1) {
                *slot = value;
            }
        }
        let [lci, state, vs, vr, send_q, recv_q] = numbers;
        rows.push(X25Socket {
            dest: frame.cstr(LINE).to_vec(),
            source: frame.cstr(LINE + 11).to_vec(),
            device: frame.cstr(DEVICE).to_vec(),
            lci,
            state,
            vr,
            vs,
            send_q,
            recv_q,
        });
    }
    rows
}

/// Parse the route file: the digit count is the number at column 17
/// (clamped to 0..=15 as 2.10 does), the address the first `digits`
/// characters, the device columns 25–34.
pub fn parse_routes(data: &[u8]) -> Vec<X25Route> {
    let mut stream = Fgets::new(data, LINE_SIZE);
    let mut line = Frame::new(LINE_SIZE);
    line.fgets(0, LINE_SIZE, &mut stream);
    let mut routes = Vec::new();
    while line.fgets(0, LINE_SIZE, &mut stream) {
        if let Some(newline) = line.cstr(0).iter().position(|&b| b == b'\n') {
            line.set(newline, 0);
        }
        line.set(24, 0);
        line.set(35, 0);
        let mut digits = line.atoi(17);
        if !(0..=15).contains(&digits) {
            digits = 15;
        }
        line.set(digits as usize, 0);
        routes.push(X25Route {
            address: line.cstr(0).to_vec(),
            digits,
            device: line.cstr(25).to_vec(),
        });
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that break the formats: NUL, line end, separators, digits, sign, junk.
    const ODD: &[u8] = b"\0\n 9:/,*-\xff";

    const HEADER: &[u8] =
        b"dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n";

    fn parse(lines: &[&[u8]]) -> Vec<X25Socket> {
        let mut data = HEADER.to_vec();
        for line in lines {
            data.extend_from_slice(line);
        }
        parse_sockets(&data)
    }

    #[test]
    fn columns_and_the_cut_source() {
        let rows = parse(&[
            b"701001     9998887776 tun0  001  3  2  3  0   1   3 200 180 180    10    20 22468\n",
        ]);
        assert_eq!(rows[0].dest, b"701001    ");
        assert_eq!(rows[0].source, b"999888777");
        assert_eq!(rows[0].device, b"tun0");
        assert_eq!(
            (rows[0].lci, rows[0].state, rows[0].vs, rows[0].vr),
            (1, 3, 2, 3)
        );
        assert_eq!((rows[0].send_q, rows[0].recv_q), (10, 20));
    }

    #[test]
    fn hex_lci_keeps_the_previous_rows_values() {
        let rows = parse(&[
            b"701001     999888     tun0  001  3  2  3  0   1   3 200 180 180    10    20 22468\n",
            b"701004     999888     tun1  01A  2  1  1  0   1   3 200 180 180    77    88 22468\n",
        ]);
        assert_eq!(rows[1].lci, 1);
        assert_eq!((rows[1].state, rows[1].send_q), (3, 10));
        assert_eq!(rows[1].device, b"tun1");
    }

    #[test]
    fn routes_cut_the_address_to_its_digits() {
        let data = b"Address          Digits  Device\n\
000000000000000  0       tun0 \n\
701000000000000  4       x25a \n\
123456789012345  20      x25c \n";
        let routes = parse_routes(data);
        assert_eq!((&routes[0].address[..], routes[0].digits), (&b""[..], 0));
        assert_eq!(routes[0].device, b"tun0 ");
        assert_eq!(
            (&routes[1].address[..], routes[1].digits),
            (&b"7010"[..], 4)
        );
        assert_eq!(
            (&routes[2].address[..], routes[2].digits),
            (&b"123456789012345"[..], 15)
        );
    }

    #[test]
    fn bad_input_never_panics() {
        for data in [
            &b""[..],
            b"h\nx\n",
            b"h\n                      ",
            &[0xffu8; 600],
        ] {
            let _ = parse_sockets(data);
            let _ = parse_routes(data);
        }
    }

    #[test]
    fn mangled_files_never_panic() {
        let sockets = b"h\n701001     999888     tun0  001  3  2  3  0   1   3 200 180 180    10    20 22468\n";
        let routes = b"Address          Digits  Device\n701000000000000  4       x25a \n";
        for sample in [&sockets[..], routes] {
            for data in crate::source::proc::mangled(sample, ODD) {
                let _ = parse_sockets(&data);
                let _ = parse_routes(&data);
            }
        }
    }
}
