//! `kehou check`: every problem in every input file, grouped by file.

use crate::cli::Global;
use crate::exit::DataProblems;
use crate::i18n::Say;
use crate::input::Problems;
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let mut problems = Problems::default();
    let school = School::load(&config, &mut problems);
    problems.extend(crate::club_times::times_apart(&school, &config));
    let lang = config.lang;
    crate::say_raw!("{}", problems.report(lang, true));
    let counts = Say::SchoolCounts {
        students: school.students.len(),
        classes: school.classes.len(),
        slips: school.slips.len(),
        clubs: school.clubs.len(),
        rooms: school.rooms.len(),
        staff: school.staff.len(),
    };
    crate::say!("{}", counts.render(lang));
    crate::say!("{}", problems.summary(lang));
    if problems.has_errors() {
        return Err(DataProblems.into());
    }
    Ok(())
}
