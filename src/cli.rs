//! The command line: the commands and their options, parsed in the user's
//! language (help, usage errors and dates follow `--lang`, the config's
//! `language` or the locale).

pub mod dates;
pub mod lang;
pub mod localize;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::i18n::Lang;

/// kehou (课后): plans and runs a primary school's after-school service.
#[derive(Debug, Parser)]
#[command(name = "kehou", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The school's config file, or the folder holding config.toml; every path in it is relative to it.
    #[arg(short, long, global = true, default_value = "config.toml")]
    pub config: PathBuf,
    /// Where outputs go (default: `out` beside the config, or `files.out`).
    #[arg(long, global = true)]
    pub out: Option<PathBuf>,
    /// Language of messages and labels, overriding the config's `language`.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Print only problems, no summaries or file lists.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: every club's changes in `plan`, every row not recorded in `record`.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The language everything is said in: `--lang`, else the config's
    /// `language`, else the locale (LC_ALL, LC_MESSAGES, LANG), else Chinese.
    #[arg(skip)]
    pub language: Lang,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    lang::parse(text).ok_or_else(|| "expected zh or en".to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every input file and report every problem at once.
    Check(crate::cmd::check::Args),
    /// Show the term's service days, closures, makeup days and days without clubs.
    Calendar(crate::cmd::calendar::Args),
    /// Report the consent slips: returned, opted in or out, missing, per class.
    Consent(crate::cmd::consent::Args),
    /// Place every student in a homework room and in clubs; write the timetable.
    Plan(crate::cmd::plan::Args),
    /// Print a service day's sign-in sheets, handover and dismissal lists, duty sheet.
    Daily(crate::cmd::daily::Args),
    /// Merge filled registers (daily workbooks or CSV) into the attendance ledger.
    Record(crate::cmd::record::Args),
    /// Compile the weekly absence report: counts, follow-ups, repeats, unrecorded registers.
    Weekly(crate::cmd::weekly::Args),
    /// Compute the term's cost-recovery fees per student and class.
    Fees(crate::cmd::fees::Args),
    /// Count the sessions and hours each teacher served in a month.
    Hours(crate::cmd::hours::Args),
    /// Print a placement notice per child in service, and a text per class for the parents' group.
    Notices(crate::cmd::notices::Args),
    /// Print the roster of every club (admitted and waiting), special activity and homework room.
    Rosters(crate::cmd::rosters::Args),
    /// Print the month's register grid (点名册) per group, filled from the ledger or blank.
    Roll(crate::cmd::roll::Args),
    /// Print each child's consent slip (告家长书回执) with the clubs open to their grade.
    Slips(crate::cmd::slips::Args),
    /// Write every table of the school's database as CSV (plan, waiting lists, ledger, history).
    Export(crate::cmd::export::Args),
    /// Copy the school's database into a new file, safely while kehou runs.
    Backup(crate::cmd::backup::Args),
    /// Create a starter config and template files in a folder.
    Init(crate::cmd::init::Args),
    /// The term's facts per teacher and leader for the assessment (考评): no score.
    Assess(crate::cmd::assess::Args),
    /// List the care log's incidents of a month, with the time it took to tell the guardian.
    Incidents(crate::cmd::incidents::Args),
    /// List the unexplained absences not yet followed up to closure, overdue first; record filled lists with --close.
    Followup(crate::cmd::followup::Args),
    /// Make the next term's folder from this one: classes a grade up, consent empty, the calendar to fill in.
    Rollover(crate::cmd::rollover::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(crate::cmd::completions::Args),
    /// Print the manual page (man page, roff).
    Man(crate::cmd::man::Args),
}

/// The whole command tree in `lang`: help texts, headings and examples.
pub fn command(lang: Lang) -> clap::Command {
    localize::localize(Cli::command(), lang)
}

/// Parses the process's arguments in the user's language. `Err` is the exit
/// code after help, the version or a usage error has been printed.
pub fn parse(args: Vec<OsString>) -> Result<Cli, std::process::ExitCode> {
    let start = lang::Start::from_args(&args);
    dates::set_context(start.dates);
    let tree = command(start.lang);
    // The first word naming a command, for "see kehou daily --help".
    let named = args.iter().skip(1).find_map(|a| {
        let word = a.to_str()?;
        tree.find_subcommand(word).map(|_| word.to_string())
    });
    let matches = tree.try_get_matches_from(args);
    let cli = matches.and_then(|m| Cli::from_arg_matches(&m));
    match cli {
        Ok(mut cli) => {
            cli.global.language = start.lang;
            crate::exit::set_quiet(cli.global.quiet);
            Ok(cli)
        }
        Err(e) => Err(localize::exit_with(&e, start.lang, named)),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
        super::command(crate::i18n::Lang::Zh).debug_assert();
        super::command(crate::i18n::Lang::En).debug_assert();
    }
}
