//! Capacity advice (issue 26): per club, how many more children it alone
//! could take; the clubs where a seat more places nobody; for a club closed
//! by its minimum, the minimum that would open it and what that gains.
//!
//! Everything is measured on the plan's own flow, solved once: the clubs it
//! runs open (those with a minimum forced to it), the clubs it closed shut.
//! Its residual network says which full clubs some child still without a
//! place could be routed to ([`SeatFlow::wanted_more`]); for each of those,
//! and for each club closed by its minimum, a maximum flow on the residual
//! network counts how many such children could reach it, others moving
//! along ([`SeatFlow::spare_for`]) — the marginal of that club's seats, and
//! an allocation that exists, so a re-plan with the change places at least
//! as many more (tests/advice.rs re-plans with each advised change).

use super::clubs::{Applicant, Outcome};
use super::minimums::counts;
use super::relaxation::most_clubs;
use super::seat_flow::{SeatFlow, Several};
use crate::model::Club;

/// How many clubs' figures are kept, best first.
pub const SHOWN: usize = 10;

/// How many clubs are measured, of those full clubs a seat more helps and of
/// those closed by their minimum: the ones most children still without a
/// place chose (each measure is a maximum flow on the whole network).
pub const MEASURED: usize = 32;

/// A club and how many more children it alone could take with unlimited seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct More {
    pub club: usize,
    /// Seats it has now.
    pub seats: u32,
    /// Children placed more (by that club's seats alone).
    pub children: usize,
}

/// A club closed by its minimum that would run with a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opens {
    pub club: usize,
    /// Its minimum now.
    pub min: u32,
    /// The minimum that would open it: the children it takes when it runs.
    pub opens_at: u32,
    /// Children placed more when it runs.
    pub children: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Advice {
    /// Clubs a seat more helps, most children first (at most [`SHOWN`]).
    pub more: Vec<More>,
    /// How many full clubs a seat more helps in all (each places at least
    /// one more); [`MEASURED`] of them are measured.
    pub helping: usize,
    /// Full clubs where a seat more places nobody.
    pub nobody: Vec<usize>,
    /// Seats left empty in clubs that run.
    pub idle: u32,
    /// Clubs closed by their minimum that a lower one would open, most children first.
    pub opens: Vec<Opens>,
}

/// The advice for `outcome`, an allocation of `applicants` (clubs with
/// `left[c]` free seats, `running[c]`: minimum no longer applies).
pub fn advise(
    applicants: &[Applicant],
    clubs: &[Club],
    left: &[u32],
    running: &[bool],
    order: &[usize],
    max_clubs: u32,
    outcome: &Outcome,
) -> Advice {
    let n = applicants.len();
    let count = counts(&outcome.assigned, clubs.len());
    let caps: Vec<u32> = (applicants.iter())
        .map(|a| most_clubs(a, clubs, max_clubs.max(1)))
        .collect();
    let none = vec![0; clubs.len()];
    let mut flow = if max_clubs > 1 {
        let several = Several { clubs, caps: &caps };
        SeatFlow::several(applicants, left, &none, order, |_, _| true, several)
    } else {
        SeatFlow::new(applicants, left, &none, order, |_, _| true, true)
    };
    flow.solve_all();
    let closed: Vec<bool> = (0..clubs.len())
        .map(|c| outcome.closed.contains(&c))
        .collect();
    let seats: Vec<u32> = (0..clubs.len())
        .map(|c| if closed[c] { 0 } else { left[c] })
        .collect();
    let must: Vec<u32> = (0..clubs.len())
        .map(|c| {
            let minded = !running[c] && count[c] > 0;
            if minded {
                clubs[c].min.min(count[c])
            } else {
                0
            }
        })
        .collect();
    let Some(base) = flow.resolve_seats(&seats, &must) else {
        return Advice::default();
    };
    let base_count = counts(&base, clubs.len());
    let wanted = flow.wanted_more();
    // Per club, the children still without a place who chose it.
    let mut asked = vec![0usize; clubs.len()];
    for (a, got) in applicants.iter().zip(&base) {
        if got.is_empty() {
            a.choices.iter().for_each(|ch| asked[ch.club] += 1);
        }
    }
    let by_asked = |mut cs: Vec<usize>| {
        cs.sort_by_key(|&c| (std::cmp::Reverse(asked[c]), c));
        cs.truncate(MEASURED);
        cs
    };
    let everyone = n as u32;
    let mut advice = Advice::default();
    let mut helping = Vec::new();
    for c in 0..clubs.len() {
        if closed[c] || left[c] == 0 {
            continue;
        }
        if base_count[c] < seats[c] {
            advice.idle += seats[c] - base_count[c];
        } else if wanted[c] {
            helping.push(c);
        } else {
            advice.nobody.push(c);
        }
    }
    advice.helping = helping.len();
    let mut more = Vec::new();
    for c in by_asked(helping) {
        let children = flow.spare_for(c, everyone);
        more.push(More {
            club: c,
            seats: left[c],
            children: children as usize,
        });
    }
    more.sort_by_key(|m| (std::cmp::Reverse(m.children), m.club));
    more.truncate(SHOWN);
    advice.more = more;
    let mut opens = Vec::new();
    let shut = (outcome.closed.iter().copied())
        .filter(|&c| left[c] > 0 && !running[c])
        .collect();
    for c in by_asked(shut) {
        let takes = flow.spare_for(c, left[c]);
        if takes > 0 {
            opens.push(Opens {
                club: c,
                min: clubs[c].min,
                opens_at: takes,
                children: takes as usize,
            });
        }
    }
    opens.sort_by_key(|o| (std::cmp::Reverse(o.children), o.club));
    opens.truncate(SHOWN);
    advice.opens = opens;
    advice
}
