//! The weekly absence report, computed from the day lists and the ledger:
//! counts per day, class and group; every unexplained absence (无故脱管) to
//! follow up; students absent without leave repeatedly or on consecutive
//! days; registers never recorded. Pure.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime};

use crate::attendance::{Ledger, Status};
use crate::config::Config;
use crate::day;
use crate::model::Student;
use crate::plan::Plan;
use crate::school::School;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub expected: usize,
    pub present: usize,
    /// On leave: marked 假, or marked absent but covered by a leave request.
    pub excused: usize,
    pub unexplained: usize,
    pub early: usize,
    pub not_recorded: usize,
}

impl Counts {
    /// Of those expected, recorded and not excused, the share who came.
    /// A register not recorded yet (a day not reached, a sheet not turned
    /// in) is counted apart, not as absence: mid-week the rate is that of
    /// the days so far.
    pub fn rate(&self) -> f64 {
        let due = self.expected - self.excused - self.not_recorded;
        if due == 0 {
            1.0
        } else {
            (self.present + self.early) as f64 / due as f64
        }
    }

    fn add(&mut self, other: &Counts) {
        self.expected += other.expected;
        self.present += other.present;
        self.excused += other.excused;
        self.unexplained += other.unexplained;
        self.early += other.early;
        self.not_recorded += other.not_recorded;
    }
}

/// An unexplained absence to follow up.
#[derive(Debug, Clone)]
pub struct Absence<'a> {
    pub student: &'a Student,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub group: String,
}

/// A student absent without leave more than once, looking back over the term.
#[derive(Debug, Clone)]
pub struct Repeated<'a> {
    pub student: &'a Student,
    pub dates: Vec<NaiveDate>,
    /// The most service days in a row with an unexplained absence.
    pub longest_run: usize,
}

#[derive(Debug)]
pub struct Weekly<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub per_day: Vec<(NaiveDate, Counts)>,
    pub per_class: BTreeMap<String, Counts>,
    pub per_group: BTreeMap<String, Counts>,
    pub total: Counts,
    pub absences: Vec<Absence<'a>>,
    pub repeated: Vec<Repeated<'a>>,
    /// Registers with no row recorded: date, block start, group, students expected.
    pub unrecorded: Vec<(NaiveDate, NaiveTime, String, usize)>,
    /// Absences marked 缺 but covered by a leave request (counted as excused).
    pub covered_by_leave: usize,
    /// The groups that met each service day: what the duty leader's round covers.
    pub met: Vec<crate::rounds::DutyDay>,
}

/// Whether a leave request covers the student on the date.
pub fn on_leave(school: &School, student: &str, date: NaiveDate) -> bool {
    school
        .leave
        .iter()
        .any(|l| l.student == student && l.from <= date && date <= l.to)
}

pub fn compile<'a>(
    school: &'a School,
    config: &'a Config,
    plan: &'a Plan,
    ledger: &Ledger,
    from: NaiveDate,
    to: NaiveDate,
) -> Weekly<'a> {
    let mut report = Weekly {
        from,
        to,
        per_day: Vec::new(),
        per_class: BTreeMap::new(),
        per_group: BTreeMap::new(),
        total: Counts::default(),
        absences: Vec::new(),
        repeated: Vec::new(),
        unrecorded: Vec::new(),
        covered_by_leave: 0,
        met: Vec::new(),
    };
    for service in config.calendar.service_days_between(from, to) {
        let Ok(d) = day::compute(school, config, plan, service.date) else {
            continue;
        };
        let mut today = Counts::default();
        for g in &d.groups {
            let mut group = Counts::default();
            let mut recorded = 0;
            for &a in &g.members {
                let student = d.attendees[a].student;
                let mut c = Counts {
                    expected: 1,
                    ..Counts::default()
                };
                let key = (service.date, g.start, student.id.clone());
                match ledger.entries.get(&key).map(|e| e.status) {
                    None => c.not_recorded = 1,
                    Some(Status::Present) => c.present = 1,
                    Some(Status::Early) => c.early = 1,
                    Some(Status::Leave) => c.excused = 1,
                    Some(Status::Absent) if on_leave(school, &student.id, service.date) => {
                        report.covered_by_leave += 1;
                        c.excused = 1;
                    }
                    Some(Status::Absent) => {
                        c.unexplained = 1;
                        report.absences.push(Absence {
                            student,
                            date: service.date,
                            start: g.start,
                            group: g.group.to_string(),
                        });
                    }
                }
                recorded += usize::from(c.not_recorded == 0);
                group.add(&c);
                report
                    .per_class
                    .entry(student.class.clone())
                    .or_default()
                    .add(&c);
            }
            if recorded == 0 && !g.members.is_empty() {
                report.unrecorded.push((
                    service.date,
                    g.start,
                    g.group.to_string(),
                    g.members.len(),
                ));
            }
            report
                .per_group
                .entry(g.group.to_string())
                .or_default()
                .add(&group);
            today.add(&group);
        }
        report.total.add(&today);
        report.per_day.push((service.date, today));
        report.met.push(crate::rounds::DutyDay {
            date: service.date,
            groups: d
                .groups
                .iter()
                .map(|g| (g.start, g.group.to_string()))
                .collect(),
        });
    }
    report.repeated = repeated(school, config, ledger, to);
    report
}

/// Students with more than one day of unexplained absence up to `to`, or
/// such absences on consecutive service days, across weeks.
fn repeated<'a>(
    school: &'a School,
    config: &Config,
    ledger: &Ledger,
    to: NaiveDate,
) -> Vec<Repeated<'a>> {
    let mut dates: HashMap<&str, BTreeSet<NaiveDate>> = HashMap::new();
    for ((date, _, student), entry) in &ledger.entries {
        if *date <= to && entry.status == Status::Absent && !on_leave(school, student, *date) {
            dates.entry(student.as_str()).or_default().insert(*date);
        }
    }
    let index: HashMap<NaiveDate, usize> = config
        .calendar
        .service_days()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.date, i))
        .collect();
    let mut out: Vec<Repeated> = dates
        .into_iter()
        .filter(|(_, d)| d.len() > 1)
        .filter_map(|(id, d)| {
            let student = school.student(id)?;
            let mut longest = 0;
            let mut run = 0;
            let mut last: Option<usize> = None;
            for date in &d {
                let i = index.get(date).copied();
                run = match (i, last) {
                    (Some(i), Some(l)) if i == l + 1 => run + 1,
                    _ => 1,
                };
                last = i;
                longest = longest.max(run);
            }
            Some(Repeated {
                student,
                dates: d.into_iter().collect(),
                longest_run: longest,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.longest_run
            .cmp(&a.longest_run)
            .then(b.dates.len().cmp(&a.dates.len()))
            .then_with(|| crate::model::natural_cmp(&a.student.id, &b.student.id))
    });
    out
}
