//! The care log on paper (看管记录): the period's incidents, those where the
//! guardian was not told first, with how many minutes it took to tell them.

use chrono::NaiveDate;

use super::{Cell, Sheet, group_name_any};
use crate::config::Config;
use crate::i18n::{DutyLabel, Label};
use crate::incidents::between;
use crate::school::School;

pub fn sheet(school: &School, config: &Config, from: NaiveDate, to: NaiveDate) -> Sheet {
    let lang = config.lang;
    let l = |x: Label| x.text(lang).to_string();
    let d = |x: DutyLabel| x.text(lang).to_string();
    let mut sheet = Sheet::new(
        &d(DutyLabel::Incidents),
        "incidents",
        format!(
            "{} {} {from}–{to}",
            config.school.name,
            d(DutyLabel::Incidents)
        ),
        vec![
            l(Label::No),
            l(Label::Date),
            l(Label::Time),
            l(Label::Group),
            d(DutyLabel::Children),
            d(DutyLabel::WhatHappened),
            d(DutyLabel::ActionTaken),
            d(DutyLabel::NotifiedAt),
            d(DutyLabel::MinutesToNotify),
            d(DutyLabel::NotifiedBy),
            d(DutyLabel::Later),
        ],
    );
    sheet.landscape = true;
    for i in between(&school.incidents, from, to) {
        let children: Vec<String> = i
            .students
            .iter()
            .map(|id| match school.student(id) {
                Some(s) => format!("{} {}({})", s.class, s.name, s.id),
                None => id.clone(),
            })
            .collect();
        let told = match i.notified_at {
            Some(at) if at.date() == i.date => Cell::from(at.format("%H:%M").to_string()),
            Some(at) => Cell::from(at.format("%Y-%m-%d %H:%M").to_string()),
            None => Cell::from(d(DutyLabel::NotNotified)),
        };
        let minutes = i.minutes_to_notify().map_or(Cell::from(""), Cell::Int);
        sheet.rows.push(vec![
            (sheet.rows.len() + 1).into(),
            Cell::Date(i.date),
            Cell::from(i.time.format("%H:%M").to_string()),
            Cell::from(group_name_any(school, &i.group)),
            Cell::from(children.join("、")),
            Cell::from(&i.what),
            Cell::from(&i.action),
            told,
            minutes,
            Cell::from(&i.notified_by),
            Cell::from(&i.follow_up),
        ]);
    }
    sheet
}
