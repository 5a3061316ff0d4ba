//! `kehou check`: every problem in every input file, grouped by file.

use crate::cli::Global;
use crate::exit::DataProblems;
use crate::i18n::Say;
use crate::input::Problems;
use crate::plan::Plan;
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let mut problems = Problems::default();
    let school = School::load(&config, &mut problems);
    // With a plan, the teachers the files name can be checked for clashes.
    let mut quiet = Problems::default();
    let files = &config.files;
    if !problems.has_errors()
        && let Some(plan) = Plan::load(&config.dir, &files.plan, &files.waitlist, &mut quiet)
    {
        problems.extend(crate::supervision::clashes_in_plan(&plan, &school, &config));
    }
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
