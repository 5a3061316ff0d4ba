//! `incidents.csv`: the care log's incidents, one a row, with Chinese headers.

use crate::followup::read::contacted_at;
use crate::i18n::{DutyMsg, Msg};
use crate::incidents::Incident;
use crate::input::{Cells, Field, Severity, parse};
use crate::model::Line;

use super::School;

pub const INCIDENTS: &[Field] = &[
    Field::required("date", &["日期", "date"]),
    Field::required("time", &["时间", "发生时间", "time"]),
    Field::optional("group", &["去向", "小组", "地点", "group"]),
    Field::required("students", &["学号", "学生学号", "student id"]),
    Field::required("what", &["情况", "发生了什么", "经过", "what happened"]),
    Field::optional("action", &["处理", "处理措施", "采取措施", "action taken"]),
    Field::optional(
        "notified_at",
        &["通知家长时间", "通知监护人时间", "guardian told at"],
    ),
    Field::optional("notified_by", &["通知人", "told by"]),
    Field::optional("follow_up", &["后续", "后续跟进", "follow-up"]),
    Field::optional("name", &["姓名", "name"]),
];

pub fn incident(c: &mut Cells, school: &School) -> Option<Incident> {
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let time = c.parse_required("time", parse::time, Msg::BadTime);
    let what = c.required("what");
    let students: Vec<String> = c
        .required("students")
        .unwrap_or_default()
        .split([';', ';', '、', ',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if students.iter().any(|s| !school.on_roster(s)) {
        c.report("students", Severity::Error, Msg::UnknownStudent);
    }
    let written = c.text("notified_at");
    let notified_at = match (written.is_empty(), date) {
        (true, _) => None,
        (false, Some(day)) => {
            let at = contacted_at(&written, day);
            if at.is_none() {
                c.report(
                    "notified_at",
                    Severity::Error,
                    Msg::Duty(DutyMsg::BadContactTime),
                );
            }
            at
        }
        (false, None) => None,
    };
    if c.failed {
        return None;
    }
    Some(Incident {
        date: date?,
        time: time?,
        group: c.text("group"),
        students,
        what: what?,
        action: c.text("action"),
        notified_at,
        notified_by: c.text("notified_by"),
        follow_up: c.text("follow_up"),
        source: String::new(),
        line: Line(c.line()),
    })
}
