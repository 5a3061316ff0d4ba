//! A teacher in two places at once: found among the teachers the input files
//! name, reported with both places and times.

use std::collections::BTreeMap;

use super::Kind;
use super::{Duty, Interval};
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};
use crate::school::School;

/// Minutes covered by a set of intervals, each minute once.
pub fn union_minutes(intervals: &mut [Interval]) -> u32 {
    intervals.sort();
    let mut total = 0;
    let mut current: Option<Interval> = None;
    for &(s, e) in intervals.iter() {
        match current {
            Some((cs, ce)) if s <= ce => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += (ce - cs).num_minutes();
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += (ce - cs).num_minutes();
    }
    total.max(0) as u32
}

pub fn overlaps(a: Interval, b: Interval) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether two sets of blocks share a minute.
pub fn blocks_overlap(a: &[Interval], b: &[Interval]) -> bool {
    a.iter().any(|x| b.iter().any(|y| overlaps(*x, *y)))
}

/// A warning for every pair of duties one teacher is named for at once.
pub fn report(duties: &[Duty], school: &School, problems: &mut Problems) {
    let mut by_teacher: BTreeMap<(&str, u32), Vec<&Duty>> = BTreeMap::new();
    for d in duties {
        for t in &d.teachers {
            by_teacher
                .entry((t.as_str(), d.weekday.num_days_from_monday()))
                .or_default()
                .push(d);
        }
    }
    for ((teacher, _), mine) in by_teacher {
        let weekday = mine[0].weekday;
        for (i, a) in mine.iter().enumerate() {
            for b in mine.iter().skip(i + 1) {
                if !blocks_overlap(&a.blocks, &b.blocks) {
                    continue;
                }
                // Told at the row that names the teacher for the second place.
                let (file, line) = source(school, b);
                problems.push(Problem {
                    severity: Severity::Warning,
                    file,
                    line,
                    column: None,
                    value: None,
                    msg: Msg::SupervisorClash {
                        teacher: school.staff_label(teacher),
                        weekday,
                        first: place(school, a),
                        second: place(school, b),
                    },
                });
            }
        }
    }
}

/// The file and row that name a duty's teachers: the room's row of the rooms
/// file (its supervisors), the club's row, or the activity's row.
fn source(school: &School, d: &Duty) -> (String, Option<usize>) {
    match d.kind {
        Kind::Homework | Kind::Reading => (
            school.set_aside.rooms.file.clone(),
            school
                .rooms
                .iter()
                .find(|r| r.name == d.group)
                .map(|r| r.line.0),
        ),
        Kind::Club => (
            school.set_aside.clubs.file.clone(),
            school.club(&d.group).map(|c| c.line.0),
        ),
        Kind::Activity => (
            school.set_aside.activities.file.clone(),
            school
                .activities
                .iter()
                .find(|a| {
                    crate::plan::activity_group_name(a) == d.group
                        && a.days.iter().any(|w| w == d.weekday)
                })
                .map(|a| a.line.0),
        ),
    }
}

/// A duty's group and times as a person reads them: `足球 16:20–17:00`.
fn place(school: &School, d: &Duty) -> String {
    let times: Vec<String> = d
        .blocks
        .iter()
        .map(|(s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
        .collect();
    format!(
        "{} {}",
        crate::report::group_name(school, d.kind, &d.group),
        times.join("、")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_minute_in_two_places_counts_once() {
        let mut blocks = [
            (t(15, 30), t(16, 10)),
            (t(15, 30), t(16, 10)),
            (t(16, 0), t(16, 30)),
        ];
        assert_eq!(union_minutes(&mut blocks), 60);
        let mut apart = [(t(15, 30), t(16, 0)), (t(16, 30), t(17, 0))];
        assert_eq!(union_minutes(&mut apart), 60);
        assert!(blocks_overlap(
            &[(t(15, 30), t(16, 10))],
            &[(t(16, 0), t(17, 0))]
        ));
        assert!(!blocks_overlap(
            &[(t(15, 30), t(16, 10))],
            &[(t(16, 10), t(17, 0))]
        ));
    }
}
