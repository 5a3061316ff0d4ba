//! `kehou roll --month YYYY-MM`: the month's register grids (点名册), filled
//! from the ledger or blank to print.

use crate::attendance::Ledger;
use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::papers::roll;
use crate::report::{roll as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The month, as 2026-09.
    #[arg(long, value_parser = parse_month)]
    pub month: (i32, u32),
    /// Blank grids to fill by hand (the ledger is not read).
    #[arg(long)]
    pub blank: bool,
    /// Also write each grid as CSV.
    #[arg(long)]
    pub csv: bool,
}

fn parse_month(text: &str) -> Result<(i32, u32), String> {
    roll::parse_month(text).ok_or_else(|| format!("'{text}' is not a month (2026-09)"))
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let plan = super::load_plan(&config)?;
    let (year, month) = args.month;
    if let Some(first) = chrono::NaiveDate::from_ymd_opt(year, month, 1) {
        let last = first + chrono::Months::new(1) - chrono::Days::new(1);
        super::stamp_in_force(&config, first, last)?;
    }
    // The ledger is read while the day lists are computed.
    let ledger = || match args.blank {
        true => Ok(None),
        false => load_month(&config, year, month).map(Some),
    };
    // Each day's teachers as the day's sheets named them.
    let printed = match chrono::NaiveDate::from_ymd_opt(year, month, 1) {
        Some(first) => {
            let last = first + chrono::Months::new(1) - chrono::Days::new(1);
            Some(super::load_printed(&config, first, last)?)
        }
        None => None,
    };
    let roll = roll::compute_with(
        &school,
        &config,
        &plan,
        printed.as_ref(),
        ledger,
        year,
        month,
    )?;
    let service = roll
        .columns
        .iter()
        .filter(|c| matches!(c, roll::Column::Service { .. }))
        .count();
    if service == 0 {
        let none = Say::RollNoServiceDays {
            month: format!("{year}-{month:02}"),
            start: config.calendar.start,
            end: config.calendar.end,
        };
        crate::say!("{}", none.render(config.lang));
        return Ok(());
    }
    let sheets = report::sheets(&roll, &school, &config, args.blank);
    let stem = match args.blank {
        true => format!("roll-{year}-{month:02}-blank"),
        false => format!("roll-{year}-{month:02}"),
    };
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.add(out.join(format!("{stem}.xlsx")), sheet::xlsx(&sheets)?);
    if args.csv {
        for s in &sheets {
            outputs.file(&out.join(&stem), &format!("{}.csv", s.slug), sheet::csv(s)?);
        }
    }
    let summary = Say::RollSummary {
        month: format!("{year}-{month:02}"),
        groups: roll.grids.len(),
        // A child is in several grids (a homework room and a club): counted once.
        students: roll
            .grids
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.student.id.as_str()))
            .collect::<std::collections::HashSet<_>>()
            .len(),
        days: service,
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// The ledger's rows of the month only.
fn load_month(config: &crate::config::Config, year: i32, month: u32) -> anyhow::Result<Ledger> {
    use chrono::Datelike;
    super::load_ledger(config, |d, _| d.year() == year && d.month() == month)
}
