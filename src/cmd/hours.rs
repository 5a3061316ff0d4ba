//! `kehou hours`: the sessions and hours each teacher served, and duty-leader days.

use chrono::{Datelike, NaiveDate};

use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::report::{hours as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The month, as 2026-10.
    #[arg(long, value_parser = parse_month, conflicts_with_all = ["from", "to"])]
    pub month: Option<(NaiveDate, NaiveDate)>,
    #[command(flatten)]
    pub span: super::Span,
    /// Also write the table as CSV.
    #[arg(long)]
    pub csv: bool,
}

/// `2026-10` → its first and last day.
pub fn parse_month(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let bad = || format!("'{text}' is not a month (2026-10)");
    let (y, m) = text.split_once(['-', '/', '年']).ok_or_else(bad)?;
    let y: i32 = y.trim().parse().map_err(|_| bad())?;
    let m: u32 = m.trim().trim_end_matches('月').parse().map_err(|_| bad())?;
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad)?;
    Ok((first, next.pred_opt().ok_or_else(bad)?))
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let plan = super::load_plan(&config)?;
    let today = chrono::Local::now().date_naive();
    let (from, to, name) = match (args.month, args.span.dates()?) {
        (Some((f, t)), _) => (f, t, format!("{}-{:02}", f.year(), f.month())),
        (None, Some((f, t))) => (f, t, format!("{f}_{t}")),
        (None, None) => {
            let (f, t) =
                parse_month(&today.format("%Y-%m").to_string()).map_err(anyhow::Error::msg)?;
            (f, t, format!("{}-{:02}", f.year(), f.month()))
        }
    };
    let term = (config.calendar.start, config.calendar.end);
    if to < term.0 || from > term.1 {
        let say = Say::PeriodOutsideTerm {
            from,
            to,
            start: term.0,
            end: term.1,
        };
        crate::say!("{}", say.render(config.lang));
        return Ok(());
    }
    super::stamp_in_force(&config, from, to)?;
    let ledger = super::load_ledger(&config, |_, _| true)?;
    let served = crate::hours::served(&school, &config, &plan, &ledger, from, to);
    let sheets = report::sheets(&served, &school, &config, &format!("{from} – {to}"));
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.file(&out, &format!("hours-{name}.xlsx"), sheet::xlsx(&sheets)?);
    if args.csv {
        // The summary (the contents sheet may come first), then every session.
        for summary in sheets.iter().filter(|s| s.slug == "hours") {
            outputs.file(&out, &format!("hours-{name}.csv"), sheet::csv(summary)?);
        }
        let sessions = report::sessions_table(&served, &school, &config);
        outputs.file(
            &out,
            &format!("hours-sessions-{name}.csv"),
            sheet::csv(&sessions)?,
        );
    }
    let minutes: u32 = served.values().map(|s| s.minutes).sum();
    let summary = Say::HoursSummary {
        from,
        to,
        staff: served.len(),
        minutes,
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
