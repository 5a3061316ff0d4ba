//! The relaxation the bound is taken from, as flows: every club open, no
//! minimum, and a child's clubs clash only within groups of their choices
//! that pairwise clash (one club per group) and up to the most clubs their
//! choices hold without a clash. Each restriction holds for every feasible
//! allocation, so every feasible allocation is a flow here.

use super::bound::{Standing, tier_weights};
use super::clubs::{Applicant, Choice, clash};
use super::flow::Network;
use crate::model::Club;

/// The most clubs student `a` can take at once: their choices' largest set
/// without a clash, at most `max_clubs`.
pub(super) fn most_clubs(a: &Applicant, clubs: &[Club], max_clubs: u32) -> u32 {
    let n = a.choices.len();
    let cap = (max_clubs as usize).min(n);
    if cap <= 1 || n > 16 {
        return cap as u32;
    }
    let apart = |i: usize, j: usize| !clash(&clubs[a.choices[i].club], &clubs[a.choices[j].club]);
    let mut most = 1;
    for set in 1u32..1 << n {
        let size = set.count_ones() as usize;
        if size <= most || size > cap {
            continue;
        }
        let members: Vec<usize> = (0..n).filter(|&i| set & 1 << i != 0).collect();
        let fine = (0..members.len())
            .all(|i| (i + 1..members.len()).all(|j| apart(members[i], members[j])));
        if fine {
            most = size;
        }
    }
    most as u32
}

/// The most students of tier `target` one seat each can place (clashes and
/// minimums ignored) while each tier `s` places at least `floors[s]` (when
/// it can). A flow through one node per tier: `floors[s]` units of tier `s`
/// outweigh every unit of `target`, which outweighs every other; placed
/// students form a matroid, so the min-cost maximum flow is the
/// lexicographic best and meets the floors whenever anything does.
pub(super) fn most_of_tier(
    applicants: &[Applicant],
    left: &[u32],
    tiers: &[i32],
    floors: &[usize],
    target: usize,
) -> usize {
    let (n, groups) = (applicants.len(), tiers.len());
    let student = |a: usize| 2 + groups + a;
    let mut net = Network::new(2 + groups + n + left.len());
    let size = (applicants.iter())
        .filter(|a| a.tier == tiers[target] && !a.choices.is_empty())
        .count() as u32;
    let other = size as i128 + 2;
    let mut counted = Vec::new();
    for (g, &floor) in floors.iter().enumerate() {
        let everyone = n as u32;
        if floor > 0 {
            net.add_edge(0, 2 + g, floor as u32, 0);
        }
        if g == target {
            counted.push(net.add_edge(0, 2 + g, everyone, other - 1));
        } else {
            net.add_edge(0, 2 + g, everyone, other);
        }
    }
    for (a, applicant) in applicants.iter().enumerate() {
        let Some(g) = tiers.iter().position(|&t| t == applicant.tier) else {
            continue;
        };
        net.add_edge(2 + g, student(a), 1, 0);
        for ch in applicant.choices.iter().filter(|ch| left[ch.club] > 0) {
            net.add_edge(student(a), 2 + groups + n + ch.club, 1, 0);
        }
    }
    for (c, &seats) in left.iter().enumerate() {
        net.add_edge(2 + groups + n + c, 1, seats, 0);
    }
    net.min_cost_max_flow(0, 1);
    counted
        .iter()
        .map(|&e| net.flow(e) as usize)
        .sum::<usize>()
        .min(size as usize)
}

/// The relaxation's lexicographic best: a min-cost maximum flow where a
/// student's first unit earns their tier's weight and every unit costs its rank.
pub(super) fn relaxed_best(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    caps: &[u32],
    tiers: &[i32],
) -> Option<Standing> {
    let units: i128 = caps.iter().map(|&c| c as i128).sum();
    let max_rank = (applicants.iter())
        .flat_map(|a| a.choices.iter().map(|c| c.rank))
        .max()
        .unwrap_or(0) as i128;
    let sizes: Vec<usize> = (tiers.iter())
        .map(|&t| {
            (applicants.iter())
                .filter(|a| a.tier == t && !a.choices.is_empty())
                .count()
        })
        .collect();
    let weight = tier_weights(&sizes, max_rank * units + 1)?;
    let top = weight.first().copied().unwrap_or(0);
    // Every total the flow forms (costs, duals, distances) stays below this.
    top.checked_add(max_rank)?.checked_mul(4 * (units + 2))?;
    let cost = |a: usize| {
        let t = (tiers.iter())
            .position(|&t| t == applicants[a].tier)
            .unwrap_or(0);
        (top - weight[t], top)
    };
    let Relaxation {
        mut net,
        first,
        edges,
    } = relaxation(applicants, clubs, left, caps, cost, true);
    let (seats, _) = net.min_cost_max_flow(0, 1);
    let mut per_tier: Vec<(i32, usize)> = tiers.iter().map(|&t| (t, 0)).collect();
    for (a, e) in first.iter().enumerate() {
        if e.is_some_and(|e| net.flow(e) > 0)
            && let Some(t) = per_tier.iter_mut().find(|t| t.0 == applicants[a].tier)
        {
            t.1 += 1;
        }
    }
    let rank = (edges.iter())
        .filter(|(_, e)| net.flow(*e) > 0)
        .map(|(r, _)| *r as u64)
        .sum();
    Some(Standing {
        per_tier,
        seats: seats as usize,
        rank,
    })
}

/// The most seats the children, child `a` taking at most `caps[a]` and at
/// most one club of a group that clashes, could fill.
pub(super) fn most_seats(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    caps: &[u32],
) -> usize {
    let mut relaxed = relaxation(applicants, clubs, left, caps, |_| (0, 0), false);
    relaxed.net.min_cost_max_flow(0, 1).0 as usize
}

/// The relaxation as a network, source 0 and sink 1.
struct Relaxation {
    net: Network,
    /// Per child, the edge of their first unit.
    first: Vec<Option<usize>>,
    /// Every seat's edge, with its rank.
    edges: Vec<(u32, usize)>,
}

/// Child `a` sends up to `caps[a]` units (the first at `cost(a).0`, the
/// others at `cost(a).1`), each through one group of their choices that
/// pairwise clash — a group passes one unit, as no allocation gives a child
/// two clubs that clash — into a club with seats left (at its rank when `ranked`).
fn relaxation(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    caps: &[u32],
    cost: impl Fn(usize) -> (i128, i128),
    ranked: bool,
) -> Relaxation {
    let n = applicants.len();
    let groups: Vec<Vec<Vec<Choice>>> = (applicants.iter())
        .map(|a| clashing_groups(a, clubs, left))
        .collect();
    let count: usize = (groups.iter().zip(caps))
        .filter(|(_, cap)| **cap > 1)
        .map(|(g, _)| g.len())
        .sum();
    let club_node = |c: usize| 2 + n + count + c;
    let mut net = Network::new(2 + n + count + left.len());
    let mut first = vec![None; n];
    let mut edges = Vec::new();
    let mut group_node = 2 + n;
    for (a, groups) in groups.iter().enumerate() {
        if caps[a] == 0 || groups.is_empty() {
            continue;
        }
        let (one, more) = cost(a);
        first[a] = Some(net.add_edge(0, 2 + a, 1, one));
        if caps[a] > 1 {
            net.add_edge(0, 2 + a, caps[a] - 1, more);
        }
        for group in groups {
            // One unit in all: the groups would change nothing.
            let via = if caps[a] > 1 { group_node } else { 2 + a };
            if caps[a] > 1 {
                net.add_edge(2 + a, group_node, 1, 0);
                group_node += 1;
            }
            for ch in group {
                let rank = if ranked { ch.rank as i128 } else { 0 };
                let e = net.add_edge(via, club_node(ch.club), 1, rank);
                edges.push((ch.rank, e));
            }
        }
    }
    for (c, &seats) in left.iter().enumerate() {
        net.add_edge(club_node(c), 1, seats, 0);
    }
    Relaxation { net, first, edges }
}

/// Child `a`'s choices with seats left, in groups that pairwise clash (each
/// choice, best first, joins the first group it clashes with all of).
fn clashing_groups(a: &Applicant, clubs: &[Club], left: &[u32]) -> Vec<Vec<Choice>> {
    let choices = (a.choices.iter())
        .filter(|ch| left[ch.club] > 0)
        .copied()
        .collect();
    super::seat_flow::clashing_groups(choices, clubs)
}
