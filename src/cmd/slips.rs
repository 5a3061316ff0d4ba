//! `kehou slips`: the consent slip (告家长书回执) of every child, by class,
//! with the clubs open to their grade; and the blank consent file to type
//! the returned slips into.

use crate::cli::Global;
use crate::i18n::Say;
use crate::output::Outputs;
use crate::report::{sheet, slips as report};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date the letter (告家长书) is signed with (default: today).
    #[arg(long, value_parser = super::parse_date)]
    pub issued: Option<chrono::NaiveDate>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let students = crate::papers::notice::in_class_order(&school);
    let issued = super::issued(args.issued);
    let mut sheets = Vec::new();
    for chunk in students.chunk_by(|a, b| a.class == b.class) {
        let Some(class) = school.class(&chunk[0].class) else {
            continue;
        };
        sheets.push(report::class_sheet(class, chunk, &school, &config, issued));
    }
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.add(out.join("slips.xlsx"), sheet::xlsx(&sheets)?);
    let template = report::template(&students, &config);
    outputs.add(out.join("slips-consent.csv"), sheet::csv(&template)?);
    let summary = Say::SlipsSummary {
        slips: students.len(),
        classes: sheets.len(),
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
