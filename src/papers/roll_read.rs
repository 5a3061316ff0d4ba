//! Reading a filled register grid (点名册) back for `record`: each sheet whose
//! header has the grid's key column gives, per child row (by the 学号 shown on
//! it) and per date column, a register mark for that child, date and the
//! grid's block and group. Cells marked "not listed" are skipped, blank cells
//! on service days are marks left blank; the marks are then checked against
//! the day lists like every other register.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use crate::attendance::{Entry, Ledger, Status};
use crate::calendar::Day;
use crate::config::Config;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity, Table, load_all, parse};
use crate::register::Mark;
use crate::report::roll::NOT_LISTED;

const KEY: [&str; 2] = ["点名册键", "register grid key"];
const ID: [&str; 2] = ["学号", "student id"];

/// The marks of every grid in the file; `None` when it holds no grid (then
/// it is read as a register by `register::read`).
pub fn read(
    path: &Path,
    file: &str,
    config: &Config,
    problems: &mut Problems,
) -> Option<Vec<Mark>> {
    let tables = load_all(path, file).ok()?;
    let grids: Vec<Table> = tables
        .into_iter()
        .filter_map(|t| t.with_header_containing(&KEY))
        .collect();
    if grids.is_empty() {
        return None;
    }
    let source = path
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    let mut marks = Vec::new();
    for grid in &grids {
        marks.extend(grid_marks(grid, &source, config, problems));
    }
    keep_recorded_details(&mut marks, config);
    Some(marks)
}

/// A grid carries marks only: where the ledger already holds the same mark
/// for a cell, its time, note and teacher are kept (a grid read back must not
/// wipe the time of an early pickup); a changed mark is a correction.
fn keep_recorded_details(marks: &mut [Mark], config: &Config) {
    // A database that cannot be read is reported when the marks are recorded.
    let ledger: Ledger = crate::cmd::load_ledger(config, |_, _| true).unwrap_or_default();
    for m in marks {
        let (Some(new), Some(old)) = (m.entry.as_mut(), ledger.entries.get(&m.key)) else {
            continue;
        };
        if old.group == new.group && old.status == new.status {
            new.time.clone_from(&old.time);
            new.note.clone_from(&old.note);
            new.teacher.clone_from(&old.teacher);
        }
    }
}

/// The column holding one of these headers.
fn column(table: &Table, names: &[&str]) -> Option<usize> {
    let keys: Vec<String> = names.iter().map(|n| parse::key(n)).collect();
    table
        .headers
        .iter()
        .position(|h| keys.contains(&parse::key(h)))
}

/// Date columns: a header whose first line is a day of the month (`7\n周一`).
fn day_columns(table: &Table) -> Vec<(usize, u32)> {
    table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let first = h.lines().next()?.trim();
            let day: u32 = first.parse().ok()?;
            (1..=31).contains(&day).then_some((i, day))
        })
        .collect()
}

/// `2026-09|15:30|101教室` → (year, month, block start, group).
fn parse_key(key: &str) -> Option<(i32, u32, NaiveTime, &str)> {
    let mut parts = key.splitn(3, '|');
    let (year, month) = crate::papers::roll::parse_month(parts.next()?)?;
    let start = parse::time(parts.next()?)?;
    let group = parts.next().filter(|g| !g.is_empty())?;
    Some((year, month, start, group))
}

fn grid_marks(table: &Table, source: &str, config: &Config, problems: &mut Problems) -> Vec<Mark> {
    let (Some(key_col), Some(id_col)) = (column(table, &KEY), column(table, &ID)) else {
        return Vec::new();
    };
    let days = day_columns(table);
    let mut marks = Vec::new();
    let problem = |line: usize, col: usize, value: &str, msg: Msg| Problem {
        severity: Severity::Error,
        file: table.file.clone(),
        line: Some(line),
        column: Some((col + 1, table.headers.get(col).cloned().unwrap_or_default())),
        value: Some(value.to_string()),
        msg,
    };
    for row in &table.rows {
        let key = row.cell(key_col).trim();
        let student = row.cell(id_col).trim();
        if key.is_empty() || student.is_empty() {
            continue; // the day totals and the signature line
        }
        let Some((year, month, start, group)) = parse_key(key) else {
            problems.push(problem(row.line, key_col, key, Msg::BadRegisterKey));
            continue;
        };
        for &(col, day) in &days {
            let text = row.cell(col).trim();
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let service = matches!(config.calendar.day(date), Day::Service(_));
            let entry = match text {
                "" if service => None,
                "" => continue,
                t if t == NOT_LISTED => continue,
                t => match Status::parse(t) {
                    Some(status) => Some(entry(status, group, source)),
                    None => {
                        problems.push(problem(row.line, col, t, Msg::BadStatus));
                        continue;
                    }
                },
            };
            marks.push(Mark {
                key: (date, start, student.to_string()),
                group: group.to_string(),
                entry,
                file: table.file.clone(),
                line: row.line,
                // The grid's row names its child in plain sight: no hidden key to
                // disagree with, so the row's 学号 is the mark's child.
                shown: None,
            });
        }
    }
    marks
}

fn entry(status: Status, group: &str, source: &str) -> Entry {
    Entry {
        group: group.to_string(),
        status,
        time: String::new(),
        note: String::new(),
        source: source.to_string(),
        teacher: String::new(),
    }
}
