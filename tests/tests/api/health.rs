use grants_tests::{Backend, TestApp, on_both_databases};

on_both_databases!(
    health_and_readiness_answer,
    metrics_count_the_outbox_proposals_and_timers_on_their_own_listener,
    the_openapi_document_describes_every_route,
    the_docs_pages_load_everything_from_the_service_itself,
    the_openapi_document_lists_what_the_server_answers,
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
    app.finish().await;
}

async fn the_docs_pages_load_everything_from_the_service_itself(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let moved = app.get("/docs", None).await;
    assert_eq!(moved.status.as_u16(), 303, "{:?}", moved.headers);
    assert_eq!(moved.header("location"), Some("/docs/"));
    let page = app
        .client
        .get(format!("{}/docs/", app.base))
        .send()
        .await
        .expect("docs");
    assert_eq!(page.status(), 200);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("a policy")
        .to_owned();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    let html = page.text().await.expect("html");
    // Every script and style the page names is ours, and answers.
    let assets: Vec<&str> = html
        .split(['"', '\''])
        .filter(|part| part.ends_with(".js") || part.ends_with(".css"))
        .collect();
    assert!(assets.len() >= 3, "{html}");
    for asset in assets {
        assert!(!asset.contains("//"), "{asset} is loaded from elsewhere");
        let url = format!("{}/docs/{}", app.base, asset.trim_start_matches("./"));
        let reply = app.client.get(&url).send().await.expect("an asset");
        assert_eq!(reply.status(), 200, "{url}");
        let text = reply.text().await.expect("text");
        assert!(!text.contains("cdn.jsdelivr"), "{url}");
    }
    // The page reads our document, not the sample one.
    let start = app
        .client
        .get(format!("{}/docs/swagger-initializer.js", app.base))
        .send()
        .await
        .expect("the initializer");
    let script = start.text().await.expect("text");
    assert!(script.contains("/openapi.json"), "{script}");
    assert!(!script.contains("petstore"), "{script}");
    app.finish().await;
}

/// What schemathesis (`scripts/schemathesis`) found the document to leave
/// out or to get wrong: the problems every JSON body, query and `If-Match`
/// can be answered with, request bodies no value could match, a page size
/// the server refuses, a download's real types, a decision's 428.
async fn the_openapi_document_lists_what_the_server_answers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("pm@tests.example", &["programme_manager"])
        .await;
    let doc = app.get("/openapi.json", None).await;
    doc.expect(200);
    let paths = doc.body["paths"].as_object().expect("paths");
    let documented = |path: &str, method: &str, status: &str| {
        doc.body["paths"][path][method]["responses"][status]["content"]["application/problem+json"]
            .is_object()
    };
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("path item") {
            let json_body = operation["requestBody"]["content"]["application/json"].is_object();
            let params = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let query = params.iter().any(|p| p["in"] == "query");
            let if_match = params
                .iter()
                .any(|p| p["in"] == "header" && p["name"] == "If-Match");
            for (applies, status) in [
                (json_body, "400"),
                (json_body, "415"),
                (json_body, "422"),
                (query, "400"),
                (if_match, "400"),
            ] {
                assert!(
                    !applies || documented(path, method, status),
                    "{method} {path} does not document its {status}"
                );
            }
        }
    }

    // Flattened bodies are one closed object, not an allOf no value matches.
    let schemas = &doc.body["components"]["schemas"];
    for (name, field) in [
        ("CreateProposalInput", "programme_id"),
        ("UpdateProposalInput", "revision"),
        ("ProgrammeUpdate", "revision"),
        ("ReportUpdateInput", "revision"),
    ] {
        let schema = &schemas[name];
        assert!(schema["allOf"].is_null(), "{name} is still an allOf");
        assert_eq!(schema["additionalProperties"], false, "{name}");
        assert!(
            schema["properties"][field].is_object(),
            "{name} lacks {field}"
        );
    }
    assert_eq!(
        schemas["CreateProposalInput"]["required"],
        serde_json::json!(["programme_id"])
    );
    assert!(schemas["CreateProposalInput"]["properties"]["title"].is_object());

    // The page size is documented as the server checks it…
    let limit = doc.body["paths"]["/programmes"]["get"]["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "limit"))
        .expect("limit")
        .clone();
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 200);
    assert!(documented("/programmes", "get", "422"));
    // …and answered so.
    let refused = app.get("/programmes?limit=0", Some(&manager)).await;
    refused.expect_problem(422);
    assert_eq!(refused.error_fields(), ["limit"]);
    app.get("/programmes?limit=-1", Some(&manager))
        .await
        .expect_problem(400);

    // A body that is missing or not JSON: 415 and 400, as documented.
    let empty = app
        .send_raw(
            reqwest::Method::POST,
            "/programmes",
            Some(&manager),
            "text/plain",
            "",
        )
        .await;
    empty.expect_problem(415);
    let broken = app
        .send_raw(
            reqwest::Method::POST,
            "/programmes",
            Some(&manager),
            "application/json",
            "{",
        )
        .await;
    broken.expect_problem(400);

    // A decision needs the revision; a download comes with the type found.
    assert!(documented("/proposals/{id}/decision", "post", "428"));
    let download =
        &doc.body["paths"]["/attachments/{id}/content"]["get"]["responses"]["200"]["content"];
    for mime in ["application/pdf", "image/png", "text/csv"] {
        assert!(
            download[mime].is_object(),
            "the download's {mime} is not documented"
        );
    }
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

async fn metrics_count_the_outbox_proposals_and_timers_on_their_own_listener(backend: Backend) {
    let w = TestApp::spawn_with(backend, |config| {
        config.server.metrics_listen = "127.0.0.1:0".into();
    })
    .await
    .seed()
    .with_open_programme("M")
    .await;
    let app = &w.app;
    for _ in 0..2 {
        w.draft("MK").await;
    }
    // The public address keeps the counts to itself.
    app.get("/metrics", None).await.expect_problem(404);
    let monitoring = app.metrics_base.as_deref().expect("a /metrics listener");
    let reply = app
        .client
        .get(format!("{monitoring}/metrics"))
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
    w.finish().await;
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
