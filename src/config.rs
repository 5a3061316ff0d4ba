//! `config.toml`: read it, reject unknown keys by their path, and check every
//! value that can be wrong (dates, weekdays, grades, blocks) with the line and
//! column where it is written.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;
use toml::Spanned;

use crate::calendar::{Calendar, Closure, Makeup};
use crate::i18n::{Lang, Msg};
use crate::input::{Problem, Problems, Severity, parse};
use crate::model::{Days, Grades};

/// The validated configuration every command starts from.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder the config file is in: every path is relative to it.
    pub dir: PathBuf,
    /// The config file as the user named it (for messages).
    pub file: String,
    pub lang: Lang,
    pub school: SchoolConf,
    pub files: Files,
    pub calendar: Calendar,
    pub bands: Vec<Band>,
    pub consent: ConsentConf,
    pub allocation: AllocationConf,
    pub supervision: SupervisionConf,
    pub fees: Fees,
    pub privacy: PrivacyConf,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SchoolConf {
    pub name: String,
    /// Names the term in output file names, e.g. `2026秋`.
    pub term: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Files {
    pub students: String,
    pub classes: String,
    pub consent: String,
    pub rooms: String,
    pub clubs: String,
    pub staff: String,
    /// Optional inputs: an empty string means the school has none.
    pub activities: String,
    pub leave: String,
    pub pickup_changes: String,
    pub plan: String,
    pub waitlist: String,
    pub attendance: String,
    pub out: String,
}

impl Default for Files {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Files {
            students: s("students.csv"),
            classes: s("classes.csv"),
            consent: s("consent.csv"),
            rooms: s("rooms.csv"),
            clubs: s("clubs.csv"),
            staff: s("staff.csv"),
            activities: s("activities.csv"),
            leave: s("leave.csv"),
            pickup_changes: s("pickup_changes.csv"),
            plan: s("plan.csv"),
            waitlist: s("waitlist.csv"),
            attendance: s("attendance.csv"),
            out: s("out"),
        }
    }
}

/// A band of grades with its dismissal time and its blocks, in time order.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: String,
    pub grades: Grades,
    pub dismissal: NaiveTime,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Homework,
    Club,
    Activity,
}

/// The part of the afternoon a block belongs to (第一时段 / 第二时段).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    First,
    Second,
}

/// Where a student without a club (or activity) goes in that block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    Homework,
    Reading,
    Activity,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub part: Part,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub fallback: Fallback,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ConsentConf {
    /// Opting in counts only with the safety agreement signed.
    pub require_safety: bool,
}

impl Default for ConsentConf {
    fn default() -> Self {
        ConsentConf {
            require_safety: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    Optimal,
    Lottery,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AllocationConf {
    pub strategy: Strategy,
    pub seed: u64,
    pub max_clubs_per_student: u32,
    /// The room used by the `reading` fallback.
    pub reading_room: String,
}

impl Default for AllocationConf {
    fn default() -> Self {
        AllocationConf {
            strategy: Strategy::Optimal,
            seed: 1,
            max_clubs_per_student: 1,
            reading_room: String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SupervisionConf {
    pub max_students_per_teacher: u32,
    /// Fill in missing supervisors from staff availability.
    pub auto_assign: bool,
}

impl Default for SupervisionConf {
    fn default() -> Self {
        SupervisionConf {
            max_students_per_teacher: 40,
            auto_assign: true,
        }
    }
}

/// Fees in fen (1 yuan = 100 fen), exact.
#[derive(Debug, Clone, Default)]
pub struct Fees {
    pub full_day_fen: i64,
    pub first_session_day_fen: i64,
    /// Leave days beyond this many in the term are refunded; `None`: no refunds.
    pub refund_leave_after_days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct PrivacyConf {
    pub mask_phones: bool,
}

impl Default for PrivacyConf {
    fn default() -> Self {
        PrivacyConf { mask_phones: true }
    }
}

// ---- The file as written, with positions for the values checked later. ----

type Text = Spanned<toml::Value>;

#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    language: Lang,
    school: SchoolConf,
    #[serde(default)]
    files: Files,
    calendar: RawCalendar,
    bands: Vec<RawBand>,
    #[serde(default)]
    consent: ConsentConf,
    #[serde(default)]
    allocation: AllocationConf,
    #[serde(default)]
    supervision: SupervisionConf,
    #[serde(default)]
    fees: RawFees,
    #[serde(default)]
    privacy: PrivacyConf,
}

#[derive(Deserialize)]
struct RawCalendar {
    start: Text,
    end: Text,
    weekdays: Option<Text>,
    #[serde(default)]
    closures: Vec<RawRange>,
    #[serde(default)]
    makeup: Vec<RawMakeup>,
    #[serde(default)]
    no_clubs: Vec<RawRange>,
    #[serde(default)]
    early_end: Vec<RawEarlyEnd>,
}

#[derive(Deserialize)]
struct RawRange {
    from: Text,
    to: Option<Text>,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct RawMakeup {
    date: Text,
    follows: Text,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct RawEarlyEnd {
    date: Text,
    time: Text,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct RawBand {
    name: String,
    grades: Text,
    dismissal: Text,
    blocks: Vec<RawBlock>,
}

#[derive(Deserialize)]
struct RawBlock {
    kind: BlockKind,
    part: Option<Part>,
    start: Text,
    end: Text,
    fallback: Option<Fallback>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawFees {
    full_day: Option<Text>,
    first_session_day: Option<Text>,
    refund_leave_after_days: Option<u32>,
}

/// Reads and validates the config at `path`. Problems in its values are
/// reported in `problems` (file:line:column); an unreadable or malformed file,
/// or unknown keys, are an error.
pub fn load(path: &Path, problems: &mut Problems) -> anyhow::Result<Config> {
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file '{}'", path.display()))?;
    let file = path.display().to_string();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    from_str(&source, &file, dir, problems)
}

pub fn from_str(
    source: &str,
    file: &str,
    dir: PathBuf,
    problems: &mut Problems,
) -> anyhow::Result<Config> {
    let deserializer =
        toml::de::Deserializer::parse(source).with_context(|| format!("{file}: not valid TOML"))?;
    let mut unknown = Vec::new();
    let raw: RawConfig = serde_ignored::deserialize(deserializer, |path| {
        unknown.push(path.to_string());
    })
    .map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    if !unknown.is_empty() {
        bail!(
            "{file}: unknown key{} {} (see config.toml.example for every key)",
            if unknown.len() > 1 { "s" } else { "" },
            unknown.join(", ")
        );
    }
    let mut check = Checker {
        source,
        file,
        problems,
    };
    let calendar = check.calendar(&raw.calendar);
    let bands = check.bands(&raw.bands);
    let fees = Fees {
        full_day_fen: check.opt(&raw.fees.full_day, parse::fen, Msg::BadMoney),
        first_session_day_fen: check.opt(&raw.fees.first_session_day, parse::fen, Msg::BadMoney),
        refund_leave_after_days: raw.fees.refund_leave_after_days,
    };
    Ok(Config {
        dir,
        file: file.to_string(),
        lang: raw.language,
        school: raw.school,
        files: raw.files,
        calendar,
        bands,
        consent: raw.consent,
        allocation: raw.allocation,
        supervision: raw.supervision,
        fees,
        privacy: raw.privacy,
    })
}

/// Reads spanned values and reports the bad ones at their line and column.
struct Checker<'a> {
    source: &'a str,
    file: &'a str,
    problems: &'a mut Problems,
}

fn plain(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Checker<'_> {
    fn report(&mut self, at: &Text, severity: Severity, msg: Msg) {
        let offset = at.span().start.min(self.source.len());
        let before = &self.source[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        self.problems.push(Problem {
            severity,
            file: self.file.to_string(),
            line: Some(line),
            column: Some((column, String::new())),
            value: Some(plain(at.get_ref())),
            msg,
        });
    }

    fn read<T>(&mut self, at: &Text, parse: impl Fn(&str) -> Option<T>, msg: Msg) -> Option<T> {
        let v = parse(&parse::fold(&plain(at.get_ref())));
        if v.is_none() {
            self.report(at, Severity::Error, msg);
        }
        v
    }

    fn opt<T: Default>(
        &mut self,
        at: &Option<Text>,
        parse: impl Fn(&str) -> Option<T>,
        msg: Msg,
    ) -> T {
        at.as_ref()
            .and_then(|at| self.read(at, parse, msg))
            .unwrap_or_default()
    }

    fn range(&mut self, raw: &RawRange) -> Option<Closure> {
        let from = self.read(&raw.from, parse::date, Msg::BadDate)?;
        let to = match &raw.to {
            Some(to) => self.read(to, parse::date, Msg::BadDate)?,
            None => from,
        };
        if to < from {
            self.report(raw.to.as_ref()?, Severity::Error, Msg::DateBeforeStart);
            return None;
        }
        Some(Closure {
            from,
            to,
            reason: raw.reason.clone(),
        })
    }

    fn calendar(&mut self, raw: &RawCalendar) -> Calendar {
        let start = self.read(&raw.start, parse::date, Msg::BadDate);
        let end = self.read(&raw.end, parse::date, Msg::BadDate);
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) if e < s => {
                self.report(&raw.end, Severity::Error, Msg::TermBackwards);
                (s, s)
            }
            (Some(s), Some(e)) => (s, e),
            (s, e) => {
                let any = s.or(e).unwrap_or(NaiveDate::MIN);
                (s.unwrap_or(any), e.unwrap_or(any))
            }
        };
        let weekdays = match &raw.weekdays {
            Some(w) => self
                .read(w, parse::days, Msg::BadDays)
                .unwrap_or(Days::WORKWEEK),
            None => Days::WORKWEEK,
        };
        let in_term = |c: &Closure| c.to >= start && c.from <= end;
        let mut closures = Vec::new();
        for raw in &raw.closures {
            if let Some(c) = self.range(raw) {
                if !in_term(&c) {
                    self.report(&raw.from, Severity::Warning, Msg::ClosureOutsideTerm);
                }
                closures.push(c);
            }
        }
        let mut makeups = Vec::new();
        for m in &raw.makeup {
            let date = self.read(&m.date, parse::date, Msg::BadDate);
            let follows = self.read(&m.follows, parse::weekday, Msg::BadWeekday);
            if let Some(d) = date
                && !parse::is_weekend(d)
            {
                self.report(&m.date, Severity::Error, Msg::MakeupNotWeekend);
                continue;
            }
            if let Some(f) = follows
                && !weekdays.contains(f)
            {
                let msg = Msg::NotServiceWeekday { service: weekdays };
                self.report(&m.follows, Severity::Error, msg);
                continue;
            }
            if let (Some(date), Some(follows)) = (date, follows) {
                makeups.push(Makeup {
                    date,
                    follows,
                    reason: m.reason.clone(),
                });
            }
        }
        let no_clubs = raw.no_clubs.iter().filter_map(|r| self.range(r)).collect();
        let mut early_end = Vec::new();
        for e in &raw.early_end {
            let date = self.read(&e.date, parse::date, Msg::BadDate);
            let time = self.read(&e.time, parse::time, Msg::BadTime);
            if let (Some(date), Some(time)) = (date, time) {
                early_end.push((date, time, e.reason.clone()));
            }
        }
        Calendar::new(start, end, weekdays, closures, makeups, no_clubs, early_end)
    }

    fn bands(&mut self, raw: &[RawBand]) -> Vec<Band> {
        let mut bands: Vec<Band> = Vec::new();
        for rb in raw {
            let grades = self
                .read(&rb.grades, parse::grades, Msg::BadGrades)
                .unwrap_or(Grades::EMPTY);
            if let Some(other) = bands.iter().find(|b| b.grades.overlaps(grades)) {
                let other = other.name.clone();
                self.report(
                    &rb.grades,
                    Severity::Error,
                    Msg::BandGradesOverlap { other },
                );
            }
            let dismissal = self
                .read(&rb.dismissal, parse::time, Msg::BadTime)
                .unwrap_or(NaiveTime::MIN);
            let blocks = self.blocks(&rb.blocks);
            if !blocks.iter().any(|b| b.kind == BlockKind::Homework) && !rb.blocks.is_empty() {
                self.report(&rb.grades, Severity::Error, Msg::BandWithoutHomework);
            }
            bands.push(Band {
                name: rb.name.clone(),
                grades,
                dismissal,
                blocks,
            });
        }
        let covered = bands.iter().fold(Grades::EMPTY, |mut all, b| {
            b.grades.iter().for_each(|g| all.insert(g));
            all
        });
        for grade in (1..=6).filter(|g| !covered.contains(*g)) {
            self.problems.push(Problem {
                severity: Severity::Error,
                file: self.file.to_string(),
                line: None,
                column: None,
                value: None,
                msg: Msg::GradeWithoutBand { grade },
            });
        }
        bands
    }

    fn blocks(&mut self, raw: &[RawBlock]) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        for (i, rb) in raw.iter().enumerate() {
            let start = self.read(&rb.start, parse::time, Msg::BadTime);
            let end = self.read(&rb.end, parse::time, Msg::BadTime);
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if end <= start {
                self.report(&rb.end, Severity::Error, Msg::BlockBackwards);
                continue;
            }
            if let Some(prev) = blocks.last()
                && start < prev.end
            {
                let previous = format!(
                    "{}–{}",
                    prev.start.format("%H:%M"),
                    prev.end.format("%H:%M")
                );
                self.report(&rb.start, Severity::Error, Msg::BlocksOverlap { previous });
                continue;
            }
            blocks.push(Block {
                kind: rb.kind,
                part: rb
                    .part
                    .unwrap_or(if i == 0 { Part::First } else { Part::Second }),
                start,
                end,
                fallback: rb.fallback.unwrap_or(Fallback::Homework),
            });
        }
        blocks
    }
}

impl Config {
    /// The band a grade belongs to (every grade 1–6 has one in a valid config).
    pub fn band_of(&self, grade: u8) -> Option<&Band> {
        self.bands.iter().find(|b| b.grades.contains(grade))
    }

    pub fn out_dir(&self) -> PathBuf {
        self.dir.join(&self.files.out)
    }

    /// The service weekdays (Monday–Friday in a usual term).
    pub fn weekdays(&self) -> Vec<Weekday> {
        self.calendar.weekdays.iter().collect()
    }
}
