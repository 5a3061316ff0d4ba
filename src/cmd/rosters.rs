//! `kehou rosters`: per club (admitted, then waiting), per special activity
//! and per homework room, the children with contacts and medical notes.

use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::papers::roster;
use crate::plan::Kind;
use crate::report::{rosters as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date the rosters hold for (default: the plan's date).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Also write every roster line as one CSV.
    #[arg(long)]
    pub csv: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let plan = super::load_plan(&config)?;
    let date = crate::papers::as_of(&config, args.date, plan.planned());
    super::stamp_in_force(&config, date, date)?;
    let rosters = roster::compute(&school, &config, &plan, date);
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    let sheets = report::sheets(&rosters, &school, &config, date);
    outputs.add(
        out.join(format!("rosters-{date}.xlsx")),
        sheet::xlsx(&sheets)?,
    );
    if args.csv {
        let list = report::list(&rosters, &config);
        outputs.add(out.join(format!("rosters-{date}.csv")), sheet::csv(&list)?);
    }
    let count = |kinds: &[Kind]| rosters.iter().filter(|r| kinds.contains(&r.kind)).count();
    let summary = Say::RostersSummary {
        date,
        clubs: count(&[Kind::Club]),
        activities: count(&[Kind::Activity]),
        rooms: count(&[Kind::Homework, Kind::Reading]),
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
