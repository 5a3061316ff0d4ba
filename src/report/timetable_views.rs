//! The timetable's sheets about people and places: a homework room's
//! students, a club's roster (its time, teacher and place in the title), the
//! student schedule, teacher duties and the dismissal batches (a class's week
//! is `timetable_class`).

use std::collections::{BTreeMap, HashMap};

use chrono::Weekday;

use super::timetable::Term;
use super::{Cell, Sheet, days_text, group_name, pickup_text, session_text};
use crate::i18n::{Label, nth_choice, weekday_name};
use crate::model::{Club, Session, natural_cmp};
use crate::plan::dismissal_of;

/// Which choice this club was for the enrollee (`第2志愿`).
pub fn choice_of(t: &Term, e: usize, club: &Club) -> String {
    t.built.enrollees[e]
        .slip
        .choices
        .iter()
        .position(|c| c.as_deref() == Some(club.id.as_str()))
        .map_or(String::new(), |r| nth_choice(t.lang, r + 1))
}

/// `16:20–17:00、16:40–17:30`: the club's times, each once.
fn club_time_text(club: &Club, t: &Term) -> String {
    let mut times: Vec<String> = crate::club_times::club_times(club, t.config)
        .iter()
        .map(|(_, s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
        .collect();
    times.dedup();
    t.lang.list(&times)
}

pub fn room_head(t: &Term, room: &str) -> (String, String) {
    let what = format!("{} {room}", t.l(Label::HomeworkRoom));
    (
        format!("{}-{room}", t.l(Label::HomeworkRoom)),
        t.title(&what),
    )
}

/// A homework (or reading) room: its students × the weekdays they sit there.
pub fn room_sheet(t: &Term, room: &str) -> Sheet {
    let empty = HashMap::new();
    let days = t.in_room.get(room).unwrap_or(&empty);
    let (name, title) = room_head(t, room);
    let weekday_names = t
        .weekdays
        .iter()
        .map(|d| weekday_name(t.lang, *d).to_string())
        .collect();
    let mut sheet = Sheet::new(
        &name,
        &format!("room-{room}"),
        title,
        t.student_headers(true, weekday_names),
    );
    let mut sitters: Vec<usize> = days.keys().copied().collect();
    sitters.sort_by_key(|&e| t.rank[e]);
    for e in sitters {
        let mine = days[&e];
        let mut row = t.student_cells(sheet.rows.len() + 1, e, true);
        row.extend(
            t.weekdays
                .iter()
                .map(|d| Cell::from(if mine.contains(*d) { "✓" } else { "" })),
        );
        sheet.rows.push(row);
    }
    sheet
}

pub fn club_head(t: &Term, club: &Club) -> (String, String) {
    let what = format!(
        "{} {} {} {} {}: {} {}: {}",
        t.l(Label::Club),
        club.name,
        days_text(t.lang, club.days, t.config.calendar.weekdays),
        club_time_text(club, t),
        t.l(Label::Teacher),
        t.school.staff_name(&club.teacher),
        t.l(Label::Place),
        club.room
    );
    (format!("{}-{}", club.id, club.name), t.title(&what))
}

/// A running club's roster: those admitted only (the waiting lists are a
/// sheet of their own).
pub fn club_sheet(t: &Term, club: &Club) -> Sheet {
    let (name, title) = club_head(t, club);
    let mut sheet = Sheet::new(
        &name,
        &format!("club-{}", club.id),
        title,
        t.student_headers(true, vec![t.l(Label::Rank)]),
    );
    let placed = t.placed_in.get(club.id.as_str()).into_iter().flatten();
    for e in t.in_class_order(placed.copied()) {
        let mut row = t.student_cells(sheet.rows.len() + 1, e, true);
        row.push(Cell::from(choice_of(t, e, club)));
        sheet.rows.push(row);
    }
    sheet
}

/// One row per student: session, days, room, clubs, pickup, leaving time.
pub fn schedule_sheet(t: &Term) -> Sheet {
    let lang = t.lang;
    let mut schedule = Sheet::new(
        Label::StudentSchedule.text(lang),
        "students",
        t.title(Label::StudentSchedule.text(lang)),
        [
            Label::No,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Session,
            Label::Days,
            Label::HomeworkRoom,
            Label::Club,
            Label::Pickup,
            Label::LeaveTime,
        ]
        .map(|l| t.l(l))
        .to_vec(),
    );
    schedule.landscape = true;
    for &e in &t.order {
        let en = &t.built.enrollees[e];
        let clubs: Vec<String> = t.built.clubs_of[e]
            .iter()
            .map(|&c| t.school.clubs[c].name.clone())
            .collect();
        let leaves = t.config.band_of(en.grade).map_or(String::new(), |b| {
            dismissal_of(b, en.slip.session)
                .0
                .format("%H:%M")
                .to_string()
        });
        let room = t.built.room_of[e].map_or("", |r| t.school.rooms[r].name.as_str());
        let mut row = t.student_cells(schedule.rows.len() + 1, e, true);
        row.extend([
            Cell::from(session_text(lang, en.slip.session)),
            Cell::from(days_text(lang, en.days, t.config.calendar.weekdays)),
            Cell::from(room),
            Cell::from(lang.list(&clubs)),
            Cell::from(pickup_text(lang, en.slip.pickup)),
            Cell::from(leaves),
        ]);
        schedule.rows.push(row);
    }
    schedule
}

/// Each teacher's week: what they keep each day, where, and hours a week
/// (a number).
pub fn duties_sheet(t: &Term) -> Sheet {
    let school = t.school;
    let mut grid: BTreeMap<&str, HashMap<Weekday, Vec<String>>> = BTreeMap::new();
    for d in &t.duties.duties {
        let place = super::daily::place_apart(school, d.kind, &d.group);
        let name = group_name(school, d.kind, &d.group);
        let at = match place.is_empty() {
            true => String::new(),
            false => format!(" @{place}"),
        };
        let text = format!(
            "{name}{at} {}–{}",
            d.start.format("%H:%M"),
            d.end.format("%H:%M")
        );
        for id in &d.teachers {
            let day = grid.entry(id.as_str()).or_default().entry(d.weekday);
            day.or_default().push(text.clone());
        }
    }
    for (day, leader) in &t.duties.leaders {
        if let Some(id) = leader {
            let mine = grid.entry(id.as_str()).or_default().entry(*day);
            mine.or_default().push(t.l(Label::DutyLeader));
        }
    }
    let mut headers = vec![t.l(Label::StaffId), t.l(Label::Name)];
    headers.extend(
        t.weekdays
            .iter()
            .map(|d| weekday_name(t.lang, *d).to_string()),
    );
    headers.push(t.l(Label::WeeklyHours));
    let mut teachers = Sheet::new(
        Label::TeacherDuties.text(t.lang),
        "duties",
        t.title(Label::TeacherDuties.text(t.lang)),
        headers,
    );
    teachers.landscape = true;
    let mut ids: Vec<&str> = grid.keys().copied().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    for id in ids {
        let days = &grid[id];
        let mut row = vec![Cell::from(id), Cell::from(school.staff_name(id))];
        for d in &t.weekdays {
            row.push(days.get(d).map_or(String::new(), |v| v.join("\n")).into());
        }
        let minutes = t.duties.minutes.get(id).copied().unwrap_or(0);
        row.push(Cell::Decimal(minutes as f64 / 60.0));
        teachers.rows.push(row);
    }
    teachers
}

/// The dismissal batches per band and session, and how many leave each weekday.
pub fn dismissal_sheet(t: &Term) -> Sheet {
    let mut headers = vec![t.l(Label::Band), t.l(Label::Batch), t.l(Label::Time)];
    headers.extend(
        t.weekdays
            .iter()
            .map(|d| weekday_name(t.lang, *d).to_string()),
    );
    let mut dismissal = Sheet::new(
        Label::Dismissal.text(t.lang),
        "dismissal",
        t.title(Label::Dismissal.text(t.lang)),
        headers,
    );
    for band in &t.config.bands {
        for session in [Session::First, Session::Full] {
            let (time, early) = dismissal_of(band, session);
            let batch = match early {
                true => t.l(Label::EarlyBatch),
                false => session_text(t.lang, session).to_string(),
            };
            let mut row = vec![
                Cell::from(&band.name),
                Cell::from(batch),
                Cell::from(time.format("%H:%M").to_string()),
            ];
            for d in &t.weekdays {
                let n = t
                    .built
                    .enrollees
                    .iter()
                    .filter(|e| {
                        band.grades.contains(e.grade)
                            && e.slip.session == session
                            && e.days.contains(*d)
                    })
                    .count();
                row.push(n.into());
            }
            dismissal.rows.push(row);
        }
    }
    dismissal
}
