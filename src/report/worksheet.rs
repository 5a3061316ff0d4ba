//! One [`Sheet`] written to an xlsx worksheet, print-ready: the layout's
//! widths and heights, a title across the table, a bold header repeated on
//! every page, thin borders, lines to sign, A4 and page numbers.

use chrono::Datelike;
use rust_xlsxwriter::{
    Chart as XlsxChart, ChartType, DataValidation, ExcelDateTime, Format, FormatAlign,
    FormatBorder, FormatUnderline, Url, Worksheet,
};

use super::layout::{self, Layout};
use super::{Cell, Chart, Sheet};

pub fn fill(ws: &mut Worksheet, sheet: &Sheet, name: &str) -> anyhow::Result<()> {
    let layout = layout::lay_out(sheet);
    let formats = Formats::new();
    for (col, w) in layout.widths.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    for &col in &sheet.hidden {
        ws.set_column_hidden(col as u16)?;
    }
    let last_col = (layout.widths.len().max(1) - 1) as u16;
    title_block(ws, sheet, &layout, &formats, last_col)?;
    let head_row = 1;
    let table_px = table_px(sheet, &layout);
    let cut_lines: Vec<usize> = sheet
        .slips
        .iter()
        .skip(1)
        .map(|&s| s.saturating_sub(1))
        .chain((!sheet.slips.is_empty()).then(|| sheet.rows.len().saturating_sub(1)))
        .collect();
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = head_row + 1 + i as u32;
        match row.first() {
            Some(Cell::Text(t)) if cut_lines.contains(&i) && last_col > 0 => {
                let line = layout::cut_line(t, table_px);
                ws.merge_range(r, 0, r, last_col, &line, &formats.cut)?;
            }
            Some(Cell::Text(t)) if sheet.sign_rows.contains(&i) && last_col > 0 => {
                let line = layout::stretch_blanks(t, table_px);
                ws.merge_range(r, 0, r, last_col, &line, &formats.sign)?;
            }
            Some(Cell::Text(t)) if sheet.prose.contains(&i) && last_col > 0 => {
                ws.merge_range(r, 0, r, last_col, t, &formats.prose)?;
            }
            Some(Cell::Text(t)) if sheet.banners.contains(&i) && last_col > 0 => {
                ws.merge_range(r, 0, r, last_col, t, &formats.banner)?;
            }
            _ => {
                for (col, cell) in row.iter().enumerate() {
                    write_cell(ws, r, col as u16, cell, &formats)?;
                }
            }
        }
        // After the cells: a streamed sheet flushes a row's height with them.
        // A row of the default height is left alone: rust_xlsxwriter writes
        // it the same either way, but keeps every height it is given for the
        // life of the workbook, streamed or not (hundreds of MB for a big
        // school's million rows).
        if row.is_empty() || !is_default_height(layout.rows_pt[i]) {
            ws.set_row_height(r, layout.rows_pt[i])?;
        }
    }
    let after = head_row + 1 + sheet.rows.len() as u32;
    signature_lines(ws, sheet, &layout, &formats, after)?;
    if let Some(c) = &sheet.chart {
        let at = after + sheet.footer.len() as u32 + 1;
        // Dates along the axis read as dates, not serial numbers (LibreOffice).
        let dates = (sheet.rows.get(c.first_row))
            .and_then(|r| r.get(c.label_column))
            .is_some_and(|cell| matches!(cell, Cell::Date(_)));
        ws.insert_chart(at, 0, &chart(c, name, head_row + 1, dates))?;
    }
    if let Some((col, list)) = &sheet.choices
        && !sheet.rows.is_empty()
    {
        let last = head_row + sheet.rows.len() as u32;
        let validation = DataValidation::new().allow_list_strings(list)?;
        for &col in std::iter::once(col).chain(&sheet.choice_columns) {
            ws.add_data_validation(head_row + 1, col as u16, last, col as u16, &validation)?;
        }
    }
    print_setup(ws, sheet, &layout, head_row)
}

/// Whether a row of this height (points) is written as a row of Excel's
/// default height: rust_xlsxwriter rounds it to pixels and writes no height
/// for its 20-pixel (15-point) default.
fn is_default_height(pt: f64) -> bool {
    (pt * 4.0 / 3.0).round() as u32 == DEFAULT_ROW_PX
}

/// rust_xlsxwriter's default row height in pixels (15 points).
const DEFAULT_ROW_PX: u32 = 20;

/// Gives the workbook every format a sheet uses, in a fixed order (the
/// worksheets filled side by side then only look them up).
pub fn register_formats(book: &mut rust_xlsxwriter::Workbook) {
    for format in Formats::new().all() {
        book.register_format(format);
    }
}

/// The cell formats every sheet shares.
struct Formats {
    title: Format,
    head: Format,
    text: Format,
    number: Format,
    money: Format,
    share: Format,
    decimal: Format,
    date: Format,
    link: Format,
    footer: Format,
    banner: Format,
    cut: Format,
    prose: Format,
    sign: Format,
}

impl Formats {
    /// Every format, in a fixed order (a field left out does not compile).
    fn all(&self) -> [&Format; 14] {
        let Formats {
            title,
            head,
            text,
            number,
            money,
            share,
            decimal,
            date,
            link,
            footer,
            banner,
            cut,
            prose,
            sign,
        } = self;
        [
            title, head, text, number, money, share, decimal, date, link, footer, banner, cut,
            prose, sign,
        ]
    }

    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            head: cell
                .clone()
                .set_bold()
                .set_background_color(0xD9E1F2)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell.clone().set_text_wrap(),
            number: cell.clone(),
            money: cell.clone().set_num_format("0.00"),
            share: cell.clone().set_num_format("0.0%"),
            decimal: cell.clone().set_num_format("0.0"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            link: cell
                .clone()
                .set_font_color(0x0563C1)
                .set_underline(FormatUnderline::Single),
            footer: Format::new().set_text_wrap().set_align(FormatAlign::Bottom),
            banner: cell.clone().set_bold().set_text_wrap(),
            cut: Format::new()
                .set_font_color(0x808080)
                .set_align(FormatAlign::VerticalCenter),
            prose: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            sign: cell.clone().set_align(FormatAlign::Bottom),
        }
    }
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell, f: &Formats) -> anyhow::Result<()> {
    match cell {
        // Written as a string, so text starting with `=` stays text.
        Cell::Text(s) => ws.write_string_with_format(r, c, s, &f.text)?,
        Cell::Int(n) => ws.write_number_with_format(r, c, *n as f64, &f.number)?,
        Cell::Fen(x) => ws.write_number_with_format(r, c, *x as f64 / 100.0, &f.money)?,
        Cell::Share(x) => ws.write_number_with_format(r, c, *x, &f.share)?,
        Cell::Decimal(x) => ws.write_number_with_format(r, c, *x, &f.decimal)?,
        // A date Excel cannot hold (before 1900) is written as text.
        Cell::Date(d) => match u16::try_from(d.year())
            .ok()
            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok())
        {
            Some(when) => ws.write_datetime_with_format(r, c, &when, &f.date)?,
            None => ws.write_string_with_format(r, c, d.to_string(), &f.text)?,
        },
        Cell::Link(to) => {
            let url = Url::new(format!("internal:'{}'!A1", to.replace('\'', "''"))).set_text(to);
            ws.write_url_with_format(r, c, url, &f.link)?
        }
    };
    Ok(())
}

/// The title across the whole table (wrapped when long) and the header row.
fn title_block(
    ws: &mut Worksheet,
    sheet: &Sheet,
    layout: &Layout,
    f: &Formats,
    last_col: u16,
) -> anyhow::Result<()> {
    if last_col > 0 {
        ws.merge_range(0, 0, 0, last_col, &sheet.title, &f.title)?;
    } else {
        ws.write_string_with_format(0, 0, &sheet.title, &f.title)?;
    }
    ws.set_row_height(0, layout.title_pt)?;
    for (col, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(1, col as u16, h, &f.head)?;
    }
    ws.set_row_height(1, layout.header_pt)?;
    Ok(())
}

/// The lines under the table (totals, signatures), each merged across the
/// table (as wide as the page when it has a line to sign), its blanks
/// stretched to share the line, tall enough to write on.
fn signature_lines(
    ws: &mut Worksheet,
    sheet: &Sheet,
    layout: &Layout,
    f: &Formats,
    first_row: u32,
) -> anyhow::Result<()> {
    let last_col = (layout.widths.len().max(1) - 1) as u16;
    let table_px = table_px(sheet, layout);
    for (i, line) in sheet.footer.iter().enumerate() {
        let r = first_row + i as u32;
        let line = layout::stretch_blanks(line, table_px);
        // `record` skips a merged line under a sign-in sheet's rows: it
        // spans the key column and holds no key.
        if last_col > 0 {
            ws.merge_range(r, 0, r, last_col, &line, &f.footer)?;
        } else {
            ws.write_string_with_format(r, 0, &line, &f.footer)?;
        }
        ws.set_row_height(r, layout.footer_pt[i])?;
    }
    // A plain last row: a streamed sheet writes its last row twice when that
    // row has a height of its own (rust_xlsxwriter 0.102), which Excel rejects.
    let end = first_row + sheet.footer.len() as u32;
    ws.write_blank(end, 0, &f.footer)?;
    Ok(())
}

/// The printed table's width in pixels.
fn table_px(sheet: &Sheet, layout: &Layout) -> f64 {
    (0..layout.widths.len())
        .filter(|c| !sheet.hidden.contains(c))
        .map(|c| layout::column_px(layout.widths[c]))
        .sum()
}

fn chart(c: &Chart, name: &str, first_data_row: u32, dates: bool) -> XlsxChart {
    let (first, last) = (
        first_data_row + c.first_row as u32,
        first_data_row + c.last_row as u32,
    );
    let (label, value) = (c.label_column as u16, c.value_column as u16);
    let mut chart = XlsxChart::new(ChartType::Column);
    chart.title().set_name(&c.title);
    chart.legend().set_hidden();
    chart
        .add_series()
        .set_categories((name, first, label, last, label))
        .set_values((name, first, value, last, value));
    if dates {
        chart.x_axis().set_date_axis(true).set_num_format("mm-dd");
    }
    if c.percent {
        // A whole scale, so a 0.4-point difference does not look threefold.
        chart
            .y_axis()
            .set_min(0.0)
            .set_max(1.0)
            .set_num_format("0%");
    }
    chart
}

/// The plan version the workbooks made next are made from (the one in force
/// on the dates they print), at the right of every page's footer so that a
/// stale print is recognisable.
static PLAN_VERSION: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Names the plan version in the workbooks made from now on (a run making
/// one workbook per date names each date's version before making it).
pub fn stamp_plan_version(text: String) {
    *PLAN_VERSION.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
}

/// A4, the sheet's orientation, one page wide (and tall, for a one-page
/// sheet), header rows repeated, centred, page numbers, the sheet's page breaks.
fn print_setup(
    ws: &mut Worksheet,
    sheet: &Sheet,
    layout: &Layout,
    head_row: u32,
) -> anyhow::Result<()> {
    ws.set_paper_size(9);
    if sheet.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, if sheet.one_page { 1 } else { 0 });
    ws.set_repeat_rows(0, head_row)?;
    ws.set_freeze_panes(head_row + 1, 0)?;
    ws.set_margins(
        layout::MARGIN_SIDE,
        layout::MARGIN_SIDE,
        layout::MARGIN_END,
        layout::MARGIN_END,
        layout::MARGIN_HEADER,
        layout::MARGIN_HEADER,
    );
    ws.set_print_center_horizontally(true);
    let stamp = PLAN_VERSION
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    match stamp {
        Some(version) => ws.set_footer(format!("&C&P / &N&R{}", version.replace('&', "&&"))),
        None => ws.set_footer("&C&P / &N"),
    };
    if !sheet.page_header.is_empty() {
        // `&` starts a code in a header: a literal one is written twice.
        ws.set_header(format!("&L{}", sheet.page_header.replace('&', "&&")));
    }
    if !layout.page_breaks.is_empty() {
        let breaks: Vec<u32> = layout
            .page_breaks
            .iter()
            .map(|&r| head_row + 1 + r as u32)
            .collect();
        ws.set_page_breaks(&breaks)?;
    }
    Ok(())
}
