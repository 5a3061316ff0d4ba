//! Rosters for the person in charge of a group on a date: each club, special
//! activity and homework (or reading) room with the children placed in it by
//! the plan rows in force, the weekdays each comes, and how each goes home;
//! and each club's waiting list.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};

use crate::config::Config;
use crate::consent::{self, Standing};
use crate::model::{Class, ConsentSlip, Days, Student};
use crate::plan::{Kind, Plan, dismissal_of};
use crate::school::School;

/// A child on a roster.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub student: &'a Student,
    pub class: &'a Class,
    pub slip: &'a ConsentSlip,
    /// The weekdays the child is in this group.
    pub days: Days,
    pub leaves_at: NaiveTime,
}

/// One group's roster.
#[derive(Debug, Clone)]
pub struct Roster<'a> {
    pub kind: Kind,
    /// The room, club id or activity group, as in `plan.csv`.
    pub group: &'a str,
    /// The weekdays the group meets (those of its members).
    pub days: Days,
    /// Its blocks' times (bands differ), earliest first.
    pub times: Vec<Sitting>,
    /// In class order, then by id.
    pub members: Vec<Member<'a>>,
    /// A club's waiting list, in order: position and student.
    pub waiting: Vec<(u32, &'a Student)>,
}

/// One time a group meets, and the bands (by name) whose children come then.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sitting {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub bands: Vec<String>,
}

/// Every group's roster on `date`: clubs (in the clubs file's order, also
/// those with nobody placed), then activities and rooms by name.
pub fn compute<'a>(
    school: &'a School,
    config: &Config,
    plan: &'a Plan,
    date: NaiveDate,
) -> Vec<Roster<'a>> {
    let slips = consent::effective_slips(school, date);
    let mut groups: Groups = BTreeMap::new();
    for club in &school.clubs {
        groups.insert((Kind::Club, &club.id), empty(Kind::Club, &club.id));
    }
    let days_of = place_rows(school, config, plan, &slips, date, &mut groups);
    for ((kind, group, id), days) in days_of {
        let (Some(student), Some(roster)) = (school.student(id), groups.get_mut(&(kind, group)))
        else {
            continue;
        };
        if let Some(member) = member(school, config, &slips, student, days) {
            roster.members.push(member);
        }
    }
    for w in &plan.waitlist {
        if let (Some(roster), Some(student)) = (
            groups.get_mut(&(Kind::Club, w.club.as_str())),
            school.student(&w.student),
        ) {
            roster.waiting.push((w.position, student));
        }
    }
    in_print_order(school, groups)
}

type Groups<'a> = BTreeMap<(Kind, &'a str), Roster<'a>>;

/// Puts the plan rows in force on `date` of children in service into their
/// groups (days and block times); returns the weekdays of each child in each.
fn place_rows<'a>(
    school: &'a School,
    config: &Config,
    plan: &'a Plan,
    slips: &HashMap<&str, &ConsentSlip>,
    date: NaiveDate,
    groups: &mut Groups<'a>,
) -> HashMap<(Kind, &'a str, &'a str), Days> {
    let mut days_of: HashMap<(Kind, &str, &str), Days> = HashMap::new();
    for p in plan.placements.iter().filter(|p| p.active_on(date)) {
        let Some(student) = school.student(&p.student) else {
            continue;
        };
        let Standing::In(_) = consent::standing(slips.get(&*p.student).copied(), config) else {
            continue;
        };
        let Some(band) = school
            .class(&student.class)
            .and_then(|c| config.band_of(c.grade))
        else {
            continue;
        };
        let Some(block) = usize::from(p.block)
            .checked_sub(1)
            .and_then(|b| band.blocks.get(b))
        else {
            continue;
        };
        let roster = groups
            .entry((p.kind, &p.group))
            .or_insert_with(|| empty(p.kind, &p.group));
        roster.days.insert(p.weekday);
        match (roster.times.iter_mut()).find(|t| (t.start, t.end) == (block.start, block.end)) {
            Some(t) if !t.bands.contains(&band.name) => t.bands.push(band.name.clone()),
            Some(_) => {}
            None => roster.times.push(Sitting {
                start: block.start,
                end: block.end,
                bands: vec![band.name.clone()],
            }),
        }
        days_of
            .entry((p.kind, &p.group, &student.id))
            .or_default()
            .insert(p.weekday);
    }
    days_of
}

/// The rosters sorted for printing, each one's children in class order.
fn in_print_order<'a>(school: &'a School, groups: Groups<'a>) -> Vec<Roster<'a>> {
    let rank = crate::papers::class_rank(school);
    let club_order: HashMap<&str, usize> = school
        .clubs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut out: Vec<Roster> = groups.into_values().collect();
    for r in &mut out {
        r.members
            .sort_by_key(|m| rank.get(m.student.id.as_str()).copied());
        r.waiting.sort_by_key(|w| w.0);
        r.times.sort();
    }
    out.sort_by_key(|r| {
        (
            print_order(r.kind),
            club_order.get(r.group).copied(),
            r.group,
        )
    });
    out
}

/// Clubs first (the coaches'), then activities, then rooms.
fn print_order(kind: Kind) -> u8 {
    match kind {
        Kind::Club => 0,
        Kind::Activity => 1,
        Kind::Homework => 2,
        Kind::Reading => 3,
    }
}

fn empty(kind: Kind, group: &str) -> Roster<'_> {
    Roster {
        kind,
        group,
        days: Days::default(),
        times: Vec::new(),
        members: Vec::new(),
        waiting: Vec::new(),
    }
}

/// A child in service with their class and how they go home.
fn member<'a>(
    school: &'a School,
    config: &Config,
    slips: &HashMap<&str, &'a ConsentSlip>,
    student: &'a Student,
    days: Days,
) -> Option<Member<'a>> {
    let slip = *slips.get(student.id.as_str())?;
    let class = school.class(&student.class)?;
    let band = config.band_of(class.grade)?;
    Some(Member {
        student,
        class,
        slip,
        days,
        leaves_at: dismissal_of(band, slip.session).0,
    })
}
