//! The programme manager's pages: the screening queue (with a reviewer's
//! bid and declared conflict, and the administrator's page beside it),
//! and a grantee's report accepted and counted on the impact page.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, HasId, TestApp, World, on_both_databases};
use reqwest::Method;
use serde_json::json;

use super::helpers::{add_reviewer, drafts, reviewed};

on_both_databases!(
    screening_bidding_a_declared_conflict_and_the_admin_page,
    a_grantee_writes_a_report_and_the_manager_accepts_it,
    a_manager_searches_proposals_in_another_script,
);

async fn screening_bidding_a_declared_conflict_and_the_admin_page(backend: Backend) {
    let (w, _, complete) = drafts(backend).await;
    let app = &w.app;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    app.transition(&applicant, &complete, "submit", 1, &json!({}))
        .await
        .expect(200);
    let browser = Browser::start(&app.base).await;

    // The manager screens it from the queue.
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    assert!(
        browser
            .text("#todo")
            .await
            .contains("Proposals to screen: 1"),
        "the manager's home counts what waits for screening"
    );
    browser.click_and_load("#screening").await;
    assert!(browser.text("main table").await.contains("Ready to go"));
    browser.click_and_load("main table a").await;
    // The screener reads the checklist: each rule of submission, met.
    let checks = browser.text("#checks").await;
    assert!(
        checks.contains("Every part of the form is filled in")
            && checks.contains("one of the programme's countries")
            && checks.contains("within the programme's award range"),
        "{checks}"
    );
    assert!(browser.absent("#checks li.failed").await);
    browser
        .click_and_load("button[data-step=start_screening]")
        .await;
    browser
        .click_and_load("button[data-step=mark_eligible]")
        .await;
    assert_eq!(browser.text("#state").await, "Eligible, ready for review");
    browser.click_and_load("form.logout button").await;

    // A reviewer bids, then declares a conflict, and the proposal is gone for them.
    let manager = app.login("manager@tests.example", ADMIN_PASSWORD).await;
    let programme_id = app
        .get(&format!("/proposals/{complete}"), Some(&manager))
        .await
        .body["programme_id"]
        .as_str()
        .expect("programme")
        .to_owned();
    add_reviewer(&w, "rs@tests.example", "RS").await;
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/proposals/{complete}")).await;
    browser
        .find("#bid-level")
        .await
        .select_by_value("eager")
        .await
        .expect("chosen");
    browser.click_and_load("#place-bid").await;
    let bids = app
        .get(&format!("/programmes/{programme_id}/bids"), Some(&manager))
        .await;
    assert_eq!(bids.body[0]["level"], "eager");
    browser
        .fill("#conflict-reason", "I advised this library last year.")
        .await;
    browser.click_and_load("#declare-conflict").await;
    assert_eq!(browser.path().await, "/app/assignments");
    browser.open(&format!("/app/proposals/{complete}")).await;
    assert!(browser.text(".error").await.contains("does not exist"));
    browser.click_and_load("form.logout button").await;

    // The administrator checks the outbox and the audit trail; nobody else may.
    browser
        .sign_in(grants_tests::ADMIN_EMAIL, ADMIN_PASSWORD)
        .await;
    browser.click_and_load("a[href='/app/admin']").await;
    assert!(browser.text("main").await.contains("Waiting to be sent"));
    browser.click_and_load("#verify-audit").await;
    assert!(browser.text("#audit-result").await.contains("matches"));
    browser.click_and_load("form.logout button").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open("/app/admin").await;
    assert!(browser.text(".error").await.contains("admin"));
    browser.close().await;
    w.finish().await;
}

/// A world (the programme `REPORTWEB`) with a started grant of the
/// applicant `ana@tests.example`, funded by the manager, with its interim
/// report open (the server's clock moved to its first reminder). Returns
/// (world, grant, report).
async fn grant_with_an_open_report(backend: Backend) -> (World, String, String) {
    let w = reviewed(TestApp::init(backend), "REPORTWEB").await;
    let (app, manager, applicant) = (&w.app, w.manager.as_str(), w.applicant.as_str());
    let proposal = w.proposal_id();
    let decided = app
        .post(
            &format!("/proposals/{proposal}/decision"),
            Some(manager),
            &json!({ "outcome": "funded", "revision": 6 }),
        )
        .await;
    decided.expect(200);
    let grant = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    app.request_with(
        Method::POST,
        &format!("/grants/{grant}/transitions/accept_agreement"),
        Some(applicant),
        Some(&json!({})),
        &[("if-match", "\"0\"")],
    )
    .await
    .expect(200);
    let reports = app
        .get(&format!("/grants/{grant}/reports"), Some(manager))
        .await;
    let report = reports.body[0].id();
    let first = reports.body[0]["next_reminder_at"]
        .as_str()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .expect("a first reminder");
    app.clock.advance(
        first.with_timezone(&chrono::Utc) - app.clock.now() + chrono::Duration::minutes(1),
    );
    for _ in 0..100 {
        let now = app.get(&format!("/reports/{report}"), Some(manager)).await;
        if now.body["state"] == "due" {
            return (w, grant, report);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the report did not open");
}

async fn a_grantee_writes_a_report_and_the_manager_accepts_it(backend: Backend) {
    let (w, grant, report) = grant_with_an_open_report(backend).await;
    let (app, programme_id) = (&w.app, &w.programme_id);
    let browser = Browser::start(&app.base).await;
    // The manager asks the grantee about the report in a conversation.
    app.post(
        &format!("/reports/{report}/threads"),
        Some(&w.manager),
        &serde_json::json!({ "audience": "grantee", "topic": "Photos", "body": "Please add two photos of the workshops." }),
    )
    .await
    .expect(201);

    // The grantee finds the report from the menu, its question unread,
    // and from the grant.
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.click_and_load("nav a[href='/app/reports']").await;
    let badge = browser
        .text(&format!("#report-row-{report} [data-unread]"))
        .await;
    assert!(badge.contains('1'), "{badge}");
    assert!(
        browser.text("main table").await.contains("Due"),
        "{}",
        browser.text("main").await
    );
    browser.open(&format!("/app/grants/{grant}")).await;
    browser.click_and_load("#report-link-0").await;
    assert_eq!(browser.path().await, format!("/app/reports/{report}"));
    browser.check_page().await;

    // Not complete: the submit button says what is missing.
    let why = browser.text("#why-submit").await;
    assert!(why.contains("narrative"), "{why}");

    // A count that is not a number is named beside its field; what was typed stays.
    browser
        .fill("#narrative", "The maker space opened in March.")
        .await;
    browser.fill("#activities", "40 workshops.").await;
    browser.fill("#indicator-people_reached", "many").await;
    browser.fill("#indicator-events_held", "40").await;
    browser.fill("#indicator-services_launched", "1").await;
    browser.fill("#spending-0", "1 450").await;
    browser.fill("#spending-1", "520,50").await;
    browser.click_and_load("#save-report").await;
    assert!(
        browser
            .text("#error-indicator-people_reached")
            .await
            .contains("whole number"),
        "{}",
        browser.text("main").await
    );
    assert_eq!(
        browser.value("#narrative").await,
        "The maker space opened in March."
    );
    assert_eq!(browser.value("#spending-1").await, "520,50");
    browser.retype("#indicator-people_reached", "420").await;
    browser.click_and_load("#save-report").await;
    assert!(!browser.text("#saved").await.is_empty());
    // A photo of the opening goes with the report.
    let files = tempfile::tempdir().expect("a folder for the files");
    let attendance = files.path().join("attendance.csv");
    std::fs::write(&attendance, "month,visitors\nMarch,35\n").expect("written");
    browser
        .find("#attachment-file")
        .await
        .send_keys(&attendance.display().to_string())
        .await
        .expect("the file is chosen");
    browser.click_and_load("#attach").await;
    assert!(
        browser
            .text("#attachments")
            .await
            .contains("attendance.csv"),
        "{}",
        browser.text("main").await
    );
    assert_eq!(browser.text("#total-spent").await, "€1,970.50");
    browser.click_and_load("button[data-step=submit]").await;
    assert_eq!(browser.text("#state").await, "Submitted");
    browser.screenshot("grantee-report").await;
    assert_eq!(
        browser
            .find("#narrative")
            .await
            .attr("readonly")
            .await
            .expect("attribute")
            .as_deref(),
        Some("true"),
        "a submitted report is read, not written"
    );
    assert!(
        browser.absent("#attachment-file").await,
        "no more files once it is handed in"
    );

    // The manager asks for nothing more and accepts it; the impact page counts it.
    browser.sign_out_and_in("manager@tests.example").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains("Submitted reports to read and accept: 1"),
        "{todo}"
    );
    browser.open("/app/reports").await;
    browser
        .click_and_load(&format!("#report-row-{report} a"))
        .await;
    assert!(
        browser.absent("#move-heading").await,
        "a report handed in keeps its due date"
    );
    browser.click("#open-accept").await;
    browser.click_and_load("button[data-step=accept]").await;
    assert_eq!(browser.text("#state").await, "Accepted");
    browser
        .open(&format!("/app/programmes/{programme_id}/impact"))
        .await;
    browser.screenshot("manager-impact").await;
    let row = browser.text("#impact-MK").await;
    assert!(
        row.contains("420 / 0") && row.contains("€2,000.00"),
        "{row}"
    );
    browser.open("/app/reports?late=true").await;
    assert!(!browser.text("#no-reports").await.is_empty());
    browser.close().await;
    w.finish().await;
}

async fn a_manager_searches_proposals_in_another_script(backend: Backend) {
    let (w, _, complete) = drafts(backend).await;
    let app = &w.app;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    app.transition(&applicant, &complete, "submit", 1, &json!({}))
        .await
        .expect(200);
    let mut body = grants_tests::complete_proposal_json(&w.programme_id, "MK");
    body["title"] = json!("Читалница во Цетиње");
    let cyrillic = app.post("/proposals", Some(&applicant), &body).await;
    cyrillic.expect(201);
    app.transition(&applicant, &cyrillic.id(), "submit", 1, &json!({}))
        .await
        .expect(200);

    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open("/app/proposals").await;
    browser.fill("#q", "Cetinje").await;
    browser.click_and_load("#search").await;
    let list = browser.text("main table").await;
    assert!(list.contains("Читалница во Цетиње"), "{list}");
    assert!(!list.contains("Ready to go"), "{list}");
    assert_eq!(browser.value("#q").await, "Cetinje");
    // The words found are marked in the title.
    assert_eq!(browser.text("main table mark").await, "Цетиње");
    browser
        .assert_accessible("the proposals found by a search")
        .await;
    // The list as found downloads as a spreadsheet: the same search, the
    // same proposals, opened by an independent reader.
    let href = browser.link("#proposals-xlsx").await;
    assert_eq!(href, "/app/proposals.xlsx?q=Cetinje");
    let bytes = browser.download(&href).await;
    let sheet = &grants_tests::readers::read_xlsx(&bytes)[0];
    let cells = sheet["rows"].to_string();
    assert!(cells.contains("Читалница во Цетиње"), "{cells}");
    assert!(!cells.contains("Ready to go"), "{cells}");
    assert_eq!(sheet["rows"].as_array().map(Vec::len), Some(2), "{cells}");
    // The proposal's dossier, from its page, for the board.
    browser
        .open(&format!("/app/proposals/{}", cyrillic.id()))
        .await;
    let href = browser.link("#dossier").await;
    let pdf = grants_tests::readers::read_pdf(&browser.download(&href).await);
    assert!(
        pdf["pages"].to_string().contains("Читалница во Цетиње"),
        "{pdf}"
    );
    browser.open("/app/proposals?q=Cetinje").await;
    browser.retype("#q", "nowhere-at-all").await;
    browser.click_and_load("#search").await;
    assert!(browser.text("#none-found").await.contains("nowhere-at-all"));
    browser.close().await;
    w.finish().await;
}
