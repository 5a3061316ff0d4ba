//! Slips over time (issue #11): re-plans that follow every slip from its
//! effective date, preference-stable promotions, and changed choices — small
//! schools driven through the real binary.

mod common;

use std::collections::BTreeMap;

use common::School;

const STUDENTS: &str = "学号,姓名,班级\n\
S1,甲,4(1)班\nS2,乙,4(1)班\nS3,丙,4(1)班\nS4,丁,4(1)班\nS5,戊,4(1)班\nS6,己,4(1)班\n";
/// Two one-seat clubs on different days, so a student may rank both.
const CLUBS: &str = "社团编号,名称,教师,活动日,人数上限,最少人数,年级\n\
K1,足球,T02,一三,1,,3-6\n\
K2,美术,T01,二四,1,,1-6\n";
const HEADER: &str =
    "学号,日期,是否参加,参加日,时段,离校方式,原因,志愿1,志愿2,安全协议,优先,生效日期\n";

fn school(slips: &[&str]) -> School {
    let s = School::new();
    s.write("students.csv", STUDENTS);
    s.write("clubs.csv", CLUBS);
    s.write("consent.csv", &format!("{HEADER}{}\n", slips.join("\n")));
    s
}

fn add_slips(s: &School, slips: &[&str]) {
    let text = std::fs::read_to_string(s.path().join("consent.csv")).unwrap();
    s.write("consent.csv", &format!("{text}{}\n", slips.join("\n")));
}

/// plan.csv's rows: (student, weekday, kind, group, from, to).
fn rows(s: &School) -> Vec<[String; 6]> {
    let text = std::fs::read_to_string(s.path().join("plan.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            [f[0], f[1], f[3], f[4], f[5], f[6]].map(String::from)
        })
        .collect()
}

/// The club a student is in on a date (a weekday of the club's).
fn club_on(s: &School, student: &str, date: &str) -> Option<String> {
    rows(s)
        .into_iter()
        .find(|r| {
            r[0] == student
                && r[2] == "club"
                && r[4].as_str() <= date
                && (r[5].is_empty() || date <= r[5].as_str())
        })
        .map(|r| r[3].clone())
}

/// Per student, their last date in plan.csv (`None`: open-ended).
fn ends(s: &School) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = BTreeMap::new();
    for r in rows(s) {
        let to = (!r[5].is_empty()).then(|| r[5].clone());
        let e = out.entry(r[0].clone()).or_insert(to.clone());
        if to.is_none() || e.as_ref().is_some_and(|e| to.as_ref() > Some(e)) {
            *e = to;
        }
    }
    out
}

fn plan(s: &School, args: &[&str]) -> common::Run {
    let mut all = vec!["--lang", "en", "plan"];
    all.extend(args);
    let run = s.run(&all);
    assert_eq!(run.code, 0, "{}", run.all());
    run
}

/// (c) A withdrawal handed in on 16 Oct, effective 26 Oct: a re-plan on 20 Oct
/// keeps the child until 25 Oct (no crash, the seat is not given away early),
/// says the slip is pending; a fresh plan on 20 Oct keeps them too; a re-plan
/// after the date promotes the next on the waiting list.
#[test]
fn a_withdrawal_dated_ahead_keeps_the_child_until_it_takes_effect() {
    let s = school(&[
        "S1,2026-09-01,参加,,,家长接,,K2,,是,,",
        "S2,2026-09-20,参加,,,家长接,,K2,,是,,",
    ]);
    plan(&s, &["--as-of", "2026-09-07"]);
    plan(&s, &["--as-of", "2026-09-21"]);
    assert_eq!(club_on(&s, "S1", "2026-09-22").as_deref(), Some("K2"));
    assert_eq!(club_on(&s, "S2", "2026-09-22"), None, "S2 waits for K2");
    add_slips(&s, &["S1,2026-10-16,不参加,,,,搬家,,,,,2026-10-26"]);
    let run = plan(&s, &["--as-of", "2026-10-20"]);
    assert!(run.stdout.contains("not yet in effect: 1"), "{}", run.all());
    assert!(
        run.stdout.contains("S1 withdraws from 2026-10-26"),
        "{}",
        run.all()
    );
    assert_eq!(ends(&s)["S1"].as_deref(), Some("2026-10-25"));
    assert_eq!(club_on(&s, "S1", "2026-10-22").as_deref(), Some("K2"));
    assert_eq!(club_on(&s, "S2", "2026-10-22"), None);
    // A fresh plan on the same date keeps the child until they leave.
    let fresh = school(&[
        "S1,2026-09-01,参加,,,家长接,,K2,,是,,",
        "S1,2026-10-16,不参加,,,,搬家,,,,,2026-10-26",
    ]);
    plan(&fresh, &["--as-of", "2026-10-20"]);
    assert_eq!(ends(&fresh)["S1"].as_deref(), Some("2026-10-25"));
    assert_eq!(club_on(&fresh, "S1", "2026-10-20").as_deref(), Some("K2"));
    // After the date: the seat is freed and the waiting list promoted.
    let run = plan(&s, &["--as-of", "2026-10-27"]);
    assert!(run.stdout.contains("↑1 promoted"), "{}", run.stdout);
    assert_eq!(ends(&s)["S1"].as_deref(), Some("2026-10-25"));
    assert_eq!(club_on(&s, "S2", "2026-10-28").as_deref(), Some("K2"));
}

/// (d) Both clubs free a seat; S3 heads both waiting lists and prefers K2:
/// S3 takes K2 and S4, second on both lists, takes K1.
#[test]
fn promotions_follow_the_childs_own_preference() {
    let s = school(&[
        "S1,2026-09-01,参加,,,家长接,,K1,,是,,",
        "S2,2026-09-01,参加,,,家长接,,K2,,是,,",
    ]);
    plan(&s, &["--as-of", "2026-09-07"]);
    add_slips(
        &s,
        &[
            "S3,2026-09-10,参加,,,家长接,,K2,K1,是,1,",
            "S4,2026-09-10,参加,,,家长接,,K1,K2,是,,",
        ],
    );
    plan(&s, &["--as-of", "2026-09-10"]);
    let waitlist = std::fs::read_to_string(s.path().join("waitlist.csv")).unwrap();
    assert!(
        waitlist.contains("K1,1,S3") && waitlist.contains("K2,1,S3"),
        "{waitlist}"
    );
    add_slips(
        &s,
        &[
            "S1,2026-09-20,不参加,,,,转学,,,,,",
            "S2,2026-09-20,不参加,,,,转学,,,,,",
        ],
    );
    plan(&s, &["--as-of", "2026-09-21"]);
    assert_eq!(club_on(&s, "S3", "2026-09-22").as_deref(), Some("K2"));
    assert_eq!(club_on(&s, "S4", "2026-09-22").as_deref(), Some("K1"));
}

/// (e) A placed child whose later slip lists only another club: from the
/// slip's effective date the old seat ends, the child is placed by the new
/// choice (from the re-plan), and the freed seat goes to the waiting list.
#[test]
fn a_later_slip_changing_the_choices_moves_the_child_from_its_date() {
    let s = school(&[
        "S1,2026-09-01,参加,,,家长接,,K1,,是,,",
        "S2,2026-09-01,参加,,,家长接,,K1,,是,,",
    ]);
    plan(&s, &["--as-of", "2026-09-07"]);
    let (holder, waiting) = match club_on(&s, "S1", "2026-09-07") {
        Some(_) => ("S1", "S2"),
        None => ("S2", "S1"),
    };
    add_slips(
        &s,
        &[&format!(
            "{holder},2026-09-12,参加,,,家长接,,K2,,是,,2026-09-14"
        )],
    );
    let run = plan(&s, &["--as-of", "2026-09-16"]);
    assert_eq!(club_on(&s, holder, "2026-09-11").as_deref(), Some("K1"));
    // Between the slip's date and the re-plan nobody had told the child of a
    // new seat: the club block falls back; the new club starts with the re-plan.
    assert_eq!(club_on(&s, holder, "2026-09-15"), None);
    assert_eq!(club_on(&s, holder, "2026-09-16").as_deref(), Some("K2"));
    assert_eq!(club_on(&s, waiting, "2026-09-16").as_deref(), Some("K1"));
    assert!(run.stdout.contains("↑1 promoted"), "{}", run.stdout);
    // No row of the holder's holds K1 on or after the slip's date.
    assert!(rows(&s).iter().all(|r| !(r[0] == holder
        && r[3] == "K1"
        && (r[5].is_empty() || r[5].as_str() >= "2026-09-14"))));
}

/// Changed days and session take effect in plan.csv from the slip's effective
/// date, not from the re-plan's.
#[test]
fn changed_days_take_effect_from_the_slips_date() {
    let s = school(&["S1,2026-09-01,参加,一至五,,家长接,,K2,,是,,"]);
    plan(&s, &["--as-of", "2026-09-07"]);
    add_slips(&s, &["S1,2026-09-15,参加,二四,,家长接,,K2,,是,,2026-09-14"]);
    plan(&s, &["--as-of", "2026-09-21"]);
    let monday: Vec<_> = rows(&s)
        .into_iter()
        .filter(|r| r[0] == "S1" && r[1] == "mon")
        .collect();
    assert!(!monday.is_empty());
    assert!(
        monday.iter().all(|r| r[5] == "2026-09-13"),
        "Monday rows end the day before 14 Sep: {monday:?}"
    );
    // A pending change of session: first session only from 5 Oct.
    add_slips(
        &s,
        &["S1,2026-09-25,参加,二四,仅第一时段,家长接,,,,是,,2026-10-12"],
    );
    let run = plan(&s, &["--as-of", "2026-09-28"]);
    assert!(
        run.stdout.contains("S1 changes from 2026-10-12"),
        "{}",
        run.stdout
    );
    assert_eq!(club_on(&s, "S1", "2026-10-08").as_deref(), Some("K2"));
    assert_eq!(club_on(&s, "S1", "2026-10-13"), None);
}

/// A re-plan after withdrawals keeps a club running below its minimum: the
/// report says which and how many short (issue #23 item 3).
#[test]
fn a_replan_below_a_clubs_minimum_says_which_and_how_many_short() {
    let s = School::new();
    s.write("students.csv", STUDENTS);
    s.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限,最少人数,年级\nK1,足球,T02,一三,6,4,3-6\n",
    );
    let slips: Vec<String> = (1..=4)
        .map(|i| format!("S{i},2026-09-01,参加,,,家长接,,K1,,是,,"))
        .collect();
    s.write("consent.csv", &format!("{HEADER}{}\n", slips.join("\n")));
    let run = plan(&s, &["--as-of", "2026-09-07"]);
    assert!(
        !run.stdout.contains("below their minimum"),
        "{}",
        run.stdout
    );
    add_slips(
        &s,
        &[
            "S2,2026-10-09,不参加,,,,搬家,,,,,",
            "S3,2026-10-09,不参加,,,,搬家,,,,,",
        ],
    );
    let run = plan(&s, &["--as-of", "2026-10-12"]);
    assert_eq!(club_on(&s, "S1", "2026-10-12").as_deref(), Some("K1"));
    assert!(
        run.stdout.contains(
            "Running below their minimum (decide whether to keep them): K1 足球 2 of 4, 2 short"
        ),
        "{}",
        run.stdout
    );
}
