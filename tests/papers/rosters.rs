//! `kehou rosters`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::demo::*;

#[test]
fn every_roster_line_matches_the_groups_placements() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["rosters", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let lines = table(&dir.join("out/rosters-2026-09-07.csv"));
    // (kind, group) → student → weekdays, from plan.csv.
    let mut placed: BTreeMap<(String, String), BTreeMap<String, BTreeSet<usize>>> = BTreeMap::new();
    for r in plan_rows(dir, "2026-09-07") {
        let day = WEEKDAYS
            .iter()
            .position(|(c, _)| *c == r["weekday"])
            .unwrap();
        placed
            .entry((r["kind"].clone(), r["group"].clone()))
            .or_default()
            .entry(r["student"].clone())
            .or_default()
            .insert(day);
    }
    let kind_of = |label: &str| match label {
        "社团" => "club",
        "特色活动" => "activity",
        "作业教室" => "homework",
        "阅读" => "reading",
        other => panic!("{other}"),
    };
    let students: HashMap<String, HashMap<String, String>> = table(&dir.join("students.csv"))
        .into_iter()
        .map(|r| (r["学号"].clone(), r))
        .collect();
    let mut listed: BTreeMap<(String, String), BTreeMap<String, BTreeSet<usize>>> = BTreeMap::new();
    let mut waiting: Vec<(String, String, String)> = Vec::new();
    for line in &lines {
        let key = (kind_of(&line["项目"]).to_string(), line["去向"].clone());
        let id = line["学号"].clone();
        let student = &students[&id];
        assert_eq!(line["班级"], student["班级"]);
        if let Some(pos) = line["状态"].strip_prefix("候补 ") {
            waiting.push((key.1.clone(), pos.to_string(), id));
            continue;
        }
        assert_eq!(line["状态"], "录取");
        // The coach calls: the phone is whole; medical notes are there.
        assert_eq!(line["联系电话"], student["联系电话"]);
        assert_eq!(line["健康备注"], student["备注"]);
        assert_eq!(line["监护人"], student["监护人"]);
        let days = &placed[&key][&id];
        assert_eq!(line["参加日"], days_text(days), "{id} in {key:?}");
        let fresh = listed.entry(key).or_default().insert(id, days.clone());
        assert!(fresh.is_none(), "a child twice on a roster");
    }
    assert_eq!(listed, placed);
    let expected: Vec<(String, String, String)> = table(&dir.join("waitlist.csv"))
        .into_iter()
        .map(|r| {
            (
                r["club"].clone(),
                r["position"].clone(),
                r["student"].clone(),
            )
        })
        .collect();
    assert_eq!(waiting, expected);
    assert!(lines.iter().any(|l| !l["健康备注"].is_empty()));
}

/// A roster's title is two lines, each broken only between its parts: the
/// group with its place and teacher, then its days and times — a club the
/// bands join at different times says which band comes when — and the
/// date; a homework room is not named again as its place.
#[test]
fn roster_titles_say_which_band_comes_when_on_two_lines() {
    let school = demo();
    let run = school.run(&["rosters"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let book = super::page::read_workbook(&school.path().join("out/rosters-2026-09-07.xlsx"));
    let (mut staggered, mut rooms) = (0, 0);
    for (sheet, _) in &book {
        let Some(title) = sheet.text.get(&(1, 1)) else {
            continue;
        };
        if !title.starts_with("示范小学 名单") {
            continue;
        }
        let lines: Vec<&str> = title.lines().collect();
        assert_eq!(lines.len(), 2, "{title}");
        assert!(lines[1].contains("生效日期"), "{title}");
        let times = lines[1].matches('–').count();
        if times > 1 {
            staggered += 1;
            for band in ["低年级", "中年级", "高年级"] {
                if let Some(at) = lines[1].find(band) {
                    let after = &lines[1][at + band.len()..];
                    assert!(
                        after
                            .trim_start_matches(['、', ' '])
                            .starts_with(|c: char| c.is_ascii_digit())
                            || after.starts_with('、'),
                        "{band} is followed by its time: {title}"
                    );
                }
            }
            assert!(lines[1].contains("年级 "), "{title}");
        }
        if lines[0].contains("作业教室") {
            rooms += 1;
            assert!(!lines[0].contains("地点"), "{title}");
        }
    }
    assert!(
        staggered > 5 && rooms > 30,
        "{staggered} clubs, {rooms} rooms"
    );
}
