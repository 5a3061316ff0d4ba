//! The duty leader's check-off (带班巡视 and 清校): one row per visit (date,
//! group, block) and one per day's 清校; the same sheet read again is no
//! change, a line rewritten replaces the one before.

use rusqlite::{OptionalExtension, params};

use super::{Change, Store, clock, day};
use crate::rounds::{Clearance, Visit};

/// What recording a duty sheet's round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RoundsMerge {
    pub added: usize,
    pub unchanged: usize,
    pub rewritten: usize,
}

/// A row of the `rounds` table as kehou writes it.
struct RoundRow {
    date: String,
    kind: &'static str,
    grp: String,
    block: String,
    at: String,
    note: String,
    signed: String,
    handed_over: Option<bool>,
    rooms_checked: Option<bool>,
    source: String,
}

fn visit_row(v: &Visit) -> RoundRow {
    RoundRow {
        date: v.date.to_string(),
        kind: "patrol",
        grp: v.group.clone(),
        block: v.block.format("%H:%M").to_string(),
        at: v.at.format("%H:%M").to_string(),
        note: v.note.clone(),
        signed: v.signed.clone(),
        handed_over: None,
        rooms_checked: None,
        source: v.source.clone(),
    }
}

fn clear_row(c: &Clearance) -> RoundRow {
    RoundRow {
        date: c.date.to_string(),
        kind: "clear",
        grp: String::new(),
        block: String::new(),
        at: c.at.format("%H:%M").to_string(),
        note: c.note.clone(),
        signed: c.signed.clone(),
        handed_over: Some(c.handed_over),
        rooms_checked: Some(c.rooms_checked),
        source: c.source.clone(),
    }
}

impl Change<'_> {
    /// Keeps every visit and 清校: new ones added, rewritten ones replaced.
    pub fn record_rounds(
        &mut self,
        visits: &[Visit],
        clearances: &[Clearance],
    ) -> anyhow::Result<RoundsMerge> {
        let rows: Vec<RoundRow> = visits
            .iter()
            .map(visit_row)
            .chain(clearances.iter().map(clear_row))
            .collect();
        self.merge_rounds(&rows).map_err(|e| self.fail(e))
    }

    fn merge_rounds(&mut self, rows: &[RoundRow]) -> rusqlite::Result<RoundsMerge> {
        let recorded_at = super::now();
        let mut merge = RoundsMerge::default();
        let mut find = self.tx.prepare_cached(
            "SELECT id, at, note, signed, handed_over, rooms_checked FROM rounds \
             WHERE date = ?1 AND kind = ?2 AND grp = ?3 AND block = ?4",
        )?;
        let mut add = self.tx.prepare_cached(
            "INSERT INTO rounds (date, kind, grp, block, at, note, signed, handed_over, \
             rooms_checked, source, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut rewrite = self.tx.prepare_cached(
            "UPDATE rounds SET at = ?2, note = ?3, signed = ?4, handed_over = ?5, \
             rooms_checked = ?6, source = ?7, recorded_at = ?8 WHERE id = ?1",
        )?;
        for r in rows {
            type Held = (i64, String, String, String, Option<bool>, Option<bool>);
            let held: Option<Held> = find
                .query_row(params![r.date, r.kind, r.grp, r.block], |x| {
                    Ok((
                        x.get(0)?,
                        x.get(1)?,
                        x.get(2)?,
                        x.get(3)?,
                        x.get(4)?,
                        x.get(5)?,
                    ))
                })
                .optional()?;
            match held {
                Some((_, at, note, signed, handed, rooms))
                    if at == r.at
                        && note == r.note
                        && signed == r.signed
                        && handed == r.handed_over
                        && rooms == r.rooms_checked =>
                {
                    merge.unchanged += 1;
                }
                Some((id, ..)) => {
                    merge.rewritten += 1;
                    if !self.dry {
                        rewrite.execute(params![
                            id,
                            r.at,
                            r.note,
                            r.signed,
                            r.handed_over,
                            r.rooms_checked,
                            r.source,
                            recorded_at
                        ])?;
                    }
                }
                None => {
                    merge.added += 1;
                    if !self.dry {
                        add.execute(params![
                            r.date,
                            r.kind,
                            r.grp,
                            r.block,
                            r.at,
                            r.note,
                            r.signed,
                            r.handed_over,
                            r.rooms_checked,
                            r.source,
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
    /// Every visit and 清校 recorded, in date order.
    pub fn rounds(&mut self) -> anyhow::Result<(Vec<Visit>, Vec<Clearance>)> {
        self.read(|conn| {
            let mut rows = conn.prepare(
                "SELECT date, kind, grp, block, at, note, signed, handed_over, rooms_checked, \
                 source FROM rounds ORDER BY date, kind, block, grp",
            )?;
            let mut rows = rows.query([])?;
            let (mut visits, mut clearances) = (Vec::new(), Vec::new());
            while let Some(r) = rows.next()? {
                let date = day(r.get_ref(0)?.as_str()?)?;
                let at = clock(r.get_ref(4)?.as_str()?)?;
                let (note, signed, source) = (r.get(5)?, r.get(6)?, r.get(9)?);
                if r.get_ref(1)?.as_str()? == "clear" {
                    clearances.push(Clearance {
                        date,
                        at,
                        handed_over: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
                        rooms_checked: r.get::<_, Option<bool>>(8)?.unwrap_or(false),
                        note,
                        signed,
                        source,
                    });
                } else {
                    visits.push(Visit {
                        date,
                        block: clock(r.get_ref(3)?.as_str()?)?,
                        group: r.get(2)?,
                        at,
                        note,
                        signed,
                        source,
                    });
                }
            }
            Ok((visits, clearances))
        })
    }
}
