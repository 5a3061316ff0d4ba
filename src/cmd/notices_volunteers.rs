//! `kehou notices --volunteers`: each parent volunteer's rota for the term
//! (weekdays, batch, gate, how many days and the first), and the batches of
//! every weekday with their volunteers; `out/volunteers.xlsx`.

use crate::config::Config;
use crate::i18n::DutySay;
use crate::output::Outputs;
use crate::report::{sheet, volunteers};
use crate::school::School;

pub fn run(config: &Config, school: &School, csv: bool) -> anyhow::Result<()> {
    let sheets = volunteers::rota_sheets(school, config);
    let out = config.out_dir();
    let mut outputs = Outputs::default();
    outputs.add(out.join("volunteers.xlsx"), sheet::xlsx(&sheets)?);
    if csv {
        outputs.add(out.join("volunteers.csv"), sheet::csv(&sheets[0])?);
    }
    let summary = DutySay::VolunteerRota {
        volunteers: school.volunteers.len(),
        file: config.files.volunteers.clone(),
    };
    crate::say!("{}", summary.render(config.lang));
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    Ok(())
}
