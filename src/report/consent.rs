//! `consent-status.xlsx`: the returns per class, who to chase (a page per
//! class), the opt-outs for the archive, and the opt-ins with their days,
//! session and pickup. One function per sheet.

use super::{Cell, Sheet, days_text, phone, pickup_text, session_text};
use crate::config::Config;
use crate::consent::{ClassReturnsTotal, ConsentReport, Standing};
use crate::i18n::{Label, Lang, Say};
use crate::model::ConsentSlip;
use crate::school::School;

/// What every sheet of the workbook reads.
struct Ctx<'c> {
    report: &'c ConsentReport<'c>,
    school: &'c School,
    config: &'c Config,
    lang: Lang,
}

impl Ctx<'_> {
    fn l(&self, label: Label) -> String {
        label.text(self.lang).to_string()
    }

    fn sheet(&self, what: Label, slug: &str, headers: &[Label]) -> Sheet {
        let title = format!(
            "{} {} {}",
            self.config.school.name,
            self.config.school.term,
            what.text(self.lang)
        );
        let headers = headers.iter().map(|h| self.l(*h)).collect();
        Sheet::new(what.text(self.lang), slug, title, headers)
    }
}

pub fn sheets(report: &ConsentReport, school: &School, config: &Config) -> Vec<Sheet> {
    let c = Ctx {
        report,
        school,
        config,
        lang: config.lang,
    };
    vec![
        summary_sheet(&c),
        chase_sheet(&c),
        opt_outs_sheet(&c),
        opt_ins_sheet(&c),
    ]
}

/// Per class: roster, returned, in, out, missing, unsigned; the total.
fn summary_sheet(c: &Ctx) -> Sheet {
    let mut summary = c.sheet(
        Label::Summary,
        "summary",
        &[
            Label::Class,
            Label::Grade,
            Label::HeadTeacher,
            Label::Roster,
            Label::Returned,
            Label::OptedIn,
            Label::OptedOut,
            Label::Missing,
            Label::SafetyUnsigned,
        ],
    );
    for r in &c.report.classes {
        let mut row = vec![
            Cell::from(&r.class.name),
            Cell::from(r.class.grade as u32),
            Cell::from(c.school.staff_name(&r.class.head_teacher)),
        ];
        // A class alone is a report of one class: its total is its counts.
        let one = ConsentReport {
            classes: vec![r.clone()],
            students: Vec::new(),
        };
        row.extend(count_cells(&one.total()));
        summary.rows.push(row);
    }
    let t = c.report.total();
    let mut total = vec![
        Cell::from(c.l(Label::Total)),
        Cell::from(""),
        Cell::from(""),
    ];
    total.extend(count_cells(&t));
    summary.rows.push(total);
    summary
}

fn count_cells(t: &ClassReturnsTotal) -> Vec<Cell> {
    [
        t.roster,
        t.returned,
        t.opted_in,
        t.opted_out,
        t.missing,
        t.unsigned,
    ]
    .map(Cell::from)
    .to_vec()
}

/// Who to chase: slips missing, safety agreements unsigned; a page per
/// class, for its head teacher.
fn chase_sheet(c: &Ctx) -> Sheet {
    let mut chase = c.sheet(
        Label::MissingReturns,
        "missing",
        &[
            Label::No,
            Label::Class,
            Label::HeadTeacher,
            Label::StudentId,
            Label::Name,
            Label::Guardian,
            Label::Phone,
            Label::Status,
        ],
    );
    let mask = c.config.privacy.mask_phones;
    for (student, standing) in &c.report.students {
        let status = match standing {
            Standing::Missing => Label::Missing,
            Standing::InUnsigned(_) => Label::SafetyUnsigned,
            _ => continue,
        };
        let head = c
            .school
            .class(&student.class)
            .map_or("", |k| c.school.staff_name(&k.head_teacher));
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
            Cell::from(status.text(c.lang)),
        ]);
    }
    chase
}

/// Those who opted out, with the date and reason, for the archive.
fn opt_outs_sheet(c: &Ctx) -> Sheet {
    let mut opt_outs = c.sheet(
        Label::OptOuts,
        "opt-outs",
        &[
            Label::No,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Date,
            Label::Reason,
        ],
    );
    for (student, standing) in &c.report.students {
        if let Standing::Out(slip) = standing {
            opt_outs.rows.push(vec![
                (opt_outs.rows.len() + 1).into(),
                Cell::from(&student.class),
                Cell::from(&student.id),
                Cell::from(&student.name),
                Cell::Date(slip.date),
                Cell::from(&slip.reason),
            ]);
        }
    }
    opt_outs
}

/// Those who opted in: days, session, pickup, club choices, from when.
fn opt_ins_sheet(c: &Ctx) -> Sheet {
    let mut opt_ins = c.sheet(
        Label::OptIns,
        "opt-ins",
        &[
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
        ],
    );
    opt_ins.landscape = true;
    for (student, standing) in &c.report.students {
        let (Standing::In(slip) | Standing::InUnsigned(slip)) = standing else {
            continue;
        };
        let unsigned = matches!(standing, Standing::InUnsigned(_));
        opt_ins.rows.push(vec![
            (opt_ins.rows.len() + 1).into(),
            Cell::from(&student.class),
            Cell::from(&student.id),
            Cell::from(&student.name),
            Cell::from(days_text(c.lang, slip.days, c.config.calendar.weekdays)),
            Cell::from(session_text(c.lang, slip.session)),
            Cell::from(pickup_text(c.lang, slip.pickup)),
            Cell::from(&slip.pickup_by),
            Cell::from(choices_text(c, slip)),
            Cell::from(if unsigned {
                Label::Yes.text(c.lang)
            } else {
                ""
            }),
            Cell::Date(slip.effective),
        ]);
    }
    opt_ins
}

/// The club choices by name, in order.
fn choices_text(c: &Ctx, slip: &ConsentSlip) -> String {
    let names: Vec<String> = slip
        .choices
        .iter()
        .flatten()
        .map(|id| c.school.club(id).map_or(id.clone(), |k| k.name.clone()))
        .collect();
    c.lang.list(&names)
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
