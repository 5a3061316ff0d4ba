//! The weekly absence report workbook.

use chrono::Datelike;

use super::group_name_any;
use super::{Cell, Chart, Sheet};
use crate::config::Config;
use crate::i18n::{Label, Lang, weekday_name};
use crate::school::School;
use crate::weekly::{Counts, Weekly};

fn count_headers(lang: Lang) -> Vec<String> {
    [
        Label::ExpectedVisits,
        Label::Present,
        Label::Excused,
        Label::Unexplained,
        Label::Early,
        Label::NotRecorded,
        Label::Rate,
    ]
    .iter()
    .map(|l| l.text(lang).to_string())
    .collect()
}

fn count_cells(c: &Counts, lang: Lang) -> Vec<Cell> {
    vec![
        c.expected.into(),
        c.present.into(),
        c.excused.into(),
        c.unexplained.into(),
        c.early.into(),
        c.not_recorded.into(),
        rate_cell(c, lang),
    ]
}

/// The attendance rate, or "nothing recorded" where no register was: a
/// rate of 0.0 % would say every child was missing.
fn rate_cell(c: &Counts, lang: Lang) -> Cell {
    if nothing_recorded(c) {
        Cell::from(Label::NothingRecorded.text(lang))
    } else {
        Cell::Share(c.rate())
    }
}

/// Children were expected and not one register was recorded.
pub fn nothing_recorded(c: &Counts) -> bool {
    c.expected > 0 && c.not_recorded == c.expected
}

pub fn sheets(
    report: &Weekly,
    follow_ups: &[crate::followup::FollowUp],
    school: &School,
    config: &Config,
) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let title = |what: Label| {
        format!(
            "{} {} {} – {} {}",
            config.school.name,
            l(Label::WeeklyReport),
            report.from,
            report.to,
            what.text(lang)
        )
    };
    let head_teacher = |class: &str| {
        school
            .class(class)
            .map_or("", |c| school.staff_name(&c.head_teacher))
            .to_string()
    };
    let mut sheets = Vec::new();

    let mut headers = vec![l(Label::Date), l(Label::Weekday)];
    headers.extend(count_headers(lang));
    let mut by_day = Sheet::new(&l(Label::ByDay), "by-day", title(Label::ByDay), headers);
    for (date, c) in &report.per_day {
        let mut row = vec![
            Cell::Date(*date),
            Cell::from(weekday_name(lang, date.weekday())),
        ];
        row.extend(count_cells(c, lang));
        by_day.rows.push(row);
    }
    if !report.per_day.is_empty() {
        by_day.chart = Some(Chart {
            title: l(Label::Rate),
            first_row: 0,
            last_row: report.per_day.len() - 1,
            label_column: 0,
            value_column: 8,
            percent: true,
        });
    }
    let mut total = vec![Cell::from(l(Label::Total)), Cell::from("")];
    total.extend(count_cells(&report.total, lang));
    by_day.rows.push(total);
    sheets.push(by_day);

    let mut headers = vec![l(Label::Class), l(Label::HeadTeacher)];
    headers.extend(count_headers(lang));
    let mut by_class = Sheet::new(
        &l(Label::ByClass),
        "by-class",
        title(Label::ByClass),
        headers,
    );
    let mut classes: Vec<&String> = report.per_class.keys().collect();
    classes.sort_by(|a, b| match (school.class(a), school.class(b)) {
        (Some(x), Some(y)) => crate::consent::class_order(x, y),
        _ => a.cmp(b),
    });
    for class in classes {
        let mut row = vec![Cell::from(class), Cell::from(head_teacher(class))];
        row.extend(count_cells(&report.per_class[class], lang));
        by_class.rows.push(row);
    }
    sheets.push(by_class);

    let mut headers = vec![l(Label::Group)];
    headers.extend(count_headers(lang));
    let mut by_group = Sheet::new(
        &l(Label::ByGroup),
        "by-group",
        title(Label::ByGroup),
        headers,
    );
    for (group, c) in &report.per_group {
        let mut row = vec![Cell::from(group_name_any(school, group))];
        row.extend(count_cells(c, lang));
        by_group.rows.push(row);
    }
    sheets.push(by_group);

    // Every unexplained absence of the week and every earlier one still
    // open, with the columns the office fills in (跟踪制度).
    sheets.push(super::followup::sheet(
        follow_ups,
        school,
        config,
        title(Label::FollowUp),
    ));
    sheets.push(super::incidents::sheet(
        school,
        config,
        report.from,
        report.to,
    ));

    let mut repeated = Sheet::new(
        &l(Label::Repeated),
        "repeated",
        title(Label::Repeated),
        [
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::HeadTeacher,
            Label::Times,
            Label::LongestRun,
            Label::Dates,
        ]
        .map(l)
        .to_vec(),
    );
    for r in &report.repeated {
        let dates: Vec<String> = r.dates.iter().map(|d| d.to_string()).collect();
        repeated.rows.push(vec![
            Cell::from(&r.student.class),
            Cell::from(&r.student.id),
            Cell::from(&r.student.name),
            Cell::from(head_teacher(&r.student.class)),
            r.dates.len().into(),
            r.longest_run.into(),
            Cell::from(dates.join(lang.pick("、", ", "))),
        ]);
    }
    sheets.push(repeated);

    let mut unrecorded = Sheet::new(
        &l(Label::Unrecorded),
        "unrecorded",
        title(Label::Unrecorded),
        [Label::Date, Label::Time, Label::Group, Label::Expected]
            .map(l)
            .to_vec(),
    );
    for (date, start, group, n) in &report.unrecorded {
        unrecorded.rows.push(vec![
            Cell::Date(*date),
            Cell::from(start.format("%H:%M").to_string()),
            Cell::from(group_name_any(school, group)),
            (*n).into(),
        ]);
    }
    sheets.push(unrecorded);
    sheets
}
