//! `kehou daily --date D --absent`: for one day, from that day's recorded
//! registers, a ready-to-paste message for the guardian of each child absent
//! without leave; also written to `daily/<date>-absent.txt`.

use chrono::NaiveDate;

use crate::attendance::Status;
use crate::config::Config;
use crate::output::Outputs;
use crate::plan::Plan;
use crate::report::absence_message::absence_message;
use crate::school::School;

pub fn run(config: &Config, school: &School, plan: &Plan, date: NaiveDate) -> anyhow::Result<()> {
    // Only the day's absences: the messages are about that day.
    let ledger = super::load_ledger(config, |d, s| d == date && s == Status::Absent)?;
    let report = crate::weekly::compile(school, config, plan, &ledger, date, date);
    let mut text = String::new();
    for a in &report.absences {
        text += &absence_message(school, config.lang, a, Some(date));
        text.push('\n');
    }
    crate::say_raw!("{text}");
    let mut outputs = Outputs::default();
    let path = config
        .out_dir()
        .join("daily")
        .join(format!("{date}-absent.txt"));
    outputs.add(path, text.into_bytes());
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
