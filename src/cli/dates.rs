//! Dates as staff type them on the command line: `2026-09-08`, `9-8`, `9/8`,
//! `9月8日`, `今天`, `明天`, `昨天`, `today`, `tomorrow`, `yesterday`.
//!
//! A date without a year takes the year that puts it in (or nearest to) the
//! term, or nearest to today when the term is not known.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::input::parse;

/// Today and the term, fixed once when the command line is read.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub today: NaiveDate,
    pub term: Option<(NaiveDate, NaiveDate)>,
}

static CONTEXT: OnceLock<DateContext> = OnceLock::new();

/// Sets the context for this run (the first call wins).
pub fn set_context(context: DateContext) {
    let _ = CONTEXT.set(context);
}

fn context() -> DateContext {
    *CONTEXT.get_or_init(|| DateContext {
        today: chrono::Local::now().date_naive(),
        term: None,
    })
}

/// A date on the command line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate {
    pub text: String,
}

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Guide::NotADate(self.text.clone()).render(crate::i18n::Lang::En))
    }
}

impl std::error::Error for NotADate {}

/// The clap value parser for every date option.
pub fn parse_date(text: &str) -> Result<NaiveDate, NotADate> {
    read(text, &context()).ok_or_else(|| NotADate {
        text: text.to_string(),
    })
}

/// Reads a date in the given context.
pub fn read(text: &str, context: &DateContext) -> Option<NaiveDate> {
    let folded = parse::fold(text);
    if let Some(offset) = relative_day(&folded) {
        return context
            .today
            .checked_add_signed(chrono::Duration::days(offset));
    }
    if let Some(date) = parse::date(&folded) {
        return Some(date);
    }
    let (month, day) = month_day(&folded)?;
    year_for(month, day, context)
}

/// `今天` → 0, `明天` → 1, `昨天` → −1, and their English words.
fn relative_day(text: &str) -> Option<i64> {
    let offset = match text.to_lowercase().as_str() {
        "今天" | "今日" | "today" => 0,
        "明天" | "明日" | "tomorrow" => 1,
        "后天" => 2,
        "昨天" | "昨日" | "yesterday" => -1,
        "前天" => -2,
        _ => return None,
    };
    Some(offset)
}

/// `9-8`, `9/8`, `9.8`, `9月8日`, `9月8号` → (9, 8).
fn month_day(text: &str) -> Option<(u32, u32)> {
    let t = text.trim_end_matches(['日', '号']);
    let (m, d) = t.split_once(['-', '/', '.', '月'])?;
    let month: u32 = m.trim().parse().ok()?;
    let day: u32 = d.trim().parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

/// The year that puts month-day inside the term (or nearest to it), else
/// nearest to today.
fn year_for(month: u32, day: u32, context: &DateContext) -> Option<NaiveDate> {
    let (from, to) = context.term.unwrap_or((context.today, context.today));
    let distance = |d: NaiveDate| {
        if d < from {
            (from - d).num_days()
        } else if d > to {
            (d - to).num_days()
        } else {
            0
        }
    };
    (from.year() - 1..=to.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|&d| distance(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn autumn() -> DateContext {
        DateContext {
            today: d(2026, 11, 29),
            term: Some((d(2026, 9, 7), d(2027, 1, 22))),
        }
    }

    #[test]
    fn words_count_from_today() {
        let c = autumn();
        assert_eq!(read("今天", &c), Some(d(2026, 11, 29)));
        assert_eq!(read("明天", &c), Some(d(2026, 11, 30)));
        assert_eq!(read("Tomorrow", &c), Some(d(2026, 11, 30)));
        assert_eq!(read("昨天", &c), Some(d(2026, 11, 28)));
        assert_eq!(read("yesterday", &c), Some(d(2026, 11, 28)));
    }

    #[test]
    fn short_forms_take_the_terms_year() {
        let c = autumn();
        assert_eq!(read("9-8", &c), Some(d(2026, 9, 8)));
        assert_eq!(read("9/8", &c), Some(d(2026, 9, 8)));
        assert_eq!(read("9月8日", &c), Some(d(2026, 9, 8)));
        assert_eq!(read("１月１５号", &c), Some(d(2027, 1, 15)));
        assert_eq!(read("2026-10-20", &c), Some(d(2026, 10, 20)));
        // Outside the term: the nearest year.
        assert_eq!(read("8-1", &c), Some(d(2026, 8, 1)));
    }

    #[test]
    fn without_a_term_the_nearest_to_today() {
        let c = DateContext {
            today: d(2027, 1, 3),
            term: None,
        };
        assert_eq!(read("12-30", &c), Some(d(2026, 12, 30)));
        assert_eq!(read("1-5", &c), Some(d(2027, 1, 5)));
    }

    #[test]
    fn nonsense_is_not_a_date() {
        let c = autumn();
        for text in ["", "13-1", "2-30", "abc", "9-", "下周"] {
            assert_eq!(read(text, &c), None, "{text}");
        }
    }
}
