//! The rows of plan.csv (DESIGN §3 Which slips count, Stable re-plan): each
//! student's wanted rows follow their timeline, segment by segment from each
//! slip's effective date; rows of the previous plan that already say the same
//! are kept, the rest end the day before the first date they differ.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{NaiveDate, Weekday};

use super::build::{Changes, Index, valid};
use super::schedule::{Slot, slots};
use super::stay::Stay;
use super::{Kind, Placement, Plan};
use crate::consent::{self, Enrollee, Standing};
use crate::model::{Club, ConsentSlip, Room};

/// What the earlier phases decided, per enrollee.
pub(super) struct Decided<'d, 'a> {
    pub enrollees: &'d [Enrollee<'a>],
    pub stays: &'d [Stay<'a>],
    pub room_of: &'d [Option<usize>],
    pub clubs_of: &'d [Vec<usize>],
    pub kept_now: &'d [Vec<usize>],
    pub promoted: &'d [Option<usize>],
}

pub(super) struct Written {
    pub placements: Vec<Placement>,
    pub changes: Changes,
}

/// From a date on, a student's slots (empty: out of service).
type Timeline = Vec<(NaiveDate, Vec<Slot>)>;

pub(super) fn write(index: &Index, d: Decided, previous: Option<&Plan>) -> Written {
    let mut placements: Vec<Placement> = (previous.into_iter())
        .flat_map(|prev| &prev.placements)
        .filter(|p| !p.holds_after(index.as_of))
        .cloned()
        .collect();
    let mut changes = Changes::default();
    let mut names = Names::default();
    let mut reading = Reading::new(index, d.enrollees);
    for (e, enrollee) in d.enrollees.iter().enumerate() {
        let Some(room) = d.room_of[e] else { continue };
        let id = enrollee.student.id.as_str();
        let rows: Vec<&Placement> = index.current.get(id).cloned().unwrap_or_default();
        let mut seat = |day: Weekday| reading.seat(id, day, !rows.is_empty());
        let wanted = timeline(index, &d, e, &index.school.rooms[room].name, &mut seat);
        let Some(from) = apply(&mut placements, id, &rows, &wanted, index.as_of, &mut names) else {
            continue;
        };
        note_change(index, &d, e, &rows, &wanted, from, &mut changes);
    }
    end_leavers(index, &d, &mut placements, &mut changes);
    for c in d.promoted.iter().flatten() {
        let id = index.school.clubs[*c].id.clone();
        changes.per_club.entry(id).or_default().2 += 1;
    }
    changes.per_club.retain(|_, v| *v != (0, 0, 0));
    // Kept to the end of the run: a big plan's rows are a hundred megabytes.
    placements.shrink_to_fit();
    Written {
        placements,
        changes,
    }
}

/// One shared copy of each student id and group name for all the rows that name it.
#[derive(Default)]
struct Names(HashMap<String, Arc<str>>);

impl Names {
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(a) = self.0.get(name) {
            return a.clone();
        }
        let a: Arc<str> = name.into();
        self.0.insert(name.to_string(), a.clone());
        a
    }
}

/// The reading room's seats: they stay with the students who hold them; only
/// students new to the plan are offered the seats left, so one student leaving
/// moves nobody else. A seat once given holds for every segment.
struct Reading<'a> {
    room: Option<&'a Room>,
    load: [u32; 7],
    held: HashSet<(String, u32)>,
    given: HashMap<(String, u32), bool>,
}

impl<'a> Reading<'a> {
    fn new(index: &Index<'a, '_>, enrollees: &[Enrollee]) -> Self {
        let config = index.config;
        let room = (index.room_at.get(config.allocation.reading_room.as_str()))
            .map(|&r| &index.school.rooms[r]);
        let mut load = [0u32; 7];
        let mut held = HashSet::new();
        for e in enrollees {
            let rows = index
                .current
                .get(e.student.id.as_str())
                .into_iter()
                .flatten();
            for p in rows.filter(|p| p.kind == Kind::Reading) {
                let d = p.weekday.num_days_from_monday();
                if held.insert((e.student.id.clone(), d)) {
                    load[d as usize] += 1;
                }
            }
        }
        Reading {
            room,
            load,
            held,
            given: HashMap::new(),
        }
    }

    fn seat(&mut self, id: &str, day: Weekday, placed_before: bool) -> Option<String> {
        let room = self.room?;
        let d = day.num_days_from_monday();
        let key = (id.to_string(), d);
        if placed_before {
            return self.held.contains(&key).then(|| room.name.clone());
        }
        let load = &mut self.load[d as usize];
        let got = *self.given.entry(key).or_insert_with(|| {
            let free = *load < room.capacity;
            *load += u32::from(free);
            free
        });
        got.then(|| room.name.clone())
    }
}

/// A student's wanted slots from the first date the plan decides for them:
/// each segment of their timeline with the clubs it holds; when the slip in
/// force took effect before the plan's date and they already had rows, from
/// its effective date with the clubs they kept (history agrees with the slips).
fn timeline<'a>(
    index: &Index<'a, '_>,
    d: &Decided<'_, 'a>,
    e: usize,
    room: &str,
    seat: &mut dyn FnMut(Weekday) -> Option<String>,
) -> Timeline {
    let (school, config) = (index.school, index.config);
    let enrollee = &d.enrollees[e];
    let Some(band) = config.band_of(enrollee.grade) else {
        return Vec::new();
    };
    let stay = &d.stays[e];
    let target = stay.target().map(|(_, slip)| slip);
    // The clubs of segment `i`: the target's hold the allocation; the slip in
    // force now keeps its own until a pending slip takes effect.
    let clubs_for = |i: usize, slip: &ConsentSlip| {
        if i == 0 && !target.is_some_and(|t| std::ptr::eq(t, slip)) {
            &d.kept_now[e]
        } else {
            &d.clubs_of[e]
        }
    };
    let mut slots_under = |slip: &'a ConsentSlip, clubs: &[usize]| {
        let under = index.under(enrollee, slip);
        let clubs: Vec<&Club> = (clubs.iter())
            .map(|&c| &school.clubs[c])
            .filter(|c| valid(c, &under))
            .collect();
        slots(school, &under, band, room, &clubs, seat)
    };
    let mut out: Timeline = Vec::new();
    if let Some(now) = stay.now() {
        let id = enrollee.student.id.as_str();
        let took_effect = now.effective.max(config.calendar.start);
        let had = index.current.contains_key(id);
        let latest = index.held_on(id, index.start).map(|p| p.from).max();
        let (from, clubs) = match latest {
            Some(latest) => (took_effect.max(latest), &d.kept_now[e]),
            None if !had => (took_effect, clubs_for(0, now)),
            None => (index.start, &d.kept_now[e]),
        };
        if from < index.start {
            out.push((from, slots_under(now, clubs)));
        }
    }
    for (i, segment) in stay.segments.iter().enumerate() {
        let wanted = match segment.slip {
            None => Vec::new(),
            Some(slip) => slots_under(slip, clubs_for(i, slip)),
        };
        out.push((segment.from, wanted));
    }
    out.iter_mut().for_each(|(_, s)| s.sort());
    out.dedup_by(|later, earlier| later.1 == earlier.1);
    // Nothing to write before the student is first in service, unless they
    // hold rows then (out of service on the plan's date, back later: they end).
    let had = index.current.contains_key(enrollee.student.id.as_str());
    while !had && out.first().is_some_and(|(_, s)| s.is_empty()) {
        out.remove(0);
    }
    out
}

/// Merges a student's wanted timeline with their rows of the previous plan:
/// rows agreeing with it are kept; from the first date they differ, the rows
/// end and the wanted ones start. Returns that date, if any.
fn apply(
    placements: &mut Vec<Placement>,
    id: &str,
    rows: &[&Placement],
    wanted: &Timeline,
    as_of: NaiveDate,
    names: &mut Names,
) -> Option<NaiveDate> {
    let first = wanted.first().map(|w| w.0)?;
    let mut dates: Vec<NaiveDate> = wanted.iter().map(|w| w.0).collect();
    for p in rows {
        dates.push(p.from);
        dates.extend(p.to.and_then(|t| t.succ_opt()));
    }
    dates.retain(|d| *d >= first);
    dates.sort_unstable();
    dates.dedup();
    let want_on =
        |date: NaiveDate| (wanted.iter().rev().find(|w| w.0 <= date)).map_or(&[][..], |w| &w.1[..]);
    let have_on = |date: NaiveDate| {
        let mut have: Vec<Slot> = (rows.iter().filter(|p| p.active_on(date)))
            .map(|p| Slot {
                weekday: p.weekday,
                block: p.block,
                kind: p.kind,
                group: p.group.to_string(),
            })
            .collect();
        have.sort();
        have
    };
    let Some(from) = dates.into_iter().find(|&d| have_on(d) != want_on(d)) else {
        placements.extend(rows.iter().map(|p| (*p).clone()));
        return None;
    };
    end_rows(placements, rows, from, as_of);
    for (i, (start, slots)) in wanted.iter().enumerate() {
        let to = wanted.get(i + 1).and_then(|w| w.0.pred_opt());
        if to.is_some_and(|to| to < from) || slots.is_empty() {
            continue;
        }
        let student = names.get(id);
        placements.extend(slots.iter().map(|s| Placement {
            student: student.clone(),
            weekday: s.weekday,
            block: s.block,
            kind: s.kind,
            group: names.get(&s.group),
            from: (*start).max(from),
            to,
            planned: as_of,
        }));
    }
    Some(from)
}

/// Counts what changed for one student whose rows changed from `from`.
fn note_change(
    index: &Index,
    d: &Decided,
    e: usize,
    rows: &[&Placement],
    wanted: &Timeline,
    from: NaiveDate,
    changes: &mut Changes,
) {
    let id = d.enrollees[e].student.id.clone();
    let clubs_in = |slots: &[Slot]| -> HashSet<String> {
        (slots.iter().filter(|s| s.kind == Kind::Club))
            .map(|s| s.group.clone())
            .collect()
    };
    let had: HashSet<String> = (rows
        .iter()
        .filter(|p| p.kind == Kind::Club && p.holds_after(from)))
    .map(|p| p.group.to_string())
    .collect();
    let will: HashSet<String> = (wanted.iter().enumerate())
        .filter(|(i, _)| wanted.get(i + 1).is_none_or(|next| next.0 > from))
        .flat_map(|(_, w)| clubs_in(&w.1))
        .collect();
    let promoted = d.promoted[e].map(|c| index.school.clubs[c].id.clone());
    for club in will.difference(&had) {
        if promoted.as_ref() != Some(club) {
            changes.per_club.entry(club.clone()).or_default().0 += 1;
        }
    }
    for club in had.difference(&will) {
        changes.per_club.entry(club.clone()).or_default().1 += 1;
    }
    let ends = wanted.last().is_some_and(|w| w.1.is_empty());
    if rows.is_empty() {
        changes.placed.push(id);
    } else if ends && d.stays[e].leaving() {
        changes.withdrawn.push(id);
    } else if let Some(club) = promoted {
        changes.promoted.push((id, club));
    } else {
        changes.renewed.push(id);
    }
}

/// Students with rows who are in service on no date from the plan's on:
/// their rows end the day before their withdrawal takes effect.
fn end_leavers(index: &Index, d: &Decided, placements: &mut Vec<Placement>, changes: &mut Changes) {
    let enrolled: HashSet<&str> = d.enrollees.iter().map(|e| e.student.id.as_str()).collect();
    let mut leaving: Vec<(&str, &Vec<&Placement>)> = (index.current.iter())
        .filter(|(id, _)| !enrolled.contains(*id))
        .map(|(id, rows)| (*id, rows))
        .collect();
    leaving.sort_by(|a, b| crate::model::natural_cmp(a.0, b.0));
    // Their slips handed in by the plan's date; the one in force on its first day decides.
    let ids: HashSet<&str> = leaving.iter().map(|(id, _)| *id).collect();
    let mut slips: HashMap<&str, Vec<&ConsentSlip>> = HashMap::new();
    for slip in index.school.slips.iter().filter(|s| s.date <= index.as_of) {
        if let Some(id) = ids.get(slip.student.as_str()) {
            slips.entry(id).or_default().push(slip);
        }
    }
    let term_start = index.config.calendar.start;
    for (id, rows) in leaving {
        let known = slips.get(id).map_or(&[][..], |s| &s[..]);
        let in_force = consent::in_force(known, index.start);
        let from = match consent::standing(in_force, index.config) {
            Standing::Out(slip) => slip.effective.max(term_start),
            _ => index.as_of,
        };
        if rows.iter().any(|p| p.to.is_none_or(|to| to >= from)) {
            changes.withdrawn.push(id.to_string());
            let mut clubs: Vec<&str> = (rows.iter().filter(|p| p.kind == Kind::Club))
                .map(|p| &*p.group)
                .collect();
            clubs.sort_unstable();
            clubs.dedup();
            for c in clubs {
                changes.per_club.entry(c.to_string()).or_default().1 += 1;
            }
        }
        end_rows(placements, rows, from, index.as_of);
    }
}

/// Ends rows the day before `from`; rows that would end before they start never held.
/// A row whose end does not change keeps its stamp; a changed one is stamped `as_of`.
fn end_rows(
    placements: &mut Vec<Placement>,
    rows: &[&Placement],
    from: NaiveDate,
    as_of: NaiveDate,
) {
    let Some(last) = from.pred_opt() else {
        return;
    };
    for p in rows {
        let to = p.to.map_or(last, |to| to.min(last));
        if to >= p.from {
            let planned = if p.to == Some(to) { p.planned } else { as_of };
            placements.push(Placement {
                to: Some(to),
                planned,
                ..(*p).clone()
            });
        }
    }
}
