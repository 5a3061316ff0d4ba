//! `kehou rollover NEW`: the next term's folder from this one (`-c`): at a new
//! school year classes a grade up with their children, the graduating grade
//! out, a new first grade to fill (within one, autumn → spring, classes and
//! children as they were); staff, rooms, clubs and activities kept; consent, leave,
//! pickup changes and parent volunteers empty; the calendar to fill in. This term's folder, its
//! state and its outputs are only read.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::Global;
use crate::config::{Config, Files};
use crate::exit::Told;
use crate::i18n::Guide;
use crate::model::{Class, Student};
use crate::output::Outputs;
use crate::rollover::config_text::{NewTerm, next_config};
use crate::rollover::{Promotion, new_school_year, promote, same_year};
use crate::school::School;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new term's folder (created if missing; must not be this term's).
    pub dir: PathBuf,
    /// The new term's name, used in file names (e.g. 2027春).
    #[arg(long)]
    pub term: Option<String>,
    /// The first day of after-school service in the new term.
    #[arg(long, value_parser = super::parse_date)]
    pub start: Option<NaiveDate>,
    /// The last day of after-school service in the new term.
    #[arg(long, value_parser = super::parse_date)]
    pub end: Option<NaiveDate>,
    /// Classes go up a grade (a new school year), whatever the terms' dates say.
    #[arg(long, conflicts_with = "keep_grades")]
    pub promote: bool,
    /// Classes keep their grade (the same school year), whatever the terms' dates say.
    #[arg(long)]
    pub keep_grades: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    if same_folder(&config.dir, &args.dir) {
        return Err(Told(Guide::RolloverIntoItself).into());
    }
    // By default the terms' dates say whether a new school year begins.
    let promoting = if args.promote || args.keep_grades {
        args.promote
    } else {
        new_school_year(config.calendar.start, args.start)
    };
    let promotion = if promoting {
        promote(
            &school.classes,
            &school.students,
            top_grade(&config, &school),
        )
    } else {
        same_year(&school.classes, &school.students)
    };
    let new = NewTerm {
        term: args.term.clone(),
        start: args.start,
        end: args.end,
    };
    let old_text = std::fs::read_to_string(super::config_path(global)?)?;
    let (outputs, config_text) = next_folder(&config, &old_text, &promotion, &new, &args.dir)?;
    super::write_new_files(outputs)?;
    let placeholders = crate::starter::placeholders(&config_text, "config.toml")
        .iter()
        .count();
    if !promoting {
        let same = crate::i18n::DutySay::RolloverSameYear {
            dir: args.dir.display().to_string(),
            placeholders,
            classes: promotion.classes.len(),
            students: promotion.students.len(),
        };
        crate::say!("{}", same.render(config.lang));
        return Ok(());
    }
    let next = Guide::RolloverNext {
        dir: args.dir.display().to_string(),
        placeholders,
        classes: promotion.classes.len() - promotion.to_fill.len(),
        students: promotion.students.len(),
        graduating: promotion.graduating.clone(),
        graduated: promotion.graduated,
        to_fill: promotion.to_fill.clone(),
    };
    crate::say!("{}", next.render(config.lang));
    Ok(())
}

/// The school's last grade: the highest a band covers, else the highest class.
fn top_grade(config: &Config, school: &School) -> u8 {
    let bands = config.bands.iter().flat_map(|b| b.grades.iter()).max();
    let classes = school.classes.iter().map(|c| c.grade).max();
    bands.or(classes).unwrap_or(6)
}

fn same_folder(old: &Path, new: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    match (canonical(old), canonical(new)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Every file of the new folder, and the new config's text.
fn next_folder(
    config: &Config,
    old_text: &str,
    promotion: &Promotion,
    new: &NewTerm,
    dir: &Path,
) -> anyhow::Result<(Outputs, String)> {
    let defaults = Files::default();
    let templates = crate::school::templates(&defaults);
    let headers = |file: &str| {
        templates
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    let mut outputs = Outputs::default();
    let mut specs: Vec<(&str, String)> = Vec::new();
    let classes = classes_csv(&headers(&defaults.classes), &promotion.classes)?;
    outputs.add(dir.join(&defaults.classes), classes);
    specs.push(("classes", defaults.classes.clone()));
    let students = students_csv(&headers(&defaults.students), &promotion.students)?;
    outputs.add(dir.join(&defaults.students), students);
    specs.push(("students", defaults.students.clone()));
    let files = &config.files;
    let kept = [
        ("staff", &files.staff),
        ("rooms", &files.rooms),
        ("clubs", &files.clubs),
        ("activities", &files.activities),
    ];
    for (key, spec) in kept.into_iter().filter(|(_, s)| !s.is_empty()) {
        if let Some((name, bytes)) = kept_file(&config.dir, spec)? {
            outputs.add(dir.join(&name), bytes);
            let sheet = spec.split_once('#').map(|(_, s)| format!("#{s}"));
            specs.push((key, name + sheet.as_deref().unwrap_or("")));
        }
    }
    for (key, file) in [
        ("consent", &defaults.consent),
        ("leave", &defaults.leave),
        ("pickup_changes", &defaults.pickup_changes),
        ("volunteers", &defaults.volunteers),
    ] {
        let line = headers(file).join(",") + "\r\n";
        outputs.add(dir.join(file), with_bom(line.as_bytes()));
        specs.push((key, file.clone()));
    }
    outputs.add(
        dir.join("填写说明.txt"),
        with_bom(super::init::INSTRUCTIONS.as_bytes()),
    );
    let text = next_config(old_text, new, &specs);
    outputs.add(dir.join("config.toml"), text.clone().into_bytes());
    Ok((outputs, text))
}

/// An input kept as it is: its bytes, under its own file name (or the one
/// the loader found in its place).
fn kept_file(base: &Path, spec: &str) -> anyhow::Result<Option<(String, Vec<u8>)>> {
    let path = spec.split_once('#').map_or(spec, |(p, _)| p);
    let found = if base.join(path).is_file() {
        path.to_string()
    } else {
        match crate::input::with_other_extension(base, path) {
            Some(other) => other,
            None => return Ok(None),
        }
    };
    let bytes = std::fs::read(base.join(&found))
        .map_err(|e| anyhow::anyhow!("{}: {e}", base.join(&found).display()))?;
    let name = Path::new(&found)
        .file_name()
        .map_or(found.clone(), |n| n.to_string_lossy().into_owned());
    Ok(Some((name, bytes)))
}

fn classes_csv(headers: &[String], classes: &[Class]) -> anyhow::Result<Vec<u8>> {
    table_csv(
        headers,
        classes.iter().map(|c| {
            vec![
                c.name.clone(),
                c.grade.to_string(),
                c.head_teacher.clone(),
                c.home_room.clone(),
            ]
        }),
    )
}

fn students_csv(headers: &[String], students: &[Student]) -> anyhow::Result<Vec<u8>> {
    table_csv(
        headers,
        students.iter().map(|s| {
            vec![
                s.id.clone(),
                s.name.clone(),
                s.class.clone(),
                s.gender.clone(),
                s.guardian.clone(),
                s.phone.clone(),
                if s.fee_exempt { "是" } else { "" }.to_string(),
                s.notes.clone(),
            ]
        }),
    )
}

/// An input table as the office keeps it: UTF-8 with BOM, Chinese headers,
/// the values as they were (they are read back by kehou, not printed).
fn table_csv(
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(with_bom(b""));
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.flush()?;
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

fn with_bom(text: &[u8]) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text);
    bytes
}
