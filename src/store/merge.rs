//! Rows read again from the office's sheets, kept by their key: a row whose
//! key is not held is added, one held with the same values is no change,
//! one held with other values is rewritten (the duty leader's rounds, the
//! follow-up contacts).

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::Change;

/// What keeping a batch of rows did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub added: usize,
    pub unchanged: usize,
    pub rewritten: usize,
}

/// A table kept by key: the columns that tell its rows apart and those a
/// row holds (each row also keeps its `source` and `recorded_at`).
pub(super) struct Keyed {
    pub table: &'static str,
    pub key: &'static [&'static str],
    pub values: &'static [&'static str],
}

/// A row to keep: its key and values in the order of [`Keyed`]'s columns,
/// and where it was read.
pub(super) struct Row {
    pub key: Vec<Value>,
    pub values: Vec<Value>,
    pub source: String,
}

impl Keyed {
    /// `id` and the values of the row held under a key.
    fn find(&self) -> String {
        format!(
            "SELECT id, {} FROM {} WHERE {}",
            self.values.join(", "),
            self.table,
            placed(self.key, 1).join(" AND ")
        )
    }

    fn add(&self) -> String {
        let columns = self.written();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.table,
            columns.join(", "),
            marks.join(", ")
        )
    }

    /// A held row (`?1`, its id) given new values.
    fn rewrite(&self) -> String {
        let columns = self.written();
        let set = placed(&columns[self.key.len()..], 2);
        format!("UPDATE {} SET {} WHERE id = ?1", self.table, set.join(", "))
    }

    /// Every column an added row is given, in order.
    fn written(&self) -> Vec<&'static str> {
        let mut columns = [self.key, self.values].concat();
        columns.extend(["source", "recorded_at"]);
        columns
    }
}

/// `column = ?n` for each column, numbered from `first`.
fn placed(columns: &[&str], first: usize) -> Vec<String> {
    (columns.iter().enumerate())
        .map(|(i, c)| format!("{c} = ?{}", i + first))
        .collect()
}

impl Change<'_> {
    /// Keeps `rows` in `table` (a trial counts them and writes nothing).
    pub(super) fn merge_keyed(
        &mut self,
        table: &Keyed,
        rows: impl IntoIterator<Item = Row>,
    ) -> rusqlite::Result<Merge> {
        let recorded_at = Value::Text(super::now());
        let mut merge = Merge::default();
        let mut find = self.tx.prepare_cached(&table.find())?;
        let mut add = self.tx.prepare_cached(&table.add())?;
        let mut rewrite = self.tx.prepare_cached(&table.rewrite())?;
        for row in rows {
            let held = find
                .query_row(params_from_iter(&row.key), |r| {
                    let values = (1..=table.values.len()).map(|i| r.get::<_, Value>(i));
                    Ok((
                        r.get::<_, i64>(0)?,
                        values.collect::<rusqlite::Result<Vec<_>>>()?,
                    ))
                })
                .optional()?;
            let kept = [Value::Text(row.source), recorded_at.clone()];
            match held {
                Some((_, values)) if values == row.values => merge.unchanged += 1,
                Some((id, _)) => {
                    merge.rewritten += 1;
                    if !self.dry {
                        let id = Value::Integer(id);
                        rewrite.execute(params_from_iter(
                            std::iter::once(id).chain(row.values).chain(kept),
                        ))?;
                    }
                }
                None => {
                    merge.added += 1;
                    if !self.dry {
                        add.execute(params_from_iter(
                            row.key.into_iter().chain(row.values).chain(kept),
                        ))?;
                    }
                }
            }
        }
        Ok(merge)
    }
}
