//! A bound for the search over minimums with one club each that knows the
//! minimums (the flow's bound ignores those not yet decided): a Lagrangian
//! relaxation of "each student at most one club".
//!
//! Give each student `i` a price `u_i ≥ 0` and let every club choose on its
//! own, each student it takes worth their weight `w_i` less their price:
//! a club either does not run (worth 0) or takes between its minimum and its
//! seats of the students who chose it — the best such set is the most valuable
//! students first, as many as pay. Every allocation meeting the minimums is
//! one such choice of every club at once in which each student is taken at
//! most once, so its weight is at most `Σ u_i + Σ_j v_j(u)` whatever the
//! prices: a bound, the LP bound at the best prices. The prices are found
//! by subgradient steps (a student taken by no club gets cheaper, one taken
//! by several dearer), a counted number of them, so the bound is the same on
//! any machine; each is evaluated exactly in integers (prices in units of
//! 1/[`SCALE`] of a weight), so what is claimed is what was computed.
//!
//! Weights: per priority tier, each tier's outweighing every placement of
//! the tiers below ([`tier_weights`]); the bound on the weighted sum gives
//! the lexicographically greatest per-tier counts it allows.

use std::cmp::Reverse;

use super::bound::{tier_weights, tiers_of};
use super::clubs::Applicant;
use super::minimums::Key;
use crate::model::Club;

/// Prices are whole multiples of one weight over this.
const SCALE: i128 = 1 << 20;

/// Subgradient steps taken.
pub const ROUNDS: usize = 600;

/// The relaxation of one part: per club, the students who chose it.
pub(super) struct Lagrange {
    /// Per usable club: its minimum (0 when running or none), seats, members.
    clubs: Vec<(u32, u32, Vec<u32>)>,
    /// Per applicant: their weight, in units of 1/SCALE.
    weight: Vec<i128>,
    /// Per tier (highest first): its weight and how many could be placed.
    tiers: Vec<(i128, usize)>,
}

impl Lagrange {
    /// `None` when the tiers' weights would not fit.
    pub fn new(
        applicants: &[Applicant],
        clubs: &[Club],
        left: &[u32],
        running: &[bool],
        could_run: &[bool],
    ) -> Option<Lagrange> {
        let usable = |c: usize| could_run[c] && left[c] > 0;
        let tiers = tiers_of(applicants);
        let mut sizes = vec![0usize; tiers.len()];
        let tier_of = |a: &Applicant| tiers.iter().position(|&t| t == a.tier);
        for a in applicants {
            if a.choices.iter().any(|ch| usable(ch.club))
                && let Some(t) = tier_of(a)
            {
                sizes[t] += 1;
            }
        }
        let weights = tier_weights(&sizes, 1)?;
        weights[0].checked_mul(SCALE * (applicants.len() as i128 + 1) * 4)?;
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); clubs.len()];
        let mut weight = vec![0i128; applicants.len()];
        for (i, a) in applicants.iter().enumerate() {
            let Some(t) = tier_of(a) else { continue };
            weight[i] = weights[t] * SCALE;
            for (k, ch) in a.choices.iter().enumerate() {
                let again = a.choices[..k].iter().any(|e| e.club == ch.club);
                if usable(ch.club) && !again {
                    members[ch.club].push(i as u32);
                }
            }
        }
        let clubs = (members.into_iter().enumerate())
            .filter(|(_, m)| !m.is_empty())
            .map(|(c, m)| {
                let min = if running[c] { 0 } else { clubs[c].min };
                (min, left[c], m)
            })
            .collect();
        Some(Lagrange {
            clubs,
            weight,
            tiers: weights.into_iter().zip(sizes).collect(),
        })
    }

    /// The bound at these prices (weight units times SCALE) and how many
    /// clubs take each student.
    fn evaluate(&self, price: &[i128], taken: &mut [i32]) -> i128 {
        taken.iter_mut().for_each(|t| *t = 0);
        let mut total: i128 = price.iter().sum();
        let mut values: Vec<(i128, u32)> = Vec::new();
        for (min, seats, members) in &self.clubs {
            values.clear();
            values.extend(
                (members.iter()).map(|&i| (self.weight[i as usize] - price[i as usize], i)),
            );
            values.sort_unstable_by_key(|&(v, i)| (Reverse(v), i));
            let most = (*seats as usize).min(values.len());
            let min = *min as usize;
            if min > most {
                continue;
            }
            // The best number taken in [min, most]: all of the first `min`,
            // then each further one while it pays.
            let mut sum: i128 = values[..min].iter().map(|v| v.0).sum();
            let mut k = min;
            while k < most && values[k].0 > 0 {
                sum += values[k].0;
                k += 1;
            }
            if sum > 0 {
                total += sum;
                values[..k]
                    .iter()
                    .for_each(|&(_, i)| taken[i as usize] += 1);
            }
        }
        total
    }

    /// The least bound found in [`ROUNDS`] steps, in weight units (the
    /// optimum's weighted placements are at most it); `target`: the weight
    /// of an allocation known (steps aim at it).
    pub fn least(&self, target: i128) -> i128 {
        let n = self.weight.len();
        let mut price: Vec<i128> = self.weight.iter().map(|w| w / 2).collect();
        let mut taken = vec![0i32; n];
        let mut best = i128::MAX;
        let mut best_price = price.clone();
        let (mut theta, mut stale) = (1.0f64, 0);
        let target = target * SCALE;
        for _ in 0..ROUNDS {
            let value = self.evaluate(&price, &mut taken);
            if value < best {
                (best, stale) = (value, 0);
                best_price.clone_from(&price);
            } else {
                stale += 1;
                if stale >= 20 {
                    theta /= 2.0;
                    (stale, price) = (0, best_price.clone());
                    continue;
                }
            }
            let norm: i64 = taken.iter().map(|&t| i64::from(1 - t).pow(2)).sum();
            if norm == 0 || best / SCALE <= target / SCALE {
                break; // no student is taken twice or left out: as good as it gets
            }
            let gap = (value - target).max(SCALE) as f64;
            let step = theta * gap / norm as f64;
            for i in 0..n {
                if self.weight[i] == 0 {
                    continue;
                }
                let g = f64::from(1 - taken[i]);
                price[i] = (price[i] - (step * g) as i128).max(0);
            }
        }
        best.div_euclid(SCALE)
    }

    /// The greatest per-tier counts (and seats: one club each) whose weight
    /// is at most `most`, as a search key: no allocation beats it.
    pub fn key(&self, most: i128) -> Key {
        let mut rest = most.max(0);
        let counts: Vec<usize> = (self.tiers.iter())
            .map(|&(w, size)| {
                let k = (rest / w).min(size as i128);
                rest -= k * w;
                k as usize
            })
            .collect();
        let seats = counts.iter().sum();
        (counts, seats, Reverse(0))
    }

    /// The weight of an allocation's key (one club each).
    pub fn weight_of(&self, key: &Key) -> i128 {
        (self.tiers.iter().zip(&key.0))
            .map(|(&(w, _), &k)| w * k as i128)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::clubs::Choice;
    use crate::allocate::exhaustive;
    use crate::allocate::minimums::could_run;
    use crate::allocate::two_clubs::Part;
    use crate::model::{Days, Grades, Line, Session};
    use crate::rng::Rng;

    /// A tiny random school with one club each: 1–5 clubs, minimums up to
    /// their seats (some already running), 1–8 children of two tiers.
    fn school(rng: &mut Rng) -> (Vec<Applicant>, Vec<Club>, Vec<bool>) {
        let clubs: Vec<Club> = (0..1 + rng.below(5))
            .map(|i| {
                let capacity = 1 + rng.below(4) as u32;
                Club {
                    id: format!("K{i}"),
                    name: String::new(),
                    teacher: String::new(),
                    room: String::new(),
                    days: Days::WORKWEEK,
                    session: Session::Full,
                    capacity,
                    min: rng.below(capacity as usize + 1) as u32,
                    grades: Grades::ALL,
                    fee_fen: 0,
                    line: Line(i + 2),
                }
            })
            .collect();
        let running = (0..clubs.len()).map(|_| rng.chance(0.15)).collect();
        let applicants = (0..1 + rng.below(8))
            .map(|_| {
                let mut picks: Vec<usize> = (0..clubs.len()).collect();
                rng.shuffle(&mut picks);
                picks.truncate(1 + rng.below(3));
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
        (applicants, clubs, running)
    }

    /// On 1,000 tiny schools against every allocation (the exhaustive
    /// search): the Lagrangian bound, aimed at nothing or at the optimum
    /// itself, is never below the optimum — in weight and as per-tier
    /// counts — and it knows the minimums: on many schools it is below the
    /// best allocation that ignores them, and on most it is the optimum.
    #[test]
    fn the_bound_is_never_below_the_optimum() {
        let mut rng = Rng::new(26);
        let (mut schools, mut tight, mut below_free) = (0, 0, 0);
        for _ in 0..1000 {
            let (applicants, clubs, running) = school(&mut rng);
            let left: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
            let order: Vec<usize> = (0..applicants.len()).collect();
            let part = Part {
                applicants: &applicants,
                clubs: &clubs,
                left: &left,
                running: &running,
                order: &order,
                max_clubs: 1,
            };
            let optimum = |minimums| {
                let floor = (vec![0; tiers_of(&applicants).len()], 0, Reverse(u64::MAX));
                let (best, finished) = exhaustive::search(&part, minimums, floor);
                assert!(finished);
                let best = best.expect("no club at all is an allocation");
                super::super::bound::standing(&applicants, &best).key()
            };
            let (best, free) = (optimum(true), optimum(false));
            let could = could_run(&applicants, &clubs, &left, &running);
            let Some(l) = Lagrange::new(&applicants, &clubs, &left, &running, &could) else {
                continue;
            };
            schools += 1;
            let weight = l.weight_of(&best);
            for target in [0, weight] {
                let most = l.least(target);
                assert!(most >= weight, "bound {most} below the optimum's {weight}");
                let key = l.key(most);
                assert!(
                    (&key.0, key.1) >= (&best.0, best.1),
                    "{key:?} below the optimum {best:?}"
                );
            }
            let key = l.key(l.least(0));
            tight += usize::from((&key.0, key.1) == (&best.0, best.1));
            below_free += usize::from((&key.0, key.1) < (&free.0, free.1));
        }
        eprintln!("{schools} schools: the optimum on {tight}, below the free flow on {below_free}");
        assert!(schools >= 990, "only {schools} schools had a bound");
        assert!(tight * 10 >= schools * 8, "the optimum on only {tight}");
        assert!(
            below_free >= 50,
            "below the free optimum on only {below_free}"
        );
    }
}
