//! Every mark lands on the right child: registers edited the way a spreadsheet
//! program edits them (a sort of the visible columns only, rows typed in or
//! deleted), notes printed from the roster, register CSVs written by hand,
//! what `record` says, and the ledger's lock under two spellings of its path.

#[path = "common/term.rs"]
mod term;

use std::process::{Command, Stdio};

use term::{Book, ID, KEY, NAME, NOTES, STATUS, TEACHER, Term};

const DAY: &str = "2026-09-08";

/// A term with the day's workbook printed, and a sign-in sheet of at least `n` rows.
fn printed(seed: u64, n: usize) -> (Term, Book, String) {
    let term = Term::new(300, seed);
    let (code, text) = term.run(&["daily", "--date", DAY]);
    assert_eq!(code, 0, "{text}");
    let mut book = Book::open(&term.path(&format!("out/daily/{DAY}.xlsx")));
    let sheet = book
        .sign_in_sheets()
        .into_iter()
        .find(|s| book.rows(s).len() >= n)
        .expect("a sign-in sheet big enough");
    (term, book, sheet)
}

/// The block start in a row's hidden key.
fn block_of(book: &mut Book, sheet: &str, row: u32) -> String {
    let key = book.sheet(sheet).value((KEY, row));
    key.split('|').nth(1).unwrap().to_string()
}

#[test]
fn a_sort_of_the_visible_columns_records_the_child_whose_id_is_visible() {
    let (term, mut book, sheet) = printed(11, 4);
    let rows = book.rows(&sheet);
    let block = block_of(&mut book, &sheet, rows[0]);
    // "Sort the current selection only": the visible columns are reversed,
    // the hidden key column stays where it was.
    let visible: Vec<u32> = (1..=9).chain([TEACHER]).collect();
    let ws = book.sheet(&sheet);
    let before: Vec<Vec<String>> = rows
        .iter()
        .map(|&r| visible.iter().map(|&c| ws.value((c, r))).collect())
        .collect();
    for (i, &r) in rows.iter().enumerate() {
        for (j, &c) in visible.iter().enumerate() {
            ws.cell_mut((c, r))
                .set_value(before[rows.len() - 1 - i][j].clone());
        }
    }
    // The teacher marks the child shown on the first row absent.
    let absent = ws.value((ID, rows[0]));
    for &r in &rows {
        let status = if r == rows[0] { "缺" } else { "到" };
        ws.cell_mut((STATUS, r)).set_value(status);
    }
    book.save(&term.path("sorted.xlsx"));
    let (code, text) = term.run(&["record", "sorted.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("已按表上看得见的学号登记"), "{text}");
    assert_eq!(
        term.status_of(DAY, &block, &absent).as_deref(),
        Some("absent")
    );
    let absences = term.ledger().iter().filter(|r| r[4] == "absent").count();
    assert_eq!(absences, 1, "only the child the teacher marked is absent");
}

#[test]
fn a_row_showing_a_child_from_another_list_is_refused_naming_both() {
    let (term, mut book, sheet) = printed(12, 2);
    let ids_here: Vec<String> = book
        .rows(&sheet)
        .into_iter()
        .map(|r| book.sheet(&sheet).value((ID, r)))
        .collect();
    // A child from another sheet who is not on this one's list.
    let mut stranger = None;
    for s in book.sign_in_sheets() {
        for r in book.rows(&s) {
            let ws = book.sheet(&s);
            let (id, name) = (ws.value((ID, r)), ws.value((NAME, r)));
            if stranger.is_none() && !ids_here.contains(&id) {
                stranger = Some((id, name));
            }
        }
    }
    let (stranger, stranger_name) = stranger.unwrap();
    let row = book.rows(&sheet)[0];
    let ws = book.sheet(&sheet);
    let keyed = ws.value((ID, row));
    ws.cell_mut((ID, row)).set_value(stranger.clone());
    ws.cell_mut((NAME, row)).set_value(stranger_name);
    book.fill_all("到");
    book.save(&term.path("mixed.xlsx"));
    let (code, text) = term.run(&["record", "mixed.xlsx"]);
    if !term.ledger().is_empty() {
        assert!(
            term.status_of(DAY, &block_of(&mut book, &sheet, row), &keyed)
                .is_none()
        );
    }
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(&format!("mixed.xlsx#{sheet}:{row}")),
        "{text}"
    );
    assert!(text.contains(&keyed) && text.contains(&stranger), "{text}");
    assert!(term.ledger().is_empty());
}

#[test]
fn rows_typed_in_by_hand_are_recorded_and_deleted_rows_listed() {
    let (term, mut book, sheet) = printed(13, 4);
    let rows = book.rows(&sheet);
    let block = block_of(&mut book, &sheet, rows[0]);
    let ws = book.sheet(&sheet);
    let row_of = |ws: &umya_spreadsheet::Worksheet, r: u32| -> Vec<String> {
        (1..=4).map(|c| ws.value((c, r))).collect()
    };
    let typed = row_of(ws, rows[1]);
    let gone = ws.value((ID, rows[2]));
    // Two printed rows deleted; one of the two children typed in at the bottom.
    ws.remove_row(rows[2], 1);
    ws.remove_row(rows[1], 1);
    book.fill_all("到");
    let ws = book.sheet(&sheet);
    let bottom = ws.highest_row() + 2;
    for (c, v) in typed.iter().enumerate().skip(1) {
        ws.cell_mut((c as u32 + 1, bottom)).set_value(v.clone());
    }
    ws.cell_mut((STATUS, bottom)).set_value("缺");
    book.save(&term.path("edited.xlsx"));
    let (code, text) = term.run(&["record", "edited.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        term.status_of(DAY, &block, &typed[3]).as_deref(),
        Some("absent")
    );
    assert!(term.status_of(DAY, &block, &gone).is_none());
    assert!(
        text.contains(&format!(
            "edited.xlsx#{sheet}:未登记 1 条(其中 1 行已从表上删除)"
        )),
        "{text}"
    );
    let (_, text) = term.run(&["record", "--dry-run", "--verbose", "edited.xlsx"]);
    assert!(
        text.contains(&gone) && text.contains("已从签到表上删除"),
        "{text}"
    );

    // A child typed in who is not on that group's list that day is refused.
    let mut book = Book::open(&term.path("edited.xlsx"));
    let ws = book.sheet(&sheet);
    ws.cell_mut((ID, bottom)).set_value("209999999");
    ws.cell_mut((NAME, bottom)).set_value("");
    book.save(&term.path("stranger.xlsx"));
    let (code, text) = term.run(&["record", "stranger.xlsx"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(&format!("stranger.xlsx#{sheet}:{bottom}")),
        "{text}"
    );
}

#[test]
fn notes_printed_from_the_roster_stay_out_of_the_ledger() {
    let term = Term::new(300, 14);
    assert_eq!(term.run(&["daily", "--date", DAY]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{DAY}.xlsx")));
    book.fill_all("到");
    let mut printed = Vec::new();
    for sheet in book.sign_in_sheets() {
        for r in book.rows(&sheet) {
            let ws = book.sheet(&sheet);
            let note = ws.value((NOTES, r));
            if !note.is_empty() {
                let own = if printed.is_empty() {
                    ";今天咳嗽"
                } else {
                    ""
                };
                ws.cell_mut((NOTES, r)).set_value(format!("{note}{own}"));
                let block = ws.value((KEY, r)).split('|').nth(1).unwrap().to_string();
                let own = own.trim_start_matches(';').to_string();
                printed.push((ws.value((ID, r)), block, own));
            }
        }
    }
    assert!(
        !printed.is_empty(),
        "the generated roster has medical notes"
    );
    book.save(&term.path("filled.xlsx"));
    let (code, text) = term.run(&["record", "filled.xlsx"]);
    assert_eq!(code, 0, "{text}");
    let ledger = term.ledger();
    for (id, block, own) in &printed {
        let row = ledger
            .iter()
            .find(|r| r[3] == *id && r[1] == *block)
            .unwrap();
        assert_eq!(
            &row[5], own,
            "{id}: the ledger keeps only what the teacher wrote"
        );
    }
}

#[test]
fn register_csvs_take_club_names_printed_blocks_and_more_words() {
    let (term, mut book, _) = printed(15, 1);
    let club_sheet = book
        .sign_in_sheets()
        .into_iter()
        .find(|s| book.rows(s).len() >= 3 && book.sheet(s).value((KEY, 3)).contains("|K"))
        .expect("a club sheet");
    let rows = book.rows(&club_sheet);
    let ws = book.sheet(&club_sheet);
    let key = ws.value((KEY, rows[0]));
    let parts: Vec<&str> = key.split('|').collect();
    let (start, club) = (parts[1], parts[2]);
    let title = ws.value((1, 1));
    let at = title.find(&format!("{start}–")).unwrap();
    let printed_block = &title[at..at + start.len() + 6];
    let clubs = term.read("clubs.csv");
    let club_name = clubs
        .lines()
        .find(|l| l.starts_with(club))
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let ids: Vec<String> = rows.iter().take(3).map(|&r| ws.value((ID, r))).collect();
    let mut csv = String::from("日期,时段,去向,学号,状态\n");
    for (id, status) in ids.iter().zip(["已到", "未到", "迟到"]) {
        csv += &format!("{DAY},{printed_block},{club_name},{id},{status}\n");
    }
    term.write("club.csv", &csv);
    let (code, text) = term.run(&["record", "club.csv"]);
    assert_eq!(code, 0, "{text}");
    let ledger = term.ledger();
    let row = |id: &str| ledger.iter().find(|r| r[3] == id).unwrap().clone();
    assert_eq!(
        (row(&ids[0])[4].as_str(), row(&ids[0])[2].as_str()),
        ("present", club)
    );
    assert_eq!(row(&ids[1])[4], "absent");
    assert_eq!(
        (row(&ids[2])[4].as_str(), row(&ids[2])[5].as_str()),
        ("present", "迟到")
    );
}

#[test]
fn record_summarises_blanks_and_names_corrections_and_cleared_cells() {
    let (term, mut book, sheet) = printed(16, 2);
    let sheets = book.keyed_sheets();
    book.save(&term.path("empty.xlsx"));
    let (code, text) = term.run(&["record", "empty.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.lines().count() <= sheets + 4,
        "one line per sheet:\n{text}"
    );
    assert!(text.contains("--verbose"), "{text}");
    let (_, verbose) = term.run(&["record", "--dry-run", "--verbose", "empty.xlsx"]);
    assert!(verbose.lines().count() > sheets + 4, "{verbose}");

    book.fill_all("到");
    book.save(&term.path("filled.xlsx"));
    assert_eq!(term.run(&["record", "filled.xlsx"]).0, 0);
    let rows = book.rows(&sheet);
    let ws = book.sheet(&sheet);
    let (name, id) = (ws.value((NAME, rows[0])), ws.value((ID, rows[0])));
    let (name2, id2) = (ws.value((NAME, rows[1])), ws.value((ID, rows[1])));
    ws.cell_mut((STATUS, rows[0])).set_value("缺");
    ws.cell_mut((STATUS, rows[1])).set_value("");
    book.save(&term.path("fixed.xlsx"));
    let (code, text) = term.run(&["record", "fixed.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains(&format!("{name}({id}):到 → 缺")), "{text}");
    assert!(
        text.contains(&format!("{name2}({id2}):表上已清空,总账保留原登记“到”")),
        "{text}"
    );
}

/// A second config beside the first, naming the same files through `..`.
fn second_spelling(term: &Term) -> std::path::PathBuf {
    std::fs::create_dir_all(term.path("x")).unwrap();
    let mut in_files = false;
    let config: String = term
        .read("config.toml")
        .lines()
        .map(|l| {
            if l.starts_with('[') {
                in_files = l == "[files]";
            }
            if l == "[files]" {
                // The second config's files are its folder's parent's: meant.
                return "[files]\noutside_folder = true".to_string();
            }
            match l.split_once(" = \"") {
                Some((k, v)) if in_files && !v.starts_with('"') => format!("{k} = \"../{v}"),
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = term.path("x/config.toml");
    std::fs::write(&path, config).unwrap();
    path
}

#[test]
fn the_lock_holds_under_two_spellings_of_the_ledger() {
    let term = Term::new(300, 17);
    let (code, text) = term.run(&["daily", "--from", "2026-09-08", "--to", "2026-09-17"]);
    assert_eq!(code, 0, "{text}");
    let other = second_spelling(&term);
    let days = ["08", "09", "10", "11", "14", "15", "16", "17"];
    let mut expected = 0;
    for d in days {
        let mut book = Book::open(&term.path(&format!("out/daily/2026-09-{d}.xlsx")));
        book.fill_all("到");
        expected += book.keys();
        book.save(&term.path(&format!("f{d}.xlsx")));
    }
    let spawned: Vec<_> = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let config = if i % 2 == 0 {
                term.path("config.toml")
            } else {
                other.clone()
            };
            Command::new(env!("CARGO_BIN_EXE_kehou"))
                .current_dir(term.dir.path())
                .arg("-c")
                .arg(config)
                .args(["record", &format!("f{d}.xlsx")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in spawned {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(term.ledger().len(), expected);
}

#[test]
fn a_held_lock_is_said_at_once_waited_for_briefly_and_a_dry_run_needs_none() {
    let (term, mut book, _) = printed(18, 1);
    book.fill_all("到");
    book.save(&term.path("filled.xlsx"));
    // Another run in the middle of a change: it holds the database's write lock.
    let lock = rusqlite::Connection::open(term.path("kehou.db")).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut dry = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(term.dir.path())
        .args(["-c", "config.toml", "record", "--dry-run", "filled.xlsx"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = dry.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed().as_secs() > 60 {
            dry.kill().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(
        status.is_some_and(|s| s.success()),
        "a dry run takes no lock"
    );
    let (code, text) = term.run(&["record", "--wait", "1", "filled.xlsx"]);
    assert_ne!(code, 0, "{text}");
    assert!(
        text.contains("正被另一个 kehou 使用;本次 kehou record(进程")
            && text.contains("仍被另一个 kehou 使用:本次未作任何改动"),
        "{text}"
    );
    drop(lock);
    assert!(term.ledger().is_empty());
    // The config named by a bare file name: the ledger's folder is the current one.
    let bare = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(term.dir.path())
        .args(["-c", "config.toml", "record", "filled.xlsx"])
        .output()
        .unwrap();
    assert!(
        bare.status.success(),
        "{}",
        String::from_utf8_lossy(&bare.stderr)
    );
    assert!(!term.ledger().is_empty());
}

/// The day's room sheet for the afternoon (a status column per block), with
/// its key and status columns.
fn afternoon_sheet(book: &mut Book) -> (String, u32, Vec<u32>) {
    let names: Vec<String> = (book.book.sheet_collection().iter())
        .map(|s| s.name().to_string())
        .collect();
    names
        .into_iter()
        .find_map(|s| {
            let (key, statuses) = term::afternoon_columns(book.sheet(&s))?;
            (statuses.len() > 1).then_some((s, key, statuses))
        })
        .expect("a room's sheet for the afternoon")
}

#[test]
fn an_afternoon_sheet_is_recorded_block_by_block_and_a_sheet_per_block_still_is() {
    let term = Term::new(300, 31);
    assert_eq!(term.run(&["daily", "--date", DAY]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{DAY}.xlsx")));
    let (sheet, key, statuses) = afternoon_sheet(&mut book);
    let ws = book.sheet(&sheet);
    let rows: Vec<u32> = (3..=ws.highest_row())
        .filter(|&r| !ws.value((key, r)).is_empty())
        .collect();
    // The first child is absent in the first block, present in the others;
    // a child not there in a block (where they are instead printed in its
    // cell) has nothing recorded for it.
    let mut expected: Vec<(String, String, &str)> = Vec::new();
    let mut not_there: Vec<(String, String)> = Vec::new();
    let id_col = term::column(ws, "学号").unwrap();
    for &r in &rows {
        let keys = ws.value((key, r));
        let mut keys = keys.split(';');
        let id = ws.value((id_col, r));
        for (b, &c) in statuses.iter().enumerate() {
            let block = ws.value((c, 2)).split(' ').nth(1).unwrap()[..5].to_string();
            if term::not_here(&ws.value((c, r))) {
                not_there.push((block, id.clone()));
                continue;
            }
            let k = keys.next().unwrap();
            assert_eq!(k.split('|').nth(1), Some(block.as_str()), "{k}");
            let status = if r == rows[0] && b == 0 { "缺" } else { "到" };
            ws.cell_mut((c, r)).set_value(status);
            let word = if status == "缺" { "absent" } else { "present" };
            expected.push((block, id.clone(), word));
        }
    }
    book.save(&term.path("afternoon.xlsx"));
    let (code, text) = term.run(&["record", "afternoon.xlsx"]);
    assert_eq!(code, 0, "{text}");
    for (block, id, word) in &expected {
        assert_eq!(
            term.status_of(DAY, block, id).as_deref(),
            Some(*word),
            "{block} {id}"
        );
    }
    for (block, id) in &not_there {
        assert_eq!(term.status_of(DAY, block, id), None, "{block} {id}");
    }
    // An older workbook's sheet per block (one status column, the planned
    // teacher on every row) is read as before: here it corrects the first
    // child's first block to leave.
    let (block, id, _) = expected[0].clone();
    let k = (expected.iter())
        .position(|e| e.0 == block && e.1 == id)
        .unwrap();
    assert_eq!(k, 0);
    let ws = book.sheet(&sheet);
    let first_key = ws
        .value((key, rows[0]))
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let mut old = umya_spreadsheet::new_file();
    let os = old.sheet_mut(0).unwrap();
    os.cell_mut((1, 1)).set_value(format!("{DAY} 签到表"));
    let headers = [
        "序号",
        "班级",
        "姓名",
        "学号",
        "状态",
        "签到",
        "离校时间",
        "接送人",
        "备注",
        "登记键",
        "看护教师",
    ];
    for (c, h) in headers.iter().enumerate() {
        os.cell_mut((c as u32 + 1, 2)).set_value(*h);
    }
    let teacher = term
        .read("staff.csv")
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    for (c, v) in [
        (1, "1"),
        (4, id.as_str()),
        (5, "假"),
        (10, first_key.as_str()),
        (11, teacher.as_str()),
    ] {
        os.cell_mut((c, 3)).set_value(v);
    }
    umya_spreadsheet::writer::xlsx::write(&old, term.path("older.xlsx")).unwrap();
    let (code, text) = term.run(&["record", "older.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        term.status_of(DAY, &block, &id).as_deref(),
        Some("leave"),
        "{text}"
    );
    let row = (term.ledger().into_iter())
        .find(|r| r[1] == block && r[3] == id)
        .unwrap();
    assert!(
        !row[6].is_empty(),
        "the teacher written on the old sheet: {row:?}"
    );
}
