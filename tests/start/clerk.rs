//! From an empty folder to the first daily workbook, the quick start word
//! by word, a roster saved as xlsx, quiet and verbose runs.

use std::path::Path;
use std::process::Command;

use calamine::Reader as _;

use crate::helpers::*;

#[test]
fn from_an_empty_folder_to_the_first_daily_workbook() {
    let root = tempfile::tempdir().unwrap();
    let (code, out, err) = kehou(
        root.path(),
        "zh_CN.UTF-8",
        &[
            "init",
            "城南小学",
            "--name",
            "城南小学",
            "--term",
            "2026秋",
            "--start",
            "2026-09-07",
            "--end",
            "2026-12-31",
            "--grades",
            "1-3,4-6",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("下一步"), "{out}");
    let school = root.path().join("城南小学");

    // Untouched: check fails and names every placeholder, nothing of the demo.
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["check"]);
    assert_eq!(code, 2, "{out}{err}");
    for what in [
        "停课第一天",
        "停课最后一天",
        "调休上课的周末日期",
        "按星期几的课表",
        "低年级放学时间",
        "低年级作业辅导开始时间",
        "低年级社团结束时间",
        "高年级放学时间",
        "高年级社团开始时间",
    ] {
        assert!(err.contains(&format!("待填写:{what}")), "{what}: {err}");
    }
    assert_eq!(err.matches("还没有填写").count(), 16, "{err}");
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    assert!(!config.contains("示范小学") && config.contains("城南小学"));

    // The clerk fills in the config and the tables.
    std::fs::write(school.join("config.toml"), fill_placeholders(&config)).unwrap();
    let tables = [
        (
            "staff.csv",
            "T01,王老师,13800000001,teacher,\r\nT02,李老师,,,\r\nL01,赵校长,,leader,一至五\r\n",
        ),
        ("classes.csv", "1(1)班,1,王老师,101\r\n4(1)班,4,T02,401\r\n"),
        ("rooms.csv", "101,40,1-3,,,,,\r\n401,40,4-6,,,,,\r\n"),
        (
            "clubs.csv",
            "K1,足球,T02,操场,一三,,20,,1-6,\r\nK2,美术,T01,美术室,二四,,20,,1-6,\r\n",
        ),
    ];
    for (file, rows) in tables {
        append(&school.join(file), rows);
    }
    // 学号,日期,是否参加,参加日,时段,离校方式,接送人,原因,安全协议,优先,生效日期,姓名,班级,志愿1,志愿2,志愿3
    append(
        &school.join("consent.csv"),
        "S1,2026-09-01,参加,一至五,全程,爷爷接,,,签字,,,张三,1(1)班,足球,美术,\r\n\
         S2,2026-09-01,参加,,第一时段,家长接,李妈妈,,已签,,,李四,1(1)班,,,\r\n\
         S3,2026-09-02,参加,,,自行回家,,,是,1,,王五,4(1)班,美术,,\r\n\
         S4,2026-09-02,不参加,,,,,家里有人,,,,赵六,4(1)班,,,\r\n",
    );
    // The roster, saved from Excel under the template's name as xlsx.
    write_xlsx(
        &school.join("students.xlsx"),
        &[
            "学号,姓名,班级,性别,监护人,联系电话,减免,备注",
            "S1,张三,1(1)班,男,张爷爷,13800001111,否,",
            "S2,李四,1(1)班,女,李妈妈,13800002222,否,花生过敏",
            "S3,王五,4(1)班,男,王妈妈,13800003333,是,",
            "S4,赵六,4(1)班,女,赵爸爸,13800004444,否,",
        ],
    );

    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("改用同名的 students.xlsx"), "{out}");
    assert!(out.contains("4 名学生"), "{out}");
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["plan", "--as-of", "9-7"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = kehou(&school, "zh_CN.UTF-8", &["daily", "--date", "9月8日"]);
    assert_eq!(code, 0, "{out}{err}");
    // Said once, by check; not again by every command.
    assert!(!err.contains("改用同名的 students.xlsx"), "{err}");
    let book = school.join("out/daily/2026-09-08.xlsx");
    assert!(book.is_file(), "{out}{err}");
    let mut sheets: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let mut text = String::new();
    for name in sheets.sheet_names() {
        let range = sheets.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('|');
            }
        }
    }
    for expected in ["城南小学", "张三", "李四", "王五", "爷爷"] {
        assert!(
            text.contains(expected),
            "{expected} not in the daily workbook"
        );
    }
}

/// The ```sh blocks of docs/使用说明.md, line by line.
fn quick_start_blocks() -> Vec<Vec<String>> {
    let doc = include_str!("../../docs/使用说明.md");
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in doc.lines() {
        match (&mut current, line.trim()) {
            (None, "```sh") => current = Some(Vec::new()),
            (Some(_), "```") => blocks.push(current.take().unwrap()),
            (Some(block), text) if !text.is_empty() => block.push(text.to_string()),
            _ => {}
        }
    }
    blocks
}

/// A clerk's filling-in for the quick start: the tables, and a config whose
/// term runs around today, every day of the week, so that `明天` is a
/// service day whenever this test runs (no closures or makeup days then).
fn fill_in_as_a_clerk(school: &Path) {
    let config = fill_placeholders(&std::fs::read_to_string(school.join("config.toml")).unwrap());
    let today = chrono::Local::now().date_naive();
    let mut filled = String::new();
    for line in config.lines() {
        let line = match line.split(" = ").next() {
            Some("start") => format!("start = {}", today - chrono::Days::new(14)),
            Some("end") => format!("end = {}", today + chrono::Days::new(60)),
            Some("weekdays") => "weekdays = \"一至日\"".to_string(),
            _ if line.starts_with("  { from") || line.starts_with("  { date") => continue,
            _ => line.to_string(),
        };
        filled.push_str(&line);
        filled.push('\n');
    }
    std::fs::write(school.join("config.toml"), filled).unwrap();
    append(
        &school.join("staff.csv"),
        "T01,王老师,,teacher,\r\nL01,赵校长,,leader,\r\n",
    );
    append(&school.join("classes.csv"), "1(1)班,1,T01,101\r\n");
    append(
        &school.join("students.csv"),
        "S1,张三,1(1)班,男,张爷爷,13800001111,否,\r\n",
    );
    append(&school.join("rooms.csv"), "101,40,,,,,,\r\n");
    append(
        &school.join("clubs.csv"),
        "K1,足球,T01,操场,一至日,,20,,,\r\n",
    );
    append(
        &school.join("consent.csv"),
        &format!(
            "S1,{},参加,,全程,爷爷接,,,签字,,,张三,1(1)班,足球,,\r\n",
            today - chrono::Days::new(30)
        ),
    );
}

#[test]
fn the_quick_start_word_by_word() {
    let root = tempfile::tempdir().unwrap();
    let mut cwd = root.path().to_path_buf();
    let blocks = quick_start_blocks();
    assert!(blocks.len() >= 5, "{blocks:?}");
    for (index, block) in blocks.iter().enumerate() {
        for line in block {
            if line.starts_with("cargo install") {
                continue; // the test runs the binary cargo just built
            }
            if let Some(dir) = line.strip_prefix("cd ") {
                cwd = cwd.join(dir);
                continue;
            }
            // Word by word, without a shell (Windows has none): a pattern
            // such as `out/daily/*.xlsx` reaches kehou as cmd passes it.
            let words: Vec<&str> = line.split('#').next().unwrap().split_whitespace().collect();
            assert_eq!(words[0], "kehou", "{line}");
            let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
                .args(&words[1..])
                .current_dir(&cwd)
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env("LANG", "zh_CN.UTF-8")
                .output()
                .unwrap();
            let text = format!(
                "{line}\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            // Only the first check, before anything is filled in, complains.
            let expected = if index == 1 && line == "kehou check" {
                2
            } else {
                0
            };
            assert_eq!(out.status.code(), Some(expected), "{text}");
        }
        if index == 1 {
            fill_in_as_a_clerk(&cwd);
        }
    }
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    assert!(cwd.join(format!("out/daily/{tomorrow}.xlsx")).is_file());
    assert!(cwd.join("attendance.csv").is_file() || cwd.join("out/weekly").is_dir());
}

#[test]
fn the_quick_starts_example_problem_is_what_check_prints() {
    let root = tempfile::tempdir().unwrap();
    let school = filled_init(root.path());
    append(&school.join("classes.csv"), "1(1)班,1,,\r\n1(2)班,9,,\r\n");
    let (_, out, _) = kehou(&school, "C", &["check"]);
    let doc = include_str!("../../docs/使用说明.md");
    let line = out.lines().find(|l| l.contains("classes.csv:3:2")).unwrap();
    assert!(doc.contains(line), "{line}");
}

#[test]
fn a_missing_csv_is_read_from_the_xlsx_beside_it() {
    let root = tempfile::tempdir().unwrap();
    let school = small_school(root.path());
    std::fs::remove_file(school.join("students.csv")).unwrap();
    write_xlsx(
        &school.join("students.xlsx"),
        &["学号,姓名,班级", "S1,张三,1(1)班"],
    );
    let (code, out, err) = kehou(&school, "C", &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("students.csv: 警告: 文件不存在,改用同名的 students.xlsx"),
        "{out}"
    );
    assert!(out.contains("1 名学生"), "{out}");
    let (_, out, _) = kehou(&school, "C", &["--lang", "en", "check"]);
    assert!(
        out.contains("not found; using students.xlsx instead"),
        "{out}"
    );
}

#[test]
fn quiet_keeps_problems_and_verbose_lists_every_club() {
    let root = tempfile::tempdir().unwrap();
    let school = small_school(root.path());
    let (code, out, _) = kehou(root.path(), "C", &["-q", "init", "t"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let mut clubs = String::new();
    let mut students = String::new();
    let mut slips = String::new();
    for n in 1..=13 {
        clubs.push_str(&format!("K{n},社团{n},T01,操场,一至五,,5,,,\r\n"));
        students.push_str(&format!("S{n},学生{n},1(1)班,,,,,\r\n"));
        slips.push_str(&format!("S{n},2026-08-30,参加,,,,,,已签,,,,,K{n},,\r\n"));
    }
    append(&school.join("clubs.csv"), &clubs);
    append(&school.join("students.csv"), &students);
    append(&school.join("consent.csv"), &slips);
    let (code, out, err) = kehou(&school, "C", &["plan", "--as-of", "9-1"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("13 个社团有变化") && !out.contains("K13 社团13"),
        "{out}"
    );
    let fresh = ["-v", "plan", "--as-of", "9-1", "--fresh", "--force"];
    let (code, out, err) = kehou(&school, "C", &fresh);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("K13 社团13: +1") && !out.contains("个社团有变化"),
        "{out}"
    );
    // A problem still shows with --quiet; the summary does not.
    append(&school.join("classes.csv"), "1(2)班,9,,\r\n");
    let (code, out, _) = kehou(&school, "C", &["-q", "check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("classes.csv:3:2") && !out.contains("名学生"),
        "{out}"
    );
}
