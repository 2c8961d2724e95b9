//! NETLINK_SOCK_DIAG for TCP, UDP and UDP-Lite: the request, the decoder of
//! `inet_diag_msg` (linux/inet_diag.h) and SOCK_DESTROY. Every column netstat
//! prints without `-o` is in the fixed header (see `source::sockets::choice`
//! for what comes from where); extensions (`--info`, `--memory`) are asked
//! for only when shown and handed over undecoded (`model::details` reads them).

use super::socket::{DumpError, NetlinkSocket};
use crate::model::details::{
    INET_DIAG_CONG, INET_DIAG_INFO, INET_DIAG_SKMEMINFO, INET_DIAG_VEGASINFO,
};

/// `SOCK_DIAG_BY_FAMILY`, the message type of requests and answers.
pub const SOCK_DIAG_BY_FAMILY: u16 = 20;
/// `SOCK_DESTROY`: close the one socket a request names.
const SOCK_DESTROY: u16 = 21;
/// `TCPDIAG_GETSOCK`, the request type of the first inet_diag interface
/// (`struct inet_diag_req`), still served by current kernels. Its dump asks
/// for every family, so it walks the TCP tables once for IPv4 and IPv6
/// where `SOCK_DIAG_BY_FAMILY` walks them once per family.
const TCPDIAG_GETSOCK: u16 = 18;
/// `INET_DIAG_REQ_BYTECODE`, the filter attribute of a request.
const INET_DIAG_REQ_BYTECODE: u16 = 1;

/// `sizeof(struct inet_diag_req_v2)`.
const REQUEST_LEN: usize = 56;
/// `sizeof(struct inet_diag_req)`, the request of [`TCPDIAG_GETSOCK`].
const TCPDIAG_REQUEST_LEN: usize = 60;
/// `sizeof(struct inet_diag_msg)`.
pub const MESSAGE_LEN: usize = 72;

/// The TCP state numbers the kernel uses (also in `/proc/net/tcp`).
pub const TCP_LISTEN: u8 = 10;

/// Every state bit (`idiag_states`); bit N is state N.
pub const ALL_STATES: u32 = !(1 << TCP_BOUND_INACTIVE);
/// The state number under which request sockets (SYN_RECV) are kept.
pub const TCP_NEW_SYN_RECV: u8 = 12;
/// The pseudo-state under which kernels since 6.9 dump sockets that are only
/// bound (in no lookup table, so never in `/proc/net/tcp`): never asked for.
pub const TCP_BOUND_INACTIVE: u8 = 13;

/// What to ask the kernel for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InetRequest {
    /// `AF_INET` or `AF_INET6`.
    pub family: u8,
    /// `IPPROTO_TCP`, `IPPROTO_UDP` or `IPPROTO_UDPLITE`.
    pub protocol: u8,
    /// Bit mask of the states to dump.
    pub states: u32,
    /// A kernel-side filter (`INET_DIAG_REQ_BYTECODE`, see `filter`); empty
    /// for none.
    pub bytecode: Vec<u8>,
    /// The only local and remote ports to dump (0: any). The kernel tests
    /// these before building the bytecode's view of a socket, so a filter
    /// that names one port costs less per skipped socket.
    pub sport: u16,
    pub dport: u16,
    /// `idiag_ext`: bit N-1 asks for extension attribute N (see [`Extension`]).
    pub extensions: u8,
}

/// The extensions a dump can ask for (`idiag_ext` bits).
#[derive(Debug, Clone, Copy)]
pub enum Extension {
    /// `INET_DIAG_INFO` (`tcp_info`), `INET_DIAG_CONG` (the congestion
    /// algorithm's name) and `INET_DIAG_VEGASINFO`, under whose bit the kernel
    /// also gives `INET_DIAG_DCTCPINFO` and `INET_DIAG_BBRINFO` (their numbers
    /// do not fit the 8-bit mask).
    TcpInfo,
    /// `INET_DIAG_SKMEMINFO`.
    Memory,
}

impl Extension {
    pub fn bits(self) -> u8 {
        let bit = |attribute: u16| 1u8 << (attribute - 1);
        match self {
            Extension::TcpInfo => {
                bit(INET_DIAG_INFO) | bit(INET_DIAG_VEGASINFO) | bit(INET_DIAG_CONG)
            }
            Extension::Memory => bit(INET_DIAG_SKMEMINFO),
        }
    }
}

impl InetRequest {
    /// The request payload: `inet_diag_req_v2`, then the bytecode filter if any.
    pub fn payload(&self) -> Vec<u8> {
        let mut p = vec![0u8; REQUEST_LEN];
        p[0] = self.family;
        p[1] = self.protocol;
        p[2] = self.extensions;
        p[4..8].copy_from_slice(&self.states.to_ne_bytes());
        // inet_diag_sockid: the ports in network order.
        p[8..10].copy_from_slice(&self.sport.to_be_bytes());
        p[10..12].copy_from_slice(&self.dport.to_be_bytes());
        self.append_bytecode(&mut p);
        p
    }

    /// The payload of a [`TCPDIAG_GETSOCK`] request (`struct inet_diag_req`:
    /// family, lengths and extensions, the same socket id, then the states;
    /// the family and protocol are the kernel's: every family, TCP).
    fn tcpdiag_payload(&self) -> Vec<u8> {
        let mut p = vec![0u8; TCPDIAG_REQUEST_LEN];
        p[3] = self.extensions;
        p[4..6].copy_from_slice(&self.sport.to_be_bytes());
        p[6..8].copy_from_slice(&self.dport.to_be_bytes());
        p[52..56].copy_from_slice(&self.states.to_ne_bytes());
        self.append_bytecode(&mut p);
        p
    }

    fn append_bytecode(&self, p: &mut Vec<u8>) {
        if !self.bytecode.is_empty() {
            let len = 4 + self.bytecode.len();
            p.extend_from_slice(&(len as u16).to_ne_bytes());
            p.extend_from_slice(&INET_DIAG_REQ_BYTECODE.to_ne_bytes());
            p.extend_from_slice(&self.bytecode);
        }
    }
}

/// The fixed part of one answer (`struct inet_diag_msg`), ports in host order,
/// addresses as the 16 bytes the kernel sent (IPv4 in the first 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InetDiagMsg {
    pub family: u8,
    pub state: u8,
    pub timer: u8,
    pub retrans: u8,
    pub sport: u16,
    pub dport: u16,
    pub src: [u8; 16],
    pub dst: [u8; 16],
    /// The bound interface and the kernel's cookie: with the rest of the
    /// socket id they name the socket for SOCK_DESTROY.
    pub interface: u32,
    pub cookie: [u8; 8],
    /// Timer expiry in milliseconds.
    pub expires: u32,
    pub rqueue: u32,
    pub wqueue: u32,
    pub uid: u32,
    pub inode: u32,
}

/// Decode one answer payload; `None` when it is too short to be one.
pub fn decode_inet(payload: &[u8]) -> Option<InetDiagMsg> {
    let m = payload.get(..MESSAGE_LEN)?;
    let u32_at = |at: usize| u32::from_ne_bytes([m[at], m[at + 1], m[at + 2], m[at + 3]]);
    let mut src = [0u8; 16];
    let mut dst = [0u8; 16];
    let mut cookie = [0u8; 8];
    src.copy_from_slice(&m[8..24]);
    dst.copy_from_slice(&m[24..40]);
    cookie.copy_from_slice(&m[44..52]);
    Some(InetDiagMsg {
        family: m[0],
        state: m[1],
        timer: m[2],
        retrans: m[3],
        sport: u16::from_be_bytes([m[4], m[5]]),
        dport: u16::from_be_bytes([m[6], m[7]]),
        src,
        dst,
        interface: u32_at(40),
        cookie,
        expires: u32_at(52),
        rqueue: u32_at(56),
        wqueue: u32_at(60),
        uid: u32_at(64),
        inode: u32_at(68),
    })
}

/// Why a dump gave no usable table.
#[derive(Debug)]
pub enum DiagError {
    /// The kernel cannot or will not answer (no module, no permission, ...):
    /// the caller falls back to `/proc`.
    Unavailable(std::io::Error),
    /// The kernel flagged the dump `NLM_F_DUMP_INTR` (every answer was still
    /// handed over). inet_diag never does; see `source::sockets`.
    Interrupted,
    /// An answer was not an `inet_diag_msg`; no answer after it was handed over.
    Malformed,
}

/// Dump one family and protocol and hand every answer to `each`, in kernel
/// order, as it is decoded, with the bytes of its attributes (the extensions
/// asked for): nothing is kept.
pub fn dump_inet(
    socket: &mut NetlinkSocket,
    request: &InetRequest,
    each: impl FnMut(&InetDiagMsg, &[u8]),
) -> Result<(), DiagError> {
    dump_inet_as(socket, SOCK_DIAG_BY_FAMILY, &request.payload(), each)
}

/// [`dump_inet`] for TCP in one walk over both families (the request's
/// family is not sent): IPv4 and IPv6 answers interleaved, each family in
/// the order of its own dump.
pub fn dump_tcp_both_families(
    socket: &mut NetlinkSocket,
    request: &InetRequest,
    each: impl FnMut(&InetDiagMsg, &[u8]),
) -> Result<(), DiagError> {
    dump_inet_as(socket, TCPDIAG_GETSOCK, &request.tcpdiag_payload(), each)
}

/// An inet dump of request type `kind`, each answer decoded.
fn dump_inet_as(
    socket: &mut NetlinkSocket,
    kind: u16,
    payload: &[u8],
    mut each: impl FnMut(&InetDiagMsg, &[u8]),
) -> Result<(), DiagError> {
    dump_answers(socket, kind, payload, MESSAGE_LEN, |header, attributes| {
        if let Some(msg) = decode_inet(header) {
            each(&msg, attributes);
        }
    })
}

/// `UDIAG_SHOW_MEMINFO`: ask a UNIX dump for `UNIX_DIAG_MEMINFO`.
pub const UDIAG_SHOW_MEMINFO: u32 = 0x20;
/// `sizeof(struct unix_diag_msg)`.
const UNIX_MESSAGE_LEN: usize = 16;

/// Dump every UNIX socket with the attributes `show` asks for (`UDIAG_SHOW_*`)
/// and hand each socket's inode and attribute bytes to `each`.
pub fn dump_unix(
    socket: &mut NetlinkSocket,
    show: u32,
    mut each: impl FnMut(u32, &[u8]),
) -> Result<(), DiagError> {
    // struct unix_diag_req: family, protocol, pad, states, inode, show, cookie.
    let mut request = [0u8; 24];
    request[0] = libc::AF_UNIX as u8;
    request[4..8].copy_from_slice(&u32::MAX.to_ne_bytes());
    request[12..16].copy_from_slice(&show.to_ne_bytes());
    dump_answers(
        socket,
        SOCK_DIAG_BY_FAMILY,
        &request,
        UNIX_MESSAGE_LEN,
        |header, attributes| {
            each(
                u32::from_ne_bytes([header[4], header[5], header[6], header[7]]),
                attributes,
            );
        },
    )
}

/// Send a dump request of type `kind` (the answers carry the same type) and
/// hand each answer's fixed header (`header_len` bytes) and attribute bytes
/// to `each`, in kernel order. An answer shorter than a header ends the
/// handing over: the dump is malformed.
fn dump_answers(
    socket: &mut NetlinkSocket,
    kind: u16,
    payload: &[u8],
    header_len: usize,
    mut each: impl FnMut(&[u8], &[u8]),
) -> Result<(), DiagError> {
    let mut malformed = false;
    let result = socket.dump(kind, payload, |message| {
        if message.kind != kind || malformed {
            return;
        }
        match message.payload.split_at_checked(header_len) {
            Some((header, attributes)) => each(header, attributes),
            None => malformed = true,
        }
    });
    match result {
        Err(DumpError::Io(e)) => Err(DiagError::Unavailable(e)),
        _ if malformed => Err(DiagError::Malformed),
        Err(DumpError::Interrupted) => Err(DiagError::Interrupted),
        Ok(()) => Ok(()),
    }
}

/// Close the socket one dump answer names (`ss -K`): its family, the
/// request's protocol, its exact socket id. The kernel answers with an
/// acknowledgement or the errno (EPERM without CAP_NET_ADMIN, EOPNOTSUPP
/// when it was built without `CONFIG_INET_DIAG_DESTROY`, ENOENT when the
/// socket is already gone).
pub fn destroy(socket: &mut NetlinkSocket, protocol: u8, m: &InetDiagMsg) -> std::io::Result<()> {
    let mut p = vec![0u8; REQUEST_LEN];
    p[0] = m.family;
    p[1] = protocol;
    p[4..8].copy_from_slice(&ALL_STATES.to_ne_bytes());
    p[8..10].copy_from_slice(&m.sport.to_be_bytes());
    p[10..12].copy_from_slice(&m.dport.to_be_bytes());
    p[12..28].copy_from_slice(&m.src);
    p[28..44].copy_from_slice(&m.dst);
    p[44..48].copy_from_slice(&m.interface.to_ne_bytes());
    p[48..56].copy_from_slice(&m.cookie);
    socket.request(SOCK_DESTROY, &p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut m = vec![0u8; MESSAGE_LEN];
        m[0] = libc::AF_INET as u8;
        m[1] = 1;
        m[2] = 2;
        m[3] = 3;
        m[4..6].copy_from_slice(&5000u16.to_be_bytes());
        m[6..8].copy_from_slice(&40000u16.to_be_bytes());
        m[8..12].copy_from_slice(&[127, 0, 0, 1]);
        m[24..28].copy_from_slice(&[127, 0, 0, 2]);
        m[40..44].copy_from_slice(&3u32.to_ne_bytes());
        m[44..52].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
        m[52..56].copy_from_slice(&1500u32.to_ne_bytes());
        m[56..60].copy_from_slice(&7u32.to_ne_bytes());
        m[60..64].copy_from_slice(&9u32.to_ne_bytes());
        m[64..68].copy_from_slice(&65534u32.to_ne_bytes());
        m[68..72].copy_from_slice(&123456u32.to_ne_bytes());
        m
    }

    #[test]
    fn decodes_the_fixed_header() {
        let msg = decode_inet(&sample()).unwrap();
        assert_eq!(
            (msg.family, msg.state, msg.timer, msg.retrans),
            (2, 1, 2, 3)
        );
        assert_eq!((msg.sport, msg.dport), (5000, 40000));
        assert_eq!(&msg.src[..4], &[127, 0, 0, 1]);
        assert_eq!(&msg.dst[..4], &[127, 0, 0, 2]);
        assert_eq!((msg.interface, msg.cookie), (3, [1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(
            (msg.expires, msg.rqueue, msg.wqueue, msg.uid, msg.inode),
            (1500, 7, 9, 65534, 123456)
        );
    }

    #[test]
    fn attributes_after_the_header_are_ignored() {
        let mut m = sample();
        m.extend_from_slice(&[8, 0, 2, 0, 1, 2, 3, 4, 0xff]);
        assert_eq!(decode_inet(&m), decode_inet(&sample()));
    }

    #[test]
    fn truncated_and_empty_payloads_do_not_decode() {
        let m = sample();
        for len in 0..MESSAGE_LEN {
            assert_eq!(decode_inet(&m[..len]), None, "length {len}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap deterministic byte stream standing in for garbage.
        let mut x = 0x1234_5678u32;
        let mut bytes = Vec::new();
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes.push(x as u8);
        }
        for start in 0..64 {
            for len in [0, 1, 16, 71, 72, 73, 200] {
                let end = (start + len).min(bytes.len());
                let _ = decode_inet(&bytes[start..end]);
                for m in super::super::socket::messages(&bytes[start..end]) {
                    let _ = decode_inet(m.payload);
                }
            }
        }
    }

    #[test]
    fn request_layout() {
        let r = InetRequest {
            family: libc::AF_INET6 as u8,
            protocol: libc::IPPROTO_TCP as u8,
            states: 1 << TCP_LISTEN,
            bytecode: Vec::new(),
            sport: 0,
            dport: 443,
            extensions: Extension::Memory.bits(),
        };
        let p = r.payload();
        assert_eq!(p.len(), REQUEST_LEN);
        assert_eq!(p[0], libc::AF_INET6 as u8);
        assert_eq!(p[1], 6);
        assert_eq!(p[2], 1 << 6);
        assert_eq!(u32::from_ne_bytes([p[4], p[5], p[6], p[7]]), 1 << 10);
        assert_eq!(&p[8..12], &[0, 0, 1, 187]);
        let filtered = InetRequest {
            bytecode: vec![12, 8, 12, 0, 0, 0, 0, 0],
            ..r
        }
        .payload();
        assert_eq!(filtered.len(), REQUEST_LEN + 12);
        assert_eq!(&filtered[REQUEST_LEN..REQUEST_LEN + 4], &[12, 0, 1, 0]);
        assert_eq!(&filtered[REQUEST_LEN + 4..], &[12, 8, 12, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn tcpdiag_request_layout() {
        let r = InetRequest {
            family: libc::AF_INET as u8,
            protocol: libc::IPPROTO_TCP as u8,
            states: 1 << TCP_LISTEN,
            bytecode: vec![12, 8, 12, 0, 0, 0, 0, 0],
            sport: 22,
            dport: 0,
            extensions: Extension::TcpInfo.bits(),
        };
        let p = r.tcpdiag_payload();
        assert_eq!(p.len(), TCPDIAG_REQUEST_LEN + 12);
        // Every family: the kernel's compatibility dump asks with AF_UNSPEC.
        assert_eq!(&p[..3], &[0, 0, 0]);
        assert_eq!(p[3], Extension::TcpInfo.bits(), "idiag_ext");
        assert_eq!(&p[4..8], &[0, 22, 0, 0]);
        assert_eq!(u32::from_ne_bytes([p[52], p[53], p[54], p[55]]), 1 << 10);
        assert_eq!(&p[56..60], &[0, 0, 0, 0]);
        assert_eq!(
            &p[TCPDIAG_REQUEST_LEN..TCPDIAG_REQUEST_LEN + 4],
            &[12, 0, 1, 0]
        );
        assert_eq!(&p[TCPDIAG_REQUEST_LEN + 4..], &r.bytecode[..]);
    }
}
