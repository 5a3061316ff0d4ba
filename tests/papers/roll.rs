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

/// The grid CSV `out/roll-2026-09/001-1530.csv` as records (header first).
fn grid_records(dir: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("out/roll-2026-09/001-1530.csv")).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn write_records(path: &std::path::Path, records: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    for r in records {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// A 点名册 read back with its dates retyped, a day it cannot have, a day
/// twice, a child twice, the wrong month in its key, or a mark merged across
/// a week: each an error naming the sheet and cell, nothing recorded
/// (issue #23 items 5 and 6).
#[test]
fn a_grid_read_back_that_would_lose_or_misfile_marks_is_an_error_at_its_cell() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let grid = grid_records(dir);
    let col = |header: &str| grid[0].iter().position(|h| h == header).unwrap();
    let (mon7, tue8) = (col("7\n周一"), col("8\n周二"));
    let child = grid
        .iter()
        .position(|r| r[0].starts_with("2026-09|"))
        .unwrap();
    let mut cases: Vec<(&str, Vec<Vec<String>>, String, &str)> = Vec::new();
    let mut retyped = grid.clone();
    retyped[0][mon7] = "9/7".into();
    cases.push((
        "retyped",
        retyped,
        format!(":1:{}", mon7 + 1),
        "日期表头被改写",
    ));
    let mut day31 = grid.clone();
    day31[0][tue8] = "31\n周四".into();
    cases.push((
        "day31",
        day31,
        format!(":1:{}", tue8 + 1),
        "2026 年 9 月没有这一天",
    ));
    let mut twice = grid.clone();
    twice[0][tue8] = "7\n周一".into();
    cases.push(("twice", twice, format!(":1:{}", tue8 + 1), "这一天已有一列"));
    let mut child_twice = grid.clone();
    child_twice.insert(child + 1, grid[child].clone());
    // The header's line breaks push every row's line down.
    let breaks: usize = grid[0].iter().map(|h| h.matches('\n').count()).sum();
    let copy_line = 1 + breaks + child + 1;
    cases.push(("child", child_twice, format!(":{copy_line}:3"), "学号重复"));
    let october: Vec<Vec<String>> = grid
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.replace("2026-09|", "2026-10|"))
                .collect()
        })
        .collect();
    cases.push((
        "month",
        october,
        format!(":1:{}", mon7 + 1),
        "与表头的星期不符",
    ));
    let mut expected = Vec::new();
    for (name, records, place, said) in cases {
        let file = format!("{name}.csv");
        write_records(&dir.join(&file), &records);
        expected.push((file, place, said.to_string()));
    }
    // 假 merged across Monday to Friday of a week in the workbook.
    let path = dir.join("out/roll-2026-09.xlsx");
    let mut book = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
    let sheet = book.sheet_mut(0).unwrap();
    let name = sheet.name().to_string();
    // Find the header row (its first cell is the key's header) and the first child's row.
    let rows = sheet.highest_row();
    let header = (1..=rows)
        .find(|&r| sheet.value((1, r)) == "点名册键")
        .unwrap();
    let first = header + 1;
    let (from, to) = (mon7 as u32 + 1, mon7 as u32 + 5);
    sheet.cell_mut((from, first)).set_value("假");
    let area = format!(
        "{}{first}:{}{first}",
        umya_spreadsheet::helper::coordinate::string_from_column_index(from),
        umya_spreadsheet::helper::coordinate::string_from_column_index(to)
    );
    sheet.add_merge_cells(&area);
    umya_spreadsheet::writer::xlsx::write(&book, dir.join("merged.xlsx")).unwrap();
    expected.push((
        "merged.xlsx".into(),
        format!("#{name}:{first}:"),
        format!("“{area}” 一个标记合并了几天"),
    ));
    // Every file at once: one run reports them all, and records nothing.
    let before = std::fs::read(dir.join("attendance.csv")).ok();
    let mut args = vec!["record".to_string()];
    args.extend(expected.iter().map(|(f, _, _)| f.clone()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = school.run(&args);
    assert_eq!(run.code, 1, "{}", run.all());
    for (file, place, said) in &expected {
        assert!(
            run.all()
                .lines()
                .any(|l| l.contains(&format!("{file}{place}")) && l.contains(said.as_str())),
            "{file}{place} {said}\n{}",
            run.all()
        );
    }
    assert_eq!(std::fs::read(dir.join("attendance.csv")).ok(), before);
}

/// Each grid names its teachers in its title and has a line to sign across
/// the page; a blank grid's counts are blank, not 0.
#[test]
fn each_grid_names_its_teachers_and_a_blank_grid_counts_nothing() {
    let school = demo();
    let run = school.run(&["roll", "--month", "2026-09", "--blank"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let book = super::page::read_workbook(&school.path().join("out/roll-2026-09-blank.xlsx"));
    let mut grids = 0;
    for (sheet, _) in &book {
        let title = &sheet.text[&(1, 1)];
        grids += 1;
        let teachers = title.split_once("看护教师: ").map(|(_, t)| t);
        assert!(teachers.is_some_and(|t| !t.trim().is_empty()), "{title}");
        assert!(
            super::page::assert_lines_to_sign(sheet) >= 1,
            "{}",
            sheet.name
        );
        // The last four columns count marks: nothing to count yet.
        let numbers = (3..=sheet.max_row)
            .flat_map(|r| (sheet.max_col - 3..=sheet.max_col).map(move |c| (r, c)))
            .filter(|rc| sheet.numbers.contains(rc))
            .count();
        assert_eq!(numbers, 0, "{}: counts in a blank grid", sheet.name);
    }
    assert!(grids > 40, "{grids} grids");
}
