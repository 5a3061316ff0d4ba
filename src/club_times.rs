//! When a club meets: a club open to several bands meets in each band's club
//! block, and those blocks may not start at the same time.

use chrono::NaiveTime;

use crate::config::{BlockKind, Config, Part};
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};
use crate::model::{Club, Grades, Session};
use crate::school::School;

/// When a club meets for each band it is open to: (band, start, end).
pub fn club_times(club: &Club, config: &Config) -> Vec<(String, NaiveTime, NaiveTime)> {
    // A full-session club meets in the second part of the afternoon.
    let part = match club.session {
        Session::First => Part::First,
        Session::Full => Part::Second,
    };
    let open_to = |g: u8| club.grades == Grades::EMPTY || club.grades.contains(g);
    config
        .bands
        .iter()
        .filter(|b| (1..=6).any(|g| b.grades.contains(g) && open_to(g)))
        .filter_map(|b| {
            let block = b
                .blocks
                .iter()
                .find(|k| k.kind == BlockKind::Club && k.part == part)?;
            Some((b.name.clone(), block.start, block.end))
        })
        .collect()
}

/// A warning for every club open to bands whose club blocks start at
/// different times: its children arrive apart, and its teacher must be there
/// from the first start.
pub fn times_apart(school: &School, config: &Config) -> Problems {
    let mut problems = Problems::default();
    for club in &school.clubs {
        let times = club_times(club, config);
        let Some(first) = times.first() else { continue };
        if times.iter().all(|t| t.1 == first.1) {
            continue;
        }
        let text: Vec<String> = times
            .iter()
            .map(|(band, s, e)| format!("{band} {}–{}", s.format("%H:%M"), e.format("%H:%M")))
            .collect();
        problems.push(Problem {
            severity: Severity::Warning,
            file: school.set_aside.clubs.file.clone(),
            line: Some(club.line.0),
            column: None,
            value: Some(club.name.clone()),
            msg: Msg::ClubTimesApart {
                times: text.join(", "),
            },
        });
    }
    problems
}

/// A warning for every two clubs that meet in one place at one time (on a
/// day both meet, in overlapping blocks), at the later club's row.
pub fn same_place_at_once(school: &School, config: &Config) -> Problems {
    let mut problems = Problems::default();
    let times: Vec<_> = school.clubs.iter().map(|c| club_times(c, config)).collect();
    for (j, b) in school.clubs.iter().enumerate() {
        let place = b.room.trim();
        if place.is_empty() {
            continue;
        }
        let clash = school.clubs[..j].iter().enumerate().find(|(i, a)| {
            a.room.trim() == place
                && !a.days.intersect(b.days).is_empty()
                && times[*i]
                    .iter()
                    .any(|(_, s, e)| times[j].iter().any(|(_, s2, e2)| s < e2 && s2 < e))
        });
        if let Some((_, a)) = clash {
            problems.push(Problem {
                severity: Severity::Warning,
                file: school.set_aside.clubs.file.clone(),
                line: Some(b.line.0),
                column: None,
                value: Some(place.to_string()),
                msg: Msg::ClubsShareAPlace {
                    other: a.name.clone(),
                    other_line: a.line.0,
                },
            });
        }
    }
    problems
}
