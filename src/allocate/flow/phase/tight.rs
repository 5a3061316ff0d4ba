//! Pushing flow along the paths a phase made tight (reduced cost 0).
//!
//! A depth-first search from the sink backwards pushes most of it without
//! levels, looking at each arc once; then Dinic's rounds (levels by a
//! breadth-first search, paths only one level nearer the sink per arc)
//! push what it missed, until no tight path is left. Without levels the
//! search can miss paths where tight arcs form cycles (seats passed
//! around a group of children); with them alone, every round would label
//! everything tight near the sink.

use super::{DEAD_END, NONE, Network, OFF_PATH, ON_PATH, Phases, UNSEEN};

/// The longest path the search without levels follows: a depth-first
/// search wanders, and rebuilding a long path after each unit it pushes
/// costs its length every time.
const FREE_DEPTH: usize = 64;

impl Phases {
    /// Pushes flow along tight paths until none is left; returns how much.
    pub fn push_all_tight_paths(&mut self, net: &mut Network, source: usize, sink: usize) -> u64 {
        (self.by_level, self.passed_path, self.sink) = (false, false, sink);
        let mut pushed = self.push_tight_paths(net, source, sink);
        if !self.passed_path {
            // Every dead end was one for good: no tight path is left.
            return pushed;
        }
        self.by_level = true;
        while self.level_tight_graph(net, source, sink) {
            pushed += self.push_tight_paths(net, source, sink);
        }
        pushed
    }

    /// Labels, breadth first from the sink backwards over tight arcs with
    /// room, each node with its level, up to the source's; false if the
    /// source is not reached.
    fn level_tight_graph(&mut self, net: &Network, source: usize, sink: usize) -> bool {
        for &v in &self.levelled {
            self.level[v] = NONE;
        }
        self.levelled.clear();
        self.level[sink] = 0;
        self.levelled.push(sink);
        let mut head = 0;
        while let Some(&v) = self.levelled.get(head) {
            head += 1;
            let above = self.level[v] + 1;
            if self.level[source] != NONE && above >= self.level[source] {
                break;
            }
            for i in self.start[v] as usize..self.start[v + 1] as usize {
                if self.floor(net, v, i) > 0 {
                    break; // sorted by cost: no tight arc further on
                }
                let (arc, u) = (self.into[i] as usize ^ 1, self.into_tail[i] as usize);
                let tight = || self.into_cost[i] + net.dual[u] - net.dual[v] == 0;
                if self.level[u] == NONE && net.capacity[arc] > 0 && tight() {
                    self.level[u] = above;
                    self.levelled.push(u);
                }
            }
        }
        self.level[source] != NONE
    }

    /// Pushes flow along arcs of reduced cost 0 from the source to the sink,
    /// by a depth-first search from the sink backwards that never looks at
    /// an arc twice; returns what it pushed. Once the duals are raised a
    /// shortest path is tight, so this pushes at least one unit.
    fn push_tight_paths(&mut self, net: &mut Network, source: usize, sink: usize) -> u64 {
        for &v in &self.walked {
            (self.state[v], self.opened[v]) = (UNSEEN, NONE);
        }
        self.walked.clear();
        self.opened_list.clear();
        self.enter(sink);
        let mut pushed = 0;
        // The arcs of the path, the first one into the sink.
        let mut path: Vec<usize> = Vec::new();
        loop {
            let v = path.last().map_or(sink, |&a| net.to[a ^ 1] as usize);
            match self.next_tight_arc(net, v, source) {
                Some(arc) if net.to[arc ^ 1] as usize == source => {
                    path.push(arc);
                    pushed += self.augment(net, &mut path);
                }
                Some(arc) if !self.by_level && path.len() >= FREE_DEPTH => {
                    // Deeper paths are left to Dinic's rounds, which find short ones.
                    self.passed_path = true;
                    self.pass(v, arc);
                }
                Some(arc) => {
                    path.push(arc);
                    self.enter(net.to[arc ^ 1] as usize);
                }
                None => {
                    self.state[v] = DEAD_END;
                    let Some(arc) = path.pop() else { break };
                    self.pass(net.to[arc] as usize, arc);
                }
            }
        }
        pushed
    }

    /// `arc` into `v` led to a dead end: `v`'s search moves past it.
    fn pass(&mut self, v: usize, arc: usize) {
        match self.opened_list.get(self.opened[v] as usize) {
            Some(&(e, next)) if e as usize ^ 1 == arc => self.opened[v] = next,
            _ => self.next[v] += 1,
        }
    }

    fn enter(&mut self, v: usize) {
        if self.state[v] == UNSEEN {
            self.walked.push(v);
            self.next[v] = self.start[v];
        }
        self.state[v] = ON_PATH;
    }

    /// The next arc into `v` with room and reduced cost 0 from a node that
    /// is neither on the path nor a dead end; it stays `v`'s next arc.
    fn next_tight_arc(&mut self, net: &Network, v: usize, source: usize) -> Option<usize> {
        while self.opened[v] != NONE {
            let (e, next) = self.opened_list[self.opened[v] as usize];
            let (arc, u) = (e as usize ^ 1, net.to[e as usize] as usize);
            if self.usable(net, arc, u, v, source) {
                return Some(arc);
            }
            self.opened[v] = next;
        }
        let end = self.start[v + 1];
        while self.next[v] < end {
            let i = self.next[v] as usize;
            if self.floor(net, v, i) > 0 {
                break; // sorted by cost: no tight arc further on
            }
            let (arc, u) = (self.into[i] as usize ^ 1, self.into_tail[i] as usize);
            if self.usable(net, arc, u, v, source) {
                return Some(arc);
            }
            self.next[v] += 1;
        }
        self.next[v] = end;
        None
    }

    /// The arc from `u` into `v` has room and reduced cost 0, `u` is
    /// neither on the path nor a dead end, and in Dinic's rounds `u` is one
    /// level further from the sink than `v`.
    /// Notes when a tight arc is passed only because it comes from the path
    /// (from the sink it could only lead round in a circle).
    fn usable(&mut self, net: &Network, arc: usize, u: usize, v: usize, source: usize) -> bool {
        let open = u == source || matches!(self.state[u], UNSEEN | OFF_PATH);
        let levelled =
            !self.by_level || (self.level[u] != NONE && self.level[u] == self.level[v] + 1);
        let tight = net.capacity[arc] > 0 && net.reduced(arc, u, &net.dual) == 0;
        if tight && self.state[u] == ON_PATH && u != self.sink {
            self.passed_path = true;
        }
        open && levelled && tight
    }

    /// Pushes the path's bottleneck along it and cuts the path back to just
    /// before its first arc that is now full (nearest the sink).
    fn augment(&mut self, net: &mut Network, path: &mut Vec<usize>) -> u64 {
        let push = path.iter().map(|&a| net.capacity[a]).min().unwrap_or(0);
        for &a in path.iter() {
            net.capacity[a] -= push;
            net.capacity[a ^ 1] += push;
            // The arc back now enters the tail, whose search may be past it.
            let tail = net.to[a ^ 1] as usize;
            if self.state[tail] != UNSEEN {
                self.opened_list.push((a as u32, self.opened[tail]));
                self.opened[tail] = self.opened_list.len() as u32 - 1;
            }
        }
        let full = (path.iter())
            .position(|&a| net.capacity[a] == 0)
            .unwrap_or(path.len());
        for &a in &path[full..] {
            let u = net.to[a ^ 1] as usize;
            if self.state[u] == ON_PATH {
                self.state[u] = OFF_PATH;
            }
        }
        path.truncate(full);
        push as u64
    }
}
