//! What the server logs: requests and outcomes, never a password, a token
//! or an email link's secret, even at debug level.
//!
//! A test binary of its own: it captures logs with a subscriber for its
//! thread, which must not meet the global subscriber other tests install.

use std::io::Write;
use std::sync::{Arc, Mutex};

use grants_tests::{ADMIN_PASSWORD, Backend, TestApp};
use reqwest::Method;
use serde_json::json;

/// Log lines, shared between the subscriber and the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

// One thread, so the server's tasks log through this test's subscriber.
#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_the_logs_sqlite() {
    no_secret_reaches_the_logs(Backend::Sqlite).await;
}

#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_the_logs_postgres() {
    if Backend::Postgres.available() {
        no_secret_reaches_the_logs(Backend::Postgres).await;
    }
}

async fn no_secret_reaches_the_logs(backend: Backend) {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn(backend).await;
    let password = "a very particular passphrase";
    app.post(
        "/users/register",
        None,
        &json!({ "email": "lea@tests.example", "name": "Lea", "password": password, "country": "SI", "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION }),
    )
    .await
    .expect(201);
    let token = app.login("lea@tests.example", password).await;
    app.get("/me", Some(&token)).await.expect(200);
    app.login_reply("lea@tests.example", "a wrong password")
        .await
        .expect_problem(401);
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": "lea@tests.example" }),
    )
    .await
    .expect(202);
    app.post(
        "/auth/verify-email",
        None,
        &json!({ "token": "iat_not-a-real-one" }),
    )
    .await;
    app.request(Method::DELETE, "/auth/token", Some(&token), None)
        .await
        .expect(204);
    // Pages too: signing in by the form.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    grants_tests::sign_in_by_form(&client, &app.base, "lea@tests.example", password).await;
    // Email links carry their secret in the address; the address is logged without it.
    for page in ["/app/verify-email", "/app/reset-password"] {
        client
            .get(format!("{}{page}?token=iat_secret-from-an-email", app.base))
            .send()
            .await
            .expect("answers");
    }
    app.finish().await;

    let logs = String::from_utf8(captured.0.lock().map(|b| b.clone()).unwrap_or_default())
        .expect("UTF-8 logs");
    assert!(
        logs.contains("logged in"),
        "the logs are captured: {}",
        logs.len()
    );
    for secret in [
        password,
        "a wrong password",
        ADMIN_PASSWORD,
        &token,
        "iat_",
        "Bearer ",
    ] {
        assert!(!logs.contains(secret), "the logs contain '{secret}'");
    }
}
