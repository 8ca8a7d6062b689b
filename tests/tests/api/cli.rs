//! The `grants` command line, run in-process over a fresh database.

use clap::Parser;
use grants_server::cli::Cli;
use grants_tests::{Backend, TestDatabase, on_both_databases};

on_both_databases!(migrations_apply_once_and_then_do_nothing);

async fn migrations_apply_once_and_then_do_nothing(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let settings = database.config().database_settings().expect("settings");
    let store = grants_app::Store::connect(&settings)
        .await
        .expect("connects");
    let first = store.migrate().await.expect("migrates");
    assert!(first >= 1, "an empty database gets every migration");
    assert_eq!(store.migrate().await.expect("migrates again"), 0);
    assert!(store.pending_migrations().await.expect("reads").is_empty());
    store.close().await.expect("closes");

    // The command does the same, configured from a file.
    let dir = tempfile::tempdir().expect("folder");
    let file = database.write_config_file(dir.path());
    for _ in 0..2 {
        let cli = Cli::try_parse_from([
            "grants",
            "--config",
            file.to_str().expect("utf-8"),
            "migrate",
        ])
        .expect("parses");
        cli.run().await.expect("migrate succeeds");
    }
    database.drop_database().await;
}
