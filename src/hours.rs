//! Teachers' service hours (and duty leaders' days) actually served: the
//! plan's supervision on every service day of a period, following the
//! calendar (closures, makeup days, days without clubs). Pure.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::attendance::Ledger;
use crate::config::Config;
use crate::plan::{Kind, Placement, Plan};
use crate::school::School;
use crate::supervision;

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

/// Staff id → what they served between `from` and `to`. A group whose
/// register names who kept it that day counts for them, not for the plan's teacher.
pub fn served(
    school: &School,
    config: &Config,
    plan: &Plan,
    ledger: &Ledger,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<String, Served> {
    let mut kept_by: HashMap<(NaiveDate, &str), BTreeSet<&str>> = HashMap::new();
    for ((date, _, _), entry) in ledger
        .entries
        .range((from, NaiveTime::MIN, String::new())..)
    {
        if *date > to {
            break;
        }
        for id in entry.teacher.split(';').filter(|t| !t.is_empty()) {
            kept_by
                .entry((*date, entry.group.as_str()))
                .or_default()
                .insert(id);
        }
    }
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
        let week = {
            let iso = day.date.iso_week();
            (iso.year(), iso.week())
        };
        for duty in duties.duties.iter().filter(|d| d.weekday == day.timetable) {
            // Clubs do not meet on a day without clubs: their students stay in homework rooms.
            if duty.kind == Kind::Club && day.no_clubs.is_some() {
                continue;
            }
            let mut minutes = duty.minutes;
            if let Some((end, _)) = day.ends_early {
                let cut = (duty.end - end).num_minutes().max(0) as u32;
                minutes = minutes.saturating_sub(cut);
            }
            let recorded: Vec<String> = kept_by
                .get(&(day.date, duty.group.as_str()))
                .map(|ids| ids.iter().map(|id| id.to_string()).collect())
                .unwrap_or_default();
            let teachers = if recorded.is_empty() {
                &duty.teachers
            } else {
                &recorded
            };
            for t in teachers {
                let s = out.entry(t.clone()).or_default();
                s.sessions += 1;
                s.minutes += minutes;
                *s.weekly.entry(week).or_default() += minutes;
                s.detail.push(SessionServed {
                    date: day.date,
                    kind: duty.kind,
                    group: duty.group.clone(),
                    start: duty.start,
                    minutes,
                });
            }
        }
        if let Some((_, Some(leader))) = duties.leaders.iter().find(|(d, _)| *d == day.timetable) {
            out.entry(leader.clone()).or_default().leader_days += 1;
        }
    }
    out
}
