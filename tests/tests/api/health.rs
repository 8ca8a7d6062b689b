use grants_tests::{Backend, TestApp, on_both_databases};

on_both_databases!(
    health_and_readiness_answer,
    the_openapi_document_describes_every_route,
    unknown_routes_are_problem_404s_with_security_headers,
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
