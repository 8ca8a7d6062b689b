//! Refusals in the reader's language: the API's problem+json `title` and
//! `detail`, and the pages' messages, come from the catalogues in the
//! language the request asks for (`Accept-Language`), else the person's
//! profile; `code` and `args` stay the same in every language.

use grants_tests::{
    Backend, TestApp, complete_proposal_json, on_both_databases, open_programme_json,
};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    a_macedonian_reader_is_refused_in_macedonian_by_the_api,
    the_language_asked_for_comes_before_the_profile,
    a_macedonian_reader_is_refused_in_macedonian_on_the_pages,
    personal_pages_are_not_kept_and_every_address_under_app_is_a_page,
);

const NOWHERE: &str = "0190c6d2-0000-7000-8000-000000000000";

/// An open programme and a Macedonian applicant's token.
async fn macedonian_applicant(app: &TestApp) -> (String, String) {
    let admin = app.admin_token().await;
    let programme = app
        .post("/programmes", Some(&admin), &open_programme_json("MK-LANG"))
        .await;
    programme.expect(201);
    let (_, token) = app
        .user_speaking("ana@tests.example", &["applicant"], "mk")
        .await;
    (programme.id(), token)
}

/// A Macedonian draft, "Читалница", of the applicant with `token`; its id.
async fn reading_room(app: &TestApp, token: &str, programme: &str) -> String {
    let draft = app
        .post(
            "/proposals",
            Some(token),
            &json!({ "programme_id": programme, "title": "Читалница" }),
        )
        .await;
    draft.expect(201);
    draft.id()
}

fn detail(body: &Value) -> &str {
    body["detail"].as_str().unwrap_or_default()
}

fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

async fn a_macedonian_reader_is_refused_in_macedonian_by_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (programme, mk) = macedonian_applicant(&app).await;

    // 403: the role is missing, said with who may and what.
    let forbidden = app.get("/users", Some(&mk)).await;
    forbidden.expect_problem(403);
    assert_eq!(forbidden.body["code"], "role-required");
    assert_eq!(forbidden.body["title"], "Не е дозволено");
    assert_eq!(
        detail(&forbidden.body),
        "само администратор може да го гледа списокот на корисници"
    );
    assert_eq!(forbidden.body["args"]["action"], "list_users");

    // 404: nothing there, or nothing for this reader.
    let missing = app.get(&format!("/proposals/{NOWHERE}"), Some(&mk)).await;
    missing.expect_problem(404);
    assert_eq!(missing.body["title"], "Не е пронајдено");
    assert_eq!(detail(&missing.body), "не е пронајдено: предлог");

    // 422: every field named, the summary in Macedonian.
    let mut bad = complete_proposal_json(&programme, "MK");
    bad["requested_amount"]["minor"] = json!(-5);
    bad["country"] = json!("YU");
    let invalid = app.post("/proposals", Some(&mk), &bad).await;
    invalid.expect_problem(422);
    assert_eq!(
        invalid.error_fields(),
        ["requested_amount.minor", "country"]
    );
    assert_eq!(invalid.body["code"], "validation");
    assert_eq!(invalid.body["title"], "Неважечки податоци");
    assert!(
        is_cyrillic(detail(&invalid.body)) && detail(&invalid.body).contains('2'),
        "{}",
        invalid.body
    );

    // 409: a stale revision, and a step the workflow does not allow yet.
    let id = reading_room(&app, &mk, &programme).await;
    let stale = app
        .patch(
            &format!("/proposals/{id}"),
            &mk,
            Some(7),
            &json!({ "summary": "Нов опис" }),
        )
        .await;
    stale.expect_problem(409);
    assert_eq!(stale.body["code"], "stale-revision");
    assert_eq!(stale.body["args"]["current"], "1");
    assert_eq!(
        detail(&stale.body),
        "предлог: некој друг во меѓувреме направи измени; вчитајте ја тековната верзија (бр. 1)"
    );
    let blocked = app
        .request_with(
            Method::POST,
            &format!("/proposals/{id}/transitions/submit"),
            Some(&mk),
            Some(&json!({})),
            &[("if-match", "\"1\"")],
        )
        .await;
    blocked.expect_problem(409);
    assert_eq!(blocked.body["code"], "transition-blocked");
    assert!(is_cyrillic(detail(&blocked.body)), "{}", blocked.body);
    assert!(
        blocked.body["blocked_by"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["guard"] == "form_complete")),
        "{}",
        blocked.body
    );
    app.finish().await;
}

async fn the_language_asked_for_comes_before_the_profile(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, mk) = macedonian_applicant(&app).await;
    let (_, en) = app
        .user_with_roles("eve@tests.example", &["applicant"])
        .await;
    let asked = |token: &str, language: &str| {
        let token = token.to_owned();
        let language = language.to_owned();
        let app = &app;
        async move {
            app.request_with(
                Method::GET,
                "/users",
                Some(&token),
                None,
                &[("accept-language", language.as_str())],
            )
            .await
        }
    };
    let english_profile = app.get("/users", Some(&en)).await;
    assert_eq!(
        detail(&english_profile.body),
        "only an administrator may list users"
    );
    assert_eq!(english_profile.body["title"], "Not allowed");
    // Asked for Macedonian by an English profile, and for English by a Macedonian one.
    let mk_asked = asked(&en, "mk-MK,mk;q=0.9").await;
    assert_eq!(
        detail(&mk_asked.body),
        "само администратор може да го гледа списокот на корисници"
    );
    let en_asked = asked(&mk, "en-GB,en;q=0.9").await;
    assert_eq!(detail(&en_asked.body), detail(&english_profile.body));
    // A language the service does not speak leaves the profile's.
    let de_asked = asked(&mk, "de-DE").await;
    assert!(is_cyrillic(detail(&de_asked.body)), "{}", de_asked.body);
    // The code and its facts are the same in every language.
    for reply in [&mk_asked, &en_asked, &de_asked] {
        assert_eq!(reply.body["code"], english_profile.body["code"]);
        assert_eq!(reply.body["args"], english_profile.body["args"]);
    }
    // Without a token, the header alone decides.
    let anonymous = app
        .request_with(
            Method::GET,
            "/users",
            None,
            None,
            &[("accept-language", "mk")],
        )
        .await;
    anonymous.expect_problem(401);
    assert_eq!(anonymous.body["title"], "Потребна е најава");
    app.finish().await;
}

/// A page as the person with `cookie` reads it: its status and HTML.
async fn page(app: &TestApp, cookie: &str, path: &str) -> (u16, String) {
    let response = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("the page arrives"))
}

/// The value of the hidden field `name` on a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    html.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

async fn a_macedonian_reader_is_refused_in_macedonian_on_the_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (programme, mk) = macedonian_applicant(&app).await;
    let id = reading_room(&app, &mk, &programme).await;
    let cookie = app.session_cookie("ana@tests.example").await;

    // 403: the administration's users, refused in words with who may.
    let (status, html) = page(&app, &cookie, "/app/admin/users").await;
    assert_eq!(status, 403);
    assert!(
        html.contains("само администратор може да го гледа списокот на корисници"),
        "{html}"
    );

    // 404: somebody else's or nobody's proposal.
    let (status, html) = page(&app, &cookie, &format!("/app/proposals/{NOWHERE}")).await;
    assert_eq!(status, 404);
    assert!(
        html.contains("Оваа страница не постои или немате пристап до неа."),
        "{html}"
    );

    // 409: a step taken from a page read before someone else changed it.
    let (_, shown) = page(&app, &cookie, &format!("/app/proposals/{id}")).await;
    let csrf = hidden(&shown, "_csrf");
    assert!(!csrf.is_empty(), "{shown}");
    let step = |path: String, form: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let response = app
                .client
                .post(format!("{}{path}", app.base))
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await
                .expect("the server answers");
            let status = response.status().as_u16();
            (status, response.text().await.expect("the page arrives"))
        }
    };
    let (status, html) = step(
        format!("/app/proposals/{id}/transitions/withdraw"),
        vec![("_csrf", csrf.clone()), ("revision", "7".into())],
    )
    .await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("предлог: некој друг во меѓувреме направи измени"),
        "{html}"
    );

    // 422: the draft's form with an amount that does not read.
    let (status, html) = step(
        format!("/app/proposals/{id}/edit"),
        vec![
            ("_csrf", csrf),
            ("revision", "1".into()),
            ("title", "Читалница".into()),
            ("requested_amount", "много".into()),
        ],
    )
    .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("lang=\"mk\""), "{html}");
    assert!(
        html.contains("Не е направено: означените полиња подолу бараат внимание."),
        "{html}"
    );
    app.finish().await;
}

async fn personal_pages_are_not_kept_and_every_address_under_app_is_a_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (programme, mk) = macedonian_applicant(&app).await;
    let cookie = app.session_cookie("ana@tests.example").await;
    let headers = |path: &str| {
        let request = app
            .client
            .get(format!("{}{path}", app.base))
            .header("cookie", cookie.clone());
        async move { request.send().await.expect("the server answers") }
    };

    // After signing out on a shared computer, Back must not show her pages.
    for path in [
        "/app",
        "/app/proposals",
        &format!("/app/proposals/new?programme={programme}"),
    ] {
        let page = headers(path).await;
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
    }
    let me = app.get("/me", Some(&mk)).await;
    me.expect(200);
    assert_eq!(me.header("cache-control"), Some("no-store"));
    // The stylesheet is the same for everyone and may be kept.
    let style = headers("/app/app.css").await;
    assert_ne!(style.headers()["cache-control"], "no-store");

    // An address under /app that is no page answers with a page, in her language.
    let (status, html) = page(&app, &cookie, "/app/no-such-page/at-all").await;
    assert_eq!(status, 404);
    assert!(
        html.contains("<html") && html.contains("lang=\"mk\""),
        "{html}"
    );
    assert!(
        html.contains("Оваа страница не постои или немате пристап до неа."),
        "{html}"
    );
    // The API's own unknown addresses still answer problem+json.
    let unknown = app.get("/no-such-route", Some(&mk)).await;
    unknown.expect_problem(404);

    // The proposal form's language field does not take the menu's id.
    let (_, form) = page(
        &app,
        &cookie,
        &format!("/app/proposals/new?programme={programme}"),
    )
    .await;
    assert_eq!(form.matches("id=\"language\"").count(), 1, "{form}");
    app.finish().await;
}
