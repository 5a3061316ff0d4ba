//! `kehou daily`: the day's sign-in sheets, class handover lists, dismissal
//! lists and duty sheet, from the plan.

use anyhow::bail;
use chrono::{Datelike, NaiveDate};

use super::parse_date;
use crate::cli::Global;
use crate::day::{self, NoService};
use crate::i18n::{Lang, weekday_name};
use crate::output::Outputs;
use crate::report::{daily, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service day (default: today).
    #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to"])]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub span: super::Span,
    /// Also write each sheet as CSV.
    #[arg(long)]
    pub csv: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let plan = super::load_plan(&config)?;
    let today = chrono::Local::now().date_naive();
    let (from, to) = match args.span.dates()? {
        Some(range) => range,
        None => {
            let d = args.date.unwrap_or(today);
            (d, d)
        }
    };
    let mut outputs = Outputs::default();
    let out = config.out_dir().join("daily");
    for date in from.iter_days().take_while(|d| *d <= to) {
        let mut day = match day::compute(&school, &config, &plan, date) {
            Ok(day) => day,
            Err(why) => {
                crate::say!("{}", no_service(lang, date, &why, &config));
                continue;
            }
        };
        let broken = day::check(&day);
        if !broken.is_empty() {
            bail!(
                "internal error / 内部错误 — the day's lists break their own rules, nothing was written; please report this:\n  {}",
                broken.join("\n  ")
            );
        }
        if !day.unplaced.is_empty() {
            let names: Vec<String> = day
                .unplaced
                .iter()
                .map(|s| format!("{} {} {}", s.id, s.name, s.class))
                .collect();
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "!!! {date}:{} 名学生今天应参加课后服务,但计划中没有安排,不在任何名单上。请重新运行 kehou plan:\n  {}",
                        names.len(),
                        names.join("\n  ")
                    ),
                    Lang::En => format!(
                        "!!! {date}: {} students are in service today but have no place in the plan and are on no list. Run `kehou plan` again:\n  {}",
                        names.len(),
                        names.join("\n  ")
                    ),
                }
            );
        }
        day::assign_staff(&mut day, &school, &config, &plan);
        let sheets = daily::sheets(&day, &school, &config);
        let name = date.to_string();
        outputs.add(out.join(format!("{name}.xlsx")), sheet::xlsx(&sheets)?);
        if args.csv {
            for s in &sheets {
                outputs.add(out.join(format!("{name}-{}.csv", s.slug)), sheet::csv(s)?);
            }
        }
        let on_leave = day.attendees.iter().filter(|a| a.leave.is_some()).count();
        let mut weekday = weekday_name(lang, date.weekday()).to_string();
        if day.service.makeup.is_some() {
            let follows = weekday_name(lang, day.service.timetable);
            weekday += &match lang {
                Lang::Zh => format!("(调休,按{follows}课表)"),
                Lang::En => format!(" (makeup day, {follows} timetable)"),
            };
        }
        crate::say!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{date} {weekday}:留校 {} 人(请假 {on_leave}),{} 个签到表,{} 个放学批次;计划后退出 {} 人未列入",
                    day.attendees.len(),
                    day.groups.len(),
                    day.batches.len(),
                    day.withdrawn.len()
                ),
                Lang::En => format!(
                    "{date} {weekday}: {} staying ({on_leave} on leave), {} sign-in sheets, {} dismissal batches; {} withdrawn since the plan left out",
                    day.attendees.len(),
                    day.groups.len(),
                    day.batches.len(),
                    day.withdrawn.len()
                ),
            }
        );
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// Why there are no lists on this date, in the user's language.
fn no_service(
    lang: Lang,
    date: NaiveDate,
    why: &NoService,
    config: &crate::config::Config,
) -> String {
    let weekday = weekday_name(lang, date.weekday());
    match (why, lang) {
        (NoService::Closed(c), Lang::Zh) => {
            format!("{date} {weekday} 停课:{},不生成名单", c.reason)
        }
        (NoService::Closed(c), Lang::En) => format!(
            "{date} {weekday}: no service ({}); nothing written",
            c.reason
        ),
        (NoService::NotServiceDay, Lang::Zh) => {
            format!("{date} {weekday} 不是课后服务日,不生成名单")
        }
        (NoService::NotServiceDay, Lang::En) => {
            format!("{date} {weekday} is not a service day; nothing written")
        }
        (NoService::OutsideTerm, Lang::Zh) => format!(
            "{date} 不在本学期课后服务期内({} 至 {}),不生成名单",
            config.calendar.start, config.calendar.end
        ),
        (NoService::OutsideTerm, Lang::En) => format!(
            "{date} is outside the term ({} to {}); nothing written",
            config.calendar.start, config.calendar.end
        ),
    }
}
