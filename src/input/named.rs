//! The school's own headers for kehou's columns: an online form's export
//! names its columns by the question asked ("3.您的孩子是否参加课后服务?"),
//! and `[columns.consent] decision = "3.您的孩子是否参加课后服务?"` says
//! which column that is.

use super::columns::{Field, HeaderNames, choice_rank};
use super::parse::key;
use super::problem::{Problem, Problems, Severity};
use super::table::Table;
use crate::i18n::Msg;

/// A column of the file named by the school: which field (or choice rank) it is.
pub(super) struct Named {
    pub column: usize,
    pub field: Option<usize>,
    pub rank: Option<usize>,
}

/// The columns `names` points at; a name that is no column of this table,
/// or a header the file does not have, is an error.
pub(super) fn resolve(
    table: &Table,
    fields: &[Field],
    ranked: bool,
    names: &HeaderNames,
    problems: &mut Problems,
) -> Vec<Named> {
    let mut out = Vec::new();
    for (name, header) in names {
        let wanted = key(name);
        let field = fields.iter().position(|f| f.matches(&wanted));
        let rank = ranked.then(|| choice_rank(&wanted)).flatten();
        let problem = |msg| Problem {
            severity: Severity::Error,
            file: table.file.clone(),
            line: Some(table.header_line),
            column: None,
            value: Some(header.clone()),
            msg,
        };
        if field.is_none() && rank.is_none() {
            let mut known: Vec<String> = fields.iter().map(|f| f.name.to_string()).collect();
            if ranked {
                known.push("choice1…".to_string());
            }
            problems.push(problem(Msg::UnknownNamedColumn {
                column: name.clone(),
                known,
            }));
            continue;
        }
        let header_key = key(header);
        match table.headers.iter().position(|h| key(h) == header_key) {
            Some(column) => out.push(Named {
                column,
                field,
                rank,
            }),
            None => problems.push(problem(Msg::NamedHeaderMissing {
                column: name.clone(),
                found: table.headers.clone(),
            })),
        }
    }
    out
}
