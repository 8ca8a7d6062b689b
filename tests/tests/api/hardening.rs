//! Input an attacker sends: texts with NUL (which PostgreSQL cannot
//! store), direction overrides and invisible characters, and bodies larger
//! than a route takes, half a filter. Each is a problem naming the field,
//! in JSON, and nothing is stored.

use grants_tests::{Backend, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::json;

on_both_databases!(hidden_characters_and_oversized_bodies_are_refused_and_nothing_is_kept);

async fn hidden_characters_and_oversized_bodies_are_refused_and_nothing_is_kept(backend: Backend) {
    let w = TestApp::init(backend).with_open_programme("HARD").await;
    let (app, applicant) = (&w.app, w.applicant.as_str());
    let draft = |fields: serde_json::Value| {
        let mut body = json!({ "programme_id": w.programme_id });
        if let (Some(body), Some(fields)) = (body.as_object_mut(), fields.as_object()) {
            body.extend(fields.clone());
        }
        body
    };

    // NUL anywhere in a body: a 422 naming the field, before any use case.
    for (fields, field) in [
        (json!({ "title": "a\u{0}b" }), "title"),
        (json!({ "title": "Fine", "summary": "x\u{0}" }), "summary"),
        (
            json!({ "title": "Fine", "budget_lines": [{ "description": "a\u{0}", "amount": { "minor": 100, "currency": "EUR" } }] }),
            "budget_lines[0].description",
        ),
    ] {
        let refused = app
            .post("/proposals", Some(applicant), &draft(fields))
            .await;
        refused.expect_problem(422);
        assert_eq!(refused.error_fields(), [field], "{}", refused.body);
        assert_eq!(refused.body["errors"][0]["code"], "invalid_characters");
    }
    // A title that reverses what follows it, or hides a character.
    for title in ["Reading \u{202E}gnidaer", "Zero\u{200B}width", "Two\nlines"] {
        let refused = app
            .post(
                "/proposals",
                Some(applicant),
                &draft(json!({ "title": title })),
            )
            .await;
        refused.expect_problem(422);
        assert_eq!(refused.error_fields(), ["title"], "{}", refused.body);
    }
    // The same, said in the reader's language.
    let macedonian = app
        .request_with(
            Method::POST,
            "/proposals",
            Some(applicant),
            Some(&draft(json!({ "title": "a\u{0}b" }))),
            &[("accept-language", "mk")],
        )
        .await;
    let said = macedonian.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(said.contains("знак"), "{said}");
    let mine = app.get("/proposals", Some(applicant)).await;
    assert_eq!(mine.body["items"], json!([]), "nothing was kept");

    // A body over the limit: a problem, not plain text.
    let huge = draft(json!({ "summary": "x".repeat(3 * 1024 * 1024) }));
    let refused = app.post("/proposals", Some(applicant), &huge).await;
    assert_eq!(refused.status.as_u16(), 413, "{}", refused.body);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(refused.body["code"], "body-too-large");

    // Half an object's name narrows nothing: the trail says what is missing
    // instead of answering all of it.
    let admin = app.admin_token().await;
    for (query, missing) in [
        ("subject_type=programme", "subject_id"),
        (
            "subject_id=01a24e5b-b55a-734b-9dd9-1e95dc6633ce",
            "subject_type",
        ),
    ] {
        let half = app
            .get(&format!("/audit-events?{query}"), Some(&admin))
            .await;
        half.expect_problem(422);
        assert_eq!(half.error_fields(), [missing], "{}", half.body);
    }

    // A page's form with NUL is refused the same way, nothing registered.
    let client = reqwest::Client::new();
    let page = client
        .post(format!("{}/app/register", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("name=Mal%00lory&email=mallory%40tests.example&password=a+long+enough+password&country=MK")
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status().as_u16(), 422);
    assert!(page.text().await.unwrap_or_default().contains("<html"));
    let login = app
        .login_reply("mallory@tests.example", "a long enough password")
        .await;
    assert_eq!(login.status.as_u16(), 401);
    w.finish().await;
}
