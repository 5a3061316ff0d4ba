//! The placement notice (课后服务安排告知单) of each child in service on a
//! date: their slip's days and session, where they are in every block of every
//! weekday by the plan rows in force that day, when and how they go home, and
//! their place on the waiting list of clubs they ranked and did not get.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::config::Config;
use crate::consent::{self, Standing, class_order};
use crate::model::{Class, ConsentSlip, Student, natural_cmp};
use crate::plan::{Kind, Placement, Plan, dismissal_of};
use crate::school::School;

/// Where a child is in one block of one weekday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot<'a> {
    pub block: u8,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub kind: Kind,
    /// The room, club id or activity group, as in `plan.csv`.
    pub group: &'a str,
}

/// One child's notice.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    pub student: &'a Student,
    pub class: &'a Class,
    pub slip: &'a ConsentSlip,
    /// Each weekday they attend, with their slots in block order.
    pub week: Vec<(Weekday, Vec<Slot<'a>>)>,
    pub leaves_at: NaiveTime,
    /// Goes home in the early batch (first session only).
    pub early: bool,
    /// Clubs they wait for, with their position.
    pub waiting: Vec<(&'a str, u32)>,
    /// A plan row of theirs was written or changed by the plan's latest run.
    pub changed: bool,
}

impl Notice<'_> {
    /// The homework rooms of the week, each once, in weekday order.
    pub fn homework_rooms(&self) -> Vec<&str> {
        let mut rooms: Vec<&str> = Vec::new();
        for slot in self.week.iter().flat_map(|(_, s)| s) {
            if slot.kind == Kind::Homework && !rooms.contains(&slot.group) {
                rooms.push(slot.group);
            }
        }
        rooms
    }
}

/// The notices of a date, in class order, and the children in service that
/// day who have no place in the plan (run `plan` again).
pub struct Notices<'a> {
    pub date: NaiveDate,
    pub notices: Vec<Notice<'a>>,
    pub unplaced: Vec<&'a Student>,
}

pub fn compute<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    date: NaiveDate,
) -> Notices<'a> {
    let slips = consent::effective_slips(school, date);
    let latest = plan.planned();
    let mut rows: HashMap<&str, Vec<&Placement>> = HashMap::new();
    for p in plan.placements.iter().filter(|p| p.active_on(date)) {
        rows.entry(&*p.student).or_default().push(p);
    }
    let waiting = waiting_of(plan);
    let mut notices = Vec::new();
    let mut unplaced = Vec::new();
    for student in in_class_order(school) {
        let Standing::In(slip) = consent::standing(slips.get(student.id.as_str()).copied(), config)
        else {
            continue;
        };
        let mine = rows.remove(student.id.as_str()).unwrap_or_default();
        let class = school.class(&student.class);
        let band = class.and_then(|c| config.band_of(c.grade));
        let (Some(class), Some(band), false) = (class, band, mine.is_empty()) else {
            unplaced.push(student);
            continue;
        };
        let (leaves_at, early) = dismissal_of(band, slip.session);
        notices.push(Notice {
            student,
            class,
            slip,
            week: week_of(config, band, slip, &mine),
            leaves_at,
            early,
            waiting: waiting
                .get(student.id.as_str())
                .cloned()
                .unwrap_or_default(),
            changed: mine.iter().any(|p| Some(p.planned) == latest),
        });
    }
    Notices {
        date,
        notices,
        unplaced,
    }
}

/// Every student, by class order then id.
pub fn in_class_order(school: &School) -> Vec<&Student> {
    let mut students: Vec<&Student> = school.students.iter().collect();
    students.sort_by(|a, b| {
        match (school.class(&a.class), school.class(&b.class)) {
            (Some(x), Some(y)) => class_order(x, y),
            (x, y) => x.is_none().cmp(&y.is_none()),
        }
        .then_with(|| natural_cmp(&a.id, &b.id))
    });
    students
}

/// The child's slots on each weekday they attend by their slip.
fn week_of<'a>(
    config: &Config,
    band: &crate::config::Band,
    slip: &ConsentSlip,
    mine: &[&'a Placement],
) -> Vec<(Weekday, Vec<Slot<'a>>)> {
    let days = if slip.days.is_empty() {
        config.calendar.weekdays
    } else {
        slip.days.intersect(config.calendar.weekdays)
    };
    days.iter()
        .map(|weekday| {
            let mut slots: Vec<Slot> = mine
                .iter()
                .filter(|p| p.weekday == weekday)
                .filter_map(|p| {
                    let block = band.blocks.get(usize::from(p.block).checked_sub(1)?)?;
                    Some(Slot {
                        block: p.block,
                        start: block.start,
                        end: block.end,
                        kind: p.kind,
                        group: &p.group,
                    })
                })
                .collect();
            slots.sort_by_key(|s| s.block);
            (weekday, slots)
        })
        .collect()
}

/// Per student, the clubs whose waiting list they are on, with the position.
fn waiting_of(plan: &Plan) -> HashMap<&str, Vec<(&str, u32)>> {
    let mut out: HashMap<&str, Vec<(&str, u32)>> = HashMap::new();
    for w in &plan.waitlist {
        out.entry(&w.student)
            .or_default()
            .push((&w.club, w.position));
    }
    out
}
