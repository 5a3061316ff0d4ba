//! The lines every parents' paper carries besides the child's own: whom to
//! call, how and by when to pay, the basis of the fee, the 告家长书 — the
//! school's own texts from `[papers]`, else kehou's wording. Pure.

use chrono::Weekday;

use crate::config::Config;
use crate::i18n::{Lang, PaperSay, weekday_name};
use crate::model::{Class, Days};
use crate::school::School;

/// Whom a parent of this class calls: the school's text, else the class's
/// head teacher (with the phone the staff file has).
pub fn contact(config: &Config, school: &School, class: &Class) -> String {
    if let Some(text) = &config.papers.contact {
        return text.clone();
    }
    let phone = school
        .staff
        .iter()
        .find(|s| s.id == class.head_teacher)
        .map_or(String::new(), |s| s.phone.clone());
    PaperSay::DefaultContact {
        teacher: school.staff_label(&class.head_teacher),
        phone,
    }
    .render(config.lang)
}

/// How to pay.
pub fn payment(config: &Config) -> String {
    config
        .papers
        .payment
        .clone()
        .unwrap_or_else(|| PaperSay::DefaultPayment.render(config.lang))
}

/// By when to pay.
pub fn pay_by(config: &Config) -> String {
    PaperSay::PayBy(config.papers.pay_by).render(config.lang)
}

/// 收费依据, with the day rates when kehou says it.
pub fn fee_basis(config: &Config) -> String {
    let say = match &config.papers.fee_basis {
        Some(text) => PaperSay::FeeBasis(text.clone()),
        None => PaperSay::DefaultFeeBasis {
            full_fen: config.fees.full_day_fen,
            first_fen: config.fees.first_session_day_fen,
        },
    };
    say.render(config.lang)
}

/// The 告家长书 for a class: the school's letter, else kehou's with the
/// service weekdays and the class's dismissal time.
pub fn letter(config: &Config, class: &Class) -> String {
    if let Some(text) = &config.papers.letter {
        return text.clone();
    }
    let dismissal = config
        .band_of(class.grade)
        .map_or(String::new(), |b| b.dismissal.format("%H:%M").to_string());
    PaperSay::DefaultLetter {
        weekdays: weekday_span(config.lang, config.calendar.weekdays),
        dismissal,
    }
    .render(config.lang)
}

/// Weekdays as a parent reads them: a run of three or more as a span
/// (`周一至周五`), others listed (`周一、周三`).
pub fn weekday_span(lang: Lang, days: Days) -> String {
    let days: Vec<Weekday> = days.iter().collect();
    let run = days
        .windows(2)
        .all(|w| w[1].num_days_from_monday() == w[0].num_days_from_monday() + 1);
    match (days.first(), days.last()) {
        (Some(&first), Some(&last)) if run && days.len() >= 3 => match lang {
            Lang::Zh => format!(
                "{}至{}",
                weekday_name(lang, first),
                weekday_name(lang, last)
            ),
            Lang::En => format!("{}–{}", weekday_name(lang, first), weekday_name(lang, last)),
        },
        _ => {
            let names: Vec<String> = days
                .iter()
                .map(|d| weekday_name(lang, *d).to_string())
                .collect();
            lang.list(&names)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_read_as_a_span_or_a_list() {
        let days = |s: &str| crate::input::parse::days(s).unwrap();
        assert_eq!(weekday_span(Lang::Zh, days("1-5")), "周一至周五");
        assert_eq!(weekday_span(Lang::En, days("1-3")), "Mon–Wed");
        assert_eq!(weekday_span(Lang::Zh, days("1,3,5")), "周一、周三、周五");
        assert_eq!(weekday_span(Lang::Zh, days("2,3")), "周二、周三");
    }
}
