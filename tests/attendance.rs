//! `kehou record` and `kehou weekly`: registers filled in a spreadsheet
//! program come back whole, re-recording is harmless, corrections are listed,
//! concurrent runs lose nothing, and the weekly counts are what was filled in.

#[path = "common/term.rs"]
mod term;

use std::path::Path;
use std::process::Command;

use term::Term;

#[derive(Debug, Default, PartialEq, Eq)]
struct Filled {
    present: usize,
    leave: usize,
    absent: usize,
    early: usize,
    blank: usize,
}

/// Fills the status column of every sign-in sheet as a teacher would, editing
/// and saving the workbook with another spreadsheet library.
fn fill(from: &Path, to: &Path, pattern: impl Fn(usize) -> &'static str) -> Filled {
    let mut book = umya_spreadsheet::reader::xlsx::read(from).unwrap();
    let mut filled = Filled::default();
    let mut n = 0;
    for sheet in book.sheet_collection_mut() {
        let Some((key, statuses)) = term::afternoon_columns(sheet) else {
            continue;
        };
        let time = (1..=sheet.highest_column()).find(|&c| sheet.value((c, 2)) == "离校时间");
        for row in 3..=sheet.highest_row() {
            if sheet.value((key, row)).is_empty() {
                continue;
            }
            for &col in &statuses {
                let status = match sheet.value((col, row)).as_str() {
                    "假" => "假",
                    // Where the child is instead, printed: not here then.
                    printed if term::not_here(printed) => continue,
                    _ => {
                        n += 1;
                        pattern(n)
                    }
                };
                sheet.cell_mut((col, row)).set_value(status);
                match status {
                    "到" | "√" => filled.present += 1,
                    "假" => filled.leave += 1,
                    "缺" => filled.absent += 1,
                    "早退" => {
                        filled.early += 1;
                        if let Some(time) = time {
                            sheet.cell_mut((time, row)).set_value("16:45");
                        }
                    }
                    _ => filled.blank += 1,
                }
            }
        }
    }
    umya_spreadsheet::writer::xlsx::write(&book, to).unwrap();
    filled
}

fn teacher(n: usize) -> &'static str {
    match n % 9 {
        0 => "缺",
        1 => "早退",
        2 => "",
        3 => "√",
        _ => "到",
    }
}

fn counts(term: &Term, csv: &str) -> Vec<usize> {
    let text = std::fs::read_to_string(term.path(csv)).unwrap();
    let line = text.lines().nth(1).unwrap();
    line.split(',')
        .skip(2)
        .take(6)
        .map(|n| n.parse().unwrap())
        .collect()
}

#[test]
fn round_trip_rerecord_and_corrections() {
    let term = Term::new(300, 4);
    assert_eq!(term.run(&["daily", "--date", "2026-09-08"]).0, 0);
    let filled_path = term.path("filled.xlsx");
    let filled = fill(
        &term.path("out/daily/2026-09-08.xlsx"),
        &filled_path,
        teacher,
    );
    let (code, text) = term.run(&["record", "filled.xlsx"]);
    assert_eq!(code, 0, "{text}");
    let recorded = filled.present + filled.leave + filled.absent + filled.early;
    assert!(
        text.contains(&format!(
            "新增 {recorded} 条,未变 0 条,更正 0 条,未登记 {} 条",
            filled.blank
        )),
        "{text}"
    );
    let (code, text) = term.run(&[
        "weekly",
        "--from",
        "2026-09-08",
        "--to",
        "2026-09-08",
        "--csv",
    ]);
    assert_eq!(code, 0, "{text}");
    // expected, present, excused, unexplained, early, not recorded
    let c = counts(&term, "out/weekly/2026-09-08_2026-09-08-by-day.csv");
    assert_eq!(
        c,
        vec![
            recorded + filled.blank,
            filled.present,
            filled.leave,
            filled.absent,
            filled.early,
            filled.blank
        ]
    );

    // The same file again changes nothing.
    let ledger = term.ledger_csv();
    let (_, text) = term.run(&["record", "filled.xlsx"]);
    assert!(
        text.contains(&format!("新增 0 条,未变 {recorded} 条,更正 0 条")),
        "{text}"
    );
    assert_eq!(term.ledger_csv(), ledger);

    // A corrected sheet: every unexplained absence turns out present.
    let fixed = fill(
        &term.path("out/daily/2026-09-08.xlsx"),
        &term.path("fixed.xlsx"),
        |n| match teacher(n) {
            "缺" => "到",
            other => other,
        },
    );
    let (_, text) = term.run(&["record", "--dry-run", "fixed.xlsx"]);
    assert!(
        text.contains(&format!("更正 {} 条", filled.absent)),
        "{text}"
    );
    assert_eq!(term.ledger_csv(), ledger, "--dry-run writes nothing");
    let (_, text) = term.run(&["record", "fixed.xlsx"]);
    assert!(
        text.contains(&format!(
            "新增 0 条,未变 {} 条,更正 {} 条",
            recorded - filled.absent,
            filled.absent
        )),
        "{text}"
    );
    assert!(text.contains("):缺 → 到"), "{text}");
    assert_eq!(fixed.absent, 0);
}

#[test]
fn rows_not_on_the_list_are_refused_with_their_position() {
    let term = Term::new(200, 6);
    std::fs::write(
        term.path("bad.csv"),
        "日期,时段,去向,学号,状态\n2026-09-08,15:30,没有的教室,X1,到\n2026-10-01,15:30,101教室,X2,到\n2026-09-08,15:30,101教室,X3,也许\n",
    )
    .unwrap();
    let (code, text) = term.run(&["record", "bad.csv"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("bad.csv:2: 错误:") && text.contains("不在当天这个小组的名单上"),
        "{text}"
    );
    assert!(
        text.contains("bad.csv:3: 错误:") && text.contains("不是课后服务日"),
        "{text}"
    );
    assert!(
        text.contains("bad.csv:4:5: 错误:") && text.contains("状态应为"),
        "{text}"
    );
    assert!(term.ledger().is_empty());
}

#[test]
fn two_record_runs_at_once_lose_no_row() {
    let term = Term::new(300, 8);
    assert_eq!(
        term.run(&["daily", "--from", "2026-09-08", "--to", "2026-09-11"])
            .0,
        0
    );
    let mut expected = 0;
    let mut files = Vec::new();
    for d in ["08", "09", "10", "11"] {
        let name = format!("f{d}.xlsx");
        let f = fill(
            &term.path(&format!("out/daily/2026-09-{d}.xlsx")),
            &term.path(&name),
            |_| "到",
        );
        expected += f.present + f.leave;
        files.push(name);
    }
    // All four started together: the lock makes them take turns.
    let spawned: Vec<_> = files
        .iter()
        .map(|f| {
            Command::new(env!("CARGO_BIN_EXE_kehou"))
                .current_dir(term.dir.path())
                .arg("-c")
                .arg(term.path("config.toml"))
                .args(["record", f])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in spawned {
        assert!(child.wait().unwrap().success());
    }
    let ledger = term.ledger_csv();
    assert_eq!(ledger.lines().count() - 1, expected);
}

#[test]
fn the_demo_week_records_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    std::fs::create_dir(dir.path().join("registers")).unwrap();
    for sub in ["", "registers"] {
        for entry in std::fs::read_dir(demo.join(sub)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            let skip = ["plan.csv", "waitlist.csv", "attendance.csv"]
                .iter()
                .any(|s| name == *s);
            if entry.file_type().unwrap().is_file() && !skip {
                std::fs::copy(entry.path(), dir.path().join(sub).join(&name)).unwrap();
            }
        }
    }
    let term = Term { dir };
    assert_eq!(term.run(&["plan", "--as-of", "2026-09-07"]).0, 0);
    let registers: Vec<String> = std::fs::read_dir(term.path("registers"))
        .unwrap()
        .map(|e| format!("registers/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut args = vec!["record"];
    args.extend(registers.iter().map(String::as_str));
    let (code, text) = term.run(&args);
    assert_eq!(code, 0, "{text}");
    let (code, text) = term.run(&["weekly", "--week", "2026-09-14"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("无故缺勤") && term.path("out/weekly/2026-W38.xlsx").exists(),
        "{text}"
    );
}
