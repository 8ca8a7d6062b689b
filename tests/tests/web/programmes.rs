//! Setting up a programme in the browser: a programme manager creates one
//! with its rubric, tranches and reporting schedule, sees a mistake beside
//! its field with everything typed kept, edits it, meets a change someone
//! else saved meanwhile, archives and restores it; an applicant is refused.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(a_manager_sets_up_a_programme_in_the_browser);

/// Picks `value` in the list `css`.
async fn choose(browser: &Browser, css: &str, value: &str) {
    browser
        .find(css)
        .await
        .select_by_value(value)
        .await
        .expect("chosen");
}

/// Sets a date-and-time field as the browser's picker would: typing into
/// one depends on the browser's locale, the value it sends does not.
async fn set_local_time(browser: &Browser, id: &str, value: &str) {
    browser
        .client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![json!(id), json!(value)],
        )
        .await
        .expect("the page takes a script");
}

/// The status a signed-in browser gets for a page, without following redirects.
async fn page_status(app: &TestApp, email: &str, path: &str) -> u16 {
    let cookie = app.session_cookie(email).await;
    app.client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("answers")
        .status()
        .as_u16()
}

async fn a_manager_sets_up_a_programme_in_the_browser(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    app.user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;

    // From the navigation to the list, then the form.
    browser
        .click_and_load("nav a[href='/app/programmes']")
        .await;
    assert_eq!(browser.path().await, "/app/programmes");
    browser.click_and_load("#new-programme").await;
    assert_eq!(browser.path().await, "/app/programmes/new");
    for (field, text) in [
        ("#code", "WEB-2027"),
        ("#title-en", "Library makers 2027"),
        ("#title-mk", "Библиотечни креатори 2027"),
        ("#description-en", "New services made by librarians."),
        ("#time_zone", "Europe/Skopje"),
        ("#currency", "EUR"),
        // A mistake: a letter in the budget.
        ("#budget", "50 000x"),
        ("#min_award", "1000"),
        ("#max_award", "5000.50"),
        ("#other_countries", "it"),
        ("#reviews_per_proposal", "2"),
        ("#reviewer_load_cap", "10"),
        ("#rubric-0-key", "impact"),
        ("#rubric-0-title-en", "Impact"),
        ("#rubric-0-title-mk", "Влијание"),
        ("#rubric-0-weight", "3"),
        ("#rubric-0-scale_min", "1"),
        ("#rubric-0-scale_max", "5"),
        ("#rubric-0-guidance-en", "Who benefits?"),
        ("#rubric-1-key", "feasibility"),
        ("#rubric-1-title-en", "Feasibility"),
        ("#rubric-1-weight", "2"),
        ("#rubric-1-scale_min", "0"),
        ("#rubric-1-scale_max", "10"),
        ("#tranche-0-key", "signing"),
        ("#tranche-0-percent", "60"),
        ("#tranche-1-key", "final"),
        // Another: the tranches add up to 90.
        ("#tranche-1-percent", "30"),
        ("#tranche-1-report", "final"),
        ("#report-0-key", "interim"),
        ("#report-0-months_after_start", "6"),
        ("#report-0-title-en", "Interim report"),
        ("#report-1-key", "final"),
        ("#report-1-months_after_start", "12"),
        ("#report-1-title-en", "Final report"),
    ] {
        browser.fill(field, text).await;
    }
    assert_eq!(browser.value("#default_locale").await, "en");
    set_local_time(&browser, "opens_at", "2027-01-10T10:00").await;
    set_local_time(&browser, "closes_at", "2027-03-12T17:00").await;
    browser.click("#country-MK").await;
    browser.click("#country-AL").await;
    browser.click("#rubric-1-allow_not_applicable").await;
    choose(&browser, "#tranche-1-condition", "report_accepted").await;
    choose(&browser, "#report-1-kind", "final").await;
    browser.click_and_load("#save").await;

    // Both mistakes are named beside their fields and on top; nothing typed is lost.
    assert_eq!(browser.path().await, "/app/programmes/new");
    assert!(browser.text("#error-budget").await.contains("1,500.50"));
    let tranches = browser.text("#error-tranches").await;
    assert!(tranches.contains("90"), "{tranches}");
    let summary = browser.text("#problems").await;
    assert!(
        summary.contains("Budget") && summary.contains("Payment in tranches"),
        "{summary}"
    );
    assert_eq!(
        browser
            .find("#budget")
            .await
            .attr("aria-invalid")
            .await
            .expect("an attribute")
            .as_deref(),
        Some("true")
    );
    for (field, typed) in [
        ("#budget", "50 000x"),
        ("#title-mk", "Библиотечни креатори 2027"),
        ("#rubric-1-key", "feasibility"),
        ("#rubric-1-scale_max", "10"),
        ("#tranche-1-percent", "30"),
        ("#tranche-1-condition", "report_accepted"),
        ("#tranche-1-report", "final"),
        ("#report-1-kind", "final"),
        ("#opens_at", "2027-01-10T10:00"),
        ("#other_countries", "it"),
    ] {
        assert_eq!(browser.value(field).await, typed, "{field}");
    }
    assert!(browser.ticked("#country-MK").await);
    assert!(!browser.ticked("#country-RS").await);
    assert!(browser.ticked("#rubric-1-allow_not_applicable").await);
    assert!(nothing_created(&app, &manager).await);

    // Fixed, the programme is created and the form comes back saved.
    browser.retype("#budget", "50 000").await;
    browser.retype("#tranche-1-percent", "40").await;
    browser.click_and_load("#save").await;
    let path = browser.path().await;
    let id = path
        .strip_prefix("/app/programmes/")
        .and_then(|rest| rest.strip_suffix("/setup?saved"))
        .unwrap_or_else(|| panic!("not the saved programme's form: {path}"))
        .to_owned();
    assert!(browser.text("#saved").await.contains("saved"));
    assert_eq!(browser.value("#budget").await, "50000.00");
    assert_eq!(browser.value("#closes_at").await, "2027-03-12T17:00");

    // The API returns exactly what was typed, dates in UTC.
    let programme = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    programme.expect(200);
    let body = &programme.body;
    assert_eq!(body["code"], "WEB-2027");
    assert_eq!(
        body["title"],
        json!({ "en": "Library makers 2027", "mk": "Библиотечни креатори 2027" })
    );
    assert_eq!(
        body["description"],
        json!({ "en": "New services made by librarians." })
    );
    assert_eq!(body["default_locale"], "en");
    assert_eq!(body["time_zone"], "Europe/Skopje");
    assert_eq!(
        body["budget"],
        json!({ "minor": 5_000_000, "currency": "EUR" })
    );
    assert_eq!(
        body["min_award"],
        json!({ "minor": 100_000, "currency": "EUR" })
    );
    assert_eq!(
        body["max_award"],
        json!({ "minor": 500_050, "currency": "EUR" })
    );
    assert_eq!(body["opens_at"], "2027-01-10T09:00:00Z");
    assert_eq!(body["closes_at"], "2027-03-12T16:00:00Z");
    assert_eq!(body["eligible_countries"], json!(["AL", "IT", "MK"]));
    assert_eq!(body["reviews_per_proposal"], 2);
    assert_eq!(body["reviewer_load_cap"], 10);
    assert_eq!(
        body["conflict_policy"],
        json!({ "same_organisation": true, "same_country": true })
    );
    assert_eq!(
        body["rubric"],
        json!([
            { "key": "impact", "title": { "en": "Impact", "mk": "Влијание" }, "weight": 3,
              "scale_min": 1, "scale_max": 5, "guidance": { "en": "Who benefits?" },
              "allow_not_applicable": false },
            { "key": "feasibility", "title": { "en": "Feasibility" }, "weight": 2,
              "scale_min": 0, "scale_max": 10, "guidance": {}, "allow_not_applicable": true }
        ])
    );
    assert_eq!(
        body["tranche_template"],
        json!([
            { "key": "signing", "percent": 60, "condition": { "kind": "agreement_signed" } },
            { "key": "final", "percent": 40,
              "condition": { "kind": "report_accepted", "report": "final" } }
        ])
    );
    assert_eq!(
        body["reporting_schedule"],
        json!([
            { "key": "interim", "kind": "interim", "months_after_start": 6,
              "title": { "en": "Interim report" } },
            { "key": "final", "kind": "final", "months_after_start": 12,
              "title": { "en": "Final report" } }
        ])
    );
    assert_eq!(body["review"]["review_days"], 21, "the defaults apply");

    // Editing adds a third criterion in a blank row.
    for (field, text) in [
        ("#rubric-2-key", "reach"),
        ("#rubric-2-title-en", "Reach"),
        ("#rubric-2-weight", "1"),
        ("#rubric-2-scale_min", "1"),
        ("#rubric-2-scale_max", "5"),
    ] {
        browser.fill(field, text).await;
    }
    browser.click_and_load("#save").await;
    assert_eq!(
        browser.path().await,
        format!("/app/programmes/{id}/setup?saved")
    );
    let programme = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    let keys: Vec<&str> = programme.body["rubric"]
        .as_array()
        .expect("a rubric")
        .iter()
        .filter_map(|c| c["key"].as_str())
        .collect();
    assert_eq!(keys, ["impact", "feasibility", "reach"]);
    assert_eq!(
        programme.body["rubric"][2]["title"],
        json!({ "en": "Reach" })
    );

    // Someone changes the budget through the API while the form is open.
    let revision = programme.body["revision"].as_i64().expect("a revision");
    app.patch(
        &format!("/programmes/{id}"),
        &manager,
        Some(revision),
        &json!({ "budget": { "minor": 6_000_000, "currency": "EUR" } }),
    )
    .await
    .expect(200);
    browser.retype("#reviewer_load_cap", "12").await;
    browser.click_and_load("#save").await;
    let notice = browser.text("#stale").await;
    assert!(
        notice.contains("Someone else saved") && notice.contains("Budget (now €60,000.00)"),
        "{notice}"
    );
    assert_eq!(browser.value("#reviewer_load_cap").await, "12");
    assert_eq!(browser.value("#budget").await, "50000.00");
    assert_eq!(browser.value("#rubric-2-key").await, "reach");
    let unchanged = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    assert_eq!(unchanged.body["reviewer_load_cap"], 10, "nothing was saved");
    // Saving again, knowingly, replaces their version with the form's.
    browser.click_and_load("#save").await;
    assert!(browser.text("#saved").await.contains("saved"));
    let saved = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    assert_eq!(saved.body["reviewer_load_cap"], 12);
    assert_eq!(saved.body["budget"]["minor"], 5_000_000);

    // Archived, it cannot be edited until restored.
    browser.click_and_load("#archive").await;
    assert!(
        browser
            .find("#archived-now")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    let save = browser.find("#save").await;
    assert_eq!(
        save.attr("disabled").await.expect("attribute").as_deref(),
        Some("true")
    );
    let archived = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    assert_eq!(archived.body["status"], "archived");
    browser.open("/app/programmes").await;
    let row = browser.text(&format!("#programme-{id}")).await;
    assert!(
        row.contains("WEB-2027") && row.contains("Archived"),
        "{row}"
    );
    assert!(
        row.contains("10 January 2027, 10:00 (Europe/Skopje)"),
        "{row}"
    );
    browser
        .click_and_load(&format!("#programme-{id} a.setup"))
        .await;
    browser.click_and_load("#restore").await;
    assert!(
        browser
            .find("#restored")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    let restored = app.get(&format!("/programmes/{id}"), Some(&manager)).await;
    assert_eq!(restored.body["status"], "upcoming");

    // The pages speak Macedonian too.
    choose(&browser, "#language", "mk").await;
    browser.click_and_load("form.language button").await;
    assert_eq!(browser.text("main h1").await, "Поставување на програмата");
    assert_eq!(browser.text("label[for=code]").await, "Код");
    assert_eq!(browser.text("#save").await, "Зачувај ја програмата");
    // And write its dates as a Macedonian reader does.
    browser.open("/app/programmes").await;
    let row = browser.text(&format!("#programme-{id}")).await;
    assert!(
        row.contains("10 јануари 2027, 10:00 (Europe/Skopje)"),
        "{row}"
    );

    // A programme that does not exist, or an id that is none, is not found.
    let unknown = "/app/programmes/00000000-0000-4000-8000-000000000000/setup";
    assert_eq!(
        page_status(&app, "manager@tests.example", unknown).await,
        404
    );
    assert_eq!(
        page_status(
            &app,
            "manager@tests.example",
            "/app/programmes/nothing/setup"
        )
        .await,
        404
    );

    // An applicant is refused as the API refuses them, and sees no link.
    browser.click_and_load("form.logout button").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    assert!(
        browser.absent("a[href='/app/programmes']").await,
        "an applicant has no link to the programmes' setup"
    );
    for path in [
        "/app/programmes".to_owned(),
        "/app/programmes/new".to_owned(),
        format!("/app/programmes/{id}/setup"),
    ] {
        browser.open(&path).await;
        let refusal = browser.text("main .error").await;
        // The role needed, named in the reader's (Macedonian) words.
        assert!(
            refusal.contains("менаџерот на програмата") && !refusal.contains("programme_manager"),
            "{path}: {refusal}"
        );
        assert_eq!(
            page_status(&app, "ana@tests.example", &path).await,
            403,
            "{path}"
        );
    }
    let refused = app
        .patch(
            &format!("/programmes/{id}"),
            &app.login("ana@tests.example", ADMIN_PASSWORD).await,
            None,
            &json!({ "reviewer_load_cap": 3 }),
        )
        .await;
    refused.expect(403);
    browser.close().await;
    app.finish().await;
}

/// No programme exists yet.
async fn nothing_created(app: &TestApp, token: &str) -> bool {
    let listed = app
        .get("/programmes?include_archived=true", Some(token))
        .await;
    listed.expect(200);
    listed.body["items"].as_array().is_some_and(Vec::is_empty)
}
