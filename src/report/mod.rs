//! Workbooks for people: each file here turns computed values into [`Sheet`]s.

pub mod absence_message;
pub mod assess;
pub mod book;
pub mod care_log;
pub mod consent;
pub mod contents;
pub mod daily;
pub mod dismissal;
pub mod duty;
pub mod fee_notices;
pub mod fees;
pub mod followup;
pub mod handover;
pub mod hours;
pub mod incidents;
pub mod layout;
pub mod notices;
pub mod payments;
pub mod plan_placing;
pub mod plan_summary;
pub mod roll;
pub mod rosters;
pub mod rounds;
pub mod sheet;
pub mod signin;
pub mod slips;
pub mod timetable;
pub mod timetable_class;
pub mod timetable_summary;
pub mod timetable_views;
pub mod volunteers;
pub mod weekly;
pub mod worksheet;

pub use sheet::{Cell, Chart, Sheet};

use crate::i18n::{Label, Lang, weekday_name};
use crate::model::{Days, Pickup, Session};

/// How a plan group reads on a sheet: a club by its name, anything else as is.
pub fn group_name(school: &crate::school::School, kind: crate::plan::Kind, group: &str) -> String {
    match kind {
        crate::plan::Kind::Club => school
            .club(group)
            .map_or(group.to_string(), |c| c.name.clone()),
        _ => group.to_string(),
    }
}

/// A group's display name when its kind is not at hand: a club id becomes its name.
pub fn group_name_any(school: &crate::school::School, group: &str) -> String {
    school
        .club(group)
        .map_or(group.to_string(), |c| c.name.clone())
}

/// `13812341234` → `138****1234`; anything too short to mask is starred whole.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let keep_end = 4;
    let keep_start = 3;
    chars[..keep_start].iter().collect::<String>()
        + &"*".repeat(chars.len() - keep_start - keep_end)
        + &chars[chars.len() - keep_end..].iter().collect::<String>()
}

/// The phone as this sheet may show it.
pub fn phone(phone: &str, mask: bool) -> String {
    if mask {
        mask_phone(phone)
    } else {
        phone.to_string()
    }
}

/// Weekdays as people write them (`周一、周三`); empty means every service day.
pub fn days_text(lang: Lang, days: Days, service: Days) -> String {
    let days = if days.is_empty() { service } else { days };
    let names: Vec<String> = days
        .iter()
        .map(|d| weekday_name(lang, d).to_string())
        .collect();
    lang.list(&names)
}

pub fn session_text(lang: Lang, session: Session) -> &'static str {
    match session {
        Session::Full => Label::SessionFull.text(lang),
        Session::First => Label::SessionFirst.text(lang),
    }
}

pub fn pickup_text(lang: Lang, pickup: Pickup) -> &'static str {
    match pickup {
        Pickup::Parent => Label::PickupParent.text(lang),
        Pickup::Alone => Label::PickupSelf.text(lang),
        Pickup::Bus => Label::PickupBus.text(lang),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn phones_are_masked_in_the_middle() {
        assert_eq!(super::mask_phone("13812341234"), "138****1234");
        assert_eq!(super::mask_phone("1234"), "****");
    }
}
