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
