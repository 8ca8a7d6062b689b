//! Emailed account links, delivered through a real SMTP server.

use std::time::Duration;

use grants_tests::smtp::{ReceivedMail, SmtpServer};
use grants_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(
    a_new_applicant_confirms_their_address_by_the_emailed_link,
    a_forgotten_password_is_reset_by_the_emailed_link,
    an_expired_reset_link_is_refused,
);

fn smtp(port: u16, reset_ttl: u64) -> impl FnOnce(&mut grants_server::Config) {
    move |config| {
        config.mail.transport = grants_server::config::MailTransport::Smtp;
        config.mail.smtp.host = "127.0.0.1".into();
        config.mail.smtp.port = port;
        config.auth.reset_token_ttl_seconds = reset_ttl;
    }
}

/// The token of the link in a mail's plain-text body.
fn token(mail: &ReceivedMail) -> String {
    let start = mail.text.find("token=").expect("a link with a token") + "token=".len();
    mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

async fn a_new_applicant_confirms_their_address_by_the_emailed_link(backend: Backend) {
    let server = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp(server.port, 3600)).await;
    app.post(
        "/users/register",
        None,
        &json!({ "email": "Ana@Tests.example", "name": "Ана", "password": "a long enough password", "country": "MK", "locale": "mk", "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION }),
    )
    .await
    .expect(201);
    let mails = server.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "Ana@Tests.example");
    assert_eq!(mails[0].language, "mk");
    let link = token(&mails[0]);
    assert!(link.starts_with("iat_"), "{}", mails[0].text);

    let me = app
        .login("ana@tests.example", "a long enough password")
        .await;
    assert_eq!(
        app.get("/me", Some(&me)).await.body["email_verified"],
        false
    );
    app.post(
        "/auth/verify-email",
        None,
        &json!({ "token": "iat_made-up" }),
    )
    .await
    .expect_problem(422);
    app.post("/auth/verify-email", None, &json!({ "token": link }))
        .await
        .expect(204);
    assert_eq!(app.get("/me", Some(&me)).await.body["email_verified"], true);
    let again = app
        .post("/auth/verify-email", None, &json!({ "token": link }))
        .await;
    again.expect_problem(422);
    assert_eq!(again.error_fields(), ["token"]);
    app.finish().await;
}

async fn a_forgotten_password_is_reset_by_the_emailed_link(backend: Backend) {
    let server = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp(server.port, 3600)).await;
    let session = app.admin_token().await;
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": "nobody@tests.example" }),
    )
    .await
    .expect(202);
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": "not an address" }),
    )
    .await
    .expect_problem(422);
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": ADMIN_EMAIL.to_uppercase() }),
    )
    .await
    .expect(202);
    // Asking again at once mails nothing more.
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": ADMIN_EMAIL }),
    )
    .await
    .expect(202);
    let mails = server.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        server.messages().len(),
        1,
        "one mail, to the one account: {mails:#?}"
    );
    assert_eq!(mails[0].to, ADMIN_EMAIL);
    assert_eq!(mails[0].subject, "Reset your password");
    let link = token(&mails[0]);

    let short = app
        .post(
            "/auth/password-reset/confirm",
            None,
            &json!({ "token": link, "password": "short" }),
        )
        .await;
    short.expect_problem(422);
    assert_eq!(short.error_fields(), ["password"]);
    app.post(
        "/auth/password-reset/confirm",
        None,
        &json!({ "token": link, "password": "a brand new passphrase" }),
    )
    .await
    .expect(204);
    app.get("/me", Some(&session)).await.expect_problem(401);
    app.login_reply(ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .expect_problem(401);
    app.login(ADMIN_EMAIL, "a brand new passphrase").await;
    app.post(
        "/auth/password-reset/confirm",
        None,
        &json!({ "token": link, "password": "yet another passphrase" }),
    )
    .await
    .expect_problem(422);
    app.finish().await;
}

async fn an_expired_reset_link_is_refused(backend: Backend) {
    let server = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp(server.port, 1)).await;
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": ADMIN_EMAIL }),
    )
    .await
    .expect(202);
    let mails = server.wait_for(1).await;
    let link = token(&mails[0]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    app.post(
        "/auth/password-reset/confirm",
        None,
        &json!({ "token": link, "password": "a brand new passphrase" }),
    )
    .await
    .expect_problem(422);
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.finish().await;
}
