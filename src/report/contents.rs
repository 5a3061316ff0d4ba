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
    let mut contents = contents_sheet(lang);
    let mut namer = SheetNamer::default();
    namer.name(&contents.name);
    for (i, sheet) in sheets.iter_mut().enumerate() {
        sheet.name = namer.name(&sheet.name);
        contents.rows.push(vec![
            (i + 1).into(),
            Cell::Link(sheet.name.clone()),
            Cell::from(&sheet.title),
        ]);
    }
    sheets.insert(0, contents);
    sheets
}

/// An empty contents sheet, for a workbook whose sheets are added as they are built.
pub fn contents_sheet(lang: Lang) -> Sheet {
    let l = |x: Label| x.text(lang).to_string();
    Sheet::new(
        &l(Label::Contents),
        "contents",
        l(Label::Contents),
        vec![l(Label::No), l(Label::Contents), l(Label::SheetTitle)],
    )
}
