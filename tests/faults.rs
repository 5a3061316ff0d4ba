//! Faults: a run killed at any moment leaves the old state file whole or the
//! new one complete, never a mix; an output folder that cannot be written
//! gives a clear error.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use kehou::demo::{Shape, generate};

fn kehou(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehou"));
    cmd.current_dir(dir)
        .arg("-c")
        .arg(dir.join("config.toml"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn copy_school(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Kills `args` after pseudo-random delays, `times` times, and checks after
/// each kill that `file` is byte for byte one of `whole`.
fn kill_repeatedly(dir: &Path, args: &[&str], file: &str, whole: &[Vec<u8>], times: u32) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..times {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % 150_000);
        let mut child = kehou(dir, args).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(dir.join(file)).unwrap();
        assert!(
            whole.contains(&now),
            "round {round} (killed after {delay:?}): {file} is neither the old nor the new one"
        );
    }
}

/// Kills of `plan` spread over its whole run: enough for ≥ 100 in the default suite.
const PLAN_KILLS: u32 = 120;

/// plan.csv and waitlist.csv, as a set.
fn state_set(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    (read("plan.csv"), read("waitlist.csv"))
}

/// Temporary files and journals anywhere under `dir`.
fn leftovers(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".tmp") || name.starts_with(".kehou-commit") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn killing_plan_anywhere_leaves_the_old_set_or_the_new_one_and_no_temp_files() {
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(150, 1), base.path()).unwrap();
    let dir = base.path();
    assert!(
        kehou(dir, &["plan", "--as-of", "2026-09-07"])
            .status()
            .unwrap()
            .success()
    );
    let old = state_set(dir);
    // What an uninterrupted re-plan writes, and how long it takes: the
    // fastest of three, so that kills land mid-run even when the machine is
    // busier while this one is timed than later.
    let args = ["plan", "--as-of", "2026-10-20", "--csv"];
    let mut whole_run = u64::MAX;
    let done = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        copy_school(dir, done.path());
        let started = std::time::Instant::now();
        assert!(kehou(done.path(), &args).status().unwrap().success());
        whole_run = whole_run.min(started.elapsed().as_micros() as u64 + 1);
    }
    let new = state_set(done.path());
    assert_ne!(old, new);
    let (mut seed, mut killed_mid_run) = (0x2545_F491_4F6C_DD1Du64, 0);
    for round in 0..PLAN_KILLS {
        std::fs::write(dir.join("plan.csv"), &old.0).unwrap();
        std::fs::write(dir.join("waitlist.csv"), &old.1).unwrap();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % (whole_run + whole_run / 10));
        let mut child = kehou(dir, &args).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        killed_mid_run += u32::from(!status.success());
        // The next run of any command finishes or rolls back what was left.
        assert!(kehou(dir, &["calendar"]).status().unwrap().success());
        let now = state_set(dir);
        assert!(
            now == old || now == new,
            "round {round} (killed after {delay:?}): plan.csv and waitlist.csv are a mixed set"
        );
        let left = leftovers(dir);
        assert!(
            left.is_empty(),
            "round {round} (killed after {delay:?}): {left:?}"
        );
    }
    assert!(
        killed_mid_run >= PLAN_KILLS / 2,
        "only {killed_mid_run} kills landed mid-run"
    );
}

#[test]
fn killing_record_never_loses_or_mixes_the_ledger() {
    let base = tempfile::tempdir().unwrap();
    generate(
        &Shape {
            registers: true,
            ..Shape::new(1600, 1)
        },
        base.path(),
    )
    .unwrap();
    assert!(
        kehou(base.path(), &["plan", "--as-of", "2026-09-07"])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        kehou(base.path(), &["record", "registers/2026-09-14.csv"])
            .status()
            .unwrap()
            .success()
    );
    let old = std::fs::read(base.path().join("attendance.csv")).unwrap();
    let done = tempfile::tempdir().unwrap();
    copy_school(base.path(), done.path());
    std::fs::create_dir(done.path().join("registers")).unwrap();
    copy_school(
        &base.path().join("registers"),
        &done.path().join("registers"),
    );
    let args = [
        "record",
        "registers/2026-09-15.csv",
        "registers/2026-09-16.csv",
    ];
    assert!(kehou(done.path(), &args).status().unwrap().success());
    let new = std::fs::read(done.path().join("attendance.csv")).unwrap();
    assert!(new.len() > old.len());
    kill_repeatedly(base.path(), &args, "attendance.csv", &[old, new], 25);
    // The next run removes what the killed ones left.
    assert!(
        kehou(base.path(), &["calendar"])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(leftovers(base.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn an_output_folder_that_cannot_be_made_is_a_clear_error() {
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(100, 3), base.path()).unwrap();
    // A file stands where the output folder should be.
    std::fs::write(base.path().join("blocked"), "x").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(base.path().join("config.toml"))
        .args(["consent", "--out"])
        .arg(base.path().join("blocked/out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("cannot create folder") && text.contains("blocked"),
        "{text}"
    );
}

#[test]
fn read_only_state_files_are_refused_not_replaced() {
    let base = tempfile::tempdir().unwrap();
    generate(
        &Shape {
            registers: true,
            ..Shape::new(100, 3)
        },
        base.path(),
    )
    .unwrap();
    let dir = base.path();
    assert!(
        kehou(dir, &["plan", "--as-of", "2026-09-07"])
            .status()
            .unwrap()
            .success()
    );
    let read_only = |file: &str| {
        let mut perms = std::fs::metadata(dir.join(file)).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(dir.join(file), perms).unwrap();
        std::fs::read(dir.join(file)).unwrap()
    };
    let plan = read_only("plan.csv");
    let timetable = std::fs::read_dir(dir.join("out")).unwrap().count();
    let out = kehou(dir, &["plan", "--as-of", "2026-10-20", "--csv"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("plan.csv") && text.contains("只读"), "{text}");
    assert_eq!(std::fs::read(dir.join("plan.csv")).unwrap(), plan);
    assert_eq!(
        std::fs::read_dir(dir.join("out")).unwrap().count(),
        timetable,
        "nothing written"
    );
    // The workbook and plan rendered straight to disk are taken back.
    let left = leftovers(dir);
    assert!(left.is_empty(), "{left:?}");
    let register = std::fs::read_dir(dir.join("registers"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        kehou(dir, &["record"])
            .arg(&register)
            .status()
            .unwrap()
            .success()
    );
    let ledger = read_only("attendance.csv");
    let other = std::fs::read_dir(dir.join("registers"))
        .unwrap()
        .nth(1)
        .unwrap()
        .unwrap()
        .path();
    let out = kehou(dir, &["record"])
        .arg(&other)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("attendance.csv") && text.contains("只读"),
        "{text}"
    );
    assert_eq!(std::fs::read(dir.join("attendance.csv")).unwrap(), ledger);
}

/// A plan whose process may hold only a few files open at once (a hard
/// limit it cannot raise) still writes its timetable — the sheets past the
/// limit kept in memory — and the same bytes every time.
#[cfg(unix)]
#[test]
fn few_open_files_still_plan_and_plan_the_same() {
    use std::os::unix::process::CommandExt;
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(1600, 1), base.path()).unwrap();
    let mut books = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        copy_school(base.path(), dir.path());
        let mut plan = kehou(dir.path(), &["plan", "--as-of", "2026-09-07"]);
        // SAFETY: only setrlimit runs between fork and exec.
        unsafe {
            plan.pre_exec(|| {
                let few = libc::rlimit {
                    rlim_cur: 14,
                    rlim_max: 14,
                };
                match libc::setrlimit(libc::RLIMIT_NOFILE, &few) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
        let out = plan.stderr(Stdio::piped()).output().unwrap();
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{text}");
        let book = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
            .unwrap();
        books.push(std::fs::read(book).unwrap());
    }
    assert!(books[0] == books[1], "two runs wrote different workbooks");
}
