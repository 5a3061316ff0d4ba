//! Who is in service from the plan's date on, decided by each slip's
//! *effective* date (DESIGN §3 Consent): the slips handed in by `--as-of`
//! give every student a timeline, and a slip not yet in effect is pending.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Config;
use crate::consent::{Enrollee, Standing, in_force, standing};
use crate::model::{ConsentSlip, Days};
use crate::school::School;

/// From `from` on, the slip that keeps the student in service (`None`: out of service).
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    pub from: NaiveDate,
    pub slip: Option<&'a ConsentSlip>,
}

/// One student's timeline from the plan's date: what holds on that date, then
/// every change a slip already handed in makes on its effective date.
#[derive(Debug, Clone)]
pub struct Stay<'a> {
    /// The first segment starts on the plan's date (or the term's start);
    /// each later one on a pending slip's effective date. Consecutive
    /// segments differ.
    pub segments: Vec<Segment<'a>>,
}

impl<'a> Stay<'a> {
    /// The slip in force on the plan's date, when it keeps the student in service.
    pub fn now(&self) -> Option<&'a ConsentSlip> {
        self.segments.first().and_then(|s| s.slip)
    }

    /// The slip the clubs are allocated by: the last that keeps the student in service.
    pub fn target(&self) -> Option<(NaiveDate, &'a ConsentSlip)> {
        self.segments
            .iter()
            .rev()
            .find_map(|s| s.slip.map(|slip| (s.from, slip)))
    }

    /// Out of service by the end of the timeline: a withdrawal is pending (or in force).
    pub fn leaving(&self) -> bool {
        self.segments.last().is_some_and(|s| s.slip.is_none())
    }

    /// In service on some date from the plan's on.
    pub fn in_service(&self) -> bool {
        self.target().is_some()
    }

    /// The later segments: slips handed in but not yet in effect.
    pub fn pending(&self) -> &[Segment<'a>] {
        self.segments.get(1..).unwrap_or(&[])
    }

    /// The segment in force on a date (none before the first).
    pub fn on(&self, date: NaiveDate) -> Option<&Segment<'a>> {
        self.segments.iter().rev().find(|s| s.from <= date)
    }

    /// The date a segment ends (the day before the next starts).
    pub fn until(&self, i: usize) -> Option<NaiveDate> {
        self.segments.get(i + 1).and_then(|s| s.from.pred_opt())
    }
}

/// The same slip (not merely an equal one), or both out of service.
pub fn same(a: Option<&ConsentSlip>, b: Option<&ConsentSlip>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The slip that keeps a student in service, if it does.
fn serving<'a>(slip: Option<&'a ConsentSlip>, config: &Config) -> Option<&'a ConsentSlip> {
    match standing(slip, config) {
        Standing::In(s) => Some(s),
        _ => None,
    }
}

/// A student's timeline from `start` by the slips handed in on or before `as_of`.
pub fn stay_of<'a>(
    slips: &[&'a ConsentSlip],
    config: &Config,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Stay<'a> {
    let known: Vec<&ConsentSlip> = slips.iter().copied().filter(|s| s.date <= as_of).collect();
    let mut segments = vec![Segment {
        from: start,
        slip: serving(in_force(&known, start), config),
    }];
    let mut dates: Vec<NaiveDate> = known
        .iter()
        .map(|s| s.effective)
        .filter(|d| *d > start)
        .collect();
    dates.sort_unstable();
    dates.dedup();
    for date in dates {
        let slip = serving(in_force(&known, date), config);
        if segments.last().is_some_and(|s| !same(s.slip, slip)) {
            segments.push(Segment { from: date, slip });
        }
    }
    Stay { segments }
}

/// Every student in service on the plan's date or later, in the students
/// file's order, with their timeline. The enrollee carries the slip the clubs
/// are allocated by (the target) and its days.
pub fn in_service<'a>(
    school: &'a School,
    config: &Config,
    as_of: NaiveDate,
) -> Vec<(Enrollee<'a>, Stay<'a>)> {
    let mut by_student: HashMap<&str, Vec<&ConsentSlip>> = HashMap::new();
    for slip in &school.slips {
        by_student.entry(&slip.student).or_default().push(slip);
    }
    let start = as_of.max(config.calendar.start);
    school
        .students
        .iter()
        .filter_map(|student| {
            let slips = by_student.get(student.id.as_str())?;
            let stay = stay_of(slips, config, start, as_of);
            let (_, slip) = stay.target()?;
            Some((enrollee(student, slip, school, config), stay))
        })
        .collect()
}

/// A student as the plan sees them under one slip.
pub fn enrollee<'a>(
    student: &'a crate::model::Student,
    slip: &'a ConsentSlip,
    school: &School,
    config: &Config,
) -> Enrollee<'a> {
    Enrollee {
        student,
        slip,
        grade: school.grade_of(student),
        days: days_of(slip, config),
    }
}

/// The weekdays a slip attends (blank: every service weekday).
pub fn days_of(slip: &ConsentSlip, config: &Config) -> Days {
    let service = config.calendar.weekdays;
    if slip.days.is_empty() {
        service
    } else {
        slip.days.intersect(service)
    }
}

/// Every weekday the student attends in some segment: their room is held for all.
pub fn all_days(stay: &Stay, config: &Config) -> Days {
    let mut days = Days::EMPTY;
    for slip in stay.segments.iter().filter_map(|s| s.slip) {
        days_of(slip, config).iter().for_each(|d| days.insert(d));
    }
    days
}
