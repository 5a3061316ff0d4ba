//! Done-when of issue #20 on a 20,000-student school: SIGKILL at random
//! points of `plan` and of `record`, 50 times each, leaves the database
//! exactly before or exactly after, with `integrity_check` ok. Kills are
//! aimed by the run's progress (the CPU time it has used), so that as many
//! land mid-run on a loaded machine as on an idle one.
//!
//! A debug build plans such a school in ~25 s, so these run in a release
//! build: `.ci/run` runs `cargo test --release --test kill -- --ignored`.
//! (tests/faults.rs kills smaller schools in every `cargo test`.) Linux
//! only: the progress is read from `/proc`.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use kehou::demo::{Shape, generate};

#[path = "common/db.rs"]
mod db;

const KILLS: u32 = 50;

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

/// The 20,000-student school, planned as of the term's first day, with a
/// week of registers: made once for both tests.
fn school() -> &'static Path {
    static SCHOOL: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SCHOOL
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let shape = Shape {
                registers: true,
                ..Shape::new(20_000, 7)
            };
            generate(&shape, dir.path()).unwrap();
            let planned = kehou(dir.path(), &["plan", "--as-of", "2026-09-07"])
                .status()
                .unwrap();
            assert!(planned.success());
            dir
        })
        .path()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A child's CPU time so far (user and system, every thread, those ended
/// too), from `/proc`: the run's progress, which a busy machine slows in
/// wall-clock time but not in CPU time. `None` once it is gone.
fn cpu_so_far(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some(Duration::from_micros(ticks * 1_000_000 / per_second))
}

/// Waits for `child`: whether it succeeded, and the CPU time it used in all.
fn wait_with_cpu(child: std::process::Child) -> (bool, Duration) {
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    let pid = child.id() as libc::pid_t;
    // SAFETY: wait4 writes only the status and usage it is given; the child
    // is reaped here, not by `Child` (which is only dropped).
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, time(usage.ru_utime) + time(usage.ru_stime))
}

/// Runs `args` once uninterrupted on a copy of `dir`: the database after,
/// and the CPU time the run used.
fn whole_run(dir: &Path, args: &[&str]) -> ((u64, usize), Duration) {
    let done = tempfile::tempdir().unwrap();
    copy_tree(dir, done.path());
    let (ok, cpu) = wait_with_cpu(kehou(done.path(), args).spawn().unwrap());
    assert!(ok, "{args:?} failed uninterrupted");
    (db::fingerprint(&done.path().join("kehou.db")), cpu)
}

/// Where a kill landed.
#[derive(Default)]
struct Landed {
    /// The run was still going.
    mid_run: u32,
    /// It left SQLite's journal of an unfinished change (rolled back on the next open).
    in_a_change: u32,
    /// The database held the run's change.
    after_commit: u32,
}

/// Starts `args` in `dir` and kills it once it has used `at` of CPU time;
/// whether it was still running then, and whether it left a journal.
fn kill_at_progress(dir: &Path, args: &[&str], at: Duration) -> (bool, bool) {
    let mut child = kehou(dir, args).spawn().unwrap();
    let pid = child.id();
    let journal = dir.join("kehou.db-journal");
    loop {
        if child.try_wait().unwrap().is_some() {
            return (false, journal.exists());
        }
        match cpu_so_far(pid) {
            Some(used) if used < at => std::thread::sleep(Duration::from_millis(1)),
            _ => break,
        }
    }
    let _ = child.kill();
    let killed = !child.wait().unwrap().success();
    (killed, journal.exists())
}

/// Kills `args` KILLS times, each at a pseudo-random point of its progress
/// (a share of the CPU time an uninterrupted run used: a loaded machine
/// stretches the run, not the point) and checks the database after each.
fn kill_anywhere(args: &[&str]) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    copy_tree(school(), dir);
    let db_path = dir.join("kehou.db");
    let old_db = std::fs::read(&db_path).unwrap();
    let before = db::fingerprint(&db_path);
    let (after, cpu) = whole_run(dir, args);
    assert_ne!(before, after);
    let span = cpu.as_micros() as u64;
    let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ span;
    let mut landed = Landed::default();
    for round in 0..KILLS {
        let _ = std::fs::remove_file(dir.join("kehou.db-journal"));
        std::fs::write(&db_path, &old_db).unwrap();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = Duration::from_micros((seed >> 33) % span.max(1));
        let (mid_run, journal) = kill_at_progress(dir, args, at);
        let now = db::fingerprint(&db_path);
        assert!(
            now == before || now == after,
            "{args:?} round {round}, killed at {at:?} of CPU: neither before nor after"
        );
        assert_eq!(db::integrity(&db_path), "ok", "round {round}");
        landed.mid_run += u32::from(mid_run);
        landed.in_a_change += u32::from(journal && now == before);
        landed.after_commit += u32::from(now == after);
    }
    eprintln!(
        "{args:?}: {KILLS} kills over {cpu:?} of CPU: {} mid-run, {} in the change (journal left), {} after the commit",
        landed.mid_run, landed.in_a_change, landed.after_commit
    );
    assert!(
        landed.mid_run >= KILLS * 9 / 10,
        "only {} kills landed mid-run",
        landed.mid_run
    );
    assert!(landed.in_a_change > 0, "no kill landed inside the change");
}

#[test]
#[ignore = "a 20,000-student school: run in release by .ci/run"]
fn killing_plan_of_20000_students_leaves_the_database_before_or_after() {
    // A fresh plan replaces every row: the heaviest change plan makes.
    kill_anywhere(&["plan", "--fresh", "--force", "--as-of", "2026-10-20"]);
}

#[test]
#[ignore = "a 20,000-student school: run in release by .ci/run"]
fn killing_record_of_20000_students_leaves_the_database_before_or_after() {
    kill_anywhere(&[
        "record",
        "registers/2026-09-14.csv",
        "registers/2026-09-15.csv",
    ]);
}
