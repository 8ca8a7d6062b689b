//! `grants`, built inside the test package so that the crash tests find it
//! (`CARGO_BIN_EXE_grants-child`) and run it as a child process to kill.

// The same allocator as `grants`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    grants_server::cli::main().await
}
