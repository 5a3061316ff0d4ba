//! `kehou check`: every problem in every input file, grouped by file; or,
//! with `--json`, as one JSON document for other programs.

use crate::cli::Global;
use crate::config::Config;
use crate::exit::DataProblems;
use crate::i18n::{Lang, Say};
use crate::input::{Problem, Problems, Severity};
use crate::plan::Plan;
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print every problem as JSON (for other programs).
    #[arg(long)]
    pub json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    if args.json {
        return run_json(global);
    }
    let config = super::load_config(global)?;
    super::require_inputs(&config)?;
    let mut problems = Problems::default();
    let school = examine(&config, &mut problems);
    let lang = config.lang;
    // The problems are what `check` is for: printed even with --quiet.
    use std::io::Write as _;
    crate::exit::quiet_pipe(write!(std::io::stdout(), "{}", problems.report(lang, true)))?;
    let counts = Say::SchoolCounts {
        students: school.students.len(),
        classes: school.classes.len(),
        slips: school.slips.len(),
        clubs: school.clubs.len(),
        rooms: school.rooms.len(),
        staff: school.staff.len(),
    };
    crate::say!("{}", counts.render(lang));
    let aside = school.set_aside.counts();
    if !aside.is_empty() {
        crate::say!("{}", Say::SetAsideRows(aside).render(lang));
    }
    crate::say!("{}", problems.summary(lang));
    if problems.has_errors() {
        return Err(DataProblems.into());
    }
    Ok(())
}

/// Every input file read and cross-checked, every problem in `problems`.
fn examine(config: &Config, problems: &mut Problems) -> School {
    let school = super::read_school(config, problems);
    problems.extend(crate::club_times::times_apart(&school, config));
    problems.extend(crate::volunteers::short_batches(&school, config));
    problems.extend(crate::club_times::same_place_at_once(&school, config));
    // With a plan, the teachers the files name can be checked for clashes.
    let mut quiet = Problems::default();
    let files = &config.files;
    if !problems.has_errors()
        && let Some(plan) = Plan::load(&config.dir, &files.plan, &files.waitlist, &mut quiet)
    {
        problems.extend(crate::supervision::clashes_in_plan(&plan, &school, config));
    }
    school
}

/// `check --json`: the config's problems and the data's in one document on
/// stdout; the exit code as without `--json`.
fn run_json(global: &Global) -> anyhow::Result<()> {
    let (config, mut problems) = super::read_config(global)?;
    let verdict = super::config_verdict(&config, &problems);
    let mut missing = false;
    if verdict.is_ok() {
        super::prepare_run(&config)?;
        let absent = super::missing_inputs(&config);
        missing = absent.has_errors();
        problems.extend(absent);
        if !missing {
            examine(&config, &mut problems);
        }
    }
    let text = serde_json::to_string_pretty(&json(&problems, config.lang))?;
    use std::io::Write as _;
    crate::exit::quiet_pipe(writeln!(std::io::stdout(), "{text}"))?;
    verdict?;
    if missing {
        anyhow::bail!("{}", Say::InputsMissing.render(config.lang));
    }
    if problems.has_errors() {
        return Err(DataProblems.into());
    }
    Ok(())
}

/// `{"errors": n, "warnings": n, "notes": n, "problems": [...]}`, each
/// problem with its file, line, column, header, value, a stable code and the
/// message in `lang`.
pub fn json(problems: &Problems, lang: Lang) -> serde_json::Value {
    let list: Vec<serde_json::Value> = problems.iter().map(|p| one(p, lang)).collect();
    serde_json::json!({
        "errors": problems.count(Severity::Error),
        "warnings": problems.count(Severity::Warning),
        "notes": problems.count(Severity::Note),
        "problems": list,
    })
}

fn one(p: &Problem, lang: Lang) -> serde_json::Value {
    let severity = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    // The variant's name: stable across languages, for programs to match on.
    let debug = format!("{:?}", p.msg);
    let code = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    serde_json::json!({
        "severity": severity,
        "file": p.file,
        "line": p.line,
        "column": p.column.as_ref().map(|(c, _)| c),
        "header": p.column.as_ref().map(|(_, h)| h),
        "value": p.value,
        "code": code,
        "message": p.msg.render(lang),
    })
}
