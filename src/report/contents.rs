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

/// The contents sheet for sheets of these (wanted name, title), and the
/// names the workbook will give them, for a workbook written sheet by sheet.
pub fn contents_of(heads: &[(String, String)], lang: Lang) -> (Sheet, Vec<String>) {
    let mut contents = contents_sheet(lang);
    let mut namer = SheetNamer::default();
    namer.name(&contents.name);
    let mut names = Vec::with_capacity(heads.len());
    for (i, (name, title)) in heads.iter().enumerate() {
        let name = namer.name(name);
        contents.rows.push(vec![
            (i + 1).into(),
            Cell::Link(name.clone()),
            Cell::from(title),
        ]);
        names.push(name);
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
