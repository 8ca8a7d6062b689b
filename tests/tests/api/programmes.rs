use grants_tests::{Backend, TestApp, on_both_databases, programme_json};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    a_manager_creates_lists_shows_and_edits_a_programme,
    invalid_programmes_name_the_field_and_write_nothing,
    only_managers_and_admins_set_up_programmes,
    programme_codes_are_unique_ignoring_case,
    archived_programmes_leave_the_lists_and_come_back,
    malformed_requests_get_precise_errors,
    edits_are_validated_as_a_whole_and_need_the_revision,
);

async fn programme_count(app: &TestApp, token: &str) -> usize {
    let list = app
        .get("/programmes?include_archived=true", Some(token))
        .await;
    list.expect(200);
    list.body["items"].as_array().map_or(0, Vec::len)
}

async fn a_manager_creates_lists_shows_and_edits_a_programme(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (manager_id, manager) = app
        .user_with_roles("pm@tests.example", &["programme_manager"])
        .await;
    let created = app
        .post("/programmes", Some(&manager), &programme_json("INELI-2027"))
        .await;
    created.expect(201);
    let id = created.id();
    assert_eq!(
        created.header("location"),
        Some(format!("/programmes/{id}").as_str())
    );
    assert_eq!(created.body["created_by"], manager_id.as_str());
    assert_eq!(
        created.body["budget"],
        json!({ "minor": 10_000_000, "currency": "EUR" })
    );
    assert_eq!(
        created.body["closes_at"], "2027-03-12T15:00:00Z",
        "times are stored in UTC"
    );
    assert_eq!(created.body["status"], "upcoming");
    assert_eq!(
        created.body["eligible_countries"].as_array().map(Vec::len),
        Some(11)
    );

    let (_, applicant) = app
        .user_with_roles("applicant@tests.example", &["applicant"])
        .await;
    let list = app.get("/programmes", Some(&applicant)).await;
    list.expect(200);
    assert_eq!(list.body["items"][0]["code"], "INELI-2027");
    assert_eq!(list.body["next_cursor"], Value::Null);
    let shown = app
        .get(&format!("/programmes/{id}"), Some(&applicant))
        .await;
    shown.expect(200);
    assert_eq!(shown.body["rubric"][1]["allow_not_applicable"], true);
    assert_eq!(shown.header("etag"), Some("\"1\""));

    let edited = app
        .patch(&format!("/programmes/{id}"), &manager, Some(1), &json!({ "reviews_per_proposal": 4, "title": { "en": "Innovation Awards 2027 (revised)" } }))
        .await;
    edited.expect(200);
    assert_eq!(edited.body["reviews_per_proposal"], 4);
    assert_eq!(
        edited.body["title"],
        json!({ "en": "Innovation Awards 2027 (revised)" })
    );
    assert_eq!(edited.body["code"], "INELI-2027");
    assert_eq!(edited.body["revision"], 2);

    let admin = app.admin_token().await;
    let trail = app
        .get(
            &format!("/audit-events?subject_type=programme&subject_id={id}"),
            Some(&admin),
        )
        .await;
    let actions: Vec<_> = trail.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["action"].clone())
        .collect();
    assert_eq!(
        actions,
        [json!("programme.created"), json!("programme.updated")]
    );
    let mut fields: Vec<_> = trail.body["items"][1]["details"]["fields"]
        .as_array()
        .expect("fields")
        .clone();
    fields.sort_by_key(|f| f.to_string());
    assert_eq!(fields, [json!("reviews_per_proposal"), json!("title")]);
    app.finish().await;
}

async fn invalid_programmes_name_the_field_and_write_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    // (case, JSON pointer to change, new value, field the error must name)
    let cases = [
        (
            "negative budget",
            "/budget/minor",
            json!(-1),
            "budget.minor",
        ),
        ("unknown currency", "/currency", json!("XYZ"), "currency"),
        (
            "zero weight",
            "/rubric/0/weight",
            json!(0),
            "rubric[0].weight",
        ),
        (
            "negative weight",
            "/rubric/1/weight",
            json!(-2),
            "rubric[1].weight",
        ),
        (
            "tranches to 90%",
            "/tranche_template/2/percent",
            json!(0),
            "tranche_template",
        ),
        (
            "closing before opening",
            "/closes_at",
            json!("2026-12-31T00:00:00Z"),
            "closes_at",
        ),
        (
            "unknown country",
            "/eligible_countries/0",
            json!("YU"),
            "eligible_countries[0]",
        ),
        (
            "unknown time zone",
            "/time_zone",
            json!("Europe/Atlantis"),
            "time_zone",
        ),
        ("missing code", "/code", Value::Null, "code"),
    ];
    for (case, pointer, value, field) in cases {
        let mut body = programme_json("BAD");
        *body.pointer_mut(pointer).expect("the sample has the field") = value;
        let reply = app.post("/programmes", Some(&admin), &body).await;
        reply.expect_problem(422);
        assert!(
            reply.error_fields().iter().any(|f| f == field),
            "{case}: {field} not named in {:#}",
            reply.body
        );
    }
    let mut many = programme_json("BAD");
    many["budget"]["minor"] = json!(-5);
    many["currency"] = json!("EURO");
    many["rubric"][0]["weight"] = json!(0);
    let reply = app.post("/programmes", Some(&admin), &many).await;
    reply.expect_problem(422);
    assert!(
        reply.error_fields().len() >= 3,
        "every problem at once: {:#}",
        reply.body
    );
    assert_eq!(
        programme_count(&app, &admin).await,
        0,
        "nothing was written"
    );
    app.finish().await;
}

async fn only_managers_and_admins_set_up_programmes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    for role in [
        "applicant",
        "reviewer",
        "jury_chair",
        "finance",
        "ambassador:MK",
    ] {
        let (_, token) = app
            .user_with_roles(
                &format!("{}@tests.example", role.replace(':', ".")),
                &[role],
            )
            .await;
        let reply = app
            .post("/programmes", Some(&token), &programme_json("NOPE"))
            .await;
        reply.expect_problem(403);
    }
    assert_eq!(programme_count(&app, &admin).await, 0);
    let created = app
        .post("/programmes", Some(&admin), &programme_json("ADMIN-MADE"))
        .await;
    created.expect(201);
    let id = created.id();
    let (_, applicant) = app
        .user_with_roles("late@tests.example", &["applicant"])
        .await;
    app.patch(
        &format!("/programmes/{id}"),
        &applicant,
        Some(1),
        &json!({ "reviews_per_proposal": 1 }),
    )
    .await
    .expect_problem(403);
    app.request(
        Method::POST,
        &format!("/programmes/{id}/archive"),
        Some(&applicant),
        None,
    )
    .await
    .expect_problem(403);
    app.get("/programmes", None).await.expect_problem(401);
    app.finish().await;
}

async fn programme_codes_are_unique_ignoring_case(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    app.post("/programmes", Some(&admin), &programme_json("INELI-2027"))
        .await
        .expect(201);
    let again = app
        .post("/programmes", Some(&admin), &programme_json("ineli-2027"))
        .await;
    again.expect_problem(409);
    assert_eq!(again.error_fields(), ["code"]);
    assert_eq!(programme_count(&app, &admin).await, 1);
    app.finish().await;
}

async fn archived_programmes_leave_the_lists_and_come_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let id = app
        .post("/programmes", Some(&admin), &programme_json("OLD"))
        .await
        .id();
    app.post("/programmes", Some(&admin), &programme_json("NEW"))
        .await
        .expect(201);
    let archived = app
        .request(
            Method::POST,
            &format!("/programmes/{id}/archive"),
            Some(&admin),
            None,
        )
        .await;
    archived.expect(200);
    assert_eq!(archived.body["status"], "archived");
    let again = app
        .request(
            Method::POST,
            &format!("/programmes/{id}/archive"),
            Some(&admin),
            None,
        )
        .await;
    again.expect(200);
    assert_eq!(
        again.body["revision"], archived.body["revision"],
        "archiving twice changes nothing"
    );

    let listed = app.get("/programmes", Some(&admin)).await;
    let codes: Vec<_> = listed.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["code"].clone())
        .collect();
    assert_eq!(codes, [json!("NEW")]);
    assert_eq!(programme_count(&app, &admin).await, 2);
    app.patch(
        &format!("/programmes/{id}"),
        &admin,
        Some(2),
        &json!({ "reviews_per_proposal": 2 }),
    )
    .await
    .expect_problem(409);

    let restored = app
        .request(
            Method::DELETE,
            &format!("/programmes/{id}/archive"),
            Some(&admin),
            None,
        )
        .await;
    restored.expect(200);
    assert_eq!(restored.body["status"], "upcoming");
    assert_eq!(
        app.get("/programmes", Some(&admin)).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    app.finish().await;
}

async fn malformed_requests_get_precise_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let syntax = app
        .send_raw(
            Method::POST,
            "/programmes",
            Some(&admin),
            "application/json",
            "{\"code\": ",
        )
        .await;
    syntax.expect_problem(400);
    let form = app
        .send_raw(
            Method::POST,
            "/programmes",
            Some(&admin),
            "application/x-www-form-urlencoded",
            "code=X",
        )
        .await;
    form.expect_problem(415);
    let mut wrong_type = programme_json("TYPES");
    wrong_type["budget"]["minor"] = json!("a lot");
    let reply = app.post("/programmes", Some(&admin), &wrong_type).await;
    reply.expect_problem(422);
    assert_eq!(reply.error_fields(), ["budget.minor"]);
    let mut unknown = programme_json("UNKNOWN");
    unknown["budjet"] = json!(1);
    let reply = app.post("/programmes", Some(&admin), &unknown).await;
    reply.expect_problem(422);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("budjet")
    );
    app.get(
        "/programmes/0190c6d2-0000-7000-8000-000000000000",
        Some(&admin),
    )
    .await
    .expect_problem(404);
    app.get("/programmes/12345", Some(&admin))
        .await
        .expect_problem(404);
    assert_eq!(programme_count(&app, &admin).await, 0);
    app.finish().await;
}

async fn edits_are_validated_as_a_whole_and_need_the_revision(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let id = app
        .post("/programmes", Some(&admin), &programme_json("EDIT"))
        .await
        .id();
    let path = format!("/programmes/{id}");
    // Lowering the budget below the largest award breaks a rule between fields.
    let below = app
        .patch(
            &path,
            &admin,
            Some(1),
            &json!({ "budget": { "minor": 1000, "currency": "EUR" } }),
        )
        .await;
    below.expect_problem(422);
    assert_eq!(below.error_fields(), ["max_award"]);
    app.patch(&path, &admin, None, &json!({ "reviews_per_proposal": 2 }))
        .await
        .expect_problem(428);
    app.patch(
        &path,
        &admin,
        Some(1),
        &json!({ "reviews_per_proposal": 2 }),
    )
    .await
    .expect(200);
    app.patch(
        &path,
        &admin,
        Some(1),
        &json!({ "reviews_per_proposal": 5 }),
    )
    .await
    .expect_problem(409);
    let bad_etag = app
        .request_with(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(&json!({})),
            &[("if-match", "yesterday")],
        )
        .await;
    bad_etag.expect_problem(400);
    let unknown = app
        .patch(&path, &admin, Some(2), &json!({ "budjet": 1 }))
        .await;
    unknown.expect_problem(422);
    let shown = app.get(&path, Some(&admin)).await;
    assert_eq!(shown.body["reviews_per_proposal"], 2);
    assert_eq!(shown.body["budget"]["minor"], 10_000_000);
    app.finish().await;
}
