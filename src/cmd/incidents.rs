//! `kehou incidents [--month YYYY-MM | --from D --to D]`: the care log of a
//! month (看管记录月报), `out/incidents-<month>.xlsx`: every incident with the
//! time it took to tell the guardian, those not told first.

use chrono::NaiveDate;

use crate::cli::Global;
use crate::i18n::DutySay;
use crate::incidents::between;
use crate::output::Outputs;
use crate::report::{incidents, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The month, e.g. 2026-09 (default: this month).
    #[arg(long, value_parser = super::hours::parse_month, conflicts_with_all = ["from", "to"])]
    pub month: Option<(NaiveDate, NaiveDate)>,
    #[command(flatten)]
    pub span: super::Span,
    /// Also write the list as CSV.
    #[arg(long)]
    pub csv: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, mut school) = super::load_school(global)?;
    let mut store = crate::store::Store::open(&config)?;
    school.incidents = super::care_log(&school, store.as_mut())?;
    let (from, to) = match (args.month, args.span.dates()?) {
        (Some(month), _) => month,
        (None, Some(span)) => span,
        (None, None) => {
            let today = chrono::Local::now()
                .date_naive()
                .format("%Y-%m")
                .to_string();
            super::hours::parse_month(&today).map_err(anyhow::Error::msg)?
        }
    };
    let name = match args.month {
        Some(_) => from.format("%Y-%m").to_string(),
        None => format!("{from}_{to}"),
    };
    let table = incidents::sheet(&school, &config, from, to);
    let listed = between(&school.incidents, from, to);
    let summary = DutySay::IncidentsSummary {
        from,
        to,
        incidents: listed.len(),
        not_notified: listed.iter().filter(|i| i.not_notified()).count(),
    };
    crate::say!("{}", summary.render(config.lang));
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.add(
        out.join(format!("incidents-{name}.xlsx")),
        sheet::xlsx(std::slice::from_ref(&table))?,
    );
    if args.csv {
        outputs.add(
            out.join(format!("incidents-{name}.csv")),
            sheet::csv(&table)?,
        );
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
