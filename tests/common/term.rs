//! A generated school with a plan, the real binary run on it, and the daily
//! workbook edited the way a spreadsheet program would (umya-spreadsheet).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use kehou::demo::{Shape, generate};

pub struct Term {
    pub dir: tempfile::TempDir,
}

impl Term {
    /// A generated school of `students`, planned as of the term's first day.
    pub fn new(students: usize, seed: u64) -> Term {
        let term = Term::unplanned(students, seed);
        let (code, text) = term.run(&["plan", "--as-of", "2026-09-07"]);
        assert_eq!(code, 0, "{text}");
        term
    }

    pub fn unplanned(students: usize, seed: u64) -> Term {
        let dir = tempfile::tempdir().unwrap();
        generate(&Shape::new(students, seed), dir.path()).unwrap();
        Term { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap();
    }

    /// Runs `kehou -c config.toml ARGS`: the exit code and both streams.
    pub fn run(&self, args: &[&str]) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
            .current_dir(self.dir.path())
            .arg("-c")
            .arg(self.path("config.toml"))
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    }

    /// The ledger as `kehou export` writes it (`attendance.csv`; empty when
    /// nothing is recorded or there is no database yet).
    pub fn ledger_csv(&self) -> String {
        let view = tempfile::tempdir().unwrap();
        let to = view.path().to_str().unwrap();
        let (code, text) = self.run(&["export", "--to", to]);
        if code != 0 {
            assert!(!self.path("kehou.db").exists(), "{text}");
            return String::new();
        }
        std::fs::read_to_string(view.path().join("attendance.csv")).unwrap()
    }

    /// The ledger's rows as (date, block, group, student, status, note, teacher).
    pub fn ledger(&self) -> Vec<Vec<String>> {
        let text = self.ledger_csv();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                [0, 1, 2, 3, 4, 6, 8]
                    .iter()
                    .map(|&i| rec.get(i).unwrap_or("").to_string())
                    .collect()
            })
            .collect()
    }

    /// The status the ledger holds for a student at a block start.
    pub fn status_of(&self, date: &str, block: &str, student: &str) -> Option<String> {
        self.ledger()
            .into_iter()
            .find(|r| r[0] == date && r[1] == block && r[3] == student)
            .map(|r| r[4].clone())
    }
}

/// Sign-in sheet columns (1-based), as `daily` writes them.
pub const NAME: u32 = 3;
pub const ID: u32 = 4;
pub const STATUS: u32 = 5;
pub const NOTES: u32 = 9;
pub const KEY: u32 = 10;
pub const TEACHER: u32 = 11;

/// A daily workbook open for editing.
pub struct Book {
    pub book: umya_spreadsheet::Workbook,
}

impl Book {
    pub fn open(path: &std::path::Path) -> Book {
        Book {
            book: umya_spreadsheet::reader::xlsx::read(path).unwrap(),
        }
    }

    pub fn save(&self, path: &std::path::Path) {
        umya_spreadsheet::writer::xlsx::write(&self.book, path).unwrap();
    }

    /// The names of the sign-in sheets of one block, in order (a room's
    /// sheet for the afternoon has a status column per block: see
    /// [`afternoon_columns`]).
    pub fn sign_in_sheets(&self) -> Vec<String> {
        self.book
            .sheet_collection()
            .iter()
            .filter(|s| s.value((KEY, 2)) == "登记键" && s.value((STATUS, 2)) == "状态")
            .map(|s| s.name().to_string())
            .collect()
    }

    /// The names of every sheet carrying register keys, in order: the
    /// sign-in sheets of one block and the rooms' sheets for the afternoon.
    pub fn keyed_sheet_names(&self) -> Vec<String> {
        (self.book.sheet_collection().iter())
            .filter(|s| afternoon_columns(s).is_some())
            .map(|s| s.name().to_string())
            .collect()
    }

    /// How many sheets carry register keys (every sign-in sheet, a room's
    /// sheet for the afternoon too).
    pub fn keyed_sheets(&self) -> usize {
        (self.book.sheet_collection().iter())
            .filter(|s| afternoon_columns(s).is_some())
            .count()
    }

    /// How many (child, block) keys the sign-in sheets print: one a row, or
    /// a row's blocks' keys `;` apart on a room's sheet for the afternoon.
    pub fn keys(&self) -> usize {
        let mut n = 0;
        for s in self.book.sheet_collection() {
            let Some((key, _)) = afternoon_columns(s) else {
                continue;
            };
            for r in 3..=s.highest_row() {
                n += (s.value((key, r)).split(';'))
                    .filter(|k| !k.is_empty())
                    .count();
            }
        }
        n
    }

    pub fn sheet(&mut self, name: &str) -> &mut umya_spreadsheet::Worksheet {
        self.book.sheet_by_name_mut(name).unwrap()
    }

    /// The printed rows of a sheet (those with a key).
    pub fn rows(&mut self, name: &str) -> Vec<u32> {
        let sheet = self.sheet(name);
        (3..=sheet.highest_row())
            .filter(|&r| !sheet.value((KEY, r)).is_empty())
            .collect()
    }

    /// Fills every status cell of every sign-in sheet with `status`: every
    /// block's column of a room's sheet for the afternoon where the child is
    /// there for the block.
    pub fn fill_all(&mut self, status: &str) {
        for sheet in self.book.sheet_collection_mut() {
            let Some((key, statuses)) = afternoon_columns(sheet) else {
                continue;
            };
            for r in 3..=sheet.highest_row() {
                if sheet.value((key, r)).is_empty() {
                    continue;
                }
                for &c in &statuses {
                    if !not_here(&sheet.value((c, r))) {
                        sheet.cell_mut((c, r)).set_value(status);
                    }
                }
            }
        }
    }
}

/// Whether a block's cell on a sign-in sheet says the child is not there
/// for the block: anything printed in it but 假 (where the child is
/// instead: a club, `离校 16:10`, or `—`).
pub fn not_here(cell: &str) -> bool {
    !cell.is_empty() && cell != "假"
}

/// A sign-in sheet's key column and its status columns (one, or one per
/// block on a room's sheet for the afternoon), from its header row.
pub fn afternoon_columns(sheet: &umya_spreadsheet::Worksheet) -> Option<(u32, Vec<u32>)> {
    let last = sheet.highest_column();
    let key = (1..=last).find(|&c| sheet.value((c, 2)) == "登记键")?;
    let statuses = (1..=last)
        .filter(|&c| sheet.value((c, 2)).starts_with("状态"))
        .collect();
    Some((key, statuses))
}

/// A sign-in sheet's column headed `header` (its header row is row 2).
pub fn column(sheet: &umya_spreadsheet::Worksheet, header: &str) -> Option<u32> {
    (1..=sheet.highest_column()).find(|&c| sheet.value((c, 2)) == header)
}

/// The planned teachers a sign-in sheet's title names (`看护教师: 王芳 应到 26`).
pub fn title_teachers(sheet: &umya_spreadsheet::Worksheet) -> String {
    let title = sheet.value((1, 1));
    let after = title.split_once("看护教师: ").map_or("", |(_, t)| t);
    after.split(" 应到").next().unwrap_or("").to_string()
}
