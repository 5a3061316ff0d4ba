//! `kehou consent`: the workbook's numbers add up, the latest slip counts.

mod common;

use calamine::{Data, Reader, open_workbook_auto};
use common::School;

fn sheet(path: &std::path::Path, index: usize) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range_at(index).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// Per class: roster = returned + missing, and returned = in + out.
fn assert_summary_adds_up(rows: &[Vec<String>]) -> usize {
    let n = |s: &String| s.parse::<f64>().unwrap() as usize;
    let mut classes = 0;
    for row in &rows[2..] {
        let (roster, returned, opted_in, opted_out, missing) =
            (n(&row[3]), n(&row[4]), n(&row[5]), n(&row[6]), n(&row[7]));
        assert_eq!(returned + missing, roster, "{row:?}");
        assert_eq!(opted_in + opted_out, returned, "{row:?}");
        classes += 1;
    }
    classes
}

#[test]
fn latest_slip_wins_and_counts_add_up() {
    let school = School::new();
    // S2 changes their mind; S4 returns nothing; S3 has not signed the agreement.
    school.write(
        "consent.csv",
        "学号,日期,是否参加,原因,安全协议\n\
         S1,2026-09-01,参加,,是\n\
         S2,2026-09-03,参加,,是\n\
         S2,2026-09-01,不参加,家长接送,\n\
         S3,2026-09-01,参加,,\n",
    );
    let run = school.run(&["consent", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("已交回执 3(参加 3,不参加 0),未交 1,参加但安全协议未签 1"),
        "{}",
        run.stdout
    );
    let book = school.path().join("out/consent-status.xlsx");
    let summary = sheet(&book, 0);
    assert_eq!(assert_summary_adds_up(&summary), 3); // two classes and the total
    let chase = sheet(&book, 1);
    let names: Vec<&str> = chase[2..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(names, ["王五", "赵六"]);
    assert_eq!(chase[3][6], "138****4444", "phones are masked");
    assert!(
        school
            .path()
            .join("out/consent-status-opt-ins.csv")
            .exists()
    );
}

#[test]
fn as_of_ignores_slips_not_yet_returned() {
    let school = School::new();
    let run = school.run(&["consent", "--as-of", "2026-09-01"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("已交回执 2"), "{}", run.stdout);
}

#[test]
fn the_demo_school_adds_up_in_every_class() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo/config.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .args(["consent", "-c"])
        .arg(&demo)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = sheet(&dir.path().join("consent-status.xlsx"), 0);
    assert_eq!(assert_summary_adds_up(&summary), 36 + 1);
}
