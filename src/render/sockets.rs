//! The Internet and UNIX socket tables (spec §3.2–§3.6, §3.10).

use super::text::{left, left_u64, name, pad, push_i64, right_i64, seconds};
use crate::cli::Options;
use crate::model::{InetProto, InetSocket, UnixSocket, socket::UNIX_ACCEPTCON};

/// The `(servers and established)` / `(only servers)` / `(w/o servers)` suffix.
pub fn scope(options: &Options) -> &'static str {
    if options.all {
        "(servers and established)"
    } else if options.listening {
        "(only servers)"
    } else {
        "(w/o servers)"
    }
}

/// The two header lines of the Internet listing.
pub fn inet_header(options: &Options) -> Vec<u8> {
    let mut h = format!("Active Internet connections {}\n", scope(options)).into_bytes();
    h.extend_from_slice(
        b"Proto Recv-Q Send-Q Local Address           Foreign Address         State      ",
    );
    if options.extended() {
        h.extend_from_slice(b" User       Inode     ");
    }
    if options.programs {
        h.extend_from_slice(b" PID/Program name    ");
    }
    if options.timers {
        h.extend_from_slice(b" Timer");
    }
    h.push(b'\n');
    h
}

/// The texts a row needs besides its numbers, already resolved by the caller.
pub struct RowNames<'a> {
    /// `address:port`, shortened unless `-W`.
    pub local: &'a [u8],
    pub remote: &'a [u8],
    /// User column (only read with `-e` > 1).
    pub user: &'a [u8],
    /// PID/Program label (only read with `-p`).
    pub program: &'a [u8],
}

/// The `address:port` composition and shortening of spec §2.5.
pub fn address_port(address: &[u8], port: &[u8], wide: bool) -> Vec<u8> {
    let mut text = Vec::with_capacity(address.len() + port.len() + 1);
    write_address_port(&mut text, address, port, wide);
    text
}

/// [`address_port`], appended to `text`. Without `-W` a long pair is cut to
/// 23 bytes; in any case the text is cut at 127 bytes, the size of
/// net-tools' buffer (a 127-byte host name loses its `:port` even with `-W`).
pub fn write_address_port(text: &mut Vec<u8>, address: &[u8], port: &[u8], wide: bool) {
    const LIMIT: usize = 22;
    const BUFFER_MAX: usize = 127;
    let (address, port) = if !wide && address.len() + port.len() > LIMIT {
        let port = &port[..port.len().min(LIMIT - 4)];
        (&address[..address.len().min(LIMIT - port.len())], port)
    } else {
        (address, port)
    };
    let start = text.len();
    text.extend_from_slice(address);
    text.push(b':');
    text.extend_from_slice(port);
    text.truncate(start + BUFFER_MAX);
}

/// One TCP, UDP, UDP-Lite or RAW row, newline included.
pub fn inet_row(line: &mut Vec<u8>, options: &Options, row: &InetSocket, names: &RowNames) {
    let proto = row.proto.label(row.ipv6_table).as_bytes();
    match row.proto {
        InetProto::Tcp | InetProto::Raw => {
            left(line, proto, 4);
            line.push(b' ');
        }
        InetProto::Udp | InetProto::UdpLite | InetProto::Mptcp => left(line, proto, 5),
    }
    line.push(b' ');
    // `mptcp6` is one wider than the Proto column (2.10's labels all fit):
    // Recv-Q gives it the space, so the columns after it stay in place.
    let recv_width = 6 - proto.len().saturating_sub(5);
    // Queues are C longs read with %lX: print them signed, as printf("%ld") does.
    right_i64(line, row.rx_queue as i64, recv_width);
    line.push(b' ');
    right_i64(line, row.tx_queue as i64, 6);
    line.push(b' ');
    left(line, names.local, 23);
    line.push(b' ');
    left(line, names.remote, 23);
    line.push(b' ');
    match row.proto {
        InetProto::Tcp | InetProto::Mptcp => left(line, tcp_state(row.state).as_bytes(), 11),
        InetProto::Udp | InetProto::UdpLite => left(line, udp_state(row.state).as_bytes(), 11),
        InetProto::Raw => {
            let start = line.len();
            push_i64(line, i64::from(row.state as i32));
            pad(line, 11usize.saturating_sub(line.len() - start));
        }
    }
    let timer = if options.timers {
        timer_text(row)
    } else {
        String::new()
    };
    row_tail(
        line,
        options,
        names.user,
        row.inode,
        names.program,
        timer.as_bytes(),
    );
}

/// The columns every Internet row ends with (spec §3.2): User and Inode with
/// `-e` > 1, the program with `-p`, the timer with `-o`, then the newline.
pub fn row_tail(
    line: &mut Vec<u8>,
    options: &Options,
    user: &[u8],
    inode: u64,
    program: &[u8],
    timer: &[u8],
) {
    if options.extended() {
        line.push(b' ');
        left(line, user, 10);
        line.push(b' ');
        left_u64(line, inode, 10);
    }
    if options.programs {
        line.push(b' ');
        left(line, program, 20);
    }
    if options.timers {
        line.push(b' ');
        line.extend_from_slice(timer);
    }
    line.push(b'\n');
}

/// TCP state names; values past the table print `UNKNOWN` (spec §9 #29).
pub fn tcp_state(state: u32) -> &'static str {
    // net-tools' table ends at CLOSING: later states print UNKNOWN, 0 prints nothing.
    match state {
        0 => "",
        1..=11 => crate::model::socket::state_name(state).unwrap_or("UNKNOWN"),
        _ => "UNKNOWN",
    }
}

fn udp_state(state: u32) -> &'static str {
    match state {
        1 => "ESTABLISHED",
        7 => "",
        _ => "UNKNOWN",
    }
}

/// The `-o` column (spec §3.4).
pub fn timer_text(row: &InetSocket) -> String {
    let retr = row.retransmits as i64;
    let timeout = row.timeout as i32;
    let secs = seconds(row.timer_ticks);
    if row.proto.is_tcp() {
        match row.timer {
            0 => format!("off (0.00/{retr}/{timeout})"),
            1 => format!("on ({secs}/{retr}/{timeout})"),
            2 => format!("keepalive ({secs}/{retr}/{timeout})"),
            3 => format!("timewait ({secs}/{retr}/{timeout})"),
            4 => format!("probe ({secs}/{retr}/{timeout})"),
            other => format!("unkn-{} ({secs}/{retr}/{timeout})", other as i32),
        }
    } else {
        let retr = if row.proto == InetProto::Raw { retr } else { 0 };
        match row.timer {
            0 => format!("off (0.00/{retr}/{timeout})"),
            1 | 2 => format!("on{} ({secs}/{retr}/{timeout})", row.timer),
            other => format!("unkn-{} ({secs}/{retr}/{timeout})", other as i32),
        }
    }
}

/// The Type column of a UNIX row.
pub fn unix_type(kind: u64) -> &'static str {
    match kind {
        1 => "STREAM",
        2 => "DGRAM",
        3 => "RAW",
        4 => "RDM",
        5 => "SEQPACKET",
        _ => "UNKNOWN",
    }
}

/// The two header lines of the UNIX listing.
pub fn unix_header(options: &Options) -> Vec<u8> {
    let mut h = format!("Active UNIX domain sockets {}\n", scope(options)).into_bytes();
    h.extend_from_slice(b"Proto RefCnt Flags       Type       State         I-Node  ");
    if options.programs {
        h.extend_from_slice(b" PID/Program name    ");
    }
    h.extend_from_slice(b" Path\n");
    h
}

/// One UNIX row, newline included.
pub fn unix_row(line: &mut Vec<u8>, options: &Options, row: &UnixSocket, program: &[u8]) {
    left(line, if row.protocol == 0 { b"unix" } else { b"??" }, 5);
    line.push(b' ');
    let start = line.len();
    push_i64(line, row.refcount as i64);
    pad(line, 6usize.saturating_sub(line.len() - start));
    line.push(b' ');
    let start = line.len();
    line.extend_from_slice(b"[ ");
    for (bit, name) in [(16, &b"ACC "[..]), (17, b"W "), (18, b"N ")] {
        if row.flags & (1 << bit) != 0 {
            line.extend_from_slice(name);
        }
    }
    line.push(b']');
    pad(line, 11usize.saturating_sub(line.len() - start));
    line.push(b' ');
    left(line, unix_type(row.kind).as_bytes(), 10);
    line.push(b' ');
    let state: &[u8] = match row.state {
        0 => b"FREE",
        1 if row.flags & UNIX_ACCEPTCON != 0 => b"LISTENING",
        1 => b"",
        2 => b"CONNECTING",
        3 => b"CONNECTED",
        4 => b"DISCONNECTING",
        _ => b"UNKNOWN",
    };
    left(line, state, 13);
    line.push(b' ');
    match row.inode {
        Some(inode) => left_u64(line, inode, 8),
        None => left(line, b"-", 8),
    }
    if options.programs {
        line.push(b' ');
        left(line, program, 20);
    }
    line.push(b' ');
    if let Some(path) = &row.path {
        name(line, path);
    }
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mptcp_rows_keep_the_columns_of_tcp() {
        let row = |proto, ipv6_table| InetSocket {
            proto,
            ipv6_table,
            local: "::1".parse().unwrap(),
            local_port: 4712,
            remote: "::".parse().unwrap(),
            remote_port: 0,
            state: 10,
            tx_queue: 0,
            rx_queue: 3,
            timer: 0,
            timer_ticks: 0,
            retransmits: 0,
            uid: 0,
            timeout: 0,
            inode: 1,
            diag: None,
        };
        let names = RowNames {
            local: b"::1:4712",
            remote: b":::*",
            user: b"",
            program: b"",
        };
        let options = Options::default();
        let text = |proto, ipv6_table| {
            let mut line = Vec::new();
            inet_row(&mut line, &options, &row(proto, ipv6_table), &names);
            String::from_utf8(line).unwrap()
        };
        let tcp6 = text(InetProto::Tcp, true);
        for (proto, ipv6_table, label) in [
            (InetProto::Mptcp, false, "mptcp "),
            (InetProto::Mptcp, true, "mptcp6"),
        ] {
            let mptcp = text(proto, ipv6_table);
            assert_eq!(&mptcp[..6], label);
            assert_eq!(mptcp[6..], tcp6[6..], "{label}");
        }
    }

    #[test]
    fn shortening_examples_from_the_spec() {
        let host = b"host-with-a-rather-long-name.example.org";
        assert_eq!(
            address_port(host, b"smtp", false),
            b"host-with-a-rather:smtp"
        );
        assert_eq!(
            address_port(host, b"40001", false),
            b"host-with-a-rathe:40001"
        );
        assert_eq!(
            address_port(b"2001:db8:1234:5678:9abc:def0:1234:5678", b"443", false),
            b"2001:db8:1234:5678::443"
        );
        assert_eq!(
            address_port(b"localhost", b"a-very-long-service-name-xx", false),
            b"loca:a-very-long-servic"
        );
        assert_eq!(address_port(b"[::]", b"*", false), b"[::]:*");
        let long = [b'a'; 127];
        assert_eq!(address_port(&long, b"smtp", true), long);
        assert_eq!(address_port(&long[..125], b"smtp", true).len(), 127);
        assert_eq!(
            address_port(host, b"smtp", true),
            b"host-with-a-rather-long-name.example.org:smtp"
        );
    }

    #[test]
    fn states_out_of_range() {
        assert_eq!(tcp_state(10), "LISTEN");
        assert_eq!(tcp_state(12), "UNKNOWN");
        assert_eq!(tcp_state(u32::MAX), "UNKNOWN");
    }
}
