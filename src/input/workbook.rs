//! Looking inside a zipped workbook (xlsx, ods) before the spreadsheet parser
//! does: the parser allocates a grid as large as the cells' references say,
//! so a 32 KB file with one cell at XFD1048576 would ask for hundreds of
//! gigabytes. Here every part is unzipped into a counter (never kept), its
//! real size bounded, and every worksheet's `<dimension>`, `<row r>` and
//! `<c r>` scanned, so a file over the limits is refused with the part and
//! the cell that break them, before anything is allocated for it.

use std::io::{Cursor, Read};

use super::bounds::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHARED_STRINGS, MAX_UNZIPPED_BYTES};

/// Which limit a workbook breaks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// The parts unzip to more than [`MAX_UNZIPPED_BYTES`] (counted up to `part`).
    Unzipped { part: String },
    /// A cell or row reference beyond Excel's last row or column, or unreadable.
    CellBeyondSheet { part: String, cell: String },
    /// The used range (rows × columns) is over [`MAX_CELLS`].
    UsedRange {
        part: String,
        /// `A1:XFD1048576`.
        range: String,
        rows: u64,
        columns: u64,
    },
    /// The shared-strings table declares more strings than [`MAX_SHARED_STRINGS`].
    SharedStrings { part: String, count: u64 },
    /// The zip itself cannot be read.
    Damaged(String),
}

/// Checks a zipped workbook against the limits without keeping what it unzips.
pub fn inspect(bytes: &[u8]) -> Result<(), Breach> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Breach::Damaged(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| Breach::Damaged(e.to_string()))?;
        let part = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let left = MAX_UNZIPPED_BYTES - total;
        if entry.size() > left {
            return Err(Breach::Unzipped { part });
        }
        let mut scan = PartScan::new(&part);
        let mut chunk = vec![0u8; 64 * 1024];
        let mut reader = (&mut entry).take(left + 1);
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(Breach::Damaged(format!("{part}: {e}"))),
            };
            total += n as u64;
            if total > MAX_UNZIPPED_BYTES {
                return Err(Breach::Unzipped { part });
            }
            scan.feed(&chunk[..n])?;
        }
        scan.finish()?;
    }
    Ok(())
}

/// What a part is scanned for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Worksheet,
    SharedStrings,
    /// An OpenDocument spreadsheet's `content.xml`: rows and cells with repeats.
    OdsContent,
    Other,
}

/// A streaming scan of one part's XML tags.
struct PartScan {
    part: String,
    kind: Kind,
    /// An unfinished tag carried over from the last chunk.
    carry: Vec<u8>,
    row: u64,
    column: u64,
    /// (first row, last row, first column, last column) of the cells seen.
    used: Option<(u64, u64, u64, u64)>,
    /// How many times the current OpenDocument row repeats.
    row_repeats: u64,
}

/// A tag longer than this is not one a spreadsheet writes.
const MAX_TAG_BYTES: usize = 1024 * 1024;

impl PartScan {
    fn new(part: &str) -> PartScan {
        let lower = part.to_ascii_lowercase();
        let kind = if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
            Kind::Worksheet
        } else if lower.ends_with("sharedstrings.xml") {
            Kind::SharedStrings
        } else if lower == "content.xml" {
            Kind::OdsContent
        } else {
            Kind::Other
        };
        PartScan {
            part: part.to_string(),
            kind,
            carry: Vec::new(),
            row: 0,
            column: 0,
            used: None,
            row_repeats: 1,
        }
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), Breach> {
        if self.kind == Kind::Other {
            return Ok(());
        }
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        let mut at = 0;
        while let Some(lt) = memchr(b'<', &buf[at..]).map(|i| at + i) {
            let Some(gt) = memchr(b'>', &buf[lt..]).map(|i| lt + i) else {
                at = lt;
                break;
            };
            self.tag(&buf[lt + 1..gt])?;
            at = gt + 1;
        }
        if at < buf.len() && buf[at] == b'<' {
            if buf.len() - at > MAX_TAG_BYTES {
                return Err(Breach::Damaged(format!("{}: a tag without end", self.part)));
            }
            self.carry = buf[at..].to_vec();
        }
        Ok(())
    }

    fn tag(&mut self, tag: &[u8]) -> Result<(), Breach> {
        if let Some(end) = tag.strip_prefix(b"/") {
            return self.end_tag(end);
        }
        if tag.starts_with(b"?") || tag.starts_with(b"!") {
            return Ok(());
        }
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        // Namespaced sheets write `<x:c>`.
        let name = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        match (self.kind, name) {
            (Kind::Worksheet, b"row") => self.row_tag(tag),
            (Kind::Worksheet, b"c") => self.cell_tag(tag),
            (Kind::Worksheet, b"dimension") => self.dimension_tag(tag),
            (Kind::SharedStrings, b"sst") => self.strings_tag(tag),
            (Kind::OdsContent, b"table") => self.next_table(),
            (Kind::OdsContent, b"table-row") => {
                self.row_repeats = count(attr(tag, b"table:number-rows-repeated"));
                self.column = 0;
                Ok(())
            }
            (Kind::OdsContent, b"table-cell" | b"covered-table-cell") => self.ods_cell(tag),
            _ => Ok(()),
        }
    }

    fn end_tag(&mut self, name: &[u8]) -> Result<(), Breach> {
        if self.kind == Kind::OdsContent && name.ends_with(b"table-row") {
            self.row = self.row.saturating_add(self.row_repeats);
            self.row_repeats = 1;
        }
        Ok(())
    }

    /// An OpenDocument cell: repeated across columns, its row repeated down;
    /// the parser expands both for cells that hold anything.
    fn ods_cell(&mut self, tag: &[u8]) -> Result<(), Breach> {
        let repeats = count(attr(tag, b"table:number-columns-repeated"));
        let holds_something = !tag.ends_with(b"/") || attr(tag, b"office:value-type").is_some();
        let first = self.column.saturating_add(1);
        self.column = self.column.saturating_add(repeats);
        if holds_something {
            let rows = (self.row + 1, self.row.saturating_add(self.row_repeats));
            let (r0, r1, c0, c1) = self.used.unwrap_or((rows.0, rows.1, first, self.column));
            self.used = Some((
                r0.min(rows.0),
                r1.max(rows.1),
                c0.min(first),
                c1.max(self.column),
            ));
        }
        Ok(())
    }

    /// A new sheet of an OpenDocument file: the last one is checked, then counting restarts.
    fn next_table(&mut self) -> Result<(), Breach> {
        self.check_used()?;
        (self.row, self.column, self.used) = (0, 0, None);
        Ok(())
    }

    fn row_tag(&mut self, tag: &[u8]) -> Result<(), Breach> {
        self.row = match attr(tag, b"r") {
            Some(r) => std::str::from_utf8(r)
                .ok()
                .and_then(|r| r.parse::<u64>().ok())
                .filter(|r| (1..=MAX_ROWS).contains(r))
                .ok_or_else(|| self.beyond(r))?,
            None => self.row + 1,
        };
        self.column = 0;
        Ok(())
    }

    fn cell_tag(&mut self, tag: &[u8]) -> Result<(), Breach> {
        let (row, column) = match attr(tag, b"r") {
            Some(r) => cell_ref(r).ok_or_else(|| self.beyond(r))?,
            None => (self.row.max(1), self.column + 1),
        };
        if column > MAX_COLUMNS {
            return Err(self.beyond(b"?"));
        }
        self.row = row;
        self.column = column;
        let (r0, r1, c0, c1) = self.used.unwrap_or((row, row, column, column));
        self.used = Some((r0.min(row), r1.max(row), c0.min(column), c1.max(column)));
        Ok(())
    }

    fn dimension_tag(&mut self, tag: &[u8]) -> Result<(), Breach> {
        let Some(range) = attr(tag, b"ref") else {
            return Ok(());
        };
        for corner in range.split(|b| *b == b':') {
            cell_ref(corner).ok_or_else(|| self.beyond(range))?;
        }
        Ok(())
    }

    fn strings_tag(&mut self, tag: &[u8]) -> Result<(), Breach> {
        for key in [b"uniqueCount".as_slice(), b"count"] {
            let count = attr(tag, key)
                .and_then(|v| std::str::from_utf8(v).ok())
                .and_then(|v| v.parse::<u64>().ok());
            if let Some(count) = count.filter(|c| *c > MAX_SHARED_STRINGS) {
                let part = self.part.clone();
                return Err(Breach::SharedStrings { part, count });
            }
        }
        Ok(())
    }

    fn beyond(&self, cell: &[u8]) -> Breach {
        let cell: String = String::from_utf8_lossy(cell).chars().take(30).collect();
        Breach::CellBeyondSheet {
            part: self.part.clone(),
            cell,
        }
    }

    fn finish(self) -> Result<(), Breach> {
        self.check_used()
    }

    fn check_used(&self) -> Result<(), Breach> {
        let Some((r0, r1, c0, c1)) = self.used else {
            return Ok(());
        };
        let (rows, columns) = (r1 - r0 + 1, c1 - c0 + 1);
        if rows.saturating_mul(columns) > MAX_CELLS {
            let cell = |r: u64, c: u64| {
                let c = c.min(MAX_COLUMNS * 26) as usize;
                format!("{}{r}", super::column_letters(c - 1))
            };
            return Err(Breach::UsedRange {
                part: self.part.clone(),
                range: format!("{}:{}", cell(r0, c0), cell(r1, c1)),
                rows,
                columns,
            });
        }
        Ok(())
    }
}

/// A repeat count (`number-columns-repeated="3"`): 1 when absent, the
/// largest number when it does not fit.
fn count(value: Option<&[u8]>) -> u64 {
    value.map_or(1, |v| {
        std::str::from_utf8(v)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(u64::MAX)
            .max(1)
    })
}

/// `XFD1048576` → (row 1,048,576, column 16,384), both 1-based, inside
/// Excel's limits; `None` otherwise.
fn cell_ref(text: &[u8]) -> Option<(u64, u64)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = text.split_at(letters);
    if !(1..=3).contains(&letters) || row.is_empty() || row.len() > 7 {
        return None;
    }
    let column = col.iter().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row: u64 = std::str::from_utf8(row).ok()?.parse().ok()?;
    ((1..=MAX_ROWS).contains(&row) && column <= MAX_COLUMNS).then_some((row, column))
}

/// The value of attribute `name` in a tag's text (`c r="A1" t="s"`).
fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(i) = find(&tag[at..], name).map(|i| at + i) {
        let before_ok = i > 0 && tag[i - 1].is_ascii_whitespace();
        let rest = &tag[i + name.len()..];
        if before_ok && rest.len() >= 2 && rest[0] == b'=' && matches!(rest[1], b'"' | b'\'') {
            let quote = rest[1];
            let value = &rest[2..];
            let end = memchr(quote, value)?;
            return Some(&value[..end]);
        }
        at = i + 1;
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_within_excel_only() {
        assert_eq!(cell_ref(b"A1"), Some((1, 1)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref(b"XFE1"), None);
        assert_eq!(cell_ref(b"A1048577"), None);
        assert_eq!(cell_ref(b"A4294967295"), None);
        assert_eq!(cell_ref(b"A0"), None);
    }

    #[test]
    fn repeated_open_document_cells_count_only_when_they_hold_something() {
        let mut scan = PartScan::new("content.xml");
        let xml = b"<table:table><table:table-row><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row><table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row></table:table>";
        scan.feed(xml).unwrap();
        assert_eq!(scan.used, Some((1, 1, 1, 1)));
        scan.finish().unwrap();
        let mut scan = PartScan::new("content.xml");
        let bomb = b"<table:table><table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\"/></table:table-row></table:table>";
        scan.feed(bomb).unwrap();
        assert!(matches!(scan.finish(), Err(Breach::UsedRange { .. })));
    }

    #[test]
    fn attributes_by_whole_name() {
        let tag = b"c spans=\"1:2\" r=\"B7\" t='s'";
        assert_eq!(attr(tag, b"r"), Some(b"B7".as_slice()));
        assert_eq!(attr(tag, b"t"), Some(b"s".as_slice()));
        assert_eq!(attr(b"row spans=\"1:3\"", b"r"), None);
    }

    #[test]
    fn one_far_cell_is_a_used_range_breach_across_chunks() {
        let mut scan = PartScan::new("xl/worksheets/sheet1.xml");
        let xml = b"<sheetData><row r=\"1\"><c r=\"A1\"/></row><row r=\"1048576\"><c r=\"XFD1048576\"/></row>";
        for chunk in xml.chunks(7) {
            scan.feed(chunk).unwrap();
        }
        assert!(matches!(scan.finish(), Err(Breach::UsedRange { .. })));
        let mut scan = PartScan::new("xl/worksheets/sheet1.xml");
        let far = scan.feed(b"<row r=\"4294967295\">");
        assert!(matches!(far, Err(Breach::CellBeyondSheet { .. })));
    }
}
