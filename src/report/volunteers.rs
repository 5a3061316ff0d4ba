//! Parent volunteers on paper: the line naming a batch's volunteers on the
//! dismissal list and the duty sheet, and the term's rota (`notices --volunteers`).

use super::{Cell, Sheet, days_text, phone};
use crate::config::Config;
use crate::day::{Batch, Day};
use crate::i18n::{DutyLabel, Label, weekday_name};
use crate::school::School;
use crate::volunteers::{at_batch, by_weekday, post_text, rota};

/// `家长志愿者: 张妈妈(东门)、李爸爸` for one batch of the day; `None` when
/// the school keeps no volunteers (the sheet stays as it was).
pub fn batch_line(school: &School, config: &Config, day: &Day, batch: &Batch) -> Option<String> {
    if school.volunteers.is_empty() {
        return None;
    }
    let lang = config.lang;
    let here = at_batch(&school.volunteers, batch, day.service.timetable);
    let names = match here.is_empty() {
        true => DutyLabel::NoVolunteer.text(lang).to_string(),
        false => here
            .iter()
            .map(|v| v.label())
            .collect::<Vec<_>>()
            .join("、"),
    };
    Some(format!("{}: {names}", DutyLabel::Volunteers.text(lang)))
}

/// The duty sheet's lines: each batch of the day with its volunteers.
pub fn duty_lines(school: &School, config: &Config, day: &Day) -> Vec<String> {
    day.batches
        .iter()
        .filter_map(|b| {
            let line = batch_line(school, config, day, b)?;
            Some(format!("{} {} — {line}", b.time.format("%H:%M"), b.band))
        })
        .collect()
}

/// The rota: a row per volunteer, then a sheet by weekday and batch.
pub fn rota_sheets(school: &School, config: &Config) -> Vec<Sheet> {
    let lang = config.lang;
    let d = |x: DutyLabel| x.text(lang).to_string();
    let l = |x: Label| x.text(lang).to_string();
    let mask = config.privacy.mask_phones;
    let mut list = Sheet::new(
        &d(DutyLabel::VolunteerRota),
        "volunteers",
        format!(
            "{} {} {}",
            config.school.name,
            config.school.term,
            d(DutyLabel::VolunteerRota)
        ),
        vec![
            l(Label::No),
            d(DutyLabel::Volunteer),
            l(Label::Phone),
            d(DutyLabel::Child),
            l(Label::Class),
            d(DutyLabel::HelpDays),
            d(DutyLabel::Batch),
            d(DutyLabel::Gate),
            d(DutyLabel::DutyDates),
            d(DutyLabel::FirstDate),
        ],
    );
    for line in rota(school, config) {
        let v = line.volunteer;
        let child = school
            .student(&v.child)
            .map_or(String::new(), |s| s.name.clone());
        list.rows.push(vec![
            (list.rows.len() + 1).into(),
            Cell::from(&v.name),
            Cell::from(phone(&v.phone, mask)),
            Cell::from(child),
            Cell::from(&v.class),
            Cell::from(days_text(lang, v.days, config.calendar.weekdays)),
            Cell::from(post_text(&v.post, config)),
            Cell::from(&v.gate),
            line.dates.len().into(),
            line.dates
                .first()
                .map_or(Cell::from(""), |d| Cell::Date(*d)),
        ]);
    }
    let mut days = Sheet::new(
        &d(DutyLabel::VolunteersByDay),
        "volunteers-by-day",
        format!(
            "{} {} {}",
            config.school.name,
            d(DutyLabel::VolunteerRota),
            d(DutyLabel::VolunteersByDay)
        ),
        vec![
            l(Label::Weekday),
            d(DutyLabel::Batch),
            l(Label::Count),
            d(DutyLabel::Volunteers),
        ],
    );
    for (weekday, band, here) in by_weekday(school, config) {
        let names: Vec<String> = here.iter().map(|v| v.label()).collect();
        days.rows.push(vec![
            Cell::from(weekday_name(lang, weekday)),
            Cell::from(format!("{} {}", band.dismissal.format("%H:%M"), band.name)),
            here.len().into(),
            Cell::from(names.join("、")),
        ]);
    }
    vec![list, days]
}
