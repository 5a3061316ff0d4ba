//! A random term of slips (joins, withdrawals dated ahead, changed choices,
//! days and session) walked through successive re-plans: at each step the
//! invariants hold, nobody untouched moves, and promotions are preference-stable.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Days as ChronoDays, NaiveDate, Weekday};
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::model::{ConsentSlip, Days, Line, Pickup, Session};
use kehou::plan::{self, Kind, Plan};
use proptest::prelude::*;

type Row = (String, u32, u8, Kind, String, NaiveDate, Option<NaiveDate>);

/// Per student, their rows holding on or after `date`.
fn holding(plan: &Plan, date: NaiveDate) -> HashMap<String, BTreeSet<Row>> {
    let mut out: HashMap<String, BTreeSet<Row>> = HashMap::new();
    for p in plan.placements.iter().filter(|p| p.holds_after(date)) {
        out.entry(p.student.to_string()).or_default().insert((
            p.student.to_string(),
            p.weekday.num_days_from_monday(),
            p.block,
            p.kind,
            p.group.to_string(),
            p.from,
            p.to,
        ));
    }
    out
}

fn club_on(plan: &Plan, student: &str, date: NaiveDate) -> Option<String> {
    (plan.placements.iter())
        .find(|p| &*p.student == student && p.kind == Kind::Club && p.active_on(date))
        .map(|p| p.group.to_string())
}

/// One random slip: (student index, kind, days ahead, random bits).
type Op = (usize, u8, u64, u64);

/// Withdrawals and changed choices mostly come from students holding a club
/// (`holders`), so that seats free up in several clubs at once.
fn slip_for(
    school: &kehou::school::School,
    holders: &[String],
    op: Op,
    date: NaiveDate,
    line: usize,
) -> ConsentSlip {
    let (who, kind, ahead, bits) = op;
    let id = match kind {
        1 | 5 | 6 | 7 if !holders.is_empty() => holders[who % holders.len()].clone(),
        _ => school.students[who % school.students.len()].id.clone(),
    };
    let student = school.students.iter().find(|s| s.id == id).unwrap();
    let latest = (school.slips.iter())
        .filter(|s| s.student == student.id)
        .max_by_key(|s| (s.date, s.line.0));
    let mut slip = ConsentSlip {
        student: student.id.clone(),
        date,
        joins: true,
        days: Days::EMPTY,
        session: Session::Full,
        pickup: Pickup::Parent,
        pickup_by: String::new(),
        reason: String::new(),
        choices: latest.map(|s| s.choices.clone()).unwrap_or_default(),
        safety_signed: Some(true),
        priority: 0,
        // Half of the slips take effect at once, half on a later date.
        effective: date + ChronoDays::new(if bits % 2 == 0 { 0 } else { ahead }),
        line: Line(line),
    };
    if let Some(l) = latest.filter(|l| l.joins) {
        slip.days = l.days;
        slip.session = l.session;
    }
    let pick = |k: u64| {
        school.clubs[(bits >> k) as usize % school.clubs.len()]
            .id
            .clone()
    };
    match kind {
        0 => slip.effective = date, // joins (or re-submits) now
        1 | 5 | 6 => {
            slip.joins = false;
            slip.reason = "搬家".into();
            slip.choices.clear();
        }
        2 | 7 => {
            let mut ids = vec![pick(0), pick(8), pick(16)];
            ids.dedup();
            slip.choices = ids
                .into_iter()
                .take(1 + (bits % 3) as usize)
                .map(Some)
                .collect();
        }
        3 => {
            let all = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ];
            let days: Vec<Weekday> = (all.iter().enumerate())
                .filter(|(i, _)| (bits >> i) & 1 == 1)
                .map(|(_, d)| *d)
                .collect();
            slip.days = Days::from_iter(days);
        }
        _ => {
            slip.session = if bits % 2 == 0 {
                Session::First
            } else {
                Session::Full
            }
        }
    }
    slip
}

fn load(dir: &std::path::Path) -> (kehou::config::Config, kehou::school::School) {
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    assert!(!problems.has_errors());
    (config, school)
}

/// No student prefers a club whose freed seat went to someone behind them on its list.
fn promotions_are_stable(
    before: &Plan,
    after: &plan::Built,
    as_of: NaiveDate,
) -> Result<(), String> {
    let position: HashMap<(&str, &str), u32> = (before.waitlist.iter())
        .map(|w| ((w.club.as_str(), w.student.as_str()), w.position))
        .collect();
    let rank_of = |e: &kehou::consent::Enrollee, club: &str| {
        (e.slip
            .choices
            .iter()
            .position(|c| c.as_deref() == Some(club)))
        .map(|i| i + 1)
    };
    for (student, club) in &after.changes.promoted {
        let winner = position[&(club.as_str(), student.as_str())];
        for (e, stay) in after.enrollees.iter().zip(&after.stays) {
            let id = e.student.id.as_str();
            let Some(&mine) = position.get(&(club.as_str(), id)) else {
                continue;
            };
            if mine > winner || stay.leaving() || club_on(before, id, as_of).is_some() {
                continue;
            }
            let Some(wanted) = rank_of(e, club) else {
                continue;
            };
            let now = club_on(&after.plan, id, as_of).and_then(|c| rank_of(e, &c));
            if now.is_none_or(|now| now > wanted) {
                return Err(format!(
                    "{id} (position {mine}) prefers {club}, which went to {student} (position {winner})"
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn a_term_of_slips_through_successive_replans(
        seed in 0u64..1000,
        steps in prop::collection::vec(
            (1u64..15, prop::collection::vec((0usize..10_000, 0u8..8, 0u64..20, any::<u64>()), 4..16)),
            2..6,
        ),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let shape = Shape { club_capacity_percent: 8, ..Shape::new(160, seed) };
        generate(&shape, dir.path()).unwrap();
        let (config, mut school) = load(dir.path());
        let mut as_of = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        let mut previous = plan::build(&school, &config, as_of, None).plan;
        let mut line = 1_000_000;
        for (gap, ops) in steps {
            let last = as_of;
            as_of = as_of + ChronoDays::new(gap);
            let mut holders: Vec<String> = (previous.placements.iter())
                .filter(|p| p.kind == Kind::Club && p.active_on(as_of))
                .map(|p| p.student.to_string())
                .collect();
            holders.sort();
            holders.dedup();
            for op in ops {
                line += 1;
                let slip = slip_for(&school, &holders, op, as_of, line);
                school.slips.push(slip);
            }
            let touched: HashSet<String> = (school.slips.iter())
                .filter(|s| (s.date > last && s.date <= as_of) || (s.effective > last && s.effective <= as_of))
                .map(|s| s.student.clone())
                .collect();
            let built = plan::build(&school, &config, as_of, Some(&previous));
            prop_assert!(!built.problems.has_errors());
            let broken = plan::invariants(&built, &school, &config);
            prop_assert!(broken.is_empty(), "{broken:?}");
            let promoted: HashSet<&str> = built.changes.promoted.iter().map(|(s, _)| s.as_str()).collect();
            let before = holding(&previous, as_of);
            let after = holding(&built.plan, as_of);
            for (id, rows) in &before {
                let clubless = club_on(&previous, id, as_of).is_none();
                if touched.contains(id) || promoted.contains(id.as_str()) || clubless {
                    continue;
                }
                prop_assert_eq!(Some(rows), after.get(id), "{} moved", id);
            }
            if let Err(e) = promotions_are_stable(&previous, &built, as_of) {
                prop_assert!(false, "{}", e);
            }
            previous = built.plan;
        }
    }
}
