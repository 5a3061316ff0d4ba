//! Config values that parse but would silently break a run: a band without
//! blocks, a dismissal before the band's last block ends, an early end before
//! any block starts, calendar dates outside the term, limits of zero, fees so
//! large that totals could overflow, a reading room that is not a room.

use chrono::NaiveTime;

use super::check::{Checker, RawBand, RawCalendar, Text};
use super::*;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity, parse};

/// The largest day rate: 10,000 yuan. With files capped in size, no total
/// over a term and a whole school can then overflow an i64 of fen.
pub const MAX_DAY_FEE_FEN: i64 = 1_000_000;

impl Checker<'_> {
    /// Blocks and dismissal of each band, checked after they are read.
    pub(super) fn band_times(&mut self, raw: &[RawBand], bands: &[Band]) {
        for (rb, band) in raw.iter().zip(bands) {
            if rb.blocks.is_empty() {
                self.report(&rb.grades, Severity::Error, Msg::BandWithoutBlocks);
                continue;
            }
            let Some(last) = band.blocks.last() else {
                continue;
            };
            if band.dismissal != NaiveTime::MIN && band.dismissal < last.end {
                let end = last.end.format("%H:%M").to_string();
                let msg = Msg::DismissalBeforeBlockEnds { end };
                self.report(&rb.dismissal, Severity::Error, msg);
            }
        }
    }

    /// Makeup days, days without clubs and early ends must fall in the term;
    /// an early end must come after the first block starts.
    pub(super) fn calendar_dates(
        &mut self,
        raw: &RawCalendar,
        calendar: &Calendar,
        bands: &[Band],
    ) {
        let (start, end) = (calendar.start, calendar.end);
        let outside = |t: &Text| {
            parse::date(&parse::fold(&plain(t.get_ref()))).is_some_and(|d| d < start || d > end)
        };
        let mut dates: Vec<&Text> = raw.makeup.iter().map(|m| &m.date).collect();
        for r in &raw.no_clubs {
            dates.push(&r.from);
            dates.extend(r.to.as_ref());
        }
        dates.extend(raw.early_end.iter().map(|e| &e.date));
        for at in dates.into_iter().filter(|t| outside(t)) {
            self.report(at, Severity::Error, Msg::DateOutsideTerm { start, end });
        }
        let first = bands
            .iter()
            .filter_map(|b| b.blocks.first())
            .map(|b| b.start)
            .min();
        for e in &raw.early_end {
            let time = parse::time(&parse::fold(&plain(e.time.get_ref())));
            if let (Some(time), Some(first)) = (time, first)
                && time <= first
            {
                let first = first.format("%H:%M").to_string();
                self.report(
                    &e.time,
                    Severity::Error,
                    Msg::EarlyEndBeforeBlocks { first },
                );
            }
        }
    }

    /// A day rate in fen, at most [`MAX_DAY_FEE_FEN`].
    pub(super) fn day_fee(&mut self, at: &Option<Text>) -> i64 {
        let fen = self.opt(at, parse::fen, Msg::BadMoney);
        if fen > MAX_DAY_FEE_FEN
            && let Some(at) = at
        {
            let msg = Msg::FeeTooLarge {
                max_yuan: MAX_DAY_FEE_FEN / 100,
            };
            self.report(at, Severity::Error, msg);
            return 0;
        }
        fen
    }

    /// Limits that make no sense at zero.
    pub(super) fn limits(&mut self, allocation: &AllocationConf, supervision: &SupervisionConf) {
        for (key, value) in [
            ("max_clubs_per_student", allocation.max_clubs_per_student),
            (
                "max_students_per_teacher",
                supervision.max_students_per_teacher,
            ),
        ] {
            if value == 0 {
                self.at_key(key, Severity::Error, Msg::MustBePositive);
            }
        }
    }

    /// A key the config does not have (a typo, or from another version).
    pub(super) fn unknown_key(&mut self, path: &str) {
        let key = path.rsplit('.').next().unwrap_or(path);
        let msg = Msg::UnknownConfigKey {
            path: path.to_string(),
            closest: super::keys::closest(key).map(str::to_string),
        };
        self.at_key(key, Severity::Error, msg);
    }

    /// A problem at the line where `key` is written (for plain values).
    pub(super) fn at_key(&mut self, key: &str, severity: Severity, msg: Msg) {
        let (line, value) = key_line(self.source, key).unzip();
        self.problems.push(Problem {
            severity,
            file: self.file.to_string(),
            line,
            column: line.map(|_| (1, key.to_string())),
            value: value.flatten(),
            msg,
        });
    }
}

fn plain(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The 1-based line where `key = …` is written, and its value as written.
fn key_line(source: &str, key: &str) -> Option<(usize, Option<String>)> {
    source.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().strip_prefix(key)?;
        let value = rest.trim_start().strip_prefix('=')?;
        let value = value.split('#').next().unwrap_or("").trim().to_string();
        Some((i + 1, Some(value)))
    })
}

/// The reading room must be one of the rooms (checked once the rooms file is read).
pub fn check_reading_room(config: &Config, rooms: &[String], problems: &mut Problems) {
    let room = &config.allocation.reading_room;
    if room.is_empty() || rooms.is_empty() || rooms.iter().any(|r| r == room) {
        return;
    }
    let line = config.reading_room_line;
    problems.push(Problem {
        severity: Severity::Error,
        file: config.file.clone(),
        line,
        column: line.map(|_| (1, "reading_room".to_string())),
        value: Some(room.clone()),
        msg: Msg::UnknownRoom,
    });
}

/// Where `reading_room` is written, for the check above.
pub(super) fn reading_room_line(source: &str) -> Option<usize> {
    key_line(source, "reading_room").map(|(line, _)| line)
}
