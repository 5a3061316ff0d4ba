//! What the commands tell the user on the terminal.

use chrono::{NaiveDate, Weekday};

use super::{Lang, weekday_name};

/// A sentence for the terminal, with the values that go into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Say {
    SchoolCounts {
        students: usize,
        classes: usize,
        slips: usize,
        clubs: usize,
        rooms: usize,
        staff: usize,
    },
    /// A date asked for outside the term, and the term's day used instead.
    DateMovedIntoTerm {
        asked: NaiveDate,
        used: NaiveDate,
    },
    /// (file, rows) left out of the counts above for their errors.
    SetAsideRows(Vec<(String, usize)>),
    /// `record` refused: nothing written, `errors` to fix first.
    RecordRefused {
        errors: usize,
        state: String,
    },
    ConfigHasErrors,
    InputsMissing,
    WarningsHint,
    NoPlanYet,
    FreshNeedsForce,
    PlanInPast {
        planned: NaiveDate,
        as_of: NaiveDate,
    },
    ConsentSummary {
        roster: usize,
        returned: usize,
        opted_in: usize,
        opted_out: usize,
        missing: usize,
        unsigned: usize,
    },
    Closed {
        date: NaiveDate,
        reason: String,
    },
    NotServiceDay {
        date: NaiveDate,
    },
    OutsideTerm {
        date: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A period for `hours` or `weekly` with no day of the term in it.
    PeriodOutsideTerm {
        from: NaiveDate,
        to: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A week (or period) with no register recorded at all.
    NothingRecorded {
        from: NaiveDate,
        to: NaiveDate,
    },
    Unplaced {
        date: NaiveDate,
        names: Vec<String>,
    },
    DaySummary {
        date: NaiveDate,
        /// The weekday whose timetable a makeup day follows.
        follows: Option<Weekday>,
        staying: usize,
        on_leave: usize,
        sheets: usize,
        batches: usize,
        withdrawn: usize,
    },
    RecordSummary {
        added: usize,
        unchanged: usize,
        corrected: usize,
        blank: usize,
    },
    NotRecorded,
    /// Blank rows of one sheet, summarised (the list is in `--verbose`).
    BlanksOnSheet {
        sheet: String,
        blank: usize,
        deleted: usize,
    },
    /// A row deleted from a sign-in sheet: its child is not recorded.
    RowDeleted,
    /// A row recorded before and blank now: the ledger keeps it.
    ClearedKept {
        child: String,
        status: String,
    },
    VerboseHint,
    DryRun,
    WeeklySummary {
        from: NaiveDate,
        to: NaiveDate,
        expected: usize,
        present: usize,
        excused: usize,
        unexplained: usize,
        early: usize,
        not_recorded: usize,
        rate: f64,
        repeated: usize,
        unrecorded: usize,
        covered_by_leave: usize,
    },
    FeesSummary {
        from: NaiveDate,
        to: NaiveDate,
        billed: usize,
        exempt: usize,
        total_fen: i64,
    },
    NoticesSummary {
        date: NaiveDate,
        notices: usize,
        classes: usize,
        changed_only: bool,
    },
    SlipsSummary {
        slips: usize,
        classes: usize,
    },
    RostersSummary {
        date: NaiveDate,
        clubs: usize,
        activities: usize,
        rooms: usize,
    },
    RollNoServiceDays {
        month: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    RollSummary {
        month: String,
        groups: usize,
        students: usize,
        days: usize,
    },
    PaymentsSummary {
        due_fen: i64,
        paid_fen: i64,
        paid_up: usize,
        unpaid: usize,
        under: usize,
        over: usize,
        exempt: usize,
    },
    HoursSummary {
        from: NaiveDate,
        to: NaiveDate,
        staff: usize,
        minutes: u32,
    },
}

impl Say {
    pub fn render(&self, lang: Lang) -> String {
        use Say::*;
        let zh = lang == Lang::Zh;
        let day = |d: &NaiveDate| {
            let w = weekday_name(lang, chrono::Datelike::weekday(d));
            format!("{d} {w}")
        };
        match self {
            SchoolCounts { students, classes, slips, clubs, rooms, staff } => {
                if zh {
                    format!("{students} 名学生,{classes} 个班级,{slips} 张回执,{clubs} 个社团,{rooms} 间教室,{staff} 名教职工")
                } else {
                    format!("{students} students, {classes} classes, {slips} slips, {clubs} clubs, {rooms} rooms, {staff} staff")
                }
            }
            SetAsideRows(files) => super::clerk::set_aside_rows(lang, files),
            RecordRefused { errors, state } => super::clerk::nothing_recorded(lang, *errors, state),
            DateMovedIntoTerm { asked, used } => match lang {
                Lang::Zh => format!("注意:{asked} 不在本学期内,按学期中最近的一天 {used} 打印"),
                Lang::En => format!("note: {asked} is outside the term; printed for its nearest day, {used}"),
            },
            ConfigHasErrors => lang
                .pick("配置文件有错误,请先修正", "the config file has errors; fix them first")
                .to_string(),
            InputsMissing => lang
                .pick(
                    "缺少输入文件,其余检查未进行;请检查配置中的 [files] 路径",
                    "input files are missing, so nothing else was checked; see the paths under [files] in the config",
                )
                .to_string(),
            WarningsHint => lang
                .pick("(运行 kehou check 查看详情)", " (run `kehou check` to see them)")
                .to_string(),
            NoPlanYet => lang
                .pick("还没有 plan.csv:请先运行 kehou plan", "there is no plan.csv yet: run `kehou plan` first")
                .to_string(),
            FreshNeedsForce => lang
                .pick(
                    "已有 plan.csv:--fresh 会重新分配所有学生,已排好的教室和社团可能变动。确认请加 --force",
                    "plan.csv exists: --fresh re-allocates everyone and placements already made may move; add --force to confirm",
                )
                .to_string(),
            PlanInPast { planned, as_of } => {
                if zh {
                    format!("plan.csv 已按 {planned} 排定,不能按更早的 {as_of} 重新安排;如确需从头分配,请用 --fresh --force")
                } else {
                    format!("plan.csv was made as of {planned}; it cannot be re-planned as of the earlier {as_of}; use --fresh --force to start over")
                }
            }
            ConsentSummary { roster, returned, opted_in, opted_out, missing, unsigned } => {
                if zh {
                    format!("花名册 {roster} 人:已交回执 {returned}(参加 {opted_in},不参加 {opted_out}),未交 {missing},参加但安全协议未签 {unsigned}")
                } else {
                    format!("{roster} on the roster: {returned} returned ({opted_in} in, {opted_out} out), {missing} missing, {unsigned} opted in without the safety agreement")
                }
            }
            Closed { date, reason } => {
                if zh {
                    format!("{} 停课:{reason},不生成名单", day(date))
                } else {
                    format!("{}: no service ({reason}); nothing written", day(date))
                }
            }
            NotServiceDay { date } => {
                if zh {
                    format!("{} 不是课后服务日,不生成名单", day(date))
                } else {
                    format!("{} is not a service day; nothing written", day(date))
                }
            }
            OutsideTerm { date, start, end } => {
                if zh {
                    format!("{date} 不在本学期课后服务期内({start} 至 {end}),不生成名单")
                } else {
                    format!("{date} is outside the term ({start} to {end}); nothing written")
                }
            }
            PeriodOutsideTerm {
                from,
                to,
                start,
                end,
            } => {
                if zh {
                    format!(
                        "{from} 至 {to} 不在本学期课后服务期内({start} 至 {end}),没有可统计的服务日,不生成报表"
                    )
                } else {
                    format!(
                        "{from} to {to} is outside the term ({start} to {end}): no service days to count; nothing written"
                    )
                }
            }
            NothingRecorded { from, to } => {
                if zh {
                    format!(
                        "{from} 至 {to} 没有任何签到记录:出勤率无从计算(请先用 kehou record 录入签到表)"
                    )
                } else {
                    format!(
                        "{from} to {to}: no register was recorded, so there is no attendance rate (record the sign-in sheets with kehou record first)"
                    )
                }
            }
            Unplaced { date, names } => {
                let list = names.join("\n  ");
                if zh {
                    format!("!!! {date}:{} 名学生今天应参加课后服务,但计划中没有安排,不在任何名单上。请重新运行 kehou plan:\n  {list}", names.len())
                } else {
                    format!("!!! {date}: {} students are in service today but have no place in the plan and are on no list. Run `kehou plan` again:\n  {list}", names.len())
                }
            }
            DaySummary { date, follows, staying, on_leave, sheets, batches, withdrawn } => {
                let makeup = match (follows, zh) {
                    (Some(f), true) => format!("(调休,按{}课表)", weekday_name(lang, *f)),
                    (Some(f), false) => format!(" (makeup day, {} timetable)", weekday_name(lang, *f)),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("{}{makeup}:留校 {staying} 人(请假 {on_leave}),{sheets} 个签到表,{batches} 个放学批次;计划后退出 {withdrawn} 人未列入", day(date))
                } else {
                    format!("{}{makeup}: {staying} staying ({on_leave} on leave), {sheets} sign-in sheets, {batches} dismissal batches; {withdrawn} withdrawn since the plan left out", day(date))
                }
            }
            RecordSummary { added, unchanged, corrected, blank } => {
                if zh {
                    format!("新增 {added} 条,未变 {unchanged} 条,更正 {corrected} 条,未登记 {blank} 条")
                } else {
                    format!("{added} added, {unchanged} unchanged, {corrected} corrected, {blank} not recorded")
                }
            }
            NotRecorded => lang.pick("未登记", "not recorded").to_string(),
            BlanksOnSheet { sheet, blank, deleted } => match (zh, *deleted) {
                (true, 0) => format!("  {sheet}:未登记 {blank} 条"),
                (true, d) => format!("  {sheet}:未登记 {blank} 条(其中 {d} 行已从表上删除)"),
                (false, 0) => format!("  {sheet}: {blank} not recorded"),
                (false, d) => format!("  {sheet}: {blank} not recorded ({d} rows deleted from the sheet)"),
            },
            RowDeleted => lang
                .pick("这一行已从签到表上删除,未登记", "row deleted from the sheet, not recorded")
                .to_string(),
            ClearedKept { child, status } => {
                if zh {
                    format!("{child}:表上已清空,总账保留原登记“{status}”(总账不删除记录;如需更改请填写新状态)")
                } else {
                    format!("{child}: blank on the sheet now; the ledger keeps '{status}' (it never drops a row; write the new status to change it)")
                }
            }
            VerboseHint => lang
                .pick("(逐条列出请加 --verbose)", "(add --verbose to list every row)")
                .to_string(),
            DryRun => lang.pick("(试运行:未写入)", "(dry run: nothing written)").to_string(),
            WeeklySummary {
                from,
                to,
                expected,
                present,
                excused,
                unexplained,
                early,
                not_recorded,
                rate,
                repeated,
                unrecorded,
                covered_by_leave,
            } => {
                let rate = 100.0 * rate;
                if zh {
                    format!(
                        "{from} 至 {to}:应到 {expected} 人次,到 {present},请假 {excused},无故缺勤 {unexplained}(需跟进),早退 {early},未登记 {not_recorded};出勤率 {rate:.1}%\n\
                         多次无故缺勤 {repeated} 人;未登记的签到表 {unrecorded} 张;缺勤但有请假单(按请假计) {covered_by_leave} 人次"
                    )
                } else {
                    format!(
                        "{from} to {to}: {expected} expected, {present} present, {excused} excused, {unexplained} unexplained (to follow up), {early} early, {not_recorded} not recorded; attendance {rate:.1}%\n\
                         {repeated} students absent without leave more than once; {unrecorded} registers never recorded; {covered_by_leave} absences covered by leave (excused)"
                    )
                }
            }
            FeesSummary { from, to, billed, exempt, total_fen } => {
                let (yuan, fen) = (total_fen / 100, total_fen % 100);
                if zh {
                    format!("{from} – {to}:收费 {billed} 人(减免 {exempt} 人),合计 {yuan}.{fen:02} 元")
                } else {
                    format!("{from} – {to}: {billed} students billed ({exempt} exempt), {yuan}.{fen:02} yuan in all")
                }
            }
            NoticesSummary { date, notices, classes, changed_only } => {
                match (zh, changed_only) {
                    (true, false) => format!("{date}:安排告知单 {notices} 份,{classes} 个班"),
                    (true, true) => format!("{date}:安排有变动的告知单 {notices} 份,{classes} 个班"),
                    (false, false) => format!("{date}: {notices} placement notices in {classes} classes"),
                    (false, true) => format!("{date}: {notices} changed placement notices in {classes} classes"),
                }
            }
            SlipsSummary { slips, classes } => {
                if zh {
                    format!("告家长书回执 {slips} 份,{classes} 个班")
                } else {
                    format!("{slips} consent slips in {classes} classes")
                }
            }
            RostersSummary { date, clubs, activities, rooms } => {
                if zh {
                    format!("{date}:社团名单 {clubs} 份,特色活动名单 {activities} 份,作业教室名单 {rooms} 份")
                } else {
                    format!("{date}: rosters of {clubs} clubs, {activities} special activities and {rooms} homework rooms")
                }
            }
            RollNoServiceDays { month, start, end } => {
                if zh {
                    format!("{month} 没有课后服务日(本学期 {start} 至 {end}),不生成点名册")
                } else {
                    format!("{month} has no service days (the term runs {start} to {end}); nothing written")
                }
            }
            RollSummary { month, groups, students, days } => {
                if zh {
                    format!("{month}:点名册 {groups} 组,{students} 名学生,{days} 个服务日")
                } else {
                    format!("{month}: registers of {groups} groups, {students} students, {days} service days")
                }
            }
            PaymentsSummary { due_fen, paid_fen, paid_up, unpaid, under, over, exempt } => {
                let yuan = |f: &i64| format!("{}.{:02}", f / 100, f % 100);
                let (due, paid) = (yuan(due_fen), yuan(paid_fen));
                if zh {
                    format!("应缴 {due} 元,已缴 {paid} 元:已缴清 {paid_up} 人,未缴 {unpaid} 人,少缴 {under} 人,多缴 {over} 人,免收 {exempt} 人")
                } else {
                    format!("due {due}, paid {paid} yuan: {paid_up} paid up, {unpaid} unpaid, {under} under-paid, {over} over-paid, {exempt} exempt")
                }
            }
            HoursSummary { from, to, staff, minutes } => {
                let hours = *minutes as f64 / 60.0;
                if zh {
                    format!("{from} 至 {to}:{staff} 名教职工,共 {hours:.1} 小时")
                } else {
                    format!("{from} to {to}: {staff} staff, {hours:.1} hours in all")
                }
            }
        }
    }
}
