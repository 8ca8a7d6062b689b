//! The public showcase in a browser: the grantee agrees on her grant's page
//! to show her project, and a visitor who never signs in finds the open
//! call (its deadline in the programme's time zone) and the project, per
//! country and in Macedonian, on pages that pass axe.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::json;

use super::helpers::reviewed;

on_both_databases!(a_grantee_agrees_and_a_visitor_finds_the_call_and_the_project);

async fn a_grantee_agrees_and_a_visitor_finds_the_call_and_the_project(backend: Backend) {
    let w = reviewed(TestApp::init(backend), "SHOW").await;
    let (app, proposal) = (&w.app, w.proposal_id());
    let programme = app
        .get(&format!("/programmes/{}", w.programme_id), Some(&w.manager))
        .await;
    app.patch(
        &format!("/programmes/{}", w.programme_id),
        &w.manager,
        programme.body["revision"].as_i64(),
        &json!({ "showcase": true }),
    )
    .await
    .expect(200);
    let current = app
        .get(&format!("/proposals/{proposal}"), Some(&w.manager))
        .await;
    let decided = app
        .post(
            &format!("/proposals/{proposal}/decision"),
            Some(&w.manager),
            &json!({ "outcome": "funded", "revision": current.body["revision"] }),
        )
        .await;
    decided.expect(200);
    let grant = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    let revision = app
        .get(&format!("/grants/{grant}"), Some(&w.applicant))
        .await
        .body["revision"]
        .clone();
    app.request_with(
        Method::POST,
        &format!("/grants/{grant}/transitions/accept_agreement"),
        Some(&w.applicant),
        Some(&json!({})),
        &[("if-match", &format!("\"{revision}\""))],
    )
    .await
    .expect(200);

    // The grantee reads what would be public and agrees.
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/grants/{grant}")).await;
    let status = browser.text("#showcase-status").await;
    assert!(status.contains("is not shown"), "{status}");
    let what = browser.text("#showcase-what").await;
    assert!(
        what.contains("title") && what.contains("Never a person's name"),
        "{what}"
    );
    browser
        .assert_accessible("the grant page with the showcase")
        .await;
    browser.click_and_load("#showcase-give").await;
    assert!(
        browser
            .path()
            .await
            .ends_with(&format!("/app/grants/{grant}"))
    );
    assert!(
        browser
            .text("#showcase-status")
            .await
            .contains("is shown on the programme's public showcase")
    );
    assert!(browser.text("#showcase-given").await.contains("Agreed on"));
    assert!(
        browser
            .text("#history")
            .await
            .contains("Agreed to show the project on the public showcase")
    );
    assert!(browser.absent("#showcase-give").await);

    // A visitor, signed out, comes from the sign-in page.
    browser.click_and_load("form.logout button").await;
    browser.open("/app/login").await;
    browser.click_and_load("#to-showcase").await;
    assert_eq!(browser.path().await, "/app/showcase");
    let call = browser.text("#call-SHOW").await;
    assert!(call.contains("Innovation Awards 2027"), "{call}");
    assert!(call.contains("Open for applications"), "{call}");
    assert!(
        browser.text("#closes-SHOW").await.contains("Europe/Skopje"),
        "the deadline in the programme's time zone"
    );
    assert!(
        browser
            .text("#countries-SHOW")
            .await
            .contains("North Macedonia")
    );
    let project = browser.text("#project-0").await;
    assert!(
        project.contains("Maker space for teenagers")
            && project.contains("City Library")
            && project.contains("A maker space in the children's department."),
        "{project}"
    );
    assert!(!project.contains("ana@tests.example"));
    assert!(
        browser
            .link("#feed-atom")
            .await
            .contains("/showcase/calls.atom?lang=en"),
        "a feed to follow"
    );
    browser.assert_accessible("the public showcase").await;

    // Per country: Albania has none; North Macedonia has hers.
    browser.open("/app/showcase?country=AL").await;
    assert!(
        browser
            .text("#no-projects")
            .await
            .contains("No funded project")
    );
    browser
        .click_and_load("#countries a[href*='country=MK']")
        .await;
    assert!(browser.text("#project-0").await.contains("Maker space"));

    // The programme's own page, in Macedonian, from its address.
    browser.open("/app/showcase/SHOW?lang=mk").await;
    assert_eq!(
        browser.text("#programme-title").await,
        "Награди за иновации 2027"
    );
    assert!(browser.text("#calls-heading").await.contains("Повици"));
    let lang = browser
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("a language");
    assert_eq!(lang, "mk");
    browser
        .assert_accessible("the programme's showcase in Macedonian")
        .await;

    // Withdrawn: gone from the public page at once.
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/grants/{grant}")).await;
    browser.click_and_load("#showcase-withdraw").await;
    assert!(
        browser
            .text("#showcase-status")
            .await
            .contains("is not shown")
    );
    browser.open("/app/showcase/SHOW").await;
    assert!(browser.absent("#project-0").await);
    browser.close().await;
    w.finish().await;
}
