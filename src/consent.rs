//! Who returned the slip (告家长书回执), who opted in or out, who is missing.
//!
//! Pure: takes the loaded school and returns the standing of every student and
//! the per-class counts.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Config;
use crate::model::{Class, ConsentSlip, Student, natural_cmp};
use crate::school::School;

/// Where a student stands on the slip that counts.
#[derive(Debug, Clone, Copy)]
pub enum Standing<'a> {
    Missing,
    In(&'a ConsentSlip),
    /// Opted in, but the required safety agreement is not signed: not in service.
    InUnsigned(&'a ConsentSlip),
    Out(&'a ConsentSlip),
}

/// The slip that counts for each student: the latest date (equal dates: the
/// later row), among the slips dated on or before `as_of` when given.
pub fn latest_slips(school: &School, as_of: Option<NaiveDate>) -> HashMap<&str, &ConsentSlip> {
    latest_slips_where(school, |slip| as_of.is_none_or(|d| slip.date <= d))
}

/// The slip that has taken effect for each student on `date`: the latest
/// among those whose effective date has come.
pub fn effective_slips(school: &School, date: NaiveDate) -> HashMap<&str, &ConsentSlip> {
    latest_slips_where(school, |slip| slip.effective <= date)
}

/// The slip in force for a student on a date: the latest (by date, then row)
/// among those already in effect.
pub fn in_force<'a>(slips: &[&'a ConsentSlip], date: NaiveDate) -> Option<&'a ConsentSlip> {
    slips
        .iter()
        .filter(|s| s.effective <= date)
        .max_by_key(|s| (s.date, s.line.0))
        .copied()
}

fn latest_slips_where(
    school: &School,
    counts: impl Fn(&ConsentSlip) -> bool,
) -> HashMap<&str, &ConsentSlip> {
    let mut latest: HashMap<&str, &ConsentSlip> = HashMap::with_capacity(school.students.len());
    for slip in &school.slips {
        if !counts(slip) {
            continue;
        }
        let newer = latest
            .get(slip.student.as_str())
            .is_none_or(|old| (slip.date, slip.line.0) >= (old.date, old.line.0));
        if newer {
            latest.insert(&slip.student, slip);
        }
    }
    latest
}

pub fn standing<'a>(slip: Option<&'a ConsentSlip>, config: &Config) -> Standing<'a> {
    match slip {
        None => Standing::Missing,
        Some(s) if !s.joins => Standing::Out(s),
        Some(s) if config.consent.require_safety && s.safety_signed != Some(true) => {
            Standing::InUnsigned(s)
        }
        Some(s) => Standing::In(s),
    }
}

/// One class's returns. `returned + missing == roster` always.
#[derive(Debug, Clone)]
pub struct ClassReturns<'a> {
    pub class: &'a Class,
    pub roster: usize,
    pub returned: usize,
    pub opted_in: usize,
    pub opted_out: usize,
    pub missing: usize,
    /// Opted in without the required safety agreement (counted in `opted_in`).
    pub unsigned: usize,
}

#[derive(Debug)]
pub struct ConsentReport<'a> {
    pub classes: Vec<ClassReturns<'a>>,
    /// Every student in class order, then by id, with their standing.
    pub students: Vec<(&'a Student, Standing<'a>)>,
}

impl ConsentReport<'_> {
    pub fn total(&self) -> ClassReturnsTotal {
        let mut t = ClassReturnsTotal::default();
        for c in &self.classes {
            t.roster += c.roster;
            t.returned += c.returned;
            t.opted_in += c.opted_in;
            t.opted_out += c.opted_out;
            t.missing += c.missing;
            t.unsigned += c.unsigned;
        }
        t
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClassReturnsTotal {
    pub roster: usize,
    pub returned: usize,
    pub opted_in: usize,
    pub opted_out: usize,
    pub missing: usize,
    pub unsigned: usize,
}

/// Orders classes by grade, then by name as people read it.
pub fn class_order(a: &Class, b: &Class) -> std::cmp::Ordering {
    a.grade
        .cmp(&b.grade)
        .then_with(|| natural_cmp(&a.name, &b.name))
}

pub fn compile<'a>(
    school: &'a School,
    config: &Config,
    as_of: Option<NaiveDate>,
) -> ConsentReport<'a> {
    let latest = latest_slips(school, as_of);
    let mut classes: Vec<&Class> = school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    let position: HashMap<&str, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let mut students: Vec<(&Student, Standing)> = school
        .students
        .iter()
        .map(|s| (s, standing(latest.get(s.id.as_str()).copied(), config)))
        .collect();
    students.sort_by(|(a, _), (b, _)| {
        let pa = position
            .get(a.class.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        let pb = position
            .get(b.class.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        pa.cmp(&pb).then_with(|| natural_cmp(&a.id, &b.id))
    });
    let mut counts: Vec<ClassReturns> = classes
        .iter()
        .map(|class| ClassReturns {
            class,
            roster: 0,
            returned: 0,
            opted_in: 0,
            opted_out: 0,
            missing: 0,
            unsigned: 0,
        })
        .collect();
    for (student, standing) in &students {
        let Some(&i) = position.get(student.class.as_str()) else {
            continue;
        };
        let c = &mut counts[i];
        c.roster += 1;
        match standing {
            Standing::Missing => c.missing += 1,
            Standing::In(_) => {
                c.returned += 1;
                c.opted_in += 1;
            }
            Standing::InUnsigned(_) => {
                c.returned += 1;
                c.opted_in += 1;
                c.unsigned += 1;
            }
            Standing::Out(_) => {
                c.returned += 1;
                c.opted_out += 1;
            }
        }
    }
    ConsentReport {
        classes: counts,
        students,
    }
}

/// A student in service on the plan's date, with the slip that put them there.
#[derive(Debug, Clone, Copy)]
pub struct Enrollee<'a> {
    pub student: &'a Student,
    pub slip: &'a ConsentSlip,
    pub grade: u8,
    /// The weekdays they attend (the slip's, or every service weekday).
    pub days: crate::model::Days,
}

/// Every student in service by the slips dated on or before `as_of`, in the
/// students file's order. Withdrawn and unsigned students are not in service.
pub fn enrolled<'a>(school: &'a School, config: &Config, as_of: NaiveDate) -> Vec<Enrollee<'a>> {
    let latest = latest_slips(school, Some(as_of));
    let service = config.calendar.weekdays;
    school
        .students
        .iter()
        .filter_map(|student| {
            let slip = latest.get(student.id.as_str()).copied();
            let Standing::In(slip) = standing(slip, config) else {
                return None;
            };
            let days = if slip.days.is_empty() {
                service
            } else {
                slip.days.intersect(service)
            };
            Some(Enrollee {
                student,
                slip,
                grade: school.grade_of(student),
                days,
            })
        })
        .collect()
}
