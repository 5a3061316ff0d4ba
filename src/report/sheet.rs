//! Tables for people and machines: every workbook kehou writes is a list of
//! [`Sheet`]s, rendered here once to print-ready xlsx and to CSV.

use crate::i18n::{Label, Lang, PaperSay};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Money in fen, shown in yuan with two decimals.
    Fen(i64),
    /// A share from 0 to 1, shown as a percentage.
    Share(f64),
    /// A quantity with one decimal (hours), a number a spreadsheet can sum.
    Decimal(f64),
    /// A date, stored as a date (the spreadsheet can sort and filter it).
    Date(chrono::NaiveDate),
    /// A link to the sheet of this name, showing the name (the contents sheet).
    Link(String),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&String> for Cell {
    fn from(s: &String) -> Cell {
        Cell::Text(s.clone())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Int(n as i64)
    }
}

/// A titled table, one worksheet (or one CSV file).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The worksheet's name (made safe for Excel when written).
    pub name: String,
    /// A short ASCII name for the CSV file.
    pub slug: String,
    /// The line printed above the table.
    pub title: String,
    /// Printed in the top margin of every page (the school and the day), so
    /// the title can be short.
    pub page_header: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines printed after the table (totals, signatures).
    pub footer: Vec<String>,
    pub landscape: bool,
    /// A column chart of some of the rows, drawn below the table (xlsx only).
    pub chart: Option<Chart>,
    /// A column whose cells offer a drop-down list of values (xlsx only).
    pub choices: Option<(usize, Vec<String>)>,
    /// More columns offering the same list (a status column per block).
    pub choice_columns: Vec<usize>,
    /// Shrink to one printed page (a sign-in sheet for one group), with rows
    /// as tall as the page allows.
    pub one_page: bool,
    /// Columns left blank to be written in by hand, with the width (in
    /// characters) a hand needs.
    pub handwritten: Vec<(usize, usize)>,
    /// Columns for machines (a row's key for `record`), hidden on screen and paper.
    pub hidden: Vec<usize>,
    /// The least height of a body row in points (0: one line); rows to sign
    /// in are taller.
    pub row_pt: f64,
    /// Rows (indexes into `rows`) that begin a new printed page.
    pub page_breaks: Vec<usize>,
    /// Cut-out papers: the rows (indexes into `rows`) that begin each slip.
    /// A slip's last row is its cut line; slips are laid out two or three
    /// to a page, each whole on its page (see `layout`).
    pub slips: Vec<usize>,
    /// Rows (indexes into `rows`) whose first cell runs across the table
    /// (a slip's heading: the school, the class, the child).
    pub banners: Vec<usize>,
    /// Rows (indexes into `rows`) written in by hand, with their least
    /// height in points.
    pub tall_rows: Vec<(usize, f64)>,
    /// Rows (indexes into `rows`) whose first cell is running text across
    /// the table, wrapped (a letter to parents, whom to call).
    pub prose: Vec<usize>,
    /// Rows (indexes into `rows`) whose first cell is a line to sign across
    /// the table: its blanks stretched to the page's width, tall enough to
    /// write on (a parent's receipt on a slip).
    pub sign_rows: Vec<usize>,
}

/// A column chart over data rows `first_row..=last_row` (indexes into `rows`).
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub title: String,
    pub first_row: usize,
    pub last_row: usize,
    pub label_column: usize,
    pub value_column: usize,
    /// The values are shares: the axis runs from 0 to 100 %.
    pub percent: bool,
}

impl Sheet {
    pub fn new(name: &str, slug: &str, title: String, headers: Vec<String>) -> Sheet {
        Sheet {
            name: name.to_string(),
            slug: slug.to_string(),
            title,
            headers,
            ..Sheet::default()
        }
    }

    /// A notice's ending, the same on every paper a parent signs: its running
    /// text (whom to call, the fee basis, the date), the 家长签收 line across
    /// the page, and the line to cut along.
    pub fn end_notice(&mut self, lines: &[String], lang: Lang) {
        for line in lines {
            self.prose.push(self.rows.len());
            self.rows.push(vec![Cell::from(line)]);
        }
        self.sign_rows.push(self.rows.len());
        self.rows
            .push(vec![Cell::from(PaperSay::ParentReceipt.render(lang))]);
        self.rows
            .push(vec![Cell::from(Label::CutHere.text(lang).to_string())]);
    }
}

/// Hands out sheet names that follow Excel's rules: at most 31 UTF-16 units
/// (an emoji or 𠮷 counts two), none of `[]:*?/\\`, unique regardless of case.
#[derive(Debug, Default)]
pub struct SheetNamer {
    taken: std::collections::HashSet<String>,
}

impl SheetNamer {
    pub fn name(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .collect();
        let clean = clean.trim_matches('\'').to_string();
        let clean = if clean.is_empty() {
            "Sheet".to_string()
        } else {
            clean
        };
        let mut candidate = take_units(&clean, MAX_SHEET_NAME).to_string();
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            let suffix = format!("~{n}");
            candidate = take_units(&clean, MAX_SHEET_NAME - suffix.len()).to_string() + &suffix;
            n += 1;
        }
        candidate
    }
}

/// Excel's limit on a sheet name, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;

/// The longest start of `text` of at most `units` UTF-16 units.
fn take_units(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &text[..i];
        }
    }
    text
}

pub use super::book::{Book, xlsx};

/// Renders a sheet as CSV (UTF-8 with BOM, which Excel needs to show Chinese),
/// with text that a spreadsheet would run as a formula made inert.
pub fn csv(sheet: &Sheet) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(&mut out);
    w.write_record(&sheet.headers)?;
    for row in &sheet.rows {
        let record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(s) => neutralise(s),
                Cell::Int(n) => n.to_string(),
                Cell::Fen(f) => format!(
                    "{}{}.{:02}",
                    if *f < 0 { "-" } else { "" },
                    f.abs() / 100,
                    f.abs() % 100
                ),
                Cell::Share(x) => format!("{:.1}%", x * 100.0),
                Cell::Decimal(x) => format!("{x:.1}"),
                Cell::Date(d) => d.to_string(),
                Cell::Link(to) => neutralise(to),
            })
            .collect();
        w.write_record(&record)?;
    }
    w.flush()?;
    drop(w);
    Ok(out)
}

/// OWASP's rule for CSV injection: a cell starting with `=`, `+`, `-`, `@`,
/// tab or carriage return is prefixed with `'`.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let long = "一".repeat(40);
        let mut namer = SheetNamer::default();
        let names: Vec<String> = ["a/b", "A/B", long.as_str(), ""]
            .iter()
            .map(|n| namer.name(n))
            .collect();
        assert_eq!(names[0], "a_b");
        assert_eq!(names[1], "A_B~2");
        assert_eq!(names[2].chars().count(), 31);
        assert_eq!(names[3], "Sheet");
        // 𠮷 and emoji are two UTF-16 units each: Excel counts those.
        for wanted in [
            format!("{}𠮷足球", "乒".repeat(27)),
            format!("{}😀", "a".repeat(30)),
        ] {
            let a = namer.name(&wanted);
            let b = namer.name(&wanted);
            assert!(a.encode_utf16().count() <= 31 && b.encode_utf16().count() <= 31);
            assert_ne!(a, b);
        }
    }

    #[test]
    fn a_date_excel_cannot_hold_is_text() {
        let mut s = Sheet::new("x", "x", String::new(), vec!["d".into()]);
        for y in [1800, 2026] {
            s.rows.push(vec![Cell::Date(
                chrono::NaiveDate::from_ymd_opt(y, 1, 2).unwrap(),
            )]);
        }
        assert!(xlsx(&[s]).is_ok());
    }

    #[test]
    fn formulas_are_neutralised_in_csv() {
        let mut s = Sheet::new("x", "x", String::new(), vec!["h".into()]);
        s.rows.push(vec![Cell::from("=1+1")]);
        s.rows.push(vec![Cell::Fen(-150)]);
        let text = String::from_utf8(csv(&s).unwrap()).unwrap();
        assert!(text.contains("'=1+1"));
        assert!(text.contains("-1.50"));
    }
}
