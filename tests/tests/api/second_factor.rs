//! Two-step sign-in through the API: set up, signing in with and without a
//! code, a code used once, recovery codes, a fresh code for role changes,
//! and the roles that must have it.

use grants_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, Reply, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    two_step_sign_in_is_set_up_used_once_per_code_and_recovered,
    changing_roles_needs_a_fresh_code,
    roles_that_must_have_it_are_sent_to_set_it_up_first,
    secrets_are_sealed_in_the_database_and_need_their_key,
);

async fn sign_in(app: &TestApp, email: &str, password: &str, code: Option<&str>) -> Reply {
    let mut body = json!({ "email": email, "password": password });
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    app.post("/auth/token", None, &body).await
}

#[track_caller]
fn refused_code(reply: &Reply) {
    reply.expect_problem(422);
    assert_eq!(reply.error_fields(), ["code"]);
    assert_eq!(reply.body["errors"][0]["code"], "wrong_code");
}

async fn two_step_sign_in_is_set_up_used_once_per_code_and_recovered(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, token) = app.user_with_roles("fin@tests.example", &["finance"]).await;
    let elsewhere = app.login("fin@tests.example", ADMIN_PASSWORD).await;
    let off = app.get("/me/second-factor", Some(&token)).await;
    off.expect(200);
    assert_eq!(off.body["enabled"], false);

    // A wrong first code turns nothing on.
    let started = app
        .post("/me/second-factor/enrolment", Some(&token), &json!({}))
        .await;
    started.expect(200);
    let secret = started.body["secret"]
        .as_str()
        .expect("a secret")
        .to_owned();
    refused_code(
        &app.post(
            "/me/second-factor/enrolment/confirm",
            Some(&token),
            &json!({ "code": "12345x" }),
        )
        .await,
    );
    let confirmed = app
        .post(
            "/me/second-factor/enrolment/confirm",
            Some(&token),
            &json!({ "code": app.totp(&secret) }),
        )
        .await;
    confirmed.expect(200);
    let recovery: Vec<String> = confirmed.body["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    assert_eq!(recovery.len(), 10);
    // Setting it up ends the person's other sessions, not this one.
    app.get("/me", Some(&elsewhere)).await.expect_problem(401);
    app.get("/me", Some(&token)).await.expect(200);
    let on = app.get("/me/second-factor", Some(&token)).await;
    assert_eq!(on.body["enabled"], true);
    assert_eq!(on.body["recovery_codes_left"], 10);

    // The password alone no longer signs in.
    let (email, password) = ("fin@tests.example", ADMIN_PASSWORD);
    let needed = sign_in(&app, email, password, None).await;
    needed.expect_problem(401);
    assert_eq!(needed.body["code"], "second-factor-needed");
    // The code that confirmed the set-up was used: it does not sign in.
    refused_code(&sign_in(&app, email, password, Some(&app.totp(&secret))).await);
    let fresh = app.next_totp(&secret);
    sign_in(&app, email, password, Some(&fresh))
        .await
        .expect(201);
    // A replayed code is refused, even with the right password.
    refused_code(&sign_in(&app, email, password, Some(&fresh)).await);
    // A wrong password with a right code is the usual refusal.
    sign_in(
        &app,
        email,
        "not the password",
        Some(&app.next_totp(&secret)),
    )
    .await
    .expect_problem(401);

    // A recovery code signs in once, typed as people type it.
    let typed = recovery[0].to_uppercase().replace('-', " ");
    sign_in(&app, email, password, Some(&typed))
        .await
        .expect(201);
    refused_code(&sign_in(&app, email, password, Some(&recovery[0])).await);
    assert_eq!(
        app.get("/me/second-factor", Some(&token)).await.body["recovery_codes_left"],
        9
    );

    // Turning it off takes a current code; then the password is enough again.
    refused_code(
        &app.post(
            "/me/second-factor/disable",
            Some(&token),
            &json!({ "code": "000000x" }),
        )
        .await,
    );
    app.post(
        "/me/second-factor/disable",
        Some(&token),
        &json!({ "code": app.next_totp(&secret) }),
    )
    .await
    .expect(204);
    sign_in(&app, email, password, None).await.expect(201);
    app.finish().await;
}

async fn changing_roles_needs_a_fresh_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (someone, _) = app
        .user_with_roles("someone@tests.example", &["applicant"])
        .await;
    let admin = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (secret, _) = app.enrol_second_factor(&admin).await;
    let change = |revision: Value| {
        let (app, admin, path) = (&app, &admin, format!("/users/{someone}"));
        async move {
            app.request(
                Method::PATCH,
                &path,
                Some(admin),
                Some(&json!({ "roles": [{ "role": "finance" }], "revision": revision })),
            )
            .await
        }
    };
    let revision = || {
        let (app, admin, path) = (&app, &admin, format!("/users/{someone}"));
        async move { app.get(&path, Some(admin)).await.body["revision"].clone() }
    };
    // Right after setting it up the session is fresh; minutes later it is not.
    app.clock.advance(chrono::Duration::minutes(6));
    let stale = change(revision().await).await;
    stale.expect_problem(403);
    assert_eq!(stale.body["code"], "second-factor-fresh");
    let stepped = app
        .post(
            "/auth/step-up",
            Some(&admin),
            &json!({ "code": app.next_totp(&secret) }),
        )
        .await;
    stepped.expect(200);
    assert!(stepped.body["fresh_until"].is_string());
    change(revision().await).await.expect(200);
    app.finish().await;
}

/// An account the administrator makes with `role`; its token.
async fn person(app: &TestApp, admin: &str, email: &str, role: &str) -> String {
    app.post(
        "/users",
        Some(admin),
        &json!({
            "email": email,
            "name": "Test Person",
            "password": ADMIN_PASSWORD,
            "country": "MK",
            "roles": [{ "role": role }],
        }),
    )
    .await
    .expect(201);
    app.login(email, ADMIN_PASSWORD).await
}

async fn roles_that_must_have_it_are_sent_to_set_it_up_first(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.auth.second_factor_required = true).await;
    // The administrator too: the password signs in, and then only setting it up is open.
    let admin = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let held = app.get("/users", Some(&admin)).await;
    held.expect_problem(403);
    assert_eq!(held.body["code"], "second-factor-enrolment-required");
    app.get("/me", Some(&admin)).await.expect(200);
    let me = app.get("/me/second-factor", Some(&admin)).await;
    me.expect(200);
    assert_eq!(me.body["required"], true);
    app.enrol_second_factor(&admin).await;
    app.get("/users", Some(&admin)).await.expect(200);

    let finance = person(&app, &admin, "fin@tests.example", "finance").await;
    let applicant = person(&app, &admin, "ana.a@tests.example", "applicant").await;
    let held = app.get("/grants", Some(&finance)).await;
    held.expect_problem(403);
    assert_eq!(held.body["code"], "second-factor-enrolment-required");
    // Applicants are not held.
    app.get("/proposals", Some(&applicant)).await.expect(200);
    let (secret, _) = app.enrol_second_factor(&finance).await;
    app.get("/grants", Some(&finance)).await.expect(200);
    // Nor can it be turned off.
    let kept = app
        .post(
            "/me/second-factor/disable",
            Some(&finance),
            &json!({ "code": app.next_totp(&secret) }),
        )
        .await;
    kept.expect_problem(409);
    assert_eq!(kept.body["code"], "second-factor-required-for-role");
    app.finish().await;
}

/// The stored secret of the account `email`.
async fn stored_secret(app: &TestApp, email: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.database.connect().await;
    let backend = db.get_database_backend();
    let placeholder = if app.database.schema.is_some() {
        "$1"
    } else {
        "?"
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT f.secret AS secret FROM second_factors f JOIN users u ON u.id = f.user_id WHERE u.email = {placeholder}"
            ),
            [email.into()],
        ))
        .await
        .expect("read")
        .expect("a second factor");
    let secret: String = row.try_get("", "secret").expect("a secret");
    db.close().await.expect("closed");
    secret
}

async fn secrets_are_sealed_in_the_database_and_need_their_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "sealed@tests.example";
    let (_, token) = app.user_with_roles(email, &["finance"]).await;
    let (secret, _) = app.enrol_second_factor(&token).await;

    // The database holds it sealed: a copy of it (or a backup) gives nothing.
    let stored = stored_secret(&app, email).await;
    assert!(stored.starts_with("v1:"), "{stored}");
    assert!(!stored.contains(&secret));
    sign_in(&app, email, ADMIN_PASSWORD, Some(&app.next_totp(&secret)))
        .await
        .expect(201);

    // A secret stored before sealing is sealed when a server starts.
    {
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.database.connect().await;
        let backend = db.get_database_backend();
        db.execute_raw(Statement::from_string(
            backend,
            format!("UPDATE second_factors SET secret = '{secret}'"),
        ))
        .await
        .expect("written as before sealing");
        db.close().await.expect("closed");
    }
    let again = grants_server::Application::build(&app.config, true)
        .await
        .expect("a second server starts");
    drop(again);
    let resealed = stored_secret(&app, email).await;
    assert!(resealed.starts_with("v1:"), "{resealed}");

    // A server with another key refuses to start rather than lock people out.
    let mut other = app.config.clone();
    other.auth.secrets_key = Some(
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            .to_owned()
            .into(),
    );
    let refused = grants_server::Application::build(&other, true)
        .await
        .expect_err("the wrong key is refused");
    assert!(
        format!("{refused:#}").contains("secrets_key"),
        "{refused:#}"
    );
    app.finish().await;
}
