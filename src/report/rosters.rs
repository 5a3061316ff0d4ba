//! Rosters for coaches and supervisors: per club its admitted children and,
//! on a page of its own, its waiting list; per special activity and per
//! homework room its children. Each child with class, days, dismissal time,
//! how they go home, guardian and phone (whole unless the config masks them),
//! and medical notes. Also the one list of every line, for machines.

use super::{Cell, Sheet, days_text, phone, pickup_text};
use crate::config::Config;
use crate::i18n::{Label, Lang};
use crate::papers::roster::{Member, Roster, Sitting};
use crate::plan::Kind;
use crate::school::School;

/// What the group is called, where it meets and who keeps it.
pub struct Heading {
    pub name: String,
    pub place: String,
    pub teacher: String,
}

pub fn heading(school: &School, roster: &Roster) -> Heading {
    let staff = |id: &str| match school.staff_name(id) {
        name if name == id || id.is_empty() => id.to_string(),
        name => format!("{name}({id})"),
    };
    match roster.kind {
        Kind::Club => match school.club(roster.group) {
            Some(c) => Heading {
                name: format!("{} {}", c.id, c.name),
                place: c.room.clone(),
                teacher: staff(&c.teacher),
            },
            None => plain(roster.group),
        },
        Kind::Activity => school
            .activities
            .iter()
            .find(|a| crate::plan::activity_group_name(a) == roster.group)
            .map_or_else(
                || plain(roster.group),
                |a| Heading {
                    name: roster.group.to_string(),
                    place: a.room.clone(),
                    teacher: staff(&a.teacher),
                },
            ),
        Kind::Homework | Kind::Reading => Heading {
            place: roster.group.to_string(),
            ..plain(roster.group)
        },
    }
}

fn plain(group: &str) -> Heading {
    Heading {
        name: group.to_string(),
        place: String::new(),
        teacher: String::new(),
    }
}

fn kind_label(kind: Kind) -> Label {
    match kind {
        Kind::Club => Label::Club,
        Kind::Activity => Label::Activity,
        Kind::Homework => Label::HomeworkRoom,
        Kind::Reading => Label::KindReading,
    }
}

/// `16:30–17:00`, or with several times each with the bands that come
/// then: `低年级 16:30–17:00 / 中年级 16:40–17:30`.
fn times_text(roster: &Roster, lang: Lang) -> String {
    let span = |t: &Sitting| format!("{}–{}", t.start.format("%H:%M"), t.end.format("%H:%M"));
    let times: Vec<String> = match roster.times.as_slice() {
        [one] => vec![span(one)],
        many => many
            .iter()
            .map(|t| format!("{} {}", lang.list(&t.bands), span(t)))
            .collect(),
    };
    times.join(" / ")
}

/// The roster's title on two lines, each broken only between its parts:
/// the school, the group, its place and teacher; then its days and times
/// (which bands come when) and the date it holds from.
fn title(roster: &Roster, school: &School, config: &Config, date: chrono::NaiveDate) -> String {
    let lang = config.lang;
    let l = |label: Label| label.text(lang);
    let h = heading(school, roster);
    let mut first = vec![format!(
        "{} {} {}: {}",
        config.school.name,
        l(Label::RosterTitle),
        l(kind_label(roster.kind)),
        h.name
    )];
    // A homework room is its own place.
    if !h.place.is_empty() && h.place != h.name {
        first.push(format!("{} {}", l(Label::Room), h.place));
    }
    if !h.teacher.is_empty() {
        first.push(format!("{} {}", l(Label::Teacher), h.teacher));
    }
    let second = [
        format!(
            "{} {}",
            days_text(lang, roster.days, config.calendar.weekdays),
            times_text(roster, lang)
        ),
        format!("{} {date}", l(Label::EffectiveFrom)),
    ];
    format!("{}\n{}", first.join(" · "), second.join(" · "))
}

fn member_headers(lang: Lang) -> Vec<String> {
    [
        Label::No,
        Label::StudentId,
        Label::Name,
        Label::Class,
        Label::Days,
        Label::LeaveTime,
        Label::Pickup,
        Label::PickupBy,
        Label::Guardian,
        Label::Phone,
        Label::HealthNotes,
    ]
    .map(|x| x.text(lang).to_string())
    .to_vec()
}

fn member_cells(m: &Member, config: &Config) -> Vec<Cell> {
    let lang = config.lang;
    vec![
        Cell::from(&m.student.id),
        Cell::from(&m.student.name),
        Cell::from(&m.class.name),
        Cell::from(days_text(lang, m.days, config.calendar.weekdays)),
        Cell::from(m.leaves_at.format("%H:%M").to_string()),
        Cell::from(pickup_text(lang, m.slip.pickup)),
        Cell::from(&m.slip.pickup_by),
        Cell::from(&m.student.guardian),
        Cell::from(phone(
            &m.student.phone,
            config.privacy.mask_phones_on_rosters,
        )),
        Cell::from(&m.student.notes),
    ]
}

/// The printed rosters: a sheet per group, and for a club with a waiting
/// list a second sheet (its own pages) for it.
pub fn sheets(
    rosters: &[Roster],
    school: &School,
    config: &Config,
    date: chrono::NaiveDate,
) -> Vec<Sheet> {
    let lang = config.lang;
    let mut out = Vec::new();
    for (i, r) in rosters.iter().enumerate() {
        let h = heading(school, r);
        let slug = format!("{}-{:03}", r.kind.code(), i + 1);
        let mut sheet = Sheet::new(
            &h.name,
            &slug,
            title(r, school, config, date),
            member_headers(lang),
        );
        sheet.landscape = true;
        for (n, m) in r.members.iter().enumerate() {
            let mut row = vec![Cell::from(n + 1)];
            row.extend(member_cells(m, config));
            sheet.rows.push(row);
        }
        sheet.footer = vec![format!("{} {}", Label::Total.text(lang), r.members.len())];
        out.push(sheet);
        if r.kind == Kind::Club && !r.waiting.is_empty() {
            out.push(waiting_sheet(r, &h, &slug, school, config, date));
        }
    }
    out
}

fn waiting_sheet(
    r: &Roster,
    h: &Heading,
    slug: &str,
    school: &School,
    config: &Config,
    date: chrono::NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = [
        Label::Position,
        Label::StudentId,
        Label::Name,
        Label::Class,
        Label::Guardian,
        Label::Phone,
    ]
    .map(l)
    .to_vec();
    let mut sheet = Sheet::new(
        &format!("{} {}", h.name, l(Label::Waitlist)),
        &format!("{slug}-waiting"),
        format!(
            "{} · {}",
            title(r, school, config, date),
            l(Label::Waitlist)
        ),
        headers,
    );
    for (pos, s) in &r.waiting {
        sheet.rows.push(vec![
            Cell::from(*pos),
            Cell::from(&s.id),
            Cell::from(&s.name),
            Cell::from(&s.class),
            Cell::from(&s.guardian),
            Cell::from(phone(&s.phone, config.privacy.mask_phones_on_rosters)),
        ]);
    }
    sheet
}

/// Every roster line in one table: kind, group, admitted or waiting, the child.
pub fn list(rosters: &[Roster], config: &Config) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let mut headers = vec![l(Label::Item), l(Label::Group), l(Label::Status)];
    headers.extend(member_headers(lang).into_iter().skip(1));
    let mut sheet = Sheet::new(&l(Label::Summary), "list", l(Label::RosterTitle), headers);
    for r in rosters {
        let lead = |status: String| {
            vec![
                Cell::from(l(kind_label(r.kind))),
                Cell::from(r.group),
                Cell::from(status),
            ]
        };
        for m in &r.members {
            let mut row = lead(l(Label::Placed));
            row.extend(member_cells(m, config));
            sheet.rows.push(row);
        }
        for (pos, s) in &r.waiting {
            let mut row = lead(format!("{} {pos}", l(Label::Waitlist)));
            row.extend([Cell::from(&s.id), Cell::from(&s.name), Cell::from(&s.class)]);
            sheet.rows.push(row);
        }
    }
    sheet
}
