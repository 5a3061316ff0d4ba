//! Who is responsible for every group on every weekday, and the duty leader
//! (带班领导) of each day: from the input files first, then, where a group is
//! short of teachers, from the staff's availability with hours balanced.
//! A teacher is never in two places at once: clashes in the files are
//! reported (`clash`), automatic assignment avoids them (`auto`).

mod auto;
mod clash;

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveTime, Weekday};

use crate::config::Config;
use crate::input::Problems;
use crate::model::{Activity, Room};
use crate::plan::{Built, Kind, Placement};
use crate::school::School;

pub use clash::union_minutes;

/// One group on one weekday and who supervises it.
#[derive(Debug, Clone)]
pub struct Duty {
    pub weekday: Weekday,
    pub kind: Kind,
    pub group: String,
    pub teachers: Vec<String>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// The distinct blocks the group meets in that day, in time order.
    pub blocks: Vec<Interval>,
    /// Minutes the group meets that day (the union of its blocks).
    pub minutes: u32,
    /// Students in its busiest block.
    pub students: usize,
}

#[derive(Debug, Default)]
pub struct Duties {
    pub duties: Vec<Duty>,
    /// The duty leader of each service weekday (staff id), if one could be found.
    pub leaders: Vec<(Weekday, Option<String>)>,
    /// Weekly minutes per staff id.
    pub minutes: BTreeMap<String, u32>,
    pub problems: Problems,
}

/// A block's start and end.
pub type Interval = (NaiveTime, NaiveTime);

/// A group's distinct block times and its students per block, on one weekday.
#[derive(Default)]
struct Usage {
    intervals: Vec<Interval>,
    per_block: BTreeMap<u8, usize>,
}

/// Supervision for the plan's open rows.
pub fn for_plan(built: &Built, school: &School, config: &Config) -> Duties {
    let grade_of: HashMap<&str, u8> = built
        .enrollees
        .iter()
        .map(|e| (e.student.id.as_str(), e.grade))
        .collect();
    let rows: Vec<&Placement> = built
        .plan
        .placements
        .iter()
        .filter(|p| p.to.is_none())
        .collect();
    assign(&rows, &grade_of, school, config)
}

/// The clashes (one teacher in two places at once) in the supervision the
/// files give for a saved plan's open rows: for `kehou check`.
pub fn clashes_in_plan(plan: &crate::plan::Plan, school: &School, config: &Config) -> Problems {
    let grade_of: HashMap<&str, u8> = school
        .students
        .iter()
        .map(|s| (s.id.as_str(), school.grade_of(s)))
        .collect();
    let rows: Vec<&Placement> = plan.placements.iter().filter(|p| p.to.is_none()).collect();
    let mut problems = Problems::default();
    let duties = named_duties(&rows, &grade_of, school, config);
    clash::report(&duties, school, &mut problems);
    problems
}

/// Supervision for a week of `rows` (placements), each student's grade given:
/// the groups that meet, the teachers the files name for them (reporting any
/// teacher the files put in two places at once), then teachers free that
/// day for the gaps, then the duty leaders.
pub fn assign(
    rows: &[&Placement],
    grade_of: &HashMap<&str, u8>,
    school: &School,
    config: &Config,
) -> Duties {
    let per_teacher = config.supervision.max_students_per_teacher.max(1) as usize;
    let mut duties = Duties {
        duties: named_duties(rows, grade_of, school, config),
        ..Duties::default()
    };
    let mut short = Vec::new(); // (duty, teachers still needed)
    for (i, duty) in duties.duties.iter().enumerate() {
        for t in &duty.teachers {
            *duties.minutes.entry(t.clone()).or_default() += duty.minutes;
        }
        let need = duty.students.div_ceil(per_teacher).max(1);
        if duty.teachers.len() < need {
            short.push((i, need - duty.teachers.len()));
        }
    }
    clash::report(&duties.duties, school, &mut duties.problems);
    auto::fill_gaps(&mut duties, &short, school, config);
    auto::duty_leaders(&mut duties, school, config);
    duties
}

/// Every group meeting on every weekday, with the teachers the files name.
fn named_duties(
    rows: &[&Placement],
    grade_of: &HashMap<&str, u8>,
    school: &School,
    config: &Config,
) -> Vec<Duty> {
    let named = NamedInFiles::of(school);
    usage_by_group(rows, grade_of, config)
        .into_iter()
        .map(|((day, kind, group), usage)| {
            let weekday = Weekday::try_from(day as u8).unwrap_or(Weekday::Mon);
            let mut duty = duty_of(weekday, kind, group.to_string(), usage);
            duty.teachers = named.teachers(&duty, school);
            duty
        })
        .collect()
}

/// Per (weekday, kind, group), in that order: the block times it meets and
/// its students per block.
fn usage_by_group<'r>(
    rows: &[&'r Placement],
    grade_of: &HashMap<&str, u8>,
    config: &Config,
) -> Vec<((u32, Kind, &'r str), Usage)> {
    // Hashed, then sorted once: a big school has millions of rows.
    let mut groups: HashMap<(u32, Kind, &str), Usage> = HashMap::new();
    for p in rows {
        let Some(band) = grade_of.get(&*p.student).and_then(|g| config.band_of(*g)) else {
            continue;
        };
        let Some(block) = band.blocks.get(p.block as usize - 1) else {
            continue;
        };
        let entry = groups
            .entry((p.weekday.num_days_from_monday(), p.kind, &*p.group))
            .or_default();
        let interval = (block.start, block.end);
        if !entry.intervals.contains(&interval) {
            entry.intervals.push(interval);
        }
        *entry.per_block.entry(p.block).or_default() += 1;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// A group's duty that day, before anyone is named for it.
fn duty_of(weekday: Weekday, kind: Kind, group: String, usage: Usage) -> Duty {
    let mut blocks = usage.intervals;
    blocks.sort();
    blocks.dedup();
    let start = blocks.first().map_or(NaiveTime::MIN, |i| i.0);
    let end = blocks.iter().map(|i| i.1).max().unwrap_or(NaiveTime::MIN);
    Duty {
        weekday,
        kind,
        group,
        teachers: Vec::new(),
        start,
        end,
        minutes: union_minutes(&mut blocks.clone()),
        blocks,
        students: usage.per_block.values().copied().max().unwrap_or(0),
    }
}

/// The teachers the input files name: rooms' supervisors per weekday, clubs'
/// teachers, and activities' teachers per (group, weekday) — a grade with the
/// same activity on several days may have a different teacher each day.
struct NamedInFiles<'a> {
    rooms: HashMap<&'a str, &'a Room>,
    activities: HashMap<(String, Weekday), &'a Activity>,
}

impl<'a> NamedInFiles<'a> {
    fn of(school: &'a School) -> Self {
        let mut activities = HashMap::new();
        for a in &school.activities {
            for day in a.days.iter() {
                // The first row for a group and weekday wins, like every other file.
                activities
                    .entry((crate::plan::activity_group_name(a), day))
                    .or_insert(a);
            }
        }
        NamedInFiles {
            rooms: school.rooms.iter().map(|r| (r.name.as_str(), r)).collect(),
            activities,
        }
    }

    fn teachers(&self, duty: &Duty, school: &School) -> Vec<String> {
        let one = |t: Option<&String>| t.filter(|t| !t.is_empty()).cloned().into_iter().collect();
        let day = duty.weekday.num_days_from_monday() as usize;
        match duty.kind {
            Kind::Homework | Kind::Reading => self
                .rooms
                .get(duty.group.as_str())
                .and_then(|r| r.supervisors.get(day))
                .cloned()
                .unwrap_or_default(),
            Kind::Club => one(school.club(&duty.group).map(|c| &c.teacher)),
            Kind::Activity => one(self
                .activities
                .get(&(duty.group.clone(), duty.weekday))
                .map(|a| &a.teacher)),
        }
    }
}
