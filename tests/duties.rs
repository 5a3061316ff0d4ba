//! Staff identity and duties: two staff with one name, substitutes in and out
//! of the staff file, a grade's activity on two days with two teachers, a
//! teacher put in two rooms at once, a substitute for one block, an early-end
//! day through daily, weekly and hours, and a child in service but not planned.

#[path = "common/term.rs"]
mod term;

use std::collections::BTreeMap;

use term::{Book, Term, column, title_teachers};

/// A CSV written by kehou, as rows of cells (header included).
fn table(term: &Term, name: &str) -> Vec<Vec<String>> {
    let text = term.read(name);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Staff id → name, from staff.csv.
fn staff(term: &Term) -> BTreeMap<String, String> {
    table(term, "staff.csv")
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// `hours --from D --to D --csv`: staff id → hours as printed.
fn hours(term: &Term, from: &str, to: &str) -> BTreeMap<String, f64> {
    let (code, text) = term.run(&["hours", "--from", from, "--to", to, "--csv"]);
    assert_eq!(code, 0, "{text}");
    table(term, &format!("out/hours-{from}_{to}.csv"))
        .into_iter()
        .skip(1)
        .filter_map(|r| Some((r.first()?.clone(), r.get(3)?.parse().ok()?)))
        .collect()
}

#[test]
fn two_staff_with_one_name_and_substitutes_do_not_block_the_day() {
    let term = Term::new(300, 21);
    let day = "2026-09-08";
    assert_eq!(term.run(&["daily", "--date", day]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{day}.xlsx")));
    let first = book.sign_in_sheets()[0].clone();
    let row = book.rows(&first)[0];
    // The planned teachers are in the title, not on every row.
    assert_eq!(book.sheet(&first).value((11, row)), "");
    let teacher = title_teachers(book.sheet(&first));
    let teacher = teacher.split('、').next().unwrap().to_string();
    // Another teacher gets the same name.
    let roster = staff(&term);
    let (id, _) = roster.iter().find(|(_, n)| **n == teacher).unwrap();
    let twin = roster
        .keys()
        .find(|k| *k != id && k.starts_with('T'))
        .unwrap();
    let text = term.read("staff.csv").replace(
        &format!("{twin},{}", roster[twin]),
        &format!("{twin},{teacher}"),
    );
    term.write("staff.csv", &text);
    let (_, text) = term.run(&["check"]);
    assert!(
        text.contains("由 2 名教职工共用") && text.contains(id.as_str()),
        "{text}"
    );
    // Sheets now print 姓名(工号), and record resolves it.
    assert_eq!(term.run(&["daily", "--date", day]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{day}.xlsx")));
    assert!(title_teachers(book.sheet(&first)).contains(&format!("{teacher}({id})")));
    book.fill_all("到");
    // Written on a sheet as 姓名(工号), a teacher whose name is shared resolves.
    let written = column(book.sheet(&first), "代课教师").unwrap();
    for r in book.rows(&first) {
        book.sheet(&first)
            .cell_mut((written, r))
            .set_value(format!("{teacher}({id})"));
    }
    // A substitute not in the staff file keeps one sheet.
    let subbed = book.sign_in_sheets()[1].clone();
    let substitute = column(book.sheet(&subbed), "代课教师").unwrap();
    for r in book.rows(&subbed) {
        book.sheet(&subbed)
            .cell_mut((substitute, r))
            .set_value("代课陈老师");
    }
    book.save(&term.path("filled.xlsx"));
    let (code, text) = term.run(&["record", "filled.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.matches("代课教师不在教职工表中").count(), 1, "{text}");
    let ledger = term.ledger();
    assert!(
        ledger.iter().any(|r| r[6] == *id),
        "the teacher written as 姓名(工号) resolved by id"
    );
    assert!(ledger.iter().all(|r| r[4] == "present" || r[4] == "leave"));
}

#[test]
fn a_grades_activity_on_two_days_has_each_days_teacher() {
    let term = Term::unplanned(300, 22);
    // Grade 1 has the same activity on Tuesday and Wednesday, two teachers.
    let rows = table(&term, "activities.csv");
    let mut text = String::from("年级,星期,名称,教师,地点\n");
    let ones: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "1").collect();
    assert!(ones.len() >= 2, "{rows:?}");
    let (tue, wed) = (ones[0][3].clone(), ones[1][3].clone());
    text += &format!("1,二,绘本共读,{tue},1年级活动区\n1,三,绘本共读,{wed},1年级活动区\n");
    for r in rows.iter().skip(1).filter(|r| r[0] != "1") {
        text += &(r.join(",") + "\n");
    }
    term.write("activities.csv", &text);
    assert_eq!(term.run(&["plan", "--as-of", "2026-09-07"]).0, 0);
    let names = staff(&term);
    for (date, teacher) in [("2026-09-08", &tue), ("2026-09-09", &wed)] {
        let (code, text) = term.run(&["daily", "--date", date, "--csv"]);
        assert_eq!(code, 0, "{text}");
        let duty = table(&term, &format!("out/daily/{date}-duty.csv"));
        // Columns by their header: the duty sheet's layout may grow.
        let col = |name: &str| duty.iter().find_map(|r| r.iter().position(|c| c == name));
        let (group, supervisor) = (col("去向").unwrap(), col("看护教师").unwrap());
        let row = duty
            .iter()
            .find(|r| r.get(group).is_some_and(|g| g.starts_with("绘本共读")))
            .unwrap();
        assert_eq!(row[supervisor], names[teacher], "{date}: {row:?}");
    }
}

#[test]
fn a_teacher_in_two_rooms_at_once_is_warned_and_counted_once() {
    let term = Term::unplanned(300, 23);
    // T0001 supervises two grade-1 rooms on Monday.
    let rooms = term.read("rooms.csv");
    let rooms = rooms
        .replacen("101教室,45,1,,", "101教室,45,1,T0001,", 1)
        .replacen("102教室,45,1,,", "102教室,45,1,T0001,", 1);
    term.write("rooms.csv", &rooms);
    let (code, text) = term.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(code, 0, "{text}");
    let name = staff(&term)["T0001"].clone();
    let clash = format!("周一 {name} 同时在两处看护:101教室 15:30–16:10");
    assert!(text.contains(&clash) && text.contains("102教室"), "{text}");
    let (_, text) = term.run(&["check"]);
    assert!(text.contains(&clash), "{text}");
    // Each minute of a Monday counts once: rooms of grade 1 meet 15:30–17:00.
    let monday = hours(&term, "2026-09-14", "2026-09-14");
    assert!(monday["T0001"] <= 1.5, "{monday:?}");
    // Automatic assignment never puts anyone else in two places at once.
    assert_eq!(term.run(&["daily", "--date", "2026-09-14", "--csv"]).0, 0);
    let duty = table(&term, "out/daily/2026-09-14-duty.csv");
    // (A club meeting for several bands at once is one group: not a clash.)
    let mut busy: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    let teachers = duty[0].iter().position(|h| h == "看护教师").unwrap();
    // Groups only: the 清校 lines at the foot have a time, not a span.
    for r in duty.iter().skip(1).filter(|r| r[0].contains('–')) {
        let (s, e) = r[0].split_once('–').unwrap();
        // A big group's teachers are on two lines.
        for t in r[teachers]
            .split(['、', '\n'])
            .filter(|t| !t.is_empty() && *t != name)
        {
            let mine = busy.entry(t.to_string()).or_default();
            let free = |(s2, e2, g2): &(String, String, String)| {
                *g2 == r[1] || e <= s2.as_str() || e2.as_str() <= s
            };
            assert!(mine.iter().all(free), "{t} in {r:?} and {mine:?}");
            mine.push((s.to_string(), e.to_string(), r[1].clone()));
        }
    }
}

#[test]
fn a_substitute_for_one_block_is_credited_for_that_block_only() {
    let term = Term::new(300, 24);
    let day = "2026-09-08";
    assert_eq!(term.run(&["daily", "--date", day]).0, 0);
    let before = hours(&term, day, day);
    let mut book = Book::open(&term.path(&format!("out/daily/{day}.xlsx")));
    // The grade-1 homework room's first block (15:30–16:10, 40 minutes),
    // on the room's sheet for the afternoon or a sheet of its own.
    let names: Vec<String> = book
        .book
        .sheet_collection()
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    let (sheet, key) = names
        .into_iter()
        .find_map(|s| {
            let key = column(book.sheet(&s), "登记键")?;
            let first = book.sheet(&s).value((key, 3));
            (first.contains("|15:30|") && first.contains("教室")).then_some((s, key))
        })
        .unwrap();
    let names = staff(&term);
    let planned: Vec<String> = before.keys().cloned().collect();
    let sub = names
        .keys()
        .find(|k| k.starts_with('T') && !planned.contains(k))
        .unwrap()
        .clone();
    book.fill_all("到");
    // For that block only: `15:30 姓名` on a sheet of several blocks.
    let substitute = column(book.sheet(&sheet), "代课教师").unwrap();
    let ws = book.sheet(&sheet);
    for r in 3..=ws.highest_row() {
        if ws.value((key, r)).contains("|15:30|") {
            ws.cell_mut((substitute, r))
                .set_value(format!("15:30 {}", names[&sub]));
        }
    }
    book.save(&term.path("filled.xlsx"));
    let (code, text) = term.run(&["record", "filled.xlsx"]);
    assert_eq!(code, 0, "{text}");
    let after = hours(&term, day, day);
    assert_eq!(after.get(&sub).copied(), Some(0.7), "40 minutes: {after:?}");
    let total = |h: &BTreeMap<String, f64>| h.values().sum::<f64>();
    assert!(
        (total(&before) - total(&after)).abs() < 0.25,
        "{before:?} {after:?}"
    );
}

#[test]
fn an_early_end_day_agrees_through_daily_weekly_and_hours() {
    let term = Term::new(300, 25);
    let day = "2026-12-31"; // ends at 16:30
    let (code, text) = term.run(&["daily", "--date", day, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let mut signed = 0;
    for entry in std::fs::read_dir(term.path("out/daily")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.starts_with(&format!("{day}-signin-")) {
            continue;
        }
        // One key per child and block (a room's sheet for the afternoon
        // holds a child's blocks' keys in one cell, `;` apart).
        let sheet = table(&term, &format!("out/daily/{name}"));
        let key = sheet[0].iter().position(|h| h == "登记键").unwrap();
        for row in sheet.iter().skip(1) {
            for k in row[key].split(';').filter(|k| !k.is_empty()) {
                let start = k.split('|').nth(1).unwrap();
                assert!(start < "16:30", "no block after the early end: {name} {k}");
                signed += 1;
            }
        }
    }
    let duty = table(&term, &format!("out/daily/{day}-duty.csv"));
    assert!(
        duty.iter()
            .skip(1)
            .all(|r| r[0].ends_with("16:30") || r[0].as_str() < "16:30"),
        "{duty:?}"
    );
    assert!(
        duty.iter().any(|r| r[0] == "15:50–16:30"),
        "the high grades' block is cut short: {duty:?}"
    );
    // The head teachers' lists, printed for them alone (a class alone in its
    // room has its list on the room's sign-in sheet in the whole day's book).
    let (code, text) = term.run(&["daily", "--date", day, "--csv", "--only", "handover"]);
    assert_eq!(code, 0, "{text}");
    let handover = std::fs::read_dir(term.path("out/daily"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(&format!("{day}-handover-handover-1(")))
        .unwrap();
    let headers = &table(&term, &format!("out/daily/{handover}"))[0];
    assert!(
        !headers.iter().any(|h| h.starts_with("16:30")),
        "{headers:?}"
    );
    let (code, text) = term.run(&["weekly", "--from", day, "--to", day, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let by_day = table(&term, &format!("out/weekly/{day}_{day}-by-day.csv"));
    assert_eq!(
        by_day[1][2],
        signed.to_string(),
        "weekly expects the rows printed"
    );
    let h = hours(&term, day, day);
    assert!(
        h.values().all(|&x| x <= 1.0),
        "nobody serves past 16:30: {h:?}"
    );
}

#[test]
fn a_child_in_service_but_not_planned_is_never_sent_home() {
    let term = Term::new(300, 26);
    // A student with no slip at plan time opts in afterwards.
    let consent = term.read("consent.csv");
    let students = table(&term, "students.csv");
    let (id, class) = students
        .iter()
        .skip(1)
        .find(|s| !consent.contains(&format!("\n{},", s[0])))
        .map(|s| (s[0].clone(), s[2].clone()))
        .unwrap();
    term.write(
        "consent.csv",
        &format!("{consent}{id},,2026-09-08,参加,,,家长接,,,,,,是,,\n"),
    );
    let (code, text) = term.run(&["daily", "--date", "2026-09-09", "--csv"]);
    assert_eq!(code, 0, "{text}");
    let list = table(&term, &format!("out/daily/2026-09-09-handover-{class}.csv"));
    let row = list.iter().find(|r| r[1] == id).unwrap();
    assert_eq!(row[3], "未安排 — 请重新运行 kehou plan", "{row:?}");
}

/// Minutes since midnight of `16:30`.
fn minute_of(text: &str) -> u32 {
    let (h, m) = text.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

/// Minutes covered by `15:30–16:10` ranges, each minute once.
fn union_of(ranges: &[(u32, u32)]) -> u32 {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let (mut total, mut open): (u32, Option<(u32, u32)>) = (0, None);
    for (s, e) in sorted {
        open = match open {
            Some((os, oe)) if s <= oe => Some((os, oe.max(e))),
            Some((os, oe)) => {
                total += oe - os;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    total + open.map_or(0, |(s, e)| e - s)
}

/// `hours --csv` for a span: per staff id (sessions, hours printed) and the
/// session rows (staff id, time, group, minutes).
type Summary = BTreeMap<String, (u32, f64)>;
fn hours_and_sessions(term: &Term, from: &str, to: &str) -> (Summary, Vec<[String; 4]>) {
    let (code, text) = term.run(&["hours", "--from", from, "--to", to, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let summary = table(term, &format!("out/hours-{from}_{to}.csv"))
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), (r[2].parse().unwrap(), r[3].parse().unwrap())))
        .collect();
    let rows = table(term, &format!("out/hours-sessions-{from}_{to}.csv"))
        .into_iter()
        .skip(1)
        .map(|r| [r[0].clone(), r[4].clone(), r[5].clone(), r[6].clone()])
        .collect();
    (summary, rows)
}

/// Every teacher's signed rows add up to their total, row count to sessions.
fn rows_add_up(summary: &Summary, rows: &[[String; 4]]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (id, (sessions, hours)) in summary {
        let mine: Vec<_> = rows.iter().filter(|r| &r[0] == id).collect();
        let minutes: u32 = mine.iter().map(|r| r[3].parse::<u32>().unwrap()).sum();
        let printed = format!("{:.1}", minutes as f64 / 60.0)
            .parse::<f64>()
            .unwrap();
        if mine.len() as u32 != *sessions || (printed - hours).abs() > 1e-9 {
            wrong.push(format!(
                "{id}: {} rows of {minutes} min, signed {sessions} sessions {hours} h",
                mine.len()
            ));
        }
    }
    wrong
}

#[test]
fn a_club_that_bands_join_at_different_times_is_one_meeting_and_rows_add_up() {
    let term = Term::new(600, 31);
    let (summary, rows) = hours_and_sessions(&term, "2026-10-12", "2026-10-16");
    let wrong = rows_add_up(&summary, &rows);
    assert!(wrong.is_empty(), "{wrong:#?}");
    // 乒乓球 (grades 2–6) meets 16:30–17:30 across three bands' club blocks: one row of 60 minutes.
    let table_tennis: Vec<_> = rows.iter().filter(|r| r[2] == "乒乓球").collect();
    assert!(!table_tennis.is_empty(), "{rows:?}");
    for r in &table_tennis {
        assert_eq!(
            (r[1].as_str(), r[3].as_str()),
            ("16:30–17:30", "60"),
            "{r:?}"
        );
    }
    // No row lasts longer than the times it shows.
    for r in &rows {
        let spans: Vec<(u32, u32)> = r[1]
            .split('、')
            .map(|s| {
                let (a, b) = s.split_once('–').unwrap();
                (minute_of(a), minute_of(b))
            })
            .collect();
        assert_eq!(union_of(&spans).to_string(), r[3], "{r:?}");
    }
}

#[test]
fn on_a_day_without_clubs_hours_credit_what_daily_printed() {
    let term = Term::new(600, 32);
    let names = staff(&term);
    for day in ["2027-01-12", "2027-01-13", "2026-10-14"] {
        let (code, text) = term.run(&["daily", "--date", day, "--csv"]);
        assert_eq!(code, 0, "{text}");
        // Teacher name → the times of the sheets printed with their name.
        let mut printed: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        let duty = table(&term, &format!("out/daily/{day}-duty.csv"));
        let teachers = duty[0].iter().position(|h| h == "看护教师").unwrap();
        // Groups only: the 清校 lines at the foot have a time, not a span.
        for r in duty.iter().skip(1).filter(|r| r[0].contains('–')) {
            let (a, b) = r[0].split_once('–').unwrap();
            for t in r[teachers].split(['、', '\n']).filter(|t| !t.is_empty()) {
                printed
                    .entry(t.to_string())
                    .or_default()
                    .push((minute_of(a), minute_of(b)));
            }
        }
        let (summary, rows) = hours_and_sessions(&term, day, day);
        assert!(rows_add_up(&summary, &rows).is_empty());
        let mut credited: BTreeMap<String, u32> = BTreeMap::new();
        for r in &rows {
            *credited.entry(names[&r[0]].clone()).or_default() += r[3].parse::<u32>().unwrap();
        }
        let printed: BTreeMap<String, u32> = printed
            .iter()
            .map(|(t, r)| (t.clone(), union_of(r)))
            .collect();
        assert_eq!(credited, printed, "{day}");
    }
}
