//! The messages for files kehou refuses to read as they are: not a file,
//! over a limit, damaged by Excel, holding bytes no table holds.

use super::Lang;
use crate::input::bounds::{MAX_CELL_CHARS, MAX_CELLS, MAX_UNZIPPED_BYTES, NotAFile};
use crate::input::workbook::Breach;

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

pub(super) fn not_a_file(lang: Lang, kind: NotAFile) -> String {
    let (zh, en) = match kind {
        NotAFile::Folder => ("文件夹", "a folder"),
        NotAFile::Pipe => ("命名管道或套接字", "a named pipe or socket"),
        NotAFile::Device => ("设备", "a device"),
    };
    match lang {
        Lang::Zh => format!("这不是普通文件,而是{zh};未读取"),
        Lang::En => format!("this is {en}, not a regular file; not read"),
    }
}

pub(super) fn too_large(lang: Lang, bytes: u64, limit: u64) -> String {
    match lang {
        Lang::Zh => format!("文件过大({}),上限 {};未读取", mib(bytes), mib(limit)),
        Lang::En => format!(
            "the file is too large ({}; the limit is {}); not read",
            mib(bytes),
            mib(limit)
        ),
    }
}

pub(super) fn breach(lang: Lang, breach: &Breach) -> String {
    let zh = lang == Lang::Zh;
    match breach {
        Breach::Unzipped { part } if zh => {
            format!("{part}:解压后超过 {},未读取", mib(MAX_UNZIPPED_BYTES))
        }
        Breach::Unzipped { part } => format!(
            "{part}: unzips to more than {}; not read",
            mib(MAX_UNZIPPED_BYTES)
        ),
        Breach::CellBeyondSheet { part, cell } if zh => format!(
            "{part}:单元格引用“{cell}”超出 Excel 工作表范围(最多 1048576 行、16384 列),文件已损坏或被篡改,未读取"
        ),
        Breach::CellBeyondSheet { part, cell } => format!(
            "{part}: the cell reference '{cell}' is beyond an Excel sheet (1,048,576 rows, 16,384 columns): the file is damaged or forged; not read"
        ),
        Breach::UsedRange {
            part,
            range,
            rows,
            columns,
        } if zh => format!(
            "{part}:使用区域 {range} 共 {rows} 行 × {columns} 列,超过 {MAX_CELLS} 个单元格的上限(多半是远处有一个孤立单元格:删除空行空列后另存),未读取"
        ),
        Breach::UsedRange {
            part,
            range,
            rows,
            columns,
        } => format!(
            "{part}: the used range {range} is {rows} rows × {columns} columns, over the limit of {MAX_CELLS} cells (usually a stray cell far away: delete the empty rows and columns and save again); not read"
        ),
        Breach::SharedStrings { part, count } if zh => {
            format!("{part}:声明了 {count} 个共享字符串,超过上限,未读取")
        }
        Breach::SharedStrings { part, count } => {
            format!("{part}: declares {count} shared strings, over the limit; not read")
        }
        Breach::Damaged(why) if zh => format!("工作簿已损坏:{why}"),
        Breach::Damaged(why) => format!("the workbook is damaged: {why}"),
    }
}

pub(super) fn nul_byte(lang: Lang, line: usize, column: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "第 {line} 行第 {column} 个字符处有一个 NUL(0)字节,文本表格中不应出现;多半是文件被截断或混入了二进制内容"
        ),
        Lang::En => format!(
            "a NUL byte at line {line}, character {column}: a text table never holds one (a truncated file, or binary content mixed in)"
        ),
    }
}

pub(super) fn cell_too_long(lang: Lang, chars: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "单元格有 {chars} 个字符,超过 Excel 单元格的上限 {MAX_CELL_CHARS},无法写入工作簿;请缩短"
        ),
        Lang::En => format!(
            "the cell holds {chars} characters, more than an Excel cell's limit of {MAX_CELL_CHARS}: it cannot be printed; shorten it"
        ),
    }
}

pub(super) fn excel(lang: Lang, msg: &super::Msg) -> String {
    use super::Msg::*;
    let zh = lang == Lang::Zh;
    match msg {
        ExcelScientific if zh => "Excel 把长数字显示成了科学计数法并照此保存,原来的数字已经丢失;请把这一列设为“文本”格式,重新录入后另存".to_string(),
        ExcelScientific => "Excel showed this long number in scientific notation and saved it that way, losing its digits; format the column as Text, type the numbers again and save".to_string(),
        ExcelFloat if zh => "Excel 或导出程序把编号存成了小数(末尾的 .0);请把这一列设为“文本”格式后另存".to_string(),
        ExcelFloat => "Excel or an export saved this number as a decimal (the trailing .0); format the column as Text and save again".to_string(),
        ExcelLostZeros { width } if zh => format!(
            "同一列的其他编号有 {width} 位并以 0 开头:Excel 多半把它当成数字,去掉了开头的 0;请把这一列设为“文本”格式并补回"
        ),
        ExcelLostZeros { width } => format!(
            "other ids in this column have {width} digits with leading zeros: Excel probably read this one as a number and dropped its zeros; format the column as Text and restore them"
        ),
        ExcelDateSerial { date } if zh => format!(
            "这是 Excel 的日期序号,已按 {date} 读取;Excel 丢了日期格式,请把这一列设为日期格式后另存"
        ),
        ExcelDateSerial { date } => format!(
            "an Excel date serial number, read as {date}: Excel lost the date format; format the column as a date and save again"
        ),
        _ => String::new(),
    }
}

pub(super) fn merged(lang: Lang, area: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "单元格 {area} 是合并单元格:Excel 只在第一格保存值,其余各行都是空的;请取消合并并在每行填写"
        ),
        Lang::En => format!(
            "cells {area} are merged: Excel keeps the value in the first cell only and the other rows are blank; unmerge them and fill every row"
        ),
    }
}

pub(super) fn config(lang: Lang, msg: &super::Msg) -> String {
    use super::Msg::*;
    let zh = lang == Lang::Zh;
    match msg {
        BandWithoutBlocks if zh => {
            "年段没有任何时段(blocks = []):这些年级会从计划中消失".to_string()
        }
        BandWithoutBlocks => {
            "the band has no blocks (blocks = []): its grades would vanish from the plan"
                .to_string()
        }
        DismissalBeforeBlockEnds { end } if zh => {
            format!("放学时间早于本年段最后一个时段的结束时间 {end}")
        }
        DismissalBeforeBlockEnds { end } => {
            format!("the dismissal is before the band's last block ends ({end})")
        }
        EarlyEndBeforeBlocks { first } if zh => {
            format!("提前结束时间不晚于第一个时段的开始时间 {first}:那天不如不开")
        }
        EarlyEndBeforeBlocks { first } => format!(
            "the early end is not after the first block starts ({first}): no service would be left that day"
        ),
        DateOutsideTerm { start, end } if zh => format!("日期不在学期内({start} 至 {end})"),
        DateOutsideTerm { start, end } => {
            format!("the date is outside the term ({start} to {end})")
        }
        MustBePositive if zh => "必须至少为 1".to_string(),
        MustBePositive => "must be at least 1".to_string(),
        UnknownConfigKey {
            path,
            closest: Some(key),
        } if zh => format!("没有“{path}”这一项;是不是写错了,应为“{key}”?"),
        UnknownConfigKey {
            path,
            closest: Some(key),
        } => format!("unknown key '{path}'; did you mean '{key}'?"),
        UnknownConfigKey { path, .. } if zh => {
            format!("没有“{path}”这一项(所有配置项见 config.toml.example)")
        }
        UnknownConfigKey { path, .. } => {
            format!("unknown key '{path}' (see config.toml.example for every key)")
        }
        NeedsTrueFalse { key } if zh => {
            format!("{key} 只能写 true(是)或 false(否),不加引号,例如 {key} = true")
        }
        NeedsTrueFalse { key } => {
            format!("{key} takes true or false, without quotes: {key} = true")
        }
        BadConfigValue { detail } => super::toml_said(lang, detail),
        FeeTooLarge { max_yuan } if zh => format!("金额过大:每日费用最多 {max_yuan} 元"),
        FeeTooLarge { max_yuan } => format!("too large: a day's fee is at most {max_yuan} yuan"),
        _ => String::new(),
    }
}
