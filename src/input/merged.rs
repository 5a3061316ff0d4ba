//! Merged cells of a sheet: Excel keeps a merged area's value in its first
//! cell only, so every other row of it reads blank.

use super::table::{Book, guarded};

/// A merged area of a sheet: rows by their 1-based line, columns 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub lines: (usize, usize),
    pub columns: (usize, usize),
}

impl Merged {
    /// Whether the cell is covered by the area but is not its first cell.
    pub fn hides(&self, line: usize, column: usize) -> bool {
        let inside = (self.lines.0..=self.lines.1).contains(&line)
            && (self.columns.0..=self.columns.1).contains(&column);
        inside && (line, column) != (self.lines.0, self.columns.0)
    }

    /// `A2:A50`.
    pub fn name(&self) -> String {
        format!(
            "{}{}:{}{}",
            column_letters(self.columns.0),
            self.lines.0,
            column_letters(self.columns.1),
            self.lines.1
        )
    }
}

/// `0` → `A`, `27` → `AB`.
pub fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The merged areas of a sheet (xlsx only; other formats report none).
pub(super) fn merged_areas(book: &mut Book, name: &str) -> Vec<Merged> {
    let calamine::Sheets::Xlsx(xlsx) = book else {
        return Vec::new();
    };
    let found = guarded(|| Ok(xlsx.merge_cells_by_sheet_name(name).ok()));
    found
        .ok()
        .flatten()
        .unwrap_or_default()
        .iter()
        .map(|d| Merged {
            lines: (d.start.0 as usize + 1, d.end.0 as usize + 1),
            columns: (d.start.1 as usize, d.end.1 as usize),
        })
        .collect()
}
