//! A config file that cannot be read as kehou's config at all: not valid
//! TOML, a value of the wrong type, a missing section. Kept as
//! facts (file, line, column, what toml said) so that the message can be
//! said in the user's language.

use crate::i18n::{Guide, Lang};

/// What is wrong with the config file as a whole: toml's complaint at a
/// place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSyntax {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    /// What the line shows was meant, when toml's complaint would mislead.
    hint: Option<Hint>,
}

/// What a malformed line most likely needs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hint {
    /// `require_safety = 是`: the key takes true or false.
    TrueFalse(String),
    /// `name = "城南小学`: the closing quote is missing.
    ClosingQuote,
    /// `out = "D:\课后\输出"`: a Windows path in double quotes, its `\` read as escapes.
    BackslashPath,
}

impl ConfigSyntax {
    pub fn toml(file: &str, source: &str, error: &toml::de::Error) -> ConfigSyntax {
        let message = error.message().trim().to_string();
        let mut hint = None;
        let (line, column) = match error.span() {
            Some(span) => {
                let mut at = span.start.min(source.len());
                // An unclosed string is found at the end of its line: say that line.
                if at > 0 && source[..at].ends_with('\n') && source[at..].starts_with(['\n', '\r'])
                {
                    at -= 1;
                }
                while at > 0 && !source.is_char_boundary(at) {
                    at -= 1;
                }
                if source[..at].ends_with('\r') {
                    at -= 1;
                }
                let before = &source[..at];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                let text = source.lines().nth(line - 1).unwrap_or("");
                hint = hint_for(text, &message);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        ConfigSyntax {
            file: file.to_string(),
            line,
            column,
            message,
            hint,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let at = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            _ => self.file.clone(),
        };
        let problem = match (&self.hint, lang) {
            (Some(Hint::TrueFalse(key)), _) => {
                crate::i18n::Msg::NeedsTrueFalse { key: key.clone() }.render(lang)
            }
            (Some(Hint::ClosingQuote), Lang::Zh) => {
                "这一行的文字少了结尾的英文双引号 \",例如 name = \"城南小学\"".to_string()
            }
            (Some(Hint::ClosingQuote), Lang::En) => {
                "this line's text lacks its closing double quote \": name = \"城南小学\""
                    .to_string()
            }
            (Some(Hint::BackslashPath), _) => crate::i18n::Guide::BackslashInQuotes.render(lang),
            (None, _) => crate::i18n::toml_said(lang, &self.message),
        };
        Guide::ConfigSyntax { at, problem }.render(lang)
    }
}

impl std::fmt::Display for ConfigSyntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ConfigSyntax {}

/// What the line `text` (where toml stopped) shows was meant.
fn hint_for(text: &str, message: &str) -> Option<Hint> {
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    let value = value.split('#').next().unwrap_or("").trim();
    if super::keys::boolean(key) && value != "true" && value != "false" {
        return Some(Hint::TrueFalse(key.to_string()));
    }
    if message.contains("escape") && value.starts_with('"') && value.contains('\\') {
        return Some(Hint::BackslashPath);
    }
    let quotes = value.matches('"').count();
    if message.contains("basic string") || (quotes % 2 == 1 && value.starts_with('"')) {
        return Some(Hint::ClosingQuote);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_path_in_double_quotes_gets_a_hint() {
        let source = "[files]\nout = \"D:\\课后\\输出\"\n";
        let error = toml::from_str::<toml::Table>(source).unwrap_err();
        let syntax = ConfigSyntax::toml("config.toml", source, &error);
        let zh = syntax.render(Lang::Zh);
        assert!(zh.starts_with("config.toml:2:"), "{zh}");
        assert!(
            zh.contains("'D:\\课后\\输出'") && zh.contains("D:/课后/输出"),
            "{zh}"
        );
        assert!(syntax.render(Lang::En).contains("single quotes"));
        let fine = "[files]\nout = 'D:\\课后\\输出'\n";
        assert!(toml::from_str::<toml::Table>(fine).is_ok());
        let other = "[files]\nout = \"a\n";
        let error = toml::from_str::<toml::Table>(other).unwrap_err();
        let said = ConfigSyntax::toml("config.toml", other, &error).render(Lang::Zh);
        assert!(!said.contains("单引号"), "{said}");
    }
}
