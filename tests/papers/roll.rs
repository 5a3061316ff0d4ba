//! `kehou roll` and reading a filled grid back with `kehou record`.

use std::collections::{BTreeMap, BTreeSet};

use super::demo::*;

#[test]
fn the_register_grid_matches_attendance_csv_cell_by_cell() {
    let school = demo_with_registers();
    let dir = school.path();
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let expected = ledger(dir);
    let code = |mark: &str| match mark {
        "✓" => "present",
        "假" => "leave",
        "缺" => "absent",
        "早退" => "early",
        other => panic!("{other}"),
    };
    let mut seen = BTreeMap::new();
    let mut by_class: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("out/roll-2026-09")).unwrap() {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name().to_string_lossy().starts_with("class-") {
            class_marks(&text, &mut by_class);
            continue;
        }
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let dates: Vec<(usize, String)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let day: u32 = h.split('\n').next()?.parse().ok()?;
                Some((i, format!("2026-09-{day:02}")))
            })
            .collect();
        assert_eq!(
            dates.len(),
            19,
            "18 service days and the Mid-Autumn closure: {headers:?}"
        );
        for record in reader.records() {
            let record = record.unwrap();
            let Some((block, group)) = record[0]
                .strip_prefix("2026-09|")
                .and_then(|k| k.split_once('|'))
            else {
                assert_eq!(&record[3], "当日到");
                continue;
            };
            let id = &record[2];
            let mut present = 0;
            for (i, date) in &dates {
                let cell = &record[*i];
                if cell.is_empty() || cell == "—" {
                    continue;
                }
                let key = (
                    date.clone(),
                    block.to_string(),
                    group.to_string(),
                    id.to_string(),
                );
                present += usize::from(cell == "✓");
                assert!(seen.insert(key, code(cell).to_string()).is_none());
            }
            // The child's total of 到 is the count of ✓ cells.
            assert_eq!(record[headers.len() - 4].parse::<usize>().unwrap(), present);
        }
    }
    let september: BTreeMap<_, _> = expected
        .into_iter()
        .filter(|(k, _)| k.0.starts_with("2026-09"))
        .collect();
    assert!(september.len() > 5000, "{}", september.len());
    assert_eq!(seen, september);
    // The class registers: per child and date the distinct marks of the day's blocks.
    let mut expected_days: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for ((date, _, _, id), status) in &september {
        let mark = match status.as_str() {
            "present" => "✓",
            "leave" => "假",
            "absent" => "缺",
            _ => "早退",
        };
        expected_days
            .entry((id.clone(), date.clone()))
            .or_default()
            .insert(mark.to_string());
    }
    assert_eq!(by_class, expected_days);
}

/// A class register's marks: (id, date) → the marks in its cell.
fn class_marks(text: &str, out: &mut BTreeMap<(String, String), BTreeSet<String>>) {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[1], "学号");
    for record in reader.records() {
        let record = record.unwrap();
        for (i, h) in headers.iter().enumerate() {
            let Some(day) = h.split('\n').next().and_then(|d| d.parse::<u32>().ok()) else {
                continue;
            };
            let cell = &record[i];
            if cell.is_empty() || cell == "—" {
                continue;
            }
            let marks = cell.split('/').map(String::from).collect();
            out.insert((record[1].to_string(), format!("2026-09-{day:02}")), marks);
        }
    }
}

#[test]
fn the_grid_read_back_by_record_gives_the_same_ledger() {
    let school = demo_with_registers();
    let dir = school.path();
    let run = school.run(&["roll", "--month", "2026-09"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let recorded = ledger(dir);
    // Read back into the same ledger: nothing changes, not even early pickups' times.
    let before = ledger_csv(dir);
    let run = school.run(&["record", "out/roll-2026-09.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("新增 0 条") && run.stdout.contains("更正 0 条"),
        "{}",
        run.stdout
    );
    assert_eq!(ledger_csv(dir), before);
    // A fresh ledger (the same plan, nothing recorded) from the grid workbook alone.
    let fresh = super::demo::demo();
    std::fs::copy(
        dir.join("out/roll-2026-09.xlsx"),
        fresh.path().join("grid.xlsx"),
    )
    .unwrap();
    let run = fresh.run(&["record", "grid.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(ledger(fresh.path()), recorded);

    // A teacher's mark typed into a grid that is not a status is a problem at
    // its file, row and column; nothing is written.
    let grid = dir.join("out/roll-2026-09/001-1530.csv");
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(&grid).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("2026-09|") && l.contains(",✓,"))
        .unwrap();
    lines[at] = lines[at].replacen(",✓,", ",好像来了,", 1);
    std::fs::write(dir.join("broken.csv"), lines.join("\n")).unwrap();
    let before = ledger_csv(dir);
    let run = school.run(&["record", "broken.csv"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let place = format!("broken.csv:{}:", at + 1);
    assert!(
        run.all().contains(&place) && run.all().contains("好像来了"),
        "{}",
        run.all()
    );
    assert_eq!(ledger_csv(dir), before);
}

#[test]
fn closures_and_makeup_days_are_marked_and_a_month_without_service_writes_nothing() {
    let school = super::common::School::new();
    let dir = school.path();
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let run = school.run(&["roll", "--month", "2026-10", "--blank", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(dir.join("out/roll-2026-10-blank/001-1530.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let days: Vec<&str> = headers[5..headers.len() - 4]
        .iter()
        .map(String::as_str)
        .collect();
    // National Day closes Thu 1 – Wed 7 (five weekdays); Sat 10 is a makeup day.
    assert_eq!(
        &days[..6],
        [
            "1\n停课",
            "2\n停课",
            "5\n停课",
            "6\n停课",
            "7\n停课",
            "8\n周四"
        ]
    );
    assert!(days.contains(&"10\n调休"), "{days:?}");
    // A blank register: S1 is listed every service day, nothing is filled in.
    let s1 = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[2] == "S1")
        .unwrap();
    let cells: Vec<&str> = (5..headers.len() - 4).map(|i| &s1[i]).collect();
    assert!(cells.iter().all(|c| c.is_empty()), "{cells:?}");

    let run = school.run(&["roll", "--month", "2025-01"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("没有课后服务日"), "{}", run.stdout);
    assert!(!dir.join("out/roll-2025-01.xlsx").exists());
}
