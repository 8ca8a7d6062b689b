//! Partner libraries on the proposal form: the applicant names one in the
//! form's partner rows, sees it on her proposal, and a row without a
//! library is refused beside the row, with what was typed kept.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};

on_both_databases!(the_applicant_names_a_partner_library_in_the_form);

async fn the_applicant_names_a_partner_library_in_the_form(backend: Backend) {
    let w = TestApp::init(backend).with_draft("MK").await;
    let proposal = w.proposal_id().to_owned();
    let browser = Browser::start(&w.app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    let edit = format!("/app/proposals/{proposal}/edit");
    browser.open(&edit).await;
    assert!(
        browser
            .text("#partners-hint")
            .await
            .contains("ambassadors of their countries")
    );
    browser
        .assert_accessible("the proposal form with partner rows")
        .await;

    // A row with a country and a contact but no library is refused beside it.
    browser
        .find("#partner-country-0")
        .await
        .select_by_value("AL")
        .await
        .expect("chosen");
    browser
        .fill("#partner-contact-0", "arta@library.example")
        .await;
    browser
        .click_and_load("form.draft button[type=submit]")
        .await;
    assert!(
        browser
            .text("#error-partner-0")
            .await
            .contains("Fill this in")
    );
    assert_eq!(
        browser.value("#partner-contact-0").await,
        "arta@library.example"
    );

    browser
        .fill("#partner-organisation-0", "Public Library Shkodër")
        .await;
    browser
        .click_and_load("form.draft button[type=submit]")
        .await;
    assert!(browser.absent("#error-partner-0").await);
    browser.open(&format!("/app/proposals/{proposal}")).await;
    let partners = browser.text("#partners").await;
    assert!(
        partners.contains("Public Library Shkodër")
            && partners.contains("Albania")
            && partners.contains("arta@library.example"),
        "{partners}"
    );
    browser.close().await;
    w.finish().await;
}
