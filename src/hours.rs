//! Teachers' service hours (and duty leaders' days) actually served: the
//! plan's supervision on every service day of a period, following the
//! calendar (closures, makeup days, days without clubs, early ends). Pure.
//!
//! Credit is per (date, block, group): a register that names who kept a
//! block credits them for that block only. A teacher's minutes on a day are
//! the union of their blocks, so a minute in two places counts once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::attendance::Ledger;
use crate::calendar::ServiceDay;
use crate::config::Config;
use crate::day::{end_today, meets_today};
use crate::plan::{Kind, Placement, Plan};
use crate::school::School;
use crate::supervision::{self, Duties, Interval, union_minutes};

/// One staff member's service in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Served {
    pub sessions: u32,
    pub minutes: u32,
    /// Minutes per ISO week (year, week).
    pub weekly: BTreeMap<(i32, u32), u32>,
    pub leader_days: u32,
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

/// Staff id → what they served between `from` and `to`.
pub fn served(
    school: &School,
    config: &Config,
    plan: &Plan,
    ledger: &Ledger,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<String, Served> {
    let kept = kept_by(school, ledger, from, to);
    let grade_of: HashMap<&str, u8> = school
        .students
        .iter()
        .map(|s| (s.id.as_str(), school.grade_of(s)))
        .collect();
    let mut out: BTreeMap<String, Served> = BTreeMap::new();
    for day in config.calendar.service_days_between(from, to) {
        let active: Vec<&Placement> = plan
            .placements
            .iter()
            .filter(|p| p.active_on(day.date))
            .collect();
        let duties = supervision::assign(&active, &grade_of, school, config);
        let iso = day.date.iso_week();
        let week = (iso.year(), iso.week());
        for (teacher, (sessions, mut blocks, detail)) in day_blocks(&duties, &day, &kept) {
            let minutes = union_minutes(&mut blocks);
            let s = out.entry(teacher).or_default();
            s.sessions += sessions;
            s.minutes += minutes;
            *s.weekly.entry(week).or_default() += minutes;
            s.detail.extend(detail);
        }
        if let Some((_, Some(leader))) = duties.leaders.iter().find(|(d, _)| *d == day.timetable) {
            out.entry(leader.clone()).or_default().leader_days += 1;
        }
    }
    out.retain(|id, _| !id.starts_with('?'));
    out
}

/// Per teacher on one day: the groups they kept (sessions), every block
/// they kept, cut to the day's early end, and each group kept with its
/// minutes (the detail sheet; two groups kept at once each show their own).
/// Clubs do not meet on a day without clubs (their students stay in homework rooms).
type DayBlocks = BTreeMap<String, (u32, Vec<Interval>, Vec<SessionServed>)>;

fn day_blocks(duties: &Duties, day: &ServiceDay, kept: &KeptBy) -> DayBlocks {
    let mut mine: DayBlocks = BTreeMap::new();
    for duty in duties.duties.iter().filter(|d| d.weekday == day.timetable) {
        if duty.kind == Kind::Club && day.no_clubs.is_some() {
            continue;
        }
        // Each teacher of this group: from when, and for how many minutes.
        let mut in_group: BTreeMap<&str, (NaiveTime, u32)> = BTreeMap::new();
        for &(start, end) in &duty.blocks {
            if !meets_today(start, day.ends_early) {
                continue;
            }
            let block = (start, end_today(end, day.ends_early));
            let teachers: Vec<&str> = match kept.get(&(day.date, start, duty.group.clone())) {
                Some(ids) => ids.iter().map(String::as_str).collect(),
                None => duty.teachers.iter().map(String::as_str).collect(),
            };
            let length = (block.1 - block.0).num_minutes().max(0) as u32;
            for t in teachers {
                mine.entry(t.to_string()).or_default().1.push(block);
                let kept = in_group.entry(t).or_insert((start, 0));
                kept.0 = kept.0.min(start);
                kept.1 += length;
            }
        }
        for (t, (start, minutes)) in in_group {
            let entry = mine.entry(t.to_string()).or_default();
            entry.0 += 1;
            entry.2.push(SessionServed {
                date: day.date,
                kind: duty.kind,
                group: duty.group.clone(),
                start,
                minutes,
            });
        }
    }
    mine
}
