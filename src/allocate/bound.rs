//! What no allocation of club seats can beat, and how far a plan is from it:
//! per priority tier, for seats and for total rank (issue 11 items 5–6).
//!
//! The relaxation ([`super::relaxation`]): every club open and no minimum,
//! and a student's clubs clash only within groups of their choices that
//! pairwise clash (one club per group), up to the most clubs their choices
//! hold without a clash. Every feasible allocation (capacity, clashes,
//! minimums, `max_clubs_per_student`) is also an allocation of the
//! relaxation: closing a club or filling one to its minimum only removes
//! allocations, and the group and per-student caps hold for any set of
//! clubs that do not clash; a club with fewer seats or fewer children choosing
//! it than its minimum never runs, so its seats are left out (unless the
//! plan holds it). So the
//! relaxation's lexicographic best `R` is at least the true optimum `O`,
//! which is at least the plan `A`: `A ≤ O ≤ R` in the objective's order
//! (students placed per tier from the highest, then seats, then the least
//! total rank over every seat). For a re-plan, which keeps clubs already
//! running below their minimum, `O` is the best allocation of the same seats
//! in which those clubs may run too: the plan is one of them.
//!
//! The relaxation is a flow: a student may send as many units as their cap,
//! each unit a seat in one of their clubs. Its lexicographic best uses the
//! most seats: from any allocation that does not, an augmenting path adds a
//! seat, and augmenting never empties a student or a club, so no tier loses
//! anyone. Hence the min-cost *maximum* flow, with a placement of a higher
//! tier outweighing every placement below it and any placement outweighing
//! any total rank, is `R`.

use std::cmp::Reverse;

use super::clubs::Applicant;
use super::relaxation::{most_clubs, most_of_tier, most_seats, relaxed_best};
use crate::model::Club;

/// How an allocation does in the objective's order: students placed per
/// tier (highest first), seats used, then the total rank of every seat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    pub per_tier: Vec<(i32, usize)>,
    pub seats: usize,
    pub rank: u64,
}

impl Standing {
    /// Two parts' standings together (tiers matched by their number, highest
    /// first). Adding keeps the objective's order: if each part's optimum is
    /// at most its ceiling, the school's is at most their sum.
    pub fn plus(mut self, other: &Standing) -> Standing {
        for &(tier, n) in &other.per_tier {
            match self.per_tier.iter_mut().find(|t| t.0 == tier) {
                Some(t) => t.1 += n,
                None => self.per_tier.push((tier, n)),
            }
        }
        self.per_tier.sort_by_key(|t| std::cmp::Reverse(t.0));
        self.seats += other.seats;
        self.rank += other.rank;
        self
    }

    /// Greater is better, in the objective's order.
    pub fn key(&self) -> (Vec<usize>, usize, Reverse<u64>) {
        let tiers = self.per_tier.iter().map(|t| t.1).collect();
        (tiers, self.seats, Reverse(self.rank))
    }
}

/// Upper bounds on what any allocation could achieve on the same data, and
/// the plan measured against them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bound {
    /// Per tier (highest first): at most this many of the tier placed by
    /// the optimum (see [`Bound::gap`] for why each holds).
    pub per_tier: Vec<(i32, usize)>,
    /// The relaxation's lexicographic best (`None` when a school has so many
    /// tiers that its weights would not fit in the flow's costs).
    pub relaxed: Option<Standing>,
    /// Seats any allocation could use.
    pub seats: usize,
    /// What the plan achieved, measured the same way.
    pub now: Standing,
}

/// How far the plan may be from the optimum. Each figure holds on its own:
/// `bound - now` is at least the true loss.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gap {
    /// Per tier (highest first): (tier, at most, now).
    pub per_tier: Vec<(i32, usize, usize)>,
    /// Seats: (at most, now).
    pub seats: (usize, usize),
    /// Total rank: (at least, now) — only when every tier and the seats meet
    /// the bound; otherwise the loss already shows above and ranks of
    /// different seat counts do not compare.
    pub rank: Option<(u64, u64)>,
}

impl Gap {
    /// The plan meets the bound on every count and on rank: proven the best.
    pub fn closed(&self) -> bool {
        self.per_tier.iter().all(|t| t.1 <= t.2)
            && self.seats.0 <= self.seats.1
            && self.rank.is_some_and(|(least, now)| now <= least)
    }
}

impl Bound {
    /// Tightens the bound by a search's `ceiling`: no allocation beats it in
    /// the objective's order (the optimum `O ≤ ceiling`, and the plan `A ≤ O`).
    /// Down to the first tier where the plan differs from the ceiling the
    /// optimum places at most the ceiling's count (it agrees with both above
    /// it); where the plan meets the ceiling on every tier, the optimum uses
    /// at most the ceiling's seats, and where it meets the seats too, its
    /// total rank is at least the ceiling's.
    pub fn tighten(&mut self, ceiling: &Standing) {
        let count =
            |s: &Standing, tier: i32| (s.per_tier.iter()).find(|t| t.0 == tier).map_or(0, |t| t.1);
        let mut same = true;
        for t in 0..self.per_tier.len() {
            let tier = self.per_tier[t].0;
            let (now, most) = (count(&self.now, tier), count(ceiling, tier));
            self.per_tier[t].1 = self.per_tier[t].1.min(most.max(now));
            if now != most {
                same = false;
                break;
            }
        }
        if !same {
            return;
        }
        self.seats = self.seats.min(ceiling.seats.max(self.now.seats));
        if self.now.seats == ceiling.seats {
            let known = (self.relaxed.as_ref())
                .filter(|r| r.per_tier == self.now.per_tier && r.seats == self.now.seats)
                .map_or(0, |r| r.rank);
            self.relaxed = Some(Standing {
                per_tier: self.now.per_tier.clone(),
                seats: ceiling.seats,
                rank: known.max(ceiling.rank).min(self.now.rank),
            });
        }
    }

    /// The seats the plan may be short of the optimum, at most: every
    /// tier's gap and the seats' (a bound on how far the plan is, in seats,
    /// whatever the order); as a share of the seats used.
    pub fn seats_short(&self) -> (usize, f64) {
        let gap = self.gap();
        let tiers: usize = (gap.per_tier.iter()).map(|t| t.1.saturating_sub(t.2)).sum();
        let short = tiers.max(gap.seats.0.saturating_sub(gap.seats.1));
        let share = if gap.seats.1 == 0 {
            0.0
        } else {
            short as f64 / gap.seats.1 as f64
        };
        (short, share)
    }

    /// The gap per tier, for seats and for rank (the per-tier bounds are
    /// made by [`bound`]). `R` uses the most seats any allocation can. Only
    /// when `A` meets `R` on every tier and the seats are `O`'s counts `R`'s,
    /// and `R`, the least rank at those counts, is at most `O`'s rank.
    pub fn gap(&self) -> Gap {
        let per_tier: Vec<(i32, usize, usize)> = (self.per_tier.iter().zip(&self.now.per_tier))
            .map(|(&(tier, most), &(_, now))| (tier, most, now))
            .collect();
        let rank = (self.relaxed.as_ref())
            .filter(|r| r.per_tier == self.now.per_tier && r.seats == self.now.seats)
            .map(|r| (r.rank, self.now.rank));
        Gap {
            per_tier,
            seats: (self.seats, self.now.seats),
            rank,
        }
    }
}

/// The tiers of the applicants with a choice, highest first.
pub(super) fn tiers_of(applicants: &[Applicant]) -> Vec<i32> {
    let mut tiers: Vec<i32> = (applicants.iter())
        .filter(|a| !a.choices.is_empty())
        .map(|a| a.tier)
        .collect();
    tiers.sort_unstable_by(|a, b| b.cmp(a));
    tiers.dedup();
    tiers
}

/// The standing of `assigned[a]` for each applicant `a`; a club outside a
/// student's choices counts for nothing.
pub fn standing(applicants: &[Applicant], assigned: &[Vec<usize>]) -> Standing {
    let tiers = tiers_of(applicants);
    let mut s = Standing {
        per_tier: tiers.iter().map(|&t| (t, 0)).collect(),
        ..Standing::default()
    };
    for (a, got) in applicants.iter().zip(assigned) {
        let ranks: Vec<u32> = (got.iter())
            .filter_map(|c| a.choices.iter().find(|ch| ch.club == *c))
            .map(|ch| ch.rank)
            .collect();
        if ranks.is_empty() {
            continue;
        }
        if let Some(t) = s.per_tier.iter_mut().find(|t| t.0 == a.tier) {
            t.1 += 1;
        }
        s.seats += ranks.len();
        s.rank += ranks.iter().map(|&r| r as u64).sum::<u64>();
    }
    s
}

/// Weights per tier (highest first) for a flow's costs: the lowest is
/// `base`, each above outweighs every student of the tiers below it placed
/// (`sizes[t]` students in tier `t`). `None` when they would not fit.
pub(super) fn tier_weights(sizes: &[usize], base: i128) -> Option<Vec<i128>> {
    let mut weight = vec![0i128; sizes.len()];
    let mut w = base;
    for t in (0..sizes.len()).rev() {
        weight[t] = w;
        w = w.checked_mul(sizes[t] as i128 + 1)?;
    }
    Some(weight)
}

/// What no allocation of these seats can beat (see the module comment), and
/// `assigned` measured against it.
pub fn bound(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    max_clubs: u32,
    assigned: &[Vec<usize>],
) -> Bound {
    let tiers = tiers_of(applicants);
    let caps: Vec<u32> = (applicants.iter())
        .map(|a| most_clubs(a, clubs, max_clubs.max(1)))
        .collect();
    let left = &can_run(applicants, clubs, left, assigned);
    let relaxed = relaxed_best(applicants, clubs, left, &caps, &tiers);
    let seats = match &relaxed {
        Some(r) => r.seats,
        None => most_seats(applicants, clubs, left, &caps),
    };
    let now = standing(applicants, assigned);
    let per_tier = per_tier_bound(applicants, left, &now, relaxed.as_ref());
    Bound {
        per_tier,
        relaxed,
        seats,
        now,
    }
}

/// The seats of `left`, none in a club with fewer seats or fewer children
/// choosing it than its minimum: no allocation meeting the minimums runs it. A club the plan
/// holds keeps its seats (a re-plan keeps clubs already running whatever
/// their size), so the plan stays an allocation of the relaxation.
fn can_run(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    assigned: &[Vec<usize>],
) -> Vec<u32> {
    let mut wanted = vec![0u32; clubs.len()];
    (applicants.iter().flat_map(|a| &a.choices)).for_each(|ch| wanted[ch.club] += 1);
    assigned
        .iter()
        .flatten()
        .for_each(|&c| wanted[c] = u32::MAX);
    (left.iter().enumerate())
        .map(|(c, &seats)| {
            let runs =
                wanted[c] == u32::MAX || (wanted[c] >= clubs[c].min && seats >= clubs[c].min);
            if runs { seats } else { 0 }
        })
        .collect()
}

/// At most how many of each tier the optimum `O` places, given the plan `A`
/// and the relaxation's best `R`, with `A ≤ O ≤ R`. Let `t*` be the first
/// tier where `A` differs from `R` (the first tier when there is no `R`).
/// Above `t*` the three agree; at `t*`, `A ≤ O ≤ R`. Below it `O` places at
/// most what the relaxation can place of that tier while every tier down to
/// `t*` places at least `A`'s count — which `O` does.
fn per_tier_bound(
    applicants: &[Applicant],
    left: &[u32],
    now: &Standing,
    relaxed: Option<&Standing>,
) -> Vec<(i32, usize)> {
    let tiers: Vec<i32> = now.per_tier.iter().map(|t| t.0).collect();
    let differs = (0..tiers.len())
        .find(|&t| relaxed.is_none_or(|r| r.per_tier[t] != now.per_tier[t]))
        .unwrap_or(tiers.len());
    (0..tiers.len())
        .map(|t| {
            let most = match relaxed {
                Some(r) if t <= differs => r.per_tier[t].1,
                _ => {
                    let floors: Vec<usize> = (0..tiers.len())
                        .map(|s| {
                            if s <= differs && s < t {
                                now.per_tier[s].1
                            } else {
                                0
                            }
                        })
                        .collect();
                    most_of_tier(applicants, left, &tiers, &floors, t)
                }
            };
            (tiers[t], most)
        })
        .collect()
}
