//! The messages about the school's database (`kehou.db`): opening it,
//! waiting for it, refusing it, importing into it, backing it up.

use super::Lang;

/// A sentence about the database, rendered in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateSay {
    /// Another run holds the database: this one (command, pid) waits.
    Waiting {
        path: String,
        command: String,
        pid: u32,
        seconds: u64,
    },
    StillBusy {
        path: String,
        seconds: u64,
    },
    NotSqlite {
        path: String,
    },
    NotKehou {
        path: String,
    },
    Damaged {
        path: String,
        detail: String,
    },
    Truncated {
        path: String,
        have: u64,
        need: u64,
    },
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    ReadOnly {
        path: String,
    },
    CannotOpen {
        path: String,
        detail: String,
    },
    DiskFull {
        path: String,
    },
    DanglingLink {
        path: String,
        target: String,
    },
    NotAFile {
        path: String,
    },
    NoPlanYet {
        path: String,
    },
    Imported {
        file: String,
        rows: usize,
        kept_as: String,
    },
    Exported {
        tables: usize,
        dir: String,
    },
    BackedUp {
        from: String,
        to: String,
    },
    BackupExists {
        path: String,
    },
    CheckOk {
        path: String,
        versions: usize,
        marks: usize,
    },
    CheckFailed {
        path: String,
        problems: usize,
    },
    /// The plan version a workbook was made from (its footer).
    PlanVersion {
        version: i64,
        as_of: chrono::NaiveDate,
    },
    /// What `plan` saved.
    PlanSaved {
        path: String,
        version: i64,
    },
    /// `plan` stopped before its commit (an output it could not write):
    /// the database is as it was.
    PlanNotSaved {
        path: String,
    },
}

impl StateSay {
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            StateSay::Waiting {
                path,
                command,
                pid,
                seconds,
            } => {
                if zh {
                    format!(
                        "{path} 正被另一个 kehou 使用;本次 kehou {command}(进程 {pid})等它结束,最多 {seconds} 秒……"
                    )
                } else {
                    format!(
                        "{path} is in use by another kehou run; this kehou {command} (process {pid}) waits for it, up to {seconds} s…"
                    )
                }
            }
            StateSay::StillBusy { path, seconds } => {
                if zh {
                    format!(
                        "{path} 等了 {seconds} 秒仍被另一个 kehou 使用:本次未作任何改动,请稍后再运行"
                    )
                } else {
                    format!(
                        "{path} was still in use by another kehou run after {seconds} s: nothing was changed; run again later"
                    )
                }
            }
            StateSay::NotSqlite { path } => {
                if zh {
                    format!(
                        "{path} 不是 kehou 的数据库(不是 SQLite 文件):未读取,也未改动。请把它移开,或在 config.toml 的 [files] state 中换一个文件名"
                    )
                } else {
                    format!(
                        "{path} is not a kehou database (not an SQLite file): not read, not changed. Move it aside, or name another file in config.toml's [files] state"
                    )
                }
            }
            StateSay::NotKehou { path } => {
                if zh {
                    format!(
                        "{path} 是别的程序的 SQLite 数据库,不是 kehou 的:未改动。请在 config.toml 的 [files] state 中换一个文件名"
                    )
                } else {
                    format!(
                        "{path} is another program's SQLite database, not kehou's: not changed. Name another file in config.toml's [files] state"
                    )
                }
            }
            StateSay::Damaged { path, detail } => {
                if zh {
                    format!(
                        "{path} 已损坏({detail}):未作任何改动。请用备份替换它(kehou backup 做的副本),或运行 kehou check 查看"
                    )
                } else {
                    format!(
                        "{path} is damaged ({detail}): nothing was changed. Replace it with a backup (a copy made by kehou backup), or run kehou check"
                    )
                }
            }
            StateSay::Truncated { path, have, need } => {
                if zh {
                    format!(
                        "{path} 不完整:只有 {have} 字节,文件头说应有 {need} 字节(复制或下载中断?)。未作任何改动;请用备份替换它"
                    )
                } else {
                    format!(
                        "{path} is truncated: {have} bytes where its header says {need} (an interrupted copy or download?). Nothing was changed; replace it with a backup"
                    )
                }
            }
            StateSay::Newer { path, found, known } => {
                if zh {
                    format!(
                        "{path} 由更新版本的 kehou 写入(数据库版本 {found},本程序只认识到 {known}):未改动。请使用更新的 kehou"
                    )
                } else {
                    format!(
                        "{path} was written by a newer kehou (schema {found}; this kehou knows up to {known}): not changed. Use the newer kehou"
                    )
                }
            }
            StateSay::ReadOnly { path } => {
                if zh {
                    format!(
                        "{path} 或它所在的文件夹是只读的:未作任何改动。请取消只读(文件属性),或把学校文件夹复制到可写的位置"
                    )
                } else {
                    format!(
                        "{path} or its folder is read-only: nothing was changed. Clear the read-only attribute, or copy the school folder somewhere writable"
                    )
                }
            }
            StateSay::CannotOpen { path, detail } => {
                if zh {
                    format!("无法打开数据库 {path}({detail}):未作任何改动")
                } else {
                    format!("cannot open the database {path} ({detail}): nothing was changed")
                }
            }
            StateSay::DiskFull { path } => {
                if zh {
                    format!(
                        "磁盘已满,{path} 未能写入:数据库保持原样,未作任何改动。请腾出空间后再运行"
                    )
                } else {
                    format!(
                        "the disk is full: {path} could not be written and is as it was, nothing changed. Free some space and run again"
                    )
                }
            }
            StateSay::DanglingLink { path, target } => {
                if zh {
                    format!(
                        "{path} 是指向 {target} 的链接,但那里没有文件:kehou 不会通过链接新建数据库。请修正链接,或删除它"
                    )
                } else {
                    format!(
                        "{path} is a link to {target}, where there is no file: kehou will not create a database through a link. Fix the link or remove it"
                    )
                }
            }
            StateSay::NotAFile { path } => {
                if zh {
                    format!("{path} 不是普通文件(文件夹或设备?):未读取,也未改动")
                } else {
                    format!(
                        "{path} is not a regular file (a folder or a device?): not read, not changed"
                    )
                }
            }
            StateSay::NoPlanYet { path } => {
                if zh {
                    format!("{path} 中还没有排班:请先运行 kehou plan")
                } else {
                    format!("{path} holds no plan yet: run `kehou plan` first")
                }
            }
            StateSay::Imported {
                file,
                rows,
                kept_as,
            } => {
                if zh {
                    format!("已导入 {file}:{rows} 行;原文件保留为 {kept_as}")
                } else {
                    format!("imported {file}: {rows} rows; the file is kept as {kept_as}")
                }
            }
            StateSay::Exported { tables, dir } => {
                if zh {
                    format!("已导出 {tables} 个表到 {dir}")
                } else {
                    format!("exported {tables} tables to {dir}")
                }
            }
            StateSay::BackedUp { from, to } => {
                if zh {
                    format!("已把 {from} 备份到 {to}")
                } else {
                    format!("backed up {from} to {to}")
                }
            }
            StateSay::BackupExists { path } => {
                if zh {
                    format!("{path} 已存在:备份不会覆盖已有文件,请换一个文件名")
                } else {
                    format!("{path} exists: a backup never replaces a file; name another")
                }
            }
            StateSay::CheckOk {
                path,
                versions,
                marks,
            } => {
                if zh {
                    format!("{path} 完好:{versions} 个排班版本,{marks} 条考勤记录")
                } else {
                    format!("{path} is sound: {versions} plan versions, {marks} attendance marks")
                }
            }
            StateSay::PlanVersion { version, as_of } => {
                if zh {
                    format!("排班第 {version} 版({as_of} 起)")
                } else {
                    format!("plan version {version} (as of {as_of})")
                }
            }
            StateSay::PlanSaved { path, version } => {
                if zh {
                    format!("{path}:已保存排班第 {version} 版")
                } else {
                    format!("{path}: plan version {version} saved")
                }
            }
            StateSay::PlanNotSaved { path } => {
                if zh {
                    format!("{path}:排班未保存,数据库没有改动")
                } else {
                    format!("{path}: the plan was not saved; the database is unchanged")
                }
            }
            StateSay::CheckFailed { path, problems } => {
                if zh {
                    format!("{path} 有 {problems} 处问题(见上)")
                } else {
                    format!("{path} has {problems} problems (above)")
                }
            }
        }
    }
}
