//! `kehou fees`: the term's cost-recovery charges per student and class;
//! with `--notices` the fee notice of each child, with `--paid FILE` the
//! payments reconciled.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::config::Config;
use crate::exit::DataProblems;
use crate::fees::Bill;
use crate::i18n::Say;
use crate::input::Problems;
use crate::output::Outputs;
use crate::papers::payments::{self, Standing};
use crate::report::{fee_notices, fees as report, payments as payments_report, sheet};
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day billed (default: the term's first).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// The last day billed (default: the term's last).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Also print a fee notice (缴费通知单) per child, grouped by class.
    #[arg(long)]
    pub notices: bool,
    /// The issue date printed on the fee notices (default: today).
    #[arg(long, value_parser = parse_date, requires = "notices")]
    pub issued: Option<NaiveDate>,
    /// Reconcile the payments in this file (学号, 金额, 日期, 方式).
    #[arg(long, value_name = "FILE")]
    pub paid: Option<PathBuf>,
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
        return Err(crate::exit::Told(crate::i18n::Guide::ToBeforeFrom).into());
    }
    super::stamp_in_force(&config, from, to)?;
    let bills = crate::fees::bills(&school, &config, &plan, from, to);
    let period = format!("{from} – {to}");
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    let sheets = report::sheets(&bills, &school, &config, &period);
    add(&mut outputs, &out, "fees", &sheets, args.csv)?;
    if args.notices {
        add(
            &mut outputs,
            &out,
            "fee-notices",
            &notice_sheets(
                &bills,
                &school,
                &config,
                &period,
                super::issued(args.issued),
            ),
            args.csv,
        )?;
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
    if let Some(path) = &args.paid {
        let sheets = reconcile(path, &bills, &school, &config)?;
        add(&mut outputs, &out, "payments", &sheets, args.csv)?;
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// `NAME.xlsx`, and with `--csv` a `NAME-<sheet>.csv` per sheet.
fn add(
    outputs: &mut Outputs,
    out: &std::path::Path,
    name: &str,
    sheets: &[crate::report::Sheet],
    csv: bool,
) -> anyhow::Result<()> {
    outputs.add(out.join(format!("{name}.xlsx")), sheet::xlsx(sheets)?);
    if csv {
        for s in sheets {
            // Class sheets' slugs carry class names: made one safe file name.
            outputs.file(out, &format!("{name}-{}.csv", s.slug), sheet::csv(s)?);
        }
    }
    Ok(())
}

/// The list, then a sheet of notices to cut per class, in class order.
fn notice_sheets(
    bills: &[Bill],
    school: &School,
    config: &Config,
    period: &str,
    issued: NaiveDate,
) -> Vec<crate::report::Sheet> {
    let mut ordered: Vec<&Bill> = bills.iter().collect();
    let rank = crate::papers::class_rank(school);
    ordered.sort_by_key(|b| rank.get(b.student.id.as_str()).copied());
    let mut sheets = vec![fee_notices::list(&ordered, config, period)];
    for chunk in ordered.chunk_by(|a, b| a.student.class == b.student.class) {
        let class = &chunk[0].student.class;
        sheets.push(fee_notices::class_sheet(
            class, chunk, school, config, period, issued,
        ));
    }
    sheets
}

/// Reads the payments and reconciles them; problems in the file end the run.
fn reconcile(
    path: &std::path::Path,
    bills: &[Bill],
    school: &School,
    config: &Config,
) -> anyhow::Result<Vec<crate::report::Sheet>> {
    let mut problems = Problems::default();
    let file = path.display().to_string();
    let term = (config.calendar.start, config.calendar.end);
    let paid = payments::read(std::path::Path::new(""), &file, school, term, &mut problems);
    if problems.iter().next().is_some() {
        eprint!("{}", problems.report(config.lang, false));
        eprintln!("{}", problems.summary(config.lang));
    }
    if problems.has_errors() {
        return Err(DataProblems.into());
    }
    let mut accounts = payments::reconcile(bills, &paid, school);
    let rank = crate::papers::class_rank(school);
    accounts.sort_by_key(|a| rank.get(a.student.id.as_str()).copied());
    let count = |s: Standing| accounts.iter().filter(|a| a.standing() == s).count();
    let summary = Say::PaymentsSummary {
        due_fen: accounts.iter().map(|a| a.due_fen).sum(),
        paid_fen: accounts.iter().map(|a| a.paid_fen).sum(),
        paid_up: count(Standing::Paid),
        unpaid: count(Standing::Unpaid),
        under: count(Standing::Under),
        over: count(Standing::Over),
        exempt: count(Standing::Exempt),
    };
    crate::say!("{}", summary.render(config.lang));
    Ok(payments_report::sheets(&accounts, school, config))
}
