//! Exit codes: 0 success, 1 problems in the data, 2 usage or configuration.

use std::process::ExitCode;

/// The data has problems; they have already been printed.
#[derive(Debug)]
pub struct DataProblems;

impl std::fmt::Display for DataProblems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("problems in the input data")
    }
}

impl std::error::Error for DataProblems {}

pub const OK: u8 = 0;
pub const DATA: u8 = 1;
pub const USAGE: u8 = 2;

/// Maps a command's result to the process exit code, printing any error chain.
pub fn finish(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::from(OK),
        Err(e) if e.is::<DataProblems>() => ExitCode::from(DATA),
        Err(e) => {
            // A closed pipe (`kehou calendar | head`) is not an error.
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::from(OK);
            }
            eprintln!("kehou: {e:#}");
            ExitCode::from(USAGE)
        }
    }
}

/// `println!` that neither panics nor stops the work when stdout is closed
/// (`kehou daily | head`): a batch run still writes its files. Other write
/// errors are returned.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::exit::quiet_pipe(writeln!(std::io::stdout(), $($arg)*))?;
    }};
}

/// `print!` with the same care as [`say!`].
#[macro_export]
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::exit::quiet_pipe(write!(std::io::stdout(), $($arg)*))?;
    }};
}

/// A closed pipe on stdout is not an error.
pub fn quiet_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
