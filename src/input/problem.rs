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
        let mut out = self.file.clone();
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
                "{}{header}{} ",
                lang.pick("【", "["),
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

/// Long values are cut so that one bad cell cannot flood the terminal.
fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        value.chars().take(MAX).collect::<String>() + "…"
    }
}

/// Every problem of a run, collected so they can be reported all at once.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.list.push(problem);
    }

    /// A problem with the whole file (no line).
    pub fn file(&mut self, severity: Severity, file: &str, msg: Msg) {
        self.push(Problem {
            severity,
            file: file.to_string(),
            line: None,
            column: None,
            value: None,
            msg,
        });
    }

    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|p| p.severity == severity).count()
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

    /// Everything, grouped by file, as lines for the terminal (notes only when `verbose`).
    pub fn report(&self, lang: Lang, verbose: bool) -> String {
        let mut out = String::new();
        for (file, list) in self.by_file() {
            let shown: Vec<_> = list
                .iter()
                .filter(|p| verbose || p.severity != Severity::Note)
                .collect();
            if shown.is_empty() {
                continue;
            }
            writeln!(out, "── {file}").unwrap();
            for p in shown {
                writeln!(out, "  {}", p.render(lang)).unwrap();
            }
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
