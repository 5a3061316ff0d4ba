//! Minimum-cost maximum flow, for placing students in clubs exactly.
//!
//! Primal–dual: a Dijkstra over reduced costs finds the length of the
//! shortest augmenting path, then a blocking flow (Dinic) pushes along every
//! path of that length at once. Edge costs must be non-negative. Costs are
//! `i128` so that lexicographic objectives (priority tiers, then ranks) fit in
//! one number for any school size.
//!
//! A solved network can be changed (edge capacities) and solved again from
//! where it was ([`Network::resolve`]), at a cost that grows with what the
//! change disturbs rather than with the network: the branch and bound over
//! club minimums solves one network hundreds of times.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

mod resolve;

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

    /// The flow on an edge added by [`Network::add_edge`].
    pub fn flow(&self, edge: usize) -> u32 {
        self.capacity[edge ^ 1]
    }

    /// Sends as much flow as possible from `source` to `sink` at the least
    /// cost; returns (flow, cost). Among equally good answers, edges added
    /// earlier are preferred, so the caller's insertion order breaks ties.
    pub fn min_cost_max_flow(&mut self, source: usize, sink: usize) -> (u64, i128) {
        let n = self.adjacency.len();
        let mut dual = std::mem::take(&mut self.dual);
        let (mut flow, mut cost) = (0u64, 0i128);
        let mut dist = vec![i128::MAX; n];
        let mut done = vec![false; n];
        loop {
            if !self.shortest_paths(source, sink, &mut dual, &mut dist, &mut done) {
                break;
            }
            let pushed = self.blocking_flow(source, sink, &dual);
            if pushed == 0 {
                break;
            }
            flow += pushed;
            cost += pushed as i128 * (dual[sink] - dual[source]);
        }
        self.dual = dual;
        (flow, cost)
    }

    fn reduced(&self, edge: usize, from: usize, dual: &[i128]) -> i128 {
        self.cost[edge] + dual[from] - dual[self.to[edge] as usize]
    }

    /// Dijkstra on reduced costs; then raises the duals so that every edge
    /// on a shortest path to the sink has reduced cost 0. False: sink unreachable.
    fn shortest_paths(
        &self,
        source: usize,
        sink: usize,
        dual: &mut [i128],
        dist: &mut [i128],
        done: &mut [bool],
    ) -> bool {
        dist.fill(i128::MAX);
        done.fill(false);
        dist[source] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0i128, source as u32)));
        while let Some(Reverse((d, v))) = heap.pop() {
            let v = v as usize;
            if done[v] {
                continue;
            }
            done[v] = true;
            if v == sink {
                break;
            }
            for &e in &self.adjacency[v] {
                let e = e as usize;
                if self.capacity[e] == 0 {
                    continue;
                }
                let w = self.to[e] as usize;
                let nd = d + self.reduced(e, v, dual);
                if nd < dist[w] {
                    dist[w] = nd;
                    heap.push(Reverse((nd, w as u32)));
                }
            }
        }
        if !done[sink] {
            return false;
        }
        let to_sink = dist[sink];
        for v in 0..dual.len() {
            if done[v] {
                dual[v] += dist[v] - to_sink;
            }
        }
        // Shift so that the source's dual stays 0 (a convention; only differences matter).
        let shift = dual[source];
        dual.iter_mut().for_each(|d| *d -= shift);
        true
    }

    /// Dinic's blocking flow restricted to edges of reduced cost 0.
    fn blocking_flow(&mut self, source: usize, sink: usize, dual: &[i128]) -> u64 {
        let n = self.adjacency.len();
        let mut total = 0u64;
        let mut level = vec![u32::MAX; n];
        let mut next_arc = vec![0usize; n];
        let mut queue = Vec::with_capacity(n);
        // The duals are fixed for the phase: which edges have reduced cost 0, once.
        let tight: Vec<bool> = (0..self.to.len())
            .map(|e| self.reduced(e, self.to[e ^ 1] as usize, dual) == 0)
            .collect();
        loop {
            level.fill(u32::MAX);
            level[source] = 0;
            queue.clear();
            queue.push(source);
            let mut head = 0;
            while head < queue.len() {
                let v = queue[head];
                head += 1;
                // Nodes as deep as the sink's level lead nowhere useful: stop.
                if level[sink] != u32::MAX && level[v] + 1 >= level[sink] {
                    break;
                }
                for &e in &self.adjacency[v] {
                    let e = e as usize;
                    let w = self.to[e] as usize;
                    if self.capacity[e] > 0 && level[w] == u32::MAX && tight[e] {
                        level[w] = level[v] + 1;
                        queue.push(w);
                    }
                }
            }
            if level[sink] == u32::MAX {
                return total;
            }
            next_arc.fill(0);
            // Iterative DFS: paths can be long (chains of students moving between clubs).
            let mut path: Vec<usize> = Vec::new();
            loop {
                let v = match path.last() {
                    Some(&e) => self.to[e] as usize,
                    None => source,
                };
                if v == sink {
                    let push = path.iter().map(|&e| self.capacity[e]).min().unwrap_or(0);
                    for &e in &path {
                        self.capacity[e] -= push;
                        self.capacity[e ^ 1] += push;
                    }
                    total += push as u64;
                    path.clear();
                    continue;
                }
                let mut advanced = false;
                while next_arc[v] < self.adjacency[v].len() {
                    let e = self.adjacency[v][next_arc[v]] as usize;
                    let w = self.to[e] as usize;
                    if self.capacity[e] > 0 && level[w] == level[v] + 1 && tight[e] {
                        path.push(e);
                        advanced = true;
                        break;
                    }
                    next_arc[v] += 1;
                }
                if !advanced {
                    // Dead end: retreat and skip the edge that led here.
                    match path.pop() {
                        Some(e) => {
                            let u = self.to[e ^ 1] as usize;
                            next_arc[u] += 1;
                        }
                        None => break,
                    }
                }
            }
        }
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
