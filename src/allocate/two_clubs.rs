//! `optimal` with more than one club per student (DESIGN §3 Clubs): a
//! student's clubs must not clash, and "placed" counts a student once
//! however many seats they hold. On each connected part:
//!
//! 1. One min-cost flow gives every student up to the most clubs their
//!    choices hold without a clash, one of each group of choices that
//!    pairwise clash; a student's first seat earns their tier's weight, each
//!    seat costs its rank ([`SeatFlow::several`](super::seat_flow::SeatFlow::several)).
//!    Where every student's choices clash in such groups (clubs meeting on
//!    the same days) that flow is exact; otherwise it is a relaxation.
//! 2. Minimums: the branch and bound of [`super::minimums`] on that flow, so
//!    what it leaves open bounds what it may miss. A leaf whose flow gives a
//!    student two clubs that clash is repaired ([`repair`]): each keeps their
//!    best clubs that do not clash, then every student's seats are released
//!    one slot at a time and re-chosen by an exact flow given the others
//!    ([`reseat`]), kept when better — a local search by augmenting paths
//!    that respect clashes; the leaf's flow stays a bound.
//! 3. A part with few applicants not proven so is searched exhaustively
//!    ([`super::exhaustive`]).

use std::cmp::Reverse;

use super::bound::{self, tier_weights, tiers_of};
use super::clubs::{Applicant, Outcome, clash};
use super::flow::Network;
use super::minimums::{self, Limits, Node, Problem};
use super::relaxation::most_clubs;
use crate::model::Club;

/// Rounds of re-choosing every slot before settling.
const PASSES: usize = 4;

type Key = (Vec<usize>, usize, Reverse<u64>);

/// One part of the school: its applicants (higher tiers first in `order`),
/// clubs, free seats, the clubs already running, and the clubs each may take.
pub(super) struct Part<'a> {
    pub applicants: &'a [Applicant],
    pub clubs: &'a [Club],
    pub left: &'a [u32],
    pub running: &'a [bool],
    pub order: &'a [usize],
    pub max_clubs: usize,
}

impl Part<'_> {
    fn key(&self, assigned: &[Vec<usize>]) -> Key {
        bound::standing(self.applicants, assigned).key()
    }

    fn counts(&self, assigned: &[Vec<usize>]) -> Vec<u32> {
        let mut count = vec![0u32; self.clubs.len()];
        assigned.iter().flatten().for_each(|&c| count[c] += 1);
        count
    }
}

/// The allocation of one connected part with `max_clubs > 1`: the branch
/// and bound over minimums on the flow of several clubs each
/// ([`minimums::search_with`]), its leaves repaired where a student's
/// choices clash across groups; a small part not proven so is searched
/// exhaustively.
pub(super) fn search(part: &Part, minimums: bool) -> Outcome {
    let found = flow_search(part, minimums);
    let mut best = found.assigned;
    let mut proven = found.proven;
    let mut ceiling = found.ceiling;
    if !proven && part.applicants.len() <= super::exhaustive::SMALL {
        let (better, finished) = super::exhaustive::search(part, minimums, part.key(&best));
        best = better.unwrap_or(best);
        if finished {
            proven = true;
            ceiling = bound::standing(part.applicants, &best);
        }
    }
    let count = part.counts(&best);
    let closed = (0..part.clubs.len())
        .filter(|&c| minimums && !part.running[c] && part.clubs[c].min > 0 && count[c] == 0)
        .collect();
    for (a, clubs_of) in best.iter_mut().enumerate() {
        let rank = |c: &usize| {
            (part.applicants[a].choices.iter())
                .find(|ch| ch.club == *c)
                .map_or(u32::MAX, |ch| ch.rank)
        };
        clubs_of.sort_by_key(rank);
    }
    Outcome {
        assigned: best,
        closed,
        proven,
        ceiling: Some(ceiling),
    }
}

/// The branch and bound over minimums on the flow of several clubs each,
/// without the exhaustive step (what a large part gets).
fn flow_search(part: &Part, minimums: bool) -> minimums::Found {
    // Without minimums every club is as if it had none.
    let unlimited: Vec<Club>;
    let clubs = if minimums {
        part.clubs
    } else {
        unlimited = (part.clubs.iter())
            .map(|c| Club {
                min: 0,
                ..c.clone()
            })
            .collect();
        &unlimited
    };
    let part = &Part { clubs, ..*part };
    let caps: Vec<u32> = (part.applicants.iter())
        .map(|a| most_clubs(a, part.clubs, part.max_clubs as u32))
        .collect();
    let problem = Problem {
        applicants: part.applicants,
        clubs: part.clubs,
        left: part.left,
        running: part.running,
        order: part.order,
        caps: Some(&caps),
    };
    let repair = |node: &Node, got: Vec<Vec<usize>>| repair(part, node, got);
    minimums::search_with(&problem, Some(&repair), Limits::USUAL)
}

/// A leaf's flow where some student holds clubs that clash: each keeps
/// their best clubs that do not clash, then the local search re-chooses
/// seats with the leaf's clubs fixed; `None` when a club that runs is left
/// below its minimum.
fn repair(part: &Part, node: &Node, mut got: Vec<Vec<usize>>) -> Option<Vec<Vec<usize>>> {
    for (a, held) in got.iter_mut().enumerate() {
        let rank = |c: &usize| {
            (part.applicants[a].choices.iter())
                .find(|ch| ch.club == *c)
                .map_or(u32::MAX, |ch| ch.rank)
        };
        held.sort_by_key(rank);
        let mut kept: Vec<usize> = Vec::new();
        for &c in held.iter() {
            if !kept.iter().any(|&k| clash(&part.clubs[k], &part.clubs[c])) {
                kept.push(c);
            }
        }
        *held = kept;
    }
    let count = part.counts(&got);
    let fixed = settled(part, node, &count);
    let got = improve(part, &fixed, got);
    let count = part.counts(&got);
    let meets = (0..part.clubs.len())
        .all(|c| part.running[c] || count[c] == 0 || count[c] >= part.clubs[c].min);
    meets.then_some(got)
}

/// A leaf's clubs fixed as they are: those running keep their minimum, the
/// others stay closed — so that re-choosing seats keeps every minimum met.
fn settled(part: &Part, node: &Node, count: &[u32]) -> Node {
    let mut fixed = node.clone();
    for (c, &n) in count.iter().enumerate() {
        if part.running[c] || part.clubs[c].min == 0 {
            continue;
        }
        if n == 0 {
            fixed.open[c] = false;
        } else {
            fixed.must[c] = part.clubs[c].min;
        }
    }
    fixed
}

/// Local search: release slot `j` of every student, re-choose it exactly
/// given their other seats, keep the answer only if it is better; repeat
/// until a whole pass improves nothing.
fn improve(part: &Part, node: &Node, mut assigned: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut key = part.key(&assigned);
    for _ in 0..PASSES {
        let mut better = false;
        for slot in 0..part.max_clubs {
            let mut next = assigned.clone();
            reseat(part, node, &mut next, Some(slot));
            let count = part.counts(&next);
            let met = (0..part.clubs.len()).all(|c| count[c] >= node.must[c]);
            let next_key = part.key(&next);
            if met && next_key > key {
                (assigned, key, better) = (next, next_key, true);
            }
        }
        if !better {
            break;
        }
    }
    assigned
}

/// One exact flow: every student gives up the seat in `slot` (none when
/// `None`) and may take one club that is open, among their choices, not held
/// and clashing with none they hold. A student holding no other seat earns
/// their tier's weight; every seat costs its rank; seats forced by `must`
/// come first. Max flow never empties a student, so the most seats are
/// consistent with the most students placed per tier.
fn reseat(part: &Part, node: &Node, assigned: &mut [Vec<usize>], slot: Option<usize>) {
    let (n, clubs) = (part.applicants.len(), part.clubs.len());
    let held: Vec<Vec<usize>> = (assigned.iter())
        .map(|got| match slot {
            Some(j) => (got.iter().enumerate())
                .filter(|(i, _)| *i != j)
                .map(|(_, &c)| c)
                .collect(),
            None => got.clone(),
        })
        .collect();
    let mut left = part.left.to_vec();
    let mut must = node.must.clone();
    for &c in held.iter().flatten() {
        left[c] = left[c].saturating_sub(1);
        must[c] = must[c].saturating_sub(1);
    }
    let tiers = tiers_of(part.applicants);
    let sizes: Vec<usize> = (tiers.iter())
        .map(|&t| part.applicants.iter().filter(|a| a.tier == t).count())
        .collect();
    let max_rank = (part.applicants.iter())
        .flat_map(|a| a.choices.iter().map(|c| c.rank))
        .max()
        .unwrap_or(0) as i128;
    let base = max_rank * n as i128 + 1;
    // Too many tiers to weigh exactly: a weaker heuristic, still feasible.
    let weight = tier_weights(&sizes, base).unwrap_or_else(|| vec![base; tiers.len()]);
    let top = weight.first().copied().unwrap_or(0);
    let forced_bonus = top.saturating_mul(n as i128 + 1);
    let mut net = Network::new(2 + n + clubs);
    let mut edges = Vec::new();
    for &a in part.order {
        let applicant = &part.applicants[a];
        if held[a].len() >= part.max_clubs || applicant.choices.is_empty() {
            continue;
        }
        let t = tiers.iter().position(|&t| t == applicant.tier).unwrap_or(0);
        let gain = if held[a].is_empty() { weight[t] } else { 0 };
        let mut any = false;
        for ch in &applicant.choices {
            let c = ch.club;
            let fits = node.open[c]
                && left[c] > 0
                && !held[a]
                    .iter()
                    .any(|&h| h == c || clash(&part.clubs[h], &part.clubs[c]));
            if fits {
                let e = net.add_edge(2 + a, 2 + n + c, 1, top - gain + ch.rank as i128);
                edges.push((a, c, e));
                any = true;
            }
        }
        if any {
            net.add_edge(0, 2 + a, 1, 0);
        }
    }
    for (c, &seats) in left.iter().enumerate() {
        let must = must[c].min(seats);
        if must > 0 {
            net.add_edge(2 + n + c, 1, must, 0);
        }
        if seats > must {
            net.add_edge(2 + n + c, 1, seats - must, forced_bonus);
        }
    }
    net.min_cost_max_flow(0, 1);
    let mut got = vec![None; n];
    for (a, c, e) in edges {
        if net.flow(e) > 0 {
            got[a] = Some(c);
        }
    }
    for (a, seats) in assigned.iter_mut().enumerate() {
        match (slot, got[a]) {
            (Some(j), Some(c)) if j < seats.len() => seats[j] = c,
            (Some(j), None) if j < seats.len() => {
                seats.remove(j);
            }
            (_, Some(c)) => seats.push(c),
            (_, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::clubs::Choice;
    use crate::model::{Days, Grades, Line, Session};
    use crate::rng::Rng;
    use chrono::Weekday::*;

    /// A tiny random school: 1–4 clubs on two days each (some clash), 1–8 children.
    fn school(rng: &mut Rng) -> (Vec<Applicant>, Vec<Club>) {
        let days = [
            Days::from_iter([Mon, Wed]),
            Days::from_iter([Tue, Thu]),
            Days::from_iter([Wed, Fri]),
        ];
        let clubs: Vec<Club> = (0..1 + rng.below(4))
            .map(|i| Club {
                id: format!("K{i}"),
                name: String::new(),
                teacher: String::new(),
                room: String::new(),
                days: *rng.pick(&days),
                session: Session::Full,
                capacity: 1 + rng.below(3) as u32,
                min: rng.below(4) as u32,
                grades: Grades::ALL,
                fee_fen: 0,
                line: Line(i + 2),
            })
            .collect();
        let applicants = (0..1 + rng.below(8))
            .map(|_| {
                let mut picks: Vec<usize> = (0..clubs.len()).collect();
                rng.shuffle(&mut picks);
                picks.truncate(rng.below(4));
                let choices = (picks.iter().enumerate())
                    .map(|(r, &club)| Choice {
                        club,
                        rank: r as u32 + 1,
                    })
                    .collect();
                Applicant {
                    tier: rng.below(2) as i32,
                    choices,
                }
            })
            .collect();
        (applicants, clubs)
    }

    /// The whole search on 1,000 tiny schools with two clubs each and
    /// minimums, against every allocation (the exhaustive search): proven
    /// means the optimum, and the ceiling is never below the optimum.
    #[test]
    fn proven_is_the_optimum_and_the_ceiling_is_never_below_it() {
        let mut rng = Rng::new(26);
        let (mut proven, schools) = (0, 1000);
        // Half the clubs on days whose clashes are no groups (Mon clashes
        // Mon–Tue, which clashes Tue; Mon and Tue do not): the flow is then
        // a relaxation and its leaves are repaired.
        let path = [
            Days::from_iter([Mon]),
            Days::from_iter([Mon, Tue]),
            Days::from_iter([Tue]),
        ];
        for _ in 0..schools {
            let (applicants, mut clubs) = school(&mut rng);
            for club in &mut clubs {
                if rng.chance(0.5) {
                    club.days = *rng.pick(&path);
                }
            }
            let left: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
            let order: Vec<usize> = (0..applicants.len()).collect();
            let running = vec![false; clubs.len()];
            let part = Part {
                applicants: &applicants,
                clubs: &clubs,
                left: &left,
                running: &running,
                order: &order,
                max_clubs: 2,
            };
            let floor = (vec![0; tiers_of(&applicants).len()], 0, Reverse(u64::MAX));
            let (best, finished) = crate::allocate::exhaustive::search(&part, true, floor);
            assert!(finished);
            let best = part.key(&best.expect("no club at all is an allocation"));
            let found = flow_search(&part, true);
            let key = part.key(&found.assigned);
            assert!(key <= best);
            assert!(
                found.ceiling.key() >= best,
                "the ceiling is below the optimum"
            );
            if found.proven {
                assert_eq!(key, best, "proven but not the optimum");
                proven += 1;
            }
        }
        assert!(
            proven * 2 >= schools,
            "proven on only {proven} of {schools}"
        );
    }

    /// How often the search without its exhaustive step (what a large part
    /// gets) reaches the optimum, the exhaustive search being the oracle
    /// (itself checked against every allocation in tests/plan.rs).
    #[test]
    fn the_local_search_reaches_the_optimum_on_most_tiny_schools() {
        let mut rng = Rng::new(11);
        let (mut hits, mut within, schools) = (0, 0, 1000);
        for _ in 0..schools {
            let (applicants, clubs) = school(&mut rng);
            let left: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
            let order: Vec<usize> = (0..applicants.len()).collect();
            let running = vec![false; clubs.len()];
            let part = Part {
                applicants: &applicants,
                clubs: &clubs,
                left: &left,
                running: &running,
                order: &order,
                max_clubs: 2,
            };
            let found = part.key(&flow_search(&part, true).assigned);
            let floor = (vec![0; tiers_of(&applicants).len()], 0, Reverse(u64::MAX));
            let (best, finished) = crate::allocate::exhaustive::search(&part, true, floor);
            assert!(finished);
            let best = part.key(&best.expect("no club at all is an allocation"));
            assert!(found <= best);
            hits += usize::from(found == best);
            within += usize::from(found.0 == best.0);
        }
        eprintln!(
            "local search: the optimum on {hits} of {schools}, every tier's count on {within}"
        );
        assert!(hits * 100 >= schools * 90, "{hits} of {schools}");
    }
}
