//! Bytes of a CSV file to text: BOM, UTF-8, UTF-16 or GB18030, and NUL
//! bytes reported where they are.

use std::borrow::Cow;

use crate::i18n::Msg;

/// BOM first, then valid UTF-8, then GB18030 (a superset of GBK and GB2312).
/// A few NUL bytes in otherwise good text are reported where they are; many
/// make it a binary file.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Msg> {
    let text = text_of(bytes).ok_or(Msg::NotText)?;
    let Some(at) = text.find('\0') else {
        return Ok(text);
    };
    if text.matches('\0').count() > 8 {
        return Err(Msg::NotText);
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Err(Msg::NulByte { line, column })
}

fn text_of(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(std::str::from_utf8(rest).ok()?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        encoding_rs::UTF_16LE.decode_without_bom_handling_and_without_replacement(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        encoding_rs::UTF_16BE.decode_without_bom_handling_and_without_replacement(rest)?
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Cow::Borrowed(text)
    } else {
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?
    };
    Some(text)
}
