//! Workbooks with cells near the origin or far past Excel's sheet: the
//! limits are checked by looking inside the file, before the spreadsheet
//! parser allocates a grid for it.

use kehou::input::bounds::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use kehou::input::workbook::inspect;

/// A workbook of one sheet holding a cell at each of `cells` (row, column).
fn book(cells: &[(u64, u64)]) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from("<worksheet><sheetData>");
    for (row, column) in cells {
        let letters = kehou::input::column_letters(*column as usize - 1);
        xml += &format!("<row r=\"{row}\"><c r=\"{letters}{row}\"><v>1</v></c></row>");
    }
    xml += "</sheetData></worksheet>";
    let parts = [
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", xml),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Cells near the origin or far beyond Excel's limits: a sheet is read
    /// exactly when its references are within the limits, never a panic.
    #[test]
    fn far_cells_are_refused_before_the_parser_allocates(
        cells in proptest::collection::vec(
            (
                proptest::prop_oneof![1u64..20, 1_000_000u64..5_000_000_000],
                proptest::prop_oneof![1u64..8, 10_000u64..20_000],
            ),
            1..6,
        )
    ) {
        let bytes = book(&cells);
        let beyond = cells.iter().any(|&(r, c)| r > MAX_ROWS || c > MAX_COLUMNS);
        let rows = cells.iter().map(|c| c.0).max().unwrap() - cells.iter().map(|c| c.0).min().unwrap() + 1;
        let columns = cells.iter().map(|c| c.1).max().unwrap() - cells.iter().map(|c| c.1).min().unwrap() + 1;
        let refused = beyond || rows * columns > MAX_CELLS;
        proptest::prop_assert_eq!(inspect(&bytes).is_err(), refused);
        let read = kehou::input::from_bytes("s.xlsx", &bytes, None);
        if refused {
            let refused_here = matches!(read, Err(kehou::i18n::Msg::WorkbookTooLarge(_)));
            proptest::prop_assert!(refused_here);
        }
    }
}
