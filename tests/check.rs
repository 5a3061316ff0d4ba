//! `kehou check`: every problem of item 3 of the foundation issue, each with
//! its exit code and its file:line:column message.

mod common;

use common::{Run, School};

/// Some output line holds both the position and the message.
#[track_caller]
fn assert_problem(run: &Run, code: i32, position: &str, message: &str) {
    let all = run.all();
    assert_eq!(run.code, code, "exit code; output:\n{all}");
    assert!(
        all.lines()
            .any(|l| l.contains(&format!("{position}:")) && l.contains(message)),
        "no line with '{position}' and '{message}' in:\n{all}"
    );
}

#[test]
fn the_fixture_school_is_clean() {
    let school = School::new();
    let run = school.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("0 个错误"), "{}", run.stdout);
}

#[test]
fn missing_required_column_names_it_and_lists_the_headers() {
    let school = School::new();
    school.write("students.csv", "学号,姓名,备注\nS1,张三,\n");
    let run = school.run(&["check"]);
    assert_problem(
        &run,
        1,
        "students.csv:1",
        "缺少必需的列“class/班级”;表头为:学号、姓名、备注",
    );
}

#[test]
fn duplicate_student_id() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级\nS1,张三,1(1)班\nS1,张三,4(1)班\nS3,王五,4(1)班\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "students.csv:3:1",
        "学号重复,第 2 行已有",
    );
}

#[test]
fn unknown_class_suggests_the_closest() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级\nS1,张三,1(2)班\nS3,王五,4(1)班\n",
    );
    let run = school.run(&["check"]);
    assert_problem(
        &run,
        1,
        "students.csv:2:3",
        "班级不在班级表中;最接近的班级:1(1)班",
    );
}

#[test]
fn full_width_class_names_match() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级\nS1,张三,１（１）班\nS2,李四,1(1)班\nS3,王五,4(1)班\n",
    );
    assert_eq!(school.run(&["check"]).code, 0);
}

#[test]
fn grade_outside_one_to_six() {
    let school = School::new();
    school.write(
        "classes.csv",
        "班级,年级,班主任\n1(1)班,1,T01\n4(1)班,7,T02\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "classes.csv:3:2",
        "年级应为 1 到 6 的整数",
    );
}

#[test]
fn unparseable_date() {
    let school = School::new();
    school.write(
        "consent.csv",
        "学号,日期,是否参加,安全协议\nS1,2026-02-30,参加,是\n",
    );
    assert_problem(&school.run(&["check"]), 1, "consent.csv:2:2", "不是日期");
}

#[test]
fn slip_for_a_student_not_on_the_roster() {
    let school = School::new();
    school.write(
        "consent.csv",
        "学号,日期,是否参加,安全协议\nS9,2026-09-01,参加,是\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "consent.csv:2:1",
        "学号不在学生名单中",
    );
}

#[test]
fn unknown_decision_value() {
    let school = School::new();
    school.write("consent.csv", "学号,日期,是否参加\nS1,2026-09-01,也许\n");
    assert_problem(
        &school.run(&["check"]),
        1,
        "consent.csv:2:3",
        "应为 参加 或 不参加",
    );
}

#[test]
fn opting_out_without_a_reason_is_a_warning() {
    let school = School::new();
    school.write(
        "consent.csv",
        "学号,日期,是否参加,原因\nS2,2026-09-01,不参加,\n",
    );
    let run = school.run(&["check"]);
    assert_problem(&run, 0, "consent.csv:2:4", "警告");
    assert!(run.all().contains("没有填写原因"));
}

#[test]
fn choice_naming_an_unknown_club() {
    let school = School::new();
    school.write(
        "consent.csv",
        "学号,日期,是否参加,志愿1\nS1,2026-09-01,参加,足求\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "consent.csv:2:4",
        "没有这个社团;最接近的:足球",
    );
}

#[test]
fn the_same_club_chosen_twice() {
    let school = School::new();
    school.write(
        "consent.csv",
        "学号,日期,是否参加,志愿1,志愿2\nS3,2026-09-01,参加,K1,足球\n",
    );
    assert_problem(&school.run(&["check"]), 1, "consent.csv:2:5", "与志愿1重复");
}

#[test]
fn capacity_not_a_positive_whole_number() {
    let school = School::new();
    school.write("rooms.csv", "教室,容量\n101,0\n401,3.5\n");
    let run = school.run(&["check"]);
    assert_problem(&run, 1, "rooms.csv:2:2", "容量应为正整数");
    assert_problem(&run, 1, "rooms.csv:3:2", "容量应为正整数");
}

#[test]
fn club_grades_outside_one_to_six() {
    let school = School::new();
    school.write(
        "clubs.csv",
        "社团编号,名称,活动日,人数上限,年级\nK1,足球,一,20,0-7\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "clubs.csv:2:5",
        "年级应在 1 到 6 之间",
    );
}

#[test]
fn club_day_that_is_not_a_service_weekday() {
    let school = School::new();
    school.write(
        "clubs.csv",
        "社团编号,名称,活动日,人数上限\nK1,足球,周六,20\nK2,美术,二,20\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "clubs.csv:2:3",
        "不是课后服务日",
    );
}

#[test]
fn teacher_not_in_the_staff_file() {
    let school = School::new();
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限\nK1,足球,T99,一,20\nK2,美术,,二,20\n",
    );
    assert_problem(
        &school.run(&["check"]),
        1,
        "clubs.csv:2:3",
        "不在教职工表中",
    );
}

#[test]
fn makeup_day_that_is_not_a_weekend() {
    let school = School::new();
    let config = common::CONFIG.replace("date = 2026-10-10", "date = 2026-10-09");
    school.write("config.toml", &config);
    let run = school.run(&["check"]);
    assert_problem(&run, 2, "config.toml:11:21", "调休补课日应是周六或周日");
}

#[test]
fn closure_outside_the_term_is_a_warning() {
    let school = School::new();
    let config = common::CONFIG.replace(
        "closures = [",
        "closures = [ { from = 2027-05-01, reason = \"劳动节\" },",
    );
    school.write("config.toml", &config);
    let run = school.run(&["check"]);
    assert_problem(&run, 0, "config.toml:10:23", "停课日期不在学期之内");
}

#[test]
fn blocks_out_of_order_or_overlapping() {
    let school = School::new();
    let config = common::CONFIG.replace(
        r#"{ kind = "club", start = "16:20", end = "17:00" }"#,
        r#"{ kind = "club", start = "16:00", end = "17:00" }"#,
    );
    school.write("config.toml", &config);
    let run = school.run(&["check"]);
    assert_problem(
        &run,
        2,
        "config.toml:18:28",
        "与前一时段 15:30–16:20 重叠或顺序颠倒",
    );
}

#[test]
fn band_grades_overlapping_another_band() {
    let school = School::new();
    let config = common::CONFIG.replace(r#"grades = "4-6""#, r#"grades = "3-6""#);
    school.write("config.toml", &config);
    let run = school.run(&["check"]);
    assert_problem(&run, 2, "config.toml:22:10", "年级与年段“低年级”重叠");
}

#[test]
fn unknown_config_key_names_its_path() {
    let school = School::new();
    let config = common::CONFIG.replace("[calendar]", "[calendar]\nweekend = \"六日\"");
    school.write("config.toml", &config);
    let run = school.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("calendar.weekend"), "{}", run.stderr);
}

#[test]
fn every_problem_is_reported_at_once_in_english_too() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级\nS1,张三,9(9)班\nS1,李四,1(1)班\n",
    );
    school.write("rooms.csv", "教室,容量\n101,-4\n");
    school.write(
        "consent.csv",
        "学号,日期,是否参加,安全协议\nS1,2026-09-01,参加,是\n",
    );
    let run = school.run(&["--lang", "en", "check"]);
    assert_eq!(run.code, 1);
    let all = run.all();
    assert!(
        all.contains(
            "students.csv:2:3: error: [班级] “9(9)班” this class is not in the classes file"
        ),
        "{all}"
    );
    assert!(all.contains("students.csv:3:1: error:"), "{all}");
    assert!(all.contains("rooms.csv:2:2: error:"), "{all}");
    assert!(all.contains("3 errors"), "{all}");
}

#[test]
fn a_missing_file_is_named() {
    let school = School::new();
    std::fs::remove_file(school.path().join("rooms.csv")).unwrap();
    std::fs::remove_file(school.path().join("students.csv")).unwrap();
    let run = school.run(&["check"]);
    // A missing file is a setup error, reported once, not as every slip
    // for a student no longer on a roster.
    assert_problem(&run, 2, "students.csv", "文件不存在");
    assert_problem(&run, 2, "rooms.csv", "文件不存在");
    assert_eq!(run.all().matches("错误:").count(), 2, "{}", run.all());
}

#[test]
fn init_makes_a_school_that_check_sends_back_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("新学校");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(target.join("config.toml"))
        .arg("check")
        .output()
        .unwrap();
    // Nothing of the demo school; every placeholder named until filled in.
    let text = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(text.contains("待填写:学校名称"), "{text}");
    let config = std::fs::read_to_string(target.join("config.toml")).unwrap();
    assert!(!config.contains("示范小学"), "{config}");
    // A second init refuses to overwrite.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
