//! The invariants of DESIGN §4, checked on every plan before anything is
//! written: nobody missed, nobody in two places, no capacity exceeded, no
//! club admitting an ineligible grade, nobody out of service placed.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::schedule::stays_for;
use super::stay;
use super::{Built, Kind};
use crate::config::Config;
use crate::school::School;

/// Every broken invariant, described; empty when the plan is sound.
pub fn invariants(built: &Built, school: &School, config: &Config) -> Vec<String> {
    let mut broken = Vec::new();
    let as_of = built.as_of;
    let placements = &built.plan.placements;
    let mut by_student: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in placements.iter().enumerate() {
        by_student.entry(&*p.student).or_default().push(i);
    }
    // Every enrollee, on the first day of each segment of their timeline:
    // exactly one place per block they stay for, on every day they attend;
    // none once out of service.
    let mut enrolled: HashSet<&str> = HashSet::new();
    for (e, enrollee) in built.enrollees.iter().enumerate() {
        let id = enrollee.student.id.as_str();
        enrolled.insert(id);
        if built.room_of[e].is_none() {
            continue; // reported as a shortage of seats, not a broken plan
        }
        let Some(band) = config.band_of(enrollee.grade) else {
            continue;
        };
        for segment in &built.stays[e].segments {
            let rows = by_student.get(id).into_iter().flatten();
            let active = rows
                .map(|&i| &placements[i])
                .filter(|p| p.active_on(segment.from));
            let mut count: HashMap<(u32, u8), usize> = HashMap::new();
            for p in active {
                *count
                    .entry((p.weekday.num_days_from_monday(), p.block))
                    .or_default() += 1;
            }
            let Some(slip) = segment.slip else {
                if !count.is_empty() {
                    broken.push(format!(
                        "student {id} is placed from {} when out of service",
                        segment.from
                    ));
                }
                continue;
            };
            for day in stay::days_of(slip, config).iter() {
                for (b, block) in band.blocks.iter().enumerate() {
                    let n = count
                        .remove(&(day.num_days_from_monday(), b as u8 + 1))
                        .unwrap_or(0);
                    let want = usize::from(stays_for(slip.session, block.part));
                    if n != want {
                        broken.push(format!(
                            "student {id} has {n} places on {day} block {} from {} (expected {want})",
                            b + 1,
                            segment.from
                        ));
                    }
                }
            }
            for ((day, block), n) in count {
                broken.push(format!("student {id} has {n} places on weekday {day} block {block} from {}, a day or block they do not attend", segment.from));
            }
        }
    }
    // Nobody out of service keeps an open seat.
    for p in placements {
        if p.to.is_none() && !enrolled.contains(&*p.student) {
            broken.push(format!(
                "student {} is not in service but placed in {}",
                p.student, p.group
            ));
        }
    }
    // Capacities and eligibility, on every date a placement starts.
    let mut dates: BTreeSet<NaiveDate> = placements
        .iter()
        .map(|p| p.from)
        .filter(|d| *d > as_of)
        .collect();
    dates.insert(as_of.max(config.calendar.start));
    let rooms: HashMap<&str, &crate::model::Room> =
        school.rooms.iter().map(|r| (r.name.as_str(), r)).collect();
    let grade_of: HashMap<&str, u8> = built
        .enrollees
        .iter()
        .map(|e| (e.student.id.as_str(), e.grade))
        .collect();
    for date in dates {
        let mut seats: HashMap<(&str, u32, u8, Kind), usize> = HashMap::new();
        for p in placements.iter().filter(|p| p.active_on(date)) {
            *seats
                .entry((&*p.group, p.weekday.num_days_from_monday(), p.block, p.kind))
                .or_default() += 1;
        }
        // A room's load on a weekday is its busiest block.
        let mut room_load: HashMap<(&str, u32), usize> = HashMap::new();
        let mut club_load: HashMap<&str, usize> = HashMap::new();
        for ((group, day, _, kind), n) in &seats {
            match kind {
                Kind::Homework | Kind::Reading => {
                    let load = room_load.entry((group, *day)).or_default();
                    *load = (*load).max(*n);
                }
                Kind::Club => {
                    let load = club_load.entry(group).or_default();
                    *load = (*load).max(*n);
                }
                Kind::Activity => {}
            }
        }
        for ((room, day), n) in room_load {
            match rooms.get(room) {
                Some(r) if n as u32 > r.capacity => broken.push(format!(
                    "room {room} holds {n} students on weekday {day} from {date}, capacity {}",
                    r.capacity
                )),
                None => broken.push(format!("room {room} is not in the rooms file")),
                _ => {}
            }
        }
        for (club, n) in club_load {
            match school.club(club) {
                Some(c) if n as u32 > c.capacity => broken.push(format!(
                    "club {club} holds {n} students from {date}, capacity {}",
                    c.capacity
                )),
                None => broken.push(format!("club {club} is not in the clubs file")),
                _ => {}
            }
        }
        for p in placements.iter().filter(|p| p.active_on(date)) {
            let Some(&grade) = grade_of.get(&*p.student) else {
                continue;
            };
            let ok = match p.kind {
                Kind::Club => school
                    .club(&p.group)
                    .is_some_and(|c| c.grades.contains(grade) && c.days.contains(p.weekday)),
                Kind::Homework => rooms
                    .get(&*p.group)
                    .is_some_and(|r| r.grades.contains(grade)),
                _ => true,
            };
            if !ok {
                broken.push(format!(
                    "student {} (grade {grade}) may not be in {} on {}",
                    p.student, p.group, p.weekday
                ));
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}
