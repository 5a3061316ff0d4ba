fn main() -> std::process::ExitCode {
    match kehou::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => {
            let lang = cli.global.language;
            kehou::exit::finish(kehou::cmd::run(cli), lang)
        }
        Err(code) => code,
    }
}
