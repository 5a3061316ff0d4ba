//! `kehou man`: the manual page (roff) on stdout, in the user's language:
//! the top page, then a section per command with its options and examples.

use crate::cli::Global;
use crate::i18n::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<()> {
    let page = page(global.language)?;
    use std::io::Write as _;
    crate::exit::quiet_pipe(std::io::stdout().write_all(&page))?;
    Ok(())
}

/// The whole manual: the top page, then each command's own section.
pub fn page(lang: Lang) -> anyhow::Result<Vec<u8>> {
    let cmd = crate::cli::command(lang);
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.extend_from_slice(
            format!(
                ".SH \"KEHOU {}\"\n{}\n",
                sub.get_name().to_uppercase(),
                roff_text(&about)
            )
            .as_bytes(),
        );
        // The shared options are on the top page; each command shows its own.
        let own = sub.clone().mut_args(|a| {
            let shared = a.is_global_set() || matches!(a.get_id().as_str(), "help" | "version");
            a.hide(shared)
        });
        let man = clap_mangen::Man::new(own);
        man.render_options_section(&mut out)?;
        man.render_extra_section(&mut out)?;
    }
    Ok(out)
}

/// Text safe in a roff paragraph: no leading control character, backslashes doubled.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\\\");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}
