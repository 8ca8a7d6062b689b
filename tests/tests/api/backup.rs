//! Backups: `grants backup` copies a SQLite database and its attachments
//! while the service takes writes; `grants restore` puts them back into an
//! empty place (and only with `--force` over data), where a server finds
//! every write committed before the backup began, every payment and every
//! file, and the audit trail still verifies. On PostgreSQL the command
//! points to pg_dump.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use grants_server::Application;
use grants_server::cli::Cli;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD};
use grants_tests::fixtures::demo_programme_id;
use grants_tests::{
    Backend, TestApp, TestDatabase, complete_proposal_json, on_both_databases, open_programme_json,
};
use tokio::sync::Mutex;

on_both_databases!(a_backup_taken_under_load_restores_every_committed_write);

/// Runs `grants --config FILE ARGS…` in this process.
async fn grants(config: &std::path::Path, args: &[&str]) -> anyhow::Result<()> {
    let mut argv = vec!["grants", "--config", config.to_str().expect("utf-8")];
    argv.extend_from_slice(args);
    Cli::try_parse_from(argv).expect("parses").run().await
}

/// A configuration file for `database` with its attachment folder.
fn config_file(database: &TestDatabase, dir: &std::path::Path) -> std::path::PathBuf {
    let attachments = database.config().attachment_dir();
    database.write_config_file_with(
        dir,
        &format!("[attachments]\ndir = \"{}\"\n", attachments.display()),
    )
}

/// One write the service confirmed: a proposal at a revision and state,
/// with the file attached to it.
#[derive(Debug, Clone)]
struct Committed {
    proposal: String,
    revision: i64,
    state: String,
    attachment: Option<(String, Vec<u8>)>,
}

/// A PDF whose bytes depend on `n`.
fn pdf(n: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..4096).map(|i| ((i * 7 + n) % 251) as u8));
    bytes
}

/// Drafts, attaches to and submits proposals until `stop`, recording each
/// write the server confirmed as it is confirmed.
async fn write_until(
    writer: usize,
    app: Arc<TestApp>,
    token: String,
    programme: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Committed>>>,
) {
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let created = app
            .post(
                "/proposals",
                Some(&token),
                &complete_proposal_json(&programme, "MK"),
            )
            .await;
        created.expect(201);
        let proposal = created.id();
        log.lock().await.push(Committed {
            proposal: proposal.clone(),
            revision: created.body["revision"].as_i64().expect("a revision"),
            state: "draft".into(),
            attachment: None,
        });
        let bytes = pdf(n * 2 + writer);
        let uploaded = app
            .upload(
                &format!("/proposals/{proposal}/attachments"),
                Some(&token),
                ("plan.pdf", "application/pdf", bytes.clone()),
            )
            .await;
        uploaded.expect(201);
        let attachment = Some((uploaded.id(), bytes));
        let submitted = app
            .transition_now(&token, &token, &proposal, "submit", &serde_json::json!({}))
            .await;
        submitted.expect(200);
        log.lock().await.push(Committed {
            proposal,
            revision: submitted.body["revision"].as_i64().expect("a revision"),
            state: "submitted".into(),
            attachment,
        });
    }
}

async fn a_backup_taken_under_load_restores_every_committed_write(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let work = tempfile::tempdir().expect("a folder");
    let config = config_file(&app.database, work.path());
    let archive = work.path().join("backup.tar.gz");
    if backend == Backend::Postgres {
        let refused = grants(&config, &["backup", archive.to_str().expect("utf-8")])
            .await
            .expect_err("PostgreSQL is backed up with its own tools");
        assert!(format!("{refused:#}").contains("pg_dump"), "{refused:#}");
        app.finish().await;
        return;
    }

    // Grants with tranches paid, reports and their history, from the demo.
    let seeder = Application::build(&app.config, true).await.expect("builds");
    demo::seed(seeder.app()).await.expect("seeds");
    drop(seeder);
    let finance = app
        .login("finance@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let decided = demo_programme_id(&app, DEMO_DECIDED_PROGRAMME).await;
    let ledger_path = format!("/programmes/{decided}/ledger");
    let ledger = app.get(&ledger_path, Some(&finance)).await;
    ledger.expect(200);

    let admin = app.admin_token().await;
    let programme = app
        .post("/programmes", Some(&admin), &open_programme_json("BACKUP"))
        .await;
    programme.expect(201);
    let programme = programme.id();
    let (_, applicant) = app
        .user_with_roles("writer@tests.example", &["applicant"])
        .await;

    // Writes go on before, while and after the backup is taken.
    let app = Arc::new(app);
    let stop = Arc::new(AtomicBool::new(false));
    let log = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..2)
        .map(|writer| {
            tokio::spawn(write_until(
                writer,
                app.clone(),
                applicant.clone(),
                programme.clone(),
                stop.clone(),
                log.clone(),
            ))
        })
        .collect();
    while log.lock().await.len() < 6 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: Vec<Committed> = log.lock().await.clone();
    grants(&config, &["backup", archive.to_str().expect("utf-8")])
        .await
        .expect("a backup while the service writes");
    let during = log.lock().await.len() - before.len();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.expect("the writer ends");
    }
    let refused = grants(&config, &["backup", archive.to_str().expect("utf-8")])
        .await
        .expect_err("an existing file is never overwritten");
    assert!(format!("{refused:#}").contains("exists"), "{refused:#}");

    // Not over a database that has data.
    let over = grants(&config, &["restore", archive.to_str().expect("utf-8")])
        .await
        .expect_err("a database with accounts is not overwritten");
    assert!(format!("{over:#}").contains("--force"), "{over:#}");

    // Into an empty place: twice, the second time by force.
    let restored = TestDatabase::create(Backend::Sqlite).await;
    let restored_dir = tempfile::tempdir().expect("a folder");
    let restored_config = config_file(&restored, restored_dir.path());
    let path = archive.to_str().expect("utf-8");
    grants(&restored_config, &["restore", path])
        .await
        .expect("restored into an empty place");
    grants(&restored_config, &["restore", path])
        .await
        .expect_err("not twice without --force");
    // A file the restored records do not name (the replaced database's) goes.
    let stray = restored
        .config()
        .attachment_dir()
        .join("sha256/ab/cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    std::fs::create_dir_all(stray.parent().expect("a folder")).expect("a folder");
    std::fs::write(&stray, b"a file of the database being replaced").expect("written");
    grants(&restored_config, &["restore", "--force", path])
        .await
        .expect("replaced by force");
    assert!(!stray.exists(), "the replaced database's file is gone");
    grants(&restored_config, &["audit", "verify"])
        .await
        .expect("the restored audit trail verifies");

    // A server on the copy finds everything committed before the backup
    // began (the tokens too: the same people are signed in).
    let copy = TestApp::spawn_on(restored, |_| {}).await;
    assert_eq!(
        copy.get(&ledger_path, Some(&finance)).await.body,
        ledger.body,
        "every grant, tranche and payment"
    );
    for write in &before {
        let found = copy
            .get(&format!("/proposals/{}", write.proposal), Some(&applicant))
            .await;
        found.expect(200);
        assert!(
            found.body["revision"].as_i64() >= Some(write.revision),
            "{write:?}: {}",
            found.body
        );
        if write.state == "submitted" {
            assert_eq!(found.body["state"], "submitted", "{write:?}");
        }
        if let Some((id, bytes)) = &write.attachment {
            let (status, _, content) = copy
                .download(&format!("/attachments/{id}/content"), Some(&applicant))
                .await;
            assert_eq!(status, 200, "{write:?}");
            assert_eq!(&content, bytes, "{write:?}");
        }
    }
    eprintln!(
        "{} writes confirmed before the backup, {during} while it was taken",
        before.len()
    );
    copy.finish().await;
    Arc::into_inner(app)
        .expect("the writers are done")
        .finish()
        .await;
}
