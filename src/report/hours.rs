//! `hours-<month>.xlsx`: per teacher the sessions and hours served, per week
//! and in total, and duty-leader days.

use std::collections::{BTreeMap, BTreeSet};

use super::{Cell, Sheet};
use crate::config::Config;
use crate::hours::Served;
use crate::i18n::Label;
use crate::model::natural_cmp;
use crate::school::School;

fn hours(minutes: u32) -> Cell {
    Cell::Text(format!("{:.1}", minutes as f64 / 60.0))
}

pub fn sheets(
    served: &BTreeMap<String, Served>,
    school: &School,
    config: &Config,
    period: &str,
) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let weeks: BTreeSet<(i32, u32)> = served
        .values()
        .flat_map(|s| s.weekly.keys().copied())
        .collect();
    let mut headers = vec![
        l(Label::StaffId),
        l(Label::Name),
        l(Label::Sessions),
        l(Label::HoursLabel),
        l(Label::LeaderDays),
    ];
    headers.extend(weeks.iter().map(|(y, w)| format!("{y}-W{w:02}")));
    let mut sheet = Sheet::new(
        &l(Label::HoursTitle),
        "hours",
        format!("{} {} {period}", config.school.name, l(Label::HoursTitle)),
        headers,
    );
    sheet.landscape = weeks.len() > 4;
    let mut ids: Vec<&String> = served.keys().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    let mut total = 0;
    for id in ids {
        let s = &served[id];
        total += s.minutes;
        let mut row = vec![
            Cell::from(id),
            Cell::from(school.staff_name(id)),
            s.sessions.into(),
            hours(s.minutes),
            s.leader_days.into(),
        ];
        row.extend(
            weeks
                .iter()
                .map(|w| hours(s.weekly.get(w).copied().unwrap_or(0))),
        );
        sheet.rows.push(row);
    }
    sheet.footer = vec![format!(
        "{} {}: {:.1}",
        l(Label::Total),
        l(Label::HoursLabel),
        total as f64 / 60.0
    )];
    vec![sheet]
}
