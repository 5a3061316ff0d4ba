//! The limits every input file is held to, and the one bounded way to read a
//! file: a regular file (not a device, a named pipe or a folder) no larger
//! than [`MAX_FILE_BYTES`], checked before it is opened and again on the
//! opened handle.

use std::io::Read;
use std::path::Path;

use crate::i18n::Msg;

/// What stands where an input file should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    Folder,
    /// A named pipe or socket: reading it could wait forever.
    Pipe,
    /// A device such as /dev/zero: reading it could never end.
    Device,
}

/// The largest input table or state file (a 200,000-student plan.csv is
/// about 100 MB).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// The largest config file.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// Everything inside one workbook, unzipped.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;
/// Excel's own sheet limits.
pub const MAX_ROWS: u64 = 1_048_576;
pub const MAX_COLUMNS: u64 = 16_384;
/// Rows × columns of a sheet's used range: a sheet is read into a grid this big.
pub const MAX_CELLS: u64 = 5_000_000;
/// Distinct shared strings a workbook may declare.
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;
/// Excel's limit on the text of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Reads the file at `path` whole, if it is a regular file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Msg> {
    let meta = std::fs::metadata(path).map_err(io_msg)?;
    check_kind(&meta)?;
    check_size(meta.len(), limit)?;
    let file = open_without_blocking(path).map_err(io_msg)?;
    // The file may have been swapped between the two looks: check the handle.
    let meta = file.metadata().map_err(io_msg)?;
    check_kind(&meta)?;
    check_size(meta.len(), limit)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_msg)?;
    check_size(bytes.len() as u64, limit)?;
    Ok(bytes)
}

/// The files among `specs` (paths relative to `base`, maybe with `#sheet`)
/// that are not there at all. A missing input is reported once, on its own,
/// instead of as every reference into it that cannot be resolved.
pub fn missing_files(base: &Path, specs: &[&str]) -> Vec<String> {
    specs
        .iter()
        .filter(|spec| {
            let path = spec.split_once('#').map_or(**spec, |(p, _)| p);
            is_missing(&base.join(path))
        })
        .map(|spec| spec.to_string())
        .collect()
}

/// Whether `path` names something that is not there at all.
pub fn is_missing(path: &Path) -> bool {
    matches!(std::fs::metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

fn io_msg(e: std::io::Error) -> Msg {
    match e.kind() {
        std::io::ErrorKind::NotFound => Msg::FileMissing,
        _ => Msg::FileUnreadable(e.to_string()),
    }
}

fn check_kind(meta: &std::fs::Metadata) -> Result<(), Msg> {
    if meta.is_file() {
        return Ok(());
    }
    if meta.is_dir() {
        return Err(Msg::NotAFile(NotAFile::Folder));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(Msg::NotAFile(NotAFile::Pipe));
        }
    }
    Err(Msg::NotAFile(NotAFile::Device))
}

fn check_size(bytes: u64, limit: u64) -> Result<(), Msg> {
    if bytes > limit {
        return Err(Msg::FileTooLarge { bytes, limit });
    }
    Ok(())
}

/// Opens for reading; on Unix without blocking, so that a named pipe put
/// there after the metadata check cannot hang the run.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_big_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_file(dir.path(), MAX_FILE_BYTES),
            Err(Msg::NotAFile(NotAFile::Folder))
        );
        #[cfg(unix)]
        assert_eq!(
            read_file(Path::new("/dev/zero"), MAX_FILE_BYTES),
            Err(Msg::NotAFile(NotAFile::Device))
        );
        let file = dir.path().join("big.csv");
        std::fs::write(&file, vec![b'a'; 11]).unwrap();
        assert_eq!(
            read_file(&file, 10),
            Err(Msg::FileTooLarge {
                bytes: 11,
                limit: 10
            })
        );
        assert_eq!(read_file(&file, 11).unwrap().len(), 11);
        assert_eq!(
            read_file(&dir.path().join("none"), 10),
            Err(Msg::FileMissing)
        );
        assert!(is_missing(&dir.path().join("none")));
    }
}
