//! Reading filled registers back: the sign-in sheets `daily` wrote (found by
//! their hidden key column, whatever a teacher did to the rest) and register
//! CSVs (date, block, group, id, status, time, note); then checking that every
//! row belongs to that day's list for its group.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use crate::attendance::{Entry, Key, Status};
use crate::config::Config;
use crate::i18n::{Lang, Msg};
use crate::input::{
    Cells, Field, Problem, Problems, Severity, Table, all_from_bytes, bind, load_all, parse,
    read_rows,
};
use crate::plan::Plan;
use crate::report::daily::parse_register_key;
use crate::school::School;

/// One register row: its key and what was marked (`None`: left blank).
#[derive(Debug, Clone)]
pub struct Mark {
    pub key: Key,
    pub group: String,
    pub entry: Option<Entry>,
    pub file: String,
    pub line: usize,
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
        Field::optional("teacher", &["看护教师", "supervisor"]),
    ];
    FIELDS
}

const REGISTER_FIELDS: &[Field] = &[
    Field::required("date", &["日期"]),
    Field::required("block", &["时段"]),
    Field::required("group", &["去向", "地点", "教室"]),
    Field::required("id", &["学号", "student"]),
    Field::optional("status", &["状态"]),
    Field::optional("time", &["时间", "离校时间"]),
    Field::optional("note", &["备注"]),
    Field::optional("name", &["姓名"]),
    Field::optional("class", &["班级"]),
    Field::optional("teacher", &["看护教师", "supervisor"]),
];

/// The status, time and note of a row; `None` for a blank status.
fn marked(c: &mut Cells, source: &str) -> Result<Option<Entry>, ()> {
    let status = c.text("status");
    if status.is_empty() {
        return Ok(None);
    }
    let Some(status) = Status::parse(&status) else {
        c.report("status", Severity::Error, Msg::BadStatus);
        return Err(());
    };
    Ok(Some(Entry {
        group: String::new(),
        status,
        time: c.text("time"),
        note: c.text("note"),
        source: source.to_string(),
        teacher: c.text("teacher"),
    }))
}

/// Reads every register in a file. Sheets that are not registers (the duty
/// sheet, handover and dismissal lists of a daily workbook) are skipped; a
/// file with no register at all is a problem.
pub fn read(path: &Path, file: &str, problems: &mut Problems) -> Vec<Mark> {
    let tables = load_all(path, file);
    let source = path
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    marks_of(tables, file, &source, problems)
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
        if let Some(table) = table
            .clone()
            .with_header_containing(&["登记键", "register key"])
        {
            let Some(cols) = bind(&table, sign_in_fields(), false, &mut quiet) else {
                continue;
            };
            any = true;
            marks.extend(read_rows(&table, &cols, problems, |c| {
                let key = c.text("key");
                if key.is_empty() {
                    return None; // the totals and signature lines under the table
                }
                let Some((date, start, group, student)) = parse_register_key(&key) else {
                    c.report("key", Severity::Error, Msg::BadRegisterKey);
                    return None;
                };
                let (group, student) = (group.to_string(), student.to_string());
                let entry = marked(c, source).ok()?;
                Some(mark(&table, c, date, start, group, student, entry))
            }));
        } else if let Some(cols) = register_columns(&table) {
            any = true;
            marks.extend(read_rows(&table, &cols, problems, |c| {
                let date = c.parse_required("date", parse::date, Msg::BadDate);
                let start = c.parse_required("block", parse::time, Msg::BadTime);
                let group = c.required("group");
                let student = c.required("id");
                let entry = marked(c, source).ok()?;
                Some(mark(&table, c, date?, start?, group?, student?, entry))
            }));
        }
    }
    if !any {
        problems.file(Severity::Error, file, Msg::NoRegister);
    }
    marks
}

fn register_columns(table: &Table) -> Option<crate::input::Columns> {
    let mut quiet = Problems::default();
    bind(table, REGISTER_FIELDS, false, &mut quiet)
}

fn mark(
    table: &Table,
    c: &Cells,
    date: NaiveDate,
    start: NaiveTime,
    group: String,
    student: String,
    entry: Option<Entry>,
) -> Mark {
    Mark {
        key: (date, start, student),
        entry: entry.map(|e| Entry {
            group: group.clone(),
            ..e
        }),
        group,
        file: table.file.clone(),
        line: c.line(),
    }
}

/// Reports every row whose date is not a service day, or whose student is not
/// on that day's list for that group and block. Returns the rows that are.
pub fn validate(
    marks: Vec<Mark>,
    school: &School,
    config: &Config,
    plan: &Plan,
    problems: &mut Problems,
) -> Vec<Mark> {
    // Per date, the (block start, group, student) of every row of its lists;
    // `None` when the date has no service.
    type Lists = HashMap<NaiveDate, Option<HashSet<(NaiveTime, String, String)>>>;
    let mut lists: Lists = HashMap::new();
    let mut ok = Vec::with_capacity(marks.len());
    for m in marks {
        let date = m.key.0;
        let list = lists.entry(date).or_insert_with(|| {
            crate::day::compute(school, config, plan, date)
                .ok()
                .map(|day| {
                    day.groups
                        .iter()
                        .flat_map(|g| {
                            g.members.iter().map(|&a| {
                                (
                                    g.start,
                                    g.group.to_string(),
                                    day.attendees[a].student.id.clone(),
                                )
                            })
                        })
                        .collect()
                })
        });
        let problem = match list {
            None => Some(Msg::NotServiceDate),
            Some(set) if !set.contains(&(m.key.1, m.group.clone(), m.key.2.clone())) => {
                Some(Msg::NotOnList)
            }
            Some(_) => None,
        };
        match problem {
            Some(msg) => problems.push(Problem {
                severity: Severity::Error,
                file: m.file.clone(),
                line: Some(m.line),
                column: None,
                value: Some(format!(
                    "{} {} {} {}",
                    date,
                    m.key.1.format("%H:%M"),
                    m.group,
                    m.key.2
                )),
                msg,
            }),
            None => ok.push(m),
        }
    }
    ok
}

/// How a blank register row is listed for chasing.
pub fn blank_line(lang: Lang, m: &Mark) -> String {
    format!(
        "{} {} {} {} — {}",
        m.key.0,
        m.key.1.format("%H:%M"),
        m.group,
        m.key.2,
        crate::i18n::Say::NotRecorded.render(lang)
    )
}

/// Turns the teachers written on registers (ids or names, `、`/`;`-separated)
/// into staff ids; a name that is no staff member is reported.
pub fn resolve_teachers(marks: &mut [Mark], school: &School, problems: &mut Problems) {
    for m in marks.iter_mut() {
        let Some(entry) = m.entry.as_mut() else {
            continue;
        };
        if entry.teacher.is_empty() {
            continue;
        }
        let mut ids = Vec::new();
        for name in entry
            .teacher
            .split([';', '、', ',', '/'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match crate::school::resolve_staff(&school.staff, name) {
                Some(id) => ids.push(id),
                None => problems.push(Problem {
                    severity: Severity::Error,
                    file: m.file.clone(),
                    line: Some(m.line),
                    column: None,
                    value: Some(name.to_string()),
                    msg: Msg::UnknownStaff,
                }),
            }
        }
        entry.teacher = ids.join(";");
    }
}
