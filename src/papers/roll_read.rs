//! Reading a filled register grid (点名册) back for `record`: each sheet whose
//! header has the grid's key column gives, per child row (by the 学号 shown on
//! it) and per date column, a register mark for that child, date and the
//! grid's block and group. Cells marked "not listed" are skipped, blank cells
//! on service days are marks left blank; the marks are then checked against
//! the day lists like every other register.

use std::path::Path;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::attendance::{Entry, Ledger, Status};
use crate::calendar::Day;
use crate::config::Config;
use crate::i18n::{Label, Lang, Msg, weekday_name};
use crate::input::{Problem, Problems, Severity, Table, load_all, parse};
use crate::register::Mark;
use crate::report::roll::{COUNTED, NOT_LISTED, status_mark};

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
    read_tables(tables, path, file, config, problems).ok()
}

/// [`read`] on a file's tables already loaded; the tables back when none
/// is a grid (a file of 40 MB is read once, not once per reader).
pub fn read_tables(
    tables: Vec<Table>,
    path: &Path,
    file: &str,
    config: &Config,
    problems: &mut Problems,
) -> Result<Vec<Mark>, Vec<Table>> {
    if !tables.iter().any(|t| t.has_header_containing(&KEY)) {
        return Err(tables);
    }
    let grids: Vec<Table> = tables
        .into_iter()
        .filter_map(|t| t.with_header_containing(&KEY))
        .collect();
    let source = path
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    let mut marks = Vec::new();
    for grid in &grids {
        marks.extend(grid_marks(grid, &source, config, problems));
    }
    keep_recorded_details(&mut marks, config);
    Ok(marks)
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

/// A date column as its header reads: the day of the month, and the weekday
/// written under it (`7\n周一`; `None` under 调休 or 停课, or when left out).
struct DayColumn {
    column: usize,
    day: u32,
    weekday: Option<Weekday>,
}

/// The headers every grid has besides its dates (in either language).
fn known_header(header: &str) -> bool {
    let key = parse::key(header);
    let labels = [
        Label::RollKey,
        Label::No,
        Label::StudentId,
        Label::Name,
        Label::Class,
    ];
    [Lang::Zh, Lang::En].iter().any(|&lang| {
        labels.iter().any(|l| parse::key(l.text(lang)) == key)
            || COUNTED
                .iter()
                .any(|&s| parse::key(status_mark(lang, s)) == key)
    })
}

/// The weekday a header's second line names, in either language.
fn weekday_written(text: &str) -> Option<Weekday> {
    let text = text.trim();
    (0..7u8).find_map(|d| {
        let weekday = Weekday::try_from(d).ok()?;
        [Lang::Zh, Lang::En]
            .iter()
            .any(|&lang| weekday_name(lang, weekday) == text)
            .then_some(weekday)
    })
}

/// Date columns: a header whose first line is a day of the month
/// (`7\n周一`). Any other header with a digit in it is a date header retyped
/// (`9/7`, `9月7日`): an error, as a day twice is, since either would file
/// or drop a column of marks unseen.
fn day_columns(table: &Table, problems: &mut Vec<(usize, Msg)>) -> Vec<DayColumn> {
    let mut days: Vec<DayColumn> = Vec::new();
    for (column, header) in table.headers.iter().enumerate() {
        if header.trim().is_empty() || known_header(header) {
            continue;
        }
        let mut lines = header.lines();
        let first = lines.next().unwrap_or("").trim();
        let day = first.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
        let Some(day) = day else {
            if header.chars().any(|c| c.is_ascii_digit()) {
                problems.push((column, Msg::RollHeaderUnreadable));
            }
            continue;
        };
        if let Some(first) = days.iter().find(|d| d.day == day) {
            let first_column = table.headers[first.column].replace('\n', " ");
            problems.push((column, Msg::RollDayTwice { first_column }));
            continue;
        }
        let weekday = lines.next().and_then(weekday_written);
        days.push(DayColumn {
            column,
            day,
            weekday,
        });
    }
    days
}

/// The date each date column stands for in the key's month, checked: a day
/// the month does not have (`31` in September) or a weekday under it that
/// the date does not fall on (a key of the wrong month) is an error at its
/// header, and the column gives no marks.
fn dates_of(
    days: &[DayColumn],
    (year, month): (i32, u32),
    problems: &mut Vec<(usize, Msg)>,
) -> Vec<(usize, NaiveDate)> {
    let mut dates = Vec::new();
    for d in days {
        let Some(date) = NaiveDate::from_ymd_opt(year, month, d.day) else {
            problems.push((d.column, Msg::RollDayNotInMonth { year, month }));
            continue;
        };
        if let Some(written) = d.weekday
            && written != date.weekday()
        {
            problems.push((d.column, Msg::RollWeekdayMismatch { date }));
            continue;
        }
        dates.push((d.column, date));
    }
    dates
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
    let mut at_header = Vec::new();
    let days = day_columns(table, &mut at_header);
    let month = table
        .rows
        .iter()
        .find_map(|r| parse_key(r.cell(key_col).trim()))
        .map(|(y, m, _, _)| (y, m));
    let dates = month.map_or_else(Vec::new, |m| dates_of(&days, m, &mut at_header));
    let mut marks = Vec::new();
    let problem = |line: usize, col: usize, value: &str, msg: Msg| Problem {
        severity: Severity::Error,
        file: table.file.clone(),
        line: Some(line),
        column: Some((col + 1, table.headers.get(col).cloned().unwrap_or_default())),
        value: Some(value.to_string()),
        msg,
    };
    for (col, msg) in at_header {
        let header = table.headers[col].replace('\n', " ");
        problems.push(problem(table.header_line, col, &header, msg));
    }
    // A mark merged across several days is in its first day's cell only.
    // (The footer's signature line is merged across the sheet: it is no child's row.)
    let date_columns: Vec<usize> = days.iter().map(|d| d.column).collect();
    let child_lines: std::collections::HashSet<usize> = table
        .rows
        .iter()
        .filter(|r| !r.cell(key_col).trim().is_empty() && !r.cell(id_col).trim().is_empty())
        .map(|r| r.line)
        .collect();
    for m in &table.merged {
        let covered = (m.columns.0..=m.columns.1)
            .filter(|c| date_columns.contains(c))
            .count();
        if let Some(line) = (m.lines.0..=m.lines.1).find(|l| child_lines.contains(l))
            && covered > 1
        {
            problems.push(problem(
                line,
                m.columns.0,
                &m.name(),
                Msg::RollMergedAcrossDays,
            ));
        }
    }
    let mut rows_of: HashMap<&str, usize> = HashMap::new();
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
        if let Some(&first_line) = rows_of.get(student) {
            problems.push(problem(
                row.line,
                id_col,
                student,
                Msg::DuplicateId { first_line },
            ));
            continue;
        }
        rows_of.insert(student, row.line);
        for &(col, date) in &dates {
            let text = row.cell(col).trim();
            if (date.year(), date.month()) != (year, month) {
                // A row keyed to another month than the sheet's first.
                problems.push(problem(row.line, key_col, key, Msg::BadRegisterKey));
                break;
            }
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
