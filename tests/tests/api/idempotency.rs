//! `Idempotency-Key`: a retried POST gets the first response and acts once.

use std::time::Duration;

use grants_tests::{Backend, Reply, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    a_retry_with_the_same_key_gets_the_first_answer_and_acts_once,
    keys_are_per_person_and_expire,
);

async fn submit(app: &TestApp, token: &str, id: &str, key: &str, body: &Value) -> Reply {
    app.request_with(
        Method::POST,
        &format!("/proposals/{id}/transitions/submit"),
        Some(token),
        Some(body),
        &[("idempotency-key", key), ("if-match", "\"1\"")],
    )
    .await
}

async fn submissions(app: &TestApp, token: &str, id: &str) -> usize {
    app.get(&format!("/proposals/{id}/history"), Some(token))
        .await
        .body
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["details"]["transition"] == "submit")
        .count()
}

async fn a_retry_with_the_same_key_gets_the_first_answer_and_acts_once(backend: Backend) {
    let w = TestApp::init(backend)
        .with_open_programme("IDEM")
        .with_draft("MK")
        .await;
    let (app, applicant, id) = (&w.app, &w.applicant, w.proposal_id());
    let first = submit(app, applicant, id, "submit-7f3a", &json!({})).await;
    first.expect(200);
    assert_eq!(first.header("idempotent-replayed"), None);
    let retry = submit(app, applicant, id, "submit-7f3a", &json!({})).await;
    retry.expect(200);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.header("etag"), first.header("etag"));
    assert_eq!(submissions(app, applicant, id).await, 1);
    // Without the key, the same retry is a stale revision.
    app.transition(applicant, id, "submit", 1, &json!({}))
        .await
        .expect_problem(409);
    // The same key for another request is refused, and nothing happens.
    let other = submit(
        app,
        applicant,
        id,
        "submit-7f3a",
        &json!({ "comment": "different" }),
    )
    .await;
    other.expect_problem(422);
    assert_eq!(other.error_fields(), ["Idempotency-Key"]);
    for bad in ["", &"k".repeat(300)] {
        submit(app, applicant, id, bad, &json!({}))
            .await
            .expect_problem(400);
    }
    assert_eq!(submissions(app, applicant, id).await, 1);
    w.finish().await;
}

async fn keys_are_per_person_and_expire(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.server.idempotency_key_ttl_seconds = 1;
    })
    .await;
    let w = app
        .seed()
        .with_open_programme("IDEM")
        .with_draft("MK")
        .await;
    let (app, applicant, id) = (&w.app, &w.applicant, w.proposal_id());
    submit(app, applicant, id, "k1", &json!({}))
        .await
        .expect(200);
    // Someone else's key of the same name is theirs: it does not replay ours.
    let (_, other) = app
        .user_with_roles("bo@tests.example", &["applicant"])
        .await;
    let theirs = submit(app, &other, id, "k1", &json!({})).await;
    theirs.expect_problem(404);
    assert_eq!(theirs.header("idempotent-replayed"), None);
    // Once the key expired, the retry acts again, and finds the proposal submitted.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let late = submit(app, applicant, id, "k1", &json!({})).await;
    late.expect_problem(409);
    assert_eq!(late.header("idempotent-replayed"), None);
    assert_eq!(submissions(app, applicant, id).await, 1);
    w.finish().await;
}
