//! A problem found in an input file, with where it is and what was expected.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem: file, line, column, the value found and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    /// 1-based line (CSV) or row (spreadsheet); `None` for the whole file.
    pub line: Option<usize>,
    /// 1-based column number and its header as written in the file.
    pub column: Option<(usize, String)>,
    pub value: Option<String>,
    pub msg: Msg,
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        let mut out = escape_controls(&self.file);
        if let Some(line) = self.line {
            write!(out, ":{line}").unwrap();
            if let Some((col, _)) = &self.column {
                write!(out, ":{col}").unwrap();
            }
        }
        let tag = match self.severity {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Note => lang.pick("提示", "note"),
        };
        write!(out, ": {tag}: ").unwrap();
        if let Some((_, header)) = self.column.as_ref().filter(|(_, h)| !h.is_empty()) {
            write!(
                out,
                "{}{}{} ",
                lang.pick("【", "["),
                escape_controls(header),
                lang.pick("】", "]")
            )
            .unwrap();
        }
        if let Some(value) = &self.value {
            write!(out, "“{}” ", shorten(value)).unwrap();
        }
        out + &self.msg.render(lang)
    }
}

/// Long values are cut so that one bad cell cannot flood the terminal, and
/// control characters (an ESC that clears the screen) are shown escaped.
fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = escape_controls(&value.chars().take(MAX).collect::<String>());
    if value.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// Text from the data as the terminal should show it: control characters
/// as `\u{1b}`, so no cell can move the cursor, clear the screen or hide lines.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Problems kept per file; the rest are only counted (a damaged file can
/// hold millions of bad cells).
const KEPT_PER_FILE: usize = 1000;
/// Lines shown per file; the rest are summed up in one line.
const SHOWN_PER_FILE: usize = 50;
/// Problems of one kind in one column shown before they are summed up.
const SHOWN_PER_KIND: usize = 3;

/// Problems over the cap, counted by file and severity.
pub type Dropped = BTreeMap<(String, Severity), usize>;

/// Every problem of a run, collected so they can be reported all at once.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    kept: std::collections::HashMap<String, usize>,
    /// Problems over [`KEPT_PER_FILE`]: counted by file and severity.
    dropped: Dropped,
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        let kept = self.kept.entry(problem.file.clone()).or_default();
        if *kept >= KEPT_PER_FILE {
            *self
                .dropped
                .entry((problem.file, problem.severity))
                .or_default() += 1;
            return;
        }
        *kept += 1;
        self.list.push(problem);
    }

    /// A problem with the whole file (no line, unless the message has one:
    /// a NUL byte is shown at `file:line:column`).
    pub fn file(&mut self, severity: Severity, file: &str, msg: Msg) {
        let (line, column) = match msg {
            Msg::NulByte { line, column } => (Some(line), Some((column, String::new()))),
            _ => (None, None),
        };
        self.push(Problem {
            severity,
            file: file.to_string(),
            line,
            column,
            value: None,
            msg,
        });
    }

    /// The problems kept, and the counts of those over the cap (to rebuild
    /// the collection after rewriting some with [`Problems::from_parts`]).
    pub fn into_parts(self) -> (Vec<Problem>, Dropped) {
        (self.list, self.dropped)
    }

    pub fn from_parts(list: Vec<Problem>, dropped: Dropped) -> Problems {
        let mut out = Problems::default();
        for p in list {
            out.push(p);
        }
        out.dropped = dropped;
        out
    }

    pub fn extend(&mut self, other: Problems) {
        for p in other.list {
            self.push(p);
        }
        for (key, n) in other.dropped {
            *self.dropped.entry(key).or_default() += n;
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        let dropped: usize = self
            .dropped
            .iter()
            .filter(|((_, s), _)| *s == severity)
            .map(|(_, n)| n)
            .sum();
        self.list.iter().filter(|p| p.severity == severity).count() + dropped
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter()
    }

    /// The problems grouped by file (in first-seen order), sorted by line inside a file.
    pub fn by_file(&self) -> Vec<(&str, Vec<&Problem>)> {
        let mut order: Vec<&str> = Vec::new();
        let mut groups: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
        for p in &self.list {
            if !groups.contains_key(p.file.as_str()) {
                order.push(&p.file);
            }
            groups.entry(&p.file).or_default().push(p);
        }
        order
            .into_iter()
            .map(|file| {
                let mut list = groups.remove(file).unwrap_or_default();
                list.sort_by_key(|p| (p.line, p.column.as_ref().map(|c| c.0)));
                (file, list)
            })
            .collect()
    }

    /// Everything, grouped by file, as lines for the terminal (notes only
    /// when `verbose`): a few of each kind of problem per column, then how
    /// many more and on which lines; at most [`SHOWN_PER_FILE`] lines a file.
    pub fn report(&self, lang: Lang, verbose: bool) -> String {
        let mut out = String::new();
        for (file, list) in self.by_file() {
            let shown: Vec<&Problem> = list
                .into_iter()
                .filter(|p| verbose || p.severity != Severity::Note)
                .collect();
            let dropped: usize = self
                .dropped
                .iter()
                .filter(|((f, s), _)| f == file && (verbose || *s != Severity::Note))
                .map(|(_, n)| n)
                .sum();
            if shown.is_empty() && dropped == 0 {
                continue;
            }
            writeln!(out, "── {}", escape_controls(file)).unwrap();
            out += &file_report(&shown, dropped, lang);
        }
        out
    }

    pub fn summary(&self, lang: Lang) -> String {
        let (e, w, n) = (
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Note),
        );
        match lang {
            Lang::Zh => format!("{e} 个错误,{w} 个警告,{n} 个提示"),
            Lang::En => format!("{e} errors, {w} warnings, {n} notes"),
        }
    }
}

/// One file's problems: repeated kinds summed up, the whole capped.
fn file_report(shown: &[&Problem], dropped: usize, lang: Lang) -> String {
    let kind = |p: &Problem| {
        let column = p.column.as_ref().map(|c| c.0);
        (p.severity, column, p.msg.render(lang))
    };
    let mut seen: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    let mut lines = Vec::new();
    for p in shown {
        let same = seen.entry(kind(p)).or_default();
        same.push(p.line.unwrap_or(0));
        if same.len() <= SHOWN_PER_KIND {
            lines.push(format!("  {}", p.render(lang)));
        }
    }
    for ((_, _, msg), at) in &seen {
        if at.len() > SHOWN_PER_KIND {
            let more = at.len() - SHOWN_PER_KIND;
            let (first, last) = (at[SHOWN_PER_KIND], at[at.len() - 1]);
            lines.push(match lang {
                Lang::Zh => format!("  …… 另有 {more} 处同样的问题(第 {first}–{last} 行):{msg}"),
                Lang::En => format!("  … {more} more of the same (lines {first}–{last}): {msg}"),
            });
        }
    }
    let mut hidden = dropped;
    if lines.len() > SHOWN_PER_FILE {
        hidden += lines.len() - SHOWN_PER_FILE;
        lines.truncate(SHOWN_PER_FILE);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if hidden > 0 {
        let line = match lang {
            Lang::Zh => format!("  …… 此文件另有 {hidden} 个问题未列出\n"),
            Lang::En => format!("  … and {hidden} more problems in this file\n"),
        };
        out += &line;
    }
    out
}
