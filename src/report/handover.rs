//! The head teachers' handover lists (班主任交接单), one per class, with
//! room to sign (the gate's lists are in `dismissal`).

use std::collections::{HashMap, HashSet};

use super::daily::DayHead;
use super::{Cell, Sheet, group_name};
use crate::consent::class_order;
use crate::day::Day;
use crate::i18n::Label;
use crate::model::{Class, Student, natural_cmp};

/// A handover list per class: who stays and where, who is on leave, who goes
/// home; but for the classes in `on_sign_in` (their room's afternoon sign-in
/// sheet is their handover list).
pub fn handover_sheets(day: &Day, head: &DayHead, on_sign_in: &[&Class]) -> Vec<Sheet> {
    let mut by_class: HashMap<&str, Vec<usize>> = HashMap::new();
    for (a, att) in day.attendees.iter().enumerate() {
        by_class.entry(att.class.name.as_str()).or_default().push(a);
    }
    let mut classes: Vec<&Class> = head.school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    classes
        .into_iter()
        .filter(|class| !on_sign_in.iter().any(|c| c.name == class.name))
        .filter_map(|class| {
            let staying = by_class
                .get(class.name.as_str())
                .map_or(&[][..], Vec::as_slice);
            handover_sheet(day, head, class, staying)
        })
        .collect()
}

fn handover_sheet(day: &Day, head: &DayHead, class: &Class, staying: &[usize]) -> Option<Sheet> {
    let (school, l) = (head.school, |x| head.l(x));
    let band = head.config.band_of(class.grade)?;
    let mut headers = vec![
        l(Label::No),
        l(Label::StudentId),
        l(Label::Name),
        l(Label::Today),
    ];
    // Only the blocks that meet today (an early end removes or cuts some).
    let blocks = day.blocks_today(band);
    headers.extend(
        blocks
            .iter()
            .map(|(_, start, end)| format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))),
    );
    headers.extend([l(Label::LeaveTime), l(Label::Notes)]);
    let head_teacher = school.staff_label(&class.head_teacher);
    let mut sheet = Sheet::new(
        &format!("{}-{}", l(Label::Handover), class.name),
        &format!("handover-{}", class.name),
        head.title(&format!(
            "{} {} {}: {head_teacher}",
            class.name,
            l(Label::Handover),
            l(Label::HeadTeacher)
        )),
        headers,
    );
    for &a in staying {
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
        row.push(Cell::from(head.leave_note(att)));
        sheet.rows.push(row);
    }
    for s in not_staying(day, head, class, staying) {
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
    sheet.footer = vec![l(Label::HandoverSignature)];
    Some(sheet)
}

/// The class's children not staying today, by 学号.
fn not_staying<'s>(
    day: &Day,
    head: &DayHead<'s>,
    class: &Class,
    staying: &[usize],
) -> Vec<&'s Student> {
    let staying_ids: HashSet<&str> = staying
        .iter()
        .map(|&a| day.attendees[a].student.id.as_str())
        .collect();
    let mut others: Vec<&Student> = head
        .school
        .students
        .iter()
        .filter(|s| s.class == class.name && !staying_ids.contains(s.id.as_str()))
        .collect();
    others.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    others
}

/// Whether these children (a room's for the afternoon) are exactly the
/// class's children staying today, and none of the class is in service
/// without a place (that list stays loud on a page of its own): then the
/// room's sign-in sheet is the class's handover list too.
pub fn is_whole_class(day: &Day, class: &Class, children: &[usize]) -> bool {
    let staying = day
        .attendees
        .iter()
        .filter(|a| a.class.name == class.name)
        .count();
    let unplaced = day.unplaced.iter().any(|s| s.class == class.name);
    !unplaced
        && staying == children.len()
        && children
            .iter()
            .all(|&a| day.attendees[a].class.name == class.name)
}

/// The lines under a class's afternoon sign-in sheet that make it the
/// class's handover list: its children not staying today (学号 and name)
/// and the handover's signature with the time.
pub fn lines_under(day: &Day, head: &DayHead, class: &Class) -> Vec<String> {
    let staying: Vec<usize> = (0..day.attendees.len())
        .filter(|&a| day.attendees[a].class.name == class.name)
        .collect();
    let others = not_staying(day, head, class, &staying);
    let mut lines = Vec::new();
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .map(|s| format!("{} {}", s.id, s.name))
            .collect();
        lines.push(format!(
            "{}({}): {}",
            head.l(Label::NotToday),
            others.len(),
            names.join(head.lang.pick("、", ", "))
        ));
    }
    lines.push(head.l(Label::HandoverSignature));
    lines
}
