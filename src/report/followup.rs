//! The follow-up list (跟进名单): every unexplained absence of the period and
//! every earlier one still open, overdue first, with the guardian's phone in
//! full (office use) and the columns the office fills in — 联系人, 联系时间,
//! 结果, 处理人 — which `kehou record` and `kehou followup --close` read back.
//! A closed absence shows the contact that closed it.

use super::absence_message::absence_message;
use super::{Cell, Sheet, group_name_any};
use crate::config::Config;
use crate::followup::FollowUp;
use crate::i18n::{DutyLabel, Label};
use crate::school::School;
use crate::weekly::Absence;

pub fn sheet(follow_ups: &[FollowUp], school: &School, config: &Config, title: String) -> Sheet {
    let lang = config.lang;
    let l = |x: Label| x.text(lang).to_string();
    let d = |x: DutyLabel| x.text(lang).to_string();
    let mut sheet = Sheet::new(
        &d(DutyLabel::FollowUpList),
        "follow-up",
        title,
        vec![
            l(Label::No),
            d(DutyLabel::FollowUpState),
            l(Label::Date),
            l(Label::Time),
            l(Label::Group),
            l(Label::Class),
            l(Label::StudentId),
            l(Label::Name),
            l(Label::HeadTeacher),
            l(Label::Guardian),
            l(Label::Phone),
            d(DutyLabel::Contact),
            d(DutyLabel::ContactedAt),
            d(DutyLabel::Outcome),
            d(DutyLabel::HandledBy),
            l(Label::GuardianMessage),
        ],
    );
    sheet.landscape = true;
    sheet.handwritten = vec![(11, 8), (12, 10), (13, 14), (14, 6)];
    let head_teacher = |class: &str| {
        school
            .class(class)
            .map_or(String::new(), |c| school.staff_label(&c.head_teacher))
    };
    for f in follow_ups {
        let state = match (f.overdue, f.is_open()) {
            (true, true) => format!("{}·{}", d(DutyLabel::Overdue), d(DutyLabel::Open)),
            (true, false) => format!("{}·{}", d(DutyLabel::Overdue), d(DutyLabel::Closed)),
            (false, true) => d(DutyLabel::Open),
            (false, false) => d(DutyLabel::Closed),
        };
        let last = f.last();
        let text = |pick: fn(&crate::followup::Contact) -> String| last.map_or(String::new(), pick);
        let absence = Absence {
            student: f.student,
            date: f.date,
            start: f.start,
            group: f.group.clone(),
        };
        sheet.rows.push(vec![
            (sheet.rows.len() + 1).into(),
            Cell::from(state),
            Cell::Date(f.date),
            Cell::from(f.start.format("%H:%M").to_string()),
            Cell::from(group_name_any(school, &f.group)),
            Cell::from(&f.student.class),
            Cell::from(&f.student.id),
            Cell::from(&f.student.name),
            Cell::from(head_teacher(&f.student.class)),
            Cell::from(&f.student.guardian),
            Cell::from(&f.student.phone),
            Cell::from(text(|c| c.contact.clone())),
            Cell::from(text(|c| {
                c.contacted_at.format("%Y-%m-%d %H:%M").to_string()
            })),
            Cell::from(text(|c| c.result.clone())),
            Cell::from(text(|c| c.by.clone())),
            Cell::from(absence_message(school, lang, &absence, None)),
        ]);
    }
    sheet
}
