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

/// toml's English never shows inside a Chinese config error: its
/// complaint is said in our words, at the line and column it names.
#[test]
fn config_errors_are_chinese_through_and_through() {
    let mistakes = [
        ("seed = 1", "seed = \"a\"", 1),
        ("seed = 1", "seed = -1", 1),
        ("seed = 1", "seed = {}", 1),
        (
            "max_clubs_per_student = 1",
            "max_clubs_per_student = 99999999999",
            1,
        ),
        ("seed = 1", "seed 1", 6),
        ("seed = 1", "seed = 2026-13-01", 8),
        ("seed = 1", "seed = 01", 8),
        ("seed = 1", "seed = tru", 8),
        ("seed = 1", "seed = 1_", 9),
    ];
    let english = [
        "invalid",
        "expected",
        "unexpected",
        "missing",
        "comma",
        "toml",
        "u64",
        "u32",
        "map",
        "sequence",
        "digits",
        "leading",
        "boolean",
        "value",
        "integer",
        "string",
    ];
    for (old, new, column) in mistakes {
        let line = config_line(old);
        let lines = one_mistake(
            "config.toml",
            old,
            new,
            &format!("config.toml:{line}:{column}"),
        );
        let said = lines[0]
            .replace(new, "")
            .replace("config.toml", "")
            .to_lowercase();
        let found: Vec<&&str> = english.iter().filter(|w| said.contains(**w)).collect();
        assert!(found.is_empty(), "{new}: {found:?} in {lines:?}");
    }
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

/// The language is peeked before the command line is parsed (help and
/// usage errors are in it): a GBK config is read for it as for the rest.
#[test]
fn a_gbk_config_gives_its_language_before_the_command_line_is_read() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    let english = config.replace("language = \"zh\"", "language = \"en\"");
    assert_ne!(english, config);
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&english);
    assert!(!lossy && std::str::from_utf8(&gbk).is_err());
    std::fs::write(school.join("config.toml"), gbk).unwrap();
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["daily", "--bogus"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("unexpected argument"), "{err}");
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("120 students"), "{out}{err}");
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

/// Whatever `--grades` holds, `init` refuses it or writes a config that
/// `check` reads (only its placeholders left to fill in) (issue #23 item 10).
#[test]
fn init_never_writes_a_config_it_cannot_read() {
    let given = [
        "1-2\n3-4,5-6",
        "1-2,3-4,5-6\"",
        "1-2,3-4,5-6\\",
        "1\u{1b}-2,3-6",
        "1-2\"\n[x]\ny = \"3-6",
        "１-２,3-6",
        "一二,三四,五六",
        "1,2,3,4,5,6",
    ];
    for (k, grades) in given.iter().enumerate() {
        let root = tempfile::tempdir().unwrap();
        let dir = format!("s{k}");
        let (code, out, err) = kehou(
            root.path(),
            "zh_CN.UTF-8",
            &["init", &dir, "--grades", grades],
        );
        let config = root.path().join(&dir).join("config.toml");
        if code != 0 {
            assert_eq!(code, 2, "{grades:?}: {out}{err}");
            assert!(!config.exists(), "{grades:?}");
            assert!(!err.contains('\u{1b}'), "{grades:?}: {err}");
            continue;
        }
        let text = std::fs::read_to_string(&config).unwrap();
        assert!(text.parse::<toml::Table>().is_ok(), "{grades:?}: {text}");
        let (_, out, err) = kehou(&root.path().join(&dir), "zh_CN.UTF-8", &["check"]);
        let all = format!("{out}{err}");
        for line in all.lines().filter(|l| l.starts_with("config.toml:")) {
            assert!(line.contains("待填写"), "{grades:?}: {all}");
        }
    }
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

// Item 4: what the docs give as examples, the program reads.

/// The parser for a column named in the instructions, by its Chinese header.
fn parser(header: &str) -> Option<fn(&str) -> bool> {
    use kehou::input::parse;
    let p: fn(&str) -> bool = match header {
        "活动日" | "可值班日" | "参加日" | "星期" => |t| parse::days(t).is_some(),
        "年级" => |t| parse::grades(t).is_some(),
        "日期" | "开始" | "结束" | "生效日期" => |t| parse::date(t).is_some(),
        "是否参加" => |t| parse::decision(t).is_some(),
        "离校方式" => |t| parse::pickup(t).is_some(),
        "安全协议" | "减免" => |t| parse::yes_no(t).is_some(),
        "容量" | "人数上限" => |t| parse::positive(t).is_some(),
        "最少人数" => |t| parse::whole(t).is_some(),
        "材料费" => |t| parse::fen(t).is_some(),
        "优先" => |t| parse::integer(t).is_some(),
        "时段" => {
            |t| ["全程", "第一时段", "第二时段"].contains(&t) || parse::session(t).is_some()
        }
        _ => return None,
    };
    Some(p)
}

/// The values a bullet of 填写说明 gives for its columns: `· 活动日:一三、周二周四、1,3 等。`
/// gives 一三, 周二周四, 1,3; alternatives (`参加 / 不参加`), what may also
/// be written (`也可以写 是 / 否`), quoted values (`「爷爷接」`) and `如 3-6`.
fn bullet_values(text: &str) -> Vec<String> {
    let mut values: Vec<String> = text
        .split('「')
        .skip(1)
        .filter_map(|q| q.split('」').next())
        .map(str::to_string)
        .collect();
    let text: String = text.split('「').next().unwrap_or("").to_string();
    let text = text.replace("(也可以写", "、").replace("也可以写", "、");
    let text = text.split("空着").next().unwrap_or("");
    for piece in text.split(['、', '/', ';', ';', '。', '(', ')', ',']) {
        let piece = piece.trim().trim_end_matches('等').trim();
        let piece = piece.strip_prefix("如 ").unwrap_or(piece);
        for value in piece.split(" 或 ").map(str::trim) {
            let plain = !value.is_empty() && !value.contains(' ') && value.chars().count() <= 6;
            if plain {
                values.push(value.to_string());
            }
        }
    }
    values
}

#[test]
fn every_example_in_the_instructions_parses() {
    let doc = include_str!("../docs/填写说明.txt");
    let mut headers: Vec<String> = Vec::new();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in doc.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("表头:") {
            headers = h.split(',').map(str::to_string).collect();
        } else if let Some(row) = line.strip_prefix("示例:") {
            for (header, value) in headers.iter().zip(row.split(',')) {
                if let Some(ok) = parser(header).filter(|_| !value.is_empty()) {
                    checked += 1;
                    if !ok(value) {
                        wrong.push(format!("示例 {header}: {value}"));
                    }
                }
            }
        } else if let Some(bullet) = line.strip_prefix("· ") {
            let Some((columns, text)) = bullet.split_once(':') else {
                continue;
            };
            // A bullet about several columns says what is required, not values.
            let Some(ok) = parser(columns).filter(|_| !columns.contains('、')) else {
                continue;
            };
            for value in bullet_values(text).iter().filter(|v| parser_word(v)) {
                checked += 1;
                if !ok(value) {
                    wrong.push(format!("{columns}: {value}"));
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} examples found");
    assert!(
        wrong.is_empty(),
        "the instructions give values kehou refuses: {wrong:?}"
    );
}

/// A bullet's words that are values, not explanation (`必填`, `整数`,
/// `写法同回执`) or another column's name (`结束空着`).
fn parser_word(value: &str) -> bool {
    let explanation = ["必填", "元", "选填", "写", "整数", "起算", "座位"];
    !explanation.iter().any(|w| value.contains(w)) && parser(value).is_none()
}

#[test]
fn every_date_the_guide_offers_is_read() {
    let doc = include_str!("../docs/使用说明.md");
    let mut dates = Vec::new();
    for line in doc
        .lines()
        .filter(|l| l.contains("日期") && l.contains("可以写"))
    {
        dates.extend(line.split('`').skip(1).step_by(2).map(str::to_string));
    }
    for line in doc
        .lines()
        .filter(|l| l.contains("--date") || l.contains("--week") || l.contains("--as-of"))
    {
        for flag in ["--date ", "--week ", "--as-of "] {
            if let Some(rest) = line.split(flag).nth(1) {
                dates.push(rest.split([' ', '`']).next().unwrap_or("").to_string());
            }
        }
    }
    assert!(dates.len() >= 6, "{dates:?}");
    for date in &dates {
        assert!(
            kehou::cli::dates::parse_date(date).is_ok(),
            "使用说明 offers {date}"
        );
    }
}

#[test]
fn the_bullets_values_are_found() {
    assert_eq!(
        bullet_values("一三、周二周四、1,3 等。"),
        ["一三", "周二周四", "1", "3"]
    );
    let pickup = bullet_values("家长接 / 自行回家 / 校车。写「爷爷接」「奶奶接」也可以");
    assert_eq!(
        pickup,
        ["爷爷接", "奶奶接", "家长接", "自行回家", "校车", "写"]
    );
    assert_eq!(
        bullet_values("参加 / 不参加(也可以写 是 / 否)。"),
        ["参加", "不参加", "是", "否"]
    );
}

// Item 7: an online form's export, as 问卷星 gives it.

const EXPORT_HEADERS: [&str; 13] = [
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "1.孩子姓名",
    "2.所在班级(如 三年级1班)",
    "3.您的孩子是否参加课后服务?",
    "4.参加哪几天?",
    "5.放学后怎么回家?",
    "6.接送人及电话",
    "7.请按喜欢的先后选择社团(可多选)",
    "8.是否已阅读并签署安全协议?",
    "9.不参加的原因",
];

/// The answers, one child a row (姓名, 班级 as the parent wrote it, 参加,
/// 参加日, 离校方式, 接送人, 社团 in order, 安全协议, 不参加的原因).
const EXPORT_ROWS: [[&str; 9]; 11] = [
    [
        "张小明",
        "三年级1班",
        "A.参加",
        "",
        "A.家长接",
        "张妈妈 13800000001",
        "A.围棋┋B.书法",
        "A.是",
        "",
    ],
    [
        "王芳",
        "三年级1班",
        "A.参加",
        "周一┋周三┋周五",
        "B.自行回家",
        "",
        "围棋┋足球",
        "A.是",
        "",
    ],
    [
        "李雷",
        "3(1)班",
        "A.参加",
        "",
        "A.家长接",
        "李爸爸",
        "A.围棋;B.书法;C.美术",
        "A.是",
        "",
    ],
    [
        "韩梅梅",
        "三年级1班",
        "参加",
        "",
        "家长接",
        "韩妈妈",
        "书法,美术",
        "是",
        "",
    ],
    [
        "刘洋",
        "三年级1班",
        "B.不参加",
        "",
        "",
        "",
        "",
        "",
        "家里有老人接",
    ],
    [
        "陈晨",
        "三年级1班",
        "A.参加",
        "",
        "A.家长接",
        "陈奶奶",
        "足球|围棋",
        "A.是",
        "",
    ],
    [
        "王芳",
        "三年级2班",
        "A.参加",
        "周二┋周四",
        "A.家长接",
        "王妈妈",
        "书法┋美术",
        "A.是",
        "",
    ],
    [
        "赵磊",
        "三年级2班",
        "A.参加",
        "",
        "A.家长接",
        "赵爸爸",
        "围棋┋足球┋书法",
        "A.是",
        "",
    ],
    [
        "孙悦",
        "三年级2班",
        "A.参加",
        "",
        "A.家长接",
        "孙妈妈",
        "围棋┋书法",
        "A.是",
        "",
    ],
    [
        "周杰",
        "三年级2班",
        "A.参加",
        "",
        "A.家长接",
        "周爷爷",
        "书法┋围棋",
        "A.是",
        "",
    ],
    [
        "吴桐",
        "三年级2班",
        "A.参加",
        "",
        "A.家长接",
        "吴妈妈",
        "美术┋书法",
        "A.是",
        "",
    ],
];

/// The same slips typed into the template.
const EQUIVALENT_CONSENT: &str = "\u{feff}学号,日期,是否参加,参加日,时段,离校方式,接送人,原因,安全协议,志愿1,志愿2,志愿3\r\n\
S301,2026-08-28,参加,,,家长接,张妈妈 13800000001,,是,围棋,书法,\r\n\
S302,2026-08-28,参加,一三五,,自行回家,,,是,K1,K3,\r\n\
S303,2026-08-28,参加,,,家长接,李爸爸,,是,围棋,书法,美术\r\n\
S304,2026-08-28,参加,,,家长接,韩妈妈,,是,书法,美术,\r\n\
S305,2026-08-28,不参加,,,,,家里有老人接,,,,\r\n\
S306,2026-08-28,参加,,,家长接,陈奶奶,,是,足球,围棋,\r\n\
S311,2026-08-28,参加,二四,,家长接,王妈妈,,是,书法,美术,\r\n\
S312,2026-08-28,参加,,,家长接,赵爸爸,,是,围棋,足球,书法\r\n\
S313,2026-08-28,参加,,,家长接,孙妈妈,,是,围棋,书法,\r\n\
S314,2026-08-28,参加,,,家长接,周爷爷,,是,书法,围棋,\r\n\
S315,2026-08-28,参加,,,家长接,吴妈妈,,是,美术,书法,\r\n";

/// The export's cells, row by row, the header first.
fn export_cells() -> Vec<Vec<String>> {
    let mut rows = vec![EXPORT_HEADERS.iter().map(|h| h.to_string()).collect()];
    for (i, answers) in EXPORT_ROWS.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            format!("2026/8/28 {}:{:02}:11", 10 + i / 6, i * 7 % 60),
            format!("{}秒", 60 + i * 13),
            "微信".to_string(),
        ];
        row.extend(answers.iter().map(|a| a.to_string()));
        rows.push(row);
    }
    rows
}

/// Writes the export as 问卷星 does: every cell text.
fn write_export(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in export_cells().iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Every cell of every sheet of a workbook, as text.
fn cells(path: &Path) -> Vec<Vec<String>> {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        out.push(vec![format!("== {name}")]);
        for row in book.worksheet_range(&name).unwrap().rows() {
            out.push(row.iter().map(|c| c.to_string()).collect());
        }
    }
    out
}

/// The example school of `examples/online_signup`, copied into `root/name`.
fn online_school(root: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/online_signup");
    let school = root.join(name);
    std::fs::create_dir_all(&school).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, school.join(path.file_name().unwrap())).unwrap();
    }
    school
}

#[test]
fn the_example_export_is_the_one_the_test_writes() {
    let root = tempfile::tempdir().unwrap();
    let school = online_school(root.path(), "a");
    let committed = cells(&school.join("报名导出.xlsx"));
    write_export(&root.path().join("fresh.xlsx"));
    assert_eq!(committed, cells(&root.path().join("fresh.xlsx")));
}

#[test]
fn an_online_form_export_plans_the_same_as_its_consent_csv() {
    let root = tempfile::tempdir().unwrap();
    let export = online_school(root.path(), "export");
    let (code, lines, all) = check(&export);
    assert_eq!(code, 0, "{all}");
    assert!(lines.iter().all(|l| l.contains("提示")), "{all}");
    assert!(all.contains("11 张回执"), "{all}");

    let typed = online_school(root.path(), "typed");
    let config = std::fs::read_to_string(typed.join("config.toml")).unwrap();
    let config = config.split("\n[columns.consent]").next().unwrap();
    let config = config.replace("consent = \"报名导出.xlsx\"", "consent = \"consent.csv\"");
    std::fs::write(typed.join("config.toml"), config).unwrap();
    std::fs::remove_file(typed.join("报名导出.xlsx")).unwrap();
    std::fs::write(typed.join("consent.csv"), EQUIVALENT_CONSENT).unwrap();
    let (code, _, all) = check(&typed);
    assert_eq!(code, 0, "{all}");

    let plan = ["plan", "--as-of", "2026-09-01"];
    let (code, from_export, err) = kehou(&export, "zh_CN.UTF-8", &plan);
    assert_eq!(code, 0, "{from_export}{err}");
    let (code, from_typed, err) = kehou(&typed, "zh_CN.UTF-8", &plan);
    assert_eq!(code, 0, "{from_typed}{err}");
    assert_eq!(from_export, from_typed);
    assert!(from_export.contains("在服务 10 人"), "{from_export}");
    let book = "out/timetable-2026秋.xlsx";
    assert_eq!(cells(&export.join(book)), cells(&typed.join(book)));
}

#[test]
fn two_children_of_one_name_in_one_class_are_an_error_naming_both_rows() {
    let root = tempfile::tempdir().unwrap();
    let school = online_school(root.path(), "s");
    plant(
        &school,
        "students.csv",
        "S303,李雷,3(1)班",
        "S303,王芳,3(1)班",
    );
    let (code, lines, all) = check(&school);
    assert_eq!(code, 1, "{all}");
    let line = lines.iter().find(|l| l.contains("同名")).expect(&all);
    assert!(
        line.starts_with("报名导出.xlsx:3:5") && line.contains("students.csv 第 3、4 行"),
        "{all}"
    );
}

// Done when: the clerk's seven mistakes, and nothing else.

#[test]
fn seven_mistakes_give_no_line_that_is_not_about_one_of_them() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let mistakes = [
        (
            "clubs.csv",
            "K02,美术,T14,美术室,二四,,40,",
            "K02,美术,T14,美术室,二四,,25-30,",
        ),
        (
            "clubs.csv",
            "K04,围棋,T16,棋室,二四,",
            "K04,围棋,T16,棋室,二四六,",
        ),
        (
            "staff.csv",
            "T09,老师9,13900000009,teacher",
            "T09,老师9,13900000009,班主任",
        ),
        ("students.csv", "联系电话", "电话号码"),
        ("students.csv", "13800000050", "1380000050"),
        ("students.csv", "S077,学生77,4(2)班", "S077,学生77,3(3)班"),
        ("consent.csv", "S030,2026-08-28", "S030,2026-9-31"),
    ];
    for (file, old, new) in mistakes {
        plant(&school, file, old, new);
    }
    // Each mistake's own place, and what is said once about what refers to it.
    let about = [
        "clubs.csv:3:",
        "clubs.csv:5:",
        "staff.csv:10:",
        "students.csv:1:6:",
        "students.csv:51:",
        "students.csv:78:",
        "consent.csv:31:",
        "因 clubs.csv 第 3 行有误",
        "因 clubs.csv 第 5 行有误",
        "因 staff.csv 第 10 行有误",
        "因 students.csv 第 78 行有误",
    ];
    let (code, lines, all) = check(&school);
    assert_eq!(code, 1, "{all}");
    for line in &lines {
        assert!(
            about.iter().any(|a| line.contains(a)),
            "not about the seven: {line}\n{all}"
        );
    }
    for place in &about[..7] {
        assert!(
            lines.iter().any(|l| l.starts_with(place)),
            "{place} not said:\n{all}"
        );
    }
    assert!(lines.len() <= 11, "{all}");
}

// Item 5: still English, or wrong.

#[test]
fn usage_mistakes_are_told_in_chinese_with_the_way_out() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    let (code, _, err) = kehou(
        &school,
        "zh_CN.UTF-8",
        &["fees", "--from", "9-30", "--to", "9-1"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--to 的日期早于 --from"), "{err}");
    let (code, _, err) = kehou(&school, "zh_CN.UTF-8", &["daily", "明天"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("kehou daily --date 明天"), "{err}");
    let (_, _, err) = kehou(&school, "zh_CN.UTF-8", &["help", "--help"]);
    assert!(
        !err.contains("kehou help --help") && err.contains("kehou --help"),
        "{err}"
    );
    let (code, out, _) = kehou(&school, "zh_CN.UTF-8", &["daily", "--help"]);
    assert_eq!(code, 0);
    assert!(!out.contains("Print help"), "{out}");
}

#[test]
fn a_week_outside_the_term_writes_nothing_and_says_why() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["weekly", "--week", "2027-03-01"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("没有课后服务日") && !out.contains("100.0%"),
        "{out}"
    );
    assert!(!school.join("out/weekly").exists());
}

#[test]
fn papers_for_a_date_outside_the_term_say_which_day_they_show() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["notices", "--date", "2026-08-01"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("2026-08-01 不在本学期内") && err.contains("2026-09-01"),
        "{err}"
    );
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["roll", "--month", "2026-09"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(",120 名学生,"), "each child once: {out}");
}

#[test]
fn club_warnings_name_the_xlsx_they_come_from_and_the_template_note_is_said_once() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    let clubs = std::fs::read_to_string(school.join("clubs.csv")).unwrap();
    let mut rows: Vec<String> = clubs
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_string)
        .collect();
    // 合唱 moved into 美术's room on 美术's day.
    rows[5] = rows[5].replace("音乐室,五", "美术室,二");
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    helpers::write_xlsx(&school.join("clubs.xlsx"), &rows);
    let header = rows[0].to_string() + "\r\n";
    std::fs::write(school.join("clubs.csv"), header).unwrap();
    let (code, lines, all) = check(&school);
    assert_eq!(code, 0, "{all}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("clubs.xlsx:6: 警告") && l.contains("与第 3 行的「美术」")),
        "{all}"
    );
    assert!(all.contains("改用同名的 clubs.xlsx"), "{all}");
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["plan", "--as-of", "2026-09-01"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!format!("{out}{err}").contains("改用同名的"), "{out}{err}");
}

#[path = "common/term.rs"]
mod term;

#[test]
fn a_mid_week_rate_is_over_the_days_recorded() {
    let school = term::Term::new(30, 7);
    let (code, text) = school.run(&["daily", "--date", "2026-09-07"]);
    assert_eq!(code, 0, "{text}");
    let book = school.path("out/daily/2026-09-07.xlsx");
    let mut filled = term::Book::open(&book);
    filled.fill_all("到");
    filled.save(&book);
    let (code, text) = school.run(&["record", "out/daily/2026-09-07.xlsx"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = school.run(&["weekly", "--week", "2026-09-07"]);
    assert_eq!(code, 0, "{text}");
    // Monday recorded, every child there; the other days not recorded yet.
    assert!(text.contains("出勤率 100.0%"), "{text}");
    assert!(
        !text.contains("未登记 0;"),
        "the days not recorded are shown apart: {text}"
    );
}

#[test]
fn a_folder_where_a_workbook_goes_is_said_in_chinese() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    std::fs::create_dir_all(school.join("out/daily/2026-09-08.xlsx")).unwrap();
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["daily", "--date", "2026-09-08"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("2026-09-08.xlsx 是一个文件夹") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn a_refused_record_says_nothing_was_written_and_why() {
    let school = term::Term::new(30, 7);
    let (code, text) = school.run(&["daily", "--date", "2026-09-08"]);
    assert_eq!(code, 0, "{text}");
    let mut book = term::Book::open(&school.path("out/daily/2026-09-08.xlsx"));
    book.fill_all("到");
    // A substitute not in the staff file on one sheet, a status no one
    // knows on another: the run records nothing.
    let sheets = book.sign_in_sheets();
    let rows = book.rows(&sheets[0]);
    for &r in &rows {
        book.sheet(&sheets[0])
            .cell_mut((term::TEACHER, r))
            .set_value("代课陈老师");
    }
    book.sheet(&sheets[0])
        .cell_mut((term::STATUS, rows[0]))
        .set_value("到了吧");
    book.save(&school.path("filled.xlsx"));
    let (code, text) = school.run(&["record", "filled.xlsx"]);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains("状态已登记"), "{text}");
    assert!(
        text.contains("没有登记任何状态") && text.contains("改正"),
        "{text}"
    );
    assert!(school.ledger_csv().lines().count() <= 1, "nothing recorded");
}

#[test]
fn attendance_dated_after_today_is_said() {
    let school = term::Term::new(30, 7);
    // The term's service days after today (the test's clock), if any is left.
    let today = chrono::Local::now().date_naive();
    let Some(day) = (1..=140)
        .map(|n| chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + chrono::Days::new(n))
        .filter(|d| *d > today && *d <= chrono::NaiveDate::from_ymd_opt(2027, 1, 22).unwrap())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .find(|d| {
            school.run(&["daily", "--date", d]).0 == 0
                && school.path(&format!("out/daily/{d}.xlsx")).exists()
        })
    else {
        return;
    };
    let path = school.path(&format!("out/daily/{day}.xlsx"));
    let mut book = term::Book::open(&path);
    book.fill_all("到");
    book.save(&path);
    let (code, text) = school.run(&["record", &format!("out/daily/{day}.xlsx")]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.matches("晚于今天").count(), 1, "{text}");
    assert!(text.contains(&day), "{text}");
}

#[test]
fn two_bands_meeting_in_one_room_at_one_time_share_one_sheet_name() {
    let school = term::Term::unplanned(300, 7);
    // 中年级's club block starts when 高年级's does, both falling back to
    // the reading room: one room, one start, two bands.
    let config = school.read("config.toml").replace(
        "{ kind = \"homework\", part = \"first\", start = \"15:40\", end = \"16:30\" },\n  { kind = \"activity\", part = \"second\", start = \"16:30\", end = \"16:50\", fallback = \"homework\" },\n  { kind = \"club\", part = \"second\", start = \"16:50\", end = \"17:20\", fallback = \"homework\" },",
        "{ kind = \"homework\", part = \"first\", start = \"15:40\", end = \"16:40\" },\n  { kind = \"club\", part = \"second\", start = \"16:40\", end = \"17:20\", fallback = \"reading\" },",
    );
    assert!(config.contains("end = \"16:40\" },\n  { kind = \"club\", part = \"second\", start = \"16:40\", end = \"17:20\""));
    school.write("config.toml", &config);
    let (code, text) = school.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = school.run(&["daily", "--date", "2026-09-08"]);
    assert_eq!(code, 0, "{text}");
    let path = school.path("out/daily/2026-09-08.xlsx");
    let mut book = term::Book::open(&path);
    let sheets = book.keyed_sheet_names();
    let reading: Vec<&String> = sheets.iter().filter(|s| s.contains("阅览室")).collect();
    assert!(!reading.is_empty(), "{sheets:?}");
    assert!(sheets.iter().all(|s| !s.contains('~')), "{sheets:?}");
    // The shared sheet is read back: every printed key (a child's block)
    // recorded.
    let printed = book.keys();
    book.fill_all("到");
    book.save(&path);
    let (code, text) = school.run(&["record", "out/daily/2026-09-08.xlsx"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("未登记 0 条"), "{text}");
    assert_eq!(school.ledger().len(), printed, "{text}");
}

#[test]
fn a_teacher_in_two_clubs_at_once_is_told_at_the_second_clubs_row() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    // T13 teaches 足球 on 一三 and now 合唱 on 一 too.
    plant(
        &school,
        "clubs.csv",
        "K05,合唱,T13,音乐室,五",
        "K05,合唱,T13,音乐室,一",
    );
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["plan", "--as-of", "2026-09-01"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, lines, all) = check(&school);
    assert_eq!(code, 0, "{all}");
    let clash: Vec<&String> = lines.iter().filter(|l| l.contains("同时在两处")).collect();
    assert_eq!(clash.len(), 1, "{all}");
    assert!(clash[0].starts_with("clubs.csv:6: 警告"), "{all}");
    assert!(
        clash[0].contains("足球") && clash[0].contains("合唱"),
        "{all}"
    );
    assert!(!all.contains("rooms.csv: 警告"), "{all}");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_said_in_chinese() {
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    // `--out` under a file: the folder cannot be made.
    std::fs::write(school.join("备份"), "").unwrap();
    let (code, out, err) = kehou(
        &school,
        "zh_CN.UTF-8",
        &["daily", "--date", "2026-09-08", "--out", "备份/课后"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("无法建立文件夹") && err.contains("备份") && err.contains("不是文件夹"),
        "{err}"
    );
    assert!(
        !err.contains("cannot") && !err.contains("os error"),
        "{err}"
    );
    let (_, _, err) = kehou(
        &school,
        "C",
        &[
            "--lang",
            "en",
            "daily",
            "--date",
            "2026-09-08",
            "--out",
            "备份/课后",
        ],
    );
    assert!(err.contains("cannot create the folder"), "{err}");
}

#[test]
fn usage_mistakes_in_english_give_the_same_way_out() {
    let root = tempfile::tempdir().unwrap();
    let (code, _, err) = kehou(root.path(), "en_US.UTF-8", &["daily", "tomorrow"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("kehou daily --date tomorrow"), "{err}");
    assert!(err.contains("kehou daily --help"), "{err}");
    let (code, _, err) = kehou(root.path(), "en_US.UTF-8", &["help", "--help"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        !err.contains("try '--help'") && err.contains("kehou --help"),
        "{err}"
    );
    let (_, _, err) = kehou(root.path(), "en_US.UTF-8", &["daily", "--dat", "9-8"]);
    assert!(err.contains("did you mean: --date"), "{err}");
    let (_, _, err) = kehou(root.path(), "en_US.UTF-8", &["daily", "--date", "9-31"]);
    assert!(!err.contains("日期") && err.contains("9-31"), "{err}");
}

/// The number in `daily`'s "N 个签到表" for one day.
fn sheets_said(text: &str) -> usize {
    let at = text.find(" 个签到表").unwrap_or_else(|| panic!("{text}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[test]
fn the_day_summary_counts_the_sign_in_sheets_printed() {
    // 300 children: clubs that bands join at different times are one
    // sheet, and groups too big for a page are split by class.
    let school = term::Term::new(300, 7);
    for day in ["2026-09-07", "2026-09-08", "2026-09-11"] {
        let (code, text) = school.run(&["daily", "--date", day]);
        assert_eq!(code, 0, "{text}");
        let book = term::Book::open(&school.path(&format!("out/daily/{day}.xlsx")));
        // A sign-in sheet of one block or a room's for the afternoon.
        assert_eq!(sheets_said(&text), book.keyed_sheets(), "{day}: {text}");
    }
}

/// A workbook left read-only (copied from a CD, or marked so in Explorer) is
/// said in the run's language alone, what to do included.
#[cfg(unix)]
#[test]
fn a_read_only_workbook_is_said_in_chinese_alone() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let school = good_school(root.path());
    assert_eq!(kehou(&school, "C", &["plan", "--as-of", "2026-09-01"]).0, 0);
    let args = ["daily", "--date", "2026-09-08"];
    assert_eq!(kehou(&school, "zh_CN.UTF-8", &args).0, 0);
    let book = school.join("out/daily/2026-09-08.xlsx");
    std::fs::set_permissions(&book, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &args);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("2026-09-08.xlsx 是只读文件"), "{err}");
    let english = ["read-only", "cannot", "error", "Permission"];
    assert!(english.iter().all(|w| !err.contains(w)), "{err}");
}

/// 使用说明 walks the whole term as routines (before term, each day, week,
/// month, end of term), with every command and file a clerk meets and
/// what to do when a file is open in Excel (issue #21 item 6).
#[test]
fn the_guide_covers_the_whole_term() {
    let doc = include_str!("../docs/使用说明.md");
    let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("## ")).collect();
    for routine in ["开学前", "每天", "每周", "每月", "学期末", "开着"] {
        assert!(
            headings.iter().any(|h| h.contains(routine)),
            "{routine}: {headings:?}"
        );
    }
    for word in [
        "kehou consent",
        "kehou plan",
        "kehou daily",
        "kehou record",
        "kehou weekly",
        "kehou fees",
        "kehou notices",
        "kehou slips",
        "kehou rosters",
        "kehou roll",
        "kehou hours",
        "leave.csv",
        "pickup_changes.csv",
        "签到表",
        "交接单",
        "放学名单",
        "值班表",
    ] {
        assert!(doc.contains(word), "使用说明 never mentions {word}");
    }
}
