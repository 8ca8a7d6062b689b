//! A team in a browser: the lead applicant invites a colleague as an
//! editor from the team's page; the colleague, who has no account, opens
//! the emailed link, registers through it in Macedonian, signs in, accepts,
//! and edits a section of the draft; once it is submitted, she answers the
//! ambassador's question in Macedonian. Every page passes axe.

use grants_tests::browser::Browser;
use grants_tests::smtp::SmtpServer;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(an_invitee_registers_accepts_edits_and_answers_in_macedonian);

const AMBASSADOR: &str = "amb.mk@tests.example";
const LEAD: &str = "ana@tests.example";
const INVITEE: &str = "marija@tests.example";
const PASSWORD: &str = "a long enough password";

async fn an_invitee_registers_accepts_edits_and_answers_in_macedonian(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp.config()).await;
    let w = app
        .seed()
        .with_user(AMBASSADOR, &["ambassador:MK"])
        .with_draft("MK")
        .await;
    let proposal = w.proposal_id().to_owned();
    let browser = Browser::start(&w.app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(LEAD, ADMIN_PASSWORD).await;

    // The lead opens her team from the proposal and invites a colleague.
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert!(browser.text("#team").await.contains("Lead applicant"));
    browser.click_and_load("#team-link").await;
    browser
        .assert_accessible("the team's page of its lead")
        .await;
    browser.fill("#invite-email", INVITEE).await;
    browser
        .find("#invite-language")
        .await
        .select_by_value("mk")
        .await
        .expect("chosen");
    browser.click_and_load("#send-invitation").await;
    assert!(browser.text("#team-notice").await.contains(INVITEE));
    assert!(browser.text("#invitations").await.contains(INVITEE));

    // The colleague opens the link signed out, in Macedonian.
    let link = super::helpers::link_in_mail(&smtp, INVITEE, "/app/invitations/").await;
    browser.to_login().await;
    browser
        .find("#language")
        .await
        .select_by_value("mk")
        .await
        .expect("selected");
    browser.click_and_load("form.language button").await;
    browser.open(&link).await;
    let offer = browser.text("#invitation-offer").await;
    assert!(
        offer.contains("Test Person") && offer.contains("уредување"),
        "{offer}"
    );
    browser
        .assert_accessible("an invitation, signed out, in Macedonian")
        .await;
    // She has no account: she registers through the link, her address filled in.
    browser.click_and_load("#invitation-register").await;
    assert_eq!(browser.value("#email").await, INVITEE);
    browser.fill("#name", "Марија Стојанова").await;
    browser.fill("#password", PASSWORD).await;
    browser
        .find("#country")
        .await
        .select_by_value("MK")
        .await
        .expect("chosen");
    browser.click("#accepted_privacy_notice").await;
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    browser.click_and_load("#registered-sign-in").await;
    browser.sign_in(INVITEE, PASSWORD).await;
    // Signed in, she is back on the invitation, and accepts it.
    assert!(browser.path().await.starts_with("/app/invitations/"));
    browser.click_and_load("#accept-invitation").await;
    assert_eq!(browser.path().await, format!("/app/proposals/{proposal}"));
    let team = browser.text("#team").await;
    assert!(team.contains("Марија Стојанова"), "{team}");
    browser
        .assert_accessible("the proposal, for a new editor, in Macedonian")
        .await;

    // She edits a section of the draft.
    browser.click_and_load("#edit").await;
    browser
        .fill("#summary", "Читалница и кафе за сите генерации.")
        .await;
    browser
        .click_and_load("form.draft button[type=submit]")
        .await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Читалница и кафе за сите генерации.")
    );

    // The lead submits; the area's ambassador asks the applicants a question.
    w.take(&w.applicant, &proposal, "submit", json!({}))
        .await
        .expect(200);
    let asked = w
        .app
        .post(
            &format!("/proposals/{proposal}/threads"),
            Some(w.token(AMBASSADOR)),
            &json!({ "audience": "applicants", "topic": "Работно време", "body": "До кога ќе работи кафето?" }),
        )
        .await;
    asked.expect(201);
    let thread = asked.id();

    // She finds the question on her home page and answers it in Macedonian.
    browser.open("/app").await;
    assert!(browser.text("#unread").await.contains("Работно време"));
    browser.open(&format!("/app/threads/{thread}")).await;
    browser.fill("#body", "До 20 часот, секој ден.").await;
    browser.click_and_load("#send").await;
    assert!(
        browser
            .text("#messages")
            .await
            .contains("До 20 часот, секој ден.")
    );
    browser
        .assert_accessible("a conversation, for a team member, in Macedonian")
        .await;
    // The team's page shows her as an editor, who may leave.
    browser
        .open(&format!("/app/proposals/{proposal}/team"))
        .await;
    assert!(!browser.absent("#leave-team").await);
    assert!(browser.absent("#send-invitation").await);
    browser.close().await;
    w.finish().await;
}
