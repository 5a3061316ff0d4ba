//! The monthly register (点名册): per group that met in the month (a room,
//! club or activity in one block), its children × the month's dates, each
//! cell what the ledger holds for that child, date and block — or blank where
//! nothing was recorded, or "not listed" where the child was not on that
//! day's list for the group. Closures are columns without cells; makeup days
//! are marked. Pure: the day lists come from `day::compute`, the marks from
//! the ledger.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::attendance::{Ledger, Status};
use crate::calendar::Day as CalendarDay;
use crate::config::Config;
use crate::model::{Class, Student};
use crate::plan::{Kind, Plan};
use crate::school::School;

/// A date of the month as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A service day; `makeup` when it is a weekend day worked (调休).
    Service { date: NaiveDate, makeup: bool },
    /// A weekday of service closed (a holiday), with the reason.
    Closed { date: NaiveDate, reason: String },
}

impl Column {
    pub fn date(&self) -> NaiveDate {
        match self {
            Column::Service { date, .. } | Column::Closed { date, .. } => *date,
        }
    }
}

/// One cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Not on that day's list for this group (or a closed day).
    NotListed,
    /// On the list, nothing recorded.
    Blank,
    Marked(Status),
}

/// A child's row: a cell per column.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub student: &'a Student,
    pub class: Option<&'a Class>,
    pub cells: Vec<Cell>,
}

impl Row<'_> {
    /// How many cells hold this status.
    pub fn count(&self, status: Status) -> usize {
        self.cells
            .iter()
            .filter(|c| **c == Cell::Marked(status))
            .count()
    }
}

/// One group's register for the month.
#[derive(Debug, Clone)]
pub struct Grid<'a> {
    pub kind: Kind,
    pub group: Arc<str>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// In class order, then by id.
    pub rows: Vec<Row<'a>>,
}

impl Grid<'_> {
    /// Per column, how many cells hold this status.
    pub fn day_count(&self, column: usize, status: Status) -> usize {
        self.rows
            .iter()
            .filter(|r| r.cells.get(column) == Some(&Cell::Marked(status)))
            .count()
    }
}

#[derive(Debug, Clone)]
pub struct Roll<'a> {
    pub year: i32,
    pub month: u32,
    pub columns: Vec<Column>,
    pub grids: Vec<Grid<'a>>,
}

/// The month's columns: its service days and its closed service weekdays.
pub fn columns(config: &Config, year: i32, month: u32) -> Vec<Column> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d.month() == month)
        .filter_map(|date| match config.calendar.day(date) {
            CalendarDay::Service(s) => Some(Column::Service {
                date,
                makeup: s.makeup.is_some(),
            }),
            CalendarDay::Closed(c) if config.calendar.weekdays.contains(date.weekday()) => {
                Some(Column::Closed {
                    date,
                    reason: c.reason.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

type GridKey = (NaiveTime, Arc<str>);

/// The month's registers; with `ledger` `None`, blank ones to print.
pub fn compute<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    ledger: Option<&Ledger>,
    year: i32,
    month: u32,
) -> Roll<'a> {
    let columns = columns(config, year, month);
    let width = columns.len();
    let mut grids: BTreeMap<GridKey, (Kind, NaiveTime, HashMap<&'a str, Row<'a>>)> =
        BTreeMap::new();
    for (col, column) in columns.iter().enumerate() {
        let Column::Service { date, .. } = column else {
            continue;
        };
        let Ok(day) = crate::day::compute(school, config, plan, *date) else {
            continue;
        };
        for g in &day.groups {
            let (_, _, rows) = grids
                .entry((g.start, g.group.clone()))
                .or_insert_with(|| (g.kind, g.end, HashMap::new()));
            for &a in &g.members {
                let att = &day.attendees[a];
                let row = rows.entry(att.student.id.as_str()).or_insert_with(|| Row {
                    student: att.student,
                    class: Some(att.class),
                    cells: vec![Cell::NotListed; width],
                });
                row.cells[col] = Cell::Blank;
            }
        }
    }
    if let Some(ledger) = ledger {
        fill(&mut grids, school, ledger, &columns);
    }
    let rank = crate::papers::class_rank(school);
    let grids = grids
        .into_iter()
        .map(|((start, group), (kind, end, rows))| {
            let mut rows: Vec<Row> = rows.into_values().collect();
            rows.sort_by_key(|r| rank.get(r.student.id.as_str()).copied());
            Grid {
                kind,
                group,
                start,
                end,
                rows,
            }
        })
        .collect();
    Roll {
        year,
        month,
        columns,
        grids,
    }
}

/// Puts every ledger mark of the month in its cell: a mark for a child not
/// on the group's lists (the plan changed since) still gets a row.
fn fill<'a>(
    grids: &mut BTreeMap<GridKey, (Kind, NaiveTime, HashMap<&'a str, Row<'a>>)>,
    school: &'a School,
    ledger: &Ledger,
    columns: &[Column],
) {
    let column_of: HashMap<NaiveDate, usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Column::Service { .. }))
        .map(|(i, c)| (c.date(), i))
        .collect();
    for ((date, start, student), entry) in &ledger.entries {
        let Some(&col) = column_of.get(date) else {
            continue;
        };
        let Some(student) = school.student(student) else {
            continue;
        };
        let key: GridKey = (*start, Arc::from(entry.group.as_str()));
        let (_, _, rows) = grids
            .entry(key)
            .or_insert_with(|| (Kind::Homework, *start, HashMap::new()));
        let row = rows.entry(student.id.as_str()).or_insert_with(|| Row {
            student,
            class: school.class(&student.class),
            cells: vec![Cell::NotListed; columns.len()],
        });
        row.cells[col] = Cell::Marked(entry.status);
    }
}

/// `2026-09` → (2026, 9).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.trim().split_once(['-', '/', '.'])?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.trim_end_matches('月').parse().ok()?);
    NaiveDate::from_ymd_opt(y, m, 1).map(|_| (y, m))
}
