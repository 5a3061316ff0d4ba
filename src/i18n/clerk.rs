//! The wording for a clerk's typical mistakes: a misspelt header, a row
//! set aside and what refers to it, a phone number of an odd shape.

use super::Lang;

/// What refers to a row that was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Refs {
    /// Slips choosing a club.
    ClubChoice,
    /// Slips, leave requests or pickup changes of a student.
    Student,
    /// Rows naming a staff member (head teacher, club teacher, supervisor).
    Staff,
    /// Rows naming a class.
    Class,
}

pub fn misspelt_column(lang: Lang, column: &str, header: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("缺少“{column}”列,这一列像是它:请把表头改成“{header}”(改好之前按这一列核对)")
        }
        Lang::En => format!(
            "the column '{column}' is missing and this one looks like it: rename the header to '{header}' (checked as that column until then)"
        ),
    }
}

pub fn not_checked_yet(lang: Lang, file: &str, line: usize, count: usize, refs: Refs) -> String {
    match lang {
        Lang::Zh => {
            let what = match refs {
                Refs::ClubChoice => format!("{count} 张回执的这个志愿"),
                Refs::Student => format!("本表 {count} 行的学生"),
                Refs::Staff => format!("{count} 处对这位教职工的引用"),
                Refs::Class => format!("{count} 名学生的班级"),
            };
            format!("因 {file} 第 {line} 行有误,{what}暂未核对;改好那一行即可")
        }
        Lang::En => {
            let what = match refs {
                Refs::ClubChoice => format!("this choice on {count} slip(s) is"),
                Refs::Student => format!("the student of {count} row(s) here is"),
                Refs::Staff => format!("{count} reference(s) to this staff member are"),
                Refs::Class => format!("the class of {count} student(s) is"),
            };
            format!(
                "{file} line {line} has an error, so {what} not checked yet; fixing that line is enough"
            )
        }
    }
}

pub fn set_aside_rows(lang: Lang, files: &[(String, usize)]) -> String {
    let each: Vec<String> = files
        .iter()
        .map(|(file, rows)| match lang {
            Lang::Zh => format!("{file} {rows} 行"),
            Lang::En => format!("{file} {rows}"),
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "另有 {}因有误暂未计入,改好后再运行 kehou check",
            lang.list(&each)
        ),
        Lang::En => format!(
            "rows set aside for their errors and not counted above: {}; run kehou check again once fixed",
            lang.list(&each)
        ),
    }
}

pub fn grade_without_band(lang: Lang, grade: u8, bands_at: &[usize]) -> String {
    let lines: Vec<String> = bands_at.iter().map(usize::to_string).collect();
    match (lang, lines.is_empty()) {
        (Lang::Zh, true) => {
            format!("{grade} 年级不属于任何年段:请加一段 [[bands]],grades 里写上 {grade}")
        }
        (Lang::Zh, false) => format!(
            "{grade} 年级不属于任何年段:在第 {} 行的 [[bands]] 中选一个,把 {grade} 加进它的 grades(如 \"3-4\")",
            lang.list(&lines)
        ),
        (Lang::En, true) => {
            format!("grade {grade} is in no band: add a [[bands]] whose grades include {grade}")
        }
        (Lang::En, false) => format!(
            "grade {grade} is in no band: add {grade} to the grades of one of the [[bands]] at lines {}",
            lang.list(&lines)
        ),
    }
}

pub fn init_grades(
    lang: Lang,
    given: &str,
    missing: &[u8],
    twice: &[u8],
    unreadable: &[String],
) -> String {
    let grades = |g: &[u8]| {
        g.iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    let mut why = Vec::new();
    if !unreadable.is_empty() {
        why.push(match lang {
            Lang::Zh => format!("看不懂 {}", lang.list(unreadable)),
            Lang::En => format!("cannot read {}", lang.list(unreadable)),
        });
    }
    if !missing.is_empty() {
        why.push(match lang {
            Lang::Zh => format!("{} 年级不在任何年段里", grades(missing)),
            Lang::En => format!("grade(s) {} are in no band", grades(missing)),
        });
    }
    if !twice.is_empty() {
        why.push(match lang {
            Lang::Zh => format!("{} 年级写在了两个年段里", grades(twice)),
            Lang::En => format!("grade(s) {} are in two bands", grades(twice)),
        });
    }
    match lang {
        Lang::Zh => format!(
            "--grades {given}:{};每个年级 1–6 要正好在一个年段里,如 --grades 1-2,3-4,5-6",
            why.join(";")
        ),
        Lang::En => format!(
            "--grades {given}: {}; each grade 1-6 must be in exactly one band, e.g. --grades 1-2,3-4,5-6",
            why.join("; ")
        ),
    }
}

/// Messages about reading an online form's export.
pub fn online_form(lang: Lang, msg: &super::Msg) -> String {
    use super::Msg::*;
    let zh = lang == Lang::Zh;
    match msg {
        UnknownNamedColumn { column, known } if zh => format!(
            "[columns] 里的“{column}”不是这张表的列;可以写:{}",
            lang.list(known)
        ),
        UnknownNamedColumn { column, known } => format!(
            "'{column}' in [columns] is no column of this table; it has: {}",
            lang.list(known)
        ),
        NamedHeaderMissing { column, found } if zh => format!(
            "[columns] 说“{column}”在这一列,但文件里没有这个表头;表头为:{}",
            lang.list(found)
        ),
        NamedHeaderMissing { column, found } => format!(
            "[columns] puts '{column}' under this header, which the file does not have; its headers are: {}",
            lang.list(found)
        ),
        UnknownStudentByName { closest } => {
            let mut t = lang
                .pick(
                    "学生名单里这个班没有这个名字的学生",
                    "no student of this name in this class on the roster",
                )
                .to_string();
            if !closest.is_empty() {
                t += &match lang {
                    Lang::Zh => format!(";最接近的:{}", lang.list(closest)),
                    Lang::En => format!("; closest: {}", lang.list(closest)),
                };
            }
            t
        }
        SameNameInClass { file, lines } => {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            match lang {
                Lang::Zh => format!(
                    "这个班有同名的学生({file} 第 {} 行),只凭姓名和班级分不出是谁:请加上学号列",
                    lang.list(&lines)
                ),
                Lang::En => format!(
                    "students of this name share this class ({file} lines {}): name and class cannot say which; add the student id column",
                    lang.list(&lines)
                ),
            }
        }
        _ => String::new(),
    }
}

pub fn odd_phone(lang: Lang) -> String {
    lang.pick(
        "不像电话号码:手机应为 1 开头的 11 位数字,座机应带区号(如 010-12345678)",
        "does not look like a phone number: a mobile has 11 digits starting with 1, a landline its area code (010-12345678)",
    )
    .to_string()
}

pub fn dated_after_today(lang: Lang, today: &str) -> String {
    match lang {
        Lang::Zh => format!("这张表的日期晚于今天({today}):请确认日期没有写错、不是提前填好的"),
        Lang::En => format!(
            "this sheet is dated after today ({today}): check that the date is right and that it was not filled in ahead"
        ),
    }
}

pub fn nothing_recorded(lang: Lang, errors: usize, state: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "没有登记任何状态({state} 未改动):上面有 {errors} 个错误,改正后再运行一次 kehou record(整批一起登记)"
        ),
        Lang::En => format!(
            "nothing was recorded ({state} unchanged): fix the {errors} error(s) above and run kehou record again (the files are recorded together or not at all)"
        ),
    }
}
