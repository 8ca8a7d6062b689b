//! The authorisation matrix: every route of the OpenAPI document, called by
//! every role (and by nobody) on objects that belong to someone else. A
//! route without an entry here fails the test, so a new endpoint cannot
//! ship without its permissions being stated.

use std::collections::BTreeMap;

use grants_tests::{
    Backend, HasId, TestApp, complete_proposal_json, on_both_databases, open_programme_json,
};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(every_route_refuses_every_role_it_should);

/// The callers: nobody, then one person per role. None owns the objects used.
const ROLES: [&str; 8] = [
    "anonymous",
    "applicant",
    "reviewer",
    "jury_chair",
    "programme_manager",
    "ambassador",
    "finance",
    "admin",
];

/// What a caller may do with a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum May {
    /// Passes authorisation (any answer but 401, 403, 404 and 5xx).
    Yes,
    /// Refused for lack of the role: 403.
    Forbidden,
    /// Refused without revealing the object exists: 404.
    Hidden,
}

use May::{Forbidden as F, Hidden as H, Yes as Y};

/// Per route: whether anonymous callers may use it (public), and the
/// expected outcome for each authenticated role, in `ROLES` order.
fn matrix() -> BTreeMap<&'static str, (bool, [May; 7])> {
    let everyone = [Y, Y, Y, Y, Y, Y, Y];
    let admins = [F, F, F, F, F, F, Y];
    let managers = [F, F, F, Y, F, F, Y];
    let nobody_sees_a_draft = [H, H, H, H, H, H, H];
    let nobody_else = [H, H, H, H, H, H, H];
    let jury_runners = [F, F, Y, Y, F, F, Y];
    let assigners = [F, F, Y, Y, F, F, F];
    let reviewers_only_and_hidden = [F, H, F, F, F, F, F];
    let grant_readers = [H, H, H, Y, H, Y, Y];
    let ledger_readers = [F, F, F, Y, F, Y, Y];
    let proposal_readers = [H, H, Y, Y, H, H, Y];
    BTreeMap::from([
        // (public?, per role)
        ("GET /healthz", (true, everyone)),
        ("GET /readyz", (true, everyone)),
        ("GET /workflows", (true, everyone)),
        ("GET /workflows/{name}/diagram", (true, everyone)),
        ("POST /auth/token", (true, everyone)),
        ("POST /users/register", (true, everyone)),
        ("GET /privacy-notice", (true, everyone)),
        ("POST /auth/verify-email", (true, everyone)),
        ("POST /auth/password-reset", (true, everyone)),
        ("POST /auth/password-reset/confirm", (true, everyone)),
        ("DELETE /auth/token", (false, everyone)),
        ("GET /me", (false, everyone)),
        ("GET /me/notification-preferences", (false, everyone)),
        ("GET /me/second-factor", (false, everyone)),
        ("POST /me/second-factor/enrolment", (false, everyone)),
        (
            "POST /me/second-factor/enrolment/confirm",
            (false, everyone),
        ),
        ("POST /me/second-factor/disable", (false, everyone)),
        ("POST /auth/step-up", (false, everyone)),
        ("PUT /me/notification-preferences", (false, everyone)),
        ("GET /me/sessions", (false, everyone)),
        ("GET /me/export", (false, everyone)),
        ("POST /me/sessions/end-others", (false, everyone)),
        ("POST /me/password", (false, everyone)),
        // The owner's session: nobody else's to end, nor to know of.
        ("DELETE /me/sessions/{id}", (false, nobody_else)),
        ("POST /users/{id}/sessions/end", (false, admins)),
        ("GET /users/{id}/erasure", (false, admins)),
        ("POST /users/{id}/erasure", (false, admins)),
        ("GET /users", (false, admins)),
        ("GET /users.csv", (false, admins)),
        ("GET /users.xlsx", (false, admins)),
        ("POST /users", (false, admins)),
        ("GET /users/{id}", (false, [H, H, H, H, H, H, Y])),
        ("PATCH /users/{id}", (false, [H, H, H, H, H, H, Y])),
        ("GET /programmes", (false, everyone)),
        ("POST /programmes", (false, managers)),
        ("GET /programmes/{id}", (false, everyone)),
        ("PATCH /programmes/{id}", (false, managers)),
        ("POST /programmes/{id}/archive", (false, managers)),
        ("DELETE /programmes/{id}/archive", (false, managers)),
        ("GET /proposals", (false, everyone)),
        ("GET /proposals.csv", (false, everyone)),
        ("GET /proposals.xlsx", (false, everyone)),
        ("POST /proposals", (false, [Y, F, F, F, F, F, F])),
        ("GET /proposals/{id}", (false, nobody_sees_a_draft)),
        (
            "GET /proposals/{id}/dossier.pdf",
            (false, nobody_sees_a_draft),
        ),
        ("PATCH /proposals/{id}", (false, nobody_sees_a_draft)),
        (
            "GET /proposals/{id}/transitions",
            (false, nobody_sees_a_draft),
        ),
        (
            "POST /proposals/{id}/transitions/{name}",
            (false, nobody_sees_a_draft),
        ),
        ("GET /proposals/{id}/history", (false, nobody_sees_a_draft)),
        ("GET /audit-events", (false, admins)),
        ("GET /audit-events.csv", (false, admins)),
        ("GET /audit-events.xlsx", (false, admins)),
        ("GET /sensitive-reads", (false, admins)),
        ("GET /admin/outbox", (false, admins)),
        ("GET /admin/outbox/counts", (false, admins)),
        ("POST /admin/outbox/{id}/retry", (false, admins)),
        ("POST /admin/outbox/{id}/cancel", (false, admins)),
        ("GET /admin/email-preview", (false, admins)),
        ("GET /programmes/{id}/reviewers", (false, jury_runners)),
        (
            "GET /programmes/{id}/reviewers/{user_id}",
            (false, nobody_else),
        ),
        (
            "PUT /programmes/{id}/reviewers/{user_id}",
            (false, [H, H, Y, Y, H, H, Y]),
        ),
        (
            "GET /proposals/{id}/conflicts",
            (false, [F, F, H, H, F, F, H]),
        ),
        (
            "POST /proposals/{id}/conflicts",
            (false, reviewers_only_and_hidden),
        ),
        (
            "POST /proposals/{id}/conflicts/lift",
            (false, [F, F, F, H, F, F, H]),
        ),
        (
            "PUT /proposals/{id}/bid",
            (false, reviewers_only_and_hidden),
        ),
        (
            "DELETE /proposals/{id}/bid",
            (false, reviewers_only_and_hidden),
        ),
        ("GET /programmes/{id}/bids", (false, [F, Y, Y, Y, F, F, Y])),
        (
            "GET /programmes/{id}/bids.csv",
            (false, [F, Y, Y, Y, F, F, Y]),
        ),
        (
            "GET /programmes/{id}/bids.xlsx",
            (false, [F, Y, Y, Y, F, F, Y]),
        ),
        (
            "POST /programmes/{id}/assignment/preview",
            (false, assigners),
        ),
        (
            "POST /programmes/{id}/assignment/commit",
            (false, assigners),
        ),
        ("GET /programmes/{id}/assignments", (false, jury_runners)),
        (
            "GET /programmes/{id}/assignments.csv",
            (false, jury_runners),
        ),
        (
            "GET /programmes/{id}/assignments.xlsx",
            (false, jury_runners),
        ),
        ("POST /programmes/{id}/assignments", (false, assigners)),
        ("GET /me/assignments", (false, everyone)),
        ("GET /assignments/{id}", (false, [H, H, Y, Y, H, H, Y])),
        ("POST /assignments/{id}/accept", (false, nobody_else)),
        ("POST /assignments/{id}/decline", (false, nobody_else)),
        ("POST /assignments/{id}/remove", (false, assigners)),
        (
            "GET /assignments/{id}/review",
            (false, [H, H, Y, Y, H, H, Y]),
        ),
        ("PUT /assignments/{id}/review", (false, nobody_else)),
        ("POST /assignments/{id}/review/submit", (false, nobody_else)),
        (
            "POST /assignments/{id}/review/reopen",
            (false, [F, F, Y, F, F, F, F]),
        ),
        ("GET /proposals/{id}/reviews", (false, nobody_sees_a_draft)),
        ("GET /programmes/{id}/ranking", (false, jury_runners)),
        ("GET /programmes/{id}/ranking.csv", (false, jury_runners)),
        ("GET /programmes/{id}/ranking.xlsx", (false, jury_runners)),
        ("POST /programmes/{id}/funding-plan", (false, jury_runners)),
        // Only managers record the line's decisions (and read its letters).
        (
            "POST /programmes/{id}/funding-plan/letters",
            (false, [F, F, F, Y, F, F, F]),
        ),
        (
            "POST /programmes/{id}/funding-plan/apply",
            (false, [F, F, F, Y, F, F, F]),
        ),
        // Only managers decide; the draft is hidden even from them.
        (
            "POST /proposals/{id}/decision",
            (false, [F, F, F, H, F, F, F]),
        ),
        ("GET /proposals/{id}/decision", (false, nobody_sees_a_draft)),
        ("GET /proposals/{id}/grant", (false, nobody_else)),
        ("GET /grants", (false, everyone)),
        ("GET /grants.csv", (false, everyone)),
        ("GET /grants.xlsx", (false, everyone)),
        ("GET /grants/{id}", (false, grant_readers)),
        ("GET /grants/{id}/dossier.pdf", (false, grant_readers)),
        ("GET /grants/{id}/history", (false, grant_readers)),
        ("GET /grants/{id}/transitions", (false, grant_readers)),
        // `terminate`: a manager's transition.
        (
            "POST /grants/{id}/transitions/{name}",
            (false, [H, H, H, Y, H, F, F]),
        ),
        ("GET /grants/{id}/bank-details", (false, grant_readers)),
        // Only the grantee enters them; finance and managers decide a change.
        (
            "PUT /grants/{id}/bank-details",
            (false, [H, H, H, F, H, F, F]),
        ),
        (
            "POST /grants/{id}/bank-details/confirm",
            (false, [H, H, H, Y, H, Y, F]),
        ),
        (
            "POST /grants/{id}/bank-details/reject",
            (false, [H, H, H, Y, H, Y, F]),
        ),
        ("GET /grants/{id}/showcase-consent", (false, grant_readers)),
        // Conversations: on a subject its readers see, each thread for its
        // audience only (the object is a staff thread on someone else's
        // grant: managers and finance; administrators are in no audience).
        ("GET /proposals/{id}/threads", (false, nobody_sees_a_draft)),
        ("POST /proposals/{id}/threads", (false, nobody_sees_a_draft)),
        ("GET /grants/{id}/threads", (false, grant_readers)),
        ("POST /grants/{id}/threads", (false, grant_readers)),
        ("GET /reports/{id}/threads", (false, grant_readers)),
        ("POST /reports/{id}/threads", (false, grant_readers)),
        ("GET /threads/unread", (false, everyone)),
        ("GET /proposals/{id}/team", (false, nobody_sees_a_draft)),
        (
            "POST /proposals/{id}/team/invitations",
            (false, nobody_sees_a_draft),
        ),
        (
            "DELETE /proposals/{id}/team/invitations/{invitation_id}",
            (false, nobody_sees_a_draft),
        ),
        (
            "PUT /proposals/{id}/team/members/{user_id}",
            (false, nobody_sees_a_draft),
        ),
        (
            "DELETE /proposals/{id}/team/members/{user_id}",
            (false, nobody_sees_a_draft),
        ),
        (
            "POST /proposals/{id}/team/lead",
            (false, nobody_sees_a_draft),
        ),
        // An invitation is found by its link's secret alone: a made-up one finds none.
        ("POST /invitations/accept", (false, nobody_else)),
        ("GET /threads/{id}", (false, [H, H, H, Y, H, Y, H])),
        (
            "POST /threads/{id}/messages",
            (false, [H, H, H, Y, H, Y, H]),
        ),
        ("POST /threads/{id}/read", (false, [H, H, H, Y, H, Y, H])),
        (
            "GET /threads/{id}/attachments",
            (false, [H, H, H, Y, H, Y, H]),
        ),
        (
            "POST /threads/{id}/attachments",
            (false, [H, H, H, Y, H, Y, H]),
        ),
        // Only the grantee consents to show their project, or withdraws.
        (
            "PUT /grants/{id}/showcase-consent",
            (false, [H, H, H, F, H, F, F]),
        ),
        (
            "DELETE /grants/{id}/showcase-consent",
            (false, [H, H, H, F, H, F, F]),
        ),
        ("GET /showcase", (true, everyone)),
        ("GET /showcase/calls.atom", (true, everyone)),
        ("GET /showcase/deadlines.ics", (true, everyone)),
        ("GET /tranches/{id}", (false, grant_readers)),
        ("GET /tranches/{id}/transitions", (false, grant_readers)),
        // `request`: finance's transition.
        (
            "POST /tranches/{id}/transitions/{name}",
            (false, [H, H, H, F, H, Y, F]),
        ),
        ("GET /programmes/{id}/ledger", (false, ledger_readers)),
        ("GET /programmes/{id}/ledger.csv", (false, ledger_readers)),
        ("GET /programmes/{id}/ledger.xlsx", (false, ledger_readers)),
        ("GET /programmes/{id}/payments.csv", (false, ledger_readers)),
        (
            "GET /programmes/{id}/payments.xlsx",
            (false, ledger_readers),
        ),
        ("GET /reports", (false, everyone)),
        ("GET /reports.csv", (false, everyone)),
        ("GET /reports.xlsx", (false, everyone)),
        ("GET /reports/{id}", (false, grant_readers)),
        // Only the grantee writes and submits; the grant's readers may look but not write.
        ("PATCH /reports/{id}", (false, [H, H, H, F, H, F, F])),
        ("GET /reports/{id}/history", (false, grant_readers)),
        ("GET /reports/{id}/transitions", (false, grant_readers)),
        (
            "POST /reports/{id}/transitions/{name}",
            (false, [H, H, H, F, H, F, F]),
        ),
        (
            "POST /reports/{id}/due-date",
            (false, [H, H, H, Y, H, F, Y]),
        ),
        ("GET /grants/{id}/reports", (false, grant_readers)),
        ("GET /reports/{id}/attachments", (false, grant_readers)),
        // Only the grantee attaches files to a report.
        (
            "POST /reports/{id}/attachments",
            (false, [H, H, H, F, H, F, F]),
        ),
        ("GET /programmes/{id}/impact", (false, ledger_readers)),
        ("GET /programmes/{id}/impact.csv", (false, ledger_readers)),
        ("GET /programmes/{id}/impact.xlsx", (false, ledger_readers)),
        // Attachments: a draft's are its owner's alone; a funded proposal's
        // are read by those who see it and changed by nobody.
        (
            "GET /proposals/{id}/attachments",
            (false, nobody_sees_a_draft),
        ),
        (
            "POST /proposals/{id}/attachments",
            (false, nobody_sees_a_draft),
        ),
        ("GET /attachments/{id}", (false, proposal_readers)),
        ("GET /attachments/{id}/content", (false, proposal_readers)),
        ("DELETE /attachments/{id}", (false, [H, H, F, F, H, H, F])),
    ])
}

/// The objects the callers do not own.
struct Objects {
    owner_id: String,
    owner_email: String,
    programme_id: String,
    draft_id: String,
    outbox_id: String,
    assignment_id: String,
    grant_id: String,
    tranche_id: String,
    report_id: String,
    attachment_id: String,
    owner_session_id: String,
    /// Someone to erase: erasing the owner would end the other routes' checks.
    erasable_id: String,
    /// A staff conversation on the owner's grant.
    thread_id: String,
}

/// A request body that would succeed for a caller who is allowed, so that
/// only authorisation can refuse it.
fn body(route: &str, role: &str, objects: &Objects, revision: i64) -> Option<Value> {
    let unique = format!("{role}-{}", uuid::Uuid::now_v7().simple());
    Some(match route {
        "POST /proposals/{id}/threads"
        | "POST /grants/{id}/threads"
        | "POST /reports/{id}/threads" => {
            json!({ "audience": "staff", "topic": "A question", "body": "What do we do?" })
        }
        "POST /threads/{id}/messages" => json!({ "body": "An answer." }),
        "POST /proposals/{id}/team/invitations" => {
            json!({ "email": format!("{unique}@example.org"), "role": "editor" })
        }
        "PUT /proposals/{id}/team/members/{user_id}" => json!({ "role": "viewer" }),
        "POST /proposals/{id}/team/lead" => json!({ "user_id": objects.owner_id }),
        "POST /invitations/accept" => json!({ "token": format!("ia_{unique}") }),
        "POST /auth/token" => {
            json!({ "email": objects.owner_email, "password": grants_tests::ADMIN_PASSWORD })
        }
        "POST /users/register" => {
            json!({ "email": format!("{unique}@tests.example"), "name": "New", "password": "a long enough password", "country": "MK", "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION })
        }
        "POST /auth/verify-email" => json!({ "token": "iat_unknown" }),
        "POST /auth/password-reset" => json!({ "email": objects.owner_email }),
        "POST /auth/password-reset/confirm" => {
            json!({ "token": "iat_unknown", "password": "a long enough password" })
        }
        "PUT /me/notification-preferences" => json!({ "daily": [] }),
        "POST /me/second-factor/enrolment/confirm"
        | "POST /me/second-factor/disable"
        | "POST /auth/step-up" => json!({ "code": "123456" }),
        // A wrong current password: answered (422), and nothing changes.
        "POST /me/password" => {
            json!({ "current_password": "not the password", "new_password": "a long enough password" })
        }
        "POST /users" => {
            json!({ "email": format!("{unique}@tests.example"), "name": "New", "password": "a long enough password", "roles": [{ "role": "reviewer" }] })
        }
        "PATCH /users/{id}" => json!({ "name": "Renamed", "revision": revision }),
        "POST /programmes" => open_programme_json(&unique[..30.min(unique.len())]),
        "PATCH /programmes/{id}" => json!({ "reviews_per_proposal": 3, "revision": revision }),
        "POST /proposals" => json!({ "programme_id": objects.programme_id }),
        "PATCH /proposals/{id}" => json!({ "title": "Hijacked", "revision": 1 }),
        "POST /proposals/{id}/transitions/{name}" => json!({ "revision": 1 }),
        "POST /admin/outbox/{id}/retry"
        | "POST /admin/outbox/{id}/cancel"
        | "POST /programmes/{id}/archive"
        | "POST /programmes/{id}/assignment/preview"
        | "POST /programmes/{id}/assignment/commit"
        | "POST /proposals/{id}/conflicts"
        | "POST /assignments/{id}/accept"
        | "POST /assignments/{id}/review/submit" => json!({}),
        "PUT /programmes/{id}/reviewers/{user_id}" => json!({ "languages": ["mk"] }),
        "POST /proposals/{id}/conflicts/lift" => {
            json!({ "reviewer_id": objects.owner_id, "kind": "same_country", "reason": "x" })
        }
        "PUT /proposals/{id}/bid" => json!({ "level": "eager" }),
        "POST /programmes/{id}/funding-plan" => json!({ "policy": "optimal" }),
        "POST /programmes/{id}/funding-plan/letters"
        | "POST /programmes/{id}/funding-plan/apply" => {
            json!({ "policy": "optimal", "others": "declined" })
        }
        "POST /programmes/{id}/assignments" => {
            json!({ "proposal_id": objects.draft_id, "reviewer_id": objects.owner_id })
        }
        "POST /assignments/{id}/decline"
        | "POST /assignments/{id}/remove"
        | "POST /assignments/{id}/review/reopen" => json!({ "reason": "Because." }),
        "PUT /assignments/{id}/review" => json!({ "scores": { "impact": 3 } }),
        "POST /proposals/{id}/decision" => json!({ "outcome": "declined", "revision": 1 }),
        "PUT /grants/{id}/bank-details" => json!({
            "account_holder": "Hijacked", "iban": "AL35202111090000000001234567", "bank_name": "Elsewhere"
        }),
        "POST /grants/{id}/bank-details/confirm" | "POST /grants/{id}/bank-details/reject" => {
            json!({ "change_id": uuid::Uuid::nil(), "reason": "x" })
        }
        "POST /grants/{id}/transitions/{name}"
        | "POST /tranches/{id}/transitions/{name}"
        | "POST /reports/{id}/transitions/{name}" => json!({ "revision": revision }),
        "PATCH /reports/{id}" => json!({ "narrative": "Hijacked", "revision": revision }),
        "POST /reports/{id}/due-date" => {
            let later = chrono::Utc::now().date_naive() + chrono::Days::new(400);
            json!({ "due_on": later, "comment": "Moved.", "revision": revision })
        }
        _ => return None,
    })
}

fn fill(path: &str, objects: &Objects) -> String {
    let id = if path.ends_with("/erasure") {
        &objects.erasable_id
    } else if path.starts_with("/users/") {
        &objects.owner_id
    } else if path.starts_with("/programmes/") {
        &objects.programme_id
    } else if path.starts_with("/proposals/") {
        &objects.draft_id
    } else if path.starts_with("/assignments/") {
        &objects.assignment_id
    } else if path.starts_with("/grants/") {
        &objects.grant_id
    } else if path.starts_with("/tranches/") {
        &objects.tranche_id
    } else if path.starts_with("/reports/") {
        &objects.report_id
    } else if path.starts_with("/attachments/") {
        &objects.attachment_id
    } else if path.starts_with("/me/sessions/") {
        &objects.owner_session_id
    } else if path.starts_with("/threads/") {
        &objects.thread_id
    } else {
        &objects.outbox_id
    };
    let filled = path
        .replace("{id}", id)
        .replace("{user_id}", &objects.owner_id)
        .replace("{invitation_id}", &objects.outbox_id)
        .replace(
            "{name}",
            if path.starts_with("/workflows") {
                "proposal"
            } else if path.starts_with("/grants") {
                "terminate"
            } else if path.starts_with("/tranches") {
                "request"
            } else {
                "submit"
            },
        );
    if filled == "/admin/email-preview" {
        format!("{filled}?event=grant_closed")
    } else {
        filled
    }
}

/// A grant of the owner's (funded by the manager), its first tranche, and
/// a file the owner attached to the proposal while drafting it.
async fn someone_elses_grant(
    app: &TestApp,
    tokens: &BTreeMap<&str, String>,
    owner: &str,
    programme_id: &str,
) -> (String, String, String, String) {
    let manager = &tokens["programme_manager"];
    let proposal = app
        .post(
            "/proposals",
            Some(owner),
            &complete_proposal_json(programme_id, "MK"),
        )
        .await;
    proposal.expect(201);
    let proposal_id = proposal.id();
    let attachment = app
        .upload(
            &format!("/proposals/{proposal_id}/attachments"),
            Some(owner),
            ("plan.txt", "text/plain", b"The plan.".to_vec()),
        )
        .await;
    attachment.expect(201);
    let attachment_id = attachment.id();
    app.take_steps(
        &proposal_id,
        1,
        &[
            (owner, "submit"),
            (manager.as_str(), "start_screening"),
            (manager.as_str(), "mark_eligible"),
            (manager.as_str(), "start_review"),
            (manager.as_str(), "complete_review"),
        ],
    )
    .await;
    let decided = app
        .post(
            &format!("/proposals/{proposal_id}/decision"),
            Some(manager),
            &json!({ "outcome": "funded", "revision": 6 }),
        )
        .await;
    decided.expect(200);
    let grant_id = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    let grant = app.get(&format!("/grants/{grant_id}"), Some(manager)).await;
    let tranche_id = grant.body["tranches"][0]["id"]
        .as_str()
        .expect("a tranche")
        .to_owned();
    // The grantee accepts the agreement: the grant starts and owes its reports.
    app.request_with(
        Method::POST,
        &format!("/grants/{grant_id}/transitions/accept_agreement"),
        Some(owner),
        Some(&json!({})),
        &[("if-match", "\"0\"")],
    )
    .await
    .expect(200);
    let reports = app
        .get(&format!("/grants/{grant_id}/reports"), Some(manager))
        .await;
    let report_id = reports.body[0].id();
    (grant_id, tranche_id, report_id, attachment_id)
}

/// A review assignment of a reviewer who is none of the callers, on an
/// eligible proposal of the owner.
async fn someone_elses_assignment(
    app: &TestApp,
    tokens: &BTreeMap<&str, String>,
    owner: &str,
    programme_id: &str,
) -> String {
    let manager = &tokens["programme_manager"];
    let proposal = app
        .post(
            "/proposals",
            Some(owner),
            &complete_proposal_json(programme_id, "MK"),
        )
        .await;
    proposal.expect(201);
    let proposal_id = proposal.id();
    app.take_steps(
        &proposal_id,
        1,
        &[
            (owner, "submit"),
            (manager.as_str(), "start_screening"),
            (manager.as_str(), "mark_eligible"),
        ],
    )
    .await;
    let (other, _) = app
        .user_with_roles("other-reviewer@tests.example", &["reviewer"])
        .await;
    app.request(
        Method::PUT,
        &format!("/programmes/{programme_id}/reviewers/{other}"),
        Some(manager),
        Some(&json!({ "languages": ["mk"], "country": "RS" })),
    )
    .await
    .expect(200);
    let assigned = app
        .post(
            &format!("/programmes/{programme_id}/assignments"),
            Some(manager),
            &json!({ "proposal_id": proposal_id, "reviewer_id": other }),
        )
        .await;
    assigned.expect(201);
    assigned.id()
}

async fn every_route_refuses_every_role_it_should(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner_id, owner) = app
        .user_with_roles("owner@tests.example", &["applicant"])
        .await;
    let mut tokens = BTreeMap::new();
    for role in &ROLES[1..] {
        let role_spec = if *role == "ambassador" {
            "ambassador:AL".to_owned()
        } else {
            (*role).to_owned()
        };
        let (_, token) = app
            .user_with_roles(&format!("{role}@tests.example"), &[role_spec.as_str()])
            .await;
        tokens.insert(*role, token);
    }
    let admin = tokens["admin"].clone();
    let programme = app
        .post("/programmes", Some(&admin), &open_programme_json("AUTHZ"))
        .await;
    programme.expect(201);
    let programme_id = programme.id();
    let draft = app
        .post(
            "/proposals",
            Some(&owner),
            &complete_proposal_json(&programme_id, "MK"),
        )
        .await;
    draft.expect(201);
    app.post(
        "/auth/password-reset",
        None,
        &json!({ "email": "owner@tests.example" }),
    )
    .await
    .expect(202);
    let (erasable_id, _) = app
        .user_with_roles("erasable@tests.example", &["applicant"])
        .await;
    let outbox = app.get("/admin/outbox", Some(&admin)).await;
    let assignment_id = someone_elses_assignment(&app, &tokens, &owner, &programme_id).await;
    let (grant_id, tranche_id, report_id, attachment_id) =
        someone_elses_grant(&app, &tokens, &owner, &programme_id).await;
    let thread = app
        .post(
            &format!("/grants/{grant_id}/threads"),
            Some(&tokens["finance"]),
            &json!({ "audience": "staff", "topic": "Payment timing", "body": "When do we pay?" }),
        )
        .await;
    thread.expect(201);
    let objects = Objects {
        thread_id: thread.id(),
        owner_id,
        owner_email: "owner@tests.example".into(),
        programme_id,
        draft_id: draft.id(),
        outbox_id: outbox.body["items"][0]["id"]
            .as_str()
            .expect("a message to someone else")
            .to_owned(),
        assignment_id,
        grant_id,
        tranche_id,
        report_id,
        attachment_id,
        owner_session_id: app.get("/me/sessions", Some(&owner)).await.body[0]["id"]
            .as_str()
            .expect("the owner's session")
            .to_owned(),
        erasable_id,
    };

    let spec = app.get("/openapi.json", None).await.body;
    let matrix = matrix();
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for (path, operations) in spec["paths"].as_object().expect("paths") {
        for method in operations.as_object().expect("operations").keys() {
            let route = format!("{} {path}", method.to_uppercase());
            let Some((public, expected)) = matrix.get(route.as_str()) else {
                missing.push(route);
                continue;
            };
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let url = fill(path, &objects);
            for (i, role) in ROLES.iter().enumerate() {
                let token = match *role {
                    "anonymous" => None,
                    // Logging out ends the session: use a fresh one.
                    _ if route == "DELETE /auth/token" => Some(
                        app.login(
                            &format!("{role}@tests.example"),
                            grants_tests::ADMIN_PASSWORD,
                        )
                        .await,
                    ),
                    _ => Some(tokens[role].clone()),
                };
                let revision = match route.as_str() {
                    "PATCH /users/{id}" => app.get(&url, Some(&admin)).await.body["revision"]
                        .as_i64()
                        .unwrap_or(1),
                    "PATCH /programmes/{id}" => app.get(&url, Some(&admin)).await.body["revision"]
                        .as_i64()
                        .unwrap_or(1),
                    // Acted on at its current revision, so that only authorisation can refuse.
                    "POST /grants/{id}/transitions/{name}"
                    | "POST /tranches/{id}/transitions/{name}"
                    | "POST /reports/{id}/transitions/{name}"
                    | "PATCH /reports/{id}"
                    | "POST /reports/{id}/due-date" => {
                        let object = url.split("/transitions").next().unwrap_or(&url);
                        let object = object.trim_end_matches("/due-date");
                        app.get(object, Some(&admin)).await.body["revision"]
                            .as_i64()
                            .unwrap_or(0)
                    }
                    _ => 1,
                };
                let payload = body(&route, role, &objects, revision);
                let reply = app
                    .request(method.clone(), &url, token.as_deref(), payload.as_ref())
                    .await;
                let status = reply.status.as_u16();
                let ok = if i == 0 && !public {
                    status == 401
                } else {
                    let may = if i == 0 { May::Yes } else { expected[i - 1] };
                    match may {
                        May::Yes => !matches!(status, 401 | 403 | 404) && status < 500,
                        May::Forbidden => status == 403,
                        May::Hidden => status == 404,
                    }
                };
                if !ok {
                    wrong.push(format!(
                        "{route} as {role}: got {status} {}",
                        reply.body["detail"]
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without an authorisation-matrix entry: {missing:#?}"
    );
    assert!(
        wrong.is_empty(),
        "{} outcomes differ from the matrix: {wrong:#?}",
        wrong.len()
    );
    let covered: usize = spec["paths"].as_object().map_or(0, |p| {
        p.values()
            .map(|o| o.as_object().map_or(0, |o| o.len()))
            .sum()
    });
    assert_eq!(
        covered,
        matrix.len(),
        "the matrix lists routes the service no longer has"
    );
    app.finish().await;
}
