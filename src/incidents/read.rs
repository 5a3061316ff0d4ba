//! Reading the care log back: the daily workbook's 看管记录 sheet with its
//! lines filled in (as saved by Excel, WPS or LibreOffice), in the columns of
//! `incidents.csv`. A line with nothing written but its printed date is not
//! an incident; a written one is checked as `incidents.csv`'s rows are (a
//! 学号 on the roster, a time, when the guardian was told).

use super::Incident;
use crate::input::{Merged, Problems, Table, bind, read_rows};
use crate::school::School;
use crate::school::incidents::{INCIDENTS, incident};

/// The heading a care log has: when the guardian was told.
const TOLD_AT: [&str; 3] = ["通知家长时间", "通知监护人时间", "guardian told at"];

/// The heading only the reports of the care log have (the weekly report's
/// and `kehou incidents`' lists, which are read by nobody).
const MINUTES: [&str; 2] = ["几分钟后通知", "minutes to tell"];

/// The fields a teacher writes; the date is printed.
const WRITTEN: [&str; 9] = [
    "time",
    "group",
    "students",
    "name",
    "what",
    "action",
    "notified_at",
    "notified_by",
    "follow_up",
];

/// The incidents of every care log among a file's tables; `None` when the
/// file has no care log.
pub fn from_tables(
    tables: &[Table],
    school: &School,
    problems: &mut Problems,
) -> Option<Vec<Incident>> {
    let logs: Vec<Table> = tables
        .iter()
        .filter_map(|t| t.clone().with_header_containing(&TOLD_AT))
        .filter(|t| t.clone().with_header_containing(&MINUTES).is_none())
        .collect();
    if logs.is_empty() {
        return None;
    }
    Some(
        logs.iter()
            .flat_map(|t| read_sheet(t, school, problems))
            .collect(),
    )
}

/// The incidents written on one care log; every bad cell in `problems`.
pub fn read_sheet(table: &Table, school: &School, problems: &mut Problems) -> Vec<Incident> {
    let table = &without_printed_lines(table);
    let Some(columns) = bind(table, INCIDENTS, false, problems) else {
        return Vec::new();
    };
    read_rows(table, &columns, problems, |c| {
        if WRITTEN.iter().all(|f| c.text(f).is_empty()) {
            return Some(None);
        }
        let mut found = incident(c, school)?;
        found.source = format!("{}:{}", table.file, c.line());
        Some(Some(found))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The sheet without the lines printed below the table (the hint), each a
/// cell merged across every column: not lines of the log.
fn without_printed_lines(table: &Table) -> Table {
    let mut t = table.clone();
    let last = t.headers.len().saturating_sub(1);
    let across = |m: &Merged| m.columns.0 == 0 && m.columns.1 >= last && last > 0;
    let printed: Vec<(usize, usize)> = t
        .merged
        .iter()
        .filter(|m| across(m))
        .map(|m| m.lines)
        .collect();
    t.rows
        .retain(|r| !printed.iter().any(|(a, b)| (*a..=*b).contains(&r.line)));
    t.merged.retain(|m| !across(m));
    t
}
