//! 考评 through the real files: a day's workbook filled the way a
//! spreadsheet program would (one child marked 缺), recorded, an incident in
//! the same group written to incidents.csv, the absence followed up the same
//! evening — `kehou assess` puts all three on the row of the teacher who kept
//! that group, beside their sessions and hours and how late the registers
//! came back; the duty leader's row says the day's round and 清校 were recorded.

#[path = "common/term.rs"]
mod term;

use term::{Book, KEY, STATUS, Term};

#[test]
fn the_teacher_of_a_group_carries_its_absence_and_incident_beside_their_hours() {
    let term = Term::new(300, 11);
    let day = "2026-09-14";
    assert_eq!(term.run(&["daily", "--date", day]).0, 0);
    let mut book = Book::open(&term.path(&format!("out/daily/{day}.xlsx")));
    book.fill_all("到");
    let sheet = book.sign_in_sheets()[0].clone();
    let row = book.rows(&sheet)[0];
    let key = book.sheet(&sheet).value((KEY, row));
    book.sheet(&sheet).cell_mut((STATUS, row)).set_value("缺");
    // The duty leader's round: every group visited, 清校 ticked.
    let duty = book.sheet("值班表");
    let col = |name: &str| (1..=12).find(|&c| duty.value((c, 2)) == name).unwrap();
    let (at, seen, signed, round_key) = (col("巡视时间"), col("情况"), col("签名"), col("巡视键"));
    for r in 3..=duty.highest_row() {
        if !duty.value((round_key, r)).is_empty() {
            duty.cell_mut((at, r)).set_value("17:00");
            duty.cell_mut((seen, r)).set_value("✓");
            duty.cell_mut((signed, r)).set_value("李校长");
        }
    }
    let filled = term.path("filled.xlsx");
    book.save(&filled);
    let (code, text) = term.run(&["record", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let parts: Vec<&str> = key.split('|').collect();
    let (start, group, child) = (parts[1], parts[2], parts[3]);
    let minute: u32 = start[3..5].parse().unwrap();
    let at = format!("{}:{:02}", &start[..2], minute + 5);
    term.write(
        "incidents.csv",
        &format!("日期,时间,去向,学号,情况\n{day},{at},{group},{child},摔倒擦伤\n"),
    );

    // The office reached the guardian the same evening: closed in time.
    term.write(
        "contacts.csv",
        &format!("id,date,block,contacted_at,outcome,by\n{child},{day},{start},17:40,已联系 孩子在家,王老师\n"),
    );
    let (code, text) = term.run(&["followup", "--close", "contacts.csv", "--date", day]);
    assert_eq!(code, 0, "{text}");

    let (code, text) = term.run(&["assess", "--from", day, "--to", day, "--csv"]);
    assert_eq!(code, 0, "{text}");
    let csv = term.read("out/assess-2026秋.csv");
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let num = |r: &Vec<&str>, i: usize| r[i].parse::<f64>().unwrap_or(0.0);
    // 工号,姓名,服务次数,服务时长,交回签到表,其中晚交,最晚(天),无故脱管,按时结案,
    // 看管记录,未通知家长,最长通知用时,带班天数,巡视记全(天),清校已确认(天)
    // The registers of 14 Sep were recorded today: that many days late.
    let late = (chrono::Local::now().date_naive()
        - chrono::NaiveDate::from_ymd_opt(2026, 9, 14).unwrap())
    .num_days();
    assert!(late > 0, "this test needs a clock after 14 Sep 2026");
    let keepers: Vec<&Vec<&str>> = rows.iter().filter(|r| num(r, 7) > 0.0).collect();
    assert!(!keepers.is_empty(), "{csv}");
    for r in &keepers {
        assert_eq!(num(r, 7), 1.0, "{csv}");
        assert_eq!(num(r, 8), 1.0, "{csv}");
        assert_eq!(num(r, 9), 1.0, "{csv}");
        assert_eq!(num(r, 10), 1.0, "{csv}");
        assert!(num(r, 2) >= 1.0 && num(r, 3) > 0.0, "{csv}");
        assert!(num(r, 4) >= 1.0, "{csv}");
        assert_eq!(num(r, 5), num(r, 4), "{csv}");
        assert_eq!(num(r, 6), late as f64, "{csv}");
    }
    // Everyone else: no absence, no incident; a leader has their duty day,
    // its round and its 清校 recorded.
    let others = rows.iter().filter(|r| num(r, 7) == 0.0);
    assert!(others.clone().all(|r| num(r, 9) == 0.0), "{csv}");
    let leaders: Vec<_> = rows.iter().filter(|r| num(r, 12) > 0.0).collect();
    assert_eq!(leaders.len(), 1, "{csv}");
    assert_eq!(leaders[0][12..], ["1", "1", "1"], "{csv}");
}
