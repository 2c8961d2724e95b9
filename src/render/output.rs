//! The one buffered writer behind stdout, and what happens when writing fails.
//!
//! The write-error rule (a deliberate difference from 2.10, which ignores every
//! `printf` failure): the first failed write to stdout is remembered, the rest of
//! the output is dropped, and the run ends with `netstat: write error: TEXT` on
//! stderr and exit status 1, as GNU tools do (`ls > /dev/full`). The check is made
//! after every flush: at the end of a run, after each `-c` pass, after each
//! `--netlink` line.
//!
//! A closed pipe is not reported. With SIGPIPE at its default action (what `main`
//! restores unless the parent ignored it) the process ends quietly of the signal,
//! as the C program does (`netstat -an | head -1`). When the parent set SIGPIPE to
//! ignored, writes fail with EPIPE and net-tools carries on silently: a listing ends
//! with status 0, as here. Its `-c` loop then never ends, writing to nothing; this
//! program ends it quietly with status 0 at the first check after the pipe closed.

use crate::error::{Fatal, strerror};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// The exit status of a run whose output could not be written (GNU's `EXIT_FAILURE`).
pub const WRITE_ERROR_STATUS: i32 = 1;

/// Buffered output that remembers the first write error and then drops the rest.
pub struct Out {
    inner: Box<dyn Write>,
    error: Option<io::Error>,
    /// The error was already handed out by [`Out::check`] (it ends the run once).
    reported: bool,
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
            error: None,
            reported: false,
        }
    }

    /// Write bytes; after a failure, further output is dropped.
    pub fn bytes(&mut self, data: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.inner.write_all(data)
        {
            self.error = Some(e);
        }
    }

    /// Write a string.
    pub fn str(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// Push buffered output to the kernel (before sleeping in `-c`, before exit).
    pub fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
    }

    /// Flush, then the error that must end the run, if a write failed: a
    /// closed pipe ends it quietly with status 0, any other failure with the
    /// write error (see the module documentation). It is handed out once.
    pub fn check(&mut self) -> Result<(), Fatal> {
        self.flush();
        match &self.error {
            Some(_) if self.reported => Ok(()),
            Some(e) => {
                self.reported = true;
                Err(if e.raw_os_error() == Some(libc::EPIPE) {
                    Fatal::silent(0)
                } else {
                    write_error(e)
                })
            }
            None => Ok(()),
        }
    }
}

/// Output kept in memory, to be written out later (a namespace's section of
/// `--all-netns`, made on a worker thread), or inspected by a unit test.
#[derive(Clone, Default)]
pub struct Kept(Rc<RefCell<Vec<u8>>>);

impl Kept {
    /// An [`Out`] that writes here.
    pub fn out(&self) -> Out {
        Out::new(Box::new(self.clone()))
    }

    /// What was written so far, leaving nothing.
    pub fn take(&self) -> Vec<u8> {
        self.0.take()
    }
}

impl Write for Kept {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `netstat: write error: TEXT`, the GNU tools' message for a failed write to stdout.
pub fn write_error(e: &io::Error) -> Fatal {
    Fatal::new(
        WRITE_ERROR_STATUS,
        format!("netstat: write error: {}", strerror(e)),
    )
}

impl Drop for Out {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with one errno.
    struct Failing(i32);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_reported_and_a_closed_pipe_ends_quietly() {
        let mut out = Out::new(Box::new(Failing(libc::ENOSPC)));
        out.str("row\n");
        let fatal = out.check().unwrap_err();
        assert_eq!(
            fatal.message.as_deref(),
            Some("netstat: write error: No space left on device")
        );
        assert_eq!(fatal.status, 1);
        assert_eq!(out.check(), Ok(()), "reported once");
        let mut out = Out::new(Box::new(Failing(libc::EPIPE)));
        out.str("row\n");
        assert_eq!(
            out.check(),
            Err(Fatal::silent(0)),
            "a closed pipe ends quietly"
        );
        assert_eq!(out.check(), Ok(()));
    }
}
