//! The attendance ledger: one row per date, block and student, merged from
//! the filled registers; nothing is ever dropped. It lives in the school's
//! database (`crate::store`); `attendance.csv` is its export, and the file an
//! earlier kehou kept it in (read once, when imported).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use crate::i18n::Msg;
use crate::input::{Cells, Field, Problems, Severity, bind, load, parse, read_rows};

/// What the teacher marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Present,
    /// Excused leave (假).
    Leave,
    /// Unexplained absence (缺, 无故脱管): must be followed up.
    Absent,
    /// Picked up early (早退), with time and by whom.
    Early,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Leave => "leave",
            Status::Absent => "absent",
            Status::Early => "early",
        }
    }

    /// The usual marks in either language.
    pub fn parse(text: &str) -> Option<Status> {
        // The ledger's own codes first: most rows read back are these.
        match text {
            "present" => return Some(Status::Present),
            "leave" => return Some(Status::Leave),
            "absent" => return Some(Status::Absent),
            "early" => return Some(Status::Early),
            _ => {}
        }
        match parse::key(text).as_str() {
            "到" | "已到" | "迟到" | "late" | "✓" | "√" | "✔" | "p" | "present" | "出勤" | "在" => {
                Some(Status::Present)
            }
            "假" | "l" | "leave" | "请假" | "病假" | "事假" | "excused" => {
                Some(Status::Leave)
            }
            "缺" | "未到" | "a" | "absent" | "缺勤" | "旷课" | "无故缺席" | "x" | "×" => {
                Some(Status::Absent)
            }
            "早" | "早退" | "早接" | "e" | "early" => Some(Status::Early),
            _ => None,
        }
    }
}

impl Status {
    /// Marked late (迟到): the child came, so it is recorded as present with
    /// 迟到 in the note (lateness is not a separate status in the ledger).
    pub fn is_late(text: &str) -> bool {
        matches!(parse::key(text).as_str(), "迟到" | "late")
    }
}

/// Where a register row sits: the date, the block's start time, the student.
pub type Key = (NaiveDate, NaiveTime, String);

/// One ledger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub group: String,
    pub status: Status,
    pub time: String,
    pub note: String,
    /// The file the row came from.
    pub source: String,
    /// Who kept the register (staff ids, `;`-separated), when it says so.
    pub teacher: String,
}

impl Entry {
    /// Same record, whatever file it came from.
    pub fn same(&self, other: &Entry) -> bool {
        self.group == other.group
            && self.status == other.status
            && self.time == other.time
            && self.note == other.note
            && self.teacher == other.teacher
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub entries: BTreeMap<Key, Entry>,
}

const LEDGER_FIELDS: &[Field] = &[
    Field::required("date", &["日期"]),
    Field::required("block", &["时段"]),
    Field::required("group", &["去向"]),
    Field::required("student", &["学号"]),
    Field::required("status", &["状态"]),
    Field::optional("time", &["时间"]),
    Field::optional("note", &["备注"]),
    Field::optional("source", &["来源"]),
    Field::optional("teacher", &["看护教师"]),
];

fn entry(c: &mut Cells) -> Option<(Key, Entry)> {
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let block = c.parse_required("block", parse::time, Msg::BadTime);
    let group = c.required("group");
    let student = c.required("student");
    let status = c.parse_required("status", Status::parse, Msg::BadStatus);
    Some((
        (date?, block?, student?),
        Entry {
            group: group?,
            status: status?,
            time: c.text("time"),
            note: c.text("note"),
            source: c.text("source"),
            teacher: c.text("teacher"),
        },
    ))
}

impl Ledger {
    /// Reads a ledger CSV (`attendance.csv` of an earlier kehou, or an
    /// export); an absent file is an empty ledger.
    pub fn load_csv(dir: &Path, file: &str, problems: &mut Problems) -> Ledger {
        if !dir.join(file).exists() {
            return Ledger::default();
        }
        let mut ledger = Ledger::default();
        match load(dir, file) {
            Err(msg) => problems.file(Severity::Error, file, msg),
            Ok(table) => {
                if let Some(cols) = bind(&table, LEDGER_FIELDS, false, problems) {
                    ledger.entries = read_rows(&table, &cols, problems, entry)
                        .into_iter()
                        .collect();
                }
            }
        }
        ledger
    }

    pub fn to_csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(LEDGER_FIELDS.iter().map(|f| f.name))?;
        for ((date, block, student), e) in &self.entries {
            w.write_record([
                date.to_string().as_str(),
                &block.format("%H:%M").to_string(),
                &e.group,
                student,
                e.status.code(),
                &e.time,
                &e.note,
                &e.source,
                &e.teacher,
            ])?;
        }
        Ok(w.into_inner()?)
    }

    /// Merges `incoming` rows: identical rows are no-ops, changed rows are
    /// updated, new rows added. Nothing already in the ledger is removed.
    pub fn merge(&mut self, incoming: Vec<(Key, Entry)>) -> Merge {
        let mut merge = Merge::default();
        for (key, new) in incoming {
            match self.entries.get_mut(&key) {
                Some(old) if old.same(&new) => merge.unchanged += 1,
                Some(old) => {
                    merge.changed.push((key.clone(), old.clone(), new.clone()));
                    *old = new;
                }
                None => {
                    merge.added += 1;
                    self.entries.insert(key, new);
                }
            }
        }
        merge
    }
}

/// What a merge did.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    pub added: usize,
    pub unchanged: usize,
    /// (key, before, after) of every updated row.
    pub changed: Vec<(Key, Entry, Entry)>,
    /// Marks that disagree with an earlier one of the same file for the
    /// same key: recorded neither way (the run is refused).
    pub conflicts: Vec<crate::store::Conflict>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_marks_in_both_languages() {
        for (t, s) in [
            ("到", Status::Present),
            ("√", Status::Present),
            ("P", Status::Present),
            ("假", Status::Leave),
            ("缺", Status::Absent),
            ("A", Status::Absent),
            ("早退", Status::Early),
            ("E", Status::Early),
        ] {
            assert_eq!(Status::parse(t), Some(s), "{t}");
        }
        assert_eq!(Status::parse("?"), None);
    }

    #[test]
    fn merge_keeps_everything_and_reports_changes() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 8).unwrap();
        let t = NaiveTime::from_hms_opt(15, 30, 0).unwrap();
        let e = |status| Entry {
            group: "101".into(),
            status,
            time: String::new(),
            note: String::new(),
            source: "a.xlsx".into(),
            teacher: String::new(),
        };
        let mut ledger = Ledger::default();
        let first = ledger.merge(vec![((d, t, "S1".into()), e(Status::Present))]);
        assert_eq!(first.added, 1);
        let again = ledger.merge(vec![((d, t, "S1".into()), e(Status::Present))]);
        assert_eq!(
            (again.added, again.unchanged, again.changed.len()),
            (0, 1, 0)
        );
        let fixed = ledger.merge(vec![((d, t, "S1".into()), e(Status::Absent))]);
        assert_eq!(fixed.changed.len(), 1);
        assert_eq!(ledger.entries.len(), 1);
    }
}
