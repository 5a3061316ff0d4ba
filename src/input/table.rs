//! The one table loader every input file goes through.
//!
//! A table is a header row and data rows of text cells, each row knowing its
//! line in the file. It comes from CSV in UTF-8 (with or without BOM),
//! UTF-16 (Excel's "Unicode text") or GB18030/GBK (Excel and WPS on Chinese
//! Windows), comma or tab delimited; or from a spreadsheet (xlsx, xls, ods),
//! first sheet or `file.xlsx#sheet`. Every cell is [`fold`]ed.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use super::bounds::{MAX_FILE_BYTES, read_file};
use super::merged::{Merged, column_letters, merged_areas};
use super::parse::fold;
use super::text::decode;
use crate::i18n::Msg;

/// A loaded table, before its columns are given meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file as the user named it (for messages).
    pub file: String,
    pub headers: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<Row>,
    /// Merged cell areas of a sheet (Excel keeps the value in the first cell only).
    pub merged: Vec<Merged>,
    /// Read from a spreadsheet (cells have types), not from text.
    pub spreadsheet: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file (CSV) or row of the sheet where this row starts.
    pub line: usize,
    /// The cells in one buffer: a term's plan.csv has millions of rows.
    pub cells: csv::StringRecord,
}

impl Row {
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).unwrap_or("")
    }
}

const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Loads `spec` (a path relative to `base`, optionally `#sheet` after a
/// spreadsheet name). `Err` is what is wrong with the whole file: missing,
/// unreadable, not text, no header.
pub fn load(base: &Path, spec: &str) -> Result<Table, Msg> {
    let (path, sheet) = split_sheet(spec);
    let bytes = read_file(&base.join(path), MAX_FILE_BYTES)?;
    from_bytes(spec, &bytes, sheet)
}

/// The same file name with another extension kehou reads, the first that
/// exists beside it (xlsx first): `students.csv` → `students.xlsx`. A sheet
/// after `#` is dropped (it named a sheet of the missing book).
pub fn with_other_extension(base: &Path, spec: &str) -> Option<String> {
    let (path, _) = split_sheet(spec);
    let path = Path::new(path);
    let original = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["xlsx", "xls", "csv", "ods", "xlsm", "txt", "tsv"]
        .into_iter()
        .filter(|ext| !ext.eq_ignore_ascii_case(original))
        .map(|ext| path.with_extension(ext))
        .find(|p| base.join(p).is_file())
        .map(|p| p.display().to_string())
}

/// Splits `book.xlsx#Sheet 2` into the path and the sheet name.
fn split_sheet(spec: &str) -> (&str, Option<&str>) {
    if let Some((path, sheet)) = spec.rsplit_once('#') {
        let is_book = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_book {
            return (path, Some(sheet));
        }
    }
    (spec, None)
}

/// Reads a table from the bytes of a file, recognising spreadsheets by their
/// content (zip or OLE signature), not by the name.
pub fn from_bytes(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, Msg> {
    let (grid, merged_or_csv) =
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            let (rows, merged) = spreadsheet_rows(bytes, sheet)?;
            (rows, (merged, false))
        } else {
            (csv_rows(&decode(bytes)?), (Vec::new(), true))
        };
    let mut rows = grid.into_iter();
    let header = rows.next().ok_or(Msg::NoHeader)?;
    Ok(Table {
        file: file.to_string(),
        headers: header.cells.iter().map(str::to_string).collect(),
        header_line: header.line,
        rows: rows.collect(),
        spreadsheet: !merged_or_csv.1,
        merged: merged_or_csv.0,
    })
}

/// Tab-delimited when the first line has more tabs than commas.
fn csv_rows(text: &str) -> Vec<Row> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let tabs = first_line.matches('\t').count();
    let commas = first_line.matches(',').count();
    let delimiter = if tabs > commas { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv crate's record position can point before skipped blank lines,
    // so the line is counted here: newlines up to the record's first byte.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    // The input is valid UTF-8, so the only possible error is an I/O one on a
    // byte slice, which cannot happen; stop quietly if it ever does.
    while let Ok(true) = reader.read_record(&mut record) {
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let start = start.min(bytes.len()).max(counted_to);
        line += bytes[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        let mut folded = csv::StringRecord::with_capacity(record.as_slice().len(), record.len());
        for field in record.iter() {
            folded.push_field(&fold_cell(field));
        }
        push_record(&mut rows, line, folded);
    }
    rows
}

/// Keeps a row unless every cell is blank.
fn push_row(rows: &mut Vec<Row>, line: usize, cells: Vec<String>) {
    push_record(rows, line, csv::StringRecord::from(cells));
}

fn push_record(rows: &mut Vec<Row>, line: usize, mut cells: csv::StringRecord) {
    let Some(last) = (0..cells.len()).rev().find(|&i| !cells[i].is_empty()) else {
        return;
    };
    cells.truncate(last + 1);
    rows.push(Row { line, cells });
}

/// [`fold`], without the work for the usual plain ASCII cell. A cell kehou
/// (or a spreadsheet) made inert with a leading `'` (`'=1+1`, `'-5`) is read
/// as the text it shows, so an export reads back as it was.
fn fold_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let text = match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    };
    let plain = text.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if plain {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(defuse(fold(text)))
    }
}

/// Control characters other than tab and line breaks (an ESC that clears
/// the screen or hides lines, a BEL, C1 codes) have no place in a school's
/// data: they are kept visible as `\u{1b}` so that no output, terminal or
/// workbook, ever carries them raw.
fn defuse(text: String) -> String {
    let hostile = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !text.chars().any(hostile) {
        return text;
    }
    text.chars()
        .map(|c| {
            if hostile(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub(super) type Book<'a> = calamine::Sheets<Cursor<&'a [u8]>>;

/// Opens a workbook once it is known to be within the limits (a zipped one
/// is looked inside first; an old binary .xls is bounded by its file size).
fn open_book(bytes: &[u8]) -> Result<Book<'_>, Msg> {
    if bytes.starts_with(b"PK\x03\x04") {
        guarded(|| super::workbook::inspect(bytes).map_err(Msg::WorkbookTooLarge))?;
    }
    guarded(|| {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| Msg::FileUnreadable(e.to_string()))
    })
}

/// Runs spreadsheet parsing so that a damaged file the parser cannot cope
/// with (fuzzing found arithmetic overflows in cell references) is reported
/// as unreadable instead of ending the run with a panic.
pub(super) fn guarded<T>(parse: impl FnOnce() -> Result<T, Msg>) -> Result<T, Msg> {
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse));
    std::panic::set_hook(quiet);
    result.unwrap_or_else(|_| {
        Err(Msg::FileUnreadable(
            "the spreadsheet is damaged / 表格文件已损坏".to_string(),
        ))
    })
}

fn spreadsheet_rows(bytes: &[u8], sheet: Option<&str>) -> Result<(Vec<Row>, Vec<Merged>), Msg> {
    let mut book = open_book(bytes)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| fold(n) == fold(wanted))
            .cloned()
            .ok_or_else(|| Msg::SheetMissing {
                sheet: wanted.to_string(),
                found: names.clone(),
            })?,
        None => names.first().cloned().ok_or(Msg::NoHeader)?,
    };
    Ok((
        sheet_rows(&mut book, &name)?,
        merged_areas(&mut book, &name),
    ))
}

fn sheet_rows(book: &mut Book, name: &str) -> Result<Vec<Row>, Msg> {
    let range = guarded(|| {
        book.worksheet_range(name)
            .map_err(|e| Msg::FileUnreadable(e.to_string()))
    })?;
    // A binary .xls (at most 65,536 × 256 cells) is not looked inside
    // first: its grid is checked here, before it is turned into text.
    let (height, width) = range.get_size();
    if (height as u64).saturating_mul(width as u64) > super::bounds::MAX_CELLS {
        let (top, left) = range.start().unwrap_or((0, 0));
        let (bottom, right) = range.end().unwrap_or((0, 0));
        let cell = |r: u32, c: u32| format!("{}{}", column_letters(c as usize), r + 1);
        return Err(Msg::WorkbookTooLarge(super::workbook::Breach::UsedRange {
            part: name.to_string(),
            range: format!("{}:{}", cell(top, left), cell(bottom, right)),
            rows: height as u64,
            columns: width as u64,
        }));
    }
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut texts: Vec<String> = vec![String::new(); left as usize];
        texts.extend(cells.iter().map(cell_text));
        push_row(&mut rows, top as usize + i + 1, texts);
    }
    Ok(rows)
}

/// Every sheet of a workbook as a table named `file#sheet` (empty sheets are
/// left out), or the one table of a CSV file: for reading back filled registers.
pub fn load_all(path: &Path, file: &str) -> Result<Vec<Table>, Msg> {
    let bytes = read_file(path, MAX_FILE_BYTES)?;
    all_from_bytes(file, &bytes)
}

/// [`load_all`] on the bytes of a file.
pub fn all_from_bytes(file: &str, bytes: &[u8]) -> Result<Vec<Table>, Msg> {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])) {
        return Ok(vec![from_bytes(file, bytes, None)?]);
    }
    let mut book = open_book(bytes)?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let mut rows = sheet_rows(&mut book, &name)?.into_iter();
        if let Some(header) = rows.next() {
            tables.push(Table {
                file: format!("{file}#{name}"),
                headers: header.cells.iter().map(str::to_string).collect(),
                header_line: header.line,
                rows: rows.collect(),
                merged: merged_areas(&mut book, &name),
                spreadsheet: true,
            });
        }
    }
    Ok(tables)
}

impl Table {
    /// The same table with its header taken from the first of the first few
    /// rows that has a header matching `wanted` (sheets with a title row above
    /// the table).
    /// Whether [`Table::with_header_containing`] would find its header
    /// (asked without taking, or copying, a table of a million rows).
    pub fn has_header_containing(&self, wanted: &[&str]) -> bool {
        let keys: Vec<String> = wanted.iter().map(|w| super::parse::key(w)).collect();
        let is_key = |c: &str| keys.contains(&super::parse::key(c));
        self.headers.iter().any(|h| is_key(h))
            || self.rows.iter().take(5).any(|r| r.cells.iter().any(is_key))
    }

    pub fn with_header_containing(mut self, wanted: &[&str]) -> Option<Table> {
        let keys: Vec<String> = wanted.iter().map(|w| super::parse::key(w)).collect();
        let is_key = |c: &str| keys.contains(&super::parse::key(c));
        if self.headers.iter().any(|h| is_key(h)) {
            return Some(self);
        }
        let at = self
            .rows
            .iter()
            .take(5)
            .position(|r| r.cells.iter().any(is_key))?;
        let header = self.rows.remove(at);
        self.rows.drain(..at);
        self.headers = header.cells.iter().map(str::to_string).collect();
        self.header_line = header.line;
        Some(self)
    }
}

/// A spreadsheet cell as the text a person sees in it: whole numbers without
/// `.0` (student ids), dates as `YYYY-MM-DD`, times as `HH:MM`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => defuse(fold(s)),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.as_f64() < 1.0 => t.format("%H:%M").to_string(),
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_crlf_blank_lines_and_tabs() {
        let text = "id,name,notes\r\n\r\n1,张三,\"花生过敏,\r\n哮喘\"\r\n,,\r\n2,李四,\r\n";
        let t = from_bytes("s.csv", text.as_bytes(), None).unwrap();
        assert_eq!(t.headers, ["id", "name", "notes"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.rows[0].cell(2), "花生过敏,\r\n哮喘");
        assert_eq!(t.rows[1].line, 6);
        let tabbed = from_bytes("s.txt", "学号\t姓名\n1\t张三\n".as_bytes(), None).unwrap();
        assert_eq!(tabbed.rows[0].cells, vec!["1", "张三"]);
    }

    #[test]
    fn encodings_decode_to_the_same_text() {
        let text = "学号,姓名\n1,张三\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let plain = from_bytes("a", text.as_bytes(), None).unwrap();
        assert_eq!(from_bytes("a", &gb, None).unwrap(), plain);
        assert_eq!(from_bytes("a", &bom, None).unwrap(), plain);
        assert!(from_bytes("a", b"\x89PNG\r\n\x1a\n\0\0\0", None).is_err());
        assert!(from_bytes("a", b"", None).is_err());
    }

    #[test]
    fn sheet_suffix_only_after_a_spreadsheet_name() {
        assert_eq!(split_sheet("a.xlsx#名单"), ("a.xlsx", Some("名单")));
        assert_eq!(split_sheet("a#b.csv"), ("a#b.csv", None));
    }
}
