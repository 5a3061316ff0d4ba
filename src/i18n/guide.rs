//! What kehou says to someone finding their way: no config here, a file
//! found under another extension, what `init` made and what comes next, a
//! date it cannot read, a config file that is not valid TOML.

use super::Lang;

/// A sentence that helps a user on, with the values that go into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Guide {
    /// No config file where one was looked for.
    NoConfig {
        /// The config file looked for, as the user would write it.
        path: String,
        /// Whether it was the default `./config.toml`.
        here: bool,
        /// A file beside it that is surely the config under a wrong name
        /// (`config.toml.txt`, as Notepad saves it).
        misnamed: Option<String>,
    },
    /// A date on the command line that cannot be read.
    NotADate(String),
    /// `--to` before `--from`.
    ToBeforeFrom,
    /// A period with no service day (outside the term, or all holidays).
    NoServiceInPeriod {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    /// The config still has placeholders from `init`.
    PlaceholdersLeft(usize),
    /// `init` would overwrite these files.
    InitWouldOverwrite(Vec<String>),
    /// `init --grades` that leaves grades out, repeats one, or cannot be read.
    InitGrades {
        given: String,
        missing: Vec<u8>,
        twice: Vec<u8>,
        unreadable: Vec<String>,
    },
    /// What to do after `init`.
    InitNext { dir: String, placeholders: usize },
    /// A config file that is not valid TOML, or not the shape kehou reads.
    ConfigSyntax { at: String, problem: String },
    /// A Windows path written in double quotes, where `\` starts an escape.
    BackslashInQuotes,
    /// `rollover` was asked to write the next term into this term's folder.
    RolloverIntoItself,
    /// What `rollover` made, and what to do next.
    RolloverNext {
        dir: String,
        placeholders: usize,
        /// Classes promoted a grade.
        classes: usize,
        /// Children carried with them.
        students: usize,
        graduating: Vec<String>,
        graduated: usize,
        /// The new first grade's classes, empty.
        to_fill: Vec<String>,
    },
}

impl Guide {
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn zh(&self) -> String {
        use Guide::*;
        match self {
            NoConfig {
                misnamed: Some(name),
                path,
                ..
            } => format!("找不到 {path};文件夹里有 {name},请把它改名为 config.toml(记事本保存时可能自动加了 .txt)"),
            NoConfig { here: true, .. } => "当前文件夹没有 config.toml。\n  \
                 · 如果学校的文件夹在别处:先 cd 到那个文件夹,或加 -c 文件夹(例如 kehou check -c 城南小学)\n  \
                 · 如果是新学校:运行 kehou init 文件夹 --name 学校名称 --term 2026秋"
                .to_string(),
            NoConfig { path, .. } => format!(
                "找不到配置文件 {path}。\n  \
                 · -c 后面写学校的文件夹或其中的 config.toml\n  \
                 · 新学校先运行 kehou init 文件夹 --name 学校名称"
            ),
            NotADate(text) => format!(
                "「{text}」不是日期;可以写 2026-09-08、9-8、9/8、9月8日、今天、明天 或 昨天"
            ),
            ToBeforeFrom => "--to 的日期早于 --from".to_string(),
            NoServiceInPeriod {
                from,
                to,
                start,
                end,
            } => format!(
                "{from} 至 {to} 没有课后服务日(本学期 {start} 至 {end}),没有可统计的,不生成报告"
            ),
            PlaceholdersLeft(n) => {
                format!("config.toml 里还有 {n} 处「待填写」:按上面列出的行和列改好,再运行 kehou check")
            }
            InitWouldOverwrite(files) => {
                format!("不覆盖已有的文件:{}", files.join("、"))
            }
            InitGrades {
                given,
                missing,
                twice,
                unreadable,
            } => super::clerk::init_grades(Lang::Zh, given, missing, twice, unreadable),
            InitNext { dir, placeholders } => format!(
                "下一步:\n  1. 打开 {dir}/config.toml,把 {placeholders} 处标有「待填写」的地方改成本校的实际情况\n  \
                 2. 用 Excel 或 WPS 打开各个表格,照「填写说明.txt」里的示例填好,保存(可另存为同名的 .xlsx)\n  \
                 3. 在这个文件夹里运行 kehou check,按提示改到没有错误"
            ),
            ConfigSyntax { at, problem } => format!("{at}:配置文件写法有误:{problem}"),
            BackslashInQuotes => "路径请用 / 分隔(out = \"D:/课后/输出\"),或用英文单引号括起来(out = 'D:\\课后\\输出'):双引号里的 \\ 有特殊含义".to_string(),
            RolloverIntoItself => {
                "新学期要放在另一个文件夹里:本学期的文件夹、台账和输出都不改".to_string()
            }
            RolloverNext {
                dir,
                placeholders,
                classes,
                students,
                graduating,
                graduated,
                to_fill,
            } => format!(
                "{classes} 个班升了一个年级,带着 {students} 名学生;毕业 {} 个班({}),{graduated} 名学生;\
                 新一年级 {} 个班待填:{}\n下一步:\n  \
                 1. 打开 {dir}/config.toml,把 {placeholders} 处标有「待填写」的地方(新学期名称和日历)填好\n  \
                 2. 把新一年级的学生填进 students.csv,班主任填进 classes.csv;回执(consent.csv)是空的,收到后填写\n  \
                 3. 在这个文件夹里运行 kehou check,按提示改到没有错误",
                graduating.len(),
                graduating.join("、"),
                to_fill.len(),
                to_fill.join("、"),
            ),
        }
    }

    fn en(&self) -> String {
        use Guide::*;
        match self {
            NoConfig {
                misnamed: Some(name),
                path,
                ..
            } => format!("cannot find {path}; there is {name}: rename it to config.toml (Notepad may have added .txt)"),
            NoConfig { here: true, .. } => "there is no config.toml in this folder.\n  \
                 · if the school's folder is elsewhere: cd there first, or add -c FOLDER (e.g. kehou check -c school)\n  \
                 · for a new school: run kehou init FOLDER --name \"School name\" --term 2026秋"
                .to_string(),
            NoConfig { path, .. } => format!(
                "cannot find the config file {path}.\n  \
                 · after -c write the school's folder or its config.toml\n  \
                 · for a new school run kehou init FOLDER --name \"School name\" first"
            ),
            NotADate(text) => format!(
                "'{text}' is not a date; write 2026-09-08, 9-8, 9/8, 9月8日, today, tomorrow or yesterday"
            ),
            ToBeforeFrom => "--to is before --from".to_string(),
            NoServiceInPeriod {
                from,
                to,
                start,
                end,
            } => format!(
                "{from} to {to} has no service day (the term runs {start} to {end}): nothing to report, nothing written"
            ),
            PlaceholdersLeft(n) => format!(
                "config.toml still has {n} places marked 待填写 (to fill in): fix them at the lines and columns above, then run kehou check"
            ),
            InitGrades {
                given,
                missing,
                twice,
                unreadable,
            } => super::clerk::init_grades(Lang::En, given, missing, twice, unreadable),
            InitWouldOverwrite(files) => {
                format!("refusing to overwrite existing files: {}", files.join(", "))
            }
            InitNext { dir, placeholders } => format!(
                "next:\n  1. open {dir}/config.toml and replace the {placeholders} places marked 待填写 (to fill in) with your school's\n  \
                 2. open each table in Excel or WPS, fill it in following the examples in 填写说明.txt (instructions), save (as the same name .xlsx is fine)\n  \
                 3. run kehou check in that folder and fix what it reports until there are no errors"
            ),
            ConfigSyntax { at, problem } => format!("{at}: the config file is not written right: {problem}"),
            BackslashInQuotes => "write the path with / (out = \"D:/课后/输出\") or in single quotes (out = 'D:\\课后\\输出'): inside double quotes \\ starts an escape".to_string(),
            RolloverIntoItself => {
                "the new term goes in another folder: this term's folder, ledger and outputs stay as they are".to_string()
            }
            RolloverNext {
                dir,
                placeholders,
                classes,
                students,
                graduating,
                graduated,
                to_fill,
            } => format!(
                "{classes} classes went up a grade with {students} children; {} classes graduated ({}), {graduated} children; \
                 {} new first-grade classes to fill: {}\nnext:\n  \
                 1. open {dir}/config.toml and fill in the {placeholders} places marked 待填写 (the new term's name and calendar)\n  \
                 2. add the new first grade's children to students.csv and their head teachers to classes.csv; consent.csv is empty until the slips come back\n  \
                 3. run kehou check in that folder and fix what it reports until there are no errors",
                graduating.len(),
                graduating.join(", "),
                to_fill.len(),
                to_fill.join(", "),
            ),
        }
    }
}
