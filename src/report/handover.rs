//! The head teachers' handover lists (班主任交接单), one per class, with
//! room to sign (the gate's lists are in `dismissal`).

use std::collections::{HashMap, HashSet};

use super::daily::DayHead;
use super::{Cell, Sheet, group_name};
use crate::consent::class_order;
use crate::day::Day;
use crate::i18n::Label;
use crate::model::{Class, Student, natural_cmp};

/// A handover list per class: who stays and where, who is on leave, who goes home.
pub fn handover_sheets(day: &Day, head: &DayHead) -> Vec<Sheet> {
    let mut by_class: HashMap<&str, Vec<usize>> = HashMap::new();
    for (a, att) in day.attendees.iter().enumerate() {
        by_class.entry(att.class.name.as_str()).or_default().push(a);
    }
    let mut classes: Vec<&Class> = head.school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    classes
        .into_iter()
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
    let staying_ids: HashSet<&str> = staying
        .iter()
        .map(|&a| day.attendees[a].student.id.as_str())
        .collect();
    let mut others: Vec<&Student> = school
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
    sheet.footer = vec![l(Label::HandoverSignature)];
    Some(sheet)
}
