//! 带班领导 — the duty leader's round and 清校: "带班领导每天要做好各班课后
//! 服务时间的巡视工作 … 负责清校". The duty sheet lists every group of the day
//! in patrol order with 巡视时间/情况/签名 to fill, then the two lines of the
//! 清校 confirmation (every batch handed over, every room checked). `record`
//! reads the filled sheet back (`rounds::read`), the store keeps it, and the
//! weekly report lists the days whose round or 清校 is missing. Pure.

pub mod read;

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveTime};

/// One visit of the duty leader to a group in one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub date: NaiveDate,
    pub block: NaiveTime,
    pub group: String,
    /// 巡视时间.
    pub at: NaiveTime,
    /// 情况, as written.
    pub note: String,
    /// 签名.
    pub signed: String,
    pub source: String,
}

/// The day's 清校: when, and what the leader confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clearance {
    pub date: NaiveDate,
    pub at: NaiveTime,
    /// Every dismissal batch handed over (各批次学生已交接).
    pub handed_over: bool,
    /// Every room checked, no child left behind (各教室已检查).
    pub rooms_checked: bool,
    pub note: String,
    pub signed: String,
    pub source: String,
}

impl Clearance {
    pub fn confirmed(&self) -> bool {
        self.handed_over && self.rooms_checked
    }
}

/// Which of the two 清校 lines a row of the duty sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClearLine {
    HandedOver,
    RoomsChecked,
}

impl ClearLine {
    fn code(self) -> &'static str {
        match self {
            ClearLine::HandedOver => "handover",
            ClearLine::RoomsChecked => "rooms",
        }
    }
}

/// What a duty sheet row's hidden key names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundKey {
    Patrol {
        date: NaiveDate,
        block: NaiveTime,
        group: String,
    },
    Clear {
        date: NaiveDate,
        line: ClearLine,
    },
}

/// `2026-09-14|15:30|101教室`: a group's row on the duty sheet.
pub fn patrol_key(date: NaiveDate, block: NaiveTime, group: &str) -> String {
    format!("{date}|{}|{group}", block.format("%H:%M"))
}

/// `2026-09-14|clear|handover`: a 清校 line on the duty sheet.
pub fn clear_key(date: NaiveDate, line: ClearLine) -> String {
    format!("{date}|clear|{}", line.code())
}

pub fn parse_key(key: &str) -> Option<RoundKey> {
    let (date, rest) = key.trim().split_once('|')?;
    let date = crate::input::parse::date(date)?;
    let (middle, last) = rest.split_once('|')?;
    if middle == "clear" {
        let line = match last {
            "handover" => ClearLine::HandedOver,
            "rooms" => ClearLine::RoomsChecked,
            _ => return None,
        };
        return Some(RoundKey::Clear { date, line });
    }
    let block = crate::input::parse::time(middle)?;
    (!last.is_empty()).then(|| RoundKey::Patrol {
        date,
        block,
        group: last.to_string(),
    })
}

/// Whether what the leader wrote in 情况 on a 清校 line confirms it: `✓`,
/// `是`, `已交接`, `无滞留` … do; a blank, or anything saying it was not done
/// (`未`, `否`, `没有`, `×`, `no`), does not.
pub fn confirms(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return false;
    }
    let not = ["未", "否", "没", "不", "×", "✗", "✘", "no"];
    !(not.iter().any(|n| t.contains(n)) || t == "x")
}

/// The groups that met on a service day (block start, group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyDay {
    pub date: NaiveDate,
    pub groups: Vec<(NaiveTime, String)>,
}

/// A day whose round or 清校 is not (fully) recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub date: NaiveDate,
    pub groups: usize,
    /// Groups with a visit recorded.
    pub visited: usize,
    /// The 清校 recorded, if it was.
    pub clearance: Option<ClearState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClearState {
    pub at: NaiveTime,
    pub handed_over: bool,
    pub rooms_checked: bool,
}

/// The days of `days` whose round misses a group or whose 清校 is missing or
/// not confirmed, in date order.
pub fn gaps(days: &[DutyDay], visits: &[Visit], clearances: &[Clearance]) -> Vec<Gap> {
    let seen: HashSet<(NaiveDate, NaiveTime, &str)> = visits
        .iter()
        .map(|v| (v.date, v.block, v.group.as_str()))
        .collect();
    let cleared: BTreeMap<NaiveDate, &Clearance> = clearances.iter().map(|c| (c.date, c)).collect();
    let mut out = Vec::new();
    for day in days {
        let visited = day
            .groups
            .iter()
            .filter(|(block, group)| seen.contains(&(day.date, *block, group.as_str())))
            .count();
        let clearance = cleared.get(&day.date).map(|c| ClearState {
            at: c.at,
            handed_over: c.handed_over,
            rooms_checked: c.rooms_checked,
        });
        let clear_ok = clearance.is_some_and(|c| c.handed_over && c.rooms_checked);
        if visited < day.groups.len() || !clear_ok {
            out.push(Gap {
                date: day.date,
                groups: day.groups.len(),
                visited,
                clearance,
            });
        }
    }
    out.sort_by_key(|g| g.date);
    out
}

/// Per leader's day: whether the round (every group) and the 清校 were
/// recorded, for the assessment.
pub fn day_recorded(day: &DutyDay, visits: &[Visit], clearances: &[Clearance]) -> (bool, bool) {
    let gap = gaps(std::slice::from_ref(day), visits, clearances);
    match gap.first() {
        None => (true, true),
        Some(g) => (
            g.visited == g.groups,
            g.clearance
                .is_some_and(|c| c.handed_over && c.rooms_checked),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, day).unwrap()
    }

    fn t(text: &str) -> NaiveTime {
        crate::input::parse::time(text).unwrap()
    }

    #[test]
    fn keys_read_back_as_written() {
        let k = patrol_key(d(14), t("15:30"), "101教室");
        assert_eq!(
            parse_key(&k),
            Some(RoundKey::Patrol {
                date: d(14),
                block: t("15:30"),
                group: "101教室".into()
            })
        );
        let k = clear_key(d(14), ClearLine::RoomsChecked);
        assert_eq!(
            parse_key(&k),
            Some(RoundKey::Clear {
                date: d(14),
                line: ClearLine::RoomsChecked
            })
        );
        assert_eq!(parse_key("2026-09-14|clear|lights"), None);
        assert_eq!(parse_key("whatever"), None);
    }

    #[test]
    fn a_tick_confirms_and_a_not_does_not() {
        for yes in ["✓", "√", "是", "已交接", "无滞留", "ok", "正常"] {
            assert!(confirms(yes), "{yes}");
        }
        for no in [
            "",
            " ",
            "未交接",
            "否",
            "3班没有交接",
            "×",
            "x",
            "no",
            "不清楚",
        ] {
            assert!(!confirms(no), "{no}");
        }
    }

    #[test]
    fn a_day_with_a_group_unvisited_or_no_clearance_is_a_gap() {
        let groups = vec![(t("15:30"), "101".to_string()), (t("16:30"), "足球".into())];
        let days = [
            DutyDay {
                date: d(14),
                groups: groups.clone(),
            },
            DutyDay {
                date: d(15),
                groups: groups.clone(),
            },
            DutyDay {
                date: d(16),
                groups,
            },
        ];
        let visit = |day, block: &str, group: &str| Visit {
            date: d(day),
            block: t(block),
            group: group.into(),
            at: t("15:45"),
            note: "正常".into(),
            signed: "李".into(),
            source: String::new(),
        };
        let clear = |day, rooms| Clearance {
            date: d(day),
            at: t("18:10"),
            handed_over: true,
            rooms_checked: rooms,
            note: String::new(),
            signed: "李".into(),
            source: String::new(),
        };
        let visits = [
            visit(14, "15:30", "101"),
            visit(14, "16:30", "足球"),
            visit(15, "15:30", "101"),
            visit(16, "15:30", "101"),
            visit(16, "16:30", "足球"),
        ];
        let clears = [clear(14, true), clear(15, true), clear(16, false)];
        let found = gaps(&days, &visits, &clears);
        let dates: Vec<_> = found.iter().map(|g| (g.date, g.visited)).collect();
        assert_eq!(dates, vec![(d(15), 1), (d(16), 2)]);
        assert!(!found[1].clearance.unwrap().rooms_checked);
        assert_eq!(day_recorded(&days[0], &visits, &clears), (true, true));
        assert_eq!(day_recorded(&days[2], &visits, &clears), (true, false));
    }
}
