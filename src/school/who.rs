//! Which student a slip is about when it has no 学号: an online form's
//! export names the child by 姓名 + 班级 ("三年级2班" as much as "3(2)班").
//! Two children of one name in one class cannot be told apart: an error
//! naming both rows of the roster.

use std::collections::HashMap;

use super::{School, closest};
use crate::i18n::Msg;
use crate::input::{Cells, Severity, parse};
use crate::model::Student;

/// The students by (name, class as [`class_key`] reads it): their positions.
#[derive(Debug, Default)]
pub struct ByName {
    at: HashMap<(String, String), Vec<usize>>,
}

impl ByName {
    pub fn new(students: &[Student]) -> ByName {
        let mut at: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, s) in students.iter().enumerate() {
            at.entry((parse::key(&s.name), class_key(&s.class)))
                .or_default()
                .push(i);
        }
        ByName { at }
    }
}

/// The student named in the row's 姓名 and 班级 columns, or `None` with the problem said.
pub fn by_name_and_class(c: &mut Cells, school: &School) -> Option<String> {
    let name = c.required("name");
    let class = c.required("class");
    let (name, class) = (name?, class?);
    let found = school
        .by_name
        .at
        .get(&(parse::key(&name), class_key(&class)))
        .map(Vec::as_slice)
        .unwrap_or_default();
    match found {
        [one] => Some(school.students[*one].id.clone()),
        [] => {
            let wanted = class_key(&class);
            let classmates = school
                .students
                .iter()
                .filter(|s| class_key(&s.class) == wanted)
                .map(|s| s.name.as_str());
            let closest = closest(&name, classmates);
            c.report(
                "name",
                Severity::Error,
                Msg::UnknownStudentByName { closest },
            );
            None
        }
        many => {
            let lines = many.iter().map(|&i| school.students[i].line.0).collect();
            let file = school.set_aside.students.file.clone();
            c.report(
                "name",
                Severity::Error,
                Msg::SameNameInClass { file, lines },
            );
            None
        }
    }
}

/// A class name as grade and class number when it has both, so that
/// `3(2)班`, `三年级2班`, `三(2)班` and `3年级（2）班` are one class.
pub fn class_key(text: &str) -> String {
    let folded = parse::fold(text);
    let numeral = |c: char| "一二三四五六七八九".find(c).map(|i| i / 3 + 1);
    let mut numbers: Vec<usize> = Vec::new();
    let mut current: Option<usize> = None;
    for c in folded.chars() {
        match (c.to_digit(10), numeral(c)) {
            (Some(d), _) => current = Some(current.unwrap_or(0) * 10 + d as usize),
            (None, Some(n)) if numbers.is_empty() && current.is_none() => numbers.push(n),
            _ => {
                if let Some(n) = current.take() {
                    numbers.push(n);
                }
            }
        }
    }
    numbers.extend(current);
    match numbers.as_slice() {
        [grade, class] => format!("{grade}-{class}"),
        _ => parse::key(&folded),
    }
}

#[cfg(test)]
mod tests {
    use super::class_key;

    #[test]
    fn one_class_however_written() {
        for written in [
            "3(2)班",
            "三年级2班",
            "三(2)班",
            "3年级（2）班",
            "三年级(2)班",
        ] {
            assert_eq!(class_key(written), "3-2", "{written}");
        }
        assert_ne!(class_key("3(1)班"), class_key("3(2)班"));
        assert_eq!(class_key("兴趣班"), "兴趣班");
    }
}
