//! Who is responsible for every group on every weekday, and the duty leader
//! (带班领导) of each day: from the input files first, then, where a group is
//! short of teachers, from the staff's availability with hours balanced.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveTime, Weekday};

use crate::config::Config;
use crate::i18n::Msg;
use crate::input::{Problems, Severity};
use crate::model::Role;
use crate::plan::{Built, Kind, Placement};
use crate::school::School;

/// One group on one weekday and who supervises it.
#[derive(Debug, Clone)]
pub struct Duty {
    pub weekday: Weekday,
    pub kind: Kind,
    pub group: String,
    pub teachers: Vec<String>,
    pub start: NaiveTime,
    pub end: NaiveTime,
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

type Interval = (NaiveTime, NaiveTime);

/// A group's block times and its students per block, on one weekday.
#[derive(Default)]
struct Usage {
    intervals: Vec<Interval>,
    per_block: HashMap<u8, usize>,
}

fn union_minutes(intervals: &mut [Interval]) -> u32 {
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

fn overlaps(a: Interval, b: Interval) -> bool {
    a.0 < b.1 && b.0 < a.1
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

/// Supervision for a week of `rows` (placements), each student's grade given.
pub fn assign(
    rows: &[&Placement],
    grade_of: &HashMap<&str, u8>,
    school: &School,
    config: &Config,
) -> Duties {
    // (weekday, kind, group) → block intervals and students per block.
    let mut groups: BTreeMap<(u32, Kind, String), Usage> = BTreeMap::new();
    for p in rows {
        let Some(band) = grade_of.get(&*p.student).and_then(|g| config.band_of(*g)) else {
            continue;
        };
        let Some(block) = band.blocks.get(p.block as usize - 1) else {
            continue;
        };
        let entry = groups
            .entry((
                p.weekday.num_days_from_monday(),
                p.kind,
                p.group.to_string(),
            ))
            .or_default();
        entry.intervals.push((block.start, block.end));
        *entry.per_block.entry(p.block).or_default() += 1;
    }
    let room_at: HashMap<&str, &crate::model::Room> =
        school.rooms.iter().map(|r| (r.name.as_str(), r)).collect();
    let activity_at: HashMap<String, &crate::model::Activity> = school
        .activities
        .iter()
        .map(|a| (crate::plan::activity_group_name(a), a))
        .collect();
    let mut duties = Duties::default();
    let mut busy: HashMap<(String, u32), Vec<Interval>> = HashMap::new();
    let mut pending: Vec<(usize, usize)> = Vec::new(); // (duty, teachers still needed)
    let per_teacher = config.supervision.max_students_per_teacher.max(1) as usize;
    for ((day, kind, group), usage) in groups {
        let (mut intervals, per_block) = (usage.intervals, usage.per_block);
        let weekday = Weekday::try_from(day as u8).unwrap_or(Weekday::Mon);
        let students = per_block.values().copied().max().unwrap_or(0);
        let start = intervals
            .iter()
            .map(|i| i.0)
            .min()
            .unwrap_or(NaiveTime::MIN);
        let end = intervals
            .iter()
            .map(|i| i.1)
            .max()
            .unwrap_or(NaiveTime::MIN);
        let minutes = union_minutes(&mut intervals);
        // Every group gets a teacher per `max_students_per_teacher` students.
        let need = students.div_ceil(per_teacher).max(1);
        let (given, need): (Vec<String>, usize) = match kind {
            Kind::Homework | Kind::Reading => {
                let given = room_at
                    .get(group.as_str())
                    .and_then(|r| r.supervisors.get(day as usize))
                    .cloned()
                    .unwrap_or_default();
                (given, need)
            }
            Kind::Club => {
                let t = school
                    .club(&group)
                    .map(|c| c.teacher.clone())
                    .unwrap_or_default();
                (if t.is_empty() { vec![] } else { vec![t] }, need)
            }
            Kind::Activity => {
                let t = activity_at
                    .get(&group)
                    .map(|a| a.teacher.clone())
                    .unwrap_or_default();
                (if t.is_empty() { vec![] } else { vec![t] }, need)
            }
        };
        for t in &given {
            busy.entry((t.clone(), day)).or_default().push((start, end));
            *duties.minutes.entry(t.clone()).or_default() += minutes;
        }
        if given.len() < need {
            pending.push((duties.duties.len(), need - given.len()));
        }
        duties.duties.push(Duty {
            weekday,
            kind,
            group,
            teachers: given,
            start,
            end,
            minutes,
            students,
        });
    }
    // Per weekday, the teachers free to supervise, least loaded first.
    let teachers: Vec<&crate::model::Staff> = school
        .staff
        .iter()
        .filter(|s| s.role == Role::Teacher)
        .collect();
    let mut by_load: Vec<BTreeSet<(u32, usize)>> = vec![BTreeSet::new(); 7];
    for (t, teacher) in teachers.iter().enumerate() {
        let minutes = duties.minutes.get(&teacher.id).copied().unwrap_or(0);
        for day in 0..7u8 {
            let weekday = Weekday::try_from(day).unwrap_or(Weekday::Mon);
            if teacher.available.is_empty() || teacher.available.contains(weekday) {
                by_load[day as usize].insert((minutes, t));
            }
        }
    }
    for (d, mut missing) in pending {
        let (weekday, start, end, minutes) = {
            let duty = &duties.duties[d];
            (duty.weekday, duty.start, duty.end, duty.minutes)
        };
        let day = weekday.num_days_from_monday();
        while missing > 0 && config.supervision.auto_assign {
            let free = by_load[day as usize].iter().copied().find(|&(_, t)| {
                busy.get(&(teachers[t].id.clone(), day))
                    .is_none_or(|b| b.iter().all(|i| !overlaps(*i, (start, end))))
            });
            let Some((load, t)) = free else { break };
            let id = teachers[t].id.clone();
            busy.entry((id.clone(), day))
                .or_default()
                .push((start, end));
            *duties.minutes.entry(id.clone()).or_default() += minutes;
            for set in &mut by_load {
                if set.remove(&(load, t)) {
                    set.insert((load + minutes, t));
                }
            }
            duties.duties[d].teachers.push(id);
            missing -= 1;
        }
        if missing > 0 {
            let duty = &duties.duties[d];
            duties.problems.file(
                Severity::Warning,
                &config.files.staff,
                Msg::NoSupervisor {
                    group: duty.group.clone(),
                    weekday,
                    missing,
                },
            );
        }
    }
    // Duty leaders: one per service weekday, the fewest days first.
    let mut days_led: HashMap<&str, usize> = HashMap::new();
    for weekday in config.calendar.weekdays.iter() {
        let leader = school
            .staff
            .iter()
            .filter(|s| s.role == Role::Leader)
            .filter(|s| s.available.is_empty() || s.available.contains(weekday))
            .min_by_key(|s| {
                (
                    days_led.get(s.id.as_str()).copied().unwrap_or(0),
                    s.id.clone(),
                )
            });
        if let Some(l) = leader {
            *days_led.entry(&l.id).or_default() += 1;
        } else {
            duties.problems.file(
                Severity::Warning,
                &config.files.staff,
                Msg::NoDutyLeader { weekday },
            );
        }
        duties.leaders.push((weekday, leader.map(|l| l.id.clone())));
    }
    duties
}
