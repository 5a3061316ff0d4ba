//! Building the term plan from the school and, when there is one, the
//! previous plan: existing placements are kept, withdrawals end theirs,
//! waiting lists are promoted in order, and newcomers are placed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Days as ChronoDays, NaiveDate};

use super::satisfaction::{Satisfaction, satisfaction_of};
use super::schedule::{Slot, club_part, slots, stays_for};
use super::{Kind, Placement, Plan, WaitEntry};
use crate::allocate::clubs::{self, Applicant, Bound, Choice, Rules};
use crate::allocate::rooms::{self, Sitter, Space};
use crate::config::{Config, Strategy};
use crate::consent::{self, Enrollee, Standing};
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};
use crate::model::Club;
use crate::rng::Rng;
use crate::school::School;

/// What a re-plan changed.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub placed: Vec<String>,
    pub withdrawn: Vec<String>,
    pub promoted: Vec<(String, String)>,
    /// Students whose slip changed (days, session) and whose rows were renewed.
    pub renewed: Vec<String>,
    /// Per club id: (+placed, −left, ↑promoted).
    pub per_club: BTreeMap<String, (usize, usize, usize)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
            && self.withdrawn.is_empty()
            && self.promoted.is_empty()
            && self.renewed.is_empty()
    }
}

#[derive(Debug)]
pub struct Built<'a> {
    pub as_of: NaiveDate,
    pub plan: Plan,
    pub enrollees: Vec<Enrollee<'a>>,
    /// Per enrollee, their homework room (index into the school's rooms).
    pub room_of: Vec<Option<usize>>,
    /// Per enrollee, their clubs (indexes into the school's clubs).
    pub clubs_of: Vec<Vec<usize>>,
    pub split_classes: Vec<String>,
    pub closed: Vec<usize>,
    pub bound: Option<Bound>,
    pub satisfaction: Satisfaction,
    /// The other strategy on the same data, for the school to see the trade.
    pub other: Satisfaction,
    pub changes: Changes,
    pub problems: Problems,
}

/// The lottery ticket of a student: depends only on the seed and their id, so
/// adding or removing another student changes nobody else's ticket.
fn ticket(seed: u64, id: &str) -> u64 {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    Rng::new(seed ^ hash).next_u64()
}

/// Whether a club can take this student (DESIGN §3 Clubs: grade, every day, session).
pub fn admissible(club: &Club, e: &Enrollee) -> bool {
    club.grades.contains(e.grade)
        && club.days.is_subset(e.days)
        && stays_for(e.slip.session, club_part(club))
}

fn choices_of(school: &School, club_at: &HashMap<&str, usize>, e: &Enrollee) -> Vec<Choice> {
    e.slip
        .choices
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let id = id.as_deref()?;
            let c = *club_at.get(id)?;
            admissible(&school.clubs[c], e).then_some(Choice {
                club: c,
                rank: i as u32 + 1,
            })
        })
        .collect()
}

pub fn build<'a>(
    school: &'a School,
    config: &Config,
    as_of: NaiveDate,
    previous: Option<&Plan>,
) -> Built<'a> {
    let mut problems = Problems::default();
    let term_start = config.calendar.start;
    let enrollees = consent::enrolled(school, config, as_of);
    let seed = config.allocation.seed;
    let club_at: HashMap<&str, usize> = school
        .clubs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let room_at: HashMap<&str, usize> = school
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.as_str(), i))
        .collect();
    let mut current: HashMap<&str, Vec<&Placement>> = HashMap::new();
    if let Some(prev) = previous {
        for p in prev.placements.iter().filter(|p| p.holds_after(as_of)) {
            current.entry(&*p.student).or_default().push(p);
        }
    }

    // Homework rooms (the reading room is kept for the reading fallback).
    let reading = room_at
        .get(config.allocation.reading_room.as_str())
        .copied();
    let homework_rooms: Vec<usize> = (0..school.rooms.len())
        .filter(|r| Some(*r) != reading)
        .collect();
    let space_of: HashMap<usize, usize> = homework_rooms
        .iter()
        .enumerate()
        .map(|(s, r)| (*r, s))
        .collect();
    let spaces: Vec<Space> = homework_rooms
        .iter()
        .map(|&r| Space::from(&school.rooms[r]))
        .collect();
    let class_at: HashMap<&str, usize> = school
        .classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let home: Vec<Option<usize>> = school
        .classes
        .iter()
        .map(|c| {
            room_at
                .get(c.home_room.as_str())
                .and_then(|r| space_of.get(r))
                .copied()
        })
        .collect();
    let sitters: Vec<Sitter> = enrollees
        .iter()
        .map(|e| {
            let kept = current.get(e.student.id.as_str()).and_then(|rows| {
                rows.iter()
                    .find(|p| p.kind == Kind::Homework)
                    .and_then(|p| room_at.get(&*p.group))
                    .and_then(|r| space_of.get(r))
                    .copied()
                    .filter(|&s| spaces[s].grades.contains(e.grade))
            });
            Sitter {
                class: class_at.get(e.student.class.as_str()).copied().unwrap_or(0),
                grade: e.grade,
                days: e.days,
                kept,
            }
        })
        .collect();
    let band_index = |g: u8| {
        config
            .bands
            .iter()
            .position(|b| b.grades.contains(g))
            .unwrap_or(0)
    };
    let seating = rooms::seat(&sitters, &spaces, &home, band_index);
    let room_of: Vec<Option<usize>> = seating
        .room_of
        .iter()
        .map(|s| s.map(|s| homework_rooms[s]))
        .collect();
    for (e, room) in enrollees.iter().zip(&room_of) {
        if room.is_none() {
            problems.push(Problem {
                severity: Severity::Error,
                file: config.files.consent.clone(),
                line: Some(e.slip.line.0),
                column: None,
                value: Some(format!(
                    "{} {} {}",
                    e.student.id, e.student.name, e.student.class
                )),
                msg: Msg::NoHomeworkSeat,
            });
        }
    }
    let split_classes: Vec<String> = seating
        .split
        .iter()
        .map(|&k| school.classes[k].name.clone())
        .collect();

    // Clubs.
    let choices: Vec<Vec<Choice>> = enrollees
        .iter()
        .map(|e| choices_of(school, &club_at, e))
        .collect();
    let mut clubs_of: Vec<Vec<usize>> = enrollees
        .iter()
        .map(|e| {
            let mut kept: Vec<usize> = current
                .get(e.student.id.as_str())
                .into_iter()
                .flatten()
                .filter(|p| p.kind == Kind::Club)
                .filter_map(|p| club_at.get(&*p.group).copied())
                .filter(|&c| admissible(&school.clubs[c], e))
                .collect();
            kept.sort_unstable();
            kept.dedup();
            kept
        })
        .collect();
    let mut left: Vec<u32> = school.clubs.iter().map(|c| c.capacity).collect();
    clubs_of
        .iter()
        .flatten()
        .for_each(|&c| left[c] = left[c].saturating_sub(1));
    let enrollee_at: HashMap<&str, usize> = enrollees
        .iter()
        .enumerate()
        .map(|(i, e)| (e.student.id.as_str(), i))
        .collect();
    let max_clubs = config.allocation.max_clubs_per_student.max(1) as usize;
    let mut changes = Changes::default();
    // Promote from the waiting lists, in order, into freed seats.
    if let Some(prev) = previous {
        let mut waiting: Vec<&WaitEntry> = prev.waitlist.iter().collect();
        waiting.sort_by(|a, b| a.club.cmp(&b.club).then(a.position.cmp(&b.position)));
        for entry in waiting {
            let (Some(&c), Some(&e)) = (
                club_at.get(entry.club.as_str()),
                enrollee_at.get(entry.student.as_str()),
            ) else {
                continue;
            };
            let ok = left[c] > 0
                && clubs_of[e].is_empty()
                && admissible(&school.clubs[c], &enrollees[e]);
            if ok {
                left[c] -= 1;
                clubs_of[e].push(c);
                changes
                    .promoted
                    .push((entry.student.clone(), entry.club.clone()));
            }
        }
    }
    let promoted: HashSet<&str> = changes.promoted.iter().map(|(s, _)| s.as_str()).collect();
    let newcomers: Vec<usize> = (0..enrollees.len())
        .filter(|&e| {
            clubs_of[e].is_empty()
                && !choices[e].is_empty()
                && !promoted.contains(enrollees[e].student.id.as_str())
        })
        .collect();
    let applicants: Vec<Applicant> = newcomers
        .iter()
        .map(|&e| Applicant {
            tier: enrollees[e].slip.priority,
            choices: choices[e].clone(),
        })
        .collect();
    let mut order: Vec<usize> = (0..applicants.len()).collect();
    order.sort_by_key(|&a| ticket(seed, &enrollees[newcomers[a]].student.id));
    let rules = Rules {
        strategy: config.allocation.strategy,
        max_clubs: max_clubs as u32,
        minimums: true,
    };
    let mut running = vec![false; school.clubs.len()];
    clubs_of.iter().flatten().for_each(|&c| running[c] = true);
    let outcome = clubs::allocate(&applicants, &school.clubs, &left, &running, &order, rules);
    for (a, got) in outcome.assigned.iter().enumerate() {
        clubs_of[newcomers[a]].extend(got);
    }

    // The other strategy on the same (fresh) data, for comparison.
    let all: Vec<Applicant> = (0..enrollees.len())
        .map(|e| Applicant {
            tier: enrollees[e].slip.priority,
            choices: choices[e].clone(),
        })
        .collect();
    let mut all_order: Vec<usize> = (0..all.len()).collect();
    all_order.sort_by_key(|&a| ticket(seed, &enrollees[a].student.id));
    let capacity: Vec<u32> = school.clubs.iter().map(|c| c.capacity).collect();
    let other_strategy = match rules.strategy {
        Strategy::Optimal => Strategy::Lottery,
        Strategy::Lottery => Strategy::Optimal,
    };
    let other = clubs::allocate(
        &all,
        &school.clubs,
        &capacity,
        &vec![false; school.clubs.len()],
        &all_order,
        Rules {
            strategy: other_strategy,
            ..rules
        },
    );
    // The chosen result is provably the best only for a fresh optimal plan
    // with one club each and every club running; otherwise show the bound.
    let exact = previous.is_none()
        && rules.strategy == Strategy::Optimal
        && max_clubs == 1
        && outcome.closed.is_empty();
    let bound = (!exact).then(|| clubs::bound(&all, &school.clubs, &capacity, max_clubs as u32));
    let satisfaction = satisfaction_of(Some(rules.strategy), &all, &clubs_of);
    let other = satisfaction_of(Some(other_strategy), &all, &other.assigned);

    // Waiting lists: the old order first, then the newly unplaced by tier and ticket.
    let closed: HashSet<usize> = outcome.closed.iter().copied().collect();
    let mut waitlist: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    if let Some(prev) = previous {
        let mut old: Vec<&WaitEntry> = prev.waitlist.iter().collect();
        old.sort_by(|a, b| a.club.cmp(&b.club).then(a.position.cmp(&b.position)));
        for entry in old {
            if let (Some(&c), Some(&e)) = (
                club_at.get(entry.club.as_str()),
                enrollee_at.get(entry.student.as_str()),
            ) && clubs_of[e].is_empty()
                && choices[e].iter().any(|ch| ch.club == c)
            {
                waitlist.entry(c).or_default().push(e);
            }
        }
    }
    let mut unplaced: Vec<usize> = (0..enrollees.len())
        .filter(|&e| clubs_of[e].is_empty() && !choices[e].is_empty())
        .collect();
    unplaced.sort_by_key(|&e| {
        (
            std::cmp::Reverse(enrollees[e].slip.priority),
            ticket(seed, &enrollees[e].student.id),
        )
    });
    for e in unplaced {
        for ch in &choices[e] {
            if closed.contains(&ch.club) {
                continue;
            }
            let list = waitlist.entry(ch.club).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        }
    }
    let mut wait_entries = Vec::new();
    for (c, list) in &waitlist {
        for (i, &e) in list.iter().enumerate() {
            wait_entries.push(WaitEntry {
                club: school.clubs[*c].id.clone(),
                position: i as u32 + 1,
                student: enrollees[e].student.id.clone(),
            });
        }
    }
    wait_entries.sort_by(|a, b| {
        crate::model::natural_cmp(&a.club, &b.club).then(a.position.cmp(&b.position))
    });

    // Placements: the slots of every enrollee, merged with the previous plan.
    let reading_room = reading.map(|r| &school.rooms[r]);
    let mut reading_load = [0u32; 7];
    let mut placements: Vec<Placement> = Vec::new();
    if let Some(prev) = previous {
        // History stays as it was.
        placements.extend(
            prev.placements
                .iter()
                .filter(|p| !p.holds_after(as_of))
                .cloned(),
        );
    }
    // One shared copy of each group name for all the rows that name it.
    let mut groups: HashMap<String, Arc<str>> = HashMap::new();
    let enrolled_ids: HashSet<&str> = enrollees.iter().map(|e| e.student.id.as_str()).collect();
    // Reading-room seats stay with the students who hold them; only newcomers
    // are offered the seats left, so one student leaving moves nobody else.
    let mut held_reading: HashSet<(&str, u32)> = HashSet::new();
    for (id, rows) in &current {
        if !enrolled_ids.contains(id) {
            continue;
        }
        for p in rows.iter().filter(|p| p.kind == Kind::Reading) {
            let d = p.weekday.num_days_from_monday();
            if held_reading.insert((id, d)) {
                reading_load[d as usize] += 1;
            }
        }
    }
    for (e, enrollee) in enrollees.iter().enumerate() {
        let Some(room) = room_of[e] else { continue };
        let Some(band) = config.band_of(enrollee.grade) else {
            continue;
        };
        let clubs: Vec<&Club> = clubs_of[e].iter().map(|&c| &school.clubs[c]).collect();
        let id = enrollee.student.id.as_str();
        let placed_before = current.contains_key(id);
        let mut reading_seat = |day: chrono::Weekday| {
            let room = reading_room?;
            let d = day.num_days_from_monday();
            if placed_before {
                return held_reading.contains(&(id, d)).then(|| room.name.clone());
            }
            let load = &mut reading_load[d as usize];
            (*load < room.capacity).then(|| {
                *load += 1;
                room.name.clone()
            })
        };
        let wanted = slots(
            school,
            enrollee,
            band,
            &school.rooms[room].name,
            &clubs,
            &mut reading_seat,
        );
        let rows = current.remove(id).unwrap_or_default();
        let mut have: Vec<Slot> = rows
            .iter()
            .map(|p| Slot {
                weekday: p.weekday,
                block: p.block,
                kind: p.kind,
                group: p.group.to_string(),
            })
            .collect();
        have.sort();
        let mut want = wanted.clone();
        want.sort();
        if have == want && !rows.is_empty() {
            placements.extend(rows.into_iter().cloned());
            continue;
        }
        let from = if rows.is_empty() {
            changes.placed.push(id.to_string());
            enrollee.slip.effective.max(term_start)
        } else {
            if !promoted.contains(id) {
                changes.renewed.push(id.to_string());
            }
            enrollee.slip.effective.max(as_of).max(term_start)
        };
        end_rows(&mut placements, rows, from, as_of);
        for c in &clubs_of[e] {
            let was = have
                .iter()
                .any(|s| s.kind == Kind::Club && s.group == school.clubs[*c].id);
            if !was && !promoted.contains(id) {
                changes
                    .per_club
                    .entry(school.clubs[*c].id.clone())
                    .or_default()
                    .0 += 1;
            }
        }
        let student: Arc<str> = id.into();
        placements.extend(wanted.into_iter().map(|s| {
            Placement {
                student: student.clone(),
                weekday: s.weekday,
                block: s.block,
                kind: s.kind,
                group: groups
                    .entry(s.group)
                    .or_insert_with_key(|g| g.as_str().into())
                    .clone(),
                from,
                to: None,
                planned: as_of,
            }
        }));
    }
    for (_, club) in &changes.promoted {
        changes.per_club.entry(club.clone()).or_default().2 += 1;
    }
    // Students with seats who are no longer in service: their rows end.
    let latest = consent::latest_slips(school, Some(as_of));
    let mut leaving: Vec<(&str, Vec<&Placement>)> = current
        .into_iter()
        .filter(|(id, _)| !enrolled_ids.contains(id))
        .collect();
    leaving.sort_by(|a, b| crate::model::natural_cmp(a.0, b.0));
    for (id, rows) in leaving {
        let from = match consent::standing(latest.get(id).copied(), config) {
            Standing::Out(slip) => slip.effective.max(term_start),
            _ => as_of,
        };
        if rows.iter().any(|p| p.to.is_none_or(|to| to >= from)) {
            changes.withdrawn.push(id.to_string());
            let mut clubs: Vec<&str> = rows
                .iter()
                .filter(|p| p.kind == Kind::Club)
                .map(|p| &*p.group)
                .collect();
            clubs.sort_unstable();
            clubs.dedup();
            for c in clubs {
                changes.per_club.entry(c.to_string()).or_default().1 += 1;
            }
        }
        end_rows(&mut placements, rows, from, as_of);
    }
    changes.per_club.retain(|_, v| *v != (0, 0, 0));

    Built {
        as_of,
        plan: Plan {
            placements,
            waitlist: wait_entries,
        },
        enrollees,
        room_of,
        clubs_of,
        split_classes,
        closed: outcome.closed,
        bound,
        satisfaction,
        other,
        changes,
        problems,
    }
}

/// Ends rows the day before `from`; rows that would end before they start never held.
/// A row whose end does not change keeps its stamp; a changed one is stamped `as_of`.
fn end_rows(
    placements: &mut Vec<Placement>,
    rows: Vec<&Placement>,
    from: NaiveDate,
    as_of: NaiveDate,
) {
    let Some(last) = from.checked_sub_days(ChronoDays::new(1)) else {
        return;
    };
    for p in rows {
        let to = p.to.map_or(last, |to| to.min(last));
        if to >= p.from {
            let planned = if p.to == Some(to) { p.planned } else { as_of };
            placements.push(Placement {
                to: Some(to),
                planned,
                ..p.clone()
            });
        }
    }
}
