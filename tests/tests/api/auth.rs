use grants_tests::{ADMIN_EMAIL, Backend, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::json;

on_both_databases!(
    an_applicant_registers_logs_in_and_sees_themself,
    a_wrong_password_and_an_unknown_email_answer_alike,
    guesses_at_an_account_wait_longer_each_time_but_never_lock_its_owner_out,
    parallel_guesses_are_counted_before_any_password_is_checked,
    one_client_guessing_across_accounts_is_slowed_and_others_are_not,
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

/// The seconds a 429 asks to wait.
#[track_caller]
fn retry_after(reply: &grants_tests::Reply) -> u64 {
    reply.expect_problem(429);
    reply
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After")
}

async fn guesses_at_an_account_wait_longer_each_time_but_never_lock_its_owner_out(
    backend: Backend,
) {
    let app = TestApp::spawn_with(backend, |c| {
        c.auth.max_failed_logins = 3;
        c.auth.longest_account_wait_seconds = 60;
    })
    .await;
    for email in [ADMIN_EMAIL, "nobody@tests.example"] {
        for _ in 0..3 {
            app.login_reply(email, "wrong password, again")
                .await
                .expect_problem(401);
        }
        // The fourth attempt waits a second, whether or not the account exists.
        let early = app.login_reply(email, grants_tests::ADMIN_PASSWORD).await;
        assert_eq!(retry_after(&early), 1);
    }
    // Each further guess doubles the wait, up to a minute and no more.
    let mut waits = Vec::new();
    for _ in 0..9 {
        app.clock.advance(chrono::Duration::seconds(61));
        app.login_reply(ADMIN_EMAIL, "still guessing")
            .await
            .expect_problem(401);
        waits.push(retry_after(
            &app.login_reply(ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD)
                .await,
        ));
    }
    assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60, 60, 60]);
    // The owner, once the minute has passed, signs in; and that clears the count.
    app.clock.advance(chrono::Duration::seconds(61));
    app.login_reply(ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD)
        .await
        .expect(201);
    app.login_reply(ADMIN_EMAIL, "one slip")
        .await
        .expect_problem(401);
    app.login_reply(ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD)
        .await
        .expect(201);
    app.finish().await;
}

async fn parallel_guesses_are_counted_before_any_password_is_checked(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.auth.max_failed_logins = 5;
        c.auth.max_failed_logins_per_address = 100;
    })
    .await;
    let guesses = (0..20).map(|i| {
        let app = &app;
        async move {
            app.login_reply(ADMIN_EMAIL, &format!("guess number {i}"))
                .await
                .status
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    // Five free attempts, and the sixth claims the one-second wait: no more.
    assert!(
        checked <= 6,
        "{checked} passwords were checked: {statuses:?}"
    );
    assert!(checked >= 1, "{statuses:?}");
    app.finish().await;
}

async fn one_client_guessing_across_accounts_is_slowed_and_others_are_not(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.auth.max_failed_logins_per_address = 4;
        c.auth.lockout_seconds = 900;
        c.auth.client_address_header = "X-Forwarded-For".into();
    })
    .await;
    let from = |client: &'static str, email: &str, password: &str| {
        let body = json!({ "email": email, "password": password });
        let app = &app;
        async move {
            app.request_with(
                Method::POST,
                "/auth/token",
                None,
                Some(&body),
                &[("x-forwarded-for", &format!("10.9.9.9, {client}"))],
            )
            .await
        }
    };
    for n in 0..4 {
        from(
            "203.0.113.7",
            &format!("person{n}@tests.example"),
            "a guess",
        )
        .await
        .expect_problem(401);
    }
    // The guessing client waits, even with a right password...
    let slowed = from("203.0.113.7", ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD).await;
    assert!((1..=900).contains(&retry_after(&slowed)));
    // ...the owner, elsewhere, does not; the address a proxy saw is the last one.
    from("198.51.100.2", ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD)
        .await
        .expect(201);
    // A client that signs in rightly many times is never slowed.
    for _ in 0..6 {
        from("198.51.100.3", ADMIN_EMAIL, grants_tests::ADMIN_PASSWORD)
            .await
            .expect(201);
    }
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
