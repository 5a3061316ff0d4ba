//! Placement notices: a sheet per class of slips to cut (one block of rows per
//! child: a row per weekday, then how they go home), the list of every notice
//! for the office (and `--csv`), and per class a plain text for the parents'
//! group with neither phones nor medical notes.

use chrono::Weekday;

use super::{Cell, Sheet, days_text, pickup_text, session_text};
use crate::config::Config;
use crate::i18n::{Label, Lang, PaperSay, weekday_name};
use crate::model::Days;
use crate::papers::group_names::told_apart;
use crate::papers::notice::{Notice, Notices, Slot};
use crate::papers::texts::{self, weekday_span};
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
    timed(
        slot.start,
        slot.end,
        &slot_what(school, lang, notice, day, slot),
    )
}

/// `16:20–17:00 足球(操场)`.
fn timed(start: chrono::NaiveTime, end: chrono::NaiveTime, what: &str) -> String {
    format!("{}–{} {what}", start.format("%H:%M"), end.format("%H:%M"))
}

/// What a slot is and where, without its time: `足球(操场)`.
fn slot_what(school: &School, lang: Lang, notice: &Notice, day: Weekday, slot: &Slot) -> String {
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
        (true, _) => what,
        (false, Lang::Zh) => format!("{what}({place})"),
        (false, Lang::En) => format!("{what} ({place})"),
    }
}

/// A weekday's homework slot: the room and times of its first block, when
/// that block is homework.
fn homework_slot<'n, 'a>(notice: &'n Notice<'a>, day: Weekday) -> Option<&'n Slot<'a>> {
    let (_, slots) = notice.week.iter().find(|(d, _)| *d == day)?;
    slots.first().filter(|s| s.kind == Kind::Homework)
}

/// The homework slot said once for the weekdays that share it
/// (`作业辅导:周一至周五 15:30–16:10 在101教室…`), a line per room and time.
fn homework_lines(lang: Lang, notice: &Notice) -> Vec<String> {
    let mut shared: Vec<(Days, &Slot)> = Vec::new();
    for (day, _) in &notice.week {
        let Some(slot) = homework_slot(notice, *day) else {
            continue;
        };
        let same = |s: &&Slot| s.group == slot.group && (s.start, s.end) == (slot.start, slot.end);
        match shared.iter_mut().find(|(_, s)| same(s)) {
            Some((days, _)) => days.insert(*day),
            None => shared.push(([*day].into_iter().collect(), slot)),
        }
    }
    shared
        .into_iter()
        .map(|(days, slot)| {
            let time = format!(
                "{}–{}",
                slot.start.format("%H:%M"),
                slot.end.format("%H:%M")
            );
            PaperSay::HomeworkRoom {
                days: weekday_span(lang, days),
                time,
                room: slot.group.to_string(),
            }
            .render(lang)
        })
        .collect()
}

/// A weekday's afternoon beyond its homework room, as a parent reads it:
/// every slot elsewhere, back-to-back blocks of the same thing in the same
/// place said once (`16:10–16:30 绘本共读(1年级活动区)`).
fn day_slots(school: &School, lang: Lang, notice: &Notice, day: Weekday) -> Vec<String> {
    let Some((_, slots)) = notice.week.iter().find(|(d, _)| *d == day) else {
        return Vec::new();
    };
    let room = homework_slot(notice, day).map(|s| s.group);
    let mut spans: Vec<(chrono::NaiveTime, chrono::NaiveTime, String)> = Vec::new();
    for slot in slots {
        if slot.kind == Kind::Homework && Some(slot.group) == room {
            continue;
        }
        let what = slot_what(school, lang, notice, day, slot);
        match spans.last_mut() {
            Some(last) if last.2 == what && last.1 == slot.start => last.1 = slot.end,
            _ => spans.push((slot.start, slot.end, what)),
        }
    }
    spans.iter().map(|(s, e, w)| timed(*s, *e, w)).collect()
}

/// A weekday's slots in one cell, every block apart, for the office's list
/// (and the machines reading it).
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

/// The weekdays of a notice that have the same afternoon beyond the
/// homework room, each afternoon once: (`周一、周四`, its slots). A day
/// spent in the homework room says so; when every day is, there are none.
fn same_afternoons(
    school: &School,
    lang: Lang,
    notice: &Notice,
) -> Vec<(Vec<Weekday>, Vec<String>)> {
    let mut out: Vec<(Vec<Weekday>, Vec<String>)> = Vec::new();
    for (day, _) in &notice.week {
        let slots = day_slots(school, lang, notice, *day);
        match out.iter_mut().find(|(_, s)| *s == slots) {
            Some((days, _)) => days.push(*day),
            None => out.push((vec![*day], slots)),
        }
    }
    if out.iter().all(|(_, slots)| slots.is_empty()) {
        return Vec::new();
    }
    for (_, slots) in &mut out {
        if slots.is_empty() {
            slots.push(PaperSay::HomeworkAllAfternoon.render(lang));
        }
    }
    out
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

/// A class's slips to cut: per child a heading (the school, the class, the
/// child, the days and session), the homework room once, a row per different
/// afternoon with the weekdays it is on (what happens beyond the homework
/// room), a row for going home and waiting lists, the fee's basis, whom to
/// call and the issue date, a line for the parent to sign, and a cut line;
/// two or three to a page, each whole.
pub fn class_slips(
    class: &str,
    notices: &[&Notice],
    school: &School,
    config: &Config,
    date: chrono::NaiveDate,
    issued: chrono::NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = vec![l(Label::Weekday), l(Label::WhenWhere)];
    let title = format!(
        "{} {} {class} ({} {date})",
        config.school.name,
        l(Label::NoticeTitle),
        l(Label::EffectiveFrom)
    );
    let mut sheet = Sheet::new(class, &format!("class-{class}"), title, headers);
    let closing = closing_lines(class, school, config, issued);
    for n in notices {
        sheet.slips.push(sheet.rows.len());
        sheet.banners.push(sheet.rows.len());
        let days = if n.slip.days.is_empty() {
            config.calendar.weekdays
        } else {
            n.slip.days.intersect(config.calendar.weekdays)
        };
        sheet.rows.push(vec![Cell::from(format!(
            "{} {} · {class}  {} {}  {} {}  ({} {date})  {} · {}",
            config.school.name,
            l(Label::NoticeTitle),
            l(Label::Name),
            n.student.name,
            l(Label::StudentId),
            n.student.id,
            l(Label::EffectiveFrom),
            weekday_span(lang, days),
            session_text(lang, n.slip.session)
        ))]);
        let homework = homework_lines(lang, n);
        if !homework.is_empty() {
            sheet.prose.push(sheet.rows.len());
            sheet.rows.push(vec![Cell::from(homework.join("\n"))]);
        }
        for (days, slots) in same_afternoons(school, lang, n) {
            let names: Vec<String> = days
                .iter()
                .map(|d| weekday_name(lang, *d).to_string())
                .collect();
            sheet.rows.push(vec![
                Cell::from(lang.list(&names)),
                Cell::from(slots.join("\n")),
            ]);
        }
        let waiting = waiting_text(school, lang, n);
        let mut going = format!("{} {}", l(Label::LeaveTime), going_home(lang, n));
        if !waiting.is_empty() {
            going += &format!("    {}: {waiting}", l(Label::WaitingFor));
        }
        sheet.banners.push(sheet.rows.len());
        sheet.rows.push(vec![Cell::from(going)]);
        sheet.end_notice(&closing, lang);
    }
    sheet
}

/// Under a placement: the fee's basis (the amount comes on the fee notice);
/// whom to call, and the date the notice was issued.
fn closing_lines(
    class: &str,
    school: &School,
    config: &Config,
    issued: chrono::NaiveDate,
) -> Vec<String> {
    let lang = config.lang;
    let contact = school
        .class(class)
        .map_or(String::new(), |c| texts::contact(config, school, c));
    vec![
        format!(
            "{} {}",
            texts::fee_basis(config),
            PaperSay::PaymentOnFeeNotice.render(lang)
        ),
        format!("{contact}    {}", PaperSay::Issued(issued).render(lang)),
    ]
}

/// The class's text for the parents' group: no phones, no medical notes;
/// names full or masked as the school configures, no two of the class alike.
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
    let children: Vec<(&str, &str)> = notices
        .iter()
        .map(|n| (n.student.id.as_str(), n.student.name.as_str()))
        .collect();
    let names = told_apart(&children, config.privacy.mask_names_in_group, lang);
    for (n, name) in notices.iter().zip(names) {
        out.push_str(&format!(
            "\n{name} ({} · {})\n",
            days_text(lang, n.slip.days, config.calendar.weekdays),
            session_text(lang, n.slip.session)
        ));
        for line in homework_lines(lang, n) {
            out.push_str(&format!("  {line}\n"));
        }
        for (days, slots) in same_afternoons(school, lang, n) {
            let names: Vec<String> = days
                .iter()
                .map(|d| weekday_name(lang, *d).to_string())
                .collect();
            out.push_str(&format!(
                "  {} {}\n",
                lang.list(&names),
                slots.join(lang.pick(";", "; "))
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
