//! Plan versions in the database: each run of `plan` is a version (its
//! as-of date, when it ran, what changed); a placement row belongs to the
//! versions from the one that wrote it until the one that replaced it, so
//! that the plan in force on any date can be read back as it was printed.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, Weekday};
use rusqlite::{Connection, params};

use super::{Change, Store, day};
use crate::plan::{Changes, Kind, Placement, Plan, WaitEntry};
use crate::supervision::Duties;

/// One plan version, as `kehou export` and the workbooks name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    pub version: i64,
    pub as_of: NaiveDate,
    pub run_at: String,
}

/// What a plan run is.
pub struct NewVersion<'a> {
    pub as_of: NaiveDate,
    pub how: &'a str,
    pub changes: &'a Changes,
}

fn kind(code: &str) -> rusqlite::Result<Kind> {
    match code {
        "homework" => Ok(Kind::Homework),
        "club" => Ok(Kind::Club),
        "activity" => Ok(Kind::Activity),
        "reading" => Ok(Kind::Reading),
        _ => Err(super::bad_value(code)),
    }
}

fn weekday(n: i64) -> rusqlite::Result<Weekday> {
    u8::try_from(n)
        .ok()
        .and_then(|n| Weekday::try_from(n).ok())
        .ok_or_else(|| super::bad_value(&n.to_string()))
}

impl Change<'_> {
    /// Saves `plan` as a new version: rows the newest version already holds
    /// stay (now in this version too), the others end with it, new rows
    /// begin. `duties` is the supervision its timetable prints.
    pub fn save_plan(
        &mut self,
        plan: &Plan,
        duties: Option<&Duties>,
        run: NewVersion,
    ) -> anyhow::Result<VersionInfo> {
        self.save(plan, duties, run).map_err(|e| self.fail(e))
    }

    fn save(
        &mut self,
        plan: &Plan,
        duties: Option<&Duties>,
        run: NewVersion,
    ) -> rusqlite::Result<VersionInfo> {
        let tx = &self.tx;
        let run_at = super::now();
        let c = run.changes;
        tx.execute(
            "INSERT INTO plan_versions (as_of, run_at, how, placed, withdrawn, promoted, renewed, rows_added, rows_ended) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0)",
            params![
                run.as_of.to_string(),
                run_at,
                run.how,
                c.placed.len() as i64,
                c.withdrawn.len() as i64,
                c.promoted.len() as i64,
                c.renewed.len() as i64
            ],
        )?;
        let version = tx.last_insert_rowid();
        let (newest, ids) = newest_rows(tx)?;
        let mut held: HashMap<&Placement, Vec<i64>> = HashMap::with_capacity(ids.len());
        for (p, id) in newest.placements.iter().zip(&ids) {
            held.entry(p).or_default().push(*id);
        }
        let mut add = tx.prepare_cached(
            "INSERT INTO placements (student, weekday, block, kind, grp, valid_from, valid_to, planned, since_version) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut dates: HashMap<NaiveDate, String> = HashMap::new();
        let mut date = |d: NaiveDate| dates.entry(d).or_insert_with(|| d.to_string()).clone();
        let mut added = 0i64;
        for p in &plan.placements {
            if let Some(id) = held.get_mut(p).and_then(Vec::pop) {
                let _ = id; // kept: it stays in this version too
                continue;
            }
            add.execute(params![
                &*p.student,
                p.weekday.num_days_from_monday(),
                p.block,
                p.kind.code(),
                &*p.group,
                date(p.from),
                p.to.map(&mut date),
                date(p.planned),
                version
            ])?;
            added += 1;
        }
        let mut end =
            tx.prepare_cached("UPDATE placements SET until_version = ?1 WHERE id = ?2")?;
        let mut ended = 0i64;
        for id in held.values().flatten() {
            end.execute(params![version, id])?;
            ended += 1;
        }
        tx.execute(
            "UPDATE plan_versions SET rows_added = ?1, rows_ended = ?2 WHERE version = ?3",
            params![added, ended, version],
        )?;
        let mut wait = tx.prepare_cached(
            "INSERT INTO waitlist (version, club, position, student) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for e in &plan.waitlist {
            wait.execute(params![version, e.club, e.position, e.student])?;
        }
        if let Some(duties) = duties {
            save_duties(tx, version, run.as_of, duties)?;
        }
        Ok(VersionInfo {
            version,
            as_of: run.as_of,
            run_at,
        })
    }

    /// The newest plan, read inside this change (what `plan` builds on).
    pub fn newest_plan(&self) -> anyhow::Result<Option<Plan>> {
        let read = || -> rusqlite::Result<Option<Plan>> {
            if versions(&self.tx)?.is_empty() {
                return Ok(None);
            }
            Ok(Some(newest_rows(&self.tx)?.0))
        };
        read().map_err(|e| self.fail(e))
    }
}

/// The supervision of a version's timetable, from its as-of date; the
/// duties of earlier versions still open end the day before.
fn save_duties(
    tx: &Connection,
    version: i64,
    as_of: NaiveDate,
    duties: &Duties,
) -> rusqlite::Result<()> {
    let eve = as_of.pred_opt().unwrap_or(as_of).to_string();
    tx.execute(
        "UPDATE duties SET valid_to = ?1 WHERE valid_to IS NULL AND version < ?2",
        params![eve, version],
    )?;
    let mut add = tx.prepare_cached(
        "INSERT INTO duties (version, weekday, kind, grp, teachers, start, end, minutes, students, valid_from) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let from = as_of.to_string();
    for d in &duties.duties {
        add.execute(params![
            version,
            d.weekday.num_days_from_monday(),
            d.kind.code(),
            d.group,
            d.teachers.join(";"),
            d.start.format("%H:%M").to_string(),
            d.end.format("%H:%M").to_string(),
            d.minutes,
            d.students as i64,
            from
        ])?;
    }
    let mut leader = tx.prepare_cached(
        "INSERT INTO duty_leaders (version, weekday, leader) VALUES (?1, ?2, ?3)",
    )?;
    for (day, who) in &duties.leaders {
        leader.execute(params![version, day.num_days_from_monday(), who])?;
    }
    Ok(())
}

/// Every version, oldest first.
fn versions(conn: &Connection) -> rusqlite::Result<Vec<VersionInfo>> {
    let mut q =
        conn.prepare_cached("SELECT version, as_of, run_at FROM plan_versions ORDER BY version")?;
    q.query_map([], |r| {
        Ok(VersionInfo {
            version: r.get(0)?,
            as_of: day(r.get_ref(1)?.as_str()?)?,
            run_at: r.get(2)?,
        })
    })?
    .collect()
}

/// A stored placement row: the placement, its id, the version that wrote
/// it and the first version without it.
type Stored = (Placement, i64, i64, Option<i64>);

/// Reads placement rows (`condition` picks them), ids shared per name:
/// a term plan has millions of rows.
fn read_rows(conn: &Connection, condition: &str) -> rusqlite::Result<Vec<Stored>> {
    let mut q = conn.prepare(&format!(
        "SELECT student, weekday, block, kind, grp, valid_from, valid_to, planned, id, since_version, until_version \
         FROM placements WHERE {condition} ORDER BY id"
    ))?;
    let mut names: HashMap<String, Arc<str>> = HashMap::new();
    let mut share = |text: &str| -> Arc<str> {
        if let Some(name) = names.get(text) {
            return name.clone();
        }
        let name: Arc<str> = text.into();
        names.insert(text.to_string(), name.clone());
        name
    };
    let mut out = Vec::new();
    let mut rows = q.query([])?;
    while let Some(r) = rows.next()? {
        let to = match r.get_ref(6)?.as_str_or_null()? {
            Some(t) => Some(day(t)?),
            None => None,
        };
        let placement = Placement {
            student: share(r.get_ref(0)?.as_str()?),
            weekday: weekday(r.get(1)?)?,
            block: r.get(2)?,
            kind: kind(r.get_ref(3)?.as_str()?)?,
            group: share(r.get_ref(4)?.as_str()?),
            from: day(r.get_ref(5)?.as_str()?)?,
            to,
            planned: day(r.get_ref(7)?.as_str()?)?,
        };
        out.push((placement, r.get(8)?, r.get(9)?, r.get(10)?));
    }
    Ok(out)
}

/// The newest version's plan and each row's id.
fn newest_rows(conn: &Connection) -> rusqlite::Result<(Plan, Vec<i64>)> {
    let rows = read_rows(conn, "until_version IS NULL")?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut plan = Plan::default();
    plan.placements.reserve(rows.len());
    for (p, id, _, _) in rows {
        plan.placements.push(p);
        ids.push(id);
    }
    plan.waitlist = newest_waitlist(conn)?;
    Ok((plan, ids))
}

fn newest_waitlist(conn: &Connection) -> rusqlite::Result<Vec<WaitEntry>> {
    let mut q = conn.prepare_cached(
        "SELECT club, position, student FROM waitlist \
         WHERE version = (SELECT max(version) FROM plan_versions) ORDER BY rowid",
    )?;
    q.query_map([], |r| {
        Ok(WaitEntry {
            club: r.get(0)?,
            position: r.get(1)?,
            student: r.get(2)?,
        })
    })?
    .collect()
}

/// The dates each version was in force: from its as-of date (the earliest
/// version: from the first day) until the day before a later run's as-of
/// date. A `--fresh` plan for an earlier date ends every version after it.
fn windows(versions: &[VersionInfo]) -> HashMap<i64, (NaiveDate, NaiveDate)> {
    let earliest = versions.iter().map(|v| v.as_of).min();
    let mut out = HashMap::new();
    let mut end = NaiveDate::MAX;
    for v in versions.iter().rev() {
        let start = if Some(v.as_of) == earliest && v.as_of <= end {
            NaiveDate::MIN
        } else {
            v.as_of
        };
        out.insert(v.version, (start, end));
        end = end.min(v.as_of.pred_opt().unwrap_or(NaiveDate::MIN));
    }
    out
}

/// The dates of versions `since..until` merged into spans.
fn spans(
    windows: &HashMap<i64, (NaiveDate, NaiveDate)>,
    versions: &[VersionInfo],
    since: i64,
    until: Option<i64>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = versions
        .iter()
        .filter(|v| v.version >= since && until.is_none_or(|u| v.version < u))
        .filter_map(|v| windows.get(&v.version).copied())
        .filter(|(s, e)| s <= e)
        .collect();
    spans.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if last.1.succ_opt().is_some_and(|n| n >= s) || last.1 >= s => {
                last.1 = last.1.max(e);
            }
            _ => merged.push((s, e)),
        }
    }
    merged
}

impl Store {
    /// The newest plan (what the next `plan` keeps), or `None` before the first.
    pub fn newest_plan(&mut self) -> anyhow::Result<Option<Plan>> {
        self.read(|conn| {
            if versions(conn)?.is_empty() {
                return Ok(None);
            }
            Ok(Some(newest_rows(conn)?.0))
        })
    }

    /// The plan as it was printed: on each date, the rows of the version in
    /// force that day (each row cut to the dates its versions were in force).
    /// `None` before the first plan.
    pub fn plan_as_printed(&mut self) -> anyhow::Result<Option<Plan>> {
        self.read(|conn| {
            let versions = versions(conn)?;
            if versions.is_empty() {
                return Ok(None);
            }
            let windows = windows(&versions);
            let mut plan = Plan::default();
            for (p, _, since, until) in read_rows(conn, "1")? {
                for (start, end) in spans(&windows, &versions, since, until) {
                    let from = p.from.max(start);
                    let to = match p.to {
                        Some(to) => Some(to.min(end)),
                        None if end == NaiveDate::MAX => None,
                        None => Some(end),
                    };
                    if to.is_none_or(|to| from <= to) {
                        plan.placements.push(Placement {
                            from,
                            to,
                            ..p.clone()
                        });
                    }
                }
            }
            plan.waitlist = newest_waitlist(conn)?;
            Ok(Some(plan))
        })
    }

    /// Every plan version, oldest first.
    pub fn plan_versions(&mut self) -> anyhow::Result<Vec<VersionInfo>> {
        self.read(versions)
    }

    /// The versions in force on some date from `from` to `to`, oldest first
    /// (what that period's sheets printed).
    pub fn versions_in_force(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> anyhow::Result<Vec<VersionInfo>> {
        let versions = self.plan_versions()?;
        let windows = windows(&versions);
        Ok(versions
            .into_iter()
            .filter(|v| {
                windows
                    .get(&v.version)
                    .is_some_and(|(s, e)| s <= e && *s <= to && from <= *e)
            })
            .collect())
    }

    /// The version in force on `date` (what a sheet for that date printed).
    pub fn version_on(&mut self, date: NaiveDate) -> anyhow::Result<Option<VersionInfo>> {
        let versions = self.plan_versions()?;
        let windows = windows(&versions);
        Ok(versions.into_iter().find(|v| {
            windows
                .get(&v.version)
                .is_some_and(|(s, e)| *s <= date && date <= *e)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn v(version: i64, as_of: NaiveDate) -> VersionInfo {
        VersionInfo {
            version,
            as_of,
            run_at: String::new(),
        }
    }

    #[test]
    fn each_version_is_in_force_until_a_later_runs_date() {
        let versions = [v(1, d(9, 7)), v(2, d(10, 20)), v(3, d(10, 27))];
        let w = windows(&versions);
        assert_eq!(w[&1], (NaiveDate::MIN, d(10, 19)));
        assert_eq!(w[&2], (d(10, 20), d(10, 26)));
        assert_eq!(w[&3], (d(10, 27), NaiveDate::MAX));
        assert_eq!(
            spans(&w, &versions, 1, None),
            vec![(NaiveDate::MIN, NaiveDate::MAX)]
        );
        assert_eq!(
            spans(&w, &versions, 2, Some(3)),
            vec![(d(10, 20), d(10, 26))]
        );
    }

    #[test]
    fn a_fresh_plan_for_an_earlier_date_ends_the_later_version() {
        let versions = [v(1, d(9, 7)), v(2, d(10, 20)), v(3, d(10, 1))];
        let w = windows(&versions);
        assert_eq!(w[&1], (NaiveDate::MIN, d(9, 30)));
        assert!(w[&2].0 > w[&2].1, "{:?}", w[&2]);
        assert_eq!(w[&3], (d(10, 1), NaiveDate::MAX));
    }
}
