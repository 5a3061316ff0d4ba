//! The school's state in one SQLite database: `kehou.db` beside
//! config.toml (`[files] state` renames it). It holds every plan version
//! with its placements, waiting lists and supervision duties, and the
//! attendance ledger with every correction (DESIGN §2 State).
//!
//! This module is the only door to it: it owns the schema and its
//! migrations (`schema.rs`), how a file is opened or refused (`open.rs`) and
//! every SQL statement. The rest of kehou sees typed functions: reads on
//! [`Store`], writes on [`Change`], one transaction per command that changes
//! state (killed, out of disk or refused half-way, the database is exactly
//! as before or exactly as after). The rollback journal (`kehou.db-journal`,
//! SQLite's own) is used rather than WAL, which is unsafe on network drives.
//!
//! Adding a kind of record (payments, follow-ups, incidents, rounds …):
//! 1. append a migration to [`schema::MIGRATIONS`] that creates its table
//!    (never edit one that has shipped);
//! 2. put its statements in a new file here (`store/payments.rs`): writes as
//!    methods on [`Change`], reads as methods on [`Store`], taking and
//!    returning the module's own types;
//! 3. add the table to `export.rs` so that `kehou export` writes it, and its
//!    invariants (if any) to `check.rs`.

mod check;
mod export;
mod followup;
mod import;
mod incidents;
mod ledger;
mod merge;
mod open;
mod plan;
mod returned;
mod rounds;
pub mod schema;

pub use check::Finding;
pub use export::Exported;
pub use followup::ContactsMerge;
pub use incidents::IncidentsMerge;
pub use ledger::{Conflict, NewMark, Recorded};
pub use plan::{NewVersion, VersionInfo};
pub use returned::FirstRecorded;
pub use rounds::RoundsMerge;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, TransactionBehavior};

use crate::config::Config;
use crate::i18n::{Lang, StateSay};

/// How long a run waits for another holding the database, by default.
pub const WAIT: Duration = Duration::from_secs(120);

/// The open database of one school.
pub struct Store {
    conn: Connection,
    /// The real file (links and `..` resolved): every spelling of it is one lock.
    path: PathBuf,
    lang: Lang,
}

/// One change of state: a transaction holding the database's write lock,
/// committed whole by [`Change::commit`] or rolled back when dropped.
pub struct Change<'s> {
    tx: rusqlite::Transaction<'s>,
    path: &'s Path,
    lang: Lang,
    /// A trial ([`Store::trial`]): says what would change, writes nothing.
    dry: bool,
    /// The marks this change has written so far.
    run: ledger::RunMarks,
}

/// The command this run is (said while it waits for the database).
static COMMAND: OnceLock<String> = OnceLock::new();

/// Names the running command, for the message a waiting run prints.
pub fn set_command(name: &str) {
    let _ = COMMAND.set(name.to_string());
}

/// Sets how long this run waits for another holding the database (before
/// the database is opened: opening reads it too).
pub fn set_wait(wait: Duration) {
    open::set_wait(wait);
}

fn command() -> &'static str {
    COMMAND.get().map_or("", String::as_str)
}

impl Store {
    /// The school's database, if there is one, imported from an earlier
    /// kehou's CSV files on the first run that finds them.
    pub fn open(config: &Config) -> anyhow::Result<Option<Store>> {
        let path = config.state_path();
        let legacy = import::legacy_files(config);
        let create = !legacy.is_empty();
        let Some(mut store) = open::open(&path, config.lang, create)? else {
            return Ok(None);
        };
        if !legacy.is_empty() {
            import::import(&mut store, config, &legacy)?;
        }
        Ok(Some(store))
    }

    /// The school's database, made empty if there is none yet.
    pub fn open_or_create(config: &Config) -> anyhow::Result<Store> {
        let path = config.state_path();
        let legacy = import::legacy_files(config);
        let mut store = open::open(&path, config.lang, true)?
            .with_context(|| format!("cannot create '{}'", path.display()))?;
        if !legacy.is_empty() {
            import::import(&mut store, config, &legacy)?;
        }
        Ok(store)
    }

    /// The newest plan, read without changing anything on disk
    /// (`plan --what-if`): the database opened for reading only (nothing
    /// made, migrated or imported), or else an earlier kehou's `plan.csv`
    /// read in memory. `None` before the first plan.
    pub fn peek_newest_plan(config: &Config) -> anyhow::Result<Option<crate::plan::Plan>> {
        if let Some(mut store) = open::open_read_only(&config.state_path(), config.lang)? {
            return store.newest_plan();
        }
        let f = &config.files;
        if !config.dir.join(&f.plan).is_file() {
            return Ok(None);
        }
        let mut problems = crate::input::Problems::default();
        let plan = crate::plan::Plan::load_csv(&config.dir, &f.plan, &f.waitlist, &mut problems);
        if problems.has_errors() {
            eprint!("{}", problems.report(config.lang, false));
            return Err(crate::exit::DataProblems.into());
        }
        Ok(plan)
    }

    /// The real path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a change: takes the write lock (waiting for another run, and
    /// saying so) before anything is read for it.
    pub fn change(&mut self) -> anyhow::Result<Change<'_>> {
        if open::marked_read_only(&self.path) {
            let path = self.path.display().to_string();
            anyhow::bail!("{}", StateSay::ReadOnly { path }.render(self.lang));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| explain(&self.path, self.lang, e))?;
        Ok(Change {
            tx,
            path: &self.path,
            lang: self.lang,
            dry: false,
            run: Default::default(),
        })
    }

    /// A change tried and never made (`--dry-run`): it reads like a change
    /// but writes nothing, so it takes no write lock and waits for no writer.
    pub fn trial(&mut self) -> anyhow::Result<Change<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(|e| explain(&self.path, self.lang, e))?;
        Ok(Change {
            tx,
            path: &self.path,
            lang: self.lang,
            dry: true,
            run: Default::default(),
        })
    }

    /// A read of several statements that sees one state (another run's
    /// commit lands before or after it, never in between).
    fn read<T>(&mut self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> anyhow::Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(|e| explain(&self.path, self.lang, e))?;
        let out = f(&tx).map_err(|e| explain(&self.path, self.lang, e))?;
        tx.finish().map_err(|e| explain(&self.path, self.lang, e))?;
        Ok(out)
    }

    /// Copies the whole database into a new file `to` with SQLite's online
    /// backup: a consistent copy even while another run writes.
    pub fn backup(&self, to: &Path) -> anyhow::Result<()> {
        if to.exists() || to.symlink_metadata().is_ok() {
            anyhow::bail!(
                "{}",
                StateSay::BackupExists {
                    path: to.display().to_string()
                }
                .render(self.lang)
            );
        }
        let mut copy = Connection::open(to).map_err(|e| explain(to, self.lang, e))?;
        let mut step = || -> rusqlite::Result<()> {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(256, Duration::from_millis(20), None)
        };
        if let Err(e) = step() {
            drop(copy);
            let _ = std::fs::remove_file(to);
            return Err(explain(&self.path, self.lang, e));
        }
        Ok(())
    }
}

impl Change<'_> {
    /// Makes the change durable; until then no other run sees any of it.
    pub fn commit(self) -> anyhow::Result<()> {
        let (path, lang) = (self.path, self.lang);
        if self.dry {
            return self.tx.rollback().map_err(|e| explain(path, lang, e));
        }
        self.tx.commit().map_err(|e| explain(path, lang, e))
    }

    fn fail(&self, e: rusqlite::Error) -> anyhow::Error {
        explain(self.path, self.lang, e)
    }
}

/// An SQLite error as the school office reads it: which file, what is
/// wrong with it, and that nothing was changed.
fn explain(path: &Path, lang: Lang, e: rusqlite::Error) -> anyhow::Error {
    use rusqlite::ErrorCode as C;
    let shown = path.display().to_string();
    let said = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => StateSay::StillBusy {
            path: shown,
            seconds: open::busy_wait_secs(),
        },
        Some(C::DatabaseCorrupt | C::NotADatabase) => StateSay::Damaged {
            path: shown,
            detail: e.to_string(),
        },
        Some(C::ReadOnly | C::PermissionDenied) => StateSay::ReadOnly { path: shown },
        Some(C::DiskFull) => StateSay::DiskFull { path: shown },
        Some(C::CannotOpen) if open::folder_read_only(path) => StateSay::ReadOnly { path: shown },
        Some(C::CannotOpen) => StateSay::CannotOpen {
            path: shown,
            detail: e.to_string(),
        },
        _ if open::out_of_space(&e) => StateSay::DiskFull { path: shown },
        _ => return anyhow::Error::new(e).context(format!("'{shown}'")),
    };
    anyhow::anyhow!("{}", said.render(lang))
}

/// `YYYY-MM-DD` as stored; the parse is by hand because a term's ledger
/// has a million of them.
fn day(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        s.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?))
        .flatten();
    parsed.ok_or_else(|| bad_value(text))
}

/// `HH:MM` as stored.
fn clock(text: &str) -> rusqlite::Result<chrono::NaiveTime> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| bad_value(text))
}

fn bad_value(text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("'{text}' is not a value kehou writes").into(),
    )
}

/// Now, as stored in `run_at` / `recorded_at`.
fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
