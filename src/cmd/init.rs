//! `kehou init DIR`: a config with what the command line gave and marked
//! placeholders (待填写) for the rest, header-only templates with Chinese
//! headers, and 填写说明.txt saying what to write in every column.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::Global;
use crate::config::Files;
use crate::exit::Told;
use crate::i18n::Guide;
use crate::output::Outputs;
use crate::starter::{self, Answers};

/// The documented example config (every key, with the demo school's values).
pub const CONFIG_EXAMPLE: &str = include_str!("../../config.toml.example");

/// What to write in every column of every template, with an example row.
pub const INSTRUCTIONS: &str = include_str!("../../docs/填写说明.txt");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the school in (created if missing; default: this folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The school's name, printed on every sheet.
    #[arg(long)]
    pub name: Option<String>,
    /// The term's name, used in file names (e.g. 2026秋).
    #[arg(long)]
    pub term: Option<String>,
    /// The first day of after-school service this term.
    #[arg(long, value_parser = super::parse_date)]
    pub start: Option<NaiveDate>,
    /// The last day of after-school service this term.
    #[arg(long, value_parser = super::parse_date)]
    pub end: Option<NaiveDate>,
    /// The grade groups (bands), each with its own dismissal time: e.g. 1-2,3-4,5-6.
    #[arg(long, default_value = "1-2,3-4,5-6")]
    pub grades: String,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let bands = band_groups(&args.grades);
    check_bands(&args.grades, &bands)?;
    let answers = Answers {
        name: args.name.clone(),
        term: args.term.clone(),
        start: args.start,
        end: args.end,
        bands,
        lang: global.language,
    };
    let config = starter::config(&answers);
    let placeholders = starter::placeholders(&config, "config.toml").iter().count();
    let mut outputs = Outputs::default();
    outputs.add(args.dir.join("config.toml"), config.into_bytes());
    outputs.add(args.dir.join("填写说明.txt"), with_bom(INSTRUCTIONS));
    for (file, headers) in crate::school::templates(&Files::default()) {
        outputs.add(args.dir.join(file), with_bom(&(headers.join(",") + "\r\n")));
    }
    super::write_new_files(outputs)?;
    let dir = args.dir.display().to_string();
    crate::say!(
        "{}",
        Guide::InitNext { dir, placeholders }.render(global.language)
    );
    Ok(())
}

/// `1-2,3-4,5-6` → the groups; `1-2 3-4`, `1-2、3-4` too.
fn band_groups(text: &str) -> Vec<String> {
    let groups: Vec<String> = text
        .split([',', '、', ' ', ';', ',', ';'])
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    if groups.is_empty() {
        vec!["1-6".to_string()]
    } else {
        groups
    }
}

/// Every grade 1–6 in exactly one group, checked before anything is
/// written (a config whose bands miss a grade fails every later command).
fn check_bands(given: &str, groups: &[String]) -> Result<(), Told> {
    let mut seen = [0u8; 7];
    let mut unreadable = Vec::new();
    for group in groups {
        match crate::input::parse::grades(group) {
            Some(grades) => grades.iter().for_each(|g| seen[usize::from(g)] += 1),
            None => unreadable.push(group.clone()),
        }
    }
    let missing: Vec<u8> = (1..=6).filter(|&g| seen[usize::from(g)] == 0).collect();
    let twice: Vec<u8> = (1..=6).filter(|&g| seen[usize::from(g)] > 1).collect();
    if missing.is_empty() && twice.is_empty() && unreadable.is_empty() {
        return Ok(());
    }
    Err(Told(Guide::InitGrades {
        given: given.to_string(),
        missing,
        twice,
        unreadable,
    }))
}

/// UTF-8 with BOM, so Excel, WPS and Notepad open the Chinese correctly.
fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_instructions_show_every_templates_headers() {
        for (file, headers) in crate::school::templates(&crate::config::Files::default()) {
            let line = format!("表头:{}", headers.join(","));
            let found = super::INSTRUCTIONS.lines().any(|l| l.trim() == line);
            assert!(found, "{file}: {line}");
        }
    }
}
