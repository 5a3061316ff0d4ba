//! Placement notices: a sheet per class of slips to cut (one block of rows per
//! child: a row per weekday, then how they go home), the list of every notice
//! for the office (and `--csv`), and per class a plain text for the parents'
//! group with neither phones nor medical notes.

use chrono::Weekday;

use super::{Cell, Sheet, days_text, pickup_text, session_text};
use crate::config::Config;
use crate::i18n::{Label, Lang, weekday_name};
use crate::papers::mask_name;
use crate::papers::notice::{Notice, Notices, Slot};
use crate::plan::Kind;
use crate::plan::activity_for;
use crate::school::School;

/// How one slot reads: `16:20–17:00 足球(操场)`.
pub fn slot_text(
    school: &School,
    lang: Lang,
    notice: &Notice,
    day: Weekday,
    slot: &Slot,
) -> String {
    let time = format!(
        "{}–{}",
        slot.start.format("%H:%M"),
        slot.end.format("%H:%M")
    );
    let (what, place) = match slot.kind {
        Kind::Homework => (
            Label::KindHomework.text(lang).to_string(),
            slot.group.to_string(),
        ),
        Kind::Reading => (
            Label::KindReading.text(lang).to_string(),
            slot.group.to_string(),
        ),
        Kind::Club => match school.club(slot.group) {
            Some(c) => (c.name.clone(), c.room.clone()),
            None => (slot.group.to_string(), String::new()),
        },
        Kind::Activity => match activity_for(school, &notice.class.name, notice.class.grade, day) {
            Some(a) => (a.name.clone(), a.room.clone()),
            None => (slot.group.to_string(), String::new()),
        },
    };
    match (place.is_empty(), lang) {
        (true, _) => format!("{time} {what}"),
        (false, Lang::Zh) => format!("{time} {what}({place})"),
        (false, Lang::En) => format!("{time} {what} ({place})"),
    }
}

/// A weekday's slots in one cell, for the list and the parents' text.
fn day_text(school: &School, lang: Lang, notice: &Notice, day: Weekday) -> String {
    notice
        .week
        .iter()
        .find(|(d, _)| *d == day)
        .map(|(_, slots)| {
            let parts: Vec<String> = slots
                .iter()
                .map(|s| slot_text(school, lang, notice, day, s))
                .collect();
            parts.join(lang.pick(";", "; "))
        })
        .unwrap_or_default()
}

/// `17:00 家长接(张爸爸)`.
fn going_home(lang: Lang, notice: &Notice) -> String {
    let by = &notice.slip.pickup_by;
    let how = pickup_text(lang, notice.slip.pickup);
    let time = notice.leaves_at.format("%H:%M");
    match (by.is_empty(), lang) {
        (true, _) => format!("{time} {how}"),
        (false, Lang::Zh) => format!("{time} {how}({by})"),
        (false, Lang::En) => format!("{time} {how} ({by})"),
    }
}

/// `美术 第3位` for each club waited for.
fn waiting_text(school: &School, lang: Lang, notice: &Notice) -> String {
    let parts: Vec<String> = notice
        .waiting
        .iter()
        .map(|(club, pos)| {
            let name = school
                .club(club)
                .map_or(club.to_string(), |c| c.name.clone());
            match lang {
                Lang::Zh => format!("{name} 第{pos}位"),
                Lang::En => format!("{name} #{pos}"),
            }
        })
        .collect();
    lang.list(&parts)
}

/// Every notice, one row per child: for the office and for machines.
pub fn list(notices: &Notices, school: &School, config: &Config) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let weekdays: Vec<Weekday> = config.calendar.weekdays.iter().collect();
    let mut headers: Vec<String> = [
        Label::Class,
        Label::StudentId,
        Label::Name,
        Label::Days,
        Label::Session,
        Label::HomeworkRoom,
    ]
    .map(l)
    .to_vec();
    headers.extend(weekdays.iter().map(|&d| weekday_name(lang, d).to_string()));
    headers.extend(
        [
            Label::LeaveTime,
            Label::Pickup,
            Label::PickupBy,
            Label::WaitingFor,
        ]
        .map(l),
    );
    let title = format!(
        "{} {} {} {}",
        config.school.name,
        config.school.term,
        l(Label::NoticeTitle),
        notices.date
    );
    let mut sheet = Sheet::new(&l(Label::Summary), "list", title, headers);
    sheet.landscape = true;
    for n in &notices.notices {
        let mut row = vec![
            Cell::from(&n.class.name),
            Cell::from(&n.student.id),
            Cell::from(&n.student.name),
            Cell::from(days_text(lang, n.slip.days, config.calendar.weekdays)),
            Cell::from(session_text(lang, n.slip.session)),
            Cell::from(n.homework_rooms().join(lang.pick("、", ", "))),
        ];
        row.extend(
            weekdays
                .iter()
                .map(|&d| Cell::from(day_text(school, lang, n, d))),
        );
        row.extend([
            Cell::from(n.leaves_at.format("%H:%M").to_string()),
            Cell::from(pickup_text(lang, n.slip.pickup)),
            Cell::from(&n.slip.pickup_by),
            Cell::from(waiting_text(school, lang, n)),
        ]);
        sheet.rows.push(row);
    }
    sheet
}

/// A class's slips to cut: per child a row per weekday (id and name on the
/// first), a row for going home and waiting lists, and a cut line.
pub fn class_slips(
    class: &str,
    notices: &[&Notice],
    school: &School,
    config: &Config,
    date: chrono::NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let blocks = notices
        .iter()
        .flat_map(|n| n.week.iter().map(|(_, s)| s.len()))
        .max()
        .unwrap_or(1);
    let mut headers: Vec<String> = [Label::StudentId, Label::Name, Label::Weekday]
        .map(l)
        .to_vec();
    headers.extend((1..=blocks).map(|b| format!("{} {b}", l(Label::Session))));
    let title = format!(
        "{} {} {class} ({} {date})",
        config.school.name,
        l(Label::NoticeTitle),
        l(Label::EffectiveFrom)
    );
    let mut sheet = Sheet::new(class, &format!("class-{class}"), title, headers);
    for n in notices {
        let head = format!(
            "{} · {}",
            days_text(lang, n.slip.days, config.calendar.weekdays),
            session_text(lang, n.slip.session)
        );
        for (i, (day, slots)) in n.week.iter().enumerate() {
            let (id, name) = match i {
                0 => (n.student.id.clone(), n.student.name.clone()),
                1 => (String::new(), head.clone()),
                _ => (String::new(), String::new()),
            };
            let mut row = vec![
                Cell::from(id),
                Cell::from(name),
                Cell::from(weekday_name(lang, *day)),
            ];
            row.extend(
                slots
                    .iter()
                    .map(|s| Cell::from(slot_text(school, lang, n, *day, s))),
            );
            sheet.rows.push(row);
        }
        let waiting = waiting_text(school, lang, n);
        let mut last = vec![
            Cell::from(""),
            Cell::from(l(Label::LeaveTime)),
            Cell::from(going_home(lang, n)),
        ];
        if !waiting.is_empty() {
            last.push(Cell::from(format!("{}: {waiting}", l(Label::WaitingFor))));
        }
        sheet.rows.push(last);
        sheet.rows.push(vec![Cell::from(l(Label::CutHere))]);
    }
    sheet
}

/// The class's text for the parents' group: no phones, no medical notes;
/// names full or masked as the school configures.
pub fn parents_text(
    class: &str,
    notices: &[&Notice],
    school: &School,
    config: &Config,
    date: chrono::NaiveDate,
) -> String {
    let lang = config.lang;
    let heading = Label::ParentsGroup.text(lang);
    let mut out = match lang {
        Lang::Zh => format!("【{heading}】"),
        Lang::En => format!("[{heading}] "),
    };
    out += &format!("{class} ({} {date})\n", Label::EffectiveFrom.text(lang));
    for n in notices {
        let name = match config.privacy.mask_names_in_group {
            true => mask_name(&n.student.name),
            false => n.student.name.clone(),
        };
        out.push_str(&format!(
            "\n{name} ({} · {})\n",
            days_text(lang, n.slip.days, config.calendar.weekdays),
            session_text(lang, n.slip.session)
        ));
        for (day, _) in &n.week {
            out.push_str(&format!(
                "  {} {}\n",
                weekday_name(lang, *day),
                day_text(school, lang, n, *day)
            ));
        }
        out.push_str(&format!(
            "  {} {}\n",
            Label::LeaveTime.text(lang),
            going_home_no_person(lang, n)
        ));
        let waiting = waiting_text(school, lang, n);
        if !waiting.is_empty() {
            out.push_str(&format!("  {}: {waiting}\n", Label::WaitingFor.text(lang)));
        }
    }
    out
}

/// Going home without naming who picks up: the group is shared by the class.
fn going_home_no_person(lang: Lang, notice: &Notice) -> String {
    format!(
        "{} {}",
        notice.leaves_at.format("%H:%M"),
        pickup_text(lang, notice.slip.pickup)
    )
}
