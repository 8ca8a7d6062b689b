//! The jury end to end: profiles, conflicts and bids, assignment (preview,
//! commit, repair), reviews with their rules, the automatic move to
//! `reviewed`, review timers through the real SMTP server, and the ranking.

use std::time::Duration;

use grants_tests::smtp::SmtpServer;
use grants_tests::{Backend, HasId, Reply, TestApp, on_both_databases, open_programme_json};
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

on_both_databases!(
    conflicted_reviewers_never_see_the_proposal,
    a_reviewer_cannot_clear_their_own_conflict_by_editing_their_profile,
    conflicts_are_declared_named_added_and_lifted_on_the_record,
    a_blind_programme_hides_the_applicant_from_reviewers,
    the_chair_previews_commits_and_repairs_the_assignment,
    reviews_follow_the_rubric_and_feed_the_ranking,
    review_reminders_and_overdue_notices_are_mailed_once,
    the_funding_line_explains_every_proposal_under_each_policy,
);

/// A programme with a jury of its own: two reviews per proposal, loads of at most three.
struct Jury {
    app: TestApp,
    manager: String,
    chair: String,
    applicant: String,
    programme_id: String,
}

async fn jury(backend: Backend, adjust: impl FnOnce(&mut grants_server::Config)) -> Jury {
    let mut programme = open_programme_json("JURY");
    programme["reviews_per_proposal"] = json!(2);
    programme["reviewer_load_cap"] = json!(3);
    programme["review"] = json!({ "normalise_min_reviews": 2, "disagreement_threshold": 20 });
    let w = TestApp::spawn_with(backend, adjust)
        .await
        .seed()
        .with_user(CHAIR, &["jury_chair"])
        .with_programme(programme)
        .await;
    Jury {
        chair: w.token(CHAIR).to_owned(),
        app: w.app,
        manager: w.manager,
        applicant: w.applicant,
        programme_id: w.programme_id,
    }
}

const CHAIR: &str = "chair@tests.example";

impl Jury {
    /// Takes a proposal transition with the proposal's current revision.
    async fn take(&self, token: &str, proposal: &str, transition: &str) -> Reply {
        self.app
            .transition_now(&self.applicant, token, proposal, transition, &json!({}))
            .await
    }

    /// A proposal screened eligible, ready for review.
    async fn eligible(&self, country: &str, language: &str, extra: Value) -> String {
        let mut body = grants_tests::complete_proposal_json(&self.programme_id, country);
        body["language"] = json!(language);
        body["organisation"] = json!(format!("Library of {country}"));
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let draft = self
            .app
            .post("/proposals", Some(&self.applicant), &body)
            .await;
        draft.expect(201);
        let proposal = draft.id();
        for (token, step) in [
            (&self.applicant, "submit"),
            (&self.manager, "start_screening"),
            (&self.manager, "mark_eligible"),
        ] {
            self.take(token, &proposal, step).await.expect(200);
        }
        proposal
    }

    /// A reviewer with the profile the chair gives them for the programme; returns (id, token).
    async fn reviewer(&self, email: &str, country: &str, languages: &[&str]) -> (String, String) {
        let (reviewer_id, token) = self.app.user_with_roles(email, &["reviewer"]).await;
        self.app
            .request(
                Method::PUT,
                &format!("/programmes/{}/reviewers/{reviewer_id}", self.programme_id),
                // Country and organisation decide conflicts: the chair sets them.
                Some(&self.chair),
                Some(&json!({
                    "languages": languages,
                    "country": country,
                    "organisation": format!("Library of {country}"),
                    "expertise": ["makerspace"],
                })),
            )
            .await
            .expect(200);
        (reviewer_id, token)
    }

    async fn visible(&self, token: &str, proposal: &str) -> u16 {
        self.app
            .get(&format!("/proposals/{proposal}"), Some(token))
            .await
            .status
            .as_u16()
    }

    async fn listed(&self, token: &str) -> Vec<String> {
        let list = self
            .app
            .get(
                &format!("/proposals?programme_id={}", self.programme_id),
                Some(token),
            )
            .await;
        list.expect(200);
        list.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|p| p["id"].as_str().map(str::to_owned))
            .collect()
    }

    async fn preview(&self, body: Value) -> Reply {
        self.app
            .post(
                &format!("/programmes/{}/assignment/preview", self.programme_id),
                Some(&self.chair),
                &body,
            )
            .await
    }

    async fn commit(&self, fingerprint: &str) -> Reply {
        self.app
            .post(
                &format!("/programmes/{}/assignment/commit", self.programme_id),
                Some(&self.chair),
                &json!({ "fingerprint": fingerprint }),
            )
            .await
    }

    async fn state(&self, proposal: &str) -> String {
        self.app
            .get(&format!("/proposals/{proposal}"), Some(&self.applicant))
            .await
            .body["state"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn my_assignments(&self, token: &str) -> Vec<Value> {
        let mine = self.app.get("/me/assignments", Some(token)).await;
        mine.expect(200);
        mine.body.as_array().expect("a list").clone()
    }

    /// Saves and submits a review; returns the submit reply.
    async fn review(&self, token: &str, assignment: &str, scores: Value) -> Reply {
        let current = self
            .app
            .get(&format!("/assignments/{assignment}/review"), Some(token))
            .await;
        let etag = format!("\"{}\"", current.body["revision"]);
        let saved = self
            .app
            .request_with(
                Method::PUT,
                &format!("/assignments/{assignment}/review"),
                Some(token),
                Some(&json!({
                    "scores": scores,
                    "recommendation": "fund",
                    "comment_for_applicant": "Clear plan.",
                    "comment_for_jury": "Budget is tight.",
                })),
                &[("if-match", &etag)],
            )
            .await;
        if saved.status != 200 {
            return saved;
        }
        let etag = format!("\"{}\"", saved.body["revision"]);
        self.app
            .request_with(
                Method::POST,
                &format!("/assignments/{assignment}/review/submit"),
                Some(token),
                Some(&json!({})),
                &[("if-match", &etag)],
            )
            .await
    }
}

async fn conflicted_reviewers_never_see_the_proposal(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    let macedonian = j.eligible("MK", "mk", json!({})).await;
    let albanian = j.eligible("AL", "sq", json!({})).await;
    let (_, from_mk) = j.reviewer("mk@tests.example", "MK", &["mk", "en"]).await;
    let (_, from_rs) = j.reviewer("rs@tests.example", "RS", &["sr", "mk"]).await;

    // A bad profile names every field and changes nothing.
    let (someone, token) = j
        .app
        .user_with_roles("new@tests.example", &["reviewer"])
        .await;
    let bad = j
        .app
        .request(
            Method::PUT,
            &format!("/programmes/{}/reviewers/{someone}", j.programme_id),
            Some(&token),
            Some(&json!({ "languages": ["xx"], "max_load": 99, "country": "YU" })),
        )
        .await;
    bad.expect_problem(422);
    assert_eq!(bad.error_fields(), ["languages[0]", "country", "max_load"]);
    j.app
        .get(
            &format!("/programmes/{}/reviewers/{someone}", j.programme_id),
            Some(&token),
        )
        .await
        .expect_problem(404);

    // Same country: the Macedonian reviewer does not see the Macedonian proposal anywhere.
    assert_eq!(j.visible(&from_mk, &macedonian).await, 404);
    assert_eq!(j.visible(&from_mk, &albanian).await, 200);
    assert_eq!(j.listed(&from_mk).await, std::slice::from_ref(&albanian));
    assert_eq!(
        j.listed(&from_rs).await,
        [macedonian.clone(), albanian.clone()]
    );
    let bid = |token: String, proposal: String, level: &'static str| {
        let app = &j.app;
        async move {
            app.request(
                Method::PUT,
                &format!("/proposals/{proposal}/bid"),
                Some(&token),
                Some(&json!({ "level": level })),
            )
            .await
        }
    };
    bid(from_mk.clone(), macedonian.clone(), "eager")
        .await
        .expect_problem(404);
    bid(from_mk.clone(), albanian.clone(), "eager")
        .await
        .expect(200);
    bid(from_mk.clone(), albanian.clone(), "maybe")
        .await
        .expect_problem(422);
    bid(from_rs.clone(), macedonian.clone(), "willing")
        .await
        .expect(200);
    // Applicants and ambassadors do not bid.
    bid(j.applicant.clone(), albanian.clone(), "eager")
        .await
        .expect_problem(403);

    let all = j
        .app
        .get(
            &format!("/programmes/{}/bids", j.programme_id),
            Some(&j.chair),
        )
        .await;
    all.expect(200);
    assert_eq!(all.body.as_array().map(Vec::len), Some(2));
    let own = j
        .app
        .get(
            &format!("/programmes/{}/bids", j.programme_id),
            Some(&from_mk),
        )
        .await;
    assert_eq!(own.body.as_array().map(Vec::len), Some(1));
    assert_eq!(own.body[0]["level"], "eager");
    j.app
        .request(
            Method::DELETE,
            &format!("/proposals/{albanian}/bid"),
            Some(&from_mk),
            None,
        )
        .await
        .expect(204);
    let jury_list = j
        .app
        .get(
            &format!("/programmes/{}/reviewers", j.programme_id),
            Some(&j.chair),
        )
        .await;
    jury_list.expect(200);
    assert_eq!(jury_list.body.as_array().map(Vec::len), Some(2));
    j.app
        .get(
            &format!("/programmes/{}/reviewers", j.programme_id),
            Some(&from_mk),
        )
        .await
        .expect_problem(403);
    j.app.finish().await;
}

async fn a_reviewer_cannot_clear_their_own_conflict_by_editing_their_profile(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    let macedonian = j.eligible("MK", "mk", json!({})).await;
    let (mk_id, from_mk) = j.reviewer("mk@tests.example", "MK", &["mk", "en"]).await;
    let profile = format!("/programmes/{}/reviewers/{mk_id}", j.programme_id);
    let edit = |body: Value| {
        let (app, profile, token) = (&j.app, &profile, &from_mk);
        async move {
            app.request(Method::PUT, profile, Some(token), Some(&body))
                .await
        }
    };
    for (field, value) in [("country", "HR"), ("organisation", "Somewhere Else")] {
        let refused = edit(json!({ field: value })).await;
        refused.expect_problem(422);
        assert_eq!(refused.error_fields(), [field]);
        assert_eq!(refused.body["errors"][0]["code"], "set_by_jury_runners");
    }
    // What is not about conflicts stays the reviewer's to change.
    edit(json!({ "country": "mk", "max_load": 2 }))
        .await
        .expect(200);
    // Nor through the account, from which new profiles start.
    let account = j.app.get(&format!("/users/{mk_id}"), Some(&from_mk)).await;
    account.expect(200);
    let moved = j
        .app
        .request(
            Method::PATCH,
            &format!("/users/{mk_id}"),
            Some(&from_mk),
            Some(&json!({ "country": "HR", "revision": account.body["revision"] })),
        )
        .await;
    moved.expect_problem(422);
    assert_eq!(moved.body["errors"][0]["code"], "set_by_administrators");

    // The conflicted proposal stays hidden and cannot be bid on or assigned.
    assert_eq!(j.visible(&from_mk, &macedonian).await, 404);
    assert!(j.listed(&from_mk).await.is_empty());
    j.app
        .request(
            Method::PUT,
            &format!("/proposals/{macedonian}/bid"),
            Some(&from_mk),
            Some(&json!({ "level": "eager" })),
        )
        .await
        .expect_problem(404);
    let saved = j.app.get(&profile, Some(&j.chair)).await;
    assert_eq!(saved.body["country"], "MK");
    assert_eq!(saved.body["organisation"], "Library of MK");
    assert_eq!(saved.body["max_load"], 2);
    // The chair may correct it, and the page the reviewer sees says who does.
    assert_eq!(
        j.app.get(&profile, Some(&from_mk)).await.body["may_change_conflict_fields"],
        false
    );
    j.app
        .request(
            Method::PUT,
            &profile,
            Some(&j.chair),
            Some(&json!({ "organisation": "National Library" })),
        )
        .await
        .expect(200);
    j.app.finish().await;
}

async fn conflicts_are_declared_named_added_and_lifted_on_the_record(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    let (serbian, from_rs) = j.reviewer("rs@tests.example", "RS", &["sr", "mk"]).await;
    let (albanian, from_al) = j.reviewer("al@tests.example", "AL", &["sq", "mk"]).await;
    // The applicant names the Serbian reviewer by address, in any case.
    let named = j
        .eligible(
            "MK",
            "mk",
            json!({ "conflicts_of_interest": ["RS@tests.example"] }),
        )
        .await;
    assert_eq!(j.visible(&from_rs, &named).await, 404);
    assert_eq!(j.visible(&from_al, &named).await, 200);
    // The applicant's list is not for reviewers' eyes.
    let seen = j
        .app
        .get(&format!("/proposals/{named}"), Some(&from_al))
        .await;
    assert_eq!(seen.body["conflicts_of_interest"], json!([]));
    assert_eq!(seen.body["organisation"], "Library of MK");

    let conflicts = j
        .app
        .get(&format!("/proposals/{named}/conflicts"), Some(&j.manager))
        .await;
    conflicts.expect(200);
    assert_eq!(conflicts.body.as_array().map(Vec::len), Some(1));
    assert_eq!(conflicts.body[0]["reviewer_id"], serbian.as_str());
    assert_eq!(conflicts.body[0]["in_force"], json!(["named_by_applicant"]));
    j.app
        .get(&format!("/proposals/{named}/conflicts"), Some(&from_al))
        .await
        .expect_problem(403);

    // Lifting needs a reason, and a conflict in force.
    let lift = |body: Value| {
        let app = &j.app;
        let manager = j.manager.clone();
        let named = named.clone();
        async move {
            app.post(
                &format!("/proposals/{named}/conflicts/lift"),
                Some(&manager),
                &body,
            )
            .await
        }
    };
    let no_reason =
        lift(json!({ "reviewer_id": serbian, "kind": "named_by_applicant", "reason": " " })).await;
    no_reason.expect_problem(422);
    assert_eq!(no_reason.error_fields(), ["reason"]);
    lift(json!({ "reviewer_id": serbian, "kind": "same_country", "reason": "x" }))
        .await
        .expect_problem(422);
    let lifted = lift(json!({
        "reviewer_id": serbian, "kind": "named_by_applicant",
        "reason": "A namesake; not the person meant.",
    }))
    .await;
    lifted.expect(200);
    assert_eq!(lifted.body, json!([]));
    assert_eq!(j.visible(&from_rs, &named).await, 200);
    j.app
        .post(
            &format!("/proposals/{named}/conflicts/lift"),
            Some(&from_rs),
            &json!({ "reviewer_id": serbian, "kind": "named_by_applicant", "reason": "mine" }),
        )
        .await
        .expect_problem(403);

    // The reviewer declares a conflict: the proposal disappears for them.
    let declared = j
        .app
        .post(
            &format!("/proposals/{named}/conflicts"),
            Some(&from_rs),
            &json!({ "reason": "I mentored the applicant." }),
        )
        .await;
    declared.expect(201);
    assert_eq!(declared.body, json!(["declared_by_reviewer"]));
    assert_eq!(j.visible(&from_rs, &named).await, 404);

    // A manager adds one for another reviewer, with a reason.
    let without = j
        .app
        .post(
            &format!("/proposals/{named}/conflicts"),
            Some(&j.manager),
            &json!({ "reviewer_id": albanian }),
        )
        .await;
    without.expect_problem(422);
    assert_eq!(without.error_fields(), ["reason"]);
    j.app
        .post(
            &format!("/proposals/{named}/conflicts"),
            Some(&j.manager),
            &json!({ "reviewer_id": albanian, "reason": "Same consortium." }),
        )
        .await
        .expect(201);
    assert_eq!(j.visible(&from_al, &named).await, 404);
    assert!(j.listed(&from_al).await.is_empty());

    // Every record is on the jury's audit trail, not the applicant's history.
    let admin = j.app.admin_token().await;
    let trail = j
        .app
        .get(
            &format!(
                "/audit-events?subject_type=programme_jury&subject_id={}",
                j.programme_id
            ),
            Some(&admin),
        )
        .await;
    trail.expect(200);
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("conflict."))
        .collect();
    assert_eq!(
        actions,
        ["conflict.lifted", "conflict.recorded", "conflict.recorded"]
    );
    let history = j
        .app
        .get(&format!("/proposals/{named}/history"), Some(&j.applicant))
        .await;
    assert!(
        !history.body.to_string().contains("conflict"),
        "{}",
        history.body
    );
    j.app.finish().await;
}

async fn a_blind_programme_hides_the_applicant_from_reviewers(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    let proposal = j.eligible("MK", "mk", json!({})).await;
    let (_, reviewer) = j.reviewer("rs@tests.example", "RS", &["mk"]).await;
    let open = j
        .app
        .get(&format!("/proposals/{proposal}"), Some(&reviewer))
        .await;
    assert_eq!(open.body["organisation"], "Library of MK");
    assert!(open.body["owner_id"].is_string());
    let programme = j
        .app
        .get(&format!("/programmes/{}", j.programme_id), Some(&j.manager))
        .await;
    j.app
        .patch(
            &format!("/programmes/{}", j.programme_id),
            &j.manager,
            programme.body["revision"].as_i64(),
            &json!({ "review": { "blind": true } }),
        )
        .await
        .expect(200);
    let blind = j
        .app
        .get(&format!("/proposals/{proposal}"), Some(&reviewer))
        .await;
    blind.expect(200);
    assert_eq!(blind.body["organisation"], Value::Null);
    assert_eq!(blind.body["owner_id"], Value::Null);
    assert_eq!(blind.body["title"], "Maker space for teenagers");
    // The chair and the applicant still see everything.
    let chair = j
        .app
        .get(&format!("/proposals/{proposal}"), Some(&j.chair))
        .await;
    assert_eq!(chair.body["organisation"], "Library of MK");
    j.app.finish().await;
}

/// The preview's reviewers of each proposal, by proposal id.
fn reviewers_by_proposal(preview: &Value) -> Vec<(String, Vec<String>)> {
    preview["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| {
            (
                p["proposal_id"].as_str().expect("id").to_owned(),
                p["reviewers"]
                    .as_array()
                    .expect("reviewers")
                    .iter()
                    .filter_map(|r| r["reviewer_id"].as_str().map(str::to_owned))
                    .collect(),
            )
        })
        .collect()
}

async fn the_chair_previews_commits_and_repairs_the_assignment(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let j = jury(backend, smtp.config()).await;
    let mk_one = j.eligible("MK", "mk", json!({})).await;
    let mk_two = j.eligible("MK", "mk", json!({})).await;
    let albanian = j.eligible("AL", "sq", json!({})).await;
    let (rs, from_rs) = j.reviewer("rs@tests.example", "RS", &["mk", "sr"]).await;
    let (bg, _) = j.reviewer("bg@tests.example", "BG", &["mk", "bg"]).await;
    let (al, _) = j.reviewer("al@tests.example", "AL", &["sq", "mk"]).await;
    let (ro, _) = j
        .reviewer("ro@tests.example", "RO", &["ro", "sq", "mk"])
        .await;
    let (mk, _) = j.reviewer("mk@tests.example", "MK", &["mk", "sq"]).await;

    j.app
        .post(
            &format!("/programmes/{}/assignment/preview", j.programme_id),
            Some(&from_rs),
            &json!({}),
        )
        .await
        .expect_problem(403);
    let preview = j.preview(json!({})).await;
    preview.expect(200);
    let p = &preview.body;
    assert_eq!(p["slots_needed"], 6);
    assert_eq!(p["slots_filled"], 6);
    for (proposal, reviewers) in reviewers_by_proposal(p) {
        assert_eq!(reviewers.len(), 2, "{proposal}");
        if proposal != albanian {
            // Same-country reviewers never review Macedonian proposals.
            assert!(!reviewers.contains(&mk), "{p:#}");
        } else {
            // Only readers of Albanian, and not the Albanian reviewer.
            assert!(reviewers.iter().all(|r| *r == ro || *r == mk), "{p:#}");
        }
    }
    for load in p["loads"].as_array().expect("loads") {
        assert!(load["load"].as_u64().is_some_and(|l| l <= 3), "{load}");
    }
    // Excluding a needed Albanian reader leaves a slot open, with the reason.
    let excluded = j
        .preview(json!({ "excluded": [{ "proposal_id": albanian, "reviewer_id": ro }] }))
        .await;
    excluded.expect(200);
    let open_slot = excluded.body["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .find(|x| x["proposal_id"] == albanian.as_str())
        .expect("the Albanian proposal")
        .clone();
    assert_eq!(open_slot["missing"], 1);
    let reason = open_slot["unfilled_reason"].as_str().unwrap_or_default();
    assert!(reason.contains("Albanian"), "{reason}");
    // Pinning a conflicted pair is refused with the reason.
    j.preview(json!({ "pinned": [{ "proposal_id": mk_one, "reviewer_id": mk }] }))
        .await
        .expect_problem(422);
    let unknown = j
        .preview(json!({ "pinned": [{ "proposal_id": mk_one, "reviewer_id": j.programme_id }] }))
        .await;
    unknown.expect_problem(422);
    assert_eq!(unknown.error_fields(), ["pinned[0].reviewer_id"]);

    // A bid after the preview makes it stale.
    let fingerprint = p["fingerprint"].as_str().expect("fingerprint").to_owned();
    j.app
        .request(
            Method::PUT,
            &format!("/proposals/{mk_one}/bid"),
            Some(&from_rs),
            Some(&json!({ "level": "eager" })),
        )
        .await
        .expect(200);
    j.commit(&fingerprint).await.expect_problem(409);
    j.commit("").await.expect_problem(409);
    let fresh = j.preview(json!({})).await;
    let committed = j
        .commit(fresh.body["fingerprint"].as_str().expect("fingerprint"))
        .await;
    committed.expect(200);
    assert_eq!(committed.body["created"], 6);
    assert_eq!(committed.body["proposals_started"], 3);
    let eager = reviewers_by_proposal(&committed.body["preview"]);
    assert!(
        eager.iter().any(|(p, r)| *p == mk_one && r.contains(&rs)),
        "the eager bid was honoured"
    );
    for proposal in [&mk_one, &mk_two, &albanian] {
        assert_eq!(j.state(proposal).await, "in_review");
    }
    // Each reviewer got one mail per assignment.
    smtp.wait_for(6).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails: Vec<_> = smtp
        .messages()
        .into_iter()
        .filter(|m| m.text.contains("asked to review"))
        .collect();
    assert_eq!(
        mails.len(),
        6,
        "{:?}",
        mails.iter().map(|m| &m.to).collect::<Vec<_>>()
    );
    drop(smtp);

    // Bidding is over once review started.
    j.app
        .request(
            Method::PUT,
            &format!("/proposals/{mk_two}/bid"),
            Some(&from_rs),
            Some(&json!({ "level": "eager" })),
        )
        .await
        .expect_problem(409);

    // The Serbian reviewer declines one; the repair fills the gap and moves nobody else.
    let before = reviewers_by_proposal(&j.preview(json!({})).await.body);
    let mine = j.my_assignments(&from_rs).await;
    let declined = mine
        .iter()
        .find(|a| a["state"] == "invited")
        .expect("an invitation")
        .clone();
    let declined_proposal = declined["proposal_id"].as_str().expect("id").to_owned();
    let assignment = declined["id"].as_str().expect("id");
    j.app
        .post(
            &format!("/assignments/{assignment}/decline"),
            Some(&from_rs),
            &json!({}),
        )
        .await
        .expect_problem(422);
    j.app
        .post(
            &format!("/assignments/{assignment}/decline"),
            Some(&from_rs),
            &json!({ "reason": "Travelling until March." }),
        )
        .await
        .expect(200);
    let repair = j.preview(json!({})).await;
    repair.expect(200);
    assert_eq!(repair.body["new_pairs"], 1);
    for ((proposal, old), (_, new)) in before.iter().zip(reviewers_by_proposal(&repair.body)) {
        let kept: Vec<&String> = old
            .iter()
            .filter(|r| **r != rs || *proposal != declined_proposal)
            .collect();
        for reviewer in kept {
            assert!(new.contains(reviewer), "{reviewer} moved off {proposal}");
        }
        if *proposal == declined_proposal {
            assert!(!new.contains(&rs));
            assert_eq!(new.len(), 2);
        }
    }
    let repaired = j
        .commit(repair.body["fingerprint"].as_str().expect("fingerprint"))
        .await;
    repaired.expect(200);
    assert_eq!(repaired.body["created"], 1);

    // Manual changes: a removed reviewer can be added back; conflicts still hold.
    let all = j
        .app
        .get(
            &format!("/programmes/{}/assignments", j.programme_id),
            Some(&j.manager),
        )
        .await;
    all.expect(200);
    let some = all
        .body
        .as_array()
        .expect("assignments")
        .iter()
        .find(|a| a["state"] == "invited" && a["reviewer_id"] == bg.as_str())
        .expect("an assignment of the Bulgarian reviewer")
        .clone();
    let (pair_proposal, pair_id) = (
        some["proposal_id"].as_str().expect("id").to_owned(),
        some.id(),
    );
    j.app
        .post(
            &format!("/assignments/{pair_id}/remove"),
            Some(&j.chair),
            &json!({ "reason": "Rebalancing." }),
        )
        .await
        .expect(200);
    j.app
        .post(
            &format!("/programmes/{}/assignments", j.programme_id),
            Some(&j.chair),
            &json!({ "proposal_id": pair_proposal, "reviewer_id": bg }),
        )
        .await
        .expect(201);
    j.app
        .post(
            &format!("/programmes/{}/assignments", j.programme_id),
            Some(&j.chair),
            &json!({ "proposal_id": pair_proposal, "reviewer_id": bg }),
        )
        .await
        .expect_problem(409);
    let conflicted = j
        .app
        .post(
            &format!("/programmes/{}/assignments", j.programme_id),
            Some(&j.chair),
            &json!({ "proposal_id": mk_one, "reviewer_id": mk }),
        )
        .await;
    conflicted.expect_problem(409);
    let not_reader = j
        .app
        .post(
            &format!("/programmes/{}/assignments", j.programme_id),
            Some(&j.chair),
            &json!({ "proposal_id": albanian, "reviewer_id": bg }),
        )
        .await;
    not_reader.expect_problem(422);
    assert_eq!(not_reader.error_fields(), ["reviewer_id"]);
    let _ = al;
    j.app.finish().await;
}

async fn reviews_follow_the_rubric_and_feed_the_ranking(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    let first = j.eligible("MK", "mk", json!({})).await;
    let second = j.eligible("RS", "mk", json!({})).await;
    let (_, harsh) = j.reviewer("al@tests.example", "AL", &["mk"]).await;
    let (_, kind) = j.reviewer("bg@tests.example", "BG", &["mk"]).await;
    let fresh = j.preview(json!({})).await;
    j.commit(fresh.body["fingerprint"].as_str().expect("fingerprint"))
        .await
        .expect(200);
    let harsh_work = j.my_assignments(&harsh).await;
    let kind_work = j.my_assignments(&kind).await;
    assert_eq!((harsh_work.len(), kind_work.len()), (2, 2));
    let of = |work: &[Value], proposal: &str| -> String {
        work.iter()
            .find(|a| a["proposal_id"] == proposal)
            .and_then(|a| a["id"].as_str())
            .expect("assigned")
            .to_owned()
    };

    // Bad scores: every problem named, nothing stored.
    let assignment = of(&harsh_work, &first);
    let bad = j
        .app
        .request(
            Method::PUT,
            &format!("/assignments/{assignment}/review"),
            Some(&harsh),
            Some(&json!({ "scores": { "impact": 9, "feasibility": 2, "beauty": 3 } })),
        )
        .await;
    bad.expect_problem(422);
    assert_eq!(bad.error_fields(), ["scores.beauty", "scores.impact"]);
    let not_applicable = j
        .app
        .request(
            Method::PUT,
            &format!("/assignments/{assignment}/review"),
            Some(&harsh),
            Some(&json!({ "scores": { "impact": "n/a" } })),
        )
        .await;
    not_applicable.expect_problem(422);
    let untouched = j
        .app
        .get(&format!("/assignments/{assignment}/review"), Some(&harsh))
        .await;
    assert_eq!(untouched.body["state"], "not_started");
    // Another reviewer's assignment is not there for them.
    j.app
        .request(
            Method::PUT,
            &format!("/assignments/{assignment}/review"),
            Some(&kind),
            Some(&json!({ "scores": { "impact": 3 } })),
        )
        .await
        .expect_problem(404);
    // A draft without a recommendation cannot be submitted.
    let draft = j
        .app
        .request(
            Method::PUT,
            &format!("/assignments/{assignment}/review"),
            Some(&harsh),
            Some(&json!({ "scores": { "impact": 2 } })),
        )
        .await;
    draft.expect(200);
    assert_eq!(draft.body["state"], "draft");
    let incomplete = j
        .app
        .request_with(
            Method::POST,
            &format!("/assignments/{assignment}/review/submit"),
            Some(&harsh),
            Some(&json!({})),
            &[("if-match", "\"1\"")],
        )
        .await;
    incomplete.expect_problem(422);
    assert_eq!(
        incomplete.error_fields(),
        ["scores.feasibility", "recommendation"]
    );
    // Reviews of others are closed until one's own is in.
    j.app
        .get(&format!("/proposals/{first}/reviews"), Some(&harsh))
        .await
        .expect_problem(403);

    // N/A on feasibility: impact alone carries the score (2 of 1..5 → 25 points).
    let submitted = j
        .review(
            &harsh,
            &assignment,
            json!({ "impact": 2, "feasibility": "n/a" }),
        )
        .await;
    submitted.expect(200);
    assert_eq!(submitted.body["state"], "submitted");
    assert_eq!(submitted.body["weighted_score"], 25.0);
    j.review(
        &harsh,
        &assignment,
        json!({ "impact": 2, "feasibility": 2 }),
    )
    .await
    .expect_problem(409);
    assert_eq!(j.state(&first).await, "in_review");
    j.review(
        &harsh,
        &of(&harsh_work, &second),
        json!({ "impact": 3, "feasibility": 3 }),
    )
    .await
    .expect(200);
    j.review(
        &kind,
        &of(&kind_work, &first),
        json!({ "impact": 5, "feasibility": 5 }),
    )
    .await
    .expect(200);
    // The last review in moves the proposal on by itself.
    assert_eq!(j.state(&first).await, "reviewed");
    let others = j
        .app
        .get(&format!("/proposals/{first}/reviews"), Some(&harsh))
        .await;
    others.expect(200);
    assert_eq!(others.body.as_array().map(Vec::len), Some(2));
    assert_eq!(others.body[0]["comment_for_jury"], "Budget is tight.");
    // The applicant reads nothing before the decision.
    let before = j
        .app
        .get(&format!("/proposals/{first}/reviews"), Some(&j.applicant))
        .await;
    assert_eq!(before.body, json!([]));
    // The proposal's dossier holds the reviews its reader may read: the
    // reviewer's has the jury's comment, the applicant's none of it.
    let dossier = |token: &str| {
        let app = &j.app;
        let path = format!("/proposals/{first}/dossier.pdf");
        let token = token.to_owned();
        async move {
            let (status, _, bytes) = app.download(&path, Some(&token)).await;
            assert_eq!(status, 200);
            grants_tests::readers::words_of(&grants_tests::readers::read_pdf(&bytes))
        }
    };
    assert!(dossier(&harsh).await.contains("Budget is tight."));
    assert!(!dossier(&j.applicant).await.contains("Budget is tight."));

    j.review(
        &kind,
        &of(&kind_work, &second),
        json!({ "impact": 4, "feasibility": 5 }),
    )
    .await
    .expect(200);
    assert_eq!(j.state(&second).await, "reviewed");
    // With every proposal past review, a new run has nothing to do, and says so.
    let after = j.preview(json!({})).await;
    after.expect(200);
    assert_eq!(after.body["slots_needed"], 0);

    let ranking = j
        .app
        .get(
            &format!("/programmes/{}/ranking", j.programme_id),
            Some(&j.chair),
        )
        .await;
    ranking.expect(200);
    let r = &ranking.body;
    assert_eq!(r["basis"], "normalised_mean");
    let entries = r["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2);
    for e in entries {
        assert_eq!(e["reviews"], 2);
        assert_eq!(e["missing_reviews"], 0);
        assert!(e["normalised_mean"].is_number());
        // Raw scores 25/100 and 60/85 differ by more than 20 points.
        assert_eq!(e["disagreement"], true, "{e}");
    }
    assert_eq!(r["reviewers"].as_array().map(Vec::len), Some(2));
    j.app
        .get(
            &format!("/programmes/{}/ranking", j.programme_id),
            Some(&harsh),
        )
        .await
        .expect_problem(403);
    let csv = j
        .app
        .client
        .get(format!(
            "{}/programmes/{}/ranking.csv",
            j.app.base, j.programme_id
        ))
        .bearer_auth(&j.chair)
        .send()
        .await
        .expect("answers");
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let text = csv.text().await.expect("text");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("position,proposal_id,title"));
    assert!(lines[1].starts_with("1,"));

    // Only the chair reopens, with a reason.
    let reopen = |token: String, body: Value| {
        let app = &j.app;
        let assignment = assignment.clone();
        async move {
            app.post(
                &format!("/assignments/{assignment}/review/reopen"),
                Some(&token),
                &body,
            )
            .await
        }
    };
    reopen(j.manager.clone(), json!({ "reason": "x" }))
        .await
        .expect_problem(403);
    reopen(j.chair.clone(), json!({})).await.expect_problem(422);
    let reopened = reopen(j.chair.clone(), json!({ "reason": "Impact misread." })).await;
    reopened.expect(200);
    assert_eq!(reopened.body["state"], "draft");
    j.app.finish().await;
}

async fn review_reminders_and_overdue_notices_are_mailed_once(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let j = jury(backend, smtp.config()).await;
    let proposal = j.eligible("MK", "mk", json!({})).await;
    let (_, late) = j.reviewer("al@tests.example", "AL", &["mk"]).await;
    let (_, prompt) = j.reviewer("bg@tests.example", "BG", &["mk"]).await;
    let fresh = j.preview(json!({})).await;
    j.commit(fresh.body["fingerprint"].as_str().expect("fingerprint"))
        .await
        .expect(200);
    smtp.wait_for(2).await;
    let prompt_work = j.my_assignments(&prompt).await;
    j.review(
        &prompt,
        prompt_work[0]["id"].as_str().expect("id"),
        json!({ "impact": 4, "feasibility": 4 }),
    )
    .await
    .expect(200);
    let late_work = j.my_assignments(&late).await;
    assert_eq!(late_work[0]["overdue"], false);

    // Time passes: both reminders come due, as if the days went by.
    let db = j.app.database.connect().await;
    let backend = db.get_database_backend();
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let travel = |kind: &str| {
        sea_orm::Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => "UPDATE timers SET fire_at = $1 WHERE kind = $2",
                _ => "UPDATE timers SET fire_at = ? WHERE kind = ?",
            },
            [past.into(), kind.into()],
        )
    };
    db.execute_raw(travel("review_reminder"))
        .await
        .expect("reminders due");
    let mut reminded = Vec::new();
    for _ in 0..300 {
        reminded = smtp
            .messages()
            .into_iter()
            .filter(|m| m.to == "al@tests.example" && m.subject.starts_with("Reminder"))
            .collect();
        if !reminded.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(reminded.len(), 1, "the late reviewer is reminded once");
    db.execute_raw(travel("review_overdue"))
        .await
        .expect("deadlines pass");
    for _ in 0..100 {
        let fired = db
            .query_all_raw(sea_orm::Statement::from_string(
                backend,
                "SELECT outcome FROM timers WHERE fired_at IS NOT NULL".to_owned(),
            ))
            .await
            .expect("timers readable");
        if fired.len() == 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let all = smtp.messages();
    let to_prompt = all.iter().filter(|m| m.to == "bg@tests.example").count();
    let to_late = all.iter().filter(|m| m.to == "al@tests.example").count();
    // The prompt reviewer only got the assignment; the late one also a reminder and a notice.
    assert_eq!(
        to_prompt,
        1,
        "{:#?}",
        all.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>()
    );
    assert_eq!(
        to_late,
        3,
        "{:#?}",
        all.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>()
    );
    let late_work = j.my_assignments(&late).await;
    assert_eq!(
        late_work[0]["overdue"], false,
        "the due date itself did not move"
    );
    assert_eq!(j.state(&proposal).await, "in_review");
    j.app.finish().await;
}

async fn the_funding_line_explains_every_proposal_under_each_policy(backend: Backend) {
    let j = jury(backend, |_| {}).await;
    // A small budget: room for one award of 2000 EUR, not two.
    let programme = j
        .app
        .get(&format!("/programmes/{}", j.programme_id), Some(&j.manager))
        .await;
    j.app
        .patch(
            &format!("/programmes/{}", j.programme_id),
            &j.manager,
            programme.body["revision"].as_i64(),
            &json!({
                "budget": { "minor": 300_000, "currency": "EUR" },
                "max_award": { "minor": 250_000, "currency": "EUR" },
            }),
        )
        .await
        .expect(200);
    let better = j.eligible("MK", "mk", json!({})).await;
    let worse = j.eligible("RS", "mk", json!({})).await;
    let (_, one) = j.reviewer("al@tests.example", "AL", &["mk"]).await;
    let (_, two) = j.reviewer("bg@tests.example", "BG", &["mk"]).await;
    let fresh = j.preview(json!({})).await;
    j.commit(fresh.body["fingerprint"].as_str().expect("fingerprint"))
        .await
        .expect(200);
    for (token, scores) in [(&one, [5, 2]), (&two, [4, 1])] {
        for assignment in j.my_assignments(token).await {
            let id = assignment["id"].as_str().expect("id");
            let score = if assignment["proposal_id"] == better.as_str() {
                scores[0]
            } else {
                scores[1]
            };
            j.review(token, id, json!({ "impact": score, "feasibility": score }))
                .await
                .expect(200);
        }
    }
    assert_eq!(j.state(&worse).await, "reviewed");
    let plan = |policy: &str| {
        let app = &j.app;
        let chair = j.chair.clone();
        let path = format!("/programmes/{}/funding-plan", j.programme_id);
        let body = json!({ "policy": policy });
        async move { app.post(&path, Some(&chair), &body).await }
    };
    for policy in ["strict_rank", "skip_to_fit", "optimal"] {
        let reply = plan(policy).await;
        reply.expect(200);
        let proposals = reply.body["proposals"].as_array().expect("proposals");
        assert_eq!(proposals.len(), 2, "{policy}");
        assert_eq!(proposals[0]["proposal_id"], better.as_str());
        assert_eq!(proposals[0]["decision"], "funded", "{policy}");
        assert_eq!(proposals[1]["decision"], "not_funded", "{policy}");
        let why = proposals[1]["explanation"].as_str().unwrap_or_default();
        assert!(!why.is_empty(), "{policy}: every proposal has its reason");
        assert_eq!(reply.body["line"]["committed"]["minor"], 200_000);
        assert_eq!(reply.body["available"]["minor"], 300_000);
    }
    plan("lottery").await.expect_problem(422);
    j.app
        .post(
            &format!("/programmes/{}/funding-plan", j.programme_id),
            Some(&one),
            &json!({ "policy": "optimal" }),
        )
        .await
        .expect_problem(403);
    j.app.finish().await;
}
