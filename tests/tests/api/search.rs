//! Searching proposals across scripts and accents, within what each
//! reader may see: "beograd" finds "Београд", "Куманово" finds "Kumanovo",
//! "cesko" finds "Češko", Greek is found by its Latin letters; an
//! ambassador finds only their area's, an applicant only their own.

use grants_tests::{
    Backend, TestApp, complete_proposal_json, on_both_databases, open_programme_json,
};
use serde_json::json;

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
    let admin = app.admin_token().await;
    let programme = app
        .post("/programmes", Some(&admin), &open_programme_json("SEARCH"))
        .await;
    programme.expect(201);
    let programme = programme.id();
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    let (_, ambassador) = app
        .user_with_roles("amb.mk@tests.example", &["ambassador:MK"])
        .await;
    let mut applicants = Vec::new();
    for (email, country, title, summary) in [
        (
            "rs@tests.example",
            "RS",
            "Библиотека Београд за децу",
            "Читаоница у центру.",
        ),
        (
            "mk@tests.example",
            "MK",
            "Kumanovo reads aloud",
            "Reading circles for seniors.",
        ),
        (
            "si@tests.example",
            "SI",
            "Češko branje",
            "Knjige v češčini.",
        ),
        (
            "gr@tests.example",
            "GR",
            "Βιβλιοθήκη της Αθήνας",
            "Ψηφιακά βιβλία.",
        ),
    ] {
        let (_, token) = app.user_with_roles(email, &["applicant"]).await;
        let mut body = complete_proposal_json(&programme, country);
        body["title"] = json!(title);
        body["summary"] = json!(summary);
        let draft = app.post("/proposals", Some(&token), &body).await;
        draft.expect(201);
        app.transition_now(&token, &token, &draft.id(), "submit", &json!({}))
            .await
            .expect(200);
        applicants.push(token);
    }

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
