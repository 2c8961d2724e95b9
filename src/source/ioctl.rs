//! Interface settings from the kernel through the classic `SIOCGIF*` ioctls,
//! exactly the ones 2.10 issues for `netstat -i` (spec §5.1).

use crate::model::interface::{DeviceMap, InterfaceConfig, Ipv4Config};
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// `ARPHRD_*` types of the serial-line family, which have line settings.
const SLIP_TYPES: [u16; 5] = [256, 257, 258, 259, 264];
/// `SIOCDEVPRIVATE + 1` and `+ 3`: SLIP keepalive and outfill (`linux/if_slip.h`).
const SIOCGKEEPALIVE: libc::c_ulong = 0x89F1;
const SIOCGOUTFILL: libc::c_ulong = 0x89F3;

/// A datagram socket to issue interface ioctls on.
pub struct InterfaceSocket {
    fd: OwnedFd,
    /// IPv4 addresses can only be asked for on an AF_INET socket.
    inet: bool,
}

impl InterfaceSocket {
    /// An AF_INET socket, or failing that AF_INET6 or AF_UNIX (2.10 opens one
    /// per family and carries on with any). The error is the last one met.
    pub fn open() -> io::Result<Self> {
        let mut last = io::Error::from_raw_os_error(libc::EAFNOSUPPORT);
        for family in [libc::AF_INET, libc::AF_INET6, libc::AF_UNIX] {
            // SAFETY: plain socket(2) call; the result is checked.
            let fd = unsafe { libc::socket(family, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
            if fd >= 0 {
                return Ok(InterfaceSocket {
                    // SAFETY: `fd` is a fresh descriptor that nothing else owns.
                    fd: unsafe { OwnedFd::from_raw_fd(fd) },
                    inet: family == libc::AF_INET,
                });
            }
            last = io::Error::last_os_error();
        }
        Err(last)
    }

    /// The names `SIOCGIFCONF` lists: interfaces and alias labels that have an
    /// IPv4 address, one entry per address.
    pub fn configured_names(&self) -> io::Result<Vec<Vec<u8>>> {
        let entry = std::mem::size_of::<libc::ifreq>();
        let mut count = 30;
        loop {
            // SAFETY: ifreq is plain old data; all zero is a valid value.
            let mut buf: Vec<libc::ifreq> = vec![unsafe { std::mem::zeroed() }; count];
            let len = (entry * count) as libc::c_int;
            let mut conf = libc::ifconf {
                ifc_len: len,
                ifc_ifcu: libc::__c_anonymous_ifc_ifcu {
                    ifcu_req: buf.as_mut_ptr(),
                },
            };
            // SAFETY: `conf` describes `buf`, which stays alive and is `len` bytes long.
            if unsafe { libc::ioctl(self.fd.as_raw_fd(), libc::SIOCGIFCONF, &mut conf) } < 0 {
                return Err(io::Error::last_os_error());
            }
            if conf.ifc_len == len {
                // A full buffer may have been too small: ask again with more room.
                count *= 2;
                continue;
            }
            let used = conf.ifc_len.max(0) as usize / entry;
            return Ok(buf[..used.min(count)].iter().map(name_of).collect());
        }
    }

    /// Everything 2.10 asks about one name. Only the flags are required: their
    /// failure is the error; every other ioctl that fails leaves its default.
    pub fn config(&self, name: &[u8]) -> io::Result<InterfaceConfig> {
        let mut req = request(name);
        self.ioctl(libc::SIOCGIFFLAGS, &mut req)?;
        // SAFETY (all union reads below): the kernel filled the member that
        // the preceding request returns; the union is plain data either way.
        let flags = (unsafe { req.ifr_ifru.ifru_flags }) as u16;
        let mut config = InterfaceConfig {
            flags,
            ..InterfaceConfig::default()
        };

        req = request_keeping(name, req);
        if self.ioctl(libc::SIOCGIFHWADDR, &mut req).is_ok() {
            let hw = unsafe { req.ifr_ifru.ifru_hwaddr };
            for (dst, src) in config.hw_addr.iter_mut().zip(hw.sa_data) {
                *dst = src as u8;
            }
        }
        // 2.10 takes the type from the request even when the ioctl failed,
        // where it still holds the flags.
        config.hw_type = unsafe { req.ifr_ifru.ifru_hwaddr.sa_family };

        req = request(name);
        if self.ioctl(libc::SIOCGIFMTU, &mut req).is_ok() {
            config.mtu = unsafe { req.ifr_ifru.ifru_mtu };
        }

        if SLIP_TYPES.contains(&config.hw_type) {
            config.outfill = self.private_value(name, SIOCGOUTFILL);
            config.keepalive = self.private_value(name, SIOCGKEEPALIVE);
        }

        req = request(name);
        if self.ioctl(libc::SIOCGIFMAP, &mut req).is_ok() {
            let map = unsafe { req.ifr_ifru.ifru_map };
            // c_ulong is narrower than u64 on 32-bit targets.
            #[allow(clippy::unnecessary_cast)]
            let map = DeviceMap {
                mem_start: map.mem_start as u64,
                mem_end: map.mem_end as u64,
                base_addr: map.base_addr,
                irq: map.irq,
                dma: map.dma,
                port: map.port,
            };
            config.map = map;
        }

        req = request(name);
        if self.ioctl(libc::SIOCGIFTXQLEN, &mut req).is_ok() {
            config.tx_queue_len = Some(unsafe { req.ifr_ifru.ifru_metric });
        }

        if self.inet {
            config.ipv4 = self.ipv4(name);
        }
        Ok(config)
    }

    fn ipv4(&self, name: &[u8]) -> Option<Ipv4Config> {
        let address = self.ipv4_address(name, libc::SIOCGIFADDR)?;
        Some(Ipv4Config {
            address,
            destination: self.ipv4_address(name, libc::SIOCGIFDSTADDR),
            broadcast: self.ipv4_address(name, libc::SIOCGIFBRDADDR),
            netmask: self.ipv4_address(name, libc::SIOCGIFNETMASK),
        })
    }

    fn ipv4_address(&self, name: &[u8], request_code: libc::c_ulong) -> Option<Ipv4Addr> {
        let mut req = request(name);
        req.ifr_ifru.ifru_addr.sa_family = libc::AF_INET as libc::sa_family_t;
        self.ioctl(request_code, &mut req).ok()?;
        // SAFETY: the address requests return a sockaddr_in in the union.
        let addr = unsafe { req.ifr_ifru.ifru_addr };
        let octets = [
            addr.sa_data[2],
            addr.sa_data[3],
            addr.sa_data[4],
            addr.sa_data[5],
        ];
        Some(Ipv4Addr::from(octets.map(|b| b as u8)))
    }

    /// A SLIP setting returned in `ifr_data` (0 when the ioctl fails).
    fn private_value(&self, name: &[u8], request_code: libc::c_ulong) -> i32 {
        let mut req = request(name);
        match self.ioctl(request_code, &mut req) {
            // SAFETY: these requests store a number in the data pointer.
            Ok(()) => (unsafe { req.ifr_ifru.ifru_data }) as usize as i32,
            Err(_) => 0,
        }
    }

    fn ioctl(&self, request_code: libc::c_ulong, req: &mut libc::ifreq) -> io::Result<()> {
        // SAFETY: every request used here reads and writes one ifreq.
        if unsafe { libc::ioctl(self.fd.as_raw_fd(), request_code, req as *mut libc::ifreq) } < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }
}

/// A zeroed request for `name` (cut to 15 bytes, like 2.10's `safe_strncpy`).
fn request(name: &[u8]) -> libc::ifreq {
    // SAFETY: ifreq is plain old data; all zero is a valid value.
    request_keeping(name, unsafe { std::mem::zeroed() })
}

/// `req` with its name replaced and its data kept, as when 2.10 reuses one
/// request structure for the next ioctl.
fn request_keeping(name: &[u8], mut req: libc::ifreq) -> libc::ifreq {
    req.ifr_name = [0; libc::IFNAMSIZ];
    for (dst, src) in req
        .ifr_name
        .iter_mut()
        .zip(name.iter().take(libc::IFNAMSIZ - 1))
    {
        *dst = *src as libc::c_char;
    }
    req
}

fn name_of(req: &libc::ifreq) -> Vec<u8> {
    req.ifr_name
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect()
}

/// The name of the interface with this index (`if_indextoname`), if any.
pub fn interface_name(index: u32) -> Option<Vec<u8>> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: the buffer holds IF_NAMESIZE bytes, as if_indextoname requires;
    // on success it holds a NUL-terminated name.
    let name = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if name.is_null() {
        return None;
    }
    // SAFETY: if_indextoname returned the buffer, NUL-terminated.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
    Some(name.to_bytes().to_vec())
}
