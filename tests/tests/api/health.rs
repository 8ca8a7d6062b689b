use grants_tests::{Backend, TestApp, on_both_databases};

on_both_databases!(
    health_and_readiness_answer,
    metrics_count_the_outbox_proposals_and_timers,
    the_openapi_document_describes_every_route,
    unknown_routes_are_problem_404s_with_security_headers,
    other_sites_get_no_cross_origin_access,
);

async fn health_and_readiness_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.get("/healthz", None).await.expect(200);
    let ready = app.get("/readyz", None).await;
    ready.expect(200);
    assert_eq!(ready.body["status"], "ok");
    app.finish().await;
}

async fn the_openapi_document_describes_every_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc = app.get("/openapi.json", None).await;
    doc.expect(200);
    assert!(
        doc.body["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1"))
    );
    let paths = doc.body["paths"].as_object().expect("paths");
    for path in [
        "/auth/token",
        "/users/register",
        "/me",
        "/users",
        "/users/{id}",
        "/programmes",
        "/programmes/{id}",
        "/programmes/{id}/archive",
        "/audit-events",
        "/healthz",
        "/readyz",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc.body["components"]["securitySchemes"]["bearer"].is_object());
    let page = app
        .client
        .get(format!("{}/docs", app.base))
        .send()
        .await
        .expect("docs");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("openapi") || html.contains("Scalar"));
    app.finish().await;
}

async fn unknown_routes_are_problem_404s_with_security_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app.get("/no/such/route", None).await;
    reply.expect_problem(404);
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    app.finish().await;
}

async fn metrics_count_the_outbox_proposals_and_timers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("pm@tests.example", &["programme_manager"])
        .await;
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let programme = app
        .post(
            "/programmes",
            Some(&manager),
            &grants_tests::open_programme_json("M"),
        )
        .await;
    let programme_id = programme.body["id"].as_str().expect("id");
    for _ in 0..2 {
        app.post(
            "/proposals",
            Some(&applicant),
            &grants_tests::complete_proposal_json(programme_id, "MK"),
        )
        .await
        .expect(201);
    }
    let reply = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(reply.status(), 200);
    assert!(
        reply.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("application/openmetrics-text")
    );
    let text = reply.text().await.expect("text");
    assert!(
        text.contains("grants_proposals{state=\"draft\"} 2"),
        "{text}"
    );
    assert!(text.contains("grants_timers_running 0"), "{text}");
    assert!(
        text.contains("grants_outbox_messages{state=\"dead\"} 0"),
        "{text}"
    );
    assert!(
        text.contains("grants_proposals{state=\"funded\"} 0"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("# EOF"));
    app.finish().await;
}

async fn other_sites_get_no_cross_origin_access(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.admin_token().await;
    // A preflight from another site is not granted, and no response opens itself to it.
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/proposals", app.base))
        .header("origin", "https://elsewhere.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("answers");
    assert!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    let read = app
        .client
        .get(format!("{}/me", app.base))
        .bearer_auth(&token)
        .header("origin", "https://elsewhere.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(read.status(), 200);
    assert!(read.headers().get("access-control-allow-origin").is_none());
    assert!(
        read.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    app.finish().await;
}
