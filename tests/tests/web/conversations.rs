//! A conversation in a browser: the ambassador of the proposal's area asks
//! the applicant for a letter from the proposal's page; the applicant finds
//! it unread on her home page, in Macedonian, answers quoting the question
//! and mentioning the ambassador, and attaches the letter; the ambassador
//! finds the answer unread on the proposal's page and in the list of
//! proposals, and the letter in the conversation.
//! Every page passes axe.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};

use super::helpers::reviewed;

on_both_databases!(an_ambassador_asks_and_the_applicant_answers_in_macedonian);

const AMBASSADOR: &str = "amb.mk@tests.example";
const APPLICANT: &str = "ana@tests.example";

async fn an_ambassador_asks_and_the_applicant_answers_in_macedonian(backend: Backend) {
    let w = reviewed(
        TestApp::init(backend)
            .with_user(AMBASSADOR, &["ambassador:MK"])
            .with_applicant_speaking("mk"),
        "TALK",
    )
    .await;
    let proposal = w.proposal_id().to_owned();
    let ambassador_id = w.user_id(AMBASSADOR).to_owned();
    let browser = Browser::start(&w.app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(AMBASSADOR, ADMIN_PASSWORD).await;

    // The ambassador starts a conversation with the applicant from the proposal.
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert!(
        browser
            .text("#conversations")
            .await
            .contains("No conversations")
    );
    browser.click_and_load("#start-conversation").await;
    assert!(
        browser
            .text("label[for=audience-staff] + p, #who-staff")
            .await
            .contains("the applicant and the jury do not")
    );
    browser
        .assert_accessible("the form that starts a conversation")
        .await;
    browser.click("#audience-applicants").await;
    browser.fill("#topic", "Letter of support").await;
    browser
        .fill(
            "#body",
            "Please attach the municipality's letter of support.",
        )
        .await;
    browser.click_and_load("#start-thread").await;
    assert!(browser.path().await.starts_with("/app/threads/"));
    assert_eq!(browser.text("#thread-topic").await, "Letter of support");
    assert!(
        browser
            .text("#thread-audience")
            .await
            .contains("Applicant and programme staff")
    );
    assert!(
        browser
            .text("#messages")
            .await
            .contains("Please attach the municipality's letter of support.")
    );
    browser.assert_accessible("a conversation").await;

    // The applicant finds it unread on her home page, in Macedonian.
    browser.sign_out_and_in(APPLICANT).await;
    browser.open("/app").await;
    let unread = browser.text("#unread").await;
    assert!(
        unread.contains("1 непрочитана порака") && unread.contains("Letter of support"),
        "{unread}"
    );
    browser.click_and_load("#unread a").await;
    assert!(
        browser
            .text("#thread-audience")
            .await
            .contains("Апликант и персонал на програмата")
    );
    // She answers the question, quoting it and mentioning the ambassador.
    browser.click_and_load(".reply-link").await;
    assert!(browser.text("#replying").await.contains("municipality"));
    browser
        .fill("#body", "Писмото од општината е прикачено.")
        .await;
    browser.click(&format!("#mention-{ambassador_id}")).await;
    browser.click_and_load("#send").await;
    let messages = browser.text("#messages").await;
    assert!(
        messages.contains("Писмото од општината е прикачено."),
        "{messages}"
    );
    assert!(messages.contains("напиша"), "the quote: {messages}");
    assert!(messages.contains("Ги спомнува"), "the mention: {messages}");
    browser
        .assert_accessible("a conversation in Macedonian")
        .await;
    // She attaches the letter to the conversation.
    let folder = tempfile::tempdir().expect("a folder");
    let letter = folder.path().join("pismo.txt");
    std::fs::write(&letter, "Писмо за поддршка од општина Куманово.").expect("written");
    let here = browser.path().await;
    browser
        .find("#attachment-file")
        .await
        .send_keys(&letter.display().to_string())
        .await
        .expect("chosen");
    browser.click_and_load("#attach").await;
    assert_eq!(browser.path().await, here);
    assert!(
        browser
            .text("#attachments .attachments")
            .await
            .contains("pismo.txt")
    );
    // Read: nothing unread on her home any more.
    browser.open("/app").await;
    assert!(browser.absent("#unread").await);

    // The ambassador sees the answer unread on the proposal's page.
    browser.sign_out_and_in(AMBASSADOR).await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert!(
        browser
            .text("#conversations .badge")
            .await
            .contains("1 unread")
    );
    browser.open("/app/proposals").await;
    assert!(browser.text("[data-unread]").await.contains("1 unread"));
    browser.open(&format!("/app/proposals/{proposal}")).await;
    browser.click_and_load("#conversations .thread-topic").await;
    assert!(browser.text("#attachments").await.contains("pismo.txt"));
    assert!(
        browser
            .text("#messages")
            .await
            .contains("Писмото од општината")
    );
    browser.close().await;
    w.finish().await;
}
