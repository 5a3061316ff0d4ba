//! `kehou followup [--close FILE...] [--date D]`: the unexplained absences
//! (无故脱管) still open, overdue first, as `out/followup/跟进名单-<date>.xlsx`
//! with the columns to fill in (联系人/联系时间/结果/处理人); `--close` first
//! records the contacts of a filled list or of the office's CSV (`id, date,
//! block, contacted_at, outcome, by`). `kehou record` reads a filled list too.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::attendance::Status;
use crate::cli::Global;
use crate::exit::DataProblems;
use crate::followup::{Contact, FollowUp};
use crate::i18n::{DutyLabel, DutyMsg, DutySay, Msg};
use crate::input::{Problem, Problems, Severity};
use crate::output::Outputs;
use crate::report::{followup as list, sheet};
use crate::school::School;
use crate::store::{Change, ContactsMerge, WAIT};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled follow-up lists (xlsx) or a CSV of contacts (id, date, block, contacted_at, outcome, by) to record first.
    #[arg(long, num_args = 1..)]
    pub close: Vec<PathBuf>,
    /// The day to list as of (default: today): an absence not closed by its deadline is overdue.
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<NaiveDate>,
    /// Also write the list as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Seconds to wait for another run holding the school's database before giving up.
    #[arg(long, default_value_t = WAIT.as_secs())]
    pub wait: u64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    crate::store::set_wait(std::time::Duration::from_secs(args.wait));
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let mut store = super::open_store(&config)?;
    if !args.close.is_empty() {
        let mut problems = Problems::default();
        let mut contacts = Vec::new();
        for path in &crate::wildcard::expand(&args.close) {
            let file = path.display().to_string();
            let tables = match crate::input::load_all(path, &file) {
                Ok(tables) => tables,
                Err(msg) => {
                    problems.file(Severity::Error, &file, msg);
                    continue;
                }
            };
            match crate::followup::read::from_tables(&tables, &mut problems) {
                Some(found) => contacts.extend(found),
                None => problems.file(Severity::Error, &file, Msg::Duty(DutyMsg::NoFollowUpList)),
            }
        }
        let mut change = store.change()?;
        let merge = if problems.has_errors() {
            ContactsMerge::default()
        } else {
            record_contacts(&mut change, &school, &contacts, &mut problems)?
        };
        if problems.has_errors() {
            // Nothing is recorded: the change is rolled back when dropped.
            eprint!("{}", problems.report(lang, false));
            eprintln!("{}", problems.summary(lang));
            return Err(DataProblems.into());
        }
        change.commit()?;
        let said = DutySay::ContactsRecorded {
            read: contacts.len(),
            added: merge.added + merge.rewritten,
        };
        crate::say!("{}", said.render(lang));
    }
    let today = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let ledger = store.ledger_where(|_, status| status == Status::Absent)?;
    let contacts = store.contacts()?;
    let absences = crate::followup::of_ledger(&school, &ledger, today);
    let within = config.followup.close_within_days;
    let open: Vec<FollowUp> =
        crate::followup::follow_ups(&school, &absences, &contacts, within, today)
            .into_iter()
            .filter(FollowUp::is_open)
            .collect();
    let said = DutySay::FollowUps {
        date: today,
        open: open.len(),
        overdue: open.iter().filter(|f| f.overdue).count(),
    };
    crate::say!("{}", said.render(lang));
    for f in &open {
        let state = if f.overdue {
            DutyLabel::Overdue
        } else {
            DutyLabel::Open
        };
        crate::say!(
            "  {} {} {} {}({}) {}",
            f.date,
            f.start.format("%H:%M"),
            crate::report::group_name_any(&school, &f.group),
            f.student.name,
            f.student.id,
            state.text(lang)
        );
    }
    let title = format!(
        "{} {} {today}",
        config.school.name,
        DutyLabel::FollowUpList.text(lang)
    );
    let table = list::sheet(&open, &school, &config, title);
    let name = format!("{}-{today}", DutyLabel::FollowUpList.text(lang));
    let out = config.out_dir().join("followup");
    let mut outputs = Outputs::default();
    outputs.file(
        &out,
        &format!("{name}.xlsx"),
        sheet::xlsx(std::slice::from_ref(&table))?,
    );
    if args.csv {
        outputs.file(&out, &format!("{name}.csv"), sheet::csv(&table)?);
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// `record`'s part: the contacts of the follow-up lists among its files,
/// recorded in its change, or every problem said and nothing recorded.
pub fn record_with(
    change: &mut Change,
    school: &School,
    contacts: &[Contact],
    lang: crate::i18n::Lang,
) -> anyhow::Result<()> {
    if contacts.is_empty() {
        return Ok(());
    }
    let mut problems = Problems::default();
    let merge = record_contacts(change, school, contacts, &mut problems)?;
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        return Err(DataProblems.into());
    }
    let said = DutySay::ContactsRecorded {
        read: contacts.len(),
        added: merge.added + merge.rewritten,
    };
    crate::say!("{}", said.render(lang));
    Ok(())
}

/// Records the contacts about absences the ledger holds as unexplained (缺,
/// no leave request); one about anything else is an error at its row, and
/// none of them is recorded when there is one (the caller does not commit).
pub fn record_contacts(
    change: &mut Change,
    school: &School,
    contacts: &[Contact],
    problems: &mut Problems,
) -> anyhow::Result<ContactsMerge> {
    let mut kept = Vec::with_capacity(contacts.len());
    for c in contacts {
        let (date, _, student) = &c.absence;
        let absent = change
            .mark_of(&c.absence)?
            .is_some_and(|e| e.status == Status::Absent)
            && !crate::weekly::on_leave(school, student, *date);
        if absent {
            kept.push(c.clone());
            continue;
        }
        let (file, line) = match c.source.rsplit_once(':') {
            Some((file, line)) => (file.to_string(), line.parse().ok()),
            None => (c.source.clone(), None),
        };
        problems.push(Problem {
            severity: Severity::Error,
            file,
            line,
            column: None,
            value: Some(format!(
                "{} {} {}",
                c.absence.0,
                c.absence.1.format("%H:%M"),
                c.absence.2
            )),
            msg: Msg::Duty(DutyMsg::NotAnAbsence),
        });
    }
    if problems.has_errors() {
        return Ok(ContactsMerge::default());
    }
    change.record_contacts(&kept)
}
