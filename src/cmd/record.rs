//! `kehou record FILE...`: merge filled registers into the attendance
//! ledger, in one transaction of the school's database: a run killed or
//! refused half-way records nothing, and two runs take turns.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::attendance::{Entry, Key, Merge, Status};
use crate::cli::Global;
use crate::exit::DataProblems;
use crate::i18n::{Label, Lang, Say};
use crate::input::{Problems, Severity};
use crate::register::{self, Mark};
use crate::school::School;
use crate::store::{NewMark, WAIT};

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

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    crate::store::set_wait(std::time::Duration::from_secs(args.wait));
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let mut problems = Problems::default();
    let mut store = super::open_store(&config)?;
    let plan = store
        .plan_as_printed()?
        .ok_or_else(|| anyhow::anyhow!("{}", no_plan(&config)))?;
    let mut marks = Vec::new();
    let mut contacts = Vec::new();
    let mut round = crate::rounds::read::Round::default();
    // `out\daily\*.xlsx` from cmd or PowerShell, or a folder.
    for path in &crate::wildcard::expand(&args.files) {
        // A monthly register grid (点名册) filled by hand has its own reader.
        // Each file is read once, whichever reader it is for.
        let file = path.display().to_string();
        let tables = match crate::input::load_all(path, &file) {
            Ok(tables) => {
                match crate::papers::roll_read::read_tables(
                    tables,
                    path,
                    &file,
                    &config,
                    &mut problems,
                ) {
                    Ok(grid) => {
                        marks.extend(grid);
                        continue;
                    }
                    Err(tables) => tables,
                }
            }
            Err(msg) => {
                problems.file(Severity::Error, &file, msg);
                continue;
            }
        };
        // A weekly report's follow-up list has no register, and needs none.
        let found = crate::followup::read::from_tables(&tables, &mut problems);
        // Nor does a duty sheet printed alone (`daily --only duty`).
        let duty = crate::rounds::read::from_tables(&tables, &mut problems);
        let required = found.is_none() && duty.is_none();
        contacts.extend(found.into_iter().flatten());
        round.extend(duty.unwrap_or_default());
        marks.extend(register::read_tables_maybe(
            tables,
            path,
            &file,
            required,
            &mut problems,
        ));
    }
    let mut marks = register::validate(marks, &school, &config, &plan, &mut problems);
    register::conflicts_within_files(&marks, &mut problems);
    register::resolve_teachers(&mut marks, &school, &mut problems);
    register::dated_after_today(&marks, chrono::Local::now().date_naive(), &mut problems);
    if problems.has_errors() {
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
    let (filled, blank): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| m.entry.is_some());
    // The keys some file fills (needed only when a cell is blank).
    let written: HashSet<Key> = if blank.is_empty() {
        HashSet::new()
    } else {
        filled.iter().map(|m| m.key.clone()).collect()
    };
    // Read and merge under the write lock: a second `record` waits its turn.
    // A dry run only reads.
    let mut change = if args.dry_run {
        store.trial()?
    } else {
        store.change()?
    };
    // A blank cell whose row the ledger already holds (and no file fills now)
    // was recorded before: the ledger keeps it, and says so.
    let mut cleared = Vec::new();
    let mut still_blank = Vec::new();
    for m in blank.into_iter().filter(|m| !written.contains(&m.key)) {
        match change.mark_of(&m.key)? {
            Some(kept) if !m.shown().deleted => cleared.push((m, kept)),
            Some(_) => {}
            None => still_blank.push(m),
        }
    }
    let merge = change.record_marks(filled.into_iter().filter_map(new_mark))?;
    // Follow-ups after the marks: a contact may be about an absence marked in
    // this same run.
    super::followup::record_with(&mut change, &school, &contacts, lang)?;
    record_round(&mut change, &round, lang)?;
    let mut blank = still_blank;
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

/// A filled register row on its way into the ledger, with its sheet and row.
fn new_mark(m: Mark) -> Option<NewMark> {
    let entry = m.entry?;
    let sheet = m.file.split_once('#').map_or("", |(_, s)| s).to_string();
    Some(NewMark {
        key: m.key,
        entry,
        sheet,
        row: Some(m.line),
    })
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
