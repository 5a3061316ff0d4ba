//! The printed page, read back from each workbook's own print settings (the
//! XML inside the xlsx: paper, orientation, margins, fit-to-page, column
//! widths, row heights) and measured the way Excel measures it (Calibri 11:
//! a 7-pixel digit, 5 pixels of padding): sign-in sheets of up to 45 children
//! print on one A4 portrait page at 90 % or more, class timetables at 80 % or
//! more, dismissal lists at 90 % or more; no sign-in sheet has over 60 rows.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

/// One worksheet's print settings and the size of what it prints.
#[derive(Debug)]
struct Printed {
    name: String,
    paper: u32,
    landscape: bool,
    /// `fitToWidth`, `fitToHeight` when fit-to-page is on.
    fit: Option<(u32, u32)>,
    scale: u32,
    margins: [f64; 4],
    /// The printed table's width and height in points.
    width_pt: f64,
    height_pt: f64,
    /// Heights of the data rows (below the two title rows), in points.
    body_rows_pt: Vec<f64>,
}

impl Printed {
    /// The scale Excel prints at: with fit-to-page, the largest whole
    /// percentage (at most 100) at which the table fits the printable area
    /// `fitToWidth` pages wide and (unless 0) `fitToHeight` pages tall.
    fn print_scale(&self) -> u32 {
        let Some((w, h)) = self.fit else {
            return self.scale;
        };
        let (page_w, page_h) = if self.landscape {
            (A4_PT.1, A4_PT.0)
        } else {
            A4_PT
        };
        let [left, right, top, bottom] = self.margins;
        let room_w = (page_w - (left + right) * 72.0) * w.max(1) as f64;
        let room_h = (page_h - (top + bottom) * 72.0) * h as f64;
        let mut ratio = (room_w / self.width_pt).min(1.0);
        if h > 0 {
            ratio = ratio.min(room_h / self.height_pt);
        }
        (ratio * 100.0 + 1e-9).floor() as u32
    }
}

/// A4: 210 × 297 mm in points.
const A4_PT: (f64, f64) = (595.28, 841.89);

/// Excel's pixels for a column of `width` characters (its own formula).
fn column_px(width: f64) -> f64 {
    (((256.0 * width + (128.0f64 / 7.0).trunc()) / 256.0) * 7.0).trunc()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn num(tag: &str, name: &str) -> Option<f64> {
    attr(tag, name)?.parse().ok()
}

/// Every `<name .../>` or `<name ...>` opening tag in the XML.
fn tags<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap() + i;
        out.push(&rest[i..=end]);
        rest = &rest[end..];
    }
    out
}

/// `K31` → (11, 31).
fn cell_ref(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters
        .chars()
        .fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    (col, r[letters.len()..].parse().unwrap())
}

fn read_sheet(name: String, xml: &str) -> Printed {
    let dimension = attr(tags(xml, "dimension")[0], "ref").unwrap();
    let (max_col, max_row) = cell_ref(dimension.rsplit(':').next().unwrap());
    let setup = tags(xml, "pageSetup").first().copied().unwrap_or("");
    let margins = tags(xml, "pageMargins")[0];
    let fit_on = xml.contains("<pageSetUpPr fitToPage=\"1\"/>");
    let default_row = tags(xml, "sheetFormatPr")
        .first()
        .and_then(|t| num(t, "defaultRowHeight"))
        .unwrap_or(15.0);
    // A column without a width of its own is Excel's default, 64 pixels.
    let mut widths = vec![(None, false); max_col as usize + 1];
    for col in tags(xml, "col") {
        let (min, max) = (num(col, "min").unwrap(), num(col, "max").unwrap());
        let last = (max as usize).min(max_col as usize);
        for w in widths.iter_mut().take(last + 1).skip(min as usize) {
            *w = (num(col, "width"), attr(col, "hidden").is_some());
        }
    }
    let width_pt = widths[1..]
        .iter()
        .filter(|(_, hidden)| !hidden)
        .map(|(w, _)| w.map_or(64.0, column_px) * 0.75)
        .sum();
    let mut heights = vec![default_row; max_row as usize + 1];
    for row in tags(xml, "row") {
        let r = num(row, "r").unwrap() as usize;
        if let Some(ht) = num(row, "ht") {
            heights[r] = ht;
        }
    }
    let body_rows = max_row as usize;
    Printed {
        name,
        paper: num(setup, "paperSize").unwrap_or(1.0) as u32,
        landscape: attr(setup, "orientation").as_deref() == Some("landscape"),
        fit: fit_on.then(|| {
            (
                num(setup, "fitToWidth").unwrap_or(1.0) as u32,
                num(setup, "fitToHeight").unwrap_or(1.0) as u32,
            )
        }),
        scale: num(setup, "scale").unwrap_or(100.0) as u32,
        margins: ["left", "right", "top", "bottom"].map(|m| num(margins, m).unwrap()),
        width_pt,
        height_pt: heights[1..].iter().sum(),
        body_rows_pt: heights[3..=body_rows.max(2)].to_vec(),
    }
}

/// Every worksheet of a workbook, by name, in order.
fn read_workbook(path: &Path) -> Vec<(Printed, usize)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = text("xl/workbook.xml");
    let rels = text("xl/_rels/workbook.xml.rels");
    let mut out = Vec::new();
    for sheet in tags(&workbook, "sheet") {
        let name = attr(sheet, "name").unwrap();
        let id = attr(sheet, "r:id").unwrap();
        let rel = tags(&rels, "Relationship")
            .into_iter()
            .find(|r| attr(r, "Id").as_deref() == Some(&id))
            .unwrap();
        let xml = text(&format!("xl/{}", attr(rel, "Target").unwrap()));
        let rows = xml.matches("<row ").count();
        out.push((read_sheet(name, &xml), rows));
    }
    out
}

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
                assert!(sheet.landscape, "{}", sheet.name);
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
    let out = dir.path().join("out");
    let sign_ins = assert_printable(
        &out.join("daily/2026-09-08.xlsx"),
        Some(&out.join("timetable-2026秋.xlsx")),
    );
    assert!(sign_ins > 100, "{sign_ins} sign-in sheets");
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
    assert_eq!(column_px(10.7109375), 75.0);
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
    assert_printable(&out.join("daily/2026-09-08.xlsx"), None);
    let mut parts = 0;
    for entry in std::fs::read_dir(out.join("daily")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("2026-09-08-signin-大厅-1530") {
            continue;
        }
        parts += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let column = rows
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "看护教师")
            .unwrap();
        let teachers: std::collections::BTreeSet<String> = rows
            .records()
            .map(|r| r.unwrap()[column].to_string())
            .collect();
        assert_eq!(teachers.len(), 1, "{name}: {teachers:?}");
        let teacher = teachers.iter().next().unwrap();
        assert!(
            !teacher.is_empty() && !teacher.contains('、'),
            "{name}: {teachers:?}"
        );
    }
    assert!(parts >= 3, "{parts} sheets for 100 children");
}
