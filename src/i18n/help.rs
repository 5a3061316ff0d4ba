//! The command line's help in Chinese, and every command's examples in both
//! languages. English help is the doc comments of `src/cli.rs` and
//! `src/cmd/*.rs`; a new command or option needs its line here too (a test
//! walks the whole command tree and fails on a missing one).

use super::Lang;

/// What each command does, in Chinese: (command, text).
pub const ABOUT: &[(&str, &str)] = &[
    (
        "kehou",
        "kehou(课后):学校课后服务的排班、每日名单与统计工具",
    ),
    ("check", "检查所有输入文件,一次列出全部问题"),
    ("calendar", "显示本学期的服务日、停课日、调休日和无社团日"),
    ("consent", "统计回执:已交、参加、不参加、未交,按班级"),
    ("plan", "把每个学生安排到作业教室和社团,并生成课表"),
    ("daily", "打印某个服务日的签到表、交接单、放学名单和值班表"),
    ("record", "把填好的签到表(每日工作簿或 CSV)记入考勤台账"),
    (
        "weekly",
        "生成每周缺勤报告:人数、需跟进名单、多次缺勤、未交签到表",
    ),
    ("fees", "按学生和班级计算本学期的服务费(成本收费)"),
    ("hours", "统计每位教师某月的服务次数和时长"),
    (
        "notices",
        "打印每个在服务学生的安排通知,以及每班发家长群的文字",
    ),
    (
        "rosters",
        "打印每个社团(录取和候补)、特色活动和作业教室的名册",
    ),
    ("roll", "打印某月每个教室和社团的点名册(按台账填好,或空白)"),
    (
        "slips",
        "打印每个学生的回执(告家长书回执),附本年级可报的社团",
    ),
    (
        "export",
        "把学校数据库的每个表导出为 CSV(排班、候补、考勤台账及其历史)",
    ),
    ("backup", "把学校数据库复制为一个新文件(kehou 运行时也安全)"),
    ("init", "在一个文件夹里建立新学校:配置文件和填写模板"),
    ("assess", "本学期每位教师和带班领导的考评事实(不打分)"),
    (
        "incidents",
        "列出某月的看管记录:每件事多久通知了家长,未通知的排在前面",
    ),
    (
        "rollover",
        "从本学期建立下学期的文件夹:新学年各班升一个年级,回执清空,日历待填",
    ),
    (
        "followup",
        "列出还没结案的无故脱管(超时的排在前面),可先记入填好的跟进名单",
    ),
    (
        "completions",
        "输出命令补全脚本(bash、zsh、fish、powershell)",
    ),
    ("man", "输出使用手册(man 格式)"),
    ("help", "显示帮助(或某个命令的帮助)"),
];

/// Each option's help in Chinese: (command, option id, text). Command `*`
/// holds the options every command shares.
pub const OPTIONS: &[(&str, &str, &str)] = &[
    (
        "*",
        "config",
        "学校的配置文件,或放 config.toml 的文件夹(默认:当前文件夹的 config.toml)",
    ),
    ("*", "out", "输出文件夹(默认:配置文件旁的 out)"),
    (
        "*",
        "lang",
        "语言:zh(中文)或 en(英文),优先于配置文件的 language",
    ),
    ("*", "quiet", "只显示问题,不显示汇总和文件列表"),
    (
        "*",
        "verbose",
        "显示更多内容:plan 列出每个社团的变化,record 列出每一行没记的",
    ),
    ("*", "help", "显示帮助"),
    ("*", "version", "显示版本"),
    ("check", "json", "以 JSON 输出全部问题(供其他程序读取)"),
    ("consent", "csv", "同时把每张表另存为 CSV"),
    (
        "consent",
        "as_of",
        "只统计这一天及以前的回执(日期,如 9-1、今天)",
    ),
    (
        "plan",
        "as_of",
        "按这一天在服务的学生排班(默认:今天,限本学期内)",
    ),
    (
        "plan",
        "fresh",
        "不看已有的 plan.csv,从头重新分配(需加 --force)",
    ),
    ("plan", "force", "确认 --fresh:已有安排可能变动"),
    ("plan", "csv", "同时把课表的各张表另存为 CSV"),
    (
        "plan",
        "what_if",
        "用另一张社团表与现有社团表比较排班结果(录取、志愿、优先级、空余名额),不写入任何文件",
    ),
    (
        "daily",
        "date",
        "服务日(默认:今天),如 明天、9-8、9月8日、2026-09-08",
    ),
    ("daily", "from", "连续多天的第一天"),
    ("daily", "to", "连续多天的最后一天"),
    ("daily", "csv", "同时把每张表另存为 CSV"),
    (
        "daily",
        "absent",
        "改为:按当天已记的签到表,为每个无故缺勤的学生生成发给家长的消息",
    ),
    (
        "daily",
        "only",
        "只打印一种,各存一个工作簿:signin(签到表)、handover(交接单)、dismissal(放学名单)、duty(值班表)、care-log(看管记录)",
    ),
    (
        "record",
        "files",
        "填好的每日工作簿(xlsx)或签到 CSV,可以多个",
    ),
    ("record", "dry_run", "只显示会有哪些变化,不记入数据库"),
    (
        "record",
        "wait",
        "另一个 kehou 正在使用学校数据库时,最多等多少秒",
    ),
    ("export", "to", "CSV 写到哪个文件夹(默认:out/export)"),
    ("backup", "file", "备份到这个新文件(不会覆盖已有文件)"),
    (
        "weekly",
        "week",
        "这一周(周一至周日)中的任意一天;默认:上一个完整的周",
    ),
    ("weekly", "from", "时间段的第一天"),
    ("weekly", "to", "时间段的最后一天"),
    ("weekly", "csv", "同时把每张表另存为 CSV"),
    ("fees", "from", "收费的第一天(默认:学期第一天)"),
    ("fees", "to", "收费的最后一天(默认:学期最后一天)"),
    ("fees", "csv", "同时把每张表另存为 CSV"),
    ("fees", "notices", "同时按班级打印每个学生的缴费通知单"),
    ("fees", "issued", "缴费通知单上的发放日期(默认:今天)"),
    (
        "fees",
        "paid",
        "核对这个文件里的缴费记录(学号、金额、日期、方式)",
    ),
    ("notices", "date", "通知按哪一天的安排(默认:排班的日期)"),
    ("notices", "changed", "只打印最近一次排班新增或变动的学生"),
    ("notices", "csv", "同时把通知列表另存为 CSV"),
    ("notices", "issued", "通知上的发放日期(默认:今天)"),
    ("slips", "issued", "告家长书上的日期(默认:今天)"),
    (
        "notices",
        "volunteers",
        "改为:打印本学期家长志愿者值班表(按 volunteers.csv)",
    ),
    ("rosters", "date", "名册按哪一天(默认:排班的日期)"),
    ("rosters", "csv", "同时把名册另存为一个 CSV"),
    ("roll", "month", "月份,如 2026-09"),
    ("roll", "blank", "打印空白点名册,手写用(不读台账)"),
    ("roll", "csv", "同时把每张点名册另存为 CSV"),
    ("hours", "month", "月份,如 2026-10(默认:本月)"),
    ("hours", "from", "时间段的第一天"),
    ("hours", "to", "时间段的最后一天"),
    ("hours", "csv", "同时把表另存为 CSV"),
    ("init", "dir", "新学校的文件夹(没有就新建;默认:当前文件夹)"),
    ("init", "name", "学校名称,如 城南小学"),
    ("init", "term", "学期名称,用在文件名里,如 2026秋"),
    ("init", "start", "本学期课后服务的第一天,如 2026-09-07"),
    ("init", "end", "本学期课后服务的最后一天,如 2027-01-22"),
    (
        "init",
        "grades",
        "年段:每段的年级,用逗号隔开,每段有自己的放学时间(默认 1-2,3-4,5-6)",
    ),
    ("assess", "from", "时间段的第一天(默认:学期第一天)"),
    ("assess", "to", "时间段的最后一天(默认:今天)"),
    ("assess", "csv", "同时把表另存为 CSV"),
    ("incidents", "month", "月份,如 2026-09(默认:本月)"),
    ("incidents", "from", "时间段的第一天"),
    ("incidents", "to", "时间段的最后一天"),
    ("incidents", "csv", "同时把表另存为 CSV"),
    (
        "rollover",
        "dir",
        "下学期的文件夹(没有就新建;不能是本学期的文件夹)",
    ),
    ("rollover", "term", "下学期的名称,用在文件名里,如 2027春"),
    ("rollover", "start", "下学期课后服务的第一天,如 2027-02-22"),
    ("rollover", "end", "下学期课后服务的最后一天,如 2027-07-02"),
    (
        "rollover",
        "promote",
        "各班升一个年级(新学年),不看两个学期的日期",
    ),
    (
        "rollover",
        "keep_grades",
        "各班年级不变(同一学年),不看两个学期的日期",
    ),
    (
        "followup",
        "close",
        "先记入填好的跟进名单(xlsx)或联系记录 CSV(学号、日期、时段、联系时间、结果、处理人)",
    ),
    (
        "followup",
        "date",
        "按哪一天列出(默认:今天):过了期限还没结案的算超时",
    ),
    ("followup", "csv", "同时把名单另存为 CSV"),
    (
        "followup",
        "wait",
        "另一个 kehou 正在使用学校数据库时,最多等几秒",
    ),
    (
        "completions",
        "shell",
        "哪种命令行:bash、zsh、fish 或 powershell",
    ),
    ("help", "subcommand", "要看帮助的命令"),
];

/// The placeholder of an option's value in Chinese help: (option id, name).
pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("config", "配置文件"),
    ("out", "文件夹"),
    ("lang", "语言"),
    ("date", "日期"),
    ("from", "日期"),
    ("to", "日期"),
    ("week", "日期"),
    ("as_of", "日期"),
    ("start", "日期"),
    ("end", "日期"),
    ("month", "月份"),
    ("files", "文件"),
    ("dir", "文件夹"),
    ("name", "名称"),
    ("term", "学期"),
    ("grades", "年级"),
    ("shell", "命令行"),
    ("subcommand", "命令"),
    ("paid", "文件"),
    ("issued", "日期"),
    ("only", "名单"),
    ("wait", "秒数"),
];

/// The Chinese placeholder of an option's value.
pub fn value_name(id: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}

/// The usage line's English words, in Chinese.
pub fn usage_in_chinese(usage: &str) -> String {
    usage
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]")
}

/// Two or three examples per command: (command, Chinese, English).
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "kehou",
        "  kehou init 城南小学 --name 城南小学 --term 2026秋\n  kehou check\n  kehou daily --date 明天",
        "  kehou init school --name \"Chengnan Primary\" --term 2026秋\n  kehou check\n  kehou daily --date tomorrow",
    ),
    (
        "check",
        "  kehou check                    # 当前文件夹的学校\n  kehou check -c 城南小学        # 另一个文件夹的学校\n  kehou check --json > 问题.json",
        "  kehou check                    # the school in this folder\n  kehou check -c school          # the school in another folder\n  kehou check --json > problems.json",
    ),
    (
        "calendar",
        "  kehou calendar\n  kehou calendar -c 城南小学",
        "  kehou calendar\n  kehou calendar -c school",
    ),
    (
        "consent",
        "  kehou consent\n  kehou consent --as-of 9-1\n  kehou consent --csv",
        "  kehou consent\n  kehou consent --as-of 9-1\n  kehou consent --csv",
    ),
    (
        "plan",
        "  kehou plan                     # 开学前:按学期第一天排班\n  kehou plan --as-of 10-20       # 收到新回执或退出后重排\n  kehou plan --fresh --force     # 全部从头分配",
        "  kehou plan                     # before term: plan for its first day\n  kehou plan --as-of 10-20       # re-plan after late slips or withdrawals\n  kehou plan --fresh --force     # start over",
    ),
    (
        "daily",
        "  kehou daily --date 明天         # 前一天下午打印明天的名单\n  kehou daily                    # 今天\n  kehou daily --from 9-7 --to 9-11",
        "  kehou daily --date tomorrow    # print tomorrow's lists the afternoon before\n  kehou daily                    # today\n  kehou daily --from 9-7 --to 9-11",
    ),
    (
        "record",
        "  kehou record out/daily/2026-09-08.xlsx\n  kehou record 签到表/*.xlsx --dry-run",
        "  kehou record out/daily/2026-09-08.xlsx\n  kehou record registers/*.xlsx --dry-run",
    ),
    (
        "weekly",
        "  kehou weekly                   # 上一周\n  kehou weekly --week 今天        # 本周\n  kehou weekly --from 9-1 --to 9-30",
        "  kehou weekly                   # last week\n  kehou weekly --week today      # this week\n  kehou weekly --from 9-1 --to 9-30",
    ),
    (
        "fees",
        "  kehou fees\n  kehou fees --from 9-1 --to 9-30 --csv",
        "  kehou fees\n  kehou fees --from 9-1 --to 9-30 --csv",
    ),
    (
        "hours",
        "  kehou hours                    # 本月\n  kehou hours --month 2026-10",
        "  kehou hours                    # this month\n  kehou hours --month 2026-10",
    ),
    (
        "notices",
        "  kehou notices                  # 排班后,每个学生一张通知\n  kehou notices --changed        # 重新排班后,只打印有变化的",
        "  kehou notices                  # after plan: a notice per child\n  kehou notices --changed        # after a re-plan: only the changed ones",
    ),
    (
        "rosters",
        "  kehou rosters\n  kehou rosters --date 10-20 --csv",
        "  kehou rosters\n  kehou rosters --date 10-20 --csv",
    ),
    (
        "roll",
        "  kehou roll --month 2026-09\n  kehou roll --month 2026-10 --blank   # 空白点名册",
        "  kehou roll --month 2026-09\n  kehou roll --month 2026-10 --blank   # blank grids",
    ),
    (
        "slips",
        "  kehou slips                    # 开学前发给每个学生的回执\n  kehou slips -c 城南小学",
        "  kehou slips                    # the slips to hand out before term\n  kehou slips -c school",
    ),
    (
        "export",
        "  kehou export                   # 写到 out/export\n  kehou export --to 导出",
        "  kehou export                   # into out/export\n  kehou export --to exported",
    ),
    (
        "backup",
        "  kehou backup 备份/kehou-2026-10-20.db",
        "  kehou backup backups/kehou-2026-10-20.db",
    ),
    (
        "init",
        "  kehou init 城南小学 --name 城南小学 --term 2026秋 --start 2026-09-07 --end 2027-01-22 --grades 1-3,4-6\n  kehou init .                   # 当前文件夹,其余以后在 config.toml 里填",
        "  kehou init school --name \"Chengnan Primary\" --term 2026秋 --start 2026-09-07 --end 2027-01-22 --grades 1-3,4-6\n  kehou init .                   # this folder; fill in the rest in config.toml later",
    ),
    (
        "assess",
        "  kehou assess                   # 学期初到今天\n  kehou assess --from 9-7 --to 1-22 --csv",
        "  kehou assess                   # from the start of term to today\n  kehou assess --from 9-7 --to 1-22 --csv",
    ),
    (
        "incidents",
        "  kehou incidents --month 2026-09\n  kehou incidents --from 9-14 --to 9-20 --csv",
        "  kehou incidents --month 2026-09\n  kehou incidents --from 9-14 --to 9-20 --csv",
    ),
    (
        "followup",
        "  kehou followup\n  kehou followup --close out/weekly/2026-W38.xlsx\n  kehou followup --close 联系记录.csv --date 9-15",
        "  kehou followup\n  kehou followup --close out/weekly/2026-W38.xlsx\n  kehou followup --close contacts.csv --date 9-15",
    ),
    (
        "rollover",
        "  kehou rollover ../2027春 --term 2027春 --start 2027-02-22 --end 2027-07-02\n  kehou rollover -c 2026秋 2027春   # 日历以后在新的 config.toml 里填",
        "  kehou rollover ../2027spring --term 2027春 --start 2027-02-22 --end 2027-07-02\n  kehou rollover -c 2026autumn 2027spring   # fill in the calendar later",
    ),
    (
        "completions",
        "  kehou completions bash > ~/.local/share/bash-completion/completions/kehou\n  kehou completions powershell >> $PROFILE",
        "  kehou completions bash > ~/.local/share/bash-completion/completions/kehou\n  kehou completions powershell >> $PROFILE",
    ),
    (
        "man",
        "  kehou man > kehou.1\n  kehou man | man -l -",
        "  kehou man > kehou.1\n  kehou man | man -l -",
    ),
    (
        "help",
        "  kehou help daily\n  kehou help",
        "  kehou help daily\n  kehou help",
    ),
];

/// The Chinese help of a command.
pub fn about(command: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(c, _)| *c == command).map(|(_, t)| *t)
}

/// The Chinese help of an option: the command's own, else the shared one.
pub fn option(command: &str, id: &str) -> Option<&'static str> {
    let find = |cmd: &str| {
        OPTIONS
            .iter()
            .find(|(c, i, _)| *c == cmd && *i == id)
            .map(|(_, _, t)| *t)
    };
    find(command).or_else(|| find("*"))
}

/// A command's examples, under a heading, in `lang`.
pub fn examples(command: &str, lang: Lang) -> Option<String> {
    let (_, zh, en) = EXAMPLES.iter().find(|(c, _, _)| *c == command)?;
    Some(format!(
        "{}\n{}",
        lang.pick("示例:", "Examples:"),
        lang.pick(zh, en)
    ))
}

/// Headings of the help page.
pub fn heading(what: Heading, lang: Lang) -> &'static str {
    match what {
        Heading::Commands => lang.pick("命令", "Commands"),
        Heading::Arguments => lang.pick("参数", "Arguments"),
        Heading::Options => lang.pick("选项", "Options"),
        Heading::Common => lang.pick("通用选项", "Common options"),
        Heading::Usage => lang.pick("用法:", "Usage:"),
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Heading {
    Commands,
    Arguments,
    Options,
    Common,
    Usage,
}
