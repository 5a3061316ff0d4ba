//! Temporary files: held by their writer while it lives, removed by a later
//! run once nobody holds them.
//!
//! A run writes each output first to `.NAME.PID.tmp` beside it and keeps
//! that file open until it has been renamed over `NAME`: on Unix under an
//! exclusive `flock`, on Windows opened so that nobody else may read it.
//! Whether a PID is alive means nothing across PID namespaces or machines
//! sharing a folder (issue #20), but a held file is held for everyone the
//! kernel or file server serves. So a run that writes `NAME` removes the
//! `.NAME.<digits>[-<digits>].tmp` files beside it that it can hold itself
//! (their writer is dead), and only those: never a link or anything but a
//! plain file, never a file of another name, never one a live run holds.

use std::fs::{self, File};
use std::path::Path;

/// Opens a new temporary file at `temp` (never an existing one) and holds
/// it for this run: `None` when another run took it in between.
pub fn create_held(temp: &Path) -> std::io::Result<Option<File>> {
    let file = create_new(temp)?;
    Ok(hold(&file, temp).then_some(file))
}

/// `NAME` when `file_name` is `.NAME.<digits>.tmp` or `.NAME.<digits>-<digits>.tmp`.
pub fn temp_of(file_name: &str) -> Option<&str> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, tag) = inner.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-').unwrap_or((tag, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (!name.is_empty() && digits(pid) && digits(n)).then_some(name)
}

/// Removes, in `folder`, the temporary files of `names` (this run's outputs
/// there) that no live writer holds. Anything it cannot open, hold or
/// prove a plain file is left as it is.
pub fn remove_dead(folder: &Path, names: &[&str]) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(target) = name.to_str().and_then(temp_of) else {
            continue;
        };
        if !names.contains(&target) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        remove_if_unheld(&entry.path());
    }
}

#[cfg(unix)]
fn create_new(temp: &Path) -> std::io::Result<File> {
    // O_EXCL: an existing file or link at the name is an error, never opened.
    File::create_new(temp)
}

/// Takes the writer's lock on a file just created at `temp`; false when a
/// cleaning run removed it before the lock was taken.
#[cfg(unix)]
fn hold(file: &File, temp: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if !lock(file) {
        return false;
    }
    match (file.metadata(), temp.symlink_metadata()) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(unix)]
fn lock(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: flock takes the descriptor of a file open for the call's length.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(unix)]
fn remove_if_unheld(temp: &Path) {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    // Read and write (a lock over NFS needs a writable file); no following
    // links; no waiting on a FIFO.
    let Ok(file) = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(temp)
    else {
        return;
    };
    if !lock(&file) {
        return; // its writer is alive
    }
    let same = match (file.metadata(), temp.symlink_metadata()) {
        (Ok(held), Ok(named)) => {
            held.is_file() && held.dev() == named.dev() && held.ino() == named.ino()
        }
        _ => false,
    };
    if same {
        let _ = fs::remove_file(temp);
    }
}

/// Written by this run alone: others may only delete (which a rename is),
/// not read or write, so a cleaning run cannot open it while it is held.
#[cfg(windows)]
fn create_new(temp: &Path) -> std::io::Result<File> {
    use std::os::windows::fs::OpenOptionsExt;
    use windows_sys::Win32::Storage::FileSystem::FILE_SHARE_DELETE;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .share_mode(FILE_SHARE_DELETE)
        .open(temp)
}

/// Held from its creation by the share mode: nothing more to do.
#[cfg(windows)]
fn hold(_file: &File, _temp: &Path) -> bool {
    true
}

#[cfg(windows)]
fn remove_if_unheld(temp: &Path) {
    use std::os::windows::fs::OpenOptionsExt;
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::GENERIC_READ;
    use windows_sys::Win32::Storage::FileSystem::{
        DELETE, FILE_DISPOSITION_INFO, FILE_FLAG_OPEN_REPARSE_POINT, FileDispositionInfo,
        SetFileInformationByHandle,
    };
    // Shared with nobody: refused while any handle is open (its writer, or
    // Excel); a reparse point (link, junction) is opened itself, not followed.
    let Ok(file) = fs::OpenOptions::new()
        .access_mode(GENERIC_READ | DELETE)
        .share_mode(0)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(temp)
    else {
        return;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && !m.is_symlink())
    {
        return;
    }
    let dispose = FILE_DISPOSITION_INFO { DeleteFile: true };
    // SAFETY: the handle is open for the call; `dispose` outlives it and
    // is the size given.
    unsafe {
        SetFileInformationByHandle(
            file.as_raw_handle() as _,
            FileDispositionInfo,
            (&raw const dispose).cast(),
            size_of::<FILE_DISPOSITION_INFO>() as u32,
        );
    }
}

#[cfg(not(any(unix, windows)))]
fn create_new(temp: &Path) -> std::io::Result<File> {
    File::create_new(temp)
}

#[cfg(not(any(unix, windows)))]
fn hold(_file: &File, _temp: &Path) -> bool {
    true
}

/// No way to tell a held file here: nothing is removed.
#[cfg(not(any(unix, windows)))]
fn remove_if_unheld(_temp: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_temporary_names_of_an_output_are_recognised() {
        assert_eq!(temp_of(".fees.xlsx.99999.tmp"), Some("fees.xlsx"));
        assert_eq!(temp_of(".plan.csv.12-3.tmp"), Some("plan.csv"));
        assert_eq!(temp_of(".a.b.c.7.tmp"), Some("a.b.c"));
        for other in [
            "fees.xlsx.99999.tmp",
            ".fees.xlsx.tmp",
            ".fees.xlsx.x9.tmp",
            ".fees.xlsx.9-.tmp",
            ".fees.xlsx.9.tmp.bak",
            "..9.tmp",
            ".kehou-commit.99999",
        ] {
            assert_eq!(temp_of(other), None, "{other}");
        }
    }

    #[test]
    fn a_dead_writers_file_goes_a_held_one_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let dead = d.join(".fees.xlsx.999999999.tmp");
        fs::write(&dead, "half").unwrap();
        let live = d.join(".fees.xlsx.999999998.tmp");
        let held = create_held(&live).unwrap().expect("held");
        let other = d.join(".students.csv.999999999.tmp");
        fs::write(&other, "not an output of this run").unwrap();
        remove_dead(d, &["fees.xlsx"]);
        assert!(!dead.exists(), "a dead run's temporary file stays");
        assert!(live.exists(), "a live run's temporary file removed");
        assert!(other.exists(), "another name's file removed");
        drop(held);
        remove_dead(d, &["fees.xlsx"]);
        assert!(!live.exists(), "released, it is a dead run's");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_a_temporary_name_is_never_followed_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let precious = outside.path().join("precious.txt");
        fs::write(&precious, "keep me").unwrap();
        let link = dir.path().join(".fees.xlsx.999999999.tmp");
        std::os::unix::fs::symlink(&precious, &link).unwrap();
        remove_dead(dir.path(), &["fees.xlsx"]);
        assert!(link.symlink_metadata().unwrap().is_symlink());
        assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    }
}
