//! The attendance ledger in the database: every mark with where it came
//! from (file, sheet, row) and when it was recorded; a correction is a new
//! mark naming the one it corrects, which stays, marked replaced.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Change, Store, clock, day};
use crate::attendance::{Entry, Key, Ledger, Merge, Status};

/// A mark on its way into the ledger, with the sheet and row it was read from.
#[derive(Debug, Clone)]
pub struct NewMark {
    pub key: Key,
    pub entry: Entry,
    /// The sheet of a workbook (empty for a CSV).
    pub sheet: String,
    /// The row in the file or sheet (1-based), when known.
    pub row: Option<usize>,
    /// Which of the run's files it is from (0, 1 …): two marks for one key
    /// from one file that disagree are a conflict, not a correction.
    pub file: usize,
}

/// Two marks of one file for one key that disagree: neither is recorded.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub key: Key,
    /// The earlier mark's file (of the run), sheet and row.
    pub first: (usize, String, Option<usize>),
    /// The later mark.
    pub later: NewMark,
}

/// What this run has written to the ledger so far, across its parts.
#[derive(Debug, Default)]
pub(super) struct RunMarks {
    /// The ledger's largest mark id before the run (every mark above it is
    /// the run's); `None` until the run's first mark.
    start: Option<i64>,
    /// (first id, file) each time the file of the marks written changed.
    files: Vec<(i64, usize)>,
    /// A trial's marks go to a temporary table of its own, made once.
    trial_table: bool,
}

impl RunMarks {
    fn file_of(&self, id: i64) -> Option<usize> {
        let i = self.files.partition_point(|(first, _)| *first <= id);
        i.checked_sub(1).map(|i| self.files[i].1)
    }
}

/// What a key held when a run looks at it.
#[derive(Debug, Clone)]
pub enum Recorded {
    /// Nothing.
    Nothing,
    /// A mark recorded before this run.
    Before(Entry),
    /// A mark this run wrote.
    ThisRun,
}

const FIND: &str = "SELECT id, grp, status, time, note, teacher, source_file, source_sheet, source_row \
     FROM {table} WHERE date = ?1 AND block = ?2 AND student = ?3 AND replaced = 0";
const ADD: &str = "INSERT INTO {table} (date, block, student, grp, status, time, note, teacher, \
     source_file, source_sheet, source_row, recorded_at, corrects) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
const REPLACE: &str = "UPDATE {table} SET replaced = 1 WHERE id = ?1";
/// A trial's own copy of the ledger's shape, for the marks it would write.
const TRIAL_TABLE: &str = "CREATE TEMP TABLE IF NOT EXISTS trial_marks (id INTEGER PRIMARY KEY, \
     date, block, student, grp, status, time, note, teacher, source_file, source_sheet, source_row, \
     recorded_at, corrects, replaced INTEGER NOT NULL DEFAULT 0);
     CREATE UNIQUE INDEX IF NOT EXISTS temp.trial_ledger ON trial_marks(date, block, student) WHERE replaced = 0;";

fn on(sql: &str, table: &str) -> String {
    sql.replace("{table}", table)
}

fn status(code: &str) -> rusqlite::Result<Status> {
    Status::parse(code).ok_or_else(|| super::bad_value(code))
}

fn block_text(key: &Key) -> String {
    key.1.format("%H:%M").to_string()
}

/// A mark held for a key: its id, what it says, and its sheet and row.
type Held = (i64, Entry, String, Option<usize>);

fn held(r: &rusqlite::Row) -> rusqlite::Result<Held> {
    Ok((
        r.get(0)?,
        Entry {
            group: r.get(1)?,
            status: status(r.get_ref(2)?.as_str()?)?,
            time: r.get(3)?,
            note: r.get(4)?,
            teacher: r.get(5)?,
            source: r.get(6)?,
        },
        r.get(7)?,
        r.get::<_, Option<i64>>(8)?.map(|r| r as usize),
    ))
}

/// Adds one mark (`date` and `block` as stored) to the ledger, naming the
/// mark it corrects, if any.
fn insert(
    add: &mut rusqlite::CachedStatement<'_>,
    (date, block): (&str, &str),
    mark: &NewMark,
    recorded_at: &str,
    corrects: Option<i64>,
) -> rusqlite::Result<usize> {
    let e = &mark.entry;
    add.execute(params![
        date,
        block,
        mark.key.2,
        e.group,
        e.status.code(),
        e.time,
        e.note,
        e.teacher,
        e.source,
        mark.sheet,
        mark.row.map(|r| r as i64),
        recorded_at,
        corrects,
    ])
}

fn is_unique_failure(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

impl Change<'_> {
    /// Merges marks into the ledger, one at a time (a reader streams them,
    /// a part of a file at a time): a mark the ledger already holds unchanged
    /// is a no-op, a different one corrects it, a new one is added. Nothing is
    /// removed. A mark that disagrees with one the same file of this run gave
    /// for the key is a [`Conflict`], recorded neither way. A trial writes
    /// the run's marks to a temporary table only, to say the same.
    pub fn record_marks(
        &mut self,
        marks: impl IntoIterator<Item = NewMark>,
    ) -> anyhow::Result<Merge> {
        let recorded_at = super::now();
        self.merge(marks, &recorded_at).map_err(|e| self.fail(e))
    }

    /// The run's table for its marks: the ledger, or a trial's own.
    fn run_table(&mut self) -> rusqlite::Result<&'static str> {
        if !self.dry {
            return Ok("marks");
        }
        if !self.run.trial_table {
            self.tx.execute_batch(TRIAL_TABLE)?;
            self.run.trial_table = true;
        }
        Ok("temp.trial_marks")
    }

    fn merge(
        &mut self,
        marks: impl IntoIterator<Item = NewMark>,
        recorded_at: &str,
    ) -> rusqlite::Result<Merge> {
        let table = self.run_table()?;
        let dry = self.dry;
        if self.run.start.is_none() {
            let start: Option<i64> =
                self.tx
                    .query_row(&on("SELECT max(id) FROM {table}", table), [], |r| r.get(0))?;
            self.run.start = Some(start.unwrap_or(0));
        }
        let start = self.run.start.unwrap_or(0);
        let mut merge = Merge::default();
        let tx = &self.tx;
        let run = &mut self.run;
        let mut find_run = tx.prepare_cached(&on(FIND, table))?;
        let mut find_ledger = tx.prepare_cached(&on(FIND, "marks"))?;
        let mut add = tx.prepare_cached(&on(ADD, table))?;
        let mut replace = tx.prepare_cached(&on(REPLACE, table))?;
        let mut held_on = tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM marks WHERE date = ?1 AND replaced = 0)",
        )?;
        // The date and block of the mark before (a register's rows share
        // them), and whether the ledger held any mark of that date before this
        // run: a mark of a date it did not is inserted straight (a key the run
        // already wrote fails the unique index, and is merged as below).
        let mut day: Option<(NaiveDate, String, bool)> = None;
        let mut block: Option<(chrono::NaiveTime, String)> = None;
        for mark in marks {
            if day.as_ref().is_none_or(|(d, _, _)| *d != mark.key.0) {
                let text = mark.key.0.to_string();
                let held: bool = held_on.query_row([&text], |r| r.get(0))?;
                day = Some((mark.key.0, text, held));
            }
            if block.as_ref().is_none_or(|(b, _)| *b != mark.key.1) {
                block = Some((mark.key.1, block_text(&mark.key)));
            }
            let (Some((_, date, held_before)), Some((_, block))) = (&day, &block) else {
                unreachable!("set above");
            };
            let key = params![date, block, mark.key.2];
            let note_added = |run: &mut RunMarks, id: i64| {
                if run.files.last().is_none_or(|(_, f)| *f != mark.file) {
                    run.files.push((id, mark.file));
                }
            };
            // A trial's table holds the run's marks only: a mark it takes
            // is then compared with the ledger's.
            if dry || !held_before {
                match insert(&mut add, (date, block), &mark, recorded_at, None) {
                    Ok(_) => {
                        note_added(run, tx.last_insert_rowid());
                        match dry.then(|| find_ledger.query_row(key, held).optional()) {
                            Some(Err(e)) => return Err(e),
                            Some(Ok(Some((_, old, _, _)))) if old.same(&mark.entry) => {
                                merge.unchanged += 1;
                            }
                            Some(Ok(Some((_, old, _, _)))) => {
                                merge.changed.push((mark.key.clone(), old, mark.entry));
                            }
                            _ => merge.added += 1,
                        }
                        continue;
                    }
                    Err(e) if is_unique_failure(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            let found = find_run.query_row(key, held).optional()?;
            let corrects = match found {
                Some((id, old, sheet, row)) if id > start => {
                    // Written by this run: by the same file, a conflict.
                    let file = run.file_of(id);
                    if old.same(&mark.entry) {
                        merge.unchanged += 1;
                        continue;
                    }
                    if file == Some(mark.file) {
                        merge.conflicts.push(Conflict {
                            key: mark.key.clone(),
                            first: (mark.file, sheet, row),
                            later: mark,
                        });
                        continue;
                    }
                    replace.execute([id])?;
                    merge
                        .changed
                        .push((mark.key.clone(), old, mark.entry.clone()));
                    // A trial's replaced mark is its own; the ledger's is untouched.
                    (!dry).then_some(id)
                }
                Some((_, old, _, _)) if old.same(&mark.entry) => {
                    merge.unchanged += 1;
                    continue;
                }
                Some((id, old, _, _)) => {
                    replace.execute([id])?;
                    merge
                        .changed
                        .push((mark.key.clone(), old, mark.entry.clone()));
                    Some(id)
                }
                None => {
                    merge.added += 1;
                    None
                }
            };
            insert(&mut add, (date, block), &mark, recorded_at, corrects)?;
            note_added(run, tx.last_insert_rowid());
        }
        Ok(merge)
    }

    /// What the ledger held for a key before this run, or that this run
    /// wrote it (a blank cell some file of the run fills is no blank).
    pub fn recorded(&mut self, key: &Key) -> anyhow::Result<Recorded> {
        self.recorded_sql(key).map_err(|e| self.fail(e))
    }

    fn recorded_sql(&mut self, key: &Key) -> rusqlite::Result<Recorded> {
        let params = params![key.0.to_string(), block_text(key), key.2];
        let start = self.run.start;
        if self.dry && self.run.trial_table {
            let mut find = self.tx.prepare_cached(&on(FIND, "temp.trial_marks"))?;
            if find.exists(params)? {
                return Ok(Recorded::ThisRun);
            }
        }
        let mut find = self.tx.prepare_cached(&on(FIND, "marks"))?;
        Ok(match find.query_row(params, held).optional()? {
            None => Recorded::Nothing,
            Some((id, _, _, _)) if !self.dry && start.is_some_and(|s| id > s) => Recorded::ThisRun,
            Some((_, entry, _, _)) => Recorded::Before(entry),
        })
    }

    /// The ledger's mark for a key, if it holds one.
    pub fn mark_of(&self, key: &Key) -> anyhow::Result<Option<Entry>> {
        self.find(key).map_err(|e| self.fail(e))
    }

    fn find(&self, key: &Key) -> rusqlite::Result<Option<Entry>> {
        let mut find = self.tx.prepare_cached(&on(FIND, "marks"))?;
        find.query_row(params![key.0.to_string(), block_text(key), key.2], held)
            .map(|(_, entry, _, _)| entry)
            .optional()
    }
}

impl Store {
    /// The whole ledger (the marks not replaced).
    pub fn ledger(&mut self) -> anyhow::Result<Ledger> {
        self.ledger_where(|_, _| true)
    }

    /// The ledger's marks that `keep(date, status)` wants (a report needs its
    /// period and the absences before it, not the whole term).
    pub fn ledger_where(
        &mut self,
        keep: impl Fn(NaiveDate, Status) -> bool,
    ) -> anyhow::Result<Ledger> {
        self.read(|conn| {
            let mut ledger = Ledger::default();
            let mut rows = conn.prepare(
                "SELECT date, block, student, grp, status, time, note, source_file, teacher \
                 FROM marks WHERE replaced = 0",
            )?;
            let mut rows = rows.query([])?;
            while let Some(r) = rows.next()? {
                let date = day(r.get_ref(0)?.as_str()?)?;
                let status = status(r.get_ref(4)?.as_str()?)?;
                if !keep(date, status) {
                    continue;
                }
                let key = (date, clock(r.get_ref(1)?.as_str()?)?, r.get(2)?);
                let entry = Entry {
                    group: r.get(3)?,
                    status,
                    time: r.get(5)?,
                    note: r.get(6)?,
                    source: r.get(7)?,
                    teacher: r.get(8)?,
                };
                ledger.entries.insert(key, entry);
            }
            Ok(ledger)
        })
    }

    /// How many marks the ledger holds, and how many corrections it keeps.
    pub fn mark_counts(&mut self) -> anyhow::Result<(usize, usize)> {
        self.read(|conn| {
            conn.query_row(
                "SELECT count(*) FILTER (WHERE replaced = 0), count(*) FILTER (WHERE replaced = 1) FROM marks",
                [],
                |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
            )
        })
    }
}
