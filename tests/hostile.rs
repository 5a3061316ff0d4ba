//! Hostile text and privacy: names and notes that look like formulas are
//! plain text in every workbook and neutralised in every CSV; guardians'
//! phones appear whole only on the weekly follow-up list (office use).

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use common::School;

const PHONE: &str = "13800001111";

fn hostile_school() -> School {
    let school = School::new();
    school.write(
        "students.csv",
        &format!(
            "学号,姓名,班级,监护人,联系电话,备注\n\
             S1,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",1(1)班,\"\tTab家长\",{PHONE},\"\rCR备注\"\n\
             S2,+1234,1(1)班,-家长,13800002222,@SUM(1)\n\
             S3,-5,4(1)班,@家长,13800003333,\n\
             S4,@cmd,4(1)班,赵爸爸,13800004444,\n"
        ),
    );
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限\nK1,\"=cmd|' /C calc'!A0\",T02,一三,20\nK2,+美术,T01,二四,20\n",
    );
    school.write(
        "consent.csv",
        "学号,日期,是否参加,志愿1,安全协议,接送人\n\
         S1,2026-09-01,参加,K2,是,=1+1\n\
         S2,2026-09-01,参加,,是,\n\
         S3,2026-09-01,参加,K1,是,\n\
         S4,2026-09-01,参加,K1,是,\n",
    );
    school
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

fn run_everything(school: &School) {
    for args in [
        vec!["consent", "--csv"],
        vec!["plan", "--as-of", "2026-09-07", "--csv"],
        vec!["daily", "--date", "2026-09-08", "--csv"],
    ] {
        let run = school.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    }
    // S1 is absent without leave, with a hostile note.
    school.write("register.csv", "日期,时段,去向,学号,状态,备注\n2026-09-08,15:30,101,S1,缺,=1+1\n2026-09-08,15:30,101,S2,到,\n");
    for args in [
        vec!["record", "register.csv"],
        vec!["weekly", "--week", "2026-09-08", "--csv"],
        vec!["fees", "--csv"],
        vec!["hours", "--month", "2026-09", "--csv"],
    ] {
        let run = school.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    }
}

#[test]
fn formulas_are_text_in_workbooks_and_neutralised_in_csv() {
    let school = hostile_school();
    run_everything(&school);
    let out = school.path().join("out");
    let csvs = files(&out, "csv");
    assert!(csvs.len() > 10);
    for csv in &csvs {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(csv)
            .unwrap();
        for record in reader.records() {
            for field in record.unwrap().iter() {
                let field = field.trim_start_matches('\u{feff}');
                assert!(
                    !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: a cell starts like a formula: {field:?}",
                    csv.display()
                );
            }
        }
    }
    let books = files(&out, "xlsx");
    assert_eq!(
        books.len(),
        6,
        "consent, timetable, daily, weekly, fees, hours"
    );
    let mut seen_hostile = false;
    for book in &books {
        let mut wb = open_workbook_auto(book).unwrap();
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            assert!(
                formulas.used_cells().next().is_none(),
                "{}#{name} has a formula",
                book.display()
            );
            let range = wb.worksheet_range(&name).unwrap();
            for cell in range.used_cells() {
                if let Data::String(s) = cell.2
                    && s.starts_with("=HYPERLINK")
                {
                    seen_hostile = true;
                }
            }
        }
    }
    assert!(seen_hostile, "the hostile name is written, as text");
}

#[test]
fn phones_are_whole_only_on_the_follow_up_list() {
    let school = hostile_school();
    run_everything(&school);
    let out = school.path().join("out");
    for csv in files(&out, "csv") {
        let text = std::fs::read_to_string(&csv).unwrap();
        let follow_up = csv.to_string_lossy().contains("follow-up");
        assert_eq!(text.contains(PHONE), follow_up, "{}", csv.display());
        if csv.to_string_lossy().contains("dismissal") {
            assert!(
                text.contains("138****1111") || !text.contains("S1"),
                "{}",
                csv.display()
            );
        }
    }
    for book in files(&out, "xlsx") {
        let mut wb = open_workbook_auto(&book).unwrap();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).unwrap();
            let whole = range
                .used_cells()
                .any(|c| matches!(c.2, Data::String(s) if s.contains(PHONE)));
            let weekly = book.to_string_lossy().contains("weekly");
            assert!(
                !whole || (weekly && name == "跟进名单"),
                "{}#{name} shows a whole phone",
                book.display()
            );
        }
    }
}

/// Every file under `dir` outside `out/`, by its path relative to `dir`.
fn outside_out(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path == dir.join("out") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    found
}

#[test]
fn names_from_the_data_never_leave_the_output_folder() {
    let school = School::new();
    school.write(
        "config.toml",
        &common::CONFIG.replace("term = \"2026秋\"", "term = \"x/../../students\""),
    );
    school.write(
        "classes.csv",
        "班级,年级,班主任,教室\nx/../../students,1,T01,101\n2026/秋,4,李老师,401\n",
    );
    school.write(
        "students.csv",
        &common::STUDENTS
            .replace("1(1)班", "x/../../students")
            .replace("4(1)班", "2026/秋"),
    );
    // What a term or class name of `x/../../students` would land on.
    school.write("students.xlsx", "the school's roster");
    let before = outside_out(school.path());
    for args in [
        vec!["check"],
        vec!["plan", "--as-of", "2026-09-07", "--csv"],
        vec!["consent", "--csv"],
        vec!["daily", "--date", "2026-09-08", "--csv"],
        vec!["fees", "--csv"],
    ] {
        let run = school.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    }
    let mut after = outside_out(school.path());
    // The database and the plan's exports are the only files beside the inputs.
    assert!(after.remove(Path::new("kehou.db")).is_some());
    assert!(after.remove(Path::new("plan.csv")).is_some());
    assert!(after.remove(Path::new("waitlist.csv")).is_some());
    assert_eq!(after, before, "a file outside out/ was written");
    let out = school.path().join("out");
    let mut folders: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert_eq!(folders, [out.join("daily")], "folders made from names");
    assert!(out.join("timetable-x_.._.._students.xlsx").is_file());
}

#[test]
fn control_characters_from_the_data_are_escaped_on_the_terminal() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级\nS1,\"\u{1b}[2J\u{1b}[8m张三\",没有这个班\u{1b}[8m\n",
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(!run.all().contains('\u{1b}'), "{}", run.all());
    assert!(run.all().contains("\\u{1b}[8m"), "{}", run.all());
    // Not on the terminal, nor in any output, whichever command prints the name.
    school.write(
        "students.csv",
        &common::STUDENTS
            .replace("张三", "\u{1b}[2J张三")
            .replace("1(1)班,张爸爸", "1(1)班,\u{1b}[8m张爸爸"),
    );
    school.write(
        "clubs.csv",
        &common::CLUBS.replace("美术", "美术\u{1b}[2K\u{7}"),
    );
    for args in [
        vec!["plan", "--as-of", "2026-09-07", "--csv"],
        vec!["daily", "--date", "2026-09-08", "--csv"],
        vec!["consent", "--csv"],
    ] {
        let run = school.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
        assert!(!run.all().contains('\u{1b}'), "{args:?}: {}", run.all());
    }
    for csv in files(&school.path().join("out"), "csv") {
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{}", csv.display());
    }
}

#[cfg(unix)]
#[test]
fn devices_and_named_pipes_are_refused_without_reading() {
    let school = School::new();
    let fifo = school.path().join("pipe.csv");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    for (file, said) in [("/dev/zero", "设备"), ("pipe.csv", "命名管道")] {
        school.write(
            "config.toml",
            &common::CONFIG.replace(
                "[calendar]",
                &format!("[files]\nstudents = \"{file}\"\noutside_folder = true\n[calendar]"),
            ),
        );
        let run = school.run(&["check"]);
        assert_eq!(run.code, 1, "{file}: {}", run.all());
        assert!(
            run.all()
                .lines()
                .any(|l| l.contains(&format!("{file}: 错误")) && l.contains(said)),
            "{file}: {}",
            run.all()
        );
    }
}

#[test]
fn an_output_never_replaces_an_input_even_with_out_beside_them() {
    let school = School::new();
    // The output folder is the school's own, and a roster has an output's name.
    school.write(
        "config.toml",
        &common::CONFIG.replace(
            "[calendar]",
            "[files]\nout = \".\"\nstudents = \"consent-status-summary.csv\"\n[calendar]",
        ),
    );
    school.write("consent-status-summary.csv", common::STUDENTS);
    let run = school.run(&["consent", "--csv"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.all().contains("consent-status-summary.csv"),
        "{}",
        run.all()
    );
    let roster = std::fs::read_to_string(school.path().join("consent-status-summary.csv")).unwrap();
    assert_eq!(roster, common::STUDENTS);
    assert!(
        !school.path().join("consent-status.xlsx").exists(),
        "nothing written"
    );
}

/// Runs the binary in `dir` with `args`, killed after 20 s: (exit code, output)
/// or `None` if it hung.
fn run_bounded(dir: &Path, args: &[&str]) -> Option<(i32, String)> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Some((out.status.code().unwrap_or(-1), text))
}

/// The language peek before parsing reads the config through the bounded
/// reader: `-c /dev/zero`, `-c fifo` and a FIFO `config.toml` in the current
/// folder neither hang nor grow (issue #23 item 4).
#[cfg(unix)]
#[test]
fn the_config_peek_never_reads_a_device_or_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    let cases: [&[&str]; 6] = [
        &["--help"],
        &["man"],
        &["completions", "bash"],
        &["-c", "/dev/zero", "--help"],
        &["-c", "config.toml", "check"],
        &["-c", "/dev/zero", "check"],
    ];
    for args in cases {
        let (code, text) = run_bounded(dir.path(), args).unwrap_or_else(|| panic!("{args:?} hung"));
        if args.contains(&"check") {
            assert_ne!(code, 0, "{args:?}: {text}");
        } else {
            assert_eq!(code, 0, "{args:?}: {text}");
        }
    }
}

/// A class of 84 Chinese characters (252 bytes: "File name too long" once
/// prefixed), a club whose 27 characters hold a 𠮷 and an emoji (over 31
/// UTF-16 units, Excel's sheet-name limit), a Windows device name as a class:
/// every command writes its files, named within limits, prefix and extension
/// kept (issue #23 items 7 and 9).
#[test]
fn long_and_reserved_names_make_files_and_sheets_within_limits() {
    let school = School::new();
    let long = format!("{}班", "长".repeat(83));
    school.write(
        "classes.csv",
        &format!("班级,年级,班主任,教室\n{long},1,T01,101\nCON,4,李老师,401\n"),
    );
    school.write(
        "students.csv",
        &common::STUDENTS
            .replace("1(1)班", &long)
            .replace("4(1)班", "CON"),
    );
    let club = format!("{}𠮷😀", "足".repeat(25));
    school.write("clubs.csv", &common::CLUBS.replace("美术", &club));
    for args in [
        vec!["check"],
        vec!["plan", "--as-of", "2026-09-07", "--csv"],
        vec!["slips"],
        vec!["notices"],
        vec!["rosters", "--csv"],
        vec!["daily", "--date", "2026-09-08", "--csv"],
    ] {
        let run = school.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    }
    let made = files(&school.path().join("out"), "csv")
        .into_iter()
        .chain(files(&school.path().join("out"), "xlsx"))
        .chain(files(&school.path().join("out"), "txt"));
    let mut long_ones = 0;
    for path in made {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.len() <= 200 && name.encode_utf16().count() <= 200,
            "{name}"
        );
        assert!(!name.to_ascii_uppercase().starts_with("CON."), "{name}");
        long_ones += usize::from(name.contains("长长长"));
    }
    assert!(long_ones > 0, "the long class still names its files");
    let handover: Vec<_> = std::fs::read_dir(school.path().join("out/daily"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-09-08-handover-长"))
        .collect();
    assert!(handover.iter().any(|n| n.ends_with(".csv")), "{handover:?}");
}

/// `1(1)班` and `1（1）班` are one class once full-width brackets are folded:
/// two rows for it are a `check` error naming both lines, not two classes
/// that `plan` silently merges (issue #23 item 8).
#[test]
fn classes_that_fold_to_one_name_are_an_error() {
    let school = School::new();
    school.write(
        "classes.csv",
        "班级,年级,班主任,教室\n1(1)班,1,T01,101\n1（1）班,1,T01,101\n4(1)班,4,李老师,401\n",
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let line = run
        .all()
        .lines()
        .find(|l| l.contains("classes.csv:3"))
        .map(str::to_string);
    assert!(
        line.as_deref()
            .is_some_and(|l| l.contains("错误") && l.contains("与第 2 行是同一个班级")),
        "{}",
        run.all()
    );
}

/// ESC in `--lang`, `--date` and `-c` values never reaches the terminal; a
/// school name too long for a sheet is a config error naming the key
/// (issue #23 item 10).
#[test]
fn control_characters_in_arguments_and_an_overlong_school_name() {
    let school = School::new();
    // wine 8 cannot start a process whose command line holds ESC (error
    // 1359); Windows itself can, and Linux checks the same code path.
    let arguments = if cfg!(windows) {
        vec![]
    } else {
        vec![
            vec!["--lang", "\u{1b}[2Jen", "check"],
            vec!["--lang", "en", "daily", "--date", "\u{1b}[2J2026-09-08"],
            vec!["daily", "--date", "\u{1b}[8m"],
            vec!["-c", "\u{1b}[2Jnowhere.toml", "check"],
            vec!["--lang", "en", "-c", "\u{1b}[2Jnowhere.toml", "check"],
        ]
    };
    for args in arguments {
        let (code, text) = run_bounded(school.path(), &args).unwrap();
        assert_ne!(code, 0, "{args:?}: {text}");
        assert!(!text.contains('\u{1b}'), "{args:?}: {text}");
    }
    school.write(
        "config.toml",
        &common::CONFIG.replace("测试小学", &"长".repeat(40_000)),
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.all().contains("school.name 太长(40000 个字符"),
        "{}",
        &run.all()[..run.all().len().min(2000)]
    );
}

/// Two marks for one child, date and block in one register file that
/// disagree are an error naming both rows, not "the last one wins"; the
/// same mark twice is harmless, and a later file may correct an earlier one
/// (issue #23 item 5).
#[test]
fn conflicting_marks_in_one_register_file_are_an_error() {
    let school = School::new();
    assert_eq!(school.run(&["plan", "--as-of", "2026-09-07"]).code, 0);
    let header = "日期,时段,去向,学号,状态\n";
    school.write(
        "twice.csv",
        &format!("{header}2026-09-08,15:30,101,S1,到\n2026-09-08,15:30,101,S1,缺\n"),
    );
    let run = school.run(&["record", "twice.csv"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().lines().any(|l| l.contains("twice.csv:3")
            && l.contains("twice.csv:2")
            && l.contains("不同的标记")),
        "{}",
        run.all()
    );
    school.write(
        "same.csv",
        &format!("{header}2026-09-08,15:30,101,S1,到\n2026-09-08,15:30,101,S1,到\n"),
    );
    school.write(
        "later.csv",
        &format!("{header}2026-09-08,15:30,101,S1,缺\n"),
    );
    let run = school.run(&["record", "same.csv", "later.csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

/// Paths in the config that lead out of the school's folder are refused,
/// naming the key, unless the config says so (issue #23 item 10).
#[test]
fn config_paths_outside_the_school_folder_are_refused_unless_meant() {
    let school = School::new();
    let with = |files: &str| {
        common::CONFIG.replace("[calendar]", &format!("[files]\n{files}\n[calendar]"))
    };
    school.write(
        "config.toml",
        &with("out = \"/etc\"\nplan = \"../../x.csv\""),
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    for key in ["files.out", "files.plan"] {
        assert!(
            run.all()
                .lines()
                .any(|l| l.contains(key) && l.contains("学校文件夹之外")),
            "{key}: {}",
            run.all()
        );
    }
    // Inside, even through `..`, is fine; outside is fine when meant.
    school.write("config.toml", &with("out = \"a/../out\""));
    assert_eq!(school.run(&["check"]).code, 0);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().display().to_string();
    school.write(
        "config.toml",
        &with(&format!("out = '{out}'\noutside_folder = true")),
    );
    let run = school.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(elsewhere.path().read_dir().unwrap().next().is_some());
}

/// `kehou export` is for people too: the ledger's note and source columns
/// (a register named like a formula, a note with ESC) and every other table
/// are neutralised, as every CSV output is (issue #23 item 10).
#[test]
fn the_export_neutralises_what_a_spreadsheet_would_run() {
    let school = hostile_school();
    run_everything(&school);
    school.write(
        "=1+2.csv",
        "日期,时段,去向,学号,状态,备注\n2026-09-08,15:30,101,S2,缺,\"-\u{1b}[2J晚到\"\n",
    );
    let run = school.run(&["record", "=1+2.csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = school.run(&["export", "--to", "exported"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let csvs = files(&school.path().join("exported"), "csv");
    assert!(csvs.len() >= 3, "{csvs:?}");
    let mut seen = false;
    for csv in &csvs {
        let text = std::fs::read_to_string(csv).unwrap();
        assert!(!text.contains('\u{1b}'), "{}: {text}", csv.display());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for field in record.unwrap().iter() {
                let field = field.trim_start_matches('\u{feff}');
                seen |= field.contains("1+2.csv");
                assert!(
                    !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: a cell starts like a formula: {field:?}",
                    csv.display()
                );
            }
        }
    }
    assert!(seen, "the register's name is in the ledger's source column");
}

/// Every cell of a CSV at `path` that a spreadsheet would run.
fn cells_a_spreadsheet_runs(path: &Path) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    let mut found = Vec::new();
    for record in reader.records() {
        for field in record.unwrap().iter() {
            if field.starts_with(['=', '+', '-', '@', '\t', '\r']) || field.contains('\u{1b}') {
                found.push(field.to_string());
            }
        }
    }
    found
}

/// plan.csv and waitlist.csv, beside the inputs where the office opens
/// them, are neutralised as every CSV for people is, and still read back
/// as the same plan (issue #23 item 10).
#[test]
fn plan_and_waitlist_csv_are_neutralised_and_read_back_the_same() {
    let school = School::new();
    school.write(
        "students.csv",
        "学号,姓名,班级,监护人,联系电话\n\
         -S1,张三,4(1)班,张爸爸,13800001111\n\
         +S2,李四,4(1)班,李妈妈,13800002222\n\
         S3,王五,4(1)班,王妈妈,13800003333\n",
    );
    school.write("rooms.csv", "教室,容量,年级\n@101,40,1-6\n");
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限,年级\n=K1,足球,T02,一三,1,1-6\n",
    );
    school.write(
        "consent.csv",
        "学号,日期,是否参加,志愿1,安全协议\n\
         -S1,2026-09-01,参加,足球,是\n\
         +S2,2026-09-01,参加,足球,是\n\
         S3,2026-09-01,参加,,是\n",
    );
    let run = school.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let plan = school.path().join("plan.csv");
    let waitlist = school.path().join("waitlist.csv");
    let text = std::fs::read_to_string(&waitlist).unwrap();
    assert_eq!(text.lines().count(), 2, "one child waits: {text}");
    for csv in [&plan, &waitlist] {
        let found = cells_a_spreadsheet_runs(csv);
        assert!(found.is_empty(), "{}: {found:?}", csv.display());
    }
    // Read back (an earlier kehou's files imported into a new database):
    // the same plan, the same bytes.
    let (before, waiting) = (
        std::fs::read(&plan).unwrap(),
        std::fs::read(&waitlist).unwrap(),
    );
    for entry in std::fs::read_dir(school.path()).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kehou.db")
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    let run = school.run(&["export", "--to", "again"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        std::fs::read(school.path().join("again/plan.csv")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(school.path().join("again/waitlist.csv")).unwrap(),
        waiting
    );
    // The imported ids are the children's: each is on the day's lists.
    let run = school.run(&["daily", "--date", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.all().contains("留校 3 人"), "{}", run.all());
    assert!(!run.all().contains("!!!"), "{}", run.all());
}
