//! `netstat`: exit status, SIGPIPE, top-level errors. Everything else lives in the library.

use netstat::render::Out;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether SIGPIPE was ignored when the program was started.
static SIGPIPE_WAS_IGNORED: AtomicBool = AtomicBool::new(false);

/// Records the SIGPIPE disposition the parent handed over. The Rust runtime sets
/// SIGPIPE to ignored before `main` runs, so `main` cannot see it any more; an ELF
/// constructor runs before the runtime does.
extern "C" fn record_sigpipe() {
    // SAFETY: sigaction with a null new action only reads the current one into
    // a zeroed struct.
    let ignored = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGPIPE, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    };
    SIGPIPE_WAS_IGNORED.store(ignored, Ordering::Relaxed);
}

#[used]
// SAFETY: a function pointer in .init_array is called once by the dynamic loader
// before `main`, with no arguments; `record_sigpipe` touches only an atomic.
#[unsafe(link_section = ".init_array")]
static RECORD_SIGPIPE: extern "C" fn() = record_sigpipe;

fn main() {
    // Die quietly on a closed pipe, like the C program (`netstat -an | head -1`).
    // When the parent ignored SIGPIPE, keep it ignored, as the C program does: a
    // write then fails with EPIPE, which ends nothing (see render::output).
    if !SIGPIPE_WAS_IGNORED.load(Ordering::Relaxed) {
        // SAFETY: setting a signal disposition to SIG_DFL has no preconditions.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let args: Vec<_> = std::env::args_os().collect();
    let posixly_correct = std::env::var_os("POSIXLY_CORRECT").is_some();
    let status = match netstat::cli::parse(args, posixly_correct) {
        netstat::cli::Parsed::Exit {
            stdout,
            stderr,
            status,
        } => {
            let mut out = Out::stdout();
            out.bytes(&stdout);
            let written = out.check();
            let _ = std::io::Write::write_all(&mut std::io::stderr(), &stderr);
            match written {
                Ok(()) => status,
                Err(fatal) => {
                    netstat::error::warn(fatal.message.as_deref().unwrap_or_default());
                    if status == 0 { fatal.status } else { status }
                }
            }
        }
        netstat::cli::Parsed::Run { options, warnings } => {
            for warning in &warnings {
                netstat::error::warn(warning);
            }
            netstat::mode::run(&options)
        }
    };
    std::process::exit(status);
}
