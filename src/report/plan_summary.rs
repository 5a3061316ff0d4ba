//! The plan's summary for the terminal: counts, seats per day, choice
//! satisfaction, the comparison with the other strategy, the bound, clubs
//! not running, and what a re-plan changed.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use chrono::Weekday;

use crate::i18n::{Label, Lang, nth_choice, weekday_name};
use crate::model::Session;
use crate::plan::{Built, Exactness, Kind};
use crate::school::School;

/// The plan's summary for the terminal: counts, satisfaction, the comparison
/// with the other strategy, clubs not running, and what changed.
/// Per-club changes are listed only when few (or with `verbose`): a school
/// with a thousand clubs reads the totals, and the timetable has the rest.
pub fn terminal_report(built: &Built, school: &School, lang: Lang, verbose: bool) -> String {
    let mut out = String::new();
    let zh = lang == Lang::Zh;
    let first = built
        .enrollees
        .iter()
        .filter(|e| e.slip.session == Session::First)
        .count();
    let rooms: HashSet<usize> = built.room_of.iter().flatten().copied().collect();
    if zh {
        writeln!(
            out,
            "计划日期 {}:在服务 {} 人(其中仅第一时段 {} 人);作业教室 {} 间,拆分班级 {} 个",
            built.as_of,
            built.enrollees.len(),
            first,
            rooms.len(),
            built.split_classes.len()
        )
        .unwrap();
    } else {
        writeln!(out, "Plan as of {}: {} students in service ({} first session only); {} homework rooms, {} classes split", built.as_of, built.enrollees.len(), first, rooms.len(), built.split_classes.len()).unwrap();
    }
    // Homework seats used per weekday, against the rooms' capacity.
    let capacity: u32 = rooms.iter().map(|&r| school.rooms[r].capacity).sum();
    let mut per_day: BTreeMap<u32, HashSet<&str>> = BTreeMap::new();
    for p in built
        .plan
        .placements
        .iter()
        .filter(|p| p.to.is_none() && p.kind == Kind::Homework)
    {
        per_day
            .entry(p.weekday.num_days_from_monday())
            .or_default()
            .insert(&*p.student);
    }
    let days: Vec<String> = per_day
        .iter()
        .map(|(d, students)| {
            let day = Weekday::try_from(*d as u8).unwrap_or(Weekday::Mon);
            format!("{} {}/{capacity}", weekday_name(lang, day), students.len())
        })
        .collect();
    writeln!(
        out,
        "{}: {}",
        lang.pick("作业教室座位(每日)", "Homework seats per day"),
        days.join(", ")
    )
    .unwrap();
    let line = |s: &crate::plan::Satisfaction| {
        let with: usize = s.per_tier.iter().map(|t| t.2).sum();
        let pct = |n: usize| {
            if with == 0 {
                0.0
            } else {
                100.0 * n as f64 / with as f64
            }
        };
        let mut parts: Vec<String> = s
            .by_rank
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} {} ({:.1}%)", nth_choice(lang, i + 1), n, pct(*n)))
            .collect();
        parts.push(format!(
            "{} {} ({:.1}%)",
            Label::Unplaced.text(lang),
            s.unplaced,
            pct(s.unplaced)
        ));
        let placed: usize = s.per_tier.iter().map(|t| t.1).sum();
        let name = match s.strategy {
            Some(crate::config::Strategy::Optimal) => lang.pick("最优", "optimal"),
            _ => lang.pick("抽签", "lottery"),
        };
        let tiers: Vec<String> = s
            .per_tier
            .iter()
            .map(|(t, p, n)| format!("{}{t}: {p}/{n}", lang.pick("优先级", "priority ")))
            .collect();
        format!(
            "  [{name}] {} {placed}/{with}; {}; {}: {}",
            lang.pick("录取", "placed"),
            parts.join(", "),
            lang.pick("按优先级", "by tier"),
            tiers.join(", ")
        )
    };
    writeln!(out, "{}", lang.pick("社团志愿满足情况:", "Club choices:")).unwrap();
    writeln!(out, "{}", line(&built.satisfaction)).unwrap();
    writeln!(
        out,
        "{}",
        lang.pick(
            "同样数据下另一种分配方式:",
            "The other strategy on the same data:"
        )
    )
    .unwrap();
    writeln!(out, "{}", line(&built.other)).unwrap();
    let exactness = match built.exactness {
        Exactness::Proven => Some(lang.pick("  最优(已证明)", "  optimal (proven)")),
        Exactness::Stopped => Some(lang.pick(
            "  搜索达到上限:找到的最好结果,未证明最优(差距见下)",
            "  the search stopped at its limit: the best found, not proven optimal (the gap is below)",
        )),
        Exactness::Bounded => Some(lang.pick(
            "  每人可报多个社团:可行,未证明最优(差距见下)",
            "  more than one club each: feasible, not proven optimal (the gap is below)",
        )),
        Exactness::Replan => Some(lang.pick(
            "  重新编排:已有安排保持不变,只为新增学生求最优(与全新编排的差距见下)",
            "  re-plan: existing placements are kept, only newcomers are optimised (the gap to a fresh plan is below)",
        )),
        Exactness::Rule => None,
    };
    if let Some(text) = exactness {
        writeln!(out, "{text}").unwrap();
    }
    if let Some(b) = &built.bound {
        bound(&mut out, b, lang);
    }
    if !built.closed.is_empty() {
        let names: Vec<String> = built
            .closed
            .iter()
            .map(|&c| format!("{} {}", school.clubs[c].id, school.clubs[c].name))
            .collect();
        writeln!(
            out,
            "{}: {}",
            lang.pick("人数不足未开班", "Below their minimum, not running"),
            lang.list(&names)
        )
        .unwrap();
    }
    below_minimum(&mut out, built, school, lang);
    let c = &built.changes;
    // An ASCII minus: `−` (U+2212) has no GBK code, and a Chinese Windows console shows `?`.
    if zh {
        writeln!(
            out,
            "变化:+{} 新录入,-{} 退出,↑{} 候补递补,{} 回执变更",
            c.placed.len(),
            c.withdrawn.len(),
            c.promoted.len(),
            c.renewed.len()
        )
        .unwrap();
    } else {
        writeln!(
            out,
            "Changes: +{} placed, -{} withdrawn, ↑{} promoted, {} renewed",
            c.placed.len(),
            c.withdrawn.len(),
            c.promoted.len(),
            c.renewed.len()
        )
        .unwrap();
    }
    const FEW_CLUBS: usize = 12;
    if verbose || c.per_club.len() <= FEW_CLUBS {
        for (club, (plus, minus, up)) in &c.per_club {
            let name = school.club(club).map_or(club.as_str(), |k| k.name.as_str());
            writeln!(out, "  {club} {name}: +{plus} -{minus} ↑{up}").unwrap();
        }
    } else {
        let n = c.per_club.len();
        let more = match lang {
            Lang::Zh => format!("  {n} 个社团有变化(加 --verbose 逐个列出;详见课表)"),
            Lang::En => {
                format!("  {n} clubs changed (--verbose lists each; the timetable has them all)")
            }
        };
        writeln!(out, "{more}").unwrap();
    }
    pending(&mut out, built, lang);
    out
}

/// Clubs running with fewer students than their minimum (a re-plan keeps
/// the children who stay rather than close a club mid-term): which, and how
/// many short, so the office decides.
fn below_minimum(out: &mut String, built: &Built, school: &School, lang: Lang) {
    let mut members: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for p in built
        .plan
        .placements
        .iter()
        .filter(|p| p.to.is_none() && p.kind == Kind::Club)
    {
        members.entry(&*p.group).or_default().insert(&*p.student);
    }
    let short: Vec<String> = members
        .iter()
        .filter_map(|(id, kids)| {
            let club = school.club(id)?;
            let n = kids.len() as u32;
            (n < club.min).then(|| match lang {
                Lang::Zh => format!(
                    "{id} {} {n}/{} 人,差 {} 人",
                    club.name,
                    club.min,
                    club.min - n
                ),
                Lang::En => format!(
                    "{id} {} {n} of {}, {} short",
                    club.name,
                    club.min,
                    club.min - n
                ),
            })
        })
        .collect();
    if !short.is_empty() {
        writeln!(
            out,
            "{}: {}",
            lang.pick(
                "低于最少人数仍在开班(请决定是否继续)",
                "Running below their minimum (decide whether to keep them)"
            ),
            lang.list(&short)
        )
        .unwrap();
    }
}

/// The gap per tier, for seats and for rank: what the plan achieved against
/// a bound no allocation beats, so the report can never hide a loss.
fn bound(out: &mut String, b: &crate::allocate::clubs::Bound, lang: Lang) {
    let gap = b.gap();
    writeln!(
        out,
        "  {}",
        lang.pick(
            "与上限的差距(上限按放宽的问题计算:所有社团开班、不设最少人数、时间冲突部分忽略;每个差距都不小于真实损失):",
            "Gap to the bound (a relaxation: every club open, no minimum, clashes partly ignored; each gap is at least the true loss):",
        )
    )
    .unwrap();
    for (tier, most, now) in &gap.per_tier {
        let line = match lang {
            Lang::Zh => format!(
                "    优先级{tier}:录取 {now},至多 {most},差距 {}",
                most.saturating_sub(*now)
            ),
            Lang::En => format!(
                "    priority {tier}: {now} placed, at most {most}, gap {}",
                most.saturating_sub(*now)
            ),
        };
        writeln!(out, "{line}").unwrap();
    }
    let (most, now) = gap.seats;
    let seats = match lang {
        Lang::Zh => format!(
            "    席位:已用 {now},至多 {most},差距 {}",
            most.saturating_sub(now)
        ),
        Lang::En => format!(
            "    seats: {now} used, at most {most}, gap {}",
            most.saturating_sub(now)
        ),
    };
    writeln!(out, "{seats}").unwrap();
    let rank = match (gap.rank, lang) {
        (Some((least, now)), Lang::Zh) => format!(
            "    志愿序号合计(每个席位):现 {now},至少 {least},差距 {}",
            now.saturating_sub(least)
        ),
        (Some((least, now)), Lang::En) => format!(
            "    total rank (every seat): {now}, at least {least}, gap {}",
            now.saturating_sub(least)
        ),
        (None, Lang::Zh) => format!(
            "    志愿序号合计(每个席位):现 {},不比较(上面的人数或席位未达上限)",
            b.now.rank
        ),
        (None, Lang::En) => format!(
            "    total rank (every seat): {}, not compared (a count above falls short of its bound)",
            b.now.rank
        ),
    };
    writeln!(out, "{rank}").unwrap();
}

/// Slips handed in but not yet in effect: who joins, changes or withdraws, from when.
fn pending(out: &mut String, built: &Built, lang: Lang) {
    const SHOWN: usize = 20;
    let mut rows: Vec<(chrono::NaiveDate, &str, &str)> = Vec::new();
    for (e, stay) in built.enrollees.iter().zip(&built.stays) {
        let mut before = stay.now();
        for segment in stay.pending() {
            let what = match (before, segment.slip) {
                (None, Some(_)) => lang.pick("加入", "joins"),
                (Some(_), None) => lang.pick("退出", "withdraws"),
                _ => lang.pick("变更", "changes"),
            };
            rows.push((segment.from, e.student.id.as_str(), what));
            before = segment.slip;
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort();
    let head = lang.pick(
        "已交回、尚未生效的回执",
        "Slips handed in, not yet in effect",
    );
    writeln!(out, "{head}: {}", rows.len()).unwrap();
    for (date, id, what) in rows.iter().take(SHOWN) {
        writeln!(out, "  {id} {what} {} {date}", lang.pick("自", "from")).unwrap();
    }
    if rows.len() > SHOWN {
        writeln!(out, "  … +{}", rows.len() - SHOWN).unwrap();
    }
}
