//! A class's week in the timetable, for its head teacher: one page per
//! class, the class's usual afternoon of each weekday said once (a row at
//! the top, the places under the table) and on each child's row only what
//! differs from it — their club, another room, leaving early, a day they do
//! not come. Groups are named as parents name them (`科学小实验`, not the
//! plan's `科学小实验·1`).

use chrono::Weekday;

use super::timetable::Term;
use super::{Cell, Sheet};
use crate::i18n::{Label, Lang, weekday_name};
use crate::model::Class;
use crate::plan::{Kind, activity_group_name};

/// What a child does in one block: the plan row's kind and group.
type Doing<'t> = Option<(Kind, &'t str)>;

pub fn class_head(t: &Term, class: &Class) -> (String, String) {
    (
        format!("{}-{}", t.l(Label::ClassView), class.name),
        t.title(&format!(
            "{} {}: {}",
            class.name,
            t.l(Label::HeadTeacher),
            t.school.staff_name(&class.head_teacher)
        )),
    )
}

/// The class's week: a row of the class's usual afternoon per weekday, then
/// a row per child with what differs from it; portrait, one page.
pub fn class_sheet(t: &Term, class: &Class) -> Sheet {
    let starts: Vec<chrono::NaiveTime> = t
        .config
        .band_of(class.grade)
        .map_or(Vec::new(), |b| b.blocks.iter().map(|k| k.start).collect());
    let members: Vec<usize> = t
        .of_class
        .get(class.name.as_str())
        .cloned()
        .unwrap_or_default();
    let week: Vec<Vec<Vec<Doing>>> = members
        .iter()
        .map(|&e| {
            (t.weekdays.iter())
                .map(|&d| {
                    (1..=starts.len() as u8)
                        .map(|b| doing(t, e, d, b))
                        .collect()
                })
                .collect()
        })
        .collect();
    let usual: Vec<Vec<Doing>> = (0..t.weekdays.len())
        .map(|d| {
            (0..starts.len())
                .map(|b| {
                    most_common(members.iter().zip(&week).filter_map(|(&e, w)| {
                        t.built.enrollees[e]
                            .days
                            .contains(t.weekdays[d])
                            .then_some(w[d][b])
                    }))
                })
                .collect()
        })
        .collect();
    let (name, title) = class_head(t, class);
    let days: Vec<String> = (t.weekdays.iter())
        .map(|d| weekday_name(t.lang, *d).to_string())
        .collect();
    let mut sheet = Sheet::new(
        &name,
        &format!("class-{}", class.name),
        title,
        t.student_headers(false, days),
    );
    sheet.one_page = true;
    let mut row = vec![
        Cell::from(""),
        Cell::from(""),
        Cell::from(t.l(Label::ClassUsual)),
    ];
    let home = home_room(&usual);
    for day in &usual {
        let mut lines: Vec<String> = spans(day)
            .into_iter()
            .map(|(b, doing)| timed(&starts, b, what(t, doing, home)))
            .collect();
        if let Some(band) = t.config.band_of(class.grade) {
            let (home_time, _) = crate::plan::dismissal_of(band, crate::model::Session::Full);
            let home = format!("{} {}", home_time.format("%H:%M"), t.l(Label::HomeTime));
            if day.last().is_some_and(Option::is_some) {
                lines.push(home);
            }
        }
        row.push(Cell::from(lines.join("\n")));
    }
    sheet.rows.push(row);
    for (&e, mine) in members.iter().zip(&week) {
        let mut row = t.student_cells(sheet.rows.len(), e, false);
        for (d, &weekday) in t.weekdays.iter().enumerate() {
            let text = match t.built.enrollees[e].days.contains(weekday) {
                true => differences(&mine[d], &usual[d])
                    .into_iter()
                    .map(|(b, doing)| timed(&starts, b, what(t, doing, home)))
                    .collect::<Vec<_>>()
                    .join(t.lang.pick(";", "; ")),
                false => t.l(Label::NotThisDay),
            };
            row.push(Cell::from(text));
        }
        sheet.rows.push(row);
    }
    sheet.footer = vec![places_line(t, home, &week, &usual)];
    sheet
}

/// The last plan row of a child for a block, as a map of them would keep.
fn doing<'t>(t: &Term<'t, '_>, e: usize, day: Weekday, block: u8) -> Doing<'t> {
    (t.slots[e].iter().rev())
        .find(|p| p.weekday == day && p.block == block)
        .map(|p| (p.kind, &*p.group))
}

/// The value most children have (the first of them on a tie).
fn most_common<'t>(values: impl Iterator<Item = Doing<'t>>) -> Doing<'t> {
    let mut counts: Vec<(Doing, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(w, _)| *w == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .and_then(|(v, _)| v)
}

/// Back-to-back blocks doing the same, said once: (first block, what).
fn spans<'t>(day: &[Doing<'t>]) -> Vec<(usize, Doing<'t>)> {
    let mut out: Vec<(usize, Doing)> = Vec::new();
    for (b, doing) in day.iter().enumerate() {
        if out.last().is_none_or(|(_, last)| last != doing) {
            out.push((b, *doing));
        }
    }
    out
}

/// The blocks where a child's day differs from the class's usual one, back
/// to back ones said once.
fn differences<'t>(mine: &[Doing<'t>], usual: &[Doing<'t>]) -> Vec<(usize, Doing<'t>)> {
    let mut out = Vec::new();
    for (b, (m, u)) in mine.iter().zip(usual).enumerate() {
        let continues = b > 0 && mine[b - 1] == *m && mine[b - 1] != usual[b - 1];
        if m != u && !continues {
            out.push((b, *m));
        }
    }
    out
}

/// `16:30 儿童画`: the block's start and what the child does.
fn timed(starts: &[chrono::NaiveTime], block: usize, what: String) -> String {
    format!("{} {what}", starts[block].format("%H:%M"))
}

/// What a block is, as a parent names it: homework in the class's own room,
/// another room, the club or the activity; nothing means the child has gone
/// home.
fn what(t: &Term, doing: Doing, home: Option<&str>) -> String {
    match doing {
        None => t.l(Label::GoesHome),
        Some((Kind::Homework, room)) if Some(room) == home => t.l(Label::KindHomework),
        Some((Kind::Club, id)) => t.school.club(id).map_or(id.to_string(), |c| c.name.clone()),
        Some((Kind::Activity, group)) => {
            activity_of(t, group).map_or_else(|| group.to_string(), |a| a.name.clone())
        }
        Some((Kind::Homework | Kind::Reading, room)) => room.to_string(),
    }
}

/// The homework room of most of the class's usual blocks: named once, under
/// the table.
fn home_room<'t>(usual: &[Vec<Doing<'t>>]) -> Option<&'t str> {
    let homework = usual
        .iter()
        .flatten()
        .filter(|d| matches!(d, Some((Kind::Homework, _))));
    most_common(homework.copied()).map(|(_, room)| room)
}

/// The activity a plan group (`科学小实验·1`) stands for.
fn activity_of<'t>(t: &Term<'t, '_>, group: &str) -> Option<&'t crate::model::Activity> {
    (t.school.activities.iter()).find(|a| activity_group_name(a) == group)
}

/// Under the table: the class's homework room, what a blank cell means,
/// and where each club and activity of the class's week meets, each once.
fn places_line(
    t: &Term,
    home: Option<&str>,
    week: &[Vec<Vec<Doing>>],
    usual: &[Vec<Doing>],
) -> String {
    let mut places: Vec<(String, String)> = Vec::new();
    let all = week
        .iter()
        .flatten()
        .flatten()
        .chain(usual.iter().flatten());
    for doing in all {
        let place = match doing {
            Some((Kind::Club, id)) => t.school.club(id).map(|c| (c.name.clone(), c.room.clone())),
            Some((Kind::Activity, group)) => {
                activity_of(t, group).map(|a| (a.name.clone(), a.room.clone()))
            }
            _ => None,
        };
        if let Some(place) = place.filter(|p| !p.1.is_empty() && !places.contains(p)) {
            places.push(place);
        }
    }
    let listed: Vec<String> = places
        .iter()
        .map(|(name, room)| format!("{name} {room}"))
        .collect();
    let mut line = match (home, t.lang) {
        (None, _) => String::new(),
        (Some(room), Lang::Zh) => format!("{}:{room}。", t.l(Label::KindHomework)),
        (Some(room), Lang::En) => format!("Homework: {room}. "),
    };
    line += Label::BlankIsUsual.text(t.lang);
    match (listed.is_empty(), t.lang) {
        (true, _) => {}
        (false, Lang::Zh) => line += &format!("地点:{}。", listed.join(";")),
        (false, Lang::En) => line += &format!(" Places: {}.", listed.join("; ")),
    }
    line
}
