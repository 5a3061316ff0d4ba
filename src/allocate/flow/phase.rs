//! One phase of the first solve, searched from the sink backwards.
//!
//! Searching from the source would look at every child not yet placed in
//! every phase (the source has an edge to each of them), so the work would
//! grow with the school times the number of phases. From the sink, a phase
//! looks only at the clubs with room and at what can reach them more cheaply
//! than the source can: a few thousand nodes on a 200,000-child school.
//! Each node's incoming arcs are sorted by cost, so arcs far too dear for
//! this phase (a lower tier's placements, while a higher tier is being
//! placed) are never looked at.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Network;

mod tight;

/// A heap entry for the rest of a node's incoming arcs rather than the node.
const MORE_ARCS: u32 = 1 << 31;

/// Depth-first search states (per phase).
const UNSEEN: u8 = 0;
const ON_PATH: u8 = 1;
const DEAD_END: u8 = 2;
/// Left the path after an augmentation: may be entered again, its arc kept.
const OFF_PATH: u8 = 3;

pub(super) struct Phases {
    /// Per node `v`, `into[start[v]..start[v + 1]]`: the entries `e` of its
    /// adjacency (the arc `e ^ 1` enters `v`), cheapest arc first, ties in
    /// the order the edges were added.
    start: Vec<u32>,
    into: Vec<u32>,
    /// Per entry of `into`, the arc's cost and the node it leaves (read in
    /// order, not looked up across the network).
    into_cost: Vec<i128>,
    into_tail: Vec<u32>,
    /// No node's dual is below this during the solve (duals only rise), so
    /// an arc's cost minus this bounds its reduced cost from below.
    lowest_dual: i128,
    /// Distance to the sink over reduced costs (shortest once settled).
    dist: Vec<i128>,
    settled: Vec<bool>,
    /// Per node, the next of its `into` arcs to look at (search, then path).
    next: Vec<u32>,
    touched: Vec<usize>,
    settled_order: Vec<usize>,
    heap: BinaryHeap<Reverse<(i128, u32)>>,
    state: Vec<u8>,
    walked: Vec<usize>,
    /// Arcs that an augmentation opened into a node after its `next` had
    /// passed them: per node the first (`NONE` if none), then a list of
    /// (entry, next) pairs.
    opened: Vec<u32>,
    opened_list: Vec<(u32, u32)>,
    /// Per node, the fewest tight arcs with room it takes to the sink
    /// (`NONE` if it cannot or was not reached), for Dinic's rounds; the
    /// nodes labelled, in the order labelled.
    level: Vec<u32>,
    levelled: Vec<usize>,
    /// The search keeps to the levels (each arc one level nearer the sink).
    by_level: bool,
    /// The search passed a tight arc from a node on its path: a node it
    /// left as a dead end may not be one.
    passed_path: bool,
    sink: usize,
}

const NONE: u32 = u32::MAX;

impl Phases {
    pub fn new(net: &Network) -> Phases {
        let n = net.adjacency.len();
        assert!(n < MORE_ARCS as usize, "too many nodes");
        let arcs = net.to.len();
        let (mut start, mut into) = (Vec::with_capacity(n + 1), Vec::with_capacity(arcs));
        let (mut into_cost, mut into_tail) = (Vec::with_capacity(arcs), Vec::with_capacity(arcs));
        let mut node: Vec<(i128, u32)> = Vec::new();
        start.push(0);
        for edges in &net.adjacency {
            node.clear();
            node.extend(edges.iter().map(|&e| (net.cost[e as usize ^ 1], e)));
            node.sort_by_key(|&(cost, _)| cost); // stable: ties keep the order added
            for &(cost, e) in &node {
                into.push(e);
                into_cost.push(cost);
                into_tail.push(net.to[e as usize]);
            }
            start.push(into.len() as u32);
        }
        Phases {
            start,
            into,
            into_cost,
            into_tail,
            lowest_dual: net.dual.iter().copied().min().unwrap_or(0),
            dist: vec![i128::MAX; n],
            settled: vec![false; n],
            next: vec![0; n],
            touched: Vec::new(),
            settled_order: Vec::new(),
            heap: BinaryHeap::new(),
            state: vec![UNSEEN; n],
            walked: Vec::new(),
            opened: vec![NONE; n],
            opened_list: Vec::new(),
            level: vec![NONE; n],
            levelled: Vec::new(),
            by_level: false,
            passed_path: false,
            sink: 0,
        }
    }

    /// The reduced cost of every arc into `v` from entry `i` of `into` on is
    /// at least this.
    fn floor(&self, net: &Network, v: usize, i: usize) -> i128 {
        self.into_cost[i] + self.lowest_dual - net.dual[v]
    }

    /// Dijkstra from the sink over reversed arcs with room, until the source
    /// is settled; then raises the duals of the settled nodes so that every
    /// arc on a shortest path has reduced cost 0 and none goes negative.
    /// Returns the length of the shortest path, `None` if there is none.
    pub fn shortest_path(&mut self, net: &mut Network, source: usize, sink: usize) -> Option<i128> {
        self.reset_search();
        self.reach(sink, 0);
        self.heap.push(Reverse((0, sink as u32)));
        while let Some(Reverse((key, entry))) = self.heap.pop() {
            let v = (entry & !MORE_ARCS) as usize;
            if entry & MORE_ARCS == 0 {
                if self.settled[v] || key > self.dist[v] {
                    continue;
                }
                self.settled[v] = true;
                self.settled_order.push(v);
                if v == source {
                    self.raise_duals(net, key);
                    return Some(key);
                }
            }
            self.look_into(net, v, key, source);
        }
        None
    }

    /// Relaxes the arcs into `v` whose reduced cost can be at most `key`
    /// above `v`'s distance; the rest wait in the heap under their bound.
    /// Nothing at or beyond the source's distance so far is worth keeping.
    fn look_into(&mut self, net: &Network, v: usize, key: i128, source: usize) {
        let (d, end) = (self.dist[v], self.start[v + 1]);
        while self.next[v] < end {
            let i = self.next[v] as usize;
            let floor = d + self.floor(net, v, i);
            if floor > key {
                if floor < self.dist[source] {
                    self.heap.push(Reverse((floor, v as u32 | MORE_ARCS)));
                }
                return;
            }
            self.next[v] += 1;
            let (arc, u) = (self.into[i] as usize ^ 1, self.into_tail[i] as usize);
            if net.capacity[arc] == 0 {
                continue;
            }
            let to_sink = d + self.into_cost[i] + net.dual[u] - net.dual[v];
            if to_sink < self.dist[u] && to_sink < self.dist[source] {
                self.reach(u, to_sink);
                self.heap.push(Reverse((to_sink, u as u32)));
            }
        }
    }

    /// Settled nodes rise by the path length less their distance: the
    /// reduced costs stay non-negative and the shortest paths become tight.
    fn raise_duals(&self, net: &mut Network, length: i128) {
        for &v in &self.settled_order {
            net.dual[v] += length - self.dist[v];
        }
    }

    fn reach(&mut self, v: usize, dist: i128) {
        if self.dist[v] == i128::MAX {
            self.touched.push(v);
            self.next[v] = self.start[v];
        }
        self.dist[v] = dist;
    }

    fn reset_search(&mut self) {
        for &v in &self.touched {
            (self.dist[v], self.settled[v]) = (i128::MAX, false);
        }
        self.touched.clear();
        self.settled_order.clear();
        self.heap.clear();
    }
}
