//! The assessment sheet (考评): a row of facts per teacher and leader.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Cell, Sheet};
use crate::assess::TeacherFacts;
use crate::config::Config;
use crate::i18n::{DutyLabel as A, Label};
use crate::school::School;

pub fn sheet(
    facts: &BTreeMap<String, TeacherFacts>,
    school: &School,
    config: &Config,
    from: NaiveDate,
    to: NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let a = |x: A| x.text(lang).to_string();
    let mut sheet = Sheet::new(
        &a(A::Assessment),
        "assess",
        format!("{} {} {from}–{to}", config.school.name, a(A::Assessment)),
        vec![
            Label::StaffId.text(lang).to_string(),
            Label::Name.text(lang).to_string(),
            a(A::Sessions),
            a(A::Hours),
            a(A::RegistersReturned),
            a(A::RegistersLate),
            a(A::MostDaysLate),
            a(A::Absences),
            a(A::FollowedUpInTime),
            a(A::Incidents2),
            a(A::NotNotifiedCount),
            a(A::LongestToNotify),
            a(A::LeaderDays),
            a(A::RoundsComplete),
            a(A::ClearsConfirmed),
        ],
    );
    sheet.landscape = true;
    for (id, t) in facts {
        sheet.rows.push(vec![
            Cell::from(id),
            Cell::from(school.staff_label(id)),
            t.sessions.into(),
            Cell::Decimal(f64::from(t.minutes) / 60.0),
            t.registers_returned.into(),
            t.registers_late.into(),
            late_cell(t),
            t.absences.into(),
            t.followed_up_in_time.into(),
            t.incidents.into(),
            t.not_notified.into(),
            t.longest_to_notify.map_or(Cell::from(""), Cell::Int),
            t.leader_days.into(),
            t.rounds_complete.into(),
            t.clears_confirmed.into(),
        ]);
    }
    sheet.footer = vec![a(A::FactsOnly)];
    sheet
}

/// The most days a register came back after its session; blank when none was late.
fn late_cell(t: &TeacherFacts) -> Cell {
    if t.registers_late == 0 {
        Cell::from("")
    } else {
        Cell::Int(t.most_days_late)
    }
}
