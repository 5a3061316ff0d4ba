//! One service day, computed from the plan, the slips, leave requests, pickup
//! changes and the calendar: who stays, where each is in every block, who is
//! on leave, and who leaves in which dismissal batch. Pure; the sheets are
//! rendered from it in `report::daily`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::calendar::{Closure, Day as CalendarDay, ServiceDay};
use crate::config::{Band, Config};
use crate::consent::class_order;
use crate::model::{Class, Leave, Pickup, PickupChange, Session, Student, natural_cmp};
use crate::plan::{Kind, Placement, Plan, stays_for};
use crate::school::School;
use crate::supervision;

mod standing;

use standing::{Standing, Today};
pub use standing::{end_today, meets_today};

/// Why a date has no service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoService<'a> {
    Closed(&'a Closure),
    /// A weekend or a weekday without service.
    NotServiceDay,
    OutsideTerm,
}

/// Where a student is in one block: the kind and group, or `None` if gone home by then.
pub type Place = Option<(Kind, Arc<str>)>;

/// A student staying today.
#[derive(Debug, Clone)]
pub struct Attendee<'a> {
    pub student: &'a Student,
    pub class: &'a Class,
    pub band: &'a Band,
    pub session: Session,
    pub leave: Option<&'a Leave>,
    pub pickup: Pickup,
    pub pickup_by: String,
    /// Today's change to how they go home, if any (it overrides the slip).
    pub pickup_change: Option<&'a PickupChange>,
    /// Per block of their band: where they are, or `None` if gone home by then.
    pub places: Vec<Place>,
    pub leaves_at: NaiveTime,
    /// In the early batch (first session only).
    pub early: bool,
}

/// A group meeting in one block: a room, a club or an activity.
#[derive(Debug, Clone)]
pub struct Group {
    pub kind: Kind,
    pub group: Arc<str>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Indexes into [`Day::attendees`], in class order.
    pub members: Vec<usize>,
    pub teachers: Vec<String>,
}

/// Students leaving together (错峰放学).
#[derive(Debug, Clone)]
pub struct Batch {
    pub time: NaiveTime,
    pub early: bool,
    pub band: String,
    /// Indexes into [`Day::attendees`]: by class, then pickup mode, then id.
    pub members: Vec<usize>,
}

#[derive(Debug)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub service: ServiceDay<'a>,
    /// Everyone staying today, in class order.
    pub attendees: Vec<Attendee<'a>>,
    pub groups: Vec<Group>,
    pub batches: Vec<Batch>,
    /// In service today by their slip but without a place in the plan: run `plan` again.
    pub unplaced: Vec<&'a Student>,
    /// Placed in the plan but no longer in service by their slips (withdrawn since the plan).
    pub withdrawn: Vec<&'a Student>,
    /// The day's duty leader (staff id).
    pub leader: Option<String>,
}

/// The day's lists: who stays (and who is unplaced or withdrawn), the groups
/// of every block, the dismissal batches.
pub fn compute<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    date: NaiveDate,
) -> Result<Day<'a>, NoService<'a>> {
    let service = service_day(config, date)?;
    let mut rows = placements_today(plan, date, service.timetable);
    let today = Today::of(school, config, &service);
    let mut attendees = Vec::new();
    let (mut unplaced, mut withdrawn) = (Vec::new(), Vec::new());
    for student in in_class_order(school) {
        let mine = rows.remove(student.id.as_str()).unwrap_or_default();
        match today.place(student, &mine) {
            Standing::Stays(a) => attendees.push(*a),
            Standing::Unplaced => unplaced.push(student),
            Standing::Withdrawn => withdrawn.push(student),
            Standing::Out => {}
        }
    }
    let groups = groups_of(&attendees, service.ends_early);
    let batches = batches_of(&attendees);
    Ok(Day {
        date,
        service,
        attendees,
        groups,
        batches,
        unplaced,
        withdrawn,
        leader: None,
    })
}

/// The calendar's word on a date: a service day, or why not.
fn service_day(config: &Config, date: NaiveDate) -> Result<ServiceDay<'_>, NoService<'_>> {
    match config.calendar.day(date) {
        CalendarDay::Service(s) => Ok(s),
        CalendarDay::Closed(c) => Err(NoService::Closed(c)),
        CalendarDay::NoService => Err(NoService::NotServiceDay),
        CalendarDay::OutsideTerm => Err(NoService::OutsideTerm),
    }
}

/// The plan's rows in force on a date for its timetable's weekday, by student.
fn placements_today(
    plan: &Plan,
    date: NaiveDate,
    weekday: Weekday,
) -> HashMap<&str, Vec<&Placement>> {
    let mut rows: HashMap<&str, Vec<&Placement>> = HashMap::new();
    for p in plan
        .placements
        .iter()
        .filter(|p| p.weekday == weekday && p.active_on(date))
    {
        rows.entry(&*p.student).or_default().push(p);
    }
    rows
}

/// Every student on the roster, by class then id.
fn in_class_order(school: &School) -> Vec<&Student> {
    let mut students: Vec<&Student> = school.students.iter().collect();
    students.sort_by(|a, b| {
        match (school.class(&a.class), school.class(&b.class)) {
            (Some(x), Some(y)) => class_order(x, y),
            _ => std::cmp::Ordering::Equal,
        }
        .then_with(|| natural_cmp(&a.id, &b.id))
    });
    students
}

/// The groups meeting in every block, each with its members in class order.
fn groups_of(attendees: &[Attendee], ends_early: Option<(NaiveTime, &str)>) -> Vec<Group> {
    let mut groups: BTreeMap<(NaiveTime, NaiveTime, Kind, Arc<str>), Vec<usize>> = BTreeMap::new();
    for (a, att) in attendees.iter().enumerate() {
        for (b, place) in att.places.iter().enumerate() {
            if let Some((kind, group)) = place {
                let block = &att.band.blocks[b];
                groups
                    .entry((block.start, block.end, *kind, group.clone()))
                    .or_default()
                    .push(a);
            }
        }
    }
    groups
        .into_iter()
        .map(|((start, end, kind, group), members)| Group {
            kind,
            group,
            start,
            end: end_today(end, ends_early),
            members,
            teachers: Vec::new(),
        })
        .collect()
}

/// The dismissal batches: by time, early batch first, band; inside a batch by
/// class, then pickup mode, then id.
fn batches_of(attendees: &[Attendee]) -> Vec<Batch> {
    let mut batches: BTreeMap<(NaiveTime, bool, &str), Vec<usize>> = BTreeMap::new();
    for (a, att) in attendees.iter().enumerate() {
        batches
            .entry((att.leaves_at, !att.early, att.band.name.as_str()))
            .or_default()
            .push(a);
    }
    batches
        .into_iter()
        .map(|((time, late, band), mut members)| {
            members.sort_by(|&x, &y| {
                let (x, y) = (&attendees[x], &attendees[y]);
                class_order(x.class, y.class)
                    .then(x.pickup.cmp(&y.pickup))
                    .then_with(|| natural_cmp(&x.student.id, &y.student.id))
            });
            Batch {
                time,
                early: !late,
                band: band.to_string(),
                members,
            }
        })
        .collect()
}

impl Day<'_> {
    /// The blocks of a band that meet today, as (index in the band, start,
    /// end today): an early end removes later blocks and cuts one short.
    pub fn blocks_today(&self, band: &Band) -> Vec<(usize, NaiveTime, NaiveTime)> {
        let early = self.service.ends_early;
        band.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| meets_today(b.start, early))
            .map(|(i, b)| (i, b.start, end_today(b.end, early)))
            .collect()
    }
}

/// Fills in each group's teachers and the duty leader, from the supervision of
/// the week the plan holds on this day (only the printed sheets need them).
pub fn assign_staff(day: &mut Day, school: &School, config: &Config, plan: &Plan) {
    let duties = week_supervision(day, school, config, plan);
    staff_from(day, &duties);
}

/// [`assign_staff`] from the supervision the timetable printed for the day
/// (the stored duties of the plan version in force that day), when there is
/// one: a later edit of the staff file changes no earlier day's sheets or
/// hours. A group it does not list is staffed as [`assign_staff`] does.
pub fn assign_staff_as_printed(
    day: &mut Day,
    school: &School,
    config: &Config,
    plan: &Plan,
    printed: Option<&supervision::Duties>,
) {
    let Some(printed) = printed else {
        return assign_staff(day, school, config, plan);
    };
    let unlisted = staff_listed(day, printed);
    if unlisted.is_empty() {
        return;
    }
    let now = week_supervision(day, school, config, plan);
    let teachers = teachers_of(&now, day.service.timetable);
    for i in unlisted {
        let g = &mut day.groups[i];
        g.teachers = lookup(&teachers, g).map(|t| t.to_vec()).unwrap_or_default();
    }
}

fn week_supervision(
    day: &Day,
    school: &School,
    config: &Config,
    plan: &Plan,
) -> supervision::Duties {
    let active: Vec<&Placement> = plan
        .placements
        .iter()
        .filter(|p| p.active_on(day.date))
        .collect();
    let grade_of: HashMap<&str, u8> = school
        .students
        .iter()
        .map(|s| (s.id.as_str(), school.grade_of(s)))
        .collect();
    supervision::assign(&active, &grade_of, school, config)
}

/// Who keeps each of the day's sheets, and the day's duty leader, from the
/// week's supervision: the one rule `daily` prints and `hours` credits.
pub fn staff_from(day: &mut Day, duties: &supervision::Duties) {
    for i in staff_listed(day, duties) {
        day.groups[i].teachers.clear();
    }
}

/// [`staff_from`] for the groups `duties` lists; the indices of the others.
fn staff_listed(day: &mut Day, duties: &supervision::Duties) -> Vec<usize> {
    let weekday = day.service.timetable;
    let teachers = teachers_of(duties, weekday);
    let mut unlisted = Vec::new();
    for (i, g) in day.groups.iter_mut().enumerate() {
        match lookup(&teachers, g) {
            Some(t) => g.teachers = t.to_vec(),
            None => unlisted.push(i),
        }
    }
    day.leader = duties
        .leaders
        .iter()
        .find(|(d, _)| *d == weekday)
        .and_then(|(_, l)| l.clone());
    unlisted
}

type TeachersOf<'d> = HashMap<(Kind, &'d str), &'d Vec<String>>;

fn teachers_of(duties: &supervision::Duties, weekday: chrono::Weekday) -> TeachersOf<'_> {
    duties
        .duties
        .iter()
        .filter(|d| d.weekday == weekday)
        .map(|d| ((d.kind, d.group.as_str()), &d.teachers))
        .collect()
}

/// A group's teachers: a homework room also hosts the club block's fallback
/// (and, on a day without clubs, the club block itself), with its teachers.
fn lookup<'d>(teachers: &TeachersOf<'d>, g: &Group) -> Option<&'d Vec<String>> {
    teachers
        .get(&(g.kind, &*g.group))
        .or_else(|| teachers.get(&(Kind::Homework, &*g.group)))
        .copied()
}

/// The day's invariants (DESIGN §4): every student staying appears exactly
/// once in each block they stay for and in exactly one dismissal batch.
pub fn check(day: &Day) -> Vec<String> {
    let mut broken = Vec::new();
    let mut seen: HashMap<(usize, NaiveTime), usize> = HashMap::new();
    for g in &day.groups {
        for &a in &g.members {
            *seen.entry((a, g.start)).or_default() += 1;
        }
    }
    let mut in_batches = vec![0usize; day.attendees.len()];
    day.batches
        .iter()
        .flat_map(|b| &b.members)
        .for_each(|&a| in_batches[a] += 1);
    for (a, att) in day.attendees.iter().enumerate() {
        for block in att.band.blocks.iter() {
            let meets = meets_today(block.start, day.service.ends_early);
            let want = usize::from(meets && stays_for(att.session, block.part));
            let n = seen.get(&(a, block.start)).copied().unwrap_or(0);
            if n != want {
                broken.push(format!(
                    "student {} is on {n} sheets at {} (expected {want})",
                    att.student.id, block.start
                ));
            }
        }
        if in_batches[a] != 1 {
            broken.push(format!(
                "student {} is in {} dismissal batches",
                att.student.id, in_batches[a]
            ));
        }
        let clubs_today = att.places.iter().flatten().any(|(k, _)| *k == Kind::Club);
        if clubs_today && day.service.no_clubs.is_some() {
            broken.push(format!(
                "student {} has a club on a day without clubs",
                att.student.id
            ));
        }
    }
    broken
}
