//! `netstat`: exit status, SIGPIPE, top-level errors. Everything else lives in the library.

use std::io::Write;

fn main() {
    // Die quietly on a closed pipe, like the C program (`netstat -an | head -1`).
    // SAFETY: setting a signal disposition to SIG_DFL has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<_> = std::env::args_os().collect();
    let posixly_correct = std::env::var_os("POSIXLY_CORRECT").is_some();
    let status = match netstat::cli::parse(args, posixly_correct) {
        netstat::cli::Parsed::Exit {
            stdout,
            stderr,
            status,
        } => {
            let _ = std::io::stdout().write_all(&stdout);
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().write_all(&stderr);
            status
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
