//! What the page tests of several roles start from: the shared
//! [`World`] (the programme `WEB`) with two drafts of the applicant's,
//! and the complete one taken on to eligible; or a draft taken through an
//! empty review round, ready for a decision; and reviewers for the
//! programme's jury.

use grants_tests::{
    Backend, TestApp, World, WorldBuilder, complete_proposal_json, open_programme_json,
};
use reqwest::Method;
use serde_json::json;

/// A world whose applicant (`ana@tests.example`) has two drafts: one
/// incomplete ("Half-written idea"), one complete ("Ready to go").
/// Returns (world, incomplete, complete).
pub(crate) async fn drafts(backend: Backend) -> (World, String, String) {
    let w = TestApp::init(backend).with_open_programme("WEB").await;
    let incomplete = w
        .app
        .post(
            "/proposals",
            Some(&w.applicant),
            &json!({ "programme_id": w.programme_id, "title": "Half-written idea" }),
        )
        .await;
    incomplete.expect(201);
    let mut body = complete_proposal_json(&w.programme_id, "MK");
    body["title"] = json!("Ready to go");
    let complete = w.app.post("/proposals", Some(&w.applicant), &body).await;
    complete.expect(201);
    let (incomplete, complete) = (incomplete.id(), complete.id());
    (w, incomplete, complete)
}

/// The complete draft of [`drafts`], submitted, screened and marked
/// eligible, ready for reviewers. Returns (world, proposal).
pub(crate) async fn eligible(backend: Backend) -> (World, String) {
    let (w, _, proposal) = drafts(backend).await;
    w.app
        .take_steps(
            &proposal,
            1,
            &[
                (&w.applicant, "submit"),
                (&w.manager, "start_screening"),
                (&w.manager, "mark_eligible"),
            ],
        )
        .await;
    (w, proposal)
}

/// `world` with the programme `code` (one review per proposal) and a
/// complete draft (EUR 2000.00 requested) submitted, screened, and through
/// an empty review round the manager closed: ready for a decision.
pub(crate) async fn reviewed(world: WorldBuilder, code: &str) -> World {
    let mut programme = open_programme_json(code);
    programme["reviews_per_proposal"] = json!(1);
    let w = world.with_programme(programme).with_draft("MK").await;
    let proposal = w.proposal_id();
    w.take(&w.applicant, proposal, "submit", json!({}))
        .await
        .expect(200);
    for step in [
        "start_screening",
        "mark_eligible",
        "start_review",
        "complete_review",
    ] {
        w.take(&w.manager, proposal, step, json!({}))
            .await
            .expect(200);
    }
    w
}

/// A reviewer from `country` who reads Macedonian, with the profile the
/// manager gives them for the world's programme. Returns (id, token).
pub(crate) async fn add_reviewer(w: &World, email: &str, country: &str) -> (String, String) {
    let (id, token) = w.app.user_with_roles(email, &["reviewer"]).await;
    w.app
        .request(
            Method::PUT,
            &format!("/programmes/{}/reviewers/{id}", w.programme_id),
            Some(&w.manager),
            Some(&json!({ "languages": ["mk"], "country": country })),
        )
        .await
        .expect(200);
    (id, token)
}

/// The path of the link in the mail to `to` whose text contains `marker`
/// (the link names the configured public address, not the test's port).
pub(crate) async fn link_in_mail(
    smtp: &grants_tests::smtp::SmtpServer,
    to: &str,
    marker: &str,
) -> String {
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
