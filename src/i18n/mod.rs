//! Every piece of text a user reads, in Chinese (the default) and English.
//!
//! Code elsewhere never writes a user-facing sentence itself: it builds a
//! [`Msg`] (with the values that go into it) or names a [`Label`], and this
//! module renders it in the configured [`Lang`].

mod clerk;
mod complaint;
pub mod duties;
mod guide;
pub mod help;
mod hostile;
mod label;
mod msg;
mod papers;
mod placing;
mod refusal;
mod say;
mod state;
mod usage;

pub use clerk::Refs;
pub use complaint::toml_said;
pub use duties::{DutyLabel, DutyMsg, DutySay};
pub use guide::Guide;
pub use label::Label;
pub use msg::Msg;
pub use papers::{PaperSay, PaperText};
pub use placing::Placing;
pub use refusal::{Refusal, io_reason};
pub use say::Say;
pub use state::StateSay;
pub use usage::Usage;

use serde::Deserialize;

/// The language of everything kehou prints or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Joins a list the way the language does.
    pub fn list(self, items: &[String]) -> String {
        items.join(self.pick("、", ", "))
    }
}

/// "1st choice", "第1志愿".
pub fn nth_choice(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第{n}志愿"),
        Lang::En => match n {
            1 => "1st choice".to_string(),
            2 => "2nd choice".to_string(),
            3 => "3rd choice".to_string(),
            n => format!("{n}th choice"),
        },
    }
}

/// "周一 第2段" / "Mon block 2".
pub fn day_block(lang: Lang, weekday: chrono::Weekday, block: u8) -> String {
    match lang {
        Lang::Zh => format!("{} 第{block}段", weekday_name(lang, weekday)),
        Lang::En => format!("{} block {block}", weekday_name(lang, weekday)),
    }
}

/// Weekday names, Monday first.
pub fn weekday_name(lang: Lang, weekday: chrono::Weekday) -> &'static str {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = weekday.num_days_from_monday() as usize;
    lang.pick(ZH[i], EN[i])
}
