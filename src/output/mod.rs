//! The one way kehou writes a file: all of it, or nothing.
//!
//! Outputs are rendered to bytes first (so a failed check writes nothing),
//! or, when too big to hold, straight into their temporary file beside the
//! target ([`Staged`], removed if the run stops first); then each temporary
//! file is synced and renamed over the old one. A run killed at any point leaves either the old
//! file or the new one, never a mix. The school's state is not kept in
//! files but in its database (`crate::store`), committed before any output.
//! Names built from the data are cut down to one safe path component, and
//! before anything is replaced every target that cannot be (open in Excel,
//! read-only, an input) is named and none is ([`preflight`]).

mod failed;
mod leftover;
mod name;
pub mod preflight;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use failed::CannotWrite;
pub use name::safe_component;
pub use preflight::Refused;

/// Files rendered, waiting to be written together.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<(PathBuf, Body)>,
    /// Files no output may replace (the inputs).
    protected: Vec<PathBuf>,
}

/// What an output holds until it is written.
#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Already in the temporary file beside its target.
    Staged(Staged),
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::Bytes(bytes)
    }
}

impl From<Staged> for Body {
    fn from(staged: Staged) -> Body {
        Body::Staged(staged)
    }
}

impl Outputs {
    pub fn add(&mut self, path: PathBuf, body: impl Into<Body>) {
        self.files.push((path, body.into()));
    }

    /// An output named from the data: `name` becomes one safe file name in `dir`.
    /// Two names that become the same file (`A/101` and `A:101`, or names
    /// differing only in case, one file on Windows and macOS) stay two: the
    /// later one gains `~2`, `~3`… before its extension.
    pub fn file(&mut self, dir: &Path, name: &str, body: impl Into<Body>) {
        let safe = safe_component(name);
        let taken = |p: &Path| {
            let p = p.to_string_lossy().to_lowercase();
            self.files
                .iter()
                .any(|(q, _)| q.to_string_lossy().to_lowercase() == p)
        };
        let mut path = dir.join(&safe);
        let mut n = 2;
        while taken(&path) {
            let (stem, ext) = match safe.rfind('.') {
                Some(i) if i > 0 => safe.split_at(i),
                _ => (safe.as_str(), ""),
            };
            path = dir.join(safe_component(&format!("{stem}~{n}{ext}")));
            n += 1;
        }
        self.files.push((path, body.into()));
    }

    /// Files that no output of this run may replace.
    pub fn protect(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.protected.extend(paths);
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }

    /// Whether every target could be replaced now: each one that is an
    /// input, read-only, a folder or held open by another program, named.
    /// A run that changes the database asks before its commit, so that a
    /// refused output leaves the state as it was too.
    pub fn check(&self) -> Result<(), Refused> {
        self.preflight(preflight::replaceable)
    }

    /// Checks every target, then writes every output atomically, one by one.
    pub fn write_all(self) -> anyhow::Result<Vec<PathBuf>> {
        self.write_all_probed(preflight::replaceable)
    }

    /// [`Outputs::write_all`], asking `probe` whether a target can be replaced.
    fn write_all_probed(
        self,
        probe: impl Fn(&Path) -> std::io::Result<()>,
    ) -> anyhow::Result<Vec<PathBuf>> {
        self.preflight(probe)?;
        let mut written = Vec::with_capacity(self.files.len());
        for (path, body) in self.files {
            let sealed = match body {
                Body::Bytes(bytes) => write_temp(&path, &bytes)?,
                Body::Staged(staged) => staged.seal(&path)?,
            };
            rename_over(sealed, &path)?;
            written.push(path);
        }
        remove_dead_temps(&written);
        Ok(written)
    }

    /// Refuses, before anything is written, every target that is one of the
    /// inputs, read-only, or held open by another program, naming them all.
    fn preflight(&self, probe: impl Fn(&Path) -> std::io::Result<()>) -> Result<(), Refused> {
        let mut inputs = RUN_FILES.lock().map(|f| f.clone()).unwrap_or_default();
        inputs.extend(self.protected.iter().cloned());
        let ignore_case = preflight::NAMES_IGNORE_CASE;
        preflight::check(
            self.files.iter().map(|(p, _)| p.as_path()),
            &inputs,
            ignore_case,
            &probe,
        )
    }
}

/// The inputs and the database of this run, which no output may replace.
static RUN_FILES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Names the files of this run that outputs must never replace (called once
/// the config is read: the inputs and the database).
pub fn protect_for_run(paths: impl IntoIterator<Item = PathBuf>) {
    if let Ok(mut files) = RUN_FILES.lock() {
        files.extend(paths);
    }
}

/// Removes the temporary files that dead runs left beside `written` (see
/// [`leftover`]): one look at each folder.
fn remove_dead_temps(written: &[PathBuf]) {
    let mut folders: Vec<(&Path, Vec<&str>)> = Vec::new();
    for path in written {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let folder = folder_of(path);
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, names)) => names.push(name),
            None => folders.push((folder, vec![name])),
        }
    }
    for (folder, names) in folders {
        leftover::remove_dead(folder, &names);
    }
}

/// A new temporary file beside `path`, `.NAME.PID.tmp` (or `.NAME.PID-2.tmp`
/// … when that name is taken), held by this run until renamed: a file
/// already there, whoever left it (a run in another PID namespace, or
/// planted), is never opened or replaced.
fn new_temp(path: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let pid = std::process::id();
    let mut n = 1;
    loop {
        let tag = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let temp = folder_of(path).join(format!(".{name}.{pid}{tag}.tmp"));
        match leftover::create_held(&temp) {
            Ok(Some(file)) => return Ok((temp, file)),
            Ok(None) if n < 1000 => n += 1,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Ok(None) => return Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(e) => return Err(e),
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    preflight::check([path], &[], false, preflight::replaceable)?;
    let sealed = write_temp(path, bytes)?;
    rename_over(sealed, path)?;
    remove_dead_temps(&[path.to_path_buf()]);
    Ok(())
}

/// A temporary file written and synced, still held by this run.
struct Sealed {
    temp: PathBuf,
    _held: Option<fs::File>,
}

/// Renames a written temporary file over its target, durably, and only
/// then lets go of it.
fn rename_over(sealed: Sealed, path: &Path) -> anyhow::Result<()> {
    if let Err(e) = fs::rename(&sealed.temp, path) {
        let _ = fs::remove_file(&sealed.temp);
        return Err(CannotWrite::file(path, e));
    }
    drop(sealed);
    sync_folder(folder_of(path));
    Ok(())
}

/// Writes and syncs the temporary file for `path`, still held.
fn write_temp(path: &Path, bytes: &[u8]) -> anyhow::Result<Sealed> {
    let mut staged = Staged::new(path)?;
    staged
        .write_all(bytes)
        .map_err(|e| CannotWrite::file(path, e))?;
    staged.seal(path)
}

/// An output rendered straight into the temporary file beside its target
/// (a big school's workbook and plan are 100 MB each, not to be held in
/// memory whole). Renamed over the target when the outputs are written;
/// removed if the run stops before.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl Staged {
    pub fn new(target: &Path) -> anyhow::Result<Staged> {
        let target = &std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
        let dir = folder_of(target);
        fs::create_dir_all(dir).map_err(|e| CannotWrite::folder(dir, e))?;
        let (temp, file) = new_temp(target).map_err(|e| CannotWrite::file(target, e))?;
        Ok(Staged {
            temp,
            file: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes and syncs the file and hands it over, still held, to be renamed.
    fn seal(mut self, target: &Path) -> anyhow::Result<Sealed> {
        let held = (|| -> std::io::Result<Option<fs::File>> {
            let Some(file) = self.file.take() else {
                return Ok(None);
            };
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok(Some(file))
        })();
        let held = held.map_err(|e| CannotWrite::file(target, e))?;
        Ok(Sealed {
            temp: std::mem::take(&mut self.temp),
            _held: held,
        })
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    /// A staged file never sealed (the run stopped first) is removed.
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            drop(self.file.take());
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Raises this process's limit on open files as far as the system allows:
/// a big school's timetable streams each of its thousands of sheets through
/// a temporary file, open until the workbook is packed (past the limit a
/// sheet is kept in memory instead, which a district cannot afford).
#[cfg(unix)]
pub fn allow_many_open_files() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: both calls only read or write the struct they are given.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return;
        }
        // macOS refuses more than OPEN_MAX (10,240) however high its hard limit.
        let most = match limit.rlim_max {
            libc::RLIM_INFINITY => 10_240,
            max => max,
        };
        if limit.rlim_cur < most {
            limit.rlim_cur = most;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

#[cfg(not(unix))]
pub fn allow_many_open_files() {}

/// Makes renames in a folder durable where the platform allows it.
fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/plan.csv");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_staged_output_replaces_its_target_or_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("plan.csv");
        let book = dir.path().join("out/timetable.xlsx");
        fs::write(&state, "old").unwrap();
        // Rendered, then the run stops before writing: no trace.
        let mut staged = Staged::new(&state).unwrap();
        staged.write_all(b"half").unwrap();
        drop(staged);
        assert_eq!(fs::read(&state).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Rendered and written: the targets replaced, no temporary file left.
        let mut outputs = Outputs::default();
        for (path, text) in [(&book, "book"), (&state, "new")] {
            let mut staged = Staged::new(path).unwrap();
            staged.write_all(text.as_bytes()).unwrap();
            outputs.add(path.clone(), staged);
        }
        outputs.write_all().unwrap();
        assert_eq!(fs::read(&state).unwrap(), b"new");
        assert_eq!(fs::read(&book).unwrap(), b"book");
        let names = |d: &Path| fs::read_dir(d).unwrap().count();
        assert_eq!((names(dir.path()), names(&dir.path().join("out"))), (2, 1));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_planted_at_the_temporary_name_is_never_opened_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let precious = outside.path().join("precious.txt");
        fs::write(&precious, "keep me").unwrap();
        let target = dir.path().join("plan.csv");
        // This very process's temporary name, taken by a link out of the folder.
        let planted = folder_of(&target).join(format!(".plan.csv.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&precious, &planted).unwrap();
        let mut outputs = Outputs::default();
        let mut staged = Staged::new(&target).unwrap();
        staged.write_all(b"new").unwrap();
        outputs.add(target.clone(), staged);
        outputs.write_all().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
        assert!(planted.symlink_metadata().unwrap().file_type().is_symlink());
    }

    #[test]
    fn read_only_targets_and_inputs_are_refused_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.csv");
        fs::write(&plan, "old").unwrap();
        let mut perms = fs::metadata(&plan).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&plan, perms).unwrap();
        let mut outputs = Outputs::default();
        outputs.file(dir.path(), "timetable.xlsx", b"t".to_vec());
        outputs.add(plan.clone(), b"new".to_vec());
        assert!(outputs.write_all().is_err());
        assert_eq!(fs::read(&plan).unwrap(), b"old");
        assert!(!dir.path().join("timetable.xlsx").exists());
        let students = dir.path().join("students.csv");
        fs::write(&students, "s").unwrap();
        let mut outputs = Outputs::default();
        outputs.protect([students.clone()]);
        outputs.add(dir.path().join("out/../students.csv"), b"x".to_vec());
        assert!(outputs.write_all().is_err());
        assert_eq!(fs::read(&students).unwrap(), b"s");
    }

    #[test]
    fn a_target_held_open_stops_the_run_before_anything_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let day = |d: u32| dir.path().join(format!("out/daily/2026-09-{d:02}.xlsx"));
        let plan = dir.path().join("plan.csv");
        for path in [day(8), day(9), day(10), plan.clone()] {
            write_atomic(&path, b"old").unwrap();
        }
        let mut outputs = Outputs::default();
        for d in 8..=10 {
            outputs.add(day(d), b"new".to_vec());
        }
        outputs.add(plan.clone(), b"new".to_vec());
        let held = day(9);
        let error = outputs
            .write_all_probed(|p| match p == held {
                true => Err(std::io::Error::from_raw_os_error(32)),
                false => Ok(()),
            })
            .unwrap_err();
        let refused = error.downcast_ref::<Refused>().unwrap();
        assert_eq!(refused.0, [(day(9), preflight::Blocked::Busy)]);
        for path in [day(8), day(9), day(10), plan] {
            assert_eq!(fs::read(&path).unwrap(), b"old", "{}", path.display());
        }
        let left = fs::read_dir(dir.path().join("out/daily")).unwrap().count();
        assert_eq!(left, 3, "no temporary file left");
    }
}
