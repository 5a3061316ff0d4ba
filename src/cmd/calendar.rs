//! `kehou calendar`: the term's service days per month and weekday, closures
//! with reasons, makeup days and the weekday they follow, days without clubs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Weekday};

use crate::calendar::Calendar;
use crate::cli::Global;
use crate::i18n::{Lang, weekday_name};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let text = render(&config.calendar, config.lang);
    use std::io::Write;
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}

pub fn render(cal: &Calendar, lang: Lang) -> String {
    let mut out = String::new();
    let days = cal.service_days();
    let weekdays: Vec<Weekday> = cal.weekdays.iter().collect();
    writeln!(
        out,
        "{} {} – {}",
        lang.pick("学期", "Term"),
        cal.start,
        cal.end
    )
    .unwrap();
    let mut per_month: BTreeMap<(i32, u32), BTreeMap<u32, usize>> = BTreeMap::new();
    for d in &days {
        *per_month
            .entry((d.date.year(), d.date.month()))
            .or_default()
            .entry(d.timetable.num_days_from_monday())
            .or_default() += 1;
    }
    write!(out, "\n{:<9}", lang.pick("月份", "Month")).unwrap();
    for w in &weekdays {
        write!(out, "{:>6}", weekday_name(lang, *w)).unwrap();
    }
    writeln!(out, "{:>7}", lang.pick("合计", "Total")).unwrap();
    for ((y, m), counts) in &per_month {
        write!(out, "{:<9}", format!("{y}-{m:02}")).unwrap();
        for w in &weekdays {
            write!(
                out,
                "{:>7}",
                counts.get(&w.num_days_from_monday()).copied().unwrap_or(0)
            )
            .unwrap();
        }
        writeln!(out, "{:>8}", counts.values().sum::<usize>()).unwrap();
    }
    writeln!(
        out,
        "{}: {}",
        lang.pick("服务日合计", "Service days in all"),
        days.len()
    )
    .unwrap();
    if !cal.closures.is_empty() {
        writeln!(out, "\n{}", lang.pick("停课:", "Closures:")).unwrap();
        for c in &cal.closures {
            let range = if c.from == c.to {
                c.from.to_string()
            } else {
                format!("{} – {}", c.from, c.to)
            };
            writeln!(out, "  {range}  {}", c.reason).unwrap();
        }
    }
    if !cal.makeups.is_empty() {
        writeln!(out, "\n{}", lang.pick("调休补课:", "Makeup days:")).unwrap();
        for m in &cal.makeups {
            writeln!(
                out,
                "  {} ({})  {} {}  {}",
                m.date,
                weekday_name(lang, m.date.weekday()),
                lang.pick("按", "follows"),
                weekday_name(lang, m.follows),
                m.reason
            )
            .unwrap();
        }
    }
    let no_clubs: Vec<_> = days.iter().filter(|d| d.no_clubs.is_some()).collect();
    if !no_clubs.is_empty() {
        writeln!(
            out,
            "\n{}",
            lang.pick("无社团活动日:", "Days without clubs:")
        )
        .unwrap();
        for d in no_clubs {
            let why = d.no_clubs.map_or("", |c| c.reason.as_str());
            writeln!(out, "  {}  {why}", d.date).unwrap();
        }
    }
    let early: Vec<_> = days.iter().filter(|d| d.ends_early.is_some()).collect();
    if !early.is_empty() {
        writeln!(out, "\n{}", lang.pick("提前结束:", "Ending early:")).unwrap();
        for d in early {
            if let Some((t, why)) = d.ends_early {
                writeln!(out, "  {}  {}  {why}", d.date, t.format("%H:%M")).unwrap();
            }
        }
    }
    out
}
