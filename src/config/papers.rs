//! `[papers]`: the school's own texts on parents' papers (the 告家长书 above
//! each consent slip, how and by when to pay, whom to call, the basis of the
//! fee), each read from a text file in the school's folder, and the date fees
//! are due. A key left out means kehou's own wording (see `i18n::papers`).

use chrono::NaiveDate;
use serde::Deserialize;

use super::check::{Checker, Text};
use super::leaves_folder;
use crate::i18n::{Msg, PaperText};
use crate::input::{Severity, bounds, parse};

/// The longest text a paper carries (a page of 告家长书 is about 1,500 characters).
pub const MAX_TEXT_CHARS: usize = 4_000;

/// `[papers]` as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RawPapers {
    pub(super) letter: Option<Text>,
    pub(super) payment: Option<Text>,
    pub(super) contact: Option<Text>,
    pub(super) fee_basis: Option<Text>,
    pub(super) pay_by: Option<Text>,
}

/// The texts read, each `None` when the school left it to kehou.
#[derive(Debug, Clone, Default)]
pub struct PapersConf {
    /// 告家长书: the letter printed above each consent slip.
    pub letter: Option<String>,
    /// How to pay (channel, account, what to keep), on every fee notice.
    pub payment: Option<String>,
    /// The office to call and its phone, on every parents' paper.
    pub contact: Option<String>,
    /// 收费依据: the document or rule the fee is charged under.
    pub fee_basis: Option<String>,
    /// The last day to pay, on every fee notice.
    pub pay_by: Option<NaiveDate>,
}

impl Checker<'_> {
    /// Reads each text `[papers]` names from the school's folder; a file that
    /// is missing, unreadable, not text, empty or too long is an error at its
    /// key, naming the file and what it should hold.
    pub(super) fn papers(
        &mut self,
        raw: &RawPapers,
        dir: &std::path::Path,
        outside_folder: bool,
    ) -> PapersConf {
        let mut text = |at: &Option<Text>, what: PaperText| -> Option<String> {
            let at = at.as_ref()?;
            let path = match at.get_ref() {
                toml::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
                toml::Value::String(_) => return None,
                _ => {
                    self.report(at, Severity::Error, unreadable(what, "", Msg::NotText));
                    return None;
                }
            };
            if !outside_folder && leaves_folder(&path) {
                let msg = unreadable(what, &path, Msg::OutsideFolder);
                self.report(at, Severity::Error, msg);
                return None;
            }
            match read_text(&dir.join(&path)) {
                Ok(text) => Some(text),
                Err(why) => {
                    self.report(at, Severity::Error, unreadable(what, &path, why));
                    None
                }
            }
        };
        let letter = text(&raw.letter, PaperText::Letter);
        let payment = text(&raw.payment, PaperText::Payment);
        let contact = text(&raw.contact, PaperText::Contact);
        let fee_basis = text(&raw.fee_basis, PaperText::FeeBasis);
        let pay_by = raw
            .pay_by
            .as_ref()
            .and_then(|at| self.read(at, parse::date, Msg::BadDate));
        PapersConf {
            letter,
            payment,
            contact,
            fee_basis,
            pay_by,
        }
    }
}

fn unreadable(what: PaperText, path: &str, why: Msg) -> Msg {
    Msg::PaperTextUnreadable {
        what,
        path: path.to_string(),
        why: Box::new(why),
    }
}

/// A paper's text: a regular file, UTF-8 or GBK (as Notepad and WPS save
/// it), not empty, line ends made `\n`, trailing blank lines dropped.
fn read_text(path: &std::path::Path) -> Result<String, Msg> {
    let bytes = bounds::read_file(path, bounds::MAX_CONFIG_BYTES)?;
    let text = crate::input::decode_text(&bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.contains('\0') {
        return Err(Msg::NotText);
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let text = lines.join("\n").trim_matches('\n').to_string();
    let chars = text.chars().count();
    if text.trim().is_empty() {
        return Err(Msg::EmptyPaperText);
    }
    if chars > MAX_TEXT_CHARS {
        return Err(Msg::ConfigTextTooLong {
            key: "papers",
            chars,
            limit: MAX_TEXT_CHARS,
        });
    }
    Ok(text)
}
