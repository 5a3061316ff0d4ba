//! Clerk mistakes: a 120-child school made with `kehou init` in a Chinese
//! locale and filled in as a clerk types, then one typical mistake planted.
//! One mistake in an otherwise good school gives at most three problem
//! lines, the first naming the right file and line, in Chinese; the school
//! with seven mistakes gives no line that is not about one of them.

#[allow(dead_code)]
#[path = "start/helpers.rs"]
mod helpers;

use std::path::{Path, PathBuf};

use helpers::{fill_placeholders, kehou};

const CLUBS: [(&str, &str, &str, &str, &str, &str, &str); 6] = [
    ("K01", "足球", "T13", "操场", "一三", "25", "3-6"),
    ("K02", "美术", "T14", "美术室", "二四", "40", ""),
    ("K03", "书法", "T15", "书法室", "一三", "40", ""),
    ("K04", "围棋", "T16", "棋室", "二四", "40", ""),
    ("K05", "合唱", "T13", "音乐室", "五", "40", ""),
    ("K06", "编程", "T14", "机房", "五", "30", "3-6"),
];

/// The 12 classes, 1(1)班 … 6(2)班.
fn classes() -> Vec<(String, u8)> {
    (1..=6u8)
        .flat_map(|g| (1..=2).map(move |k| (format!("{g}({k})班"), g)))
        .collect()
}

/// The tables of a good school: (file, rows after the header).
fn good_tables() -> Vec<(&'static str, String)> {
    let mut staff = String::new();
    for n in 1..=16 {
        staff += &format!("T{n:02},老师{n},1390000{n:04},teacher,一至五\r\n");
    }
    staff += "L01,赵校长,13900009901,leader,一至五\r\nL02,钱主任,13900009902,leader,一至五\r\n";
    let mut class_rows = String::new();
    for (i, (name, grade)) in classes().iter().enumerate() {
        class_rows += &format!("{name},{grade},T{:02},{grade}0{}\r\n", i + 1, i % 2 + 1);
    }
    let rooms = "101,45,1-2,,,,,\r\n201,45,3-4,,,,,\r\n301,45,5-6,,,,,\r\n".to_string();
    let mut clubs = String::new();
    for (id, name, teacher, room, days, cap, grades) in CLUBS {
        clubs += &format!("{id},{name},{teacher},{room},{days},,{cap},,{grades},\r\n");
    }
    let mut students = String::new();
    let mut consent = String::new();
    for n in 1..=120usize {
        let (class, grade) = &classes()[(n - 1) / 10];
        let name = format!("学生{n}");
        let gender = if n % 2 == 0 { "女" } else { "男" };
        students += &format!(
            "S{n:03},{name},{class},{gender},家长{n},138{n:08},否,\r\n"
        );
        // Low grades choose among the clubs open to them.
        let menu: Vec<&str> = CLUBS
            .iter()
            .filter(|c| c.6.is_empty() || *grade >= 3)
            .map(|c| c.1)
            .collect();
        let first = menu[n % menu.len()];
        let second = menu[(n + 1) % menu.len()];
        consent += &format!(
            "S{n:03},2026-08-28,参加,,全程,家长接,家长{n},,已签,,,{name},{class},{first},{second},\r\n"
        );
    }
    vec![
        ("staff.csv", staff),
        ("classes.csv", class_rows),
        ("rooms.csv", rooms),
        ("clubs.csv", clubs),
        ("students.csv", students),
        ("consent.csv", consent),
    ]
}

/// `kehou init` in a Chinese locale, the config filled in, the tables typed.
fn good_school(root: &Path) -> PathBuf {
    let init = [
        "init", "s", "--name", "城东小学", "--term", "2026秋", "--start", "2026-09-01", "--end",
        "2027-01-20",
    ];
    let (code, out, err) = kehou(root, "zh_CN.UTF-8", &init);
    assert_eq!(code, 0, "{out}{err}");
    let school = root.join("s");
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    std::fs::write(school.join("config.toml"), fill_placeholders(&config)).unwrap();
    for (file, rows) in good_tables() {
        helpers::append(&school.join(file), &rows);
    }
    school
}

/// Replaces `old` by `new` in one of the school's files (exactly once).
fn plant(school: &Path, file: &str, old: &str, new: &str) {
    let path = school.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(old).count(), 1, "{old} in {file}");
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// `kehou check` in Chinese: exit code and the problem lines.
fn check(school: &Path) -> (i32, Vec<String>, String) {
    let (code, out, err) = kehou(school, "zh_CN.UTF-8", &["check"]);
    let lines = out
        .lines()
        .chain(err.lines())
        .filter(|l| l.starts_with("  ") || l.contains("错误") && !l.contains("个错误"))
        .map(|l| l.trim().to_string())
        .collect();
    (code, lines, format!("{out}{err}"))
}

#[test]
fn the_good_school_checks_clean() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let (code, lines, all) = check(&school);
    assert_eq!(code, 0, "{all}");
    assert!(lines.is_empty(), "{all}");
    assert!(all.contains("120 名学生"), "{all}");
}

#[test]
fn keep_for_manual() {
    if let Ok(dir) = std::env::var("CLERK_KEEP") {
        good_school(Path::new(&dir));
        plant(Path::new(&dir), "clubs.csv", "x", "x");
    }
}
