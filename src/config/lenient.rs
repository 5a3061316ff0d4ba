//! Reading the raw config so that every wrong value is reported, not only
//! the first: a value of the wrong type (`max_clubs_per_student = "two"`) is
//! reported at its line and column, its line is left out (blanked, so every
//! other position stays where it was) and the file is read again.

use super::ConfigSyntax;
use super::check::RawConfig;
use crate::i18n::Msg;
use crate::input::{Problem, Problems, Severity};

/// Wrong values reported before giving up on a file.
const MAX_TYPE_ERRORS: usize = 50;

/// The raw config, its unknown keys, the source it was read from (with the
/// bad lines blanked) and a problem for each bad line.
pub(super) struct Lenient {
    pub(super) raw: RawConfig,
    pub(super) unknown: Vec<String>,
    pub(super) source: String,
    pub(super) problems: Vec<Problem>,
}

/// When the file cannot be read at all, the wrong values found before are
/// left in `found` (so they are shown with the error) and the error returned.
pub(super) fn read(source: &str, file: &str, found: &mut Problems) -> anyhow::Result<Lenient> {
    let mut text = source.to_string();
    let mut problems = Vec::new();
    loop {
        let deserializer = match toml::de::Deserializer::parse(&text) {
            Ok(d) => d,
            Err(e) => {
                let syntax = ConfigSyntax::toml(file, &text, &e);
                problems.into_iter().for_each(|p| found.push(p));
                return Err(syntax.into());
            }
        };
        let mut unknown = Vec::new();
        let error = match serde_ignored::deserialize(deserializer, |path| {
            unknown.push(path.to_string());
        }) {
            Ok(raw) => {
                return Ok(Lenient {
                    raw,
                    unknown,
                    source: text,
                    problems,
                });
            }
            Err(e) => e,
        };
        if let Some((start, problem)) = misspelt_required(file, &text, &error) {
            // `dismisal = …` where `dismissal` is required: said at its
            // line, and read as meant so that the rest is still checked.
            let (wrote, meant) = match &problem.msg {
                Msg::UnknownConfigKey {
                    path,
                    closest: Some(meant),
                } => (path.clone(), meant.clone()),
                _ => unreachable!("misspelt_required gives an unknown key"),
            };
            problems.push(problem);
            text.replace_range(start..start + wrote.len(), &meant);
            continue;
        }
        let line = error.span().and_then(|s| value_line(&text, s.start));
        let Some((start, end)) = line.filter(|_| problems.len() < MAX_TYPE_ERRORS) else {
            // Not one value on its own line (a missing section, a bad array):
            // nothing can be left out safely; stop with what was found so far.
            let syntax = ConfigSyntax::toml(file, &text, &error);
            problems.into_iter().for_each(|p| found.push(p));
            return Err(syntax.into());
        };
        problems.push(problem(file, &text, start, end, error.message()));
        let blank: String = text[start..end].bytes().map(|_| ' ').collect();
        text.replace_range(start..end, &blank);
    }
}

/// The byte range of the line holding `offset`, if that line is a plain
/// `key = value` that can be left out.
fn value_line(text: &str, offset: usize) -> Option<(usize, usize)> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[start..end].trim();
    let key = line.split('=').next()?.trim();
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '"');
    (plain_key && line.contains('=')).then_some((start, end))
}

/// A required key is missing (`missing field \`dismissal\``) and a key the
/// config does not know, close to it, is written after where the table
/// starts: where that key starts, and the problem naming both.
fn misspelt_required(file: &str, text: &str, error: &toml::de::Error) -> Option<(usize, Problem)> {
    let wanted = error.message().strip_prefix("missing field `")?;
    let wanted = wanted.split('`').next()?;
    let from = error.span().map_or(0, |s| s.start).min(text.len());
    let from = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let key = line.trim_start().split('=').next().unwrap_or("").trim();
        let is_key = line.contains('=') && !key.is_empty() && !key.starts_with('#');
        if is_key && !super::keys::known(key) && super::keys::closest(key) == Some(wanted) {
            let line_no = text[..offset].matches('\n').count() + 1;
            let value = line.split_once('=').map_or("", |(_, v)| v).trim();
            let problem = Problem {
                severity: Severity::Error,
                file: file.to_string(),
                line: Some(line_no),
                column: Some((indent + 1, key.to_string())),
                value: Some(value.to_string()),
                msg: Msg::UnknownConfigKey {
                    path: key.to_string(),
                    closest: Some(wanted.to_string()),
                },
            };
            return Some((offset + indent, problem));
        }
        offset += line.len();
    }
    None
}

fn problem(file: &str, text: &str, start: usize, end: usize, message: &str) -> Problem {
    let line_no = text[..start].matches('\n').count() + 1;
    let line = &text[start..end];
    let (key, value) = line.split_once('=').unwrap_or((line, ""));
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let msg = if super::keys::boolean(key.trim()) {
        Msg::NeedsTrueFalse {
            key: key.trim().to_string(),
        }
    } else {
        Msg::BadConfigValue {
            detail: message.to_string(),
        }
    };
    Problem {
        severity: Severity::Error,
        file: file.to_string(),
        line: Some(line_no),
        column: Some((indent + 1, key.trim().to_string())),
        value: Some(value.trim().to_string()),
        msg,
    }
}
