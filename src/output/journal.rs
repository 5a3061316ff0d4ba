//! Replacing several state files as one: plan.csv and waitlist.csv must
//! never be from two different runs.
//!
//! [`commit`] writes each new file to a temporary file beside its target,
//! then a journal (`.kehou-commit.PID`, itself written atomically) naming
//! each temporary file and its target, then renames them all and removes
//! the journal. A run killed before the journal exists leaves the old set
//! and some temporary files; one killed after it leaves a journal. The next
//! run of any command calls [`recover`]: it finishes every journal of a dead
//! process (the renames are idempotent), then deletes the temporary files of
//! dead kehou processes. So the set is always all old or all new.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Body;

const JOURNAL_PREFIX: &str = ".kehou-commit.";
const END: &str = "end";

/// Replaces every target with its body together (see the module comment).
pub fn commit(files: Vec<(PathBuf, Body)>) -> anyhow::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let mut moves = Vec::with_capacity(files.len());
    let first = std::path::absolute(&files[0].0).unwrap_or_else(|_| files[0].0.clone());
    let folder = super::folder_of(&first).to_path_buf();
    let journal = folder.join(format!("{JOURNAL_PREFIX}{}", std::process::id()));
    let written = (|| -> anyhow::Result<()> {
        for (target, body) in files {
            let target = std::path::absolute(&target).unwrap_or(target);
            let temp = match body {
                Body::Bytes(bytes) => super::write_temp(&target, &bytes)?,
                Body::Staged(staged) => staged.seal(&target)?,
            };
            moves.push((temp, target));
        }
        super::write_atomic(&journal, render(&moves).as_bytes())
    })();
    if let Err(e) = written {
        // No journal: the old set stands, and the new files are taken back.
        for (temp, _) in &moves {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    finish(&moves).with_context(|| format!("cannot finish '{}'", journal.display()))?;
    fs::remove_file(&journal).with_context(|| format!("cannot remove '{}'", journal.display()))?;
    super::sync_folder(&folder);
    Ok(())
}

fn render(moves: &[(PathBuf, PathBuf)]) -> String {
    let mut text = String::new();
    for (temp, target) in moves {
        text += &format!("{}\t{}\n", temp.display(), target.display());
    }
    text + END + "\n"
}

/// The moves of a journal, if it is whole.
fn parse(text: &str) -> Option<Vec<(PathBuf, PathBuf)>> {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.pop()? != END {
        return None;
    }
    lines
        .iter()
        .map(|l| {
            let (temp, target) = l.split_once('\t')?;
            Some((PathBuf::from(temp), PathBuf::from(target)))
        })
        .collect()
}

/// Renames every temporary file still there over its target.
fn finish(moves: &[(PathBuf, PathBuf)]) -> std::io::Result<()> {
    for (temp, target) in moves {
        match fs::rename(temp, target) {
            Ok(()) => {}
            // Already moved by an earlier, interrupted finish.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    for folder in moves.iter().map(|(_, t)| super::folder_of(t)) {
        super::sync_folder(folder);
    }
    Ok(())
}

/// Finishes the journals and removes the temporary files that dead kehou
/// runs left in `folders` (and their subfolders, one level down).
pub fn recover(folders: &[PathBuf]) -> anyhow::Result<()> {
    for folder in folders {
        for (path, name) in entries(folder) {
            if let Some(pid) = name.strip_prefix(JOURNAL_PREFIX)
                && dead(pid)
            {
                let text = fs::read_to_string(&path).unwrap_or_default();
                if let Some(moves) = parse(&text) {
                    finish(&moves)
                        .with_context(|| format!("cannot finish '{}'", path.display()))?;
                }
                let _ = fs::remove_file(&path);
            }
        }
    }
    for folder in folders {
        remove_stale_temps(folder);
        for (path, _) in entries(folder) {
            if path.is_dir() {
                remove_stale_temps(&path);
            }
        }
    }
    Ok(())
}

fn entries(folder: &Path) -> Vec<(PathBuf, String)> {
    let Ok(read) = fs::read_dir(folder) else {
        return Vec::new();
    };
    read.filter_map(Result::ok)
        .filter_map(|e| Some((e.path(), e.file_name().into_string().ok()?)))
        .collect()
}

/// `.NAME.PID.tmp` files of processes that no longer run.
fn remove_stale_temps(folder: &Path) {
    for (path, name) in entries(folder) {
        if let Some(pid) = temp_owner(&name)
            && dead(pid)
            && path.is_file()
        {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The process id in a temporary file's name `.NAME.PID.tmp`.
fn temp_owner(name: &str) -> Option<&str> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once('.')?;
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(pid)
}

/// Whether no process with this id runs (this one counts as running).
fn dead(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    !super::alive::running(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_left_by_a_dead_run_is_finished_and_temps_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("plan.csv"), "old plan").unwrap();
        fs::write(d.join("waitlist.csv"), "new wait").unwrap();
        // Killed after renaming waitlist.csv, before plan.csv.
        let dead_pid = 999_999_999u32;
        let temp = d.join(format!(".plan.csv.{dead_pid}.tmp"));
        fs::write(&temp, "new plan").unwrap();
        let moves = vec![
            (temp, d.join("plan.csv")),
            (
                d.join(format!(".waitlist.csv.{dead_pid}.tmp")),
                d.join("waitlist.csv"),
            ),
        ];
        fs::write(
            d.join(format!("{JOURNAL_PREFIX}{dead_pid}")),
            render(&moves),
        )
        .unwrap();
        fs::write(d.join(format!(".timetable.xlsx.{dead_pid}.tmp")), "x").unwrap();
        recover(&[d.to_path_buf()]).unwrap();
        assert_eq!(fs::read_to_string(d.join("plan.csv")).unwrap(), "new plan");
        assert_eq!(
            fs::read_to_string(d.join("waitlist.csv")).unwrap(),
            "new wait"
        );
        let left: Vec<_> = entries(d).into_iter().map(|(_, n)| n).collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn a_set_that_cannot_be_written_whole_leaves_the_old_one_and_no_temps() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("plan.csv"), "old").unwrap();
        // The second target's folder is a file: its temporary file cannot be made.
        fs::write(d.join("blocked"), "").unwrap();
        let files = vec![
            (d.join("plan.csv"), Body::Bytes(b"new".to_vec())),
            (d.join("blocked/waitlist.csv"), Body::Bytes(b"new".to_vec())),
        ];
        assert!(commit(files).is_err());
        assert_eq!(fs::read(d.join("plan.csv")).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_torn_journal_is_not_followed() {
        assert_eq!(parse("a\tb\n"), None);
        assert_eq!(temp_owner(".plan.csv.123.tmp"), Some("123"));
        assert_eq!(temp_owner("plan.csv"), None);
    }
}
