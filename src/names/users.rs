//! User ids to names (spec §2.6), cached.

use crate::render::text::push_i64;
use std::collections::HashMap;

/// Cached `getpwuid_r` answers.
#[derive(Debug, Default)]
pub struct Users {
    cache: HashMap<i64, Vec<u8>>,
}

impl Users {
    pub fn new() -> Self {
        Self::default()
    }

    /// The user column: the login name, or the decimal uid when `numeric` or unknown.
    pub fn name(&mut self, uid: i64, numeric: bool) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_name(uid, numeric, &mut out);
        out
    }

    /// [`Users::name`], appended to `out`.
    pub fn write_name(&mut self, uid: i64, numeric: bool, out: &mut Vec<u8>) {
        if numeric {
            return push_i64(out, uid);
        }
        let name = self
            .cache
            .entry(uid)
            .or_insert_with(|| lookup(uid).unwrap_or_else(|| uid.to_string().into_bytes()));
        out.extend_from_slice(name);
    }
}

fn lookup(uid: i64) -> Option<Vec<u8>> {
    // net-tools passes the signed value read from /proc straight to getpwuid,
    // so it converts to uid_t the way C does.
    let uid = uid as libc::uid_t;
    let mut buf = vec![0 as libc::c_char; 4096];
    loop {
        // SAFETY: pwd and result are valid out-pointers, buf is writable for
        // buf.len() bytes; on success pw_name points into buf.
        unsafe {
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut result: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
            if rc == libc::ERANGE && buf.len() < 1 << 20 {
                buf.resize(buf.len() * 2, 0);
                continue;
            }
            if rc != 0 || result.is_null() {
                return None;
            }
            return super::ffi::c_bytes(pwd.pw_name);
        }
    }
}

/// The uid of a login name (`getpwnam_r`), for filters given a user name.
pub fn uid_by_name(name: &str) -> Option<u32> {
    let name = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: getpwnam_r writes into pwd and buf within the lengths given;
    // result points at pwd or is null.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result = std::ptr::null_mut();
        let rc = libc::getpwnam_r(
            name.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        );
        (rc == 0 && !result.is_null()).then_some(pwd.pw_uid)
    }
}
