//! The gate's dismissal lists (错峰放学), one per batch: by class, then
//! pickup mode, with who picks up; the gate ticks 已接走, the one who picks
//! up signs and the time is noted. A batch longer than a page is split by
//! class, whole classes a page (the classes in the title), so the guard
//! turns to the child's class; the bus children are on a list of their own
//! for whoever takes them to the bus: one list for the day.

use super::daily::DayHead;
use super::{Cell, Sheet, layout, phone, pickup_text};
use crate::day::{Attendee, Batch, Day};
use crate::i18n::Label;
use crate::model::Pickup;

/// One list of a batch: its children, and which part of the batch it is.
struct Part {
    members: Vec<usize>,
    what: PartOf,
}

enum PartOf {
    /// The whole batch (it fits on one page, or has one class).
    Whole,
    /// Some whole classes, the `n`th list of the batch.
    Classes(usize),
}

pub fn sheets(day: &Day, head: &DayHead) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    let mut bus: Vec<(&Batch, usize)> = Vec::new();
    for batch in &day.batches {
        let (by_bus, rest): (Vec<usize>, Vec<usize>) = batch
            .members
            .iter()
            .partition(|&&a| day.attendees[a].pickup == Pickup::Bus);
        bus.extend(by_bus.into_iter().map(|a| (batch, a)));
        if rest.is_empty() {
            continue;
        }
        for part in parts(day, head, batch, rest) {
            sheets.push(list(day, head, batch, &part));
        }
    }
    if !bus.is_empty() {
        sheets.push(bus_list(day, head, &bus));
    }
    sheets
}

/// The batch's children not on the bus as one list when it prints on one
/// page; otherwise by class, as many whole classes to a list as one page
/// holds.
fn parts(day: &Day, head: &DayHead, batch: &Batch, rest: Vec<usize>) -> Vec<Part> {
    let whole = Part {
        members: rest,
        what: PartOf::Whole,
    };
    if layout::pages(&list(day, head, batch, &whole)) <= 1 {
        return vec![whole];
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let rest = &whole.members;
    for class in rest.chunk_by(|&x, &y| day.attendees[x].class.name == day.attendees[y].class.name)
    {
        if !current.is_empty() {
            let mut more = current.clone();
            more.extend_from_slice(class);
            let trial = Part {
                members: more,
                what: PartOf::Classes(parts.len() + 1),
            };
            if layout::pages(&list(day, head, batch, &trial)) <= 1 {
                current = trial.members;
                continue;
            }
            parts.push(Part {
                members: std::mem::take(&mut current),
                what: PartOf::Classes(parts.len() + 1),
            });
        }
        current.extend_from_slice(class);
    }
    if !current.is_empty() {
        parts.push(Part {
            members: current,
            what: PartOf::Classes(parts.len() + 1),
        });
    }
    if parts.len() == 1 {
        return vec![whole];
    }
    parts
}

/// `1(1)班` or `1(1)班–1(3)班`: the classes of a list, first to last.
fn classes(day: &Day, members: &[usize]) -> String {
    let name = |a: &usize| day.attendees[*a].class.name.clone();
    match (members.first().map(name), members.last().map(name)) {
        (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
        (Some(first), _) => first,
        _ => String::new(),
    }
}

fn list(day: &Day, head: &DayHead, batch: &Batch, part: &Part) -> Sheet {
    let l = |x| head.l(x);
    let mask = masked(head);
    let what = if batch.early {
        format!("{} {}", batch.band, l(Label::EarlyBatch))
    } else {
        batch.band.clone()
    };
    let time = batch.time.format("%H:%M").to_string();
    let band = batch
        .members
        .first()
        .map_or("", |&a| day.attendees[a].band.name.as_str());
    let slug = format!("dismissal-{}-{band}", batch.time.format("%H%M"));
    let (which, slug) = match part.what {
        PartOf::Whole => (String::new(), slug),
        PartOf::Classes(k) => (
            format!(" {}", classes(day, &part.members)),
            format!("{slug}-{k}"),
        ),
    };
    let count = match part.members.len() == batch.members.len() {
        true => batch.members.len().to_string(),
        false => format!(
            "{}({} {})",
            part.members.len(),
            l(Label::OfBatch),
            batch.members.len()
        ),
    };
    let mut sheet = Sheet::new(
        &format!(
            "{}-{} {what}{which}",
            l(Label::DismissalList),
            batch.time.format("%H%M")
        ),
        &slug,
        head.title(&format!(
            "{} {time} {what}{which} {} {count}",
            l(Label::DismissalList),
            l(Label::Count),
        )),
        headers(head, Label::Pickup),
    );
    for &a in &part.members {
        let att = &day.attendees[a];
        let mode = pickup_text(head.lang, att.pickup).to_string();
        sheet
            .rows
            .push(row(head, att, sheet.rows.len() + 1, mode, mask));
    }
    sheet.footer = vec![format!("{} {count}", l(Label::Total))];
    sheet.footer.extend(super::volunteers::batch_line(
        head.school,
        head.config,
        day,
        batch,
    ));
    for_the_gate(&mut sheet);
    sheet
}

/// Whether the gate's lists print phones whole (`[privacy] gate_phones`).
fn masked(head: &DayHead) -> bool {
    let privacy = &head.config.privacy;
    match privacy.gate_phones {
        crate::config::GatePhones::Full => false,
        crate::config::GatePhones::Masked => privacy.mask_phones,
    }
}

/// A gate list's columns; the fifth says how the child leaves (on a batch's
/// list) or when (on the bus list).
fn headers(head: &DayHead, fifth: Label) -> Vec<String> {
    [
        Label::No,
        Label::Class,
        Label::Name,
        Label::StudentId,
        fifth,
        Label::PickupBy,
        Label::Phone,
        Label::Notes,
        Label::PickedUp,
        Label::PickerSignature,
        Label::Time,
    ]
    .map(|x| head.l(x))
    .to_vec()
}

fn row(head: &DayHead, att: &Attendee, no: usize, fifth: String, mask: bool) -> Vec<Cell> {
    let l = |x| head.l(x);
    let mut notes = Vec::new();
    if let Some(change) = att.pickup_change {
        notes.push(format!("{} {}", l(Label::ChangedToday), change.note));
    }
    if att.leave.is_some() {
        notes.push(head.leave_note(att));
    }
    vec![
        no.into(),
        Cell::from(&att.class.name),
        Cell::from(&att.student.name),
        Cell::from(&att.student.id),
        Cell::from(fifth),
        Cell::from(&att.pickup_by),
        Cell::from(phone(&att.student.phone, mask)),
        Cell::from(notes.join(";")),
        Cell::from(""),
        Cell::from(""),
        Cell::from(""),
    ]
}

/// Room to tick, sign and note the time, rows tall enough to sign in.
fn for_the_gate(sheet: &mut Sheet) {
    sheet.handwritten = vec![(8, 4), (9, 10), (10, 6)];
    sheet.row_pt = 20.0;
}

/// The day's bus children, by batch time then class, for whoever takes
/// them to the bus: one list for the day (they are few), each child with
/// the time their batch leaves.
fn bus_list(day: &Day, head: &DayHead, bus: &[(&Batch, usize)]) -> Sheet {
    let l = |x| head.l(x);
    let by_bus = pickup_text(head.lang, Pickup::Bus);
    let mut sheet = Sheet::new(
        &format!("{}-{by_bus}", l(Label::DismissalList)),
        "dismissal-bus",
        head.title(&format!(
            "{} {by_bus} {} {}",
            l(Label::DismissalList),
            l(Label::Count),
            bus.len()
        )),
        headers(head, Label::LeaveTime),
    );
    let mask = masked(head);
    for (batch, a) in bus {
        let time = batch.time.format("%H:%M").to_string();
        let no = sheet.rows.len() + 1;
        sheet
            .rows
            .push(row(head, &day.attendees[*a], no, time, mask));
    }
    sheet.footer = vec![format!("{} {}", l(Label::Total), bus.len())];
    for_the_gate(&mut sheet);
    sheet
}
