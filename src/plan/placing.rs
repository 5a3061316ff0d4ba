//! The clubs phase of a plan (DESIGN §3 Clubs, Stable re-plan): seats kept
//! from the previous plan, promotions from the waiting lists into freed seats
//! (preference-stable), newcomers placed by the strategy, the other strategy
//! and the bound for comparison, and the new waiting lists.

use std::collections::{BTreeMap, HashSet};

use super::build::{Index, admissible, choices_of, ticket, valid};
use super::satisfaction::{Fairness, Satisfaction, fairness_of, satisfaction_of};
use super::stay::Stay;
use super::{Plan, WaitEntry};
use crate::allocate::advice::{self, Advice};
use crate::allocate::clubs::{self, Applicant, Bound, Choice, Rules};
use crate::config::Strategy;
use crate::consent::Enrollee;

/// How far the clubs' allocation is known to be the best (DESIGN §3 Clubs' order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Exactness {
    /// A fresh `optimal` plan, one club each: proven the best, minimums included.
    #[default]
    Proven,
    /// The search over minimums stopped at its limit: the best found.
    Stopped,
    /// More than one club each: feasible, within the printed bound.
    Bounded,
    /// A re-plan: existing placements are kept, so only newcomers are optimised.
    Replan,
    /// `lottery`: a rule, not an optimisation.
    Rule,
}

/// What the clubs phase decided.
#[derive(Debug, Default)]
pub(super) struct Clubs {
    /// Per enrollee, their clubs under the slip they are allocated by.
    pub clubs_of: Vec<Vec<usize>>,
    /// Per enrollee, the clubs they keep on the plan's date under the slip then in force.
    pub kept_now: Vec<Vec<usize>>,
    /// Per enrollee, the club they were promoted into from a waiting list.
    pub promoted: Vec<Option<usize>>,
    pub closed: Vec<usize>,
    pub exactness: Exactness,
    pub bound: Option<Bound>,
    pub satisfaction: Satisfaction,
    pub other: Satisfaction,
    pub waitlist: Vec<WaitEntry>,
    /// Where more seats or a lower minimum would place more (`optimal` only).
    pub advice: Option<Advice>,
    pub fairness: Fairness,
}

pub(super) fn place(
    index: &Index,
    enrollees: &[Enrollee],
    stays: &[Stay],
    previous: Option<&Plan>,
) -> Clubs {
    let (school, config) = (index.school, index.config);
    let choices: Vec<Vec<Choice>> = (enrollees.iter())
        .map(|e| choices_of(school, &index.club_at, e))
        .collect();
    let (kept_now, mut clubs_of) = kept(index, enrollees, stays);
    let mut left: Vec<u32> = school.clubs.iter().map(|c| c.capacity).collect();
    for (now, later) in kept_now.iter().zip(&clubs_of) {
        let held: HashSet<&usize> = now.iter().chain(later).collect();
        held.into_iter()
            .for_each(|&c| left[c] = left[c].saturating_sub(1));
    }
    let waiting = previous.map_or(&[][..], |p| &p.waitlist[..]);
    let promoted = promote(index, enrollees, stays, &choices, waiting, &mut left);
    for (e, c) in promoted.iter().enumerate() {
        clubs_of[e].extend(c);
    }
    let newcomers: Vec<usize> = (0..enrollees.len())
        .filter(|&e| clubs_of[e].is_empty() && !choices[e].is_empty())
        .collect();
    let applicant = |e: usize| Applicant {
        tier: enrollees[e].slip.priority,
        choices: choices[e].clone(),
    };
    let applicants: Vec<Applicant> = newcomers.iter().map(|&e| applicant(e)).collect();
    let seed = config.allocation.seed;
    let mut order: Vec<usize> = (0..applicants.len()).collect();
    order.sort_by_cached_key(|&a| ticket(seed, &enrollees[newcomers[a]].student.id));
    let max_clubs = config.allocation.max_clubs_per_student.max(1);
    let rules = Rules {
        strategy: config.allocation.strategy,
        max_clubs,
        minimums: true,
    };
    let mut running = vec![false; school.clubs.len()];
    (clubs_of.iter().chain(&kept_now).flatten()).for_each(|&c| running[c] = true);

    // The other strategy on the same (fresh) data, for comparison.
    let all: Vec<Applicant> = (0..enrollees.len()).map(applicant).collect();
    let mut all_order: Vec<usize> = (0..all.len()).collect();
    all_order.sort_by_cached_key(|&a| ticket(seed, &enrollees[a].student.id));
    let capacity: Vec<u32> = school.clubs.iter().map(|c| c.capacity).collect();
    let other_strategy = match rules.strategy {
        Strategy::Optimal => Strategy::Lottery,
        Strategy::Lottery => Strategy::Optimal,
    };
    let other_rules = Rules {
        strategy: other_strategy,
        ..rules
    };
    let fresh = vec![false; school.clubs.len()];
    // Independent of each other, so side by side.
    let (outcome, other) = std::thread::scope(|side| {
        let other = side.spawn(|| {
            clubs::allocate(
                &all,
                &school.clubs,
                &capacity,
                &fresh,
                &all_order,
                other_rules,
            )
        });
        let outcome = clubs::allocate(&applicants, &school.clubs, &left, &running, &order, rules);
        let other = other
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (outcome, other)
    });
    for (a, got) in outcome.assigned.iter().enumerate() {
        clubs_of[newcomers[a]].extend(got);
    }
    // The chosen result is proven the best for a fresh optimal plan with one
    // club each whose search over minimums finished; the bound is shown otherwise.
    let exactness = match () {
        _ if previous.is_some() => Exactness::Replan,
        _ if rules.strategy == Strategy::Lottery => Exactness::Rule,
        _ if outcome.proven => Exactness::Proven,
        _ if max_clubs > 1 => Exactness::Bounded,
        _ => Exactness::Stopped,
    };
    let mut bound = (exactness != Exactness::Proven)
        .then(|| clubs::bound(&all, &school.clubs, &capacity, max_clubs, &clubs_of));
    // A fresh plan's search knows what it left open: a tighter bound.
    if let (Some(b), Some(ceiling), None) = (&mut bound, &outcome.ceiling, previous) {
        b.tighten(ceiling);
    }
    let advice = (rules.strategy == Strategy::Optimal).then(|| {
        advice::advise(
            &applicants,
            &school.clubs,
            &left,
            &running,
            &order,
            max_clubs,
            &outcome,
        )
    });
    let grades: Vec<u8> = enrollees.iter().map(|e| e.grade).collect();
    let waitlist = waiting_lists(
        index,
        enrollees,
        stays,
        &choices,
        &clubs_of,
        &outcome.closed,
        waiting,
    );
    Clubs {
        satisfaction: satisfaction_of(Some(rules.strategy), &all, &clubs_of),
        fairness: fairness_of(&all, &clubs_of, &grades),
        advice,
        other: satisfaction_of(Some(other_strategy), &all, &other.assigned),
        clubs_of,
        kept_now,
        promoted,
        closed: outcome.closed,
        exactness,
        bound,
        waitlist,
    }
}

/// The clubs of the previous plan each enrollee keeps: (on the plan's date,
/// under the slip then in force; from the start of the slip they are
/// allocated by, under it). A club no longer among the choices, or no longer
/// admissible, is not kept: its seat is freed from that slip's effective date.
fn kept(
    index: &Index,
    enrollees: &[Enrollee],
    stays: &[Stay],
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let held = |e: &Enrollee, date, under: &Enrollee| -> Vec<usize> {
        let mut out: Vec<usize> = (index.held_on(&e.student.id, date))
            .filter(|p| p.kind == super::Kind::Club)
            .filter_map(|p| index.club_at.get(&*p.group).copied())
            .filter(|&c| valid(&index.school.clubs[c], under))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let mut now = Vec::with_capacity(enrollees.len());
    let mut target = Vec::with_capacity(enrollees.len());
    for (e, stay) in enrollees.iter().zip(stays) {
        now.push(match stay.now() {
            Some(slip) => held(e, index.start, &index.under(e, slip)),
            None => Vec::new(),
        });
        target.push(match stay.target() {
            Some((from, slip)) => held(e, from.max(index.start), &index.under(e, slip)),
            None => Vec::new(),
        });
    }
    (now, target)
}

/// Promotions into freed seats by deferred acceptance: each student without
/// a club proposes to the clubs whose waiting list they are on, best choice
/// first; each club keeps the proposers highest on its list, up to its free
/// seats. No student then prefers a club whose seat went to someone behind
/// them on its list. Students withdrawing are not promoted.
fn promote(
    index: &Index,
    enrollees: &[Enrollee],
    stays: &[Stay],
    choices: &[Vec<Choice>],
    waiting: &[WaitEntry],
    left: &mut [u32],
) -> Vec<Option<usize>> {
    let mut got = vec![None; enrollees.len()];
    let enrollee_at: std::collections::HashMap<&str, usize> = (enrollees.iter().enumerate())
        .map(|(i, e)| (e.student.id.as_str(), i))
        .collect();
    // Per student: (rank, club, position on its list), best rank first.
    let mut wants: BTreeMap<usize, Vec<(u32, usize, u32)>> = BTreeMap::new();
    for w in waiting {
        let (Some(&c), Some(&e)) = (
            index.club_at.get(w.club.as_str()),
            enrollee_at.get(w.student.as_str()),
        ) else {
            continue;
        };
        let rank = choices[e].iter().find(|ch| ch.club == c).map(|ch| ch.rank);
        let free = left[c] > 0 && !stays[e].leaving();
        if let Some(rank) =
            rank.filter(|_| free && admissible(&index.school.clubs[c], &enrollees[e]))
        {
            wants.entry(e).or_default().push((rank, c, w.position));
        }
    }
    let mut next: BTreeMap<usize, usize> = BTreeMap::new();
    let mut holding: BTreeMap<usize, Vec<(u32, usize)>> = BTreeMap::new();
    let mut proposing: Vec<usize> = wants.keys().rev().copied().collect();
    for list in wants.values_mut() {
        list.sort_unstable();
    }
    while let Some(e) = proposing.pop() {
        let i = next.entry(e).or_default();
        let Some(&(_, c, position)) = wants[&e].get(*i) else {
            continue;
        };
        *i += 1;
        let held = holding.entry(c).or_default();
        held.push((position, e));
        held.sort_unstable();
        if held.len() > left[c] as usize
            && let Some((_, out)) = held.pop()
        {
            proposing.push(out);
        }
    }
    for (c, held) in holding {
        left[c] -= held.len() as u32;
        held.into_iter().for_each(|(_, e)| got[e] = Some(c));
    }
    got
}

/// Waiting lists: the old order first, then the newly unplaced by tier and
/// ticket, in each club they ranked that runs. Students withdrawing are not listed.
fn waiting_lists(
    index: &Index,
    enrollees: &[Enrollee],
    stays: &[Stay],
    choices: &[Vec<Choice>],
    clubs_of: &[Vec<usize>],
    closed: &[usize],
    old: &[WaitEntry],
) -> Vec<WaitEntry> {
    let school = index.school;
    let waits = |e: usize| clubs_of[e].is_empty() && !stays[e].leaving();
    let enrollee_at: std::collections::HashMap<&str, usize> = (enrollees.iter().enumerate())
        .map(|(i, e)| (e.student.id.as_str(), i))
        .collect();
    let mut lists: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut old: Vec<&WaitEntry> = old.iter().collect();
    old.sort_by(|a, b| a.club.cmp(&b.club).then(a.position.cmp(&b.position)));
    for entry in old {
        if let (Some(&c), Some(&e)) = (
            index.club_at.get(entry.club.as_str()),
            enrollee_at.get(entry.student.as_str()),
        ) && waits(e)
            && choices[e].iter().any(|ch| ch.club == c)
        {
            lists.entry(c).or_default().push(e);
        }
    }
    let seed = index.config.allocation.seed;
    let mut unplaced: Vec<usize> = (0..enrollees.len())
        .filter(|&e| waits(e) && !choices[e].is_empty())
        .collect();
    unplaced.sort_by_cached_key(|&e| {
        let id = &enrollees[e].student.id;
        (
            std::cmp::Reverse(enrollees[e].slip.priority),
            ticket(seed, id),
        )
    });
    for e in unplaced {
        for ch in choices[e].iter().filter(|ch| !closed.contains(&ch.club)) {
            let list = lists.entry(ch.club).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        }
    }
    let mut entries = Vec::new();
    for (c, list) in &lists {
        for (i, &e) in list.iter().enumerate() {
            entries.push(WaitEntry {
                club: school.clubs[*c].id.clone(),
                position: i as u32 + 1,
                student: enrollees[e].student.id.clone(),
            });
        }
    }
    entries.sort_by(|a, b| {
        crate::model::natural_cmp(&a.club, &b.club).then(a.position.cmp(&b.position))
    });
    entries
}
