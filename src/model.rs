//! The school as kehou sees it: students, classes, slips, rooms, clubs, staff.
//!
//! These are validated values: the loaders in [`crate::school`] turn input rows
//! into them and report every row they cannot.

use chrono::{NaiveDate, Weekday};

/// A set of weekdays, as a bit mask (Monday = bit 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Days(u8);

impl Days {
    pub const EMPTY: Days = Days(0);
    pub const WORKWEEK: Days = Days(0b0001_1111);

    pub fn insert(&mut self, day: Weekday) {
        self.0 |= 1 << day.num_days_from_monday();
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn is_subset(self, of: Days) -> bool {
        self.0 & !of.0 == 0
    }

    pub fn intersect(self, other: Days) -> Days {
        Days(self.0 & other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .filter_map(|i| Weekday::try_from(i).ok())
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

impl FromIterator<Weekday> for Days {
    fn from_iter<I: IntoIterator<Item = Weekday>>(iter: I) -> Self {
        let mut days = Days::EMPTY;
        iter.into_iter().for_each(|d| days.insert(d));
        days
    }
}

/// A set of grades 1–6, as a bit mask (grade 1 = bit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Grades(u8);

impl Grades {
    pub const EMPTY: Grades = Grades(0);
    pub const ALL: Grades = Grades(0b0111_1110);

    pub fn insert(&mut self, grade: u8) {
        debug_assert!((1..=6).contains(&grade));
        self.0 |= 1 << grade;
    }

    pub fn contains(self, grade: u8) -> bool {
        grade < 8 && self.0 & (1 << grade) != 0
    }

    pub fn overlaps(self, other: Grades) -> bool {
        self.0 & other.0 != 0
    }

    pub fn iter(self) -> impl Iterator<Item = u8> {
        (1..=6u8).filter(move |g| self.contains(*g))
    }
}

/// How long a student stays: both sessions, or the first one only (弹性离校).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Session {
    Full,
    First,
}

/// How a student goes home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pickup {
    Parent,
    Alone,
    Bus,
}

/// Where a row came from, to point back at it in a later report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line(pub usize);

#[derive(Debug, Clone)]
pub struct Student {
    pub id: String,
    pub name: String,
    pub class: String,
    pub gender: String,
    pub guardian: String,
    pub phone: String,
    pub fee_exempt: bool,
    pub notes: String,
    pub line: Line,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    pub grade: u8,
    /// Staff id, when the head teacher was found in the staff file.
    pub head_teacher: String,
    pub home_room: String,
    pub line: Line,
}

/// One returned slip (告家长书回执).
#[derive(Debug, Clone)]
pub struct ConsentSlip {
    pub student: String,
    pub date: NaiveDate,
    pub joins: bool,
    /// Empty means every service weekday.
    pub days: Days,
    pub session: Session,
    pub pickup: Pickup,
    pub pickup_by: String,
    pub reason: String,
    /// Club ids by rank: index 0 is choice 1; `None` for a blank choice.
    pub choices: Vec<Option<String>>,
    pub safety_signed: Option<bool>,
    pub priority: i32,
    pub effective: NaiveDate,
    pub line: Line,
}

#[derive(Debug, Clone)]
pub struct Room {
    pub name: String,
    pub capacity: u32,
    pub grades: Grades,
    /// Staff ids per weekday (Monday first), as given in the rooms file.
    pub supervisors: [Vec<String>; 5],
    pub line: Line,
}

#[derive(Debug, Clone)]
pub struct Club {
    pub id: String,
    pub name: String,
    pub teacher: String,
    pub room: String,
    pub days: Days,
    pub session: Session,
    pub capacity: u32,
    pub min: u32,
    pub grades: Grades,
    pub fee_fen: i64,
    pub line: Line,
}

/// Which students an activity is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityFor {
    Grade(u8),
    Class(String),
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub who: ActivityFor,
    pub days: Days,
    pub name: String,
    pub teacher: String,
    pub room: String,
    pub line: Line,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Teacher,
    Leader,
}

#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub role: Role,
    /// Empty means every service weekday.
    pub available: Days,
    pub line: Line,
}

/// A leave request (请假).
#[derive(Debug, Clone)]
pub struct Leave {
    pub student: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub reported_by: String,
    pub line: Line,
}

/// A one-day change to how a student goes home.
#[derive(Debug, Clone)]
pub struct PickupChange {
    pub student: String,
    pub date: NaiveDate,
    pub pickup: Pickup,
    pub pickup_by: String,
    pub note: String,
    pub line: Line,
}

/// Orders names the way people do: `1(2)班` before `1(10)班`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    natural_chunks(a).cmp(natural_chunks(b))
}

/// The runs `natural_cmp` compares, without allocating (a big school sorts
/// millions of names): a run of digits by its value, then as written, before
/// any other text.
fn natural_chunks(s: &str) -> impl Iterator<Item = (u8, u64, &str)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let chunk = if digits > 0 {
            let (run, tail) = rest.split_at(digits);
            rest = tail;
            (0, run.parse().unwrap_or(u64::MAX), run)
        } else {
            let text = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(text);
            rest = tail;
            (1, 0, run)
        };
        Some(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    /// The order as first written: each name cut into a vector of runs.
    fn by_vectors(a: &str, b: &str) -> Ordering {
        fn runs(s: &str) -> Vec<(u8, u64, &str)> {
            let mut out = Vec::new();
            let mut rest = s;
            while !rest.is_empty() {
                let digits = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                if digits > 0 {
                    out.push((
                        0,
                        rest[..digits].parse().unwrap_or(u64::MAX),
                        &rest[..digits],
                    ));
                    rest = &rest[digits..];
                } else {
                    let text = rest
                        .find(|c: char| c.is_ascii_digit())
                        .unwrap_or(rest.len());
                    out.push((1, 0, &rest[..text]));
                    rest = &rest[text..];
                }
            }
            out
        }
        runs(a).cmp(&runs(b))
    }

    #[test]
    fn names_sort_the_way_people_read_them() {
        let mut names = vec![
            "1(10)班", "1(2)班", "10(1)班", "2(1)班", "S01", "S1", "S", "",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "", "1(2)班", "1(10)班", "2(1)班", "10(1)班", "S", "S01", "S1"
            ]
        );
        let huge = "99999999999999999999999";
        assert_eq!(natural_cmp(huge, "1"), Ordering::Greater);
    }

    proptest! {
        #[test]
        fn the_order_is_the_one_first_written(
            a in "[0-9a班()]{0,8}|[0-9]{18,22}",
            b in "[0-9a班()]{0,8}|[0-9]{18,22}",
        ) {
            prop_assert_eq!(natural_cmp(&a, &b), by_vectors(&a, &b));
        }
    }
}
