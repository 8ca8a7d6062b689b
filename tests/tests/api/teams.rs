//! Teams: a lead applicant invites an editor and a viewer by email (one
//! with an account, one who registers through the link), they write the
//! proposal together with the usual 409 on a stale revision, only the lead
//! submits, every member is in the applicant's conversations and emailed
//! once in their language, a removed member loses the proposal and its
//! threads, and the lead hands the lead over. Links work once and expire.

use grants_tests::smtp::{ReceivedMail, SmtpServer};
use grants_tests::{Backend, Reply, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

use super::money::Round;

on_both_databases!(
    a_team_of_three_writes_discusses_and_hands_over_a_proposal,
    invitation_links_work_once_for_their_address_until_they_expire,
);

const EDITOR: &str = "editor.al@tests.example";
const VIEWER: &str = "Viewer.New@tests.example";
const AMB_MK: &str = "amb.mk@tests.example";
const PASSWORD: &str = "a long enough password";

/// A draft of the round's applicant, who leads its team.
async fn draft(r: &Round, title: &str) -> String {
    let mut body = grants_tests::complete_proposal_json(&r.programme_id, "MK");
    body["title"] = json!(title);
    let draft = r.app.post("/proposals", Some(&r.applicant), &body).await;
    draft.expect(201);
    draft.id()
}

async fn invite(r: &Round, token: &str, proposal: &str, body: Value) -> Reply {
    r.app
        .post(
            &format!("/proposals/{proposal}/team/invitations"),
            Some(token),
            &body,
        )
        .await
}

/// The secret of the invitation link in a mail.
fn link_token(mail: &ReceivedMail) -> String {
    let marker = "/app/invitations/";
    let start = mail.text.find(marker).expect("an invitation link") + marker.len();
    mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

fn mail_to<'a>(mails: &'a [ReceivedMail], to: &str, about: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to.eq_ignore_ascii_case(to) && m.subject.contains(about))
        .collect()
}

async fn accept(r: &Round, token: &str, secret: &str) -> Reply {
    r.app
        .post(
            "/invitations/accept",
            Some(token),
            &json!({ "token": secret }),
        )
        .await
}

async fn register(r: &Round, email: &str, locale: &str) -> String {
    r.app
        .post(
            "/users/register",
            None,
            &json!({ "email": email, "name": "Вера Нова", "password": PASSWORD, "country": "AL", "organisation": "Library of Korçë", "locale": locale, "accepted_privacy_notice": grants_notify::PRIVACY_NOTICE_VERSION }),
        )
        .await
        .expect(201);
    r.app.login(email, PASSWORD).await
}

fn standing(team: &Value, id: &str) -> Value {
    team["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["user_id"] == json!(id))
        .map(|m| m["standing"].clone())
        .unwrap_or(Value::Null)
}

async fn a_team_of_three_writes_discusses_and_hands_over_a_proposal(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let r = super::money::round_mailing_to(backend, &smtp).await;
    let (editor_id, editor) = r
        .app
        .user_speaking(EDITOR, &["applicant", "reviewer"], "sq")
        .await;
    let (_, ambassador) = r.app.user_speaking(AMB_MK, &["ambassador:MK"], "mk").await;
    let proposal = draft(&r, "Reading café").await;
    let on = format!("/proposals/{proposal}");

    // The lead invites an editor who has an account and a viewer who has none.
    invite(
        &r,
        &r.applicant,
        &proposal,
        json!({ "email": EDITOR, "role": "editor" }),
    )
    .await
    .expect(201);
    invite(
        &r,
        &r.applicant,
        &proposal,
        json!({ "email": VIEWER, "role": "viewer", "language": "mk" }),
    )
    .await
    .expect(201);
    let mails = smtp.wait_for(2).await;
    let to_editor = mail_to(&mails, EDITOR, "Reading café");
    let to_viewer = mail_to(&mails, VIEWER, "Reading café");
    assert_eq!((to_editor.len(), to_viewer.len()), (1, 1), "{mails:#?}");
    // Each in their language: the account's own, or the one the lead chose.
    assert_eq!(to_editor[0].language, "sq");
    assert_eq!(to_viewer[0].language, "mk");
    let editor_link = link_token(to_editor[0]);
    let viewer_link = link_token(to_viewer[0]);

    // Nobody is on the team before accepting.
    r.app.get(&on, Some(&editor)).await.expect(404);
    let joined = accept(&r, &editor, &editor_link).await;
    joined.expect(200);
    assert_eq!(
        standing(&joined.body, &editor_id),
        json!({ "member": "editor" })
    );
    // The link works once.
    let again = accept(&r, &editor, &editor_link).await;
    again.expect_problem(409);
    assert_eq!(again.body["code"], "invitation-used");

    // The viewer registers through the link, then accepts.
    let viewer = register(&r, VIEWER, "mk").await;
    accept(&r, &viewer, &viewer_link).await.expect(200);
    // Inviting someone already on the team is refused on the address.
    let twice = invite(
        &r,
        &r.applicant,
        &proposal,
        json!({ "email": "viewer.new@TESTS.example", "role": "editor" }),
    )
    .await;
    twice.expect_problem(422);
    assert_eq!(twice.body["errors"][0]["code"], "already_in_team");

    // Both see the draft and find it in their list.
    for token in [&editor, &viewer] {
        r.app.get(&on, Some(token)).await.expect(200);
        let list = r.app.get("/proposals", Some(token)).await;
        list.expect(200);
        assert!(
            list.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|p| p["id"] == json!(proposal))
        );
    }

    // The lead's dossier names the team, in her language.
    let (status, _, bytes) = r
        .app
        .download(&format!("{on}/dossier.pdf"), Some(&r.applicant))
        .await;
    assert_eq!(status, 200);
    let dossier = grants_tests::readers::words_of(&grants_tests::readers::read_pdf(&bytes));
    for words in [
        "Вера Нова",
        &grants_i18n::text(grants_domain::Locale::Mk, "team-role-viewer"),
    ] {
        assert!(dossier.contains(words), "{words:?} is not in {dossier}");
    }

    // The editor and the lead write at once: the later save gets a 409.
    let read = r.app.get(&on, Some(&r.applicant)).await;
    let revision = read.body["revision"].as_i64().expect("revision");
    r.app
        .patch(
            &on,
            &editor,
            Some(revision),
            &json!({ "summary": "The editor's summary." }),
        )
        .await
        .expect(200);
    r.app
        .patch(
            &on,
            &r.applicant,
            Some(revision),
            &json!({ "summary": "The lead's summary." }),
        )
        .await
        .expect_problem(409);
    let now = r.app.get(&on, Some(&r.applicant)).await;
    assert_eq!(now.body["summary"], "The editor's summary.");
    // The viewer reads only.
    let refused = r
        .app
        .patch(
            &on,
            &viewer,
            Some(revision + 1),
            &json!({ "summary": "Mine." }),
        )
        .await;
    refused.expect_problem(403);
    assert_eq!(refused.body["code"], "team-viewer-reads");

    // Only the lead submits.
    r.take(&editor, &proposal, "submit")
        .await
        .expect_problem(403);
    r.take(&r.applicant, &proposal, "submit").await.expect(200);

    // The editor also reviews for the programme, from another country and
    // library: never a proposal whose team she is on, whatever the policy.
    r.app
        .request(
            Method::PUT,
            &format!("/programmes/{}/reviewers/{editor_id}", r.programme_id),
            Some(&r.chair),
            Some(
                &json!({ "languages": ["mk"], "country": "RS", "organisation": "Library of Niš" }),
            ),
        )
        .await
        .expect(200);
    let conflicts = r.app.get(&format!("{on}/conflicts"), Some(&r.chair)).await;
    conflicts.expect(200);
    let hers = conflicts
        .body
        .as_array()
        .expect("conflicts")
        .iter()
        .find(|c| c["reviewer_id"] == json!(editor_id))
        .map(|c| c["in_force"].clone());
    assert_eq!(hers, Some(json!(["on_the_team"])), "{}", conflicts.body);
    // A reviewer from the viewer's library and country (Korçë, Albania) is
    // as close to the proposal as one from the applicant's own.
    let (colleague_id, _) = r
        .app
        .user_with_roles("rev.al@tests.example", &["reviewer"])
        .await;
    r.app
        .request(
            Method::PUT,
            &format!("/programmes/{}/reviewers/{colleague_id}", r.programme_id),
            Some(&r.chair),
            Some(&json!({ "languages": ["mk"], "country": "AL", "organisation": "Library of Korçë" })),
        )
        .await
        .expect(200);
    let conflicts = r.app.get(&format!("{on}/conflicts"), Some(&r.chair)).await;
    let theirs = conflicts
        .body
        .as_array()
        .expect("conflicts")
        .iter()
        .find(|c| c["reviewer_id"] == json!(colleague_id))
        .map(|c| c["in_force"].clone());
    assert_eq!(
        theirs,
        Some(json!(["same_organisation", "same_country"])),
        "{}",
        conflicts.body
    );

    // The area's ambassador asks the applicants; the whole team is in it,
    // and each member is emailed once, in their language.
    let thread = r
        .app
        .post(
            &format!("{on}/threads"),
            Some(&ambassador),
            &json!({ "audience": "applicants", "topic": "Opening hours", "body": "Until when will the café be open?" }),
        )
        .await;
    thread.expect(201);
    let thread_id = thread.id();
    let members: Vec<&str> = thread.body["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert!(members.contains(&editor_id.as_str()), "{members:?}");
    let answered = r
        .app
        .post(
            &format!("/threads/{thread_id}/messages"),
            Some(&viewer),
            &json!({ "body": "До 20 часот, секој ден." }),
        )
        .await;
    answered.expect(201);
    // Invitations (2), the submission's (lead, manager, ambassador), the
    // ambassador's question to lead, editor, viewer and manager, and the
    // viewer's answer to everyone else: thirteen, and no more.
    smtp.wait_for(13).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let mails = smtp.messages();
    let about = |to: &str| mail_to(&mails, to, "Opening hours");
    assert_eq!(about(EDITOR).len(), 2, "the question and the answer");
    assert!(about(EDITOR).iter().all(|m| m.language == "sq"));
    assert_eq!(
        about(VIEWER).len(),
        1,
        "the question only: the answer is theirs"
    );
    assert_eq!(about(VIEWER)[0].language, "mk");

    // The lead makes the viewer an editor, then removes them: they lose
    // the proposal and its conversations at once.
    let viewer_id = r.app.get("/me", Some(&viewer)).await.id();
    let changed = r
        .app
        .request(
            Method::PUT,
            &format!("{on}/team/members/{viewer_id}"),
            Some(&r.applicant),
            Some(&json!({ "role": "editor" })),
        )
        .await;
    changed.expect(200);
    assert_eq!(
        standing(&changed.body, &viewer_id),
        json!({ "member": "editor" })
    );
    r.app
        .request(
            Method::DELETE,
            &format!("{on}/team/members/{viewer_id}"),
            Some(&r.applicant),
            None,
        )
        .await
        .expect(204);
    r.app.get(&on, Some(&viewer)).await.expect(404);
    r.app
        .get(&format!("/threads/{thread_id}"), Some(&viewer))
        .await
        .expect(404);
    r.app
        .post(
            &format!("/threads/{thread_id}/messages"),
            Some(&viewer),
            &json!({ "body": "Still here?" }),
        )
        .await
        .expect(404);

    // The lead hands the lead to the editor and stays on as an editor.
    let handed = r
        .app
        .post(
            &format!("{on}/team/lead"),
            Some(&r.applicant),
            &json!({ "user_id": editor_id }),
        )
        .await;
    handed.expect(200);
    assert_eq!(standing(&handed.body, &editor_id), json!("lead"));
    assert_eq!(handed.body["you"], json!({ "member": "editor" }));
    let team = r.app.get(&format!("{on}/team"), Some(&editor)).await;
    team.expect(200);
    assert_eq!(team.body["may"]["manage"], true);
    // The new lead cannot leave without handing the lead on.
    let leave = r
        .app
        .request(
            Method::DELETE,
            &format!("{on}/team/members/{editor_id}"),
            Some(&editor),
            None,
        )
        .await;
    leave.expect_problem(409);
    assert_eq!(leave.body["code"], "lead-cannot-leave");
    // The audit trail (the proposal's history) names every change to the team.
    let admin = r.app.admin_token().await;
    let history = r
        .app
        .get(
            &format!("/audit-events?subject_type=proposal&subject_id={proposal}&limit=100"),
            Some(&admin),
        )
        .await;
    history.expect(200);
    let actions: Vec<&str> = history.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "proposal.team_invited",
        "proposal.team_joined",
        "proposal.team_role_changed",
        "proposal.team_member_removed",
        "proposal.lead_handed_over",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    r.app.finish().await;
}

async fn invitation_links_work_once_for_their_address_until_they_expire(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let r = super::money::round_mailing_to(backend, &smtp).await;
    let proposal = draft(&r, "Seed library").await;
    let on = format!("/proposals/{proposal}");

    // Bad input is refused on its field, and nothing is stored.
    let bad = invite(
        &r,
        &r.applicant,
        &proposal,
        json!({ "email": "not an address", "role": "owner" }),
    )
    .await;
    bad.expect_problem(422);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["email", "role"]);
    let lead_itself = invite(
        &r,
        &r.applicant,
        &proposal,
        json!({ "email": grants_tests::fixtures::APPLICANT_EMAIL, "role": "editor" }),
    )
    .await;
    lead_itself.expect_problem(422);
    assert_eq!(lead_itself.body["errors"][0]["code"], "already_in_team");
    let team = r.app.get(&format!("{on}/team"), Some(&r.applicant)).await;
    team.expect(200);
    assert_eq!(team.body["invitations"], json!([]));

    // Someone who is not the lead invites nobody.
    let (_, stranger) = r
        .app
        .user_with_roles("stranger@tests.example", &["applicant"])
        .await;
    invite(
        &r,
        &stranger,
        &proposal,
        json!({ "email": "x@tests.example", "role": "viewer" }),
    )
    .await
    .expect_problem(404);

    // Three invitations: one withdrawn, one left to expire, one accepted by someone else.
    for email in [
        "withdrawn@tests.example",
        "late@tests.example",
        "right@tests.example",
    ] {
        invite(
            &r,
            &r.applicant,
            &proposal,
            json!({ "email": email, "role": "viewer" }),
        )
        .await
        .expect(201);
    }
    let mails = smtp.wait_for(3).await;
    let link = |to: &str| link_token(mail_to(&mails, to, "Seed library")[0]);
    let team = r.app.get(&format!("{on}/team"), Some(&r.applicant)).await;
    let withdrawn = team.body["invitations"]
        .as_array()
        .expect("invitations")
        .iter()
        .find(|i| i["email"] == "withdrawn@tests.example")
        .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
        .expect("the invitation is listed");
    r.app
        .request(
            Method::DELETE,
            &format!("{on}/team/invitations/{withdrawn}"),
            Some(&r.applicant),
            None,
        )
        .await
        .expect(204);
    let person = register(&r, "withdrawn@tests.example", "en").await;
    let used = accept(&r, &person, &link("withdrawn@tests.example")).await;
    used.expect_problem(409);
    assert_eq!(used.body["code"], "invitation-used");

    // A link is for the address it went to.
    let wrong = accept(&r, &person, &link("right@tests.example")).await;
    wrong.expect_problem(403);
    assert_eq!(wrong.body["code"], "invitation-for-another-address");
    accept(&r, &person, "iat_made-up").await.expect_problem(404);

    // Fifteen days on, the late one's link has expired.
    r.app.clock.advance(chrono::Duration::days(15));
    let late = register(&r, "late@tests.example", "en").await;
    let expired = accept(&r, &late, &link("late@tests.example")).await;
    expired.expect_problem(409);
    assert_eq!(expired.body["code"], "invitation-expired");
    r.app.get(&on, Some(&late)).await.expect(404);
    r.app.finish().await;
}
