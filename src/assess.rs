//! 考评 — the term's facts for assessing the teachers and leaders in the
//! after-school service ("将管理人员、教师参与课后服务工作纳入考核范围"):
//! per teacher the sessions and hours served, the registers of those
//! sessions returned (and how many days after), the unexplained absences in
//! their groups and how many were followed up in time, the incidents in their
//! groups and how soon the guardian was told; per leader the days on duty
//! and on how many of them the round and the 清校 were recorded.
//! Facts only: no score. Pure.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};

use crate::followup::FollowUp;
use crate::hours::Served;
use crate::incidents::Incident;
use crate::rounds::{Clearance, Visit};

/// One teacher's term, in facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeacherFacts {
    pub sessions: u32,
    pub minutes: u32,
    /// Sessions whose register came back (any row recorded).
    pub registers_returned: u32,
    /// Of those, recorded after the day (when the record says when).
    pub registers_late: u32,
    /// The most days after the session a register was recorded.
    pub most_days_late: i64,
    pub absences: u32,
    /// Unexplained absences closed within the configured days.
    pub followed_up_in_time: u32,
    pub incidents: u32,
    pub not_notified: u32,
    /// The longest time to tell a guardian, in minutes.
    pub longest_to_notify: Option<i64>,
    pub leader_days: u32,
    /// Days led whose round covered every group.
    pub rounds_complete: u32,
    /// Days led whose 清校 was recorded and confirmed.
    pub clears_confirmed: u32,
}

/// When each register (date, block, group) was first recorded, if known.
pub type Returned = HashMap<(NaiveDate, NaiveTime, String), Option<NaiveDate>>;

/// Every staff member who served or led, with their facts.
pub fn facts(
    served: &BTreeMap<String, Served>,
    returned: &Returned,
    follow_ups: &[FollowUp],
    incidents: &[Incident],
    (visits, clearances): (&[Visit], &[Clearance]),
) -> BTreeMap<String, TeacherFacts> {
    let absences: HashMap<(NaiveDate, NaiveTime, &str), Vec<&FollowUp>> =
        follow_ups.iter().fold(HashMap::new(), |mut map, f| {
            map.entry((f.date, f.start, f.group.as_str()))
                .or_default()
                .push(f);
            map
        });
    let mut out = BTreeMap::new();
    for (id, s) in served {
        let mut t = TeacherFacts {
            sessions: s.sessions,
            minutes: s.minutes,
            leader_days: s.leader_days,
            ..TeacherFacts::default()
        };
        for day in &s.led {
            let (round, clear) = crate::rounds::day_recorded(day, visits, clearances);
            t.rounds_complete += u32::from(round);
            t.clears_confirmed += u32::from(clear);
        }
        let mut seen_incidents = HashSet::new();
        for session in &s.detail {
            let key = (session.date, session.start, session.group.clone());
            if let Some(recorded) = returned.get(&key) {
                t.registers_returned += 1;
                if let Some(on) = recorded {
                    let late = (*on - session.date).num_days();
                    if late > 0 {
                        t.registers_late += 1;
                        t.most_days_late = t.most_days_late.max(late);
                    }
                }
            }
            for f in absences
                .get(&(session.date, session.start, session.group.as_str()))
                .into_iter()
                .flatten()
            {
                t.absences += 1;
                t.followed_up_in_time += u32::from(!f.is_open() && !f.overdue);
            }
            for (n, i) in incidents.iter().enumerate() {
                let during = session
                    .spans
                    .iter()
                    .any(|(from, to)| *from <= i.time && i.time <= *to);
                if i.date == session.date
                    && i.group == session.group
                    && during
                    && seen_incidents.insert(n)
                {
                    t.incidents += 1;
                    t.not_notified += u32::from(i.not_notified());
                    if let Some(m) = i.minutes_to_notify() {
                        t.longest_to_notify = Some(t.longest_to_notify.map_or(m, |x| x.max(m)));
                    }
                }
            }
        }
        out.insert(id.clone(), t);
    }
    out
}
