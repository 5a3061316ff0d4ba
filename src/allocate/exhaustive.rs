//! Every allocation of a small part, searched depth first with pruning, for
//! more than one club per student: each student takes no club or any set of
//! their choices that do not clash, at most `max_clubs`. A branch is cut when
//! even every remaining student placed with their most seats, at no rank,
//! could not beat the best known — a bound on each count separately, hence
//! on the objective's order. Finishing proves the best.

use std::cmp::Reverse;

use super::clubs::clash;
use super::two_clubs::Part;

/// Applicants in a part up to which the exhaustive search is tried.
pub const SMALL: usize = 8;
/// Nodes searched before giving up (the part's result then stands unproven).
const NODE_LIMIT: usize = 20_000;

type Key = (Vec<usize>, usize, Reverse<u64>);

struct Walk<'p, 'a> {
    part: &'p Part<'a>,
    minimums: bool,
    /// Per position in the order: the sets of clubs that student may take, with their rank.
    options: Vec<Vec<(Vec<usize>, u64)>>,
    /// Per position: its tier's index.
    tier: Vec<usize>,
    /// From each position on: students with an option, per tier; most seats; wants per club.
    rest_tiers: Vec<Vec<usize>>,
    rest_seats: Vec<usize>,
    rest_wants: Vec<Vec<u32>>,
    left: Vec<u32>,
    count: Vec<u32>,
    chosen: Vec<usize>,
    placed: Vec<usize>,
    seats: usize,
    rank: u64,
    best: Option<(Key, Vec<usize>)>,
    floor: Key,
    nodes: usize,
}

/// An allocation strictly better than `floor`, if one exists, and whether the
/// search finished (so that the answer, or `floor`, is the best).
pub(super) fn search(part: &Part, minimums: bool, floor: Key) -> (Option<Vec<Vec<usize>>>, bool) {
    let tiers = super::bound::tiers_of(part.applicants);
    let order = part.order;
    let options: Vec<Vec<(Vec<usize>, u64)>> =
        (order.iter()).map(|&a| options_of(part, a)).collect();
    let tier: Vec<usize> = (order.iter())
        .map(|&a| {
            (tiers.iter())
                .position(|&t| t == part.applicants[a].tier)
                .unwrap_or(0)
        })
        .collect();
    let n = order.len();
    let mut rest_tiers = vec![vec![0usize; tiers.len()]; n + 1];
    let mut rest_seats = vec![0usize; n + 1];
    let mut rest_wants = vec![vec![0u32; part.clubs.len()]; n + 1];
    for i in (0..n).rev() {
        rest_tiers[i] = rest_tiers[i + 1].clone();
        rest_wants[i] = rest_wants[i + 1].clone();
        let most = options[i].iter().map(|o| o.0.len()).max().unwrap_or(0);
        if most > 0 {
            rest_tiers[i][tier[i]] += 1;
        }
        rest_seats[i] = rest_seats[i + 1] + most;
        for ch in &part.applicants[order[i]].choices {
            rest_wants[i][ch.club] += 1;
        }
    }
    let mut walk = Walk {
        part,
        minimums,
        options,
        tier,
        rest_tiers,
        rest_seats,
        rest_wants,
        left: part.left.to_vec(),
        count: vec![0; part.clubs.len()],
        chosen: vec![0; n],
        placed: vec![0; tiers.len()],
        seats: 0,
        rank: 0,
        best: None,
        floor,
        nodes: 0,
    };
    walk.go(0);
    let finished = walk.nodes < NODE_LIMIT;
    let better = walk.best.map(|(_, chosen)| {
        let mut assigned = vec![Vec::new(); part.applicants.len()];
        for (i, &o) in chosen.iter().enumerate() {
            assigned[order[i]] = walk.options[i][o].0.clone();
        }
        assigned
    });
    (better, finished)
}

/// Student `a`'s possible sets of clubs, most seats and least rank first.
fn options_of(part: &Part, a: usize) -> Vec<(Vec<usize>, u64)> {
    let choices = &part.applicants[a].choices;
    let mut out: Vec<(Vec<usize>, u64)> = vec![(Vec::new(), 0)];
    for ch in choices {
        let grown: Vec<(Vec<usize>, u64)> = (out.iter())
            .filter(|(set, _)| {
                set.len() < part.max_clubs
                    && !set
                        .iter()
                        .any(|&c| clash(&part.clubs[c], &part.clubs[ch.club]))
            })
            .map(|(set, rank)| {
                let mut set = set.clone();
                set.push(ch.club);
                (set, rank + ch.rank as u64)
            })
            .collect();
        out.extend(grown);
    }
    out.sort_by_key(|(set, rank)| (Reverse(set.len()), *rank));
    out
}

impl Walk<'_, '_> {
    fn bar(&self) -> &Key {
        self.best.as_ref().map_or(&self.floor, |b| &b.0)
    }

    fn go(&mut self, i: usize) {
        self.nodes += 1;
        if self.nodes >= NODE_LIMIT {
            return;
        }
        let hope: Vec<usize> = (self.placed.iter().zip(&self.rest_tiers[i]))
            .map(|(p, r)| p + r)
            .collect();
        if (hope, self.seats + self.rest_seats[i], Reverse(self.rank)) <= *self.bar() {
            return;
        }
        if self.minimums && self.cannot_reach_minimum(i) {
            return;
        }
        if i == self.chosen.len() {
            let key = (self.placed.clone(), self.seats, Reverse(self.rank));
            self.best = Some((key, self.chosen.clone()));
            return;
        }
        for o in 0..self.options[i].len() {
            let (set, rank) = self.options[i][o].clone();
            if set.iter().any(|&c| self.left[c] == 0) {
                continue;
            }
            self.take(i, &set, rank, true);
            self.chosen[i] = o;
            self.go(i + 1);
            self.take(i, &set, rank, false);
        }
    }

    /// Takes (or gives back) student `i`'s set of clubs.
    fn take(&mut self, i: usize, set: &[usize], rank: u64, on: bool) {
        for &c in set {
            if on {
                self.left[c] -= 1;
                self.count[c] += 1;
            } else {
                self.left[c] += 1;
                self.count[c] -= 1;
            }
        }
        if set.is_empty() {
            return;
        }
        let (placed, seats) = (&mut self.placed[self.tier[i]], set.len());
        if on {
            *placed += 1;
            self.seats += seats;
            self.rank += rank;
        } else {
            *placed -= 1;
            self.seats -= seats;
            self.rank -= rank;
        }
    }

    /// A club already holding students that the rest cannot bring to its minimum.
    fn cannot_reach_minimum(&self, i: usize) -> bool {
        let clubs = self.part.clubs;
        (0..clubs.len()).any(|c| {
            !self.part.running[c]
                && self.count[c] > 0
                && self.count[c] + self.rest_wants[i][c] < clubs[c].min
        })
    }
}
