//! A ready-to-paste message for the guardian of a child absent without leave
//! (【课后服务】…今天16:30未到××社团…): no phone numbers, the place in the
//! school's words, the head teacher to call back.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;
use crate::plan::Kind;
use crate::school::School;
use crate::weekly::Absence;

/// Where the child was expected, as a parent reads it.
fn place(school: &School, lang: Lang, group: &str) -> String {
    let kind = match school.club(group) {
        Some(_) => Kind::Club,
        None if school.rooms.iter().any(|r| r.name == group) => Kind::Homework,
        None => Kind::Activity,
    };
    let name = super::group_name(school, kind, group);
    match (kind, lang) {
        (Kind::Club, Lang::Zh) => format!("{name}社团"),
        (Kind::Club, Lang::En) => format!("the {name} club"),
        (Kind::Homework | Kind::Reading, Lang::Zh) => format!("{name}(课后服务作业辅导)"),
        (Kind::Homework | Kind::Reading, Lang::En) => format!("homework supervision in {name}"),
        // An activity's group is `name·grade`: parents know it by its name.
        (Kind::Activity, _) => name.split('·').next().unwrap_or(&name).to_string(),
    }
}

/// The message for one unexplained absence; on `today` it says 今天, not the date.
pub fn absence_message(
    school: &School,
    lang: Lang,
    a: &Absence,
    today: Option<NaiveDate>,
) -> String {
    let s = a.student;
    let head = school
        .class(&s.class)
        .map_or("", |c| school.staff_name(&c.head_teacher));
    let time = a.start.format("%H:%M");
    let place = place(school, lang, &a.group);
    let guardian = if s.guardian.is_empty() {
        s.name.clone() + lang.pick("家长", "'s family")
    } else {
        s.guardian.clone()
    };
    match lang {
        Lang::Zh => {
            let when = match Some(a.date) == today {
                true => "今天".to_string(),
                false => format!("{}月{}日", a.date.month(), a.date.day()),
            };
            format!(
                "【课后服务】{guardian}您好:{}({}){when}{time}未到{place},也没有请假记录。请尽快回复,或联系班主任{head}老师。",
                s.name, s.class
            )
        }
        Lang::En => {
            let when = match Some(a.date) == today {
                true => "today".to_string(),
                false => format!("on {}", a.date.format("%-d %b")),
            };
            format!(
                "[After-school service] Dear {guardian}: {} ({}) did not arrive at {place} at {time} {when}, and no leave was recorded. Please reply as soon as you can, or call the head teacher, {head}.",
                s.name, s.class
            )
        }
    }
}
