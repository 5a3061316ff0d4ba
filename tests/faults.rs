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

#[test]
fn killing_plan_never_leaves_a_mixed_plan() {
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(1600, 1), base.path()).unwrap();
    assert!(
        kehou(base.path(), &["plan", "--as-of", "2026-09-07"])
            .status()
            .unwrap()
            .success()
    );
    let old = std::fs::read(base.path().join("plan.csv")).unwrap();
    // What an uninterrupted re-plan writes.
    let done = tempfile::tempdir().unwrap();
    copy_school(base.path(), done.path());
    assert!(
        kehou(done.path(), &["plan", "--as-of", "2026-10-20"])
            .status()
            .unwrap()
            .success()
    );
    let new = std::fs::read(done.path().join("plan.csv")).unwrap();
    assert_ne!(old, new);
    kill_repeatedly(
        base.path(),
        &["plan", "--as-of", "2026-10-20"],
        "plan.csv",
        &[old, new],
        25,
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
