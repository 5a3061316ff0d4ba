//! The day's care log (看管记录) in the daily workbook, printed with the
//! sign-in sheets: blank lines with the day's date, in the columns of
//! `incidents.csv`, for the teachers to write what happened (time, group,
//! the children's 学号, what was done, when the guardian was told, by whom).
//! `record` reads the filled lines back into the term's database
//! (`crate::incidents::read`); the weekly and monthly reports list them.

use super::daily::DayHead;
use super::{Cell, Sheet};
use crate::day::Day;
use crate::i18n::{DutyLabel, Label};

/// Blank lines printed: more than a day has ever needed, on one page.
pub const LINES: usize = 10;

/// Columns (0-based) written in by hand.
const TIME: usize = 1;
const GROUP: usize = 2;
const STUDENT: usize = 3;
const NAME: usize = 4;
const WHAT: usize = 5;
const ACTION: usize = 6;
const TOLD_AT: usize = 7;
const TOLD_BY: usize = 8;
const LATER: usize = 9;

pub fn sheet(day: &Day, head: &DayHead) -> Sheet {
    let l = |x: Label| head.l(x);
    let d = |x: DutyLabel| x.text(head.lang).to_string();
    let mut sheet = Sheet::new(
        &d(DutyLabel::Incidents),
        "care-log",
        head.title(&d(DutyLabel::Incidents)),
        vec![
            l(Label::Date),
            l(Label::Time),
            l(Label::Group),
            l(Label::StudentId),
            l(Label::Name),
            d(DutyLabel::WhatHappened),
            d(DutyLabel::ActionTaken),
            d(DutyLabel::NotifiedAt),
            d(DutyLabel::NotifiedBy),
            d(DutyLabel::Later),
        ],
    );
    for _ in 0..LINES {
        let mut row = vec![Cell::Date(day.date)];
        row.extend((TIME..=LATER).map(|_| Cell::from("")));
        sheet.rows.push(row);
    }
    sheet.footer = vec![d(DutyLabel::CareLogHint)];
    sheet.handwritten = vec![
        (TIME, 6),
        (GROUP, 8),
        (STUDENT, 8),
        (NAME, 6),
        (WHAT, 16),
        (ACTION, 12),
        (TOLD_AT, 6),
        (TOLD_BY, 6),
        (LATER, 10),
    ];
    sheet.landscape = true;
    sheet.row_pt = 36.0;
    sheet
}
