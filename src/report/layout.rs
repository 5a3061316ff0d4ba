//! How a table lies on an A4 page: column widths chosen for the page (each
//! column capped, long text wrapped), row heights that hold the wrapped lines,
//! and, for one-page sheets, rows as tall as the page allows.
//!
//! Widths are in Excel's character units and heights in points, measured the
//! way Excel measures them for its default font (Calibri 11: a 7-pixel digit,
//! 5 pixels of padding per column, 15-point rows). CJK characters count two.

use super::sheet::{Cell, Sheet};

/// Page margins in inches: left/right, top/bottom, header/footer.
pub const MARGIN_SIDE: f64 = 0.4;
pub const MARGIN_END: f64 = 0.4;
pub const MARGIN_HEADER: f64 = 0.2;

/// A4 in points.
const A4: (f64, f64) = (595.3, 841.9);
const DIGIT_PX: f64 = 7.0;
const PADDING_PX: f64 = 5.0;
/// One line of body text, and of the 14-point title.
pub const LINE_PT: f64 = 15.0;
const TITLE_LINE_PT: f64 = 19.0;
/// A footer line with room to sign on it (about 10 mm).
pub const SIGNATURE_PT: f64 = 30.0;
/// The share of a table's width running text is measured against.
const PROSE_SHARE: f64 = 0.9;
/// A line of running text as LibreOffice sets Chinese at 11 points (Noto
/// Sans CJK stands taller than Calibri's 15-point line).
const PROSE_LINE_PT: f64 = 18.0;
/// What marks a blank to write in on a footer line: a run of underscores,
/// stretched on the sheet to share the table's width.
const BLANK: char = '_';
/// The smallest scale a sheet is laid out for before its columns wrap.
const TARGET_SCALE: f64 = 0.905;
/// No column grows wider than this, whatever it holds; the text wraps instead.
const COLUMN_CAP: f64 = 40.0;
/// A wrapping column keeps at least this much (three CJK characters).
const WRAP_MIN: f64 = 6.0;
/// The tallest a body row of a one-page sheet is made, to write in by hand.
const TALL_ROW_PT: f64 = 26.25;

/// The printable area of an A4 page: width in pixels, height in points.
pub fn printable(landscape: bool) -> (f64, f64) {
    let (w, h) = if landscape { (A4.1, A4.0) } else { A4 };
    let width_pt = w - 2.0 * MARGIN_SIDE * 72.0;
    let height_pt = h - 2.0 * MARGIN_END * 72.0;
    (width_pt / 0.75, height_pt)
}

/// A column `chars` wide, in pixels on screen (Excel's conversion).
pub fn column_px(chars: f64) -> f64 {
    (chars * DIGIT_PX + PADDING_PX).round()
}

/// How a table is laid out: one width per column, one height per body row,
/// and the heights of the title, header and footer rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub widths: Vec<f64>,
    pub title_pt: f64,
    pub header_pt: f64,
    pub rows_pt: Vec<f64>,
    pub footer_pt: Vec<f64>,
    /// Rows (indexes into the body rows) that begin a new printed page: the
    /// sheet's own, and those between pages of slips.
    pub page_breaks: Vec<usize>,
}

impl Layout {
    /// Everything printed, top to bottom, in points, with the plain row that
    /// ends every sheet.
    pub fn height_pt(&self) -> f64 {
        self.title_pt
            + self.header_pt
            + self.rows_pt.iter().sum::<f64>()
            + self.footer_pt.iter().sum::<f64>()
            + LINE_PT
    }
}

/// Lays a sheet out for its page.
pub fn lay_out(sheet: &Sheet) -> Layout {
    let (page_px, page_pt) = printable(sheet.landscape);
    let visible = |c: usize| !sheet.hidden.contains(&c);
    let widths = column_widths(sheet, page_px / TARGET_SCALE, &visible);
    let table_chars: f64 = (0..widths.len())
        .filter(|&c| visible(c))
        .map(|c| widths[c])
        .sum();
    let title_pt = title_height(&sheet.title, table_chars);
    let header_pt = sheet
        .headers
        .iter()
        .enumerate()
        .filter(|(c, _)| visible(*c))
        .map(|(c, h)| lines(h, widths[c]))
        .max()
        .unwrap_or(1) as f64
        * LINE_PT
        + 3.0;
    let header_pt = pixels(header_pt);
    let needed = body_heights(sheet, &widths, &visible);
    let footer_pt = sheet
        .footer
        .iter()
        .map(|f| {
            let text = lines(f, table_chars) as f64 * LINE_PT;
            pixels(if is_signature(f) {
                text.max(SIGNATURE_PT)
            } else {
                text + 3.0
            })
        })
        .collect();
    let mut layout = Layout {
        widths,
        title_pt,
        header_pt,
        rows_pt: row_heights(sheet, &needed),
        footer_pt,
        page_breaks: sheet.page_breaks.clone(),
    };
    if sheet.one_page {
        heighten_rows(&mut layout, &needed, sheet.row_pt, page_pt / TARGET_SCALE);
    }
    if sheet.footer.iter().any(|f| is_signature(f)) || !sheet.sign_rows.is_empty() {
        // A line to sign runs across the page: the table is made as wide as
        // the page at the scale it prints at (wider columns wrap no more).
        let scale = if sheet.one_page {
            ((page_pt / layout.height_pt()).min(1.0) * 100.0).floor() / 100.0
        } else {
            1.0
        };
        let table: f64 = (0..layout.widths.len())
            .filter(|&c| visible(c))
            .map(|c| column_px(layout.widths[c]))
            .sum();
        let spare = page_px / scale - table;
        layout.widths = fill_width(std::mem::take(&mut layout.widths), spare, &visible);
    }
    if !sheet.slips.is_empty() {
        // The lines across a slip wrap at the table's final width.
        let needed = body_heights(sheet, &layout.widths, &visible);
        layout.rows_pt = row_heights(sheet, &needed);
        let chars: f64 = (0..layout.widths.len())
            .filter(|&c| visible(c))
            .map(|c| layout.widths[c])
            .sum();
        layout.title_pt = title_height(&sheet.title, chars);
        let table: f64 = (0..layout.widths.len())
            .filter(|&c| visible(c))
            .map(|c| column_px(layout.widths[c]))
            .sum();
        let scale = ((page_px / table).min(1.0) * 100.0).floor() / 100.0;
        lay_out_slips(&mut layout, &sheet.slips, page_pt / scale);
    }
    layout
}

/// The title's height over a table `chars` wide: its lines at 14 points.
fn title_height(title: &str, chars: f64) -> f64 {
    pixels(lines(title, chars * 11.0 / 14.0) as f64 * TITLE_LINE_PT + 4.0)
}

/// The height each body row needs for its text, in points: its wrapped
/// lines; a row across the table (a heading, running text, a line to sign)
/// wraps at the table's width.
fn body_heights(sheet: &Sheet, widths: &[f64], visible: &dyn Fn(usize) -> bool) -> Vec<f64> {
    let table_chars: f64 = (0..widths.len())
        .filter(|&c| visible(c))
        .map(|c| widths[c])
        .sum();
    sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let lines = match row.first() {
                Some(Cell::Text(t))
                    if sheet.banners.contains(&i) || sheet.sign_rows.contains(&i) =>
                {
                    lines(t, table_chars)
                }
                // Running text wraps where the printed glyphs (a CJK one is a
                // little wider than two digits) reach the edge: measured short.
                Some(Cell::Text(t)) if sheet.prose.contains(&i) => {
                    let lines = lines(t, table_chars * PROSE_SHARE);
                    return lines as f64 * PROSE_LINE_PT + PROSE_LINE_PT / 3.0;
                }
                _ => row_lines(row, widths, visible),
            };
            let text = lines as f64 * LINE_PT;
            if sheet.sign_rows.contains(&i) {
                text.max(SIGNATURE_PT)
            } else {
                text
            }
        })
        .collect()
}

/// Each body row's height: what it needs, at least the sheet's least and
/// its own, in whole pixels.
fn row_heights(sheet: &Sheet, needed: &[f64]) -> Vec<f64> {
    needed
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let tall = sheet.tall_rows.iter().find(|(r, _)| *r == i);
            pixels(n.max(sheet.row_pt).max(tall.map_or(0.0, |t| t.1)))
        })
        .collect()
}

/// The scale a sheet prints at (never above 1, floored to whole percent):
/// one page wide, and a one-page sheet one page tall.
pub fn print_scale(sheet: &Sheet) -> f64 {
    let layout = lay_out(sheet);
    let (page_px, page_pt) = printable(sheet.landscape);
    let table: f64 = (0..layout.widths.len())
        .filter(|c| !sheet.hidden.contains(c))
        .map(|c| column_px(layout.widths[c]))
        .sum();
    let mut ratio = (page_px / table).min(1.0);
    if sheet.one_page {
        ratio = ratio.min(page_pt / layout.height_pt());
    }
    (ratio * 100.0 + 1e-9).floor() / 100.0
}

/// How many A4 pages a sheet prints on, as Excel cuts it: one page wide at
/// the scale that takes (never above 100 %), its rows running on from page
/// to page under the repeated title and header.
pub fn pages(sheet: &Sheet) -> usize {
    let layout = lay_out(sheet);
    if sheet.one_page {
        return 1;
    }
    let (page_px, page_pt) = printable(sheet.landscape);
    let table: f64 = (0..layout.widths.len())
        .filter(|c| !sheet.hidden.contains(c))
        .map(|c| column_px(layout.widths[c]))
        .sum();
    let scale = ((page_px / table).min(1.0) * 100.0).floor() / 100.0;
    let room = page_pt / scale;
    let head = layout.title_pt + layout.header_pt;
    let mut rows = layout.rows_pt.clone();
    rows.extend(&layout.footer_pt);
    rows.push(LINE_PT);
    let (mut pages, mut used) = (1, head);
    for (i, h) in rows.iter().enumerate() {
        let broken = layout.page_breaks.contains(&i);
        if broken || used + h > room {
            pages += 1;
            used = head;
        }
        used += h;
    }
    pages
}

/// The most slips to a page, and the least: fewer than two is one slip a
/// page, whole.
const SLIPS_PER_PAGE: [usize; 3] = [3, 2, 1];

/// Room left on a page of slips for what LibreOffice and Excel measure
/// differently (a pixel a row, rounding).
const SLIP_SLACK_PT: f64 = 12.0;

/// Gives every slip the same height, as many slips to a page as the
/// tallest allows (three, two or one), a page break after each page's last:
/// each slip is whole on one page. The room a slip leaves goes to its cut
/// line (its last row), so the line runs through the gap between slips.
fn lay_out_slips(layout: &mut Layout, starts: &[usize], page_pt: f64) {
    let rows = layout.rows_pt.len();
    let mut ranges: Vec<(usize, usize)> = starts
        .iter()
        .zip(starts.iter().skip(1).chain(std::iter::once(&rows)))
        .map(|(&a, &b)| (a, b))
        .filter(|(a, b)| a < b)
        .collect();
    ranges.dedup();
    let room = page_pt - layout.title_pt - layout.header_pt - SLIP_SLACK_PT;
    let heights: Vec<f64> = ranges
        .iter()
        .map(|&(a, b)| layout.rows_pt[a..b].iter().sum())
        .collect();
    let tallest = heights.iter().copied().fold(0.0, f64::max);
    let per_page = SLIPS_PER_PAGE
        .into_iter()
        .find(|&n| tallest * n as f64 <= room)
        .unwrap_or(1);
    let slot = ((room / per_page as f64) / PIXEL_PT).floor() * PIXEL_PT;
    for (k, (range, height)) in ranges.iter().zip(heights).enumerate() {
        let spare = slot - height;
        if spare > 0.0 && per_page > 1 {
            layout.rows_pt[range.1 - 1] += spare;
        }
        if k > 0 && k % per_page == 0 {
            layout.page_breaks.push(range.0);
        }
    }
    layout.page_breaks.sort_unstable();
    layout.page_breaks.dedup();
}

/// Makes the body rows of a one-page sheet as tall as the page allows at the
/// target scale (room to write by hand), never shorter than they need.
fn heighten_rows(layout: &mut Layout, needed: &[f64], floor: f64, budget_pt: f64) {
    let mut h = TALL_ROW_PT.max(floor);
    loop {
        layout.rows_pt = needed.iter().map(|n| n.max(h)).collect();
        if layout.height_pt() <= budget_pt || h <= floor.max(LINE_PT) {
            return;
        }
        h -= PIXEL_PT;
    }
}

/// Row heights are whole pixels: 0.75 points.
const PIXEL_PT: f64 = 0.75;

/// A height rounded up to whole pixels, as the workbook will store it.
fn pixels(pt: f64) -> f64 {
    (pt / PIXEL_PT).ceil() * PIXEL_PT
}

/// Each column's width: its content's, capped, then narrowed (wrapping
/// columns first, the widest first) until the table fits `page_px`.
fn column_widths(sheet: &Sheet, page_px: f64, visible: &dyn Fn(usize) -> bool) -> Vec<f64> {
    let n = sheet
        .headers
        .len()
        .max(sheet.rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut natural = vec![0.0f64; n];
    let mut least = vec![0.0f64; n];
    for (c, h) in sheet.headers.iter().enumerate() {
        natural[c] = display_width(h).min(8) as f64;
    }
    let across = runs_across(sheet);
    for (_, row) in (sheet.rows.iter().enumerate()).filter(|(i, _)| !across.contains(i)) {
        for (c, cell) in row.iter().enumerate() {
            let (whole, unbreakable) = cell_widths(cell);
            natural[c] = natural[c].max(whole as f64);
            least[c] = least[c].max(unbreakable as f64);
        }
    }
    for (c, w) in &sheet.handwritten {
        if let Some(n) = natural.get_mut(*c) {
            *n = n.max(*w as f64);
        }
        if let Some(l) = least.get_mut(*c) {
            *l = l.max(*w as f64);
        }
    }
    let natural: Vec<f64> = natural
        .iter()
        .map(|w| (w + 1.0).clamp(3.0, COLUMN_CAP))
        .collect();
    let least: Vec<f64> = least
        .iter()
        .zip(&natural)
        .map(|(l, n)| (l + 1.0).max(WRAP_MIN).min(*n))
        .collect();
    let px = |widths: &[f64]| -> f64 {
        (0..widths.len())
            .filter(|&c| visible(c))
            .map(|c| column_px(widths[c]))
            .sum()
    };
    let spare = page_px * TARGET_SCALE - px(&natural);
    if spare >= 0.0 {
        return widen_handwritten(natural, &sheet.handwritten, spare);
    }
    if px(&natural) <= page_px {
        return natural;
    }
    // The largest cap under which the capped widths fit the page.
    let capped = |cap: f64| -> Vec<f64> {
        natural
            .iter()
            .zip(&least)
            .map(|(n, l)| n.min(cap).max(*l))
            .collect()
    };
    let (mut lo, mut hi) = (0.0, COLUMN_CAP);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if px(&capped(mid)) <= page_px {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    capped((lo * 4.0).floor() / 4.0)
}

/// The rows whose one cell is merged across the table (a slip's heading,
/// running text, a line to sign, a cut line): they wrap to the table's
/// width and set no column's.
fn runs_across(sheet: &Sheet) -> std::collections::HashSet<usize> {
    let cuts = (sheet.slips.iter().skip(1).map(|s| s.saturating_sub(1)))
        .chain((!sheet.slips.is_empty()).then(|| sheet.rows.len().saturating_sub(1)));
    (sheet
        .banners
        .iter()
        .chain(&sheet.prose)
        .chain(&sheet.sign_rows))
    .copied()
    .chain(cuts)
    .collect()
}

/// Shares the page's spare width (at full scale) among the columns written
/// in by hand, so a narrow table still leaves room to write.
fn widen_handwritten(
    mut widths: Vec<f64>,
    handwritten: &[(usize, usize)],
    spare_px: f64,
) -> Vec<f64> {
    let columns: Vec<usize> = handwritten
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| *c < widths.len())
        .collect();
    if columns.is_empty() {
        return widths;
    }
    let each = (spare_px / DIGIT_PX / columns.len() as f64)
        .floor()
        .min(8.0);
    for c in columns {
        widths[c] += each;
    }
    widths
}

/// Shares `spare_px` among the visible columns in proportion to their
/// widths, in quarter characters, so the table fills the page's width.
fn fill_width(mut widths: Vec<f64>, spare_px: f64, visible: &dyn Fn(usize) -> bool) -> Vec<f64> {
    let shown: f64 = (0..widths.len())
        .filter(|&c| visible(c))
        .map(|c| widths[c])
        .sum();
    if shown <= 0.0 || spare_px <= 0.0 {
        return widths;
    }
    let spare_chars = spare_px / DIGIT_PX;
    for c in (0..widths.len()).filter(|&c| visible(c)) {
        // Floored, so the rounding never takes the table past the page.
        widths[c] += (widths[c] / shown * spare_chars * 4.0 - 1.0)
            .floor()
            .max(0.0)
            / 4.0;
    }
    widths
}

/// Whether a footer line has blanks to write in (a signature, a count).
pub fn is_signature(line: &str) -> bool {
    line.contains(BLANK)
}

/// A footer line with its blanks stretched to share the room left on a
/// line `table_px` wide (the table's width in pixels), so the line runs
/// across the page.
pub fn stretch_blanks(line: &str, table_px: f64) -> String {
    let runs = line.split(|c| c != BLANK).filter(|r| !r.is_empty()).count();
    // A little padding at each end of the merged cell.
    let room = table_px - 2.0 * PADDING_PX;
    let used = line_px(line);
    if runs == 0 || used >= room || line.contains('\n') {
        return line.to_string();
    }
    let more = ((room - used) / BLANK_PX).floor() as usize;
    let (each, mut rest) = (more / runs, more % runs);
    let mut out = String::with_capacity(line.len() + more);
    let mut in_run = false;
    for c in line.chars() {
        if c == BLANK && !in_run {
            in_run = true;
            let extra = each + usize::from(rest > 0);
            rest = rest.saturating_sub(1);
            out.extend(std::iter::repeat_n(BLANK, extra));
        } else if c != BLANK {
            in_run = false;
        }
        out.push(c);
    }
    out
}

/// A cut line across a table `table_px` wide: the label (`✂ - - -`) with
/// dashes to the table's edge.
pub fn cut_line(label: &str, table_px: f64) -> String {
    let room = table_px - 2.0 * PADDING_PX;
    let mut line = label.trim_end().to_string();
    while line_px(&line) + DASH_PX <= room {
        line.push_str(" -");
    }
    line
}

/// ` -` in pixels (Calibri 11: a space and a hyphen).
const DASH_PX: f64 = 3.3 + 4.2;

/// An underscore's width in pixels (Calibri 11).
const BLANK_PX: f64 = 7.1;

/// How wide a line prints in pixels at Calibri 11 (a CJK character at
/// 11 points, a space narrower than a digit).
fn line_px(line: &str) -> f64 {
    line.chars()
        .map(|c| match c {
            ' ' => 3.3,
            '-' => 4.2,
            BLANK => BLANK_PX,
            c if char_width(c) == 2 => 14.7,
            _ => DIGIT_PX,
        })
        .sum()
}

/// A cell's printed width, and the width of its longest piece that cannot be
/// wrapped (a number, an id, a word).
fn cell_widths(cell: &Cell) -> (usize, usize) {
    match cell {
        // Ids, times and phones are plain ASCII on one line: their width is their length.
        Cell::Text(s) | Cell::Link(s) if s.is_ascii() && !s.contains('\n') => {
            let word = s.split(' ').map(str::len).max().unwrap_or(0);
            (s.len(), word)
        }
        Cell::Text(s) | Cell::Link(s) => (display_width(s), longest_word(s)),
        Cell::Int(n) => {
            let w =
                n.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1 + usize::from(*n < 0);
            (w, w)
        }
        Cell::Fen(f) => {
            let w = (f.abs() / 100).to_string().len() + 3 + usize::from(*f < 0);
            (w, w)
        }
        Cell::Decimal(_) => (6, 6),
        Cell::Share(_) => (6, 6),
        Cell::Date(_) => (10, 10),
    }
}

/// How many lines a row needs: its tallest wrapped cell.
fn row_lines(row: &[Cell], widths: &[f64], visible: &dyn Fn(usize) -> bool) -> usize {
    row.iter()
        .enumerate()
        .filter(|(c, _)| visible(*c))
        .map(|(c, cell)| match cell {
            // A text no longer in bytes than the column is wide fits on a line.
            Cell::Text(s) if (s.len() as f64) <= widths[c] - 1.0 && !s.contains('\n') => 1,
            Cell::Text(s) => lines(s, widths[c]),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

/// How a text prints: CJK and full-width characters take two columns.
pub fn display_width(text: &str) -> usize {
    text.lines().map(line_width).max().unwrap_or(0)
}

fn char_width(c: char) -> usize {
    if (c as u32) >= 0x1100 { 2 } else { 1 }
}

fn line_width(line: &str) -> usize {
    line.chars().map(char_width).sum()
}

/// The widest run of characters a line may not be broken inside: Latin
/// letters and digits without a space.
fn longest_word(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || char_width(c) == 2)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// How many lines `text` takes in a column `chars` wide, wrapped the way a
/// spreadsheet does: between CJK characters, at spaces, inside a word only
/// when the word alone is too long.
pub fn lines(text: &str, chars: f64) -> usize {
    // Excel leaves about a character of the width as padding.
    let room = ((chars - 1.0).max(2.0)) as usize;
    text.lines()
        .map(|l| wrapped_lines(l, room))
        .sum::<usize>()
        .max(1)
}

fn wrapped_lines(line: &str, room: usize) -> usize {
    let mut count = 1;
    let mut used = 0;
    for piece in pieces(line) {
        let w = line_width(piece);
        let is_space = piece.chars().all(char::is_whitespace);
        if used + w <= room {
            used += w;
        } else if is_space {
            // A space at a line's end is swallowed by the break.
            count += 1;
            used = 0;
        } else if w <= room {
            count += 1;
            used = w;
        } else {
            // A word wider than the column is broken where it reaches the edge.
            let total = used + w;
            count += total / room;
            used = total % room;
        }
    }
    count
}

/// A line cut where it may wrap: each CJK character alone, runs of other
/// characters, runs of spaces.
fn pieces(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let end = if char_width(first) == 2 {
            first.len_utf8()
        } else {
            let space = first.is_whitespace();
            rest.char_indices()
                .find(|&(_, c)| char_width(c) == 2 || c.is_whitespace() != space)
                .map_or(rest.len(), |(i, _)| i)
        };
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_between_cjk_characters_and_at_spaces() {
        assert_eq!(lines("花生过敏", 9.0), 1);
        assert_eq!(lines("花生过敏,需随身携带肾上腺素笔", 9.0), 4);
        assert_eq!(lines("allergic to peanuts", 10.0), 3);
        assert_eq!(lines("a\nb", 10.0), 2);
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("1234567890123", 6.0), 3);
    }

    #[test]
    fn cell_widths_count_digits_and_words() {
        assert_eq!(cell_widths(&Cell::Int(0)), (1, 1));
        assert_eq!(cell_widths(&Cell::Int(-120)), (4, 4));
        assert_eq!(cell_widths(&Cell::from("ab cdef")), (7, 4));
        assert_eq!(cell_widths(&Cell::from("张三 abc")), (8, 3));
    }

    #[test]
    fn long_columns_are_capped_and_wrapped_to_fit_the_page() {
        let mut s = Sheet::new("x", "x", "title".into(), vec!["序号".into(), "备注".into()]);
        for i in 0..40 {
            s.rows
                .push(vec![Cell::Int(i), Cell::from("注".repeat(200))]);
        }
        let layout = lay_out(&s);
        assert!(layout.widths[1] <= COLUMN_CAP);
        assert!(layout.rows_pt.iter().all(|h| *h >= 5.0 * LINE_PT));
    }

    #[test]
    fn blanks_stretch_to_fill_the_line() {
        let line = "到 ____,签名 ____";
        let wide = stretch_blanks(line, 300.0);
        let px = line_px(&wide);
        assert!(px <= 290.0 && px > 290.0 - 2.0 * BLANK_PX, "{px}");
        let (a, b) = wide.split_once(',').unwrap();
        assert!(a.matches('_').count().abs_diff(b.matches('_').count()) <= 1);
        assert_eq!(stretch_blanks(line, 50.0), line);
        assert_eq!(stretch_blanks("合计 3", 300.0), "合计 3");
    }

    #[test]
    fn a_sheet_with_a_line_to_sign_is_as_wide_as_the_page() {
        let mut s = Sheet::new("x", "x", "title".into(), vec!["日期".into(), "时长".into()]);
        s.rows.push(vec![Cell::from("2026-09-08"), Cell::Int(40)]);
        s.footer = vec!["签名 ____".into()];
        let layout = lay_out(&s);
        let table: f64 = layout.widths.iter().map(|w| column_px(*w)).sum();
        let (page, _) = printable(false);
        assert!(table <= page && table >= page - 20.0, "{table} of {page}");
        assert!(layout.footer_pt[0] >= SIGNATURE_PT);
    }

    #[test]
    fn one_page_sheets_get_rows_to_write_in() {
        let mut s = Sheet::new("x", "x", "title".into(), vec!["姓名".into()]);
        s.one_page = true;
        for _ in 0..20 {
            s.rows.push(vec![Cell::from("张三")]);
        }
        let layout = lay_out(&s);
        assert_eq!(layout.rows_pt[0], TALL_ROW_PT);
        for _ in 0..25 {
            s.rows.push(vec![Cell::from("张三")]);
        }
        let layout = lay_out(&s);
        let (_, page) = printable(false);
        assert!(layout.height_pt() <= page / TARGET_SCALE);
        assert!(layout.rows_pt[0] >= 16.0 && layout.rows_pt[0] < TALL_ROW_PT);
    }

    #[test]
    fn rows_run_on_to_as_many_pages_as_they_fill() {
        let mut s = Sheet::new("x", "x", "title".into(), vec!["姓名".into()]);
        s.row_pt = 20.0;
        let rows = |s: &mut Sheet, n: usize| {
            s.rows = (0..n).map(|_| vec![Cell::from("张三")]).collect();
        };
        // 784 pt of page: the title, the header and 36 rows of 20 pt fit.
        rows(&mut s, 30);
        assert_eq!(pages(&s), 1);
        rows(&mut s, 40);
        assert_eq!(pages(&s), 2);
        rows(&mut s, 100);
        assert_eq!(pages(&s), 3);
    }
}
