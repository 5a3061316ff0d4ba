//! `kehou daily`: the day's sign-in sheets, class handover lists, dismissal
//! lists and duty sheet, from the plan.

use anyhow::bail;
use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::day::{self, NoService};
use crate::i18n::Say;
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
    /// Only the sheets for one recipient, in their own workbook
    /// (`<date>-signin.xlsx`): sign-in sheets, handover lists, dismissal lists,
    /// the duty sheet or the care log.
    #[arg(long, value_enum)]
    pub only: Option<daily::Recipient>,
    /// Instead: a message for the guardian of each child absent without leave
    /// in the day's recorded registers.
    #[arg(long, requires = "date")]
    pub absent: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let plan = super::load_plan(&config)?;
    let today = chrono::Local::now().date_naive();
    if let (true, Some(date)) = (args.absent, args.date) {
        super::stamp_in_force(&config, date, date)?;
        return super::daily_absent::run(&config, &school, &plan, date);
    }
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
                crate::say!("{}", no_service(date, &why, &config).render(lang));
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
            eprintln!("{}", Say::Unplaced { date, names }.render(lang));
        }
        let printed = super::load_printed(&config, date, date)?;
        day::assign_staff_as_printed(&mut day, &school, &config, &plan, printed.on(date));
        super::stamp_in_force(&config, date, date)?;
        let sheets = daily::sheets(&day, &school, &config, args.only);
        let name = match args.only {
            Some(r) => format!("{date}-{}", r.slug()),
            None => date.to_string(),
        };
        outputs.file(&out, &format!("{name}.xlsx"), sheet::xlsx(&sheets)?);
        if args.csv {
            // The contents sheet is for the workbook; a folder of CSVs has its own listing.
            for s in sheets.iter().filter(|s| s.slug != "contents") {
                outputs.file(&out, &format!("{name}-{}.csv", s.slug), sheet::csv(s)?);
            }
        }
        let on_leave = day.attendees.iter().filter(|a| a.leave.is_some()).count();
        let summary = Say::DaySummary {
            date,
            follows: day.service.makeup.map(|_| day.service.timetable),
            staying: day.attendees.len(),
            on_leave,
            sheets: crate::report::signin::count(&day),
            batches: day.batches.len(),
            withdrawn: day.withdrawn.len(),
        };
        crate::say!("{}", summary.render(lang));
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// Why there are no lists on this date.
fn no_service(date: NaiveDate, why: &NoService, config: &crate::config::Config) -> Say {
    match why {
        NoService::Closed(c) => Say::Closed {
            date,
            reason: c.reason.clone(),
        },
        NoService::NotServiceDay => Say::NotServiceDay { date },
        NoService::OutsideTerm => Say::OutsideTerm {
            date,
            start: config.calendar.start,
            end: config.calendar.end,
        },
    }
}
