//! What toml and serde said about the config, in kehou's own words: what
//! the key takes, what was written, and how to write it.

use super::Lang;
use crate::config::{Complaint, Expected, Found};

/// The complaint behind toml's or serde's `message`, said in `lang`.
pub fn toml_said(lang: Lang, message: &str) -> String {
    match (Complaint::parse(message), lang) {
        // In English toml's own words say more than "not readable".
        (Complaint::Unreadable, Lang::En) => format!(
            "this is not how a config is written ({}); compare config.toml.example",
            message.trim()
        ),
        (c, _) => complaint(lang, &c),
    }
}

pub fn complaint(lang: Lang, c: &Complaint) -> String {
    let zh = lang == Lang::Zh;
    let pick = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_string();
    match c {
        Complaint::WrongValue { expected, found } => wrong_value(lang, *expected, found.as_ref()),
        Complaint::UnknownWord { value, allowed } if zh => {
            format!("不认识的值「{value}」,可以写:{}", allowed.join("、"))
        }
        Complaint::UnknownWord { value, allowed } => {
            format!("'{value}' is not one of: {}", allowed.join(", "))
        }
        Complaint::Missing(names) if zh => format!("缺少必填的 {}", names.join("、")),
        Complaint::Missing(names) => format!("{} must be given", names.join(", ")),
        Complaint::Twice => pick("同一项写了两次", "the same key or section is written twice"),
        Complaint::NeedsQuotes => pick(
            "文字要用英文双引号括起来,例如 name = \"城南小学\"",
            "text must be quoted, in double quotes: name = \"城南小学\"",
        ),
        Complaint::UnclosedText => pick(
            "文字的引号没有配对:开头和结尾各要一个英文引号",
            "a text's quotes do not pair up: one at its start and one at its end",
        ),
        Complaint::TableHeader => pick(
            "表头写法不对,应为 [calendar] 这样的方括号",
            "a section header is written like [calendar]",
        ),
        Complaint::List => pick(
            "方括号 [ … ] 里的各项要用英文逗号分开,最后以 ] 结束",
            "a list [ … ] has its items apart by commas and ends with ]",
        ),
        Complaint::InlineTable => pick(
            "花括号 { … } 里要写成 键 = 值,各项之间用英文逗号分开,最后以 } 结束,全在一行内",
            "a table { … } holds key = value pairs apart by commas, ends with } and stays on one line",
        ),
        Complaint::KeyValue => pick(
            "每一项要写成 键 = 值,一行一项,例如 seed = 1",
            "each line is one key = value, e.g. seed = 1",
        ),
        Complaint::Number => pick(
            "数字写法不对:只写阿拉伯数字,不加引号,不以 0 开头,例如 40",
            "a number is written with digits only, no quotes, no leading 0: e.g. 40",
        ),
        Complaint::Date => pick(
            "日期或时间写法不对:日期写成 2026-09-07(月 01–12,日 01–31),时间写成 \"16:30\"",
            "a date is written 2026-09-07 (month 01–12, day 01–31), a time \"16:30\"",
        ),
        Complaint::Boolean => pick(
            "只能写 true(是)或 false(否),不加引号",
            "write true or false, without quotes",
        ),
        Complaint::Escape => pick(
            "双引号里的 \\ 有特殊含义:路径请用 / 分隔,或改用英文单引号括起来",
            "a \\ in double quotes starts an escape: write paths with / or in single quotes",
        ),
        Complaint::TrailingText => pick(
            "值的后面多写了东西;要写说明请另起一行,用 # 开头",
            "something follows the value on its line; a comment starts with #",
        ),
        Complaint::TooDeep => pick(
            "方括号或花括号套得太多层",
            "lists or tables are nested too deep",
        ),
        Complaint::Unreadable => pick(
            "这一处写法看不懂;请对照 config.toml.example 里的写法",
            "this is not how a config is written; compare config.toml.example",
        ),
    }
}

/// "值的类型不对:这里要写 …,写的是 …".
fn wrong_value(lang: Lang, expected: Expected, found: Option<&Found>) -> String {
    let zh = lang == Lang::Zh;
    let takes = match (expected, zh) {
        (Expected::Whole { max }, true) if max == u64::MAX => "不小于 0 的整数(不加引号)".into(),
        (Expected::Whole { max }, true) => format!("介于 0 和 {max} 之间的整数(不加引号)"),
        (Expected::Whole { max }, false) if max == u64::MAX => {
            "a whole number, 0 or more (no quotes)".into()
        }
        (Expected::Whole { max }, false) => format!("a whole number from 0 to {max} (no quotes)"),
        (Expected::Integer, true) => "整数(不加引号)".into(),
        (Expected::Integer, false) => "a whole number (no quotes)".into(),
        (Expected::Number, true) => "数字(不加引号)".into(),
        (Expected::Number, false) => "a number (no quotes)".into(),
        (Expected::Text | Expected::TextOrTable, true) => "英文双引号括起来的文字".into(),
        (Expected::Text | Expected::TextOrTable, false) => "text in double quotes".into(),
        (Expected::TrueFalse, true) => "true 或 false(不加引号)".into(),
        (Expected::TrueFalse, false) => "true or false (no quotes)".into(),
        (Expected::List, true) => "方括号 [ … ] 里的列表".into(),
        (Expected::List, false) => "a list in [ … ]".into(),
        (Expected::Table, true) => "花括号 { … } 或 [段落] 里的各项".into(),
        (Expected::Table, false) => "a table in { … } or a [section]".into(),
        (Expected::Date, true) => "2026-09-07 这样的日期".into(),
        (Expected::Date, false) => "a date like 2026-09-07".into(),
        (Expected::Other, true) => "config.toml.example 里那样的值".into(),
        (Expected::Other, false) => "a value as config.toml.example shows".into(),
    };
    let wrote = found.map(|f| match (f, zh) {
        (Found::Text(t), true) => format!("文字 \"{t}\""),
        (Found::Text(t), false) => format!("the text \"{t}\""),
        (Found::Integer(n), true) => format!("整数 {n}"),
        (Found::Integer(n), false) => format!("the number {n}"),
        (Found::Decimal(n), true) => format!("小数 {n}"),
        (Found::Decimal(n), false) => format!("the decimal {n}"),
        (Found::Boolean(b), _) => b.clone(),
        (Found::List, true) => "列表 [ … ]".into(),
        (Found::List, false) => "a list [ … ]".into(),
        (Found::Table, true) => "表 { … }".into(),
        (Found::Table, false) => "a table { … }".into(),
    });
    match (wrote, zh) {
        (Some(w), true) => format!("值的类型不对:这里要写{takes},写的是{w}"),
        (None, true) => format!("值的类型不对:这里要写{takes}"),
        (Some(w), false) => format!("wrong kind of value: this takes {takes}, not {w}"),
        (None, false) => format!("wrong kind of value: this takes {takes}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No English in the Chinese, whatever toml said.
    #[test]
    fn the_chinese_has_no_english_from_toml() {
        for message in [
            "invalid type: string \"a\", expected u64",
            "invalid value: integer `-1`, expected u64",
            "invalid type: floating point `1.5`, expected u32",
            "invalid type: map, expected a sequence",
            "invalid type: integer `5`, expected a string",
            "wanted string or table",
            "integer number overflowed",
            "key with no value, expected `=`",
            "unexpected `=` in array, expected value, `]`",
            "missing comma between key-value pairs, expected `,`",
            "invalid date, expected month between 01 and 12",
            "invalid multi-line literal string, expected `'`",
            "something never seen",
        ] {
            let zh = toml_said(Lang::Zh, message);
            let english = zh
                .split(['"', '「', '」'])
                .step_by(2)
                .flat_map(|part| part.split(|c: char| !c.is_ascii_alphabetic()))
                .filter(|w| w.len() > 2)
                .filter(|w| {
                    ![
                        "name", "seed", "true", "false", "calendar", "config", "toml", "example",
                    ]
                    .contains(w)
                })
                .count();
            assert_eq!(english, 0, "{message}: {zh}");
        }
        assert_eq!(
            toml_said(Lang::Zh, "invalid type: string \"a\", expected u64"),
            "值的类型不对:这里要写不小于 0 的整数(不加引号),写的是文字 \"a\""
        );
    }
}
