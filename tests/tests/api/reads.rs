//! Reads of what is sensitive, seen by administrators: a downloaded file,
//! a proposal's reviews read by the chair, the ledger exported by finance;
//! the same read again within minutes is one, later it is another; only
//! administrators see them.

use grants_server::Application;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD, DEMO_REVIEW_PROGRAMME};
use grants_tests::fixtures::demo_programme_id;
use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::Value;

on_both_databases!(administrators_see_who_read_files_reviews_and_exports);

/// Every read recorded, as the administrator lists them.
async fn reads(app: &TestApp, admin: &str, query: &str) -> Vec<Value> {
    let listed = app
        .get(&format!("/sensitive-reads{query}"), Some(admin))
        .await;
    listed.expect(200);
    listed.body["items"].as_array().expect("items").clone()
}

fn of<'a>(all: &'a [Value], action: &str) -> Vec<&'a Value> {
    all.iter().filter(|r| r["action"] == action).collect()
}

async fn administrators_see_who_read_files_reviews_and_exports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let seeder = Application::build(&app.config, true).await.expect("builds");
    demo::seed(seeder.app()).await.expect("seeds");
    drop(seeder);
    let admin = app.admin_token().await;
    assert!(reads(&app, &admin, "").await.is_empty(), "nothing read yet");

    // A file, downloaded twice in a row, then again a quarter of an hour later.
    let (applicant_id, applicant, attachment) = app
        .draft_with_file("READS", "reader@tests.example", "budget.pdf")
        .await;
    let content = format!("/attachments/{attachment}/content");
    for _ in 0..2 {
        assert_eq!(app.download(&content, Some(&applicant)).await.0, 200);
    }

    // The chair reads a proposal's reviews; finance exports a ledger.
    let chair = app
        .login("chair@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let round = demo_programme_id(&app, DEMO_REVIEW_PROGRAMME).await;
    let ranking = app
        .get(&format!("/programmes/{round}/ranking"), Some(&chair))
        .await;
    let reviewed = ranking.body["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["reviews"].as_u64() > Some(0))
        .expect("a reviewed proposal")["proposal"]
        .as_str()
        .expect("its id")
        .to_owned();
    let reviews = app
        .get(&format!("/proposals/{reviewed}/reviews"), Some(&chair))
        .await;
    reviews.expect(200);
    let finance = app
        .login("finance@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let decided = demo_programme_id(&app, DEMO_DECIDED_PROGRAMME).await;
    let (status, _) = app
        .get_text(&format!("/programmes/{decided}/ledger.csv"), &finance)
        .await;
    assert_eq!(status, 200);

    let all = reads(&app, &admin, "").await;
    let downloads = of(&all, "attachment.downloaded");
    assert_eq!(
        downloads.len(),
        1,
        "two downloads in a row are one: {all:?}"
    );
    assert_eq!(downloads[0]["actor_id"], applicant_id.as_str());
    assert_eq!(downloads[0]["actor_email"], "reader@tests.example");
    assert_eq!(downloads[0]["subject_id"], attachment.as_str());
    assert_eq!(downloads[0]["subject_name"], "budget.pdf");
    let read = of(&all, "reviews.read");
    assert_eq!(read.len(), 1, "{all:?}");
    assert_eq!(read[0]["subject_type"], "proposal");
    assert_eq!(read[0]["subject_id"], reviewed.as_str());
    let exported = of(&all, "ledger.exported");
    assert_eq!(exported.len(), 1, "{all:?}");
    assert_eq!(exported[0]["subject_id"], decided.as_str());
    assert_eq!(exported[0]["subject_name"], DEMO_DECIDED_PROGRAMME);

    app.clock.advance(chrono::Duration::minutes(15));
    assert_eq!(app.download(&content, Some(&applicant)).await.0, 200);
    let mine = reads(&app, &admin, &format!("?actor_id={applicant_id}")).await;
    assert_eq!(mine.len(), 2, "a later download is another read: {mine:?}");
    assert!(mine.iter().all(|r| r["actor_id"] == applicant_id.as_str()));

    for other in [&applicant, &chair, &finance] {
        app.get("/sensitive-reads", Some(other))
            .await
            .expect_problem(403);
    }
    app.finish().await;
}
