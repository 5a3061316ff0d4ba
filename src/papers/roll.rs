//! The monthly register (点名册): per group that met in the month (a room,
//! club or activity in one block), its children × the month's dates, each
//! cell what the ledger holds for that child, date and block — or blank where
//! nothing was recorded, or "not listed" where the child was not on that
//! day's list for the group. Closures are columns without cells; makeup days
//! are marked. Pure: the day lists come from `day::compute`, the marks from
//! the ledger.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::attendance::{Ledger, Status};
use crate::calendar::Day as CalendarDay;
use crate::config::Config;
use crate::model::{Class, Student};
use crate::plan::{Kind, Plan};
use crate::school::School;
use crate::supervision::Printed;

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
    /// The teachers who kept it in the month (staff ids), in the order
    /// they first did.
    pub teachers: Vec<String>,
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
/// A grid being filled: its kind, end, teachers and rows by student.
struct Filling<'a> {
    kind: Kind,
    end: NaiveTime,
    teachers: Vec<String>,
    rows: HashMap<&'a str, Row<'a>>,
}

type Grids<'a> = BTreeMap<GridKey, Filling<'a>>;

/// One group on one day's lists: who is on it.
struct Listed<'a> {
    key: GridKey,
    kind: Kind,
    end: NaiveTime,
    teachers: Vec<String>,
    members: Vec<(&'a Student, &'a Class)>,
}

/// One service day's groups, as the register needs them.
struct DayLists<'a> {
    column: usize,
    groups: Vec<Listed<'a>>,
}

/// The month's registers from `ledger`, or blank ones to print.
pub fn compute<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    ledger: Option<&Ledger>,
    year: i32,
    month: u32,
) -> Roll<'a> {
    let roll = compute_with(
        school,
        config,
        plan,
        None,
        || Ok::<_, Infallible>(ledger),
        year,
        month,
    );
    match roll {
        Ok(roll) => roll,
        Err(never) => match never {},
    }
}

/// [`compute`], with the ledger read (by `load`, which may fail) while the
/// day lists are computed: the month's days are spread over the machine's
/// cores, since a big school's month is twenty-odd full day lists. Each
/// day's teachers are those `printed` holds for it (the duties of the plan
/// version in force, as `daily` printed them), else the plan's.
pub fn compute_with<'a, L, B, E>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    printed: Option<&Printed>,
    load: L,
    year: i32,
    month: u32,
) -> Result<Roll<'a>, E>
where
    L: FnOnce() -> Result<Option<B>, E> + Send,
    B: Borrow<Ledger> + Send,
    E: Send,
{
    let columns = columns(config, year, month);
    let service: Vec<(usize, NaiveDate)> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Column::Service { .. }))
        .map(|(i, c)| (i, c.date()))
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = service.len().div_ceil(workers).max(1);
    let (lists, ledger) = std::thread::scope(|scope| {
        let ledger = scope.spawn(load);
        let days: Vec<_> = service
            .chunks(chunk)
            .map(|days| scope.spawn(move || day_lists(school, config, plan, printed, days)))
            .collect();
        let lists: Vec<DayLists> = days.into_iter().flat_map(joined).collect();
        (lists, joined(ledger))
    });
    let mut grids = grids_of(lists, columns.len());
    if let Some(ledger) = ledger? {
        fill(&mut grids, school, ledger.borrow(), &columns);
    }
    Ok(Roll {
        year,
        month,
        grids: in_class_order(school, grids),
        columns,
    })
}

/// A scoped thread's result; its panic, if any, goes on in the caller.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The groups of each of these service days (column, date).
fn day_lists<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    printed: Option<&Printed>,
    days: &[(usize, NaiveDate)],
) -> Vec<DayLists<'a>> {
    let mut out = Vec::with_capacity(days.len());
    for &(column, date) in days {
        let Ok(mut day) = crate::day::compute(school, config, plan, date) else {
            continue;
        };
        let duties = printed.and_then(|p| p.on(date));
        crate::day::assign_staff_as_printed(&mut day, school, config, plan, duties);
        let groups = day
            .groups
            .iter()
            .map(|g| {
                let members = g
                    .members
                    .iter()
                    .map(|&a| (day.attendees[a].student, day.attendees[a].class))
                    .collect();
                Listed {
                    key: (g.start, g.group.clone()),
                    kind: g.kind,
                    end: g.end,
                    teachers: g.teachers.clone(),
                    members,
                }
            })
            .collect();
        out.push(DayLists { column, groups });
    }
    out
}

/// A row per child on any of the month's lists of a group, its cell blank on
/// the days listed.
fn grids_of<'a>(lists: Vec<DayLists<'a>>, width: usize) -> Grids<'a> {
    let mut grids: Grids = BTreeMap::new();
    for day in lists {
        for listed in day.groups {
            let grid = grids.entry(listed.key).or_insert_with(|| Filling {
                kind: listed.kind,
                end: listed.end,
                teachers: Vec::new(),
                rows: HashMap::new(),
            });
            for t in listed.teachers {
                if !grid.teachers.contains(&t) {
                    grid.teachers.push(t);
                }
            }
            for (student, class) in listed.members {
                let row = grid.rows.entry(student.id.as_str()).or_insert_with(|| Row {
                    student,
                    class: Some(class),
                    cells: vec![Cell::NotListed; width],
                });
                row.cells[day.column] = Cell::Blank;
            }
        }
    }
    grids
}

fn in_class_order<'a>(school: &'a School, grids: Grids<'a>) -> Vec<Grid<'a>> {
    let rank = crate::papers::class_rank(school);
    grids
        .into_iter()
        .map(|((start, group), grid)| {
            let mut rows: Vec<Row> = grid.rows.into_values().collect();
            rows.sort_by_key(|r| rank.get(r.student.id.as_str()).copied());
            Grid {
                kind: grid.kind,
                group,
                start,
                end: grid.end,
                teachers: grid.teachers,
                rows,
            }
        })
        .collect()
}

/// Puts every ledger mark of the month in its cell: a mark for a child not
/// on the group's lists (the plan changed since) still gets a row.
fn fill<'a>(grids: &mut Grids<'a>, school: &'a School, ledger: &Ledger, columns: &[Column]) {
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
        let grid = grids.entry(key).or_insert_with(|| Filling {
            kind: Kind::Homework,
            end: *start,
            teachers: Vec::new(),
            rows: HashMap::new(),
        });
        let row = grid.rows.entry(student.id.as_str()).or_insert_with(|| Row {
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

/// A child's row of a class's register: per date the cells of each of the
/// groups they were in that day, earliest block first.
#[derive(Debug, Clone)]
pub struct ClassRow<'a> {
    pub student: &'a Student,
    pub days: Vec<Vec<Cell>>,
}

impl ClassRow<'_> {
    /// On how many dates some block holds this status.
    pub fn days_with(&self, status: Status) -> usize {
        self.days
            .iter()
            .filter(|d| d.contains(&Cell::Marked(status)))
            .count()
    }
}

/// A class's register for the month: the head teacher's view of the group
/// grids, a row per child of the class who was on any list.
#[derive(Debug, Clone)]
pub struct ClassGrid<'a> {
    pub class: &'a str,
    pub rows: Vec<ClassRow<'a>>,
}

/// The group grids regrouped by class, classes and children in class order.
pub fn by_class<'a>(roll: &Roll<'a>, school: &School) -> Vec<ClassGrid<'a>> {
    let width = roll.columns.len();
    // Grids are in block (start time) order, so each day's cells come in block order.
    let mut rows: Vec<(&'a Student, Vec<Vec<Cell>>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for grid in &roll.grids {
        for row in &grid.rows {
            let i = *at.entry(row.student.id.as_str()).or_insert_with(|| {
                rows.push((row.student, vec![Vec::new(); width]));
                rows.len() - 1
            });
            for (day, cell) in rows[i].1.iter_mut().zip(&row.cells) {
                if *cell != Cell::NotListed {
                    day.push(*cell);
                }
            }
        }
    }
    let rank = crate::papers::class_rank(school);
    rows.sort_by_key(|(s, _)| rank.get(s.id.as_str()).copied());
    let mut out: Vec<ClassGrid> = Vec::new();
    for (student, days) in rows {
        let row = ClassRow { student, days };
        match out.last_mut() {
            Some(g) if g.class == student.class => g.rows.push(row),
            _ => out.push(ClassGrid {
                class: &student.class,
                rows: vec![row],
            }),
        }
    }
    out
}
