//! `kehou completions SHELL`: the shell's completion script, on stdout.

use clap::ValueEnum;

use crate::cli::Global;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut cmd = crate::cli::command(global.language);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kehou", &mut script);
    use std::io::Write as _;
    crate::exit::quiet_pipe(std::io::stdout().write_all(&script))?;
    Ok(())
}
