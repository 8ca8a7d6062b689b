//! Erasure: an administrator erases a person on request, and applicants
//! never funded are erased after the retention period. No trace of their
//! name or address is left in any table (a dump of the database is
//! searched), their files are gone, the grants made to them are kept as
//! financial records, and the audit chain still verifies.

use std::time::Duration;

use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

use super::money::round;

on_both_databases!(
    an_erased_person_leaves_no_trace_but_grants_are_kept,
    applicants_never_funded_are_erased_after_the_retention_period,
);

const NAME: &str = "Ljubica Zaharievska";
const EMAIL: &str = "Ljubica.Zaharievska@Tests.Example";
const ORGANISATION: &str = "Zaharievska Reading Room";
const FILE_BYTES: &[u8] = b"%PDF-1.7\nzaharievska-curriculum-vitae";

/// A new applicant `name` at `email` (from `organisation`): id and token.
async fn applicant(app: &TestApp, admin: &str, name: &str, email: &str) -> (String, String) {
    let created = app
        .post(
            "/users",
            Some(admin),
            &json!({
                "email": email,
                "name": name,
                "password": grants_tests::ADMIN_PASSWORD,
                "country": "MK",
                "organisation": ORGANISATION,
                "locale": "mk",
                "roles": [{ "role": "applicant" }],
            }),
        )
        .await;
    created.expect(201);
    (
        created.id(),
        app.login(email, grants_tests::ADMIN_PASSWORD).await,
    )
}

async fn an_erased_person_leaves_no_trace_but_grants_are_kept(backend: Backend) {
    let r = round(backend, 3_000_000, |_| {}, |_| {}).await;
    let app = &r.app;
    let admin = app.admin_token().await;

    // The round's applicant is funded: a grant, a financial record.
    let funded = r.reviewed("AL", "Reading garden", 200_000).await;
    let decided = r.decide(&funded, json!({ "outcome": "funded" })).await;
    decided.expect(200);
    let grant = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();

    // Ljubica applies, naming herself in her texts, with a file, and is declined.
    let (ljubica, token) = applicant(app, &admin, NAME, EMAIL).await;
    let mut body = grants_tests::complete_proposal_json(&r.programme_id, "MK");
    body["summary"] = json!(format!("Led by {NAME} of {ORGANISATION}."));
    body["organisation"] = json!(ORGANISATION);
    let draft = app.post("/proposals", Some(&token), &body).await;
    draft.expect(201);
    let proposal = draft.id();
    let file = app
        .upload(
            &format!("/proposals/{proposal}/attachments"),
            Some(&token),
            ("cv.pdf", "application/pdf", FILE_BYTES.to_vec()),
        )
        .await;
    file.expect(201);
    let file = file.id();
    for (who, step) in [
        (&token, "submit"),
        (&r.manager, "start_screening"),
        (&r.manager, "mark_eligible"),
        (&r.manager, "start_review"),
        (&r.manager, "complete_review"),
    ] {
        app.transition_now(who, who, &proposal, step, &json!({}))
            .await
            .expect(200);
    }
    r.decide(&proposal, json!({ "outcome": "declined" }))
        .await
        .expect(200);
    // The funded applicant invited her to her team: the invitation holds her address.
    app.post(
        &format!("/proposals/{funded}/team/invitations"),
        Some(&r.applicant),
        &json!({ "email": EMAIL, "role": "viewer" }),
    )
    .await
    .expect(201);
    let before = app.database.dump().await;
    assert!(before.contains(NAME), "her name is held before the erasure");

    // Only an administrator sees what erasing her does, and does it.
    let path = format!("/users/{ljubica}/erasure");
    app.get(&path, Some(&r.manager)).await.expect_problem(403);
    app.post(&path, Some(&r.manager), &json!({}))
        .await
        .expect_problem(403);
    let preview = app.get(&path, Some(&admin)).await;
    preview.expect(200);
    assert_eq!(preview.body["name"], NAME);
    assert_eq!(preview.body["proposals_cleared"], json!([proposal]));
    assert_eq!(preview.body["files_deleted"], 1);
    assert_eq!(preview.body["grants_kept"], json!([]));
    assert_eq!(preview.body["can_erase"], true);

    let erased = app.post(&path, Some(&admin), &json!({})).await;
    erased.expect(200);
    let pseudonym = erased.body["name"]
        .as_str()
        .expect("a pseudonym")
        .to_owned();
    assert!(pseudonym.starts_with("P-"), "{pseudonym}");
    assert!(erased.body["erased_at"].is_string());
    app.post(&path, Some(&admin), &json!({}))
        .await
        .expect_problem(409);

    // She is signed out and cannot sign in again; her account is the pseudonym.
    app.get("/me", Some(&token)).await.expect_problem(401);
    app.login_reply(EMAIL, grants_tests::ADMIN_PASSWORD)
        .await
        .expect_problem(401);
    let account = app.get(&format!("/users/{ljubica}"), Some(&admin)).await;
    account.expect(200);
    assert_eq!(account.body["name"], pseudonym);
    assert_eq!(account.body["active"], false);
    assert!(account.body["erased_at"].is_string());
    app.patch(
        &format!("/users/{ljubica}"),
        &admin,
        account.body["revision"].as_i64(),
        &json!({ "active": true }),
    )
    .await
    .expect_problem(409);

    // Her proposal keeps what the programme counts, without texts or files.
    let kept = app
        .get(&format!("/proposals/{proposal}"), Some(&r.manager))
        .await;
    kept.expect(200);
    assert_eq!(kept.body["state"], "declined");
    assert_eq!(kept.body["title"], "Maker space for teenagers");
    assert!(kept.body["summary"].is_null(), "{}", kept.body);
    app.get(&format!("/attachments/{file}"), Some(&r.manager))
        .await
        .expect_problem(404);
    let folder = app.config.attachment_dir();
    for entry in walk(&folder) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !bytes.windows(FILE_BYTES.len()).any(|w| w == FILE_BYTES),
            "her file is still at {}",
            entry.display()
        );
    }

    // No trace of her name, address or organisation in any table.
    let dump = app.database.dump().await.to_lowercase();
    for trace in [NAME, EMAIL, "zaharievska", "ljubica"] {
        let found = dump.find(&trace.to_lowercase());
        assert!(
            found.is_none(),
            "'{trace}' is still in the database: …{}…",
            found
                .and_then(|at| dump.get(at.saturating_sub(300)..at + 100))
                .unwrap_or_default()
        );
    }

    // The funded applicant: the grant and its proposal are kept whole.
    let applicant_id = app.get("/me", Some(&r.applicant)).await.body["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let path = format!("/users/{applicant_id}/erasure");
    let preview = app.get(&path, Some(&admin)).await;
    preview.expect(200);
    assert_eq!(preview.body["grants_kept"], json!([grant]));
    assert_eq!(preview.body["proposals_cleared"], json!([]));
    app.post(&path, Some(&admin), &json!({})).await.expect(200);
    let kept = r.grant(&r.finance, &grant).await;
    assert_eq!(kept["state"], "agreement_pending");
    assert!(
        kept["agreement_text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    let funded = app
        .get(&format!("/proposals/{funded}"), Some(&r.manager))
        .await;
    assert!(funded.body["summary"].is_string(), "{}", funded.body);

    // Nobody erases themselves; the audit chain holds after both erasures.
    let me = app.get("/me", Some(&admin)).await.body["id"].clone();
    let mine = app
        .post(
            &format!("/users/{}/erasure", id(&me)),
            Some(&admin),
            &json!({}),
        )
        .await;
    mine.expect_problem(409);
    let db = app.database.connect().await;
    let verified = grants_store::audit::verify(&db).await.expect("verifies");
    assert_eq!(verified.first_broken, None);
    assert!(verified.events > 0);
    db.close().await.expect("closed");
    r.app.finish().await;
}

async fn applicants_never_funded_are_erased_after_the_retention_period(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.privacy.unfunded_applicant_retention_days = 30;
        config.privacy.sweep_interval_seconds = 1;
    })
    .await;
    let admin = app.admin_token().await;
    let (idle, _) = applicant(&app, &admin, NAME, EMAIL).await;
    let (reviewer, _) = app
        .user_with_roles("reviewer.kept@tests.example", &["reviewer"])
        .await;
    app.clock.advance(chrono::Duration::days(31));
    // Someone who joined after the clock moved is within the period.
    let (recent, _) = applicant(&app, &admin, "Recent Applicant", "recent@tests.example").await;

    let mut erased = Value::Null;
    for _ in 0..150 {
        erased = app.get(&format!("/users/{idle}"), Some(&admin)).await.body;
        if erased["erased_at"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(erased["erased_at"].is_string(), "never erased: {erased}");
    assert_ne!(erased["name"], NAME);
    for kept in [reviewer, recent] {
        let user = app.get(&format!("/users/{kept}"), Some(&admin)).await;
        assert!(user.body.get("erased_at").is_none(), "{}", user.body);
    }
    let history = app
        .get(
            &format!("/audit-events?subject_type=user&subject_id={idle}"),
            Some(&admin),
        )
        .await;
    let erasure = history.body["items"]
        .as_array()
        .and_then(|events| events.iter().find(|e| e["action"] == "user.erased"))
        .cloned()
        .expect("the erasure is on the audit trail");
    assert_eq!(erasure["details"]["because"], "retention");
    assert!(erasure["actor_id"].is_null());
    app.finish().await;
}

fn id(value: &Value) -> &str {
    value.as_str().expect("an id")
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
