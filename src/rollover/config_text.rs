//! The next term's `config.toml`, rewritten from the last term's text line by
//! line so that the school's own comments and settings stay: the term's name,
//! the calendar (placeholders for the new term's dates, closures and makeup
//! days, which `kehou check` names until they are filled in) and the input
//! files' names where they changed.

use chrono::NaiveDate;

use crate::starter::MARK;

/// What the command line said about the new term.
#[derive(Debug, Clone, Default)]
pub struct NewTerm {
    pub term: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// The old config's text with the new term's name and calendar, and each
/// `[files]` key in `files` pointing at its new name.
pub fn next_config(old: &str, new: &NewTerm, files: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(old.len());
    let mut section = String::new();
    let mut weekdays = None;
    let mut calendar_at = None;
    for line in old.lines() {
        if let Some(name) = table_header(line) {
            section = name;
            out.push_str(line);
            out.push('\n');
            if section == "calendar" {
                calendar_at = Some(out.len());
            }
            continue;
        }
        let key = key_of(line);
        match (section.as_str(), key) {
            ("calendar", Some("weekdays")) => weekdays = Some(line.to_string()),
            // Every other line of the old calendar (dates, closures, their
            // comments) belongs to the old term.
            ("calendar", _) => {}
            ("school", Some("term")) => {
                out.push_str(&format!("term = {}\n", term_value(new)));
            }
            ("files", Some(key)) => match files.iter().find(|(k, _)| *k == key) {
                Some((_, spec)) => out.push_str(&with_value(line, spec)),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            },
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let weekdays = weekdays.unwrap_or_else(|| "weekdays = \"一至五\"".to_string());
    let calendar = calendar_text(new, &weekdays);
    match calendar_at {
        Some(at) => out.insert_str(at, &calendar),
        None => out.push_str(&format!("\n[calendar]\n{calendar}")),
    }
    out
}

fn term_value(new: &NewTerm) -> String {
    let text = new
        .term
        .clone()
        .unwrap_or_else(|| format!("{MARK}:新学期名称,如 2027春"));
    toml::Value::String(text).to_string()
}

/// The new term's calendar: what the command line gave, a placeholder for
/// the rest.
fn calendar_text(new: &NewTerm, weekdays: &str) -> String {
    let date = |d: Option<NaiveDate>, what: &str| match d {
        Some(d) => d.to_string(),
        None => format!("\"{MARK}:{what}\""),
    };
    format!(
        "# 新学期的日历(由 kehou rollover 生成):标有「{MARK}」的都要填好,改完后运行 kehou check。\n\
         start = {}\n\
         end = {}\n\
         {weekdays}\n\
         # 停课日(节假日):单日只写 from,连续几天写 from 和 to。没有停课日就写 closures = []\n\
         closures = [\n  \
         {{ from = \"{MARK}:停课第一天,如 2027-04-04\", to = \"{MARK}:停课最后一天,如 2027-04-06\", reason = \"{MARK}:原因,如 清明节\" }},\n\
         ]\n\
         # 调休上课的周末:日期,和按星期几的课表上课。没有调休就写 makeup = []\n\
         makeup = [\n  \
         {{ date = \"{MARK}:调休上课的周末日期,如 2027-05-08\", follows = \"{MARK}:按星期几的课表,如 五\", reason = \"{MARK}:原因,如 劳动节调休\" }},\n\
         ]\n\
         # 没有社团的日子(如期末复习)和提前放学的日子,需要时照 config.toml.example 添上 no_clubs、early_end。\n\n",
        date(new.start, "新学期课后服务第一天,如 2027-02-22"),
        date(new.end, "新学期课后服务最后一天,如 2027-07-02"),
    )
}

/// `[name]` or `[[name]]` at the start of a line: the table it opens.
fn table_header(line: &str) -> Option<String> {
    let body = line.split('#').next()?.trim_end();
    if !line.starts_with('[') {
        return None;
    }
    let inner = body.trim_start_matches('[').trim_end_matches(']');
    let ok = !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    ok.then(|| inner.to_string())
}

/// The key a `key = value` line sets.
fn key_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    let (key, _) = trimmed.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    bare.then_some(key)
}

/// `key = "old"  # comment` with the new value, the comment kept.
fn with_value(line: &str, value: &str) -> String {
    let (key, rest) = line.split_once('=').unwrap_or((line, ""));
    // What follows the old quoted value (its spacing and comment) stays.
    let value_text = rest.trim_start();
    let comment = value_text
        .strip_prefix('"')
        .and_then(|inner| inner.find('"').map(|end| &inner[end + 1..]))
        .unwrap_or("");
    format!(
        "{}= {}{comment}\n",
        key,
        toml::Value::String(value.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"language = "zh"

[school]
name = "示范小学"
term = "2026秋"

[files]
students = "data/students.xlsx"   # 学生名单
classes = "classes.csv"

[calendar]
# First and last day.
start = 2026-09-07
end = 2027-01-22
weekdays = "一至五"
closures = [
  { from = 2026-09-25, reason = "中秋节" },
]

[[bands]]
name = "低年级"
"#;

    #[test]
    fn the_new_config_keeps_the_school_and_asks_for_the_new_calendar() {
        let new = NewTerm {
            term: Some("2027春".into()),
            start: Some(NaiveDate::from_ymd_opt(2027, 2, 22).unwrap()),
            end: None,
        };
        let text = next_config(OLD, &new, &[("students", "students.csv".into())]);
        let table: toml::Table = text.parse().expect(&text);
        assert_eq!(table["school"]["term"].as_str(), Some("2027春"));
        assert_eq!(table["school"]["name"].as_str(), Some("示范小学"));
        assert_eq!(table["files"]["students"].as_str(), Some("students.csv"));
        assert!(
            text.contains("students = \"students.csv\"   # 学生名单"),
            "{text}"
        );
        let calendar = &table["calendar"];
        assert_eq!(calendar["start"].to_string(), "2027-02-22");
        assert!(calendar["end"].as_str().unwrap().starts_with(MARK));
        assert_eq!(calendar["weekdays"].as_str(), Some("一至五"));
        assert!(!text.contains("中秋节"), "{text}");
        assert!(!text.contains("2026-09-07"), "{text}");
        assert_eq!(table["bands"][0]["name"].as_str(), Some("低年级"));
        let left = crate::starter::placeholders(&text, "config.toml");
        // end, and the closure's three and the makeup day's three.
        assert_eq!(left.iter().count(), 7);
    }

    #[test]
    fn without_a_term_name_it_is_a_placeholder() {
        let text = next_config(OLD, &NewTerm::default(), &[]);
        let table: toml::Table = text.parse().expect(&text);
        assert!(table["school"]["term"].as_str().unwrap().starts_with(MARK));
        assert_eq!(
            table["files"]["students"].as_str(),
            Some("data/students.xlsx")
        );
    }
}
