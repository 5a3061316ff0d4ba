//! The one table loader: the same table in every encoding and format an
//! office saves gives the same records; no bytes make a loader panic.

mod common;

use common::School;
use kehou::input::Problems;
use proptest::prelude::*;

fn load(school: &School) -> (kehou::school::School, Problems) {
    let mut problems = Problems::default();
    let config = kehou::config::load(&school.config(), &mut problems).unwrap();
    let loaded = kehou::school::School::load(&config, &mut problems);
    (loaded, problems)
}

fn students_of(school: &School) -> Vec<String> {
    let (loaded, problems) = load(school);
    assert!(
        !problems.has_errors(),
        "{}",
        problems.report(kehou::i18n::Lang::En, true)
    );
    loaded
        .students
        .iter()
        .map(|s| format!("{}|{}|{}|{}|{}", s.id, s.name, s.class, s.guardian, s.phone))
        .collect()
}

fn use_students_file(school: &School, file: &str) {
    let config = common::CONFIG.replace(
        "[calendar]",
        &format!("[files]\nstudents = \"{file}\"\n[calendar]"),
    );
    school.write("config.toml", &config);
}

#[test]
fn utf8_bom_gb18030_tabs_and_xlsx_give_the_same_students() {
    let school = School::new();
    let expected = students_of(&school);
    assert_eq!(expected.len(), 4);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(common::STUDENTS.replace('\n', "\r\n").as_bytes());
    school.write_bytes("bom.csv", &bom);
    use_students_file(&school, "bom.csv");
    assert_eq!(students_of(&school), expected);

    let (gbk, _, lossy) = encoding_rs::GB18030.encode(common::STUDENTS);
    assert!(!lossy);
    school.write_bytes("gbk.csv", &gbk);
    use_students_file(&school, "gbk.csv");
    assert_eq!(students_of(&school), expected);

    school.write("tabs.txt", &common::STUDENTS.replace(',', "\t"));
    use_students_file(&school, "tabs.txt");
    assert_eq!(students_of(&school), expected);

    // A workbook as Excel would save it, with the table on a named second sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "见名单")
        .unwrap();
    let sheet = book.add_worksheet().set_name("名单").unwrap();
    for (r, line) in common::STUDENTS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save(school.path().join("students.xlsx")).unwrap();
    use_students_file(&school, "students.xlsx#名单");
    assert_eq!(students_of(&school), expected);
}

#[test]
fn xlsx_numbers_and_dates_read_as_people_see_them() {
    let school = School::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    for (c, h) in ["学号", "日期", "是否参加", "安全协议"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // The id typed as a number, the date as a real date cell, and one date
    // that lost its format (a bare serial number).
    sheet.write_number(1, 0, 20260101.0).unwrap();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 9, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 1, &when, &date)
        .unwrap();
    sheet.write_string(1, 2, "参加").unwrap();
    sheet.write_string(1, 3, "是").unwrap();
    sheet.write_number(2, 0, 20260102.0).unwrap();
    sheet.write_number(2, 1, 46266.0).unwrap();
    sheet.write_string(2, 2, "不参加").unwrap();
    book.save(school.path().join("consent.xlsx")).unwrap();
    school.write(
        "students.csv",
        "学号,姓名,班级\n20260101,张三,1(1)班\n20260102,李四,1(1)班\n",
    );
    let config = common::CONFIG.replace(
        "[calendar]",
        "[files]\nconsent = \"consent.xlsx\"\n[calendar]",
    );
    school.write("config.toml", &config);
    let (loaded, problems) = load(&school);
    assert!(
        !problems.has_errors(),
        "{}",
        problems.report(kehou::i18n::Lang::En, true)
    );
    let dates: Vec<String> = loaded
        .slips
        .iter()
        .map(|s| format!("{} {}", s.student, s.date))
        .collect();
    assert_eq!(dates, ["20260101 2026-09-01", "20260102 2026-09-01"]);
}

/// Every input file kind of a school, and the config.
const FILES: &[&str] = &[
    "students.csv",
    "classes.csv",
    "consent.csv",
    "rooms.csv",
    "clubs.csv",
    "staff.csv",
    "activities.csv",
    "leave.csv",
    "pickup_changes.csv",
];

/// Cells that look like what offices type, and what breaks parsers.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("\"a,b\"".to_string()),
        Just("S1".to_string()),
        Just("1(1)班".to_string()),
        Just("K1".to_string()),
        Just("足球".to_string()),
        Just("2026-09-31".to_string()),
        Just("2026/9/8".to_string()),
        Just("一至五".to_string()),
        Just("参加".to_string()),
        Just("不参加".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("=cmd()".to_string()),
        Just("𠀀😀\u{202E}".to_string()),
        "[ -~]{0,8}",
        "\\PC{0,6}",
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("学号".to_string()),
        Just("姓名".to_string()),
        Just("班级".to_string()),
        Just("年级".to_string()),
        Just("日期".to_string()),
        Just("是否参加".to_string()),
        Just("志愿1".to_string()),
        Just("容量".to_string()),
        Just("活动日".to_string()),
        Just("开始".to_string()),
        Just("id".to_string()),
        "\\PC{0,4}",
    ]
}

fn csv_shape() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(header(), 0..8),
        prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..6),
        prop_oneof![Just(","), Just("\t")],
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(headers, rows, sep, eol)| {
            let mut text = headers.join(sep) + eol;
            for row in rows {
                text += &row.join(sep);
                text += eol;
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_bytes_never_panic_any_loader(
        which in 0..FILES.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let school = School::new();
        school.write_bytes(FILES[which], &bytes);
        let _ = load(&school);
        let _ = kehou::input::from_bytes("x", &bytes, None);
    }

    #[test]
    fn arbitrary_csv_shapes_never_panic_any_loader(which in 0..FILES.len(), text in csv_shape()) {
        let school = School::new();
        school.write(FILES[which], &text);
        let _ = load(&school);
    }

    #[test]
    fn arbitrary_config_text_never_panics(text in "\\PC{0,300}", cut in 0usize..1200) {
        let mut problems = Problems::default();
        let _ = kehou::config::from_str(&text, "c.toml", std::path::PathBuf::new(), &mut problems);
        // A real config cut short anywhere.
        let real = common::CONFIG;
        let mut at = cut.min(real.len());
        while !real.is_char_boundary(at) { at -= 1; }
        let _ = kehou::config::from_str(&real[..at], "c.toml", std::path::PathBuf::new(), &mut problems);
    }
}

/// A damaged workbook that made the spreadsheet parser overflow (found by
/// fuzzing the `register` reader): an unreadable file, not a panic.
#[test]
fn fuzzed_workbook_is_unreadable_not_a_panic() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/e1--students--fuzzed-xlsx-cell-reference-overflow.xlsx");
    let bytes = std::fs::read(path).unwrap();
    assert!(kehou::input::all_from_bytes("day.xlsx", &bytes).is_err());
    let mut problems = Problems::default();
    assert!(kehou::register::read_bytes(&bytes, "day.xlsx", &mut problems).is_empty());
    assert!(problems.has_errors());
}
