//! File arguments as a Windows user types them: `out\daily\*.xlsx` or a
//! folder. cmd and PowerShell hand the `*` to the program untouched (a Unix
//! shell expands it first), so kehou expands it itself, the same way on
//! every system: a pattern that matches nothing stays as typed, so that the
//! reader names it as a file it cannot find.

use std::path::{Path, PathBuf};

/// The files the arguments name, in order: a folder stands for the
/// registers in it (`.xlsx`, `.csv`; not Excel's `~$` lock files, not hidden
/// ones), a pattern with `*`, `?` or `[` for the files it matches, sorted.
pub fn expand(args: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let found = registers_in(arg);
            if found.is_empty() {
                files.push(arg.clone());
            }
            files.extend(found);
        } else if !arg.exists() && is_pattern(arg) {
            let found = matches(arg);
            if found.is_empty() {
                files.push(arg.clone());
            }
            files.extend(found);
        } else {
            files.push(arg.clone());
        }
    }
    files
}

fn is_pattern(arg: &Path) -> bool {
    arg.to_string_lossy().contains(['*', '?', '['])
}

/// Files matching a pattern, sorted; on Windows `*.XLSX` finds `a.xlsx` as
/// Explorer would.
fn matches(pattern: &Path) -> Vec<PathBuf> {
    let options = glob::MatchOptions {
        case_sensitive: !cfg!(windows),
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let Ok(paths) = glob::glob_with(&pattern.to_string_lossy(), options) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = paths
        .filter_map(Result::ok)
        .filter(|p| p.is_file() && !is_lock_file(p))
        .collect();
    found.sort();
    found
}

/// The workbooks and CSV files directly in a folder, sorted by name.
fn registers_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            p.is_file() && !hidden && !is_lock_file(p) && (ext == "xlsx" || ext == "csv")
        })
        .collect();
    found.sort();
    found
}

/// `~$2026-09-08.xlsx`: Excel's and WPS's marker of a workbook open in them.
fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let daily = dir.path().join("out/daily");
        std::fs::create_dir_all(&daily).unwrap();
        for name in [
            "2026-09-09.xlsx",
            "2026-09-08.xlsx",
            "~$2026-09-08.xlsx",
            ".2026-09-10.xlsx.77.tmp",
            "notes.txt",
            "r.csv",
        ] {
            std::fs::write(daily.join(name), "x").unwrap();
        }
        dir
    }

    fn names(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_pattern_is_expanded_sorted_without_excels_lock_files() {
        let dir = school();
        let pattern = dir.path().join("out/daily/*.xlsx");
        let got = expand(&[pattern]);
        assert_eq!(names(&got), ["2026-09-08.xlsx", "2026-09-09.xlsx"]);
        let pattern = dir.path().join("out/daily/2026-09-0?.*");
        assert_eq!(expand(&[pattern]).len(), 2);
    }

    #[test]
    fn a_folder_stands_for_the_registers_in_it() {
        let dir = school();
        let got = expand(&[dir.path().join("out/daily")]);
        assert_eq!(names(&got), ["2026-09-08.xlsx", "2026-09-09.xlsx", "r.csv"]);
    }

    #[test]
    fn a_plain_file_a_missing_file_and_an_unmatched_pattern_stay_as_typed() {
        let dir = school();
        let typed = [
            dir.path().join("out/daily/notes.txt"),
            dir.path().join("missing.xlsx"),
            dir.path().join("out/weekly/*.xlsx"),
            dir.path().join("out"),
        ];
        let got = expand(&typed);
        assert_eq!(got, typed);
    }
}
