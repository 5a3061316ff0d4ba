use kehou::allocate::flow::Network;
use kehou::rng::Rng;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(200_000, |s| s.parse().unwrap());
    let clubs = n / 45;
    let seed: u64 = args.get(3).map_or(7, |s| s.parse().unwrap());
    let mut rng = Rng::new(seed);
    // With a minimum (4th argument): three times the seats, the first
    // `minimum` of each club forced as the plan's search over minimums does.
    let minimum: u32 = args.get(4).map_or(0, |s| s.parse().unwrap());
    let scale = if minimum > 0 { 3 } else { 1 };
    let caps: Vec<u32> = (0..clubs)
        .map(|_| scale * (16 + rng.below(9) as u32))
        .collect();
    let tiers = 2usize;
    let max_rank = 3i128;
    let mut weight = vec![0i128; tiers];
    let mut w: i128 = max_rank * n as i128 + 1;
    for t in (0..tiers).rev() {
        weight[t] = w;
        w = w.saturating_mul(n as i128 + 1);
    }
    let top = weight[0];
    let mut net = Network::new(2 + n + clubs);
    // popularity: weights
    let mode = args.get(2).cloned().unwrap_or_default();
    let pop: Vec<u32> = (0..clubs)
        .map(|c| match mode.as_str() {
            "uniform" => 1,
            "zipf" => (100_000 / (c + 1)) as u32 + 1,
            "steep" => 1u32 << (c % 12),
            _ => 1 + (c % 15) as u32 * 3,
        })
        .collect();
    let mut cum = Vec::new();
    let mut s = 0;
    for p in &pop {
        s += p;
        cum.push(s);
    }
    for a in 0..n {
        let tier = if rng.chance(0.05) { 0 } else { 1 };
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < 3 {
            let r = rng.below(s as usize) as u32;
            let c = cum.partition_point(|&w| w <= r);
            if !chosen.contains(&c) {
                chosen.push(c);
            }
        }
        for (i, &c) in chosen.iter().enumerate() {
            net.add_edge(2 + a, 2 + n + c, 1, top - weight[tier] + i as i128 + 1);
        }
        net.add_edge(0, 2 + a, 1, 0);
    }
    let bonus = top.saturating_mul(n as i128 + 1);
    for (c, &seats) in caps.iter().enumerate() {
        if minimum > 0 {
            net.add_edge(2 + n + c, 1, minimum.min(seats), 0);
            net.add_edge(2 + n + c, 1, seats - minimum.min(seats), bonus);
        } else {
            net.add_edge(2 + n + c, 1, seats, 0);
        }
    }
    let (t, cpu) = (Instant::now(), cpu_ns());
    let (f, cost) = net.min_cost_max_flow(0, 1);
    let (wall, cpu) = (t.elapsed().as_secs_f64(), (cpu_ns() - cpu) as f64 / 1e9);
    eprintln!(
        "n={n} mode={mode} seed={seed} clubs={clubs} flow={f} cost={cost} wall={wall:.3}s cpu={cpu:.3}s"
    );
}

/// Time this thread has spent on a CPU (Linux), so that other work on a
/// loaded machine counts less; 0 elsewhere.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
