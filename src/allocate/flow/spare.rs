//! How much more flow could reach one node of a solved network: a maximum
//! flow (Dinic's) on its residual network, the network itself untouched.
//! The capacity advice asks this of every full club: how many children
//! still without a place could be routed to it, others moving along.

use super::Network;

impl Network {
    /// The most units that could be sent, on top of the current flow, from
    /// `source` through the edges `start[e]` (of those leaving `source`,
    /// only these) to `target`, never through `stop`; at most `limit`.
    pub fn spare(
        &self,
        source: usize,
        start: &[bool],
        target: usize,
        stop: usize,
        limit: u32,
    ) -> u32 {
        let mut extra = Extra {
            net: self,
            used: vec![0; self.to.len()],
            level: vec![u32::MAX; self.adjacency.len()],
            next: vec![0; self.adjacency.len()],
            visits: Vec::new(),
        };
        let allowed = start;
        let mut total = 0;
        while total < limit && extra.levels(source, allowed, target, stop) {
            loop {
                let pushed = extra.push(source, allowed, target, limit - total);
                if pushed == 0 {
                    break;
                }
                total += pushed;
                if total >= limit {
                    break;
                }
            }
        }
        total
    }
}

/// The extra flow, kept apart from the network's own: per edge touched,
/// the units sent on it (negative on its twin).
struct Extra<'n> {
    net: &'n Network,
    used: Vec<i64>,
    level: Vec<u32>,
    next: Vec<usize>,
    /// The nodes given a level this round (to clear only those).
    visits: Vec<usize>,
}

impl Extra<'_> {
    fn residual(&self, e: usize) -> i64 {
        self.net.capacity[e] as i64 - self.used[e] + self.used[e ^ 1]
    }

    /// Breadth-first levels from the source; true when the target is reached.
    fn levels(&mut self, source: usize, allowed: &[bool], target: usize, stop: usize) -> bool {
        for &v in &self.visits {
            self.level[v] = u32::MAX;
            self.next[v] = 0;
        }
        self.visits.clear();
        self.level[source] = 0;
        self.visits.push(source);
        let mut queue = std::collections::VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            if v == target {
                continue;
            }
            for &e in &self.net.adjacency[v] {
                let e = e as usize;
                let w = self.net.to[e] as usize;
                if w == stop
                    || self.level[w] != u32::MAX
                    || (v == source && !allowed.get(e).copied().unwrap_or(false))
                {
                    continue;
                }
                if self.residual(e) > 0 {
                    self.level[w] = self.level[v] + 1;
                    self.visits.push(w);
                    queue.push_back(w);
                }
            }
        }
        self.level[target] != u32::MAX
    }

    /// One augmenting path along the levels (iteratively), its units.
    fn push(&mut self, source: usize, allowed: &[bool], target: usize, limit: u32) -> u32 {
        let mut path: Vec<usize> = Vec::new();
        let mut v = source;
        loop {
            if v == target {
                let units = (path.iter())
                    .map(|&e| self.residual(e))
                    .min()
                    .unwrap_or(0)
                    .min(limit as i64);
                for &e in &path {
                    self.used[e] += units;
                }
                return units as u32;
            }
            let edges = &self.net.adjacency[v];
            let mut advanced = false;
            while self.next[v] < edges.len() {
                let e = edges[self.next[v]] as usize;
                let w = self.net.to[e] as usize;
                let fits = self.level[w] == self.level[v].wrapping_add(1)
                    && (v != source || allowed.get(e).copied().unwrap_or(false))
                    && self.residual(e) > 0;
                if fits {
                    path.push(e);
                    v = w;
                    advanced = true;
                    break;
                }
                self.next[v] += 1;
            }
            if !advanced {
                // A dead end: no path through v this round.
                self.level[v] = u32::MAX;
                match path.pop() {
                    Some(e) => {
                        v = self.net.to[e ^ 1] as usize;
                        self.next[v] += 1;
                    }
                    None => return 0,
                }
            }
        }
    }
}
