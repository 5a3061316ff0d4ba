//! `kehou weekly`: the absence report for a week (or any range of dates).

use chrono::{Datelike, Days, NaiveDate};

use super::parse_date;
use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::report::{sheet, weekly as sheets};
use crate::weekly;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Any date in the week (Monday–Sunday) to report; default: the last complete week.
    #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to"])]
    pub week: Option<NaiveDate>,
    #[command(flatten)]
    pub span: super::Span,
    /// Also write each table as CSV.
    #[arg(long)]
    pub csv: bool,
}

/// The Monday–Sunday week containing `date`.
fn week_of(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = date - Days::new(date.weekday().num_days_from_monday() as u64);
    (monday, monday + Days::new(6))
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, mut school) = super::load_school(global)?;
    let lang = config.lang;
    let plan = super::load_plan(&config)?;
    let (from, to, name) = match args.span.dates()? {
        Some((f, t)) => (f, t, format!("{f}_{t}")),
        None => {
            let today = chrono::Local::now().date_naive();
            let (monday, sunday) = week_of(args.week.unwrap_or(today - Days::new(7)));
            let iso = monday.iso_week();
            (monday, sunday, format!("{}-W{:02}", iso.year(), iso.week()))
        }
    };
    if config.calendar.service_days_between(from, to).is_empty() {
        // Outside the term, or a holiday week: nothing to report, nothing written.
        let (start, end) = (config.calendar.start, config.calendar.end);
        let guide = crate::i18n::Guide::NoServiceInPeriod {
            from,
            to,
            start,
            end,
        };
        crate::say!("{}", guide.render(lang));
        return Ok(());
    }
    super::stamp_in_force(&config, from, to)?;
    // The report needs its period, and the unexplained absences before it.
    let ledger = super::load_ledger(&config, |date, status| {
        status == crate::attendance::Status::Absent || date >= from
    })?;
    let mut store = super::open_store(&config)?;
    school.incidents = super::care_log(&school, Some(&mut store))?;
    let report = weekly::compile(&school, &config, &plan, &ledger, from, to);
    // The follow-up list: the week's unexplained absences and every earlier
    // one still open, overdue (as of the week's last day) first.
    let contacts = store.contacts()?;
    let within = config.followup.close_within_days;
    let follow_ups = crate::followup::for_report(&school, &ledger, &contacts, within, (from, to));
    let mut tables = sheets::sheets(&report, &follow_ups, &school, &config);
    // The duty leader's round and 清校 of the days gone by.
    let today = chrono::Local::now().date_naive();
    let (visits, clearances) = store.rounds()?;
    let met: Vec<_> = report
        .met
        .iter()
        .filter(|d| d.date <= today)
        .cloned()
        .collect();
    let gaps = crate::rounds::gaps(&met, &visits, &clearances);
    let title = format!(
        "{} {} {from} – {to} {}",
        config.school.name,
        crate::i18n::Label::WeeklyReport.text(lang),
        crate::i18n::DutyLabel::RoundSheet.text(lang)
    );
    tables.push(crate::report::rounds::sheet(&gaps, &config, title));
    let out = config.out_dir().join("weekly");
    let mut outputs = Outputs::default();
    outputs.file(&out, &format!("{name}.xlsx"), sheet::xlsx(&tables)?);
    if args.csv {
        for s in &tables {
            outputs.file(&out, &format!("{name}-{}.csv", s.slug), sheet::csv(s)?);
        }
    }
    let t = &report.total;
    let summary = if sheets::nothing_recorded(t) {
        Say::NothingRecorded { from, to }
    } else {
        Say::WeeklySummary {
            from,
            to,
            expected: t.expected,
            present: t.present,
            excused: t.excused,
            unexplained: t.unexplained,
            early: t.early,
            not_recorded: t.not_recorded,
            rate: t.rate(),
            repeated: report.repeated.len(),
            unrecorded: report.unrecorded.len(),
            covered_by_leave: report.covered_by_leave,
        }
    };
    crate::say!("{}", summary.render(lang));
    if !gaps.is_empty() {
        let said = crate::i18n::DutySay::RoundGaps { days: gaps.len() };
        crate::say!("{}", said.render(lang));
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
