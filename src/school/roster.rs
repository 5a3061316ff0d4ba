//! Staff, classes and students.

use std::collections::HashMap;

use super::{SetAside, StaffIndex, closest, staff_cell};
use crate::i18n::{Msg, Refs};
use crate::input::{Cells, Field, Severity, parse};
use crate::model::*;

pub const STAFF: &[Field] = &[
    Field::required("id", &["工号", "教师编号", "编号"]),
    Field::required("name", &["姓名", "教师姓名"]),
    Field::needed("phone", &["电话", "联系电话", "手机"]),
    Field::optional("role", &["角色", "身份"]),
    Field::optional("available", &["可值班日", "可服务日"]),
];

pub const CLASSES: &[Field] = &[
    Field::required("class", &["班级", "班级名称"]),
    Field::required("grade", &["年级"]),
    Field::optional("head_teacher", &["班主任"]),
    Field::optional("home_room", &["教室", "班级教室"]),
];

pub const STUDENTS: &[Field] = &[
    Field::required("id", &["学号", "学生编号", "学籍号"]),
    Field::required("name", &["姓名", "学生姓名"]),
    Field::required("class", &["班级"]),
    Field::optional("gender", &["性别"]),
    Field::needed("guardian", &["监护人", "家长", "家长姓名"]),
    Field::needed("phone", &["联系电话", "电话", "家长电话", "手机"]),
    Field::optional("fee_exempt", &["减免", "是否减免", "免费"]),
    Field::needed("notes", &["备注"]),
];

pub fn staff(c: &mut Cells) -> Option<Staff> {
    let id = c.required("id");
    let name = c.required("name");
    let role = c
        .optional("role", role, Msg::BadRole)
        .unwrap_or(Role::Teacher);
    let available = c
        .optional("available", parse::days, Msg::BadDays)
        .unwrap_or(Days::EMPTY);
    Some(Staff {
        id: id?,
        name: name?,
        phone: c.text("phone"),
        role,
        available,
        line: Line(c.line()),
    })
}

/// Two staff with one name are common in a big school: a warning per shared
/// name, listing the ids, since sheets then print 姓名(工号) and a reference
/// by that name alone names nobody.
pub fn flag_shared_names(staff: &[Staff], file: &str, problems: &mut crate::input::Problems) {
    let mut by_name: std::collections::BTreeMap<&str, Vec<&Staff>> = Default::default();
    for s in staff {
        by_name.entry(s.name.as_str()).or_default().push(s);
    }
    for (name, same) in by_name.into_iter().filter(|(_, v)| v.len() > 1) {
        problems.push(crate::input::Problem {
            severity: Severity::Warning,
            file: file.to_string(),
            line: same.get(1).map(|s| s.line.0),
            column: None,
            value: Some(name.to_string()),
            msg: Msg::StaffShareName {
                ids: same.iter().map(|s| s.id.clone()).collect(),
            },
        });
    }
}

fn role(text: &str) -> Option<Role> {
    match parse::key(text).as_str() {
        "teacher" | "教师" | "老师" | "课后服务教师" => Some(Role::Teacher),
        "leader" | "领导" | "行政" | "带班领导" | "值班领导" => Some(Role::Leader),
        _ => None,
    }
}

/// A class row. Names are compared folded (`1（1）` is `1(1)`): a second row
/// for the same class is an error, as a repeated id is, not a second class.
pub fn class(
    c: &mut Cells,
    staff: &StaffIndex,
    seen: &mut HashMap<String, usize>,
) -> Option<Class> {
    let name = c.required("class");
    if let Some(name) = &name {
        if let Some(&first_line) = seen.get(name) {
            c.report("class", Severity::Error, Msg::DuplicateClass { first_line });
            return None;
        }
        seen.insert(name.clone(), c.line());
    }
    let grade = c.parse_required("grade", parse::grade, Msg::BadGrade);
    let head_teacher = staff_cell(c, "head_teacher", staff);
    Some(Class {
        name: name?,
        grade: grade?,
        head_teacher,
        home_room: c.text("home_room"),
        line: Line(c.line()),
    })
}

pub fn student(
    c: &mut Cells,
    classes: &[Class],
    class_at: &HashMap<String, usize>,
    classes_aside: &SetAside,
    seen: &mut HashMap<String, usize>,
) -> Option<Student> {
    let id = c.required("id");
    // A student id may appear once: a second row (perhaps in another class) is an error.
    if let Some(id) = &id {
        if let Some(&first_line) = seen.get(id) {
            c.report("id", Severity::Error, Msg::DuplicateId { first_line });
            return None;
        }
        seen.insert(id.clone(), c.line());
    }
    let name = c.required("name");
    let class = c.required("class")?;
    let col = c.column("class");
    if class_at.contains_key(&class) || classes_aside.refers(c, col, &class, Refs::Class) {
        // Known, or in a class row set aside for its own error.
    } else if !classes.is_empty() {
        let closest = closest(&class, classes.iter().map(|k| k.name.as_str()));
        c.report("class", Severity::Error, Msg::UnknownClass { closest });
    }
    let fee_exempt = c
        .optional("fee_exempt", parse::yes_no, Msg::BadYesNo)
        .unwrap_or(false);
    Some(Student {
        id: id?,
        name: name?,
        class,
        gender: c.text("gender"),
        guardian: c.text("guardian"),
        phone: c.text("phone"),
        fee_exempt,
        notes: c.text("notes"),
        line: Line(c.line()),
    })
}
