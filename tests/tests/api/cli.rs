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

#[tokio::test]
async fn workflow_check_names_every_problem_with_its_file_and_line() {
    let dir = tempfile::tempdir().expect("folder");
    let built_in = include_str!("../../../workflows/proposal.yaml");
    let broken = built_in.replace("to: screening", "to: screned").replace(
        "guards: [comment_given]",
        "guards: [comment_given, full_moon]",
    );
    std::fs::write(dir.path().join("proposal.yaml"), broken).expect("written");
    let check = |dir: Option<&std::path::Path>| {
        let mut argv = vec!["grants".to_owned(), "workflow".into(), "check".into()];
        argv.extend(dir.map(|d| d.display().to_string()));
        Cli::try_parse_from(argv).expect("parses").run()
    };
    let err = check(Some(dir.path())).await.expect_err("invalid");
    let text = err.to_string();
    let file = dir.path().join("proposal.yaml").display().to_string();
    assert!(text.contains("problem(s) found"), "{text}");
    assert!(text.contains(&format!("{file}:")), "{text}");
    assert!(
        text.contains("the to state 'screned' is not a state"),
        "{text}"
    );
    assert!(text.contains("unknown guard 'full_moon'"), "{text}");
    // Only the lines that changed are named.
    let line_of = |needle: &str| {
        built_in
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
    };
    let to_line = line_of("to: screening").expect("in the file");
    assert!(text.contains(&format!("{file}:{to_line}:")), "{text}");

    std::fs::write(dir.path().join("proposal.yaml"), "workflow: [broken\n").expect("written");
    let malformed = check(Some(dir.path())).await.expect_err("malformed");
    assert!(
        malformed.to_string().contains("malformed YAML"),
        "{malformed}"
    );

    check(None)
        .await
        .expect("the built-in definitions are valid");
}
