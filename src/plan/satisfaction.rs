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

/// How a group of students fared: how many got their 1st, 2nd, … choice as
/// their best club (index 0 = 1st), how many none, of how many with choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Share {
    pub by_rank: Vec<usize>,
    pub unplaced: usize,
    pub with: usize,
}

/// The shares per grade and per priority tier (issue 26 item 3): whether
/// one grade or tier carries the shortfall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fairness {
    pub per_grade: Vec<(u8, Share)>,
    /// Highest tier first.
    pub per_tier: Vec<(i32, Share)>,
}

/// The fairness of `clubs_of[a]` for each applicant `a` of grade `grades[a]`.
pub fn fairness_of(all: &[Applicant], clubs_of: &[Vec<usize>], grades: &[u8]) -> Fairness {
    let mut per_grade: BTreeMap<u8, Share> = BTreeMap::new();
    let mut per_tier: BTreeMap<std::cmp::Reverse<i32>, Share> = BTreeMap::new();
    for ((a, clubs), &grade) in all.iter().zip(clubs_of).zip(grades) {
        if a.choices.is_empty() {
            continue;
        }
        let best = (clubs.iter())
            .filter_map(|c| a.choices.iter().find(|ch| ch.club == *c).map(|ch| ch.rank))
            .min();
        for share in [
            per_grade.entry(grade).or_default(),
            per_tier.entry(std::cmp::Reverse(a.tier)).or_default(),
        ] {
            share.with += 1;
            match best {
                Some(rank) => {
                    let i = rank as usize - 1;
                    if share.by_rank.len() <= i {
                        share.by_rank.resize(i + 1, 0);
                    }
                    share.by_rank[i] += 1;
                }
                None => share.unplaced += 1,
            }
        }
    }
    Fairness {
        per_grade: per_grade.into_iter().collect(),
        per_tier: per_tier.into_iter().map(|(t, s)| (t.0, s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::clubs::Choice;

    #[test]
    fn each_grade_and_tier_counts_its_students_best_choice() {
        let with = |tier, clubs: &[usize]| Applicant {
            tier,
            choices: (clubs.iter().enumerate())
                .map(|(i, &club)| Choice {
                    club,
                    rank: i as u32 + 1,
                })
                .collect(),
        };
        let all = [
            with(0, &[0, 1]),
            with(1, &[1, 0]),
            with(0, &[0]),
            with(0, &[]),
        ];
        let got = [vec![1], vec![1, 0], vec![], vec![]];
        let f = fairness_of(&all, &got, &[3, 3, 4, 4]);
        let share = |by_rank: Vec<usize>, unplaced, with| Share {
            by_rank,
            unplaced,
            with,
        };
        assert_eq!(
            f.per_grade,
            vec![(3, share(vec![1, 1], 0, 2)), (4, share(vec![], 1, 1))]
        );
        assert_eq!(
            f.per_tier,
            vec![(1, share(vec![1], 0, 1)), (0, share(vec![0, 1], 1, 2))]
        );
    }
}
