//! `kehou consent`: who returned the slip, who opted in or out, who is missing.

use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::output::Outputs;
use crate::report::{consent, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also write each table as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Count only the slips dated on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let report = crate::consent::compile(&school, &config, args.as_of);
    let sheets = consent::sheets(&report, &school, &config);
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.file(&out, "consent-status.xlsx", sheet::xlsx(&sheets)?);
    if args.csv {
        for s in &sheets {
            outputs.file(
                &out,
                &format!("consent-status-{}.csv", s.slug),
                sheet::csv(s)?,
            );
        }
    }
    crate::say!("{}", consent::terminal_summary(&report, config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
