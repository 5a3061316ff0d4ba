//! `kehou notices`: a placement notice per child in service, as slips to cut
//! per class, the list for the office, and per class a text for the parents'
//! group.

use chrono::NaiveDate;

use super::parse_date;
use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::papers::notice::{self, Notice};
use crate::report::{notices as report, sheet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date the notices describe (default: the plan's date).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Only the children whose placement the plan's latest run wrote or changed.
    #[arg(long)]
    pub changed: bool,
    /// The issue date printed on the notices (default: today).
    #[arg(long, value_parser = parse_date)]
    pub issued: Option<NaiveDate>,
    /// Also write the list of notices as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Instead: the parent volunteers' rota for the term (volunteers.csv).
    #[arg(long, conflicts_with_all = ["date", "changed", "issued"])]
    pub volunteers: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    if args.volunteers {
        return super::notices_volunteers::run(&config, &school, args.csv);
    }
    let lang = config.lang;
    let plan = super::load_plan(&config)?;
    let date = crate::papers::as_of(&config, args.date, plan.planned());
    super::stamp_in_force(&config, date, date)?;
    let mut notices = notice::compute(&school, &config, &plan, date);
    if !notices.unplaced.is_empty() {
        let names: Vec<String> = notices
            .unplaced
            .iter()
            .map(|s| format!("{} {} {}", s.id, s.name, s.class))
            .collect();
        eprintln!("{}", Say::Unplaced { date, names }.render(lang));
    }
    if args.changed {
        notices.notices.retain(|n| n.changed);
    }
    let classes = by_class(&notices.notices);
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    let list = report::list(&notices, &school, &config);
    let mut sheets = vec![list];
    for (class, mine) in &classes {
        let issued = super::issued(args.issued);
        sheets.push(report::class_slips(
            class, mine, &school, &config, date, issued,
        ));
    }
    let stem = match args.changed {
        true => format!("notices-{date}-changed"),
        false => format!("notices-{date}"),
    };
    outputs.add(out.join(format!("{stem}.xlsx")), sheet::xlsx(&sheets)?);
    if args.csv {
        outputs.add(out.join(format!("{stem}.csv")), sheet::csv(&sheets[0])?);
    }
    for (i, (class, mine)) in classes.iter().enumerate() {
        let text = report::parents_text(class, mine, &school, &config, date);
        let file = format!("{:02}-{class}.txt", i + 1);
        outputs.file(&out.join(&stem), &file, text.into_bytes());
    }
    let summary = Say::NoticesSummary {
        date,
        notices: notices.notices.len(),
        classes: classes.len(),
        changed_only: args.changed,
    };
    crate::say!("{}", summary.render(lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}

/// The notices of each class, classes in the order the notices come in.
fn by_class<'n, 'a>(notices: &'n [Notice<'a>]) -> Vec<(&'a str, Vec<&'n Notice<'a>>)> {
    let mut out: Vec<(&str, Vec<&Notice>)> = Vec::new();
    for n in notices {
        match out.last_mut() {
            Some((class, mine)) if *class == n.class.name => mine.push(n),
            _ => out.push((&n.class.name, vec![n])),
        }
    }
    out
}
