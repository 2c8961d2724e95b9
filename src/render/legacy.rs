//! The IPX, AX.25, X.25, NET/ROM and ROSE socket sections (spec §3.12).

use super::text::left;
use crate::model::legacy::{
    Ax25Layout, Ax25Socket, IpxEndpoint, IpxSocket, NetromSocket, RoseSocket, X25Socket,
};

pub const AX25_STATES: [&str; 5] = [
    "LISTENING",
    "SABM SENT",
    "DISC SENT",
    "ESTABLISHED",
    "RECOVERY",
];
pub const NETROM_STATES: [&str; 4] = ["LISTENING", "CONN SENT", "DISC SENT", "ESTABLISHED"];
pub const X25_STATES: [&str; 5] = [
    "LISTENING",
    "SABM_SENT",
    "DISC_SENT",
    "ESTABLISHED",
    "RECOVERY",
];
pub const ROSE_STATES: [&str; 4] = NETROM_STATES;

/// A state name; numbers past the table print `UNKNOWN` (2.10 reads past
/// its array there, spec §9 #29).
pub fn state_name(names: &[&'static str], state: i32) -> &'static str {
    usize::try_from(state)
        .ok()
        .and_then(|i| names.get(i).copied())
        .unwrap_or("UNKNOWN")
}

/// The stdout line printed instead of an unparsable row. The AX.25 reader
/// of the 2.2+ layout spells it with a small `p`.
pub fn unreadable(line: &mut Vec<u8>, path: &str, capital: bool) {
    let word = if capital { "Problem" } else { "problem" };
    line.extend_from_slice(format!("{word} reading data from {path}\n").as_bytes());
}

pub const AX25_HEADER: &str = "Active AX.25 sockets\n\
Dest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n";

/// Whether an unreadable line of this layout is reported with a capital `P`.
pub fn ax25_capital(layout: Ax25Layout) -> bool {
    layout == Ax25Layout::Columns
}

/// `%-9s  %-9s  %-6s  %-11s  %03d/%03d  %-6d  %-6d`
pub fn ax25_row(line: &mut Vec<u8>, row: &Ax25Socket) {
    left(line, &row.dest, 9);
    line.extend_from_slice(b"  ");
    left(line, &row.source, 9);
    line.extend_from_slice(b"  ");
    left(line, &row.device, 6);
    counters(line, state_name(&AX25_STATES, row.state), row.vr, row.vs, 3);
    queues(line, row.send_q, row.recv_q);
}

pub const NETROM_HEADER: &str = "Active NET/ROM sockets\n\
User       Dest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n";

/// `%-9s  %-9s  %-9s  %-6s  %-11s  %03d/%03d  %-6d  %-6d`
pub fn netrom_row(line: &mut Vec<u8>, row: &NetromSocket) {
    for callsign in [&row.user, &row.dest, &row.source] {
        left(line, callsign, 9);
        line.extend_from_slice(b"  ");
    }
    left(line, &row.device, 6);
    counters(
        line,
        state_name(&NETROM_STATES, row.state),
        row.vr,
        row.vs,
        3,
    );
    queues(line, row.send_q, row.recv_q);
}

pub const X25_HEADER: &str = "Active X.25 sockets\n\
Dest         Source          Device  LCI  State        Vr/Vs  Send-Q  Recv-Q\n";

/// `%-15s %-15s %-7s %-3d  %-11s  %02d/%02d  %-6d  %-6d`
pub fn x25_row(line: &mut Vec<u8>, row: &X25Socket) {
    left(line, &row.dest, 15);
    line.push(b' ');
    left(line, &row.source, 15);
    line.push(b' ');
    left(line, &row.device, 7);
    line.extend_from_slice(format!(" {:<3}", row.lci).as_bytes());
    counters(line, state_name(&X25_STATES, row.state), row.vr, row.vs, 2);
    queues(line, row.send_q, row.recv_q);
}

/// `  %-11s  VR/VS` with the counters zero-padded to `digits`.
fn counters(line: &mut Vec<u8>, state: &str, vr: i32, vs: i32, digits: usize) {
    line.extend_from_slice(b"  ");
    left(line, state.as_bytes(), 11);
    line.extend_from_slice(format!("  {vr:0digits$}/{vs:0digits$}").as_bytes());
}

/// `  %-6d  %-6d\n`
fn queues(line: &mut Vec<u8>, send_q: i32, recv_q: i32) {
    line.extend_from_slice(format!("  {send_q:<6}  {recv_q:<6}\n").as_bytes());
}

pub const ROSE_HEADER: &str = "Active ROSE sockets\n\
dest_addr   dest_call  src_addr    src_call  dev   lci neigh   state\n";

/// `%-10s  %-9s  %-10s  %-9s %-5s %3d %5d   %s`
pub fn rose_row(line: &mut Vec<u8>, row: &RoseSocket) {
    left(line, &row.dest_addr, 10);
    line.extend_from_slice(b"  ");
    left(line, &row.dest_call, 9);
    line.extend_from_slice(b"  ");
    left(line, &row.src_addr, 10);
    line.extend_from_slice(b"  ");
    left(line, &row.src_call, 9);
    line.push(b' ');
    left(line, &row.device, 5);
    let state = state_name(&ROSE_STATES, row.state);
    line.extend_from_slice(format!(" {:>3} {:>5}   {state}\n", row.lci, row.neigh).as_bytes());
}

/// The State column of an IPX socket: established, none (7), else unknown.
pub fn ipx_state(state: u32) -> &'static str {
    match state {
        1 => "ESTAB",
        7 => "",
        _ => "UNK.",
    }
}

/// The IPX header; ` User` is added with `-e`.
pub fn ipx_header(extended: bool) -> Vec<u8> {
    let mut h = b"Active IPX sockets\n\
Proto Recv-Q Send-Q Local Address              Foreign Address            State"
        .to_vec();
    if extended {
        h.extend_from_slice(b" User");
    }
    h.push(b'\n');
    h
}

/// `IPX   %6ld %6ld %-26s %-26s %-5s` (the transmit queue first), then with
/// `-e` ` %-10s` user.
pub fn ipx_row(line: &mut Vec<u8>, row: &IpxSocket, user: Option<&[u8]>) {
    // The queues are unsigned longs printed with %ld.
    let (tx, rx) = (row.tx_queue as i64, row.rx_queue as i64);
    line.extend_from_slice(format!("IPX   {tx:>6} {rx:>6} ").as_bytes());
    left(line, &row.local.text(), 26);
    line.push(b' ');
    left(
        line,
        &row.remote
            .as_ref()
            .map_or_else(|| b"-".to_vec(), IpxEndpoint::text),
        26,
    );
    line.push(b' ');
    left(line, ipx_state(row.state).as_bytes(), 5);
    if let Some(user) = user {
        line.push(b' ');
        left(line, user, 10);
    }
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::legacy::IpxAddress;

    #[test]
    fn ax25_row_matches_c1() {
        let mut line = Vec::new();
        ax25_row(
            &mut line,
            &Ax25Socket {
                dest: b"G4ABC-2".to_vec(),
                source: b"G4KLX-1".to_vec(),
                device: b"ax0".to_vec(),
                state: 3,
                vr: 2,
                vs: 1,
                send_q: 120,
                recv_q: 340,
            },
        );
        assert_eq!(
            line,
            b"G4ABC-2    G4KLX-1    ax0     ESTABLISHED  002/001  120     340   \n"
        );
    }

    #[test]
    fn x25_and_rose_rows_and_unknown_states() {
        let mut line = Vec::new();
        x25_row(
            &mut line,
            &X25Socket {
                dest: b"701001    ".to_vec(),
                source: b"999888   ".to_vec(),
                device: b"tun0".to_vec(),
                lci: 1,
                state: 3,
                vr: 3,
                vs: 2,
                send_q: 10,
                recv_q: 20,
            },
        );
        assert_eq!(
            line,
            b"701001          999888          tun0    1    ESTABLISHED  03/02  10      20    \n"
        );
        line.clear();
        rose_row(
            &mut line,
            &RoseSocket {
                dest_addr: b"2080123456".to_vec(),
                dest_call: b"G4ABC-0".to_vec(),
                src_addr: b"*".to_vec(),
                src_call: b"G4KLX-0".to_vec(),
                device: b"rose0".to_vec(),
                lci: 2,
                neigh: 1,
                state: 9,
            },
        );
        assert_eq!(
            line,
            b"2080123456  G4ABC-0    *           G4KLX-0   rose0   2     1   UNKNOWN\n"
        );
        assert_eq!(state_name(&AX25_STATES, -1), "UNKNOWN");
        assert_eq!(state_name(&X25_STATES, 5), "UNKNOWN");
    }

    #[test]
    fn ipx_row_matches_c7() {
        let mut line = Vec::new();
        let row = IpxSocket {
            local: IpxEndpoint {
                address: IpxAddress {
                    network: 0x1234_5678,
                    node: [0; 6],
                },
                port: 0x0040,
            },
            remote: None,
            tx_queue: 0,
            rx_queue: 0,
            state: 7,
            uid: 0,
        };
        ipx_row(&mut line, &row, Some(b"root"));
        assert_eq!(
            line,
            b"IPX        0      0 12345678:0040              -                                root      \n"
        );
        assert!(ipx_header(true).ends_with(b"State User\n"));
    }
}
