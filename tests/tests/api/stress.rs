//! Sixty-four clients race conflicting proposal transitions and edits,
//! review saves, submissions and reopenings, and tranche requests,
//! approvals and payments on a handful of shared objects for a bounded
//! time. Afterwards the invariant checker reads the database behind the
//! server's back, and every answer a client got is held against it: each
//! 2xx is in the history exactly where its revision says, each refusal left
//! no trace, no tranche is paid twice and the ledger adds up.
//!
//! `GRANTS_STRESS_SECONDS` sets how long the race runs (3 s by default).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use grants_tests::invariants::{self, Findings};
use grants_tests::sql;
use grants_tests::{Backend, HasId, Reply, on_both_databases};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use uuid::Uuid;

use super::money::{Round, etag, round};

on_both_databases!(sixty_four_clients_race_and_every_invariant_holds);

const CLIENTS: u64 = 64;

fn race_time() -> Duration {
    let seconds = std::env::var("GRANTS_STRESS_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(seconds)
}

/// The shared objects the clients fight over.
struct Arena {
    r: Round,
    reviewer: String,
    proposals: Vec<String>,
    tranches: Vec<String>,
    assignments: Vec<String>,
}

/// What one request was and what came back.
#[derive(Debug, Clone)]
struct Outcome {
    subject: String,
    action: String,
    status: u16,
    /// The revision the 2xx answer reports.
    revision: Option<i64>,
    /// What was written, for edits and review saves.
    written: Option<Value>,
}

async fn sixty_four_clients_race_and_every_invariant_holds(backend: Backend) {
    let arena = Arc::new(arena(backend).await);
    let db = arena.r.app.database.connect().await;
    let before = invariants::check(&db).await;
    before.assert_hold();
    let reviews_before = review_revisions(&arena).await;

    let log = Arc::new(Mutex::new(Vec::<Outcome>::new()));
    let deadline = Instant::now() + race_time();
    let clients = (0..CLIENTS).map(|seed| {
        let arena = Arc::clone(&arena);
        let log = Arc::clone(&log);
        tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(seed);
            while Instant::now() < deadline {
                let outcome = arena.act(&mut rng, seed).await;
                log.lock().await.push(outcome);
            }
        })
    });
    for client in futures_util::future::join_all(clients).await {
        client.expect("a client finished without panicking");
    }
    let log = std::mem::take(&mut *log.lock().await);

    // Only the answers the design allows: nothing broke.
    let mut by_status: HashMap<u16, usize> = HashMap::new();
    for o in &log {
        *by_status.entry(o.status).or_default() += 1;
        assert!(
            matches!(o.status, 200 | 403 | 409 | 422 | 428),
            "{} {} answered {}",
            o.action,
            o.subject,
            o.status
        );
    }
    let ok = by_status.get(&200).copied().unwrap_or(0);
    eprintln!(
        "{backend:?}: {} requests by {CLIENTS} clients in {:?}: {by_status:?}",
        log.len(),
        race_time()
    );
    assert!(ok >= 20, "the race moved too little to prove anything");
    assert!(
        by_status.get(&409).copied().unwrap_or(0) > 0,
        "the clients never collided"
    );

    let after = invariants::check(&db).await;
    after.assert_hold();
    let raced: Vec<&String> = arena.proposals.iter().chain(&arena.tranches).collect();
    every_answer_is_in_the_history(&raced, &before, &after, &log);
    no_lost_edit(&arena, &log).await;
    no_lost_review_write(&arena, &reviews_before, &log).await;

    // The ledger the finance users read agrees with the database.
    let ledger = arena.r.ledger().await;
    let paid: i64 = after
        .states
        .iter()
        .filter(|(id, state)| {
            *state == "paid" && arena.tranches.iter().any(|t| t == &id.to_string())
        })
        .count() as i64
        * 100_000;
    assert_eq!(ledger["totals"]["disbursed"]["minor"], json!(paid));

    // The checker is not blind: a proposal put in a state its workflow lacks
    // and a tranche marked paid behind the ledger's back are both named.
    let unpaid = arena
        .tranches
        .iter()
        .find(|t| after.states.get(&Uuid::parse_str(t).expect("an id")) != Some(&"paid".into()))
        .expect("the race left a tranche unpaid");
    for (statement, id) in [
        (
            "UPDATE proposals SET state = 'limbo' WHERE id = $1",
            &arena.proposals[0],
        ),
        ("UPDATE tranches SET state = 'paid' WHERE id = $1", unpaid),
    ] {
        let id = Uuid::parse_str(id).expect("an id");
        sql::execute(&db, statement, vec![id.into()]).await;
    }
    let tampered = invariants::check(&db).await;
    let named = |needle: String| tampered.broken.iter().any(|b| b.contains(&needle));
    assert!(
        named(format!("{} is in 'limbo'", arena.proposals[0])),
        "{:#?}",
        tampered.broken
    );
    assert!(
        named(format!(
            "paid tranche {unpaid} of 100000 has disbursements []"
        )),
        "{:#?}",
        tampered.broken
    );

    db.close().await.expect("closed");
    match Arc::try_unwrap(arena) {
        Ok(arena) => arena.r.app.finish().await,
        Err(_) => panic!("a client still holds the arena"),
    }
}

/// Every 2xx transition appears in its object's history once, in the order
/// of the revisions the answers reported, and nothing else was added: a
/// refusal left no step behind. (Objects moved only as a consequence, such
/// as a proposal whose last review came in, are checked by the invariants.)
fn every_answer_is_in_the_history(
    raced: &[&String],
    before: &Findings,
    after: &Findings,
    log: &[Outcome],
) {
    let mut answered: HashMap<&str, Vec<(i64, &str)>> = HashMap::new();
    for o in log.iter().filter(|o| o.status == 200) {
        if let Some(transition) = o.action.strip_prefix("transition:") {
            let revision = o
                .revision
                .expect("a transition answer carries its revision");
            answered
                .entry(o.subject.as_str())
                .or_default()
                .push((revision, transition));
        }
    }
    for id in raced {
        let id = Uuid::parse_str(id).expect("an id");
        let steps = after.steps.get(&id).map(Vec::as_slice).unwrap_or_default();
        let earlier = before.steps.get(&id).map_or(0, Vec::len);
        let new: Vec<&str> = steps[earlier..]
            .iter()
            .map(|s| s.transition.as_str())
            .collect();
        let mut mine = answered.remove(id.to_string().as_str()).unwrap_or_default();
        mine.sort_unstable();
        let revisions: Vec<i64> = mine.iter().map(|(r, _)| *r).collect();
        let mut unique = revisions.clone();
        unique.dedup();
        assert_eq!(unique, revisions, "{id}: two answers claim one revision");
        let names: Vec<&str> = mine.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            new, names,
            "{id}: the history's new steps are not the 2xx answers in revision order"
        );
    }
    assert!(
        answered.is_empty(),
        "answered transitions on objects nobody raced: {answered:?}"
    );
}

/// The last successful edit of each proposal is what the proposal says now,
/// and every successful edit was recorded.
async fn no_lost_edit(arena: &Arena, log: &[Outcome]) {
    let db = arena.r.app.database.connect().await;
    for proposal in &arena.proposals {
        let edits: Vec<&Outcome> = log
            .iter()
            .filter(|o| o.subject == *proposal && o.action == "edit" && o.status == 200)
            .collect();
        let recorded = sql::count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_events WHERE subject_id = $1 AND action = 'proposal.edited'",
            vec![Uuid::parse_str(proposal).expect("an id").into()],
        )
        .await;
        assert_eq!(
            recorded,
            edits.len() as i64,
            "{proposal}: every 2xx edit is recorded once"
        );
        let shown = arena
            .r
            .app
            .get(&format!("/proposals/{proposal}"), Some(&arena.r.manager))
            .await;
        if let Some(last) = edits.iter().max_by_key(|o| o.revision) {
            assert_eq!(
                Some(&shown.body["title"]),
                last.written.as_ref(),
                "{proposal}: the last 2xx edit is what the proposal says"
            );
        }
    }
}

async fn review_revisions(arena: &Arena) -> HashMap<String, i64> {
    let mut revisions = HashMap::new();
    for assignment in &arena.assignments {
        let review = arena
            .r
            .app
            .get(
                &format!("/assignments/{assignment}/review"),
                Some(&arena.reviewer),
            )
            .await;
        review.expect(200);
        revisions.insert(
            assignment.clone(),
            review.body["revision"].as_i64().expect("a revision"),
        );
    }
    revisions
}

/// Each review's revision moved once per 2xx write, and its scores are the
/// last saved ones.
async fn no_lost_review_write(arena: &Arena, before: &HashMap<String, i64>, log: &[Outcome]) {
    let after = review_revisions(arena).await;
    for assignment in &arena.assignments {
        let writes: Vec<&Outcome> = log
            .iter()
            .filter(|o| o.subject == *assignment && o.status == 200)
            .collect();
        assert_eq!(
            after[assignment] - before[assignment],
            writes.len() as i64,
            "{assignment}: one revision per 2xx write"
        );
        let mut revisions: Vec<i64> = writes.iter().filter_map(|o| o.revision).collect();
        revisions.sort_unstable();
        revisions.dedup();
        assert_eq!(
            revisions.len(),
            writes.len(),
            "{assignment}: revisions repeat"
        );
        let last_save = writes
            .iter()
            .filter(|o| o.action == "save")
            .max_by_key(|o| o.revision);
        if let Some(save) = last_save {
            let review = arena
                .r
                .app
                .get(
                    &format!("/assignments/{assignment}/review"),
                    Some(&arena.reviewer),
                )
                .await;
            assert_eq!(
                Some(&review.body["scores"]),
                save.written.as_ref(),
                "{assignment}: the last 2xx save is what the review says"
            );
        }
    }
}

/// A programme with four proposals cycling through screening, three
/// accepted grants with two payable tranches each, and a reviewer with two
/// assignments.
async fn arena(backend: Backend) -> Arena {
    let r = round(
        backend,
        10_000_000,
        |programme| {
            programme["tranche_template"] = json!([
                { "key": "signing", "percent": 50, "condition": { "kind": "agreement_signed" } },
                { "key": "start", "percent": 50, "condition": { "kind": "months_after_start", "months": 0 } },
            ]);
        },
        |config| config.database.max_connections = 8,
    )
    .await;
    let mut tranches = Vec::new();
    for country in ["MK", "RS", "AL"] {
        let proposal = r.reviewed(country, "Funded library", 200_000).await;
        let decided = r.decide(&proposal, json!({ "outcome": "funded" })).await;
        decided.expect(200);
        let grant = decided.body["grant_id"]
            .as_str()
            .expect("a grant")
            .to_owned();
        r.accept_agreement(&grant).await;
        for t in r.grant(&r.finance, &grant).await["tranches"]
            .as_array()
            .expect("tranches")
        {
            tranches.push(t.id());
        }
    }

    // Two proposals under review by one reviewer from elsewhere.
    let reviewed_ones = [
        r.eligible("MK", "Reading garden", 100_000).await,
        r.eligible("RS", "Podcast studio", 100_000).await,
    ];
    let reviewer = r.assigned_reviewer().await;
    let mine = r.app.get("/me/assignments", Some(&reviewer)).await;
    mine.expect(200);
    let assignments: Vec<String> = mine
        .body
        .as_array()
        .expect("assignments")
        .iter()
        .map(|a| a.id())
        .collect();
    assert_eq!(assignments.len(), reviewed_ones.len());
    for assignment in &assignments {
        // A first draft, so every later write has a revision to race on.
        r.app
            .request(
                Method::PUT,
                &format!("/assignments/{assignment}/review"),
                Some(&reviewer),
                Some(&json!({ "scores": { "impact": 3, "feasibility": 3 }, "recommendation": "fund" })),
            )
            .await
            .expect(200);
    }

    let mut proposals = Vec::new();
    for (n, country) in ["MK", "RS", "AL", "BG"].into_iter().enumerate() {
        let mut body = grants_tests::complete_proposal_json(&r.programme_id, country);
        body["title"] = json!(format!("Contested proposal {n}"));
        let draft = r.app.post("/proposals", Some(&r.applicant), &body).await;
        draft.expect(201);
        let proposal = draft.id();
        r.take(&r.applicant, &proposal, "submit").await.expect(200);
        proposals.push(proposal);
    }
    Arena {
        r,
        reviewer,
        proposals,
        tranches,
        assignments,
    }
}

impl Arena {
    /// One random request by client `client`.
    async fn act(&self, rng: &mut StdRng, client: u64) -> Outcome {
        match rng.gen_range(0..10) {
            0..=3 => self.move_proposal(rng).await,
            4 => self.edit_proposal(rng, client).await,
            5..=7 => self.move_tranche(rng, client).await,
            _ => self.write_review(rng).await,
        }
    }

    /// A revision read just now, or (one time in five) one step stale.
    async fn revision_of(&self, path: &str, token: &str, rng: &mut StdRng) -> i64 {
        let current = self.r.app.get(path, Some(token)).await;
        let revision = current.body["revision"].as_i64().unwrap_or(1);
        if rng.gen_ratio(1, 5) {
            (revision - 1).max(1)
        } else {
            revision
        }
    }

    async fn move_proposal(&self, rng: &mut StdRng) -> Outcome {
        let proposal = self.pick(&self.proposals, rng);
        let r = &self.r;
        let (transition, body, owner_step) = [
            ("start_screening", json!({}), false),
            (
                "request_changes",
                json!({ "comment": "Say who runs it." }),
                false,
            ),
            ("resubmit", json!({}), true),
            ("submit", json!({}), true),
        ]
        .choose(rng)
        .expect("a step")
        .clone();
        // Now and then the wrong person tries: a 403 that must leave nothing.
        let token = if owner_step != rng.gen_ratio(1, 10) {
            &r.applicant
        } else {
            &r.manager
        };
        let path = format!("/proposals/{proposal}");
        let revision = self.revision_of(&path, &r.manager, rng).await;
        self.transition(&path, transition, token, &body, revision)
            .await
    }

    async fn edit_proposal(&self, rng: &mut StdRng, client: u64) -> Outcome {
        let proposal = self.pick(&self.proposals, rng);
        let r = &self.r;
        let path = format!("/proposals/{proposal}");
        let revision = self.revision_of(&path, &r.manager, rng).await;
        let title = json!(format!(
            "Edited by client {client} at {}",
            rng.r#gen::<u32>()
        ));
        let mut content = grants_tests::complete_proposal_json(&r.programme_id, "MK");
        if let Some(fields) = content.as_object_mut() {
            fields.remove("programme_id");
        }
        content["title"] = title.clone();
        let reply = r
            .app
            .patch(&path, &r.applicant, Some(revision), &content)
            .await;
        outcome(proposal, "edit".into(), &reply, Some(title))
    }

    async fn move_tranche(&self, rng: &mut StdRng, client: u64) -> Outcome {
        let tranche = self.pick(&self.tranches, rng);
        let r = &self.r;
        let (transition, body) = [
            ("request", json!({})),
            ("approve", json!({})),
            ("send_back", json!({ "comment": "Wrong account." })),
            (
                "pay",
                json!({ "payment": {
                    "reference": format!("RACE-{client}"),
                    "value_date": chrono::Utc::now().date_naive(),
                }}),
            ),
        ]
        .choose(rng)
        .expect("a step")
        .clone();
        let token = if rng.gen_bool(0.5) {
            &r.finance
        } else {
            &r.second_finance
        };
        let path = format!("/tranches/{tranche}");
        let revision = self.revision_of(&path, &r.finance, rng).await;
        self.transition(&path, transition, token, &body, revision)
            .await
    }

    async fn write_review(&self, rng: &mut StdRng) -> Outcome {
        let assignment = self.pick(&self.assignments, rng);
        let r = &self.r;
        let path = format!("/assignments/{assignment}/review");
        let revision = self.revision_of(&path, &self.reviewer, rng).await;
        let if_match = etag(&json!(revision));
        match rng.gen_range(0..4) {
            0 | 1 => {
                let scores = json!({
                    "impact": rng.gen_range(1..=5),
                    "feasibility": rng.gen_range(1..=5),
                });
                let reply = r
                    .app
                    .request_with(
                        Method::PUT,
                        &path,
                        Some(&self.reviewer),
                        Some(&json!({ "scores": scores, "recommendation": "fund" })),
                        &[("if-match", &if_match)],
                    )
                    .await;
                outcome(assignment, "save".into(), &reply, Some(scores))
            }
            2 => {
                let reply = r
                    .app
                    .request_with(
                        Method::POST,
                        &format!("{path}/submit"),
                        Some(&self.reviewer),
                        Some(&json!({})),
                        &[("if-match", &if_match)],
                    )
                    .await;
                outcome(assignment, "submit".into(), &reply, None)
            }
            _ => {
                let reply = r
                    .app
                    .post(
                        &format!("{path}/reopen"),
                        Some(&r.chair),
                        &json!({ "reason": "Scores need a second look." }),
                    )
                    .await;
                outcome(assignment, "reopen".into(), &reply, None)
            }
        }
    }

    /// Takes `transition` on the object at `path` (`/proposals/{id}`, …) at `revision`.
    async fn transition(
        &self,
        path: &str,
        transition: &str,
        token: &str,
        body: &Value,
        revision: i64,
    ) -> Outcome {
        let reply = self
            .r
            .app
            .request_with(
                Method::POST,
                &format!("{path}/transitions/{transition}"),
                Some(token),
                Some(body),
                &[("if-match", &etag(&json!(revision)))],
            )
            .await;
        let subject = path.rsplit('/').next().unwrap_or_default();
        outcome(subject, format!("transition:{transition}"), &reply, None)
    }

    fn pick<'a>(&self, from: &'a [String], rng: &mut StdRng) -> &'a str {
        from.choose(rng).expect("objects to race on")
    }
}

fn outcome(subject: &str, action: String, reply: &Reply, written: Option<Value>) -> Outcome {
    Outcome {
        subject: subject.to_owned(),
        action,
        status: reply.status.as_u16(),
        revision: reply.body["revision"].as_i64(),
        written,
    }
}
