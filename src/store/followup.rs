//! Contacts with families about unexplained absences (跟踪制度): each kept
//! once per absence and time; the same contact read again is no change, a
//! contact at the same time rewritten replaces the one before.

use super::merge::{Keyed, Row};
use super::{Change, Store, clock, day};
use crate::followup::{Contact, Outcome};
use chrono::NaiveDateTime;

/// What recording a batch of contacts did.
pub type ContactsMerge = super::merge::Merge;

/// Contacts kept once per absence and time.
const CONTACTS: Keyed = Keyed {
    table: "contacts",
    key: &["date", "block", "student", "contacted_at"],
    values: &["contact", "outcome", "result", "handled_by"],
};

const AT: &str = "%Y-%m-%d %H:%M";

fn contact_row(c: &Contact) -> Row {
    let (date, block, student) = &c.absence;
    Row {
        key: vec![
            date.to_string().into(),
            block.format("%H:%M").to_string().into(),
            student.clone().into(),
            c.contacted_at.format(AT).to_string().into(),
        ],
        values: vec![
            c.contact.clone().into(),
            c.outcome.code().to_string().into(),
            c.result.clone().into(),
            c.by.clone().into(),
        ],
        source: c.source.clone(),
    }
}

impl Change<'_> {
    /// Keeps every contact: new ones added, rewritten ones replaced.
    pub fn record_contacts(&mut self, contacts: &[Contact]) -> anyhow::Result<ContactsMerge> {
        let rows = contacts.iter().map(contact_row);
        self.merge_keyed(&CONTACTS, rows).map_err(|e| self.fail(e))
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
