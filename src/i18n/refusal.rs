//! What a run says when it replaces none of its outputs because some
//! cannot be replaced (open in Excel/WPS, read-only, or read by the run).

use super::Lang;

/// The files a run could not replace, by why, as the user would write them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub busy: Vec<String>,
    pub read_only: Vec<String>,
    pub inputs: Vec<String>,
    pub folders: Vec<String>,
}

impl Refusal {
    pub fn render(&self, lang: Lang) -> String {
        let mut lines = Vec::new();
        for file in &self.busy {
            lines.push(match lang {
                Lang::Zh => format!("{file} 正被别的程序打开着,无法替换:请先在 Excel/WPS 中关闭它"),
                Lang::En => format!(
                    "{file} is open in another program and cannot be replaced: close it in Excel/WPS first"
                ),
            });
        }
        for file in &self.read_only {
            lines.push(match lang {
                Lang::Zh => format!("{file} 是只读文件,不会被替换(请改为可写或移走)"),
                Lang::En => format!(
                    "{file} is read-only; kehou will not replace it (make it writable, or move it away)"
                ),
            });
        }
        for file in &self.inputs {
            lines.push(match lang {
                Lang::Zh => format!("{file} 是本次读取的输入文件,输出不会覆盖它"),
                Lang::En => format!("{file} is an input file; an output will not replace it"),
            });
        }
        for file in &self.folders {
            lines.push(match lang {
                Lang::Zh => format!("{file} 是一个文件夹,无法在这里写文件:请把这个文件夹改名或移走"),
                Lang::En => format!(
                    "{file} is a folder, so the file cannot be written there: rename or move the folder"
                ),
            });
        }
        lines.push(
            lang.pick(
                "本次没有替换任何文件;处理好以上文件后再运行一次",
                "none of this run's files were replaced; see to the files above and run again",
            )
            .to_string(),
        );
        lines.join("\n  ")
    }
}

/// Why the system would not let a file be written, in the user's words.
pub fn io_reason(lang: Lang, error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let (zh, en) = match error.kind() {
        PermissionDenied => (
            "没有写入权限(请换一个可写的文件夹,或请管理员开放权限)",
            "permission denied (choose a folder you may write to, or ask for access)",
        ),
        StorageFull | QuotaExceeded => (
            "磁盘已满(请腾出空间后再运行)",
            "the disk is full (free some space and run again)",
        ),
        NotADirectory => (
            "路径中有一个同名的文件,不是文件夹(请改名或移走那个文件)",
            "a part of the path is a file, not a folder (rename or move that file)",
        ),
        IsADirectory => (
            "这是一个文件夹(请改名或移走它)",
            "it is a folder (rename or move it)",
        ),
        ReadOnlyFilesystem => (
            "所在的磁盘是只读的(请换一个文件夹)",
            "the disk is read-only (choose another folder)",
        ),
        FileTooLarge => (
            "文件超过系统允许的大小",
            "the file is larger than the system allows",
        ),
        InvalidFilename => (
            "文件名不被系统接受(太长或含有不允许的字符)",
            "the system does not accept the file name (too long, or a character it does not allow)",
        ),
        NotFound => (
            "所在的文件夹不存在或已被移走",
            "its folder does not exist or was moved",
        ),
        _ => {
            return match lang {
                Lang::Zh => format!("系统拒绝了写入({error})"),
                Lang::En => error.to_string(),
            };
        }
    };
    lang.pick(zh, en).to_string()
}
