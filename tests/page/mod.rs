//! A worksheet's printed pages, read back from the workbook's own settings
//! (the XML inside the xlsx: paper, orientation, margins, fit-to-page,
//! column widths, row heights, merged cells, manual page breaks) and measured
//! the way Excel measures them (Calibri 11: a 7-pixel digit, 5 pixels of
//! padding).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// One worksheet's print settings and the size of what it prints.
#[derive(Debug)]
pub struct Printed {
    pub name: String,
    pub paper: u32,
    pub landscape: bool,
    /// `fitToWidth`, `fitToHeight` when fit-to-page is on.
    pub fit: Option<(u32, u32)>,
    pub scale: u32,
    pub margins: [f64; 4],
    /// The printed table's width and height in points.
    pub width_pt: f64,
    pub height_pt: f64,
    /// Heights of the data rows (below the two title rows), in points.
    pub body_rows_pt: Vec<f64>,
    /// Every row's height in points, by its 1-based number (index 0 unused).
    pub rows_pt: Vec<f64>,
    /// The last column (1-based) and row of the sheet.
    pub max_col: u32,
    pub max_row: u32,
    /// Merged areas: (first column, first row, last column, last row), 1-based.
    pub merged: Vec<(u32, u32, u32, u32)>,
    /// Rows (1-based) after which a manual page break falls.
    pub breaks: Vec<u32>,
    /// The text of every cell, by (row, column), 1-based.
    pub text: BTreeMap<(u32, u32), String>,
    /// The cells holding a number, by (row, column), 1-based.
    pub numbers: std::collections::BTreeSet<(u32, u32)>,
    /// Rows printed at the top of every page (the title and the header).
    pub repeated: u32,
    /// Each column's printed width in points (0 when hidden), by its
    /// 1-based number (index 0 unused).
    pub columns: Vec<f64>,
}

/// A4: 210 × 297 mm in points.
pub const A4_PT: (f64, f64) = (595.28, 841.89);

impl Printed {
    /// The scale Excel prints at: with fit-to-page, the largest whole
    /// percentage (at most 100) at which the table fits the printable area
    /// `fitToWidth` pages wide and (unless 0) `fitToHeight` pages tall.
    pub fn print_scale(&self) -> u32 {
        let Some((w, h)) = self.fit else {
            return self.scale;
        };
        let (room_w, room_h) = self.printable_pt();
        let room_w = room_w * w.max(1) as f64;
        let room_h = room_h * h as f64;
        let mut ratio = (room_w / self.width_pt).min(1.0);
        if h > 0 {
            ratio = ratio.min(room_h / self.height_pt);
        }
        (ratio * 100.0 + 1e-9).floor() as u32
    }

    /// The printable area of a page, in points: width and height.
    pub fn printable_pt(&self) -> (f64, f64) {
        let (page_w, page_h) = if self.landscape {
            (A4_PT.1, A4_PT.0)
        } else {
            A4_PT
        };
        let [left, right, top, bottom] = self.margins;
        (
            page_w - (left + right) * 72.0,
            page_h - (top + bottom) * 72.0,
        )
    }

    /// The page each row prints on (1-based, index 0 unused), as Excel cuts
    /// them at the print scale: at a manual break, or when the next row would
    /// pass the page's foot; the repeated rows head every page.
    pub fn page_of_rows(&self) -> Vec<u32> {
        let scale = self.print_scale() as f64 / 100.0;
        let (_, room) = self.printable_pt();
        let room = room / scale;
        let head: f64 = self.rows_pt[1..=self.repeated.min(self.max_row) as usize]
            .iter()
            .sum();
        let mut pages = vec![0; self.max_row as usize + 1];
        let (mut page, mut used) = (1, 0.0);
        for (r, on) in pages.iter_mut().enumerate().skip(1) {
            let h = self.rows_pt[r];
            if r as u32 > self.repeated && used + h > room + 0.01 {
                page += 1;
                used = head;
            }
            *on = page;
            used += h;
            if self.breaks.contains(&(r as u32)) {
                page += 1;
                used = head;
            }
        }
        pages
    }

    /// How many pages the sheet prints on.
    pub fn pages(&self) -> u32 {
        if self.fit == Some((1, 1)) {
            return 1;
        }
        *self.page_of_rows().iter().max().unwrap_or(&1)
    }

    /// The merged area that begins at this cell.
    pub fn merged_from(&self, col: u32, row: u32) -> Option<(u32, u32, u32, u32)> {
        self.merged
            .iter()
            .copied()
            .find(|m| m.0 == col && m.1 == row)
    }

    /// The rows below the header holding a line to sign or fill in (a
    /// cell with a run of underscores).
    pub fn lines_to_sign(&self) -> Vec<(u32, &str)> {
        self.text
            .iter()
            .filter(|((r, _), t)| *r > 2 && t.contains("___"))
            .map(|((r, _), t)| (*r, t.as_str()))
            .collect()
    }

    /// The width in points columns `first..=last` (1-based) print at 100 %.
    pub fn columns_pt(&self, first: u32, last: u32) -> f64 {
        (first..=last).map(|c| self.columns[c as usize]).sum()
    }
}

/// Excel's pixels for a column of `width` characters (its own formula).
pub fn column_px(width: f64) -> f64 {
    (((256.0 * width + (128.0f64 / 7.0).trunc()) / 256.0) * 7.0).trunc()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn num(tag: &str, name: &str) -> Option<f64> {
    attr(tag, name)?.parse().ok()
}

/// Every `<name .../>` or `<name ...>` opening tag in the XML.
fn tags<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap() + i;
        out.push(&rest[i..=end]);
        rest = &rest[end..];
    }
    out
}

/// `K31` → (11, 31).
pub fn cell_ref(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters
        .chars()
        .fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    (col, r[letters.len()..].parse().unwrap())
}

/// The text runs (`<t>…</t>`) of an XML fragment, joined and unescaped.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<t") {
        let after = &rest[i + 2..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let open = after.find('>').unwrap() + 1;
        let close = after.find("</t>").unwrap();
        out += &after[open..close];
        rest = &after[close..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every text cell of a sheet, by (row, column): shared strings and
/// inline strings (a streamed sheet writes those).
fn cell_texts(xml: &str, shared: &[String]) -> BTreeMap<(u32, u32), String> {
    let mut out = BTreeMap::new();
    for piece in xml.split("<c ").skip(1) {
        let tag = &piece[..piece.find('>').unwrap()];
        let Some(r) = attr(&format!(" {tag}"), "r") else {
            continue;
        };
        let (col, row) = cell_ref(&r);
        let body = &piece[..piece.find("</c>").unwrap_or(piece.len())];
        let kind = attr(&format!(" {tag}"), "t");
        let text = match kind.as_deref() {
            Some("s") => {
                let v = body
                    .split("<v>")
                    .nth(1)
                    .map(|v| &v[..v.find("</v>").unwrap()]);
                v.and_then(|v| v.parse::<usize>().ok())
                    .and_then(|i| shared.get(i).cloned())
            }
            Some("inlineStr") | Some("str") => Some(text_of(body)),
            _ => None,
        };
        if let Some(text) = text {
            out.insert((row, col), text);
        }
    }
    out
}

/// The cells of a sheet holding a number (a value without a text type).
fn number_cells(xml: &str) -> std::collections::BTreeSet<(u32, u32)> {
    let mut out = std::collections::BTreeSet::new();
    for piece in xml.split("<c ").skip(1) {
        let tag = format!(" {}", &piece[..piece.find('>').unwrap()]);
        let body = &piece[..piece.find("</c>").unwrap_or(piece.len())];
        if let (Some(r), None, true) = (attr(&tag, "r"), attr(&tag, "t"), body.contains("<v>")) {
            let (col, row) = cell_ref(&r);
            out.insert((row, col));
        }
    }
    out
}

pub fn read_sheet(name: String, xml: &str, shared: &[String]) -> Printed {
    let dimension = attr(tags(xml, "dimension")[0], "ref").unwrap();
    let (max_col, max_row) = cell_ref(dimension.rsplit(':').next().unwrap());
    let setup = tags(xml, "pageSetup").first().copied().unwrap_or("");
    let margins = tags(xml, "pageMargins")[0];
    let fit_on = xml.contains("<pageSetUpPr fitToPage=\"1\"/>");
    let default_row = tags(xml, "sheetFormatPr")
        .first()
        .and_then(|t| num(t, "defaultRowHeight"))
        .unwrap_or(15.0);
    // A column without a width of its own is Excel's default, 64 pixels.
    let mut widths = vec![(None, false); max_col as usize + 1];
    for col in tags(xml, "col") {
        let (min, max) = (num(col, "min").unwrap(), num(col, "max").unwrap());
        let last = (max as usize).min(max_col as usize);
        for w in widths.iter_mut().take(last + 1).skip(min as usize) {
            *w = (num(col, "width"), attr(col, "hidden").is_some());
        }
    }
    let mut columns = vec![0.0];
    columns.extend(widths[1..].iter().map(|(w, hidden)| {
        if *hidden {
            0.0
        } else {
            w.map_or(64.0, column_px) * 0.75
        }
    }));
    let mut heights = vec![default_row; max_row as usize + 1];
    for row in tags(xml, "row") {
        let r = num(row, "r").unwrap() as usize;
        if let Some(ht) = num(row, "ht") {
            heights[r] = ht;
        }
    }
    let merged = tags(xml, "mergeCell")
        .into_iter()
        .map(|m| {
            let range = attr(m, "ref").unwrap();
            let (a, b) = range.split_once(':').unwrap();
            let ((c0, r0), (c1, r1)) = (cell_ref(a), cell_ref(b));
            (c0, r0, c1, r1)
        })
        .collect();
    let breaks = xml
        .split("<rowBreaks")
        .nth(1)
        .map(|b| &b[..b.find("</rowBreaks>").unwrap()])
        .map_or(Vec::new(), |b| {
            tags(b, "brk")
                .into_iter()
                .map(|t| num(t, "id").unwrap() as u32)
                .collect()
        });
    // `_xlnm.Print_Titles` lives in the workbook; every kehou sheet repeats
    // its title and header rows.
    let repeated = 2;
    Printed {
        name,
        paper: num(setup, "paperSize").unwrap_or(1.0) as u32,
        landscape: attr(setup, "orientation").as_deref() == Some("landscape"),
        fit: fit_on.then(|| {
            (
                num(setup, "fitToWidth").unwrap_or(1.0) as u32,
                num(setup, "fitToHeight").unwrap_or(1.0) as u32,
            )
        }),
        scale: num(setup, "scale").unwrap_or(100.0) as u32,
        margins: ["left", "right", "top", "bottom"].map(|m| num(margins, m).unwrap()),
        width_pt: columns.iter().sum(),
        height_pt: heights[1..].iter().sum(),
        body_rows_pt: heights[3..=(max_row as usize).max(2)].to_vec(),
        rows_pt: heights,
        max_col,
        max_row,
        merged,
        breaks,
        text: cell_texts(xml, shared),
        numbers: number_cells(xml),
        repeated,
        columns,
    }
}

/// Every worksheet of a workbook, in order, with its number of rows.
pub fn read_workbook(path: &Path) -> Vec<(Printed, usize)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = |name: &str| {
        let mut s = String::new();
        if let Ok(mut f) = zip.by_name(name) {
            f.read_to_string(&mut s).unwrap();
        }
        s
    };
    let workbook = text("xl/workbook.xml");
    let rels = text("xl/_rels/workbook.xml.rels");
    let shared: Vec<String> = text("xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(|si| text_of(&si[..si.find("</si>").unwrap()]))
        .collect();
    let mut out = Vec::new();
    for sheet in tags(&workbook, "sheet") {
        let name = attr(sheet, "name").unwrap();
        let id = attr(sheet, "r:id").unwrap();
        let rel = tags(&rels, "Relationship")
            .into_iter()
            .find(|r| attr(r, "Id").as_deref() == Some(&id))
            .unwrap();
        let xml = text(&format!("xl/{}", attr(rel, "Target").unwrap()));
        let rows = xml.matches("<row ").count();
        out.push((read_sheet(name, &xml, &shared), rows));
    }
    out
}

/// Checks that every line to sign on the sheet is merged across the whole
/// table, prints as wide as the page's printable width, and is tall enough
/// to write on (8 mm as printed); returns how many there were.
pub fn assert_lines_to_sign(sheet: &Printed) -> usize {
    let lines = sheet.lines_to_sign();
    for &(row, line) in &lines {
        assert_line_across(sheet, row, line);
    }
    lines.len()
}

/// A line to sign or fill in is merged across the whole table, prints at
/// 95 % of the printable width or more and 8 mm tall or more.
pub fn assert_line_across(sheet: &Printed, row: u32, line: &str) {
    let scale = sheet.print_scale() as f64 / 100.0;
    let (page_w, _) = sheet.printable_pt();
    let area = sheet
        .merged
        .iter()
        .find(|m| m.1 == row && m.3 == row && m.0 == 1);
    let Some(&(_, _, last, _)) = area else {
        panic!("{}: line {row} ({line}) is not merged across", sheet.name);
    };
    assert_eq!(last, sheet.max_col, "{}: line {row} ends early", sheet.name);
    let wide = sheet.columns_pt(1, last) * scale;
    assert!(
        wide >= page_w * 0.95,
        "{}: line {row} prints {wide:.0} pt wide of {page_w:.0}",
        sheet.name
    );
    let tall = sheet.rows_pt[row as usize] * scale;
    assert!(
        tall >= 8.0 / 25.4 * 72.0,
        "{}: line {row} prints {tall:.1} pt tall",
        sheet.name
    );
}
