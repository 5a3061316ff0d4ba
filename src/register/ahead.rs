//! Marks dated after today: a sheet filled in ahead, or a mistyped date.
//! Recorded as written, with one warning per file and date.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Mark;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};

pub fn dated_after_today(marks: &[Mark], today: NaiveDate, problems: &mut Problems) {
    let mut said: BTreeSet<(&str, NaiveDate)> = BTreeSet::new();
    for m in marks
        .iter()
        .filter(|m| m.entry.is_some() && m.key.0 > today)
    {
        // Once per workbook (not per sheet) and date.
        let book = m.file.split('#').next().unwrap_or(&m.file);
        if said.insert((book, m.key.0)) {
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
