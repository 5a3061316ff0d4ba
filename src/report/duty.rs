//! The duty leader's sheet (值班表) as a check-off: every group of the day in
//! patrol order (by block, then by place, so the round walks room to room),
//! with its teachers and expected count and 巡视时间/情况/签名 to fill in; then
//! the two lines of 清校 (every batch handed over, every room checked). A
//! hidden 巡视键 on each line lets `record` read the filled sheet back.

use super::daily::{DayHead, place_apart, teachers_text, time_span};
use super::{Cell, Sheet, group_name};
use crate::day::{Day, Group};
use crate::i18n::{DutyLabel, Label};
use crate::model::natural_cmp;
use crate::rounds::{ClearLine, clear_key, patrol_key};

/// Columns (0-based) of the lines the leader writes in, and the hidden key.
const VISITED_AT: usize = 6;
const SEEN: usize = 7;
const SIGNED: usize = 8;
const KEY: usize = 9;

pub fn sheet(day: &Day, head: &DayHead) -> Sheet {
    let (school, l) = (head.school, |x| head.l(x));
    let d = |x: DutyLabel| x.text(head.lang).to_string();
    let leader = day
        .leader
        .as_deref()
        .map_or(String::new(), |id| school.staff_label(id));
    let mut duty = Sheet::new(
        &l(Label::DutySheet),
        "duty",
        head.title(&format!(
            "{} {}: {leader}",
            l(Label::DutySheet),
            l(Label::DutyLeader)
        )),
        vec![
            l(Label::Time),
            l(Label::Group),
            l(Label::Place),
            l(Label::Supervisor),
            l(Label::Expected),
            l(Label::OnLeave),
            d(DutyLabel::VisitedAt),
            d(DutyLabel::Seen),
            d(DutyLabel::Signature),
            d(DutyLabel::RoundKey),
        ],
    );
    for g in patrol_order(day, head) {
        let on_leave = g
            .members
            .iter()
            .filter(|&&a| day.attendees[a].leave.is_some())
            .count();
        duty.rows.push(vec![
            Cell::from(time_span(g)),
            Cell::from(group_name(school, g.kind, &g.group)),
            Cell::from(place_apart(school, g.kind, &g.group)),
            Cell::from(wrapped(&teachers_text(school, &g.teachers))),
            g.members.len().into(),
            on_leave.into(),
            Cell::from(""),
            Cell::from(""),
            Cell::from(""),
            Cell::from(patrol_key(day.date, g.start, &g.group)),
        ]);
    }
    let last = day.batches.iter().map(|b| b.time).max();
    for (line, what) in [
        (ClearLine::HandedOver, DutyLabel::AllHandedOver),
        (ClearLine::RoomsChecked, DutyLabel::RoomsChecked),
    ] {
        duty.rows.push(vec![
            Cell::from(last.map_or(String::new(), |t| t.format("%H:%M").to_string())),
            Cell::from(d(DutyLabel::Clear)),
            Cell::from(d(what)),
            Cell::from(""),
            Cell::from(""),
            Cell::from(""),
            Cell::from(""),
            Cell::from(""),
            Cell::from(""),
            Cell::from(clear_key(day.date, line)),
        ]);
    }
    let on_leave = day.attendees.iter().filter(|a| a.leave.is_some()).count();
    duty.footer = vec![
        format!(
            "{} {}: {},{} {}",
            l(Label::Total),
            l(Label::Stays),
            day.attendees.len(),
            l(Label::OnLeave),
            on_leave
        ),
        d(DutyLabel::RoundHint),
    ];
    duty.footer
        .extend(super::volunteers::duty_lines(school, head.config, day));
    duty.footer.push(l(Label::LeaderSignature));
    // Room to write a time, a few words and a name by hand.
    duty.handwritten = vec![(VISITED_AT, 8), (SEEN, 16), (SIGNED, 10)];
    duty.hidden = vec![KEY];
    duty.landscape = true;
    duty.row_pt = 20.0;
    duty
}

/// Names joined by `、`, a line of [`NAMES_A_LINE`] at most: a big
/// activity's five teachers take two short lines, not one wide column.
fn wrapped(names: &str) -> String {
    let names: Vec<&str> = names.split('、').collect();
    names
        .chunks(NAMES_A_LINE)
        .map(|line| line.join("、"))
        .collect::<Vec<_>>()
        .join("\n")
}

const NAMES_A_LINE: usize = 3;

/// The day's groups in the order the leader walks them: block by block, and
/// within a block by place (a homework room is its own place).
fn patrol_order<'d>(day: &'d Day, head: &DayHead) -> Vec<&'d Group> {
    let place = |g: &Group| super::daily::place(head.school, g.kind, &g.group);
    let mut groups: Vec<(String, &Group)> = day.groups.iter().map(|g| (place(g), g)).collect();
    groups.sort_by(|(pa, a), (pb, b)| {
        a.start
            .cmp(&b.start)
            .then_with(|| natural_cmp(pa, pb))
            .then_with(|| natural_cmp(&a.group, &b.group))
    });
    groups.into_iter().map(|(_, g)| g).collect()
}
