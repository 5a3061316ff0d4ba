//! Giving a table's columns meaning: headers in English or Chinese, in any
//! order, and typed cell reading that records a positioned problem for every
//! cell it cannot read.

use super::bounds::MAX_CELL_CHARS;
use super::parse::key;
use super::problem::{Problem, Problems, Severity};
use super::table::{Row, Table};
use crate::i18n::Msg;

/// A column an input file may have.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The English name, also the first alias.
    pub name: &'static str,
    /// Chinese and other accepted spellings.
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Optional, but the printed papers need it (a phone, who picks up):
    /// an unknown column that looks like it is an error, not a note.
    pub needed: bool,
    /// A required column that may be left out when these are all there
    /// (学号, when 姓名 and 班级 say who the child is).
    pub instead: &'static [&'static str],
}

impl Field {
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Field {
        Field {
            name,
            aliases,
            required: true,
            needed: false,
            instead: &[],
        }
    }

    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Field {
        Field {
            name,
            aliases,
            required: false,
            needed: false,
            instead: &[],
        }
    }

    /// An optional column the printed papers need (see [`Field::needed`]).
    pub const fn needed(name: &'static str, aliases: &'static [&'static str]) -> Field {
        Field {
            name,
            aliases,
            required: false,
            needed: true,
            instead: &[],
        }
    }

    /// A required column that `instead` (all of them) may stand in for.
    pub const fn required_unless(
        name: &'static str,
        aliases: &'static [&'static str],
        instead: &'static [&'static str],
    ) -> Field {
        Field {
            name,
            aliases,
            required: true,
            needed: false,
            instead,
        }
    }

    /// How a message names this column: `class/班级`.
    pub fn display(&self) -> String {
        match self.aliases.first() {
            Some(zh) => format!("{}/{}", self.name, zh),
            None => self.name.to_string(),
        }
    }

    pub(super) fn matches(&self, header_key: &str) -> bool {
        key(self.name) == header_key || self.aliases.iter().any(|a| key(a) == header_key)
    }
}

/// Which column of the table each field is in.
#[derive(Debug)]
pub struct Columns {
    fields: &'static [Field],
    at: Vec<Option<usize>>,
    /// Ranked columns (`choice1`, `志愿2`, `第三志愿`): (rank, column).
    pub ranked: Vec<(usize, usize)>,
}

/// Per table, kehou's column name → the header the file has instead.
pub type HeaderNames = std::collections::BTreeMap<String, String>;

/// Reads `志愿3`, `choice3`, `第三志愿`, `第3志愿` as rank 3.
pub(super) fn choice_rank(header_key: &str) -> Option<usize> {
    let rest = header_key
        .strip_prefix("choice")
        .or_else(|| header_key.strip_prefix("志愿"))
        .or_else(|| {
            header_key
                .strip_prefix('第')
                .and_then(|r| r.strip_suffix("志愿"))
        })?;
    let numeral = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let rank = rest
        .parse::<usize>()
        .ok()
        .or_else(|| numeral.iter().position(|n| *n == rest).map(|i| i + 1))?;
    (1..=20).contains(&rank).then_some(rank)
}

/// Matches the headers to `fields`. Unknown columns become notes; a missing
/// required column is an error naming it and listing the headers found, and
/// then `None` (the rows cannot be read).
pub fn bind(
    table: &Table,
    fields: &'static [Field],
    ranked_choices: bool,
    problems: &mut Problems,
) -> Option<Columns> {
    let (columns, complete) = bind_all(table, fields, ranked_choices, problems);
    complete.then_some(columns)
}

/// Like [`bind`], but gives the columns found even when a required one is
/// missing (`false` then), so that the rows' keys can still be read.
///
/// A required or needed column that is missing while an unknown header looks
/// like it (`名字` for 姓名) is one error naming both; the rows are then read
/// as if the header were right, so that nothing else about them is misread.
pub fn bind_all(
    table: &Table,
    fields: &'static [Field],
    ranked_choices: bool,
    problems: &mut Problems,
) -> (Columns, bool) {
    bind_named(table, fields, ranked_choices, &HeaderNames::new(), problems)
}

/// Like [`bind_all`], with the school's own header for some columns
/// (`[columns.consent] decision = "3.您的孩子是否参加课后服务?"`).
pub fn bind_named(
    table: &Table,
    fields: &'static [Field],
    ranked_choices: bool,
    names: &HeaderNames,
    problems: &mut Problems,
) -> (Columns, bool) {
    let mut at = vec![None; fields.len()];
    let mut ranked = Vec::new();
    let mut unknown: Vec<(usize, String)> = Vec::new();
    let named = super::named::resolve(table, fields, ranked_choices, names, problems);
    let problem = |severity, col: usize, msg| Problem {
        severity,
        file: table.file.clone(),
        line: Some(table.header_line),
        column: Some((col + 1, table.headers[col].clone())),
        value: None,
        msg,
    };
    for (col, header) in table.headers.iter().enumerate() {
        let k = key(header);
        if k.is_empty() {
            continue;
        }
        let own = named.iter().find(|n| n.column == col);
        if let Some(f) = own.and_then(|n| n.field).or_else(|| {
            let by_own_name = named
                .iter()
                .any(|n| n.field.is_some_and(|f| fields[f].matches(&k)));
            (own.is_none() && !by_own_name)
                .then(|| fields.iter().position(|f| f.matches(&k)))
                .flatten()
        }) {
            if at[f].is_none() {
                at[f] = Some(col);
            } else {
                problems.push(problem(Severity::Note, col, Msg::DuplicateColumn));
            }
        } else if let Some(rank) = own
            .and_then(|n| n.rank)
            .or_else(|| ranked_choices.then(|| choice_rank(&k)).flatten())
        {
            if ranked.iter().any(|(r, _)| *r == rank) {
                problems.push(problem(Severity::Note, col, Msg::DuplicateColumn));
            } else {
                ranked.push((rank, col));
            }
        } else {
            unknown.push((col, k));
        }
    }
    ranked.sort_unstable();
    for (f, col) in misspelt(fields, &at, &mut unknown) {
        at[f] = Some(col);
        let msg = Msg::MisspeltColumn {
            column: fields[f].display(),
            header: fields[f]
                .aliases
                .first()
                .unwrap_or(&fields[f].name)
                .to_string(),
        };
        problems.push(problem(Severity::Error, col, msg));
    }
    for (col, _) in &unknown {
        problems.push(problem(Severity::Note, *col, Msg::UnknownColumn));
    }
    let mut complete = true;
    for (f, field) in fields.iter().enumerate() {
        if field.required && at[f].is_none() && !stood_in(field, fields, &at) {
            complete = false;
            problems.push(Problem {
                severity: Severity::Error,
                file: table.file.clone(),
                line: Some(table.header_line),
                column: None,
                value: None,
                msg: Msg::MissingColumn {
                    column: field.display(),
                    found: table.headers.clone(),
                },
            });
        }
    }
    (Columns { fields, at, ranked }, complete)
}

/// Whether the columns that may stand in for `field` are all there.
fn stood_in(field: &Field, fields: &[Field], at: &[Option<usize>]) -> bool {
    !field.instead.is_empty()
        && field.instead.iter().all(|name| {
            let g = fields.iter().position(|g| g.name == *name);
            g.is_some_and(|g| at[g].is_some())
        })
}

/// The missing required or needed fields that an unknown header looks like:
/// (field, column), each header taken once, taken out of `unknown`.
fn misspelt(
    fields: &[Field],
    at: &[Option<usize>],
    unknown: &mut Vec<(usize, String)>,
) -> Vec<(usize, usize)> {
    use super::lookalike::{Likeness, likeness};
    let mut found: Vec<(usize, usize)> = Vec::new();
    // Near-synonyms first, so that `家长手机` is the phone, not the guardian.
    for wanted in [Likeness::Synonym, Likeness::Spelling] {
        for (f, field) in fields.iter().enumerate() {
            let open = at[f].is_none()
                && !stood_in(field, fields, at)
                && !found.iter().any(|(g, _)| *g == f);
            if !open || !(field.required || field.needed) {
                continue;
            }
            if let Some(i) = unknown
                .iter()
                .position(|(_, k)| likeness(field, k) == Some(wanted))
            {
                found.push((f, unknown.remove(i).0));
            }
        }
    }
    found
}

impl Columns {
    fn index(&self, name: &str) -> Option<usize> {
        let f = self.fields.iter().position(|f| f.name == name);
        debug_assert!(f.is_some(), "no field named {name}");
        self.at[f?]
    }

    /// The column of a field, without the debug check that it exists.
    fn index_of(&self, name: &str) -> Option<usize> {
        let f = self.fields.iter().position(|f| f.name == name)?;
        self.at[f]
    }

    /// The text of a field's cell in `row`, empty when the column is absent.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.index_of(name).map_or("", |i| row.cell(i))
    }

    /// Whether the file has this column at all.
    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }
}

/// One row being read, with everything needed to point at a bad cell.
pub struct Cells<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub columns: &'a Columns,
    pub problems: &'a mut Problems,
    /// Set once an error is reported for this row: its value is not kept.
    pub failed: bool,
}

impl Cells<'_> {
    pub fn line(&self) -> usize {
        self.row.line
    }

    /// The column (0-based) of a field, if the file has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.index_of(name)
    }

    /// The cell's text, empty when blank or when the column is absent.
    pub fn text(&self, name: &str) -> String {
        self.columns
            .index(name)
            .map_or(String::new(), |i| self.row.cell(i).to_string())
    }

    /// The cell's text; a problem when blank.
    pub fn required(&mut self, name: &str) -> Option<String> {
        let text = self.text(name);
        if text.is_empty() {
            self.report(name, Severity::Error, Msg::Required);
            None
        } else {
            Some(text)
        }
    }

    /// A blank cell is `Ok(None)`; text that `parse` cannot read is reported
    /// with `msg` and is `Err(())`.
    fn parse<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        msg: Msg,
    ) -> Result<Option<T>, ()> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        match parse(&text) {
            Some(v) => Ok(Some(v)),
            None => {
                self.report(name, Severity::Error, msg);
                Err(())
            }
        }
    }

    /// The parsed cell, `None` when blank or unreadable (which is reported).
    pub fn optional<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        msg: Msg,
    ) -> Option<T> {
        self.parse(name, parse, msg).ok().flatten()
    }

    /// Like [`Cells::parse`], but a blank cell is a problem too.
    pub fn parse_required<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        msg: Msg,
    ) -> Option<T> {
        match self.parse(name, parse, msg) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.report(name, Severity::Error, Msg::Required);
                None
            }
            Err(()) => None,
        }
    }

    /// Records a problem with this row's cell in column `name`, quoting its value.
    pub fn report(&mut self, name: &str, severity: Severity, msg: Msg) {
        let col = self.columns.index(name);
        self.report_at(col, severity, msg);
    }

    /// Records a problem with the cell in column `col` (0-based) of this row.
    pub fn report_at(&mut self, col: Option<usize>, severity: Severity, msg: Msg) {
        self.failed |= severity == Severity::Error;
        // A blank under a merged area was reported once, for the whole area.
        let line = self.row.line;
        if col.is_some_and(|c| self.table.merged.iter().any(|m| m.hides(line, c))) {
            return;
        }
        let value = col
            .map(|i| self.row.cell(i).to_string())
            .filter(|v| !v.is_empty());
        self.problems.push(Problem {
            severity,
            file: self.table.file.clone(),
            line: Some(self.row.line),
            column: col.map(|i| {
                let header = self.table.headers.get(i).cloned().unwrap_or_default();
                (i + 1, header)
            }),
            value,
            msg,
        });
    }
}

/// Runs `read` over every row of the table with its cells bound.
pub fn read_rows<T>(
    table: &Table,
    columns: &Columns,
    problems: &mut Problems,
    mut read: impl FnMut(&mut Cells) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(table.rows.len());
    report_merged(table, problems);
    let screen = Screen::new(table, columns);
    for row in &table.rows {
        let mut cells = Cells {
            table,
            row,
            columns,
            problems,
            failed: false,
        };
        screen.row(&mut cells);
        if let Some(v) = read(&mut cells).filter(|_| !cells.failed) {
            out.push(v);
        }
    }
    out
}

/// One problem per merged area below the header: its rows are blank but the first.
fn report_merged(table: &Table, problems: &mut Problems) {
    for area in table
        .merged
        .iter()
        .filter(|m| m.lines.1 > table.header_line)
    {
        problems.push(Problem {
            severity: Severity::Error,
            file: table.file.clone(),
            line: Some(area.lines.0),
            column: Some((
                area.columns.0 + 1,
                table
                    .headers
                    .get(area.columns.0)
                    .cloned()
                    .unwrap_or_default(),
            )),
            value: None,
            msg: Msg::MergedCells { area: area.name() },
        });
    }
}

/// The checks every cell gets before its row is read: its length, and the
/// damage Excel does to ids, phones and dates.
struct Screen {
    /// (column, field name) of the columns Excel can damage.
    watched: Vec<(usize, &'static str)>,
    /// The id column and the width of its zero-padded ids, if it has them.
    padded_id: Option<(usize, usize)>,
}

impl Screen {
    fn new(table: &Table, columns: &Columns) -> Screen {
        let watched: Vec<_> = columns
            .fields
            .iter()
            .zip(&columns.at)
            .filter_map(|(f, at)| Some(((*at)?, f.name)))
            .filter(|(_, name)| super::excel::watches(name))
            .collect();
        let padded_id = columns
            .index_of("id")
            .and_then(|c| Some((c, super::excel::padded_width(table, c)?)));
        Screen { watched, padded_id }
    }

    fn row(&self, cells: &mut Cells) {
        for (i, text) in cells.row.cells.iter().enumerate() {
            if text.len() > MAX_CELL_CHARS {
                let chars = text.chars().count();
                if chars > MAX_CELL_CHARS {
                    cells.report_at(Some(i), Severity::Error, Msg::CellTooLong { chars });
                }
            }
        }
        for &(col, field) in &self.watched {
            let text = cells.row.cell(col);
            if let Some((severity, msg)) = super::excel::damage(cells.table, field, text) {
                cells.report_at(Some(col), severity, msg);
            } else if field == "phone" && !text.is_empty() && !super::phone::plausible(text) {
                cells.report_at(Some(col), Severity::Warning, Msg::OddPhone);
            }
        }
        if let Some((col, width)) = self.padded_id
            && super::excel::lost_zeros(cells.row.cell(col), width)
        {
            let msg = Msg::ExcelLostZeros { width };
            cells.report_at(Some(col), Severity::Error, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_in_both_languages() {
        assert_eq!(choice_rank("choice1"), Some(1));
        assert_eq!(choice_rank("志愿2"), Some(2));
        assert_eq!(choice_rank("第三志愿"), Some(3));
        assert_eq!(choice_rank("第3志愿"), Some(3));
        assert_eq!(choice_rank("choice"), None);
    }
}
