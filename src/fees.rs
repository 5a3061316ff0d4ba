//! The term's cost-recovery fees (公益服务, 成本收费): per student, the service
//! days they were scheduled for by their slips, at the full or first-session
//! day rate, plus their clubs' material fees, less refunded leave days; exempt
//! students pay nothing. Exact, in fen. Pure.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::config::Config;
use crate::model::{ConsentSlip, Session, Student};
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

/// Every student who was scheduled for at least one service day between
/// `from` and `to`, in the students file's order.
pub fn bills<'a>(
    school: &'a School,
    config: &Config,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Bill<'a>> {
    let fees = &config.fees;
    let days = config.calendar.service_days_between(from, to);
    let mut slips_of: HashMap<&str, Vec<&ConsentSlip>> = HashMap::new();
    for slip in &school.slips {
        slips_of
            .entry(slip.student.as_str())
            .or_default()
            .push(slip);
    }
    let mut leave_of: HashMap<&str, Vec<&crate::model::Leave>> = HashMap::new();
    for l in &school.leave {
        leave_of.entry(l.student.as_str()).or_default().push(l);
    }
    let mut clubs_of: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for p in plan.placements.iter().filter(|p| p.kind == Kind::Club) {
        let held = p.from <= to && p.to.is_none_or(|t| t >= from);
        if held {
            clubs_of.entry(&*p.student).or_default().insert(&*p.group);
        }
    }
    let mut out = Vec::new();
    for student in &school.students {
        let Some(slips) = slips_of.get(student.id.as_str()) else {
            continue;
        };
        let (mut full, mut first, mut leave) = (0u32, 0u32, 0u32);
        let mut session = Session::Full;
        for day in &days {
            let Some(slip) = crate::consent::in_force(slips, day.date) else {
                continue;
            };
            let signed = !config.consent.require_safety || slip.safety_signed == Some(true);
            let attends = slip.days.is_empty() || slip.days.contains(day.timetable);
            if !(slip.joins && signed && attends) {
                continue;
            }
            session = slip.session;
            match slip.session {
                Session::Full => full += 1,
                Session::First => first += 1,
            }
            let on_leave = leave_of
                .get(student.id.as_str())
                .is_some_and(|ls| ls.iter().any(|l| l.from <= day.date && day.date <= l.to));
            leave += u32::from(on_leave);
        }
        if full + first == 0 {
            continue;
        }
        let clubs: Vec<String> = clubs_of
            .get(student.id.as_str())
            .into_iter()
            .flatten()
            .map(|c| c.to_string())
            .collect();
        let material_fen: i64 = clubs
            .iter()
            .filter_map(|c| school.club(c))
            .map(|c| c.fee_fen)
            .sum();
        let service_fen =
            full as i64 * fees.full_day_fen + first as i64 * fees.first_session_day_fen;
        let refunded_days = fees
            .refund_leave_after_days
            .map_or(0, |allowed| leave.saturating_sub(allowed));
        // Refunded days are priced at the rate of the session on the slip in force.
        let rate = match session {
            Session::Full => fees.full_day_fen,
            Session::First => fees.first_session_day_fen,
        };
        let refund_fen = refunded_days as i64 * rate;
        let exempt = student.fee_exempt;
        let total_fen = if exempt {
            0
        } else {
            (service_fen + material_fen - refund_fen).max(0)
        };
        out.push(Bill {
            student,
            session,
            full_days: full,
            first_days: first,
            service_fen,
            clubs,
            material_fen,
            leave_days: leave,
            refunded_days,
            refund_fen,
            exempt,
            total_fen,
        });
    }
    out
}
