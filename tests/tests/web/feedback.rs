//! Feedback reaches the right people: the ambassador's screening remark
//! stays with the staff unless she shares it, the reviewer's comment for the
//! applicant reaches the applicant with the decision letter and on her page,
//! the comment for the jury never does.

use grants_tests::browser::Browser;
use grants_tests::smtp::SmtpServer;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases, open_programme_json};
use reqwest::Method;
use serde_json::json;

use super::helpers::add_reviewer;

on_both_databases!(the_applicant_reads_the_reviewers_comments_and_never_a_staff_remark);

const INTERNAL: &str = "Ask finance whether the venue costs are eligible.";
const SHARED: &str = "Well prepared: the budget is clear.";
const FOR_APPLICANT: &str = "A clear need; say how teenagers outside the city will come.";
const FOR_JURY: &str = "The equipment line looks generous.";

async fn the_applicant_reads_the_reviewers_comments_and_never_a_staff_remark(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp.config()).await;
    let mut programme = open_programme_json("FEEDBACK");
    programme["reviews_per_proposal"] = json!(1);
    let w = app
        .seed()
        .with_user("ambassador@tests.example", &["ambassador:MK"])
        .with_user("chair@tests.example", &["jury_chair"])
        .with_programme(programme)
        .with_draft("MK")
        .await;
    let (app, proposal) = (&w.app, w.proposal_id().to_owned());
    let (_, reviewer) = add_reviewer(&w, "rs@tests.example", "RS").await;
    w.take(&w.applicant, &proposal, "submit", json!({}))
        .await
        .expect(200);

    // The ambassador screens. Starting the screening tells the applicant
    // nothing: her remark is for the staff unless she ticks the box.
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in("ambassador@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    let hint = browser.text("#comment-readers-start_screening").await;
    assert!(hint.contains("Only the programme's staff"), "{hint}");
    assert!(!browser.ticked("#share-start_screening").await);
    browser.fill("#comment-start_screening", INTERNAL).await;
    browser
        .click_and_load("button[data-step=start_screening]")
        .await;
    browser.fill("#comment-mark_eligible", SHARED).await;
    browser.click("#share-mark_eligible").await;
    browser
        .click_and_load("button[data-step=mark_eligible]")
        .await;
    assert_eq!(browser.text("#state").await, "Eligible, ready for review");
    // Her own remark stays on the page she and the staff read.
    let history = browser.text("ol.timeline").await;
    assert!(
        history.contains(INTERNAL) && history.contains(SHARED),
        "{history}"
    );
    browser.click_and_load("form.logout button").await;

    // One reviewer, assigned by the chair, scores it with a comment for
    // the applicant and one for the jury.
    let chair = app.login("chair@tests.example", ADMIN_PASSWORD).await;
    let preview = app
        .post(
            &format!("/programmes/{}/assignment/preview", w.programme_id),
            Some(&chair),
            &json!({}),
        )
        .await;
    preview.expect(200);
    app.post(
        &format!("/programmes/{}/assignment/commit", w.programme_id),
        Some(&chair),
        &json!({ "fingerprint": preview.body["fingerprint"] }),
    )
    .await
    .expect(200);
    let mine = app.get("/me/assignments", Some(&reviewer)).await;
    let assignment = mine.body[0]["id"]
        .as_str()
        .expect("an assignment")
        .to_owned();
    let saved = app
        .request_with(
            Method::PUT,
            &format!("/assignments/{assignment}/review"),
            Some(&reviewer),
            Some(&json!({
                "scores": { "impact": 4, "feasibility": 3 },
                "recommendation": "fund",
                "comment_for_applicant": FOR_APPLICANT,
                "comment_for_jury": FOR_JURY,
            })),
            &[("if-match", "\"0\"")],
        )
        .await;
    saved.expect(200);
    app.request_with(
        Method::POST,
        &format!("/assignments/{assignment}/review/submit"),
        Some(&reviewer),
        Some(&json!({})),
        &[("if-match", &format!("\"{}\"", saved.body["revision"]))],
    )
    .await
    .expect(200);
    if w.get(&w.applicant, &proposal).await.body["state"] == "in_review" {
        w.take(&w.manager, &proposal, "complete_review", json!({}))
            .await
            .expect(200);
    }

    // The manager declines it on the decision form; the letter she sees
    // carries the reviewer's comment for the applicant.
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    browser.click("#outcome-declined").await;
    browser
        .fill("#decision-comment", "Thank you for applying.")
        .await;
    browser.click_and_load("#record-decision").await;
    assert_eq!(browser.text("#state").await, "Declined");
    browser.click_and_load("form.logout button").await;

    // The applicant's letter: the decision, the reviewer's comment for her,
    // nothing meant for the jury or the staff.
    let mut letter = None;
    for _ in 0..300 {
        letter = smtp
            .messages()
            .into_iter()
            .find(|m| m.to == "ana@tests.example" && m.text.contains("Thank you for applying."));
        if letter.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let letter = letter.expect("the decision letter");
    assert!(letter.text.contains(FOR_APPLICANT), "{}", letter.text);
    assert!(letter.html.contains(FOR_APPLICANT), "{}", letter.html);
    for private in [FOR_JURY, INTERNAL] {
        assert!(!letter.text.contains(private), "{}", letter.text);
    }
    // Every mail she received leaves the staff's remark out.
    for mail in smtp
        .messages()
        .iter()
        .filter(|m| m.to == "ana@tests.example")
    {
        assert!(!mail.text.contains(INTERNAL), "{}", mail.text);
    }

    // Her page: the shared remark and the reviewer's comment, without the
    // staff's remark or the jury's comment.
    browser.sign_in("ana@tests.example", ADMIN_PASSWORD).await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    let page = browser.text("main").await;
    assert!(
        page.contains(SHARED) && page.contains(FOR_APPLICANT),
        "{page}"
    );
    assert!(
        !page.contains(INTERNAL) && !page.contains(FOR_JURY),
        "{page}"
    );
    // Nor does the API's history give it away.
    let history = w.history(&w.applicant, &proposal).await;
    assert!(
        history
            .iter()
            .all(|e| e["details"]["comment"] != json!(INTERNAL)),
        "{history:?}"
    );
    let staff = w.history(&w.manager, &proposal).await;
    assert!(
        staff
            .iter()
            .any(|e| e["details"]["comment"] == json!(INTERNAL)),
        "{staff:?}"
    );

    // A programme that keeps the reviewers' comments from applicants: her
    // page shows no reviews (the letter already sent stays as it was sent),
    // and the reviewer's form says so where she writes.
    let path = format!("/programmes/{}", w.programme_id);
    let revision = app.get(&path, Some(&w.manager)).await.body["revision"].as_i64();
    app.patch(
        &path,
        &w.manager,
        revision,
        &json!({ "review": { "comments_to_applicant": false } }),
    )
    .await
    .expect(200);
    let reviews = app
        .get(
            &format!("/proposals/{proposal}/reviews"),
            Some(&w.applicant),
        )
        .await;
    assert_eq!(reviews.body, json!([]));
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert!(browser.absent("#reviews article").await);
    browser.click_and_load("form.logout button").await;
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser
        .open(&format!("/app/assignments/{assignment}"))
        .await;
    let hint = browser.text("#applicant-reads").await;
    assert!(hint.contains("does not send"), "{hint}");
    browser.close().await;
    w.finish().await;
}
