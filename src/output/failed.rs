//! A file or folder the system would not let a run write, after the
//! preflight found nothing in the way (a full disk, a file where a folder
//! should be, no permission): said in the run's language, with the reason.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// What could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    File,
    Folder,
}

#[derive(Debug)]
pub struct CannotWrite {
    pub path: PathBuf,
    pub what: What,
    pub error: std::io::Error,
}

impl std::fmt::Display for CannotWrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for CannotWrite {}

impl CannotWrite {
    pub fn file(path: &Path, error: std::io::Error) -> anyhow::Error {
        Self::error(path, What::File, error)
    }

    pub fn folder(path: &Path, error: std::io::Error) -> anyhow::Error {
        // Windows answers "already exists" (os error 183) where Unix says
        // "not a directory": a file where a folder should be is one reason.
        let error = match path.ancestors().any(|a| a.is_file()) {
            true => std::io::ErrorKind::NotADirectory.into(),
            false => error,
        };
        Self::error(path, What::Folder, error)
    }

    fn error(path: &Path, what: What, error: std::io::Error) -> anyhow::Error {
        anyhow::Error::new(CannotWrite {
            path: path.to_path_buf(),
            what,
            error,
        })
    }

    pub fn render(&self, lang: Lang) -> String {
        let path = super::preflight::shown(&self.path);
        let why = crate::i18n::io_reason(lang, &self.error);
        match (lang, self.what) {
            (Lang::Zh, What::File) => format!("无法写入 {path}:{why}"),
            (Lang::Zh, What::Folder) => format!("无法建立文件夹 {path}:{why}"),
            (Lang::En, What::File) => format!("cannot write {path}: {why}"),
            (Lang::En, What::Folder) => format!("cannot create the folder {path}: {why}"),
        }
    }
}
