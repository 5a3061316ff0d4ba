//! 跟踪制度 through the real files: two children marked 缺 on a day's
//! workbook, the weekly report's follow-up list filled the way a spreadsheet
//! program would (one guardian reached, one not) and read back by `record`;
//! the one not reached stays open — overdue first on `kehou followup` and on
//! the next week's report — until the office closes it from a CSV.

#[path = "common/term.rs"]
mod term;

use term::{Book, KEY, STATUS, Term};

/// A day's workbook with every child present but the `absent` rows of the
/// first sign-in sheet, recorded: the (block, student) of each absent.
fn record_day(term: &Term, day: &str, absent: std::ops::Range<usize>) -> Vec<(String, String)> {
    let (code, text) = term.run(&["daily", "--date", day]);
    assert_eq!(code, 0, "{text}");
    let mut book = Book::open(&term.path(&format!("out/daily/{day}.xlsx")));
    book.fill_all("到");
    let sheet = book.sign_in_sheets()[0].clone();
    let mut marked = Vec::new();
    for &row in &book.rows(&sheet)[absent] {
        let key = book.sheet(&sheet).value((KEY, row));
        book.sheet(&sheet).cell_mut((STATUS, row)).set_value("缺");
        let parts: Vec<&str> = key.split('|').collect();
        marked.push((parts[1].to_string(), parts[3].to_string()));
    }
    let filled = term.path(&format!("filled-{day}.xlsx"));
    book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    marked
}

/// The follow-up sheet of a workbook: its header row and column numbers.
struct List {
    book: Book,
    header: u32,
}

impl List {
    fn open(path: &std::path::Path) -> List {
        let mut book = Book::open(path);
        let sheet = book.sheet("跟进名单");
        let header = (1..=5)
            .find(|&r| (1..=20).any(|c| sheet.value((c, r)) == "学号"))
            .expect("no header row");
        List { book, header }
    }

    fn column(&mut self, name: &str) -> u32 {
        let header = self.header;
        let sheet = self.book.sheet("跟进名单");
        (1..=30)
            .find(|&c| sheet.value((c, header)) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// Every listed row: (学号, 状态, 联系人, 结果).
    fn rows(&mut self) -> Vec<(u32, String, String, String, String)> {
        let (id, state, contact, outcome) = (
            self.column("学号"),
            self.column("状态"),
            self.column("联系人"),
            self.column("结果"),
        );
        let header = self.header;
        let sheet = self.book.sheet("跟进名单");
        (header + 1..=sheet.highest_row())
            .filter(|&r| !sheet.value((id, r)).is_empty())
            .map(|r| {
                (
                    r,
                    sheet.value((id, r)),
                    sheet.value((state, r)),
                    sheet.value((contact, r)),
                    sheet.value((outcome, r)),
                )
            })
            .collect()
    }

    fn fill(&mut self, row: u32, values: [(&str, &str); 4]) {
        for (name, value) in values {
            let c = self.column(name);
            self.book
                .sheet("跟进名单")
                .cell_mut((c, row))
                .set_value(value);
        }
    }
}

#[test]
fn an_absence_stays_on_every_list_until_a_contact_closes_it() {
    let term = Term::new(300, 11);
    let config = term.read("config.toml");
    assert!(config.contains("close_within_days = 0"));
    term.write(
        "config.toml",
        &config.replace("close_within_days = 0", "close_within_days = 1"),
    );
    let first = record_day(&term, "2026-09-14", 0..2);
    let (reached, missed) = (&first[0].1, &first[1].1);

    // The week's report lists both, open; the office fills them in.
    let (code, text) = term.run(&["weekly", "--week", "2026-09-14"]);
    assert_eq!(code, 0, "{text}");
    let week = term.path("out/weekly/2026-W38.xlsx");
    let mut list = List::open(&week);
    let rows = list.rows();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.2.contains("待跟进")), "{rows:?}");
    let row_of = |rows: &[(u32, String, String, String, String)], id: &str| {
        rows.iter().find(|r| r.1 == id).map(|r| r.0).unwrap()
    };
    let fill = [
        ("联系人", "张妈妈"),
        ("联系时间", "17:40"),
        ("结果", "已联系,孩子在家"),
        ("处理人", "王老师"),
    ];
    list.fill(row_of(&rows, reached), fill);
    let fill = [
        ("联系人", "李爸爸"),
        ("联系时间", "2026-09-14 17:45"),
        ("结果", "电话无人接听"),
        ("处理人", "王老师"),
    ];
    list.fill(row_of(&rows, missed), fill);
    let filled = term.path("weekly-filled.xlsx");
    list.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("读到 2 条跟进记录,新记入 2 条"), "{text}");
    // Recorded again: nothing new.
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新记入 0 条"), "{text}");

    // The next Monday, another child is absent. `followup` lists the one not
    // reached (overdue since 9-15) first, then the new one; not the closed one.
    let second = record_day(&term, "2026-09-21", 2..3);
    let fresh = &second[0].1;
    let (code, text) = term.run(&["followup", "--date", "2026-09-21"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("待跟进的无故脱管 2 次,其中超时未结案 1 次"),
        "{text}"
    );
    let at = |id: &str| text.find(&format!("({id})"));
    assert!(at(missed).unwrap() < at(fresh).unwrap(), "{text}");
    assert_eq!(at(reached), None, "{text}");
    let mut list = List::open(&term.path("out/followup/跟进名单-2026-09-21.xlsx"));
    let rows = list.rows();
    assert_eq!(rows[0].1, *missed);
    assert!(rows[0].2.contains("超时未结案"), "{rows:?}");
    assert_eq!(
        (rows[0].3.as_str(), rows[0].4.as_str()),
        ("李爸爸", "电话无人接听")
    );

    // The next week's report carries it (with its last contact) beside the
    // week's own absences.
    let (code, text) = term.run(&["weekly", "--week", "2026-09-21"]);
    assert_eq!(code, 0, "{text}");
    let mut list = List::open(&term.path("out/weekly/2026-W39.xlsx"));
    let ids: Vec<String> = list.rows().into_iter().map(|r| r.1).collect();
    assert_eq!(ids[0], *missed, "{ids:?}");
    assert!(ids.contains(fresh) && !ids.contains(reached), "{ids:?}");

    // A contact about an absence the ledger does not hold is refused whole.
    let block = &first[1].0;
    term.write(
        "wrong.csv",
        &format!(
            "id,date,block,contacted_at,outcome,by\n\
             {missed},2026-09-14,{block},2026-09-22 08:10,已联系 在外婆家,王老师\n\
             {reached},2026-09-15,{block},2026-09-22 08:15,已联系,王老师\n"
        ),
    );
    let (code, text) = term.run(&["followup", "--close", "wrong.csv", "--date", "2026-09-22"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("wrong.csv") && text.contains("台账里没有"),
        "{text}"
    );

    // The office closes it from a CSV: gone from the list and next reports.
    term.write(
        "contacts.csv",
        &format!(
            "id,date,block,contacted_at,outcome,by\n\
             {missed},2026-09-14,{block},2026-09-22 08:10,已联系 在外婆家,王老师\n"
        ),
    );
    let (code, text) = term.run(&[
        "followup",
        "--close",
        "contacts.csv",
        "--date",
        "2026-09-22",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("读到 1 条跟进记录,新记入 1 条"), "{text}");
    assert!(text.contains("待跟进的无故脱管 1 次"), "{text}");
    assert_eq!(at_in(&text, missed), None, "{text}");
    let (code, text) = term.run(&["weekly", "--week", "2026-09-21"]);
    assert_eq!(code, 0, "{text}");
    let mut list = List::open(&term.path("out/weekly/2026-W39.xlsx"));
    let ids: Vec<String> = list.rows().into_iter().map(|r| r.1).collect();
    assert!(!ids.contains(missed) && ids.contains(fresh), "{ids:?}");
    // The week it happened shows it closed, late.
    let (code, text) = term.run(&["weekly", "--week", "2026-09-14"]);
    assert_eq!(code, 0, "{text}");
    let mut list = List::open(&week);
    let rows = list.rows();
    let state = |id: &str| rows.iter().find(|r| r.1 == id).unwrap().2.clone();
    assert_eq!(state(missed), "超时未结案·已结案");
    assert_eq!(state(reached), "已结案");
}

fn at_in(text: &str, id: &str) -> Option<usize> {
    text.find(&format!("({id})"))
}

#[test]
fn the_followup_list_filled_in_a_spreadsheet_program_is_read_back_by_record() {
    let term = Term::new(200, 13);
    let absent = record_day(&term, "2026-09-15", 0..2);
    let (reached, missed) = (&absent[0].1, &absent[1].1);
    let (code, text) = term.run(&["followup", "--date", "2026-09-15"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("待跟进的无故脱管 2 次"), "{text}");

    // The office calls from `kehou followup`'s own list: one reached that
    // evening (a time typed as Excel keeps it), one not.
    let mut list = List::open(&term.path("out/followup/跟进名单-2026-09-15.xlsx"));
    let rows = list.rows();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let row_of = |id: &str| rows.iter().find(|r| r.1 == id).unwrap().0;
    list.fill(
        row_of(reached),
        [
            ("联系人", "张妈妈"),
            ("联系时间", ""),
            ("结果", "已联系,孩子在外婆家"),
            ("处理人", "王老师"),
        ],
    );
    let at = list.column("联系时间");
    let cell = list.book.sheet("跟进名单").cell_mut((at, row_of(reached)));
    cell.set_value_number((17.0 * 60.0 + 40.0) / (24.0 * 60.0));
    cell.style_mut().number_format_mut().set_format_code("h:mm");
    list.fill(
        row_of(missed),
        [
            ("联系人", "李爸爸"),
            ("联系时间", "17:45"),
            ("结果", "无人接听"),
            ("处理人", "王老师"),
        ],
    );
    let filled = term.path("followup-filled.xlsx");
    list.book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("读到 2 条跟进记录,新记入 2 条"), "{text}");

    // Only the one not reached is left, with its last contact.
    let (code, text) = term.run(&["followup", "--date", "2026-09-16"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("待跟进的无故脱管 1 次"), "{text}");
    assert_eq!(at_in(&text, reached), None, "{text}");
    let mut list = List::open(&term.path("out/followup/跟进名单-2026-09-16.xlsx"));
    let rows = list.rows();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, *missed);
    assert_eq!(
        (rows[0].3.as_str(), rows[0].4.as_str()),
        ("李爸爸", "无人接听")
    );
}
