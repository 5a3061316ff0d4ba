//! The contents sheet (目录) in front of a workbook of many sheets: every
//! sheet's name, linked, and its title.

use super::sheet::SheetNamer;
use super::{Cell, Sheet};
use crate::i18n::{Label, Lang};

/// Workbooks with more sheets than this get a contents sheet.
pub const CONTENTS_AFTER: usize = 10;

/// The sheets with a contents sheet in front when there are more than
/// [`CONTENTS_AFTER`]. Each sheet is given its final name here, so the links
/// point where the workbook will put it.
pub fn with_contents(mut sheets: Vec<Sheet>, lang: Lang) -> Vec<Sheet> {
    if sheets.len() <= CONTENTS_AFTER {
        return sheets;
    }
    let heads: Vec<(String, String)> = sheets
        .iter()
        .map(|s| (s.name.clone(), s.title.clone()))
        .collect();
    let (contents, names) = contents_of(&heads, lang);
    for (sheet, name) in sheets.iter_mut().zip(names) {
        sheet.name = name;
    }
    sheets.insert(0, contents);
    sheets
}

/// The most rows of a contents sheet that print on two pages.
const TWO_PAGES_ROWS: usize = 90;

/// The most sheets named side by side on a row of the contents.
const MOST_A_ROW: usize = 4;

/// The contents sheet for sheets of these (wanted name, title), and the
/// names the workbook will give them, for a workbook written sheet by sheet.
/// Up to [`TWO_PAGES_ROWS`] sheets are a row each with their titles; more
/// are named side by side (each sheet's title is on the sheet), so the
/// contents print on at most two pages.
pub fn contents_of(heads: &[(String, String)], lang: Lang) -> (Sheet, Vec<String>) {
    let mut contents = contents_sheet(lang);
    let mut namer = SheetNamer::default();
    namer.name(&contents.name);
    let names: Vec<String> = heads.iter().map(|(name, _)| namer.name(name)).collect();
    let per_row = heads.len().div_ceil(TWO_PAGES_ROWS).clamp(1, MOST_A_ROW);
    if per_row == 1 {
        for (i, ((_, title), name)) in heads.iter().zip(&names).enumerate() {
            contents.rows.push(vec![
                (i + 1).into(),
                Cell::Link(name.clone()),
                Cell::from(title),
            ]);
        }
        return (contents, names);
    }
    let l = |x: Label| x.text(lang).to_string();
    contents.headers = (0..per_row)
        .flat_map(|_| [l(Label::No), l(Label::Sheet)])
        .collect();
    // Down the columns, as a reader expects: 1..k in the first, then on.
    let rows = names.len().div_ceil(per_row);
    for r in 0..rows {
        let row = (0..per_row)
            .filter_map(|c| names.get(c * rows + r).map(|n| (c * rows + r, n)))
            .flat_map(|(i, n)| [(i + 1).into(), Cell::Link(n.clone())])
            .collect();
        contents.rows.push(row);
    }
    (contents, names)
}

/// An empty contents sheet, for a workbook whose sheets are added as they are built.
pub fn contents_sheet(lang: Lang) -> Sheet {
    let l = |x: Label| x.text(lang).to_string();
    Sheet::new(
        &l(Label::Contents),
        "contents",
        l(Label::Contents),
        vec![l(Label::No), l(Label::Sheet), l(Label::SheetTitle)],
    )
}
