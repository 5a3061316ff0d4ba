//! What a run says when it replaces none of its outputs because some
//! cannot be replaced (open in Excel/WPS, read-only, or read by the run).

use super::Lang;

/// The files a run could not replace, by why, as the user would write them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub busy: Vec<String>,
    pub read_only: Vec<String>,
    pub inputs: Vec<String>,
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
