//! How well an allocation met the students' ranked choices, per priority tier.

use std::collections::BTreeMap;

use crate::allocate::clubs::Applicant;
use crate::config::Strategy;

/// Choice satisfaction of one allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Satisfaction {
    pub strategy: Option<Strategy>,
    /// Students whose best club is their 1st, 2nd, … choice (index 0 = 1st).
    pub by_rank: Vec<usize>,
    /// Students with choices who got no club.
    pub unplaced: usize,
    /// Per priority tier (highest first): (tier, placed, with choices).
    pub per_tier: Vec<(i32, usize, usize)>,
    pub total_rank: u64,
    pub seats: usize,
}

/// The satisfaction of `clubs_of[a]` for each applicant `a`.
pub fn satisfaction_of(
    strategy: Option<Strategy>,
    all: &[Applicant],
    clubs_of: &[Vec<usize>],
) -> Satisfaction {
    let mut s = Satisfaction {
        strategy,
        ..Satisfaction::default()
    };
    let mut tiers: BTreeMap<std::cmp::Reverse<i32>, (usize, usize)> = BTreeMap::new();
    for (a, clubs) in all.iter().zip(clubs_of) {
        if a.choices.is_empty() && clubs.is_empty() {
            continue;
        }
        s.seats += clubs.len();
        let tier = tiers.entry(std::cmp::Reverse(a.tier)).or_default();
        tier.1 += 1;
        let best = clubs
            .iter()
            .filter_map(|c| a.choices.iter().find(|ch| ch.club == *c).map(|ch| ch.rank))
            .min();
        match best {
            Some(rank) => {
                tier.0 += 1;
                let i = rank as usize - 1;
                if s.by_rank.len() <= i {
                    s.by_rank.resize(i + 1, 0);
                }
                s.by_rank[i] += 1;
                s.total_rank += rank as u64;
            }
            None if clubs.is_empty() => s.unplaced += 1,
            None => {}
        }
    }
    s.per_tier = tiers.into_iter().map(|(t, (p, n))| (t.0, p, n)).collect();
    s
}
