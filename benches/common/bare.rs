//! The floor: a workbook of the same cells written with rust_xlsxwriter and
//! nothing else (no layout, no formats, no print setup, no temporary files).

use kehou::report::{Cell, Sheet};

pub fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(format!("s{i}")).unwrap();
        ws.write_string(0, 0, &sheet.title).unwrap();
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string(1, c as u16, h).unwrap();
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 2, c as u16);
                match cell {
                    Cell::Text(s) | Cell::Link(s) => ws.write_string(r, c, s).unwrap(),
                    Cell::Int(n) => ws.write_number(r, c, *n as f64).unwrap(),
                    Cell::Fen(f) => ws.write_number(r, c, *f as f64 / 100.0).unwrap(),
                    Cell::Share(x) | Cell::Decimal(x) => ws.write_number(r, c, *x).unwrap(),
                    Cell::Date(d) => ws.write_string(r, c, d.to_string()).unwrap(),
                };
            }
        }
    }
    book.save_to_buffer().unwrap()
}
