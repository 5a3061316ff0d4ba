//! `kehou init DIR`: a commented config and header-only templates with Chinese
//! headers, ready to fill in.

use std::path::PathBuf;

use anyhow::bail;

use crate::cli::Global;
use crate::config::Files;
use crate::output::Outputs;

/// The documented example config, which is also the starter config.
pub const CONFIG_EXAMPLE: &str = include_str!("../../config.toml.example");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the school in (created if missing).
    pub dir: PathBuf,
}

pub fn run(_global: &Global, args: Args) -> anyhow::Result<()> {
    let mut outputs = Outputs::default();
    outputs.add(
        args.dir.join("config.toml"),
        CONFIG_EXAMPLE.as_bytes().to_vec(),
    );
    for (file, headers) in crate::school::templates(&Files::default()) {
        // UTF-8 with BOM, so Excel and WPS open the Chinese headers correctly.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(headers.join(",").as_bytes());
        bytes.extend_from_slice(b"\r\n");
        outputs.add(args.dir.join(file), bytes);
    }
    let existing: Vec<String> = outputs
        .paths()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "refusing to overwrite existing files / 不覆盖已有文件: {}",
            existing.join(", ")
        );
    }
    for path in outputs.write_all()? {
        crate::say!("{}", path.display());
    }
    crate::say!(
        "下一步 / next: fill in the tables, then run `kehou check -c {}`",
        args.dir.join("config.toml").display()
    );
    Ok(())
}
