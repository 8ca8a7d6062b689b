//! Lists as downloads: every proposal of a filtered list as CSV (stable
//! column names and codes, for programs) and as a spreadsheet (headings,
//! countries and states in the reader's language, amounts as numbers),
//! opened by an independent reader (openpyxl); each reader gets only what
//! the list shows them. A proposal's dossier as a PDF in the reader's
//! language, read by pypdf, in Greek and in Cyrillic.

use grants_domain::Locale;
use grants_i18n::{country_name, text};
use grants_tests::readers::{read_pdf, read_xlsx, words_of};
use grants_tests::{
    Backend, CallInManyScripts, TestApp, complete_proposal_json, on_both_databases,
};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    lists_download_as_csv_and_as_spreadsheets_in_the_readers_language,
    a_proposal_dossier_is_a_pdf_in_the_readers_language,
    the_jury_s_and_the_administrators_lists_download_too,
);

/// The CSV's lines after its header, for `path` as `token` sees it.
async fn csv_lines(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    let (status, body) = app.get_text(path, token).await;
    assert_eq!(status, 200, "{path}: {body}");
    assert!(
        body.starts_with("\u{feff}proposal_id,title,state,country,region,organisation"),
        "{body}"
    );
    body.lines().skip(1).map(str::to_owned).collect()
}

async fn lists_download_as_csv_and_as_spreadsheets_in_the_readers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A formula typed by an applicant stays text in every spreadsheet.
    let call = CallInManyScripts::open(&app, "EXPORT", |body| {
        let country = body["country"].as_str().unwrap_or_default().to_owned();
        body["organisation"] = json!(format!("=HYPERLINK(\"x\") {country}"));
    })
    .await;
    let (manager, ambassador, applicants) = (call.manager, call.ambassador, call.applicants);

    // The manager's spreadsheet of every proposal, asked for in Macedonian.
    let (status, headers, bytes) = app
        .download_with(
            "/proposals.xlsx",
            Some(&manager),
            &[("Accept-Language", "mk")],
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"proposals.xlsx\""
    );
    let sheets = read_xlsx(&bytes);
    let sheet = &sheets[0];
    let mk = |key: &str| {
        let words = text(Locale::Mk, key);
        assert_ne!(words, text(Locale::En, key), "{key} is translated");
        words
    };
    assert_eq!(sheet["title"], mk("export-sheet-proposals"));
    let rows = sheet["rows"].as_array().expect("rows");
    let heading: Vec<&str> = rows[0]
        .as_array()
        .expect("a heading row")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let column = |key: &str| {
        let words = mk(&format!("export-column-{key}"));
        heading
            .iter()
            .position(|h| *h == words)
            .unwrap_or_else(|| panic!("no column {words} in {heading:?}"))
    };
    let (title, country, state, amount, organisation) = (
        column("title"),
        column("country"),
        column("state"),
        column("requested_amount"),
        column("organisation"),
    );
    // The heading stays in view and filters the list.
    assert_eq!(sheet["frozen"], "A2");
    assert!(
        sheet["filter"]
            .as_str()
            .is_some_and(|f| f.starts_with("A1:"))
    );
    assert_eq!(
        rows.len(),
        1 + CallInManyScripts::PROPOSALS.len(),
        "{rows:?}"
    );
    for (_, country_code, expected, _) in CallInManyScripts::PROPOSALS {
        let row = rows
            .iter()
            .find(|r| r[title] == expected)
            .unwrap_or_else(|| panic!("{expected} is in the spreadsheet: {rows:?}"));
        assert_eq!(row[country], country_name(Locale::Mk, country_code));
        assert_eq!(row[state], mk("proposal-state-submitted"));
        // The amount is a number a spreadsheet adds up, shown with cents.
        assert_eq!(row[amount].as_f64(), Some(2000.0), "{row:?}");
        assert!(
            row[organisation]
                .as_str()
                .is_some_and(|o| o.starts_with("=HYPERLINK")),
            "{row:?}"
        );
    }
    // Text, not a formula; the amount a number.
    let types = &sheet["types"][1];
    assert_eq!(types[organisation], "s");
    assert_eq!(types[amount], "n");
    let formats = &sheet["formats"][1];
    assert_eq!(formats[amount], "#,##0.00");

    // The CSV of a search: the same filter as the list, codes for programs.
    let found = csv_lines(&app, "/proposals.csv?q=beograd", &manager).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .contains(",Библиотека Београд за децу,submitted,RS,,\"'=HYPERLINK(\"\"x\"\") RS\","),
        "{found:?}"
    );
    assert!(found[0].contains(",2000.00,EUR,"), "{found:?}");

    // Each reader downloads only what their list shows: the ambassador their
    // area's, an applicant their own.
    let area = csv_lines(&app, "/proposals.csv", &ambassador).await;
    assert_eq!(area.len(), 1, "{area:?}");
    assert!(area[0].contains("Kumanovo reads aloud"), "{area:?}");
    let own = csv_lines(&app, "/proposals.csv", &applicants[3]).await;
    assert_eq!(own.len(), 1, "{own:?}");
    assert!(own[0].contains("Βιβλιοθήκη της Αθήνας"), "{own:?}");

    // A search too long is refused, naming the field, in the reader's language.
    let long = "a".repeat(201);
    let refused = app
        .request_with(
            reqwest::Method::GET,
            &format!("/proposals.xlsx?q={long}"),
            Some(&manager),
            None,
            &[("Accept-Language", "mk")],
        )
        .await;
    refused.expect_problem(422);
    assert_eq!(refused.error_fields(), ["q"]);
    assert_eq!(refused.body["title"], text(Locale::Mk, "status-422"));
    // Nobody downloads anything without signing in.
    app.get("/proposals.csv", None).await.expect_problem(401);
    app.get("/grants.xlsx", None).await.expect_problem(401);
    app.get("/reports.xlsx", None).await.expect_problem(401);

    app.finish().await;
}

/// The words of a PDF and the fonts it embeds.
fn pdf_text(bytes: &[u8]) -> (String, Vec<String>) {
    let pdf = read_pdf(bytes);
    let fonts = pdf["embedded_fonts"]
        .as_array()
        .expect("fonts")
        .iter()
        .filter_map(|f| f.as_str().map(str::to_owned))
        .collect();
    (words_of(&pdf), fonts)
}

async fn a_proposal_dossier_is_a_pdf_in_the_readers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let call = CallInManyScripts::open(&app, "DOSSIER", |_| {}).await;
    let found = |q: &'static str| {
        let app = &app;
        let manager = &call.manager;
        async move {
            let list = app.get(&format!("/proposals?q={q}"), Some(manager)).await;
            list.expect(200);
            list.body["items"][0]["id"]
                .as_str()
                .expect("the proposal is found")
                .to_owned()
        }
    };
    let greek = found("athenas").await;

    // The manager's dossier of the Greek library's proposal, in Greek.
    let (status, headers, bytes) = app
        .download_with(
            &format!("/proposals/{greek}/dossier.pdf"),
            Some(&call.manager),
            &[("Accept-Language", "el")],
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(headers["content-type"], "application/pdf");
    let (text, fonts) = pdf_text(&bytes);
    // Every answer, as the applicant wrote it.
    let body = complete_proposal_json("", "GR");
    for answer in [
        "Βιβλιοθήκη της Αθήνας",
        "Ψηφιακά βιβλία.",
        body["problem"].as_str().unwrap_or_default(),
        body["proposed_service"].as_str().unwrap_or_default(),
        body["target_group"].as_str().unwrap_or_default(),
        body["planned_activities"].as_str().unwrap_or_default(),
        "3D printer",
        "makerspace",
    ] {
        assert!(text.contains(answer), "{answer:?} is not in {text}");
    }
    // In the reader's language: the headings, the country, the step taken.
    for words in [
        text_in(Locale::El, "read-summary"),
        text_in(Locale::El, "read-budget"),
        text_in(Locale::El, "history"),
        country_name(Locale::El, "GR"),
        text_in(Locale::El, "proposal-step-submit"),
    ] {
        assert!(text.contains(&words), "{words:?} is not in {text}");
    }
    // The fonts travel with the file.
    assert!(fonts.iter().any(|f| f.contains("Libertinus")), "{fonts:?}");

    // Cyrillic as well, for the Serbian library in Serbian.
    let serbian = found("beograd").await;
    let (_, _, bytes) = app
        .download_with(
            &format!("/proposals/{serbian}/dossier.pdf"),
            Some(&call.manager),
            &[("Accept-Language", "sr")],
        )
        .await;
    let (text, _) = pdf_text(&bytes);
    for words in [
        "Библиотека Београд за децу".to_owned(),
        "Читаоница у центру.".to_owned(),
        text_in(Locale::Sr, "read-summary"),
    ] {
        assert!(text.contains(&words), "{words:?} is not in {text}");
    }

    // A dossier is read only by those who may read the proposal.
    app.get(
        &format!("/proposals/{greek}/dossier.pdf"),
        Some(&call.ambassador),
    )
    .await
    .expect_problem(404);
    app.get(&format!("/proposals/{greek}/dossier.pdf"), None)
        .await
        .expect_problem(401);
    app.finish().await;
}

/// A catalogue's words, checked to be translated.
fn text_in(locale: Locale, key: &str) -> String {
    let words = text(locale, key);
    assert_ne!(words, key, "{key} is in the catalogue");
    words
}

/// The jury's lists (assignments, bids) download for those who run it, a
/// reviewer gets only their own bids, and the accounts and the audit trail
/// download for administrators, each such download on who-read-what.
async fn the_jury_s_and_the_administrators_lists_download_too(backend: Backend) {
    let r = super::money::round(backend, 10_000_000, |_| {}, |_| {}).await;
    let proposal = r.eligible("MK", "Seed library", 200_000).await;
    let (reviewer_id, reviewer) = r
        .app
        .user_with_roles("bg@tests.example", &["reviewer"])
        .await;
    let programme = &r.programme_id;
    r.app
        .request(
            Method::PUT,
            &format!("/programmes/{programme}/reviewers/{reviewer_id}"),
            Some(&r.chair),
            Some(&json!({ "languages": ["mk"], "country": "BG" })),
        )
        .await
        .expect(200);
    r.app
        .request(
            Method::PUT,
            &format!("/proposals/{proposal}/bid"),
            Some(&reviewer),
            Some(&json!({ "level": "eager" })),
        )
        .await
        .expect(200);
    let preview = r
        .app
        .post(
            &format!("/programmes/{programme}/assignment/preview"),
            Some(&r.chair),
            &json!({}),
        )
        .await;
    preview.expect(200);
    r.app
        .post(
            &format!("/programmes/{programme}/assignment/commit"),
            Some(&r.chair),
            &json!({ "fingerprint": preview.body["fingerprint"] }),
        )
        .await
        .expect(200);

    // The assignments, in Macedonian: the state a word of ours, translated.
    let (status, _, bytes) = r
        .app
        .download_with(
            &format!("/programmes/{programme}/assignments.xlsx"),
            Some(&r.chair),
            &[("Accept-Language", "mk")],
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    let sheet = &read_xlsx(&bytes)[0];
    assert_eq!(sheet["title"], text(Locale::Mk, "export-sheet-assignments"));
    let rows = sheet["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let row = rows[1].to_string();
    assert!(row.contains("Seed library"), "{row}");
    assert!(
        row.contains(&text(Locale::Mk, "export-term-invited")),
        "{row}"
    );
    assert!(
        row.contains(&text(Locale::Mk, "export-term-review_not_started")),
        "{row}"
    );

    // The bids: all for the chair, one's own for a reviewer, none for an applicant.
    let (status, bids) = r
        .app
        .get_text(&format!("/programmes/{programme}/bids.csv"), &r.chair)
        .await;
    assert_eq!(status, 200, "{bids}");
    assert!(
        bids.starts_with("\u{feff}proposal_id,proposal,reviewer,bid,updated_at"),
        "{bids}"
    );
    assert!(
        bids.contains(&format!("{proposal},Seed library,")) && bids.contains(",eager,"),
        "{bids}"
    );
    let (_, own) = r
        .app
        .get_text(&format!("/programmes/{programme}/bids.csv"), &reviewer)
        .await;
    assert_eq!(own.lines().count(), 2, "{own}");
    r.app
        .get(
            &format!("/programmes/{programme}/bids.csv"),
            Some(&r.applicant),
        )
        .await
        .expect_problem(403);

    // The accounts and the audit trail: administrators only, each recorded.
    let admin = r.app.admin_token().await;
    r.app
        .get("/users.csv", Some(&r.manager))
        .await
        .expect_problem(403);
    let (status, users) = r.app.get_text("/users.csv", &admin).await;
    assert_eq!(status, 200, "{users}");
    assert!(
        users.starts_with("\u{feff}user_id,name,email,roles,active"),
        "{users}"
    );
    assert!(
        users.contains(",bg@tests.example,reviewer,true,"),
        "{users}"
    );
    let (status, _, bytes) = r
        .app
        .download_with(
            "/audit-events.xlsx",
            Some(&admin),
            &[("Accept-Language", "mk")],
        )
        .await;
    assert_eq!(status, 200);
    let audit = &read_xlsx(&bytes)[0];
    assert_eq!(audit["title"], text(Locale::Mk, "export-sheet-audit"));
    let events = audit["rows"].as_array().expect("rows");
    let submitted = events
        .iter()
        .find(|e| {
            e.to_string().contains("proposal.transition")
                && e.to_string().contains("\\\"submit\\\"")
        })
        .unwrap_or_else(|| panic!("the submission is in the trail: {events:?}"));
    assert!(submitted.to_string().contains(&proposal), "{submitted}");
    let reads = r.app.get("/sensitive-reads", Some(&admin)).await;
    let actions: Vec<&str> = reads.body["items"]
        .as_array()
        .expect("reads")
        .iter()
        .filter_map(|r| r["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"users.exported") && actions.contains(&"audit.exported"),
        "{actions:?}"
    );
    r.app.finish().await;
}
