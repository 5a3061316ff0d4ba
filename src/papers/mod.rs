//! Papers for families, coaches and inspectors, computed (purely) from what
//! the plan, the slips, the ledger and the fees already hold: placement
//! notices, club and room rosters, the monthly register, payments.

pub mod group_names;
pub mod notice;
pub mod payments;
pub mod roll;
pub mod roll_read;
pub mod roster;
pub mod slip;
pub mod texts;

use chrono::NaiveDate;

use crate::config::Config;

/// The date a paper describes: the one asked for, else the plan's own date,
/// kept within the term.
pub fn as_of(config: &Config, asked: Option<NaiveDate>, planned: Option<NaiveDate>) -> NaiveDate {
    let date = asked.or(planned).unwrap_or(config.calendar.start);
    let kept = config.calendar.clamp(date);
    if let Some(asked) = asked.filter(|a| *a != kept) {
        // Said, not silently moved: the papers say another date than asked.
        let moved = crate::i18n::Say::DateMovedIntoTerm { asked, used: kept };
        eprintln!("{}", moved.render(config.lang));
    }
    kept
}

/// Each student's place in class order (then by id), for sorting papers.
pub fn class_rank(school: &crate::school::School) -> std::collections::HashMap<&str, usize> {
    notice::in_class_order(school)
        .into_iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

/// A child's name as the parents' group may see it: the family name and the
/// last character, the rest starred (`张*`, `李*华`, `欧**娜`).
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_string(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_keep_the_family_name_and_the_last_character() {
        assert_eq!(super::mask_name("张三"), "张*");
        assert_eq!(super::mask_name("李小华"), "李*华");
        assert_eq!(super::mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(super::mask_name("王"), "*");
    }
}
