//! The duty leader's check-off (带班巡视 and 清校): one row per visit (date,
//! group, block) and one per day's 清校; the same sheet read again is no
//! change, a line rewritten replaces the one before.

use rusqlite::types::Value;

use super::merge::{Keyed, Row};
use super::{Change, Store, clock, day};
use crate::rounds::{Clearance, Visit};

/// What recording a duty sheet's round did.
pub type RoundsMerge = super::merge::Merge;

/// The check-off kept by date, kind, group and block.
const ROUNDS: Keyed = Keyed {
    table: "rounds",
    key: &["date", "kind", "grp", "block"],
    values: &["at", "note", "signed", "handed_over", "rooms_checked"],
};

fn visit_row(v: &Visit) -> Row {
    Row {
        key: vec![
            v.date.to_string().into(),
            Value::Text("patrol".into()),
            v.group.clone().into(),
            v.block.format("%H:%M").to_string().into(),
        ],
        values: vec![
            v.at.format("%H:%M").to_string().into(),
            v.note.clone().into(),
            v.signed.clone().into(),
            Value::Null,
            Value::Null,
        ],
        source: v.source.clone(),
    }
}

fn clear_row(c: &Clearance) -> Row {
    Row {
        key: vec![
            c.date.to_string().into(),
            Value::Text("clear".into()),
            String::new().into(),
            String::new().into(),
        ],
        values: vec![
            c.at.format("%H:%M").to_string().into(),
            c.note.clone().into(),
            c.signed.clone().into(),
            c.handed_over.into(),
            c.rooms_checked.into(),
        ],
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
        let rows = (visits.iter().map(visit_row)).chain(clearances.iter().map(clear_row));
        self.merge_keyed(&ROUNDS, rows).map_err(|e| self.fail(e))
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
