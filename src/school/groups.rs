//! Where students go: homework rooms, clubs and special activities.

use std::collections::HashMap;

use super::{SetAside, StaffIndex, StaffRef, closest, staff_cell};
use crate::config::{BlockKind, Config, Part};
use crate::i18n::{Msg, Refs};
use crate::input::{Cells, Field, Severity, parse};
use crate::model::*;

pub const ROOMS: &[Field] = &[
    Field::required("room", &["教室", "地点", "场地"]),
    Field::required("capacity", &["容量", "座位数", "人数上限"]),
    Field::optional("grades", &["年级"]),
    Field::optional("supervisor_mon", &["周一", "周一看护教师", "看护教师周一"]),
    Field::optional("supervisor_tue", &["周二", "周二看护教师", "看护教师周二"]),
    Field::optional("supervisor_wed", &["周三", "周三看护教师", "看护教师周三"]),
    Field::optional("supervisor_thu", &["周四", "周四看护教师", "看护教师周四"]),
    Field::optional("supervisor_fri", &["周五", "周五看护教师", "看护教师周五"]),
];

const SUPERVISOR_COLUMNS: [&str; 5] = [
    "supervisor_mon",
    "supervisor_tue",
    "supervisor_wed",
    "supervisor_thu",
    "supervisor_fri",
];

pub const CLUBS: &[Field] = &[
    Field::required("club", &["社团编号", "编号"]),
    Field::required("name", &["名称", "社团名称"]),
    Field::optional("teacher", &["教师", "指导教师"]),
    Field::optional("room", &["地点", "教室"]),
    Field::required("days", &["活动日"]),
    Field::optional("block", &["时段"]),
    Field::required("capacity", &["人数上限", "容量"]),
    Field::optional("min", &["最少人数", "开班人数"]),
    Field::optional("grades", &["年级"]),
    Field::optional("fee", &["材料费"]),
];

pub const ACTIVITIES: &[Field] = &[
    Field::optional("grade", &["年级"]),
    Field::optional("class", &["班级"]),
    Field::required("day", &["星期"]),
    Field::required("name", &["名称", "活动名称"]),
    Field::optional("teacher", &["教师"]),
    Field::optional("room", &["地点", "教室"]),
];

pub fn room(c: &mut Cells, staff: &StaffIndex) -> Option<Room> {
    let name = c.required("room");
    let capacity = c.parse_required("capacity", parse::positive, Msg::BadCapacity);
    let grades = c
        .optional("grades", parse::grades, Msg::BadGrades)
        .unwrap_or(Grades::ALL);
    let mut supervisors: [Vec<String>; 5] = Default::default();
    for (day, column) in SUPERVISOR_COLUMNS.iter().enumerate() {
        let text = c.text(column);
        for reference in text.split([';', '、', ',', '，', '/']).map(str::trim) {
            if reference.is_empty() {
                continue;
            }
            match staff.find(reference) {
                Ok(id) => supervisors[day].push(id),
                Err(StaffRef::Unknown) => {
                    let col = c.column(column);
                    if !staff.set_aside().refers(c, col, reference, Refs::Staff) {
                        c.report(column, Severity::Error, Msg::UnknownStaff)
                    }
                }
                Err(StaffRef::Shared(ids)) => {
                    c.report(column, Severity::Error, Msg::SharedStaffName { ids })
                }
            }
        }
    }
    Some(Room {
        name: name?,
        capacity: capacity?,
        grades,
        supervisors,
        line: Line(c.line()),
    })
}

fn part(text: &str) -> Option<Part> {
    match parse::key(text).as_str() {
        "first" | "第一时段" | "1" | "一" => Some(Part::First),
        "second" | "第二时段" | "2" | "二" => Some(Part::Second),
        _ => None,
    }
}

/// A set of days that must all be service weekdays.
fn service_days(c: &mut Cells, column: &str, config: &Config) -> Option<Days> {
    let days = c.parse_required(column, parse::days, Msg::BadDays)?;
    let service = config.calendar.weekdays;
    if !days.is_subset(service) {
        c.report(column, Severity::Error, Msg::NotServiceWeekday { service });
        return None;
    }
    Some(days)
}

pub fn club(
    c: &mut Cells,
    config: &Config,
    staff: &StaffIndex,
    seen: &mut HashMap<String, usize>,
) -> Option<Club> {
    let id = c.required("club");
    if let Some(id) = &id {
        if let Some(&first_line) = seen.get(id) {
            c.report("club", Severity::Error, Msg::DuplicateId { first_line });
            return None;
        }
        seen.insert(id.clone(), c.line());
    }
    let name = c.required("name");
    let days = service_days(c, "days", config);
    let part = c
        .optional("block", part, Msg::BadSession)
        .unwrap_or(Part::Second);
    let capacity = c.parse_required("capacity", parse::positive, Msg::BadCapacity);
    let min = c.optional("min", parse::whole, Msg::BadMin).unwrap_or(0);
    if capacity.is_some_and(|cap| min > cap) {
        c.report("min", Severity::Error, Msg::MinOverCapacity);
    }
    let grades = c
        .optional("grades", parse::grades, Msg::BadGrades)
        .unwrap_or(Grades::ALL);
    let has_block = grades.iter().any(|g| {
        config.band_of(g).is_some_and(|b| {
            b.blocks
                .iter()
                .any(|k| k.kind == BlockKind::Club && k.part == part)
        })
    });
    if !has_block && !config.bands.is_empty() {
        c.report("block", Severity::Error, Msg::NoClubBlock);
    }
    let fee_fen = c.optional("fee", parse::fen, Msg::BadMoney).unwrap_or(0);
    let teacher = staff_cell(c, "teacher", staff);
    Some(Club {
        id: id?,
        name: name?,
        teacher,
        room: c.text("room"),
        days: days?,
        session: match part {
            Part::First => Session::First,
            Part::Second => Session::Full,
        },
        capacity: capacity?,
        min,
        grades,
        fee_fen,
        line: Line(c.line()),
    })
}

pub fn activity(
    c: &mut Cells,
    config: &Config,
    staff: &StaffIndex,
    class_at: &HashMap<String, usize>,
    classes_aside: &SetAside,
) -> Option<Activity> {
    let grade = c.optional("grade", parse::grade, Msg::BadGrade);
    let class = c.text("class");
    let who = match (grade, class.is_empty()) {
        (_, false) => {
            let col = c.column("class");
            if !class_at.contains_key(&class) && !classes_aside.refers(c, col, &class, Refs::Class)
            {
                let closest = closest(&class, class_at.keys().map(String::as_str));
                c.report("class", Severity::Error, Msg::UnknownClass { closest });
            }
            ActivityFor::Class(class)
        }
        (Some(g), true) => ActivityFor::Grade(g),
        (None, true) => {
            c.report("grade", Severity::Error, Msg::Required);
            return None;
        }
    };
    let days = service_days(c, "day", config)?;
    let name = c.required("name");
    let teacher = staff_cell(c, "teacher", staff);
    Some(Activity {
        who,
        days,
        name: name?,
        teacher,
        room: c.text("room"),
        line: Line(c.line()),
    })
}
