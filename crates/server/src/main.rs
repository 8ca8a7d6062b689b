#[tokio::main]
async fn main() -> std::process::ExitCode {
    grants_server::cli::main().await
}
