//! Rows set aside: a row with an error is left out of the school, but its
//! key (a staff id, a club's id and name, a student's 学号) stays known, so
//! that what refers to it is not misdiagnosed as naming nobody. What refers
//! to such a row is said once per row referred to ("因 clubs.csv 第 6 行有误,
//! 37 张回执的这个志愿暂未核对"), never as errors of its own.

use std::collections::{BTreeMap, HashMap};

use crate::i18n::{Msg, Refs};
use crate::input::{Cells, Problem, Problems, Severity};

/// The keys of one file's set-aside rows, each with its line (the header's
/// line when a missing column set every row aside).
#[derive(Debug, Default, Clone)]
pub struct SetAside {
    pub file: String,
    lines: HashMap<String, usize>,
    /// How many rows were set aside.
    pub rows: usize,
}

impl SetAside {
    pub fn new(file: &str) -> SetAside {
        SetAside {
            file: file.to_string(),
            ..SetAside::default()
        }
    }

    /// Records a set-aside row under each of its non-blank keys.
    pub fn add(&mut self, keys: impl IntoIterator<Item = String>, line: usize) {
        self.rows += 1;
        for key in keys.into_iter().filter(|k| !k.is_empty()) {
            self.lines.entry(key).or_insert(line);
        }
    }

    /// The line of the set-aside row with this key.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines.get(key.trim()).copied()
    }

    /// If `key` names a set-aside row, says so at the cell in `column` (to
    /// be merged with the others by [`merge_not_checked`]) and is true.
    pub fn refers(&self, c: &mut Cells, column: Option<usize>, key: &str, refs: Refs) -> bool {
        let Some(line) = self.line_of(key) else {
            return false;
        };
        let msg = Msg::NotCheckedYet {
            file: self.file.clone(),
            line,
            count: 1,
            refs,
        };
        c.report_at(column, Severity::Warning, msg);
        true
    }
}

/// One problem per (file, row referred to): the first reference, with the
/// count of all of them.
pub fn merge_not_checked(problems: Problems) -> Problems {
    type Key = (String, String, usize, Refs);
    let mut first: BTreeMap<Key, usize> = BTreeMap::new();
    let mut list: Vec<Problem> = Vec::new();
    let (kept, dropped) = problems.into_parts();
    for p in kept {
        let Msg::NotCheckedYet {
            file, line, refs, ..
        } = &p.msg
        else {
            list.push(p);
            continue;
        };
        let key = (p.file.clone(), file.clone(), *line, *refs);
        match first.get(&key) {
            Some(&at) => {
                if let Msg::NotCheckedYet { count, .. } = &mut list[at].msg {
                    *count += 1;
                }
            }
            None => {
                first.insert(key, list.len());
                list.push(p);
            }
        }
    }
    Problems::from_parts(list, dropped)
}
