//! `kehou slips`.

use super::common;
use super::demo::*;

#[test]
fn every_child_gets_a_slip_with_the_clubs_of_their_grade() {
    let school = common::School::new();
    let dir = school.path();
    let run = school.run(&["slips"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // The typing template has consent.csv's columns, a row per child.
    let template = table(&dir.join("out/slips-consent.csv"));
    let ids: Vec<&str> = template.iter().map(|r| r["学号"].as_str()).collect();
    assert_eq!(ids, ["S1", "S2", "S3", "S4"]);
    let header = std::fs::read_to_string(dir.join("out/slips-consent.csv")).unwrap();
    let header = header
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_string();
    for column in common::CONSENT.lines().next().unwrap().split(',') {
        assert!(
            header.split(',').any(|h| h == column),
            "{column} missing from {header}"
        );
    }
    // A filled slip typed in is read by `kehou check` like any consent row.
    school.write(
        "consent.csv",
        &format!("{header}\nS1,张三,2026-09-01,参加,一三五,全程,家长接,张爸爸,,K2,,,是\n"),
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());

    // The slips workbook: grade 1 sees only 美术 (K2); grade 4 sees both clubs.
    let book = std::fs::read(dir.join("out/slips.xlsx")).unwrap();
    let mut zip = zip_sheets(&book);
    let grade1 = zip.remove(0);
    let grade4 = zip.remove(0);
    assert!(grade1.contains("K2") && !grade1.contains("K1"), "{grade1}");
    assert!(grade4.contains("K1") && grade4.contains("K2"), "{grade4}");
    assert!(grade1.contains("张三") && grade4.contains("王五"));
}

/// The text of each worksheet of an xlsx, shared strings resolved, in order.
fn zip_sheets(book: &[u8]) -> Vec<String> {
    let mut tables = kehou::input::all_from_bytes("slips.xlsx", book).unwrap();
    tables
        .drain(..)
        .map(|t| {
            let mut text = t.headers.join(",");
            for r in &t.rows {
                text += "\n";
                text += &r.cells.iter().collect::<Vec<_>>().join(",");
            }
            text
        })
        .collect()
}
