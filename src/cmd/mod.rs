//! One file per subcommand; this one dispatches and holds the shared start of
//! every command: read the config, then the school, reporting problems.

pub mod assess;
pub mod backup;
pub mod calendar;
pub mod check;
pub mod completions;
pub mod consent;
pub mod daily;
pub mod daily_absent;
pub mod export;
pub mod fees;
pub mod followup;
pub mod hours;
pub mod incidents;
pub mod init;
pub mod man;
pub mod notices;
pub mod notices_volunteers;
pub mod plan;
pub mod record;
pub mod roll;
pub mod rollover;
pub mod rosters;
pub mod slips;
pub mod weekly;

use crate::cli::{Cli, Command, Global};
use anyhow::bail;

use crate::config::{self, Config};
use crate::exit::{DataProblems, Told};
use crate::i18n::{Guide, Say, StateSay};
use crate::input::{Problems, Severity};
use crate::plan::Plan;
use crate::progress::Progress;
use crate::school::School;
use crate::store::Store;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let global = &cli.global;
    // Said by a run that waits for another holding the database.
    let name = format!("{:?}", cli.command);
    crate::store::set_command(&name[..name.find('(').unwrap_or(name.len())].to_lowercase());
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
        Command::Completions(args) => completions::run(global, args),
        Command::Man(args) => man::run(global, args),
        Command::Notices(args) => notices::run(global, args),
        Command::Rosters(args) => rosters::run(global, args),
        Command::Roll(args) => roll::run(global, args),
        Command::Slips(args) => slips::run(global, args),
        Command::Export(args) => export::run(global, args),
        Command::Backup(args) => backup::run(global, args),
        Command::Rollover(args) => rollover::run(global, args),
        Command::Incidents(args) => incidents::run(global, args),
        Command::Followup(args) => followup::run(global, args),
        Command::Assess(args) => assess::run(global, args),
    }
}

/// Reads and validates the config; problems in it are printed and are a
/// configuration error (exit 2).
pub fn load_config(global: &Global) -> anyhow::Result<Config> {
    let (config, problems) = read_config(global)?;
    eprint!("{}", problems.report(config.lang, false));
    config_verdict(&config, &problems)?;
    prepare_run(&config)?;
    Ok(config)
}

/// The config and what is wrong with it, nothing printed. A config straight
/// from `kehou init` has only its placeholders reported: what is left to
/// fill in is the whole story, and the values they make invalid are not
/// repeated.
pub fn read_config(global: &Global) -> anyhow::Result<(Config, Problems)> {
    let path = config_path(global)?;
    let mut problems = Problems::default();
    let mut config = match config::load(&path, &mut problems) {
        Ok(config) => config,
        Err(e) => {
            // Wrong values found before the file became unreadable.
            eprint!(
                "{}",
                problems.report(global.lang.unwrap_or(global.language), false)
            );
            return Err(e);
        }
    };
    // `--lang`, else the config's `language`, else the locale.
    config.lang = global.lang.unwrap_or(global.language);
    if let Some(out) = &global.out {
        // Relative to where the command runs, as a user expects of a flag.
        config.files.out = std::path::absolute(out)?.display().to_string();
    }
    let source = crate::config::read_source(&path)?;
    let left = crate::starter::placeholders(&source, &config.file);
    if left.iter().next().is_some() {
        problems = left;
    }
    Ok((config, problems))
}

/// Errors in the config end the run (exit 2), with what to do next.
pub fn config_verdict(config: &Config, problems: &Problems) -> anyhow::Result<()> {
    let placeholders = problems
        .iter()
        .filter(|p| p.msg == crate::i18n::Msg::Placeholder)
        .count();
    if placeholders > 0 {
        return Err(Told(Guide::PlaceholdersLeft(placeholders)).into());
    }
    if problems.has_errors() {
        anyhow::bail!("{}", Say::ConfigHasErrors.render(config.lang));
    }
    Ok(())
}

/// Before any state is read: keep this run's inputs and database from being
/// overwritten by its outputs. (Nothing is recovered: a killed run's
/// transaction is rolled back by SQLite itself.)
pub fn prepare_run(config: &Config) -> anyhow::Result<()> {
    crate::output::protect_for_run(config.input_paths().into_iter().chain(config.state_paths()));
    Ok(())
}

/// The issue date a parents' paper prints: the one asked for, else today.
pub fn issued(asked: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    asked.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Reads the config and every input file. Errors in the data are printed with
/// the warnings and end the run with exit 1; warnings alone are printed and
/// the run goes on.
pub fn load_school(global: &Global) -> anyhow::Result<(Config, School)> {
    let config = load_config(global)?;
    require_inputs(&config)?;
    let lang = config.lang;
    let mut problems = Problems::default();
    let school = read_school(&config, &mut problems);
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        return Err(DataProblems.into());
    }
    // Warnings were shown by `kehou check`; other commands only count them,
    // except which file was read in place of a missing one (the xlsx beside
    // a header-only template is a note, said by `check` alone).
    let substituted = problems.iter().filter(|p| {
        matches!(p.msg, crate::i18n::Msg::UsingOtherExtension { .. })
            && p.severity == Severity::Warning
    });
    for problem in substituted {
        eprintln!("{}", problem.render(lang));
    }
    if problems.count(Severity::Warning) > 0 {
        eprintln!(
            "{}{}",
            problems.summary(lang),
            Say::WarningsHint.render(lang)
        );
    }
    Ok((config, school))
}

/// Every input file, with a spinner on a terminal while a large school loads.
pub fn read_school(config: &Config, problems: &mut Problems) -> School {
    let progress = Progress::start(config.lang.pick("读取表格…", "reading the tables…"));
    let school = School::load(config, problems);
    progress.finish();
    school
}

/// Every input the school must have is there (or saved under another
/// extension, which the loader takes); a missing one is one error (exit 2),
/// not every reference into it that cannot be resolved.
pub fn require_inputs(config: &Config) -> anyhow::Result<()> {
    let missing = missing_inputs(config);
    if !missing.has_errors() {
        return Ok(());
    }
    eprint!("{}", missing.report(config.lang, false));
    bail!("{}", Say::InputsMissing.render(config.lang));
}

/// The required inputs that are not there under any extension, one error each.
pub fn missing_inputs(config: &Config) -> Problems {
    let mut problems = Problems::default();
    let missing = crate::input::bounds::missing_files(&config.dir, &config.required_inputs());
    for spec in &missing {
        if crate::input::with_other_extension(&config.dir, spec).is_none() {
            problems.file(Severity::Error, spec, crate::i18n::Msg::FileMissing);
        }
    }
    problems
}

/// The plan as it was printed (on each date, the version in force that
/// day), which every command after `plan` needs.
pub fn load_plan(config: &Config) -> anyhow::Result<Plan> {
    let mut store = open_store(config)?;
    let Some(plan) = store.plan_as_printed()? else {
        bail!("{}", no_plan_yet(config));
    };
    // Until a command names the dates it prints (`stamp_in_force`), its
    // workbooks name the newest version.
    if let Some(newest) = store.plan_versions()?.pop() {
        stamp_versions(config, &[newest]);
    }
    Ok(plan)
}

/// The supervision the timetables printed from `from` to `to` (the stored
/// duties of the plan versions in force on those dates).
pub fn load_printed(
    config: &Config,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> anyhow::Result<crate::supervision::Printed> {
    open_store(config)?.duties_in_force(from, to)
}

/// Names in the workbooks made next the plan versions in force from `from`
/// to `to` (what was printed on those dates), not the newest: a re-plan
/// later in term leaves an earlier day's sheets naming the earlier version.
pub fn stamp_in_force(
    config: &Config,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> anyhow::Result<()> {
    let mut store = open_store(config)?;
    let versions = store.versions_in_force(from, to)?;
    if !versions.is_empty() {
        stamp_versions(config, &versions);
    }
    Ok(())
}

fn stamp_versions(config: &Config, versions: &[crate::store::VersionInfo]) {
    let text: Vec<String> = versions
        .iter()
        .map(|v| {
            let stamp = StateSay::PlanVersion {
                version: v.version,
                as_of: v.as_of,
            };
            stamp.render(config.lang)
        })
        .collect();
    let sep = config.lang.pick("、", "; ");
    crate::report::worksheet::stamp_plan_version(text.join(sep));
}

/// The school's database; a school without one has no plan yet.
pub fn open_store(config: &Config) -> anyhow::Result<Store> {
    match Store::open(config)? {
        Some(store) => Ok(store),
        None => bail!("{}", no_plan_yet(config)),
    }
}

/// The care log: `incidents.csv` and the incidents `record` read from the
/// daily workbooks' 看管记录 sheets (none before the school has a database).
pub fn care_log(
    school: &crate::school::School,
    store: Option<&mut Store>,
) -> anyhow::Result<Vec<crate::incidents::Incident>> {
    let recorded = match store {
        Some(store) => store.incidents()?,
        None => Vec::new(),
    };
    Ok(crate::incidents::merged(&school.incidents, recorded))
}

/// The ledger's marks that `keep(date, status)` wants (empty before the
/// school has a database).
pub fn load_ledger(
    config: &Config,
    keep: impl Fn(chrono::NaiveDate, crate::attendance::Status) -> bool,
) -> anyhow::Result<crate::attendance::Ledger> {
    match Store::open(config)? {
        Some(mut store) => store.ledger_where(keep),
        None => Ok(Default::default()),
    }
}

fn no_plan_yet(config: &Config) -> String {
    let path = config.state_path().display().to_string();
    StateSay::NoPlanYet { path }.render(config.lang)
}

/// The config file `-c` names (`-c DIR` means `DIR/config.toml`); a missing
/// one says where kehou looked and how to go on.
pub fn config_path(global: &Global) -> anyhow::Result<std::path::PathBuf> {
    let path = crate::cli::lang::config_file(&global.config);
    if !path.is_file() {
        let here = global.config.as_os_str() == "config.toml";
        let misnamed = ["toml.txt", "txt", "toml.toml"]
            .map(|ext| path.with_extension(ext))
            .into_iter()
            .find(|p| p.is_file())
            .map(|p| p.display().to_string());
        let path = path.display().to_string();
        return Err(Told(Guide::NoConfig {
            path,
            here,
            misnamed,
        })
        .into());
    }
    Ok(path)
}

/// A date given on the command line: see [`crate::cli::dates`].
pub use crate::cli::dates::parse_date;

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
            (Some(_), Some(_)) => Err(Told(Guide::ToBeforeFrom).into()),
            _ => Ok(None),
        }
    }
}

/// Writes the files of a new folder (`init`, `rollover`), refusing before
/// anything is written if any of them is already there.
fn write_new_files(outputs: crate::output::Outputs) -> anyhow::Result<()> {
    let existing: Vec<String> = outputs
        .paths()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(crate::exit::Told(crate::i18n::Guide::InitWouldOverwrite(existing)).into());
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
