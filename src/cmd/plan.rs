//! `kehou plan`: place every student in service in a homework room and in
//! clubs, save the plan as a new version in the school's database (one
//! transaction, holding the write lock from reading the previous plan to
//! the commit), then write the timetable and the `plan.csv`/`waitlist.csv`
//! exports from it — rendered, and every target checked, before the
//! commit, so that an export that cannot be replaced saves nothing.

use anyhow::bail;
use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::config::Config;
use crate::exit::DataProblems;
use crate::i18n::{Say, StateSay};
use crate::input::Problems;
use crate::output::{Outputs, Staged, safe_component};
use crate::plan::{self, Built, Plan};
use crate::report::timetable::{Emit, Timetable};
use crate::report::{plan_summary, sheet};
use crate::school::School;
use crate::store::{Store, VersionInfo};
use crate::supervision;
use crate::supervision::Duties;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Allocate the students in service on this date (default: today, within the term).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Ignore the existing plan and allocate from scratch (needs --force).
    #[arg(long)]
    pub fresh: bool,
    /// Confirm --fresh: existing placements may move.
    #[arg(long)]
    pub force: bool,
    /// Also write the timetable's tables as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Compare the plan with this club table in place of the school's own
    /// (placed, by choice, by tier, seats idle); writes nothing.
    #[arg(long, value_name = "CLUBS")]
    pub what_if: Option<std::path::PathBuf>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let progress = crate::progress::Progress::start(lang.pick("排班中…", "planning…"));
    let today = chrono::Local::now().date_naive();
    let as_of = config.calendar.clamp(args.as_of.unwrap_or(today));
    if let Some(other) = &args.what_if {
        // Writes nothing: no database is made, migrated or imported into.
        let previous = Store::peek_newest_plan(&config)?;
        let previous = kept_plan(previous, &args, as_of, lang)?;
        progress.finish();
        return what_if(&config, &school, other, as_of, previous.as_ref());
    }
    let mut store = Store::open_or_create(&config)?;
    // The write lock from here to the commit: a second `plan` or a `record`
    // waits, and nothing changes under this run.
    let mut change = store.change()?;
    let previous = kept_plan(change.newest_plan()?, &args, as_of, lang)?;
    let built = watched(&progress, lang, || {
        plan::build(&school, &config, as_of, previous.as_ref())
    });
    if built.problems.has_errors() {
        eprint!("{}", built.problems.report(lang, false));
        eprintln!("{}", built.problems.summary(lang));
        return Err(DataProblems.into());
    }
    let (broken, duties) = check_and_supervise(&built, &school, &config);
    if !broken.is_empty() {
        bail!(
            "internal error / 内部错误 — the plan breaks its own rules, nothing was written; please report this:\n  {}",
            broken.join("\n  ")
        );
    }
    let how = if args.fresh { "fresh" } else { "plan" };
    let run = crate::store::NewVersion {
        as_of,
        how,
        changes: &built.changes,
    };
    let version = change.save_plan(&built.plan, Some(&duties), run)?;
    drop(previous);
    progress.step(lang.pick("生成课表…", "writing the timetable…"));
    // Every output is rendered and every target checked before the commit:
    // one that cannot be replaced (open in Excel, read-only, a folder in its
    // place) stops the run with the database as it was.
    let rendered = render(&built, &duties, &school, &config, &version, args.csv)
        .and_then(|outputs| Ok(outputs.check().map(|()| outputs)?));
    let outputs = match rendered {
        Ok(outputs) => outputs,
        Err(e) => {
            progress.finish();
            let kept = StateSay::PlanNotSaved {
                path: config.state_path().display().to_string(),
            };
            bail!("{}\n  {}", crate::exit::said(&e, lang), kept.render(lang));
        }
    };
    change.commit()?;
    progress.finish();
    eprint!("{}", duties.problems.report(lang, false));
    crate::say_raw!(
        "{}",
        plan_summary::terminal_report(&built, &school, lang, global.verbose)
    );
    let saved = StateSay::PlanSaved {
        path: config.state_path().display().to_string(),
        version: version.version,
    };
    crate::say!("{}", saved.render(lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// The plan this run keeps placements from: none with `--fresh` (which
/// needs `--force` over an existing plan); a plan made for a later date than
/// `as_of` is refused (re-planning before it would undo later changes).
fn kept_plan(
    previous: Option<Plan>,
    args: &Args,
    as_of: NaiveDate,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Option<Plan>> {
    if args.fresh && previous.is_some() && !args.force {
        bail!("{}", Say::FreshNeedsForce.render(lang));
    }
    let previous = if args.fresh { None } else { previous };
    if let Some(planned) = previous.as_ref().and_then(plan::Plan::planned)
        && planned > as_of
    {
        bail!("{}", Say::PlanInPast { planned, as_of }.render(lang));
    }
    Ok(previous)
}

/// Runs `work` while the progress line says how far the search over
/// minimums has come.
fn watched<T: Send>(
    progress: &crate::progress::Progress,
    lang: crate::i18n::Lang,
    work: impl FnOnce() -> T + Send,
) -> T {
    let (done, finished) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let start = crate::allocate::nodes_searched();
            let tick = std::time::Duration::from_millis(250);
            while finished.recv_timeout(tick) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                let nodes = crate::allocate::nodes_searched() - start;
                if nodes > 1 {
                    progress.step(&crate::i18n::Placing::Searching { nodes }.render(lang));
                }
            }
        });
        let out = work();
        drop(done);
        out
    })
}

/// `plan --what-if CLUBS`: the plan with the school's club table and with
/// `other`, compared; nothing is written.
fn what_if(
    config: &Config,
    school: &School,
    other: &std::path::Path,
    as_of: NaiveDate,
    previous: Option<&Plan>,
) -> anyhow::Result<()> {
    let lang = config.lang;
    let mut changed = config.clone();
    changed.files.clubs = std::path::absolute(other)?.to_string_lossy().into_owned();
    let mut problems = Problems::default();
    let changed_school = super::read_school(&changed, &mut problems);
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        return Err(DataProblems.into());
    }
    let progress = crate::progress::Progress::start(lang.pick("排班中…", "planning…"));
    let (now, then) = watched(&progress, lang, || {
        std::thread::scope(|side| {
            let then = side.spawn(|| plan::build(&changed_school, &changed, as_of, previous));
            let now = plan::build(school, config, as_of, previous);
            let then = then.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            (now, then)
        })
    });
    progress.finish();
    for built in [&now, &then] {
        if built.problems.has_errors() {
            eprint!("{}", built.problems.report(lang, false));
            eprintln!("{}", built.problems.summary(lang));
            return Err(DataProblems.into());
        }
    }
    let current = config.files.clubs.as_str();
    let other = other.to_string_lossy();
    crate::say_raw!(
        "{}",
        crate::report::plan_placing::what_if(
            (&now, school, current),
            (&then, &changed_school, &other),
            lang
        )
    );
    Ok(())
}

/// The plan's broken invariants and its supervision, worked out side by
/// side: both only read the plan, and a big school's take seconds each.
pub fn check_and_supervise(
    built: &Built,
    school: &School,
    config: &Config,
) -> (Vec<String>, Duties) {
    // The check runs on the second thread: all it keeps is its findings, so
    // the memory it used is given back whole.
    std::thread::scope(|scope| {
        let broken = scope.spawn(|| plan::invariants(built, school, config));
        let duties = supervision::for_plan(built, school, config);
        let broken = broken
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (broken, duties)
    })
}

/// Everything `plan` writes once it commits: the timetable workbook (its
/// footer naming the plan version), the plan.csv and waitlist.csv exports
/// and (with `csv`) the timetable's tables as CSV, ready to replace their
/// targets one by one.
pub fn render(
    built: &Built,
    duties: &Duties,
    school: &School,
    config: &Config,
    version: &VersionInfo,
    csv: bool,
) -> anyhow::Result<Outputs> {
    let stamp = StateSay::PlanVersion {
        version: version.version,
        as_of: version.as_of,
    };
    crate::report::worksheet::stamp_plan_version(stamp.render(config.lang));
    let mut outputs = Outputs::default();
    outputs.protect(config.input_paths());
    let out = config.out_dir();
    let name = format!("timetable-{}", config.school.term);
    // The workbook and the plan (100 MB each for a big school) go straight
    // into the files that replace their targets once everything is written.
    // Opened first: the workbook's streamed sheets each hold a file open
    // until it is packed.
    let xlsx = out.join(safe_component(&format!("{name}.xlsx")));
    let plan_csv = config.dir.join(&config.files.plan);
    let (mut packed, mut plan) = (Staged::new(&xlsx)?, Staged::new(&plan_csv)?);
    let mut book = sheet::Book::new();
    book.add_all(|add| {
        build_timetable(built, duties, school, config, &mut |s| {
            if csv {
                outputs.file(&out, &format!("{name}-{}.csv", s.slug), sheet::csv(&s)?);
            }
            add(s)
        })
    })?;
    // The plan is written while the workbook is packed (a second or two each).
    let (packing, planning) = std::thread::scope(|scope| {
        let planning = scope.spawn(|| built.plan.write_plan_csv(&mut plan));
        let packing = book.finish_into(&mut packed);
        let planning = planning
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (packing, planning)
    });
    packing.and(planning)?;
    outputs.add(xlsx, packed);
    outputs.add(plan_csv, plan);
    outputs.add(
        config.dir.join(&config.files.waitlist),
        built.plan.waitlist_csv()?,
    );
    Ok(outputs)
}

/// The timetable's sheets in order, each handed on as soon as it is built
/// (the workbook fills them on threads of its own while the next is built).
pub fn build_timetable(
    built: &Built,
    duties: &Duties,
    school: &School,
    config: &Config,
    write: Emit,
) -> anyhow::Result<()> {
    let mut timetable = Timetable::new(built, duties, school, config);
    timetable.build_summaries(write)?;
    timetable.build_groups(write)?;
    timetable.build_lists(write)
}
