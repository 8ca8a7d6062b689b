use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(
    an_admin_creates_users_with_roles_and_areas,
    only_admins_create_and_list_users,
    people_see_their_own_account_and_no_one_elses,
    updates_need_the_current_revision,
    people_edit_their_profile_but_not_their_roles,
    a_deactivated_account_loses_its_tokens_and_its_log_in,
    users_are_listed_a_page_at_a_time,
    changes_to_users_are_audited,
    people_are_found_across_scripts,
);

async fn an_admin_creates_users_with_roles_and_areas(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let reply = app
        .post(
            "/users",
            Some(&admin),
            &json!({
                "email": "ambassador.srp@tests.example",
                "name": "Ambassador of Republika Srpska",
                "password": ADMIN_PASSWORD,
                "country": "BA",
                "locale": "sr",
                "expertise_tags": ["Digital Services", "digital services", "makerspaces"],
                "roles": [{ "role": "ambassador", "area": "ba-srp" }, { "role": "reviewer" }]
            }),
        )
        .await;
    reply.expect(201);
    assert_eq!(
        reply.body["roles"],
        json!([{ "role": "reviewer" }, { "role": "ambassador", "area": "BA-SRP" }])
    );
    assert_eq!(
        reply.body["expertise_tags"],
        json!(["digital services", "makerspaces"])
    );

    let missing_area = app
        .post(
            "/users",
            Some(&admin),
            &json!({ "email": "a2@tests.example", "name": "A", "password": ADMIN_PASSWORD,
                     "roles": [{ "role": "reviewer" }, { "role": "ambassador" }] }),
        )
        .await;
    missing_area.expect_problem(422);
    assert_eq!(missing_area.error_fields(), ["roles[1].area"]);

    let bad_role = app
        .post(
            "/users",
            Some(&admin),
            &json!({ "email": "a3@tests.example", "name": "A", "password": ADMIN_PASSWORD,
                     "roles": [{ "role": "superuser" }, { "role": "finance", "area": "MK" }] }),
        )
        .await;
    bad_role.expect_problem(422);
    assert_eq!(bad_role.error_fields(), ["roles[0].role", "roles[1].area"]);
    app.finish().await;
}

async fn only_admins_create_and_list_users(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    let create = app
        .post(
            "/users",
            Some(&manager),
            &json!({ "email": "sneaky@tests.example", "name": "Sneaky", "password": ADMIN_PASSWORD,
                     "roles": [{ "role": "admin" }] }),
        )
        .await;
    create.expect_problem(403);
    app.get("/users", Some(&manager)).await.expect_problem(403);
    app.login_reply("sneaky@tests.example", ADMIN_PASSWORD)
        .await
        .expect_problem(401);
    app.finish().await;
}

async fn people_see_their_own_account_and_no_one_elses(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (alice_id, alice) = app
        .user_with_roles("alice@tests.example", &["reviewer"])
        .await;
    let (bob_id, _) = app
        .user_with_roles("bob@tests.example", &["reviewer"])
        .await;
    app.get(&format!("/users/{alice_id}"), Some(&alice))
        .await
        .expect(200);
    app.get(&format!("/users/{bob_id}"), Some(&alice))
        .await
        .expect_problem(404);
    let edit = app
        .patch(
            &format!("/users/{bob_id}"),
            &alice,
            Some(1),
            &json!({ "name": "Hacked" }),
        )
        .await;
    edit.expect_problem(404);
    app.get("/users/not-a-uuid", Some(&alice))
        .await
        .expect_problem(404);
    let admin = app.admin_token().await;
    let bob = app.get(&format!("/users/{bob_id}"), Some(&admin)).await;
    bob.expect(200);
    assert_eq!(bob.body["name"], "Test Person");
    app.finish().await;
}

async fn updates_need_the_current_revision(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let (id, _) = app
        .user_with_roles("carol@tests.example", &["reviewer"])
        .await;
    let path = format!("/users/{id}");
    app.patch(&path, &admin, None, &json!({ "name": "Carol" }))
        .await
        .expect_problem(428);
    let ok = app
        .patch(
            &path,
            &admin,
            Some(1),
            &json!({ "name": "Carol", "roles": [{ "role": "jury_chair" }] }),
        )
        .await;
    ok.expect(200);
    assert_eq!(ok.header("etag"), Some("\"2\""));
    assert_eq!(ok.body["roles"], json!([{ "role": "jury_chair" }]));
    let stale = app
        .patch(&path, &admin, Some(1), &json!({ "name": "Caroline" }))
        .await;
    stale.expect_problem(409);
    // The largest revision there is, which no account is at: refused the
    // same way, and nothing overflows on the way.
    app.patch(
        &path,
        &admin,
        Some(i64::MAX),
        &json!({ "name": "Caroline" }),
    )
    .await
    .expect_problem(409);
    let body_revision = app
        .patch(
            &path,
            &admin,
            None,
            &json!({ "name": "Caroline", "revision": 2 }),
        )
        .await;
    body_revision.expect(200);
    assert_eq!(body_revision.body["name"], "Caroline");
    app.finish().await;
}

async fn people_edit_their_profile_but_not_their_roles(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (id, token) = app
        .user_with_roles("dan@tests.example", &["applicant"])
        .await;
    let path = format!("/users/{id}");
    let ok = app
        .patch(
            &path,
            &token,
            Some(1),
            &json!({ "name": "Dan", "locale": "sq", "country": "AL", "organisation": "" }),
        )
        .await;
    ok.expect(200);
    assert_eq!(ok.body["locale"], "sq");
    assert_eq!(ok.body["organisation"], serde_json::Value::Null);
    let promote = app
        .patch(
            &path,
            &token,
            Some(2),
            &json!({ "roles": [{ "role": "admin" }] }),
        )
        .await;
    promote.expect_problem(403);
    let invalid = app
        .patch(
            &path,
            &token,
            Some(2),
            &json!({ "locale": "xx", "country": "ZZ" }),
        )
        .await;
    invalid.expect_problem(422);
    assert_eq!(invalid.error_fields(), ["locale", "country"]);
    let unknown_field = app
        .patch(&path, &token, Some(2), &json!({ "password_hash": "x" }))
        .await;
    unknown_field.expect_problem(422);
    let me = app.get("/me", Some(&token)).await;
    assert_eq!(me.body["roles"], json!([{ "role": "applicant" }]));
    assert_eq!(me.body["revision"], 2);
    app.finish().await;
}

async fn a_deactivated_account_loses_its_tokens_and_its_log_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let (id, token) = app
        .user_with_roles("erin@tests.example", &["finance"])
        .await;
    app.patch(
        &format!("/users/{id}"),
        &admin,
        Some(1),
        &json!({ "active": false }),
    )
    .await
    .expect(200);
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.login_reply("erin@tests.example", ADMIN_PASSWORD)
        .await
        .expect_problem(401);

    let me = app.get("/me", Some(&admin)).await;
    let admin_id = me.id();
    let suicide = app
        .patch(
            &format!("/users/{admin_id}"),
            &admin,
            Some(1),
            &json!({ "active": false }),
        )
        .await;
    suicide.expect_problem(409);
    app.finish().await;
}

async fn users_are_listed_a_page_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    for i in 0..4 {
        app.user_with_roles(&format!("user{i}@tests.example"), &["applicant"])
            .await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/users?limit=2&cursor={c}"),
            None => "/users?limit=2".to_owned(),
        };
        let page = app.get(&path, Some(&admin)).await;
        page.expect(200);
        let items = page.body["items"].as_array().expect("items").clone();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|u| u["email"].as_str().unwrap_or_default().to_owned()),
        );
        match page.body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "no user appears twice: {seen:?}");
    app.get("/users?cursor=garbage", Some(&admin))
        .await
        .expect_problem(422);
    app.get("/users?limit=0", Some(&admin))
        .await
        .expect_problem(422);
    app.get("/users?limit=many", Some(&admin))
        .await
        .expect_problem(400);
    app.finish().await;
}

async fn changes_to_users_are_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let (id, token) = app
        .user_with_roles("frank@tests.example", &["reviewer"])
        .await;
    app.patch(
        &format!("/users/{id}"),
        &admin,
        Some(1),
        &json!({ "roles": [{ "role": "finance" }] }),
    )
    .await
    .expect(200);
    let trail = app
        .get(
            &format!("/audit-events?subject_type=user&subject_id={id}"),
            Some(&admin),
        )
        .await;
    trail.expect(200);
    let actions: Vec<_> = trail.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(actions, ["user.created", "user.updated"]);
    assert_eq!(
        trail.body["items"][1]["details"]["roles"],
        json!(["finance"])
    );
    app.get("/audit-events", Some(&token))
        .await
        .expect_problem(403);
    app.finish().await;
}

/// An administrator finds people by name, organisation or address in any
/// script, with or without accents; a renamed person is found by the new
/// name; a search too long is refused naming `q`.
async fn people_are_found_across_scripts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    for (email, name, organisation) in [
        (
            "jovana@tests.example",
            "Јована Петровић",
            "Народна библиотека Србије",
        ),
        ("ana@tests.example", "Ana Kovač", "Gradska knjižnica Zagreb"),
        (
            "eleni@tests.example",
            "Ελένη Παπαδοπούλου",
            "Δημοτική Βιβλιοθήκη",
        ),
    ] {
        app.post(
            "/users",
            Some(&admin),
            &json!({
                "email": email, "name": name, "organisation": organisation,
                "password": ADMIN_PASSWORD, "locale": "en", "roles": [{ "role": "reviewer" }],
            }),
        )
        .await
        .expect(201);
    }
    let found = |q: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let reply = app.get(&format!("/users?q={q}"), Some(&admin)).await;
            reply.expect(200);
            let mut emails: Vec<String> = reply.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .filter_map(|u| u["email"].as_str().map(str::to_owned))
                .collect();
            emails.sort();
            emails
        }
    };
    assert_eq!(found("petrovic").await, ["jovana@tests.example"]);
    assert_eq!(
        found("%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B8%D1%9B").await,
        ["jovana@tests.example"]
    );
    assert_eq!(found("kovac").await, ["ana@tests.example"]);
    assert_eq!(found("knjiznica%20zagreb").await, ["ana@tests.example"]);
    assert_eq!(found("papadopoulou").await, ["eleni@tests.example"]);
    assert_eq!(found("eleni%40tests").await, ["eleni@tests.example"]);
    assert!(found("nobody").await.is_empty());
    let everyone = found("tests.example").await;
    assert!(everyone.len() >= 3, "{everyone:?}");

    // Renamed, found by the new name only.
    let ana = app.get("/users?q=kovac", Some(&admin)).await.body["items"][0].clone();
    app.patch(
        &format!("/users/{}", ana["id"].as_str().expect("id")),
        &admin,
        ana["revision"].as_i64(),
        &json!({ "name": "Ana Horvat" }),
    )
    .await
    .expect(200);
    assert!(found("kovac").await.is_empty());
    assert_eq!(found("horvat").await, ["ana@tests.example"]);

    let long = "a".repeat(201);
    let refused = app.get(&format!("/users?q={long}"), Some(&admin)).await;
    refused.expect_problem(422);
    assert_eq!(refused.error_fields(), ["q"]);
    // The download answers the same search.
    let (status, csv) = app.get_text("/users.csv?q=petrovic", &admin).await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    app.finish().await;
}
