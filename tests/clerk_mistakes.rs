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
        students += &format!("S{n:03},{name},{class},{gender},家长{n},138{n:08},否,\r\n");
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
        "init",
        "s",
        "--name",
        "城东小学",
        "--term",
        "2026秋",
        "--start",
        "2026-09-01",
        "--end",
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

/// `kehou check` in Chinese: exit code, the problem lines (each naming a
/// file, or summing up more of them), and everything printed.
fn check(school: &Path) -> (i32, Vec<String>, String) {
    let (code, out, err) = kehou(school, "zh_CN.UTF-8", &["check"]);
    let lines = out
        .lines()
        .chain(err.lines())
        .map(|l| l.trim_start_matches("kehou: ").trim())
        .filter(|l| is_problem_line(l))
        .map(str::to_string)
        .collect();
    (code, lines, format!("{out}{err}"))
}

/// `file.csv:3:7: …`, `config.toml: …`, or `…… 另有 …`.
fn is_problem_line(line: &str) -> bool {
    let file = line.split(':').next().unwrap_or("");
    let named = [".csv", ".xlsx", ".toml"].iter().any(|e| file.ends_with(e)) && !file.contains(' ');
    named || line.starts_with("……")
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

/// `kehou check` on the good school with one mistake planted: at most
/// three problem lines, the first at `first` (file:line), in Chinese.
fn one_mistake(file: &str, old: &str, new: &str, first: &str) -> Vec<String> {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    plant(&school, file, old, new);
    let (code, lines, all) = check(&school);
    assert_ne!(code, 0, "{all}");
    assert!(!lines.is_empty() && lines.len() <= 3, "{all}");
    assert!(lines[0].starts_with(first), "{first}: {all}");
    assert!(
        lines[0].contains("错误") || lines[0].contains("有误"),
        "{all}"
    );
    lines
}

/// The config's line that holds `text`, 1-based.
fn config_line(text: &str) -> usize {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    config.lines().position(|l| l.contains(text)).unwrap() + 1
}

// Item 1: cascades.

#[test]
fn a_bad_cell_in_a_club_is_one_error_and_one_line_for_the_slips_choosing_it() {
    let lines = one_mistake(
        "clubs.csv",
        "K02,美术,T14,美术室,二四,,40,",
        "K02,美术,T14,美术室,二四,,25-30,",
        "clubs.csv:3:7",
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].starts_with("consent.csv:"), "{lines:?}");
    assert!(
        lines[1].contains("因 clubs.csv 第 3 行有误")
            && lines[1].contains("张回执的这个志愿暂未核对"),
        "{lines:?}"
    );
}

#[test]
fn a_misspelt_name_header_is_one_error_naming_the_header_meant() {
    let lines = one_mistake(
        "students.csv",
        "学号,姓名,",
        "学号,名字,",
        "students.csv:1:2",
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("名字") && lines[0].contains("姓名"),
        "{lines:?}"
    );
}

#[test]
fn a_missing_name_column_sets_the_rows_aside_and_says_so_once() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    plant(&school, "students.csv", "学号,姓名,", "学号,,");
    let (code, lines, all) = check(&school);
    assert_eq!(code, 1, "{all}");
    assert!(lines.len() <= 3, "{all}");
    assert!(
        lines[0].starts_with("students.csv:1") && lines[0].contains("姓名"),
        "{all}"
    );
    assert!(
        !all.contains("还没有学生") && !all.contains("学号不在学生名单中"),
        "{all}"
    );
    assert!(all.contains("另有 students.csv 120 行"), "{all}");
}

#[test]
fn a_staff_row_with_an_error_is_still_the_teacher_classes_name() {
    let lines = one_mistake(
        "staff.csv",
        "T09,老师9,13900000009,teacher",
        "T09,老师9,13900000009,班主任",
        "staff.csv:10:4",
    );
    assert!(
        !lines.iter().any(|l| l.contains("不在教职工表中")),
        "{lines:?}"
    );
    assert!(lines[1].contains("因 staff.csv 第 10 行有误"), "{lines:?}");
}

#[test]
fn the_summary_says_how_many_rows_were_set_aside() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    plant(
        &school,
        "clubs.csv",
        "K02,美术,T14,美术室,二四,,40,",
        "K02,美术,T14,美术室,二四,,很多,",
    );
    let (_, _, all) = check(&school);
    assert!(
        all.contains("5 个社团") && all.contains("另有 clubs.csv 1 行因有误暂未计入"),
        "{all}"
    );
    let (_, out, _) = kehou(&school, "C", &["--lang", "en", "check"]);
    assert!(
        out.contains("rows set aside for their errors and not counted above: clubs.csv 1"),
        "{out}"
    );
}

// Item 2: silent losses.

#[test]
fn a_phone_column_under_another_name_is_an_error_naming_both() {
    let lines = one_mistake("students.csv", "联系电话", "电话号码", "students.csv:1:6");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("电话号码") && lines[0].contains("联系电话"),
        "{lines:?}"
    );
}

#[test]
fn a_guardian_or_pickup_column_under_another_name_is_an_error_too() {
    one_mistake("students.csv", "监护人", "家长名字", "students.csv:1:5");
    one_mistake("consent.csv", "离校方式", "放学方式", "consent.csv:1:6");
    one_mistake("students.csv", "监护人", "guardain", "students.csv:1:5");
}

#[test]
fn a_ten_digit_mobile_is_a_warning() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    plant(&school, "students.csv", "13800000050", "1380000050");
    let (code, lines, all) = check(&school);
    assert_eq!(code, 0, "a warning only: {all}");
    assert_eq!(lines.len(), 1, "{all}");
    assert!(
        lines[0].starts_with("students.csv:51:6: 警告") && lines[0].contains("11 位"),
        "{all}"
    );
}

// Item 3: config mistakes.

#[test]
fn a_misspelt_config_key_is_named_with_its_line_and_the_closest_key() {
    let line = config_line("dismissal = ");
    let lines = one_mistake(
        "config.toml",
        "name = \"低年级\"\ngrades = \"1-2\"\ndismissal",
        "name = \"低年级\"\ngrades = \"1-2\"\ndismisal",
        &format!("config.toml:{line}:1"),
    );
    assert!(
        lines[0].contains("dismisal") && lines[0].contains("“dismissal”"),
        "{lines:?}"
    );
}

#[test]
fn a_yes_no_key_written_in_chinese_needs_true_or_false() {
    let line = config_line("require_safety");
    let lines = one_mistake(
        "config.toml",
        "require_safety = true",
        "require_safety = 是",
        &format!("config.toml:{line}:"),
    );
    assert!(
        lines[0].contains("true") && lines[0].contains("false"),
        "{lines:?}"
    );
    assert!(!lines[0].contains("引号括起来"), "{lines:?}");
}

#[test]
fn a_missing_closing_quote_is_reported_at_its_line_in_chinese() {
    let line = config_line("name = \"城东小学\"");
    let lines = one_mistake(
        "config.toml",
        "name = \"城东小学\"",
        "name = \"城东小学",
        &format!("config.toml:{line}:"),
    );
    assert!(
        lines[0].contains("双引号") && !lines[0].contains("(toml"),
        "{lines:?}"
    );
}

#[test]
fn a_config_saved_as_gbk_is_read() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&config);
    assert!(!lossy);
    std::fs::write(school.join("config.toml"), gbk).unwrap();
    let (code, lines, all) = check(&school);
    assert_eq!((code, lines.len()), (0, 0), "{all}");
    assert!(all.contains("120 名学生"), "{all}");
}

#[test]
fn init_checks_the_grades_of_its_bands() {
    let root = tempfile::tempdir().unwrap();
    let (code, out, err) = kehou(
        root.path(),
        "zh_CN.UTF-8",
        &["init", "s", "--grades", "1-2,3"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("4、5、6 年级不在任何年段里"), "{err}");
    assert!(!root.path().join("s/config.toml").exists());
    let (code, _, err) = kehou(
        root.path(),
        "zh_CN.UTF-8",
        &["init", "s", "--grades", "1-3,3-6"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("3 年级写在了两个年段里"), "{err}");
}

#[test]
fn a_grade_without_a_band_names_the_bands_lines() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    plant(&school, "config.toml", "grades = \"3-4\"", "grades = \"3\"");
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    let bands: Vec<String> = config
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("[[bands]]"))
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    let (code, lines, all) = check(&school);
    assert_eq!(code, 2, "{all}");
    assert!(
        lines[0].starts_with(&format!("config.toml:{}", bands[0])),
        "{all}"
    );
    assert!(
        lines[0].contains(&format!("第 {} 行的 [[bands]]", bands.join("、"))),
        "{all}"
    );
}
