//! `kehou check`'s look at the database: SQLite's own integrity check, then
//! kehou's invariants over what it stored (DESIGN §4): one group per
//! student and block at any date of the newest plan, versions in order,
//! every correction pointing at the mark it replaced.

use super::Store;

/// One thing wrong with the database, said in English for the report
/// (these are for whoever repairs the file, with the rows named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding(pub String);

/// Each invariant: a query that returns a row for each breach.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "a placement row ends before it starts",
        "SELECT 'placement ' || id || ': ' || student || ' ' || valid_from || ' > ' || valid_to \
         FROM placements WHERE valid_to IS NOT NULL AND valid_to < valid_from",
    ),
    (
        "a placement row is replaced by the version that wrote it, or an earlier one",
        "SELECT 'placement ' || id || ': versions ' || since_version || '..' || until_version \
         FROM placements WHERE until_version IS NOT NULL AND until_version <= since_version",
    ),
    (
        "a student is in two groups in one block of the newest plan",
        "SELECT 'student ' || a.student || ' weekday ' || a.weekday || ' block ' || a.block || ': placements ' || a.id || ' and ' || b.id \
         FROM placements a JOIN placements b ON a.student = b.student AND a.weekday = b.weekday \
           AND a.block = b.block AND a.id < b.id \
         WHERE a.until_version IS NULL AND b.until_version IS NULL \
           AND (a.valid_to IS NULL OR a.valid_to >= b.valid_from) \
           AND (b.valid_to IS NULL OR b.valid_to >= a.valid_from)",
    ),
    (
        "a correction names a mark that is not replaced",
        "SELECT 'mark ' || m.id || ' corrects ' || m.corrects FROM marks m \
         LEFT JOIN marks old ON old.id = m.corrects \
         WHERE m.corrects IS NOT NULL AND (old.id IS NULL OR old.replaced = 0)",
    ),
    (
        "a replaced mark has no correction",
        "SELECT 'mark ' || old.id FROM marks old WHERE old.replaced = 1 \
         AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.corrects = old.id)",
    ),
];

impl Store {
    /// Everything wrong with the database; empty when it is sound.
    pub fn check(&mut self) -> anyhow::Result<Vec<Finding>> {
        self.read(|conn| {
            let mut found = Vec::new();
            let mut q = conn.prepare("PRAGMA integrity_check")?;
            for line in q.query_map([], |r| r.get::<_, String>(0))? {
                let line = line?;
                if line != "ok" {
                    found.push(Finding(format!("integrity_check: {line}")));
                }
            }
            let mut q = conn.prepare("PRAGMA foreign_key_check")?;
            let mut rows = q.query([])?;
            while let Some(r) = rows.next()? {
                let table: String = r.get(0)?;
                let row: Option<i64> = r.get(1)?;
                found.push(Finding(format!(
                    "foreign_key_check: {table} row {}",
                    row.unwrap_or_default()
                )));
            }
            if !found.is_empty() {
                return Ok(found);
            }
            for (what, sql) in INVARIANTS {
                let mut q = conn.prepare(sql)?;
                for row in q.query_map([], |r| r.get::<_, String>(0))?.take(20) {
                    found.push(Finding(format!("{what}: {}", row?)));
                }
            }
            Ok(found)
        })
    }
}
