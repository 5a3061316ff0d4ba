//! One file per subcommand; this one dispatches and holds the shared start of
//! every command: read the config, then the school, reporting problems.

pub mod calendar;
pub mod check;
pub mod consent;
pub mod daily;
pub mod daily_absent;
pub mod fees;
pub mod hours;
pub mod init;
pub mod notices;
pub mod plan;
pub mod record;
pub mod roll;
pub mod rosters;
pub mod slips;
pub mod weekly;

use crate::cli::{Cli, Command, Global};
use anyhow::bail;

use crate::config::{self, Config};
use crate::exit::DataProblems;
use crate::i18n::Say;
use crate::input::{Problems, Severity};
use crate::plan::Plan;
use crate::school::School;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Check(args) => check::run(global, args),
        Command::Calendar(args) => calendar::run(global, args),
        Command::Consent(args) => consent::run(global, args),
        Command::Init(args) => init::run(global, args),
        Command::Plan(args) => plan::run(global, args),
        Command::Daily(args) => daily::run(global, args),
        Command::Record(args) => record::run(global, args),
        Command::Weekly(args) => weekly::run(global, args),
        Command::Fees(args) => fees::run(global, args),
        Command::Hours(args) => hours::run(global, args),
        Command::Notices(args) => notices::run(global, args),
        Command::Rosters(args) => rosters::run(global, args),
        Command::Roll(args) => roll::run(global, args),
        Command::Slips(args) => slips::run(global, args),
    }
}

/// Reads and validates the config; problems in it are printed and are a
/// configuration error (exit 2).
pub fn load_config(global: &Global) -> anyhow::Result<Config> {
    let mut problems = Problems::default();
    let mut config = config::load(&global.config, &mut problems)?;
    if let Some(lang) = global.lang {
        config.lang = lang;
    }
    if let Some(out) = &global.out {
        // Relative to where the command runs, as a user expects of a flag.
        config.files.out = std::path::absolute(out)?.display().to_string();
    }
    if problems.has_errors() {
        eprint!("{}", problems.report(config.lang, false));
        anyhow::bail!("{}", Say::ConfigHasErrors.render(config.lang));
    }
    eprint!("{}", problems.report(config.lang, false));
    Ok(config)
}

/// Reads the config and every input file. Errors in the data are printed with
/// the warnings and end the run with exit 1; warnings alone are printed and
/// the run goes on.
pub fn load_school(global: &Global) -> anyhow::Result<(Config, School)> {
    let config = load_config(global)?;
    let mut problems = Problems::default();
    let school = School::load(&config, &mut problems);
    let lang = config.lang;
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        return Err(DataProblems.into());
    }
    // Warnings were shown by `kehou check`; other commands only count them.
    if problems.count(Severity::Warning) > 0 {
        eprintln!(
            "{}{}",
            problems.summary(lang),
            Say::WarningsHint.render(lang)
        );
    }
    Ok((config, school))
}

/// The plan, which every command after `plan` needs.
pub fn load_plan(config: &Config) -> anyhow::Result<Plan> {
    let mut problems = Problems::default();
    let files = &config.files;
    let Some(plan) = Plan::load(&config.dir, &files.plan, &files.waitlist, &mut problems) else {
        bail!("{}", Say::NoPlanYet.render(config.lang));
    };
    if problems.has_errors() {
        eprint!("{}", problems.report(config.lang, false));
        return Err(DataProblems.into());
    }
    Ok(plan)
}

/// A date given on the command line, in any spelling the input files accept.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::input::parse::date(&crate::input::parse::fold(text))
        .ok_or_else(|| format!("'{text}' is not a date (2026-09-07)"))
}

/// `--from D --to D`: a range of dates, both included.
#[derive(Debug, clap::Args)]
pub struct Span {
    /// The first day of a range.
    #[arg(long, value_parser = parse_date, requires = "to")]
    pub from: Option<chrono::NaiveDate>,
    /// The last day of the range.
    #[arg(long, value_parser = parse_date, requires = "from")]
    pub to: Option<chrono::NaiveDate>,
}

impl Span {
    /// The range, if one was given.
    pub fn dates(&self) -> anyhow::Result<Option<(chrono::NaiveDate, chrono::NaiveDate)>> {
        match (self.from, self.to) {
            (Some(f), Some(t)) if t >= f => Ok(Some((f, t))),
            (Some(_), Some(_)) => bail!("--to is before --from"),
            _ => Ok(None),
        }
    }
}
