//! 带班领导 through the real files: the duty sheet `daily` prints is filled
//! the way a spreadsheet program would (a time typed as a time, what was seen,
//! a signature; one group left out; the 清校 lines ticked, or one marked 未),
//! read back by `record`, and the weekly report lists the days whose round or
//! 清校 is missing — until a later sheet fills them in.

#[path = "common/term.rs"]
mod term;

use term::{Book, Term};

/// The duty sheet of a workbook: its header row and the named columns.
struct DutySheet {
    book: Book,
    header: u32,
}

impl DutySheet {
    fn open(path: &std::path::Path) -> DutySheet {
        let mut book = Book::open(path);
        let sheet = book.sheet("值班表");
        let header = (1..=5)
            .find(|&r| (1..=20).any(|c| sheet.value((c, r)) == "巡视键"))
            .expect("no header row");
        DutySheet { book, header }
    }

    fn column(&mut self, name: &str) -> u32 {
        let header = self.header;
        let sheet = self.book.sheet("值班表");
        (1..=20)
            .find(|&c| sheet.value((c, header)) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// Each printed line: (row, 去向, 巡视键).
    fn lines(&mut self) -> Vec<(u32, String, String)> {
        let (group, key) = (self.column("去向"), self.column("巡视键"));
        let header = self.header;
        let sheet = self.book.sheet("值班表");
        (header + 1..=sheet.highest_row())
            .filter(|&r| !sheet.value((key, r)).is_empty())
            .map(|r| (r, sheet.value((group, r)), sheet.value((key, r))))
            .collect()
    }

    /// Writes 巡视时间 (as a time, the way Excel keeps one typed in), 情况 and 签名.
    fn fill(&mut self, row: u32, minutes: u32, seen: &str, signed: &str) {
        let (at, note, sign) = (
            self.column("巡视时间"),
            self.column("情况"),
            self.column("签名"),
        );
        let sheet = self.book.sheet("值班表");
        let cell = sheet.cell_mut((at, row));
        cell.set_value_number(f64::from(minutes) / (24.0 * 60.0));
        cell.style_mut().number_format_mut().set_format_code("h:mm");
        sheet.cell_mut((note, row)).set_value(seen);
        sheet.cell_mut((sign, row)).set_value(signed);
    }
}

/// The weekly report's round sheet as CSV rows (header left out).
fn weekly_gaps(term: &Term, week: &str, file: &str) -> Vec<Vec<String>> {
    let (code, text) = term.run(&["weekly", "--week", week, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let csv = term.read(&format!("out/weekly/{file}-rounds.csv"));
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn a_filled_duty_sheet_is_read_back_and_the_weekly_lists_what_is_missing() {
    let term = Term::new(200, 5);
    let (code, text) = term.run(&["daily", "--date", "2026-09-14"]);
    assert_eq!(code, 0, "{text}");
    let mut duty = DutySheet::open(&term.path("out/daily/2026-09-14.xlsx"));
    let lines = duty.lines();
    let patrol: Vec<_> = lines.iter().filter(|l| l.1 != "清校").collect();
    let clear: Vec<_> = lines.iter().filter(|l| l.1 == "清校").collect();
    assert!(patrol.len() >= 3, "{lines:?}");
    assert_eq!(clear.len(), 2, "{lines:?}");
    // Patrol order: block by block.
    let starts: Vec<&str> = patrol.iter().map(|l| &l.2[11..16]).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    // Every group visited but the last; both 清校 lines ticked.
    for (i, (row, ..)) in patrol.iter().enumerate().take(patrol.len() - 1) {
        duty.fill(*row, 15 * 60 + 40 + i as u32, "正常", "李校长");
    }
    duty.fill(clear[0].0, 18 * 60 + 5, "✓", "李校长");
    duty.fill(clear[1].0, 18 * 60 + 12, "已检查,无滞留", "李校长");
    let filled = term.path("duty-filled.xlsx");
    duty.book.save(&filled);
    // The duty sheet alone is a file `record` takes (no register needed).
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let visited = patrol.len() - 1;
    assert!(
        text.contains(&format!("读到带班巡视 {visited} 条、清校 1 天")),
        "{text}"
    );
    let exported = tempfile::tempdir().unwrap();
    let to = exported.path().to_str().unwrap();
    let (code, text) = term.run(&["export", "--to", to]);
    assert_eq!(code, 0, "{text}");
    let rounds = std::fs::read_to_string(exported.path().join("rounds.csv")).unwrap();
    assert!(
        rounds.contains("15:40") && rounds.contains("18:12"),
        "{rounds}"
    );

    // 14 Sep: one group not visited; 15–18 Sep and the make-up Sunday: nothing recorded.
    let gaps = weekly_gaps(&term, "2026-09-14", "2026-W38");
    let dates: Vec<&str> = gaps.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        dates,
        [
            "2026-09-14",
            "2026-09-15",
            "2026-09-16",
            "2026-09-17",
            "2026-09-18",
            "2026-09-20"
        ]
    );
    let monday = &gaps[0];
    assert_eq!(monday[2], patrol.len().to_string(), "{monday:?}");
    assert_eq!(monday[3], visited.to_string(), "{monday:?}");
    assert_eq!(monday[4..], ["18:12", "已确认", "已确认"], "{monday:?}");
    assert_eq!(gaps[1][4], "未记录", "{:?}", gaps[1]);

    // A second copy with the last group visited and the rooms marked 未:
    // the round is whole, the 清校 not confirmed; the same lines again are no change.
    let (row, ..) = patrol[patrol.len() - 1];
    duty.fill(*row, 17 * 60, "正常", "李校长");
    duty.fill(clear[1].0, 18 * 60 + 12, "未检查三楼", "李校长");
    let again = term.path("duty-again.xlsx");
    duty.book.save(&again);
    let (code, text) = term.run(&["record", again.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新记入或更新 2 条"), "{text}");
    let gaps = weekly_gaps(&term, "2026-09-14", "2026-W38");
    let monday = &gaps[0];
    assert_eq!(monday[0], "2026-09-14");
    assert_eq!(monday[3], patrol.len().to_string(), "{monday:?}");
    assert_eq!(monday[4..], ["18:12", "已确认", "未确认"], "{monday:?}");
    // Rooms ticked at last: the day leaves the list.
    duty.fill(clear[1].0, 18 * 60 + 20, "✓", "李校长");
    duty.book.save(&again);
    let (code, text) = term.run(&["record", again.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let gaps = weekly_gaps(&term, "2026-09-14", "2026-W38");
    assert_eq!(gaps[0][0], "2026-09-15", "{gaps:?}");
}

#[test]
fn a_visit_without_a_time_or_a_changed_key_is_an_error_and_nothing_is_recorded() {
    let term = Term::new(120, 8);
    let (code, text) = term.run(&["daily", "--date", "2026-09-15"]);
    assert_eq!(code, 0, "{text}");
    let mut duty = DutySheet::open(&term.path("out/daily/2026-09-15.xlsx"));
    let lines = duty.lines();
    let (first, second) = (lines[0].0, lines[1].0);
    duty.fill(first, 15 * 60 + 40, "正常", "李校长");
    let (at, key) = (duty.column("巡视时间"), duty.column("巡视键"));
    let sheet = duty.book.sheet("值班表");
    sheet.cell_mut((at, first)).set_value("");
    sheet
        .cell_mut((key, second))
        .set_value("2026-09-15|clear|lights");
    sheet.cell_mut((at, second)).set_value("16:00");
    let filled = term.path("duty-bad.xlsx");
    duty.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains(&format!("值班表:{first}:")), "{text}");
    assert!(text.contains("巡视时间"), "{text}");
    assert!(text.contains("巡视键被改动了"), "{text}");
    assert!(
        !term.path("kehou.db").exists() || {
            let exported = tempfile::tempdir().unwrap();
            let to = exported.path().to_str().unwrap();
            term.run(&["export", "--to", to]);
            let rounds = std::fs::read_to_string(exported.path().join("rounds.csv")).unwrap();
            rounds.lines().count() <= 1
        }
    );
}
