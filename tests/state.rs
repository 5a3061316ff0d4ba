//! The school's database (issue #20): what a run does with a file that is
//! not a sound kehou database, files planted in the school folder, several
//! runs at once under several spellings of one database, the first run on a
//! folder an earlier kehou kept in CSV files, export/backup/check, and the
//! plan's history (a re-plan leaves the papers and hours of earlier days).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kehou::demo::{Shape, generate};

#[path = "common/db.rs"]
mod db;

struct Run {
    code: i32,
    text: String,
}

fn kehou(config: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(config.parent().unwrap())
        .arg("-c")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        text: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
    }
}

/// A generated school, planned as of the term's first day, made once per
/// test binary and copied for each test.
fn planned() -> &'static Path {
    static PLANNED: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    PLANNED
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let shape = Shape {
                registers: true,
                ..Shape::new(300, 5)
            };
            generate(&shape, dir.path()).unwrap();
            let run = kehou(
                &dir.path().join("config.toml"),
                &["plan", "--as-of", "2026-09-07"],
            );
            assert_eq!(run.code, 0, "{}", run.text);
            dir
        })
        .path()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A fresh copy of the planned school.
fn school() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(planned(), dir.path());
    dir
}

/// Every file under `dir` with its bytes (links as their target's name).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = path.symlink_metadata().unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.push((path, target.to_string_lossy().as_bytes().to_vec()));
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A run refused over the database: exit 2, the file named, `words` said,
/// and every file in the folder as it was.
fn refused(dir: &Path, args: &[&str], words: &[&str]) {
    let before = snapshot(dir);
    let run = kehou(&dir.join("config.toml"), args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.text);
    assert!(run.text.contains("kehou.db"), "{}", run.text);
    for w in words {
        assert!(run.text.contains(w), "{w:?} not in: {}", run.text);
    }
    assert!(
        run.text.lines().count() < 12,
        "one clear message: {}",
        run.text
    );
    assert_eq!(snapshot(dir), before, "{args:?} changed a file");
}

#[test]
fn a_file_that_is_not_a_sound_kehou_database_is_refused_and_kept() {
    let dir = school();
    let db_path = dir.path().join("kehou.db");
    let sound = std::fs::read(&db_path).unwrap();
    let record = ["record", "registers/2026-09-14.csv"];
    // Not SQLite at all (a spreadsheet saved over it).
    std::fs::write(&db_path, b"PK\x03\x04 not a database").unwrap();
    refused(dir.path(), &record, &["不是 kehou 的数据库"]);
    refused(
        dir.path(),
        &["--lang", "en", "plan"],
        &["not an SQLite file"],
    );
    // Cut short (an interrupted copy).
    std::fs::write(&db_path, &sound[..sound.len() / 2]).unwrap();
    refused(dir.path(), &record, &["不完整"]);
    refused(
        dir.path(),
        &["--lang", "en", "roll", "--month", "2026-09"],
        &["truncated"],
    );
    // Damaged inside (its schema page overwritten).
    let mut damaged = sound.clone();
    damaged[100..112].fill(0xff);
    std::fs::write(&db_path, &damaged).unwrap();
    refused(dir.path(), &record, &["已损坏"]);
    refused(
        dir.path(),
        &["--lang", "en", "weekly"],
        &["damaged", "backup"],
    );
    // Another program's database.
    std::fs::remove_file(&db_path).unwrap();
    let other = rusqlite::Connection::open(&db_path).unwrap();
    other
        .execute_batch("CREATE TABLE songs (title TEXT)")
        .unwrap();
    drop(other);
    refused(dir.path(), &record, &["别的程序"]);
    // From a newer kehou.
    std::fs::write(&db_path, &sound).unwrap();
    db::open(&db_path)
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    refused(dir.path(), &record, &["更新版本", "99"]);
    refused(dir.path(), &["--lang", "en", "plan"], &["newer kehou"]);
    // A folder where the file should be.
    std::fs::remove_file(&db_path).unwrap();
    std::fs::create_dir(&db_path).unwrap();
    refused(dir.path(), &record, &["不是普通文件"]);
}

#[cfg(unix)]
#[test]
fn a_database_behind_a_link_is_used_through_it_or_refused_when_it_leads_nowhere() {
    let dir = school();
    let db_path = dir.path().join("kehou.db");
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("school.db");
    std::fs::rename(&db_path, &real).unwrap();
    std::os::unix::fs::symlink(&real, &db_path).unwrap();
    let run = kehou(
        &dir.path().join("config.toml"),
        &["record", "registers/2026-09-14.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.text);
    assert!(
        db_path.symlink_metadata().unwrap().file_type().is_symlink(),
        "the link stays a link"
    );
    assert!(db::count(&real, "SELECT count(*) FROM marks") > 0);
    // A link to nowhere: no database is made at its far end.
    std::fs::remove_file(&real).unwrap();
    refused(dir.path(), &["plan"], &["链接", "school.db"]);
    assert!(!real.exists());
    // A link to an input file: refused, the file untouched.
    std::fs::remove_file(&db_path).unwrap();
    std::os::unix::fs::symlink(dir.path().join("students.csv"), &db_path).unwrap();
    refused(dir.path(), &["plan"], &["不是 kehou 的数据库"]);
}

#[test]
fn a_database_held_by_another_process_is_waited_for_and_said_then_given_up() {
    let dir = school();
    let db_path = dir.path().join("kehou.db");
    let config = dir.path().join("config.toml");
    let before = db::fingerprint(&db_path);
    let holder = db::open(&db_path);
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let run = kehou(
        &config,
        &["record", "--wait", "1", "registers/2026-09-14.csv"],
    );
    assert_eq!(run.code, 2, "{}", run.text);
    assert!(
        run.text
            .contains("正被另一个 kehou 使用;本次 kehou record(进程"),
        "{}",
        run.text
    );
    assert!(
        run.text.contains("等了 1 秒仍被另一个 kehou 使用"),
        "{}",
        run.text
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(db::fingerprint(&db_path), before);
    // Released within the wait: the run goes on and records.
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let waiting = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .args(["--lang", "en", "-c"])
        .arg(&config)
        .args(["record", "--wait", "60", "registers/2026-09-14.csv"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = waiting.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("waits for it, up to 60 s"), "{text}");
    assert!(db::fingerprint(&db_path).1 > before.1);
}

/// A second config for the same school in `sub/`, naming the database by
/// `state` (every other file by `../`).
#[cfg(unix)]
fn second_config(dir: &Path, sub: &str, state: &str) -> PathBuf {
    let text = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    let mut in_files = false;
    let mut lines: Vec<String> = Vec::new();
    for l in text.lines() {
        if l.starts_with('[') {
            in_files = l == "[files]";
        }
        lines.push(match l.split_once(" = \"") {
            Some(("state", _)) if in_files => format!("state = \"{state}\""),
            Some((k, v)) if in_files => format!("{k} = \"../{v}"),
            _ => l.to_string(),
        });
        // The school's files are one folder up, on purpose.
        if l == "[files]" {
            lines.push("outside_folder = true".to_string());
        }
    }
    std::fs::create_dir_all(dir.join(sub)).unwrap();
    let path = dir.join(sub).join("config.toml");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn eight_records_at_once_through_two_spellings_and_a_link_lose_no_row() {
    let dir = school();
    let d = dir.path();
    std::fs::create_dir(d.join("link")).unwrap();
    std::os::unix::fs::symlink(d.join("kehou.db"), d.join("link/kehou.db")).unwrap();
    let configs = [
        d.join("config.toml"),
        second_config(d, "x", "../kehou.db"),
        second_config(d, "y", "../link/kehou.db"),
        second_config(d, "z", "../x/../kehou.db"),
    ];
    let registers: Vec<PathBuf> = {
        let mut r: Vec<PathBuf> = std::fs::read_dir(d.join("registers"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        r.sort();
        r
    };
    assert!((4..=8).contains(&registers.len()));
    // Eight runs: each register twice, through different spellings; the
    // ledger after is what one run of every register makes.
    let alone = school();
    let files: Vec<&str> = registers.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["record"];
    args.extend(&files);
    let run = kehou(&alone.path().join("config.toml"), &args);
    assert_eq!(run.code, 0, "{}", run.text);
    let expected = db::count(&alone.path().join("kehou.db"), "SELECT count(*) FROM marks");
    let spawned: Vec<_> = (0..8)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_kehou"))
                .arg("-c")
                .arg(&configs[i % configs.len()])
                .arg("record")
                .arg(&registers[i % registers.len()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        db::count(&d.join("kehou.db"), "SELECT count(*) FROM marks"),
        expected
    );
    assert_eq!(db::integrity(&d.join("kehou.db")), "ok");
    assert!(
        d.join("link/kehou.db")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    for sub in ["x", "y", "z"] {
        assert!(
            !d.join(sub).join("kehou.db").exists(),
            "a second database in {sub}"
        );
    }
}

#[cfg(unix)]
#[test]
fn planted_journals_and_temporary_files_are_never_acted_on() {
    let dir = school();
    let d = dir.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("precious.txt"), "keep me").unwrap();
    // The old commit journal of a "dead" run, naming moves over the inputs
    // and a file outside the school.
    let dead = 999_999_999u32;
    std::fs::write(d.join(format!(".students.csv.{dead}.tmp")), "planted").unwrap();
    let journal = format!(
        "{}\t{}\n{}\t{}\nend\n",
        d.join("students.csv").display(),
        d.join("classes.csv").display(),
        d.join(format!(".students.csv.{dead}.tmp")).display(),
        outside.path().join("precious.txt").display(),
    );
    std::fs::write(d.join(format!(".kehou-commit.{dead}")), journal).unwrap();
    // Temporary files of a live run somewhere else (another PID namespace:
    // its PIDs mean nothing here), one of them a link out of the school.
    // A live writer holds its temporary file (flock): that, not its PID, is
    // what tells it from a dead run's, which a run writing the same output
    // removes.
    std::fs::create_dir_all(d.join("out")).unwrap();
    let live = d.join(format!("out/.timetable-2026秋.xlsx.{dead}.tmp"));
    std::fs::write(&live, "live").unwrap();
    let held = std::fs::File::open(&live).unwrap();
    // SAFETY: flock on a descriptor open for the call.
    let locked = unsafe {
        libc::flock(
            std::os::fd::AsRawFd::as_raw_fd(&held),
            libc::LOCK_EX | libc::LOCK_NB,
        )
    };
    assert_eq!(locked, 0);
    std::os::unix::fs::symlink(
        outside.path().join("precious.txt"),
        d.join(format!(".plan.csv.{dead}.tmp")),
    )
    .unwrap();
    let planted: Vec<PathBuf> = [
        format!(".students.csv.{dead}.tmp"),
        format!(".kehou-commit.{dead}"),
        format!("out/.timetable-2026秋.xlsx.{dead}.tmp"),
        format!(".plan.csv.{dead}.tmp"),
    ]
    .iter()
    .map(|n| d.join(n))
    .collect();
    let before: Vec<_> = snapshot(d)
        .into_iter()
        .filter(|(p, _)| {
            planted.contains(p) || p.ends_with("students.csv") || p.ends_with("classes.csv")
        })
        .collect();
    let config = d.join("config.toml");
    for args in [
        vec!["calendar"],
        vec!["check"],
        vec!["plan", "--as-of", "2026-10-20"],
        vec!["record", "registers/2026-09-14.csv"],
        vec!["daily", "--date", "2026-10-21"],
    ] {
        let run = kehou(&config, &args);
        assert!(
            run.code == 0 || args[0] == "check",
            "{args:?}: {}",
            run.text
        );
    }
    let after: Vec<_> = snapshot(d)
        .into_iter()
        .filter(|(p, _)| {
            planted.contains(p) || p.ends_with("students.csv") || p.ends_with("classes.csv")
        })
        .collect();
    assert_eq!(after, before, "a planted file was acted on");
    drop(held);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("precious.txt")).unwrap(),
        "keep me"
    );
}

/// A run of kehou in a PID namespace of its own (a container sharing the
/// school folder) beside a live `plan`: the live run's temporary files are
/// not the other's to touch, and the plan finishes whole.
#[cfg(unix)]
#[test]
fn a_run_in_another_pid_namespace_leaves_a_live_plan_alone() {
    let probe = Command::new("unshare")
        .args(["--pid", "--fork", "true"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!(
            "unshare --pid is not available here (not root?): the planted-file test covers this"
        );
        return;
    }
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(3000, 9), base.path()).unwrap();
    let config = base.path().join("config.toml");
    let mut live = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(&config)
        .args(["plan", "--as-of", "2026-09-07", "--csv"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut others = 0;
    while live.try_wait().unwrap().is_none() {
        let status = Command::new("unshare")
            .args(["--pid", "--fork"])
            .arg(env!("CARGO_BIN_EXE_kehou"))
            .arg("-c")
            .arg(&config)
            .arg("calendar")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        others += 1;
    }
    let out = live.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(others > 0);
    let db_path = base.path().join("kehou.db");
    assert_eq!(db::count(&db_path, "SELECT count(*) FROM plan_versions"), 1);
    let exported = tempfile::tempdir().unwrap();
    let run = kehou(
        &config,
        &["export", "--to", exported.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.text);
    assert_eq!(
        std::fs::read(exported.path().join("plan.csv")).unwrap(),
        std::fs::read(base.path().join("plan.csv")).unwrap()
    );
}

/// The demo school as an earlier kehou left it: its plan.csv, waitlist.csv
/// and attendance.csv, in the columns that kehou wrote (made here by this
/// kehou's export, whose columns are those: the CSV writers did not change).
#[test]
fn the_demo_kept_in_csv_files_is_imported_once_and_the_files_kept() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let made = tempfile::tempdir().unwrap();
    copy_tree(&demo, made.path());
    let config = made.path().join("config.toml");
    assert_eq!(kehou(&config, &["plan", "--as-of", "2026-09-07"]).code, 0);
    let mut record = vec!["record".to_string()];
    for e in std::fs::read_dir(made.path().join("registers")).unwrap() {
        record.push(e.unwrap().path().display().to_string());
    }
    let record: Vec<&str> = record.iter().map(String::as_str).collect();
    let run = kehou(&config, &record);
    assert_eq!(run.code, 0, "{}", run.text);
    let csv = tempfile::tempdir().unwrap();
    assert_eq!(
        kehou(&config, &["export", "--to", csv.path().to_str().unwrap()]).code,
        0
    );

    let old = tempfile::tempdir().unwrap();
    copy_tree(&demo, old.path());
    for f in ["plan.csv", "waitlist.csv", "attendance.csv"] {
        std::fs::copy(csv.path().join(f), old.path().join(f)).unwrap();
    }
    let config = old.path().join("config.toml");
    let rows = |f: &str| {
        std::fs::read_to_string(csv.path().join(f))
            .unwrap()
            .lines()
            .count()
            - 1
    };
    let run = kehou(&config, &["--lang", "en", "daily", "--date", "2026-09-14"]);
    assert_eq!(run.code, 0, "{}", run.text);
    for f in ["plan", "waitlist", "attendance"] {
        let said = format!(
            "imported {}: {} rows; the file is kept as {}",
            old.path().join(format!("{f}.csv")).display(),
            rows(&format!("{f}.csv")),
            old.path().join(format!("{f}.imported.csv")).display()
        );
        assert!(run.text.contains(&said), "{said}\n{}", run.text);
        assert_eq!(
            std::fs::read(old.path().join(format!("{f}.imported.csv"))).unwrap(),
            std::fs::read(csv.path().join(format!("{f}.csv"))).unwrap(),
            "{f}.csv kept as it was"
        );
    }
    assert!(!old.path().join("attendance.csv").exists());
    // What was imported is what the files said.
    let again = tempfile::tempdir().unwrap();
    assert_eq!(
        kehou(&config, &["export", "--to", again.path().to_str().unwrap()]).code,
        0
    );
    for f in ["plan.csv", "waitlist.csv", "attendance.csv"] {
        assert_eq!(
            std::fs::read(again.path().join(f)).unwrap(),
            std::fs::read(csv.path().join(f)).unwrap(),
            "{f}"
        );
    }
    // Once: the next runs import nothing, even with plan.csv (now an export) there.
    let run = kehou(&config, &["plan", "--as-of", "2026-09-07"]);
    assert_eq!(run.code, 0, "{}", run.text);
    let run = kehou(&config, &["--lang", "en", "weekly", "--week", "2026-09-14"]);
    assert_eq!(run.code, 0, "{}", run.text);
    assert!(!run.text.contains("imported"), "{}", run.text);
    let db_path = old.path().join("kehou.db");
    assert_eq!(db::count(&db_path, "SELECT count(*) FROM imports"), 3);
    assert_eq!(db::count(&db_path, "SELECT count(*) FROM plan_versions"), 2);
}

#[test]
fn backup_copies_the_whole_database_and_check_verifies_it() {
    let dir = school();
    let d = dir.path();
    let config = d.join("config.toml");
    assert_eq!(
        kehou(&config, &["record", "registers/2026-09-14.csv"]).code,
        0
    );
    let copy = d.join("backups/kehou-copy.db");
    std::fs::create_dir(d.join("backups")).unwrap();
    let run = kehou(&config, &["--lang", "en", "backup", copy.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.text);
    assert_eq!(db::fingerprint(&copy), db::fingerprint(&d.join("kehou.db")));
    // Never over an existing file.
    let run = kehou(&config, &["backup", copy.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.text);
    assert!(run.text.contains("已存在"), "{}", run.text);
    let run = kehou(&config, &["--lang", "en", "check"]);
    assert!(
        run.text.contains("is sound: 1 plan versions"),
        "{}",
        run.text
    );
    // A breach of kehou's own invariants is found and named.
    db::open(&d.join("kehou.db"))
        .execute_batch("UPDATE marks SET replaced = 1 WHERE id = 1")
        .unwrap();
    let run = kehou(&config, &["--lang", "en", "check"]);
    assert_eq!(run.code, 1, "{}", run.text);
    assert!(
        run.text
            .contains("a replaced mark has no correction: mark 1"),
        "{}",
        run.text
    );
}

#[test]
fn export_writes_every_table_and_splits_only_a_ledger_past_excel() {
    let dir = school();
    let d = dir.path();
    let config = d.join("config.toml");
    assert_eq!(
        kehou(&config, &["record", "registers/2026-09-14.csv"]).code,
        0
    );
    let run = kehou(&config, &["--lang", "en", "export"]);
    assert_eq!(run.code, 0, "{}", run.text);
    let out = d.join("out/export");
    for f in [
        "plan.csv",
        "waitlist.csv",
        "attendance.csv",
        "plan_versions.csv",
        "placements.csv",
        "duties.csv",
        "duty_leaders.csv",
        "marks.csv",
        "imports.csv",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let header = std::fs::read_to_string(out.join("attendance.csv")).unwrap();
    assert!(header.starts_with("date,block,group,student,status,time,note,source,teacher\n"));
    assert_eq!(
        std::fs::read(out.join("plan.csv")).unwrap(),
        std::fs::read(d.join("plan.csv")).unwrap()
    );
}

/// Appends slips to consent.csv by its header names.
fn add_slips(dir: &Path, slips: &[&[(&str, &str)]]) {
    let path = dir.join("consent.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let header: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    let mut out = text;
    for slip in slips {
        let row: Vec<&str> = header
            .iter()
            .map(|h| slip.iter().find(|(k, _)| k == h).map_or("", |(_, v)| *v))
            .collect();
        out += &(row.join(",") + "\n");
    }
    std::fs::write(&path, out).unwrap();
}

/// Students by their latest slip: (opted out, opted in).
fn by_slip(dir: &Path) -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(dir.join("consent.csv")).unwrap();
    let mut latest = std::collections::BTreeMap::new();
    for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        latest.insert(f[0].to_string(), f[3] == "参加");
    }
    let (inn, out): (Vec<_>, Vec<_>) = latest.into_iter().partition(|(_, joins)| *joins);
    (
        out.into_iter().map(|(id, _)| id).collect(),
        inn.into_iter().map(|(id, _)| id).collect(),
    )
}

/// Hours (every session of every teacher) for 8–16 Oct are the same before
/// and after a re-plan as of 20 Oct that places late slips from 12 Oct and
/// ends withdrawals from 14 Oct: those days were kept under the plan in
/// force then.
#[test]
fn a_replan_leaves_the_hours_of_earlier_days_as_they_were_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate(&Shape::new(600, 4), d).unwrap();
    let config = d.join("config.toml");
    assert_eq!(kehou(&config, &["plan", "--as-of", "2026-09-07"]).code, 0);
    let hours = |tag: &str| -> Vec<(String, Vec<u8>)> {
        let out = d.join(format!("out-{tag}"));
        let out = out.to_str().unwrap();
        let hours = [
            "--out",
            out,
            "hours",
            "--from",
            "2026-10-08",
            "--to",
            "2026-10-16",
            "--csv",
        ];
        let run = kehou(&config, &hours);
        assert_eq!(run.code, 0, "{}", run.text);
        let mut files: Vec<(String, Vec<u8>)> = snapshot(Path::new(out))
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "csv"))
            .map(|(p, b)| (p.strip_prefix(out).unwrap().display().to_string(), b))
            .collect();
        files.sort();
        files
    };
    let before = hours("before");
    assert!(
        before.iter().any(|(n, _)| n.contains("hours-sessions")),
        "{before:?}"
    );
    let (out, inn) = by_slip(d);
    let mut slips: Vec<Vec<(&str, &str)>> = Vec::new();
    for id in out.iter().take(40) {
        slips.push(vec![
            ("学号", id),
            ("日期", "2026-10-09"),
            ("是否参加", "参加"),
            ("参加日", "一至五"),
            ("时段", "全程"),
            ("离校方式", "家长接"),
            ("安全协议", "是"),
            ("生效日期", "2026-10-12"),
        ]);
    }
    for id in inn.iter().step_by(9).take(40) {
        slips.push(vec![
            ("学号", id),
            ("日期", "2026-10-13"),
            ("是否参加", "不参加"),
            ("原因", "家长接回"),
            ("生效日期", "2026-10-14"),
        ]);
    }
    let slips: Vec<&[(&str, &str)]> = slips.iter().map(Vec::as_slice).collect();
    add_slips(d, &slips);
    let run = kehou(&config, &["plan", "--as-of", "2026-10-20"]);
    assert_eq!(run.code, 0, "{}", run.text);
    // The re-plan does change those days in its own rows (else this test
    // would show nothing): late slips placed from 12 Oct, withdrawals ended.
    let plan = std::fs::read_to_string(d.join("plan.csv")).unwrap();
    let backdated = plan
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f.len() > 6 && f[5] >= "2026-10-12" && f[5] <= "2026-10-16"
        })
        .count();
    assert!(
        backdated > 0,
        "no row of the re-plan starts within 12–16 Oct"
    );
    let after = hours("after");
    assert_eq!(before.len(), after.len());
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{name} changed after the re-plan");
    }
    // And the days after the re-plan's date do follow it.
    let run = kehou(&config, &["daily", "--date", "2026-10-21"]);
    assert_eq!(run.code, 0, "{}", run.text);
}

/// Every path under `dir`, folders too (an empty `out/` made by a run shows).
fn paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.symlink_metadata().unwrap().is_dir() {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A club table with every club's seats doubled, outside the school folder.
fn doubled_clubs(school: &Path, alt: &Path) -> PathBuf {
    let clubs = std::fs::read_to_string(school.join("clubs.csv")).unwrap();
    let mut lines: Vec<String> = clubs.lines().map(str::to_string).collect();
    let head: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = head.iter().position(|h| *h == "人数上限").unwrap();
    for line in lines.iter_mut().skip(1) {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let seats: u32 = cells[col].parse().unwrap();
        cells[col] = (seats * 2).to_string();
        *line = cells.join(",");
    }
    let path = alt.join("clubs-alt.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// `plan --what-if` writes nothing: a folder without a database is left
/// byte for byte (no kehou.db made, no out/), and a planned school's
/// database is left as it was.
#[test]
fn what_if_writes_nothing_with_or_without_a_database() {
    let alt = tempfile::tempdir().unwrap();
    // No database yet (and no CSV state of an earlier kehou).
    let fresh = tempfile::tempdir().unwrap();
    generate(&Shape::new(300, 5), fresh.path()).unwrap();
    let other = doubled_clubs(fresh.path(), alt.path());
    let (before, listed) = (snapshot(fresh.path()), paths(fresh.path()));
    let config = fresh.path().join("config.toml");
    let run = kehou(&config, &["plan", "--what-if", other.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.text);
    assert!(run.text.contains("假设比较"), "{}", run.text);
    assert!(
        !fresh.path().join("kehou.db").exists(),
        "what-if made kehou.db"
    );
    assert_eq!(listed, paths(fresh.path()), "what-if made a file or folder");
    assert!(before == snapshot(fresh.path()), "what-if changed a file");
    // A planned school: its database unchanged.
    let dir = school();
    let config = dir.path().join("config.toml");
    let db = std::fs::read(dir.path().join("kehou.db")).unwrap();
    let (before, listed) = (snapshot(dir.path()), paths(dir.path()));
    let run = kehou(&config, &["plan", "--what-if", other.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.text);
    assert!(db == std::fs::read(dir.path().join("kehou.db")).unwrap());
    assert_eq!(listed, paths(dir.path()));
    assert!(before == snapshot(dir.path()));
}

/// The footers of every sheet of a workbook.
fn footers(xlsx: &Path) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if !file
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/sheet"))
        {
            continue;
        }
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        if let Some((_, rest)) = xml.split_once("<oddFooter>") {
            out.push(rest.split("</oddFooter>").next().unwrap().to_string());
        }
    }
    out
}

/// A workbook names the plan version in force on the dates it prints, not
/// the newest: after a re-plan as of 20 Oct, the lists of 15 Oct name
/// version 1, those of 21 Oct version 2, and the week of 19 Oct both.
#[test]
fn workbooks_name_the_plan_version_in_force_on_their_dates() {
    let dir = school();
    let d = dir.path();
    let config = d.join("config.toml");
    let run = kehou(&config, &["plan", "--as-of", "2026-10-20"]);
    assert_eq!(run.code, 0, "{}", run.text);
    let first = "排班第 1 版(2026-09-07 起)";
    let second = "排班第 2 版(2026-10-20 起)";
    for (date, want, not) in [("2026-10-15", first, second), ("2026-10-21", second, first)] {
        let run = kehou(&config, &["daily", "--date", date]);
        assert_eq!(run.code, 0, "{}", run.text);
        let footers = footers(&d.join(format!("out/daily/{date}.xlsx")));
        assert!(!footers.is_empty());
        for f in &footers {
            assert!(f.contains(want) && !f.contains(not), "{date}: {f}");
        }
    }
    let run = kehou(&config, &["weekly", "--week", "2026-10-19"]);
    assert_eq!(run.code, 0, "{}", run.text);
    let week = d.join("out/weekly/2026-W43.xlsx");
    assert!(week.is_file(), "{}", run.text);
    for f in footers(&week) {
        assert!(f.contains(first) && f.contains(second), "{f}");
    }
}

/// Two different marks for one child, date and block in one register file
/// are an error naming both rows (not "the last one wins"), and nothing of
/// the run is recorded.
#[test]
fn two_marks_for_one_key_in_one_file_are_an_error_naming_both_rows() {
    let dir = school();
    let d = dir.path();
    let text = std::fs::read_to_string(d.join("registers/2026-09-14.csv")).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let head: Vec<String> = lines[0]
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(str::to_string)
        .collect();
    let status = head.iter().position(|h| h == "状态").unwrap();
    let note = head.iter().position(|h| h == "备注").unwrap();
    // Line 2's row again at the end, marked the other way; or marked the
    // same way with another note (neither is "the last one wins").
    let other_status = |copy: &mut Vec<String>| {
        copy[status] = if copy[status] == "缺" { "到" } else { "缺" }.to_string();
    };
    let other_note = |copy: &mut Vec<String>| copy[note] = "家长来电说明".to_string();
    let db = std::fs::read(d.join("kehou.db")).unwrap();
    for change in [&other_status as &dyn Fn(&mut Vec<String>), &other_note] {
        let mut lines = lines.clone();
        let mut copy: Vec<String> = lines[1].split(',').map(str::to_string).collect();
        copy.resize(head.len(), String::new());
        change(&mut copy);
        lines.push(copy.join(","));
        let last = lines.len();
        std::fs::write(d.join("twice.csv"), lines.join("\n") + "\n").unwrap();
        for args in [
            &["record", "twice.csv"][..],
            &["record", "--dry-run", "twice.csv"],
        ] {
            let run = kehou(&d.join("config.toml"), args);
            assert_eq!(run.code, 1, "{args:?}: {}", run.text);
            let said = run
                .text
                .lines()
                .find(|l| l.contains("已有不同的标记"))
                .unwrap_or_else(|| panic!("{}", run.text));
            assert!(said.contains(&format!("twice.csv:{last}")), "{said}");
            assert!(said.contains("twice.csv:2"), "{said}");
            assert!(db == std::fs::read(d.join("kehou.db")).unwrap(), "recorded");
        }
    }
    // The same row twice, word for word, is one mark.
    let mut lines = lines.clone();
    lines.push(lines[1].clone());
    std::fs::write(d.join("twice.csv"), lines.join("\n") + "\n").unwrap();
    let run = kehou(&d.join("config.toml"), &["record", "twice.csv"]);
    assert_eq!(run.code, 0, "{}", run.text);
}

/// The supervision a timetable printed is what `hours` credits and `daily`
/// prints for its dates, whatever the staff file says later: a teacher
/// taken off the rota (made a leader) after the plan leaves an earlier
/// date's hours and sheets as they were.
#[test]
fn an_edit_of_the_staff_file_after_a_date_leaves_its_hours_and_sheets() {
    let dir = school();
    let d = dir.path();
    let config = d.join("config.toml");
    let outputs = |tag: &str| -> Vec<(String, Vec<u8>)> {
        let out = d.join(format!("out-{tag}"));
        let out = out.to_str().unwrap();
        let hours = [
            "--out",
            out,
            "hours",
            "--from",
            "2026-09-14",
            "--to",
            "2026-09-18",
            "--csv",
        ];
        let run = kehou(&config, &hours);
        assert_eq!(run.code, 0, "{}", run.text);
        let daily = ["--out", out, "daily", "--date", "2026-09-15", "--csv"];
        let run = kehou(&config, &daily);
        assert_eq!(run.code, 0, "{}", run.text);
        snapshot(Path::new(out))
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "csv"))
            .map(|(p, b)| (p.strip_prefix(out).unwrap().display().to_string(), b))
            .collect()
    };
    let before = outputs("before");
    // The teacher with the most sessions in the week, none of them a club's.
    let sessions = before
        .iter()
        .find(|(n, _)| n.contains("hours-sessions"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("a sessions table");
    let staff = std::fs::read_to_string(d.join("staff.csv")).unwrap();
    let clubs = std::fs::read_to_string(d.join("clubs.csv")).unwrap();
    let busiest = staff
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|id| !clubs.contains(&format!(",{id},")))
        .max_by_key(|id| sessions.matches(&format!("{id},")).count())
        .unwrap()
        .to_string();
    assert!(
        sessions.contains(&format!("{busiest},")),
        "{busiest} keeps no session: {sessions}"
    );
    let edited: String = staff
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{busiest},")) {
                l.replace(",teacher,", ",leader,")
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    assert_ne!(edited, staff);
    std::fs::write(d.join("staff.csv"), edited).unwrap();
    let after = outputs("after");
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after));
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{name} changed after the staff file was edited");
    }
    // A new plan takes the edit from its own date.
    let run = kehou(&config, &["plan", "--as-of", "2026-09-21"]);
    assert_eq!(run.code, 0, "{}", run.text);
    let out = d.join("out-later");
    let later = [
        "--out",
        out.to_str().unwrap(),
        "hours",
        "--from",
        "2026-09-21",
        "--to",
        "2026-09-25",
        "--csv",
    ];
    let run = kehou(&config, &later);
    assert_eq!(run.code, 0, "{}", run.text);
    let sessions =
        std::fs::read_to_string(out.join("hours-sessions-2026-09-21_2026-09-25.csv")).unwrap();
    assert!(
        !sessions.contains(&format!("{busiest},")),
        "{busiest} still keeps sessions after the new plan"
    );
}

/// An export of the plan that cannot be replaced (waitlist.csv read-only,
/// as Windows has a file open in Excel; a folder where the timetable or
/// plan.csv goes): the run names the file, saves no plan version and
/// replaces no export; once the file is seen to, the same run goes through.
/// (A file open in Excel itself: tests/windows.rs, under wine.)
#[cfg(unix)]
#[test]
fn an_export_that_cannot_be_replaced_stops_the_plan_before_it_is_saved() {
    use std::os::unix::fs::PermissionsExt;
    let term = "2026秋";
    for (target, said) in [
        ("waitlist.csv".to_string(), "是只读文件"),
        ("plan.csv".to_string(), "是一个文件夹"),
        (format!("out/timetable-{term}.xlsx"), "是一个文件夹"),
    ] {
        let dir = school();
        let config = dir.path().join("config.toml");
        let db_path = dir.path().join("kehou.db");
        let path = dir.path().join(&target);
        assert!(path.is_file(), "{target} made by the first plan");
        let folder = said.contains("文件夹");
        if folder {
            std::fs::remove_file(&path).unwrap();
            std::fs::create_dir(&path).unwrap();
        } else {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        }
        let before = (snapshot(dir.path()), db::fingerprint(&db_path));
        let replan = ["--lang", "zh", "plan", "--as-of", "2026-10-20"];
        let run = kehou(&config, &replan);
        assert_eq!(run.code, 2, "{target}: {}", run.text);
        let name = Path::new(&target).file_name().unwrap().to_str().unwrap();
        assert!(run.text.contains(name), "{target} not named: {}", run.text);
        assert!(run.text.contains(said), "{target}: {}", run.text);
        assert!(run.text.contains("未保存"), "{target}: {}", run.text);
        assert_eq!(
            db::count(&db_path, "SELECT count(*) FROM plan_versions"),
            1,
            "{target}: a plan version was saved"
        );
        let after = (snapshot(dir.path()), db::fingerprint(&db_path));
        assert!(after == before, "{target}: a file or the database changed");
        if folder {
            std::fs::remove_dir(&path).unwrap();
        } else {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let run = kehou(&config, &replan);
        assert_eq!(run.code, 0, "{target} seen to: {}", run.text);
        assert_eq!(db::count(&db_path, "SELECT count(*) FROM plan_versions"), 2);
    }
}
