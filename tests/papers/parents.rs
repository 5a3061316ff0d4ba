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
