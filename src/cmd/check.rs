//! `kehou check`: every problem in every input file, grouped by file.

use crate::cli::Global;
use crate::exit::DataProblems;
use crate::input::Problems;
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let mut problems = Problems::default();
    let school = School::load(&config, &mut problems);
    let lang = config.lang;
    crate::say_raw!("{}", problems.report(lang, true));
    let counts = match lang {
        crate::i18n::Lang::Zh => format!(
            "{} 名学生,{} 个班级,{} 张回执,{} 个社团,{} 间教室,{} 名教职工",
            school.students.len(),
            school.classes.len(),
            school.slips.len(),
            school.clubs.len(),
            school.rooms.len(),
            school.staff.len()
        ),
        crate::i18n::Lang::En => format!(
            "{} students, {} classes, {} slips, {} clubs, {} rooms, {} staff",
            school.students.len(),
            school.classes.len(),
            school.slips.len(),
            school.clubs.len(),
            school.rooms.len(),
            school.staff.len()
        ),
    };
    crate::say!("{counts}");
    crate::say!("{}", problems.summary(lang));
    if problems.has_errors() {
        return Err(DataProblems.into());
    }
    Ok(())
}
