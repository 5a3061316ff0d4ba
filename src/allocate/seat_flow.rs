//! The exact one-club allocation as a min-cost flow: students placed per
//! tier (highest first), then the least total rank; seats a club *must*
//! fill (to reach its minimum) are filled before anything else.
//!
//! The network can be solved once ([`SeatFlow::solve`]) or kept and
//! re-solved for other clubs closed and other seats forced
//! ([`SeatFlow::resolve`]), which is what the search over minimums does at
//! every node.

use super::clubs::{Applicant, Choice, clash};
use super::flow::Network;
use crate::model::Club;

const SOURCE: usize = 0;
const SINK: usize = 1;

/// More than one club per student: each student `a` may take up to
/// `caps[a]` clubs of their choices, at most one of each group of choices
/// that pairwise clash. Exact where a student's choices' clashes fall into
/// such groups (clubs meeting on the same days, as most schools run them);
/// otherwise a relaxation: a student may get two clubs that clash, and the
/// caller repairs that.
#[derive(Clone, Copy)]
pub(super) struct Several<'a> {
    pub clubs: &'a [Club],
    pub caps: &'a [u32],
}

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
    /// The node of club 0 (club `c` is `first_club + c`).
    first_club: usize,
    /// Per edge: it carries a student's first seat from the source.
    first_seat: Vec<bool>,
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
        SeatFlow::build(applicants, left, must, order, allowed, resolvable, None)
    }

    /// [`SeatFlow::new`] with more than one club per student ([`Several`]).
    /// A student's first seat earns their tier's weight, every seat costs
    /// its rank: the most students per tier, then the most seats, then the
    /// least total rank.
    pub fn several(
        applicants: &[Applicant],
        left: &[u32],
        must: &[u32],
        order: &[usize],
        allowed: impl Fn(usize, usize) -> bool,
        several: Several,
    ) -> SeatFlow {
        SeatFlow::build(applicants, left, must, order, allowed, true, Some(several))
    }

    fn build(
        applicants: &[Applicant],
        left: &[u32],
        must: &[u32],
        order: &[usize],
        allowed: impl Fn(usize, usize) -> bool,
        resolvable: bool,
        several: Option<Several>,
    ) -> SeatFlow {
        let n = applicants.len();
        let cap = |a: usize| several.map_or(1, |s| s.caps[a].max(1));
        let units: usize = (0..n).map(|a| cap(a) as usize).sum();
        let costs = Costs::of(applicants, units, several.is_some());
        let forced = resolvable || must.iter().any(|&m| m > 0);
        let bonus = if forced { costs.forced_bonus } else { 0 };
        // Per student with more than one seat, their choices in clashing groups.
        let groups: Vec<Vec<Vec<Choice>>> = (0..n)
            .map(|a| match several {
                Some(s) if cap(a) > 1 => {
                    let fits = (applicants[a].choices.iter())
                        .filter(|ch| left[ch.club] > 0 && allowed(a, ch.club))
                        .copied()
                        .collect();
                    clashing_groups(fits, s.clubs)
                }
                _ => Vec::new(),
            })
            .collect();
        let group_nodes: usize = groups.iter().map(Vec::len).sum();
        let student_node = |a: usize| 2 + a;
        let club_node = |c: usize| 2 + n + group_nodes + c;
        let mut net = Network::new(2 + n + group_nodes + left.len());
        let mut placements = Vec::new();
        let mut firsts = Vec::new();
        let mut group_node = 2 + n;
        for &a in order {
            let applicant = &applicants[a];
            if cap(a) > 1 {
                if groups[a].is_empty() {
                    continue;
                }
                let (first, more) = costs.of_student(applicant.tier);
                firsts.push(net.add_edge(SOURCE, student_node(a), 1, first));
                net.add_edge(SOURCE, student_node(a), cap(a) - 1, more);
                for group in &groups[a] {
                    net.add_edge(student_node(a), group_node, 1, 0);
                    for ch in group {
                        let e = net.add_edge(group_node, club_node(ch.club), 1, ch.rank as i128);
                        placements.push((a, ch.club, e));
                    }
                    group_node += 1;
                }
                continue;
            }
            let mut any = false;
            for ch in &applicant.choices {
                if left[ch.club] == 0 || !allowed(a, ch.club) {
                    continue;
                }
                let cost = match several {
                    Some(_) => costs.of_student(applicant.tier).0 + ch.rank as i128,
                    None => costs.of_placement(applicant.tier, ch.rank),
                };
                let e = net.add_edge(student_node(a), club_node(ch.club), 1, cost);
                placements.push((a, ch.club, e));
                any = true;
            }
            if any {
                firsts.push(net.add_edge(SOURCE, student_node(a), 1, 0));
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
            placements,
            must_edge,
            rest_edge,
            seats: left.to_vec(),
            applicants: n,
            first_club: club_node(0),
            first_seat: {
                let mut mask = vec![false; net.edges()];
                firsts.iter().for_each(|&e| mask[e] = true);
                mask
            },
            net,
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

    /// Re-solves with `seats[c]` seats in club `c` (0: it does not run; more
    /// than it was built with: more seats) and `must[c]` of them forced.
    /// Clubs built without seats stay without. `None` as for [`SeatFlow::resolve`].
    pub fn resolve_seats(&mut self, seats: &[u32], must: &[u32]) -> Option<Vec<Vec<usize>>> {
        let mut changes = Vec::new();
        for (c, &seats) in seats.iter().enumerate() {
            let must = must[c].min(seats);
            if let (Some(m), Some(r)) = (self.must_edge[c], self.rest_edge[c]) {
                changes.extend([(m, must), (r, seats - must)]);
            }
        }
        (self.net.resolve(SOURCE, SINK, &changes)).then(|| self.held())
    }

    /// Per club: some student could still be routed to it (through others
    /// moving), so a seat more there places someone more or gives a seat more.
    pub fn wanted_more(&self) -> Vec<bool> {
        let reached = self.net.reachable(SOURCE, SINK);
        (0..self.seats.len())
            .map(|c| reached[self.first_club + c])
            .collect()
    }

    /// How many students without a seat could still be routed to club `c`
    /// (others moving along), at most `limit`: with that many more seats
    /// there, that many more students are placed.
    pub fn spare_for(&self, c: usize, limit: u32) -> u32 {
        (self.net).spare(SOURCE, &self.first_seat, self.first_club + c, SINK, limit)
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

    /// Solves the network as built and keeps it: each applicant's clubs.
    pub fn solve_all(&mut self) -> Vec<Vec<usize>> {
        self.net.min_cost_max_flow(SOURCE, SINK);
        self.held()
    }

    /// [`SeatFlow::resolve`], each applicant's clubs.
    pub fn resolve_all(&mut self, open: &[bool], must: &[u32]) -> Option<Vec<Vec<usize>>> {
        self.resolve(open, must).map(|_| self.held())
    }

    /// Each applicant's clubs in the current flow.
    fn held(&self) -> Vec<Vec<usize>> {
        let mut got = vec![Vec::new(); self.applicants];
        for &(a, c, e) in &self.placements {
            if self.net.flow(e) > 0 {
                got[a].push(c);
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
    /// `units`: the seats all students together may take; `several`: more
    /// than one each (a student's weight is then earned once, on the source's
    /// first unit, and every seat costs its rank).
    fn of(applicants: &[Applicant], units: usize, several: bool) -> Costs {
        let n = applicants.len() as i128;
        let units = units as i128;
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
        let mut w: i128 = max_rank * units + 1;
        for t in (0..tiers.len()).rev() {
            weight[t] = (tiers[t], w);
            w = w.saturating_mul(n + 1);
        }
        let top = weight.first().map_or(0, |w| w.1);
        // Every unit costs at most `top` (+ its rank with several each).
        let most = if several {
            top.saturating_add(max_rank)
        } else {
            top
        };
        Costs {
            weight,
            top,
            forced_bonus: most.saturating_mul(units + 1),
        }
    }

    /// With several seats each: (a student's first seat, each further seat),
    /// before their ranks.
    fn of_student(&self, tier: i32) -> (i128, i128) {
        let weight = (self.weight.iter())
            .find(|w| w.0 == tier)
            .map_or(self.top, |w| w.1);
        (self.top - weight, self.top)
    }

    /// Non-negative: `top` is the highest weight, rank >= 1.
    fn of_placement(&self, tier: i32, rank: u32) -> i128 {
        let weight = (self.weight.iter())
            .find(|w| w.0 == tier)
            .map_or(self.top, |w| w.1);
        self.top - weight + rank as i128
    }
}

/// Choices in groups that pairwise clash (each choice, best first, joins the
/// first group it clashes with all of).
pub(super) fn clashing_groups(mut choices: Vec<Choice>, clubs: &[Club]) -> Vec<Vec<Choice>> {
    let mut groups: Vec<Vec<Choice>> = Vec::new();
    choices.sort_by_key(|ch| ch.rank);
    for ch in choices {
        let joins =
            (groups.iter_mut()).find(|g| g.iter().all(|m| clash(&clubs[m.club], &clubs[ch.club])));
        match joins {
            Some(group) => group.push(ch),
            None => groups.push(vec![ch]),
        }
    }
    groups
}
