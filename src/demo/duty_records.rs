//! The demo's duty records beside its week of registers, so a walkthrough
//! shows each duty: `followups.csv`, three contacts about unexplained
//! absences (one reached the same evening, one the next morning, one not
//! reached), and `duty/<date>.csv`, the duty leader's round of two days as
//! the office would type the duty sheet in (Monday whole with 清校
//! confirmed, Tuesday half done and no 清校).

use std::path::Path;

use chrono::{Duration, NaiveDate};

use super::{Table, d};
use crate::config::Config;
use crate::plan::Plan;
use crate::rounds::{ClearLine, clear_key, patrol_key};
use crate::school::School;

pub(super) fn write(out: &Path) -> anyhow::Result<()> {
    let mut problems = crate::input::Problems::default();
    let config = crate::config::load(&out.join("config.toml"), &mut problems)?;
    let school = School::load(&config, &mut problems);
    let plan = crate::plan::build(&school, &config, config.calendar.start, None).plan;
    write_followups(out, &school)?;
    let duty = out.join("duty");
    std::fs::create_dir_all(&duty)?;
    write_round(&duty, &school, &config, &plan, d(9, 14), true)?;
    write_round(&duty, &school, &config, &plan, d(9, 15), false)?;
    Ok(())
}

/// Three of the week's unexplained absences (缺 without a leave request),
/// one from each of its first three days, followed up.
fn write_followups(out: &Path, school: &School) -> anyhow::Result<()> {
    let mut table = Table::new(&[
        "学号",
        "日期",
        "时段",
        "联系人",
        "联系时间",
        "结果",
        "处理人",
    ]);
    let contacts = [
        ("17:45", "已联系,家长临时接走未告知老师,孩子安全", "班主任"),
        ("", "已联系,孩子发烧在家,补请假", "班主任"),
        ("18:00", "未联系上,电话无人接听", "值班教师"),
    ];
    for (k, (at, outcome, by)) in contacts.into_iter().enumerate() {
        let date = d(9, 14) + Duration::days(k as i64);
        let Some((block, id)) = first_absence(out, school, date)? else {
            continue;
        };
        // The second was reached only the next morning: closed, but late.
        let at = if at.is_empty() {
            format!("{} 08:10", date + Duration::days(1))
        } else {
            at.to_string()
        };
        table.push(vec![
            id,
            date.to_string(),
            block,
            if k == 2 { "" } else { "家长" }.to_string(),
            at,
            outcome.to_string(),
            by.to_string(),
        ]);
    }
    Ok(table.write(out, "followups.csv")?)
}

/// The first 缺 of a day's register that no leave request covers: (block, 学号).
fn first_absence(
    out: &Path,
    school: &School,
    date: NaiveDate,
) -> anyhow::Result<Option<(String, String)>> {
    let path = out.join("registers").join(format!("{date}.csv"));
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r.get(5) == Some(&"缺") && !crate::weekly::on_leave(school, r[3], date))
        .map(|r| (r[1].to_string(), r[3].to_string())))
}

/// The duty sheet of a day as filled in: every group visited (`whole`) or
/// every other one, and the 清校 lines ticked only when `whole`.
fn write_round(
    dir: &Path,
    school: &School,
    config: &Config,
    plan: &Plan,
    date: NaiveDate,
    whole: bool,
) -> anyhow::Result<()> {
    let Ok(mut day) = crate::day::compute(school, config, plan, date) else {
        return Ok(());
    };
    crate::day::assign_staff(&mut day, school, config, plan);
    let leader = day
        .leader
        .as_deref()
        .map_or(String::new(), |id| school.staff_name(id).to_string());
    let mut table = Table::new(&["时间", "去向", "巡视时间", "情况", "签名", "巡视键"]);
    let mut groups: Vec<_> = day.groups.iter().collect();
    groups.sort_by_key(|g| g.start);
    for (n, g) in groups.iter().enumerate() {
        let visited = whole || n % 2 == 0;
        let at = g.start + Duration::minutes(5 + (n % 20) as i64);
        let seen = if n == 3 {
            "一名学生未到,已告知班主任"
        } else {
            "正常"
        };
        table.push(vec![
            format!("{}–{}", g.start.format("%H:%M"), g.end.format("%H:%M")),
            crate::report::group_name(school, g.kind, &g.group),
            if visited {
                at.format("%H:%M").to_string()
            } else {
                String::new()
            },
            if visited {
                seen.to_string()
            } else {
                String::new()
            },
            if visited {
                leader.clone()
            } else {
                String::new()
            },
            patrol_key(date, g.start, &g.group),
        ]);
    }
    let last = day.batches.iter().map(|b| b.time).max();
    for (line, at) in [(ClearLine::HandedOver, 10), (ClearLine::RoomsChecked, 20)] {
        let at = last.map(|t| (t + Duration::minutes(at)).format("%H:%M").to_string());
        let filled = whole && at.is_some();
        table.push(vec![
            last.map_or(String::new(), |t| t.format("%H:%M").to_string()),
            "清校".to_string(),
            if filled {
                at.unwrap_or_default()
            } else {
                String::new()
            },
            if filled {
                "✓".to_string()
            } else {
                String::new()
            },
            if filled {
                leader.clone()
            } else {
                String::new()
            },
            clear_key(date, line),
        ]);
    }
    Ok(table.write(dir, &format!("{date}.csv"))?)
}
