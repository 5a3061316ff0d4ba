//! One service day, computed from the plan, the slips, leave requests, pickup
//! changes and the calendar: who stays, where each is in every block, who is
//! on leave, and who leaves in which dismissal batch. Pure; the sheets are
//! rendered from it in `report::daily`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::calendar::{Closure, Day as CalendarDay, ServiceDay};
use crate::config::{Band, Config};
use crate::consent::{self, Standing, class_order};
use crate::model::{Class, Leave, Pickup, PickupChange, Session, Student, natural_cmp};
use crate::plan::{Kind, Placement, Plan, dismissal_of, stays_for};
use crate::school::School;
use crate::supervision;

/// Why a date has no service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoService<'a> {
    Closed(&'a Closure),
    /// A weekend or a weekday without service.
    NotServiceDay,
    OutsideTerm,
}

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
    pub places: Vec<Option<(Kind, Arc<str>)>>,
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

pub fn compute<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    date: NaiveDate,
) -> Result<Day<'a>, NoService<'a>> {
    let service = match config.calendar.day(date) {
        CalendarDay::Service(s) => s,
        CalendarDay::Closed(c) => return Err(NoService::Closed(c)),
        CalendarDay::NoService => return Err(NoService::NotServiceDay),
        CalendarDay::OutsideTerm => return Err(NoService::OutsideTerm),
    };
    let weekday = service.timetable;
    let slips = consent::effective_slips(school, date);
    let active: Vec<&Placement> = plan
        .placements
        .iter()
        .filter(|p| p.active_on(date))
        .collect();
    let mut rows: HashMap<&str, Vec<&Placement>> = HashMap::new();
    for p in active.iter().filter(|p| p.weekday == weekday) {
        rows.entry(&*p.student).or_default().push(p);
    }
    let mut students: Vec<&Student> = school.students.iter().collect();
    students.sort_by(|a, b| {
        match (school.class(&a.class), school.class(&b.class)) {
            (Some(x), Some(y)) => class_order(x, y),
            _ => std::cmp::Ordering::Equal,
        }
        .then_with(|| natural_cmp(&a.id, &b.id))
    });
    // Today's leave and pickup changes by student (the files are read once per day).
    let mut leave_of: HashMap<&str, &Leave> = HashMap::new();
    for l in school
        .leave
        .iter()
        .filter(|l| l.from <= date && date <= l.to)
    {
        leave_of.entry(l.student.as_str()).or_insert(l);
    }
    let mut change_of: HashMap<&str, &PickupChange> = HashMap::new();
    for c in school.pickup_changes.iter().filter(|c| c.date == date) {
        change_of.insert(c.student.as_str(), c); // the last row of the day wins
    }
    let mut attendees = Vec::new();
    let (mut unplaced, mut withdrawn) = (Vec::new(), Vec::new());
    for student in students {
        let id = student.id.as_str();
        let mine = rows.remove(id).unwrap_or_default();
        let slip = match consent::standing(slips.get(id).copied(), config) {
            Standing::In(slip) if slip.days.is_empty() || slip.days.contains(weekday) => slip,
            _ => {
                if !mine.is_empty() {
                    withdrawn.push(student);
                }
                continue;
            }
        };
        let (Some(class), true) = (school.class(&student.class), !mine.is_empty()) else {
            unplaced.push(student);
            continue;
        };
        let Some(band) = config.band_of(class.grade) else {
            continue;
        };
        let homework = mine
            .iter()
            .find(|p| p.kind == Kind::Homework)
            .map(|p| p.group.clone());
        let mut places: Vec<Option<(Kind, Arc<str>)>> = vec![None; band.blocks.len()];
        for p in &mine {
            let b = p.block as usize - 1;
            if b >= places.len() || !stays_for(slip.session, band.blocks[b].part) {
                continue;
            }
            // On a day without clubs the club block goes to the homework room.
            let place = match (p.kind, service.no_clubs, &homework) {
                (Kind::Club, Some(_), Some(room)) => (Kind::Homework, room.clone()),
                _ => (p.kind, p.group.clone()),
            };
            places[b] = Some(place);
        }
        let missing_block = band
            .blocks
            .iter()
            .enumerate()
            .any(|(b, block)| stays_for(slip.session, block.part) && places[b].is_none());
        if missing_block {
            unplaced.push(student);
            continue;
        }
        let change = change_of.get(id).copied();
        let (mut leaves_at, early) = dismissal_of(band, slip.session);
        if let Some((end, _)) = service.ends_early {
            leaves_at = leaves_at.min(end);
        }
        attendees.push(Attendee {
            student,
            class,
            band,
            session: slip.session,
            leave: leave_of.get(id).copied(),
            pickup: change.map_or(slip.pickup, |c| c.pickup),
            pickup_by: change.map_or(slip.pickup_by.clone(), |c| c.pickup_by.clone()),
            pickup_change: change,
            places,
            leaves_at,
            early,
        });
    }

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
    let groups = groups
        .into_iter()
        .map(|((start, end, kind, group), members)| Group {
            kind,
            group,
            start,
            end,
            members,
            teachers: Vec::new(),
        })
        .collect();
    let mut batches: BTreeMap<(NaiveTime, bool, &str), Vec<usize>> = BTreeMap::new();
    for (a, att) in attendees.iter().enumerate() {
        batches
            .entry((att.leaves_at, !att.early, att.band.name.as_str()))
            .or_default()
            .push(a);
    }
    let batches = batches
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
        .collect();
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

/// Fills in each group's teachers and the duty leader, from the supervision of
/// the week the plan holds on this day (only the printed sheets need them).
pub fn assign_staff(day: &mut Day, school: &School, config: &Config, plan: &Plan) {
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
    let duties = supervision::assign(&active, &grade_of, school, config);
    let weekday = day.service.timetable;
    let teachers: HashMap<(Kind, &str), &Vec<String>> = duties
        .duties
        .iter()
        .filter(|d| d.weekday == weekday)
        .map(|d| ((d.kind, d.group.as_str()), &d.teachers))
        .collect();
    for g in &mut day.groups {
        // A homework room also hosts the club block's fallback: same teachers.
        g.teachers = teachers
            .get(&(g.kind, &*g.group))
            .or_else(|| teachers.get(&(Kind::Homework, &*g.group)))
            .map(|t| t.to_vec())
            .unwrap_or_default();
    }
    day.leader = duties
        .leaders
        .iter()
        .find(|(d, _)| *d == weekday)
        .and_then(|(_, l)| l.clone());
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
            let want = usize::from(stays_for(att.session, block.part));
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
