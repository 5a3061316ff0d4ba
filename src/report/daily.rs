//! The day's workbook: the duty sheet, a sign-in sheet per group and block
//! (split the way the school runs a big group), a handover list per class
//! (班主任交接单) and a dismissal list per batch.

use super::Sheet;
use crate::config::Config;
use crate::day::{Attendee, Day, Group};
use crate::i18n::{Label, Lang, weekday_name};
use crate::plan::Kind;
use crate::school::School;

/// Who a part of the day's workbook is printed for (`daily --only`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Recipient {
    /// The sign-in sheets, for the supervising teachers.
    Signin,
    /// The handover lists, for the head teachers.
    Handover,
    /// The dismissal lists, for the gate.
    Dismissal,
    /// The duty sheet, for the duty leader.
    Duty,
    /// The day's care log (看管记录), kept where the teachers report to.
    CareLog,
}

impl Recipient {
    pub fn slug(self) -> &'static str {
        match self {
            Recipient::Signin => "signin",
            Recipient::Handover => "handover",
            Recipient::Dismissal => "dismissal",
            Recipient::Duty => "duty",
            Recipient::CareLog => "care-log",
        }
    }
}

/// The status codes a teacher picks from, in the configured language.
pub fn status_codes(lang: Lang) -> Vec<String> {
    [
        Label::Present,
        Label::OnLeave,
        Label::Absent,
        Label::EarlyPickup,
    ]
    .iter()
    .map(|l| l.text(lang).to_string())
    .collect()
}

/// The hidden key of a sign-in row, which `record` reads back: date, block
/// start, group, student.
pub fn register_key(
    date: chrono::NaiveDate,
    start: chrono::NaiveTime,
    group: &str,
    student: &str,
) -> String {
    format!("{date}|{}|{group}|{student}", start.format("%H:%M"))
}

/// The parts of a register key.
pub fn parse_register_key(key: &str) -> Option<(chrono::NaiveDate, chrono::NaiveTime, &str, &str)> {
    let (date, rest) = key.split_once('|')?;
    let (time, rest) = rest.split_once('|')?;
    let (group, student) = rest.rsplit_once('|')?;
    Some((
        crate::input::parse::date(date)?,
        crate::input::parse::time(time)?,
        group,
        student,
    ))
}

pub fn teachers_text(school: &School, teachers: &[String]) -> String {
    teachers
        .iter()
        .map(|t| school.staff_label(t))
        .collect::<Vec<_>>()
        .join("、")
}

/// What every sheet of the day shares: the school, the date, the language.
pub struct DayHead<'a> {
    pub school: &'a School,
    pub config: &'a Config,
    pub lang: Lang,
    date: chrono::NaiveDate,
    when: String,
}

impl<'a> DayHead<'a> {
    fn new(day: &Day, school: &'a School, config: &'a Config) -> DayHead<'a> {
        let lang = config.lang;
        let weekday = weekday_name(lang, chrono::Datelike::weekday(&day.date));
        let when = match day.service.makeup {
            Some(_) => format!(
                "{} {weekday} ({} {})",
                day.date,
                lang.pick("按", "timetable of"),
                weekday_name(lang, day.service.timetable)
            ),
            None => format!("{} {weekday}", day.date),
        };
        DayHead {
            school,
            config,
            lang,
            date: day.date,
            when,
        }
    }

    /// A sheet's title: the school, the day, then what the sheet is.
    pub fn title(&self, what: &str) -> String {
        format!("{} {what}", self.page_header())
    }

    /// The school and the day, for the top margin of a sheet whose title
    /// leaves them out to stay on one line.
    pub fn page_header(&self) -> String {
        format!("{} {}", self.config.school.name, self.when)
    }

    /// `09-08`: the day on a title that has the full date in its page header.
    pub fn when_short(&self) -> String {
        self.date.format("%m-%d").to_string()
    }

    pub fn l(&self, label: Label) -> String {
        label.text(self.lang).to_string()
    }

    pub fn leave_note(&self, a: &Attendee) -> String {
        a.leave
            .map(|lv| format!("{} {}", self.l(Label::OnLeave), lv.reason))
            .unwrap_or_default()
    }
}

/// Every sheet of the day, or only those for one recipient; with a contents
/// sheet in front when there are many.
pub fn sheets(day: &Day, school: &School, config: &Config, only: Option<Recipient>) -> Vec<Sheet> {
    let head = DayHead::new(day, school, config);
    let wanted = |r: Recipient| only.is_none_or(|o| o == r);
    let mut sheets = Vec::new();
    if wanted(Recipient::Duty) {
        sheets.push(super::duty::sheet(day, &head));
    }
    // A class alone in its room all afternoon has its handover list on the
    // room's sign-in sheet when both are printed.
    let mut on_sign_in = Vec::new();
    if wanted(Recipient::Signin) {
        let (signin, classes) = super::signin::sheets(day, &head, wanted(Recipient::Handover));
        sheets.extend(signin);
        on_sign_in = classes;
    }
    if wanted(Recipient::Handover) {
        sheets.extend(super::handover::handover_sheets(day, &head, &on_sign_in));
    }
    if wanted(Recipient::Dismissal) {
        sheets.extend(super::dismissal::sheets(day, &head));
    }
    if wanted(Recipient::CareLog) {
        sheets.push(super::care_log::sheet(day, &head));
    }
    // Printed for one recipient, the sheets need no contents in front.
    match only {
        Some(_) => sheets,
        None => super::contents::with_contents(sheets, config.lang),
    }
}

/// Where a group meets: a homework or reading room is its own place; a club
/// or an activity meets where the clubs or activities file says.
pub fn place(school: &School, kind: Kind, group: &str) -> String {
    match kind {
        Kind::Homework | Kind::Reading => group.to_string(),
        Kind::Club => school.club(group).map_or(String::new(), |c| c.room.clone()),
        Kind::Activity => school
            .activities
            .iter()
            .find(|a| crate::plan::activity_group_name(a) == group)
            .map_or(String::new(), |a| a.room.clone()),
    }
}

/// Where a group meets when that is not already its name (a club, an
/// activity); empty for a homework room.
pub fn place_apart(school: &School, kind: Kind, group: &str) -> String {
    let at = place(school, kind, group);
    if at == group { String::new() } else { at }
}

/// `15:30–16:20`
pub fn time_span(g: &Group) -> String {
    format!("{}–{}", g.start.format("%H:%M"), g.end.format("%H:%M"))
}
