use grants_tests::{ADMIN_EMAIL, Backend, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::json;

on_both_databases!(
    an_applicant_registers_logs_in_and_sees_themself,
    a_wrong_password_and_an_unknown_email_answer_alike,
    repeated_failures_lock_the_address_whether_or_not_it_has_an_account,
    an_expired_token_is_refused,
    logging_out_revokes_the_token,
    requests_without_a_valid_token_are_401,
    registration_with_invalid_fields_names_each_and_writes_nothing,
    an_email_registers_once_ignoring_case,
);

async fn an_applicant_registers_logs_in_and_sees_themself(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .post(
            "/users/register",
            None,
            &json!({
                "email": "Ana.Petrovska@Library.MK",
                "name": "Ана Петровска",
                "password": "a long enough password",
                "locale": "mk",
                "country": "mk",
                "organisation": "City Library Skopje",
                "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION,
            }),
        )
        .await;
    reply.expect(201);
    let id = reply.id();
    assert_eq!(
        reply.header("location"),
        Some(format!("/users/{id}").as_str())
    );
    assert_eq!(reply.body["roles"], json!([{ "role": "applicant" }]));
    assert_eq!(reply.body["country"], "MK");
    assert!(reply.body.get("password").is_none() && reply.body.get("password_hash").is_none());

    let login = app
        .login_reply("ana.petrovska@library.mk", "a long enough password")
        .await;
    login.expect(201);
    assert_eq!(login.body["token_type"], "Bearer");
    let token = login.body["token"].as_str().expect("token");
    assert!(token.starts_with("iat_"));

    let me = app.get("/me", Some(token)).await;
    me.expect(200);
    assert_eq!(me.body["id"], id.as_str());
    assert_eq!(me.body["email"], "Ana.Petrovska@Library.MK");
    assert_eq!(me.body["name"], "Ана Петровска");
    assert_eq!(me.body["locale"], "mk");
    assert_eq!(me.header("etag"), Some("\"1\""));
    app.finish().await;
}

async fn a_wrong_password_and_an_unknown_email_answer_alike(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let wrong = app
        .login_reply(ADMIN_EMAIL, "not the password at all")
        .await;
    let unknown = app
        .login_reply("nobody@tests.example", "not the password at all")
        .await;
    wrong.expect_problem(401);
    unknown.expect_problem(401);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
    app.finish().await;
}

async fn repeated_failures_lock_the_address_whether_or_not_it_has_an_account(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.auth.max_failed_logins = 3;
        c.auth.lockout_seconds = 600;
    })
    .await;
    let (_, _) = app
        .user_with_roles("other@tests.example", &["finance"])
        .await;
    for email in [ADMIN_EMAIL, "nobody@tests.example"] {
        for _ in 0..3 {
            app.login_reply(email, "wrong password, again")
                .await
                .expect_problem(401);
        }
        let locked = app.login_reply(email, grants_tests::ADMIN_PASSWORD).await;
        locked.expect_problem(429);
        let retry_after: u64 = locked
            .header("retry-after")
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=600).contains(&retry_after));
    }
    // Another address is not affected.
    app.login_reply("other@tests.example", grants_tests::ADMIN_PASSWORD)
        .await
        .expect(201);
    app.finish().await;
}

async fn an_expired_token_is_refused(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.auth.token_ttl_seconds = 1).await;
    let token = app.admin_token().await;
    app.get("/me", Some(&token)).await.expect(200);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.finish().await;
}

async fn logging_out_revokes_the_token(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.admin_token().await;
    let other = app.admin_token().await;
    let reply = app
        .request(Method::DELETE, "/auth/token", Some(&token), None)
        .await;
    reply.expect(204);
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.request(Method::DELETE, "/auth/token", Some(&token), None)
        .await
        .expect_problem(401);
    // Only that token: the same person's other session goes on.
    app.get("/me", Some(&other)).await.expect(200);
    app.finish().await;
}

async fn requests_without_a_valid_token_are_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.get("/me", None).await.expect_problem(401);
    app.get("/me", Some("iat_made-up"))
        .await
        .expect_problem(401);
    let basic = app
        .request_with(
            Method::GET,
            "/me",
            None,
            None,
            &[("authorization", "Basic cm9vdDpyb290")],
        )
        .await;
    basic.expect_problem(401);
    assert_eq!(basic.header("www-authenticate"), Some("Bearer"));
    app.finish().await;
}

async fn registration_with_invalid_fields_names_each_and_writes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .post(
            "/users/register",
            None,
            &json!({
                "email": "not-an-address",
                "name": " ",
                "password": "short",
                "locale": "de",
                "country": "YU",
                "accepted_privacy_notice": "1999-01-01"
            }),
        )
        .await;
    reply.expect_problem(422);
    let mut fields = reply.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "accepted_privacy_notice",
            "country",
            "email",
            "locale",
            "name",
            "password"
        ]
    );
    // The notice accepted was an older one: it is read again.
    assert!(reply.body["errors"].to_string().contains("outdated"));

    let missing = app
        .post(
            "/users/register",
            None,
            &json!({ "email": "x@tests.example" }),
        )
        .await;
    missing.expect_problem(422);

    let admin = app.admin_token().await;
    let users = app.get("/users", Some(&admin)).await;
    users.expect(200);
    assert_eq!(
        users.body["items"].as_array().map(Vec::len),
        Some(1),
        "only the administrator exists"
    );
    app.finish().await;
}

async fn an_email_registers_once_ignoring_case(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body = |email: &str| json!({ "email": email, "name": "Ana", "password": "a long enough password", "country": "MK", "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION });
    app.post("/users/register", None, &body("ana@tests.example"))
        .await
        .expect(201);
    let again = app
        .post("/users/register", None, &body("ANA@tests.example"))
        .await;
    again.expect_problem(409);
    assert_eq!(again.error_fields(), ["email"]);
    app.finish().await;
}
