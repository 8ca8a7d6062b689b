//! Searching proposals across scripts and accents, within what each
//! reader may see: "beograd" finds "Београд", "Куманово" finds "Kumanovo",
//! "cesko" finds "Češko", Greek is found by its Latin letters; an
//! ambassador finds only their area's, an applicant only their own.

use grants_tests::{Backend, CallInManyScripts, TestApp, on_both_databases};

on_both_databases!(proposals_are_found_in_any_script_by_those_who_may_see_them);

/// The titles of the proposals `token` finds for `q`, sorted.
async fn found(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let query = serde_urlencoded::to_string([("q", q)]).expect("a query");
    let reply = app.get(&format!("/proposals?{query}"), Some(token)).await;
    reply.expect(200);
    let mut titles: Vec<String> = reply.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["title"].as_str().map(str::to_owned))
        .collect();
    titles.sort();
    titles
}

async fn proposals_are_found_in_any_script_by_those_who_may_see_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let call = CallInManyScripts::open(&app, "SEARCH", |_| {}).await;
    let (manager, ambassador, applicants) = (call.manager, call.ambassador, call.applicants);

    // Across scripts, accents and case, for a manager who sees them all.
    let cases: [(&str, &[&str]); 9] = [
        ("beograd", &["Библиотека Београд за децу"]),
        ("BEOGRAD decu", &["Библиотека Београд за децу"]),
        ("beograd deci", &[]),
        ("Београд децу", &["Библиотека Београд за децу"]),
        ("Куманово", &["Kumanovo reads aloud"]),
        ("cesko", &["Češko branje"]),
        ("athenas", &["Βιβλιοθήκη της Αθήνας"]),
        ("psephiaka", &["Βιβλιοθήκη της Αθήνας"]),
        ("biblioteka", &["Библиотека Београд за децу"]),
    ];
    for (q, expected) in cases {
        assert_eq!(
            found(&app, &manager, q).await,
            expected.to_vec(),
            "searching {q:?}"
        );
    }
    // A keyword every proposal has finds all four.
    assert_eq!(found(&app, &manager, "makerspace").await.len(), 4);

    // Within what each reader may see.
    assert_eq!(
        found(&app, &ambassador, "makerspace").await,
        ["Kumanovo reads aloud"]
    );
    assert_eq!(
        found(&app, &ambassador, "beograd").await,
        Vec::<String>::new()
    );
    assert_eq!(
        found(&app, &applicants[0], "makerspace").await,
        ["Библиотека Београд за децу"]
    );

    // Each proposal found says where, with the words found marked: the
    // title when it matches, else the first text that does.
    let where_found = |q: &'static str| {
        let app = &app;
        let manager = &manager;
        async move {
            let reply = app.get(&format!("/proposals?q={q}"), Some(manager)).await;
            reply.expect(200);
            let found = reply.body["items"][0]["found"].clone();
            let marked: Vec<String> = found["pieces"]
                .as_array()
                .expect("pieces")
                .iter()
                .filter(|p| p["hit"] == true)
                .filter_map(|p| p["text"].as_str().map(str::to_owned))
                .collect();
            (
                found["field"].as_str().unwrap_or_default().to_owned(),
                marked,
            )
        }
    };
    assert_eq!(
        where_found("beograd").await,
        ("title".to_owned(), vec!["Београд".to_owned()])
    );
    assert_eq!(
        where_found("citaonica").await,
        ("summary".to_owned(), vec!["Читаоница".to_owned()])
    );
    assert_eq!(
        where_found("psephiaka").await,
        ("summary".to_owned(), vec!["Ψηφιακά".to_owned()])
    );
    // A list without a search says nothing of the kind.
    let all = app.get("/proposals", Some(&manager)).await;
    assert!(all.body["items"][0].get("found").is_none());

    // Too long a search is refused, naming the field.
    let long = "слово ".repeat(50);
    let query = serde_urlencoded::to_string([("q", long.as_str())]).expect("a query");
    let refused = app
        .get(&format!("/proposals?{query}"), Some(&manager))
        .await;
    refused.expect_problem(422);
    assert_eq!(refused.error_fields(), ["q"]);
    app.finish().await;
}
