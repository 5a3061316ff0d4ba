//! `kehou export`: every table as CSV, for people and tools. The plan,
//! waiting lists and ledger keep the columns their CSV files always had;
//! a ledger past what Excel opens (1,048,576 rows) is split by month.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;

use super::Store;
use crate::attendance::Ledger;

/// The most rows a sheet holds in Excel, the header row included.
pub const EXCEL_ROWS: usize = 1_048_576;

/// One exported file: its name and its bytes.
pub struct Exported {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The tables written as they are (the history behind the plan and ledger).
/// A table added by a migration is added here.
const RAW_TABLES: &[&str] = &[
    "plan_versions",
    "placements",
    "duties",
    "duty_leaders",
    "marks",
    "imports",
    "contacts",
    "rounds",
    "care_log",
];

impl Store {
    /// Every table as CSV files, named as `kehou export` writes them.
    pub fn export(&mut self) -> anyhow::Result<Vec<Exported>> {
        let mut out = Vec::new();
        if let Some(plan) = self.newest_plan()? {
            out.push(Exported {
                name: "plan.csv".into(),
                bytes: plan.plan_csv()?,
            });
            out.push(Exported {
                name: "waitlist.csv".into(),
                bytes: plan.waitlist_csv()?,
            });
        }
        let ledger = self.ledger()?;
        out.extend(ledger_files(ledger, EXCEL_ROWS)?);
        for table in RAW_TABLES {
            let rows = self.read(|conn| raw_table(conn, table))?;
            out.extend(split_raw(table, rows, EXCEL_ROWS)?);
        }
        for file in &mut out {
            file.bytes = for_people(&file.bytes)?;
        }
        Ok(out)
    }
}

/// A CSV as a person opens it: a cell a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) made inert, control characters (ESC) shown as
/// text, so that neither Excel nor a terminal acts on them.
fn for_people(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::with_capacity(bytes.len() + bytes.len() / 64));
    let mut record = csv::StringRecord::new();
    let mut cells: Vec<String> = Vec::new();
    while r.read_record(&mut record)? {
        cells.clear();
        cells.extend(
            record
                .iter()
                .map(|c| crate::report::sheet::neutralise(&crate::exit::visible(c))),
        );
        w.write_record(&cells)?;
    }
    Ok(w.into_inner()?)
}

/// `attendance.csv`, or one `attendance-YYYY-MM.csv` per month when the
/// whole would not open in Excel.
pub fn ledger_files(ledger: Ledger, limit: usize) -> anyhow::Result<Vec<Exported>> {
    if ledger.entries.len() < limit {
        return Ok(vec![Exported {
            name: "attendance.csv".into(),
            bytes: ledger.to_csv()?,
        }]);
    }
    let mut months: BTreeMap<String, Ledger> = BTreeMap::new();
    for (key, entry) in ledger.entries {
        let month = key.0.format("%Y-%m").to_string();
        months.entry(month).or_default().entries.insert(key, entry);
    }
    months
        .into_iter()
        .map(|(month, ledger)| {
            Ok(Exported {
                name: format!("attendance-{month}.csv"),
                bytes: ledger.to_csv()?,
            })
        })
        .collect()
}

/// A table's column names and rows, every value as text.
fn raw_table(
    conn: &rusqlite::Connection,
    table: &str,
) -> rusqlite::Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut q = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let names: Vec<String> = q.column_names().map(|n| n.to_string()).collect();
    let width = names.len();
    let mut rows = Vec::new();
    let mut found = q.query([])?;
    while let Some(r) = found.next()? {
        let mut row = Vec::with_capacity(width);
        for i in 0..width {
            row.push(match r.get_ref(i)? {
                ValueRef::Null => String::new(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => x.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
            });
        }
        rows.push(row);
    }
    Ok((names, rows))
}

/// `TABLE.csv`, or one file per month of its `date` column when too long.
fn split_raw(
    table: &str,
    (names, rows): (Vec<String>, Vec<Vec<String>>),
    limit: usize,
) -> anyhow::Result<Vec<Exported>> {
    let date = names.iter().position(|n| n == "date");
    let parts: BTreeMap<String, Vec<Vec<String>>> = match date {
        Some(col) if rows.len() >= limit => {
            let mut parts: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
            for row in rows {
                let month = row[col].get(..7).unwrap_or("").to_string();
                parts
                    .entry(format!("{table}-{month}"))
                    .or_default()
                    .push(row);
            }
            parts
        }
        _ => BTreeMap::from([(table.to_string(), rows)]),
    };
    parts
        .into_iter()
        .map(|(name, rows)| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&names)?;
            for row in rows {
                w.write_record(&row)?;
            }
            Ok(Exported {
                name: format!("{name}.csv"),
                bytes: w.into_inner()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::{Entry, Status};

    #[test]
    fn a_ledger_past_the_limit_is_split_by_month() {
        let mut ledger = Ledger::default();
        for (m, d) in [(9, 8), (9, 9), (10, 12)] {
            let date = chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
            let block = chrono::NaiveTime::from_hms_opt(15, 30, 0).unwrap();
            let entry = Entry {
                group: "101".into(),
                status: Status::Present,
                time: String::new(),
                note: String::new(),
                source: String::new(),
                teacher: String::new(),
            };
            ledger.entries.insert((date, block, "S1".into()), entry);
        }
        let whole = ledger_files(ledger.clone(), 10).unwrap();
        assert_eq!(whole.len(), 1);
        let split = ledger_files(ledger, 3).unwrap();
        let names: Vec<&str> = split.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["attendance-2026-09.csv", "attendance-2026-10.csv"]);
        let rows = |e: &Exported| String::from_utf8_lossy(&e.bytes).lines().count() - 1;
        assert_eq!((rows(&split[0]), rows(&split[1])), (2, 1));
    }
}
