//! The day's workbook: the duty sheet, a sign-in sheet per group and block,
//! a handover list per class (班主任交接单) and a dismissal list per batch.

use std::collections::HashMap;

use super::group_name;
use super::{Cell, Sheet, phone, pickup_text};
use crate::config::Config;
use crate::consent::class_order;
use crate::day::{Attendee, Day};
use crate::i18n::{Label, Lang, weekday_name};
use crate::model::natural_cmp;
use crate::school::School;

/// The status codes a teacher picks from, in the configured language.
pub fn status_codes(lang: Lang) -> Vec<String> {
    [
        Label::Present,
        Label::OnLeave,
        Label::Absent,
        Label::EarlyPickup,
    ]
    .iter()
    .map(|l| l.text(lang).to_string())
    .collect()
}

/// The hidden key of a sign-in row, which `record` reads back: date, block
/// start, group, student.
pub fn register_key(
    date: chrono::NaiveDate,
    start: chrono::NaiveTime,
    group: &str,
    student: &str,
) -> String {
    format!("{date}|{}|{group}|{student}", start.format("%H:%M"))
}

/// The parts of a register key.
pub fn parse_register_key(key: &str) -> Option<(chrono::NaiveDate, chrono::NaiveTime, &str, &str)> {
    let (date, rest) = key.split_once('|')?;
    let (time, rest) = rest.split_once('|')?;
    let (group, student) = rest.rsplit_once('|')?;
    Some((
        crate::input::parse::date(date)?,
        crate::input::parse::time(time)?,
        group,
        student,
    ))
}

fn teachers_text(school: &School, teachers: &[String]) -> String {
    teachers
        .iter()
        .map(|t| school.staff_label(t))
        .collect::<Vec<_>>()
        .join("、")
}

pub fn sheets(day: &Day, school: &School, config: &Config) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let weekday = weekday_name(lang, chrono::Datelike::weekday(&day.date));
    let when = match day.service.makeup {
        Some(_) => format!(
            "{} {weekday} ({} {})",
            day.date,
            lang.pick("按", "timetable of"),
            weekday_name(lang, day.service.timetable)
        ),
        None => format!("{} {weekday}", day.date),
    };
    let head = |what: &str| format!("{} {when} {what}", config.school.name);
    let leave_note = |a: &Attendee| {
        a.leave
            .map(|lv| format!("{} {}", l(Label::OnLeave), lv.reason))
            .unwrap_or_default()
    };
    let mut sheets = Vec::new();

    // The duty leader's sheet: every group, its teachers and expected count.
    let mut duty = Sheet::new(
        &l(Label::DutySheet),
        "duty",
        head(&format!(
            "{} {}: {}",
            l(Label::DutySheet),
            l(Label::DutyLeader),
            day.leader
                .as_deref()
                .map_or(String::new(), |id| school.staff_label(id))
        )),
        [
            Label::Time,
            Label::Room,
            Label::Supervisor,
            Label::Expected,
            Label::OnLeave,
        ]
        .map(l)
        .to_vec(),
    );
    for g in &day.groups {
        let on_leave = g
            .members
            .iter()
            .filter(|&&a| day.attendees[a].leave.is_some())
            .count();
        duty.rows.push(vec![
            Cell::from(format!(
                "{}–{}",
                g.start.format("%H:%M"),
                g.end.format("%H:%M")
            )),
            Cell::from(group_name(school, g.kind, &g.group)),
            Cell::from(teachers_text(school, &g.teachers)),
            g.members.len().into(),
            on_leave.into(),
        ]);
    }
    let on_leave = day.attendees.iter().filter(|a| a.leave.is_some()).count();
    duty.footer = vec![
        format!(
            "{} {}: {},{} {}",
            l(Label::Total),
            l(Label::Stays),
            day.attendees.len(),
            l(Label::OnLeave),
            on_leave
        ),
        l(Label::LeaderSignature),
    ];
    sheets.push(duty);

    // A sign-in sheet per group and block.
    let codes = status_codes(lang);
    for g in &day.groups {
        let name = group_name(school, g.kind, &g.group);
        let time = format!("{}–{}", g.start.format("%H:%M"), g.end.format("%H:%M"));
        let mut sheet = Sheet::new(
            &format!("{}-{name} {}", l(Label::SignIn), g.start.format("%H%M")),
            &format!("signin-{}-{}", g.group, g.start.format("%H%M")),
            head(&format!(
                "{time} {name} {}: {} {} {}",
                l(Label::Supervisor),
                teachers_text(school, &g.teachers),
                l(Label::Expected),
                g.members.len()
            )),
            [
                Label::No,
                Label::Class,
                Label::Name,
                Label::StudentId,
                Label::Status,
                Label::SignedIn,
                Label::LeftAt,
                Label::PickupBy,
                Label::Notes,
                Label::RegisterKey,
                Label::Supervisor,
            ]
            .map(l)
            .to_vec(),
        );
        for &a in &g.members {
            let att = &day.attendees[a];
            let status = if att.leave.is_some() {
                l(Label::OnLeave)
            } else {
                String::new()
            };
            let mut notes = vec![leave_note(att), att.student.notes.clone()];
            notes.retain(|n| !n.is_empty());
            sheet.rows.push(vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&att.class.name),
                Cell::from(&att.student.name),
                Cell::from(&att.student.id),
                Cell::from(status),
                Cell::from(""),
                Cell::from(""),
                Cell::from(&att.pickup_by),
                Cell::from(notes.join(";")),
                Cell::from(register_key(day.date, g.start, &g.group, &att.student.id)),
                Cell::from(teachers_text(school, &g.teachers)),
            ]);
        }
        let leave = g
            .members
            .iter()
            .filter(|&&a| day.attendees[a].leave.is_some())
            .count();
        sheet.footer = vec![
            format!(
                "{} {},{} {},{} ____,{} ____",
                l(Label::Expected),
                g.members.len(),
                l(Label::OnLeave),
                leave,
                l(Label::Present),
                l(Label::Absent)
            ),
            format!(
                "{}    {}",
                l(Label::TeacherSignature),
                l(Label::LeaderSignature)
            ),
        ];
        sheet.choices = Some((4, codes.clone()));
        sheet.handwritten = vec![4, 5, 6, 8];
        sheet.hidden = vec![9];
        sheet.one_page = g.members.len() <= 50;
        sheets.push(sheet);
    }

    // A handover list per class: who stays and where, who is on leave, who goes home.
    let mut by_class: HashMap<&str, Vec<usize>> = HashMap::new();
    for (a, att) in day.attendees.iter().enumerate() {
        by_class.entry(att.class.name.as_str()).or_default().push(a);
    }
    let mut classes: Vec<&crate::model::Class> = school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    for class in classes {
        let Some(band) = config.band_of(class.grade) else {
            continue;
        };
        let mut headers = vec![
            l(Label::No),
            l(Label::StudentId),
            l(Label::Name),
            l(Label::Today),
        ];
        // Only the blocks that meet today (an early end removes or cuts some).
        let blocks = day.blocks_today(band);
        headers.extend(
            blocks.iter().map(|(_, start, end)| {
                format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
            }),
        );
        headers.extend([l(Label::LeaveTime), l(Label::Notes)]);
        let head_teacher = school.staff_label(&class.head_teacher);
        let mut sheet = Sheet::new(
            &format!("{}-{}", l(Label::Handover), class.name),
            &format!("handover-{}", class.name),
            head(&format!(
                "{} {} {}: {head_teacher}",
                class.name,
                l(Label::Handover),
                l(Label::HeadTeacher)
            )),
            headers,
        );
        let staying = by_class
            .get(class.name.as_str())
            .cloned()
            .unwrap_or_default();
        for &a in &staying {
            let att = &day.attendees[a];
            let today = if att.leave.is_some() {
                l(Label::OnLeave)
            } else {
                l(Label::Stays)
            };
            let mut row = vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&att.student.id),
                Cell::from(&att.student.name),
                Cell::from(today),
            ];
            row.extend(blocks.iter().map(|&(b, _, _)| {
                Cell::from(
                    att.places[b]
                        .as_ref()
                        .map_or(l(Label::GoesHome), |(k, g)| group_name(school, *k, g)),
                )
            }));
            row.push(Cell::from(att.leaves_at.format("%H:%M").to_string()));
            row.push(Cell::from(leave_note(att)));
            sheet.rows.push(row);
        }
        let staying_ids: std::collections::HashSet<&str> = staying
            .iter()
            .map(|&a| day.attendees[a].student.id.as_str())
            .collect();
        let mut others: Vec<&crate::model::Student> = school
            .students
            .iter()
            .filter(|s| s.class == class.name && !staying_ids.contains(s.id.as_str()))
            .collect();
        others.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        for s in others {
            // In service but not in the plan: never "goes home as usual".
            let today = if day.unplaced.iter().any(|u| u.id == s.id) {
                l(Label::UnplacedRunPlan)
            } else {
                l(Label::NotToday)
            };
            let mut row = vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&s.id),
                Cell::from(&s.name),
                Cell::from(today),
            ];
            row.extend(blocks.iter().map(|_| Cell::from("")));
            row.extend([Cell::from(""), Cell::from("")]);
            sheet.rows.push(row);
        }
        sheet.landscape = band.blocks.len() > 3;
        sheets.push(sheet);
    }

    // A dismissal list per batch: by class, then pickup mode, with who picks up.
    let mask = config.privacy.mask_phones;
    for batch in &day.batches {
        let what = if batch.early {
            format!("{} {}", batch.band, l(Label::EarlyBatch))
        } else {
            batch.band.clone()
        };
        let time = batch.time.format("%H:%M").to_string();
        let mut sheet = Sheet::new(
            &format!(
                "{}-{} {}",
                l(Label::DismissalList),
                batch.time.format("%H%M"),
                what
            ),
            &format!(
                "dismissal-{}-{}",
                batch.time.format("%H%M"),
                batch
                    .members
                    .first()
                    .map_or("", |&a| day.attendees[a].band.name.as_str())
            ),
            head(&format!(
                "{} {time} {what} {} {}",
                l(Label::DismissalList),
                l(Label::Count),
                batch.members.len()
            )),
            [
                Label::No,
                Label::Class,
                Label::Name,
                Label::StudentId,
                Label::Pickup,
                Label::PickupBy,
                Label::Phone,
                Label::Notes,
            ]
            .map(l)
            .to_vec(),
        );
        for &a in &batch.members {
            let att = &day.attendees[a];
            let mut notes = Vec::new();
            if let Some(change) = att.pickup_change {
                notes.push(format!("{} {}", l(Label::ChangedToday), change.note));
            }
            if att.leave.is_some() {
                notes.push(leave_note(att));
            }
            sheet.rows.push(vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&att.class.name),
                Cell::from(&att.student.name),
                Cell::from(&att.student.id),
                Cell::from(pickup_text(lang, att.pickup)),
                Cell::from(&att.pickup_by),
                Cell::from(phone(&att.student.phone, mask)),
                Cell::from(notes.join(";")),
            ]);
        }
        sheet.footer = vec![format!("{} {}", l(Label::Total), batch.members.len())];
        sheets.push(sheet);
    }
    sheets
}
