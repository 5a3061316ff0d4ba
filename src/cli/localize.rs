//! The command tree in the user's language: help texts from the table in
//! [`crate::i18n::help`], headings, examples; and clap's usage errors said
//! in that language.

use std::process::ExitCode;

use clap::error::ErrorKind;

use crate::i18n::help::{self, Heading};
use crate::i18n::{Lang, Usage};

/// Applies `lang` to every command and option of the tree.
pub fn localize(mut cmd: clap::Command, lang: Lang) -> clap::Command {
    // Build first, so that the generated help, version and `help` command
    // are there to be translated too.
    cmd.build();
    localize_one(cmd, "kehou", lang)
}

fn localize_one(mut cmd: clap::Command, name: &str, lang: Lang) -> clap::Command {
    if let Some(examples) = help::examples(name, lang) {
        cmd = cmd.after_help(examples);
    }
    cmd = common_last(cmd, lang);
    if lang == Lang::Zh {
        cmd = zh_texts(cmd, name);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in names {
        cmd = cmd.mut_subcommand(&sub, |s| localize_one(s, &sub, lang));
    }
    cmd
}

/// The options every command shares go under their own heading, after the
/// command's own.
fn common_last(mut cmd: clap::Command, lang: Lang) -> clap::Command {
    let global: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set() || matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| a.get_id().to_string())
        .collect();
    for (order, id) in global.into_iter().enumerate() {
        cmd = cmd.mut_arg(&id, |a| {
            a.help_heading(help::heading(Heading::Common, lang))
                .display_order(1000 + order)
        });
    }
    cmd
}

/// The Chinese about, option helps and headings of one command.
fn zh_texts(mut cmd: clap::Command, name: &str) -> clap::Command {
    let lang = Lang::Zh;
    if let Some(about) = help::about(name) {
        cmd = cmd.about(about);
    }
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        help::heading(Heading::Usage, lang)
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(help::heading(Heading::Commands, lang));
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let heading = if positional {
            Heading::Arguments
        } else {
            Heading::Options
        };
        let text = help::option(name, &id);
        let value_name = help::value_name(&id);
        cmd = cmd.mut_arg(&id, |a| {
            let mut a = a.hide_default_value(true).hide_possible_values(true);
            if a.get_help_heading().is_none() {
                a = a.help_heading(help::heading(heading, lang));
            }
            if let Some(text) = text {
                // The long help too, or `--help` shows clap's English for it
                // ("Print help (see a summary with '-h')").
                let long = a.get_long_help().is_some() || a.get_id() == "help";
                a = a.help(text);
                if long {
                    a = a.long_help(text);
                }
            }
            if let Some(value_name) = value_name.filter(|_| a.get_value_names().is_some()) {
                a = a.value_name(value_name);
            }
            a
        });
    }
    let usage = help::usage_in_chinese(&cmd.render_usage().to_string());
    let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
    cmd.override_usage(usage)
}

/// Prints help, the version or a usage error in `lang` and gives the exit
/// code: 0 for help and version, 2 for a usage error.
pub fn exit_with(error: &clap::Error, lang: Lang, command: Option<String>) -> ExitCode {
    let help_or_version = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if help_or_version {
        let _ = error.print();
        return ExitCode::from(if error.use_stderr() {
            crate::exit::USAGE
        } else {
            crate::exit::OK
        });
    }
    // Any control character a value carried made visible.
    let text = Usage::from_clap(error, command, lang).render(lang);
    eprintln!("{}", crate::exit::visible(&text));
    ExitCode::from(crate::exit::USAGE)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use crate::i18n::help;

    /// Every command and option a helper adds needs its Chinese help and
    /// examples in `src/i18n/help.rs`: this names what is missing.
    #[test]
    fn every_command_and_option_has_its_chinese_help() {
        let mut tree = crate::cli::Cli::command();
        tree.build();
        let mut missing = Vec::new();
        let mut check = |name: &str, cmd: &clap::Command| {
            if help::about(name).is_none() {
                missing.push(format!("ABOUT: (\"{name}\", …)"));
            }
            if help::examples(name, crate::i18n::Lang::Zh).is_none() {
                missing.push(format!("EXAMPLES: (\"{name}\", …)"));
            }
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                if help::option(name, arg.get_id().as_str()).is_none() {
                    missing.push(format!("OPTIONS: (\"{name}\", \"{}\", …)", arg.get_id()));
                }
            }
        };
        check("kehou", &tree);
        for sub in tree.get_subcommands() {
            check(sub.get_name(), sub);
        }
        assert!(
            missing.is_empty(),
            "missing in src/i18n/help.rs:\n{}",
            missing.join("\n")
        );
    }
}
