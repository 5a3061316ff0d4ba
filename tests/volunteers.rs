//! Parent volunteers at dismissal (家长志愿者) through their real files:
//! `volunteers.csv` → the day's dismissal lists and duty sheet name each
//! batch's volunteers, `check` warns about a batch short of
//! `[dismissal] volunteers_per_batch`, `notices --volunteers` prints the rota.

#[path = "common/term.rs"]
mod term;

use term::{Book, Term};

/// Every text cell of a sheet that starts with `prefix`.
fn lines_starting(book: &mut Book, sheet: &str, prefix: &str) -> Vec<String> {
    let ws = book.sheet(sheet);
    let mut found = Vec::new();
    for row in 1..=ws.highest_row() {
        for col in 1..=12 {
            let text = ws.value((col, row));
            if text.contains(prefix) {
                found.push(text);
            }
        }
    }
    found
}

fn sheet_named(book: &Book, starts: &str) -> Vec<String> {
    book.book
        .sheet_collection()
        .iter()
        .map(|s| s.name().to_string())
        .filter(|n| n.starts_with(starts))
        .collect()
}

/// A child of the first class in the students file, and that class.
fn first_child(term: &Term) -> (String, String) {
    let text = term.read("students.csv");
    let line = text.lines().nth(1).unwrap();
    let cells: Vec<&str> = line.split(',').collect();
    (cells[0].to_string(), cells[2].to_string())
}

#[test]
fn the_days_volunteers_are_named_per_batch_and_check_warns_about_a_batch_with_none() {
    let term = Term::new(300, 7);
    let (child, class) = first_child(&term);
    term.write(
        "volunteers.csv",
        &format!(
            "姓名,电话,学号,班级,星期,放学批次,校门\n\
             张妈妈,13800001111,{child},,一三,,东门\n\
             李爸爸,13900002222,,,一至五,高年级,西门\n"
        ),
    );
    let config = term.read("config.toml");
    term.write(
        "config.toml",
        &config.replace("volunteers_per_batch = 0", "volunteers_per_batch = 1"),
    );

    // Low grades have a volunteer on Monday and Wednesday only.
    let (code, text) = term.run(&["check"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("周二 17:00 低年级 放学批次只有 0 名家长志愿者"),
        "{text}"
    );
    assert!(!text.contains("周一 17:00 低年级 放学批次只有"), "{text}");
    assert!(!text.contains("周五 17:30 高年级 放学批次只有"), "{text}");

    // A Monday: the child's band batch names 张妈妈, the high grades' 李爸爸.
    let monday = "2026-09-14";
    assert_eq!(term.run(&["daily", "--date", monday]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{monday}.xlsx")));
    // Every list of the batch (a long batch is split by class) names them.
    let low = sheet_named(&book, "放学-1700");
    assert!(!low.is_empty(), "{:?}", sheet_named(&book, "放学"));
    for list in &low {
        assert_eq!(
            lines_starting(&mut book, list, "家长志愿者"),
            ["家长志愿者: 张妈妈(东门)"],
            "{class} {list}"
        );
    }
    let high = sheet_named(&book, "放学-1730");
    assert_eq!(
        lines_starting(&mut book, &high[0], "家长志愿者"),
        ["家长志愿者: 李爸爸(西门)"]
    );
    let duty = lines_starting(&mut book, "值班表", "家长志愿者");
    assert!(
        duty.iter()
            .any(|l| l.starts_with("17:00 低年级") && l.contains("张妈妈")),
        "{duty:?}"
    );

    // A Tuesday: nobody at the low grades' batch, and the list says so.
    let tuesday = "2026-09-15";
    assert_eq!(term.run(&["daily", "--date", tuesday]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{tuesday}.xlsx")));
    let low = sheet_named(&book, "放学-1700");
    assert_eq!(
        lines_starting(&mut book, &low[0], "家长志愿者"),
        ["家长志愿者: (无)"]
    );

    // The rota: each volunteer with their days in the term.
    let (code, text) = term.run(&["notices", "--volunteers", "--csv"]);
    assert_eq!(code, 0, "{text}");
    let rota = term.read("out/volunteers.csv");
    let rows: Vec<&str> = rota.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{rota}");
    assert!(
        rows[0].contains("张妈妈") && rows[0].contains("周一、周三"),
        "{rota}"
    );
    assert!(rows[0].contains("138****1111"), "{rota}");
    assert!(
        rows[1].contains("17:30 高年级") && rows[1].contains("西门"),
        "{rota}"
    );
}

#[test]
fn a_volunteer_with_an_unknown_batch_or_child_is_an_error_at_its_cell() {
    let term = Term::unplanned(120, 3);
    term.write(
        "volunteers.csv",
        "姓名,学号,星期,放学批次\n张妈妈,,一,午饭\n李爸爸,X999,二,\n王奶奶,,三,\n",
    );
    let (code, text) = term.run(&["check"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("volunteers.csv:2:4"), "{text}");
    assert!(text.contains("“午饭” 不是年段名称或放学时间"), "{text}");
    assert!(text.contains("volunteers.csv:3:2"), "{text}");
    assert!(text.contains("volunteers.csv:4:4"), "{text}");
}
