//! The monthly register grids (点名册), one sheet per group and block: a row
//! per child, a column per date (closures and makeup days marked in the
//! header), totals per child and per day; A4 landscape, one page wide. A
//! hidden first column carries the month, block and group, so that `record`
//! can read a grid filled in by hand back.

use chrono::Datelike;

use super::{Cell, Sheet, group_name};
use crate::attendance::Status;
use crate::config::Config;
use crate::i18n::{Label, Lang, weekday_name};
use crate::papers::roll::{self, Column, Grid, Roll};
use crate::school::School;

/// The statuses counted per child, in column order.
pub const COUNTED: [Status; 4] = [
    Status::Present,
    Status::Leave,
    Status::Absent,
    Status::Early,
];

/// What a cell shows for a status: `✓`, `假`, `缺`, `早退`.
pub fn status_mark(lang: Lang, status: Status) -> &'static str {
    match status {
        Status::Present => "✓",
        Status::Leave => Label::OnLeave.text(lang),
        Status::Absent => Label::Absent.text(lang),
        Status::Early => Label::EarlyPickup.text(lang),
    }
}

/// Shown where the child was not on that day's list for the group.
pub const NOT_LISTED: &str = "—";

/// A date column's heading: the day of the month over its weekday, or over
/// why it is marked (`10` / `调休`).
pub fn column_heading(lang: Lang, column: &Column) -> String {
    let date = column.date();
    let under = match column {
        Column::Closed { .. } => Label::ClosedDay.text(lang),
        Column::Service { makeup: true, .. } => Label::MakeupDay.text(lang),
        Column::Service { .. } => weekday_name(lang, date.weekday()),
    };
    format!("{}\n{under}", date.day())
}

/// The hidden key of a grid's rows: `2026-09|15:30|101教室`.
pub fn grid_key(roll: &Roll, grid: &Grid) -> String {
    format!(
        "{}-{:02}|{}|{}",
        roll.year,
        roll.month,
        grid.start.format("%H:%M"),
        grid.group
    )
}

/// One sheet per group grid, in block then group order; then, filled, one per class.
pub fn sheets(roll: &Roll, school: &School, config: &Config, blank: bool) -> Vec<Sheet> {
    let mut sheets: Vec<Sheet> = roll
        .grids
        .iter()
        .enumerate()
        .map(|(i, grid)| grid_sheet(roll, grid, i, school, config, blank))
        .collect();
    if !blank {
        let classes = roll::by_class(roll, school);
        sheets.extend(classes.iter().map(|c| class_sheet(roll, c, config)));
    }
    sheets
}

/// Print setup of a register: A4 landscape, one page wide (a month of dates).
fn roll_page(sheet: &mut Sheet) {
    sheet.landscape = true;
}

/// `2026年9月`, `2026-09`.
fn month_text(lang: Lang, roll: &Roll) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月", roll.year, roll.month),
        Lang::En => format!("{}-{:02}", roll.year, roll.month),
    }
}

fn grid_sheet(
    roll: &Roll,
    grid: &Grid,
    index: usize,
    school: &School,
    config: &Config,
    blank: bool,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let name = group_name(school, grid.kind, &grid.group);
    let mut headers = vec![
        l(Label::RollKey),
        l(Label::No),
        l(Label::StudentId),
        l(Label::Name),
        l(Label::Class),
    ];
    headers.extend(roll.columns.iter().map(|c| column_heading(lang, c)));
    headers.extend(COUNTED.map(|s| status_mark(lang, s).to_string()));
    let month = month_text(lang, roll);
    let mut title = format!(
        "{} {} {month} · {name} {}–{}",
        config.school.name,
        l(Label::RollTitle),
        grid.start.format("%H:%M"),
        grid.end.format("%H:%M"),
    );
    if !grid.teachers.is_empty() {
        title += &format!(
            " · {}: {}",
            l(Label::Supervisor),
            super::daily::teachers_text(school, &grid.teachers)
        );
    }
    if blank {
        title += &format!(" ({})", l(Label::Blank));
    }
    let slug = format!("{:03}-{}", index + 1, grid.start.format("%H%M"));
    let mut sheet = Sheet::new(
        &format!("{name} {}", grid.start.format("%H%M")),
        &slug,
        title,
        headers,
    );
    roll_page(&mut sheet);
    sheet.hidden = vec![0];
    let key = grid_key(roll, grid);
    for (n, row) in grid.rows.iter().enumerate() {
        let mut cells = vec![
            Cell::from(key.as_str()),
            Cell::from(n + 1),
            Cell::from(&row.student.id),
            Cell::from(&row.student.name),
            Cell::from(
                row.class
                    .map_or(row.student.class.as_str(), |c| c.name.as_str()),
            ),
        ];
        cells.extend(
            roll.columns
                .iter()
                .zip(&row.cells)
                .map(|(column, c)| match column {
                    Column::Closed { .. } => Cell::from(""),
                    Column::Service { .. } => Cell::from(cell_text(lang, *c)),
                }),
        );
        // A blank grid's counts are left to be written in.
        cells.extend(COUNTED.map(|s| match blank {
            true => Cell::from(""),
            false => Cell::from(row.count(s)),
        }));
        sheet.rows.push(cells);
    }
    sheet.rows.push(day_totals(roll, grid, lang, blank));
    sheet.footer = vec![l(Label::TeacherSignature)];
    sheet
}

fn cell_text(lang: Lang, cell: roll::Cell) -> &'static str {
    match cell {
        roll::Cell::NotListed => NOT_LISTED,
        roll::Cell::Blank => "",
        roll::Cell::Marked(s) => status_mark(lang, s),
    }
}

/// The last row: per date how many were present (到 and 早退), and the totals.
fn day_totals(roll: &Roll, grid: &Grid, lang: Lang, blank: bool) -> Vec<Cell> {
    let mut cells = vec![
        Cell::from(""),
        Cell::from(""),
        Cell::from(""),
        Cell::from(Label::PresentThatDay.text(lang)),
        Cell::from(""),
    ];
    for (col, column) in roll.columns.iter().enumerate() {
        cells.push(match column {
            Column::Closed { .. } => Cell::from(""),
            // A day never recorded is blank, not 0 present.
            Column::Service { .. }
                if !(grid.rows.iter()).any(|r| matches!(r.cells[col], roll::Cell::Marked(_))) =>
            {
                Cell::from("")
            }
            Column::Service { .. } => Cell::from(
                grid.day_count(col, Status::Present) + grid.day_count(col, Status::Early),
            ),
        });
    }
    for s in COUNTED {
        cells.push(match blank {
            true => Cell::from(""),
            false => Cell::from(grid.rows.iter().map(|r| r.count(s)).sum::<usize>()),
        });
    }
    cells
}

/// A class's register: per child and date the marks of the day's blocks
/// (`✓`, `✓/缺`), blank where nothing was recorded, `—` where the child was on
/// no list; per child the days with each mark. No key column: it is for
/// reading, and `record` reads the group grids.
pub fn class_sheet(roll: &Roll, grid: &roll::ClassGrid, config: &Config) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let mut headers = vec![l(Label::No), l(Label::StudentId), l(Label::Name)];
    headers.extend(roll.columns.iter().map(|c| column_heading(lang, c)));
    headers.extend(COUNTED.map(|s| status_mark(lang, s).to_string()));
    let title = format!(
        "{} {} {} · {}",
        config.school.name,
        l(Label::RollTitle),
        month_text(lang, roll),
        grid.class
    );
    let mut sheet = Sheet::new(grid.class, &format!("class-{}", grid.class), title, headers);
    roll_page(&mut sheet);
    for (n, row) in grid.rows.iter().enumerate() {
        let mut cells = vec![
            Cell::from(n + 1),
            Cell::from(&row.student.id),
            Cell::from(&row.student.name),
        ];
        cells.extend(roll.columns.iter().zip(&row.days).map(|(column, day)| {
            let text = match column {
                Column::Closed { .. } => String::new(),
                Column::Service { .. } if day.is_empty() => NOT_LISTED.to_string(),
                Column::Service { .. } => day_marks(lang, day),
            };
            Cell::from(text)
        }));
        cells.extend(COUNTED.map(|s| Cell::from(row.days_with(s))));
        sheet.rows.push(cells);
    }
    sheet
}

/// The distinct marks of a day's blocks, in block order (`✓/缺`).
fn day_marks(lang: Lang, cells: &[roll::Cell]) -> String {
    let mut marks: Vec<&str> = Vec::new();
    for c in cells {
        if let roll::Cell::Marked(s) = c {
            let mark = status_mark(lang, *s);
            if !marks.contains(&mark) {
                marks.push(mark);
            }
        }
    }
    marks.join("/")
}
