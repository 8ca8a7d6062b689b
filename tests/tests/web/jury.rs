//! The jury pages: the chair reads the jury, edits a reviewer's profile
//! (a refused edit comes back with the problems beside the fields) and adds
//! a reviewer; a programme manager lifts a conflict of interest with a
//! reason; people who do not run the jury get the API's refusal.

use fantoccini::Locator;
use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

use super::helpers::add_reviewer;

on_both_databases!(the_chair_edits_the_jury_and_a_manager_lifts_a_conflict);

async fn the_chair_edits_the_jury_and_a_manager_lifts_a_conflict(backend: Backend) {
    let w = TestApp::init(backend)
        .with_open_programme("JURY")
        .with_draft("MK")
        .await;
    let (app, manager, applicant) = (&w.app, &w.manager, &w.applicant);
    let (programme_id, proposal_id) = (&w.programme_id, w.proposal_id());
    app.take_steps(
        proposal_id,
        1,
        &[
            (applicant, "submit"),
            (manager, "start_screening"),
            (manager, "mark_eligible"),
        ],
    )
    .await;
    // Two reviewers on the jury; the Macedonian one is conflicted (same country).
    let mut jury = Vec::new();
    for (email, country) in [("rs@tests.example", "RS"), ("mk@tests.example", "MK")] {
        jury.push(add_reviewer(&w, email, country).await);
    }
    let (rs, rs_token) = jury[0].clone();
    let (mk, mk_token) = jury[1].clone();
    let (hr, _) = app.user_with_roles("hr@tests.example", &["reviewer"]).await;
    let (_, chair) = app
        .user_with_roles("chair@tests.example", &["jury_chair"])
        .await;
    let jury_page = format!("/app/programmes/{programme_id}/jury");

    // The chair reaches the jury from the home page: two reviewers.
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("chair@tests.example", ADMIN_PASSWORD).await;
    browser
        .click_and_load(&format!("a[href='{jury_page}']"))
        .await;
    assert_eq!(browser.path().await, jury_page);
    let cards = browser
        .client
        .find_all(Locator::Css(".juror"))
        .await
        .expect("the reviewers");
    assert_eq!(cards.len(), 2);
    assert_eq!(
        browser
            .text(&format!("#reviewer-{mk} .juror-country"))
            .await,
        "MK"
    );

    // The chair edits the Serbian reviewer's expertise and languages.
    browser
        .click_and_load(&format!("a[data-edit='{rs}']"))
        .await;
    browser
        .retype("#expertise", "Makerspace, digital literacy")
        .await;
    browser.click("#language-sr").await;
    browser.click_and_load("#save-profile").await;
    assert_eq!(browser.path().await, format!("{jury_page}?saved={rs}"));
    assert!(
        browser
            .text(&format!("#reviewer-{rs} .notice"))
            .await
            .contains("saved")
    );
    assert_eq!(
        browser
            .text(&format!("#reviewer-{rs} .juror-expertise"))
            .await,
        "makerspace, digital literacy"
    );
    let saved = app
        .get(
            &format!("/programmes/{programme_id}/reviewers/{rs}"),
            Some(&chair),
        )
        .await;
    saved.expect(200);
    assert_eq!(
        saved.body["expertise"],
        json!(["makerspace", "digital literacy"])
    );
    assert_eq!(saved.body["languages"], json!(["mk", "sr"]));
    assert_eq!(saved.body["max_load"], 8);

    // Bad values come back beside their fields, as typed; nothing is saved.
    browser
        .click_and_load(&format!("a[data-edit='{rs}']"))
        .await;
    browser.retype("#max_load", "99").await;
    browser.retype("#country", "Serbia").await;
    browser.click_and_load("#save-profile").await;
    assert_eq!(
        browser.path().await,
        format!("{jury_page}/{rs}"),
        "the form comes back"
    );
    let max_load = browser.text("#error-max_load").await;
    assert!(max_load.contains('8'), "{max_load}");
    assert!(
        browser
            .text("#error-country")
            .await
            .contains("country code")
    );
    assert_eq!(browser.value("#max_load").await, "99");
    assert_eq!(browser.value("#country").await, "Serbia");
    assert_eq!(
        browser.value("#expertise").await,
        "makerspace, digital literacy"
    );
    assert_eq!(
        browser
            .find("#max_load")
            .await
            .attr("aria-invalid")
            .await
            .expect("an attribute")
            .as_deref(),
        Some("true")
    );
    let unchanged = app
        .get(
            &format!("/programmes/{programme_id}/reviewers/{rs}"),
            Some(&chair),
        )
        .await;
    assert_eq!(unchanged.body["max_load"], 8);
    assert_eq!(unchanged.body["country"], "RS");

    // Adding a reviewer: an address of no reviewer is refused beside the
    // field; a reviewer's address opens their new profile.
    browser.click_and_load("#back-to-jury").await;
    browser.fill("#add-email", "ana@tests.example").await;
    browser.click_and_load("#add").await;
    assert!(browser.text("#error-email").await.contains("reviewer role"));
    assert_eq!(browser.value("#add-email").await, "ana@tests.example");
    browser.retype("#add-email", "HR@tests.example").await;
    browser.click_and_load("#add").await;
    assert_eq!(browser.path().await, format!("{jury_page}/{hr}"));
    let reviewers = app
        .get(
            &format!("/programmes/{programme_id}/reviewers"),
            Some(&chair),
        )
        .await;
    reviewers.expect(200);
    assert_eq!(reviewers.body.as_array().map(Vec::len), Some(3));

    // The chair sees the proposal's conflicts, but lifting is the managers'.
    let conflicts_page = format!("/app/proposals/{proposal_id}/conflicts");
    browser.open(&format!("/app/proposals/{proposal_id}")).await;
    browser.click_and_load("#conflicts-link").await;
    assert_eq!(browser.path().await, conflicts_page);
    assert!(
        browser
            .text(&format!("#conflicts-{mk} .in-force"))
            .await
            .contains("Same country")
    );
    assert!(
        browser
            .client
            .find(Locator::Css("button[data-lift]"))
            .await
            .is_err(),
        "the chair may not lift conflicts"
    );
    assert_eq!(
        app.get(&format!("/proposals/{proposal_id}"), Some(&mk_token))
            .await
            .status,
        404,
        "the conflicted reviewer does not see the proposal"
    );

    // The manager lifts it with a reason.
    browser.sign_out_and_in("manager@tests.example").await;
    browser.open(&conflicts_page).await;
    let key = format!("{mk}-same_country");
    browser
        .fill(
            &format!("#reason-{key}"),
            "Works for the national library, not the applicant.",
        )
        .await;
    browser
        .click_and_load(&format!("button[data-lift='{key}']"))
        .await;
    assert_eq!(
        browser.path().await,
        format!("{conflicts_page}?done=lifted")
    );
    assert!(browser.text("#done").await.contains("lifted"));
    assert!(
        browser
            .text(&format!("#conflicts-{mk} .recorded"))
            .await
            .contains("Works for the national library")
    );
    let recorded = app
        .get(&format!("/proposals/{proposal_id}/conflicts"), Some(&chair))
        .await;
    recorded.expect(200);
    let pair = recorded
        .body
        .as_array()
        .expect("conflicts")
        .iter()
        .find(|c| c["reviewer_id"] == mk.as_str())
        .expect("the Macedonian reviewer's conflicts")
        .clone();
    assert_eq!(pair["in_force"], json!([]));
    assert_eq!(pair["recorded"][0]["kind"], "same_country");
    assert_eq!(pair["recorded"][0]["lifted"], true);
    assert_eq!(
        pair["recorded"][0]["reason"],
        "Works for the national library, not the applicant."
    );
    assert_eq!(pair["recorded"][0]["recorded_by_name"], "Test Person");
    // Now the reviewer sees the proposal, and can be assigned it.
    app.get(&format!("/proposals/{proposal_id}"), Some(&mk_token))
        .await
        .expect(200);
    app.post(
        &format!("/programmes/{programme_id}/assignments"),
        Some(&chair),
        &json!({ "proposal_id": proposal_id, "reviewer_id": mk }),
    )
    .await
    .expect(201);

    // A reviewer and an applicant get the API's refusal.
    let refusal = app
        .get(
            &format!("/programmes/{programme_id}/reviewers"),
            Some(&rs_token),
        )
        .await;
    refusal.expect(403);
    let detail = refusal.body["detail"]
        .as_str()
        .expect("a detail")
        .to_owned();
    browser.sign_out_and_in("rs@tests.example").await;
    browser.open(&jury_page).await;
    assert_eq!(browser.text("main .error").await, detail);
    browser.sign_out_and_in("ana@tests.example").await;
    browser.open(&jury_page).await;
    assert_eq!(browser.text("main .error").await, detail);
    let refusal = app
        .get(
            &format!("/proposals/{proposal_id}/conflicts"),
            Some(applicant),
        )
        .await;
    refusal.expect(403);
    browser.open(&conflicts_page).await;
    assert_eq!(
        browser.text("main .error").await,
        refusal.body["detail"].as_str().expect("a detail")
    );
    browser.close().await;
    w.finish().await;
}
