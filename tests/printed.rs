//! What the printed papers say: where a group meets, a club met once with
//! arrival times, dismissal lists to sign, printing by recipient, money that
//! adds up, and periods with nothing to show saying so.

mod common;

use std::io::Read;
use std::path::Path;

/// One file inside a workbook (an xlsx is a zip of XML files).
fn member(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The worksheet names of a workbook, in order.
fn sheet_names(path: &Path) -> Vec<String> {
    member(path, "xl/workbook.xml")
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

fn shared_strings(path: &Path) -> String {
    member(path, "xl/sharedStrings.xml")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The common school with club places, an exempt student, and a 4th grader
/// in the art club, which the 1st grades join at 16:20 and the 4th at 16:40.
fn school() -> common::School {
    let school = common::School::new();
    let fees = "\n[fees]\nfull_day = \"6.00\"\nfirst_session_day = \"3.00\"\n";
    school.write("config.toml", &(common::CONFIG.to_string() + fees));
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,地点,活动日,人数上限,最少人数,年级\n\
         K1,足球,T02,操场,一三,20,,3-6\n\
         K2,美术,T01,美术室,二四,20,,1-6\n",
    );
    school.write(
        "students.csv",
        "学号,姓名,班级,监护人,联系电话,减免\n\
         S1,张三,1(1)班,张爸爸,13800001111,是\n\
         S2,李四,1(1)班,李妈妈,13800002222,\n\
         S3,王五,4(1)班,王妈妈,13800003333,\n\
         S4,赵六,4(1)班,赵爸爸,13800004444,\n",
    );
    school.write(
        "consent.csv",
        "学号,日期,是否参加,参加日,时段,离校方式,原因,志愿1,志愿2,安全协议\n\
         S1,2026-09-01,参加,一至五,全程,家长接,,K2,,是\n\
         S2,2026-09-01,不参加,,,,家长接送,,,\n\
         S3,2026-09-02,参加,,,自行回家,,足球,K2,是\n\
         S4,2026-09-02,参加,,,家长接,,K2,,是\n",
    );
    let run = school.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.all());
    school
}

#[test]
fn a_club_across_bands_is_one_sheet_with_arrival_times_and_check_warns() {
    let school = school();
    let run = school.run(&["daily", "--date", "2026-09-08", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let daily = school.path().join("out/daily");
    let sheet = read(&daily.join("2026-09-08-signin-K2-1620.csv"));
    assert!(
        sheet.lines().next().unwrap().ends_with("到达时间"),
        "{sheet}"
    );
    assert!(
        sheet.contains("16:20") && sheet.contains("16:40"),
        "{sheet}"
    );
    assert!(!daily.join("2026-09-08-signin-K2-1640.csv").exists());
    // The one sheet is read back row by row, each child under their own block.
    let book = daily.join("2026-09-08.xlsx");
    let record = school.run(&["record", "--dry-run", book.to_str().unwrap()]);
    assert_eq!(record.code, 0, "{}", record.all());
    assert!(
        record.all().contains("签到-美术 1620:未登记 2 条"),
        "{}",
        record.all()
    );
    let check = school.run(&["check"]);
    assert!(
        check.all().contains("“美术”") && check.all().contains("开始时间不同"),
        "{}",
        check.all()
    );
}

#[test]
fn sheets_say_where_a_group_meets() {
    let school = school();
    let run = school.run(&["daily", "--date", "2026-09-08", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let duty = read(&school.path().join("out/daily/2026-09-08-duty.csv"));
    assert!(duty.lines().next().unwrap().contains("地点"), "{duty}");
    assert!(duty.contains("美术,美术室"), "{duty}");
    let day = shared_strings(&school.path().join("out/daily/2026-09-08.xlsx"));
    assert!(day.contains("美术 地点: 美术室"), "{day}");
    let term = shared_strings(&school.path().join("out/timetable-2026秋.xlsx"));
    assert!(
        term.contains("16:20–17:00、16:40–17:30 教师: 王老师 地点: 美术室"),
        "{term}"
    );
}

#[test]
fn dismissal_lists_have_columns_to_sign_and_print_by_recipient() {
    let school = school();
    let run = school.run(&["daily", "--date", "2026-09-08", "--only", "dismissal"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let daily = school.path().join("out/daily");
    assert!(!daily.join("2026-09-08.xlsx").exists());
    let names = sheet_names(&daily.join("2026-09-08-dismissal.xlsx"));
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| n.starts_with("放学-")), "{names:?}");
    let run = school.run(&["daily", "--date", "2026-09-08", "--csv"]);
    assert_eq!(run.code, 0);
    let list = std::fs::read_dir(&daily)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2026-09-08-dismissal-1700"))
        .expect("a dismissal csv");
    assert!(
        read(&list)
            .lines()
            .next()
            .unwrap()
            .ends_with("已接走,接送人签字,时间"),
        "{}",
        read(&list)
    );
}

/// The phone column of the day's first dismissal list (CSV).
fn gate_phones(school: &common::School) -> Vec<String> {
    let run = school.run(&[
        "daily",
        "--date",
        "2026-09-08",
        "--csv",
        "--only",
        "dismissal",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let daily = school.path().join("out/daily");
    let list = std::fs::read_dir(&daily)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2026-09-08-dismissal-"))
        .expect("a dismissal csv");
    let text = read(&list);
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "联系电话").unwrap();
    lines
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .collect()
}

#[test]
fn the_gate_prints_phones_masked_unless_the_school_wants_them_whole() {
    let school = school();
    let masked = gate_phones(&school);
    assert!(!masked.is_empty());
    assert!(masked.iter().all(|p| p.contains("****")), "{masked:?}");
    let config = read(&school.path().join("config.toml"));
    school.write(
        "config.toml",
        &format!("{config}\n[privacy]\ngate_phones = \"full\"\n"),
    );
    let full = gate_phones(&school);
    assert!(
        full.iter().all(|p| p.len() == 11 && !p.contains('*')),
        "{full:?}"
    );
    school.write(
        "config.toml",
        &format!("{config}\n[privacy]\ngate_phones = \"whole\"\n"),
    );
    let run = school.run(&["daily", "--date", "2026-09-08", "--only", "dismissal"]);
    assert_ne!(run.code, 0, "an unknown value is refused: {}", run.all());
    assert!(run.all().contains("gate_phones"), "{}", run.all());
}

#[test]
fn a_register_grid_leaves_days_never_recorded_blank() {
    let school = school();
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let dir = school.path().join("out/roll-2026-09");
    let mut grids = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = read(&entry.unwrap().path());
        let Some(totals) = text.lines().find(|l| l.contains("当日到")) else {
            continue;
        };
        grids += 1;
        let cells: Vec<&str> = totals.split(',').collect();
        // Nothing is recorded: each day's count is blank, not 0 present
        // (the last four cells are the month's totals per mark).
        let days = &cells[5..cells.len() - 4];
        assert!(
            !days.is_empty() && days.iter().all(|c| c.is_empty()),
            "{totals}"
        );
    }
    assert!(grids > 0, "a grid with its row of day counts");
}

#[test]
fn the_fees_summary_adds_up_to_what_is_due() {
    let school = school();
    let run = school.run(&["fees", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let summary = read(&school.path().join("out/fees-summary.csv"));
    let mut lines = summary.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (service, material, refund, count, exempt, due) = (
        col("服务费"),
        col("材料费"),
        col("退费"),
        col("减免人数"),
        col("减免金额"),
        col("应缴"),
    );
    let mut exempted = 0.0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let yuan = |c: usize| cells[c].parse::<f64>().unwrap();
        let sum = yuan(service) + yuan(material) - yuan(refund) - yuan(exempt);
        assert!((sum - yuan(due)).abs() < 0.005, "{line}");
        assert!(cells[count].parse::<usize>().is_ok(), "{line}");
        exempted += yuan(exempt);
    }
    assert!(exempted > 0.0, "S1 is exempt: {summary}");
}

#[test]
fn a_week_with_nothing_recorded_says_so() {
    let school = school();
    let run = school.run(&["weekly", "--week", "2026-09-14"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("没有任何签到记录"), "{}", run.stdout);
    assert!(!run.stdout.contains("0.0%"), "{}", run.stdout);
    let book = shared_strings(&school.path().join("out/weekly/2026-W38.xlsx"));
    assert!(
        book.contains("无登记") && book.contains("应到(人次)"),
        "{book}"
    );
    // The chart's axis of days reads as dates, not serial numbers.
    let chart = member(
        &school.path().join("out/weekly/2026-W38.xlsx"),
        "xl/charts/chart1.xml",
    );
    assert!(
        chart.contains("<c:dateAx>") && chart.contains("formatCode=\"mm-dd\""),
        "{chart}"
    );
}

#[test]
fn hours_outside_the_term_say_so_and_hours_are_numbers() {
    let school = school();
    let run = school.run(&["hours", "--month", "2027-03"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("不在本学期"), "{}", run.stdout);
    assert!(!school.path().join("out/hours-2027-03.xlsx").exists());
    let run = school.run(&["hours", "--month", "2026-10", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let table = read(&school.path().join("out/hours-2026-10.csv"));
    let header = table.lines().next().unwrap();
    assert!(
        header.contains("10/5–10/11") && header.contains("10/26–11/1"),
        "{header}"
    );
    let sessions = read(&school.path().join("out/hours-sessions-2026-10.csv"));
    assert!(sessions.contains(",2026-10-08,"), "{sessions}");
    let names = sheet_names(&school.path().join("out/hours-2026-10.xlsx"));
    assert!(
        names.iter().any(|n| n.starts_with("教师明细-")),
        "{names:?}"
    );
    let detail = shared_strings(&school.path().join("out/hours-2026-10.xlsx"));
    assert!(detail.contains("教师签名"), "a line to sign");
}

#[test]
fn big_workbooks_open_on_contents_and_the_chase_list_breaks_per_class() {
    let school = school();
    let names = sheet_names(&school.path().join("out/timetable-2026秋.xlsx"));
    assert_eq!(names[0], "目录", "{names:?}");
    assert!(names.contains(&"候补名单".to_string()), "{names:?}");
    let contents = member(
        &school.path().join("out/timetable-2026秋.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert_eq!(
        contents.matches("<hyperlink ").count(),
        names.len() - 1,
        "a link to every sheet"
    );
    // Two classes with slips missing: the chase list breaks the page between them.
    school.write(
        "consent.csv",
        "学号,日期,是否参加,参加日,时段,离校方式,原因,志愿1,志愿2,安全协议\n\
         S2,2026-09-01,不参加,,,,家长接送,,,\n",
    );
    let run = school.run(&["consent"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let chase = member(
        &school.path().join("out/consent-status.xlsx"),
        "xl/worksheets/sheet2.xml",
    );
    assert!(chase.contains("<rowBreaks count=\"1\""), "{chase}");
}
