//! The applicant's pages: signing in and out, why a step is blocked, the
//! language switch, forms without a CSRF token, registering and resetting
//! a password by email, writing a proposal in the form, long lists a page
//! at a time, and attachments on the proposal page.

use grants_tests::browser::Browser;
use grants_tests::smtp::SmtpServer;
use grants_tests::{ADMIN_PASSWORD, Backend, HasId, TestApp, on_both_databases};
use reqwest::Method;
use serde_json::json;

use super::helpers::drafts;

on_both_databases!(
    an_applicant_signs_in_sees_why_a_step_is_blocked_and_submits,
    pages_follow_the_chosen_language_and_refuse_forged_forms,
    a_newcomer_registers_confirms_by_email_and_resets_the_password,
    an_applicant_writes_a_proposal_in_the_form_and_submits_it,
    long_lists_come_a_page_at_a_time,
    an_applicant_attaches_files_on_the_proposal_page_and_removes_one,
);

async fn an_applicant_signs_in_sees_why_a_step_is_blocked_and_submits(backend: Backend) {
    let (w, incomplete, complete) = drafts(backend).await;
    let app = &w.app;
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
    // Withdrawing is open to the owner, and cannot be undone: its button
    // only opens a confirmation, whose red button withdraws.
    let withdraw = browser.find("button[data-step=withdraw]").await;
    assert_eq!(withdraw.attr("disabled").await.expect("attribute"), None);
    assert!(!withdraw.is_displayed().await.expect("shown or not"));
    browser.click("#open-withdraw").await;
    assert!(withdraw.is_displayed().await.expect("shown or not"));
    assert_eq!(
        withdraw.attr("class").await.expect("attribute").as_deref(),
        Some("danger")
    );
    assert!(
        browser
            .text("#warning-withdraw")
            .await
            .contains("cannot be undone")
    );

    // The home page lists what waits for her: both drafts, to finish and submit.
    browser.open("/app").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains("Finish and submit “Ready to go”")
            && todo.contains("Finish and submit “Half-written idea”"),
        "{todo}"
    );

    // The complete one is submitted from the page, and its history shows it;
    // she reads every answer she gave on it.
    browser.open(&format!("/app/proposals/{complete}")).await;
    let read = browser.text("#proposal-read").await;
    for answer in [
        "Teenagers stop visiting the library at 13.",
        "Weekly maker workshops with 3D printing.",
        "Teenagers aged 13 to 18.",
        "Buy equipment, train two librarians, run 40 workshops.",
        "3D printer",
        "City Library",
        "Македонски",
        "makerspace",
    ] {
        assert!(read.contains(answer), "'{answer}' is not shown: {read}");
    }
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
    // Each entry says, in words, who did what.
    assert!(
        history.contains("Test Person: Started the proposal")
            && history.contains("Test Person: Submit"),
        "{history}"
    );
    let api = app
        .get(
            &format!("/proposals/{complete}"),
            Some(&app.login("ana@tests.example", ADMIN_PASSWORD).await),
        )
        .await;
    assert_eq!(api.body["state"], "submitted");

    // Signing out ends the session, and Back on a shared computer shows
    // the sign-in, not her pages (they are never kept: no-store).
    browser.click_and_load("form.logout button").await;
    assert_eq!(browser.path().await, "/app/login");
    browser.client.back().await.expect("went back");
    let shown = browser.text("main").await;
    assert!(
        !shown.contains("Maker space for teenagers") && !shown.contains("Ready to go"),
        "Back after signing out shows a private page: {shown}"
    );
    assert!(
        browser.path().await.starts_with("/app/login"),
        "{}",
        browser.path().await
    );
    browser.open("/app").await;
    assert_eq!(browser.path().await, "/app/login?next=/app");
    browser.close().await;
    w.finish().await;
}

async fn pages_follow_the_chosen_language_and_refuse_forged_forms(backend: Backend) {
    let (w, _, complete) = drafts(backend).await;
    let app = &w.app;
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
    w.close_the_call().await;
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
    // A sign-in posted from elsewhere, without the form's nonce, signs nobody in.
    let forged = client
        .post(format!("{}/app/login", app.base))
        .form(&[("email", "ana@tests.example"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);
    assert!(
        !forged.headers().get_all("set-cookie").iter().any(|c| c
            .to_str()
            .unwrap_or_default()
            .starts_with("grants_session=")),
        "no session for a forged sign-in"
    );
    let signed_in =
        grants_tests::sign_in_by_form(&client, &app.base, "ana@tests.example", ADMIN_PASSWORD)
            .await;
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
    w.finish().await;
}

async fn a_newcomer_registers_confirms_by_email_and_resets_the_password(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp.config()).await;
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
            "document.getElementById('password').removeAttribute('minlength');
             document.getElementById('accepted_privacy_notice').removeAttribute('required')",
            vec![],
        )
        .await
        .expect("script");
    // The privacy notice is there to read before she accepts it.
    assert!(
        browser
            .text("#privacy-notice")
            .await
            .contains("Who reads it.")
    );
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    assert!(browser.text("#error-password").await.contains("10"));
    // Not accepting the notice is named beside its box.
    assert!(
        !browser
            .text("#error-accepted_privacy_notice")
            .await
            .is_empty()
    );
    browser.click("#accepted_privacy_notice").await;
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
    let confirm = super::helpers::link_in_mail(&smtp, "vesna@tests.example", "confirm").await;
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
    let reset = super::helpers::link_in_mail(&smtp, "vesna@tests.example", "reset-password").await;
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
    // The link works once: used again, the page says so and offers a new one.
    browser.open(&reset).await;
    browser.fill("#password", "yet another long password").await;
    browser
        .click_and_load("form.stack button[type=submit]")
        .await;
    let said = browser.text("main .error").await;
    assert!(said.contains("no longer works"), "{said}");
    assert!(
        browser
            .find("#email")
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
    let (w, _, _) = drafts(backend).await;
    let app = &w.app;
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
    // A field with a limit counts as she types: 30 characters of the summary's 2,000.
    assert_eq!(
        browser.text("#summary-counter").await,
        "30 of 2,000 characters"
    );
    browser
        .find("#country")
        .await
        .select_by_value("MK")
        .await
        .expect("chosen");
    browser.click_and_load("#save-draft").await;
    // The amount that is not money is named on its line; everything typed stays.
    assert!(browser.text("#error-line-1").await.contains("1,500.50"));
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
    w.finish().await;
}

async fn long_lists_come_a_page_at_a_time(backend: Backend) {
    let (w, _, _) = drafts(backend).await;
    let app = &w.app;
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
    assert!(browser.absent("#next-page").await);
    browser.close().await;
    w.finish().await;
}

async fn an_applicant_attaches_files_on_the_proposal_page_and_removes_one(backend: Backend) {
    let (w, _, complete) = drafts(backend).await;
    let app = &w.app;
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
    let id = listed.body[0].id();
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
    w.take(&owner, &complete, "submit", json!({}))
        .await
        .expect(200);
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
    w.finish().await;
}
