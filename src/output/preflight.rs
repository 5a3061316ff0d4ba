//! Before a run replaces anything, every target it could not replace is
//! found, and the run replaces none of its outputs: a workbook open in
//! Excel or WPS (Windows will not replace a file another program holds), a
//! read-only file, or one of the files the run reads — compared as the
//! file system compares names, so that on Windows and macOS
//! `out/Slips-Consent.csv` is the input `out/slips-consent.csv`.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Refusal};

/// Why a target cannot be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// Another program holds it open (Excel, WPS, a viewer).
    Busy,
    ReadOnly,
    /// The run reads it.
    Input,
}

/// The targets a run cannot replace, all of them; nothing was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Vec<(PathBuf, Blocked)>);

impl Refused {
    pub fn render(&self, lang: Lang) -> String {
        let of = |kind: Blocked| -> Vec<String> {
            self.0
                .iter()
                .filter(|(_, why)| *why == kind)
                .map(|(path, _)| shown(path))
                .collect()
        };
        Refusal {
            busy: of(Blocked::Busy),
            read_only: of(Blocked::ReadOnly),
            inputs: of(Blocked::Input),
        }
        .render(lang)
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Refused {}

/// Whether this system's file names ignore case (NTFS, APFS as installed).
pub const NAMES_IGNORE_CASE: bool = cfg!(any(windows, target_os = "macos"));

/// Every target that cannot be replaced, in the order given: an input
/// (by name, folded when `ignore_case`), read-only, or refused by `probe`
/// (which asks the system whether the file could be replaced now).
pub fn check<'a>(
    targets: impl IntoIterator<Item = &'a Path>,
    inputs: &[PathBuf],
    ignore_case: bool,
    probe: impl Fn(&Path) -> std::io::Result<()>,
) -> Result<(), Refused> {
    let inputs: Vec<String> = inputs.iter().map(|p| name_key(p, ignore_case)).collect();
    let mut blocked = Vec::new();
    for target in targets {
        let why = if inputs.contains(&name_key(target, ignore_case)) {
            Some(Blocked::Input)
        } else if std::fs::metadata(target).is_ok_and(|m| m.permissions().readonly()) {
            Some(Blocked::ReadOnly)
        } else if probe(target).is_err() {
            Some(Blocked::Busy)
        } else {
            None
        };
        if let Some(why) = why {
            blocked.push((target.to_path_buf(), why));
        }
    }
    match blocked.is_empty() {
        true => Ok(()),
        false => Err(Refused(blocked)),
    }
}

/// A path as the file system tells files apart: absolute, `.` and `..`
/// resolved by their text, case folded where names ignore case.
pub fn name_key(path: &Path, ignore_case: bool) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let text = out.to_string_lossy();
    match ignore_case {
        true => text.to_lowercase(),
        false => text.into_owned(),
    }
}

/// Whether the system would let this run replace the file now. Windows
/// refuses to rename over a file that another program holds open without
/// sharing its deletion (Excel and WPS hold their workbooks so): opening it
/// for deletion, with every kind of sharing, fails exactly then. Elsewhere
/// an open file never stops a rename.
pub fn replaceable(path: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        use windows_sys::Win32::Storage::FileSystem::{
            DELETE, FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE,
        };
        match std::fs::OpenOptions::new()
            .access_mode(DELETE)
            .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
            .open(path)
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        Ok(())
    }
}

/// A path as the user typed it or Explorer shows it: never Windows'
/// verbatim form (`\\?\D:\课后` is shown `D:\课后`, `\\?\UNC\server\share`
/// `\\server\share`).
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        return format!(r"\\{rest}");
    }
    match text.strip_prefix(r"\\?\") {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy_if(name: &'static str) -> impl Fn(&Path) -> std::io::Result<()> {
        move |p: &Path| match p.file_name().is_some_and(|n| n == name) {
            true => Err(std::io::Error::from_raw_os_error(32)),
            false => Ok(()),
        }
    }

    #[test]
    fn every_target_that_cannot_be_replaced_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let locked = d.join("ro.xlsx");
        std::fs::write(&locked, "x").unwrap();
        let mut perms = std::fs::metadata(&locked).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&locked, perms).unwrap();
        let targets = [
            d.join("2026-09-08.xlsx"),
            d.join("2026-09-09.xlsx"),
            locked.clone(),
            d.join("students.csv"),
            d.join("2026-09-11.xlsx"),
        ];
        let inputs = [d.join("students.csv")];
        let refused = check(
            targets.iter().map(PathBuf::as_path),
            &inputs,
            false,
            busy_if("2026-09-09.xlsx"),
        )
        .unwrap_err();
        assert_eq!(
            refused.0,
            [
                (targets[1].clone(), Blocked::Busy),
                (locked, Blocked::ReadOnly),
                (targets[3].clone(), Blocked::Input),
            ]
        );
        let zh = refused.render(Lang::Zh);
        assert!(zh.contains("2026-09-09.xlsx"), "{zh}");
        assert!(zh.contains("请先在 Excel/WPS 中关闭它"), "{zh}");
        assert!(zh.contains("没有替换"), "{zh}");
        assert!(refused.render(Lang::En).contains("close it in Excel/WPS"));
        let fine = check(
            targets[..2].iter().map(PathBuf::as_path),
            &inputs,
            false,
            |_| Ok(()),
        );
        assert_eq!(fine, Ok(()));
    }

    #[test]
    fn where_names_ignore_case_an_output_never_replaces_an_input_spelt_otherwise() {
        let d = Path::new("school");
        let input = [d.join("out/slips-consent.csv")];
        let output = d.join("out/../out/Slips-Consent.csv");
        let at = |ignore_case| check([output.as_path()], &input, ignore_case, |_| Ok(()));
        assert!(matches!(at(true), Err(Refused(r)) if r[0].1 == Blocked::Input));
        assert_eq!(at(false), Ok(()));
        assert_eq!(
            name_key(Path::new("A/./b/../课后.CSV"), true),
            name_key(Path::new("a/课后.csv"), true)
        );
    }

    #[test]
    fn paths_are_shown_as_explorer_shows_them() {
        assert_eq!(shown(Path::new(r"\\?\D:\课后\输出")), r"D:\课后\输出");
        assert_eq!(
            shown(Path::new(r"\\?\UNC\server\share\a")),
            r"\\server\share\a"
        );
        assert_eq!(shown(Path::new("out/daily")), "out/daily");
    }
}
