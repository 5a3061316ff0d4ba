//! `kehou assess [--from D --to D]`: the facts for the term's assessment
//! (考评) per teacher and leader, `out/assess-<term>.xlsx`: sessions and
//! hours, registers returned and how late, unexplained absences in their
//! groups and how many were followed up in time, incidents and how soon the
//! guardian was told, days as duty leader and on how many the round and the
//! 清校 were recorded. No score.

use crate::cli::Global;
use crate::output::Outputs;
use crate::report::{assess as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub span: super::Span,
    /// Also write the table as CSV.
    #[arg(long)]
    pub csv: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, mut school) = super::load_school(global)?;
    let plan = super::load_plan(&config)?;
    let today = chrono::Local::now().date_naive();
    let term = (config.calendar.start, config.calendar.end);
    let (from, to) = match args.span.dates()? {
        Some(span) => span,
        None => (term.0, today.clamp(term.0, term.1)),
    };
    super::stamp_in_force(&config, from, to)?;
    let ledger = super::load_ledger(&config, |_, _| true)?;
    let printed = super::load_printed(&config, from, to)?;
    let served = crate::hours::served(&school, &config, &plan, &ledger, &printed, (from, to));
    let mut store = crate::store::Store::open(&config)?;
    // When each register first came back, from the database.
    let first = match &mut store {
        Some(store) => store.registers_returned()?,
        None => crate::store::FirstRecorded::new(),
    };
    let mut returned = crate::assess::Returned::new();
    for ((date, start, _), entry) in &ledger.entries {
        let key = (*date, *start, entry.group.clone());
        let on = first.get(&key).copied();
        returned.entry(key).or_insert(on);
    }
    // Each absence with the contacts recorded about it (closed in time or not).
    let (contacts, (visits, clearances)) = match &mut store {
        Some(store) => (store.contacts()?, store.rounds()?),
        None => (Vec::new(), (Vec::new(), Vec::new())),
    };
    school.incidents = super::care_log(&school, store.as_mut())?;
    let follow_ups = {
        let absences = crate::followup::of_ledger(&school, &ledger, to);
        let within = config.followup.close_within_days;
        crate::followup::follow_ups(&school, &absences, &contacts, within, to)
    };
    let facts = crate::assess::facts(
        &served,
        &returned,
        &follow_ups,
        &school.incidents,
        (&visits, &clearances),
    );
    let table = report::sheet(&facts, &school, &config, from, to);
    let out = config.out_dir();
    let name = &config.school.term;
    let mut outputs = Outputs::default();
    outputs.file(
        &out,
        &format!("assess-{name}.xlsx"),
        sheet::xlsx(std::slice::from_ref(&table))?,
    );
    if args.csv {
        outputs.file(&out, &format!("assess-{name}.csv"), sheet::csv(&table)?);
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
