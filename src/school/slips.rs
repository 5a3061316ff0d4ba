//! Consent slips (回执), leave requests and one-day pickup changes.

use std::collections::HashMap;

use super::{School, SetAside, closest};
use crate::config::Config;
use crate::i18n::{Msg, Refs};
use crate::input::{Cells, Field, Problem, Problems, Severity, parse};
use crate::model::*;

pub const CONSENT: &[Field] = &[
    // An online form's export names the child by 姓名 + 班级 instead.
    Field::required_unless("id", &["学号"], &["name", "class"]),
    Field::required("date", &["日期", "回执日期", "交回日期"]),
    Field::required("decision", &["是否参加", "参加意愿", "意愿"]),
    Field::optional("days", &["参加日", "服务日"]),
    Field::optional("session", &["时段", "参加时段"]),
    Field::needed("pickup", &["离校方式", "接送方式"]),
    Field::needed("pickup_by", &["接送人"]),
    Field::optional("reason", &["原因", "不参加原因"]),
    Field::optional("safety", &["安全协议", "安全协议书"]),
    Field::optional("priority", &["优先", "优先级"]),
    Field::optional("effective", &["生效日期"]),
    // Slips usually repeat the student's name and class for the reader;
    // without a 学号 column they say who the child is.
    Field::optional("name", &["姓名", "学生姓名", "孩子姓名"]),
    Field::optional("class", &["班级", "所在班级", "孩子班级"]),
    // All choices in one cell, in order: an online form's multiple choice.
    Field::optional("choices", &["社团志愿", "报名社团", "选择社团"]),
];

pub const LEAVE: &[Field] = &[
    Field::required("id", &["学号"]),
    Field::required("from", &["开始", "开始日期", "请假日期"]),
    Field::optional("to", &["结束", "结束日期"]),
    Field::optional("reason", &["事由", "原因"]),
    Field::optional("reported_by", &["报告人"]),
    Field::optional("name", &["姓名"]),
];

pub const PICKUP: &[Field] = &[
    Field::required("id", &["学号"]),
    Field::required("date", &["日期"]),
    Field::required("pickup", &["离校方式", "接送方式"]),
    Field::optional("pickup_by", &["接送人"]),
    Field::optional("note", &["备注"]),
    Field::optional("name", &["姓名"]),
];

/// Who picks the child up: the 接送人 column, else the person in a way
/// home written as `爷爷接`.
fn pickup_by(c: &Cells) -> String {
    let written = c.text("pickup_by");
    if !written.is_empty() {
        return written;
    }
    parse::pickup_person(&c.text("pickup")).unwrap_or_default()
}

/// The student id in column `id`: a student read whole, or `None` — said
/// once for a student whose row was set aside, an error for anyone else.
fn student_id(c: &mut Cells, read: impl Fn(&str) -> bool, aside: &SetAside) -> Option<String> {
    let id = c.required("id")?;
    if read(&id) {
        return Some(id);
    }
    let col = c.column("id");
    if !aside.refers(c, col, &id, Refs::Student) {
        c.report("id", Severity::Error, Msg::UnknownStudent);
    }
    None
}

pub fn slip(c: &mut Cells, config: &Config, school: &School) -> Option<ConsentSlip> {
    let student = if c.column("id").is_some() {
        student_id(c, |id| school.student_read(id), &school.set_aside.students)
    } else {
        super::who::by_name_and_class(c, school)
    };
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let joins = c.parse_required("decision", option(parse::decision), Msg::BadDecision);
    let reason = c.text("reason");
    if joins == Some(false) && reason.is_empty() {
        c.report("reason", Severity::Warning, Msg::OptOutWithoutReason);
    }
    let days = c.optional("days", option(parse::days), Msg::BadDays);
    let service = config.calendar.weekdays;
    if days.is_some_and(|d| !d.is_subset(service)) {
        c.report("days", Severity::Error, Msg::NotServiceWeekday { service });
    }
    let session = c.optional("session", option(parse::session), Msg::BadSession);
    let pickup = c.optional("pickup", option(parse::pickup), Msg::BadPickup);
    let safety_signed = c.optional("safety", option(parse::yes_no), Msg::BadYesNo);
    let priority = c.optional("priority", parse::integer, Msg::BadPriority);
    let effective = c.optional("effective", parse::date, Msg::BadDate);
    let choices = choices(c, school)?;
    let date = date?;
    Some(ConsentSlip {
        student: student?,
        date,
        joins: joins?,
        days: days.unwrap_or(Days::EMPTY),
        session: session.unwrap_or(Session::Full),
        pickup: pickup.unwrap_or(Pickup::Parent),
        pickup_by: pickup_by(c),
        reason,
        choices,
        safety_signed,
        priority: priority.unwrap_or(0),
        effective: effective.unwrap_or(date),
        line: Line(c.line()),
    })
}

/// A cell parser that first drops an online form's option label (`A.参加`).
fn option<T>(parse: impl Fn(&str) -> Option<T>) -> impl Fn(&str) -> Option<T> {
    move |text| parse(text).or_else(|| parse(parse::option_label(text)))
}

/// The ranked choices as (rank, column, text): one per `志愿N` column, then
/// the parts of a one-cell multiple choice (`A.围棋;B.书法`) in order.
fn ranked_cells(c: &Cells) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = c
        .columns
        .ranked
        .iter()
        .map(|&(rank, col)| (rank, col, c.row.cell(col).to_string()))
        .collect();
    if let Some(col) = c.column("choices") {
        let after = out.iter().map(|(r, _, _)| *r).max().unwrap_or(0);
        let parts = parse::multiple_choice(c.row.cell(col));
        out.extend(
            parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| (after + i + 1, col, parse::option_label(&part).to_string())),
        );
    }
    out
}

/// The ranked club choices, each resolved to a club id (an id wins over a
/// name; a name two clubs share is an error), with duplicates reported.
fn choices(c: &mut Cells, school: &School) -> Option<Vec<Option<String>>> {
    let ranked = ranked_cells(c);
    let mut out: Vec<Option<String>> = Vec::new();
    let mut ok = true;
    for (rank, col, text) in ranked {
        if out.len() < rank {
            out.resize(rank, None);
        }
        if text.is_empty() {
            continue;
        }
        let aside = &school.set_aside.clubs;
        let id = if school.club(&text).is_some() {
            Some(text.clone())
        } else if aside.refers(c, Some(col), &text, Refs::ClubChoice) {
            continue;
        } else {
            let named: Vec<&Club> = school.clubs.iter().filter(|k| k.name == text).collect();
            match named.as_slice() {
                [one] => Some(one.id.clone()),
                [] => {
                    let names = school
                        .clubs
                        .iter()
                        .flat_map(|k| [k.id.as_str(), k.name.as_str()]);
                    let closest = closest(&text, names);
                    c.report_at(Some(col), Severity::Error, Msg::UnknownClub { closest });
                    None
                }
                many => {
                    let ids = many.iter().map(|k| k.id.clone()).collect();
                    c.report_at(Some(col), Severity::Error, Msg::AmbiguousClubName { ids });
                    None
                }
            }
        };
        let Some(id) = id else {
            ok = false;
            continue;
        };
        if let Some(first) = out.iter().position(|o| o.as_deref() == Some(id.as_str())) {
            let msg = Msg::DuplicateChoice {
                first_rank: first + 1,
            };
            c.report_at(Some(col), Severity::Error, msg);
            ok = false;
            continue;
        }
        out[rank - 1] = Some(id);
    }
    while out.last().is_some_and(Option::is_none) {
        out.pop();
    }
    ok.then_some(out)
}

/// Two slips of one student with the same date: the later row counts, with a warning.
pub fn flag_same_date(slips: &[ConsentSlip], file: &str, problems: &mut Problems) {
    let mut seen: HashMap<(&str, chrono::NaiveDate), usize> = HashMap::new();
    for slip in slips {
        if let Some(other_line) = seen.insert((&slip.student, slip.date), slip.line.0) {
            problems.push(Problem {
                severity: Severity::Warning,
                file: file.to_string(),
                line: Some(slip.line.0),
                column: None,
                value: Some(slip.student.clone()),
                msg: Msg::SameDateSlips { other_line },
            });
        }
    }
}

pub fn leave(c: &mut Cells, read: impl Fn(&str) -> bool, aside: &SetAside) -> Option<Leave> {
    let student = student_id(c, read, aside);
    let from = c.parse_required("from", parse::date, Msg::BadDate);
    let to = c.optional("to", parse::date, Msg::BadDate);
    let from = from?;
    let to = to.unwrap_or(from);
    if to < from {
        c.report("to", Severity::Error, Msg::DateBeforeStart);
        return None;
    }
    Some(Leave {
        student: student?,
        from,
        to,
        reason: c.text("reason"),
        reported_by: c.text("reported_by"),
        line: Line(c.line()),
    })
}

pub fn pickup_change(
    c: &mut Cells,
    read: impl Fn(&str) -> bool,
    aside: &SetAside,
) -> Option<PickupChange> {
    let student = student_id(c, read, aside);
    let date = c.parse_required("date", parse::date, Msg::BadDate);
    let pickup = c.parse_required("pickup", parse::pickup, Msg::BadPickup);
    Some(PickupChange {
        student: student?,
        date: date?,
        pickup: pickup?,
        pickup_by: pickup_by(c),
        note: c.text("note"),
        line: Line(c.line()),
    })
}
