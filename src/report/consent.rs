//! `consent-status.xlsx`: the returns per class, who to chase, the opt-outs
//! for the archive, and the opt-ins with their days, session and pickup.

use super::{Cell, Sheet, days_text, phone, pickup_text, session_text};
use crate::config::Config;
use crate::consent::{ConsentReport, Standing};
use crate::i18n::{Label, Lang, Say};
use crate::school::School;

pub fn sheets(report: &ConsentReport, school: &School, config: &Config) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let title = |what: Label| {
        format!(
            "{} {} {}",
            config.school.name,
            config.school.term,
            what.text(lang)
        )
    };

    let mut summary = Sheet::new(
        Label::Summary.text(lang),
        "summary",
        title(Label::Summary),
        [
            Label::Class,
            Label::Grade,
            Label::HeadTeacher,
            Label::Roster,
            Label::Returned,
            Label::OptedIn,
            Label::OptedOut,
            Label::Missing,
            Label::SafetyUnsigned,
        ]
        .map(l)
        .to_vec(),
    );
    for c in &report.classes {
        summary.rows.push(vec![
            Cell::from(&c.class.name),
            Cell::from(c.class.grade as u32),
            Cell::from(school.staff_name(&c.class.head_teacher)),
            c.roster.into(),
            c.returned.into(),
            c.opted_in.into(),
            c.opted_out.into(),
            c.missing.into(),
            c.unsigned.into(),
        ]);
    }
    let t = report.total();
    summary.rows.push(vec![
        Cell::from(l(Label::Total)),
        Cell::from(""),
        Cell::from(""),
        t.roster.into(),
        t.returned.into(),
        t.opted_in.into(),
        t.opted_out.into(),
        t.missing.into(),
        t.unsigned.into(),
    ]);

    let mask = config.privacy.mask_phones;
    let mut chase = Sheet::new(
        Label::MissingReturns.text(lang),
        "missing",
        title(Label::MissingReturns),
        [
            Label::No,
            Label::Class,
            Label::HeadTeacher,
            Label::StudentId,
            Label::Name,
            Label::Guardian,
            Label::Phone,
            Label::Status,
        ]
        .map(l)
        .to_vec(),
    );
    let mut opt_outs = Sheet::new(
        Label::OptOuts.text(lang),
        "opt-outs",
        title(Label::OptOuts),
        [
            Label::No,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Date,
            Label::Reason,
        ]
        .map(l)
        .to_vec(),
    );
    let mut opt_ins = Sheet::new(
        Label::OptIns.text(lang),
        "opt-ins",
        title(Label::OptIns),
        [
            Label::No,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Days,
            Label::Session,
            Label::Pickup,
            Label::PickupBy,
            Label::Choices,
            Label::SafetyUnsigned,
            Label::EffectiveFrom,
        ]
        .map(l)
        .to_vec(),
    );
    opt_ins.landscape = true;
    let service = config.calendar.weekdays;
    for (student, standing) in &report.students {
        let head = school
            .class(&student.class)
            .map_or("", |c| school.staff_name(&c.head_teacher));
        match standing {
            Standing::Missing | Standing::InUnsigned(_) => {
                let status = match standing {
                    Standing::Missing => Label::Missing,
                    _ => Label::SafetyUnsigned,
                };
                // A page per class, for its head teacher.
                let new_class = chase
                    .rows
                    .last()
                    .is_some_and(|r| r[1] != Cell::from(&student.class));
                if new_class {
                    chase.page_breaks.push(chase.rows.len());
                }
                chase.rows.push(vec![
                    (chase.rows.len() + 1).into(),
                    Cell::from(&student.class),
                    Cell::from(head),
                    Cell::from(&student.id),
                    Cell::from(&student.name),
                    Cell::from(&student.guardian),
                    Cell::from(phone(&student.phone, mask)),
                    Cell::from(status.text(lang)),
                ]);
            }
            Standing::Out(slip) => opt_outs.rows.push(vec![
                (opt_outs.rows.len() + 1).into(),
                Cell::from(&student.class),
                Cell::from(&student.id),
                Cell::from(&student.name),
                Cell::Date(slip.date),
                Cell::from(&slip.reason),
            ]),
            Standing::In(_) => {}
        }
        if let Standing::In(slip) | Standing::InUnsigned(slip) = standing {
            let choices: Vec<String> = slip
                .choices
                .iter()
                .flatten()
                .map(|id| school.club(id).map_or(id.clone(), |c| c.name.clone()))
                .collect();
            let unsigned = matches!(standing, Standing::InUnsigned(_));
            opt_ins.rows.push(vec![
                (opt_ins.rows.len() + 1).into(),
                Cell::from(&student.class),
                Cell::from(&student.id),
                Cell::from(&student.name),
                Cell::from(days_text(lang, slip.days, service)),
                Cell::from(session_text(lang, slip.session)),
                Cell::from(pickup_text(lang, slip.pickup)),
                Cell::from(&slip.pickup_by),
                Cell::from(choices.join(lang.pick("、", ", "))),
                Cell::from(if unsigned { Label::Yes.text(lang) } else { "" }),
                Cell::Date(slip.effective),
            ]);
        }
    }
    vec![summary, chase, opt_outs, opt_ins]
}

/// The terminal summary: one line for the school.
pub fn terminal_summary(report: &ConsentReport, lang: Lang) -> String {
    let t = report.total();
    Say::ConsentSummary {
        roster: t.roster,
        returned: t.returned,
        opted_in: t.opted_in,
        opted_out: t.opted_out,
        missing: t.missing,
        unsigned: t.unsigned,
    }
    .render(lang)
}
