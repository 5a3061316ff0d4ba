//! Opening the database file, or refusing it with a reason: a link to
//! nowhere, a folder, a file that is not SQLite, another program's
//! database, one cut short, one from a newer kehou. Nothing refused is
//! ever written. Links are resolved first, so every spelling of one file
//! (a symlink, `..`, another config) is one database with one lock and one
//! journal beside it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::schema::{APPLICATION_ID, LATEST, MIGRATIONS};
use super::{Store, explain};
use crate::i18n::{Lang, StateSay};

/// The busy wait in force, in seconds (for the message when it runs out).
static WAIT_SECS: AtomicU64 = AtomicU64::new(super::WAIT.as_secs());

/// Whether this run has said that it waits (once is enough).
static SAID: AtomicBool = AtomicBool::new(false);

pub(super) fn busy_wait_secs() -> u64 {
    WAIT_SECS.load(Ordering::Relaxed)
}

pub(super) fn set_wait(wait: Duration) {
    WAIT_SECS.store(wait.as_secs(), Ordering::Relaxed);
}

/// Opens the database at `path`: `None` when there is no file and
/// `create` is false.
pub(super) fn open(path: &Path, lang: Lang, create: bool) -> anyhow::Result<Option<Store>> {
    let refuse = |said: StateSay| Err(anyhow::anyhow!("{}", said.render(lang)));
    let shown = path.display().to_string();
    let Some(real) = real_path(path, lang)? else {
        if !create {
            return Ok(None);
        }
        let path = absolute(path);
        if marked_read_only(&path) {
            return refuse(StateSay::ReadOnly {
                path: path.display().to_string(),
            });
        }
        return open_real(&path, lang).map(Some);
    };
    if let Some(said) = sniff(&real, &shown) {
        return refuse(said);
    }
    if !real.is_file() {
        return refuse(StateSay::NotAFile { path: shown });
    }
    open_real(&real, lang).map(Some)
}

/// Opens the database at `path` for reading only: nothing on disk is made,
/// migrated or changed (`plan --what-if`). `None` when there is no file, or
/// an empty one that no kehou has written yet.
pub(super) fn open_read_only(path: &Path, lang: Lang) -> anyhow::Result<Option<Store>> {
    let refuse = |said: StateSay| Err(anyhow::anyhow!("{}", said.render(lang)));
    let shown = path.display().to_string();
    let Some(real) = real_path(path, lang)? else {
        return Ok(None);
    };
    if let Some(said) = sniff(&real, &shown) {
        return refuse(said);
    }
    if !real.is_file() {
        return refuse(StateSay::NotAFile { path: shown });
    }
    let fail = |e| explain(&real, lang, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(&real, flags).map_err(fail)?;
    set_busy_wait(&mut conn, &real, lang).map_err(fail)?;
    let store = Store {
        conn,
        path: real.clone(),
        lang,
    };
    check_version(&store)?;
    let version: i64 = (store.conn)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(fail)?;
    Ok((version > 0).then_some(store))
}

fn absolute(path: &Path) -> PathBuf {
    // The folder resolved (links, `..`), so that two spellings meet.
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map_or_else(|_| path.clone(), |dir| dir.join(name)),
        _ => path,
    }
}

/// The file a path names, links followed; `None` when nothing is there.
fn real_path(path: &Path, lang: Lang) -> anyhow::Result<Option<PathBuf>> {
    let shown = path.display().to_string();
    let meta = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            let said = StateSay::CannotOpen {
                path: shown,
                detail: e.to_string(),
            };
            anyhow::bail!("{}", said.render(lang))
        }
    };
    match path.canonicalize() {
        Ok(real) => Ok(Some(real)),
        Err(_) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path).unwrap_or_default();
            let said = StateSay::DanglingLink {
                path: shown,
                target: target.display().to_string(),
            };
            anyhow::bail!("{}", said.render(lang))
        }
        Err(e) => {
            let said = StateSay::CannotOpen {
                path: shown,
                detail: e.to_string(),
            };
            anyhow::bail!("{}", said.render(lang))
        }
    }
}

/// What is wrong with the file before SQLite reads it: not SQLite, or
/// shorter than its header says (unless a hot journal is there to finish
/// a commit, which SQLite does itself).
fn sniff(real: &Path, shown: &str) -> Option<StateSay> {
    let shown = shown.to_string();
    let meta = std::fs::metadata(real).ok()?;
    if !meta.is_file() {
        return Some(StateSay::NotAFile { path: shown });
    }
    let have = meta.len();
    if have == 0 {
        return None; // SQLite's empty database: nothing is lost by using it.
    }
    let mut head = [0u8; 100];
    let mut file = std::fs::File::open(real).ok()?;
    let got = read_up_to(&mut file, &mut head);
    if got < 16 || &head[..16] != b"SQLite format 3\0" {
        return Some(StateSay::NotSqlite { path: shown });
    }
    if got < 100 {
        return Some(StateSay::Truncated {
            path: shown,
            have,
            need: 100,
        });
    }
    let page = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([head[28], head[29], head[30], head[31]]));
    // The page count is valid when the two change counters agree.
    let counted = head[24..28] == head[92..96];
    let need = page * pages;
    let journal = journal_of(real).exists();
    (counted && need > have && !journal).then_some(StateSay::Truncated {
        path: shown,
        have,
        need,
    })
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> usize {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    got
}

fn journal_of(real: &Path) -> PathBuf {
    let mut name = real.file_name().unwrap_or_default().to_os_string();
    name.push("-journal");
    real.with_file_name(name)
}

fn open_real(real: &Path, lang: Lang) -> anyhow::Result<Store> {
    let fail = |e| explain(real, lang, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(real, flags).map_err(fail)?;
    set_busy_wait(&mut conn, real, lang).map_err(fail)?;
    // A page cache big enough for a term's record in one transaction (used
    // only as pages are touched): a smaller one spills pages mid-change, each
    // spill a sync of the journal.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;",
    )
    .map_err(fail)?;
    let mut store = Store {
        conn,
        path: real.to_path_buf(),
        lang,
    };
    check_version(&store)?;
    migrate(&mut store)?;
    Ok(store)
}

/// Waits up to `wait` for another run holding the database, saying at
/// once which run waits for which file.
fn set_busy_wait(conn: &mut Connection, real: &Path, lang: Lang) -> rusqlite::Result<()> {
    let wait = Duration::from_secs(busy_wait_secs());
    let path = real.display().to_string();
    let mut since = Instant::now();
    conn.busy_handler(Some(move |count: i32| {
        if count == 0 {
            since = Instant::now();
            if !SAID.swap(true, Ordering::Relaxed) {
                let waiting = StateSay::Waiting {
                    path: path.clone(),
                    command: super::command().to_string(),
                    pid: std::process::id(),
                    seconds: wait.as_secs(),
                };
                eprintln!("{}", waiting.render(lang));
            }
        }
        std::thread::sleep(Duration::from_millis(if count < 10 { 5 } else { 25 }));
        since.elapsed() < wait
    }))
}

/// A database from a newer kehou, or another program's, is refused.
fn check_version(store: &Store) -> anyhow::Result<()> {
    let fail = |e| explain(&store.path, store.lang, e);
    let shown = store.path.display().to_string();
    let pragma = |name: &str| -> rusqlite::Result<i64> {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
    };
    let version = pragma("user_version").map_err(fail)?;
    let app = pragma("application_id").map_err(fail)?;
    let tables: i64 = store
        .conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(fail)?;
    if app != i64::from(APPLICATION_ID) && (app != 0 || version != 0 || tables != 0) {
        anyhow::bail!("{}", StateSay::NotKehou { path: shown }.render(store.lang));
    }
    if version > LATEST {
        let said = StateSay::Newer {
            path: shown,
            found: version,
            known: LATEST,
        };
        anyhow::bail!("{}", said.render(store.lang));
    }
    Ok(())
}

/// Applies the migrations the database lacks, all in one transaction.
fn migrate(store: &mut Store) -> anyhow::Result<()> {
    let (path, lang) = (store.path.clone(), store.lang);
    let fail = |e| explain(&path, lang, e);
    let version: i64 = (store.conn)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(fail)?;
    if version >= LATEST {
        return Ok(());
    }
    let change = store.change()?;
    // Read again under the write lock: another run may have migrated first.
    let version: i64 = (change.tx)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(fail)?;
    for (done, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        change.tx.execute_batch(sql).map_err(fail)?;
        let pragmas = format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            done + 1
        );
        change.tx.execute_batch(&pragmas).map_err(fail)?;
    }
    // Not WAL: a school's folder may be a network drive.
    change.commit()?;
    let mode: String = (store.conn)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(fail)?;
    if !mode.eq_ignore_ascii_case("delete") {
        (store.conn)
            .query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .map_err(fail)?;
    }
    Ok(())
}

/// Whether the database or its folder is marked read-only (the file's
/// read-only attribute, or no write permission for anyone): refused before
/// a change even where the system would let this user write (root, or a
/// share that ignores the mark), since the office meant it.
pub(super) fn marked_read_only(path: &Path) -> bool {
    let read_only = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    read_only(path) || path.parent().is_some_and(read_only)
}

/// Whether the folder a database would be made in cannot be written.
pub(super) fn folder_read_only(path: &Path) -> bool {
    let folder = path.parent().unwrap_or(Path::new("."));
    let probe = folder.join(format!(".kehou-write-probe.{}", std::process::id()));
    match std::fs::File::create_new(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(30),
    }
}

/// An I/O error that is the disk (or the file size limit) running out.
pub(super) fn out_of_space(e: &rusqlite::Error) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("disk") && text.contains("full") || text.contains("file too large")
}
