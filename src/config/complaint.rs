//! What toml and serde said about a config, as a fact kehou can word in
//! its own language: their English (`invalid type: string "a", expected
//! u64`, `missing comma between key-value pairs`) never reaches a Chinese
//! message. The line and column stay with the caller.

/// The kind of mistake behind a toml or serde message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Complaint {
    /// A value of the wrong kind or out of range: what the key takes and,
    /// when toml said it, what was written.
    WrongValue {
        expected: Expected,
        found: Option<Found>,
    },
    /// A word the key does not take, and the ones it does.
    UnknownWord { value: String, allowed: Vec<String> },
    /// Keys the section needs and does not have.
    Missing(Vec<String>),
    /// A key or section written twice.
    Twice,
    /// Text without its double quotes (`strategy = optimal`).
    NeedsQuotes,
    /// Text whose closing quote is missing.
    UnclosedText,
    /// A `[section]` header not closed or not written right.
    TableHeader,
    /// A `[ … ]` list not written right.
    List,
    /// A `{ … }` table not written right.
    InlineTable,
    /// Not `key = value` (a key with no value, an `=` too many).
    KeyValue,
    /// A number written wrong (`01`, `1_`, `0x`).
    Number,
    /// A date or time written wrong (`2026-13-01`).
    Date,
    /// Neither `true` nor `false` (`tru`).
    Boolean,
    /// A `\` in double quotes that is no escape.
    Escape,
    /// Something after the value on its line.
    TrailingText,
    /// Lists or tables nested past what is read.
    TooDeep,
    /// Anything else toml can say.
    Unreadable,
}

/// What a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A whole number from 0 to `max`.
    Whole {
        max: u64,
    },
    Integer,
    Number,
    Text,
    TrueFalse,
    List,
    Table,
    Date,
    /// Text or a table (a word such as `"zh"`).
    TextOrTable,
    /// toml named something kehou has no words for.
    Other,
}

/// What was written instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Integer(String),
    Decimal(String),
    Boolean(String),
    List,
    Table,
}

impl Complaint {
    /// The complaint behind one message of toml or serde.
    pub fn parse(message: &str) -> Complaint {
        let message = message.trim();
        let quoted = quoted_words(message);
        if message.starts_with("missing field") {
            return Complaint::Missing(quoted);
        }
        if message.starts_with("unknown variant")
            && let Some((value, allowed)) = quoted.split_first()
        {
            return Complaint::UnknownWord {
                value: value.clone(),
                allowed: allowed.to_vec(),
            };
        }
        for lead in ["invalid type:", "invalid value:"] {
            if let Some(rest) = message.strip_prefix(lead) {
                let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
                return Complaint::WrongValue {
                    expected: expected_of(expected.trim()),
                    found: found_of(found.trim()),
                };
            }
        }
        if message.starts_with("wanted string or table") {
            return Complaint::WrongValue {
                expected: Expected::TextOrTable,
                found: None,
            };
        }
        syntax(message)
    }
}

/// The words between backticks: `` unknown variant `fr`, expected `zh` ``.
fn quoted_words(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's name for what a key takes (`u32`, `a string`, `a sequence`).
fn expected_of(text: &str) -> Expected {
    let text = text.trim_start_matches("a ").trim_start_matches("an ");
    match text {
        "u8" => Expected::Whole {
            max: u64::from(u8::MAX),
        },
        "u16" => Expected::Whole {
            max: u64::from(u16::MAX),
        },
        "u32" => Expected::Whole {
            max: u64::from(u32::MAX),
        },
        "u64" | "usize" => Expected::Whole { max: u64::MAX },
        "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => Expected::Integer,
        "f32" | "f64" | "number" => Expected::Number,
        "string" | "str" | "char" | "borrowed string" => Expected::Text,
        "boolean" | "bool" => Expected::TrueFalse,
        "sequence" | "array" | "tuple" => Expected::List,
        "map" | "table" => Expected::Table,
        _ if text.starts_with("struct") || text.starts_with("enum") => Expected::Table,
        _ if text.contains("date") || text.contains("time") => Expected::Date,
        _ => Expected::Other,
    }
}

/// serde's words for what was written (`string "a"`, ``integer `-1` ``).
fn found_of(text: &str) -> Option<Found> {
    let ticked = || quoted_words(text).into_iter().next().unwrap_or_default();
    if let Some(s) = text.strip_prefix("string ") {
        return Some(Found::Text(s.trim_matches('"').to_string()));
    }
    if text.starts_with("integer") {
        return Some(Found::Integer(ticked()));
    }
    if text.starts_with("floating point") {
        return Some(Found::Decimal(ticked()));
    }
    if text.starts_with("boolean") {
        return Some(Found::Boolean(ticked()));
    }
    match text {
        "sequence" => Some(Found::List),
        "map" => Some(Found::Table),
        _ => None,
    }
}

/// toml's own complaints about how the file is written, by what they are
/// about; the first rule that fits wins.
fn syntax(message: &str) -> Complaint {
    let about = message.split(", expected").next().unwrap_or(message);
    let has = |words: &[&str]| words.iter().any(|w| about.contains(w));
    if has(&["duplicate"]) {
        Complaint::Twice
    } else if has(&["must be quoted", "missing opening quote"]) {
        Complaint::NeedsQuotes
    } else if has(&["escape", "unicode"]) {
        Complaint::Escape
    } else if has(&["string"]) {
        Complaint::UnclosedText
    } else if has(&[
        "table header",
        "unclosed table",
        "array table",
        "missing table open",
    ]) {
        Complaint::TableHeader
    } else if has(&["inline table", "key-value pairs"]) {
        Complaint::InlineTable
    } else if has(&["array"]) {
        Complaint::List
    } else if has(&["boolean"]) {
        Complaint::Boolean
    } else if has(&[
        "date", "time", "month", "day", "hour", "minute", "second", "offset",
    ]) {
        Complaint::Date
    } else if has(&[
        "digit",
        "leading zero",
        "radix",
        "numeric",
        "number",
        "sign",
        "integer",
        "float",
    ]) {
        Complaint::Number
    } else if has(&["key", "value", "`=`"]) {
        Complaint::KeyValue
    } else if has(&["comment", "content", "carriage return"]) {
        Complaint::TrailingText
    } else if has(&["recursion"]) {
        Complaint::TooDeep
    } else {
        Complaint::Unreadable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serdes_words() {
        assert_eq!(
            Complaint::parse("invalid type: string \"a\", expected u64"),
            Complaint::WrongValue {
                expected: Expected::Whole { max: u64::MAX },
                found: Some(Found::Text("a".into())),
            }
        );
        assert_eq!(
            Complaint::parse("invalid value: integer `99999999999`, expected u32"),
            Complaint::WrongValue {
                expected: Expected::Whole {
                    max: u64::from(u32::MAX)
                },
                found: Some(Found::Integer("99999999999".into())),
            }
        );
        assert_eq!(
            Complaint::parse("invalid type: map, expected a sequence"),
            Complaint::WrongValue {
                expected: Expected::List,
                found: Some(Found::Table),
            }
        );
        assert_eq!(
            Complaint::parse("unknown variant `fr`, expected `zh` or `en`"),
            Complaint::UnknownWord {
                value: "fr".into(),
                allowed: vec!["zh".into(), "en".into()],
            }
        );
        assert_eq!(
            Complaint::parse("missing field `end`"),
            Complaint::Missing(vec!["end".into()])
        );
    }

    #[test]
    fn tomls_words() {
        let cases = [
            ("key with no value, expected `=`", Complaint::KeyValue),
            (
                "unexpected `=` in array, expected value, `]`",
                Complaint::List,
            ),
            (
                "missing comma between key-value pairs, expected `,`",
                Complaint::InlineTable,
            ),
            (
                "invalid date, expected month between 01 and 12",
                Complaint::Date,
            ),
            (
                "unexpected leading zero, expected nothing",
                Complaint::Number,
            ),
            (
                "`_` may only go between digits, expected nothing",
                Complaint::Number,
            ),
            ("invalid boolean, expected `true`", Complaint::Boolean),
            ("integer number overflowed", Complaint::Number),
            ("string values must be quoted", Complaint::NeedsQuotes),
            ("duplicate key", Complaint::Twice),
            ("invalid table header", Complaint::TableHeader),
            (
                "unexpected content between comment and newline",
                Complaint::TrailingText,
            ),
            (
                "invalid multi-line literal string, expected `'`",
                Complaint::UnclosedText,
            ),
            ("something new", Complaint::Unreadable),
        ];
        for (message, complaint) in cases {
            assert_eq!(Complaint::parse(message), complaint, "{message}");
        }
    }
}
