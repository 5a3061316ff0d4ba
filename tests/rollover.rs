//! The next term from the committed demo (`kehou rollover`): at a new school
//! year every child one grade up in their class, the graduating grade gone, a
//! new first grade to fill, the calendar to fill in — and then `check` accepts
//! the folder; within the school year (the demo's autumn term → spring) every
//! class and child as they were. The demo's own folder is only read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo")
}

fn kehou(config: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Every file of a folder (not below it) and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// A CSV input as rows of cells, header dropped.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// class name → grade.
fn grades(path: &Path) -> BTreeMap<String, u32> {
    rows(path)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect()
}

/// student id → class name.
fn classes_of(path: &Path) -> BTreeMap<String, String> {
    rows(path)
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect()
}

/// The new term's config with its calendar placeholders filled in, as an
/// office would: a holiday (`closure`, a date in the new term) and no makeup days.
fn fill_calendar(config: &Path, closure: &str) {
    let text = std::fs::read_to_string(config).unwrap();
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("closures = [") {
            out.push_str(&format!(
                "closures = [ {{ from = {closure}, reason = \"假日\" }} ]\n"
            ));
            skipping = true;
        } else if line.starts_with("makeup = [") {
            out.push_str("makeup = []\n");
            skipping = true;
        } else if skipping {
            skipping = line != "]";
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(config, out).unwrap();
}

#[test]
fn the_demo_rolls_over_a_grade_up_and_check_accepts_it_once_the_calendar_is_filled() {
    let before = snapshot(&demo());
    let tmp = tempfile::tempdir().unwrap();
    let next = tmp.path().join("2027秋");
    // The new term starts the next school year: its first day says so.
    let (code, text) = kehou(
        &demo(),
        &[
            "rollover",
            next.to_str().unwrap(),
            "--term",
            "2027秋",
            "--start",
            "2027-09-01",
            "--end",
            "2028-01-21",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新一年级 6 个班待填"), "{text}");
    assert_eq!(snapshot(&demo()), before, "the old term's folder changed");

    // Every child still at school is one grade up; the sixth grade has left.
    let old_grade = grades(&demo().join("classes.csv"));
    let new_grade = grades(&next.join("classes.csv"));
    let old_class = classes_of(&demo().join("students.csv"));
    let new_class = classes_of(&next.join("students.csv"));
    assert!(!new_class.is_empty());
    for (id, class) in &old_class {
        let was = old_grade[class];
        match new_class.get(id) {
            Some(now) => assert_eq!(new_grade[now], was + 1, "{id}: {class} → {now}"),
            None => assert_eq!(was, 6, "{id} of {class} is missing"),
        }
    }
    assert_eq!(
        new_class.len(),
        old_class.values().filter(|c| old_grade[*c] < 6).count()
    );
    // The new first grade: its classes, no children, no head teacher yet.
    let first: Vec<&String> = new_grade
        .iter()
        .filter(|(_, g)| **g == 1)
        .map(|(c, _)| c)
        .collect();
    assert_eq!(first.len(), 6);
    assert!(new_class.values().all(|c| new_grade[c] > 1));
    // Staff, rooms and clubs kept as they were; no slips.
    for kept in ["staff.csv", "rooms.csv", "clubs.csv", "activities.csv"] {
        assert_eq!(
            std::fs::read(next.join(kept)).unwrap(),
            before[kept],
            "{kept}"
        );
    }
    assert!(rows(&next.join("consent.csv")).is_empty());
    assert!(!next.join("plan.csv").exists());

    // Until the calendar is filled in, check names what is left (exit 2).
    let config = next.join("config.toml");
    let (code, text) = kehou(&config, &["check"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("待填写"), "{text}");
    fill_calendar(&config, "2027-10-01");
    let (code, text) = kehou(&config, &["check"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("0 个错误"), "{text}");

    // Twice into the same folder, or into the term's own, is refused.
    let args = ["rollover", next.to_str().unwrap()];
    let (code, text) = kehou(&demo(), &args);
    assert_eq!(code, 2, "{text}");
    let own = demo();
    let (code, text) = kehou(&demo(), &["rollover", own.to_str().unwrap()]);
    assert_eq!(code, 2, "{text}");
    assert_eq!(snapshot(&demo()), before);
}

/// The rollover's classes and children: class → grade, child → class.
fn classes_and_children(dir: &Path) -> (BTreeMap<String, u32>, BTreeMap<String, String>) {
    (
        grades(&dir.join("classes.csv")),
        classes_of(&dir.join("students.csv")),
    )
}

#[test]
fn autumn_to_spring_keeps_every_class_and_child_and_promote_overrides_it() {
    let tmp = tempfile::tempdir().unwrap();
    let old = classes_and_children(&demo());
    // The demo is an autumn term: the next one is the same school year's
    // spring term, by the new term's first day or (none given) the old's.
    let spring = tmp.path().join("2027春");
    let args = [
        "rollover",
        spring.to_str().unwrap(),
        "--start",
        "2027-02-22",
    ];
    let (code, text) = kehou(&demo(), &args);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("年级不变"), "{text}");
    assert_eq!(classes_and_children(&spring), old);
    let config = spring.join("config.toml");
    fill_calendar(&config, "2027-04-05");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "end = \"待填写:新学期课后服务最后一天,如 2027-07-02\"",
        "end = 2027-07-02",
    );
    let text = text.replace(
        "term = \"待填写:新学期名称,如 2027春\"",
        "term = \"2027春\"",
    );
    std::fs::write(&config, text).unwrap();
    let (code, text) = kehou(&config, &["check"]);
    assert_eq!(code, 0, "{text}");

    let undated = tmp.path().join("next");
    let (code, text) = kehou(&demo(), &["rollover", undated.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(classes_and_children(&undated), old);

    // `--promote` says it is a new school year whatever the dates.
    let promoted = tmp.path().join("promoted");
    let args = [
        "rollover",
        promoted.to_str().unwrap(),
        "--start",
        "2027-02-22",
        "--promote",
    ];
    let (code, text) = kehou(&demo(), &args);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新一年级 6 个班待填"), "{text}");
    let (grades, children) = classes_and_children(&promoted);
    for (id, class) in &children {
        assert_eq!(grades[class], old.0[&old.1[id]] + 1, "{id}");
    }

    // The spring term made above rolls into a new school year by itself;
    // `--keep-grades` says otherwise.
    let config = spring.join("config.toml");
    let autumn = tmp.path().join("2027秋");
    let (code, text) = kehou(&config, &["rollover", autumn.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新一年级 6 个班待填"), "{text}");
    let kept = tmp.path().join("kept");
    let args = ["rollover", kept.to_str().unwrap(), "--keep-grades"];
    let (code, text) = kehou(&config, &args);
    assert_eq!(code, 0, "{text}");
    assert_eq!(classes_and_children(&kept), old);
}
