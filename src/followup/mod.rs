//! 跟踪制度: every unexplained absence (无故脱管) followed until it is
//! closed. A contact with the family is recorded (from the weekly follow-up
//! list or a CSV); an absence stays open until a contact reached the
//! guardian, and one not closed within `[followup] close_within_days` of the
//! absence is overdue and listed first. Pure; the records are read in
//! `followup::read` and kept by the store.

pub mod read;

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Student;
use crate::school::School;

/// Which absence a contact is about: the date, the block's start, the student.
pub type AbsenceKey = (NaiveDate, NaiveTime, String);

/// What the office learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The guardian was reached (the child is safe; the reason is in the text): closes it.
    Reached,
    /// Nobody answered: the absence stays open.
    NotReached,
}

impl Outcome {
    /// `已联系`, `孩子安全`, `reached` … close; `未联系上`, `无人接听`,
    /// `not reached` … do not. Anything else written is read as reached
    /// (a reason was found out), unless it says nobody was reached.
    pub fn of(text: &str) -> Option<Outcome> {
        let key = crate::input::parse::key(text);
        if key.is_empty() {
            return None;
        }
        let not = [
            "未联系上",
            "联系不上",
            "未接通",
            "无人接听",
            "未联系",
            "notreached",
            "noanswer",
            "unreached",
        ];
        if not.iter().any(|n| key.replace(' ', "").contains(n)) {
            Some(Outcome::NotReached)
        } else {
            Some(Outcome::Reached)
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::NotReached => "not_reached",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        match code {
            "reached" => Some(Outcome::Reached),
            "not_reached" => Some(Outcome::NotReached),
            _ => None,
        }
    }
}

/// One contact with a family about an absence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub absence: AbsenceKey,
    /// Whom the office spoke to (联系人), as written.
    pub contact: String,
    pub contacted_at: NaiveDateTime,
    pub outcome: Outcome,
    /// What was learned (结果), as written.
    pub result: String,
    /// Who followed up (处理人).
    pub by: String,
    /// The file (and sheet and row) it came from.
    pub source: String,
}

/// An unexplained absence with where its follow-up stands.
#[derive(Debug, Clone)]
pub struct FollowUp<'a> {
    pub student: &'a Student,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub group: String,
    /// Every contact, in time order.
    pub contacts: Vec<Contact>,
    /// When a contact reached the guardian.
    pub closed_at: Option<NaiveDateTime>,
    /// Not closed within the configured days (closed late, or still open past them).
    pub overdue: bool,
}

impl FollowUp<'_> {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    pub fn key(&self) -> AbsenceKey {
        (self.date, self.start, self.student.id.clone())
    }

    /// The latest contact, which the list shows.
    pub fn last(&self) -> Option<&Contact> {
        self.contacts.last()
    }
}

/// An unexplained absence as the ledger holds it: date, block, student, group.
#[derive(Debug, Clone)]
pub struct Unexplained {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub student: String,
    pub group: String,
}

/// The ledger's unexplained absences up to `to` (marked 缺 and not covered
/// by a leave request), from its rows marked absent: (date, block, student, group).
pub fn unexplained<'e>(
    school: &School,
    absent: impl Iterator<Item = (NaiveDate, NaiveTime, &'e str, &'e str)>,
    to: NaiveDate,
) -> Vec<Unexplained> {
    absent
        .filter(|(date, _, student, _)| {
            *date <= to && !crate::weekly::on_leave(school, student, *date)
        })
        .map(|(date, start, student, group)| Unexplained {
            date,
            start,
            student: student.to_string(),
            group: group.to_string(),
        })
        .collect()
}

/// The ledger's unexplained absences up to `to`.
pub fn of_ledger(
    school: &School,
    ledger: &crate::attendance::Ledger,
    to: NaiveDate,
) -> Vec<Unexplained> {
    let absent = ledger
        .entries
        .iter()
        .filter(|(_, e)| e.status == crate::attendance::Status::Absent)
        .map(|((d, s, id), e)| (*d, *s, id.as_str(), e.group.as_str()));
    unexplained(school, absent, to)
}

/// The last day an absence on `date` may be closed on.
pub fn deadline(date: NaiveDate, within_days: u32) -> NaiveDate {
    date + Days::new(u64::from(within_days))
}

/// Every absence with its contacts, as of `today`: overdue first, then by
/// date, block and student. Absences of students no longer on the roster
/// are left out (nobody can be called about them).
pub fn follow_ups<'a>(
    school: &'a School,
    absences: &[Unexplained],
    contacts: &[Contact],
    within_days: u32,
    today: NaiveDate,
) -> Vec<FollowUp<'a>> {
    let mut by_absence: HashMap<&AbsenceKey, Vec<&Contact>> = HashMap::new();
    for c in contacts {
        by_absence.entry(&c.absence).or_default().push(c);
    }
    let mut out: Vec<FollowUp> = absences
        .iter()
        .filter_map(|a| {
            let student = school.student(&a.student)?;
            let key = (a.date, a.start, a.student.clone());
            let mut mine: Vec<Contact> = by_absence
                .get(&key)
                .map(|v| v.iter().map(|c| (*c).clone()).collect())
                .unwrap_or_default();
            mine.sort_by_key(|c| c.contacted_at);
            let closed_at = mine
                .iter()
                .find(|c| c.outcome == Outcome::Reached)
                .map(|c| c.contacted_at);
            let last_day = deadline(a.date, within_days);
            let overdue = match closed_at {
                Some(at) => at.date() > last_day,
                None => today > last_day,
            };
            Some(FollowUp {
                student,
                date: a.date,
                start: a.start,
                group: a.group.clone(),
                contacts: mine,
                closed_at,
                overdue,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.overdue
            .cmp(&x.overdue)
            .then(x.date.cmp(&y.date))
            .then(x.start.cmp(&y.start))
            .then_with(|| crate::model::natural_cmp(&x.student.id, &y.student.id))
    });
    out
}

/// The follow-up list of the weekly report of `from..=to`, from the ledger
/// and the contacts recorded: overdue as of `to` first.
pub fn for_report<'a>(
    school: &'a School,
    ledger: &crate::attendance::Ledger,
    contacts: &[Contact],
    within_days: u32,
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<FollowUp<'a>> {
    let absences = of_ledger(school, ledger, to);
    let all = follow_ups(school, &absences, contacts, within_days, to);
    for_period(all, from, to)
}

/// Those the weekly report of `from..=to` lists: every absence of the
/// period, and every earlier one still open.
pub fn for_period<'a>(all: Vec<FollowUp<'a>>, from: NaiveDate, to: NaiveDate) -> Vec<FollowUp<'a>> {
    all.into_iter()
        .filter(|f| f.date <= to && (f.date >= from || f.is_open()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_the_office_writes_them() {
        assert_eq!(
            Outcome::of("已联系,孩子安全,家长接走去看病"),
            Some(Outcome::Reached)
        );
        assert_eq!(Outcome::of("未联系上"), Some(Outcome::NotReached));
        assert_eq!(Outcome::of("电话无人接听"), Some(Outcome::NotReached));
        assert_eq!(Outcome::of("not reached"), Some(Outcome::NotReached));
        assert_eq!(Outcome::of("reached, at grandma's"), Some(Outcome::Reached));
        assert_eq!(Outcome::of(" "), None);
    }

    #[test]
    fn the_deadline_is_the_same_day_by_default() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
        assert_eq!(deadline(d, 0), d);
        assert_eq!(
            deadline(d, 2),
            NaiveDate::from_ymd_opt(2026, 9, 16).unwrap()
        );
    }
}
