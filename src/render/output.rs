//! The one buffered writer behind stdout.
//!
//! net-tools ignores errors from `printf`; so do we. A closed pipe never
//! reaches here: `main` restores the default SIGPIPE action, so the process
//! ends quietly exactly as the C program does (`netstat -an | head -1`).

use std::io::{self, Write};

/// Buffered output that remembers the first write error and then drops the rest.
pub struct Out {
    inner: Box<dyn Write>,
    broken: bool,
}

impl Out {
    /// Block-buffered stdout.
    pub fn stdout() -> Self {
        Out::new(Box::new(io::BufWriter::with_capacity(
            64 * 1024,
            io::stdout(),
        )))
    }

    pub fn new(inner: Box<dyn Write>) -> Self {
        Out {
            inner,
            broken: false,
        }
    }

    /// Write bytes; after a failure, further output is dropped.
    pub fn bytes(&mut self, data: &[u8]) {
        if !self.broken && self.inner.write_all(data).is_err() {
            self.broken = true;
        }
    }

    /// Write a string.
    pub fn str(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// Push buffered output to the kernel (before sleeping in `-c`, before exit).
    pub fn flush(&mut self) {
        if !self.broken && self.inner.flush().is_err() {
            self.broken = true;
        }
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        self.flush();
    }
}
