//! `kehou notices`.

use std::collections::{BTreeSet, HashMap};

use super::demo::*;

#[test]
fn every_child_in_service_gets_one_notice_matching_the_plan() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["notices", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let notices = table(&dir.join("out/notices-2026-09-07.csv"));
    let ids: Vec<&str> = notices.iter().map(|n| n["学号"].as_str()).collect();
    let unique: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(ids.len(), unique.len(), "one notice per child");
    assert_eq!(unique, in_service(dir, "2026-09-07"));

    let class_of = column(dir, "students.csv", "学号", "班级");
    let club_name = column(dir, "clubs.csv", "社团编号", "名称");
    // (student, weekday) → (block, kind, group) of each plan row.
    type Slots = Vec<(u32, String, String)>;
    let mut rows: HashMap<(String, String), Slots> = HashMap::new();
    for r in plan_rows(dir, "2026-09-07") {
        let block: u32 = r["block"].parse().unwrap();
        rows.entry((r["student"].clone(), r["weekday"].clone()))
            .or_default()
            .push((block, r["kind"].clone(), r["group"].clone()));
    }
    let mut checked = 0;
    for n in &notices {
        let id = &n["学号"];
        assert_eq!(n["班级"], class_of[id]);
        for (code, name) in WEEKDAYS {
            let cell = &n[name];
            let mut expected = rows
                .remove(&(id.clone(), code.to_string()))
                .unwrap_or_default();
            expected.sort();
            let slots: Vec<&str> = if cell.is_empty() {
                vec![]
            } else {
                cell.split(';').collect()
            };
            assert_eq!(slots.len(), expected.len(), "{id} {name}: {cell}");
            for (slot, (_, kind, group)) in slots.iter().zip(&expected) {
                let shown = match kind.as_str() {
                    "club" => club_name[group].clone(),
                    // An activity's group is `name·grade`: the notice shows its name.
                    "activity" => group.split('·').next().unwrap().to_string(),
                    _ => group.clone(),
                };
                assert!(
                    slot.contains(&shown),
                    "{id} {name}: {slot} should show {shown}"
                );
                checked += 1;
            }
        }
    }
    assert!(rows.is_empty(), "plan rows of children without a notice");
    assert!(checked > 10_000, "{checked}");

    // The parents' group texts: one per class, every child of the class once,
    // names masked, and neither phones nor medical notes.
    let phones = column(dir, "students.csv", "学号", "联系电话");
    let notes = column(dir, "students.csv", "学号", "备注");
    let texts: Vec<_> = std::fs::read_dir(dir.join("out/notices-2026-09-07"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(texts.len(), 36);
    let all = texts.concat();
    for n in &notices {
        let id = &n["学号"];
        assert!(
            !all.contains(&phones[id]),
            "{id}'s phone is in the group text"
        );
        assert!(
            notes[id].is_empty() || !all.contains(&notes[id]),
            "{id}'s notes"
        );
        assert!(!all.contains(&n["姓名"]) || n["姓名"].chars().count() < 2);
    }
    let children = all.lines().filter(|l| l.contains(" · ")).count();
    assert_eq!(children, notices.len());
}

#[test]
fn after_a_re_plan_changed_prints_only_the_children_whose_placement_changed() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["plan", "--as-of", "2026-10-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = school.run(&["notices", "--changed", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let notices = table(&dir.join("out/notices-2026-10-20-changed.csv"));
    let ids: BTreeSet<String> = notices.iter().map(|n| n["学号"].clone()).collect();
    let serving = in_service(dir, "2026-10-20");
    let changed: BTreeSet<String> = plan_rows(dir, "2026-10-20")
        .into_iter()
        .filter(|r| r["planned"] == "2026-10-20" && serving.contains(&r["student"]))
        .map(|r| r["student"].clone())
        .collect();
    assert!(!changed.is_empty());
    assert!(changed.len() < serving.len() / 2, "{}", changed.len());
    assert_eq!(ids, changed);
}
