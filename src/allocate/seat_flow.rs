//! The exact one-club allocation as a min-cost flow: students placed per
//! tier (highest first), then the least total rank; seats a club *must*
//! fill (to reach its minimum) are filled before anything else.
//!
//! The network can be solved once ([`SeatFlow::solve`]) or kept and
//! re-solved for other clubs closed and other seats forced
//! ([`SeatFlow::resolve`]), which is what the search over minimums does at
//! every node.

use super::clubs::Applicant;
use super::flow::Network;

const SOURCE: usize = 0;
const SINK: usize = 1;

pub(super) struct SeatFlow {
    net: Network,
    /// (applicant, club, edge) of every admissible placement.
    placements: Vec<(usize, usize, usize)>,
    /// Per club: the edge of the seats it must fill (cost 0) and of its other
    /// seats (costing more than any placement is worth); `None` without seats.
    must_edge: Vec<Option<usize>>,
    rest_edge: Vec<Option<usize>>,
    seats: Vec<u32>,
    applicants: usize,
}

impl SeatFlow {
    /// The network for `applicants` and `left[c]` free seats per club, club
    /// `c` forced to take `must[c]` if it can; `allowed(a, c)`: applicant `a`
    /// may be placed in `c`. Edges follow `order`, so among equally good
    /// allocations those earlier in it are served first. `resolvable`: every
    /// club gets both seat edges, whatever `must` says now, so that
    /// [`SeatFlow::resolve`] can force seats later.
    pub fn new(
        applicants: &[Applicant],
        left: &[u32],
        must: &[u32],
        order: &[usize],
        allowed: impl Fn(usize, usize) -> bool,
        resolvable: bool,
    ) -> SeatFlow {
        let n = applicants.len();
        let costs = Costs::of(applicants);
        let forced = resolvable || must.iter().any(|&m| m > 0);
        let bonus = if forced { costs.forced_bonus } else { 0 };
        let student_node = |a: usize| 2 + a;
        let club_node = |c: usize| 2 + n + c;
        let mut net = Network::new(2 + n + left.len());
        let mut placements = Vec::new();
        for &a in order {
            let applicant = &applicants[a];
            let mut any = false;
            for ch in &applicant.choices {
                if left[ch.club] == 0 || !allowed(a, ch.club) {
                    continue;
                }
                let cost = costs.of_placement(applicant.tier, ch.rank);
                let e = net.add_edge(student_node(a), club_node(ch.club), 1, cost);
                placements.push((a, ch.club, e));
                any = true;
            }
            if any {
                net.add_edge(SOURCE, student_node(a), 1, 0);
            }
        }
        let (mut must_edge, mut rest_edge) = (vec![None; left.len()], vec![None; left.len()]);
        for (c, &seats) in left.iter().enumerate() {
            let must = must[c].min(seats);
            if must > 0 || (resolvable && seats > 0) {
                must_edge[c] = Some(net.add_edge(club_node(c), SINK, must, 0));
            }
            if seats > must || (resolvable && seats > 0) {
                rest_edge[c] = Some(net.add_edge(club_node(c), SINK, seats - must, bonus));
            }
        }
        SeatFlow {
            net,
            placements,
            must_edge,
            rest_edge,
            seats: left.to_vec(),
            applicants: n,
        }
    }

    /// Solves the network as built: each applicant's club, if any.
    pub fn solve(mut self) -> Vec<Option<usize>> {
        self.solve_kept()
    }

    /// Solves the network as built and keeps it for [`SeatFlow::resolve`].
    pub fn solve_kept(&mut self) -> Vec<Option<usize>> {
        self.net.min_cost_max_flow(SOURCE, SINK);
        self.placed()
    }

    /// Re-solves, from the last solution, with only the clubs `open[c]`
    /// running and club `c` forced to take `must[c]`. `None` when this
    /// network cannot be re-solved (see [`Network::resolve`]): build afresh.
    pub fn resolve(&mut self, open: &[bool], must: &[u32]) -> Option<Vec<Option<usize>>> {
        let mut changes = Vec::new();
        for (c, &seats) in self.seats.iter().enumerate() {
            let seats = if open[c] { seats } else { 0 };
            let must = must[c].min(seats);
            if let (Some(m), Some(r)) = (self.must_edge[c], self.rest_edge[c]) {
                changes.extend([(m, must), (r, seats - must)]);
            }
        }
        self.net
            .resolve(SOURCE, SINK, &changes)
            .then(|| self.placed())
    }

    /// The work of the re-solves so far (see [`Network::steps`]).
    pub fn steps(&self) -> u64 {
        self.net.steps()
    }

    fn placed(&self) -> Vec<Option<usize>> {
        let mut got = vec![None; self.applicants];
        for &(a, c, e) in &self.placements {
            if self.net.flow(e) > 0 {
                got[a] = Some(c);
            }
        }
        got
    }
}

/// Costs that put every placement of a higher tier above any number of
/// placements of lower tiers, and any placement above any saving in rank.
struct Costs {
    /// Per tier (highest first): the tier and its weight.
    weight: Vec<(i32, i128)>,
    top: i128,
    /// What a seat that is not forced costs: more than any placement is worth.
    forced_bonus: i128,
}

impl Costs {
    fn of(applicants: &[Applicant]) -> Costs {
        let n = applicants.len() as i128;
        let max_rank = (applicants.iter())
            .flat_map(|a| a.choices.iter().map(|c| c.rank))
            .max()
            .unwrap_or(0) as i128;
        let mut tiers: Vec<i32> = applicants.iter().map(|a| a.tier).collect();
        tiers.sort_unstable_by(|a, b| b.cmp(a));
        tiers.dedup();
        // The lowest tier's weight exceeds any total of ranks; each tier above
        // outweighs everyone below it placed.
        let mut weight = vec![(0, 0i128); tiers.len()];
        let mut w: i128 = max_rank * n + 1;
        for t in (0..tiers.len()).rev() {
            weight[t] = (tiers[t], w);
            w = w.saturating_mul(n + 1);
        }
        let top = weight.first().map_or(0, |w| w.1);
        Costs {
            weight,
            top,
            forced_bonus: top.saturating_mul(n + 1),
        }
    }

    /// Non-negative: `top` is the highest weight, rank >= 1.
    fn of_placement(&self, tier: i32, rank: u32) -> i128 {
        let weight = (self.weight.iter())
            .find(|w| w.0 == tier)
            .map_or(self.top, |w| w.1);
        self.top - weight + rank as i128
    }
}
