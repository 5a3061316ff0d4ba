//! `kehou fees` and `kehou hours`: exact arithmetic across a closure, a makeup
//! day, a mid-term join and a withdrawal; exemptions; totals; hours across a
//! holiday week.

mod common;

use common::School;

const FEES: &str =
    "\n[fees]\nfull_day = \"6.00\"\nfirst_session_day = \"3.00\"\nrefund_leave_after_days = 2\n";

fn school() -> School {
    let school = School::new();
    school.write("config.toml", &(common::CONFIG.to_string() + FEES));
    school.write(
        "students.csv",
        "学号,姓名,班级,减免\n\
         S1,张三,1(1)班,\n\
         S2,李四,1(1)班,\n\
         S3,王五,1(1)班,\n\
         S4,赵六,1(1)班,是\n\
         S5,孙七,1(1)班,\n",
    );
    school.write(
        "consent.csv",
        "学号,日期,是否参加,参加日,时段,原因,志愿1,安全协议\n\
         S1,2026-09-01,参加,,全程,,K2,是\n\
         S2,2026-10-12,参加,,全程,,,是\n\
         S3,2026-09-01,参加,一三五,全程,,,是\n\
         S3,2026-10-12,不参加,,,搬家,,\n\
         S4,2026-09-01,参加,,全程,,,是\n\
         S5,2026-09-01,参加,,第一时段,,,是\n",
    );
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限,材料费\nK2,美术,T02,二四,20,50\n",
    );
    school.write(
        "rooms.csv",
        "教室,容量,年级,周一,周二,周三,周四,周五\n101,40,1-3,T01,T01,T01,T01,T01\n401,40,4-6,T02,T02,T02,T02,T02\n",
    );
    // S1 is on leave Tuesday to Friday of the first week: 4 service days, 2 refunded.
    school.write(
        "leave.csv",
        "学号,开始,结束,事由\nS1,2026-09-08,2026-09-11,病假\n",
    );
    school
}

/// (id, days, service fen, material fen, refund fen, due fen) from the class sheet CSV.
fn rows(school: &School) -> Vec<(String, u32, i64, i64, i64, i64)> {
    let text = std::fs::read_to_string(school.path().join("out/fees-class-1(1)班.csv")).unwrap();
    let fen = |s: &str| {
        let (y, f) = s.split_once('.').unwrap();
        y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
    };
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let days = c[4].parse::<u32>().unwrap() + c[5].parse::<u32>().unwrap();
            (
                c[1].to_string(),
                days,
                fen(c[6]),
                fen(c[8]),
                fen(c[11]),
                fen(c[13]),
            )
        })
        .collect()
}

#[test]
fn fees_across_a_closure_a_makeup_day_a_join_and_a_withdrawal() {
    let school = school();
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let run = school.run(&["fees", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let rows = rows(&school);
    // The term has 8 weeks (40 weekdays), National Day closes 5 of them and the
    // Saturday makeup day (Wednesday's timetable) adds one: 36 service days.
    // S1: 36 full days, 6.00 each; the 美术 club's 50.00; 4 leave days, 2 beyond
    //     the allowance refunded: 216.00 + 50.00 − 12.00 = 254.00.
    assert_eq!(rows[0], ("S1".into(), 36, 21600, 5000, 1200, 25400));
    // S2 joins on Monday 12 October: 3 weeks, 15 days.
    assert_eq!(rows[1], ("S2".into(), 15, 9000, 0, 0, 9000));
    // S3 comes Mon/Wed/Fri until withdrawing on 12 October: 3 + 3 + 3 in the first
    // three weeks, Mon 28 and Wed 30 Sep (Fri 2 Oct is closed), Fri 9 Oct, and the
    // makeup Saturday that follows Wednesday's timetable: 13 days.
    assert_eq!(rows[2], ("S3".into(), 13, 7800, 0, 0, 7800));
    // S4 is exempt: the days are counted, nothing is due.
    assert_eq!(rows[3], ("S4".into(), 36, 21600, 0, 0, 0));
    // S5 stays for the first session only: 3.00 a day.
    assert_eq!(rows[4], ("S5".into(), 36, 10800, 0, 0, 10800));
    // The summary's class total is the sum of the rows, and the school total too.
    let summary = std::fs::read_to_string(school.path().join("out/fees-summary.csv")).unwrap();
    let due: i64 = rows.iter().map(|r| r.5).sum();
    assert_eq!(due, 25400 + 9000 + 7800 + 10800);
    let lines: Vec<&str> = summary.lines().collect();
    assert!(
        lines[1].ends_with(&format!(",{}.{:02}", due / 100, due % 100)),
        "{summary}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with(&format!(",{}.{:02}", due / 100, due % 100)),
        "{summary}"
    );
    assert!(run.stdout.contains("减免 1 人"), "{}", run.stdout);
}

#[test]
fn hours_across_a_holiday_week() {
    let school = school();
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let run = school.run(&[
        "hours",
        "--from",
        "2026-09-28",
        "--to",
        "2026-10-04",
        "--csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let name = "out/hours-2026-09-28_2026-10-04.csv";
    let text = std::fs::read_to_string(school.path().join(name)).unwrap();
    // T01 keeps room 101 from 15:30 to 17:00 (homework, then the club block's
    // fallback) on Mon 28, Tue 29 and Wed 30 September; 1 and 2 October are closed.
    let t01 = text.lines().find(|l| l.starts_with("T01,")).unwrap();
    assert!(t01.starts_with("T01,王老师,3,4.5,"), "{text}");
    // The duty leader led on the three service days.
    let l01 = text.lines().find(|l| l.starts_with("L01,")).unwrap();
    assert!(l01.starts_with("L01,赵校长,0,0.0,3"), "{text}");

    // On Tuesday 李老师 (T02) kept room 101's 15:30 register instead: that block
    // (50 minutes) counts for T02, T01 keeps the club block's fallback (issue #10:
    // credit per date, block and group).
    school.write(
        "register.csv",
        "日期,时段,去向,学号,状态,看护教师\n2026-09-29,15:30,101,S1,到,李老师\n2026-09-29,15:30,101,S5,到,李老师\n",
    );
    let run = school.run(&["record", "register.csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = school.run(&[
        "hours",
        "--from",
        "2026-09-28",
        "--to",
        "2026-10-04",
        "--csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(school.path().join(name)).unwrap();
    let t01 = text.lines().find(|l| l.starts_with("T01,")).unwrap();
    assert!(t01.starts_with("T01,王老师,3,3.7,"), "{text}");
    let t02 = text.lines().find(|l| l.starts_with("T02,")).unwrap();
    let sessions: u32 = t02.split(',').nth(2).unwrap().parse().unwrap();
    assert!(sessions >= 1, "{text}");
}

/// Each student's amount due, by id, from the class sheet CSV.
fn due_by_id(school: &School) -> std::collections::BTreeMap<String, i64> {
    rows(school).into_iter().map(|r| (r.0, r.5)).collect()
}

#[test]
fn a_leave_refund_is_priced_at_the_session_in_force_on_the_leave_day() {
    let school = school();
    // S1 stays full days in September (on leave 8–11 Sep, 2 days refunded), then
    // switches to the first session only from 12 October.
    let consent = std::fs::read_to_string(school.path().join("consent.csv")).unwrap();
    school.write(
        "consent.csv",
        &format!("{consent}S1,2026-10-12,参加,,第一时段,,,是\n"),
    );
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let run = school.run(&["fees", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let s1 = rows(&school).into_iter().find(|r| r.0 == "S1").unwrap();
    // The refunded leave days were full days: 2 × 6.00, not 2 × 3.00.
    assert_eq!(s1.4, 1200, "{s1:?}");
}

#[test]
fn monthly_statements_add_up_to_the_term_to_the_fen() {
    let school = school();
    // S5's leave runs across the month end: Tue 29 and Wed 30 Sep, then (after
    // National Day) Thu 8, Fri 9 and the makeup Sat 10 Oct: 5 days, 3 beyond the
    // allowance of 2 counted from the term's start.
    school.write(
        "leave.csv",
        "学号,开始,结束,事由\nS1,2026-09-08,2026-09-11,病假\nS5,2026-09-29,2026-10-10,病假\n",
    );
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let run = school.run(&["fees", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let term = due_by_id(&school);
    let mut months: std::collections::BTreeMap<String, i64> = Default::default();
    for (from, to) in [("2026-09-01", "2026-09-30"), ("2026-10-01", "2026-10-31")] {
        let run = school.run(&["fees", "--from", from, "--to", to, "--csv"]);
        assert_eq!(run.code, 0, "{}", run.all());
        for (id, due) in due_by_id(&school) {
            *months.entry(id).or_default() += due;
        }
    }
    assert_eq!(months, term);
    // S5 (first session, 3.00 a day): 36 days, 3 leave days refunded.
    assert_eq!(term["S5"], 10800 - 900);
}

/// Payments as an office types them (issue #23 item 11): Excel's `1,000.00`
/// is read, a date outside the term is warned about, an exempt child is 免收
/// (not 已缴清), and a class's owed and overpaid are shown apart.
#[test]
fn payments_in_excels_format_outside_the_term_exempt_and_overpaid() {
    let school = school();
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    school.write(
        "payments.csv",
        "学号,金额,日期,方式\n\
         S1,\"1,000.00\",2026-09-10,微信\n\
         S2,10,2026-10-12,现金\n\
         S3,20,1999-09-01,现金\n",
    );
    let run = school.run(&["fees", "--paid", "payments.csv", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.all()
            .lines()
            .any(|l| l.contains("payments.csv:4") && l.contains("不在本学期")),
        "{}",
        run.all()
    );
    assert!(
        !run.all().lines().any(|l| l.contains("payments.csv:2")),
        "{}",
        run.all()
    );
    let read = |name: &str| {
        std::fs::read_to_string(school.path().join(format!("out/payments-{name}.csv"))).unwrap()
    };
    let fen = |s: &str| {
        let (y, f) = s.split_once('.').unwrap();
        y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
    };
    let children = read("by-student");
    let mut owed = 0;
    let mut over = 0;
    for line in children.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let left = fen(c[5]);
        owed += left.max(0);
        over += (-left).max(0);
        match c[1] {
            "S1" => assert_eq!((c[4], c[7]), ("1000.00", "多缴"), "{line}"),
            "S4" => assert_eq!(c[7], "免收", "{line}"),
            _ => assert!(!line.ends_with("免收"), "{line}"),
        }
    }
    assert!(owed > 0 && over > 0, "{children}");
    let classes = read("by-class");
    let header: Vec<&str> = classes.lines().next().unwrap().split(',').collect();
    assert_eq!(&header[4..6], ["欠缴", "多缴金额"], "{classes}");
    assert!(header.contains(&"免收"), "{classes}");
    let row: Vec<&str> = classes
        .lines()
        .find(|l| l.starts_with("1(1)班,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!((fen(row[4]), fen(row[5])), (owed, over), "{classes}");
}
