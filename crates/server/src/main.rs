// mimalloc returns freed memory to the system: under glibc's allocator the
// 19 MiB each password hash works in (argon2) stayed resident in the arena
// of whichever thread ran it (BENCHMARKS.md, server memory).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    grants_server::cli::main().await
}
