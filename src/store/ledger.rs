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
}

const FIND: &str = "SELECT id, grp, status, time, note, teacher, source_file FROM marks \
     WHERE date = ?1 AND block = ?2 AND student = ?3 AND replaced = 0";
const ADD: &str = "INSERT INTO marks (date, block, student, grp, status, time, note, teacher, \
     source_file, source_sheet, source_row, recorded_at, corrects) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

fn status(code: &str) -> rusqlite::Result<Status> {
    Status::parse(code).ok_or_else(|| super::bad_value(code))
}

fn block_text(key: &Key) -> String {
    key.1.format("%H:%M").to_string()
}

impl Change<'_> {
    /// Merges marks into the ledger, one at a time (a reader may stream
    /// them): a mark the ledger already holds unchanged is a no-op, a
    /// different one corrects it, a new one is added. Nothing is removed.
    pub fn record_marks(
        &mut self,
        marks: impl IntoIterator<Item = NewMark>,
    ) -> anyhow::Result<Merge> {
        let recorded_at = super::now();
        self.merge(marks, &recorded_at).map_err(|e| self.fail(e))
    }

    fn merge(
        &mut self,
        marks: impl IntoIterator<Item = NewMark>,
        recorded_at: &str,
    ) -> rusqlite::Result<Merge> {
        let mut merge = Merge::default();
        let mut find = self.tx.prepare_cached(FIND)?;
        let mut add = self.tx.prepare_cached(ADD)?;
        let mut replace = self
            .tx
            .prepare_cached("UPDATE marks SET replaced = 1 WHERE id = ?1")?;
        let mut held_on = self.tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM marks WHERE date = ?1 AND replaced = 0)",
        )?;
        // The date and block of the mark before (a register's rows share
        // them), and whether the ledger held any mark of that date before this
        // run: a date it did not is inserted straight, looked up only when
        // this run already wrote the key (a later file of the same day).
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
            let student = mark.key.2.as_str();
            let e = &mark.entry;
            let row = mark.row.map(|r| r as i64);
            if !held_before && !self.dry {
                let added = add.execute(params![
                    date,
                    block,
                    student,
                    e.group,
                    e.status.code(),
                    e.time,
                    e.note,
                    e.teacher,
                    e.source,
                    mark.sheet,
                    row,
                    recorded_at,
                    None::<i64>,
                ]);
                match added {
                    Ok(_) => {
                        merge.added += 1;
                        continue;
                    }
                    // This run wrote the key already: merged as below.
                    Err(rusqlite::Error::SqliteFailure(f, _))
                        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {}
                    Err(e) => return Err(e),
                }
            }
            let held = find
                .query_row(params![date, block, student], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Entry {
                            group: r.get(1)?,
                            status: status(r.get_ref(2)?.as_str()?)?,
                            time: r.get(3)?,
                            note: r.get(4)?,
                            teacher: r.get(5)?,
                            source: r.get(6)?,
                        },
                    ))
                })
                .optional()?;
            let corrects = match held {
                Some((_, old)) if old.same(&mark.entry) => {
                    merge.unchanged += 1;
                    continue;
                }
                Some((id, old)) => {
                    if !self.dry {
                        replace.execute([id])?;
                    }
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
            if self.dry {
                continue;
            }
            add.execute(params![
                date,
                block,
                student,
                e.group,
                e.status.code(),
                e.time,
                e.note,
                e.teacher,
                e.source,
                mark.sheet,
                row,
                recorded_at,
                corrects,
            ])?;
        }
        Ok(merge)
    }

    /// The ledger's mark for a key, if it holds one.
    pub fn mark_of(&self, key: &Key) -> anyhow::Result<Option<Entry>> {
        self.find(key).map_err(|e| self.fail(e))
    }

    fn find(&self, key: &Key) -> rusqlite::Result<Option<Entry>> {
        let mut find = self.tx.prepare_cached(FIND)?;
        find.query_row(params![key.0.to_string(), block_text(key), key.2], |r| {
            Ok(Entry {
                group: r.get(1)?,
                status: status(r.get_ref(2)?.as_str()?)?,
                time: r.get(3)?,
                note: r.get(4)?,
                teacher: r.get(5)?,
                source: r.get(6)?,
            })
        })
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
