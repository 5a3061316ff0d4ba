//! The timetable's summary sheets: how the placement went, how full each
//! club is, and every club's waiting list.

use super::timetable::Term;
use super::{Cell, Chart, Sheet, days_text, session_text};
use crate::i18n::{Label, nth_choice};
use crate::model::Session;

fn share(n: usize, of: usize) -> Cell {
    Cell::Share(if of == 0 { 0.0 } else { n as f64 / of as f64 })
}

/// How the placement went: by choice, per band and session, seats, splits,
/// clubs not running, problems.
pub fn overview_sheet(t: &Term) -> Sheet {
    let (built, lang) = (t.built, t.lang);
    let s = &built.satisfaction;
    let with_choices: usize = s.per_tier.iter().map(|t| t.2).sum();
    let mut overview = Sheet::new(
        Label::Overview.text(lang),
        "overview",
        t.title(Label::Overview.text(lang)),
        vec![t.l(Label::Item), t.l(Label::Count), t.l(Label::Share)],
    );
    for (i, n) in s.by_rank.iter().enumerate() {
        overview.rows.push(vec![
            nth_choice(lang, i + 1).into(),
            (*n).into(),
            share(*n, with_choices),
        ]);
    }
    overview.rows.push(vec![
        t.l(Label::Unplaced).into(),
        s.unplaced.into(),
        share(s.unplaced, with_choices),
    ]);
    overview.chart = Some(Chart {
        title: t.l(Label::Choices),
        first_row: 0,
        last_row: overview.rows.len() - 1,
        label_column: 0,
        value_column: 1,
        percent: false,
    });
    let total = built.enrollees.len();
    overview.rows.push(vec![
        t.l(Label::InService).into(),
        total.into(),
        share(total, total),
    ]);
    for band in &t.config.bands {
        for session in [Session::Full, Session::First] {
            let n = built
                .enrollees
                .iter()
                .filter(|e| band.grades.contains(e.grade) && e.slip.session == session)
                .count();
            let item = format!("{} {}", band.name, session_text(lang, session));
            overview
                .rows
                .push(vec![item.into(), n.into(), share(n, total)]);
        }
    }
    let capacity: u32 = t.running_clubs().map(|(_, c)| c.capacity).sum();
    overview.rows.push(vec![
        t.l(Label::SeatsUsed).into(),
        s.seats.into(),
        share(s.seats, capacity as usize),
    ]);
    let closed: Vec<String> = built
        .closed
        .iter()
        .map(|&c| t.school.clubs[c].name.clone())
        .collect();
    for (label, list) in [
        (Label::ClassesSplit, &built.split_classes),
        (Label::NotRunning, &closed),
    ] {
        overview.rows.push(vec![
            format!("{}: {}", t.l(label), lang.list(list)).into(),
            list.len().into(),
            Cell::from(""),
        ]);
    }
    for p in t.duties.problems.iter() {
        overview.rows.push(vec![
            format!("{}: {}", t.l(Label::ProblemsLabel), p.msg.render(lang)).into(),
            Cell::from(""),
            Cell::from(""),
        ]);
    }
    overview
}

/// Every club: its teacher, place, days, capacity, placed, fill, waiting.
pub fn fill_sheet(t: &Term) -> Sheet {
    let lang = t.lang;
    let mut fill = Sheet::new(
        Label::ClubFill.text(lang),
        "clubs",
        t.title(Label::ClubFill.text(lang)),
        [
            Label::ClubId,
            Label::ClubName,
            Label::Teacher,
            Label::Place,
            Label::Days,
            Label::Capacity,
            Label::Placed,
            Label::FillRate,
            Label::Waitlist,
            Label::Status,
        ]
        .map(|l| t.l(l))
        .to_vec(),
    );
    for (i, club) in t.school.clubs.iter().enumerate() {
        let n = t.placed_in.get(club.id.as_str()).map_or(0, Vec::len);
        let status = if t.built.closed.contains(&i) {
            Label::NotRunning
        } else {
            Label::Running
        };
        fill.rows.push(vec![
            Cell::from(&club.id),
            Cell::from(&club.name),
            Cell::from(t.school.staff_name(&club.teacher)),
            Cell::from(&club.room),
            Cell::from(days_text(lang, club.days, t.config.calendar.weekdays)),
            club.capacity.into(),
            n.into(),
            share(n, club.capacity as usize),
            t.waiting.get(club.id.as_str()).map_or(0, Vec::len).into(),
            Cell::from(status.text(lang)),
        ]);
    }
    fill
}

/// Every club's waiting list, in order: a list of its own, apart from the
/// rosters of those admitted.
pub fn waitlists_sheet(t: &Term) -> Sheet {
    let mut sheet = Sheet::new(
        &t.l(Label::Waitlists),
        "waitlists",
        t.title(&t.l(Label::Waitlists)),
        [
            Label::ClubName,
            Label::Position,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Rank,
        ]
        .map(|l| t.l(l))
        .to_vec(),
    );
    for club in &t.school.clubs {
        let list = t.waiting.get(club.id.as_str()).into_iter().flatten();
        for (n, id) in list.enumerate() {
            let Some(&e) = t.position.get(id) else {
                continue;
            };
            let st = t.built.enrollees[e].student;
            sheet.rows.push(vec![
                Cell::from(&club.name),
                (n + 1).into(),
                Cell::from(&st.class),
                Cell::from(&st.id),
                Cell::from(&st.name),
                Cell::from(super::timetable_views::choice_of(t, e, club)),
            ]);
        }
    }
    sheet
}
