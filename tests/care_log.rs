//! 看管记录 through the daily workbook: the day's care log sheet filled the
//! way a spreadsheet program would (a time typed as a time, two children in
//! one line, one guardian not told), read back by `record` into the term's
//! database; the month's care log and the weekly report list both, the
//! untold first; a line written again replaces the one before, and a child
//! not on the roster is an error at its cell with nothing recorded.

#[path = "common/term.rs"]
mod term;

use term::{Book, KEY, Term};

const SHEET: &str = "看管记录";

/// The care log sheet of a day's workbook: its header row and columns.
struct CareLog {
    book: Book,
    header: u32,
}

impl CareLog {
    fn open(path: &std::path::Path) -> CareLog {
        let mut book = Book::open(path);
        let sheet = book.sheet(SHEET);
        let header = (1..=5)
            .find(|&r| (1..=20).any(|c| sheet.value((c, r)) == "通知家长时间"))
            .expect("no header row");
        CareLog { book, header }
    }

    fn column(&mut self, name: &str) -> u32 {
        let header = self.header;
        let sheet = self.book.sheet(SHEET);
        (1..=20)
            .find(|&c| sheet.value((c, header)) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// The printed lines (those with the day's date).
    fn lines(&mut self) -> Vec<u32> {
        let (header, date) = (self.header, self.column("日期"));
        let sheet = self.book.sheet(SHEET);
        (header + 1..=sheet.highest_row())
            .filter(|&r| !sheet.value((date, r)).is_empty())
            .collect()
    }

    /// Writes a time the way Excel keeps one typed in.
    fn time(&mut self, row: u32, name: &str, minutes: u32) {
        let c = self.column(name);
        let cell = self.book.sheet(SHEET).cell_mut((c, row));
        cell.set_value_number(f64::from(minutes) / (24.0 * 60.0));
        cell.style_mut().number_format_mut().set_format_code("h:mm");
    }

    fn text(&mut self, row: u32, name: &str, value: &str) {
        let c = self.column(name);
        self.book.sheet(SHEET).cell_mut((c, row)).set_value(value);
    }
}

/// The group and child of the first row of the day's first sign-in sheet,
/// and a second child of that sheet.
fn group_and_children(book: &mut Book) -> (String, String, String) {
    let sheet = book.sign_in_sheets()[0].clone();
    let rows = book.rows(&sheet);
    let key = |b: &mut Book, r: u32| b.sheet(&sheet).value((KEY, r));
    let first = key(book, rows[0]);
    let second = key(book, rows[1]);
    let parts: Vec<&str> = first.split('|').collect();
    let other = second.rsplit('|').next().unwrap().to_string();
    (parts[2].to_string(), parts[3].to_string(), other)
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_days_care_log_is_read_back_and_listed_with_the_time_to_tell_the_guardian() {
    let term = Term::new(300, 5);
    let day = "2026-09-15";
    let (code, text) = term.run(&["daily", "--date", day]);
    assert_eq!(code, 0, "{text}");
    let path = term.path(&format!("out/daily/{day}.xlsx"));
    let mut log = CareLog::open(&path);
    let lines = log.lines();
    assert!(lines.len() >= 8, "{lines:?}");
    let (group, child, other) = group_and_children(&mut log.book);

    // One fall, the guardian told 15 minutes later; a scuffle of two
    // children, nobody told yet. The sign-in sheets filled too.
    log.book.fill_all("到");
    let (first, second) = (lines[0], lines[1]);
    log.time(first, "时间", 16 * 60 + 5);
    log.text(first, "去向", &group);
    log.text(first, "学号", &child);
    log.text(first, "情况", "摔倒擦伤膝盖");
    log.text(first, "处理", "校医消毒包扎");
    log.time(first, "通知家长时间", 16 * 60 + 20);
    log.text(first, "通知人", "王老师");
    log.time(second, "时间", 16 * 60 + 50);
    log.text(second, "学号", &format!("{child}、{other}"));
    log.text(second, "情况", "两人推搡");
    log.text(second, "处理", "分开谈话");
    let filled = term.path("filled.xlsx");
    log.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("读到看管记录 2 条,新记入或更新 2 条"),
        "{text}"
    );

    // The month's care log: the untold first, then the fall with its 15 minutes.
    let (code, text) = term.run(&["incidents", "--month", "2026-09", "--csv"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 2 条,其中未通知家长 1 条"), "{text}");
    let rows = csv_rows(&term.read("out/incidents-2026-09.csv"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][5], "两人推搡", "{rows:?}");
    assert_eq!(rows[0][7], "未通知家长", "{rows:?}");
    assert!(
        rows[0][4].contains(&child) && rows[0][4].contains(&other),
        "{rows:?}"
    );
    assert_eq!(rows[1][2], "16:05", "{rows:?}");
    assert_eq!(rows[1][5], "摔倒擦伤膝盖", "{rows:?}");
    assert_eq!(rows[1][7..9], ["16:20", "15"], "{rows:?}");

    // The weekly report of that week lists the same two.
    let (code, text) = term.run(&["weekly", "--week", day, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let weekly = csv_rows(&term.read("out/weekly/2026-W38-incidents.csv"));
    assert_eq!(weekly.len(), 2, "{weekly:?}");

    // The same workbook again is no change; the scuffle's guardian told at
    // last, the line rewritten: nobody left untold.
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("读到看管记录 2 条,新记入或更新 0 条"),
        "{text}"
    );
    log.time(second, "通知家长时间", 17 * 60 + 10);
    log.text(second, "通知人", "李老师");
    log.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("读到看管记录 2 条,新记入或更新 1 条"),
        "{text}"
    );
    let (code, text) = term.run(&["incidents", "--month", "2026-09", "--csv"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 2 条,其中未通知家长 0 条"), "{text}");
    let rows = csv_rows(&term.read("out/incidents-2026-09.csv"));
    assert_eq!(rows[1][7..10], ["17:10", "20", "李老师"], "{rows:?}");

    // Written into incidents.csv as well, the fall is still one incident.
    term.write(
        "incidents.csv",
        &format!("日期,时间,去向,学号,情况\n{day},16:05,{group},{child},摔倒擦伤膝盖\n"),
    );
    let (code, text) = term.run(&["incidents", "--month", "2026-09"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 2 条"), "{text}");
}

#[test]
fn a_care_log_line_with_an_unknown_child_or_no_time_is_an_error_and_nothing_is_recorded() {
    let term = Term::new(120, 8);
    let day = "2026-09-14";
    assert_eq!(term.run(&["daily", "--date", day]).0, 0);
    let mut log = CareLog::open(&term.path(&format!("out/daily/{day}.xlsx")));
    let lines = log.lines();
    log.time(lines[0], "时间", 16 * 60);
    log.text(lines[0], "学号", "X404");
    log.text(lines[0], "情况", "摔倒");
    log.text(lines[1], "情况", "流鼻血");
    let line = lines[0];
    let filled = term.path("bad.xlsx");
    log.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains(&format!("{SHEET}:{line}:")), "{text}");
    assert!(text.contains("学号不在学生名单中"), "{text}");
    assert!(text.contains(&format!("{SHEET}:{}:", lines[1])), "{text}");
    let (code, text) = term.run(&["incidents", "--month", "2026-09"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 0 条"), "{text}");
}
