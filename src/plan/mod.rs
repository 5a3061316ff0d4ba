//! The term plan: every placement (student, weekday, block → group, with the
//! dates it holds) and the clubs' waiting lists; kept in the school's
//! database (`crate::store`), one version per run, and exported as
//! `plan.csv` and `waitlist.csv`. `daily`, `weekly` and `fees` read it and
//! never re-allocate.

mod build;
mod check;
mod placing;
mod rows;
mod satisfaction;
mod schedule;
pub mod stay;

pub use build::{Built, Changes, admissible, build};
pub use check::invariants;
pub use placing::Exactness;
pub use satisfaction::{Fairness, Satisfaction, Share};
pub use schedule::{activity_for, activity_group_name, dismissal_of, stays_for};

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, Weekday};

use crate::i18n::Msg;
use crate::input::{Cells, Field, Problems, Severity, bind, load, parse, read_rows};

/// What a student does in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Homework,
    Club,
    Activity,
    Reading,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Homework => "homework",
            Kind::Club => "club",
            Kind::Activity => "activity",
            Kind::Reading => "reading",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        match parse::key(text).as_str() {
            "homework" => Some(Kind::Homework),
            "club" => Some(Kind::Club),
            "activity" => Some(Kind::Activity),
            "reading" => Some(Kind::Reading),
            _ => None,
        }
    }
}

/// One row of `plan.csv`: where a student is in one block of one weekday,
/// from one date to another (open-ended when `to` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    /// Shared with the student's other rows: a term plan has millions of rows.
    pub student: Arc<str>,
    pub weekday: Weekday,
    /// 1-based position of the block in the student's band.
    pub block: u8,
    pub kind: Kind,
    /// The homework or reading room, the club id, or the activity.
    pub group: Arc<str>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The `--as-of` date of the run that wrote or last changed this row.
    pub planned: NaiveDate,
}

impl Placement {
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }

    /// Still holding a seat on or after `date`.
    pub fn holds_after(&self, date: NaiveDate) -> bool {
        self.to.is_none_or(|to| to >= date)
    }
}

/// One row of `waitlist.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitEntry {
    pub club: String,
    pub position: u32,
    pub student: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub placements: Vec<Placement>,
    pub waitlist: Vec<WaitEntry>,
}

const PLAN_FIELDS: &[Field] = &[
    Field::required("student", &["学号"]),
    Field::required("weekday", &["星期"]),
    Field::required("block", &["时段"]),
    Field::required("kind", &["类别"]),
    Field::required("group", &["去向"]),
    Field::required("from", &["开始"]),
    Field::optional("to", &["结束"]),
    Field::required("planned", &["排定日期"]),
];

const WAITLIST_FIELDS: &[Field] = &[
    Field::required("club", &["社团编号"]),
    Field::required("position", &["候补序号"]),
    Field::required("student", &["学号"]),
];

pub fn weekday_code(day: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.num_days_from_monday() as usize]
}

impl Plan {
    /// The latest `--as-of` date the plan was made or changed on.
    pub fn planned(&self) -> Option<NaiveDate> {
        self.placements.iter().map(|p| p.planned).max()
    }

    /// Reads `plan.csv` and `waitlist.csv` (an earlier kehou's state, or an
    /// export); `None` when there is no plan.csv. Problems in them are
    /// reported like any input's.
    pub fn load_csv(
        dir: &Path,
        plan: &str,
        waitlist: &str,
        problems: &mut Problems,
    ) -> Option<Plan> {
        if !dir.join(plan).exists() {
            return None;
        }
        let mut out = Plan::default();
        match load(dir, plan) {
            Err(msg) => problems.file(Severity::Error, plan, msg),
            Ok(table) => {
                if let Some(cols) = bind(&table, PLAN_FIELDS, false, problems) {
                    let mut names: HashMap<String, Arc<str>> = HashMap::new();
                    out.placements =
                        read_rows(&table, &cols, problems, |c| placement(c, &mut names));
                }
            }
        }
        if dir.join(waitlist).exists() {
            match load(dir, waitlist) {
                Err(msg) => problems.file(Severity::Error, waitlist, msg),
                Ok(table) => {
                    if let Some(cols) = bind(&table, WAITLIST_FIELDS, false, problems) {
                        out.waitlist = read_rows(&table, &cols, problems, wait_entry);
                    }
                }
            }
        }
        Some(out)
    }

    /// `plan.csv`, sorted so that the same plan is the same bytes.
    pub fn plan_csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_plan_csv(&mut bytes)?;
        Ok(bytes)
    }

    /// plan.csv, written as it is rendered (200,000 students' is 100 MB).
    pub fn write_plan_csv(&self, out: impl std::io::Write) -> anyhow::Result<()> {
        // Few dates among millions of rows: each is formatted once.
        let dates: HashMap<NaiveDate, String> = (self.placements.iter())
            .flat_map(|p| [Some(p.from), p.to, Some(p.planned)])
            .flatten()
            .map(|d| (d, d.to_string()))
            .collect();
        let date = |d: NaiveDate| dates[&d].as_str();
        let mut w = csv::Writer::from_writer(out);
        w.write_record(PLAN_FIELDS.iter().map(|f| f.name))?;
        for p in in_file_order(&self.placements) {
            w.write_record([
                &*inert(&p.student),
                weekday_code(p.weekday),
                &p.block.to_string(),
                p.kind.code(),
                &inert(&p.group),
                date(p.from),
                p.to.map_or("", date),
                date(p.planned),
            ])?;
        }
        w.flush()?;
        Ok(())
    }

    pub fn waitlist_csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(WAITLIST_FIELDS.iter().map(|f| f.name))?;
        for e in &self.waitlist {
            w.write_record([
                &*inert(&e.club),
                &e.position.to_string(),
                &inert(&e.student),
            ])?;
        }
        Ok(w.into_inner()?)
    }
}

/// An id as the office opens plan.csv or waitlist.csv in a spreadsheet: one
/// that would run as a formula (`=K1`, `-S1`) made inert with a `'`, which
/// the tables' reader takes off again.
fn inert(id: &str) -> std::borrow::Cow<'_, str> {
    if id.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        crate::report::sheet::neutralise(id).into()
    } else {
        id.into()
    }
}

/// The rows in plan.csv's order, so that the same plan is the same bytes:
/// students in natural order of their ids, each one's rows by start date,
/// weekday, block and end. Grouped by student first: a big plan's millions
/// of rows are never compared with one another's.
fn in_file_order(placements: &[Placement]) -> Vec<&Placement> {
    let order = students_in_order(placements);
    let mut of_student: Vec<Vec<&Placement>> = vec![Vec::new(); order.len()];
    for p in placements {
        of_student[order[&*p.student]].push(p);
    }
    let mut rows = Vec::with_capacity(placements.len());
    for mut mine in of_student {
        mine.sort_by_key(|p| (p.from, p.weekday.num_days_from_monday(), p.block, p.to));
        rows.extend(mine);
    }
    rows
}

/// Each student's place when their ids are put in natural order: sorted once,
/// not compared again for each of a big plan's millions of rows.
fn students_in_order(placements: &[Placement]) -> HashMap<&str, usize> {
    let ids: std::collections::HashSet<&str> = placements.iter().map(|p| &*p.student).collect();
    let mut ids: Vec<&str> = ids.into_iter().collect();
    ids.sort_by(|a, b| crate::model::natural_cmp(a, b));
    ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect()
}

/// One row of `plan.csv`; `names` shares one copy of each id and group.
fn placement(c: &mut Cells, names: &mut HashMap<String, Arc<str>>) -> Option<Placement> {
    let student = c.required("student");
    let weekday = c.parse_required("weekday", parse::weekday, Msg::BadWeekday);
    let block = c.parse_required(
        "block",
        |t| t.parse::<u8>().ok().filter(|b| *b > 0),
        Msg::BadCapacity,
    );
    let kind = c.parse_required("kind", Kind::parse, Msg::Required);
    let group = c.required("group");
    let from = c.parse_required("from", parse::date, Msg::BadDate);
    let to = c.optional("to", parse::date, Msg::BadDate);
    let planned = c.parse_required("planned", parse::date, Msg::BadDate);
    let mut share = |text: String| {
        names
            .entry(text)
            .or_insert_with_key(|t| t.as_str().into())
            .clone()
    };
    Some(Placement {
        student: share(student?),
        weekday: weekday?,
        block: block?,
        kind: kind?,
        group: share(group?),
        from: from?,
        to,
        planned: planned?,
    })
}

fn wait_entry(c: &mut Cells) -> Option<WaitEntry> {
    let club = c.required("club");
    let position = c.parse_required("position", parse::positive, Msg::BadCapacity);
    let student = c.required("student");
    Some(WaitEntry {
        club: club?,
        position: position?,
        student: student?,
    })
}
