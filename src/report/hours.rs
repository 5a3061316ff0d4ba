//! `hours-<month>.xlsx`: per teacher the sessions and hours served, per week
//! and in total, and duty-leader days; then a sheet per teacher with every
//! session (date, group, minutes) and a line to sign, for the subsidy.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Cell, Sheet, group_name};
use crate::config::Config;
use crate::hours::{Served, SessionServed};
use crate::i18n::{Label, weekday_name};
use crate::model::natural_cmp;
use crate::school::School;

/// Minutes as hours, a number a spreadsheet can sum.
fn hours(minutes: u32) -> Cell {
    Cell::Decimal(minutes as f64 / 60.0)
}

/// An ISO week as people write it: `10/5–10/11`.
pub fn week_text(year: i32, week: u32) -> String {
    let day = |d| NaiveDate::from_isoywd_opt(year, week, d);
    match (day(chrono::Weekday::Mon), day(chrono::Weekday::Sun)) {
        (Some(mon), Some(sun)) => format!("{}–{}", mon.format("%-m/%-d"), sun.format("%-m/%-d")),
        _ => format!("{year}-W{week:02}"),
    }
}

pub fn sheets(
    served: &BTreeMap<String, Served>,
    school: &School,
    config: &Config,
    period: &str,
) -> Vec<Sheet> {
    let mut ids: Vec<&String> = served.keys().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    let mut sheets = vec![summary_sheet(served, &ids, school, config, period)];
    // A leader who kept no sheet has no page of sessions: their duty-leader
    // days are on the summary.
    for id in ids.into_iter().filter(|id| served[*id].sessions > 0) {
        sheets.push(detail_sheet(id, &served[id], school, config, period));
    }
    super::contents::with_contents(sheets, config.lang)
}

/// Every teacher on a row: sessions, hours, duty-leader days, hours per week.
fn summary_sheet(
    served: &BTreeMap<String, Served>,
    ids: &[&String],
    school: &School,
    config: &Config,
    period: &str,
) -> Sheet {
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
    headers.extend(weeks.iter().map(|(y, w)| week_text(*y, *w)));
    let mut sheet = Sheet::new(
        &l(Label::HoursTitle),
        "hours",
        format!("{} {} {period}", config.school.name, l(Label::HoursTitle)),
        headers,
    );
    sheet.landscape = weeks.len() > 4;
    let mut total = 0;
    for id in ids {
        let s = &served[*id];
        total += s.minutes;
        let mut row = vec![
            Cell::from(*id),
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
    sheet
}

/// A teacher's sessions by date and time.
fn in_order(s: &Served) -> Vec<&SessionServed> {
    let mut detail: Vec<&SessionServed> = s.detail.iter().collect();
    detail.sort_by_key(|d| (d.date, d.start));
    detail
}

/// A session's times as people write them: `16:30–17:30`, or
/// `15:30–16:10、16:30–17:00` when it paused.
fn spans_text(spans: &[crate::supervision::Interval]) -> String {
    spans
        .iter()
        .map(|(s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
        .collect::<Vec<_>>()
        .join("、")
}

/// The headers of [`session_cells`].
const SESSION_HEADERS: [Label; 6] = [
    Label::Date,
    Label::Weekday,
    Label::Time,
    Label::Group,
    Label::Minutes,
    Label::HoursLabel,
];

/// Date, weekday, time, group, minutes, hours.
fn session_cells(d: &SessionServed, school: &School, config: &Config) -> Vec<Cell> {
    vec![
        Cell::Date(d.date),
        Cell::from(weekday_name(
            config.lang,
            chrono::Datelike::weekday(&d.date),
        )),
        Cell::from(spans_text(&d.spans)),
        Cell::from(group_name(school, d.kind, &d.group)),
        d.minutes.into(),
        hours(d.minutes),
    ]
}

/// Every teacher's sessions in one table (the CSV beside the workbook,
/// instead of a file per teacher).
pub fn sessions_table(
    served: &BTreeMap<String, Served>,
    school: &School,
    config: &Config,
) -> Sheet {
    let l = |label: Label| label.text(config.lang).to_string();
    let mut headers = vec![l(Label::StaffId), l(Label::Name)];
    headers.extend(SESSION_HEADERS.map(l));
    let mut sheet = Sheet::new(
        &l(Label::TeacherDetail),
        "sessions",
        l(Label::TeacherDetail),
        headers,
    );
    let mut ids: Vec<&String> = served.keys().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    for id in ids {
        for d in in_order(&served[id]) {
            let mut row = vec![Cell::from(id), Cell::from(school.staff_name(id))];
            row.extend(session_cells(d, school, config));
            sheet.rows.push(row);
        }
    }
    sheet
}

/// One teacher's sessions, one a row, with the total and a line to sign.
fn detail_sheet(id: &str, s: &Served, school: &School, config: &Config, period: &str) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let name = school.staff_name(id);
    let mut sheet = Sheet::new(
        &format!("{}-{name}", l(Label::TeacherDetail)),
        &format!("hours-{id}"),
        format!(
            "{} {} {period} {name} ({id})",
            config.school.name,
            l(Label::HoursTitle)
        ),
        std::iter::once(l(Label::No))
            .chain(SESSION_HEADERS.map(l))
            .collect(),
    );
    for d in in_order(s) {
        let mut row = vec![(sheet.rows.len() + 1).into()];
        row.extend(session_cells(d, school, config));
        sheet.rows.push(row);
    }
    let mut total = format!(
        "{} {} {},{} {:.1}",
        l(Label::Total),
        s.sessions,
        l(Label::Sessions),
        l(Label::HoursLabel),
        s.minutes as f64 / 60.0
    );
    if s.leader_days > 0 {
        total += &format!(",{} {}", l(Label::LeaderDays), s.leader_days);
    }
    sheet.footer = vec![total, l(Label::HoursSignature)];
    sheet
}

#[cfg(test)]
mod tests {
    #[test]
    fn weeks_read_as_dates() {
        assert_eq!(super::week_text(2026, 41), "10/5–10/11");
        assert_eq!(super::week_text(2026, 99), "2026-W99");
    }
}
