use clap::Parser;
use grants_server::cli::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match Cli::parse().run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
