//! Re-solving a solved network after its capacities change.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Network, UNLIMITED};

impl Network {
    /// Sets the capacities of edges (`(edge, capacity)`, edges as returned by
    /// [`Network::add_edge`]) of a network solved by
    /// [`Network::min_cost_max_flow`] and makes its flow a min-cost max-flow
    /// again, moving as little as it must. False when this network cannot be
    /// re-solved (costs too large to make the return edge): the caller
    /// builds it afresh.
    pub fn resolve(&mut self, source: usize, sink: usize, changes: &[(usize, u32)]) -> bool {
        if !self.circulation && !self.close_circuit(source, sink) {
            return false;
        }
        let mut excess = vec![0i64; self.adjacency.len()];
        let mut ends = Vec::with_capacity(2 * changes.len());
        for &(edge, capacity) in changes {
            self.set_capacity(edge, capacity, &mut excess);
            ends.extend([self.to[edge] as usize, self.to[edge ^ 1] as usize]);
        }
        ends.sort_unstable();
        ends.dedup();
        self.settle(&mut excess, &ends)
    }

    /// Adds the return edge. Its cost, `-big`, outweighs any path, so a
    /// min-cost circulation is a maximum flow of least cost. The nodes the
    /// source cannot reach (the sink among them: the flow is maximum) have
    /// their potentials raised so that the return edge's reduced cost is 0.
    fn close_circuit(&mut self, source: usize, sink: usize) -> bool {
        let nodes = self.adjacency.len() as i128;
        let largest = self.cost.iter().map(|c| c.abs()).max().unwrap_or(0);
        let big = match (largest.checked_mul(nodes + 1)).and_then(|b| b.checked_add(1)) {
            // Room for sums of reduced costs along any path.
            Some(big) if big < i128::MAX / (4 * (nodes + 1)) => big,
            _ => return false,
        };
        let reached = self.reachable(source, sink);
        if reached[sink] {
            return false; // not a maximum flow: not solved yet
        }
        let raise = big - (self.dual[sink] - self.dual[source]);
        (self.dual.iter_mut().zip(&reached))
            .filter(|(_, r)| !**r)
            .for_each(|(d, _)| *d += raise);
        let flow: u32 = (self.adjacency[source].iter())
            .filter(|&&e| e.is_multiple_of(2))
            .map(|&e| self.flow(e as usize))
            .sum();
        let back = self.push_edge(sink, source, UNLIMITED - flow, -big);
        self.capacity[back ^ 1] = flow;
        self.circulation = true;
        true
    }

    /// Gives `edge` a new capacity and the flow over it that keeps every
    /// residual edge at a non-negative reduced cost: all it can take if its
    /// reduced cost is negative, none if positive, else what it had (cut to
    /// the capacity). What that adds or removes is left as excess at one end
    /// and a deficit at the other.
    fn set_capacity(&mut self, edge: usize, capacity: u32, excess: &mut [i64]) {
        let (from, to) = (self.to[edge ^ 1] as usize, self.to[edge] as usize);
        let before = self.flow(edge);
        let after = match self.reduced(edge, from, &self.dual).signum() {
            -1 => capacity,
            1 => 0,
            _ => before.min(capacity),
        };
        let more = after as i64 - before as i64;
        excess[from] -= more;
        excess[to] += more;
        self.capacity[edge] = capacity - after;
        self.capacity[edge ^ 1] = after;
    }

    /// Successive shortest paths from the nodes with excess to those with a
    /// deficit (all among `ends`), over reduced costs, until every node is
    /// balanced: a Dijkstra sets the potentials, then every path of reduced
    /// cost 0 found by a depth-first search is pushed at once.
    fn settle(&mut self, excess: &mut [i64], ends: &[usize]) -> bool {
        let mut search = Search::new(self.adjacency.len());
        loop {
            let sources: Vec<usize> = ends.iter().copied().filter(|&v| excess[v] > 0).collect();
            if sources.is_empty() {
                return true;
            }
            let Some(target) = self.nearest_deficit(&sources, excess, &mut search) else {
                return false;
            };
            if self.push_tight_paths(&sources, excess, &mut search) == 0 {
                self.augment(target, &search.via, excess);
            }
        }
    }

    /// Dijkstra from every node with excess until one with a deficit is
    /// reached; then raises the potentials so that shortest paths have
    /// reduced cost 0.
    fn nearest_deficit(
        &mut self,
        sources: &[usize],
        excess: &[i64],
        search: &mut Search,
    ) -> Option<usize> {
        search.reset();
        let mut heap = BinaryHeap::new();
        for &v in sources {
            search.reach(v, 0, u32::MAX);
            heap.push(Reverse((0i128, v as u32)));
        }
        let mut target = None;
        while let Some(Reverse((d, v))) = heap.pop() {
            let v = v as usize;
            if search.done[v] {
                continue;
            }
            search.done[v] = true;
            if excess[v] < 0 {
                target = Some(v);
                break;
            }
            self.steps += self.adjacency[v].len() as u64;
            for &e in &self.adjacency[v] {
                let e = e as usize;
                if self.capacity[e] == 0 {
                    continue;
                }
                let w = self.to[e] as usize;
                let nd = d + self.reduced(e, v, &self.dual);
                if nd < search.dist[w] {
                    search.reach(w, nd, e as u32);
                    heap.push(Reverse((nd, w as u32)));
                }
            }
        }
        let target = target?;
        let reach = search.dist[target];
        for &v in &search.touched {
            if search.done[v] {
                self.dual[v] += search.dist[v] - reach;
            }
        }
        Some(target)
    }

    /// Pushes flow from `sources` along paths of reduced cost 0 (shortest
    /// paths, so potentials stay valid) to nodes with a deficit; a
    /// depth-first search that skips dead ends. Returns what it pushed.
    fn push_tight_paths(
        &mut self,
        sources: &[usize],
        excess: &mut [i64],
        search: &mut Search,
    ) -> u64 {
        let mut pushed = 0;
        for &v in &search.walked {
            search.arc[v] = 0;
        }
        search.walked.clear();
        for &start in sources {
            let mut path: Vec<usize> = Vec::new();
            while excess[start] > 0 {
                let v = path.last().map_or(start, |&e| self.to[e] as usize);
                if excess[v] < 0 && v != start {
                    pushed += self.push_along(&path, start, v, excess);
                    for &e in &path {
                        search.on_path[self.to[e] as usize] = false;
                    }
                    path.clear();
                    continue;
                }
                if !search.on_path[v] && search.arc[v] == 0 {
                    search.walked.push(v);
                }
                search.on_path[v] = true;
                match self.next_tight_arc(v, search) {
                    Some(e) => path.push(e),
                    None => {
                        search.on_path[v] = false;
                        let Some(e) = path.pop() else { break };
                        search.arc[self.to[e ^ 1] as usize] += 1;
                    }
                }
            }
            search.on_path[start] = false;
            for &e in &path {
                search.on_path[self.to[e] as usize] = false;
            }
        }
        pushed
    }

    /// The next edge out of `v` with room, reduced cost 0, and not back onto the path.
    fn next_tight_arc(&mut self, v: usize, search: &mut Search) -> Option<usize> {
        while let Some(&e) = self.adjacency[v].get(search.arc[v]) {
            self.steps += 1;
            let e = e as usize;
            let w = self.to[e] as usize;
            if self.capacity[e] > 0 && !search.on_path[w] && self.reduced(e, v, &self.dual) == 0 {
                return Some(e);
            }
            search.arc[v] += 1;
        }
        None
    }

    /// Pushes along the path `via` leads back from `target` to a node with
    /// excess, as much as the path, the excess and the deficit allow.
    fn augment(&mut self, target: usize, via: &[u32], excess: &mut [i64]) {
        let mut path = Vec::new();
        let mut v = target;
        while via[v] != u32::MAX {
            let e = via[v] as usize;
            path.push(e);
            v = self.to[e ^ 1] as usize;
        }
        path.reverse();
        self.push_along(&path, v, target, excess);
    }

    /// Pushes along `path` from `start` to `end`, as much as the path, the
    /// excess and the deficit allow.
    fn push_along(&mut self, path: &[usize], start: usize, end: usize, excess: &mut [i64]) -> u64 {
        let room = path.iter().map(|&e| self.capacity[e] as i64).min();
        let amount = [excess[start], -excess[end], room.unwrap_or(i64::MAX)]
            .into_iter()
            .min()
            .unwrap_or(0)
            .max(0) as u32;
        for &e in path {
            self.capacity[e] -= amount;
            self.capacity[e ^ 1] += amount;
        }
        excess[start] -= amount as i64;
        excess[end] += amount as i64;
        amount as u64
    }
}

/// Scratch space for the searches of one [`Network::resolve`]; reset by
/// the nodes it touched, not the whole network.
struct Search {
    dist: Vec<i128>,
    via: Vec<u32>,
    done: Vec<bool>,
    touched: Vec<usize>,
    /// Per node, the next edge the depth-first search tries; `walked`: the
    /// nodes whose `arc` moved.
    arc: Vec<usize>,
    walked: Vec<usize>,
    on_path: Vec<bool>,
}

impl Search {
    fn new(nodes: usize) -> Search {
        Search {
            dist: vec![i128::MAX; nodes],
            via: vec![u32::MAX; nodes],
            done: vec![false; nodes],
            touched: Vec::new(),
            arc: vec![0; nodes],
            walked: Vec::new(),
            on_path: vec![false; nodes],
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            (self.dist[v], self.via[v], self.done[v]) = (i128::MAX, u32::MAX, false);
        }
        self.touched.clear();
    }

    fn reach(&mut self, v: usize, dist: i128, via: u32) {
        if self.dist[v] == i128::MAX {
            self.touched.push(v);
        }
        (self.dist[v], self.via[v]) = (dist, via);
    }
}
