//! Marks dated after today: a sheet filled in ahead, or a mistyped date.
//! Recorded as written, with one warning per file and date.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Mark;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};

pub fn dated_after_today(marks: &[Mark], today: NaiveDate, problems: &mut Problems) {
    dated_after_today_once(marks, today, &mut BTreeSet::new(), problems);
}

/// [`dated_after_today`] on a part of a run's marks: `said` holds the
/// (workbook, date) pairs already warned of in earlier parts.
pub fn dated_after_today_once(
    marks: &[Mark],
    today: NaiveDate,
    said: &mut BTreeSet<(String, NaiveDate)>,
    problems: &mut Problems,
) {
    for m in marks
        .iter()
        .filter(|m| m.entry.is_some() && m.key.0 > today)
    {
        // Once per workbook (not per sheet) and date.
        let book = m.file.split('#').next().unwrap_or(&m.file);
        if !said.contains(&(book.to_string(), m.key.0)) {
            said.insert((book.to_string(), m.key.0));
            problems.push(Problem {
                severity: Severity::Warning,
                file: m.file.clone(),
                line: Some(m.line),
                column: None,
                value: Some(m.key.0.to_string()),
                msg: Msg::DatedAfterToday {
                    today: today.to_string(),
                },
            });
        }
    }
}
