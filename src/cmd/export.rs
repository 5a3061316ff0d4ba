//! `kehou export [--to DIR]`: every table of the school's database as CSV,
//! for people and tools (the plan, waiting lists and ledger with the
//! columns their CSV files always had). Changes nothing in the database.

use std::path::PathBuf;

use crate::cli::Global;
use crate::i18n::StateSay;
use crate::output::Outputs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write the CSV files into (default: out/export).
    #[arg(long)]
    pub to: Option<PathBuf>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let mut store = super::open_store(&config)?;
    let dir = match &args.to {
        Some(dir) => std::path::absolute(dir)?,
        None => config.out_dir().join("export"),
    };
    let files = store.export()?;
    let tables = files.len();
    let mut outputs = Outputs::default();
    outputs.protect(config.input_paths());
    for file in files {
        outputs.file(&dir, &file.name, file.bytes);
    }
    outputs.write_all()?;
    let said = StateSay::Exported {
        tables,
        dir: dir.display().to_string(),
    };
    crate::say!("{}", said.render(config.lang));
    Ok(())
}
