//! `kehou record FILE...`: merge filled registers into the attendance ledger.

use std::path::PathBuf;

use crate::attendance::{Ledger, LedgerLock};
use crate::cli::Global;
use crate::exit::DataProblems;
use crate::i18n::Say;
use crate::input::Problems;
use crate::output::write_atomic;
use crate::register;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled daily workbooks (xlsx) or register CSVs.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Show what would change without writing the ledger.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let (config, school) = super::load_school(global)?;
    let lang = config.lang;
    let files = &config.files;
    let mut problems = Problems::default();
    let plan = super::load_plan(&config)?;
    let mut marks = Vec::new();
    for path in &args.files {
        // A monthly register grid (点名册) filled by hand has its own reader.
        let file = path.display().to_string();
        if let Some(grid) = crate::papers::roll_read::read(path, &file, &config, &mut problems) {
            marks.extend(grid);
            continue;
        }
        marks.extend(register::read(
            path,
            &path.display().to_string(),
            &mut problems,
        ));
    }
    let mut marks = register::validate(marks, &school, &config, &plan, &mut problems);
    register::resolve_teachers(&mut marks, &school, &mut problems);
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        eprintln!("{}", problems.summary(lang));
        return Err(DataProblems.into());
    }
    let (filled, blank): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| m.entry.is_some());
    let incoming = filled
        .into_iter()
        .filter_map(|m| m.entry.map(|e| (m.key, e)))
        .collect();
    // Read, merge and rewrite under the lock: a second `record` waits its turn.
    let _lock = LedgerLock::acquire(&config.dir, &files.attendance)?;
    let mut ledger = Ledger::load(&config.dir, &files.attendance, &mut problems);
    if problems.has_errors() {
        eprint!("{}", problems.report(lang, false));
        return Err(DataProblems.into());
    }
    let merge = ledger.merge(incoming);
    // A blank row is "not recorded" only if no file recorded that row either.
    let mut blank: Vec<_> = blank
        .into_iter()
        .filter(|m| !ledger.entries.contains_key(&m.key))
        .collect();
    blank.sort_by(|a, b| a.key.cmp(&b.key));
    blank.dedup_by(|a, b| a.key == b.key);
    let summary = Say::RecordSummary {
        added: merge.added,
        unchanged: merge.unchanged,
        corrected: merge.changed.len(),
        blank: blank.len(),
    };
    crate::say!("{}", summary.render(lang));
    for ((date, block, student), before, after) in &merge.changed {
        crate::say!(
            "  {date} {} {} {student}: {} → {}",
            block.format("%H:%M"),
            after.group,
            before.status.code(),
            after.status.code()
        );
    }
    for m in &blank {
        crate::say!("  {}", register::blank_line(lang, m));
    }
    if args.dry_run {
        crate::say!("{}", Say::DryRun.render(lang));
        return Ok(());
    }
    write_atomic(&config.dir.join(&files.attendance), &ledger.to_csv()?)?;
    crate::say!("{}", config.dir.join(&files.attendance).display());
    Ok(())
}
