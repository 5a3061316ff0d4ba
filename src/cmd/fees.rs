//! `kehou fees`: the term's cost-recovery charges per student and class.

use anyhow::bail;
use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::report::{fees as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day billed (default: the term's first).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// The last day billed (default: the term's last).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Also write each sheet as CSV.
    #[arg(long)]
    pub csv: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let plan = super::load_plan(&config)?;
    let from = args.from.unwrap_or(config.calendar.start);
    let to = args.to.unwrap_or(config.calendar.end);
    if to < from {
        bail!("--to is before --from");
    }
    let bills = crate::fees::bills(&school, &config, &plan, from, to);
    let period = format!("{from} – {to}");
    let sheets = report::sheets(&bills, &school, &config, &period);
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.file(&out, "fees.xlsx", sheet::xlsx(&sheets)?);
    if args.csv {
        for s in &sheets {
            outputs.file(&out, &format!("fees-{}.csv", s.slug), sheet::csv(s)?);
        }
    }
    let total: i64 = bills.iter().map(|b| b.total_fen).sum();
    let exempt = bills.iter().filter(|b| b.exempt).count();
    let summary = Say::FeesSummary {
        from,
        to,
        billed: bills.len(),
        exempt,
        total_fen: total,
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
