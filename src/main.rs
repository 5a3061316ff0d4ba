fn main() -> std::process::ExitCode {
    kehou::output::allow_many_open_files();
    // Given back when main returns: every path out of a run returns here.
    let _console = kehou::console::utf8();
    match kehou::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => {
            let lang = cli.global.language;
            kehou::exit::finish(kehou::cmd::run(cli), lang)
        }
        Err(code) => code,
    }
}
