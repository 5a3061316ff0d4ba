//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// The school's config file; every path in it is relative to it.
    #[arg(short, long, global = true, default_value = "config.toml")]
    pub config: PathBuf,
    /// Where outputs go (default: `out` beside the config, or `files.out`).
    #[arg(long, global = true)]
    pub out: Option<PathBuf>,
    /// Language of messages and labels, overriding the config's `language`.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    match text {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        _ => Err("expected zh or en".to_string()),
    }
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
    /// Create a starter config and template files in a folder.
    Init(crate::cmd::init::Args),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
