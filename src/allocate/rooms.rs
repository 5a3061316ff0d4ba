//! Seating every student in service in a homework room (DESIGN §3 Homework rooms).
//!
//! Capacity holds on every weekday; rooms limited to grades are respected.
//! Each class stays together in one room where it fits (the handover is per
//! class), in its home room if it can, and grades are kept apart where rooms
//! allow. A student has the same room every day.

use crate::model::{Days, Grades, Room};

/// One student to seat: their class (index), grade and the weekdays they attend.
#[derive(Debug, Clone, Copy)]
pub struct Sitter {
    pub class: usize,
    pub grade: u8,
    pub days: Days,
    /// A room kept from an earlier plan.
    pub kept: Option<usize>,
}

/// A homework room as the allocation sees it.
#[derive(Debug, Clone)]
pub struct Space {
    pub capacity: u32,
    pub grades: Grades,
}

impl From<&Room> for Space {
    fn from(room: &Room) -> Space {
        Space {
            capacity: room.capacity,
            grades: room.grades,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Seating {
    /// Per sitter, their room (`None`: no seat anywhere — a shortage to report).
    pub room_of: Vec<Option<usize>>,
    /// Classes whose students sit in more than one room.
    pub split: Vec<usize>,
}

struct Load {
    seats: Vec<[u32; 7]>,
    grades: Vec<Grades>,
}

impl Load {
    fn fits(&self, spaces: &[Space], room: usize, need: &[u32; 7]) -> bool {
        (0..7).all(|d| self.seats[room][d] + need[d] <= spaces[room].capacity)
    }

    fn add(&mut self, room: usize, need: &[u32; 7], grade: u8) {
        (0..7).for_each(|d| self.seats[room][d] += need[d]);
        self.grades[room].insert(grade);
    }
}

fn need_of(days: Days) -> [u32; 7] {
    let mut need = [0; 7];
    days.iter()
        .for_each(|d| need[d.num_days_from_monday() as usize] += 1);
    need
}

/// Seats everyone. `home[class]` is the class's own room, if it is a homework room;
/// `band_of(grade)` groups grades so that bands share rooms before mixing.
pub fn seat(
    sitters: &[Sitter],
    spaces: &[Space],
    home: &[Option<usize>],
    band_of: impl Fn(u8) -> usize,
) -> Seating {
    let mut load = Load {
        seats: vec![[0; 7]; spaces.len()],
        grades: vec![Grades::EMPTY; spaces.len()],
    };
    let mut room_of: Vec<Option<usize>> = sitters.iter().map(|s| s.kept).collect();
    for (s, sitter) in sitters.iter().enumerate() {
        if let Some(r) = room_of[s] {
            load.add(r, &need_of(sitter.days), sitter.grade);
        }
    }
    // Newcomers, by class; and the room each class already sits in.
    let mut newcomers: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    let mut sits_in: std::collections::HashMap<usize, usize> = Default::default();
    for (s, sitter) in sitters.iter().enumerate() {
        match room_of[s] {
            None => newcomers.entry(sitter.class).or_default().push(s),
            Some(r) => {
                sits_in.entry(sitter.class).or_insert(r);
            }
        }
    }
    // Rank rooms for a grade: its usual room, then rooms holding only this grade,
    // then empty ones, then its band, then any; smaller rooms first to keep
    // big ones for big classes.
    let preference = |room: usize, grade: u8, usual: Option<usize>, load: &Load| {
        let held = load.grades[room];
        let mix = if Some(room) == usual {
            0
        } else if held == Grades::EMPTY {
            2
        } else if held.iter().all(|g| g == grade) {
            1
        } else if held.iter().all(|g| band_of(g) == band_of(grade)) {
            3
        } else {
            4
        };
        (mix, spaces[room].capacity, room)
    };
    let usual_room = |class: usize| {
        sits_in
            .get(&class)
            .copied()
            .or(home.get(class).copied().flatten())
    };
    let mut whole_first: Vec<(usize, Vec<usize>)> = newcomers.into_iter().collect();
    // Classes with a usual room first, then the biggest.
    whole_first.sort_by_key(|(k, m)| (usual_room(*k).is_none(), std::cmp::Reverse(m.len()), *k));
    let mut split = Vec::new();
    for (class, members) in whole_first {
        if members.is_empty() {
            continue;
        }
        let grade = sitters[members[0]].grade;
        let usual = usual_room(class);
        let mut need = [0u32; 7];
        for &s in &members {
            let n = need_of(sitters[s].days);
            (0..7).for_each(|d| need[d] += n[d]);
        }
        let mut candidates: Vec<usize> = (0..spaces.len())
            .filter(|&r| spaces[r].grades.contains(grade))
            .collect();
        candidates.sort_by_cached_key(|&r| preference(r, grade, usual, &load));
        if let Some(&r) = candidates.iter().find(|&&r| load.fits(spaces, r, &need)) {
            load.add(r, &need, grade);
            members.iter().for_each(|&s| room_of[s] = Some(r));
            continue;
        }
        // The class does not fit in one room: seat its students one by one,
        // filling the best rooms first.
        split.push(class);
        for &s in &members {
            let need = need_of(sitters[s].days);
            let best = candidates
                .iter()
                .copied()
                .filter(|&r| load.fits(spaces, r, &need))
                .min_by_key(|&r| preference(r, grade, usual, &load));
            if let Some(r) = best {
                load.add(r, &need, grade);
                room_of[s] = Some(r);
            }
        }
    }
    // A class kept from an earlier plan may also be split already.
    let mut rooms_of_class: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (s, r) in room_of.iter().enumerate() {
        if let Some(r) = r {
            rooms_of_class.entry(sitters[s].class).or_default().push(*r);
        }
    }
    for (class, mut rooms) in rooms_of_class {
        rooms.sort_unstable();
        rooms.dedup();
        if rooms.len() > 1 && !split.contains(&class) {
            split.push(class);
        }
    }
    split.sort_unstable();
    Seating { room_of, split }
}
