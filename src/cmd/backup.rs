//! `kehou backup FILE`: a consistent copy of the school's database, made
//! with SQLite's online backup (safe while another run writes). Copying
//! `kehou.db` while no kehou runs is a backup too.

use std::path::PathBuf;

use crate::cli::Global;
use crate::i18n::StateSay;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new file to copy the database into (an existing file is never replaced).
    pub file: PathBuf,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let config = super::load_config(global)?;
    let store = super::open_store(&config)?;
    let to = std::path::absolute(&args.file)?;
    store.backup(&to)?;
    let said = StateSay::BackedUp {
        from: config.state_path().display().to_string(),
        to: to.display().to_string(),
    };
    crate::say!("{}", said.render(config.lang));
    Ok(())
}
