//! Building the term plan from the school and, when there is one, the
//! previous plan: existing placements are kept, withdrawals end theirs,
//! waiting lists are promoted into freed seats, and newcomers are placed.
//! Each phase is a function of its own: who is in service (`stay`), rooms
//! (`seat_rooms`), clubs (`placing`), the rows of plan.csv (`rows`).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::placing::{self, Clubs, Exactness};
use super::rows;
use super::satisfaction::Satisfaction;
use super::schedule::{club_part, stays_for};
use super::stay::{self, Stay};
use super::{Kind, Placement, Plan};
use crate::allocate::clubs::{Bound, Choice};
use crate::allocate::rooms::{self, Sitter, Space};
use crate::config::Config;
use crate::consent::Enrollee;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};
use crate::model::{Club, ConsentSlip};
use crate::rng::Rng;
use crate::school::School;

/// What a re-plan changed.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub placed: Vec<String>,
    pub withdrawn: Vec<String>,
    pub promoted: Vec<(String, String)>,
    /// Students whose slip changed (days, session, choices) and whose rows were renewed.
    pub renewed: Vec<String>,
    /// Per club id: (+placed, −left, ↑promoted).
    pub per_club: BTreeMap<String, (usize, usize, usize)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
            && self.withdrawn.is_empty()
            && self.promoted.is_empty()
            && self.renewed.is_empty()
    }
}

#[derive(Debug)]
pub struct Built<'a> {
    pub as_of: NaiveDate,
    pub plan: Plan,
    /// Everyone in service on the plan's date or later (a pending join too),
    /// with the slip their clubs are allocated by.
    pub enrollees: Vec<Enrollee<'a>>,
    /// Per enrollee, their timeline by effective dates (pending slips after the first segment).
    pub stays: Vec<Stay<'a>>,
    /// Per enrollee, their homework room (index into the school's rooms).
    pub room_of: Vec<Option<usize>>,
    /// Per enrollee, their clubs (indexes into the school's clubs).
    pub clubs_of: Vec<Vec<usize>>,
    pub split_classes: Vec<String>,
    pub closed: Vec<usize>,
    /// How far the clubs' allocation is known to be the best.
    pub exactness: Exactness,
    pub bound: Option<Bound>,
    pub satisfaction: Satisfaction,
    /// The other strategy on the same data, for the school to see the trade.
    pub other: Satisfaction,
    /// Where more seats or a lower minimum would place more (`optimal` only).
    pub advice: Option<crate::allocate::advice::Advice>,
    /// Per grade and per tier, the share placed at each rank.
    pub fairness: super::satisfaction::Fairness,
    pub changes: Changes,
    pub problems: Problems,
}

/// The lottery ticket of a student: depends only on the seed and their id, so
/// adding or removing another student changes nobody else's ticket.
pub(super) fn ticket(seed: u64, id: &str) -> u64 {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    Rng::new(seed ^ hash).next_u64()
}

/// Whether a club can take this student (DESIGN §3 Clubs: grade, every day, session).
pub fn admissible(club: &Club, e: &Enrollee) -> bool {
    club.grades.contains(e.grade)
        && club.days.is_subset(e.days)
        && stays_for(e.slip.session, club_part(club))
}

/// Whether a student under this slip may hold this club: admissible and still among its choices.
pub(super) fn valid(club: &Club, e: &Enrollee) -> bool {
    admissible(club, e) && e.slip.choices.iter().flatten().any(|id| *id == club.id)
}

pub(super) fn choices_of(
    school: &School,
    club_at: &HashMap<&str, usize>,
    e: &Enrollee,
) -> Vec<Choice> {
    e.slip
        .choices
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let id = id.as_deref()?;
            let c = *club_at.get(id)?;
            admissible(&school.clubs[c], e).then_some(Choice {
                club: c,
                rank: i as u32 + 1,
            })
        })
        .collect()
}

/// Lookups shared by the phases, and the previous plan's rows that still hold.
pub(super) struct Index<'a, 'p> {
    pub school: &'a School,
    pub config: &'a Config,
    pub as_of: NaiveDate,
    /// The first date the plan decides: the plan's date, or the term's start.
    pub start: NaiveDate,
    pub club_at: HashMap<&'a str, usize>,
    pub room_at: HashMap<&'a str, usize>,
    /// Per student, their rows of the previous plan holding on or after the plan's date.
    pub current: HashMap<&'p str, Vec<&'p Placement>>,
}

impl<'a, 'p> Index<'a, 'p> {
    fn new(
        school: &'a School,
        config: &'a Config,
        as_of: NaiveDate,
        previous: Option<&'p Plan>,
    ) -> Self {
        let club_at = (school.clubs.iter().enumerate())
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let room_at = (school.rooms.iter().enumerate())
            .map(|(i, r)| (r.name.as_str(), i))
            .collect();
        let mut current: HashMap<&str, Vec<&Placement>> = HashMap::new();
        for p in previous.into_iter().flat_map(|prev| &prev.placements) {
            if p.holds_after(as_of) {
                current.entry(&*p.student).or_default().push(p);
            }
        }
        Index {
            school,
            config,
            as_of,
            start: as_of.max(config.calendar.start),
            club_at,
            room_at,
            current,
        }
    }

    /// The student's rows of the previous plan that hold on `date`.
    pub fn held_on(&self, id: &str, date: NaiveDate) -> impl Iterator<Item = &'p Placement> {
        (self.current.get(id).into_iter().flatten().copied()).filter(move |p| p.active_on(date))
    }

    /// The enrollee as the plan sees them under one slip of their timeline.
    pub fn under(&self, e: &Enrollee<'a>, slip: &'a ConsentSlip) -> Enrollee<'a> {
        stay::enrollee(e.student, slip, self.school, self.config)
    }
}

pub fn build<'a>(
    school: &'a School,
    config: &'a Config,
    as_of: NaiveDate,
    previous: Option<&Plan>,
) -> Built<'a> {
    let index = Index::new(school, config, as_of, previous);
    let (enrollees, stays): (Vec<_>, Vec<_>) =
        stay::in_service(school, config, as_of).into_iter().unzip();
    let mut problems = Problems::default();
    // Rooms and clubs are decided apart from each other, so side by side;
    // the rooms on the second thread, whose memory is all given back but
    // its answer.
    let ((room_of, split_classes), clubs) = std::thread::scope(|scope| {
        let rooms = scope.spawn(|| seat_rooms(&index, &enrollees, &stays, &mut problems));
        let clubs = placing::place(&index, &enrollees, &stays, previous);
        let rooms = rooms
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (rooms, clubs)
    });
    let Clubs {
        clubs_of,
        kept_now,
        promoted,
        closed,
        exactness,
        bound,
        satisfaction,
        other,
        waitlist,
        advice,
        fairness,
    } = clubs;
    let written = rows::write(
        &index,
        rows::Decided {
            enrollees: &enrollees,
            stays: &stays,
            room_of: &room_of,
            clubs_of: &clubs_of,
            kept_now: &kept_now,
            promoted: &promoted,
        },
        previous,
    );
    Built {
        as_of,
        plan: Plan {
            placements: written.placements,
            waitlist,
        },
        enrollees,
        stays,
        room_of,
        clubs_of,
        split_classes,
        closed,
        exactness,
        bound,
        satisfaction,
        other,
        advice,
        fairness,
        changes: written.changes,
        problems,
    }
}

/// Homework rooms: every enrollee seated, kept where they sat; rooms are
/// held for every weekday of every segment of their timeline. The reading
/// room is kept for the reading fallback. Returns the rooms and the classes split.
fn seat_rooms(
    index: &Index,
    enrollees: &[Enrollee],
    stays: &[Stay],
    problems: &mut Problems,
) -> (Vec<Option<usize>>, Vec<String>) {
    let (school, config) = (index.school, index.config);
    let reading = index.room_at.get(config.allocation.reading_room.as_str());
    let homework_rooms: Vec<usize> = (0..school.rooms.len())
        .filter(|r| Some(r) != reading)
        .collect();
    let space_of: HashMap<usize, usize> = (homework_rooms.iter().enumerate())
        .map(|(s, r)| (*r, s))
        .collect();
    let spaces: Vec<Space> = (homework_rooms.iter())
        .map(|&r| Space::from(&school.rooms[r]))
        .collect();
    let class_at: HashMap<&str, usize> = (school.classes.iter().enumerate())
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let home: Vec<Option<usize>> = (school.classes.iter())
        .map(|c| {
            let room = index.room_at.get(c.home_room.as_str());
            room.and_then(|r| space_of.get(r)).copied()
        })
        .collect();
    let sitters: Vec<Sitter> = (enrollees.iter().zip(stays))
        .map(|(e, stay)| {
            let kept = (index
                .current
                .get(e.student.id.as_str())
                .into_iter()
                .flatten())
            .find(|p| p.kind == Kind::Homework)
            .and_then(|p| index.room_at.get(&*p.group))
            .and_then(|r| space_of.get(r))
            .copied()
            .filter(|&s| spaces[s].grades.contains(e.grade));
            Sitter {
                class: class_at.get(e.student.class.as_str()).copied().unwrap_or(0),
                grade: e.grade,
                days: stay::all_days(stay, config),
                kept,
            }
        })
        .collect();
    let band_index = |g: u8| (config.bands.iter().position(|b| b.grades.contains(g))).unwrap_or(0);
    let seating = rooms::seat(&sitters, &spaces, &home, band_index);
    let room_of: Vec<Option<usize>> = (seating.room_of.iter())
        .map(|s| s.map(|s| homework_rooms[s]))
        .collect();
    for (e, room) in enrollees.iter().zip(&room_of) {
        if room.is_none() {
            problems.push(Problem {
                severity: Severity::Error,
                file: config.files.consent.clone(),
                line: Some(e.slip.line.0),
                column: None,
                value: Some(format!(
                    "{} {} {}",
                    e.student.id, e.student.name, e.student.class
                )),
                msg: Msg::NoHomeworkSeat,
            });
        }
    }
    let split = (seating.split.iter())
        .map(|&k| school.classes[k].name.clone())
        .collect();
    (room_of, split)
}
