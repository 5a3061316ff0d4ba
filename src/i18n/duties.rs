//! The words of the plan's duties (parent volunteers, follow-ups, the care
//! log, the duty leader's round, assessment): problems and column headings,
//! in both languages, kept apart from the older tables so each duty reads in
//! one place.

use chrono::{NaiveTime, Weekday};

use super::{Lang, weekday_name};

/// A problem about a duty's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DutyMsg {
    /// A volunteer's batch that is neither a band nor a dismissal time.
    UnknownBatch { bands: Vec<String> },
    /// A volunteer with no batch, child or class to say where they stand.
    VolunteerWithoutPost,
    /// A 联系时间 that is neither a time nor a date and a time.
    BadContactTime,
    /// A file given to `followup --close` without a follow-up list in it.
    NoFollowUpList,
    /// A follow-up about an absence the ledger does not hold.
    NotAnAbsence,
    /// A duty sheet row whose hidden 巡视键 was changed.
    BadRoundKey,
    /// Fewer volunteers at a batch than `[dismissal] volunteers_per_batch`.
    BatchShortOfVolunteers {
        weekday: Weekday,
        band: String,
        time: NaiveTime,
        wanted: u32,
        found: usize,
    },
}

impl DutyMsg {
    pub fn render(&self, lang: Lang) -> String {
        use DutyMsg::*;
        let zh = lang == Lang::Zh;
        match self {
            UnknownBatch { bands } => {
                let bands = lang.list(bands);
                if zh {
                    format!("不是年段名称或放学时间;应写 {bands} 之一,或如 17:00 的时间")
                } else {
                    format!("not a band or a dismissal time; expected one of {bands}, or a time like 17:00")
                }
            }
            VolunteerWithoutPost => lang
                .pick(
                    "不知道在哪一批放学值守:请填放学批次,或孩子的学号或班级",
                    "which batch they help at is unknown: write the batch, or the child's id or class",
                )
                .to_string(),
            BadContactTime => lang
                .pick(
                    "联系时间应写成 17:40(缺勤当天)或 2026-09-15 08:05",
                    "the contact time should be 17:40 (the day of the absence) or 2026-09-15 08:05",
                )
                .to_string(),
            NoFollowUpList => lang
                .pick(
                    "没有跟进名单(要有 学号、日期、时段、联系时间、结果 这几列)",
                    "no follow-up list in it (it needs the columns id, date, block, contacted_at, outcome)",
                )
                .to_string(),
            NotAnAbsence => lang
                .pick(
                    "台账里没有这个学生这一天这一时段的无故缺勤(缺):请核对学号、日期和时段",
                    "the ledger holds no unexplained absence of this student on this date and block: check the id, date and block",
                )
                .to_string(),
            BadRoundKey => lang
                .pick(
                    "巡视键被改动了(这一列是给 kehou 读的,请勿修改):请从 kehou daily 打印的值班表重新填写",
                    "the round key was changed (the column is for kehou; leave it as printed): fill in the duty sheet kehou daily printed",
                )
                .to_string(),
            BatchShortOfVolunteers {
                weekday,
                band,
                time,
                wanted,
                found,
            } => {
                let day = weekday_name(lang, *weekday);
                let time = time.format("%H:%M");
                if zh {
                    format!(
                        "{day} {time} {band} 放学批次只有 {found} 名家长志愿者,学校要求 {wanted} 名([dismissal] volunteers_per_batch)"
                    )
                } else {
                    format!(
                        "the {band} batch at {time} on {day} has {found} parent volunteers; the school wants {wanted} ([dismissal] volunteers_per_batch)"
                    )
                }
            }
        }
    }
}

/// What the duties' commands tell the user on the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum DutySay {
    VolunteerRota {
        volunteers: usize,
        file: String,
    },
    /// The care log of a period: incidents, and how many the guardian was not told of.
    IncidentsSummary {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        incidents: usize,
        not_notified: usize,
    },
    /// `followup --close`: contacts read, and how many were new.
    ContactsRecorded {
        read: usize,
        added: usize,
    },
    /// The open follow-ups as of a day.
    FollowUps {
        date: chrono::NaiveDate,
        open: usize,
        overdue: usize,
    },
    /// `record`: the duty leader's round read from duty sheets.
    RoundsRecorded {
        visits: usize,
        clearances: usize,
        added: usize,
    },
    /// `record`: incidents read from care log sheets, and how many were new or rewritten.
    IncidentsRecorded {
        read: usize,
        added: usize,
    },
    /// The weekly report: service days whose round or 清校 is not recorded.
    RoundGaps {
        days: usize,
    },
    /// What `rollover` made within one school year (grades kept), and what next.
    RolloverSameYear {
        dir: String,
        placeholders: usize,
        classes: usize,
        students: usize,
    },
}

impl DutySay {
    pub fn render(&self, lang: Lang) -> String {
        use DutySay::*;
        let zh = lang == Lang::Zh;
        match self {
            VolunteerRota { volunteers, file } => {
                if zh {
                    format!("家长志愿者 {volunteers} 名(来自 {file})")
                } else {
                    format!("{volunteers} parent volunteers (from {file})")
                }
            }
            IncidentsSummary {
                from,
                to,
                incidents,
                not_notified,
            } => {
                if zh {
                    format!(
                        "{from} 至 {to}:看管记录 {incidents} 条,其中未通知家长 {not_notified} 条"
                    )
                } else {
                    format!(
                        "{from} to {to}: {incidents} incidents in the care log, {not_notified} with the guardian not told"
                    )
                }
            }
            ContactsRecorded { read, added } => {
                if zh {
                    format!("读到 {read} 条跟进记录,新记入 {added} 条(其余已记过)")
                } else {
                    format!(
                        "{read} follow-up contacts read, {added} new (the rest were recorded before)"
                    )
                }
            }
            FollowUps {
                date,
                open,
                overdue,
            } => {
                if zh {
                    format!("{date}:待跟进的无故脱管 {open} 次,其中超时未结案 {overdue} 次:")
                } else {
                    format!(
                        "{date}: {open} unexplained absences still open, {overdue} of them overdue:"
                    )
                }
            }
            IncidentsRecorded { read, added } => {
                if zh {
                    format!("读到看管记录 {read} 条,新记入或更新 {added} 条(其余已记过)")
                } else {
                    format!(
                        "{read} incidents read from the care log, {added} new or updated (the rest were recorded before)"
                    )
                }
            }
            RoundsRecorded {
                visits,
                clearances,
                added,
            } => {
                if zh {
                    format!(
                        "读到带班巡视 {visits} 条、清校 {clearances} 天,新记入或更新 {added} 条(其余已记过)"
                    )
                } else {
                    format!(
                        "{visits} duty-leader visits and {clearances} days' 清校 read, {added} new or updated (the rest were recorded before)"
                    )
                }
            }
            RoundGaps { days } => {
                if zh {
                    format!("带班巡视或清校未记录完整的服务日:{days} 天(见“巡视与清校”表)")
                } else {
                    format!(
                        "service days whose round or 清校 is not fully recorded: {days} (see the sheet \"Round and 清校\")"
                    )
                }
            }
            RolloverSameYear {
                dir,
                placeholders,
                classes,
                students,
            } => {
                if zh {
                    format!(
                        "同一学年的下学期:{classes} 个班和 {students} 名学生照旧,年级不变(新学年请加 --promote)\n下一步:\n  \
                         1. 打开 {dir}/config.toml,把 {placeholders} 处标有「待填写」的地方(新学期名称和日历)填好\n  \
                         2. 转入、转出的学生在 students.csv 里增删;回执(consent.csv)是空的,收到后填写\n  \
                         3. 在这个文件夹里运行 kehou check,按提示改到没有错误"
                    )
                } else {
                    format!(
                        "the next term of the same school year: {classes} classes and {students} children as they were, grades kept (for a new school year add --promote)\nnext:\n  \
                         1. open {dir}/config.toml and fill in the {placeholders} places marked 待填写 (the new term's name and calendar)\n  \
                         2. add or remove children who joined or left in students.csv; consent.csv is empty until the slips come back\n  \
                         3. run kehou check in that folder and fix what it reports until there are no errors"
                    )
                }
            }
        }
    }
}

/// Column headings and fixed words of the duties' sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyLabel {
    Volunteer,
    Volunteers,
    VolunteerRota,
    VolunteersByDay,
    Child,
    Gate,
    Batch,
    HelpDays,
    DutyDates,
    FirstDate,
    NoVolunteer,
    FollowUpList,
    FollowUpState,
    Overdue,
    Open,
    Closed,
    Contact,
    ContactedAt,
    Outcome,
    HandledBy,
    Contacts,
    Incidents,
    WhatHappened,
    ActionTaken,
    NotifiedAt,
    NotifiedBy,
    MinutesToNotify,
    NotNotified,
    Children,
    Later,
    Assessment,
    Sessions,
    Hours,
    RegistersReturned,
    Absences,
    Incidents2,
    NotNotifiedCount,
    LongestToNotify,
    LeaderDays,
    FactsOnly,
    FollowedUpInTime,
    VisitedAt,
    Seen,
    Signature,
    RoundKey,
    Clear,
    AllHandedOver,
    RoomsChecked,
    RoundHint,
    CareLogHint,
    RoundSheet,
    GroupsMet,
    GroupsVisited,
    ClearedAt,
    ClearNotRecorded,
    NotConfirmed,
    Confirmed,
    RoundsComplete,
    ClearsConfirmed,
    HandedOverShort,
    RegistersLate,
    MostDaysLate,
    RoomsCheckedShort,
}

impl DutyLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        use DutyLabel::*;
        let (zh, en) = match self {
            Volunteer => ("家长志愿者", "Parent volunteer"),
            Volunteers => ("家长志愿者", "Parent volunteers"),
            VolunteerRota => ("家长志愿者值班表", "Parent volunteers' rota"),
            VolunteersByDay => ("按星期和批次", "By weekday and batch"),
            Child => ("孩子", "Child"),
            Gate => ("校门/地点", "Gate"),
            Batch => ("放学批次", "Batch"),
            HelpDays => ("值班日", "Weekdays"),
            DutyDates => ("本学期值班天数", "Days this term"),
            FirstDate => ("第一次", "First day"),
            NoVolunteer => ("(无)", "(none)"),
            FollowUpList => ("跟进名单", "Follow-up"),
            FollowUpState => ("状态", "State"),
            Overdue => ("超时未结案", "overdue"),
            Open => ("待跟进", "open"),
            Closed => ("已结案", "closed"),
            Contact => ("联系人", "Contact"),
            ContactedAt => ("联系时间", "Contacted at"),
            Outcome => ("结果", "Outcome"),
            HandledBy => ("处理人", "By"),
            Contacts => ("联系次数", "Contacts"),
            Incidents => ("看管记录", "Care log"),
            WhatHappened => ("情况", "What happened"),
            ActionTaken => ("处理", "Action taken"),
            NotifiedAt => ("通知家长时间", "Guardian told at"),
            NotifiedBy => ("通知人", "Told by"),
            MinutesToNotify => ("几分钟后通知", "Minutes to tell"),
            NotNotified => ("未通知家长", "guardian not told"),
            Children => ("学生", "Children"),
            Later => ("后续", "Follow-up"),
            Assessment => ("课后服务考评", "After-school assessment"),
            Sessions => ("服务次数", "Sessions"),
            Hours => ("服务时长(小时)", "Hours"),
            RegistersReturned => ("交回签到表(次)", "Registers returned"),
            Absences => (
                "所带小组无故脱管(人次)",
                "Unexplained absences in their groups",
            ),
            Incidents2 => ("看管记录(件)", "Incidents"),
            NotNotifiedCount => ("其中未通知家长", "Guardian not told"),
            LongestToNotify => ("最长通知用时(分钟)", "Longest to tell (min)"),
            LeaderDays => ("带班天数", "Days as duty leader"),
            FollowedUpInTime => ("其中按时跟进结案", "Of them closed in time"),
            VisitedAt => ("巡视时间", "Visited at"),
            Seen => ("情况", "What was seen"),
            Signature => ("签名", "Signed"),
            RoundKey => ("巡视键", "Round key"),
            Clear => ("清校", "清校\n(clearing the school)"),
            // Short lines: the duty sheet's place column stays narrow.
            AllHandedOver => (
                "各批次已全部交接\n(家长接走或交班主任)",
                "every batch handed over\n(collected, or to\nthe head teacher)",
            ),
            RoomsChecked => (
                "各教室、场地已检查\n无学生滞留、门窗已关",
                "every room and ground\nchecked: no child left,\ndoors and windows shut",
            ),
            RoundHint => (
                "巡视到一组就在“巡视时间”写时间、“情况”写所见(正常写 ✓)并签名;清校两行确认后写时间和 ✓(没做到写“未”和原因)。填好交给办公室,用 kehou record 读回。",
                "At each group write the time, what you saw (✓ if all is well) and sign; for 清校 write the time and ✓ on both lines (or 未 and why). Hand it to the office: kehou record reads it back.",
            ),
            CareLogHint => (
                "出了事(摔伤、流鼻血、发烧、冲突……)当天记一行:时间、去向、学号(照签到表抄,几个孩子用 ; 或 、 隔开)、情况、处理、通知家长的时间和通知人、后续。没通知家长的,“通知家长时间”空着。填好交给办公室,用 kehou record 读回。",
                "Anything that happens (a fall, a nosebleed, a fever, a fight): one line the same day: time, group, the children's ids (from the sign-in sheet; several with ;), what happened, what was done, when the guardian was told and by whom, what follows. Guardian not told: leave that time blank. Hand it to the office: kehou record reads it back.",
            ),
            RoundSheet => ("巡视与清校", "Round and 清校"),
            GroupsMet => ("小组数", "Groups"),
            GroupsVisited => ("已巡视", "Visited"),
            ClearedAt => ("清校时间", "Cleared at"),
            ClearNotRecorded => ("未记录", "not recorded"),
            NotConfirmed => ("未确认", "not confirmed"),
            Confirmed => ("已确认", "confirmed"),
            RegistersLate => ("其中晚交(次)", "Of them late"),
            MostDaysLate => ("最晚(天)", "Latest (days)"),
            HandedOverShort => ("各批次已交接", "Batches handed over"),
            RoomsCheckedShort => ("各教室已检查", "Rooms checked"),
            RoundsComplete => ("巡视记全(天)", "Rounds complete (days)"),
            ClearsConfirmed => ("清校已确认(天)", "清校 confirmed (days)"),
            FactsOnly => (
                "只列事实,不打分;每一项都可在周报、工时表和看管记录里查到出处。",
                "Facts only, no score; each can be traced in the weekly reports, the hours and the care log.",
            ),
        };
        lang.pick(zh, en)
    }
}
