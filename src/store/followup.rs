//! Contacts with families about unexplained absences (跟踪制度): each kept
//! once per absence and time; the same contact read again is no change, a
//! contact at the same time rewritten replaces the one before.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::{Change, Store, clock, day};
use crate::followup::{Contact, Outcome};

/// What recording a batch of contacts did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ContactsMerge {
    pub added: usize,
    pub unchanged: usize,
    pub rewritten: usize,
}

const AT: &str = "%Y-%m-%d %H:%M";

fn at_text(at: NaiveDateTime) -> String {
    at.format(AT).to_string()
}

impl Change<'_> {
    /// Keeps every contact: new ones added, rewritten ones replaced.
    pub fn record_contacts(&mut self, contacts: &[Contact]) -> anyhow::Result<ContactsMerge> {
        self.merge_contacts(contacts).map_err(|e| self.fail(e))
    }

    fn merge_contacts(&mut self, contacts: &[Contact]) -> rusqlite::Result<ContactsMerge> {
        let recorded_at = super::now();
        let mut merge = ContactsMerge::default();
        let mut find = self.tx.prepare_cached(
            "SELECT id, contact, outcome, result, handled_by FROM contacts \
             WHERE date = ?1 AND block = ?2 AND student = ?3 AND contacted_at = ?4",
        )?;
        let mut add = self.tx.prepare_cached(
            "INSERT INTO contacts (date, block, student, contact, contacted_at, outcome, \
             result, handled_by, source, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut rewrite = self.tx.prepare_cached(
            "UPDATE contacts SET contact = ?2, outcome = ?3, result = ?4, handled_by = ?5, \
             source = ?6, recorded_at = ?7 WHERE id = ?1",
        )?;
        for c in contacts {
            let (date, block, student) = &c.absence;
            let keys = (
                date.to_string(),
                block.format("%H:%M").to_string(),
                student.as_str(),
                at_text(c.contacted_at),
            );
            let held = find
                .query_row(params![keys.0, keys.1, keys.2, keys.3], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })
                .optional()?;
            match held {
                Some((_, contact, outcome, result, by))
                    if contact == c.contact
                        && outcome == c.outcome.code()
                        && result == c.result
                        && by == c.by =>
                {
                    merge.unchanged += 1;
                }
                Some((id, ..)) => {
                    merge.rewritten += 1;
                    if !self.dry {
                        rewrite.execute(params![
                            id,
                            c.contact,
                            c.outcome.code(),
                            c.result,
                            c.by,
                            c.source,
                            recorded_at
                        ])?;
                    }
                }
                None => {
                    merge.added += 1;
                    if !self.dry {
                        add.execute(params![
                            keys.0,
                            keys.1,
                            keys.2,
                            c.contact,
                            keys.3,
                            c.outcome.code(),
                            c.result,
                            c.by,
                            c.source,
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
    /// Every contact recorded, in the order they happened.
    pub fn contacts(&mut self) -> anyhow::Result<Vec<Contact>> {
        self.read(|conn| {
            let mut rows = conn.prepare(
                "SELECT date, block, student, contact, contacted_at, outcome, result, \
                 handled_by, source FROM contacts ORDER BY contacted_at, id",
            )?;
            let rows = rows.query_map([], |r| {
                let at: String = r.get(4)?;
                let outcome: String = r.get(5)?;
                Ok(Contact {
                    absence: (
                        day(r.get_ref(0)?.as_str()?)?,
                        clock(r.get_ref(1)?.as_str()?)?,
                        r.get(2)?,
                    ),
                    contact: r.get(3)?,
                    contacted_at: NaiveDateTime::parse_from_str(&at, AT)
                        .map_err(|_| super::bad_value(&at))?,
                    outcome: Outcome::from_code(&outcome)
                        .ok_or_else(|| super::bad_value(&outcome))?,
                    result: r.get(6)?,
                    by: r.get(7)?,
                    source: r.get(8)?,
                })
            })?;
            rows.collect()
        })
    }
}
