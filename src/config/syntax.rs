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
    /// A Windows path in double quotes (`"D:\课后\输出"`): its `\` read as escapes.
    backslash_path: bool,
}

impl ConfigSyntax {
    pub fn toml(file: &str, source: &str, error: &toml::de::Error) -> ConfigSyntax {
        let message = error.message().trim().to_string();
        let backslash_path = error.span().is_some_and(|span| {
            let start = source[..span.start.min(source.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = source[start..]
                .find('\n')
                .map_or(source.len(), |i| start + i);
            message.contains("escape") && source[start..end].contains("\"")
        });
        let (line, column) = match error.span() {
            Some(span) => {
                let before = &source[..span.start.min(source.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        ConfigSyntax {
            file: file.to_string(),
            line,
            column,
            message,
            backslash_path,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let at = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            _ => self.file.clone(),
        };
        let problem = match lang {
            Lang::Zh => toml_in_chinese(&self.message),
            Lang::En => self.message.clone(),
        };
        let said = Guide::ConfigSyntax { at, problem }.render(lang);
        match self.backslash_path {
            true => format!("{said}\n  {}", Guide::BackslashInQuotes.render(lang)),
            false => said,
        }
    }
}

impl std::fmt::Display for ConfigSyntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ConfigSyntax {}

/// The messages toml and serde give, said in Chinese; anything else keeps
/// toml's words after a Chinese lead.
fn toml_in_chinese(message: &str) -> String {
    let quoted = |m: &str| -> Vec<String> {
        m.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("missing field") {
        let names = quoted(rest);
        return format!("缺少必填的 {}", names.join("、"));
    }
    if message.starts_with("unknown variant") {
        let names = quoted(message);
        if let Some((value, allowed)) = names.split_first() {
            return format!("不认识的值「{value}」,可以写:{}", allowed.join("、"));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type:") {
        return format!("值的类型不对({})", rest.trim());
    }
    if message.contains("duplicate key") {
        return "同一项写了两次".to_string();
    }
    if message.contains("quoted") {
        return "文字要用英文双引号括起来,例如 name = \"城南小学\"".to_string();
    }
    if message.contains("invalid table header") || message.contains("unclosed table") {
        return "表头写法不对,应为 [calendar] 这样的方括号".to_string();
    }
    format!("不是正确的 TOML 写法(toml: {message})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_complaints_in_chinese() {
        assert_eq!(
            toml_in_chinese("missing field `school`"),
            "缺少必填的 school"
        );
        assert_eq!(
            toml_in_chinese("unknown variant `fr`, expected `zh` or `en`"),
            "不认识的值「fr」,可以写:zh、en"
        );
        assert!(toml_in_chinese("string values must be quoted").contains("双引号"));
        assert!(toml_in_chinese("something new").contains("something new"));
    }

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
