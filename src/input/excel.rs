//! Values Excel damaged on their way into a file: long numbers shown in
//! scientific notation (`1.39597E+10`) and saved that way, ids turned into
//! floats (`202601001.0`) or stripped of their leading zeros, dates saved as
//! serial day numbers in a CSV, merged cells that leave every row but the
//! first blank. Each is named once, at its cell, with the cause.

use super::parse;
use super::problem::Severity;
use super::table::Table;
use crate::i18n::Msg;

/// Columns whose text is printed or matched digit for digit.
const DIGIT_EXACT: [&str; 2] = ["id", "phone"];
/// Columns holding dates.
const DATES: [&str; 4] = ["date", "from", "to", "effective"];

/// Whether cells of column `field` can carry Excel's damage.
pub fn watches(field: &str) -> bool {
    DIGIT_EXACT.contains(&field) || DATES.contains(&field)
}

/// What Excel did to this cell of column `field`, if anything.
pub fn damage(table: &Table, field: &str, text: &str) -> Option<(Severity, Msg)> {
    if DIGIT_EXACT.contains(&field) {
        if is_scientific(text) {
            return Some((Severity::Error, Msg::ExcelScientific));
        }
        if is_float_of_whole(text) {
            return Some((Severity::Error, Msg::ExcelFloat));
        }
    }
    if DATES.contains(&field) && !table.spreadsheet && is_serial(text) {
        let date = parse::date(text)?;
        return Some((Severity::Warning, Msg::ExcelDateSerial { date }));
    }
    None
}

/// `1.39597E+10`, `2.02601E+11`, `1E+15`.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(whole) && digits(frac) && digits(exponent)
}

/// `202601001.0`: a whole number Excel or a script saved as a float.
fn is_float_of_whole(text: &str) -> bool {
    let Some((whole, frac)) = text.split_once('.') else {
        return false;
    };
    whole.len() >= 3
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b == b'0')
}

/// A date column holding a bare day number in the years 1955–2119.
fn is_serial(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The width of the column's zero-padded numeric ids (`0123` → 4), if it has any.
pub fn padded_width(table: &Table, column: usize) -> Option<usize> {
    table
        .rows
        .iter()
        .map(|r| r.cell(column))
        .filter(|t| t.len() > 1 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()))
        .map(str::len)
        .max()
}

/// Whether an id is shorter than the column's zero-padded ids, as if Excel
/// had read it as a number and dropped its zeros.
pub fn lost_zeros(text: &str, width: usize) -> bool {
    !text.is_empty()
        && text.len() < width
        && !text.starts_with('0')
        && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_spellings() {
        assert!(is_scientific("1.39597E+10"));
        assert!(is_scientific("2.02601e11"));
        assert!(!is_scientific("E1"));
        assert!(!is_scientific("13800001111"));
        assert!(is_float_of_whole("202601001.0"));
        assert!(!is_float_of_whole("6.50"));
        assert!(is_serial("46272"));
        assert!(lost_zeros("123", 4));
        assert!(!lost_zeros("0123", 4));
        assert!(!lost_zeros("S12", 4));
    }
}
