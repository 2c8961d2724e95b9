//! C library name-service entry points that the `libc` crate does not declare.
//!
//! net-tools uses the classic NSS calls; matching its output means calling the
//! same ones, so that `/etc/hosts`, `/etc/networks`, `nsswitch.conf` and DNS
//! apply exactly as they do for net-tools.

use libc::{c_char, c_int, c_void};

/// `TRY_AGAIN` from `<netdb.h>`: the name server did not answer (in time).
pub const TRY_AGAIN: c_int = 2;

/// `struct netent` from `<netdb.h>`.
#[repr(C)]
pub struct NetEnt {
    pub n_name: *mut c_char,
    pub n_aliases: *mut *mut c_char,
    pub n_addrtype: c_int,
    pub n_net: u32,
}

/// `struct servent` from `<netdb.h>`.
#[repr(C)]
pub struct ServEnt {
    pub s_name: *mut c_char,
    pub s_aliases: *mut *mut c_char,
    pub s_port: c_int,
    pub s_proto: *mut c_char,
}

/// `struct protoent` from `<netdb.h>`.
#[repr(C)]
pub struct ProtoEnt {
    pub p_name: *mut c_char,
    pub p_aliases: *mut *mut c_char,
    pub p_proto: c_int,
}

unsafe extern "C" {
    pub fn gethostbyaddr_r(
        addr: *const c_void,
        len: libc::socklen_t,
        kind: c_int,
        ret: *mut libc::hostent,
        buf: *mut c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    pub fn getnetbyaddr(net: u32, kind: c_int) -> *mut NetEnt;
    pub fn setservent(stay_open: c_int);
    pub fn getservent() -> *mut ServEnt;
    pub fn endservent();
    pub fn setprotoent(stay_open: c_int);
    pub fn getprotoent() -> *mut ProtoEnt;
    pub fn endprotoent();
    pub fn inet_ntop(
        af: c_int,
        src: *const c_void,
        dst: *mut c_char,
        size: libc::socklen_t,
    ) -> *const c_char;
}

/// Copy a C string into bytes; a null pointer gives `None`.
///
/// # Safety
/// `ptr` must be null or point to a NUL-terminated string.
pub unsafe fn c_bytes(ptr: *const c_char) -> Option<Vec<u8>> {
    if ptr.is_null() {
        None
    } else {
        // SAFETY: guaranteed by the caller.
        Some(unsafe { std::ffi::CStr::from_ptr(ptr) }.to_bytes().to_vec())
    }
}
