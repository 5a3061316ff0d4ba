//! Which child a register row is about, and whether that child is on the
//! day's list for the row's group and block.
//!
//! The rule (README, "Which child a mark lands on"): a row is about the child
//! whose 学号 is visible on it — what the teacher saw. The hidden key only
//! gives the sheet's date, block and group. When the visible 学号 differs
//! from the key's (a sort of the visible columns only), the row is recorded
//! for the visible child if that child is on the group's list that day and
//! the visible 姓名 is theirs; otherwise the row is refused, naming both.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use super::{Mark, Shown, join_notes};
use crate::config::Config;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};
use crate::plan::Plan;
use crate::school::School;

/// One day's lists: every student's places (block start, group) that day.
struct DayList<'a> {
    places: HashMap<&'a str, Vec<(NaiveTime, Arc<str>)>>,
}

impl<'a> DayList<'a> {
    fn of(school: &'a School, config: &'a Config, plan: &'a Plan, date: NaiveDate) -> Option<Self> {
        let day = crate::day::compute(school, config, plan, date).ok()?;
        let mut places: HashMap<&'a str, Vec<(NaiveTime, Arc<str>)>> =
            HashMap::with_capacity(day.attendees.len());
        for g in &day.groups {
            for &a in &g.members {
                places
                    .entry(day.attendees[a].student.id.as_str())
                    .or_default()
                    .push((g.start, g.group.clone()));
            }
        }
        Some(DayList { places })
    }

    fn has(&self, start: NaiveTime, group: &str, student: &str) -> bool {
        self.places
            .get(student)
            .is_some_and(|p| p.iter().any(|(s, g)| *s == start && &**g == group))
    }

    /// The group's list at a block, in no particular order.
    fn members<'s>(
        &'s self,
        start: NaiveTime,
        group: &'s str,
    ) -> impl Iterator<Item = &'a str> + 's {
        self.places
            .iter()
            .filter(move |(_, p)| p.iter().any(|(s, g)| *s == start && &**g == group))
            .map(|(id, _)| *id)
    }
}

/// Reports every row whose date is not a service day, whose child cannot be
/// told for sure, or whose child is not on that day's list for that group and
/// block. Returns the rows that are, each keyed on its visible child, plus a
/// blank row for every child whose row was deleted from a sign-in sheet.
pub fn validate(
    marks: Vec<Mark>,
    school: &School,
    config: &Config,
    plan: &Plan,
    problems: &mut Problems,
) -> Vec<Mark> {
    let mut checker = Checker::new(school, config, plan);
    let ok = checker.validate(marks, problems);
    checker.finish(problems);
    ok
}

/// [`validate`] on a run's marks a part at a time (a file of a million
/// rows is read in parts): the day lists a part needed are kept for the
/// next, up to a bound, and the once-per-file warnings said at the end.
pub struct Checker<'a> {
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    lists: HashMap<NaiveDate, Option<DayList<'a>>>,
    groups: GroupNames,
    rekeyed: BTreeMap<String, usize>,
}

/// The day lists kept from one part to the next (a file sorted by date
/// needs one or two at a time; a term has about a hundred).
const LISTS_KEPT: usize = 16;

impl<'a> Checker<'a> {
    pub fn new(school: &'a School, config: &'a Config, plan: &'a Plan) -> Self {
        Checker {
            school,
            config,
            plan,
            lists: HashMap::new(),
            groups: GroupNames::default(),
            rekeyed: BTreeMap::new(),
        }
    }

    /// [`validate`] on one part of the run's marks (a sign-in sheet whole).
    pub fn validate(&mut self, marks: Vec<Mark>, problems: &mut Problems) -> Vec<Mark> {
        let (school, config, plan) = (self.school, self.config, self.plan);
        if self.lists.len() > LISTS_KEPT {
            self.lists.clear();
        }
        let mut ok = Vec::with_capacity(marks.len());
        for mut m in marks {
            let date = m.key.0;
            let list = self
                .lists
                .entry(date)
                .or_insert_with(|| DayList::of(school, config, plan, date));
            let Some(list) = list else {
                problems.push(row_problem(&m, Msg::NotServiceDate));
                continue;
            };
            self.groups.settle(&mut m, list, school);
            match which_child(&m, list, school) {
                Ok(child) => {
                    if let Some(child) = child {
                        if m.shown().keyed.as_ref().is_some_and(|k| *k != child) {
                            *self.rekeyed.entry(m.file.clone()).or_default() += 1;
                        }
                        m.key.2 = child;
                    }
                    keep_only_written_note(&mut m, school);
                    ok.push(m);
                }
                Err(msg) => problems.push(row_problem(&m, msg)),
            }
        }
        refuse_duplicates(&mut ok, problems);
        let deleted = deleted_rows(&ok, &self.lists);
        ok.extend(deleted);
        ok
    }

    /// The warnings said once per file, when every part was checked.
    pub fn finish(&mut self, problems: &mut Problems) {
        for (file, rows) in std::mem::take(&mut self.rekeyed) {
            problems.file(Severity::Warning, &file, Msg::RowsByVisibleId { rows });
        }
    }
}

fn row_problem(m: &Mark, msg: Msg) -> Problem {
    Problem {
        severity: Severity::Error,
        file: m.file.clone(),
        line: Some(m.line),
        column: None,
        value: Some(format!(
            "{} {} {} {}",
            m.key.0,
            m.key.1.format("%H:%M"),
            m.group,
            if m.key.2.is_empty() {
                &m.shown().name
            } else {
                &m.key.2
            }
        )),
        msg,
    }
}

/// A group as written on a register CSV may be a club's name (or a room's):
/// the group's id, where the name is not already one and names one club.
#[derive(Default)]
struct GroupNames {
    resolved: HashMap<String, String>,
}

impl GroupNames {
    fn settle(&mut self, m: &mut Mark, list: &DayList, school: &School) {
        let student = if m.key.2.is_empty() {
            &m.shown().id
        } else {
            &m.key.2
        };
        if list.has(m.key.1, &m.group, student) || school.club(&m.group).is_some() {
            return;
        }
        let id = self
            .resolved
            .entry(m.group.clone())
            .or_insert_with(|| {
                let mut named = school.clubs.iter().filter(|c| c.name == m.group);
                match (named.next(), named.next()) {
                    (Some(c), None) => c.id.clone(),
                    _ => m.group.clone(),
                }
            })
            .clone();
        if let Some(e) = m.entry.as_mut() {
            e.group = id.clone();
        }
        m.group = id;
    }
}

/// "name(id)" of a student, or the id alone when not on the roster.
fn child_label(school: &School, id: &str) -> String {
    school
        .student(id)
        .map_or(id.to_string(), |s| format!("{}({id})", s.name))
}

/// The child a row is about: its visible 学号 (or, on a row typed in by hand
/// without one, the one child of that name on the group's list). `None`:
/// the row's own 学号 (a register CSV), already in its key.
fn which_child(m: &Mark, list: &DayList, school: &School) -> Result<Option<String>, Msg> {
    let (start, group) = (m.key.1, m.group.as_str());
    let child = if !m.shown().on_sheet {
        None
    } else if !m.shown().id.is_empty() {
        Some(m.shown().id.clone())
    } else if let Some(keyed) = &m.shown().keyed {
        Some(keyed.clone())
    } else {
        Some(child_by_name(&m.shown().name, list, start, group, school)?)
    };
    let id = child.as_deref().unwrap_or(&m.key.2);
    if let Some(keyed) = m.shown().keyed.as_ref().filter(|k| *k != id)
        && !list.has(start, group, id)
    {
        return Err(Msg::KeyAndRowDisagree {
            keyed: child_label(school, keyed),
            shown: shown_label(m),
        });
    }
    if !m.shown().name.is_empty()
        && let Some(student) = school.student(id)
        && m.shown().name.trim() != student.name
    {
        return Err(Msg::NameAndIdDisagree {
            shown: shown_label(m),
            roster: child_label(school, id),
        });
    }
    if !list.has(start, group, id) {
        return Err(Msg::NotOnList);
    }
    Ok(child)
}

/// What the row shows: `姓名(学号)`, or whichever of the two it has.
fn shown_label(m: &Mark) -> String {
    let id = if m.shown().on_sheet {
        &m.shown().id
    } else {
        &m.key.2
    };
    match (m.shown().name.is_empty(), id.is_empty()) {
        (false, false) => format!("{}({id})", m.shown().name),
        (true, _) => id.clone(),
        (false, true) => m.shown().name.clone(),
    }
}

fn child_by_name(
    name: &str,
    list: &DayList,
    start: NaiveTime,
    group: &str,
    school: &School,
) -> Result<String, Msg> {
    let mut named = list
        .members(start, group)
        .filter(|id| school.student(id).is_some_and(|s| s.name == name.trim()));
    match (named.next(), named.next()) {
        (Some(id), None) => Ok(id.to_string()),
        (Some(_), Some(_)) => Err(Msg::NameNeedsId),
        _ => Err(Msg::NotOnList),
    }
}

/// The ledger keeps what the teacher wrote that day: the notes `daily`
/// printed from the roster (allergies, medical) and leave requests are taken out.
fn keep_only_written_note(m: &mut Mark, school: &School) {
    let Some(entry) = m.entry.as_mut().filter(|e| !e.note.is_empty()) else {
        return;
    };
    let mut printed: Vec<String> = Vec::new();
    if let Some(s) = school.student(&m.key.2) {
        printed.push(s.notes.clone());
    }
    for l in school
        .leave
        .iter()
        .filter(|l| l.student == m.key.2 && l.from <= m.key.0 && m.key.0 <= l.to)
    {
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let label = crate::i18n::Label::OnLeave.text(lang);
            printed.push(format!("{label} {}", l.reason));
        }
        printed.push(l.reason.clone());
    }
    printed.retain(|p| !p.trim().is_empty());
    printed.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut note = entry.note.clone();
    for p in &printed {
        note = note.replace(p.trim(), "");
    }
    entry.note = join_notes(note.split([';', ';']));
}

/// Two rows of one sign-in sheet about the same child that disagree cannot
/// both be right (a sheet sorted on some columns only): both are refused.
/// (In a register CSV the later row wins, as a correction would.)
fn refuse_duplicates(marks: &mut Vec<Mark>, problems: &mut Problems) {
    let mut first: HashMap<(&str, &crate::attendance::Key), usize> = HashMap::new();
    let mut bad: HashSet<usize> = HashSet::new();
    for (i, m) in marks.iter().enumerate().filter(|(_, m)| m.shown().on_sheet) {
        if let Some(&j) = first.get(&(m.file.as_str(), &m.key)) {
            let (a, b) = (&marks[j], m);
            let same = match (&a.entry, &b.entry) {
                (Some(x), Some(y)) => x.status == y.status && x.time == y.time && x.note == y.note,
                (None, None) => true,
                _ => false,
            };
            if !same {
                bad.extend([i, j]);
            }
        } else {
            first.insert((m.file.as_str(), &m.key), i);
        }
    }
    if bad.is_empty() {
        return;
    }
    let mut bad: Vec<usize> = bad.into_iter().collect();
    bad.sort_unstable();
    for &i in bad.iter().rev() {
        let m = marks.remove(i);
        problems.push(row_problem(&m, Msg::TwoRowsOneChild));
    }
}

/// A blank row for every child on a sign-in sheet's list whose row is no
/// longer on the sheet (deleted in the spreadsheet program).
fn deleted_rows(marks: &[Mark], lists: &HashMap<NaiveDate, Option<DayList>>) -> Vec<Mark> {
    let mut sheets: BTreeMap<(&str, NaiveDate, NaiveTime, &str), HashSet<&str>> = BTreeMap::new();
    for m in marks.iter().filter(|m| m.shown().on_sheet) {
        sheets
            .entry((m.file.as_str(), m.key.0, m.key.1, m.group.as_str()))
            .or_default()
            .insert(m.key.2.as_str());
    }
    let mut deleted = Vec::new();
    for ((file, date, start, group), present) in sheets {
        let Some(Some(list)) = lists.get(&date) else {
            continue;
        };
        let mut missing: Vec<&str> = list
            .members(start, group)
            .filter(|id| !present.contains(id))
            .collect();
        missing.sort_unstable();
        deleted.extend(missing.into_iter().map(|id| Mark {
            key: (date, start, id.to_string()),
            group: group.to_string(),
            entry: None,
            file: file.to_string(),
            line: 0,
            shown: Some(Box::new(Shown {
                id: id.to_string(),
                on_sheet: true,
                deleted: true,
                ..Shown::default()
            })),
        }));
    }
    deleted
}
