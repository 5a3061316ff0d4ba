//! Exit codes: 0 success, 1 problems in the data, 2 usage or configuration.

use std::process::ExitCode;

use crate::config::ConfigSyntax;
use crate::i18n::{Guide, Lang};

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

/// A sentence for the user that ends the run as a usage or configuration
/// error, said in the run's language when it is printed.
#[derive(Debug)]
pub struct Told(pub Guide);

impl std::fmt::Display for Told {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render(Lang::En))
    }
}

impl std::error::Error for Told {}

/// Maps a command's result to the process exit code, printing any error
/// chain in `lang`.
pub fn finish(result: anyhow::Result<()>, lang: Lang) -> ExitCode {
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
            eprintln!("kehou: {}", visible(&said(&e, lang)));
            ExitCode::from(USAGE)
        }
    }
}

/// An error as the user reads it, in `lang`.
pub fn said(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(Told(guide)) = e.downcast_ref::<Told>() {
        guide.render(lang)
    } else if let Some(refused) = e.downcast_ref::<crate::output::Refused>() {
        refused.render(lang)
    } else if let Some(failed) = e.downcast_ref::<crate::output::CannotWrite>() {
        failed.render(lang)
    } else if let Some(syntax) = e.downcast_ref::<ConfigSyntax>() {
        syntax.render(lang)
    } else {
        format!("{e:#}")
    }
}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `-q/--quiet`: what [`say!`] prints (summaries, file lists) is left out;
/// problems still go to stderr.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

pub fn is_quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// `println!` that neither panics nor stops the work when stdout is closed
/// (`kehou daily | head`): a batch run still writes its files. Other write
/// errors are returned.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if !$crate::exit::is_quiet() {
            let line = format!($($arg)*);
            $crate::exit::quiet_pipe(writeln!(std::io::stdout(), "{}", $crate::exit::visible(&line)))?;
        }
    }};
}

/// `print!` with the same care as [`say!`].
#[macro_export]
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if !$crate::exit::is_quiet() {
            $crate::exit::quiet_pipe(write!(std::io::stdout(), $($arg)*))?;
        }
    }};
}

/// Text for the terminal with every control character but tab and line
/// breaks shown as `\u{1b}`: an ESC typed into `--lang`, `--date`, `-c` or a
/// file's name never clears the screen or hides lines.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hostile = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !text.chars().any(hostile) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hostile(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A closed pipe on stdout is not an error.
pub fn quiet_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
