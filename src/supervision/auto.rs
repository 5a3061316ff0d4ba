//! Teachers assigned where the files name too few, least loaded first and
//! never where they are already busy; and a duty leader per service weekday.

use std::collections::{BTreeSet, HashMap};

use chrono::Weekday;

use super::clash::blocks_overlap;
use super::{Duties, Interval};
use crate::config::Config;
use crate::i18n::Msg;
use crate::input::Severity;
use crate::model::{Days, Role, Staff};
use crate::school::School;

/// Fills each short duty (index, teachers missing) from the teachers free
/// that day, least loaded first; a gap left is a warning.
pub fn fill_gaps(duties: &mut Duties, short: &[(usize, usize)], school: &School, config: &Config) {
    let teachers: Vec<&Staff> = school
        .staff
        .iter()
        .filter(|s| s.role == Role::Teacher)
        .collect();
    let mut free = FreeTeachers::new(&teachers, duties);
    for &(d, mut missing) in short {
        let (weekday, blocks, minutes) = {
            let duty = &duties.duties[d];
            (duty.weekday, duty.blocks.clone(), duty.minutes)
        };
        while missing > 0 && config.supervision.auto_assign {
            let named = &duties.duties[d].teachers;
            let Some(t) = free.least_loaded(weekday, &blocks, |t| {
                !named.iter().any(|x| x == &teachers[t].id)
            }) else {
                break;
            };
            free.assign(t, weekday, &blocks, minutes);
            let id = teachers[t].id.as_str();
            *duties.minutes.entry(id.to_string()).or_default() += minutes;
            duties.duties[d].teachers.push(id.to_string());
            missing -= 1;
        }
        if missing > 0 {
            let group = duties.duties[d].group.clone();
            duties.problems.file(
                Severity::Warning,
                &config.files.staff,
                Msg::NoSupervisor {
                    group,
                    weekday,
                    missing,
                },
            );
        }
    }
}

/// The teachers (indexes into the teacher list) who can still take a duty:
/// each one's minutes a week so far and blocks kept per weekday, and, per
/// weekday and blocks a duty meets in, those available that day and not busy
/// then, least loaded first. A big school has thousands of teachers and tens
/// of thousands of duties: a duty looks at the first of its own set rather
/// than past every busy teacher.
struct FreeTeachers {
    load: Vec<u32>,
    /// Blocks kept per weekday (Monday first), per staff id: the first
    /// teacher with an id stands for every row with it.
    busy: Vec<[Vec<Interval>; 7]>,
    first_with_id: Vec<usize>,
    available: Vec<Days>,
    free_at: HashMap<(Weekday, Vec<Interval>), ByLoad>,
}

/// Teachers as (minutes a week so far, index), least loaded first.
type ByLoad = BTreeSet<(u32, usize)>;

impl FreeTeachers {
    /// Loads and blocks from the teachers the files name.
    fn new(teachers: &[&Staff], duties: &Duties) -> FreeTeachers {
        let position: HashMap<&str, usize> = teachers
            .iter()
            .enumerate()
            .rev()
            .map(|(t, s)| (s.id.as_str(), t))
            .collect();
        let first_with_id: Vec<usize> = teachers.iter().map(|s| position[s.id.as_str()]).collect();
        let mut busy = vec![<[Vec<Interval>; 7]>::default(); teachers.len()];
        for d in &duties.duties {
            for id in &d.teachers {
                if let Some(&t) = position.get(id.as_str()) {
                    busy[t][day_index(d.weekday)].extend(&d.blocks);
                }
            }
        }
        FreeTeachers {
            load: teachers
                .iter()
                .map(|s| duties.minutes.get(&s.id).copied().unwrap_or(0))
                .collect(),
            busy,
            first_with_id,
            available: teachers.iter().map(|s| s.available).collect(),
            free_at: HashMap::new(),
        }
    }

    /// The least loaded teacher (lowest index on a tie) free in `blocks` on
    /// `weekday` whom `may` allows.
    fn least_loaded(
        &mut self,
        weekday: Weekday,
        blocks: &[Interval],
        may: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let key = (weekday, blocks.to_vec());
        if !self.free_at.contains_key(&key) {
            let set = self.free_then(weekday, blocks);
            self.free_at.insert(key.clone(), set);
        }
        self.free_at[&key]
            .iter()
            .map(|&(_, t)| t)
            .find(|&t| may(t) && self.free_in(t, weekday, blocks))
    }

    fn free_in(&self, t: usize, weekday: Weekday, blocks: &[Interval]) -> bool {
        !blocks_overlap(
            &self.busy[self.first_with_id[t]][day_index(weekday)],
            blocks,
        )
    }

    /// Teachers available on `weekday` and not busy in `blocks`, by load.
    fn free_then(&self, weekday: Weekday, blocks: &[Interval]) -> ByLoad {
        (0..self.load.len())
            .filter(|&t| self.available[t].is_empty() || self.available[t].contains(weekday))
            .filter(|&t| self.free_in(t, weekday, blocks))
            .map(|t| (self.load[t], t))
            .collect()
    }

    /// Teacher `t` takes a duty of `minutes` in `blocks` on `weekday`: busier
    /// everywhere, and no longer free at the times it meets.
    fn assign(&mut self, t: usize, weekday: Weekday, blocks: &[Interval], minutes: u32) {
        let before = self.load[t];
        self.load[t] += minutes;
        let day = &mut self.busy[self.first_with_id[t]][day_index(weekday)];
        day.extend(blocks);
        // Another row with the same id stays in the sets; `free_in` skips it.
        for ((on, at), set) in &mut self.free_at {
            if set.remove(&(before, t)) && !(*on == weekday && blocks_overlap(day, at)) {
                set.insert((before + minutes, t));
            }
        }
    }
}

fn day_index(weekday: Weekday) -> usize {
    weekday.num_days_from_monday() as usize
}

/// Duty leaders: one per service weekday, the fewest days first.
pub fn duty_leaders(duties: &mut Duties, school: &School, config: &Config) {
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
}
