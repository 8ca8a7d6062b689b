//! The reviewer's pages: their assignments, and nothing they are
//! conflicted on.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, on_both_databases};
use serde_json::json;

use super::helpers::{add_reviewer, eligible};

on_both_databases!(a_reviewer_finds_their_assignments_and_nothing_they_are_conflicted_on);

async fn a_reviewer_finds_their_assignments_and_nothing_they_are_conflicted_on(backend: Backend) {
    let (w, complete) = eligible(backend).await;
    let (app, programme_id) = (&w.app, &w.programme_id);
    let mut reviewers = Vec::new();
    for (email, country) in [("rs@tests.example", "RS"), ("mk@tests.example", "MK")] {
        reviewers.push(add_reviewer(&w, email, country).await.0);
    }
    let chair = app
        .user_with_roles("chair@tests.example", &["jury_chair"])
        .await
        .1;
    app.post(
        &format!("/programmes/{programme_id}/assignments"),
        Some(&chair),
        &json!({ "proposal_id": complete, "reviewer_id": reviewers[0] }),
    )
    .await
    .expect(201);

    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser.open("/app/assignments").await;
    let table = browser.text("main table").await;
    assert!(
        table.contains("Ready to go") && table.contains("Invited"),
        "{table}"
    );
    browser.click_and_load("main table a").await;
    assert!(browser.path().await.starts_with("/app/assignments/"));
    // She scores what she reads beside the score sheet: every answer and
    // every budget line of the proposal, with the total.
    let sent = grants_tests::complete_proposal_json(programme_id, "MK");
    let read = browser.text("#proposal-read").await;
    for field in [
        "summary",
        "problem",
        "proposed_service",
        "target_group",
        "planned_activities",
    ] {
        let answer = sent[field].as_str().expect("a text answer");
        assert!(
            read.contains(answer),
            "the scoring page lacks {field}: {read}"
        );
    }
    let budget = browser.text("table.budget-read").await;
    for part in [
        "3D printer",
        "€1,500.00",
        "Materials",
        "€500.00",
        "Total",
        "€2,000.00",
    ] {
        assert!(
            budget.contains(part),
            "the budget lacks '{part}': {budget:?}"
        );
    }
    assert!(read.contains("North Macedonia"), "{read}");
    let sheet = browser.find("form.review select").await;
    assert!(sheet.is_displayed().await.expect("shown or not"));
    browser.click_and_load(".proposal-title a").await;
    assert_eq!(browser.path().await, format!("/app/proposals/{complete}"));
    assert_eq!(browser.text(".proposal-title").await, "Ready to go");
    browser.click_and_load("form.logout button").await;

    // The Macedonian reviewer is conflicted (same country): no such page for them.
    browser.sign_in("mk@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/proposals/{complete}")).await;
    assert!(browser.text(".error").await.contains("does not exist"));
    browser.open("/app/assignments").await;
    assert!(browser.text("main").await.contains("no review assignments"));
    browser.close().await;
    w.finish().await;
}
