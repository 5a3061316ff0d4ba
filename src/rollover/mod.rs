//! The next term from the last (`kehou rollover`): at a new school year every
//! class a grade up with its children, the graduating grade out, the first
//! grade's classes left to fill; within one school year (autumn → spring)
//! every class and child as they were. The new term's config with its
//! calendar to fill in.
//!
//! Rooms stay with their grade (a room's `grades` limit and the school's floor
//! plan do not move): a promoted class takes the home room of the class whose
//! name it takes, so 1(1)班 becomes 2(1)班 in last year's 2(1)班 room, and the
//! new 1(1)班 gets 1(1)班's room. Head teachers go up with their class.

pub mod config_text;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::model::{Class, Line, Student};

/// The school year a term starting on `start` belongs to, by the year it
/// began: the year starts with the autumn term (August on), so a spring term
/// (January–July) is in the year before its calendar year.
pub fn school_year(start: NaiveDate) -> i32 {
    if start.month() >= 8 {
        start.year()
    } else {
        start.year() - 1
    }
}

/// Whether the next term begins a new school year (classes go up a grade):
/// by the new term's first day when it is known, else by the old term's —
/// an autumn term is followed by the spring term of the same year, a spring
/// term by the next year's autumn term.
pub fn new_school_year(old_start: NaiveDate, new_start: Option<NaiveDate>) -> bool {
    match new_start {
        Some(new) => school_year(new) > school_year(old_start),
        None => old_start.month() < 8,
    }
}

/// The next term of the same school year: every class, head teacher, room
/// and child as they were; nobody graduates, no class to fill.
pub fn same_year(classes: &[Class], students: &[Student]) -> Promotion {
    Promotion {
        classes: classes
            .iter()
            .map(|c| Class {
                line: Line(0),
                ..c.clone()
            })
            .collect(),
        students: students.to_vec(),
        ..Promotion::default()
    }
}

/// The classes and children of the next term.
#[derive(Debug, Default)]
pub struct Promotion {
    /// The new term's classes: the promoted ones in their old order, then the
    /// new first grade's.
    pub classes: Vec<Class>,
    /// Last term's children still at school, each in their new class.
    pub students: Vec<Student>,
    /// Last term's classes of the top grade, which leave.
    pub graduating: Vec<String>,
    /// How many children left with them.
    pub graduated: usize,
    /// The new first grade's classes, with no children or head teacher yet.
    pub to_fill: Vec<String>,
}

/// Promotes every class below `top` a grade; classes of `top` graduate.
pub fn promote(classes: &[Class], students: &[Student], top: u8) -> Promotion {
    let by_name: HashMap<&str, &Class> = classes.iter().map(|c| (c.name.as_str(), c)).collect();
    let mut promotion = Promotion::default();
    let mut renamed: HashMap<&str, String> = HashMap::new();
    for class in classes {
        if class.grade >= top {
            promotion.graduating.push(class.name.clone());
            continue;
        }
        let grade = class.grade + 1;
        let name = promoted_name(&class.name, class.grade).unwrap_or_else(|| class.name.clone());
        let home_room = by_name
            .get(name.as_str())
            .filter(|taken| taken.name != class.name && !taken.home_room.is_empty())
            .map_or_else(|| class.home_room.clone(), |taken| taken.home_room.clone());
        renamed.insert(class.name.as_str(), name.clone());
        promotion.classes.push(Class {
            name,
            grade,
            head_teacher: class.head_teacher.clone(),
            home_room,
            line: Line(0),
        });
    }
    promotion
        .classes
        .extend(first_grade(classes, &promotion.classes));
    promotion.to_fill = promotion
        .classes
        .iter()
        .filter(|c| c.grade == 1)
        .map(|c| c.name.clone())
        .collect();
    for student in students {
        match renamed.get(student.class.as_str()) {
            Some(class) => promotion.students.push(Student {
                class: class.clone(),
                ..student.clone()
            }),
            None => promotion.graduated += 1,
        }
    }
    promotion
}

/// Last term's first-grade classes whose names the promotion freed, empty:
/// the new first grade, in its old rooms, to fill.
fn first_grade(old: &[Class], promoted: &[Class]) -> Vec<Class> {
    old.iter()
        .filter(|c| c.grade == 1)
        .filter(|c| !promoted.iter().any(|p| p.name == c.name))
        .map(|c| Class {
            name: c.name.clone(),
            grade: 1,
            head_teacher: String::new(),
            home_room: c.home_room.clone(),
            line: Line(0),
        })
        .collect()
}

const NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The class's name a grade up, when the name starts with its grade:
/// `1(1)班` → `2(1)班`, `一年级(2)班` → `二年级(2)班`. A name that does not
/// carry its grade (`向日葵班`) is kept as it is.
pub fn promoted_name(name: &str, grade: u8) -> Option<String> {
    let next = grade + 1;
    let digits = grade.to_string();
    if let Some(rest) = name.strip_prefix(digits.as_str())
        && !rest.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(format!("{next}{rest}"));
    }
    let numeral = NUMERALS.get(usize::from(grade).checked_sub(1)?)?;
    let rest = name.strip_prefix(numeral)?;
    if rest.starts_with(|c: char| NUMERALS.iter().any(|n| n.starts_with(c)) || c == '十') {
        return None;
    }
    Some(format!("{}{rest}", NUMERALS.get(usize::from(next) - 1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, grade: u8, teacher: &str, room: &str) -> Class {
        Class {
            name: name.into(),
            grade,
            head_teacher: teacher.into(),
            home_room: room.into(),
            line: Line(1),
        }
    }

    fn student(id: &str, class: &str) -> Student {
        Student {
            id: id.into(),
            name: format!("学生{id}"),
            class: class.into(),
            gender: String::new(),
            guardian: String::new(),
            phone: String::new(),
            fee_exempt: false,
            notes: String::new(),
            line: Line(1),
        }
    }

    #[test]
    fn autumn_to_spring_keeps_the_school_year_and_spring_to_autumn_starts_one() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // 2026秋 → 2027春: the same school year, by either term's dates.
        assert!(!new_school_year(d(2026, 9, 7), Some(d(2027, 2, 22))));
        assert!(!new_school_year(d(2026, 9, 7), None));
        // 2027春 → 2027秋: a new one.
        assert!(new_school_year(d(2027, 2, 22), Some(d(2027, 9, 1))));
        assert!(new_school_year(d(2027, 2, 22), None));
        // 2026秋 → 2027秋 (a spring term skipped): a new one.
        assert!(new_school_year(d(2026, 9, 7), Some(d(2027, 9, 1))));
        assert_eq!(school_year(d(2027, 1, 20)), 2026);
    }

    #[test]
    fn within_a_school_year_every_class_and_child_stays() {
        let old = [
            class("1(1)班", 1, "T1", "101"),
            class("6(1)班", 6, "T6", "601"),
        ];
        let kids = [student("a", "1(1)班"), student("b", "6(1)班")];
        let next = same_year(&old, &kids);
        let seen: Vec<(&str, u8, &str)> = next
            .classes
            .iter()
            .map(|c| (c.name.as_str(), c.grade, c.head_teacher.as_str()))
            .collect();
        assert_eq!(seen, [("1(1)班", 1, "T1"), ("6(1)班", 6, "T6")]);
        assert_eq!(next.students.len(), 2);
        assert!(next.graduating.is_empty() && next.to_fill.is_empty());
    }

    #[test]
    fn names_that_carry_their_grade_go_up_one() {
        assert_eq!(promoted_name("1(1)班", 1).as_deref(), Some("2(1)班"));
        assert_eq!(promoted_name("5(12)班", 5).as_deref(), Some("6(12)班"));
        assert_eq!(
            promoted_name("一年级(2)班", 1).as_deref(),
            Some("二年级(2)班")
        );
        assert_eq!(promoted_name("三(4)班", 3).as_deref(), Some("四(4)班"));
        assert_eq!(promoted_name("向日葵班", 2), None);
        // 12(1)班 does not start with grade 1's numeral alone.
        assert_eq!(promoted_name("12(1)班", 1), None);
        assert_eq!(promoted_name("二十班", 2), None);
    }

    #[test]
    fn every_class_goes_up_a_grade_in_the_room_of_the_class_it_replaces() {
        let old = [
            class("1(1)班", 1, "T1", "101"),
            class("2(1)班", 2, "T2", "201"),
            class("3(1)班", 3, "T3", "301"),
        ];
        let kids = [
            student("a", "1(1)班"),
            student("b", "2(1)班"),
            student("c", "3(1)班"),
        ];
        let next = promote(&old, &kids, 3);
        let seen: Vec<(&str, u8, &str, &str)> = next
            .classes
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.grade,
                    c.head_teacher.as_str(),
                    c.home_room.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("2(1)班", 2, "T1", "201"),
                ("3(1)班", 3, "T2", "301"),
                ("1(1)班", 1, "", "101"),
            ]
        );
        assert_eq!(next.graduating, ["3(1)班"]);
        assert_eq!(next.graduated, 1);
        assert_eq!(next.to_fill, ["1(1)班"]);
        let moved: Vec<(&str, &str)> = next
            .students
            .iter()
            .map(|s| (s.id.as_str(), s.class.as_str()))
            .collect();
        assert_eq!(moved, [("a", "2(1)班"), ("b", "3(1)班")]);
    }

    #[test]
    fn a_class_whose_name_has_no_grade_keeps_its_name_and_room() {
        let old = [class("向日葵班", 1, "T1", "阳光屋")];
        let next = promote(&old, &[student("a", "向日葵班")], 6);
        assert_eq!(next.classes.len(), 1);
        assert_eq!(next.classes[0].name, "向日葵班");
        assert_eq!(next.classes[0].grade, 2);
        assert_eq!(next.classes[0].home_room, "阳光屋");
        assert!(next.to_fill.is_empty());
        assert_eq!(next.students[0].class, "向日葵班");
    }
}
