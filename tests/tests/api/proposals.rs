use std::time::Duration;

use clap::Parser;
use grants_server::cli::Cli;
use grants_tests::{Backend, HasId, Reply, TestApp, complete_proposal_json, on_both_databases};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

on_both_databases!(
    an_applicant_drafts_completes_and_submits_while_the_call_is_open,
    submission_is_refused_once_the_call_has_closed,
    only_the_ambassador_of_the_proposals_country_screens_it,
    changes_are_requested_with_a_reason_and_the_proposal_resubmitted,
    a_missed_change_deadline_closes_the_proposal_by_timer,
    the_owner_withdraws_and_nothing_leaves_a_final_state,
    concurrent_identical_transitions_succeed_exactly_once,
    audit_verify_detects_an_edited_row,
    each_person_lists_only_the_proposals_they_may_see,
    bad_transition_requests_get_precise_errors,
    invalid_drafts_name_the_field_and_write_nothing,
    bodies_of_the_wrong_shape_name_the_field,
);

fn transitions_of(history: &[Value]) -> Vec<String> {
    history
        .iter()
        .filter(|e| e["action"] == "proposal.transition")
        .map(|e| {
            e["details"]["transition"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

async fn an_applicant_drafts_completes_and_submits_while_the_call_is_open(backend: Backend) {
    let w = TestApp::init(backend).await;
    let empty = w
        .app
        .post(
            "/proposals",
            Some(&w.applicant),
            &json!({ "programme_id": w.programme_id }),
        )
        .await;
    empty.expect(201);
    assert_eq!(empty.body["state"], "draft");
    assert_eq!(empty.body["workflow"], "proposal");
    assert!(
        empty.body["workflow_version"]
            .as_u64()
            .is_some_and(|v| v >= 1)
    );
    let id = empty.id();

    let offered = w
        .app
        .get(&format!("/proposals/{id}/transitions"), Some(&w.applicant))
        .await;
    offered.expect(200);
    let submit = offered
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["name"] == "submit")
        .expect("submit offered")
        .clone();
    assert_eq!(submit["allowed"], false);
    assert!(
        submit["blocked_by"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r["guard"] == "form_complete"
                && r["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("fill in title"))
    );
    let refused = w.take(&w.applicant, &id, "submit", json!({})).await;
    refused.expect_problem(409);
    assert!(
        refused.body["blocked_by"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );

    let mut content = complete_proposal_json(&w.programme_id, "MK");
    content
        .as_object_mut()
        .expect("object")
        .remove("programme_id");
    let edited = w
        .app
        .patch(&format!("/proposals/{id}"), &w.applicant, Some(1), &content)
        .await;
    edited.expect(200);
    assert_eq!(edited.body["title"], "Maker space for teenagers");
    assert_eq!(
        edited.body["requested_amount"],
        json!({ "minor": 200_000, "currency": "EUR" })
    );

    let offered = w
        .app
        .get(&format!("/proposals/{id}/transitions"), Some(&w.applicant))
        .await;
    let allowed: Vec<_> = offered
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter(|t| t["allowed"] == true)
        .map(|t| t["name"].clone())
        .collect();
    assert_eq!(allowed, [json!("submit"), json!("withdraw")]);

    let submitted = w.take(&w.applicant, &id, "submit", json!({})).await;
    submitted.expect(200);
    assert_eq!(submitted.body["state"], "submitted");
    assert_eq!(submitted.body["state_label"], "Submitted");
    assert!(submitted.body["submitted_at"].is_string());
    assert_eq!(submitted.header("etag"), Some("\"3\""));
    // Submitted proposals cannot be edited.
    w.app
        .patch(
            &format!("/proposals/{id}"),
            &w.applicant,
            Some(3),
            &json!({ "title": "Late" }),
        )
        .await
        .expect_problem(409);

    let history = w.history(&w.applicant, &id).await;
    let actions: Vec<_> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        ["proposal.created", "proposal.edited", "proposal.transition"]
    );
    assert_eq!(history[2]["details"]["from"], "draft");
    assert_eq!(history[2]["details"]["to"], "submitted");
    let seqs: Vec<_> = history
        .iter()
        .map(|e| e["seq"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(seqs, [1, 2, 3]);

    // The submission queued mail for the applicant and the programme manager
    // (which the dispatcher may already be sending into the mail folder).
    let db = w.app.database.connect().await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT event, state FROM outbox ORDER BY id".to_owned(),
        ))
        .await
        .expect("outbox readable");
    assert_eq!(rows.len(), 2, "the owner and the one programme manager");
    for row in rows {
        assert_eq!(
            row.try_get::<String>("", "event").expect("event"),
            "proposal_submitted"
        );
        let state = row.try_get::<String>("", "state").expect("state");
        assert!(
            ["pending", "sending", "sent"].contains(&state.as_str()),
            "{state}"
        );
    }
    w.finish().await;
}

async fn submission_is_refused_once_the_call_has_closed(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.close_the_call().await;
    let refused = w.take(&w.applicant, &id, "submit", json!({})).await;
    refused.expect_problem(409);
    let reason = &refused.body["blocked_by"][0];
    assert_eq!(reason["guard"], "call_open");
    assert!(
        reason["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("the call closed on "),
        "{reason}"
    );
    assert!(
        reason["message"]
            .as_str()
            .unwrap_or_default()
            .ends_with("(Europe/Skopje)")
    );
    // The same facts as data, for a client that speaks another language.
    assert_eq!(reason["args"]["case"], "closed");
    assert_eq!(reason["args"]["time_zone"], "Europe/Skopje");
    assert!(
        reason["args"]["closes_at"]
            .as_str()
            .is_some_and(|at| chrono::DateTime::parse_from_rfc3339(at).is_ok()),
        "{reason}"
    );
    assert_eq!(w.get(&w.applicant, &id).await.body["state"], "draft");
    // New drafts are refused too.
    let late = w
        .app
        .post(
            "/proposals",
            Some(&w.applicant),
            &json!({ "programme_id": w.programme_id }),
        )
        .await;
    late.expect_problem(409);
    w.finish().await;
}

async fn only_the_ambassador_of_the_proposals_country_screens_it(backend: Backend) {
    let w = TestApp::init(backend)
        .with_user("amb.al@tests.example", &["ambassador:AL"])
        .with_user("amb.mk@tests.example", &["ambassador:MK"])
        .await;
    let albania = w.token("amb.al@tests.example");
    let macedonia = w.token("amb.mk@tests.example");
    let id = w.draft("MK").await;
    // Nobody but the owner sees a draft.
    w.get(macedonia, &id).await.expect_problem(404);
    w.get(&w.manager, &id).await.expect_problem(404);
    w.take(&w.applicant, &id, "submit", json!({}))
        .await
        .expect(200);

    w.get(albania, &id).await.expect_problem(404);
    w.take(albania, &id, "start_screening", json!({}))
        .await
        .expect_problem(404);
    let offered = w
        .app
        .get(&format!("/proposals/{id}/transitions"), Some(macedonia))
        .await;
    offered.expect(200);
    assert!(
        offered
            .body
            .as_array()
            .expect("list")
            .iter()
            .any(|t| t["name"] == "start_screening" && t["allowed"] == true)
    );
    // The applicant is offered no screening.
    let own = w
        .app
        .get(&format!("/proposals/{id}/transitions"), Some(&w.applicant))
        .await;
    let screening = own
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["name"] == "start_screening")
        .expect("listed")
        .clone();
    assert_eq!(screening["allowed"], false);
    assert_eq!(screening["blocked_by"][0]["kind"], "not_permitted");
    w.take(&w.applicant, &id, "start_screening", json!({}))
        .await
        .expect_problem(403);

    let screening = w.take(macedonia, &id, "start_screening", json!({})).await;
    screening.expect(200);
    assert_eq!(screening.body["state"], "screening");
    w.take(&w.manager, &id, "mark_eligible", json!({}))
        .await
        .expect(200);
    assert_eq!(w.get(&w.applicant, &id).await.body["state"], "eligible");
    w.finish().await;
}

async fn changes_are_requested_with_a_reason_and_the_proposal_resubmitted(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.take(&w.applicant, &id, "submit", json!({}))
        .await
        .expect(200);
    let silent = w.take(&w.manager, &id, "request_changes", json!({})).await;
    silent.expect_problem(409);
    assert_eq!(silent.body["blocked_by"][0]["guard"], "comment_given");
    let past = w
        .take(
            &w.manager,
            &id,
            "request_changes",
            json!({ "comment": "x", "deadline": "2020-01-01T00:00:00Z" }),
        )
        .await;
    past.expect_problem(422);
    assert_eq!(past.error_fields(), ["deadline"]);

    let deadline = chrono::Utc::now() + chrono::Duration::days(10);
    let returned = w
        .take(
            &w.manager,
            &id,
            "request_changes",
            json!({ "comment": "Please add staff costs.", "deadline": deadline }),
        )
        .await;
    returned.expect(200);
    assert_eq!(returned.body["state"], "changes_requested");
    assert_eq!(returned.body["deadlines"][0]["kind"], "changes_due");
    assert_eq!(
        returned.body["deadlines"][0]["transition"],
        "changes_deadline_missed"
    );

    let revision = w.revision(&id).await;
    let mut content = complete_proposal_json(&w.programme_id, "MK");
    content
        .as_object_mut()
        .expect("object")
        .remove("programme_id");
    content["budget_lines"][1] =
        json!({ "description": "Staff", "amount": { "minor": 50_000, "currency": "EUR" } });
    w.app
        .patch(
            &format!("/proposals/{id}"),
            &w.applicant,
            Some(revision),
            &content,
        )
        .await
        .expect(200);
    let resubmitted = w
        .take(
            &w.applicant,
            &id,
            "resubmit",
            json!({ "comment": "Staff costs added." }),
        )
        .await;
    resubmitted.expect(200);
    assert_eq!(resubmitted.body["state"], "submitted");
    assert_eq!(
        resubmitted.body["deadlines"],
        json!([]),
        "the deadline is cancelled"
    );

    let history = w.history(&w.manager, &id).await;
    assert_eq!(
        transitions_of(&history),
        ["submit", "request_changes", "resubmit"]
    );
    let request = history
        .iter()
        .find(|e| e["details"]["transition"] == "request_changes")
        .expect("recorded");
    assert_eq!(request["details"]["comment"], "Please add staff costs.");
    w.finish().await;
}

async fn a_missed_change_deadline_closes_the_proposal_by_timer(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.take(&w.applicant, &id, "submit", json!({}))
        .await
        .expect(200);
    let deadline = chrono::Utc::now() + chrono::Duration::milliseconds(700);
    w.take(
        &w.manager,
        &id,
        "request_changes",
        json!({ "comment": "Add a budget.", "deadline": deadline }),
    )
    .await
    .expect(200);
    let mut state = String::new();
    for _ in 0..100 {
        state = w.get(&w.applicant, &id).await.body["state"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if state == "ineligible" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state, "ineligible", "the server fired the deadline");
    let history = w.history(&w.applicant, &id).await;
    let last = history.last().expect("events");
    assert_eq!(last["details"]["transition"], "changes_deadline_missed");
    assert_eq!(last["actor_id"], Value::Null, "the system took it");
    assert_eq!(
        last["details"]["comment"],
        "the changes due deadline passed"
    );
    assert_eq!(transitions_of(&history).len(), 3, "fired once");
    w.finish().await;
}

async fn the_owner_withdraws_and_nothing_leaves_a_final_state(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.take(&w.applicant, &id, "submit", json!({}))
        .await
        .expect(200);
    w.take(&w.manager, &id, "withdraw", json!({}))
        .await
        .expect_problem(403);
    let withdrawn = w
        .take(
            &w.applicant,
            &id,
            "withdraw",
            json!({ "comment": "We found other funding." }),
        )
        .await;
    withdrawn.expect(200);
    assert_eq!(withdrawn.body["state"], "withdrawn");
    let offered = w
        .app
        .get(&format!("/proposals/{id}/transitions"), Some(&w.applicant))
        .await;
    assert_eq!(offered.body, json!([]));
    let again = w.take(&w.applicant, &id, "submit", json!({})).await;
    again.expect_problem(409);
    assert_eq!(again.body["blocked_by"][0]["kind"], "wrong_state");
    w.finish().await;
}

async fn concurrent_identical_transitions_succeed_exactly_once(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    let revision = w.revision(&id).await;
    let mut requests = tokio::task::JoinSet::new();
    let client = w.app.client.clone();
    for _ in 0..32 {
        let client = client.clone();
        let url = format!("{}/proposals/{id}/transitions/submit", w.app.base);
        let token = w.applicant.clone();
        requests.spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .header("if-match", format!("\"{revision}\""))
                .json(&json!({}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
    }
    let mut statuses = Vec::new();
    while let Some(done) = requests.join_next().await {
        statuses.push(done.expect("task").expect("answered"));
    }
    statuses.sort_unstable();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    let history = w.history(&w.applicant, &id).await;
    assert_eq!(transitions_of(&history), ["submit"]);
    w.finish().await;
}

async fn audit_verify_detects_an_edited_row(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.take(&w.applicant, &id, "submit", json!({}))
        .await
        .expect(200);
    w.take(&w.manager, &id, "start_screening", json!({}))
        .await
        .expect(200);
    let dir = tempfile::tempdir().expect("folder");
    let file = w.app.database.write_config_file(dir.path());
    let verify = || async {
        Cli::try_parse_from([
            "grants",
            "--config",
            file.to_str().expect("utf-8"),
            "audit",
            "verify",
        ])
        .expect("parses")
        .run()
        .await
    };
    verify().await.expect("an untouched trail verifies");

    let history = w.history(&w.applicant, &id).await;
    let submit = history
        .iter()
        .find(|e| e["details"]["transition"] == "submit")
        .expect("submit recorded");
    let event_id = submit.id();
    let db = w.app.database.connect().await;
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => format!(
            "UPDATE audit_events SET details = '{{\"transition\":\"submit\",\"from\":\"draft\",\"to\":\"funded\"}}'::jsonb WHERE id = '{event_id}'"
        ),
        _ => {
            let hex = event_id.replace('-', "");
            format!(
                "UPDATE audit_events SET details = '{{\"transition\":\"submit\",\"from\":\"draft\",\"to\":\"funded\"}}' WHERE id = X'{hex}' OR id = '{event_id}'"
            )
        }
    };
    let changed = db.execute_unprepared(&sql).await.expect("tampered");
    assert_eq!(changed.rows_affected(), 1);
    let err = verify().await.expect_err("the edit is detected");
    assert!(err.to_string().contains(&event_id), "{err}");
    w.finish().await;
}

async fn each_person_lists_only_the_proposals_they_may_see(backend: Backend) {
    let w = TestApp::init(backend)
        .with_user("boris@tests.example", &["applicant"])
        .with_user("amb.al@tests.example", &["ambassador:AL"])
        .await;
    let other = w.token("boris@tests.example");
    let albania = w.token("amb.al@tests.example");
    let mk_draft = w.draft("MK").await;
    let mk_submitted = w.draft("MK").await;
    let al_submitted = w.draft("AL").await;
    for id in [&mk_submitted, &al_submitted] {
        w.take(&w.applicant, id, "submit", json!({}))
            .await
            .expect(200);
    }
    let ids = |reply: &Reply| -> Vec<String> {
        reply.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|p| p["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let own = w.app.get("/proposals", Some(&w.applicant)).await;
    assert_eq!(
        ids(&own),
        [mk_draft.clone(), mk_submitted.clone(), al_submitted.clone()]
    );
    let managed = w.app.get("/proposals", Some(&w.manager)).await;
    assert_eq!(
        ids(&managed),
        [mk_submitted.clone(), al_submitted.clone()],
        "no drafts"
    );
    let albanian = w.app.get("/proposals", Some(albania)).await;
    assert_eq!(ids(&albanian), std::slice::from_ref(&al_submitted));
    let nothing = w.app.get("/proposals", Some(other)).await;
    assert_eq!(ids(&nothing), Vec::<String>::new());
    w.get(other, &mk_submitted).await.expect_problem(404);

    let filtered = w
        .app
        .get("/proposals?state=submitted&country=mk", Some(&w.manager))
        .await;
    assert_eq!(ids(&filtered), std::slice::from_ref(&mk_submitted));
    let by_programme = w
        .app
        .get(
            &format!("/proposals?programme_id={}&limit=1", w.programme_id),
            Some(&w.manager),
        )
        .await;
    assert_eq!(ids(&by_programme), [mk_submitted]);
    assert!(by_programme.body["next_cursor"].is_string());
    w.finish().await;
}

async fn bad_transition_requests_get_precise_errors(backend: Backend) {
    let w = TestApp::init(backend).await;
    let id = w.draft("MK").await;
    w.take(&w.applicant, &id, "fly_to_the_moon", json!({}))
        .await
        .expect_problem(404);
    let no_revision = w
        .app
        .post(
            &format!("/proposals/{id}/transitions/submit"),
            Some(&w.applicant),
            &json!({}),
        )
        .await;
    no_revision.expect_problem(428);
    let stale = w.take_at(&w.applicant, &id, "submit", 99, json!({})).await;
    stale.expect_problem(409);
    assert!(
        stale.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("revision 1")
    );
    let by_body = w
        .app
        .post(
            &format!("/proposals/{id}/transitions/submit"),
            Some(&w.applicant),
            &json!({ "revision": 1 }),
        )
        .await;
    by_body.expect(200);
    let unknown_field = w
        .take(&w.applicant, &id, "withdraw", json!({ "reason": "x" }))
        .await;
    unknown_field.expect_problem(422);
    w.app
        .get("/proposals/not-a-uuid/transitions", Some(&w.applicant))
        .await
        .expect_problem(404);
    let (_, reviewer) = w
        .app
        .user_with_roles("rev@tests.example", &["reviewer"])
        .await;
    w.take(&reviewer, &id, "start_screening", json!({}))
        .await
        .expect_problem(404);
    w.finish().await;
}

async fn invalid_drafts_name_the_field_and_write_nothing(backend: Backend) {
    let w = TestApp::init(backend).await;
    let mut bad = complete_proposal_json(&w.programme_id, "MK");
    bad["requested_amount"]["minor"] = json!(-5);
    bad["country"] = json!("YU");
    let reply = w.app.post("/proposals", Some(&w.applicant), &bad).await;
    reply.expect_problem(422);
    assert_eq!(reply.error_fields(), ["requested_amount.minor", "country"]);
    let unknown = w
        .app
        .post(
            "/proposals",
            Some(&w.applicant),
            &json!({ "programme_id": "0190c6d2-0000-7000-8000-000000000000" }),
        )
        .await;
    unknown.expect_problem(422);
    assert_eq!(unknown.error_fields(), ["programme_id"]);
    w.app
        .post(
            "/proposals",
            Some(&w.manager),
            &complete_proposal_json(&w.programme_id, "MK"),
        )
        .await
        .expect_problem(403);
    let list = w.app.get("/proposals", Some(&w.applicant)).await;
    assert_eq!(list.body["items"], json!([]));
    w.finish().await;
}

/// A missing, unknown or mistyped field is named, not left blank, also
/// among the proposal's own fields (which the body carries flattened).
async fn bodies_of_the_wrong_shape_name_the_field(backend: Backend) {
    let w = TestApp::init(backend).await;
    let cases = [
        (json!({}), "programme_id", "required"),
        (
            json!({ "programme_id": w.programme_id, "titel": "Maker space" }),
            "titel",
            "unknown",
        ),
        (
            json!({ "programme_id": w.programme_id, "title": "Maker space", "budget_lines": "all of it" }),
            "budget_lines",
            "invalid",
        ),
        (
            json!({ "programme_id": w.programme_id, "title": 42 }),
            "title",
            "invalid",
        ),
    ];
    for (body, field, code) in cases {
        let reply = w.app.post("/proposals", Some(&w.applicant), &body).await;
        reply.expect_problem(422);
        assert_eq!(reply.error_fields(), [field], "{body}");
        assert_eq!(reply.body["errors"][0]["code"], code, "{body}");
    }
    let list = w.app.get("/proposals", Some(&w.applicant)).await;
    assert_eq!(list.body["items"], json!([]));
    w.finish().await;
}

on_both_databases!(two_servers_on_one_database_fire_each_deadline_once);

async fn two_servers_on_one_database_fire_each_deadline_once(backend: Backend) {
    let w = TestApp::init(backend).await;
    // The second server sleeps through the set-up, then competes for the same timers.
    let second = grants_server::Application::build(&w.app.config, false)
        .await
        .expect("second server");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let second = tokio::spawn(second.run_until(async move {
        let _ = stopped.await;
    }));
    let mut ids = Vec::new();
    for _ in 0..12 {
        let id = w.draft("MK").await;
        w.take(&w.applicant, &id, "submit", json!({}))
            .await
            .expect(200);
        ids.push(id);
    }
    // One deadline for all, set once the slow part is done, so that a
    // loaded machine cannot push it into the past before it is given.
    let deadline = chrono::Utc::now() + chrono::Duration::seconds(3);
    for id in &ids {
        w.take(
            &w.manager,
            id,
            "request_changes",
            json!({ "comment": "More detail.", "deadline": deadline }),
        )
        .await
        .expect(200);
    }
    for id in &ids {
        let mut state = String::new();
        for _ in 0..100 {
            state = w.get(&w.applicant, id).await.body["state"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if state == "ineligible" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(state, "ineligible");
        let history = w.history(&w.applicant, id).await;
        assert_eq!(
            transitions_of(&history),
            ["submit", "request_changes", "changes_deadline_missed"]
        );
    }
    let db = w.app.database.connect().await;
    let outcomes = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT outcome FROM timers WHERE fired_at IS NOT NULL".to_owned(),
        ))
        .await
        .expect("timers readable");
    assert_eq!(outcomes.len(), ids.len(), "each timer fired once");
    for row in outcomes {
        let outcome: String = row.try_get("", "outcome").expect("outcome");
        assert!(outcome.starts_with("transitioned"), "{outcome}");
    }
    let _ = stop.send(());
    second
        .await
        .expect("task")
        .expect("second server stopped cleanly");
    w.finish().await;
}
