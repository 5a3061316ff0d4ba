//! Teachers assigned where the files name too few, least loaded first and
//! never where they are already busy; and a duty leader per service weekday.

use std::collections::{BTreeSet, HashMap};

use chrono::Weekday;

use super::clash::blocks_overlap;
use super::{Duties, Interval};
use crate::config::Config;
use crate::i18n::Msg;
use crate::input::Severity;
use crate::model::{Role, Staff};
use crate::school::School;

/// Fills each short duty (index, teachers missing) from the teachers free
/// that day, least loaded first; a gap left is a warning.
pub fn fill_gaps(duties: &mut Duties, short: &[(usize, usize)], school: &School, config: &Config) {
    let teachers: Vec<&Staff> = school
        .staff
        .iter()
        .filter(|s| s.role == Role::Teacher)
        .collect();
    // Every teacher's blocks per weekday, starting with what the files name.
    let mut busy: HashMap<(&str, Weekday), Vec<Interval>> = HashMap::new();
    for d in &duties.duties {
        for t in &d.teachers {
            if let Some(s) = teachers.iter().find(|s| s.id == *t) {
                busy.entry((&s.id, d.weekday))
                    .or_default()
                    .extend(&d.blocks);
            }
        }
    }
    let mut by_load = free_by_load(&teachers, duties);
    for &(d, mut missing) in short {
        let (weekday, blocks, minutes) = {
            let duty = &duties.duties[d];
            (duty.weekday, duty.blocks.clone(), duty.minutes)
        };
        let day = weekday.num_days_from_monday() as usize;
        while missing > 0 && config.supervision.auto_assign {
            let free = by_load[day].iter().copied().find(|&(_, t)| {
                let id = teachers[t].id.as_str();
                !duties.duties[d].teachers.iter().any(|x| x == id)
                    && busy
                        .get(&(id, weekday))
                        .is_none_or(|b| !blocks_overlap(b, &blocks))
            });
            let Some((load, t)) = free else { break };
            let id = teachers[t].id.as_str();
            busy.entry((id, weekday)).or_default().extend(&blocks);
            *duties.minutes.entry(id.to_string()).or_default() += minutes;
            for set in &mut by_load {
                if set.remove(&(load, t)) {
                    set.insert((load + minutes, t));
                }
            }
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

/// Per weekday (Monday first), the teachers available, as (minutes so far, index).
fn free_by_load(teachers: &[&Staff], duties: &Duties) -> Vec<BTreeSet<(u32, usize)>> {
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
    by_load
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
