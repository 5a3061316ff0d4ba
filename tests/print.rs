//! The printed page, read back from each workbook's own print settings (the
//! XML inside the xlsx: paper, orientation, margins, fit-to-page, column
//! widths, row heights) and measured the way Excel measures it (Calibri 11:
//! a 7-pixel digit, 5 pixels of padding): sign-in sheets of up to 45 children
//! print on one A4 portrait page at 90 % or more, class timetables at 80 % or
//! more, dismissal lists at 90 % or more; no sign-in sheet has over 60 rows.

mod common;
mod page;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use page::{assert_lines_to_sign, read_workbook};

/// The data rows of a sheet: all rows less the title, header, footer lines
/// and the plain row that ends the sheet.
fn data_rows(rows: usize, footer_lines: usize) -> usize {
    rows - 3 - footer_lines
}

fn kehou(config: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Checks every sign-in sheet, dismissal list (and class timetable, when
/// given) of the workbooks; returns how many sign-in sheets there were.
fn assert_printable(daily: &Path, timetable: Option<&Path>) -> usize {
    let mut sign_ins = 0;
    for (sheet, rows) in read_workbook(daily) {
        let scale = sheet.print_scale();
        assert_eq!(sheet.paper, 9, "{} is A4", sheet.name);
        let to_sign = assert_lines_to_sign(&sheet);
        let signed = ["签到-", "交接-", "值班表"];
        if signed.iter().any(|s| sheet.name.starts_with(s)) {
            assert!(to_sign >= 1, "{} has a line to sign", sheet.name);
        }
        if sheet.name.starts_with("签到-") {
            sign_ins += 1;
            let children = data_rows(rows, 1);
            assert!(children <= 60, "{}: {children} rows", sheet.name);
            assert!(!sheet.landscape, "{} is portrait", sheet.name);
            if children <= 45 {
                assert_eq!(sheet.fit, Some((1, 1)), "{} on one page", sheet.name);
                assert!(scale >= 90, "{} prints at {scale} %: {sheet:?}", sheet.name);
                let smallest = sheet.body_rows_pt[..children]
                    .iter()
                    .fold(f64::MAX, |a, b| a.min(*b));
                // Excel's own row at 90 % at least; a class-sized group gets
                // 7 mm rows (20 pt) to write a status and a time in.
                let least = if children <= 30 { 20.0 } else { 13.5 };
                assert!(
                    smallest * scale as f64 / 100.0 >= least,
                    "{}: rows of {smallest} pt at {scale} % are too short to write in: {sheet:?}",
                    sheet.name
                );
            } else {
                assert!(scale >= 90, "{} prints at {scale} %", sheet.name);
            }
        }
        if sheet.name.starts_with("放学-") {
            assert!(scale >= 90, "{} prints at {scale} %: {sheet:?}", sheet.name);
        }
    }
    if let Some(timetable) = timetable {
        let mut classes = 0;
        for (sheet, _) in read_workbook(timetable) {
            if sheet.name.starts_with("班-") {
                classes += 1;
                let scale = sheet.print_scale();
                // A class of 45 on one page: portrait (a landscape page holds
                // 30 rows at 80 %); tests/papers/parents.rs checks its content.
                assert!(!sheet.landscape, "{}", sheet.name);
                assert_eq!(sheet.pages(), 1, "{}", sheet.name);
                assert!(scale >= 80, "{} prints at {scale} %: {sheet:?}", sheet.name);
            }
        }
        assert!(classes > 0);
    }
    sign_ins
}

fn copy_demo(to: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    for entry in std::fs::read_dir(&demo).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if entry.file_type().unwrap().is_file() && name != "plan.csv" && name != "waitlist.csv" {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[test]
fn the_demo_prints_readable_sign_in_sheets_timetables_and_dismissal_lists() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let config = dir.path().join("config.toml");
    kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    kehou(&config, &["daily", "--date", "2026-09-08"]);
    kehou(&config, &["hours", "--month", "2026-09"]);
    let out = dir.path().join("out");
    let sign_ins = assert_printable(
        &out.join("daily/2026-09-08.xlsx"),
        Some(&out.join("timetable-2026秋.xlsx")),
    );
    assert!(sign_ins > 40, "{sign_ins} sign-in sheets");
    // The day's contents print on at most two pages; printed by recipient,
    // the workbook has none.
    let day = read_workbook(&out.join("daily/2026-09-08.xlsx"));
    let (contents, _) = &day[0];
    assert_eq!(contents.name, "目录");
    assert!(
        contents.pages() <= 2,
        "{} pages of contents",
        contents.pages()
    );
    let links = contents
        .text
        .values()
        .filter(|t| t.starts_with("签到-"))
        .count();
    assert_eq!(links, sign_ins, "every sign-in sheet is in the contents");
    kehou(
        &config,
        &["daily", "--date", "2026-09-08", "--only", "signin"],
    );
    let only = read_workbook(&out.join("daily/2026-09-08-signin.xlsx"));
    assert!(only.iter().all(|(s, _)| s.name.starts_with("签到-")));
    assert_eq!(only.len(), sign_ins);
    // Every teacher's page of `hours` has its line to sign for the subsidy.
    let mut teachers = 0;
    for (sheet, _) in read_workbook(&out.join("hours-2026-09.xlsx")) {
        let lines = assert_lines_to_sign(&sheet);
        if sheet.text.values().any(|t| t.contains("核对人")) {
            teachers += 1;
            assert!(lines >= 1, "{}", sheet.name);
        }
    }
    assert!(teachers > 50, "{teachers} teachers' pages");
    assert_gate_lists(&day);
}

/// The gate's lists of the day: every list of several classes prints on
/// one page, a batch of more than a page is split between whole classes
/// (the classes named in the title), and the bus children are on one list
/// of their own; every child of a batch is on exactly one of them.
fn assert_gate_lists(day: &[(page::Printed, usize)]) {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    let (mut lists, mut bus) = (0, 0);
    for (sheet, _) in day.iter().filter(|(s, _)| s.name.starts_with("放学-")) {
        lists += 1;
        let title = &sheet.text[&(1, 1)];
        let rows: Vec<u32> = (3..=sheet.max_row)
            .filter(|r| sheet.text.contains_key(&(*r, 4)))
            .collect();
        let classes: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| sheet.text[&(*r, 2)].as_str()).collect();
        for r in &rows {
            *seen.entry(sheet.text[&(*r, 4)].clone()).or_default() += 1;
        }
        if sheet.name.contains("校车") {
            bus += 1;
            assert!(
                rows.iter()
                    .all(|r| !sheet.text.contains_key(&(*r, 5))
                        || sheet.text[&(*r, 5)].contains(':')),
                "{}: each bus child with their batch's time",
                sheet.name
            );
            continue;
        }
        // Whole classes a list, each list on one page (the demo's classes
        // are smaller than a page).
        assert_eq!(sheet.pages(), 1, "{} ({title}) on one page", sheet.name);
        assert!(
            rows.iter().all(|r| sheet.text[&(*r, 5)] != "校车"),
            "{}: the bus children are on their own list",
            sheet.name
        );
        // A batch in parts: each names its classes in its title.
        let batch = &sheet.name[..sheet.name.find(' ').unwrap()];
        let parts = day
            .iter()
            .filter(|(s, _)| s.name.starts_with(batch))
            .count();
        if parts > 1 {
            let first = classes.iter().next().unwrap();
            assert!(title.contains(first), "{}: {title}", sheet.name);
        }
    }
    assert_eq!(bus, 1, "one bus list for the day");
    assert!(lists > 30, "{lists} gate lists");
    let twice: Vec<&String> = seen
        .iter()
        .filter(|(_, n)| **n != 1)
        .map(|(id, _)| id)
        .collect();
    assert!(twice.is_empty(), "on two gate lists: {twice:?}");
    // As many as the duty sheet's total of children staying.
    let (duty, _) = day.iter().find(|(s, _)| s.name == "值班表").unwrap();
    let total = duty
        .text
        .values()
        .find_map(|t| t.split_once("留校: "))
        .unwrap()
        .1;
    let staying: usize = total.split(',').next().unwrap().parse().unwrap();
    assert_eq!(seen.len(), staying, "every child staying is on a gate list");
}

/// A 30-character allergy note, and a longer one.
const ALLERGY: &str = "对花生和坚果严重过敏，误食后请立即送往医务室并马上通知家长。";
const LONG_NOTE: &str = "哮喘，随身携带吸入器（书包侧袋），剧烈运动后如咳嗽气喘请让其休息并使用吸入器，十分钟不缓解拨打120";

/// One class of 45 children in one room, every ninth with a 30-character
/// allergy note and one with a note of 50 characters.
fn crowded_school() -> common::School {
    let school = common::School::new();
    let mut students = String::from("学号,姓名,班级,监护人,联系电话,备注\n");
    let mut consent = String::from("学号,日期,是否参加,参加日,时段,离校方式,安全协议\n");
    for i in 1..=45 {
        let note = match i {
            7 => LONG_NOTE.to_string(),
            i if i % 9 == 0 => ALLERGY.to_string(),
            _ => String::new(),
        };
        students += &format!("S{i:02},学生{i:02},1(1)班,家长,1380000{i:04},\"{note}\"\n");
        consent += &format!("S{i:02},2026-09-01,参加,一至五,全程,家长接,是\n");
    }
    school.write("students.csv", &students);
    school.write("consent.csv", &consent);
    school.write("rooms.csv", "教室,容量,年级\n101,50,1-3\n401,40,4-6\n");
    school
}

#[test]
fn a_full_room_with_long_safety_notes_still_prints_on_one_page() {
    let school = crowded_school();
    let config = school.config();
    kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    kehou(&config, &["daily", "--date", "2026-09-08"]);
    let out = school.path().join("out");
    let daily = out.join("daily/2026-09-08.xlsx");
    let sign_ins = assert_printable(&daily, Some(&out.join("timetable-2026秋.xlsx")));
    assert!(sign_ins >= 1);
    // The note is whole on the sheet (wrapped, not cut).
    let mut shared = String::new();
    zip::ZipArchive::new(std::fs::File::open(&daily).unwrap())
        .unwrap()
        .by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut shared)
        .unwrap();
    assert!(
        shared.contains("剧烈运动后如咳嗽气喘请让其休息并使用吸入器"),
        "the note is whole"
    );
}

#[test]
fn excel_column_widths_convert_to_pixels_as_excel_does() {
    // A width of 10 characters is stored as 10.71 (5 pixels of padding): 75 pixels.
    assert_eq!(page::column_px(10.7109375), 75.0);
}

/// Two classes of 50 in one big room with three teachers: the room's sheet
/// is split by class into sheets of at most 45 children, one teacher each.
#[test]
fn a_big_group_is_split_by_class_one_teacher_a_sheet() {
    let school = common::School::new();
    school.write(
        "staff.csv",
        "工号,姓名,角色\nT01,王老师,teacher\nT02,李老师,teacher\nT03,周老师,teacher\nL01,赵校长,leader\n",
    );
    school.write(
        "classes.csv",
        "班级,年级,班主任,教室\n1(1)班,1,T01,大厅\n1(2)班,1,T02,大厅\n",
    );
    school.write("rooms.csv", "教室,容量,年级\n大厅,120,1-3\n");
    let mut students = String::from("学号,姓名,班级\n");
    let mut consent = String::from("学号,日期,是否参加,参加日,时段,离校方式,安全协议\n");
    for i in 1..=100 {
        let class = if i <= 50 { "1(1)班" } else { "1(2)班" };
        students += &format!("S{i:03},学生{i:03},{class}\n");
        consent += &format!("S{i:03},2026-09-01,参加,一至五,全程,家长接,是\n");
    }
    school.write("students.csv", &students);
    school.write("consent.csv", &consent);
    let config = school.config();
    kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    kehou(&config, &["daily", "--date", "2026-09-08", "--csv"]);
    let out = school.path().join("out");
    let daily = out.join("daily/2026-09-08.xlsx");
    assert_printable(&daily, None);
    // The planned teacher is in each sheet's title, one a sheet.
    let mut parts = 0;
    for (sheet, _) in read_workbook(&daily) {
        if !sheet.name.starts_with("签到-大厅 1530") {
            continue;
        }
        parts += 1;
        let title = &sheet.text[&(1, 1)];
        let teachers = title
            .split_once("看护教师: ")
            .and_then(|(_, t)| t.split(" 应到").next())
            .unwrap_or("");
        assert!(
            !teachers.is_empty() && !teachers.contains('、'),
            "{}: {title}",
            sheet.name
        );
    }
    // The CSV has a file for each of those sheets.
    let files = std::fs::read_dir(out.join("daily"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy()
                .starts_with("2026-09-08-signin-大厅-1530")
        })
        .count();
    assert_eq!(files, parts);
    assert!(parts >= 3, "{parts} sheets for 100 children");
}

/// Checks every sheet of cut-out papers in the workbook (slips ending in a
/// cut line `✂`): each slip lies whole on one page, as the workbook's row
/// heights and page breaks cut it, begins with the school, the class (the
/// sheet's name) and the child, and has a line for the parent to sign; every
/// line to sign or fill in across a slip spans the printable width at 8 mm
/// or more, every row with boxes or blanks in its cells prints 8 mm tall or
/// more. Returns (slips, pages, fewest slips on a page) and each slip's text.
fn assert_whole_slips(path: &Path, school: &str) -> ((usize, u32, usize), Vec<Vec<String>>) {
    let (mut slips, mut pages, mut fewest) = (0, 0, usize::MAX);
    let mut texts = Vec::new();
    for (sheet, _) in read_workbook(path) {
        let cuts: Vec<u32> = sheet
            .text
            .iter()
            .filter(|((_, c), t)| *c == 1 && t.starts_with('✂'))
            .map(|((r, _), _)| *r)
            .collect();
        if cuts.is_empty() {
            continue;
        }
        let on = sheet.page_of_rows();
        let mut first = 3;
        let mut per_page = std::collections::BTreeMap::<u32, usize>::new();
        for &cut in &cuts {
            assert_eq!(
                on[first as usize], on[cut as usize],
                "{}: the slip of rows {first}–{cut} crosses a page break",
                sheet.name
            );
            let head = &sheet.text[&(first, 1)];
            assert!(
                head.contains(school) && head.contains(sheet.name.as_str()),
                "{}: the slip at row {first} says {head}",
                sheet.name
            );
            assert!(
                sheet.merged_from(1, first).is_some(),
                "{}: row {first} runs across",
                sheet.name
            );
            assert_writable(&sheet, first, cut);
            texts.push(
                (sheet.text.range((first, 0)..(cut, 0)))
                    .map(|(_, t)| t.clone())
                    .collect(),
            );
            *per_page.entry(on[first as usize]).or_default() += 1;
            first = cut + 1;
        }
        slips += cuts.len();
        pages += sheet.pages();
        // Every page but the last is full.
        let full: Vec<usize> = per_page.values().copied().collect();
        fewest = fewest.min(
            full[..full.len() - 1]
                .iter()
                .copied()
                .min()
                .unwrap_or(usize::MAX),
        );
        assert!(
            full[..full.len() - 1].windows(2).all(|w| w[0] == w[1]),
            "{}: slips a page {full:?}",
            sheet.name
        );
    }
    ((slips, pages, fewest), texts)
}

/// The lines of one slip (rows `first..cut`) a parent signs or fills in:
/// one at least to sign; those across the slip span the page, 8 mm tall; a
/// row of boxes or blanks in cells is 8 mm tall as printed.
fn assert_writable(sheet: &page::Printed, first: u32, cut: u32) {
    let scale = sheet.print_scale() as f64 / 100.0;
    let mut signed = false;
    for row in first..cut {
        let cells: Vec<&String> = (1..=sheet.max_col)
            .filter_map(|c| sheet.text.get(&(row, c)))
            .collect();
        let blank = |t: &&String| t.contains("___") || t.contains('□');
        if let Some(line) = sheet.text.get(&(row, 1)).filter(|t| t.contains("___"))
            && sheet.merged_from(1, row).is_some()
        {
            page::assert_line_across(sheet, row, line);
            signed |= line.contains('签');
        } else if cells.iter().any(blank) {
            let tall = sheet.rows_pt[row as usize] * scale;
            assert!(
                tall >= 8.0 / 25.4 * 72.0,
                "{}: row {row} ({cells:?}) prints {tall:.1} pt tall",
                sheet.name
            );
        }
    }
    assert!(
        signed,
        "{}: the slip at row {first} has no line to sign",
        sheet.name
    );
}

#[test]
fn the_demos_slips_and_notices_are_whole_two_or_three_to_a_page() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let config = dir.path().join("config.toml");
    kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    kehou(&config, &["slips"]);
    kehou(&config, &["notices", "--date", "2026-09-08"]);
    kehou(
        &config,
        &[
            "fees",
            "--notices",
            "--from",
            "2026-09-01",
            "--to",
            "2026-09-30",
        ],
    );
    let out = dir.path().join("out");
    let free = free_clubs(dir.path());
    assert!(free.len() >= 5, "{free:?}");
    // A consent slip is the 告家长书 with its reply: a page a child.
    for (book, least) in [
        ("slips.xlsx", 1),
        ("notices-2026-09-08.xlsx", 2),
        ("fee-notices.xlsx", 3),
    ] {
        let ((slips, pages, fewest), texts) = assert_whole_slips(&out.join(book), "示范小学");
        if book.starts_with("notices") {
            // Each weekday's homework slot is said once for the week.
            for text in &texts {
                let homework = text.iter().filter(|t| t.contains("作业辅导")).count();
                assert!(homework <= 1, "{text:?}");
                assert!(text.iter().any(|t| t.contains("发放日期")), "{text:?}");
            }
        }
        if book.starts_with("fee") {
            for text in &texts {
                for said in ["收费依据", "缴费方式", "缴费期限", "发放日期", "班主任"]
                {
                    assert!(text.iter().any(|t| t.contains(said)), "{said}: {text:?}");
                }
                // A club without a material fee has no line of 0.00.
                for club in &free {
                    let line = format!("材料费 {club}");
                    assert!(!text.contains(&line), "{line}: {text:?}");
                }
            }
            let charged = texts.iter().flatten().filter(|t| t.starts_with("材料费 "));
            assert!(
                charged.count() > 100,
                "the clubs with a fee have their line"
            );
        }
        assert!(slips > 1000, "{book}: {slips} slips");
        assert!(fewest >= least, "{book}: {fewest} slips on a page");
        assert!(
            pages as usize <= slips.div_ceil(least) + 40,
            "{book}: {pages} pages for {slips} slips"
        );
    }
}

/// The names of the clubs in `clubs.csv` without a material fee.
fn free_clubs(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("clubs.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (name, fee) = (at("名称"), at("材料费"));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[fee].trim().is_empty() || r[fee].trim().parse::<f64>() == Ok(0.0))
        .map(|r| r[name].to_string())
        .collect()
}

/// The pages a day's workbook prints on, as its own settings cut them (row
/// heights, manual breaks, fit-to-page), by the kind of sheet (the sheet
/// name up to its `-`): the total and a line per kind.
fn day_pages(day: &[(page::Printed, usize)]) -> (u32, String) {
    let mut by_kind = std::collections::BTreeMap::<&str, (usize, u32)>::new();
    for (sheet, _) in day {
        let kind = sheet.name.split('-').next().unwrap_or("");
        let entry = by_kind.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += sheet.pages();
    }
    let total = by_kind.values().map(|(_, p)| p).sum();
    let lines = by_kind
        .iter()
        .map(|(k, (sheets, pages))| format!("{k}: {sheets} sheets, {pages} pages"))
        .collect::<Vec<_>>()
        .join("; ");
    (total, lines)
}

/// A school day of the demo (1,127 children staying) prints on at most 125
/// A4 pages, counted from the workbook's own print settings.
#[test]
fn the_demos_day_prints_on_at_most_125_pages() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let config = dir.path().join("config.toml");
    kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    kehou(&config, &["daily", "--date", "2026-09-08"]);
    let day = read_workbook(&dir.path().join("out/daily/2026-09-08.xlsx"));
    let (pages, kinds) = day_pages(&day);
    assert!(pages <= 125, "{pages} pages: {kinds}");
    assert_every_child_handed_over(&day, &dir.path().join("students.csv"));
}

/// Every child of the school is on exactly one handover list of the day (a
/// class's own, or its room's sign-in sheet that carries the handover's
/// signature, those not staying named under the table), and some classes
/// have theirs on the sign-in sheet.
fn assert_every_child_handed_over(day: &[(page::Printed, usize)], students: &Path) {
    let lists: Vec<&page::Printed> = day
        .iter()
        .map(|(s, _)| s)
        .filter(|s| {
            s.name.starts_with("交接-")
                || (s.name.starts_with("签到-")
                    && s.text.values().any(|t| t.contains("交出(班主任)签名")))
        })
        .collect();
    let on_sign_in = lists.iter().filter(|s| s.name.starts_with("签到-")).count();
    assert!(
        on_sign_in >= 30,
        "{on_sign_in} classes' lists on their sign-in sheet"
    );
    let roster = std::fs::read_to_string(students).unwrap();
    for line in roster.lines().skip(1) {
        let id = line.split(',').next().unwrap();
        let on: Vec<&str> = lists
            .iter()
            .filter(|s| {
                s.text
                    .values()
                    .any(|t| t == id || t.contains(&format!("{id} ")))
            })
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(on.len(), 1, "{id} on {on:?}");
    }
}
