//! The one error type that ends a run: what to print on stderr and the exit status.

use std::fmt;

/// A condition that stops the program: an optional message for stderr (without
/// the trailing newline) and the exit status the shell sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatal {
    pub message: Option<String>,
    pub status: i32,
}

impl Fatal {
    /// Stop with `status`, printing `message` on stderr.
    pub fn new(status: i32, message: impl Into<String>) -> Self {
        Fatal {
            message: Some(message.into()),
            status,
        }
    }

    /// Stop with `status` and print nothing more (the message was already written).
    pub fn silent(status: i32) -> Self {
        Fatal {
            message: None,
            status,
        }
    }

    /// `perror(path)` followed by exit 255, as net-tools does for unexpected open errors.
    pub fn perror(path: &str, err: &std::io::Error) -> Self {
        Fatal::new(255, perror_text(path, err))
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => write!(f, "{m} (exit {})", self.status),
            None => write!(f, "exit {}", self.status),
        }
    }
}

impl std::error::Error for Fatal {}

/// `perror(path)`'s text for a `/proc` file: the path actually opened (see
/// [`crate::source::proc::shown_path`]), then the error.
pub fn perror_text(path: &str, err: &std::io::Error) -> String {
    format!(
        "{}: {}",
        crate::source::proc::shown_path(path),
        strerror(err)
    )
}

/// The C library's text for an I/O error (`strerror`), which is what `perror` prints.
/// Rust's own `Display` appends " (os error N)", which net-tools never shows.
pub fn strerror(err: &std::io::Error) -> String {
    match err.raw_os_error() {
        Some(code) => {
            // SAFETY: strerror returns a pointer to a NUL-terminated static or
            // thread-local string; we copy it out immediately.
            let text = unsafe { std::ffi::CStr::from_ptr(libc::strerror(code)) };
            text.to_string_lossy().into_owned()
        }
        None => err.to_string(),
    }
}

/// Write one line to stderr, ignoring failures (stderr may be closed).
pub fn warn(line: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line.as_bytes());
    let _ = err.write_all(b"\n");
}
