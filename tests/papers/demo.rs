//! The demo school in a fresh folder, and its files read back independently.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::common;

/// Copies the files of `from` (and its `registers/`) into `to`, leaving out
/// the state files named in `skip`.
fn copy_school(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to.join("registers")).unwrap();
    for sub in ["", "registers"] {
        for entry in std::fs::read_dir(from.join(sub)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            if entry.file_type().unwrap().is_file() && !skip.iter().any(|s| name == *s) {
                std::fs::copy(entry.path(), to.join(sub).join(&name)).unwrap();
            }
        }
    }
}

/// The demo planned as of 2026-09-07, made once for all the tests here (a
/// plan of 1,600 students takes a debug build a few seconds).
fn planned() -> &'static Path {
    static PLANNED: std::sync::OnceLock<common::School> = std::sync::OnceLock::new();
    PLANNED
        .get_or_init(|| {
            let school = common::School {
                dir: tempfile::tempdir().unwrap(),
            };
            let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
            copy_school(
                &demo,
                school.path(),
                &["plan.csv", "waitlist.csv", "attendance.csv"],
            );
            let run = school.run(&["plan", "--as-of", "2026-09-07"]);
            assert_eq!(run.code, 0, "{}", run.all());
            school
        })
        .path()
}

/// The demo school in a fresh folder of its own, planned as of 2026-09-07.
pub fn demo() -> common::School {
    let school = common::School {
        dir: tempfile::tempdir().unwrap(),
    };
    copy_school(planned(), school.path(), &["attendance.csv"]);
    school
}

/// A CSV file as rows of named cells (a BOM on the first header is dropped).
pub fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Who is in service on `date` by consent.csv: the latest slip in effect
/// (by date, then row) opts in with the safety agreement signed.
pub fn in_service(dir: &Path, date: &str) -> BTreeSet<String> {
    let mut latest: BTreeMap<String, (String, usize, bool)> = BTreeMap::new();
    for (i, row) in table(&dir.join("consent.csv")).into_iter().enumerate() {
        let effective = match row["生效日期"].as_str() {
            "" => row["日期"].clone(),
            e => e.to_string(),
        };
        if effective.as_str() > date {
            continue;
        }
        let joins = row["是否参加"] == "参加" && row["安全协议"] == "是";
        let key = (row["日期"].clone(), i);
        let newer = latest
            .get(&row["学号"])
            .is_none_or(|(d, j, _)| (d.clone(), *j) <= key);
        if newer {
            latest.insert(row["学号"].clone(), (key.0, key.1, joins));
        }
    }
    latest
        .into_iter()
        .filter(|(_, (_, _, joins))| *joins)
        .map(|(id, _)| id)
        .collect()
}

/// plan.csv rows in force on `date`.
pub fn plan_rows(dir: &Path, date: &str) -> Vec<HashMap<String, String>> {
    table(&dir.join("plan.csv"))
        .into_iter()
        .filter(|r| r["from"].as_str() <= date && (r["to"].is_empty() || r["to"].as_str() >= date))
        .collect()
}

/// A column of a CSV keyed by its first column (ids, names).
pub fn column(dir: &Path, file: &str, key: &str, value: &str) -> HashMap<String, String> {
    table(&dir.join(file))
        .into_iter()
        .map(|r| (r[key].clone(), r[value].clone()))
        .collect()
}

pub const WEEKDAYS: [(&str, &str); 5] = [
    ("mon", "周一"),
    ("tue", "周二"),
    ("wed", "周三"),
    ("thu", "周四"),
    ("fri", "周五"),
];

/// The demo planned before term with its week of registers recorded.
pub fn demo_with_registers() -> common::School {
    let school = demo();
    let registers: Vec<String> = std::fs::read_dir(school.path().join("registers"))
        .unwrap()
        .map(|e| format!("registers/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut args = vec!["record"];
    args.extend(registers.iter().map(String::as_str));
    let run = school.run(&args);
    assert_eq!(run.code, 0, "{}", run.all());
    school
}

/// The ledger as `kehou export` writes it (attendance.csv), as bytes.
pub fn ledger_csv(dir: &Path) -> Vec<u8> {
    let view = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(dir.join("config.toml"))
        .args(["export", "--to"])
        .arg(view.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(view.path().join("attendance.csv")).unwrap()
}

/// The exported attendance.csv as (date, block, group, student) → status code.
pub fn ledger(dir: &Path) -> BTreeMap<(String, String, String, String), String> {
    let view = tempfile::tempdir().unwrap();
    std::fs::write(view.path().join("attendance.csv"), ledger_csv(dir)).unwrap();
    table(&view.path().join("attendance.csv"))
        .into_iter()
        .map(|r| {
            (
                (
                    r["date"].clone(),
                    r["block"].clone(),
                    r["group"].clone(),
                    r["student"].clone(),
                ),
                r["status"].clone(),
            )
        })
        .collect()
}

/// `254.00` → 25400.
pub fn fen(text: &str) -> i64 {
    let (yuan, fen) = text.split_once('.').unwrap();
    let sign = if yuan.starts_with('-') { -1 } else { 1 };
    sign * (yuan.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + fen.parse::<i64>().unwrap())
}

/// `mon,wed` → `周一、周三`.
pub fn days_text(codes: &BTreeSet<usize>) -> String {
    let names: Vec<&str> = codes.iter().map(|&i| WEEKDAYS[i].1).collect();
    names.join("、")
}
