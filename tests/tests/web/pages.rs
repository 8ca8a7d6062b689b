//! Signing in, the proposal pages with their workflow buttons, the
//! language switch, the reviewer's assignments, forms without a CSRF
//! token, the money pages: decision, grant, tranches, ledger,
//! attachments on the proposal page, the report pages, and the admin's
//! users and roles and workflow diagrams.

use grants_tests::browser::Browser;
use grants_tests::smtp::SmtpServer;
use grants_tests::{
    ADMIN_PASSWORD, Backend, TestApp, complete_proposal_json, on_both_databases,
    open_programme_json,
};
use reqwest::Method;
use serde_json::json;

on_both_databases!(
    an_applicant_signs_in_sees_why_a_step_is_blocked_and_submits,
    pages_follow_the_chosen_language_and_refuse_forged_forms,
    a_reviewer_finds_their_assignments_and_nothing_they_are_conflicted_on,
    the_chair_assigns_a_reviewer_scores_and_the_chair_ranks,
    a_newcomer_registers_confirms_by_email_and_resets_the_password,
    an_applicant_writes_a_proposal_in_the_form_and_submits_it,
    screening_bidding_a_declared_conflict_and_the_admin_page,
    long_lists_come_a_page_at_a_time,
    a_decision_an_accepted_agreement_and_a_payment_by_two_finance_users,
    a_grantee_writes_a_report_and_the_manager_accepts_it,
    an_applicant_attaches_files_on_the_proposal_page_and_removes_one,
    the_admin_grants_roles_and_reads_the_workflow_diagrams,
);

/// A programme with two drafts of one applicant: one incomplete, one complete.
async fn drafts(app: &TestApp) -> (String, String) {
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    app.user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    let programme = app
        .post("/programmes", Some(&manager), &open_programme_json("WEB"))
        .await;
    programme.expect(201);
    let programme_id = programme.body["id"].as_str().expect("id");
    let incomplete = app
        .post(
            "/proposals",
            Some(&applicant),
            &json!({ "programme_id": programme_id, "title": "Half-written idea" }),
        )
        .await;
    incomplete.expect(201);
    let mut body = complete_proposal_json(programme_id, "MK");
    body["title"] = json!("Ready to go");
    let complete = app.post("/proposals", Some(&applicant), &body).await;
    complete.expect(201);
    (
        incomplete.body["id"].as_str().expect("id").to_owned(),
        complete.body["id"].as_str().expect("id").to_owned(),
    )
}

async fn an_applicant_signs_in_sees_why_a_step_is_blocked_and_submits(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (incomplete, complete) = drafts(&app).await;
    let browser = Browser::start(&app.base).await;

    // A page behind the sign-in comes back after it.
    browser.open("/app/proposals").await;
    assert_eq!(browser.path().await, "/app/login?next=/app/proposals");
    browser.sign_in("ana@tests.example", "wrong password").await;
    assert!(
        browser.text(".error").await.contains("wrong"),
        "a failed sign-in says so"
    );
    assert_eq!(
        browser
            .find("#email")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("ana@tests.example")
    );
    browser.find("#email").await.clear().await.expect("cleared");
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    assert_eq!(browser.path().await, "/app/proposals");
    let list = browser.text("main table").await;
    assert!(
        list.contains("Half-written idea") && list.contains("Ready to go"),
        "{list}"
    );

    // The incomplete draft: Submit is there, disabled, with the reason.
    browser.open(&format!("/app/proposals/{incomplete}")).await;
    let submit = browser.find("button[data-step=submit]").await;
    assert_eq!(
        submit.attr("disabled").await.expect("attribute").as_deref(),
        Some("true")
    );
    let why = browser.text("#why-submit").await;
    assert!(
        why.contains("incomplete") && why.contains("summary"),
        "{why}"
    );
    // Withdrawing is open to the owner.
    let withdraw = browser.find("button[data-step=withdraw]").await;
    assert_eq!(withdraw.attr("disabled").await.expect("attribute"), None);

    // The complete one is submitted from the page, and its history shows it.
    browser.open(&format!("/app/proposals/{complete}")).await;
    browser
        .fill("#comment-submit", "Looking forward to it.")
        .await;
    browser.click_and_load("button[data-step=submit]").await;
    assert_eq!(browser.path().await, format!("/app/proposals/{complete}"));
    assert_eq!(browser.text("#state").await, "Submitted");
    let history = browser.text(".timeline").await;
    assert!(
        history.contains("Submit") && history.contains("Looking forward to it."),
        "{history}"
    );
    let api = app
        .get(
            &format!("/proposals/{complete}"),
            Some(&app.login("ana@tests.example", ADMIN_PASSWORD).await),
        )
        .await;
    assert_eq!(api.body["state"], "submitted");

    // Signing out ends the session.
    browser.click_and_load("form.logout button").await;
    assert_eq!(browser.path().await, "/app/login");
    browser.open("/app").await;
    assert_eq!(browser.path().await, "/app/login?next=/app");
    browser.close().await;
    app.finish().await;
}

async fn pages_follow_the_chosen_language_and_refuse_forged_forms(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, complete) = drafts(&app).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    assert_eq!(browser.text("main h1").await, "Home");
    // The applicant picks Macedonian; the page and the next ones follow.
    browser
        .find("#language")
        .await
        .select_by_value("mk")
        .await
        .expect("selected");
    browser.click_and_load("form.language button").await;
    assert_eq!(browser.path().await, "/app");
    assert_eq!(browser.text("main h1").await, "Почетна");
    browser.open("/app/proposals").await;
    assert_eq!(browser.text("main h1").await, "Предлози");
    // So do the workflow's words: states, steps, and why a step is blocked,
    // with its facts, here once the call has closed.
    let list = browser.text("main table").await;
    assert!(list.contains("Нацрт") && !list.contains("Draft"), "{list}");
    close_the_call(&app, &complete).await;
    browser.open(&format!("/app/proposals/{complete}")).await;
    assert_eq!(browser.text("#state").await, "Нацрт");
    assert_eq!(browser.text("button[data-step=submit]").await, "Поднеси");
    let why = browser.text("#why-submit").await;
    assert!(
        why.starts_with("Повикот се затвори на ") && why.ends_with("(Europe/Skopje)."),
        "{why}"
    );
    // Any of the network's languages can be picked on any page.
    browser.open("/app/proposals").await;
    browser
        .find("#language")
        .await
        .select_by_value("sl")
        .await
        .expect("selected");
    browser.click_and_load("form.language button").await;
    assert_eq!(browser.text("main h1").await, "Predlogi");
    browser.close().await;

    // A form posted from elsewhere, with the session cookie but no token, changes nothing.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let signed_in = client
        .post(format!("{}/app/login", app.base))
        .form(&[("email", "ana@tests.example"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .expect("answers");
    assert_eq!(signed_in.status(), 303);
    let cookie = signed_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    assert!(
        signed_in.headers()["set-cookie"]
            .to_str()
            .unwrap_or_default()
            .contains("HttpOnly")
    );
    let forged = client
        .post(format!(
            "{}/app/proposals/{complete}/transitions/submit",
            app.base
        ))
        .header("cookie", &cookie)
        .form(&[("revision", "1"), ("_csrf", "not-the-token")])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);
    let owner = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    let unchanged = app
        .request(
            Method::GET,
            &format!("/proposals/{complete}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(unchanged.body["state"], "draft");
    app.finish().await;
}

/// Moves the closing time of the proposal's call to a minute ago.
async fn close_the_call(app: &TestApp, proposal: &str) {
    let owner = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    let manager = app.login("manager@tests.example", ADMIN_PASSWORD).await;
    let programme = app
        .get(&format!("/proposals/{proposal}"), Some(&owner))
        .await
        .body["programme_id"]
        .as_str()
        .expect("a programme")
        .to_owned();
    let revision = app
        .get(&format!("/programmes/{programme}"), Some(&manager))
        .await
        .body["revision"]
        .as_i64()
        .expect("a revision");
    let now = chrono::Utc::now();
    app.patch(
        &format!("/programmes/{programme}"),
        &manager,
        Some(revision),
        &json!({ "opens_at": now - chrono::Duration::days(10), "closes_at": now - chrono::Duration::minutes(1) }),
    )
    .await
    .expect(200);
}

/// The complete draft of [`drafts`], submitted, screened and marked
/// eligible, ready for reviewers.
struct Eligible {
    proposal: String,
    programme_id: String,
    manager: String,
    applicant: String,
}

async fn eligible(app: &TestApp) -> Eligible {
    let (_, proposal) = drafts(app).await;
    let manager = app.login("manager@tests.example", ADMIN_PASSWORD).await;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    app.take_steps(
        &proposal,
        1,
        &[
            (&applicant, "submit"),
            (&manager, "start_screening"),
            (&manager, "mark_eligible"),
        ],
    )
    .await;
    let programme_id = app
        .get(&format!("/proposals/{proposal}"), Some(&applicant))
        .await
        .body["programme_id"]
        .as_str()
        .expect("programme")
        .to_owned();
    Eligible {
        proposal,
        programme_id,
        manager,
        applicant,
    }
}

async fn a_reviewer_finds_their_assignments_and_nothing_they_are_conflicted_on(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let Eligible {
        proposal: complete,
        programme_id,
        manager,
        ..
    } = eligible(&app).await;
    let mut reviewers = Vec::new();
    for (email, country) in [("rs@tests.example", "RS"), ("mk@tests.example", "MK")] {
        let (id, _) = app.user_with_roles(email, &["reviewer"]).await;
        app.request(
            Method::PUT,
            &format!("/programmes/{programme_id}/reviewers/{id}"),
            Some(&manager),
            Some(&json!({ "languages": ["mk"], "country": country })),
        )
        .await
        .expect(200);
        reviewers.push(id);
    }
    let chair = app
        .user_with_roles("chair@tests.example", &["jury_chair"])
        .await
        .1;
    app.post(
        &format!("/programmes/{programme_id}/assignments"),
        Some(&chair),
        &json!({ "proposal_id": complete, "reviewer_id": reviewers[0] }),
    )
    .await
    .expect(201);

    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser.open("/app/assignments").await;
    let table = browser.text("main table").await;
    assert!(
        table.contains("Ready to go") && table.contains("Invited"),
        "{table}"
    );
    browser.click_and_load("main table a").await;
    assert!(browser.path().await.starts_with("/app/assignments/"));
    browser.click_and_load(".proposal-title a").await;
    assert_eq!(browser.path().await, format!("/app/proposals/{complete}"));
    assert_eq!(browser.text(".proposal-title").await, "Ready to go");
    browser.click_and_load("form.logout button").await;

    // The Macedonian reviewer is conflicted (same country): no such page for them.
    browser.sign_in("mk@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/proposals/{complete}")).await;
    assert!(browser.text(".error").await.contains("does not exist"));
    browser.open("/app/assignments").await;
    assert!(browser.text("main").await.contains("no review assignments"));
    browser.close().await;
    app.finish().await;
}

async fn the_chair_assigns_a_reviewer_scores_and_the_chair_ranks(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let Eligible {
        proposal: complete,
        programme_id,
        manager,
        applicant,
    } = eligible(&app).await;
    let (reviewer, _) = app.user_with_roles("rs@tests.example", &["reviewer"]).await;
    app.request(
        Method::PUT,
        &format!("/programmes/{programme_id}/reviewers/{reviewer}"),
        Some(&manager),
        Some(&json!({ "languages": ["mk"], "country": "RS" })),
    )
    .await
    .expect(200);
    app.user_with_roles("chair@tests.example", &["jury_chair"])
        .await;

    // The chair sees the run: one reviewer for three slots, and why.
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("chair@tests.example", ADMIN_PASSWORD).await;
    browser
        .click_and_load(&format!(
            "a[href='/app/programmes/{programme_id}/assignment']"
        ))
        .await;
    let reason = browser.text(".unfilled").await;
    assert!(
        reason.contains("2 open") && reason.contains("Macedonian"),
        "{reason}"
    );
    assert!(browser.text("#summary").await.contains("1 of 3"));
    browser.click_and_load("#commit").await;
    assert!(browser.text("#committed").await.starts_with("1 "));
    browser.click_and_load("form.logout button").await;

    // The reviewer scores: a missing criterion is named beside its field.
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser.open("/app/assignments").await;
    browser.click_and_load("main table a").await;
    browser.click_and_load("#accept").await;
    assert_eq!(browser.text("#assignment-state").await, "Accepted");
    browser
        .find("#score-impact")
        .await
        .select_by_value("4")
        .await
        .expect("scored");
    browser
        .find("#recommendation")
        .await
        .select_by_value("fund")
        .await
        .expect("chosen");
    browser
        .fill("#comment_for_applicant", "A clear plan.")
        .await;
    browser.click_and_load("#submit-review").await;
    assert!(
        browser
            .text("#error-feasibility")
            .await
            .contains("feasibility")
    );
    // What was entered is still there.
    let impact = browser
        .find("#score-impact")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(impact.as_deref(), Some("4"));
    browser
        .find("#score-feasibility")
        .await
        .select_by_value("n/a")
        .await
        .expect("n/a");
    browser.click_and_load("#submit-review").await;
    assert!(
        browser
            .find("#submitted")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    // Impact 4 on 1..5 alone (feasibility not applicable): 75 points.
    assert_eq!(browser.text("#weighted-score").await, "75.0");
    browser.click_and_load("form.logout button").await;

    // The chair ranks.
    browser.sign_in("chair@tests.example", ADMIN_PASSWORD).await;
    browser
        .open(&format!("/app/programmes/{programme_id}/ranking"))
        .await;
    let table = browser.text("table.ranking").await;
    assert!(
        table.contains("Ready to go") && table.contains("75.0"),
        "{table}"
    );
    // The chair reads the review on the proposal page: the criterion judged
    // not applicable says so, the comments are there.
    browser.open(&format!("/app/proposals/{complete}")).await;
    let review = browser.text("#reviews article").await;
    assert!(
        review.contains("Test Person")
            && review.contains("4 / 5")
            && review.contains("Not applicable")
            && review.contains("75.0")
            && review.contains("A clear plan."),
        "{review}"
    );
    // The applicant reads none before the decision.
    let reviews = app
        .get(&format!("/proposals/{complete}/reviews"), Some(&applicant))
        .await;
    assert_eq!(reviews.body, json!([]));
    // The chair closes the review and previews the funding line.
    browser
        .click_and_load("button[data-step=complete_review]")
        .await;
    assert_eq!(browser.text("#state").await, "Reviewed");
    browser
        .open(&format!(
            "/app/programmes/{programme_id}/funding?policy=optimal"
        ))
        .await;
    let plan = browser.text("table.funding").await;
    assert!(
        plan.contains("Ready to go") && plan.contains("Funded"),
        "{plan}"
    );
    assert_eq!(browser.text("#funded-count").await, "1");
    browser.click_and_load("#policy-strict_rank").await;
    assert_eq!(browser.text("#funded-count").await, "1");
    browser.close().await;
    app.finish().await;
}

/// The path of the link in the mail to `to` whose text contains `marker`
/// (the link names the configured public address, not the test's port).
async fn link_in_mail(smtp: &SmtpServer, to: &str, marker: &str) -> String {
    for _ in 0..300 {
        if let Some(mail) = smtp
            .messages()
            .into_iter()
            .find(|m| m.to == to && m.text.contains(marker))
        {
            let start = mail.text.find("/app/").expect("a link to a page");
            return mail.text[start..]
                .split_whitespace()
                .next()
                .expect("the link")
                .to_owned();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} with '{marker}'");
}

async fn a_newcomer_registers_confirms_by_email_and_resets_the_password(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, |config| {
        config.mail.transport = grants_server::config::MailTransport::Smtp;
        config.mail.smtp.host = "127.0.0.1".into();
        config.mail.smtp.port = smtp.port;
    })
    .await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.click_and_load("a[href='/app/register']").await;
    // A short password and a bad address: both named beside their fields, nothing kept.
    browser.fill("#name", "Vesna Trajkovska").await;
    browser.fill("#email", "vesna@tests.example").await;
    browser.fill("#password", "short").await;
    browser
        .find("#country")
        .await
        .select_by_value("MK")
        .await
        .expect("chosen");
    browser
        .client
        .execute(
            "document.getElementById('password').removeAttribute('minlength')",
            vec![],
        )
        .await
        .expect("script");
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    assert!(browser.text("#error-password").await.contains("10"));
    assert_eq!(
        browser
            .find("#name")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("Vesna Trajkovska")
    );
    browser.fill("#password", "a long enough password").await;
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    assert!(
        browser
            .find("#registered")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );

    // The emailed link confirms the address in the browser.
    let confirm = link_in_mail(&smtp, "vesna@tests.example", "confirm").await;
    assert!(confirm.contains("/app/verify-email?token="), "{confirm}");
    browser.open(&confirm).await;
    assert!(browser.text("#message").await.contains("confirmed"));
    browser.open(&confirm).await;
    assert!(
        browser
            .find(".error")
            .await
            .is_displayed()
            .await
            .expect("shown"),
        "a link works once"
    );

    // A forgotten password: the link sets a new one.
    browser.open("/app/reset-password").await;
    browser.fill("#email", "vesna@tests.example").await;
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    assert!(
        browser
            .find("#done")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    let reset = link_in_mail(&smtp, "vesna@tests.example", "reset-password").await;
    browser.open(&reset).await;
    browser.fill("#password", "another long password").await;
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    assert!(
        browser
            .find("#done")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    browser.open("/app/login").await;
    browser
        .sign_in("vesna@tests.example", "another long password")
        .await;
    assert_eq!(browser.path().await, "/app");
    browser.close().await;
    app.finish().await;
}

async fn an_applicant_writes_a_proposal_in_the_form_and_submits_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    drafts(&app).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser
        .click_and_load("a[href^='/app/proposals/new']")
        .await;
    for (field, text) in [
        ("#title", "Reading garden"),
        ("#summary", "A garden for reading outdoors."),
        ("#problem", "No green space near the library."),
        ("#proposed_service", "Summer reading sessions outside."),
        ("#target_group", "Families with small children."),
        (
            "#planned_activities",
            "Build benches, plant, run 20 sessions.",
        ),
        ("#organisation", "Library of Ohrid"),
        ("#line-description-0", "Benches"),
        ("#line-amount-0", "1 200,50"),
        ("#line-description-1", "Plants"),
        ("#line-amount-1", "three hundred"),
        ("#requested_amount", "1500.50"),
        ("#target-people_reached", "many"),
        ("#target-events_held", "20"),
    ] {
        browser.fill(field, text).await;
    }
    browser
        .find("#country")
        .await
        .select_by_value("MK")
        .await
        .expect("chosen");
    browser.click_and_load("#save-draft").await;
    // The amount that is not money is named on its line; everything typed stays.
    assert!(browser.text("#error-line-1").await.contains("1500"));
    assert_eq!(
        browser
            .find("#line-amount-0")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("1 200,50")
    );
    assert_eq!(
        browser
            .find("#title")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("Reading garden")
    );
    browser
        .find("#line-amount-1")
        .await
        .clear()
        .await
        .expect("cleared");
    browser.fill("#line-amount-1", "300").await;
    // A target that is not a number is named beside it too.
    assert!(
        browser
            .text("#error-target-people_reached")
            .await
            .contains("whole number")
    );
    browser.retype("#target-people_reached", "600").await;
    browser.click_and_load("#save-draft").await;
    assert_eq!(
        browser.value("#target-people_reached").await,
        "600",
        "the targets are saved with the draft"
    );
    assert!(
        browser
            .find("#saved")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    // Saved as typed, read back in the currency's format.
    assert_eq!(
        browser
            .find("#line-amount-0")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("1200.50")
    );
    browser.click_and_load("#saved a").await;
    assert_eq!(browser.text(".proposal-title").await, "Reading garden");
    assert_eq!(browser.text("#state").await, "Draft");
    browser.click_and_load("button[data-step=submit]").await;
    assert_eq!(browser.text("#state").await, "Submitted");
    browser.close().await;
    app.finish().await;
}

async fn screening_bidding_a_declared_conflict_and_the_admin_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, complete) = drafts(&app).await;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    app.request_with(
        Method::POST,
        &format!("/proposals/{complete}/transitions/submit"),
        Some(&applicant),
        Some(&json!({})),
        &[("if-match", "\"1\"")],
    )
    .await
    .expect(200);
    let browser = Browser::start(&app.base).await;

    // The manager screens it from the queue.
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.click_and_load("#screening").await;
    assert!(browser.text("main table").await.contains("Ready to go"));
    browser.click_and_load("main table a").await;
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
    let (reviewer, _) = app.user_with_roles("rs@tests.example", &["reviewer"]).await;
    app.request(
        Method::PUT,
        &format!("/programmes/{programme_id}/reviewers/{reviewer}"),
        Some(&manager),
        Some(&json!({ "languages": ["mk"], "country": "RS" })),
    )
    .await
    .expect(200);
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
    assert!(browser.text("main").await.contains("pending"));
    browser.click_and_load("#verify-audit").await;
    assert!(browser.text("#audit-result").await.contains("matches"));
    browser.click_and_load("form.logout button").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open("/app/admin").await;
    assert!(browser.text(".error").await.contains("admin"));
    browser.close().await;
    app.finish().await;
}

async fn long_lists_come_a_page_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    drafts(&app).await;
    let applicant = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    let programme_id = app.get("/programmes", Some(&applicant)).await.body["items"][0]["id"]
        .as_str()
        .expect("programme")
        .to_owned();
    for n in 0..53 {
        app.post(
            "/proposals",
            Some(&applicant),
            &json!({ "programme_id": programme_id, "title": format!("Idea {n}") }),
        )
        .await
        .expect(201);
    }
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.open("/app/proposals").await;
    let rows = |text: String| text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(rows(browser.text("main table tbody").await), 50);
    browser.click_and_load("#next-page").await;
    assert_eq!(rows(browser.text("main table tbody").await), 5);
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("#next-page"))
            .await
            .is_err()
    );
    browser.close().await;
    app.finish().await;
}

/// Takes a proposal step through the API at the proposal's current revision.
async fn api_step(app: &TestApp, token: &str, proposal: &str, name: &str) {
    let current = app
        .get(&format!("/proposals/{proposal}"), Some(token))
        .await;
    current.expect(200);
    app.request_with(
        Method::POST,
        &format!("/proposals/{proposal}/transitions/{name}"),
        Some(token),
        Some(&json!({})),
        &[("if-match", &format!("\"{}\"", current.body["revision"]))],
    )
    .await
    .expect(200);
}

async fn a_decision_an_accepted_agreement_and_a_payment_by_two_finance_users(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    app.user_with_roles("fin@tests.example", &["finance"]).await;
    app.user_with_roles("fin2@tests.example", &["finance"])
        .await;
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let mut programme = open_programme_json("MONEYWEB");
    programme["reviews_per_proposal"] = json!(1);
    let created = app.post("/programmes", Some(&manager), &programme).await;
    created.expect(201);
    let programme_id = created.body["id"].as_str().expect("id").to_owned();
    // EUR 2000.00 requested; screened, and an empty review round closed.
    let draft = app
        .post(
            "/proposals",
            Some(&applicant),
            &complete_proposal_json(&programme_id, "MK"),
        )
        .await;
    draft.expect(201);
    let proposal = draft.body["id"].as_str().expect("id").to_owned();
    api_step(&app, &applicant, &proposal, "submit").await;
    for step in [
        "start_screening",
        "mark_eligible",
        "start_review",
        "complete_review",
    ] {
        api_step(&app, &manager, &proposal, step).await;
    }
    let browser = Browser::start(&app.base).await;

    // The manager decides in the form: the plain Fund button is not there.
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert_eq!(browser.text("#state").await, "Reviewed");
    for step in ["fund", "waitlist", "decline"] {
        assert!(
            browser
                .client
                .find(fantoccini::Locator::Css(&format!(
                    "button[data-step={step}]"
                )))
                .await
                .is_err(),
            "'{step}' is taken through the decision form"
        );
    }
    assert_eq!(browser.value("#award").await, "2000.00");
    assert!(
        browser
            .find("#outcome-funded")
            .await
            .prop("checked")
            .await
            .ok()
            .flatten()
            .is_some_and(|c| c == "true")
    );
    // Less than requested without a reason: refused, the reason asked for beside its field.
    browser.retype("#award", "1 500").await;
    browser.click_and_load("#record-decision").await;
    assert!(
        browser.text("#error-comment").await.contains("reason"),
        "{}",
        browser.text("main").await
    );
    assert_eq!(browser.text("#state").await, "Reviewed");
    assert_eq!(browser.value("#award").await, "1 500");
    browser
        .fill("#decision-comment", "Travel costs are not eligible.")
        .await;
    browser.click_and_load("#record-decision").await;
    assert_eq!(browser.text("#state").await, "Funded");
    let letters = browser.text(".decision-letter").await;
    assert!(
        letters.contains("Funded")
            && letters.contains("EUR 1500.00")
            && letters.contains("Travel costs are not eligible."),
        "{letters}"
    );
    let grant_path = browser
        .find("#grant-link")
        .await
        .attr("href")
        .await
        .expect("attribute")
        .expect("a link to the grant");
    assert!(grant_path.starts_with("/app/grants/"), "{grant_path}");

    // The grantee finds the grant, reads the agreement and accepts it.
    browser.sign_out_and_in("ana@tests.example").await;
    browser.click_and_load("nav a[href='/app/grants']").await;
    let list = browser.text("main table").await;
    assert!(
        list.contains("Maker space for teenagers") && list.contains("EUR 1500.00"),
        "{list}"
    );
    browser.click_and_load("main table a").await;
    assert_eq!(browser.path().await, grant_path);
    assert_eq!(
        browser.text("#state").await,
        "Agreement awaiting acceptance"
    );
    let agreement = browser.text("#agreement").await;
    assert!(
        agreement.contains("GRANT AGREEMENT") && agreement.contains("Maker space for teenagers"),
        "{agreement}"
    );
    assert_eq!(browser.text("#award").await, "EUR 1500.00");
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css(".tranche-actions"))
            .await
            .is_err(),
        "the grantee moves no payments"
    );
    browser
        .click_and_load("button[data-step=accept_agreement]")
        .await;
    assert_eq!(browser.text("#state").await, "Active");
    assert!(!browser.text("#accepted").await.is_empty());

    // Finance user A requests the signing tranche and may not approve it too.
    browser.sign_out_and_in("fin@tests.example").await;
    browser.open(&grant_path).await;
    assert!(
        browser
            .text("#why-interim-request")
            .await
            .contains("interim"),
        "the interim tranche waits for its report"
    );
    browser
        .click_and_load("#tranche-signing button[data-step=request]")
        .await;
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Payment requested"
    );
    assert!(browser.text("#requested-signing").await.starts_with("you"));
    let approve = browser
        .find("#tranche-signing button[data-step=approve]")
        .await;
    assert_eq!(
        approve
            .attr("disabled")
            .await
            .expect("attribute")
            .as_deref(),
        Some("true")
    );
    let why = browser.text("#why-signing-approve").await;
    assert!(
        why.contains("another finance user must approve it"),
        "{why}"
    );

    // Finance user B approves.
    browser.sign_out_and_in("fin2@tests.example").await;
    browser.open(&grant_path).await;
    browser
        .click_and_load("#tranche-signing button[data-step=approve]")
        .await;
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Approved for payment"
    );
    assert!(browser.text("#approved-signing").await.starts_with("you"));
    // The requester is named (every test account is "Test Person").
    assert!(
        browser
            .text("#requested-signing")
            .await
            .starts_with("Test Person")
    );

    // A records the payment in denars: without the rate it is refused beside the rate.
    browser.sign_out_and_in("fin@tests.example").await;
    browser.open(&grant_path).await;
    assert_eq!(browser.value("#currency-signing-pay").await, "EUR");
    browser.fill("#reference-signing-pay", "MK-2027-0001").await;
    browser.retype("#currency-signing-pay", "MKD").await;
    browser
        .click_and_load("#tranche-signing button[data-step=pay]")
        .await;
    let error = browser.text("#error-exchange_rate-signing-pay").await;
    assert!(error.contains("exchange rate"), "{error}");
    assert!(browser.text("#error").await.contains("marked below"));
    assert_eq!(
        browser.value("#reference-signing-pay").await,
        "MK-2027-0001"
    );
    assert_eq!(browser.value("#currency-signing-pay").await, "MKD");
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Approved for payment"
    );
    browser.fill("#exchange-rate-signing-pay", "61.5").await;
    browser
        .click_and_load("#tranche-signing button[data-step=pay]")
        .await;
    assert_eq!(browser.text("#tranche-state-signing").await, "Paid");
    let payment = browser.text("#payment-signing").await;
    // 60 % of EUR 1500.00 at 61.5.
    assert!(
        payment.contains("MK-2027-0001") && payment.contains("MKD 55350.00"),
        "{payment}"
    );
    assert_eq!(browser.text("#disbursed").await, "EUR 900.00");
    assert_eq!(browser.text("#outstanding").await, "EUR 600.00");

    // The ledger, reached from the home page, shows where the money is.
    browser.open("/app").await;
    browser
        .click_and_load(&format!("a[href='/app/programmes/{programme_id}/ledger']"))
        .await;
    assert_eq!(browser.text("#disbursed").await, "EUR 900.00");
    assert_eq!(browser.text("#committed").await, "EUR 1500.00");
    assert!(
        browser
            .text("table.ledger-grants")
            .await
            .contains("Maker space for teenagers")
    );
    let csv_link = browser
        .find("#ledger-csv")
        .await
        .attr("href")
        .await
        .expect("attribute")
        .expect("a link");
    assert_eq!(
        csv_link,
        format!("/app/programmes/{programme_id}/ledger.csv")
    );
    let csv = browser
        .client
        .execute(
            "return fetch(arguments[0]).then(r => r.text())",
            vec![json!(csv_link)],
        )
        .await
        .expect("the CSV downloads");
    let csv = csv.as_str().unwrap_or_default();
    assert!(
        csv.contains("recorded_at,kind,amount") && csv.contains("disbursement"),
        "{csv}"
    );
    browser.close().await;
    app.finish().await;
}

/// A started grant of the applicant `ana@tests.example`, funded by the
/// manager, with its interim report open (the server's clock moved to its
/// first reminder). Returns (programme, grant, report) ids.
async fn grant_with_an_open_report(
    app: &TestApp,
    manager: &str,
    applicant: &str,
) -> (String, String, String) {
    let mut programme = open_programme_json("REPORTWEB");
    programme["reviews_per_proposal"] = json!(1);
    let created = app.post("/programmes", Some(manager), &programme).await;
    created.expect(201);
    let programme_id = created.body["id"].as_str().expect("id").to_owned();
    let draft = app
        .post(
            "/proposals",
            Some(applicant),
            &complete_proposal_json(&programme_id, "MK"),
        )
        .await;
    draft.expect(201);
    let proposal = draft.body["id"].as_str().expect("id").to_owned();
    api_step(app, applicant, &proposal, "submit").await;
    for step in [
        "start_screening",
        "mark_eligible",
        "start_review",
        "complete_review",
    ] {
        api_step(app, manager, &proposal, step).await;
    }
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
    let report = reports.body[0]["id"].as_str().expect("a report").to_owned();
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
            return (programme_id, grant, report);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the report did not open");
}

async fn a_grantee_writes_a_report_and_the_manager_accepts_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let (programme_id, grant, report) = grant_with_an_open_report(&app, &manager, &applicant).await;
    let browser = Browser::start(&app.base).await;

    // The grantee finds the report from the menu and from the grant.
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.click_and_load("nav a[href='/app/reports']").await;
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
    assert_eq!(browser.text("#total-spent").await, "EUR 1970.50");
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
        browser
            .client
            .find(fantoccini::Locator::Css("#attachment-file"))
            .await
            .is_err(),
        "no more files once it is handed in"
    );

    // The manager asks for nothing more and accepts it; the impact page counts it.
    browser.sign_out_and_in("manager@tests.example").await;
    browser.open("/app/reports").await;
    browser
        .click_and_load(&format!("#report-row-{report} a"))
        .await;
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("#move-heading"))
            .await
            .is_err(),
        "a report handed in keeps its due date"
    );
    browser.click_and_load("button[data-step=accept]").await;
    assert_eq!(browser.text("#state").await, "Accepted");
    browser
        .open(&format!("/app/programmes/{programme_id}/impact"))
        .await;
    browser.screenshot("manager-impact").await;
    let row = browser.text("#impact-MK").await;
    assert!(
        row.contains("420 / 0") && row.contains("EUR 2000.00"),
        "{row}"
    );
    browser.open("/app/reports?late=true").await;
    assert!(!browser.text("#no-reports").await.is_empty());
    browser.close().await;
    app.finish().await;
}

/// Signs in over plain HTTP (no browser) and returns the session cookie.
async fn an_applicant_attaches_files_on_the_proposal_page_and_removes_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, complete) = drafts(&app).await;
    let files = tempfile::tempdir().expect("a folder for the files");
    let plan = files.path().join("plan.txt");
    std::fs::write(
        &plan,
        "Week 1: buy the printer.\nWeek 2: train the staff.\n",
    )
    .expect("written");
    let page = files.path().join("page.html");
    std::fs::write(&page, "<html><body>not a document</body></html>").expect("written");

    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    let here = format!("/app/proposals/{complete}");
    browser.open(&here).await;
    assert!(
        browser
            .text("#attachments")
            .await
            .contains("No files are attached")
    );
    assert!(
        browser.text("#attachment-hint").await.contains("10 MB"),
        "the programme's limit is shown"
    );

    // A text file is attached and listed.
    browser
        .find("#attachment-file")
        .await
        .send_keys(&plan.display().to_string())
        .await
        .expect("chosen");
    browser.click_and_load("#attach").await;
    assert_eq!(browser.path().await, here);
    let listed = browser.text(".attachments").await;
    assert!(listed.contains("plan.txt"), "{listed}");

    // A web page is refused with the reason, and nothing is added.
    browser
        .find("#attachment-file")
        .await
        .send_keys(&page.display().to_string())
        .await
        .expect("chosen");
    browser.click_and_load("#attach").await;
    let refusal = browser.text(".error").await;
    assert!(refusal.contains("text/html"), "{refusal}");
    assert_eq!(
        browser
            .text(".attachments")
            .await
            .matches("plan.txt")
            .count(),
        1
    );

    // The link downloads the very bytes.
    let owner = app.login("ana@tests.example", ADMIN_PASSWORD).await;
    let listed = app
        .get(&format!("/proposals/{complete}/attachments"), Some(&owner))
        .await;
    listed.expect(200);
    let id = listed.body[0]["id"]
        .as_str()
        .expect("an attachment")
        .to_owned();
    let link = browser
        .find(".attachments a.attachment")
        .await
        .attr("href")
        .await
        .expect("attribute");
    assert_eq!(
        link.as_deref(),
        Some(&*format!("/app/attachments/{id}/content"))
    );
    let cookie = app.session_cookie("ana@tests.example").await;
    let download = app
        .client
        .get(format!("{}/app/attachments/{id}/content", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(download.status(), 200);
    assert_eq!(
        download
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"plan.txt\"; filename*=UTF-8''plan.txt")
    );
    assert_eq!(
        download.bytes().await.expect("the file").as_ref(),
        std::fs::read(&plan).expect("readable").as_slice()
    );

    // An upload without the form's token is refused, and stores nothing.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"forged".to_vec())
            .file_name("forged.txt")
            .mime_str("text/plain")
            .expect("a type"),
    );
    let forged = app
        .client
        .post(format!("{}/app/proposals/{complete}/attachments", app.base))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);

    // The owner removes it.
    browser
        .click_and_load("button[data-remove='plan.txt']")
        .await;
    assert!(
        browser
            .text("#attachments")
            .await
            .contains("No files are attached")
    );
    let listed = app
        .get(&format!("/proposals/{complete}/attachments"), Some(&owner))
        .await;
    assert_eq!(listed.body, json!([]));

    // Once submitted, the list stays but the form and the buttons go.
    app.upload(
        &format!("/proposals/{complete}/attachments"),
        Some(&owner),
        (
            "budget.csv",
            "text/csv",
            b"line,amount\nprinter,1500\n".to_vec(),
        ),
    )
    .await
    .expect(201);
    api_step(&app, &owner, &complete, "submit").await;
    browser.open(&here).await;
    assert!(browser.text(".attachments").await.contains("budget.csv"));
    for gone in ["#attachment-file", "button[data-remove]"] {
        let found = browser
            .client
            .find_all(fantoccini::Locator::Css(gone))
            .await
            .expect("a search");
        assert!(found.is_empty(), "{gone} is gone once submitted");
    }
    browser.close().await;
    app.finish().await;
}

async fn the_admin_grants_roles_and_reads_the_workflow_diagrams(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (rita, _) = app
        .user_with_roles("rita@tests.example", &["applicant"])
        .await;
    let admin = app.admin_token().await;
    let row = "tr[data-email='rita@tests.example']";
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in(grants_tests::ADMIN_EMAIL, ADMIN_PASSWORD)
        .await;

    // From the home page to Users and roles; Rita is an applicant.
    browser.click_and_load("#users-and-roles").await;
    assert_eq!(browser.path().await, "/app/admin/users");
    assert!(
        browser
            .text(&format!("{row} .user-roles"))
            .await
            .contains("Applicant")
    );

    // The admin makes her a reviewer too.
    browser
        .find(&format!("{row} select[name=role]"))
        .await
        .select_by_value("reviewer")
        .await
        .expect("chosen");
    browser
        .click_and_load(&format!("{row} button[data-grant]"))
        .await;
    let roles = browser.text(&format!("{row} .user-roles")).await;
    assert!(
        roles.contains("Reviewer") && roles.contains("Applicant"),
        "{roles}"
    );
    assert!(
        browser
            .text(&format!("{row} .notice"))
            .await
            .contains("Saved")
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    let held: Vec<&str> = api.body["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|r| r["role"].as_str())
        .collect();
    assert_eq!(held, ["applicant", "reviewer"]);

    // An ambassador for a place that does not exist: refused beside the
    // area, with what was typed still there, and nothing changed.
    browser
        .find(&format!("{row} select[name=role]"))
        .await
        .select_by_value("ambassador")
        .await
        .expect("chosen");
    browser
        .fill(&format!("{row} input[name=area]"), "Atlantis")
        .await;
    browser
        .click_and_load(&format!("{row} button[data-grant]"))
        .await;
    let why = browser.text(&format!("[id='error-area-{rita}']")).await;
    browser.screenshot("admin-users-refused").await;
    assert!(why.to_lowercase().contains("atlantis"), "{why}");
    assert_eq!(
        browser.value(&format!("{row} input[name=area]")).await,
        "Atlantis"
    );
    assert_eq!(
        browser.value(&format!("{row} select[name=role]")).await,
        "ambassador"
    );
    assert_eq!(
        browser
            .find(&format!("{row} input[name=area]"))
            .await
            .attr("aria-invalid")
            .await
            .expect("attribute")
            .as_deref(),
        Some("true")
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(api.body["roles"].as_array().map(Vec::len), Some(2));

    // Someone else gives her the finance role meanwhile: deactivating her
    // from the page as it was shown is refused, saying what changed.
    let revision = api.body["revision"].as_i64();
    app.patch(
        &format!("/users/{rita}"),
        &admin,
        revision,
        &json!({ "roles": [{ "role": "applicant" }, { "role": "reviewer" }, { "role": "finance" }] }),
    )
    .await
    .expect(200);
    browser
        .click_and_load(&format!("{row} button[data-deactivate]"))
        .await;
    let stale = browser.text(&format!("[id='error-user-{rita}']")).await;
    assert!(
        stale.contains("Someone else") && stale.contains("Finance"),
        "{stale}"
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(api.body["active"], true);
    // The page now shows the account as it is.
    assert!(
        browser
            .text(&format!("{row} .user-roles"))
            .await
            .contains("Finance")
    );

    // The workflows, from the admin page: the proposal's drawn as an image.
    browser.open("/app/admin").await;
    browser.click_and_load("#workflows").await;
    assert_eq!(browser.path().await, "/app/admin/workflows");
    browser.screenshot("admin-workflows").await;
    let diagram = browser.find("#workflow-proposal svg[role=img]").await;
    let drawn = diagram.text().await.expect("its text");
    assert!(drawn.contains("Eligible, ready for review"), "{drawn}");
    let states = browser
        .client
        .find_all(fantoccini::Locator::Css("#workflow-proposal svg g.state"))
        .await
        .expect("states");
    assert_eq!(states.len(), 12);
    let transitions = browser.text("#workflow-proposal table.transitions").await;
    assert!(
        transitions.contains("decision_recorded") && transitions.contains("proposal_submitted"),
        "{transitions}"
    );
    browser.click_and_load("form.logout button").await;

    // Rita is no administrator: neither page is hers, nor any change.
    browser.sign_in("rita@tests.example", ADMIN_PASSWORD).await;
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("#users-and-roles"))
            .await
            .is_err()
    );
    browser.open("/app/admin/users").await;
    assert!(browser.text(".error").await.contains("admin"));
    browser.open("/app/admin/workflows").await;
    assert!(browser.text(".error").await.contains("admin"));
    // A form she builds herself to make her own account an admin is refused.
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    let page = browser.find("html").await;
    browser
        .client
        .execute(
            "const [id, revision] = arguments;\
             const form = document.createElement('form');\
             form.method = 'post';\
             form.action = `/app/admin/users/${id}/roles`;\
             const token = document.querySelector('form.logout input[name=_csrf]').value;\
             for (const [name, value] of [['_csrf', token], ['revision', revision], ['role', 'admin']]) {\
               const input = document.createElement('input');\
               input.type = 'hidden'; input.name = name; input.value = value;\
               form.appendChild(input);\
             }\
             document.body.appendChild(form);\
             form.submit();",
            vec![json!(rita), json!(api.body["revision"].to_string())],
        )
        .await
        .expect("the page takes a script");
    for _ in 0..200 {
        if page.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(
        browser.text(".error").await.contains("administrator"),
        "{}",
        browser.text("main").await
    );
    let after = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(after.body["revision"], api.body["revision"]);
    browser.close().await;
    app.finish().await;
}
