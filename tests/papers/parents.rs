//! What parents read: the class's text for the parents' group, the
//! placement and fee notices and the consent slip with its 告家长书 (#22
//! items 6 and 7), and the class's week in the timetable (item 5).

use std::collections::BTreeMap;

use super::demo::*;

/// The children of a parents'-group text: the line of each child begins
/// with their (masked) name, then ` (` and their days and session.
fn children_of(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(" · ") && !l.starts_with(' '))
        .map(|l| l.split(" (").next().unwrap().to_string())
        .collect()
}

#[test]
fn no_two_children_of_a_class_read_the_same_in_the_parents_group() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["notices", "--date", "2026-09-08"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let mut children = 0;
    for entry in std::fs::read_dir(dir.join("out/notices-2026-09-08")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for name in children_of(&text) {
            *seen.entry(name).or_default() += 1;
            children += 1;
        }
        let shared: Vec<&String> = seen
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(k, _)| k)
            .collect();
        assert!(
            shared.is_empty(),
            "{path:?}: {shared:?} stand for two children"
        );
    }
    assert!(children > 1000, "{children}");
}

/// The demo's timetable, planned as of 2026-09-07, and the folder it is in.
fn timetable() -> (crate::common::School, std::path::PathBuf) {
    let school = demo();
    let run = school.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let book = school.path().join("out/timetable-2026秋.xlsx");
    (school, book)
}

#[test]
fn a_class_week_is_one_page_in_words_a_parent_reads() {
    let (school, book) = timetable();
    let dir = school.path();
    let club_name = column(dir, "clubs.csv", "社团编号", "名称");
    let name_of = column(dir, "students.csv", "学号", "姓名");
    // (student, weekday name) → the clubs of their plan rows.
    let mut clubs: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for r in plan_rows(dir, "2026-09-07") {
        if r["kind"] == "club" {
            let day = WEEKDAYS.iter().find(|(c, _)| *c == r["weekday"]).unwrap().1;
            let key = (r["student"].clone(), day.to_string());
            clubs
                .entry(key)
                .or_default()
                .push(club_name[&r["group"]].clone());
        }
    }
    let (mut classes, mut checked) = (0, 0);
    for (sheet, _) in crate::page::read_workbook(&book) {
        if !sheet.name.starts_with("班-") {
            continue;
        }
        classes += 1;
        assert_eq!(sheet.pages(), 1, "{} prints on one page", sheet.name);
        let scale = sheet.print_scale();
        assert!(scale >= 90, "{} prints at {scale} %", sheet.name);
        let headers: BTreeMap<u32, &str> = (1..=sheet.max_col)
            .filter_map(|c| sheet.text.get(&(2, c)).map(|t| (c, t.as_str())))
            .collect();
        for ((row, col), text) in &sheet.text {
            // The plan's group names (`科学小实验·1`) are not for parents.
            let jargon = text.char_indices().any(|(i, c)| {
                c == '·' && text[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
            });
            assert!(!jargon, "{} row {row} column {col}: {text}", sheet.name);
        }
        // Every club a child has on a weekday is in that weekday's cell.
        for row in 3..=sheet.max_row {
            let Some(id) = sheet.text.get(&(row, 2)) else {
                continue;
            };
            let Some(name) = name_of.get(id) else {
                continue;
            };
            assert_eq!(sheet.text.get(&(row, 3)), Some(name), "{}", sheet.name);
            for (col, day) in &headers {
                let key = (id.clone(), day.lines().next().unwrap().to_string());
                for club in clubs.get(&key).into_iter().flatten() {
                    let cell = sheet.text.get(&(row, *col)).map_or("", String::as_str);
                    assert!(
                        cell.contains(club.as_str()),
                        "{} {id} {day}: {cell} lacks {club}",
                        sheet.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(classes, 36);
    assert!(checked > 500, "{checked} clubs checked");
}
