//! The term's cost-recovery fees (公益服务, 成本收费): per student, the service
//! days they were scheduled for by their slips, at the full or first-session
//! day rate, plus their clubs' material fees, less refunded leave days; exempt
//! students pay nothing. Exact, in fen. Pure.
//!
//! A statement for part of the term (`--from/--to`) is that part of the term's
//! bill, so statements for consecutive periods add up to the term to the fen:
//! a club's material fee falls in the period holding the first day of the
//! student's place in it (the term's first day for places made before term),
//! and the leave allowance (`refund_leave_after_days`) is counted from the
//! term's first day, so a leave day is refunded in the period it falls in
//! exactly when the term's bill refunds it. A refunded day is priced at the
//! session of the slip in force on that day.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::calendar::ServiceDay;
use crate::config::{Config, Fees};
use crate::model::{ConsentSlip, Leave, Session, Student};
use crate::plan::{Kind, Plan};
use crate::school::School;

/// One student's bill.
#[derive(Debug, Clone)]
pub struct Bill<'a> {
    pub student: &'a Student,
    /// The session of the slip in force on the last day billed.
    pub session: Session,
    /// Service days scheduled: full-session and first-session days.
    pub full_days: u32,
    pub first_days: u32,
    pub service_fen: i64,
    /// Clubs (ids) charged their material fee.
    pub clubs: Vec<String>,
    pub material_fen: i64,
    /// Scheduled days covered by leave requests, and those refunded.
    pub leave_days: u32,
    pub refunded_days: u32,
    pub refund_fen: i64,
    pub exempt: bool,
    /// What the family pays: 0 when exempt.
    pub total_fen: i64,
}

impl Bill<'_> {
    pub fn days(&self) -> u32 {
        self.full_days + self.first_days
    }
}

/// A student's scheduled days in the period, walked from the term's start.
#[derive(Debug, Default)]
struct Attendance {
    session: Option<Session>,
    full_days: u32,
    first_days: u32,
    leave_days: u32,
    refunded_days: u32,
    refund_fen: i64,
}

/// Every student who was scheduled for at least one service day between
/// `from` and `to`, in the students file's order.
pub fn bills<'a>(
    school: &'a School,
    config: &Config,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Bill<'a>> {
    let term_start = config.calendar.start;
    // Days before `from` are walked too: they use up the leave allowance.
    let days = config
        .calendar
        .service_days_between(term_start.min(from), to);
    let mut slips_of: HashMap<&str, Vec<&ConsentSlip>> = HashMap::new();
    for slip in &school.slips {
        slips_of.entry(&slip.student).or_default().push(slip);
    }
    let mut leave_of: HashMap<&str, Vec<&Leave>> = HashMap::new();
    for l in &school.leave {
        leave_of.entry(&l.student).or_default().push(l);
    }
    let charged = material_charges(plan, config, from, to);
    let mut out = Vec::new();
    for student in &school.students {
        let Some(slips) = slips_of.get(student.id.as_str()) else {
            continue;
        };
        let leave = leave_of.get(student.id.as_str()).map_or(&[][..], |l| l);
        let walk = walk_days(config, &days, slips, leave, from);
        let clubs: Vec<String> = charged
            .get(student.id.as_str())
            .map(|c| c.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        // A club whose place begins on a day the student has no service day in
        // the period (a Saturday) is still charged here, or no period would.
        let session = match walk.session {
            Some(s) => s,
            None if !clubs.is_empty() => {
                crate::consent::in_force(slips, to).map_or(Session::Full, |s| s.session)
            }
            None => continue,
        };
        out.push(bill(school, &config.fees, student, session, walk, clubs));
    }
    out
}

/// The slip's day rate.
fn rate(fees: &Fees, session: Session) -> i64 {
    match session {
        Session::Full => fees.full_day_fen,
        Session::First => fees.first_session_day_fen,
    }
}

/// Counts the student's scheduled days from `from` on and their leave days;
/// the allowance is used up by leave days from the first day walked (the
/// term's start), each refunded day priced at that day's session.
fn walk_days(
    config: &Config,
    days: &[ServiceDay],
    slips: &[&ConsentSlip],
    leave: &[&Leave],
    from: NaiveDate,
) -> Attendance {
    let fees = &config.fees;
    let mut walk = Attendance::default();
    let mut leave_so_far = 0u32;
    for day in days {
        let Some(slip) = crate::consent::in_force(slips, day.date) else {
            continue;
        };
        let signed = !config.consent.require_safety || slip.safety_signed == Some(true);
        let attends = slip.days.is_empty() || slip.days.contains(day.timetable);
        if !(slip.joins && signed && attends) {
            continue;
        }
        let on_leave = leave.iter().any(|l| l.from <= day.date && day.date <= l.to);
        leave_so_far += u32::from(on_leave);
        if day.date < from {
            continue;
        }
        walk.session = Some(slip.session);
        match slip.session {
            Session::Full => walk.full_days += 1,
            Session::First => walk.first_days += 1,
        }
        walk.leave_days += u32::from(on_leave);
        let refunded = on_leave
            && fees
                .refund_leave_after_days
                .is_some_and(|allowed| leave_so_far > allowed);
        if refunded {
            walk.refunded_days += 1;
            walk.refund_fen += rate(fees, slip.session);
        }
    }
    walk
}

/// Per student, the clubs whose material fee falls between `from` and `to`:
/// those whose first day of the student's place (not before the term's
/// first day, not after its last) is in the period.
fn material_charges<'p>(
    plan: &'p Plan,
    config: &Config,
    from: NaiveDate,
    to: NaiveDate,
) -> HashMap<&'p str, Vec<&'p str>> {
    let (start, end) = (config.calendar.start, config.calendar.end);
    let mut first_day: BTreeMap<(&str, &str), NaiveDate> = BTreeMap::new();
    for p in plan.placements.iter().filter(|p| p.kind == Kind::Club) {
        let begins = p.from.max(start);
        if begins > end || p.to.is_some_and(|t| t < begins) {
            continue;
        }
        let day = first_day.entry((&p.student, &p.group)).or_insert(begins);
        *day = (*day).min(begins);
    }
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for ((student, club), day) in first_day {
        if from <= day && day <= to {
            out.entry(student).or_default().push(club);
        }
    }
    out
}

fn bill<'a>(
    school: &School,
    fees: &Fees,
    student: &'a Student,
    session: Session,
    walk: Attendance,
    clubs: Vec<String>,
) -> Bill<'a> {
    let material_fen: i64 = clubs
        .iter()
        .filter_map(|c| school.club(c))
        .map(|c| c.fee_fen)
        .sum();
    let service_fen = walk.full_days as i64 * rate(fees, Session::Full)
        + walk.first_days as i64 * rate(fees, Session::First);
    let exempt = student.fee_exempt;
    // Refunded days are a subset of the billed days at the same rates, so the
    // amount never goes below zero.
    let total_fen = if exempt {
        0
    } else {
        service_fen + material_fen - walk.refund_fen
    };
    Bill {
        student,
        session,
        full_days: walk.full_days,
        first_days: walk.first_days,
        service_fen,
        clubs,
        material_fen,
        leave_days: walk.leave_days,
        refunded_days: walk.refunded_days,
        refund_fen: walk.refund_fen,
        exempt,
        total_fen,
    }
}
