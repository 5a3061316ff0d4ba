//! Reading follow-ups back: the weekly report's follow-up list with its
//! 联系人/联系时间/结果/处理人 columns filled in (as saved by Excel, WPS or
//! LibreOffice), or a CSV the office keeps (`id, date, block, contacted_at,
//! outcome, by`). A row with none of them filled is not followed up yet.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Contact, Outcome};
use crate::i18n::{DutyMsg, Msg};
use crate::input::{Cells, Field, Problems, Severity, Table, bind, parse, read_rows};

pub const FOLLOW_UPS: &[Field] = &[
    Field::required("id", &["学号"]),
    Field::required("date", &["日期", "缺勤日期"]),
    Field::required("block", &["时段", "时间"]),
    Field::optional("contact", &["联系人"]),
    Field::optional("contacted_at", &["联系时间"]),
    Field::optional("outcome", &["结果", "跟进结果"]),
    Field::optional("by", &["处理人"]),
    // The list's other columns, for the reader; not used.
    Field::optional("no", &["序号"]),
    Field::optional("group", &["去向"]),
    Field::optional("class", &["班级"]),
    Field::optional("name", &["姓名"]),
    Field::optional("head_teacher", &["班主任"]),
    Field::optional("guardian", &["监护人"]),
    Field::optional("phone", &["联系电话"]),
    Field::optional("overdue", &["超时", "状态"]),
    Field::optional("message", &["给家长的消息"]),
];

/// Whether a table is a follow-up list: it has the contact-time column.
pub fn is_follow_up_list(table: Table) -> Option<Table> {
    table.with_header_containing(&["联系时间", "contacted_at"])
}

/// The contacts of every follow-up list among a file's tables (a weekly
/// report, a `kehou followup` list or the office's CSV); `None` when it has
/// no follow-up list.
pub fn from_tables(tables: &[Table], problems: &mut Problems) -> Option<Vec<Contact>> {
    let lists: Vec<Table> = tables
        .iter()
        .filter_map(|t| is_follow_up_list(t.clone()))
        .collect();
    if lists.is_empty() {
        return None;
    }
    Some(lists.iter().flat_map(|t| contacts(t, problems)).collect())
}

/// The contacts written in a follow-up list; every bad cell in `problems`.
pub fn contacts(table: &Table, problems: &mut Problems) -> Vec<Contact> {
    let Some(columns) = bind(table, FOLLOW_UPS, false, problems) else {
        return Vec::new();
    };
    read_rows(table, &columns, problems, |c| contact(c, &table.file))
        .into_iter()
        .flatten()
        .collect()
}

/// One row: `None` inside when nothing of the follow-up is filled in.
fn contact(c: &mut Cells, file: &str) -> Option<Option<Contact>> {
    let filled = ["contact", "contacted_at", "outcome", "by"]
        .iter()
        .any(|f| !c.text(f).is_empty());
    if !filled {
        return Some(None);
    }
    let id = c.required("id");
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let block = c.parse_required("block", block_start, Msg::BadTime);
    let result = c.required("outcome");
    let at_text = c.required("contacted_at");
    let outcome = result.as_deref().and_then(Outcome::of);
    let contacted_at = match (&at_text, date) {
        (Some(text), Some(day)) => {
            let at = contacted_at(text, day);
            if at.is_none() {
                c.report(
                    "contacted_at",
                    Severity::Error,
                    Msg::Duty(DutyMsg::BadContactTime),
                );
            }
            at
        }
        _ => None,
    };
    Some(Some(Contact {
        absence: (date?, block?, id?),
        contact: c.text("contact"),
        contacted_at: contacted_at?,
        outcome: outcome?,
        result: result?,
        by: c.text("by"),
        source: format!("{file}:{}", c.line()),
    }))
}

/// `16:30` or `16:30–17:00` as printed: the block's start.
fn block_start(text: &str) -> Option<chrono::NaiveTime> {
    let start = text.split(['–', '-', '~', '—']).next()?.trim();
    parse::time(start)
}

/// `2026-09-14 17:40`, `9月14日 17:40` or only `17:40` (the day of the absence).
pub fn contacted_at(text: &str, absence: NaiveDate) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Some(time) = parse::time(text) {
        return Some(absence.and_time(time));
    }
    let (day, time) = text.rsplit_once([' ', 'T'])?;
    let time = parse::time(time)?;
    let day = parse::date(day.trim())?;
    Some(day.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_time_may_leave_out_the_day_of_the_absence() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
        let at = |t: &str| contacted_at(t, day).map(|d| d.to_string());
        assert_eq!(at("17:40").as_deref(), Some("2026-09-14 17:40:00"));
        assert_eq!(
            at("2026-09-15 08:05").as_deref(),
            Some("2026-09-15 08:05:00")
        );
        assert_eq!(at("昨天"), None);
    }

    #[test]
    fn a_filled_row_is_a_contact_and_a_blank_one_is_not() {
        let text = "学号,日期,时段,联系人,联系时间,结果,处理人\n\
                    S1,2026-09-14,15:30–16:20,张妈妈,17:40,已联系 孩子在家,王老师\n\
                    S2,2026-09-14,15:30,,,,\n\
                    S3,2026-09-14,15:30,,17:50,,\n";
        let table = crate::input::from_bytes("f.csv", text.as_bytes(), None).unwrap();
        let mut problems = Problems::default();
        let found = contacts(&table, &mut problems);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].absence.2, "S1");
        assert_eq!(found[0].outcome, Outcome::Reached);
        assert_eq!(found[0].by, "王老师");
        // The third row has a time but no outcome: an error at its cell.
        assert!(problems.has_errors());
        let p = problems.iter().next().unwrap();
        assert_eq!(p.line, Some(4));
    }
}
