//! The school's database read straight with SQLite, as a test sees it: a
//! fingerprint of everything kehou stores (so that "before or after" is one
//! comparison) and SQLite's own integrity check.

#![allow(dead_code)]

use std::hash::{Hash, Hasher};
use std::path::Path;

use rusqlite::{Connection, OpenFlags, types::ValueRef};

/// Every table's rows, in order, without the clock columns (`run_at`,
/// `recorded_at`, `imported_at`) that differ between two identical runs.
const TABLES: &[&str] = &[
    "SELECT version, as_of, how, placed, withdrawn, promoted, renewed, rows_added, rows_ended FROM plan_versions ORDER BY version",
    "SELECT * FROM placements ORDER BY id",
    "SELECT * FROM waitlist ORDER BY rowid",
    "SELECT * FROM duties ORDER BY rowid",
    "SELECT * FROM duty_leaders ORDER BY rowid",
    "SELECT id, date, block, student, grp, status, time, note, teacher, source_file, source_sheet, source_row, corrects, replaced FROM marks ORDER BY id",
];

/// Opens an existing database (a hot journal left by a killed run is rolled
/// back here, as by any SQLite client).
pub fn open(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap()
}

/// A hash of every row kehou stores, and how many rows there are.
pub fn fingerprint(db: &Path) -> (u64, usize) {
    let conn = open(db);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut rows = 0;
    for sql in TABLES {
        let mut q = conn.prepare(sql).unwrap();
        let width = q.column_count();
        let mut found = q.query([]).unwrap();
        while let Some(r) = found.next().unwrap() {
            rows += 1;
            for i in 0..width {
                match r.get_ref(i).unwrap() {
                    ValueRef::Null => 0u8.hash(&mut h),
                    ValueRef::Integer(n) => n.hash(&mut h),
                    ValueRef::Real(x) => x.to_bits().hash(&mut h),
                    ValueRef::Text(t) | ValueRef::Blob(t) => t.hash(&mut h),
                }
            }
        }
        sql.hash(&mut h);
    }
    (h.finish(), rows)
}

/// `PRAGMA integrity_check`'s verdict ("ok" when sound).
pub fn integrity(db: &Path) -> String {
    open(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// How many rows a query counts.
pub fn count(db: &Path, sql: &str) -> i64 {
    open(db).query_row(sql, [], |r| r.get(0)).unwrap()
}
