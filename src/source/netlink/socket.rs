//! A blocking netlink socket: requests, multi-part dumps, notifications.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

pub const NLMSG_ERROR: u16 = 2;
pub const NLMSG_DONE: u16 = 3;
pub const NLM_F_REQUEST: u16 = 0x1;
pub const NLM_F_MULTI: u16 = 0x2;
pub const NLM_F_ACK: u16 = 0x4;
pub const NLM_F_DUMP: u16 = 0x300;
/// Set by the kernel on a dump message when the table changed during the dump.
pub const NLM_F_DUMP_INTR: u16 = 0x10;

const HEADER_LEN: usize = 16;

/// One netlink message: type, flags and the payload after the 16-byte header.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    pub kind: u16,
    pub flags: u16,
    pub seq: u32,
    pub payload: &'a [u8],
}

/// Why a dump did not complete.
#[derive(Debug)]
pub enum DumpError {
    /// The socket failed, or the kernel answered with an error (errno inside).
    Io(io::Error),
    /// The kernel marked the dump inconsistent (`NLM_F_DUMP_INTR`): retry it.
    Interrupted,
}

impl From<io::Error> for DumpError {
    fn from(e: io::Error) -> Self {
        DumpError::Io(e)
    }
}

/// An open `AF_NETLINK` socket.
#[derive(Debug)]
pub struct NetlinkSocket {
    fd: OwnedFd,
    seq: u32,
    buf: Vec<u8>,
}

/// The descriptor, for callers that wait on it (`poll`) before reading.
impl AsFd for NetlinkSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl NetlinkSocket {
    /// Open a socket of the given netlink protocol (`NETLINK_SOCK_DIAG`, ...),
    /// subscribed to the multicast `groups` bit mask (0 for none).
    pub fn open(protocol: i32, groups: u32) -> io::Result<Self> {
        // SAFETY: plain socket(2)/bind(2) calls on a zeroed sockaddr_nl.
        unsafe {
            let fd = libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_RAW | libc::SOCK_CLOEXEC,
                protocol,
            );
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            let fd = OwnedFd::from_raw_fd(fd);
            let mut addr: libc::sockaddr_nl = std::mem::zeroed();
            addr.nl_family = libc::AF_NETLINK as libc::sa_family_t;
            addr.nl_groups = groups;
            let rc = libc::bind(
                fd.as_raw_fd(),
                (&addr as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
            );
            if rc < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(NetlinkSocket {
                fd,
                seq: 0,
                buf: vec![0; 1 << 16],
            })
        }
    }

    /// Join one more multicast group by number (for groups above 32).
    pub fn join_group(&self, group: u32) -> io::Result<()> {
        // SAFETY: setsockopt with a u32 option value of the right size.
        let rc = unsafe {
            libc::setsockopt(
                self.fd.as_raw_fd(),
                libc::SOL_NETLINK,
                libc::NETLINK_ADD_MEMBERSHIP,
                (&group as *const u32).cast(),
                4,
            )
        };
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    /// Send one request to the kernel; returns its sequence number.
    pub fn send(&mut self, kind: u16, flags: u16, payload: &[u8]) -> io::Result<u32> {
        self.seq = self.seq.wrapping_add(1);
        let len = HEADER_LEN + payload.len();
        let mut msg = Vec::with_capacity(align(len));
        msg.extend_from_slice(&(len as u32).to_ne_bytes());
        msg.extend_from_slice(&kind.to_ne_bytes());
        msg.extend_from_slice(&flags.to_ne_bytes());
        msg.extend_from_slice(&self.seq.to_ne_bytes());
        msg.extend_from_slice(&0u32.to_ne_bytes());
        msg.extend_from_slice(payload);
        msg.resize(align(len), 0);
        // SAFETY: a zeroed sockaddr_nl addresses the kernel (pid 0).
        let rc = unsafe {
            let mut addr: libc::sockaddr_nl = std::mem::zeroed();
            addr.nl_family = libc::AF_NETLINK as libc::sa_family_t;
            libc::sendto(
                self.fd.as_raw_fd(),
                msg.as_ptr().cast(),
                msg.len(),
                0,
                (&addr as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
            )
        };
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(self.seq)
        }
    }

    /// Send one request asking for an acknowledgement and wait for it: `Ok`
    /// for the acknowledgement, the kernel's errno otherwise.
    pub fn request(&mut self, kind: u16, payload: &[u8]) -> io::Result<()> {
        let seq = self.send(kind, NLM_F_REQUEST | NLM_F_ACK, payload)?;
        loop {
            let n = self.receive()?;
            let answer = messages(&self.buf[..n])
                .find(|message| message.seq == seq && message.kind == NLMSG_ERROR)
                .map(|message| error_of(message.payload));
            if let Some(answer) = answer {
                return answer;
            }
        }
    }

    /// Send a dump request and hand every answer message to `each` until
    /// `NLMSG_DONE`. A kernel error ends the dump with that errno; a message
    /// flagged `NLM_F_DUMP_INTR` makes the whole dump report `Interrupted`
    /// (after it was read to the end, so the socket stays usable).
    pub fn dump(
        &mut self,
        kind: u16,
        payload: &[u8],
        mut each: impl FnMut(Message<'_>),
    ) -> Result<(), DumpError> {
        let seq = self.send(kind, NLM_F_REQUEST | NLM_F_DUMP, payload)?;
        let mut interrupted = false;
        loop {
            let n = self.receive()?;
            let mut done = None;
            for message in messages(&self.buf[..n]) {
                if message.seq != seq {
                    continue;
                }
                if message.flags & NLM_F_DUMP_INTR != 0 {
                    interrupted = true;
                }
                match message.kind {
                    NLMSG_DONE => done = Some(Ok(())),
                    NLMSG_ERROR => done = Some(error_of(message.payload)),
                    _ => each(message),
                }
                if done.is_some() {
                    break;
                }
            }
            match done {
                Some(Ok(())) if interrupted => return Err(DumpError::Interrupted),
                Some(Ok(())) => return Ok(()),
                Some(Err(e)) => return Err(DumpError::Io(e)),
                None => {}
            }
        }
    }

    /// Block for the next datagram and hand each message in it to `each`
    /// (for notification listeners).
    pub fn next_batch(&mut self, mut each: impl FnMut(Message<'_>)) -> io::Result<()> {
        let n = self.receive()?;
        for message in messages(&self.buf[..n]) {
            each(message);
        }
        Ok(())
    }

    /// Receive one datagram into the buffer, growing it if the kernel has a
    /// bigger one queued.
    fn receive(&mut self) -> io::Result<usize> {
        loop {
            // SAFETY: MSG_PEEK|MSG_TRUNC only reports the queued size.
            let size = unsafe {
                libc::recv(
                    self.fd.as_raw_fd(),
                    std::ptr::null_mut(),
                    0,
                    libc::MSG_PEEK | libc::MSG_TRUNC,
                )
            };
            if size < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(err);
            }
            if size as usize > self.buf.len() {
                self.buf.resize(size as usize, 0);
            }
            // SAFETY: buf is writable for its whole length.
            let n = unsafe {
                libc::recv(
                    self.fd.as_raw_fd(),
                    self.buf.as_mut_ptr().cast(),
                    self.buf.len(),
                    0,
                )
            };
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(err);
            }
            return Ok(n as usize);
        }
    }
}

/// The errno of an `NLMSG_ERROR` payload (0 is an acknowledgement).
fn error_of(payload: &[u8]) -> io::Result<()> {
    let code = payload.get(..4).map_or(-libc::EPROTO, |b| {
        i32::from_ne_bytes([b[0], b[1], b[2], b[3]])
    });
    if code == 0 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(-code))
    }
}

/// Iterate the messages of one datagram; a truncated tail is dropped.
pub fn messages(mut data: &[u8]) -> impl Iterator<Item = Message<'_>> {
    std::iter::from_fn(move || {
        if data.len() < HEADER_LEN {
            return None;
        }
        let len = u32::from_ne_bytes([data[0], data[1], data[2], data[3]]) as usize;
        if len < HEADER_LEN || len > data.len() {
            return None;
        }
        let message = Message {
            kind: u16::from_ne_bytes([data[4], data[5]]),
            flags: u16::from_ne_bytes([data[6], data[7]]),
            seq: u32::from_ne_bytes([data[8], data[9], data[10], data[11]]),
            payload: &data[HEADER_LEN..len],
        };
        data = &data[align(len).min(data.len())..];
        Some(message)
    })
}

/// Netlink's 4-byte alignment.
pub fn align(len: usize) -> usize {
    (len + 3) & !3
}

/// Iterator over `rtattr`/`nlattr` items: (type without flag bits, value).
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    data: &'a [u8],
}

impl<'a> Attributes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Attributes { data }
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.data.len() < 4 {
            return None;
        }
        let len = u16::from_ne_bytes([self.data[0], self.data[1]]) as usize;
        let kind = u16::from_ne_bytes([self.data[2], self.data[3]]) & 0x3fff;
        if len < 4 || len > self.data.len() {
            self.data = &[];
            return None;
        }
        let value = &self.data[4..len];
        self.data = &self.data[align(len).min(self.data.len())..];
        Some((kind, value))
    }
}

/// An address attribute value: 4 bytes IPv4, 16 bytes IPv6, else `None`.
pub fn ip_address(value: &[u8]) -> Option<std::net::IpAddr> {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    match value.len() {
        4 => Some(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(value).ok()?))),
        16 => Some(IpAddr::V6(Ipv6Addr::from(
            <[u8; 16]>::try_from(value).ok()?,
        ))),
        _ => None,
    }
}

/// A big-endian u16 at the start of an attribute value.
pub fn be16(value: &[u8]) -> Option<u16> {
    Some(u16::from_be_bytes(value.get(..2)?.try_into().ok()?))
}

/// A big-endian u32 at the start of an attribute value.
pub fn be32(value: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(value.get(..4)?.try_into().ok()?))
}

/// Test support: one attribute in netlink layout (native-endian header,
/// value padded to 4 bytes).
#[cfg(test)]
pub fn encode_attribute(kind: u16, value: &[u8]) -> Vec<u8> {
    let mut a = ((4 + value.len()) as u16).to_ne_bytes().to_vec();
    a.extend_from_slice(&kind.to_ne_bytes());
    a.extend_from_slice(value);
    a.resize(align(a.len()), 0);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_messages_and_attributes_stop_cleanly() {
        let mut data = vec![20, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9];
        data.extend_from_slice(&[200, 0, 0, 0, 1, 0]);
        let all: Vec<_> = messages(&data).collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].kind, NLMSG_DONE);
        assert_eq!(all[0].payload, &[9, 9, 9, 9]);
        let attrs: Vec<_> = Attributes::new(&[6, 0, 1, 0, 7, 7, 0, 0, 99, 0, 2]).collect();
        assert_eq!(attrs, vec![(1, &[7u8, 7][..])]);
    }

    #[test]
    fn error_payloads() {
        assert!(error_of(&0i32.to_ne_bytes()).is_ok());
        assert_eq!(
            error_of(&(-libc::EPERM).to_ne_bytes())
                .unwrap_err()
                .raw_os_error(),
            Some(libc::EPERM)
        );
        assert!(error_of(&[1]).is_err());
    }
}
