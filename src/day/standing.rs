//! Where each student stands on one service day: staying (and where in
//! every block), unplaced, withdrawn or out; and what an early end does to
//! the day's blocks.

use std::collections::HashMap;

use chrono::NaiveTime;

use super::{Attendee, Place};
use crate::calendar::ServiceDay;
use crate::config::{Band, Config};
use crate::consent;
use crate::model::{Leave, PickupChange, Session, Student};
use crate::plan::{Kind, Placement, dismissal_of, stays_for};
use crate::school::School;

/// Where a student stands today.
pub(super) enum Standing<'a> {
    Stays(Box<Attendee<'a>>),
    /// In service by their slip, without a place for every block they stay for.
    Unplaced,
    /// Placed in the plan but no longer in service by their slips.
    Withdrawn,
    /// Not in service today.
    Out,
}

/// What a day knows beyond the plan: its slips, leave requests and pickup
/// changes (each file read once per day).
pub(super) struct Today<'a> {
    config: &'a Config,
    school: &'a School,
    service: ServiceDay<'a>,
    slips: HashMap<&'a str, &'a crate::model::ConsentSlip>,
    leave: HashMap<&'a str, &'a Leave>,
    changes: HashMap<&'a str, &'a PickupChange>,
}

impl<'a> Today<'a> {
    pub(super) fn of(school: &'a School, config: &'a Config, service: &ServiceDay<'a>) -> Self {
        let date = service.date;
        let mut leave: HashMap<&str, &Leave> = HashMap::new();
        for l in school
            .leave
            .iter()
            .filter(|l| l.from <= date && date <= l.to)
        {
            leave.entry(l.student.as_str()).or_insert(l);
        }
        let mut changes: HashMap<&str, &PickupChange> = HashMap::new();
        for c in school.pickup_changes.iter().filter(|c| c.date == date) {
            changes.insert(c.student.as_str(), c); // the last row of the day wins
        }
        Today {
            config,
            school,
            service: *service,
            slips: consent::effective_slips(school, date),
            leave,
            changes,
        }
    }

    /// A student's standing today, from their slip and their plan rows.
    pub(super) fn place(&self, student: &'a Student, mine: &[&'a Placement]) -> Standing<'a> {
        let id = student.id.as_str();
        let weekday = self.service.timetable;
        let slip = match consent::standing(self.slips.get(id).copied(), self.config) {
            consent::Standing::In(slip) if slip.days.is_empty() || slip.days.contains(weekday) => {
                slip
            }
            _ if mine.is_empty() => return Standing::Out,
            _ => return Standing::Withdrawn,
        };
        let (Some(class), false) = (self.school.class(&student.class), mine.is_empty()) else {
            return Standing::Unplaced;
        };
        let Some(band) = self.config.band_of(class.grade) else {
            return Standing::Out;
        };
        let Some(places) = places_in_blocks(band, slip.session, mine, &self.service) else {
            return Standing::Unplaced;
        };
        let change = self.changes.get(id).copied();
        let (mut leaves_at, early) = dismissal_of(band, slip.session);
        if let Some((end, _)) = self.service.ends_early {
            leaves_at = leaves_at.min(end);
        }
        Standing::Stays(Box::new(Attendee {
            student,
            class,
            band,
            session: slip.session,
            leave: self.leave.get(id).copied(),
            pickup: change.map_or(slip.pickup, |c| c.pickup),
            pickup_by: change.map_or(slip.pickup_by.clone(), |c| c.pickup_by.clone()),
            pickup_change: change,
            places,
            leaves_at,
            early,
        }))
    }
}

/// Where a student is in each block of their band today; `None` for a block
/// they do not stay for or that an early end removes. On a day without clubs
/// the club block goes to the homework room. `None` overall when a block
/// they stay for has no place in the plan.
fn places_in_blocks(
    band: &Band,
    session: Session,
    mine: &[&Placement],
    service: &ServiceDay,
) -> Option<Vec<Place>> {
    let homework = mine
        .iter()
        .find(|p| p.kind == Kind::Homework)
        .map(|p| p.group.clone());
    let mut places: Vec<Place> = vec![None; band.blocks.len()];
    for p in mine {
        let b = p.block as usize - 1;
        if b >= places.len() || !stays_for(session, band.blocks[b].part) {
            continue;
        }
        places[b] = Some(match (p.kind, service.no_clubs, &homework) {
            (Kind::Club, Some(_), Some(room)) => (Kind::Homework, room.clone()),
            _ => (p.kind, p.group.clone()),
        });
    }
    let missing = band
        .blocks
        .iter()
        .enumerate()
        .any(|(b, block)| stays_for(session, block.part) && places[b].is_none());
    if missing {
        return None;
    }
    for (b, block) in band.blocks.iter().enumerate() {
        if !meets_today(block.start, service.ends_early) {
            places[b] = None;
        }
    }
    Some(places)
}

/// Whether a block starting at `start` meets on a day that may end early:
/// a block starting at or after the early end is gone that day.
pub fn meets_today(start: NaiveTime, ends_early: Option<(NaiveTime, &str)>) -> bool {
    ends_early.is_none_or(|(end, _)| start < end)
}

/// A block's end today: cut short by an early end.
pub fn end_today(end: NaiveTime, ends_early: Option<(NaiveTime, &str)>) -> NaiveTime {
    ends_early.map_or(end, |(early, _)| end.min(early))
}
