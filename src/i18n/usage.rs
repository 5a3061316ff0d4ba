//! Mistakes on the command line (clap's usage errors), said in the user's
//! language: in English close to clap's own wording, with the same way out
//! (a date written bare, the right `--help`) as in Chinese.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::{Guide, Lang};

/// A usage error with the facts clap found.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub what: Mistake,
    /// The option or argument concerned, as written in the usage (`--date <DATE>`).
    pub arg: String,
    pub value: String,
    /// Valid values, suggestions or the other option of a conflict.
    pub others: Vec<String>,
    /// The usage line, without its heading.
    pub usage: String,
    /// The subcommand the mistake is in, if one was named.
    pub command: Option<String>,
    /// Why a value was refused, already in the user's language.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    InvalidValue,
    UnknownOption,
    UnknownCommand,
    MissingRequired,
    Conflict,
    Other,
}

fn strings(value: Option<&ContextValue>) -> Vec<String> {
    match value {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(other) => vec![other.to_string()],
        None => Vec::new(),
    }
}

/// The option a command takes its date with, for a date written bare.
fn date_flag(command: &str) -> Option<&'static str> {
    match command {
        "daily" | "notices" | "rosters" => Some("--date"),
        "weekly" => Some("--week"),
        "plan" => Some("--as-of"),
        "roll" | "hours" => Some("--month"),
        _ => None,
    }
}

impl Usage {
    pub fn from_clap(error: &clap::Error, command: Option<String>, lang: Lang) -> Usage {
        let get = |kind| strings(error.get(kind));
        let what = match error.kind() {
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => Mistake::InvalidValue,
            ErrorKind::UnknownArgument => Mistake::UnknownOption,
            ErrorKind::InvalidSubcommand => Mistake::UnknownCommand,
            ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
                Mistake::MissingRequired
            }
            ErrorKind::ArgumentConflict => Mistake::Conflict,
            _ => Mistake::Other,
        };
        let mut others = get(ContextKind::ValidValue);
        others.extend(get(ContextKind::SuggestedArg));
        others.extend(get(ContextKind::SuggestedSubcommand));
        others.extend(get(ContextKind::PriorArg));
        let usage = get(ContextKind::Usage).join("");
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        let usage = match lang {
            Lang::Zh => super::help::usage_in_chinese(usage),
            Lang::En => usage.to_string(),
        };
        let reason = std::error::Error::source(error)
            .and_then(|e| e.downcast_ref::<crate::cli::dates::NotADate>())
            .map(|e| Guide::NotADate(e.text.clone()).render(lang));
        // No reason of our own (another command's value parser): the
        // option's Chinese help says what to write; in English, clap's
        // own reason.
        let reason = reason.or_else(|| {
            if lang == Lang::En {
                return std::error::Error::source(error).map(|e| e.to_string());
            }
            let arg = get(ContextKind::InvalidArg).join("");
            let id = arg
                .trim_start_matches('-')
                .split([' ', '='])
                .next()?
                .replace('-', "_");
            let help = super::help::option(command.as_deref().unwrap_or("*"), &id)?;
            Some(help.to_string())
        });
        Usage {
            what,
            arg: [
                get(ContextKind::InvalidArg),
                get(ContextKind::InvalidSubcommand),
            ]
            .concat()
            .join(", "),
            command,
            value: get(ContextKind::InvalidValue).join(", "),
            others,
            usage,
            reason: reason.or_else(|| {
                (what == Mistake::Other).then(|| error.render().to_string().trim().to_string())
            }),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let (arg, value) = (&self.arg, &self.value);
        let others = self.others.join(lang.pick("、", ", "));
        let mut out = match (self.what, zh) {
            (Mistake::InvalidValue, true) if value.is_empty() => {
                format!("错误:{arg} 后面要写一个值")
            }
            (Mistake::InvalidValue, true) => format!("错误:{arg} 的值「{value}」不对"),
            (Mistake::InvalidValue, false) if value.is_empty() => {
                format!("error: a value is required for '{arg}' but none was supplied")
            }
            (Mistake::InvalidValue, false) => format!("error: invalid value '{value}' for '{arg}'"),
            (Mistake::UnknownOption, true) => format!("错误:没有「{arg}」这个选项"),
            (Mistake::UnknownOption, false) => format!("error: unexpected argument '{arg}' found"),
            (Mistake::UnknownCommand, true) => format!("错误:没有「{arg}」这个命令"),
            (Mistake::UnknownCommand, false) => format!("error: unrecognized subcommand '{arg}'"),
            (Mistake::MissingRequired, true) => format!("错误:缺少必填的 {arg}"),
            (Mistake::MissingRequired, false) => {
                format!("error: the following required arguments were not provided: {arg}")
            }
            (Mistake::Conflict, true) => format!("错误:{arg} 不能和 {others} 一起用"),
            (Mistake::Conflict, false) => {
                format!("error: the argument '{arg}' cannot be used with '{others}'")
            }
            (Mistake::Other, true) => "错误:命令行有误".to_string(),
            (Mistake::Other, false) => "error: the command line is wrong".to_string(),
        };
        if let Some(reason) = &self.reason {
            out.push_str(lang.pick(":", ": "));
            out.push_str(reason);
        }
        match self.what {
            Mistake::InvalidValue if !others.is_empty() && self.reason.is_none() => {
                out.push_str(&format!(
                    "\n{}{others}",
                    lang.pick("  可以写:", "  possible values: ")
                ));
            }
            Mistake::UnknownOption | Mistake::UnknownCommand if !others.is_empty() => {
                out.push_str(&format!(
                    "\n{}{others}",
                    lang.pick("  是不是想写:", "  did you mean: ")
                ));
            }
            _ => {}
        }
        if self.what == Mistake::UnknownOption
            && let Some(flag) = self.command.as_deref().and_then(date_flag)
            && crate::cli::dates::parse_date(arg).is_ok()
        {
            let sub = self.command.as_deref().unwrap_or_default();
            out.push_str(&match lang {
                Lang::Zh => format!("\n  日期要写在 {flag} 后面:kehou {sub} {flag} {arg}"),
                Lang::En => format!("\n  a date goes after {flag}: kehou {sub} {flag} {arg}"),
            });
        }
        if !self.usage.is_empty() {
            out.push_str(&format!(
                "\n\n{} {}",
                lang.pick("用法:", "Usage:"),
                self.usage
            ));
        }
        // `kehou help --help` must not send the user back to itself.
        let help = match self.command.as_deref() {
            Some(sub) if sub != "help" => format!("kehou {sub} --help"),
            _ => "kehou --help".to_string(),
        };
        out.push_str(&format!(
            "\n\n{}",
            match lang {
                Lang::Zh => format!("查看说明:{help}"),
                Lang::En => format!("For more information, try '{help}'."),
            }
        ));
        out
    }
}
