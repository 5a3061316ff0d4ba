use clap::Parser;

fn main() -> std::process::ExitCode {
    kehou::exit::finish(kehou::cmd::run(kehou::cli::Cli::parse()))
}
