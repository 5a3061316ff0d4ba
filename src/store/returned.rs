//! When each register came back: the day its first row was recorded, for
//! the assessment's "registers returned, and how late".

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use super::{Store, clock, day};

/// (date, block start, group) → the day the register's first row was recorded.
pub type FirstRecorded = HashMap<(NaiveDate, NaiveTime, String), NaiveDate>;

impl Store {
    /// Every register with a row recorded, and when it first was (a row
    /// corrected since counts from its first recording).
    pub fn registers_returned(&mut self) -> anyhow::Result<FirstRecorded> {
        self.read(|conn| {
            let mut rows = conn.prepare(
                "SELECT date, block, grp, MIN(substr(recorded_at, 1, 10)) FROM marks \
                 GROUP BY date, block, grp",
            )?;
            let mut rows = rows.query([])?;
            let mut out = FirstRecorded::new();
            while let Some(r) = rows.next()? {
                out.insert(
                    (
                        day(r.get_ref(0)?.as_str()?)?,
                        clock(r.get_ref(1)?.as_str()?)?,
                        r.get(2)?,
                    ),
                    day(r.get_ref(3)?.as_str()?)?,
                );
            }
            Ok(out)
        })
    }
}
