//! Where one student is in each block of each weekday they attend, given their
//! homework room and clubs: the club on its days, otherwise the block's fallback.

use chrono::{NaiveTime, Weekday};

use super::Kind;
use crate::config::{Band, BlockKind, Fallback, Part};
use crate::consent::Enrollee;
use crate::model::{Activity, ActivityFor, Club, Session};
use crate::school::School;

/// One block of one weekday, before it gets dates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slot {
    pub weekday: Weekday,
    pub block: u8,
    pub kind: Kind,
    pub group: String,
}

impl Slot {
    fn key(&self) -> (u32, u8, Kind, &str) {
        (
            self.weekday.num_days_from_monday(),
            self.block,
            self.kind,
            &self.group,
        )
    }
}

impl Ord for Slot {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Slot {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The special activity a class has on a weekday: its own, else its grade's.
pub fn activity_for<'a>(
    school: &'a School,
    class: &str,
    grade: u8,
    day: Weekday,
) -> Option<&'a Activity> {
    let on_day = |a: &&Activity| a.days.contains(day);
    school
        .activities
        .iter()
        .filter(on_day)
        .find(|a| a.who == ActivityFor::Class(class.to_string()))
        .or_else(|| {
            school
                .activities
                .iter()
                .filter(on_day)
                .find(|a| a.who == ActivityFor::Grade(grade))
        })
}

/// The activity's group name in the plan: its name and who it is for.
pub fn activity_group_name(activity: &Activity) -> String {
    match &activity.who {
        ActivityFor::Grade(g) => format!("{}·{g}", activity.name),
        ActivityFor::Class(c) => format!("{}·{c}", activity.name),
    }
}

/// Whether a student with this session stays for a block of this part.
pub fn stays_for(session: Session, part: Part) -> bool {
    session == Session::Full || part == Part::First
}

/// The club's part of the afternoon.
pub fn club_part(club: &Club) -> Part {
    match club.session {
        Session::First => Part::First,
        Session::Full => Part::Second,
    }
}

/// The slots of one student for a week. `reading_seat(weekday)` returns the
/// reading room when it still has a seat that day (and takes it).
pub fn slots(
    school: &School,
    enrollee: &Enrollee,
    band: &Band,
    room: &str,
    clubs: &[&Club],
    reading_seat: &mut dyn FnMut(Weekday) -> Option<String>,
) -> Vec<Slot> {
    let mut out = Vec::new();
    for weekday in enrollee.days.iter() {
        for (i, block) in band.blocks.iter().enumerate() {
            if !stays_for(enrollee.slip.session, block.part) {
                continue;
            }
            let homework = || (Kind::Homework, room.to_string());
            let activity = || {
                activity_for(school, &enrollee.student.class, enrollee.grade, weekday)
                    .map(|a| (Kind::Activity, activity_group_name(a)))
            };
            let mut fallback = |f: Fallback| match f {
                Fallback::Homework => homework(),
                Fallback::Reading => reading_seat(weekday)
                    .map(|r| (Kind::Reading, r))
                    .unwrap_or_else(homework),
                Fallback::Activity => activity().unwrap_or_else(homework),
            };
            let (kind, group) = match block.kind {
                BlockKind::Homework => homework(),
                BlockKind::Activity => activity().unwrap_or_else(|| fallback(block.fallback)),
                BlockKind::Club => clubs
                    .iter()
                    .find(|c| c.days.contains(weekday) && club_part(c) == block.part)
                    .map(|c| (Kind::Club, c.id.clone()))
                    .unwrap_or_else(|| fallback(block.fallback)),
            };
            out.push(Slot {
                weekday,
                block: i as u8 + 1,
                kind,
                group,
            });
        }
    }
    out
}

/// When a student of this band and session leaves: the end of the first part
/// for first-session students (the early batch), else the band's dismissal.
pub fn dismissal_of(band: &Band, session: Session) -> (NaiveTime, bool) {
    if session == Session::First
        && let Some(end) = band
            .blocks
            .iter()
            .filter(|b| b.part == Part::First)
            .map(|b| b.end)
            .max()
    {
        return (end, true);
    }
    (band.dismissal, false)
}
