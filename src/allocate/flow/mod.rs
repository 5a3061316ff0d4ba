//! Minimum-cost maximum flow, for placing students in clubs exactly.
//!
//! Primal–dual: each phase finds the length of the shortest augmenting path
//! by a Dijkstra over reduced costs, searched from the sink backwards so that
//! it looks only at what can reach the sink more cheaply than the source can
//! (see [`phase`]), then pushes flow along every path of that length. Edge
//! costs must be non-negative. Costs are `i128` so that lexicographic
//! objectives (priority tiers, then ranks) fit in one number for any school
//! size.
//!
//! A solved network can be changed (edge capacities) and solved again from
//! where it was ([`Network::resolve`]), at a cost that grows with what the
//! change disturbs rather than with the network: the branch and bound over
//! club minimums solves one network hundreds of times.

mod phase;
#[cfg(test)]
mod reference;
mod resolve;
mod spare;

use phase::Phases;

#[derive(Debug, Clone)]
pub struct Network {
    adjacency: Vec<Vec<u32>>,
    to: Vec<u32>,
    capacity: Vec<u32>,
    cost: Vec<i128>,
    /// Node potentials after a solve: every edge with residual capacity has
    /// a non-negative reduced cost (the flow's certificate of optimality).
    dual: Vec<i128>,
    /// Set by the first [`Network::resolve`], which sees the flow as a
    /// min-cost circulation: a return edge from the sink to the source whose
    /// cost is so negative that any unit of flow pays for every path it could take.
    circulation: bool,
    /// Edges looked at by re-solves so far: the measure of their work.
    steps: u64,
}

/// Capacity of the return edge: more than any flow.
const UNLIMITED: u32 = u32::MAX / 2;

impl Network {
    pub fn new(nodes: usize) -> Network {
        Network {
            adjacency: vec![Vec::new(); nodes],
            to: Vec::new(),
            capacity: Vec::new(),
            cost: Vec::new(),
            dual: vec![0; nodes],
            circulation: false,
            steps: 0,
        }
    }

    /// Adds an edge and returns its id (its residual twin is `id ^ 1`).
    pub fn add_edge(&mut self, from: usize, to: usize, capacity: u32, cost: i128) -> usize {
        debug_assert!(cost >= 0, "costs must be non-negative");
        debug_assert!(!self.circulation, "edges are added before re-solving");
        self.push_edge(from, to, capacity, cost)
    }

    fn push_edge(&mut self, from: usize, to: usize, capacity: u32, cost: i128) -> usize {
        let id = self.to.len();
        self.to.extend([to as u32, from as u32]);
        self.capacity.extend([capacity, 0]);
        self.cost.extend([cost, -cost]);
        self.adjacency[from].push(id as u32);
        self.adjacency[to].push(id as u32 + 1);
        id
    }

    /// Edges looked at by [`Network::resolve`] so far, a measure of its work
    /// that does not depend on the machine.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The nodes `from` reaches along edges with capacity left (in the
    /// residual network), going no further than `stop`: after a maximum flow
    /// from the source (`stop` the sink), a club node reached is one to which
    /// some student could still be routed.
    pub fn reachable(&self, from: usize, stop: usize) -> Vec<bool> {
        let mut reached = vec![false; self.adjacency.len()];
        reached[from] = true;
        let mut queue = vec![from];
        while let Some(v) = queue.pop() {
            if v == stop {
                continue;
            }
            for &e in &self.adjacency[v] {
                let w = self.to[e as usize] as usize;
                if self.capacity[e as usize] > 0 && !reached[w] {
                    reached[w] = true;
                    queue.push(w);
                }
            }
        }
        reached
    }

    /// How many edges have been added (ids run below it).
    pub fn edges(&self) -> usize {
        self.to.len()
    }

    /// The flow on an edge added by [`Network::add_edge`].
    pub fn flow(&self, edge: usize) -> u32 {
        self.capacity[edge ^ 1]
    }

    /// Sends as much flow as possible from `source` to `sink` at the least
    /// cost; returns (flow, cost). Among equally good answers, edges added
    /// earlier are preferred, so the caller's insertion order breaks ties.
    pub fn min_cost_max_flow(&mut self, source: usize, sink: usize) -> (u64, i128) {
        let mut phases = Phases::new(self);
        let (mut flow, mut cost) = (0u64, 0i128);
        while phases.shortest_path(self, source, sink).is_some() {
            let pushed = phases.push_all_tight_paths(self, source, sink);
            debug_assert!(pushed > 0, "a shortest path is tight once the duals rise");
            if pushed == 0 {
                break;
            }
            flow += pushed;
            cost += pushed as i128 * (self.dual[sink] - self.dual[source]);
        }
        (flow, cost)
    }

    fn reduced(&self, edge: usize, from: usize, dual: &[i128]) -> i128 {
        self.cost[edge] + dual[from] - dual[self.to[edge] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_cheap_paths_and_moves_students_along() {
        // Two students, two one-seat clubs. Student 0 likes club A (cost 1) or
        // B (cost 2); student 1 can only take A (cost 1). Best: 0→B, 1→A.
        let (s, t, st0, st1, a, b) = (0, 1, 2, 3, 4, 5);
        let mut net = Network::new(6);
        net.add_edge(s, st0, 1, 0);
        net.add_edge(s, st1, 1, 0);
        let e0a = net.add_edge(st0, a, 1, 1);
        let e0b = net.add_edge(st0, b, 1, 2);
        let e1a = net.add_edge(st1, a, 1, 1);
        net.add_edge(a, t, 1, 0);
        net.add_edge(b, t, 1, 0);
        assert_eq!(net.min_cost_max_flow(s, t), (2, 3));
        assert_eq!((net.flow(e0a), net.flow(e0b), net.flow(e1a)), (0, 1, 1));
    }

    /// A random bipartite network (source 0, sink 1, students, clubs) and
    /// the edges from clubs to the sink, with their costs.
    fn random(rng: &mut crate::rng::Rng) -> (Network, Vec<(usize, i128)>, Vec<usize>) {
        let (students, clubs) = (1 + rng.below(8), 1 + rng.below(4));
        let mut net = Network::new(2 + students + clubs);
        let mut costs = Vec::new();
        for s in 0..students {
            costs.push((net.add_edge(0, 2 + s, 1, 0), 0));
            for c in 0..clubs {
                if rng.chance(0.6) {
                    let cost = rng.below(20) as i128;
                    costs.push((net.add_edge(2 + s, 2 + students + c, 1, cost), cost));
                }
            }
        }
        let mut seats = Vec::new();
        for c in 0..clubs {
            let cost = rng.below(3) as i128 * 100;
            let e = net.add_edge(2 + students + c, 1, rng.below(4) as u32, cost);
            costs.push((e, cost));
            seats.push(e);
        }
        (net, costs, seats)
    }

    fn value(net: &Network, costs: &[(usize, i128)]) -> (u64, i128) {
        let flow = (net.adjacency[0].iter())
            .filter(|&&e| e.is_multiple_of(2))
            .map(|&e| net.flow(e as usize) as u64)
            .sum();
        let cost = costs.iter().map(|&(e, c)| net.flow(e) as i128 * c).sum();
        (flow, cost)
    }

    #[test]
    fn resolving_after_changes_matches_solving_afresh() {
        let mut rng = crate::rng::Rng::new(11);
        for _ in 0..3000 {
            let (mut net, costs, seats) = random(&mut rng);
            let fresh_copy = net.clone();
            net.min_cost_max_flow(0, 1);
            for _ in 0..4 {
                let changes: Vec<(usize, u32)> = (seats.iter())
                    .filter_map(|&e| {
                        let change = rng.chance(0.5);
                        let to = rng.below(4) as u32;
                        change.then_some((e, to))
                    })
                    .collect();
                assert!(net.resolve(0, 1, &changes));
                let mut fresh = fresh_copy.clone();
                for &e in &seats {
                    let now = net.capacity[e] + net.capacity[e ^ 1];
                    fresh.capacity[e] = now;
                }
                let want = fresh.min_cost_max_flow(0, 1);
                assert_eq!(value(&net, &costs), want);
                // Capacities hold and every node but the ends is balanced.
                for v in 2..net.adjacency.len() {
                    let through: i64 = (net.adjacency[v].iter())
                        .map(|&e| {
                            let e = e as usize;
                            if e.is_multiple_of(2) {
                                net.flow(e) as i64
                            } else {
                                -(net.flow(e ^ 1) as i64)
                            }
                        })
                        .sum();
                    assert_eq!(through, 0, "node {v} unbalanced");
                }
            }
        }
    }
}
