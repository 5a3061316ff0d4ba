//! What a school office's Windows PC needs of kehou, run on every system
//! (and under wine by `scripts/windows.sh`): wildcards and folders kehou
//! expands itself, an output that never replaces an input spelt otherwise,
//! a workbook or the waiting list open in Excel stopping a run before
//! anything is replaced,
//! temporary files of dead runs removed, paths never in `\\?\` form, a
//! Windows path in the config answered with a hint, terminal text that a
//! GBK (code page 936) console can show.

use std::path::Path;
use std::process::Command;

use kehou::demo::{Shape, generate};

#[path = "common/db.rs"]
mod db;

/// Runs kehou in `dir` on its config, in Chinese: (code, stdout + stderr).
fn kehou(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !all.contains(r"\\?\"),
        "{args:?} printed a verbatim path: {all}"
    );
    (out.status.code().unwrap_or(-1), all)
}

/// A small generated school, planned before term, with a week of registers.
fn planned_school() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shape = Shape {
        registers: true,
        ..Shape::new(120, 5)
    };
    generate(&shape, dir.path()).unwrap();
    let (code, all) = kehou(dir.path(), &["plan", "--as-of", "2026-09-07"]);
    assert_eq!(code, 0, "{all}");
    dir
}

/// The separator as the user types it on this system.
fn typed(path: &str) -> String {
    match cfg!(windows) {
        true => path.replace('/', "\\"),
        false => path.to_string(),
    }
}

#[test]
fn record_takes_a_pattern_and_a_folder_as_cmd_passes_them() {
    let school = planned_school();
    let registers = std::fs::read_dir(school.path().join("registers"))
        .unwrap()
        .count();
    assert!(registers > 1);
    let pattern = typed("registers/*.csv");
    let (code, all) = kehou(school.path(), &["record", "--dry-run", &pattern]);
    assert_eq!(code, 0, "{all}");
    let (code, by_folder) = kehou(school.path(), &["record", "--dry-run", "registers"]);
    assert_eq!(code, 0, "{by_folder}");
    assert_eq!(all, by_folder, "a folder reads what the pattern matches");
    let (code, all) = kehou(school.path(), &["record", &pattern]);
    assert_eq!(code, 0, "{all}");
    let missing = typed("registers/*.xlsx");
    let (code, all) = kehou(school.path(), &["record", &missing]);
    assert_ne!(code, 0, "{all}");
    assert!(
        all.contains(&missing),
        "names the pattern that matched nothing: {all}"
    );
}

/// A temporary file as a live run holds it while writing: on Unix under
/// `flock`, on Windows shared with nobody but a rename.
fn held_as_a_live_run_does(path: &Path) -> std::fs::File {
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(windows)]
    std::os::windows::fs::OpenOptionsExt::share_mode(&mut open, 4); // FILE_SHARE_DELETE
    let mut file = open.open(path).unwrap();
    std::io::Write::write_all(&mut file, b"half").unwrap();
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor open for the call.
        let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        assert_eq!(locked, 0);
    }
    file
}

#[test]
fn temporary_files_of_dead_runs_are_removed_and_a_live_runs_kept() {
    // Whether a PID is alive cannot be told across machines or PID
    // namespaces sharing a folder (issue #20); whether a file is held can.
    let school = planned_school();
    let out = school.path().join("out");
    let dead = out.join(".fees.xlsx.999999999.tmp");
    let dead_too = out.join(format!(".fees.xlsx.{}-2.tmp", std::process::id()));
    for temp in [&dead, &dead_too] {
        std::fs::write(temp, "half").unwrap();
    }
    let live = out.join(".fees.xlsx.999999998.tmp");
    let held = held_as_a_live_run_does(&live);
    // Not this run's output's temporary name: never looked at.
    let other = out.join(".notes.xlsx.999999999.tmp");
    std::fs::write(&other, "half").unwrap();
    let (code, all) = kehou(school.path(), &["fees"]);
    assert_eq!(code, 0, "{all}");
    assert!(
        !dead.exists() && !dead_too.exists(),
        "dead runs' files stay"
    );
    assert!(live.exists(), "a live run's file was removed");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "half");
    drop(held);
    let (code, all) = kehou(school.path(), &["fees"]);
    assert_eq!(code, 0, "{all}");
    assert!(!live.exists(), "its run ended: the file stays");
}

#[test]
fn a_windows_path_in_double_quotes_is_answered_with_a_hint() {
    let school = planned_school();
    let config = std::fs::read_to_string(school.path().join("config.toml")).unwrap();
    assert!(config.contains("\nout = \"out\""), "{config}");
    let config = config.replace("\nout = \"out\"", "\nout = \"D:\\课后\\输出\"");
    std::fs::write(school.path().join("config.toml"), config).unwrap();
    let (code, all) = kehou(school.path(), &["check"]);
    assert_eq!(code, 2, "{all}");
    assert!(
        all.contains("D:/课后/输出") && all.contains("单引号"),
        "{all}"
    );
}

#[test]
fn terminal_text_of_a_plan_and_a_re_plan_can_be_shown_in_gbk() {
    let school = planned_school();
    let mut said = String::new();
    for args in [
        &["check"][..],
        &["plan", "--as-of", "2026-10-20"],
        &["daily", "--date", "2026-10-01"],
        &["calendar"],
    ] {
        let (code, all) = kehou(school.path(), args);
        assert_eq!(code, 0, "{args:?}: {all}");
        said.push_str(&all);
    }
    assert!(
        said.contains("退出"),
        "the re-plan's changes are printed: {said}"
    );
    let unshown: String = said
        .chars()
        .filter(|c| encoding_rs::GBK.encode(&c.to_string()).2)
        .collect();
    assert!(unshown.is_empty(), "not in GBK: {unshown:?}");
}

/// On Windows (and macOS) `Slips-Consent.csv` and `slips-consent.csv` are
/// one file: an output must not replace the input the config reads.
#[cfg(any(windows, target_os = "macos"))]
#[test]
fn an_output_never_replaces_an_input_spelt_in_another_case() {
    let school = planned_school();
    let input = school.path().join("out/Slips-Consent.csv");
    std::fs::copy(school.path().join("consent.csv"), &input).unwrap();
    let config = std::fs::read_to_string(school.path().join("config.toml")).unwrap();
    assert!(config.contains("consent = \"consent.csv\""), "{config}");
    let config = config.replace(
        "consent = \"consent.csv\"",
        "consent = \"out/Slips-Consent.csv\"",
    );
    std::fs::write(school.path().join("config.toml"), config).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (code, all) = kehou(school.path(), &["slips"]);
    assert_eq!(code, 2, "{all}");
    assert!(all.contains("输入文件"), "{all}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// A day's workbook open in Excel (held without sharing writes or
/// deletion): `daily` for four days names it, says to close it, and
/// replaces none of the four.
#[cfg(windows)]
#[test]
fn a_workbook_open_in_excel_stops_the_run_before_anything_is_replaced() {
    use std::os::windows::fs::OpenOptionsExt;
    let school = planned_school();
    let range = ["daily", "--from", "9-8", "--to", "9-11"];
    let (code, all) = kehou(school.path(), &range);
    assert_eq!(code, 0, "{all}");
    let day = |d: u32| school.path().join(format!("out/daily/2026-09-{d:02}.xlsx"));
    for d in 8..=11 {
        std::fs::write(day(d), "old").unwrap();
    }
    // FILE_SHARE_READ only, as Excel opens a workbook.
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(1)
        .open(day(9))
        .unwrap();
    let (code, all) = kehou(school.path(), &range);
    drop(held);
    assert_eq!(code, 2, "{all}");
    assert!(all.contains("2026-09-09.xlsx"), "{all}");
    assert!(all.contains("请先在 Excel/WPS 中关闭它"), "{all}");
    for d in 8..=11 {
        assert_eq!(std::fs::read(day(d)).unwrap(), b"old", "9-{d} replaced");
    }
    let (code, all) = kehou(school.path(), &range);
    assert_eq!(code, 0, "closed, the run goes through: {all}");
}

/// Every file under `dir` but the database: path to bytes.
#[cfg(windows)]
fn files(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut all = std::collections::BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("kehou.db")
            {
                let bytes = std::fs::read(&path).unwrap();
                all.insert(path, bytes);
            }
        }
    }
    all
}

/// `waitlist.csv` open in Excel when a re-plan is saved: the run names it,
/// says to close it, and none of the plan's exports (plan.csv, the
/// timetable) is replaced, no temporary file is left beside them, and the
/// database keeps its one plan version.
#[cfg(windows)]
#[test]
fn a_waitlist_open_in_excel_leaves_every_export_of_the_plan_as_it_was() {
    use std::os::windows::fs::OpenOptionsExt;
    let school = planned_school();
    let waitlist = school.path().join("waitlist.csv");
    assert!(waitlist.exists());
    let before = files(school.path());
    let replan = ["plan", "--as-of", "2026-10-20"];
    // FILE_SHARE_READ only, as Excel opens a CSV file.
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(1)
        .open(&waitlist)
        .unwrap();
    let (code, all) = kehou(school.path(), &replan);
    drop(held);
    assert_eq!(code, 2, "{all}");
    assert!(all.contains("waitlist.csv"), "{all}");
    assert!(all.contains("请先在 Excel/WPS 中关闭它"), "{all}");
    assert!(files(school.path()) == before, "an export was replaced");
    assert!(all.contains("排班未保存"), "{all}");
    let db_path = school.path().join("kehou.db");
    let versions = "SELECT count(*) FROM plan_versions";
    assert_eq!(db::count(&db_path, versions), 1, "a plan version was saved");
    let (code, all) = kehou(school.path(), &replan);
    assert_eq!(code, 0, "closed, the run goes through: {all}");
    assert!(files(school.path()) != before, "{all}");
    assert_eq!(db::count(&db_path, versions), 2);
}

/// Names from the data (a class called `CON`, a club `足球/篮球?`, a name
/// ending in a dot, a very long one) made into files this system accepts:
/// each is written and read back as its own file (under wine, Windows'
/// rules: a device name would write to the console instead).
#[test]
fn names_made_safe_are_files_the_system_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let long = "课后服务".repeat(80);
    let names = [
        "CON",
        "nul.txt",
        "COM1.csv",
        "lpt9.xlsx",
        "Aux ",
        "3(1)班.",
        "足球/篮球?",
        "a<b>c:d\"e|f*g",
        &format!("notices-{long}.xlsx"),
    ];
    for name in names {
        let safe = kehou::output::safe_component(name);
        std::fs::write(dir.path().join(&safe), name).unwrap();
        let back = std::fs::read_to_string(dir.path().join(&safe)).unwrap();
        assert_eq!(back, name, "{safe}");
    }
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, names.len(), "two names became one file");
}
