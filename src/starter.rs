//! What a new school starts from (`kehou init`): a config with what the
//! command line gave and a marked placeholder (待填写) for everything else,
//! and the placeholders `check` reports until they are filled in.

use chrono::NaiveDate;

use crate::i18n::{Lang, Msg};
use crate::input::{Problem, Problems, Severity};

/// Every placeholder starts with this; `check` reports each one left.
pub const MARK: &str = "待填写";

/// What `kehou init` was told on the command line.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub name: Option<String>,
    pub term: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The grade groups (年段), e.g. `["1-2", "3-4", "5-6"]`.
    pub bands: Vec<String>,
    pub lang: Lang,
}

/// A TOML string: the given value, or a placeholder saying what to write.
fn value_or_mark(value: Option<String>, what: &str) -> String {
    let text = value.unwrap_or_else(|| format!("{MARK}:{what}"));
    toml::Value::String(text).to_string()
}

/// The starter config.toml.
pub fn config(answers: &Answers) -> String {
    let lang = match answers.lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let name = value_or_mark(answers.name.clone(), "学校名称,如 城南小学");
    let term = value_or_mark(answers.term.clone(), "学期名称,如 2026秋");
    let date = |d: Option<NaiveDate>, what: &str| match d {
        Some(d) => d.to_string(),
        None => value_or_mark(None, what),
    };
    let start = date(answers.start, "课后服务第一天,如 2026-09-07");
    let end = date(answers.end, "课后服务最后一天,如 2027-01-22");
    let bands: String = answers
        .bands
        .iter()
        .enumerate()
        .map(|(i, grades)| band(&band_name(i, answers.bands.len(), grades), grades))
        .collect();
    format!(
        r#"# kehou 配置文件(由 kehou init 生成)
# 标有「{MARK}」的地方都要改成本校的实际情况;改完后运行 kehou check。
# 日期可写 2026-09-07 或 "2026年9月7日";星期可写 "一"、"周一" 或 "mon"。
# 每一项的详细说明见 kehou 源码中的 config.toml.example。

# 语言:"zh"(中文)或 "en"(英文)
language = "{lang}"

[school]
name = {name}
term = {term}

[files]
# 各个表格的文件名(与本文件在同一文件夹)。存成 .xlsx 也可以,kehou 会自动找到。
students = "students.csv"
classes = "classes.csv"
consent = "consent.csv"
rooms = "rooms.csv"
clubs = "clubs.csv"
staff = "staff.csv"
activities = "activities.csv"
leave = "leave.csv"
pickup_changes = "pickup_changes.csv"

[calendar]
start = {start}
end = {end}
# 有课后服务的星期
weekdays = "一至五"
# 停课日(节假日):单日只写 from,连续几天写 from 和 to。没有停课日就写 closures = []
closures = [
  {{ from = "{MARK}:停课第一天,如 2026-10-01", to = "{MARK}:停课最后一天,如 2026-10-07", reason = "{MARK}:原因,如 国庆节" }},
]
# 调休上课的周末:日期,和按星期几的课表上课。没有调休就写 makeup = []
makeup = [
  {{ date = "{MARK}:调休上课的周末日期,如 2026-10-10", follows = "{MARK}:按星期几的课表,如 三", reason = "{MARK}:原因,如 国庆调休" }},
]

# 年段:每个年段的放学时间和各时段(时间按先后)。
# kind:"homework" 作业辅导,"club" 社团(没报上社团的学生回作业教室),"activity" 特色活动。
# 第一个时段是第一时段(只参加第一时段的学生在它结束时放学),其余是第二时段。
{bands}
[consent]
# 参加课后服务需要签了安全协议
require_safety = true

[allocation]
# "optimal"(录取人数最多,其次志愿最靠前)或 "lottery"(抽签)
strategy = "optimal"
seed = 1
max_clubs_per_student = 1

[supervision]
max_students_per_teacher = 40
auto_assign = true

# 收费(元/天)。不收费可以删去这一段。
# [fees]
# full_day = "6.00"
# first_session_day = "3.00"

# 家长通知上用学校自己的文字:每项写一个文本文件名(与本文件在同一文件夹,
# 记事本或 WPS 存的都可以)。不写的,kehou 用自己的说法(告家长书、缴费方式、
# 班主任和电话、收费依据)。
# [papers]
# letter = "告家长书.txt"
# payment = "缴费方式.txt"
# contact = "联系方式.txt"
# fee_basis = "收费依据.txt"
# pay_by = 2026-09-20
"#
    )
}

fn band_name(index: usize, count: usize, grades: &str) -> String {
    match (count, index) {
        (1, _) => "全校".to_string(),
        (2, 0) | (3, 0) => "低年级".to_string(),
        (3, 1) => "中年级".to_string(),
        (2, 1) | (3, 2) => "高年级".to_string(),
        _ => format!("{grades}年级"),
    }
}

/// One `[[bands]]` table; the name and grades as TOML strings, escaped, so
/// that what `init` was given can never make a config it cannot read.
fn band(name: &str, grades: &str) -> String {
    let t = |what: &str| format!("\"{MARK}:{name}{what}\"");
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    format!(
        "[[bands]]\nname = {}\ngrades = {}\ndismissal = {}\nblocks = [\n  \
         {{ kind = \"homework\", part = \"first\", start = {}, end = {} }},\n  \
         {{ kind = \"club\", part = \"second\", start = {}, end = {} }},\n]\n\n",
        quoted(name),
        quoted(grades),
        t("放学时间,如 17:00"),
        t("作业辅导开始时间,如 15:30"),
        t("作业辅导结束时间,如 16:30"),
        t("社团开始时间,如 16:30"),
        t("社团结束时间,如 17:00"),
    )
}

/// Every placeholder left in a config, at its line and column, as errors.
pub fn placeholders(source: &str, file: &str) -> Problems {
    let mut problems = Problems::default();
    for (index, line) in source.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        for (at, _) in line.match_indices(&format!("\"{MARK}")) {
            let rest = &line[at + 1..];
            let value = rest.split('"').next().unwrap_or(rest).to_string();
            problems.push(Problem {
                severity: Severity::Error,
                file: file.to_string(),
                line: Some(index + 1),
                column: Some((line[..at].chars().count() + 1, String::new())),
                value: Some(value),
                msg: Msg::Placeholder,
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_answer_is_a_placeholder_check_finds() {
        let text = config(&Answers {
            name: Some("城南小学".into()),
            bands: vec!["1-3".into(), "4-6".into()],
            ..Answers::default()
        });
        assert!(text.contains("name = \"城南小学\""), "{text}");
        let found = placeholders(&text, "config.toml");
        let values: Vec<String> = found.iter().filter_map(|p| p.value.clone()).collect();
        assert!(values.iter().any(|v| v.contains("学期名称")), "{values:?}");
        assert!(
            values.iter().any(|v| v.contains("停课第一天")),
            "{values:?}"
        );
        assert!(
            values.iter().any(|v| v.contains("高年级放学时间")),
            "{values:?}"
        );
        // term, start, end, 3 closure, 3 makeup, 2 bands × 5 times.
        assert_eq!(found.iter().count(), 1 + 2 + 3 + 3 + 10);
        // The config is valid TOML as written.
        assert!(text.parse::<toml::Table>().is_ok());
    }
}
