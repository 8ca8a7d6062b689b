//! Applying a funding line: the manager reads every letter the line sends
//! (each in its applicant's language, with the reviewers' comments for
//! them), then records all its decisions at once; a line that changed since
//! the letters were read records nothing.

use grants_tests::{Backend, on_both_databases};
use serde_json::{Value, json};

use super::money::round;

on_both_databases!(a_manager_reads_every_letter_then_records_the_whole_line);

async fn a_manager_reads_every_letter_then_records_the_whole_line(backend: Backend) {
    // Budget for two of three.
    let r = round(backend, 450_000, |_| {}, |_| {}).await;
    let (best, good, third) = r.three_scored_apart().await;
    // With the reviews in, the assignment preview counts each reviewer's
    // load as the jury page does: the reviews done count.
    let preview = r
        .app
        .post(
            &format!("/programmes/{}/assignment/preview", r.programme_id),
            Some(&r.chair),
            &json!({}),
        )
        .await;
    preview.expect(200);
    let jury = r
        .app
        .get(
            &format!("/programmes/{}/reviewers", r.programme_id),
            Some(&r.chair),
        )
        .await;
    jury.expect(200);
    let loads = preview.body["loads"].as_array().expect("loads");
    assert!(!loads.is_empty(), "{}", preview.body);
    for load in loads {
        let member = jury
            .body
            .as_array()
            .expect("members")
            .iter()
            .find(|m| m["reviewer_id"] == load["reviewer_id"])
            .expect("on the jury page");
        assert_eq!(load["load"], member["assigned"], "{load} / {member}");
    }
    let letters_path = format!("/programmes/{}/funding-plan/letters", r.programme_id);
    let apply_path = format!("/programmes/{}/funding-plan/apply", r.programme_id);
    let line = json!({ "policy": "strict_rank", "others": "declined" });

    // The chair previews the line but does not record decisions.
    r.app
        .post(&letters_path, Some(&r.chair), &line)
        .await
        .expect_problem(403);

    // The manager reads the letters: two funded, one declined, each in the
    // applicant's language (Macedonian) with the reviewer's comment for her.
    let read = r.app.post(&letters_path, Some(&r.manager), &line).await;
    read.expect(200);
    let letters = read.body["letters"].as_array().expect("letters");
    let outcomes: Vec<(&str, &str)> = letters
        .iter()
        .map(|l| {
            (
                l["proposal_id"].as_str().unwrap_or_default(),
                l["outcome"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (best.as_str(), "funded"),
            (good.as_str(), "funded"),
            (third.as_str(), "declined")
        ]
    );
    let first = &letters[0]["letter"];
    assert_eq!(first["locale"], "mk");
    let text = first["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("2.000,00\u{a0}€") && text.contains("Scored 5 of 5."),
        "{text}"
    );
    let fingerprint = read.body["fingerprint"].as_str().expect("a fingerprint");

    // Without the fingerprint, or with another one, nothing is recorded.
    r.app
        .post(&apply_path, Some(&r.manager), &line)
        .await
        .expect_problem(422);
    let mut stale = line.clone();
    stale["fingerprint"] = json!("0123456789abcdef");
    r.app
        .post(&apply_path, Some(&r.manager), &stale)
        .await
        .expect_problem(409);
    let state = |id: &str| {
        let (app, token, path) = (&r.app, r.manager.clone(), format!("/proposals/{id}"));
        async move { app.get(&path, Some(&token)).await.body["state"].clone() }
    };
    assert_eq!(state(&best).await, "reviewed");

    // Declining the others instead of waitlisting them is another line:
    // its letters were not read, so it is refused.
    let mut other_line = line.clone();
    other_line["others"] = json!("waitlisted");
    other_line["fingerprint"] = json!(fingerprint);
    r.app
        .post(&apply_path, Some(&r.manager), &other_line)
        .await
        .expect_problem(409);

    // With the letters read, every decision is recorded at once.
    let mut confirmed = line.clone();
    confirmed["fingerprint"] = json!(fingerprint);
    let applied = r.app.post(&apply_path, Some(&r.manager), &confirmed).await;
    applied.expect(200);
    assert_eq!(applied.body.as_array().map(Vec::len), Some(3));
    assert_eq!(state(&best).await, "funded");
    assert_eq!(state(&good).await, "funded");
    assert_eq!(state(&third).await, "declined");
    // The ledger commits both awards.
    let ledger = r.ledger().await;
    assert_eq!(ledger["totals"]["committed"]["minor"], json!(400_000));
    // Nothing is left to decide; the same confirmation does nothing twice.
    let again = r.app.post(&letters_path, Some(&r.manager), &line).await;
    assert_eq!(again.body["letters"], Value::Array(Vec::new()));
    r.app
        .post(&apply_path, Some(&r.manager), &confirmed)
        .await
        .expect_problem(409);
    r.app.finish().await;
}
