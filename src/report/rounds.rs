//! The weekly report's sheet of the duty leader's round and 清校: every
//! service day (up to today) whose round missed a group or whose 清校 is not
//! recorded or not confirmed.

use chrono::Datelike;

use super::{Cell, Sheet};
use crate::config::Config;
use crate::i18n::{DutyLabel, Label, weekday_name};
use crate::rounds::Gap;

pub fn sheet(gaps: &[Gap], config: &Config, title: String) -> Sheet {
    let lang = config.lang;
    let l = |x: Label| x.text(lang).to_string();
    let d = |x: DutyLabel| x.text(lang).to_string();
    let mut sheet = Sheet::new(
        &d(DutyLabel::RoundSheet),
        "rounds",
        title,
        vec![
            l(Label::Date),
            l(Label::Weekday),
            d(DutyLabel::GroupsMet),
            d(DutyLabel::GroupsVisited),
            d(DutyLabel::ClearedAt),
            d(DutyLabel::HandedOverShort),
            d(DutyLabel::RoomsCheckedShort),
        ],
    );
    let yes_no = |done: bool| {
        Cell::from(d(if done {
            DutyLabel::Confirmed
        } else {
            DutyLabel::NotConfirmed
        }))
    };
    for g in gaps {
        let mut row = vec![
            Cell::Date(g.date),
            Cell::from(weekday_name(lang, g.date.weekday())),
            g.groups.into(),
            g.visited.into(),
        ];
        match g.clearance {
            Some(c) => row.extend([
                Cell::from(c.at.format("%H:%M").to_string()),
                yes_no(c.handed_over),
                yes_no(c.rooms_checked),
            ]),
            None => row.extend([
                Cell::from(d(DutyLabel::ClearNotRecorded)),
                Cell::from(""),
                Cell::from(""),
            ]),
        }
        sheet.rows.push(row);
    }
    sheet
}
