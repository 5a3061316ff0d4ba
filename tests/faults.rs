//! Faults: a run killed at any moment leaves the school's database exactly
//! before or exactly after, and each export whole; a read-only database or
//! folder, or an output folder that cannot be written, gives a clear error
//! and changes nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use kehou::demo::{Shape, generate};

#[path = "common/db.rs"]
mod db;

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

/// A pseudo-random delay below `limit` microseconds (the same every run).
fn next_delay(seed: &mut u64, limit: u64) -> Duration {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    Duration::from_micros((*seed >> 33) % limit.max(1))
}

/// Kills `args` in `dir` after `delay`; whether it was still running.
fn kill_after(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = kehou(dir, args).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    !child.wait().unwrap().success()
}

/// Puts the database back to `bytes` (a killed run's journal goes with the
/// state it belonged to).
fn restore(dir: &Path, bytes: &[u8]) {
    let _ = std::fs::remove_file(dir.join("kehou.db-journal"));
    std::fs::write(dir.join("kehou.db"), bytes).unwrap();
}

/// Journals of kehou's own (the old commit journal) and of SQLite left anywhere under `dir`.
fn journals(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with("-journal") || name.starts_with(".kehou-commit") {
                found.push(path);
            }
        }
    }
    found
}

/// Kills of `plan` spread over its whole run (the 20,000-student ones are in tests/kill.rs).
const PLAN_KILLS: u32 = 60;

#[test]
fn killing_plan_anywhere_leaves_the_database_before_or_after() {
    let base = tempfile::tempdir().unwrap();
    generate(&Shape::new(150, 1), base.path()).unwrap();
    let dir = base.path();
    assert!(
        kehou(dir, &["plan", "--as-of", "2026-09-07"])
            .status()
            .unwrap()
            .success()
    );
    let old_db = std::fs::read(dir.join("kehou.db")).unwrap();
    let old = db::fingerprint(&dir.join("kehou.db"));
    // What an uninterrupted re-plan stores, and how long it takes: the
    // fastest of three, so that kills land mid-run even when the machine is
    // busier while this one is timed than later.
    let args = ["plan", "--as-of", "2026-10-20", "--csv"];
    let mut whole_run = u64::MAX;
    let done = tempfile::tempdir().unwrap();
    let mut new = old;
    for _ in 0..3 {
        copy_school(dir, done.path());
        let started = std::time::Instant::now();
        assert!(kehou(done.path(), &args).status().unwrap().success());
        whole_run = whole_run.min(started.elapsed().as_micros() as u64 + 1);
        new = db::fingerprint(&done.path().join("kehou.db"));
    }
    assert_ne!(old, new);
    let (mut seed, mut killed_mid_run, mut after) = (0x2545_F491_4F6C_DD1Du64, 0, 0);
    for round in 0..PLAN_KILLS {
        restore(dir, &old_db);
        let delay = next_delay(&mut seed, whole_run + whole_run / 10);
        killed_mid_run += u32::from(kill_after(dir, &args, delay));
        let now = db::fingerprint(&dir.join("kehou.db"));
        assert!(
            now == old || now == new,
            "round {round} (killed after {delay:?}): the database is neither before nor after"
        );
        assert_eq!(db::integrity(&dir.join("kehou.db")), "ok", "round {round}");
        after += u32::from(now == new);
        // The exports are each the old file or a whole new one.
        let plan = std::fs::read(dir.join("plan.csv")).unwrap();
        let whole = [
            std::fs::read(base.path().join("plan.csv")).unwrap(),
            std::fs::read(done.path().join("plan.csv")).unwrap(),
        ];
        assert!(whole.contains(&plan), "round {round}: plan.csv is torn");
        // SQLite's journal of a run killed as it began is not hot (it is
        // ignored, and reused by the next change); kehou leaves none of its own.
        let left = journals(dir);
        assert!(
            left.iter().all(|p| p.ends_with("kehou.db-journal")),
            "round {round}: {left:?}"
        );
    }
    restore(dir, &old_db);
    assert!(kehou(dir, &args).status().unwrap().success());
    assert_eq!(db::fingerprint(&dir.join("kehou.db")), new);
    assert_eq!(journals(dir), Vec::<std::path::PathBuf>::new());
    assert!(
        killed_mid_run >= PLAN_KILLS / 2,
        "only {killed_mid_run} kills landed mid-run"
    );
    assert!(after < PLAN_KILLS, "every kill landed after the commit");
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
    let db_path = base.path().join("kehou.db");
    let old_db = std::fs::read(&db_path).unwrap();
    let old = db::fingerprint(&db_path);
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
    let started = std::time::Instant::now();
    assert!(kehou(done.path(), &args).status().unwrap().success());
    let whole_run = started.elapsed().as_micros() as u64;
    let new = db::fingerprint(&done.path().join("kehou.db"));
    assert!(new.1 > old.1);
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..25 {
        restore(base.path(), &old_db);
        let delay = next_delay(&mut seed, whole_run + whole_run / 10);
        kill_after(base.path(), &args, delay);
        let now = db::fingerprint(&db_path);
        assert!(
            now == old || now == new,
            "round {round} (killed after {delay:?}): the ledger is neither before nor after"
        );
        assert_eq!(db::integrity(&db_path), "ok");
    }
    restore(base.path(), &old_db);
    assert!(kehou(base.path(), &args).status().unwrap().success());
    assert_eq!(db::fingerprint(&db_path), new);
    assert_eq!(journals(base.path()), Vec::<std::path::PathBuf>::new());
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
        (text.contains("无法建立文件夹") || text.contains("cannot create the folder"))
            && text.contains("blocked")
            && !text.contains("os error"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_database_or_folder_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
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
    let db_path = dir.join("kehou.db");
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let before = std::fs::read(&db_path).unwrap();
    let outputs = std::fs::read_dir(dir.join("out")).unwrap().count();
    let register = dir.join("registers/2026-09-14.csv");
    let register = register.to_str().unwrap();
    for (file, folder) in [(0o444, 0o755), (0o644, 0o555)] {
        mode(&db_path, file);
        mode(dir, folder);
        for (args, lang) in [
            (vec!["plan", "--as-of", "2026-10-20", "--csv"], "只读"),
            (vec!["--lang", "en", "record", register], "read-only"),
        ] {
            let out = kehou(dir, &args).stderr(Stdio::piped()).output().unwrap();
            let text = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{text}");
            assert!(text.contains("kehou.db") && text.contains(lang), "{text}");
        }
        // Reading is still fine.
        let daily = kehou(dir, &["daily", "--date", "2026-09-08", "--out"])
            .arg(base.path().join("../db-read-only-daily"))
            .status()
            .unwrap();
        assert!(daily.success());
        mode(dir, 0o755);
        mode(&db_path, 0o644);
        assert_eq!(std::fs::read(&db_path).unwrap(), before, "nothing written");
        assert_eq!(
            std::fs::read_dir(dir.join("out")).unwrap().count(),
            outputs,
            "nothing written"
        );
    }
    let _ = std::fs::remove_dir_all(base.path().join("../db-read-only-daily"));
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

#[cfg(unix)]
/// A small filesystem of its own for the school (tmpfs, as root), unmounted
/// when dropped; `None` where mounting is not allowed.
struct SmallDisk {
    dir: tempfile::TempDir,
}

#[cfg(unix)]
impl SmallDisk {
    fn mount(bytes: u64) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
            .arg("tmpfs")
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

#[cfg(unix)]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[cfg(unix)]
/// `record` on a full disk: whatever the point at which the space runs out
/// (a filler file leaves less and less room), the run says the disk is
/// full and the database is exactly as before, or the run succeeded and it
/// is exactly as after. On a 4 MiB tmpfs; where mounting is not allowed
/// (not root), the file-size limit (RLIMIT_FSIZE) stands in for the disk.
#[test]
fn a_full_disk_leaves_the_database_before_or_after() {
    let base = tempfile::tempdir().unwrap();
    generate(
        &Shape {
            registers: true,
            ..Shape::new(400, 2)
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
    let args = [
        "record",
        "registers/2026-09-14.csv",
        "registers/2026-09-15.csv",
        "registers/2026-09-16.csv",
    ];
    let before = db::fingerprint(&base.path().join("kehou.db"));
    let done = tempfile::tempdir().unwrap();
    copy_school(base.path(), done.path());
    std::fs::create_dir(done.path().join("registers")).unwrap();
    copy_school(
        &base.path().join("registers"),
        &done.path().join("registers"),
    );
    assert!(kehou(done.path(), &args).status().unwrap().success());
    let after = db::fingerprint(&done.path().join("kehou.db"));
    let db_size = std::fs::metadata(base.path().join("kehou.db"))
        .unwrap()
        .len();
    let grown = std::fs::metadata(done.path().join("kehou.db"))
        .unwrap()
        .len()
        - db_size;
    let Some(disk) = SmallDisk::mount(4 << 20) else {
        return full_by_file_size_limit(base.path(), &args, before);
    };
    let (mut full, mut whole) = (0, 0);
    // Room left for the change: from nothing to a little more than it needs.
    for step in 0..12u64 {
        let dir = disk.path().join("school");
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_file(disk.path().join("filler"));
        std::fs::create_dir(&dir).unwrap();
        copy_school(base.path(), &dir);
        std::fs::create_dir(dir.join("registers")).unwrap();
        copy_school(&base.path().join("registers"), &dir.join("registers"));
        let room = step * (2 * grown + db_size / 4) / 10;
        fill_all_but(disk.path(), room);
        let out = kehou(&dir, &args).stderr(Stdio::piped()).output().unwrap();
        let text = String::from_utf8_lossy(&out.stderr);
        let _ = std::fs::remove_file(disk.path().join("filler"));
        let now = db::fingerprint(&dir.join("kehou.db"));
        if out.status.success() {
            assert_eq!(now, after, "room {room}: succeeded but not whole");
            whole += 1;
        } else {
            assert!(
                text.contains("磁盘已满") && text.contains("kehou.db"),
                "room {room}: {text}"
            );
            assert_eq!(
                now, before,
                "room {room}: a failed run changed the database"
            );
            full += 1;
        }
        assert_eq!(db::integrity(&dir.join("kehou.db")), "ok");
    }
    assert!(full > 0 && whole > 0, "full {full}, whole {whole}");
}

#[cfg(unix)]
/// Fills the filesystem at `dir` until only about `room` bytes are free.
fn fill_all_but(dir: &Path, room: u64) {
    use std::io::Write;
    let mut filler = std::fs::File::create(dir.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    loop {
        let free = free_bytes(dir);
        if free <= room + 4096 {
            break;
        }
        let n = ((free - room) as usize).min(1 << 20) / 4096 * 4096;
        for _ in 0..(n / 4096).max(1) {
            if filler.write_all(&block).is_err() {
                return;
            }
        }
        let _ = filler.flush();
    }
}

#[cfg(unix)]
fn free_bytes(dir: &Path) -> u64 {
    let path = std::ffi::CString::new(dir.to_str().unwrap()).unwrap();
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: statvfs only writes the struct it is given.
    assert_eq!(unsafe { libc::statvfs(path.as_ptr(), &mut stat) }, 0);
    stat.f_bavail as u64 * stat.f_frsize as u64
}

#[cfg(unix)]
/// The stand-in where no filesystem can be mounted: each file kehou writes
/// may not grow past a limit (SIGXFSZ ignored, so writes fail with EFBIG).
fn full_by_file_size_limit(dir: &Path, args: &[&str], before: (u64, usize)) {
    use std::os::unix::process::CommandExt;
    eprintln!("tmpfs could not be mounted: RLIMIT_FSIZE stands in for a full disk");
    let size = std::fs::metadata(dir.join("kehou.db")).unwrap().len();
    let mut run = kehou(dir, args);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        run.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: size,
                rlim_max: size,
            };
            match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    let out = run.stderr(Stdio::piped()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("磁盘已满"), "{text}");
    assert_eq!(db::fingerprint(&dir.join("kehou.db")), before);
}
