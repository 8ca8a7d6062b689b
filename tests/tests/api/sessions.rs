//! A person's sessions through the API: each browser and token listed with
//! where and when it signed in and was last used, ended one by one or all
//! but the current; a password change ends the others; an administrator
//! ends all of someone's.

use grants_tests::{ADMIN_PASSWORD, Backend, Reply, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    a_person_sees_their_sessions_and_ends_one_or_all_the_others,
    changing_the_password_ends_the_other_sessions,
    an_administrator_ends_all_of_someones_sessions,
);

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn sessions(app: &TestApp, token: &str) -> Vec<Value> {
    let listed = app.get("/me/sessions", Some(token)).await;
    listed.expect(200);
    listed.body.as_array().expect("a list").clone()
}

fn with<'a>(listed: &'a [Value], field: &str, value: &Value) -> &'a Value {
    listed
        .iter()
        .find(|s| &s[field] == value)
        .unwrap_or_else(|| panic!("a session with {field} = {value} in {listed:?}"))
}

async fn delete(app: &TestApp, path: &str, token: &str) -> Reply {
    app.request(Method::DELETE, path, Some(token), None).await
}

async fn a_person_sees_their_sessions_and_ends_one_or_all_the_others(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "sasha@tests.example";
    let (_, token) = app.user_with_roles(email, &["applicant"]).await;
    let firefox_token = &app.login_as_program(email, FIREFOX).await;
    let cookie = app.session_cookie(email).await;

    let listed = sessions(&app, &token).await;
    assert_eq!(listed.len(), 3, "{listed:?}");
    let current = with(&listed, "current", &json!(true));
    assert_eq!(current["kind"], "api");
    let firefox = with(&listed, "device", &json!("Firefox 133 · Windows 10"));
    assert_eq!(firefox["kind"], "api");
    assert_eq!(firefox["client_address"], "127.0.0.1");
    assert_eq!(firefox["user_agent"], FIREFOX);
    assert_eq!(firefox["current"], false);
    let browser = with(&listed, "kind", &json!("browser"));
    assert!(browser["created_at"].is_string() && browser["expires_at"].is_string());

    // Last used: recorded when the session is used again a while later.
    let before = firefox["last_used_at"].clone();
    app.clock.advance(chrono::Duration::minutes(5));
    app.get("/me", Some(firefox_token)).await.expect(200);
    let again = sessions(&app, &token).await;
    let later = &with(&again, "id", &firefox["id"])["last_used_at"];
    assert!(later.as_str() > before.as_str(), "{before} then {later}");

    // Nobody ends another person's session, nor learns that it exists.
    let (_, stranger) = app
        .user_with_roles("stranger@tests.example", &["applicant"])
        .await;
    let id = firefox["id"].as_str().expect("an id");
    delete(&app, &format!("/me/sessions/{id}"), &stranger)
        .await
        .expect_problem(404);
    app.get("/me", Some(firefox_token)).await.expect(200);

    delete(&app, &format!("/me/sessions/{id}"), &token)
        .await
        .expect(204);
    app.get("/me", Some(firefox_token))
        .await
        .expect_problem(401);
    delete(&app, &format!("/me/sessions/{id}"), &token)
        .await
        .expect_problem(404);

    let ended = app
        .post("/me/sessions/end-others", Some(&token), &json!({}))
        .await;
    ended.expect(200);
    assert_eq!(ended.body["ended"], 1, "the browser's session");
    let home = app
        .client
        .get(format!("{}/app", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("the server answers");
    assert!(
        home.url().path().starts_with("/app/login") || home.status() == 303,
        "the browser is signed out: {}",
        home.url()
    );
    let left = sessions(&app, &token).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["current"], true);

    // Ending the current one is signing out.
    let own = left[0]["id"].as_str().expect("an id");
    delete(&app, &format!("/me/sessions/{own}"), &token)
        .await
        .expect(204);
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.finish().await;
}

async fn changing_the_password_ends_the_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "pat@tests.example";
    let (_, token) = app.user_with_roles(email, &["applicant"]).await;
    let other = app.login(email, ADMIN_PASSWORD).await;
    let new = "a much longer passphrase";

    let wrong = app
        .post(
            "/me/password",
            Some(&token),
            &json!({ "current_password": "not it at all", "new_password": new }),
        )
        .await;
    wrong.expect_problem(422);
    assert_eq!(wrong.error_fields(), ["current_password"]);
    assert_eq!(wrong.body["errors"][0]["code"], "wrong_password");
    let short = app
        .post(
            "/me/password",
            Some(&token),
            &json!({ "current_password": ADMIN_PASSWORD, "new_password": "short" }),
        )
        .await;
    short.expect_problem(422);
    assert_eq!(short.error_fields(), ["new_password"]);
    // Refused: nothing changed, nobody was signed out.
    app.get("/me", Some(&other)).await.expect(200);

    let changed = app
        .post(
            "/me/password",
            Some(&token),
            &json!({ "current_password": ADMIN_PASSWORD, "new_password": new }),
        )
        .await;
    changed.expect(200);
    assert_eq!(changed.body["ended"], 1);
    app.get("/me", Some(&other)).await.expect_problem(401);
    app.get("/me", Some(&token)).await.expect(200);
    app.login_reply(email, ADMIN_PASSWORD)
        .await
        .expect_problem(401);
    app.login(email, new).await;

    // Guessing the current password here is throttled as sign-in is.
    let mut answers = Vec::new();
    for _ in 0..8 {
        let guess = app
            .post(
                "/me/password",
                Some(&token),
                &json!({ "current_password": "a wrong guess", "new_password": new }),
            )
            .await;
        answers.push(guess.status.as_u16());
    }
    let first_wait = answers
        .iter()
        .position(|s| *s == 429)
        .unwrap_or_else(|| panic!("guesses are made to wait: {answers:?}"));
    assert!(
        answers[..first_wait].iter().all(|s| *s == 422),
        "{answers:?}"
    );
    app.finish().await;
}

async fn an_administrator_ends_all_of_someones_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let email = "lost.laptop@tests.example";
    let (id, token) = app.user_with_roles(email, &["finance"]).await;
    let other = app.login(email, ADMIN_PASSWORD).await;

    app.post(
        &format!("/users/{id}/sessions/end"),
        Some(&other),
        &json!({}),
    )
    .await
    .expect_problem(403);
    let unknown = uuid::Uuid::now_v7();
    app.post(
        &format!("/users/{unknown}/sessions/end"),
        Some(&admin),
        &json!({}),
    )
    .await
    .expect_problem(404);

    let ended = app
        .post(
            &format!("/users/{id}/sessions/end"),
            Some(&admin),
            &json!({}),
        )
        .await;
    ended.expect(200);
    assert_eq!(ended.body["ended"], 2);
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.get("/me", Some(&other)).await.expect_problem(401);
    // The account itself still works: they sign in again.
    app.login(email, ADMIN_PASSWORD).await;
    let trail = app
        .get(
            &format!("/audit-events?subject_type=user&subject_id={id}"),
            Some(&admin),
        )
        .await;
    trail.expect(200);
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"user.sessions_ended"), "{actions:?}");
    app.finish().await;
}
