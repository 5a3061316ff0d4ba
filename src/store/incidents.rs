//! The care log's incidents (看管记录) read back from the daily workbook's
//! 看管记录 sheet: one row per incident, known by its date, time and children;
//! the same line read again is no change, a line rewritten (what happened,
//! what was done, when the guardian was told) replaces the one before.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::{Change, Store, clock, day};
use crate::incidents::Incident;
use crate::model::Line;

/// What recording a batch of incidents did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IncidentsMerge {
    pub added: usize,
    pub unchanged: usize,
    pub rewritten: usize,
}

const AT: &str = "%Y-%m-%d %H:%M";

/// A row of the `incidents` table as kehou writes it (after its key).
#[derive(PartialEq, Eq)]
struct Written {
    grp: String,
    what: String,
    action: String,
    notified_at: Option<String>,
    notified_by: String,
    follow_up: String,
}

fn written(i: &Incident) -> Written {
    Written {
        grp: i.group.clone(),
        what: i.what.clone(),
        action: i.action.clone(),
        notified_at: i.notified_at.map(|t| t.format(AT).to_string()),
        notified_by: i.notified_by.clone(),
        follow_up: i.follow_up.clone(),
    }
}

impl Change<'_> {
    /// Keeps every incident: new ones added, rewritten ones replaced.
    pub fn record_incidents(&mut self, incidents: &[Incident]) -> anyhow::Result<IncidentsMerge> {
        self.merge_incidents(incidents).map_err(|e| self.fail(e))
    }

    fn merge_incidents(&mut self, incidents: &[Incident]) -> rusqlite::Result<IncidentsMerge> {
        let recorded_at = super::now();
        let mut merge = IncidentsMerge::default();
        let mut find = self.tx.prepare_cached(
            "SELECT id, grp, what, action, notified_at, notified_by, follow_up FROM care_log \
             WHERE date = ?1 AND time = ?2 AND students = ?3",
        )?;
        let mut add = self.tx.prepare_cached(
            "INSERT INTO care_log (date, time, students, grp, what, action, notified_at, \
             notified_by, follow_up, source, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut rewrite = self.tx.prepare_cached(
            "UPDATE care_log SET grp = ?2, what = ?3, action = ?4, notified_at = ?5, \
             notified_by = ?6, follow_up = ?7, source = ?8, recorded_at = ?9 WHERE id = ?1",
        )?;
        for i in incidents {
            let (date, time) = (i.date.to_string(), i.time.format("%H:%M").to_string());
            let students = i.identity().2;
            let new = written(i);
            let held = find
                .query_row(params![date, time, students], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Written {
                            grp: r.get(1)?,
                            what: r.get(2)?,
                            action: r.get(3)?,
                            notified_at: r.get(4)?,
                            notified_by: r.get(5)?,
                            follow_up: r.get(6)?,
                        },
                    ))
                })
                .optional()?;
            match held {
                Some((_, old)) if old == new => merge.unchanged += 1,
                Some((id, _)) => {
                    merge.rewritten += 1;
                    if !self.dry {
                        rewrite.execute(params![
                            id,
                            new.grp,
                            new.what,
                            new.action,
                            new.notified_at,
                            new.notified_by,
                            new.follow_up,
                            i.source,
                            recorded_at
                        ])?;
                    }
                }
                None => {
                    merge.added += 1;
                    if !self.dry {
                        add.execute(params![
                            date,
                            time,
                            students,
                            new.grp,
                            new.what,
                            new.action,
                            new.notified_at,
                            new.notified_by,
                            new.follow_up,
                            i.source,
                            recorded_at
                        ])?;
                    }
                }
            }
        }
        Ok(merge)
    }
}

impl Store {
    /// Every incident recorded from a care log sheet, in time order.
    pub fn incidents(&mut self) -> anyhow::Result<Vec<Incident>> {
        self.read(|conn| {
            let mut rows = conn.prepare(
                "SELECT date, time, students, grp, what, action, notified_at, notified_by, \
                 follow_up, source FROM care_log ORDER BY date, time, id",
            )?;
            let rows = rows.query_map([], |r| {
                let notified_at = match r.get::<_, Option<String>>(6)? {
                    Some(at) => Some(
                        NaiveDateTime::parse_from_str(&at, AT)
                            .map_err(|_| super::bad_value(&at))?,
                    ),
                    None => None,
                };
                let students: String = r.get(2)?;
                Ok(Incident {
                    date: day(r.get_ref(0)?.as_str()?)?,
                    time: clock(r.get_ref(1)?.as_str()?)?,
                    students: students.split(';').map(str::to_string).collect(),
                    group: r.get(3)?,
                    what: r.get(4)?,
                    action: r.get(5)?,
                    notified_at,
                    notified_by: r.get(7)?,
                    follow_up: r.get(8)?,
                    source: r.get(9)?,
                    line: Line(0),
                })
            })?;
            rows.collect()
        })
    }
}
