//! `optimal` with minimums, exactly (one club per student): a branch and
//! bound over the clubs below their minimum — each either does not run or
//! runs with at least its minimum — whose every node is the exact min-cost
//! flow. A node's flow ignores the minimums not yet decided, so its score
//! bounds every node below it; nodes that cannot beat the best found are cut.
//! Objective, lexicographic: students placed per tier (highest first), then
//! the least total rank.
//!
//! One network serves every node: each is re-solved from the one before
//! ([`SeatFlow::resolve`]), so a node costs what its change disturbs. The
//! best node is solved afresh at the end, so which of equally good
//! allocations comes out (the lottery's tie-break) does not depend on the
//! path the search took.

use super::clubs::{Applicant, Outcome, flow_forced};
use super::seat_flow::SeatFlow;
use crate::model::Club;

/// Nodes searched per connected part before settling for the best found.
pub const NODE_LIMIT: usize = 256;

/// Work (edges looked at while re-solving, [`SeatFlow::steps`]) per
/// connected part before settling for the best found: a second limit, for
/// parts so large that 256 nodes would take minutes; about a second.
pub const STEP_LIMIT: u64 = 1 << 24;

/// Students placed per tier (highest first), then the negated total rank:
/// greater is better.
type Score = Vec<i64>;

struct Node {
    open: Vec<bool>,
    must: Vec<u32>,
}

/// The exact allocation under minimums; `order` has higher tiers first and
/// breaks ties. `running[c]`: the club has students already, its minimum no
/// longer applies.
pub fn search(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
    order: &[usize],
) -> Outcome {
    search_with(applicants, clubs, left, running, order, false)
}

/// [`search`]; `cold`: every node solved afresh (to test the re-solves against).
fn search_with(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
    order: &[usize],
    cold: bool,
) -> Outcome {
    let mut tiers: Vec<i32> = applicants.iter().map(|a| a.tier).collect();
    tiers.sort_unstable_by(|a, b| b.cmp(a));
    tiers.dedup();
    let score = |got: &[Option<usize>]| -> Score {
        let mut s = vec![0i64; tiers.len() + 1];
        for (a, c) in got.iter().enumerate() {
            let Some(c) = c else { continue };
            let t = tiers
                .iter()
                .position(|t| *t == applicants[a].tier)
                .unwrap_or(0);
            s[t] += 1;
            let rank = applicants[a].choices.iter().find(|ch| ch.club == *c);
            s[tiers.len()] -= rank.map_or(0, |ch| ch.rank as i64);
        }
        s
    };
    let mut best: Option<(Score, Vec<Option<usize>>, bool, Node)> = None;
    let could_run = could_run(applicants, clubs, left, running);
    let mut stack = vec![Node {
        open: could_run.clone(),
        must: vec![0; clubs.len()],
    }];
    let mut solver = Solver {
        applicants,
        left,
        order,
        could_run,
        network: None,
        cold,
    };
    let mut nodes = 0;
    let mut stopped = false;
    while let Some(node) = stack.pop() {
        // Past the limit: dive (close every club below its minimum) only
        // until something feasible is found, then stop.
        stopped |= nodes >= NODE_LIMIT || solver.steps() >= STEP_LIMIT;
        if stopped && best.is_some() {
            break;
        }
        nodes += 1;
        let (got, fresh) = solver.solve(&node);
        let count = counts(&got, clubs.len());
        if (0..clubs.len()).any(|c| count[c] < node.must[c]) {
            continue; // a club made to run cannot reach its minimum here
        }
        let s = score(&got);
        if best.as_ref().is_some_and(|(b, ..)| s <= *b) {
            continue;
        }
        let short = short_of(&got, &node, clubs, running);
        // The club furthest below its minimum; ties: file order.
        let furthest = (short.iter().copied())
            .max_by_key(|&c| (clubs[c].min - count[c], std::cmp::Reverse(c)));
        let Some(c) = furthest else {
            best = Some((s, got, fresh, node));
            continue;
        };
        let mut closed = Node {
            open: node.open.clone(),
            must: node.must.clone(),
        };
        closed.open[c] = false;
        if stopped {
            // Diving for something feasible: every club below its minimum closes.
            short.iter().for_each(|&c| closed.open[c] = false);
        }
        let mut runs = node;
        runs.must[c] = clubs[c].min;
        stack.push(closed);
        if !stopped {
            stack.push(runs);
        }
    }
    let got = match best {
        Some((_, got, true, _)) => got,
        Some((_, got, false, node)) => {
            // Another allocation as good may leave a club short: keep the one checked.
            let again = fresh(&node, applicants, left, order);
            let count = counts(&again, clubs.len());
            let counts_hold = (0..clubs.len()).all(|c| count[c] >= node.must[c]);
            if counts_hold && short_of(&again, &node, clubs, running).is_empty() {
                again
            } else {
                got
            }
        }
        None => vec![None; applicants.len()],
    };
    let count = counts(&got, clubs.len());
    let closed = (0..clubs.len())
        .filter(|&c| !running[c] && clubs[c].min > 0 && count[c] == 0)
        .collect();
    Outcome {
        assigned: got.into_iter().map(|c| c.into_iter().collect()).collect(),
        closed,
        proven: !stopped,
    }
}

/// The clubs below their minimum in `got` that the node has not decided
/// (not running already, not made to run, not empty).
fn short_of(got: &[Option<usize>], node: &Node, clubs: &[Club], running: &[bool]) -> Vec<usize> {
    let count = counts(got, clubs.len());
    (0..clubs.len())
        .filter(|&c| !running[c] && node.must[c] == 0 && count[c] > 0 && count[c] < clubs[c].min)
        .collect()
}

/// Students per club.
fn counts(got: &[Option<usize>], clubs: usize) -> Vec<u32> {
    let mut count = vec![0u32; clubs];
    got.iter().flatten().for_each(|&c| count[c] += 1);
    count
}

/// The clubs that could run: not those with fewer students who chose them
/// (or fewer seats) than their minimum, which never can (unless running).
fn could_run(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
) -> Vec<bool> {
    let mut chosen = vec![0u32; clubs.len()];
    (applicants.iter().flat_map(|a| &a.choices)).for_each(|ch| chosen[ch.club] += 1);
    (0..clubs.len())
        .map(|c| running[c] || (chosen[c].min(left[c]) >= clubs[c].min))
        .collect()
}

/// Solves the search's nodes: the first afresh, each next one from where
/// the one before left the network.
struct Solver<'a> {
    applicants: &'a [Applicant],
    left: &'a [u32],
    order: &'a [usize],
    /// The clubs that could ever run: the network has edges to these only.
    could_run: Vec<bool>,
    network: Option<SeatFlow>,
    /// The network could not be re-solved (see [`SeatFlow::resolve`]):
    /// every node is solved afresh.
    cold: bool,
}

impl Solver<'_> {
    fn steps(&self) -> u64 {
        self.network.as_ref().map_or(0, SeatFlow::steps)
    }

    /// The node's exact allocation, and whether it was solved afresh (its
    /// ties then go by the lottery order alone).
    fn solve(&mut self, node: &Node) -> (Vec<Option<usize>>, bool) {
        if self.cold {
            return (fresh(node, self.applicants, self.left, self.order), true);
        }
        let Some(network) = &mut self.network else {
            let no_minimum = vec![0; self.left.len()];
            let could_run = &self.could_run;
            let mut network = SeatFlow::new(
                self.applicants,
                self.left,
                &no_minimum,
                self.order,
                |_, c| could_run[c],
                true,
            );
            let got = network.solve_kept();
            self.network = Some(network);
            if node.open == self.could_run && node.must.iter().all(|&m| m == 0) {
                return (got, true);
            }
            return self.solve(node);
        };
        match network.resolve(&node.open, &node.must) {
            Some(got) => (got, false),
            None => {
                (self.network, self.cold) = (None, true);
                self.solve(node)
            }
        }
    }
}

/// The node's exact allocation, solved afresh: ties go by `order` alone.
fn fresh(
    node: &Node,
    applicants: &[Applicant],
    left: &[u32],
    order: &[usize],
) -> Vec<Option<usize>> {
    let seats: Vec<u32> = (0..left.len())
        .map(|c| if node.open[c] { left[c] } else { 0 })
        .collect();
    flow_forced(applicants, &seats, &node.must, order, |_, c| node.open[c])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::clubs::Choice;
    use crate::model::{Days, Grades, Line, Session};
    use crate::rng::Rng;

    fn club(min: u32, capacity: u32) -> Club {
        Club {
            id: String::new(),
            name: String::new(),
            teacher: String::new(),
            room: String::new(),
            days: Days::WORKWEEK,
            session: Session::Full,
            capacity,
            min,
            grades: Grades::ALL,
            fee_fen: 0,
            line: Line(0),
        }
    }

    /// Students placed per tier (1 then 0), then total rank.
    fn score(applicants: &[Applicant], got: &Outcome) -> (usize, usize, u32) {
        let mut s = (0, 0, 0);
        for (a, clubs) in applicants.iter().zip(&got.assigned) {
            for c in clubs {
                *(if a.tier == 1 { &mut s.0 } else { &mut s.1 }) += 1;
                s.2 += a
                    .choices
                    .iter()
                    .find(|ch| ch.club == *c)
                    .map_or(0, |ch| ch.rank);
            }
        }
        s
    }

    #[test]
    fn re_solving_each_node_finds_what_solving_afresh_finds() {
        let mut rng = Rng::new(5);
        let mut branched = 0;
        for _ in 0..300 {
            let n = 10 + rng.below(50);
            let clubs: Vec<Club> = (0..2 + rng.below(10))
                .map(|_| club(rng.below(8) as u32, 1 + rng.below(12) as u32))
                .collect();
            let applicants: Vec<Applicant> = (0..n)
                .map(|_| {
                    let mut choices: Vec<Choice> = Vec::new();
                    for rank in 1..=1 + rng.below(3) as u32 {
                        let club = rng.below(clubs.len());
                        if choices.iter().all(|ch| ch.club != club) {
                            choices.push(Choice { club, rank });
                        }
                    }
                    Applicant {
                        tier: i32::from(rng.chance(0.2)),
                        choices,
                    }
                })
                .collect();
            let left: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
            let running = vec![false; clubs.len()];
            let order: Vec<usize> = (0..n).collect();
            let order = super::super::clubs::tiers_first(&applicants, &order);
            let warm = search_with(&applicants, &clubs, &left, &running, &order, false);
            let cold = search_with(&applicants, &clubs, &left, &running, &order, true);
            if warm.proven && cold.proven {
                assert_eq!(score(&applicants, &warm), score(&applicants, &cold));
                branched += usize::from(!warm.closed.is_empty());
            }
        }
        assert!(branched > 30, "too few searches closed a club: {branched}");
    }
}
