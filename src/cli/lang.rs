//! What is known before the command line is parsed: the language to speak
//! (so that help and usage errors are already in it) and the term, which
//! gives a year to short dates like `9-8`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::dates::DateContext;
use crate::i18n::Lang;
use crate::input::parse;

/// `zh`/`en`, as `--lang` and the config's `language` write it.
pub fn parse(text: &str) -> Option<Lang> {
    match text.trim().to_ascii_lowercase().as_str() {
        "zh" | "cn" | "中文" => Some(Lang::Zh),
        "en" | "english" => Some(Lang::En),
        _ => None,
    }
}

/// The language and the dates' context, from the raw arguments, the config
/// they point to, the locale and the clock.
#[derive(Debug, Clone)]
pub struct Start {
    pub lang: Lang,
    pub dates: DateContext,
}

impl Start {
    pub fn from_args(args: &[OsString]) -> Start {
        let config = config_file(&option_value(args, "-c", "--config").unwrap_or_default());
        let peek = Peek::read(&config);
        let lang = option_value(args, "", "--lang")
            .and_then(|l| parse(&l.to_string_lossy()))
            .or(peek.language)
            .or_else(locale)
            .unwrap_or_default();
        let dates = DateContext {
            today: chrono::Local::now().date_naive(),
            term: peek.term,
        };
        Start { lang, dates }
    }
}

/// `-c DIR` means `DIR/config.toml`; no `-c` means `./config.toml`.
pub fn config_file(given: &Path) -> PathBuf {
    if given.as_os_str().is_empty() {
        return PathBuf::from("config.toml");
    }
    if given.is_dir() {
        return given.join("config.toml");
    }
    given.to_path_buf()
}

/// The locale's language: the first of LC_ALL, LC_MESSAGES and LANG that is
/// set. `C`/`POSIX` say nothing, so Chinese stays the default.
fn locale() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| locale_lang(&value))
}

fn locale_lang(value: &str) -> Option<Lang> {
    let value = value.to_ascii_lowercase();
    if value.starts_with("zh") {
        Some(Lang::Zh)
    } else if value.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// The value of an option in any of its spellings: `-c X`, `-cX`,
/// `--config X`, `--config=X` (the last one given wins, as in clap).
fn option_value(args: &[OsString], short: &str, long: &str) -> Option<PathBuf> {
    let mut found = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == long || (!short.is_empty() && word == short) {
            found = words.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = word.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
            found = Some(PathBuf::from(v));
        } else if let Some(v) = word.strip_prefix(short).filter(|_| !short.is_empty())
            && !word.starts_with("--")
            && !v.is_empty()
        {
            found = Some(PathBuf::from(v));
        }
    }
    found
}

/// The two things read from the config before it is loaded properly. A
/// config that cannot be read yields nothing: loading it reports why.
#[derive(Debug, Default)]
struct Peek {
    language: Option<Lang>,
    term: Option<(NaiveDate, NaiveDate)>,
}

impl Peek {
    /// Through the one bounded reader: a device, a named pipe or a huge
    /// file is never read (not even for `--help`), only refused later.
    fn read(path: &Path) -> Peek {
        let Ok(text) = crate::config::read_source(path) else {
            return Peek::default();
        };
        let Ok(table) = text.parse::<toml::Table>() else {
            return Peek::default();
        };
        let language = table.get("language").and_then(|v| parse(v.as_str()?));
        let date = |key: &str| {
            let value = table.get("calendar")?.get(key)?;
            let text = match value {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parse::date(&parse::fold(&text))
        };
        let term = date("start").zip(date("end"));
        Peek { language, term }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn options_in_every_spelling() {
        let v = |w: &[&str]| option_value(&args(w), "-c", "--config");
        assert_eq!(v(&["kehou", "daily", "-c", "a"]), Some("a".into()));
        assert_eq!(v(&["kehou", "-cb", "daily"]), Some("b".into()));
        assert_eq!(v(&["kehou", "--config=c"]), Some("c".into()));
        assert_eq!(v(&["kehou", "--config", "d", "check"]), Some("d".into()));
        assert_eq!(v(&["kehou", "check"]), None);
        assert_eq!(v(&["kehou", "--", "-c", "x"]), None);
    }

    #[test]
    fn locales() {
        assert_eq!(locale_lang("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(locale_lang("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(locale_lang("C.UTF-8"), None);
        assert_eq!(parse("EN"), Some(Lang::En));
    }
}
