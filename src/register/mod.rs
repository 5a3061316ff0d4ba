//! Reading filled registers back: the sign-in sheets `daily` wrote (found by
//! their hidden key column, whatever a teacher did to the rest) and register
//! CSVs (date, block, group, id, status, time, note); then deciding which
//! child each row is about and checking it belongs to that day's list for its
//! group (`which`), who kept the register (`teachers`), and marks dated
//! after today (`ahead`).

mod ahead;
mod teachers;
mod which;

use chrono::{NaiveDate, NaiveTime};
use std::path::Path;

use crate::attendance::{Entry, Key, Status};
use crate::i18n::Msg;
use crate::input::{
    Cells, Field, Problems, Severity, Table, all_from_bytes, bind, load_all, parse, read_rows,
};
use crate::report::daily::parse_register_key;

pub use ahead::{dated_after_today, dated_after_today_once};
pub use teachers::{resolve_teachers, resolve_teachers_once};
pub use which::{Checker, validate};

/// One register row: which child, where, and what was marked (`None`: left blank).
#[derive(Debug, Clone)]
pub struct Mark {
    /// Date, block start and the child the row is about (after [`validate`]:
    /// the child whose 学号 is visible on the row).
    pub key: Key,
    pub group: String,
    pub entry: Option<Entry>,
    /// The file, and the sheet after `#` for a workbook.
    pub file: String,
    pub line: usize,
    /// What the row shows a person; `None` for a register CSV row without a
    /// name (most of them: a term's CSV has a million rows, kept small).
    pub shown: Option<Box<Shown>>,
}

impl Mark {
    /// What the row shows a person.
    pub fn shown(&self) -> &Shown {
        static NOTHING: Shown = Shown {
            id: String::new(),
            name: String::new(),
            keyed: None,
            on_sheet: false,
            deleted: false,
        };
        self.shown.as_deref().unwrap_or(&NOTHING)
    }
}

/// What a register row shows, beside the hidden key.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// The visible 学号 on a sign-in sheet (empty when the column is absent
    /// or blank, and for a register CSV, whose 学号 is in the key).
    pub id: String,
    /// The visible 姓名 (empty when the column is absent or blank).
    pub name: String,
    /// The student in the row's hidden key; `None` for a register CSV or a
    /// row typed in by hand.
    pub keyed: Option<String>,
    /// On a printed sign-in sheet (keyed or typed in under the printed rows).
    pub on_sheet: bool,
    /// A child on the sheet's list whose row was deleted from the sheet.
    pub deleted: bool,
}

fn sign_in_fields() -> &'static [Field] {
    const FIELDS: &[Field] = &[
        Field::required("key", &["登记键", "register key"]),
        Field::optional("status", &["状态"]),
        Field::optional("time", &["离校时间", "left at"]),
        Field::optional("note", &["备注", "notes"]),
        // The rest of a sign-in sheet, for people.
        Field::optional("no", &["序号", "no."]),
        Field::optional("class", &["班级"]),
        Field::optional("name", &["姓名"]),
        Field::optional("id", &["学号", "student id"]),
        Field::optional("signed", &["签到", "signed in"]),
        Field::optional("pickup_by", &["接送人", "picked up by"]),
        Field::optional(
            "teacher",
            &["代课教师", "substitute", "看护教师", "supervisor"],
        ),
    ];
    FIELDS
}

const REGISTER_FIELDS: &[Field] = &[
    Field::required("date", &["日期"]),
    Field::required("block", &["时段"]),
    Field::required("group", &["去向", "地点", "教室", "社团"]),
    Field::required("id", &["学号", "student"]),
    Field::optional("status", &["状态"]),
    Field::optional("time", &["时间", "离校时间"]),
    Field::optional("note", &["备注"]),
    Field::optional("name", &["姓名"]),
    Field::optional("class", &["班级"]),
    Field::optional("teacher", &["看护教师", "supervisor"]),
];

/// The status, time and note of a row; `None` for a blank status. A child
/// marked late (迟到) was there: present, with 迟到 kept in the note.
fn marked(c: &mut Cells, source: &str) -> Result<Option<Entry>, ()> {
    let status = c.text("status");
    if status.is_empty() {
        return Ok(None);
    }
    let Some(parsed) = Status::parse(&status) else {
        c.report("status", Severity::Error, Msg::BadStatus);
        return Err(());
    };
    let mut note = c.text("note");
    if Status::is_late(&status) {
        note = join_notes(["迟到", note.as_str()]);
    }
    Ok(Some(Entry {
        group: String::new(),
        status: parsed,
        time: c.text("time"),
        note,
        source: source.to_string(),
        teacher: c.text("teacher"),
    }))
}

/// Notes joined with `;`, blanks left out.
fn join_notes<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads every register in a file. Sheets that are not registers (the duty
/// sheet, handover and dismissal lists of a daily workbook) are skipped; a
/// file with no register at all is a problem.
pub fn read(path: &Path, file: &str, problems: &mut Problems) -> Vec<Mark> {
    read_tables(load_all(path, file), path, file, problems)
}

/// [`read`] on a file's tables already loaded (or why they could not be).
pub fn read_tables(
    tables: Result<Vec<Table>, Msg>,
    path: &Path,
    file: &str,
    problems: &mut Problems,
) -> Vec<Mark> {
    let source = path
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    marks_of(tables, file, &source, problems)
}

/// Whether a table read from text is a plain register CSV (date, block,
/// group, id …), whose rows can be read a part at a time: not a sign-in
/// sheet saved as CSV, which is read whole.
pub fn is_register_csv(table: &Table) -> bool {
    !table.spreadsheet
        && !table.has_header_containing(&SIGN_IN_KEY)
        && register_columns(table).is_some()
}

const SIGN_IN_KEY: [&str; 2] = ["登记键", "register key"];

/// [`read`] on a file's tables, already loaded (`record` reads a file once
/// for its registers and the duties' sheets); a file without a register is
/// a problem only when `required`.
pub fn read_tables_maybe(
    tables: Vec<Table>,
    path: &Path,
    file: &str,
    required: bool,
    problems: &mut Problems,
) -> Vec<Mark> {
    let source = path
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    let mut quiet = Problems::default();
    let into = if required { &mut *problems } else { &mut quiet };
    let marks = marks_of(Ok(tables), file, &source, into);
    if !required {
        // Every problem but the missing register still counts.
        for p in quiet.iter().filter(|p| p.msg != Msg::NoRegister) {
            problems.push(p.clone());
        }
    }
    marks
}

/// [`read`] on the bytes of a file (for tests and fuzzing).
pub fn read_bytes(bytes: &[u8], file: &str, problems: &mut Problems) -> Vec<Mark> {
    marks_of(all_from_bytes(file, bytes), file, file, problems)
}

fn marks_of(
    tables: Result<Vec<Table>, Msg>,
    file: &str,
    source: &str,
    problems: &mut Problems,
) -> Vec<Mark> {
    let tables = match tables {
        Ok(t) => t,
        Err(msg) => {
            problems.file(Severity::Error, file, msg);
            return Vec::new();
        }
    };
    let mut marks = Vec::new();
    let mut any = false;
    for table in tables {
        let mut quiet = Problems::default();
        if table.has_header_containing(&SIGN_IN_KEY) {
            let Some(table) = table
                .with_header_containing(&SIGN_IN_KEY)
                .map(without_merged_lines)
            else {
                continue;
            };
            for table in by_block(table) {
                let Some(cols) = bind(&table, sign_in_fields(), false, &mut quiet) else {
                    continue;
                };
                any = true;
                marks.extend(sign_in_marks(&table, &cols, source, problems));
            }
        } else if let Some(cols) = register_columns(&table) {
            any = true;
            marks.extend(read_rows(&table, &cols, problems, |c| {
                register_row(&table, c, source)
            }));
        }
    }
    if !any {
        problems.file(Severity::Error, file, Msg::NoRegister);
    }
    marks
}

/// A room's sign-in sheet for the afternoon (a status column per block,
/// headed `状态 15:30–16:10`, and each row's keys for the blocks the child is
/// there for, `;` between) as one sheet per block, each read like any other:
/// its status column is the block's, each row's key the block's; a row
/// without a key for the block is not read for it; the time left is the
/// child's last block's; a row typed in by hand goes with the first block.
/// A sheet of one block comes back as it is.
fn by_block(table: Table) -> Vec<Table> {
    let is = |h: &str, names: &[&str]| {
        names
            .iter()
            .any(|n| crate::input::parse::key(h) == crate::input::parse::key(n))
    };
    let status_of: Vec<(usize, NaiveTime)> = table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(c, h)| {
            let (label, block) = h.trim().split_once(' ')?;
            is(label, &["状态", "status"]).then_some(())?;
            Some((c, block_start(block.trim())?))
        })
        .collect();
    let column = |names: &[&str]| table.headers.iter().position(|h| is(h, names));
    let (Some(key), false) = (column(&["登记键", "register key"]), status_of.is_empty()) else {
        return vec![table];
    };
    let time = column(&["离校时间", "left at"]);
    let teacher = column(&["代课教师", "substitute", "看护教师", "supervisor"]);
    let starts = |cell: &str| -> Vec<(NaiveTime, String)> {
        cell.split(crate::report::signin::KEYS_APART)
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .filter_map(|k| parse_register_key(k).map(|(_, t, _, _)| (t, k.to_string())))
            .collect()
    };
    status_of
        .iter()
        .enumerate()
        .map(|(i, &(status, start))| {
            let mut one = table.clone();
            for &(other, _) in &status_of {
                one.headers[other] = String::new();
            }
            one.headers[status] = "状态".to_string();
            one.rows.retain_mut(|row| {
                let cell = row.cell(key).to_string();
                let keys = starts(&cell);
                if cell.trim().is_empty() {
                    return i == 0;
                }
                // A key that cannot be read is reported once, with the first block.
                if keys.is_empty() {
                    return i == 0;
                }
                let Some((_, mine)) = keys.iter().find(|(t, _)| *t == start) else {
                    return false;
                };
                let last = keys.iter().map(|(t, _)| *t).max() == Some(start);
                let cells: Vec<String> = (0..row.cells.len())
                    .map(|c| match c {
                        c if c == key => mine.clone(),
                        c if Some(c) == time && !last => String::new(),
                        c if Some(c) == teacher => for_block(row.cell(c), start),
                        c => row.cell(c).to_string(),
                    })
                    .collect();
                row.cells = csv::StringRecord::from(cells);
                true
            });
            one
        })
        .collect()
}

/// Who kept one block, of what an afternoon sheet's substitute cell says:
/// `姓名` for every block of the row, `15:30 姓名` for the block at 15:30
/// only (parts `;` apart).
fn for_block(cell: &str, start: NaiveTime) -> String {
    let parts = cell
        .split([';', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let mine = parts.filter_map(|part| match part.split_once(' ') {
        Some((at, who)) => match crate::input::parse::time(at) {
            Some(t) => (t == start).then_some(who.trim()),
            None => Some(part),
        },
        None => Some(part),
    });
    mine.collect::<Vec<_>>().join(";")
}

/// A sign-in sheet with the merged lines under its rows left out of its
/// merged areas (the totals and signature lines, each merged across the
/// sheet): a one-row area from the left over the key column, holding no
/// key, is no child's row. Any other merged area is kept, and reported.
fn without_merged_lines(mut table: Table) -> Table {
    let keys: Vec<String> = ["登记键", "register key"]
        .iter()
        .map(|w| crate::input::parse::key(w))
        .collect();
    let Some(key) = table
        .headers
        .iter()
        .position(|h| keys.contains(&crate::input::parse::key(h)))
    else {
        return table;
    };
    let rows = &table.rows;
    table.merged.retain(|m| {
        let over_key = m.lines.0 == m.lines.1 && m.columns.0 < key && key <= m.columns.1;
        let keyless = rows
            .iter()
            .filter(|r| (m.lines.0..=m.lines.1).contains(&r.line))
            .all(|r| r.cell(key).is_empty());
        !(over_key && keyless && m.lines.0 > table.header_line)
    });
    table
}

/// A sign-in sheet's row before its date, block and group are known: a row
/// typed in by hand has no key and takes them from the sheet's printed rows.
struct SheetRow {
    place: Option<(NaiveDate, NaiveTime, String)>,
    student: String,
    entry: Option<Entry>,
    line: usize,
    shown: Shown,
}

fn sign_in_marks(
    table: &Table,
    cols: &crate::input::Columns,
    source: &str,
    problems: &mut Problems,
) -> Vec<Mark> {
    let rows = read_rows(table, cols, problems, |c| {
        let key = c.text("key");
        let shown = Shown {
            id: c.text("id"),
            name: c.text("name"),
            keyed: None,
            on_sheet: true,
            deleted: false,
        };
        if key.is_empty() && shown.id.is_empty() && shown.name.is_empty() {
            return None; // the totals and signature lines under the table
        }
        let entry = marked(c, source).ok()?;
        if key.is_empty() {
            return Some(SheetRow {
                place: None,
                student: String::new(),
                entry,
                line: c.line(),
                shown,
            });
        }
        let Some((date, start, group, student)) = parse_register_key(&key) else {
            c.report("key", Severity::Error, Msg::BadRegisterKey);
            return None;
        };
        Some(SheetRow {
            place: Some((date, start, group.to_string())),
            student: student.to_string(),
            entry,
            line: c.line(),
            shown: Shown {
                keyed: Some(student.to_string()),
                ..shown
            },
        })
    });
    // Every printed row of a sheet has the same date, block and group.
    let sheet = rows.iter().find_map(|r| r.place.clone());
    let mut marks = Vec::with_capacity(rows.len());
    for row in rows {
        let Some((date, start, group)) = row.place.or_else(|| sheet.clone()) else {
            problems.push(crate::input::Problem {
                severity: Severity::Error,
                file: table.file.clone(),
                line: Some(row.line),
                column: None,
                value: Some(join_notes([row.shown.id.as_str(), &row.shown.name])),
                msg: Msg::SheetWithoutKeys,
            });
            continue;
        };
        marks.push(mark(
            table,
            row.line,
            (date, start),
            group,
            row.student,
            row.entry,
            row.shown,
        ));
    }
    marks
}

/// A block as a start time, or as printed (`16:30–17:00`).
fn block_start(text: &str) -> Option<NaiveTime> {
    parse::time(text).or_else(|| {
        let (start, _) = text.split_once(['–', '—', '-', '~', '～', '至'])?;
        parse::time(start.trim())
    })
}

fn register_row(table: &Table, c: &mut Cells, source: &str) -> Option<Mark> {
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let start = c.parse_required("block", block_start, Msg::BadTime);
    let group = c.required("group");
    let student = c.required("id");
    let entry = marked(c, source).ok()?;
    let shown = Shown {
        id: String::new(), // the 学号 is the key's: no copy per row
        name: c.text("name"),
        keyed: None,
        on_sheet: false,
        deleted: false,
    };
    Some(mark(
        table,
        c.line(),
        (date?, start?),
        group?,
        student?,
        entry,
        shown,
    ))
}

fn register_columns(table: &Table) -> Option<crate::input::Columns> {
    let mut quiet = Problems::default();
    bind(table, REGISTER_FIELDS, false, &mut quiet)
}

fn mark(
    table: &Table,
    line: usize,
    (date, start): (NaiveDate, NaiveTime),
    group: String,
    student: String,
    entry: Option<Entry>,
    shown: Shown,
) -> Mark {
    Mark {
        key: (date, start, student),
        entry: entry.map(|e| Entry {
            group: group.clone(),
            ..e
        }),
        group,
        file: table.file.clone(),
        line,
        shown: (shown.on_sheet || !shown.name.is_empty()).then(|| Box::new(shown)),
    }
}
