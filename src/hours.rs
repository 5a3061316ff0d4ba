//! Teachers' service hours (and duty leaders' days) actually served: the
//! plan's supervision on every service day of a period, following the
//! calendar (closures, makeup days, days without clubs, early ends). Pure.
//!
//! A day's credit is what `daily` prints for it (`day::compute` and
//! `day::staff_from` decide both): on a day without clubs the club block's
//! sheet in a homework room is its teachers'. Credit is per (date, block,
//! group): a register that names who kept a block credits them for that
//! block only. A teacher's minutes on a day are
//! the union of their blocks, so a minute in two places counts once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::attendance::Ledger;
use crate::config::Config;
use crate::day::{self, Day};
use crate::plan::{Kind, Plan};
use crate::school::School;
use crate::supervision::{Interval, Printed, union_minutes};

/// One staff member's service in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Served {
    pub sessions: u32,
    pub minutes: u32,
    /// Minutes per ISO week (year, week).
    pub weekly: BTreeMap<(i32, u32), u32>,
    pub leader_days: u32,
    /// The days led, with the groups the round covers (for the assessment).
    pub led: Vec<crate::rounds::DutyDay>,
    /// Every session served: date, kind, group, start and minutes (the
    /// per-teacher detail sheet).
    pub detail: Vec<SessionServed>,
}

/// One session a teacher served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionServed {
    pub date: NaiveDate,
    pub kind: Kind,
    pub group: String,
    pub start: NaiveTime,
    /// The times it met, touching sheets merged (`16:30–17:30`).
    pub spans: Vec<Interval>,
    /// Minutes it met, each minute once.
    pub minutes: u32,
}

/// Who the registers say kept each (date, block start, group), as staff ids.
/// A name that is no staff member (a substitute not yet in the staff file)
/// credits nobody until it is added there.
type KeptBy = HashMap<(NaiveDate, NaiveTime, String), BTreeSet<String>>;

fn kept_by(school: &School, ledger: &Ledger, from: NaiveDate, to: NaiveDate) -> KeptBy {
    let mut kept: KeptBy = HashMap::new();
    for ((date, block, _), entry) in ledger
        .entries
        .range((from, NaiveTime::MIN, String::new())..)
    {
        if *date > to {
            break;
        }
        if entry.teacher.is_empty() {
            continue;
        }
        let ids = kept
            .entry((*date, *block, entry.group.clone()))
            .or_default();
        for t in entry.teacher.split(';').filter(|t| !t.is_empty()) {
            // Unresolved names stay in the set so the planned teacher is not
            // credited for a block someone else kept.
            ids.insert(school.find_staff(t).unwrap_or_else(|_| format!("?{t}")));
        }
    }
    kept
}

/// Staff id → what they served between `from` and `to`: on every service
/// day, the sheets `daily` prints for it and who it prints on them — the
/// supervision `printed` for that day, the plan version in force then (or
/// who the registers say kept them).
pub fn served(
    school: &School,
    config: &Config,
    plan: &Plan,
    ledger: &Ledger,
    printed: &Printed,
    (from, to): (NaiveDate, NaiveDate),
) -> BTreeMap<String, Served> {
    let kept = kept_by(school, ledger, from, to);
    let mut out: BTreeMap<String, Served> = BTreeMap::new();
    for service in config.calendar.service_days_between(from, to) {
        let Ok(mut day) = day::compute(school, config, plan, service.date) else {
            continue;
        };
        day::assign_staff_as_printed(&mut day, school, config, plan, printed.on(service.date));
        let iso = day.date.iso_week();
        let week = (iso.year(), iso.week());
        for (teacher, (mut blocks, detail)) in day_blocks(&day, &kept) {
            let minutes = union_minutes(&mut blocks);
            let s = out.entry(teacher).or_default();
            s.sessions += detail.len() as u32;
            s.minutes += minutes;
            *s.weekly.entry(week).or_default() += minutes;
            s.detail.extend(detail);
        }
        if let Some(leader) = &day.leader {
            let s = out.entry(leader.clone()).or_default();
            s.leader_days += 1;
            s.led.push(crate::rounds::DutyDay {
                date: day.date,
                groups: day
                    .groups
                    .iter()
                    .map(|g| (g.start, g.group.to_string()))
                    .collect(),
            });
        }
    }
    out.retain(|id, _| !id.starts_with('?'));
    out
}

/// Per teacher on one day: every sheet they kept, and one session per group
/// they kept (a club that bands join at different times is one meeting, its
/// span the union of its sheets; two groups kept at once each show their own).
type DayBlocks = BTreeMap<String, (Vec<Interval>, Vec<SessionServed>)>;

fn day_blocks(day: &Day, kept: &KeptBy) -> DayBlocks {
    // (teacher, kind, group) → the sheets they kept of it.
    let mut sheets: BTreeMap<(&str, Kind, &str), Vec<Interval>> = BTreeMap::new();
    for g in &day.groups {
        let block = (g.start, g.end);
        let key = (day.date, g.start, g.group.to_string());
        match kept.get(&key) {
            Some(ids) => ids
                .iter()
                .for_each(|t| sheets.entry((t, g.kind, &g.group)).or_default().push(block)),
            None => g
                .teachers
                .iter()
                .for_each(|t| sheets.entry((t, g.kind, &g.group)).or_default().push(block)),
        }
    }
    let mut mine: DayBlocks = BTreeMap::new();
    for ((teacher, kind, group), mut blocks) in sheets {
        let minutes = union_minutes(&mut blocks);
        let entry = mine.entry(teacher.to_string()).or_default();
        entry.0.extend_from_slice(&blocks);
        entry.1.push(SessionServed {
            date: day.date,
            kind,
            group: group.to_string(),
            start: blocks[0].0,
            spans: spans_of(&blocks),
            minutes,
        });
    }
    mine
}

/// Sorted blocks as the spans they cover: touching or overlapping blocks merged.
fn spans_of(sorted: &[Interval]) -> Vec<Interval> {
    let mut spans: Vec<Interval> = Vec::new();
    for &(s, e) in sorted {
        match spans.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => spans.push((s, e)),
        }
    }
    spans
}
