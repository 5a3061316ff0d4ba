//! The config file as written, with the positions of the values that can be
//! wrong, and the checker that reads them into validated values, reporting
//! each bad one at its line and column.

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use toml::Spanned;

use super::*;
use crate::calendar::{Calendar, Closure, Makeup};
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity, parse};
use crate::model::{Days, Grades};

pub(crate) type Text = Spanned<toml::Value>;

#[derive(Deserialize)]
pub(super) struct RawConfig {
    #[serde(default)]
    pub(super) language: Lang,
    pub(super) school: SchoolConf,
    #[serde(default)]
    pub(super) files: Files,
    pub(super) calendar: RawCalendar,
    pub(super) bands: Vec<RawBand>,
    #[serde(default)]
    pub(super) consent: ConsentConf,
    #[serde(default)]
    pub(super) allocation: AllocationConf,
    #[serde(default)]
    pub(super) supervision: SupervisionConf,
    #[serde(default)]
    pub(super) fees: RawFees,
    #[serde(default)]
    pub(super) privacy: PrivacyConf,
    #[serde(default)]
    pub(super) dismissal: DismissalConf,
    #[serde(default)]
    pub(super) followup: FollowUpConf,
    #[serde(default)]
    pub(super) columns: super::HeaderNames,
    #[serde(default)]
    pub(super) papers: super::papers::RawPapers,
}

#[derive(Deserialize)]
pub(super) struct RawCalendar {
    pub(super) start: Text,
    pub(super) end: Text,
    pub(super) weekdays: Option<Text>,
    #[serde(default)]
    pub(super) closures: Vec<RawRange>,
    #[serde(default)]
    pub(super) makeup: Vec<RawMakeup>,
    #[serde(default)]
    pub(super) no_clubs: Vec<RawRange>,
    #[serde(default)]
    pub(super) early_end: Vec<RawEarlyEnd>,
}

#[derive(Deserialize)]
pub(super) struct RawRange {
    pub(super) from: Text,
    pub(super) to: Option<Text>,
    #[serde(default)]
    pub(super) reason: String,
}

#[derive(Deserialize)]
pub(super) struct RawMakeup {
    pub(super) date: Text,
    pub(super) follows: Text,
    #[serde(default)]
    pub(super) reason: String,
}

#[derive(Deserialize)]
pub(super) struct RawEarlyEnd {
    pub(super) date: Text,
    pub(super) time: Text,
    #[serde(default)]
    pub(super) reason: String,
}

#[derive(Deserialize)]
pub(super) struct RawBand {
    pub(super) name: String,
    pub(super) grades: Text,
    pub(super) dismissal: Text,
    pub(super) blocks: Vec<RawBlock>,
}

#[derive(Deserialize)]
pub(super) struct RawBlock {
    pub(super) kind: BlockKind,
    pub(super) part: Option<Part>,
    pub(super) start: Text,
    pub(super) end: Text,
    pub(super) fallback: Option<Fallback>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RawFees {
    pub(super) full_day: Option<Text>,
    pub(super) first_session_day: Option<Text>,
    pub(super) refund_leave_after_days: Option<u32>,
}

/// Reads spanned values and reports the bad ones at their line and column.
pub(super) struct Checker<'a> {
    pub(super) source: &'a str,
    pub(super) file: &'a str,
    pub(super) problems: &'a mut Problems,
}

fn plain(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Checker<'_> {
    pub(super) fn report(&mut self, at: &Text, severity: Severity, msg: Msg) {
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

    pub(super) fn read<T>(
        &mut self,
        at: &Text,
        parse: impl Fn(&str) -> Option<T>,
        msg: Msg,
    ) -> Option<T> {
        let v = parse(&parse::fold(&plain(at.get_ref())));
        if v.is_none() {
            self.report(at, Severity::Error, msg);
        }
        v
    }

    pub(super) fn opt<T: Default>(
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

    pub(super) fn calendar(&mut self, raw: &RawCalendar) -> Calendar {
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

    pub(super) fn bands(&mut self, raw: &[RawBand]) -> Vec<Band> {
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
        let bands_at: Vec<usize> = self
            .source
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[bands]]"))
            .map(|(i, _)| i + 1)
            .collect();
        for grade in (1..=6).filter(|g| !covered.contains(*g)) {
            self.problems.push(Problem {
                severity: Severity::Error,
                file: self.file.to_string(),
                line: bands_at.first().copied(),
                column: None,
                value: None,
                msg: Msg::GradeWithoutBand {
                    grade,
                    bands_at: bands_at.clone(),
                },
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
