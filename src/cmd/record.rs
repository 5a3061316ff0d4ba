//! `kehou record FILE...`: merge filled registers into the attendance
//! ledger, in one transaction of the school's database: a run killed or
//! refused half-way records nothing, and two runs take turns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::attendance::{Entry, Key, Merge, Status};
use crate::cli::Global;
use crate::exit::DataProblems;
use crate::i18n::{Label, Lang, Say};
use crate::input::{Problems, Severity};
use crate::register::{self, Mark};
use crate::school::School;
use crate::store::{Change, Conflict, NewMark, Recorded, WAIT};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled daily workbooks (xlsx) or register CSVs; a folder or a pattern (`out/daily/*.xlsx`) names those it holds.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Show what would change without recording anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Seconds to wait for another run holding the school's database before giving up.
    #[arg(long, default_value_t = WAIT.as_secs())]
    pub wait: u64,
}

/// Rows of a register CSV read, checked and merged at a time: a file of a
/// million rows is never held whole (#23: memory per row, not per file).
const PART: usize = 20_000;

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    crate::store::set_wait(std::time::Duration::from_secs(args.wait));
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let mut problems = Problems::default();
    let mut store = super::open_store(&config)?;
    let plan = store
        .plan_as_printed()?
        .ok_or_else(|| anyhow::anyhow!("{}", no_plan(&config)))?;
    // Read and merge under the write lock, a part of a file at a time: a
    // second `record` waits its turn; a refused run rolls back whole. A dry
    // run only reads (its marks go to a table of its own).
    let mut change = if args.dry_run {
        store.trial()?
    } else {
        store.change()?
    };
    let mut run = Run {
        school: &school,
        checker: register::Checker::new(&school, &config, &plan),
        today: chrono::Local::now().date_naive(),
        warned: BTreeSet::new(),
        said: BTreeSet::new(),
        merge: Merge::default(),
        blank: Vec::new(),
        files: Vec::new(),
    };
    let mut contacts = Vec::new();
    let mut round = crate::rounds::read::Round::default();
    let mut incidents = Vec::new();
    // `out\daily\*.xlsx` from cmd or PowerShell, or a folder.
    for path in &crate::wildcard::expand(&args.files) {
        let file = path.display().to_string();
        run.files.push(file.clone());
        // A register CSV is merged as its parts are read; anything else (a
        // workbook, a 点名册 grid, a follow-up list) is read whole first.
        let (mut whole, mut streamed, mut failed) = (Vec::new(), false, None);
        let read = crate::input::load_parts(path, &file, PART, &mut |table| {
            streamed = streamed || (whole.is_empty() && streams(&table));
            if !streamed {
                return whole.push(table);
            }
            if failed.is_some() {
                return;
            }
            let marks = register::read_tables_maybe(vec![table], path, &file, true, &mut problems);
            if let Err(e) = run.take(&mut change, marks, false, &mut problems) {
                failed = Some(e);
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(msg) = read {
            problems.file(Severity::Error, &file, msg);
            continue;
        }
        if streamed {
            continue;
        }
        // A monthly register grid (点名册) filled by hand has its own reader.
        let mut failed = None;
        let grid = crate::papers::roll_read::read_tables(
            whole,
            path,
            &file,
            &config,
            &mut problems,
            &mut |marks, problems| {
                if failed.is_none()
                    && let Err(e) = run.take(&mut change, marks, true, problems)
                {
                    failed = Some(e);
                }
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        let Err(tables) = grid else { continue };
        // A weekly report's follow-up list has no register, and needs none.
        let found = crate::followup::read::from_tables(&tables, &mut problems);
        // Nor does a duty sheet printed alone (`daily --only duty`), or a care log.
        let duty = crate::rounds::read::from_tables(&tables, &mut problems);
        let care = crate::incidents::read::from_tables(&tables, &school, &mut problems);
        let required = found.is_none() && duty.is_none() && care.is_none();
        contacts.extend(found.into_iter().flatten());
        round.extend(duty.unwrap_or_default());
        incidents.extend(care.into_iter().flatten());
        let marks = register::read_tables_maybe(tables, path, &file, required, &mut problems);
        run.take(&mut change, marks, false, &mut problems)?;
    }
    run.checker.finish(&mut problems);
    let merge = std::mem::take(&mut run.merge);
    for c in &merge.conflicts {
        problems.push(conflict(c, &run.files));
    }
    if problems.has_errors() {
        drop(change);
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        let nothing = Say::RecordRefused {
            errors: problems.count(Severity::Error),
            state: config.state_path().display().to_string(),
        };
        eprintln!("{}", nothing.render(lang));
        return Err(DataProblems.into());
    }
    if problems.count(Severity::Warning) > 0 {
        eprint!("{}", problems.report(lang, false));
    }
    // A blank cell whose row the ledger already held (and no file of this
    // run fills) was recorded before: the ledger keeps it, and says so.
    let mut cleared = Vec::new();
    let mut blank = Vec::new();
    for m in std::mem::take(&mut run.blank) {
        match change.recorded(&m.key)? {
            Recorded::ThisRun => {}
            Recorded::Before(kept) if !m.shown().deleted => cleared.push((m, kept)),
            Recorded::Before(_) => {}
            Recorded::Nothing => blank.push(m),
        }
    }
    // Follow-ups after the marks: a contact may be about an absence marked in
    // this same run.
    super::followup::record_with(&mut change, &school, &contacts, lang)?;
    record_round(&mut change, &round, lang)?;
    record_incidents(&mut change, &incidents, lang)?;
    blank.sort_by(|a, b| a.key.cmp(&b.key));
    blank.dedup_by(|a, b| a.key == b.key);
    let summary = Say::RecordSummary {
        added: merge.added,
        unchanged: merge.unchanged,
        corrected: merge.changed.len(),
        blank: blank.len(),
    };
    crate::say!("{}", summary.render(lang));
    say_corrections(&merge, &school, lang)?;
    say_cleared(&cleared, &school, lang)?;
    // `-v/--verbose` (global): every row not recorded, not only a count per sheet.
    say_blanks(&blank, &school, lang, global.verbose)?;
    if args.dry_run {
        change.commit()?;
        crate::say!("{}", Say::DryRun.render(lang));
        return Ok(());
    }
    change.commit()?;
    crate::say!("{}", config.state_path().display());
    Ok(())
}

/// The duty leader's visits and 清校 read from duty sheets, kept.
fn record_round(
    change: &mut crate::store::Change,
    round: &crate::rounds::read::Round,
    lang: Lang,
) -> anyhow::Result<()> {
    if round.is_empty() {
        return Ok(());
    }
    let merge = change.record_rounds(&round.visits, &round.clearances)?;
    let said = crate::i18n::DutySay::RoundsRecorded {
        visits: round.visits.len(),
        clearances: round.clearances.len(),
        added: merge.added + merge.rewritten,
    };
    crate::say!("{}", said.render(lang));
    Ok(())
}

/// The incidents read from care log sheets, kept.
fn record_incidents(
    change: &mut crate::store::Change,
    incidents: &[crate::incidents::Incident],
    lang: Lang,
) -> anyhow::Result<()> {
    if incidents.is_empty() {
        return Ok(());
    }
    let merge = change.record_incidents(incidents)?;
    let said = crate::i18n::DutySay::IncidentsRecorded {
        read: incidents.len(),
        added: merge.added + merge.rewritten,
    };
    crate::say!("{}", said.render(lang));
    Ok(())
}

/// Whether a file's first table is a plain register CSV, merged as its
/// parts are read (not a grid, not a follow-up list).
fn streams(table: &crate::input::Table) -> bool {
    let mut quiet = Problems::default();
    register::is_register_csv(table)
        && !crate::papers::roll_read::is_grid(table)
        && crate::followup::read::from_tables(std::slice::from_ref(table), &mut quiet).is_none()
}

/// One `record` run's marks on their way in, a part of a file at a time.
struct Run<'a> {
    school: &'a School,
    checker: register::Checker<'a>,
    today: chrono::NaiveDate,
    /// The teachers' names warned of, and the dates after today said, per sheet.
    warned: BTreeSet<(String, String)>,
    said: BTreeSet<(String, chrono::NaiveDate)>,
    merge: Merge,
    /// The rows left blank, decided on when every file is in.
    blank: Vec<Mark>,
    /// The run's files, as named.
    files: Vec<String>,
}

impl Run<'_> {
    /// Checks a part of the current file's marks and merges the filled ones
    /// (a grid's keep the details the ledger holds for the same mark).
    fn take(
        &mut self,
        change: &mut Change,
        marks: Vec<Mark>,
        grid: bool,
        problems: &mut Problems,
    ) -> anyhow::Result<()> {
        let file = self.files.len() - 1;
        let mut marks = self.checker.validate(marks, problems);
        register::resolve_teachers_once(&mut marks, self.school, &mut self.warned, problems);
        register::dated_after_today_once(&marks, self.today, &mut self.said, problems);
        let mut filled = Vec::with_capacity(marks.len());
        for m in marks {
            let Some(mut entry) = m.entry else {
                self.blank.push(m);
                continue;
            };
            if grid && let Recorded::Before(old) = change.recorded(&m.key)? {
                crate::papers::roll_read::keep_recorded_details(&mut entry, &old);
            }
            let sheet = m.file.split_once('#').map_or("", |(_, s)| s).to_string();
            filled.push(NewMark {
                key: m.key,
                entry,
                sheet,
                row: Some(m.line),
                file,
            });
        }
        let merge = change.record_marks(filled)?;
        self.merge.added += merge.added;
        self.merge.unchanged += merge.unchanged;
        self.merge.changed.extend(merge.changed);
        self.merge.conflicts.extend(merge.conflicts);
        Ok(())
    }
}

/// Two marks of one file for one key that disagree: an error at the second,
/// naming the first. The office decides which is right, not the order of
/// the rows; marks from different files may differ (a later file corrects
/// an earlier one).
fn conflict(c: &Conflict, files: &[String]) -> crate::input::Problem {
    let at = |file: usize, sheet: &str| {
        let name = files.get(file).map_or("", String::as_str);
        if sheet.is_empty() {
            name.to_string()
        } else {
            format!("{name}#{sheet}")
        }
    };
    let (first_file, first_sheet, first_row) = &c.first;
    let first = match first_row {
        Some(row) => format!("{}:{row}", at(*first_file, first_sheet)),
        None => at(*first_file, first_sheet),
    };
    crate::input::Problem {
        severity: Severity::Error,
        file: at(c.later.file, &c.later.sheet),
        line: c.later.row,
        column: None,
        value: Some(format!(
            "{} {} {}",
            c.key.0,
            c.key.1.format("%H:%M"),
            c.key.2
        )),
        msg: crate::i18n::Msg::ConflictingMarks { first },
    }
}

fn no_plan(config: &crate::config::Config) -> String {
    let path = config.state_path().display().to_string();
    crate::i18n::StateSay::NoPlanYet { path }.render(config.lang)
}

/// A status as the teacher writes it, in the user's language.
fn status_text(lang: Lang, status: Status) -> &'static str {
    match status {
        Status::Present => Label::Present,
        Status::Leave => Label::OnLeave,
        Status::Absent => Label::Absent,
        Status::Early => Label::EarlyPickup,
    }
    .text(lang)
}

/// `赵昕航(202601001)`, or the id alone for a student no longer on the roster.
fn child(school: &School, id: &str) -> String {
    school
        .student(id)
        .map_or(id.to_string(), |s| format!("{}({id})", s.name))
}

/// Where a row sits: date, block and group (a club by its name).
fn place(school: &School, (date, block, _): &Key, group: &str) -> String {
    format!(
        "{date} {} {}",
        block.format("%H:%M"),
        crate::report::group_name_any(school, group)
    )
}

/// Every corrected row: `2026-09-08 15:30 101 赵昕航(202601001):到 → 缺`.
fn say_corrections(merge: &Merge, school: &School, lang: Lang) -> anyhow::Result<()> {
    for (key, before, after) in &merge.changed {
        let (from, to) = (
            status_text(lang, before.status),
            status_text(lang, after.status),
        );
        let what = if from == to {
            lang.pick("时间/备注/教师已更新", "time, note or teacher updated")
                .to_string()
        } else {
            format!("{from} → {to}")
        };
        crate::say!(
            "  {} {}:{what}",
            place(school, key, &after.group),
            child(school, &key.2)
        );
    }
    Ok(())
}

/// Every cell blanked after being recorded: kept in the ledger, and named.
fn say_cleared(cleared: &[(Mark, Entry)], school: &School, lang: Lang) -> anyhow::Result<()> {
    for (m, kept) in cleared {
        let said = Say::ClearedKept {
            child: child(school, &m.key.2),
            status: status_text(lang, kept.status).to_string(),
        };
        crate::say!(
            "  {} {}",
            place(school, &m.key, &m.group),
            said.render(lang)
        );
    }
    Ok(())
}

/// Rows not recorded: a count per sheet, or (`--verbose`) every row.
fn say_blanks(blank: &[Mark], school: &School, lang: Lang, verbose: bool) -> anyhow::Result<()> {
    if verbose {
        for m in blank {
            let why = if m.shown().deleted {
                Say::RowDeleted
            } else {
                Say::NotRecorded
            };
            crate::say!(
                "  {} {} — {} [{}]",
                place(school, &m.key, &m.group),
                child(school, &m.key.2),
                why.render(lang),
                m.file
            );
        }
        return Ok(());
    }
    let mut per_sheet: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for m in blank {
        let n = per_sheet.entry(m.file.as_str()).or_default();
        n.0 += 1;
        n.1 += usize::from(m.shown().deleted);
    }
    for (sheet, (blank, deleted)) in &per_sheet {
        let sheet = sheet.to_string();
        let said = Say::BlanksOnSheet {
            sheet,
            blank: *blank,
            deleted: *deleted,
        };
        crate::say!("{}", said.render(lang));
    }
    if !per_sheet.is_empty() {
        crate::say!("{}", Say::VerboseHint.render(lang));
    }
    Ok(())
}
