//! What is wrong with an input, and what was expected instead.

use super::{Lang, weekday_name};

/// What went wrong with an input, and what was expected instead.
///
/// The position (file, line, column, value) travels beside it in a
/// [`crate::input::Problem`]; a `Msg` says only what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    FileMissing,
    /// The configured file is missing; the same name with another extension is used.
    UsingOtherExtension {
        found: String,
        /// The configured file is there but holds only the template's header.
        template: bool,
    },
    /// A value `kehou init` left for the school to fill in.
    Placeholder,
    FileUnreadable(String),
    /// A folder, a named pipe or a device where an input file should be.
    NotAFile(crate::input::bounds::NotAFile),
    FileTooLarge {
        bytes: u64,
        limit: u64,
    },
    WorkbookTooLarge(crate::input::workbook::Breach),
    NotText,
    /// A NUL byte in a text table, at its line and column.
    NulByte {
        line: usize,
        column: usize,
    },
    SheetMissing {
        sheet: String,
        found: Vec<String>,
    },
    NoHeader,
    MissingColumn {
        column: String,
        found: Vec<String>,
    },
    UnknownColumn,
    /// An unknown header that looks like a missing required or needed column.
    MisspeltColumn {
        column: String,
        /// The header to write instead.
        header: String,
    },
    /// A reference to a row set aside for its own error: not checked, said
    /// once for all the rows of this file that refer to it.
    NotCheckedYet {
        file: String,
        line: usize,
        count: usize,
        refs: super::Refs,
    },
    /// `[columns.<table>]` names a column the table does not have.
    UnknownNamedColumn {
        column: String,
        known: Vec<String>,
    },
    /// `[columns.<table>]` gives a header the file does not have.
    NamedHeaderMissing {
        column: String,
        found: Vec<String>,
    },
    /// A slip naming its child by 姓名 + 班级 that no student has.
    UnknownStudentByName {
        closest: Vec<String>,
    },
    /// Two students of one name in one class: a slip without 学号 cannot say which.
    SameNameInClass {
        file: String,
        lines: Vec<usize>,
    },
    /// Two clubs in one place at one time.
    ClubsShareAPlace {
        other: String,
        other_line: usize,
    },
    /// A phone number that is neither a mobile (11 digits from 1) nor a
    /// landline with its area code.
    OddPhone,
    /// A register's marks dated after today (today's date).
    DatedAfterToday {
        today: String,
    },
    DuplicateColumn,
    Required,
    /// More characters than an Excel cell holds.
    CellTooLong {
        chars: usize,
    },
    /// Damage done by Excel (see `input::excel`).
    ExcelScientific,
    ExcelFloat,
    ExcelLostZeros {
        width: usize,
    },
    ExcelDateSerial {
        date: chrono::NaiveDate,
    },
    MergedCells {
        area: String,
    },
    BadDate,
    BadTime,
    BadWeekday,
    BadDays,
    NotServiceWeekday {
        service: crate::model::Days,
    },
    BadGrade,
    BadGrades,
    BadCapacity,
    BadMin,
    MinOverCapacity,
    BadYesNo,
    BadDecision,
    BadSession,
    BadPickup,
    BadPriority,
    BadMoney,
    BadRole,
    DateBeforeStart,
    DuplicateId {
        first_line: usize,
    },
    /// A 点名册 date header retyped (`9/7` for `7` over `周一`).
    RollHeaderUnreadable,
    /// A 点名册 date column whose day appears in an earlier column too.
    RollDayTwice {
        first_column: String,
    },
    /// A 点名册 date column for a day its month does not have (`31` in September).
    RollDayNotInMonth {
        year: i32,
        month: u32,
    },
    /// A 点名册 header's weekday that its date in the key's month is not on.
    RollWeekdayMismatch {
        date: chrono::NaiveDate,
    },
    /// A 点名册 mark merged across several days' cells.
    RollMergedAcrossDays,
    /// Two marks in one file for one child, date and block that disagree.
    ConflictingMarks {
        first: String,
    },
    /// A path in the config that leads out of the school's folder.
    PathOutsideSchool {
        key: &'static str,
    },
    /// A text `[papers]` names that cannot be printed: the key's kind of
    /// text, the file as written, and why.
    PaperTextUnreadable {
        what: super::PaperText,
        path: String,
        why: Box<Msg>,
    },
    /// A paper's text file holds nothing but blanks.
    EmptyPaperText,
    /// A file outside the school's folder, not said to be meant.
    OutsideFolder,
    /// A config text longer than kehou can print (the school's name).
    ConfigTextTooLong {
        key: &'static str,
        chars: usize,
        limit: usize,
    },
    /// A payment dated far outside the term (a typo such as 1999 or 2030?).
    PaymentOutsideTerm {
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    /// A class row whose name, folded, is an earlier row's (`1（1）` and `1(1)`).
    DuplicateClass {
        first_line: usize,
    },
    DuplicatePayment {
        first_line: usize,
    },
    UnknownClass {
        closest: Vec<String>,
    },
    UnknownStudent,
    OptOutWithoutReason,
    /// A club open to bands whose club blocks start at different times.
    ClubTimesApart {
        times: String,
    },
    SameDateSlips {
        other_line: usize,
    },
    UnknownClub {
        closest: Vec<String>,
    },
    AmbiguousClubName {
        ids: Vec<String>,
    },
    DuplicateChoice {
        first_rank: usize,
    },
    UnknownStaff,
    /// A reference by a name two or more staff share (their ids).
    SharedStaffName {
        ids: Vec<String>,
    },
    /// The staff file has two or more staff with this name (their ids).
    StaffShareName {
        ids: Vec<String>,
    },
    /// A teacher written on a register who is not in the staff file.
    SubstituteNotInStaff,
    /// A teacher written on a register by a name two or more staff share.
    SharedStaffOnSheet {
        ids: Vec<String>,
    },
    UnknownRoom,
    NoBandForGrade,
    NoClubBlock,
    MakeupNotWeekend,
    ClosureOutsideTerm,
    TermBackwards,
    BlocksOverlap {
        previous: String,
    },
    BlockBackwards,
    BandGradesOverlap {
        other: String,
    },
    GradeWithoutBand {
        grade: u8,
        /// The lines of the config's `[[bands]]` headers.
        bands_at: Vec<usize>,
    },
    BandWithoutHomework,
    BandWithoutBlocks,
    DismissalBeforeBlockEnds {
        end: String,
    },
    EarlyEndBeforeBlocks {
        first: String,
    },
    DateOutsideTerm {
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    MustBePositive,
    UnknownConfigKey {
        path: String,
        /// The known key it was most likely meant to be.
        closest: Option<String>,
    },
    /// A key that takes `true` or `false` was given something else.
    NeedsTrueFalse {
        key: String,
    },
    BadConfigValue {
        detail: String,
    },
    FeeTooLarge {
        max_yuan: i64,
    },
    NoStudentsYet,
    NoHomeworkSeat,
    NoSupervisor {
        group: String,
        weekday: chrono::Weekday,
        missing: usize,
    },
    NoDutyLeader {
        weekday: chrono::Weekday,
    },
    /// One teacher in two places at once: each place with its times.
    SupervisorClash {
        teacher: String,
        weekday: chrono::Weekday,
        first: String,
        second: String,
    },
    BadStatus,
    NotOnList,
    NotServiceDate,
    NoRegister,
    BadRegisterKey,
    /// The hidden key names one child, the row shows another who is not on
    /// the group's list that day.
    KeyAndRowDisagree {
        keyed: String,
        shown: String,
    },
    /// The row's 学号 and 姓名 are not the same child.
    NameAndIdDisagree {
        shown: String,
        roster: String,
    },
    /// A row typed in with a name two children on the list share.
    NameNeedsId,
    /// Rows typed in on a sheet with no printed row to give its date and group.
    SheetWithoutKeys,
    /// Two rows of one sheet about the same child, with different marks.
    TwoRowsOneChild,
    /// Rows recorded for the child whose 学号 is visible, not the hidden key's.
    RowsByVisibleId {
        rows: usize,
    },
    /// A problem with a duty's records (volunteers, follow-ups, incidents, rounds).
    Duty(super::DutyMsg),
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        use Msg::*;
        let zh = lang == Lang::Zh;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            FileMissing => s("文件不存在", "file not found"),
            UsingOtherExtension { found, template } => {
                let why = match template {
                    true => s("只有表头", "holds only the header"),
                    false => s("文件不存在", "not found"),
                };
                if zh {
                    format!(
                        "{why},改用同名的 {found}(想不再看到这句,可在 config.toml 的 [files] 里改成 \"{found}\")"
                    )
                } else {
                    format!(
                        "{why}; using {found} instead (to stop this note, name \"{found}\" under [files] in config.toml)"
                    )
                }
            }
            Placeholder => s(
                "还没有填写:请把这一处「待填写」改成本校的实际情况",
                "not filled in yet: replace this 待填写 (to fill in) with your school's value",
            ),
            FileUnreadable(why) => {
                if zh {
                    format!("无法读取文件:{why}")
                } else {
                    format!("cannot read the file: {why}")
                }
            }
            NotAFile(kind) => super::hostile::not_a_file(lang, *kind),
            FileTooLarge { bytes, limit } => super::hostile::too_large(lang, *bytes, *limit),
            WorkbookTooLarge(breach) => super::hostile::breach(lang, breach),
            NulByte { line, column } => super::hostile::nul_byte(lang, *line, *column),
            NotText => s(
                "不是文本表格:既不是 UTF-8 也不是 GB18030/GBK 编码,请在 Excel/WPS 中另存为 CSV 或 xlsx",
                "not a text table: neither UTF-8 nor GB18030/GBK; save it from Excel/WPS as CSV or xlsx",
            ),
            SheetMissing { sheet, found } => {
                if zh {
                    format!("找不到工作表“{sheet}”;已有:{}", lang.list(found))
                } else {
                    format!("no sheet named '{sheet}'; sheets are: {}", lang.list(found))
                }
            }
            NoHeader => s(
                "文件是空的:第一行应是表头",
                "the file is empty: the first row should be the headers",
            ),
            MissingColumn { column, found } => {
                if zh {
                    format!("缺少必需的列“{column}”;表头为:{}", lang.list(found))
                } else {
                    format!(
                        "missing required column '{column}'; the headers are: {}",
                        lang.list(found)
                    )
                }
            }
            UnknownColumn => s("不认识的列,已忽略", "unknown column, ignored"),
            MisspeltColumn { column, header } => {
                super::clerk::misspelt_column(lang, column, header)
            }
            NotCheckedYet {
                file,
                line,
                count,
                refs,
            } => super::clerk::not_checked_yet(lang, file, *line, *count, *refs),
            OddPhone => super::clerk::odd_phone(lang),
            DatedAfterToday { today } => super::clerk::dated_after_today(lang, today),
            ClubsShareAPlace { other, other_line } => match lang {
                Lang::Zh => format!(
                    "与第 {other_line} 行的「{other}」在同一地点、同一时间活动:请换一个地点或活动日"
                ),
                Lang::En => format!(
                    "meets in the same place at the same time as '{other}' (line {other_line}): change the place or the days"
                ),
            },
            UnknownNamedColumn { .. }
            | NamedHeaderMissing { .. }
            | UnknownStudentByName { .. }
            | SameNameInClass { .. } => super::clerk::online_form(lang, self),
            DuplicateColumn => s(
                "该列与前面的列重复,已忽略",
                "this column repeats an earlier one and is ignored",
            ),
            Required => s("此处不能为空", "this cell must not be empty"),
            CellTooLong { chars } => super::hostile::cell_too_long(lang, *chars),
            ExcelScientific | ExcelFloat | ExcelLostZeros { .. } | ExcelDateSerial { .. } => {
                super::hostile::excel(lang, self)
            }
            MergedCells { area } => super::hostile::merged(lang, area),
            BadDate => s(
                "不是日期;应为 2026-09-07、2026/9/7、2026.9.7 或 2026年9月7日",
                "not a date; expected 2026-09-07, 2026/9/7, 2026.9.7 or 2026年9月7日",
            ),
            BadTime => s(
                "不是时间;应为 16:30 这样的时:分",
                "not a time; expected hours:minutes such as 16:30",
            ),
            BadWeekday => s(
                "不是星期;应为 周一、星期一、一、mon、Monday 或 1",
                "not a weekday; expected mon, Monday, 周一, 星期一, 一 or 1",
            ),
            BadDays => s(
                "不是星期列表;应为 一至五、1-5、一三五 或 mon,wed,fri",
                "not a list of weekdays; expected 一至五, 1-5, 一三五 or mon,wed,fri",
            ),
            NotServiceWeekday { service } => {
                let service = service
                    .iter()
                    .map(|d| weekday_name(lang, d).to_string())
                    .collect::<Vec<_>>();
                let service = lang.list(&service);
                if zh {
                    format!("不是课后服务日;服务日为 {service}")
                } else {
                    format!("not a service weekday; service runs on {service}")
                }
            }
            BadGrade => s(
                "年级应为 1 到 6 的整数",
                "the grade should be a whole number from 1 to 6",
            ),
            BadGrades => s(
                "年级应在 1 到 6 之间,如 3、1-2 或 3,4",
                "grades should be within 1 to 6, such as 3, 1-2 or 3,4",
            ),
            BadCapacity => s(
                "容量应为正整数",
                "the capacity should be a positive whole number",
            ),
            BadMin => s(
                "最少人数应为非负整数",
                "the minimum should be a whole number, 0 or more",
            ),
            MinOverCapacity => s(
                "最少人数超过了人数上限,这个社团永远开不成",
                "the minimum exceeds the capacity, so the club could never run",
            ),
            BadYesNo => s(
                "应为 是/否 或 已签/未签(yes/no)",
                "expected yes or no (是/否, 已签/未签)",
            ),
            BadDecision => s(
                "应为 参加 或 不参加(yes/no)",
                "expected 参加 or 不参加 (yes/no)",
            ),
            BadSession => s(
                "时段应为 全程(full) 或 第一时段(first)",
                "the session should be full (全程) or first (第一时段)",
            ),
            BadPickup => s(
                "离校方式应为 家长接(parent)、自行回家(self) 或 校车(bus);也可以写谁来接,如 爷爷接",
                "pickup should be parent (家长接), self (自行回家) or bus (校车); or who picks up, as in 爷爷接",
            ),
            BadPriority => s(
                "优先级应为整数,默认 0",
                "the priority should be a whole number (default 0)",
            ),
            BadMoney => s(
                "金额应为元,如 6 或 6.50",
                "the amount should be in yuan, such as 6 or 6.50",
            ),
            BadRole => s(
                "角色应为 教师(teacher) 或 领导(leader)",
                "the role should be teacher (教师) or leader (领导)",
            ),
            DateBeforeStart => s(
                "结束日期早于开始日期",
                "the end date is before the start date",
            ),
            RollHeaderUnreadable => s(
                "日期表头被改写,读不出是哪一天;请按点名册原样写成 日 + 换行 + 星期(如 7 周一)",
                "a date header rewritten so that its day cannot be read: write it as the register printed it (the day over its weekday, e.g. 7 over Mon)",
            ),
            RollDayTwice { first_column } => {
                if zh {
                    format!("这一天已有一列(“{first_column}”);同一天只能有一列")
                } else {
                    format!(
                        "this day already has a column (\"{first_column}\"); one column per day"
                    )
                }
            }
            RollDayNotInMonth { year, month } => {
                if zh {
                    format!("{year} 年 {month} 月没有这一天")
                } else {
                    format!("{year}-{month:02} has no such day")
                }
            }
            RollWeekdayMismatch { date } => {
                let real = weekday_name(lang, chrono::Datelike::weekday(date));
                if zh {
                    format!(
                        "按点名册键的月份这一天是 {date} {real},与表头的星期不符;键的月份是否写错?"
                    )
                } else {
                    format!(
                        "by the grid key's month this day is {date} ({real}), not the weekday in the header: is the key's month wrong?"
                    )
                }
            }
            RollMergedAcrossDays => s(
                "一个标记合并了几天的单元格,只有第一天读得到;请取消合并,每天各写一次",
                "a mark merged across several days' cells: only the first day can be read; unmerge it and write it in each day",
            ),
            ConflictingMarks { first } => {
                if zh {
                    format!(
                        "同一学生、同一天、同一时段在本文件中已有不同的标记({first});请核对后只留一个"
                    )
                } else {
                    format!(
                        "the same child, date and block already has a different mark in this file ({first}); keep one"
                    )
                }
            }
            PathOutsideSchool { key } => {
                if zh {
                    format!(
                        "files.{key} 指向学校文件夹之外;如确是有意为之,请在 [files] 中写 outside_folder = true"
                    )
                } else {
                    format!(
                        "files.{key} points outside the school's folder; if that is meant, write outside_folder = true under [files]"
                    )
                }
            }
            PaperTextUnreadable { what, path, why } => {
                let key = what.key();
                let expected = what.what(lang);
                let why = why.render(lang);
                match (zh, path.is_empty()) {
                    (true, true) => format!("papers.{key} 应写文件名(加引号),文件内容为{expected}"),
                    (true, false) => format!(
                        "papers.{key} 指定的文件 {path} 不能用:{why};应为学校文件夹中的文本文件(UTF-8 或 GBK),内容为{expected}"
                    ),
                    (false, true) => {
                        format!(
                            "papers.{key} takes a file name in quotes: a file holding {expected}"
                        )
                    }
                    (false, false) => format!(
                        "papers.{key} names {path}, which cannot be used: {why}; expected a text file (UTF-8 or GBK) in the school's folder holding {expected}"
                    ),
                }
            }
            EmptyPaperText => s("文件是空的", "the file is empty"),
            OutsideFolder => s(
                "在学校文件夹之外(如确是有意为之,请在 [files] 中写 outside_folder = true)",
                "it is outside the school's folder (if that is meant, write outside_folder = true under [files])",
            ),
            ConfigTextTooLong { key, chars, limit } => {
                if zh {
                    format!("{key} 太长({chars} 个字符,最多 {limit} 个)")
                } else {
                    format!("{key} is too long ({chars} characters; at most {limit})")
                }
            }
            PaymentOutsideTerm { start, end } => {
                if zh {
                    format!("缴费日期不在本学期({start} 至 {end},前后一个月内),请核对日期")
                } else {
                    format!(
                        "the payment is dated outside the term ({start} to {end}, give or take a month): check the date"
                    )
                }
            }
            DuplicateClass { first_line } => {
                if zh {
                    format!(
                        "与第 {first_line} 行是同一个班级(全角、半角括号和空格视为相同);请合并成一行"
                    )
                } else {
                    format!(
                        "the same class as line {first_line} (full-width and half-width brackets and spaces count as the same); merge them into one row"
                    )
                }
            }
            DuplicateId { first_line } => {
                if zh {
                    format!("学号重复,第 {first_line} 行已有这个学号")
                } else {
                    format!("duplicate id, already on line {first_line}")
                }
            }
            UnknownClass { closest } => {
                let mut t = s("班级不在班级表中", "this class is not in the classes file");
                if !closest.is_empty() {
                    t += &if zh {
                        format!(";最接近的班级:{}", lang.list(closest))
                    } else {
                        format!("; closest classes: {}", lang.list(closest))
                    };
                }
                t
            }
            UnknownStudent => s("学号不在学生名单中", "this student id is not on the roster"),
            DuplicatePayment { first_line } => {
                if zh {
                    format!("重复缴费记录:第 {first_line} 行已有同一学生、金额、日期和方式的记录")
                } else {
                    format!(
                        "duplicate payment: line {first_line} has the same student, amount, date and method"
                    )
                }
            }
            OptOutWithoutReason => s(
                "选择不参加但没有填写原因(需存档)",
                "opted out without a reason (the reason is kept for the archive)",
            ),
            ClubTimesApart { times } => {
                if zh {
                    format!(
                        "社团面向的年段社团时段开始时间不同({times}):学生分批到达,签到表按每人到达时间列出,指导教师须从最早时间起到场"
                    )
                } else {
                    format!(
                        "the club is open to bands whose club blocks start at different times ({times}): children arrive apart; the sign-in sheet lists each child's arrival time, and the teacher must be there from the first start"
                    )
                }
            }
            SameDateSlips { other_line } => {
                if zh {
                    format!("与第 {other_line} 行是同一学生同一日期的回执;以后一行为准")
                } else {
                    format!("same student and date as line {other_line}; the later row counts")
                }
            }
            UnknownClub { closest } => {
                let mut t = s("没有这个社团", "no such club");
                if !closest.is_empty() {
                    t += &if zh {
                        format!(";最接近的:{}", lang.list(closest))
                    } else {
                        format!("; closest: {}", lang.list(closest))
                    };
                }
                t
            }
            AmbiguousClubName { ids } => {
                if zh {
                    format!("多个社团同名({}),请填写社团编号", lang.list(ids))
                } else {
                    format!(
                        "several clubs have this name ({}); write the club id",
                        lang.list(ids)
                    )
                }
            }
            DuplicateChoice { first_rank } => {
                if zh {
                    format!("与志愿{first_rank}重复")
                } else {
                    format!("the same club as choice {first_rank}")
                }
            }
            UnknownStaff => s(
                "不在教职工表中(应为工号或姓名)",
                "not in the staff file (expected a staff id or name)",
            ),
            SharedStaffName { ids } => {
                if zh {
                    format!(
                        "有 {} 名教职工同名({}):请写工号或 姓名(工号)",
                        ids.len(),
                        lang.list(ids)
                    )
                } else {
                    format!(
                        "{} staff share this name ({}): write the staff id or name(id)",
                        ids.len(),
                        lang.list(ids)
                    )
                }
            }
            StaffShareName { ids } => {
                if zh {
                    format!(
                        "这个姓名由 {} 名教职工共用({}):表上将印 姓名(工号),其他文件请写工号",
                        ids.len(),
                        lang.list(ids)
                    )
                } else {
                    format!(
                        "{} staff share this name ({}): sheets print name(id); other files should use the id",
                        ids.len(),
                        lang.list(ids)
                    )
                }
            }
            SubstituteNotInStaff => s(
                "代课教师不在教职工表中:不妨碍登记状态,但在加入教职工表之前无法计入其课时",
                "this substitute is not in the staff file: it does not stop the statuses being recorded, but their hours cannot be credited until they are added",
            ),
            SharedStaffOnSheet { ids } => {
                if zh {
                    format!(
                        "同名教职工({}):不妨碍登记状态,但请写 姓名(工号),否则无法计入课时",
                        lang.list(ids)
                    )
                } else {
                    format!(
                        "staff share this name ({}): it does not stop the statuses being recorded, but write name(id) or their hours cannot be credited",
                        lang.list(ids)
                    )
                }
            }
            UnknownRoom => s("不在教室表中", "not in the rooms file"),
            NoBandForGrade => s(
                "没有哪个年段包含这个年级(见 config.toml 的 [[bands]])",
                "no band in config.toml [[bands]] covers this grade",
            ),
            NoClubBlock => s(
                "该社团的年级在这个时段没有社团课(见 config.toml 的 blocks)",
                "the club's grades have no club block in this session (see blocks in config.toml)",
            ),
            MakeupNotWeekend => s(
                "调休补课日应是周六或周日",
                "a makeup day should be a Saturday or Sunday",
            ),
            ClosureOutsideTerm => s(
                "停课日期不在学期之内,不起作用",
                "the closure is outside the term and has no effect",
            ),
            TermBackwards => s("学期结束日期早于开始日期", "the term ends before it starts"),
            BlocksOverlap { previous } => {
                if zh {
                    format!("与前一时段 {previous} 重叠或顺序颠倒;时段应按时间先后排列")
                } else {
                    format!(
                        "overlaps or comes before the previous block {previous}; blocks must be in time order"
                    )
                }
            }
            BlockBackwards => s("结束时间不晚于开始时间", "the block ends before it starts"),
            BandGradesOverlap { other } => {
                if zh {
                    format!("年级与年段“{other}”重叠")
                } else {
                    format!("the grades overlap band '{other}'")
                }
            }
            GradeWithoutBand { grade, bands_at } => {
                super::clerk::grade_without_band(lang, *grade, bands_at)
            }
            BandWithoutBlocks
            | DismissalBeforeBlockEnds { .. }
            | EarlyEndBeforeBlocks { .. }
            | DateOutsideTerm { .. }
            | MustBePositive
            | UnknownConfigKey { .. }
            | NeedsTrueFalse { .. }
            | BadConfigValue { .. }
            | FeeTooLarge { .. } => super::hostile::config(lang, self),
            BandWithoutHomework => s(
                "年段没有作业时段(kind = \"homework\")",
                "the band has no homework block (kind = \"homework\")",
            ),
            NoHomeworkSeat => s(
                "作业教室座位不够:这名学生没有座位;请增加教室或容量",
                "not enough homework seats: this student has none; add rooms or capacity",
            ),
            NoSupervisor {
                group,
                weekday,
                missing,
            } => {
                let day = weekday_name(lang, *weekday);
                if zh {
                    format!(
                        "{day} {group} 缺少 {missing} 名看护教师:请在教室表中指定或增加可值班的教师"
                    )
                } else {
                    format!(
                        "{day} {group} needs {missing} more supervising teacher(s): name them in the rooms file or add available staff"
                    )
                }
            }
            NoDutyLeader { weekday } => {
                let day = weekday_name(lang, *weekday);
                if zh {
                    format!("{day} 没有可值班的带班领导")
                } else {
                    format!("no duty leader is available on {day}")
                }
            }
            SupervisorClash {
                teacher,
                weekday,
                first,
                second,
            } => {
                let day = weekday_name(lang, *weekday);
                if zh {
                    format!("{day} {teacher} 同时在两处看护:{first} 与 {second}")
                } else {
                    format!("{day} {teacher} is in two places at once: {first} and {second}")
                }
            }
            BadStatus => s(
                "状态应为 到(✓ √ P)、假(L)、缺(A) 或 早退(E)",
                "the status should be present (到 ✓ √ P), leave (假 L), absent (缺 A) or early (早退 E)",
            ),
            NotOnList => s(
                "这名学生不在当天这个小组的名单上",
                "this student is not on that day's list for this group",
            ),
            NotServiceDate => s("这一天不是课后服务日", "this date is not a service day"),
            NoRegister => s(
                "不是签到表:找不到“登记键”列,也没有 日期/时段/去向/学号/状态 列",
                "not a register: no key column, nor date/block/group/id/status columns",
            ),
            BadRegisterKey => s(
                "隐藏的登记键被改动,这一行无法对应到名单",
                "the hidden register key was changed; this row cannot be matched to a list",
            ),
            KeyAndRowDisagree { keyed, shown } => {
                if zh {
                    format!(
                        "隐藏的登记键是 {keyed},这一行显示的是 {shown},而 {shown} 不在当天这个小组的名单上:无法确定是哪个孩子,未登记;请核对这一行"
                    )
                } else {
                    format!(
                        "the hidden key is {keyed} but the row shows {shown}, who is not on that day's list for this group: which child is unclear, nothing recorded; check this row"
                    )
                }
            }
            NameAndIdDisagree { shown, roster } => {
                if zh {
                    format!(
                        "这一行的学号与姓名不是同一个孩子:显示 {shown},学号对应 {roster};未登记,请核对"
                    )
                } else {
                    format!(
                        "the row's id and name are not the same child: it shows {shown}, the id is {roster}; nothing recorded, check the row"
                    )
                }
            }
            NameNeedsId => s(
                "名单上有同名学生:手写的行请填学号",
                "two children on the list share this name: write the student id on a typed-in row",
            ),
            SheetWithoutKeys => s(
                "这张签到表没有印好的行(登记键),无法得知手写行的日期、时段和去向",
                "this sheet has no printed rows (register keys): the date, block and group of a typed-in row are unknown",
            ),
            TwoRowsOneChild => s(
                "同一张表上有两行是同一个孩子,且登记不一致:都未登记,请核对",
                "two rows of this sheet are the same child with different marks: neither is recorded, check them",
            ),
            RowsByVisibleId { rows } => {
                if zh {
                    format!(
                        "{rows} 行的学号与隐藏登记键不同(表格可能只对部分列排序):已按表上看得见的学号登记"
                    )
                } else {
                    format!(
                        "{rows} rows show another student id than their hidden key (the sheet may have been sorted on some columns only): recorded for the visible id"
                    )
                }
            }
            NoStudentsYet => s(
                "还没有学生:请在学生名单中填入学生",
                "there are no students yet: fill in the students file",
            ),
            Duty(msg) => msg.render(lang),
        }
    }
}
