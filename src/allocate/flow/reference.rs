//! The first solve checked against plain successive shortest paths
//! (Bellman–Ford, one path at a time) on small random networks: the shapes
//! the allocation builds (children, clubs, lexicographic tier weights) and
//! layered networks with capacities above one.

use super::Network;
use crate::rng::Rng;

/// (from, to, capacity, cost) per edge, in the order added.
type Edges = Vec<(usize, usize, u32, i128)>;

/// Minimum-cost maximum flow by successive shortest paths found by
/// Bellman–Ford over the residual graph: slow and obviously right.
fn reference(nodes: usize, edges: &Edges, source: usize, sink: usize) -> (u64, i128) {
    let mut arcs: Vec<(usize, usize, u32, i128)> = Vec::new();
    for &(from, to, capacity, cost) in edges {
        arcs.extend([(from, to, capacity, cost), (to, from, 0, -cost)]);
    }
    let (mut flow, mut total) = (0u64, 0i128);
    loop {
        let mut dist = vec![i128::MAX; nodes];
        let mut via = vec![usize::MAX; nodes];
        dist[source] = 0;
        for _ in 0..nodes {
            for (a, &(from, to, capacity, cost)) in arcs.iter().enumerate() {
                if capacity > 0 && dist[from] != i128::MAX && dist[from] + cost < dist[to] {
                    (dist[to], via[to]) = (dist[from] + cost, a);
                }
            }
        }
        if dist[sink] == i128::MAX {
            return (flow, total);
        }
        let mut path = Vec::new();
        let mut v = sink;
        while v != source {
            path.push(via[v]);
            v = arcs[via[v]].0;
        }
        let push = path.iter().map(|&a| arcs[a].2).min().unwrap_or(0);
        for &a in &path {
            arcs[a].2 -= push;
            arcs[a ^ 1].2 += push;
        }
        flow += push as u64;
        total += push as i128 * dist[sink];
    }
}

/// Children (a tier each, up to three ranked choices) and clubs, costed as
/// the allocation costs them: every placement of a higher tier above any
/// number of lower-tier ones, then the rank.
fn children_and_clubs(rng: &mut Rng) -> (usize, Edges) {
    let (children, clubs) = (1 + rng.below(12), 1 + rng.below(5));
    let tiers = 1 + rng.below(3);
    let n = children as i128;
    let mut weight = vec![0i128; tiers];
    let mut w = 3 * n + 1;
    for t in (0..tiers).rev() {
        weight[t] = w;
        w *= n + 1;
    }
    let mut edges = Edges::new();
    for a in 0..children {
        let tier = rng.below(tiers);
        edges.push((0, 2 + a, 1, 0));
        let mut picks: Vec<usize> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let c = rng.below(clubs);
            if !picks.contains(&c) {
                picks.push(c);
            }
        }
        for (rank, &c) in picks.iter().enumerate() {
            let cost = weight[0] - weight[tier] + rank as i128 + 1;
            edges.push((2 + a, 2 + children + c, 1, cost));
        }
    }
    for c in 0..clubs {
        edges.push((2 + children + c, 1, rng.below(4) as u32, 0));
    }
    (2 + children + clubs, edges)
}

/// Source, two layers and the sink, random capacities and costs (some 0,
/// some equal: ties and zero-cost cycles in the residual graph).
fn layered(rng: &mut Rng) -> (usize, Edges) {
    let (first, second) = (1 + rng.below(6), 1 + rng.below(6));
    let mut edges = Edges::new();
    let cost = |rng: &mut Rng| [0, 1, 1, 2, 5, 40][rng.below(6)] as i128;
    for a in 0..first {
        edges.push((0, 2 + a, rng.below(4) as u32, cost(rng)));
        for b in 0..second {
            if rng.chance(0.5) {
                edges.push((2 + a, 2 + first + b, 1 + rng.below(3) as u32, cost(rng)));
            }
        }
    }
    for b in 0..second {
        edges.push((2 + first + b, 1, rng.below(4) as u32, cost(rng)));
        if rng.chance(0.3) {
            let a = rng.below(first);
            edges.push((2 + first + b, 2 + a, 1, cost(rng)));
        }
    }
    (2 + first + second, edges)
}

/// Solves with [`Network::min_cost_max_flow`] and checks the answer against
/// the reference, the flow against the capacities, and the duals as a
/// certificate: no arc with room has a negative reduced cost.
fn check(nodes: usize, edges: &Edges) {
    let mut net = Network::new(nodes);
    let ids: Vec<usize> = (edges.iter())
        .map(|&(from, to, capacity, cost)| net.add_edge(from, to, capacity, cost))
        .collect();
    let got = net.min_cost_max_flow(0, 1);
    assert_eq!(got, reference(nodes, edges, 0, 1), "{edges:?}");
    let mut through = vec![0i64; nodes];
    let mut cost = 0;
    for (&id, &(from, to, capacity, c)) in ids.iter().zip(edges) {
        let f = net.flow(id);
        assert!(f <= capacity);
        (through[from], through[to]) = (through[from] - f as i64, through[to] + f as i64);
        cost += f as i128 * c;
    }
    assert_eq!((through[1] as u64, cost), got);
    assert!(through[2..].iter().all(|&t| t == 0), "unbalanced");
    for e in 0..net.to.len() {
        let from = net.to[e ^ 1] as usize;
        assert!(net.capacity[e] == 0 || net.reduced(e, from, &net.dual) >= 0);
    }
}

#[test]
fn children_and_clubs_match_successive_shortest_paths() {
    let mut rng = Rng::new(5);
    for _ in 0..3000 {
        let (nodes, edges) = children_and_clubs(&mut rng);
        check(nodes, &edges);
    }
}

#[test]
fn layered_networks_match_successive_shortest_paths() {
    let mut rng = Rng::new(6);
    for _ in 0..3000 {
        let (nodes, edges) = layered(&mut rng);
        check(nodes, &edges);
    }
}
