//! The database's tables, one forward migration per schema version.
//!
//! `PRAGMA user_version` holds the number of migrations applied. A new kehou
//! applies the ones a database lacks, in order, inside the transaction that
//! opens it for the first time; a database whose version is above
//! [`LATEST`] was written by a newer kehou and is refused (see `open.rs`).
//!
//! To add a table (or a column): append one `&str` to [`MIGRATIONS`] with
//! its `CREATE TABLE` / `ALTER TABLE` statements. Never edit a migration that
//! has shipped: a school's database already ran it.

/// kehou's mark in the file header (`PRAGMA application_id`): "KEHO".
pub const APPLICATION_ID: i32 = 0x4b45_484f;

/// Every migration, in order; the database's `user_version` is how many ran.
pub const MIGRATIONS: &[&str] = &[
    // 1: plan versions, placements, waiting lists, duties; the attendance
    // ledger; what was imported from the CSV files of earlier kehous.
    r#"
CREATE TABLE plan_versions (
    version     INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,            -- the run's --as-of date
    run_at      TEXT NOT NULL,            -- when it was committed (local time)
    how         TEXT NOT NULL,            -- 'plan', 'fresh' or 'import'
    placed      INTEGER NOT NULL,         -- what changed: students placed,
    withdrawn   INTEGER NOT NULL,         -- withdrawn,
    promoted    INTEGER NOT NULL,         -- promoted from a waiting list,
    renewed     INTEGER NOT NULL,         -- whose rows were renewed
    rows_added  INTEGER NOT NULL,         -- placement rows this version added
    rows_ended  INTEGER NOT NULL          -- and the earlier rows it replaced
);

-- A placement row belongs to every version from `since_version` up to, not
-- including, `until_version` (NULL: still in the newest).
CREATE TABLE placements (
    id            INTEGER PRIMARY KEY,
    student       TEXT NOT NULL,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
    block         INTEGER NOT NULL CHECK (block > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('homework','club','activity','reading')),
    grp           TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    planned       TEXT NOT NULL,
    since_version INTEGER NOT NULL REFERENCES plan_versions(version),
    until_version INTEGER REFERENCES plan_versions(version)
);
CREATE INDEX placements_newest ON placements(student) WHERE until_version IS NULL;

CREATE TABLE waitlist (
    version   INTEGER NOT NULL REFERENCES plan_versions(version),
    club      TEXT NOT NULL,
    position  INTEGER NOT NULL CHECK (position > 0),
    student   TEXT NOT NULL,
    PRIMARY KEY (version, club, position)
);

-- Who supervises each group on each weekday, as the version's timetable
-- printed it, from the version's as-of date until the next version's.
CREATE TABLE duties (
    version    INTEGER NOT NULL REFERENCES plan_versions(version),
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    kind       TEXT NOT NULL,
    grp        TEXT NOT NULL,
    teachers   TEXT NOT NULL,             -- staff ids, ';'-separated
    start      TEXT NOT NULL,
    end        TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    students   INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT
);
CREATE TABLE duty_leaders (
    version  INTEGER NOT NULL REFERENCES plan_versions(version),
    weekday  INTEGER NOT NULL,
    leader   TEXT,
    PRIMARY KEY (version, weekday)
);

-- Every mark ever recorded. The ledger is the rows not replaced; a
-- correction is a new row naming the one it corrects.
CREATE TABLE marks (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    block        TEXT NOT NULL,           -- the block's start, HH:MM
    student      TEXT NOT NULL,
    grp          TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('present','leave','absent','early')),
    time         TEXT NOT NULL,
    note         TEXT NOT NULL,
    teacher      TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    source_sheet TEXT NOT NULL,
    source_row   INTEGER,
    recorded_at  TEXT NOT NULL,
    corrects     INTEGER REFERENCES marks(id),
    replaced     INTEGER NOT NULL DEFAULT 0 CHECK (replaced IN (0, 1))
);
CREATE UNIQUE INDEX marks_ledger ON marks(date, block, student) WHERE replaced = 0;

-- The CSV state of an earlier kehou, read in once.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    kept_as     TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
"#,
    // 2: the duties' records: contacts with families about unexplained
    // absences (跟踪制度), and the duty leader's round and 清校.
    r#"
-- One contact about one absence (date, block, student); a second contact
-- at the same time about the same absence is the same one, rewritten.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,           -- the absence's date
    block        TEXT NOT NULL,           -- its block's start, HH:MM
    student      TEXT NOT NULL,
    contact      TEXT NOT NULL,           -- 联系人, as written
    contacted_at TEXT NOT NULL,           -- YYYY-MM-DD HH:MM
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached','not_reached')),
    result       TEXT NOT NULL,           -- 结果, as written
    handled_by   TEXT NOT NULL,           -- 处理人
    source       TEXT NOT NULL,           -- file:row it was read from
    recorded_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX contacts_once ON contacts(date, block, student, contacted_at);

-- The duty leader's check-off: a visit to a group (kind 'patrol', with the
-- group and its block) or the day's 清校 (kind 'clear', grp and block '').
CREATE TABLE rounds (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('patrol','clear')),
    grp           TEXT NOT NULL,
    block         TEXT NOT NULL,
    at            TEXT NOT NULL,          -- 巡视时间 / 清校时间, HH:MM
    note          TEXT NOT NULL,          -- 情况
    signed        TEXT NOT NULL,          -- 签名
    handed_over   INTEGER CHECK (handed_over IN (0, 1)),    -- 清校: all batches handed over
    rooms_checked INTEGER CHECK (rooms_checked IN (0, 1)),  -- 清校: rooms checked
    source        TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX rounds_once ON rounds(date, kind, grp, block);
"#,
    // 3: the care log (看管记录) read back from the daily workbook's sheet.
    r#"
-- One incident: its date, time and children (学号 sorted, ';' apart) make
-- it one; the same line read again is no change, rewritten it replaces.
CREATE TABLE care_log (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,            -- YYYY-MM-DD
    time        TEXT NOT NULL,            -- HH:MM
    students    TEXT NOT NULL,
    grp         TEXT NOT NULL,            -- 去向, as written
    what        TEXT NOT NULL,            -- 情况
    action      TEXT NOT NULL,            -- 处理
    notified_at TEXT,                     -- 通知家长时间, YYYY-MM-DD HH:MM; NULL: not told
    notified_by TEXT NOT NULL,            -- 通知人
    follow_up   TEXT NOT NULL,            -- 后续
    source      TEXT NOT NULL,            -- file:row it was read from
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX care_log_once ON care_log(date, time, students);
"#,
];

/// The schema version this kehou writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;
