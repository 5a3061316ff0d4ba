//! Tables for people and machines: every workbook kehou writes is a list of
//! [`Sheet`]s, rendered here once to print-ready xlsx and to CSV.

use rust_xlsxwriter::{
    Chart as XlsxChart, ChartType, DataValidation, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Money in fen, shown in yuan with two decimals.
    Fen(i64),
    /// A share from 0 to 1, shown as a percentage.
    Share(f64),
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
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines printed after the table (totals, signatures).
    pub footer: Vec<String>,
    pub landscape: bool,
    /// A column chart of some of the rows, drawn below the table (xlsx only).
    pub chart: Option<Chart>,
    /// A column whose cells offer a drop-down list of values (xlsx only).
    pub choices: Option<(usize, Vec<String>)>,
    /// Shrink to one printed page (a sign-in sheet for one group).
    pub one_page: bool,
    /// Columns left blank to be written in by hand, printed wide enough for it.
    pub handwritten: Vec<usize>,
    /// Columns for machines (a row's key for `record`), hidden on screen and paper.
    pub hidden: Vec<usize>,
}

/// A column chart over data rows `first_row..=last_row` (indexes into `rows`).
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub title: String,
    pub first_row: usize,
    pub last_row: usize,
    pub label_column: usize,
    pub value_column: usize,
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
}

/// Hands out sheet names that follow Excel's rules: at most 31 characters,
/// none of `[]:*?/\\`, unique regardless of case.
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
        let mut candidate: String = clean.chars().take(31).collect();
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            let suffix = format!("~{n}");
            let keep = 31 - suffix.chars().count();
            candidate = clean.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        candidate
    }
}

/// How wide a text prints: CJK and full-width characters take two columns.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|l| {
            l.chars()
                .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

/// An xlsx workbook being built one sheet at a time, so that a big school's
/// hundreds of sheets need not all be held in memory at once.
pub struct Book {
    book: Workbook,
    names: SheetNamer,
    sheets: usize,
}

/// Sheets longer than this, and every sheet after the first hundred, are
/// streamed to a temporary file as they are written, keeping memory flat.
const STREAMED_ROWS: usize = 2000;
const STREAMED_AFTER: usize = 100;

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

impl Book {
    /// The creation time is fixed so the same tables give the same file.
    pub fn new() -> Book {
        let mut book = Workbook::new();
        // Fast compression: a big school's workbook is mostly repeated XML.
        book.set_zip_compression_level(1);
        if let Ok(fixed) = ExcelDateTime::from_ymd(2026, 1, 1) {
            book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
        }
        Book {
            book,
            names: SheetNamer::default(),
            sheets: 0,
        }
    }

    /// Adds a sheet: a title row, a bold header row that repeats on every
    /// printed page, thin borders, A4 one page wide, page numbers.
    pub fn add(&mut self, sheet: &Sheet) -> anyhow::Result<()> {
        let name = self.names.name(&sheet.name);
        // Streaming needs a temporary file per sheet; where none can be had
        // (a full temp folder, too many open files) the sheet is kept in memory.
        let streamed = self.sheets >= STREAMED_AFTER || sheet.rows.len() > STREAMED_ROWS;
        self.sheets += 1;
        let ws = match streamed {
            true if self.book.add_worksheet_with_constant_memory().is_ok() => self
                .book
                .worksheets_mut()
                .last_mut()
                .ok_or_else(|| anyhow::anyhow!("no worksheet"))?,
            _ => self.book.add_worksheet(),
        };
        ws.set_name(&name)?;
        fill(ws, sheet, &name)
    }

    pub fn finish(mut self) -> anyhow::Result<Vec<u8>> {
        Ok(self.book.save_to_buffer()?)
    }
}

/// Renders sheets to an xlsx workbook.
pub fn xlsx(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut book = Book::new();
    for sheet in sheets {
        book.add(sheet)?;
    }
    book.finish()
}

fn fill(ws: &mut Worksheet, sheet: &Sheet, name: &str) -> anyhow::Result<()> {
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let number = Format::new().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00");
    let share = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    let head_row = 1;
    let mut widths = column_widths(sheet);
    for &col in &sheet.handwritten {
        if let Some(w) = widths.get_mut(col) {
            *w = (*w).max(10);
        }
    }
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, (*w as f64 + 2.0).clamp(4.0, 60.0))?;
    }
    for &col in &sheet.hidden {
        ws.set_column_hidden(col as u16)?;
    }
    ws.write_string_with_format(0, 0, &sheet.title, &title)?;
    for (col, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(head_row, col as u16, h, &head)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = head_row + 1 + i as u32;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match cell {
                // Written as a string, so text starting with `=` stays text.
                Cell::Text(s) => ws.write_string_with_format(r, c, s, &text)?,
                Cell::Int(n) => ws.write_number_with_format(r, c, *n as f64, &number)?,
                Cell::Fen(f) => ws.write_number_with_format(r, c, *f as f64 / 100.0, &money)?,
                Cell::Share(x) => ws.write_number_with_format(r, c, *x, &share)?,
            };
        }
    }
    let after = head_row + 1 + sheet.rows.len() as u32 + 1;
    for (i, line) in sheet.footer.iter().enumerate() {
        ws.write_string(after + i as u32, 0, line)?;
    }
    if let Some(c) = &sheet.chart {
        let (first, last) = (
            head_row + 1 + c.first_row as u32,
            head_row + 1 + c.last_row as u32,
        );
        let mut chart = XlsxChart::new(ChartType::Column);
        chart.title().set_name(&c.title);
        chart.legend().set_hidden();
        chart
            .add_series()
            .set_categories((
                name,
                first,
                c.label_column as u16,
                last,
                c.label_column as u16,
            ))
            .set_values((
                name,
                first,
                c.value_column as u16,
                last,
                c.value_column as u16,
            ));
        // Below the table, so the page stays one table wide when printed.
        ws.insert_chart(after + sheet.footer.len() as u32 + 1, 0, &chart)?;
    }
    ws.set_paper_size(9); // A4
    if sheet.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, if sheet.one_page { 1 } else { 0 });
    if let Some((col, list)) = &sheet.choices
        && !sheet.rows.is_empty()
    {
        let last = head_row + sheet.rows.len() as u32;
        let validation = DataValidation::new().allow_list_strings(list)?;
        ws.add_data_validation(head_row + 1, *col as u16, last, *col as u16, &validation)?;
    }
    ws.set_repeat_rows(0, head_row)?;
    ws.set_freeze_panes(head_row + 1, 0)?;
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C&P / &N");
    Ok(())
}

/// Each column's print width: its widest header or cell.
fn column_widths(sheet: &Sheet) -> Vec<usize> {
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| display_width(h)).collect();
    for row in &sheet.rows {
        for (col, cell) in row.iter().enumerate() {
            let shown = match cell {
                Cell::Text(s) => display_width(s),
                Cell::Int(n) => n.to_string().len(),
                Cell::Fen(f) => n_digits(*f) + 3,
                Cell::Share(_) => 6,
            };
            if widths.len() <= col {
                widths.resize(col + 1, 0);
            }
            widths[col] = widths[col].max(shown);
        }
    }
    widths
}

fn n_digits(fen: i64) -> usize {
    (fen.abs() / 100).to_string().len()
}

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
