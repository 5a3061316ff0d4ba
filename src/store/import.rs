//! The first run of this kehou in a school folder kept by an earlier one:
//! its `plan.csv`, `waitlist.csv` and `attendance.csv` are read into the
//! empty database in one transaction, the counts printed, and the files
//! kept under new names (`plan.imported.csv`), never deleted. A database
//! that already holds anything is never imported into: the CSV files
//! beside it are then the exports `plan` writes.

use std::path::PathBuf;

use rusqlite::params;

use super::Store;
use super::ledger::NewMark;
use super::plan::NewVersion;
use crate::attendance::Ledger;
use crate::config::Config;
use crate::exit::DataProblems;
use crate::i18n::StateSay;
use crate::input::Problems;
use crate::plan::{Changes, Plan};

/// The earlier kehou's state files present in the school folder.
pub(super) fn legacy_files(config: &Config) -> Vec<PathBuf> {
    let f = &config.files;
    [&f.plan, &f.attendance]
        .into_iter()
        .map(|name| config.dir.join(name))
        .filter(|path| path.is_file())
        .collect()
}

/// Imports the earlier kehou's files into an empty database.
pub(super) fn import(store: &mut Store, config: &Config, legacy: &[PathBuf]) -> anyhow::Result<()> {
    if holds_anything(store)? {
        return Ok(());
    }
    let lang = config.lang;
    let f = &config.files;
    let mut problems = Problems::default();
    let plan = Plan::load_csv(&config.dir, &f.plan, &f.waitlist, &mut problems);
    let ledger = if config.dir.join(&f.attendance).is_file() {
        Ledger::load_csv(&config.dir, &f.attendance, &mut problems)
    } else {
        Ledger::default()
    };
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        return Err(DataProblems.into());
    }
    let mut kept = Vec::new();
    let mut change = store.change()?;
    // Another run may have imported while this one read the files.
    if change.holds_anything()? {
        return Ok(());
    }
    if let Some(plan) = &plan {
        let as_of = plan.planned().unwrap_or(config.calendar.start);
        let changes = Changes::default();
        let run = NewVersion {
            as_of,
            how: "import",
            changes: &changes,
        };
        change.save_plan(plan, None, run)?;
        kept.push((f.plan.clone(), plan.placements.len()));
        if config.dir.join(&f.waitlist).is_file() {
            kept.push((f.waitlist.clone(), plan.waitlist.len()));
        }
    }
    if legacy.iter().any(|p| p.ends_with(&f.attendance)) {
        let rows = ledger.entries.len();
        let marks = ledger.entries.into_iter().map(|(key, entry)| NewMark {
            key,
            entry,
            sheet: String::new(),
            row: None,
            file: 0,
        });
        change.record_marks(marks)?;
        kept.push((f.attendance.clone(), rows));
    }
    let mut renames = Vec::new();
    for (name, rows) in kept {
        let from = config.dir.join(&name);
        let to = kept_name(&from);
        change.note_import(&from.display().to_string(), &to.display().to_string(), rows)?;
        renames.push((from, to, rows));
    }
    change.commit()?;
    for (from, to, rows) in renames {
        std::fs::rename(&from, &to)
            .map_err(|e| anyhow::anyhow!("cannot rename '{}': {e}", from.display()))?;
        let said = StateSay::Imported {
            file: from.display().to_string(),
            rows,
            kept_as: to.display().to_string(),
        };
        eprintln!("{}", said.render(lang));
    }
    Ok(())
}

/// `plan.csv` → `plan.imported.csv` (or `plan.imported-2.csv`, … when taken).
fn kept_name(path: &std::path::Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
    (1..)
        .map(|n| {
            let tag = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.imported{tag}{ext}"))
        })
        .find(|p| p.symlink_metadata().is_err())
        .unwrap_or_else(|| path.with_extension("imported"))
}

fn holds_anything(store: &mut Store) -> anyhow::Result<bool> {
    store.read(|conn| {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM plan_versions) OR EXISTS (SELECT 1 FROM marks) \
             OR EXISTS (SELECT 1 FROM imports)",
            [],
            |r| r.get(0),
        )
    })
}

impl super::Change<'_> {
    fn holds_anything(&self) -> anyhow::Result<bool> {
        self.tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM plan_versions) OR EXISTS (SELECT 1 FROM marks) \
                 OR EXISTS (SELECT 1 FROM imports)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.fail(e))
    }

    fn note_import(&self, file: &str, kept_as: &str, rows: usize) -> anyhow::Result<()> {
        self.tx
            .execute(
                "INSERT INTO imports (file, kept_as, rows, imported_at) VALUES (?1, ?2, ?3, ?4)",
                params![file, kept_as, rows as i64, super::now()],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }
}
