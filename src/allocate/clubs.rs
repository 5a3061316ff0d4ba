//! Placing students in clubs by ranked choice (DESIGN §3 Clubs).
//!
//! `optimal`: for each priority tier from the highest, as many students placed
//! as possible; then as many seats used as possible; then the least total
//! rank — exact (a min-cost flow) when each student takes one club, inside a
//! branch and bound over minimums ([`super::minimums`]); with more than one
//! club each a local search within a bound ([`super::two_clubs`],
//! [`super::bound`]). `lottery`: random serial dictatorship, tiers first.

use std::collections::HashMap;

pub use super::bound::{Bound, Gap, Standing, bound, standing};
use super::seat_flow::SeatFlow;
use crate::config::Strategy;
use crate::model::Club;

/// An admissible choice: the club (index into the clubs) and its rank (1 = first choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub club: usize,
    pub rank: u32,
}

/// A student who may be placed: their priority tier and admissible choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub tier: i32,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub strategy: Strategy,
    pub max_clubs: u32,
    /// Close clubs below their minimum (clubs already running are never closed).
    pub minimums: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Per applicant, the clubs they got (in rank order).
    pub assigned: Vec<Vec<usize>>,
    /// Clubs that do not run because they stayed below their minimum.
    pub closed: Vec<usize>,
    /// `optimal` with one club each: the search over minimums finished, so
    /// the result is proven the best (always, without minimums).
    pub proven: bool,
    /// What no allocation beats, in the objective's order, where the search
    /// knows one (the best of what it left open); `None`: not known.
    pub ceiling: Option<Standing>,
}

impl Outcome {
    pub fn students_placed(&self) -> usize {
        self.assigned.iter().filter(|a| !a.is_empty()).count()
    }

    pub fn seats_used(&self) -> usize {
        self.assigned.iter().map(Vec::len).sum()
    }
}

/// Two clubs a student cannot both take: they meet on a common day in the same session.
pub fn clash(a: &Club, b: &Club) -> bool {
    a.session == b.session && !a.days.intersect(b.days).is_empty()
}

/// Allocates `applicants` to `clubs` with `left[c]` free seats in club `c`.
/// `order` is the lottery order of the applicants (every index once).
/// `running[c]`: the club already has students, so its minimum no longer applies.
pub fn allocate(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
    order: &[usize],
    rules: Rules,
) -> Outcome {
    // Students and clubs that no choice connects cannot affect each other:
    // solving each connected part alone gives the same answer, much faster
    // for a district of many schools (and for its minimum rounds).
    let mut out = Outcome {
        assigned: vec![Vec::new(); applicants.len()],
        closed: Vec::new(),
        proven: rules.strategy == Strategy::Optimal,
        ceiling: (rules.strategy == Strategy::Optimal).then(Standing::default),
    };
    let (parts, part_of_club) = components(applicants, clubs.len());
    let mut position = vec![0; applicants.len()];
    order.iter().enumerate().for_each(|(i, &a)| position[a] = i);
    for (members, part_clubs) in parts {
        let local: HashMap<usize, usize> = part_clubs
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, i))
            .collect();
        let sub: Vec<Applicant> = members
            .iter()
            .map(|&a| Applicant {
                tier: applicants[a].tier,
                choices: applicants[a]
                    .choices
                    .iter()
                    .map(|ch| Choice {
                        club: local[&ch.club],
                        rank: ch.rank,
                    })
                    .collect(),
            })
            .collect();
        let sub_clubs: Vec<Club> = part_clubs.iter().map(|&c| clubs[c].clone()).collect();
        let sub_left: Vec<u32> = part_clubs.iter().map(|&c| left[c]).collect();
        let sub_running: Vec<bool> = part_clubs.iter().map(|&c| running[c]).collect();
        let mut sub_order: Vec<usize> = (0..members.len()).collect();
        sub_order.sort_by_key(|&i| position[members[i]]);
        let got = allocate_connected(&sub, &sub_clubs, &sub_left, &sub_running, &sub_order, rules);
        // A part proven the best is its own ceiling.
        let part_ceiling = match &got.ceiling {
            Some(c) => Some(c.clone()),
            None if got.proven => Some(super::bound::standing(&sub, &got.assigned)),
            None => None,
        };
        out.ceiling = match (out.ceiling.take(), part_ceiling) {
            (Some(sum), Some(part)) => Some(sum.plus(&part)),
            _ => None,
        };
        for (i, clubs_of) in got.assigned.into_iter().enumerate() {
            out.assigned[members[i]] = clubs_of.into_iter().map(|c| part_clubs[c]).collect();
        }
        out.closed
            .extend(got.closed.into_iter().map(|c| part_clubs[c]));
        out.proven &= got.proven;
    }
    // A club nobody chose is below any minimum it has.
    if rules.minimums {
        out.closed.extend(
            (0..clubs.len())
                .filter(|&c| part_of_club[c].is_none() && !running[c] && clubs[c].min > 0),
        );
    }
    out.closed.sort_unstable();
    out
}

/// The connected parts of the choice graph: (applicants, clubs) of each, and
/// each club's part (`None` for a club nobody chose).
#[allow(clippy::type_complexity)]
fn components(
    applicants: &[Applicant],
    clubs: usize,
) -> (Vec<(Vec<usize>, Vec<usize>)>, Vec<Option<usize>>) {
    let mut parent: Vec<usize> = (0..clubs).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for a in applicants {
        if let Some(first) = a.choices.first() {
            for ch in &a.choices[1..] {
                let (x, y) = (find(&mut parent, first.club), find(&mut parent, ch.club));
                parent[x] = y;
            }
        }
    }
    let mut part_of_root: HashMap<usize, usize> = HashMap::new();
    let mut parts: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut part_of_club = vec![None; clubs];
    for (i, a) in applicants.iter().enumerate() {
        let Some(first) = a.choices.first() else {
            continue;
        };
        let root = find(&mut parent, first.club);
        let p = *part_of_root.entry(root).or_insert_with(|| {
            parts.push((Vec::new(), Vec::new()));
            parts.len() - 1
        });
        parts[p].0.push(i);
        for ch in &a.choices {
            if part_of_club[ch.club].is_none() {
                part_of_club[ch.club] = Some(p);
                parts[p].1.push(ch.club);
            }
        }
    }
    for part in &mut parts {
        part.1.sort_unstable();
    }
    (parts, part_of_club)
}

/// [`allocate`] on one connected part.
fn allocate_connected(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
    order: &[usize],
    rules: Rules,
) -> Outcome {
    let order = tiers_first(applicants, order);
    if rules.strategy == Strategy::Optimal && rules.max_clubs > 1 {
        let part = super::two_clubs::Part {
            applicants,
            clubs,
            left,
            running,
            order: &order,
            max_clubs: rules.max_clubs as usize,
        };
        return super::two_clubs::search(&part, rules.minimums);
    }
    if rules.minimums && rules.strategy == Strategy::Optimal {
        return super::minimums::search(applicants, clubs, left, running, &order);
    }
    // Per club, the students who chose it (a club listed twice counts once).
    let mut applied = vec![0usize; clubs.len()];
    for a in applicants {
        for (i, ch) in a.choices.iter().enumerate() {
            if !a.choices[..i].iter().any(|earlier| earlier.club == ch.club) {
                applied[ch.club] += 1;
            }
        }
    }
    let mut open = vec![true; clubs.len()];
    let mut closed = Vec::new();
    let mut outcome = solve(applicants, clubs, left, &open, &order, rules);
    if rules.minimums {
        loop {
            let mut count = vec![0u32; clubs.len()];
            outcome.iter().flatten().for_each(|&c| count[c] += 1);
            // The club furthest below its minimum; ties: the fewest applicants, then file order.
            let short = (0..clubs.len())
                .filter(|&c| open[c] && !running[c] && count[c] < clubs[c].min)
                .max_by_key(|&c| {
                    (
                        clubs[c].min - count[c],
                        std::cmp::Reverse(applied[c]),
                        std::cmp::Reverse(c),
                    )
                });
            let Some(c) = short else { break };
            open[c] = false;
            closed.push(c);
            outcome = solve(applicants, clubs, left, &open, &order, rules);
        }
    }
    Outcome {
        assigned: outcome,
        closed,
        proven: true,
        ceiling: None,
    }
}

/// The lottery order with higher priority tiers first (stable inside a tier).
pub(super) fn tiers_first(applicants: &[Applicant], order: &[usize]) -> Vec<usize> {
    let mut order = order.to_vec();
    order.sort_by_key(|&a| std::cmp::Reverse(applicants[a].tier));
    order
}

fn solve(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    open: &[bool],
    order: &[usize],
    rules: Rules,
) -> Vec<Vec<usize>> {
    let mut assigned = vec![Vec::new(); applicants.len()];
    let mut left = left.to_vec();
    for _round in 0..rules.max_clubs.max(1) {
        let allowed = |a: usize, c: usize, got: &[Vec<usize>]| {
            open[c]
                && !got[a]
                    .iter()
                    .any(|&g| g == c || clash(&clubs[g], &clubs[c]))
        };
        let got = match rules.strategy {
            Strategy::Optimal => flow_round(applicants, clubs.len(), &left, order, |a, c| {
                allowed(a, c, &assigned)
            }),
            Strategy::Lottery => {
                lottery_round(applicants, &left, order, |a, c| allowed(a, c, &assigned))
            }
        };
        let mut any = false;
        for (a, club) in got.into_iter().enumerate() {
            if let Some(c) = club {
                assigned[a].push(c);
                left[c] -= 1;
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    for (a, clubs_of) in assigned.iter_mut().enumerate() {
        let rank = |c: &usize| {
            applicants[a]
                .choices
                .iter()
                .find(|ch| ch.club == *c)
                .map_or(u32::MAX, |ch| ch.rank)
        };
        clubs_of.sort_by_key(rank);
    }
    assigned
}

/// Random serial dictatorship: in `order`, each takes their best allowed club with a seat.
fn lottery_round(
    applicants: &[Applicant],
    left: &[u32],
    order: &[usize],
    allowed: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let mut left = left.to_vec();
    let mut got = vec![None; applicants.len()];
    for &a in order {
        let mut choices = applicants[a].choices.clone();
        choices.sort_by_key(|c| c.rank);
        if let Some(ch) = choices
            .iter()
            .find(|ch| left[ch.club] > 0 && allowed(a, ch.club))
        {
            left[ch.club] -= 1;
            got[a] = Some(ch.club);
        }
    }
    got
}

/// One club per applicant, exactly: a min-cost flow whose costs rank every
/// placement of a higher tier above any number of placements of lower tiers,
/// then any placement above any saving in rank.
pub(super) fn flow_round(
    applicants: &[Applicant],
    clubs: usize,
    left: &[u32],
    order: &[usize],
    allowed: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    flow_forced(applicants, left, &vec![0; clubs], order, allowed)
}

/// [`flow_round`] where club `c` must take at least `must[c]` students if it
/// can: those seats cost nothing, every other seat costs more than any
/// placement saves, so the flow fills them first (augmenting never empties a
/// seat, so this costs no student placed).
pub(super) fn flow_forced(
    applicants: &[Applicant],
    left: &[u32],
    must: &[u32],
    order: &[usize],
    allowed: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    SeatFlow::new(applicants, left, must, order, allowed, false).solve()
}
