//! Conversations: each thread is read by its audience and nobody else,
//! whatever ids a client sends; each message reaches everyone else in the
//! audience exactly once by email, in their language, through the real SMTP
//! server; unread counts follow reading; bad input is refused whole.

use std::time::Duration;

use grants_tests::smtp::{ReceivedMail, SmtpServer};
use grants_tests::{Backend, Reply, on_both_databases};
use serde_json::{Value, json};

use super::money::Round;

on_both_databases!(
    each_audience_reads_exactly_its_threads_and_each_member_is_emailed_once,
    bad_messages_are_refused_and_nothing_is_half_stored,
    a_conversations_files_are_its_audiences_and_their_senders_to_remove,
);

const AMB_MK: &str = "amb.mk@tests.example";
const AMB_AL: &str = "amb.al@tests.example";
const OTHER_APPLICANT: &str = "other.applicant@tests.example";
const APPLICANT: &str = grants_tests::fixtures::APPLICANT_EMAIL;
const MANAGER: &str = grants_tests::fixtures::MANAGER_EMAIL;
const REVIEWER: &str = "bg@tests.example";
const CHAIR: &str = "chair@tests.example";
const FINANCE: &str = "fin@tests.example";

struct People {
    amb_mk: String,
    amb_mk_id: String,
    amb_al: String,
    amb_al_id: String,
    other_applicant: String,
}

async fn smtp_round(backend: Backend, smtp: &SmtpServer) -> (Round, People) {
    let round = super::money::round_mailing_to(backend, smtp).await;
    let (amb_mk_id, amb_mk) = round
        .app
        .user_speaking(AMB_MK, &["ambassador:MK"], "mk")
        .await;
    let (amb_al_id, amb_al) = round.app.user_with_roles(AMB_AL, &["ambassador:AL"]).await;
    let (_, other_applicant) = round
        .app
        .user_with_roles(OTHER_APPLICANT, &["applicant"])
        .await;
    let people = People {
        amb_mk,
        amb_mk_id,
        amb_al,
        amb_al_id,
        other_applicant,
    };
    (round, people)
}

async fn start(r: &Round, token: &str, subject: &str, audience: &str, topic: &str) -> Reply {
    r.app
        .post(
            &format!("{subject}/threads"),
            Some(token),
            &json!({ "audience": audience, "topic": topic, "body": format!("First message of {topic}.") }),
        )
        .await
}

async fn write(r: &Round, token: &str, thread: &str, body: Value) -> Reply {
    r.app
        .post(&format!("/threads/{thread}/messages"), Some(token), &body)
        .await
}

fn topics(list: &Reply) -> Vec<String> {
    list.body["threads"]
        .as_array()
        .expect("threads")
        .iter()
        .map(|t| t["topic"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// How many mails `to` got about `topic`, once the outbox settled.
fn mails_about<'a>(mails: &'a [ReceivedMail], to: &str, topic: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to == to && m.subject.contains(topic))
        .collect()
}

async fn settled(smtp: &SmtpServer, expected: usize) -> Vec<ReceivedMail> {
    let mails = smtp.wait_for(expected).await;
    // Some dispatcher rounds more: a duplicate would show here.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let after = smtp.messages();
    assert!(after.len() >= mails.len());
    after
}

async fn each_audience_reads_exactly_its_threads_and_each_member_is_emailed_once(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let (r, people) = smtp_round(backend, &smtp).await;
    let proposal = r.eligible("MK", "Maker space", 1_000_000).await;
    let reviewer = r.assigned_reviewer().await;
    let on = format!("/proposals/{proposal}");

    // The ambassador of the proposal's area asks the applicant for a letter.
    let asked = start(&r, &people.amb_mk, &on, "applicants", "Letter of support").await;
    asked.expect(201);
    let letter = asked.id();
    let first_message = asked.body["messages"][0]["id"].clone();
    let members: Vec<&str> = asked.body["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(
        members.len(),
        3,
        "applicant, manager, ambassador: {members:?}"
    );
    assert!(members.contains(&people.amb_mk_id.as_str()));
    assert!(!members.contains(&people.amb_al_id.as_str()));

    // The applicant answers in Macedonian, quoting and mentioning the ambassador.
    let answered = write(
        &r,
        &r.applicant,
        &letter,
        json!({ "body": "Писмото од општината е прикачено.", "reply_to": first_message, "mentions": [people.amb_mk_id] }),
    )
    .await;
    answered.expect(201);
    let reply = &answered.body["messages"][1];
    assert_eq!(reply["reply_to"]["id"], first_message);
    assert_eq!(reply["mentions"][0]["id"], json!(people.amb_mk_id));

    // Staff among themselves; the jury among themselves.
    let staff = start(&r, &r.manager, &on, "staff", "Budget line eligibility").await;
    staff.expect(201);
    let staff = staff.id();
    let jury = start(&r, &r.chair, &on, "jury", "Scoring the outreach criterion").await;
    jury.expect(201);
    let jury = jury.id();

    // Who reads which thread, by the list and by id.
    let readers: [(&str, &str, &[&str]); 6] = [
        ("applicant", &r.applicant, &["Letter of support"]),
        (
            "ambassador of MK",
            &people.amb_mk,
            &["Budget line eligibility", "Letter of support"],
        ),
        (
            "manager",
            &r.manager,
            &["Budget line eligibility", "Letter of support"],
        ),
        ("chair", &r.chair, &["Scoring the outreach criterion"]),
        // Assigned, but their own review is not in yet.
        ("reviewer", &reviewer, &[]),
        ("finance", &r.finance, &[]),
    ];
    for (who, token, expected) in readers {
        let list = r.app.get(&format!("{on}/threads"), Some(token)).await;
        if who == "finance" {
            list.expect(404);
            continue;
        }
        list.expect(200);
        let mut seen = topics(&list);
        seen.sort();
        assert_eq!(seen, expected, "{who}");
        for (thread, topic) in [
            (&letter, "Letter of support"),
            (&staff, "Budget line eligibility"),
            (&jury, "Scoring the outreach criterion"),
        ] {
            let status = if expected.contains(&topic) { 200 } else { 404 };
            for path in [
                format!("/threads/{thread}"),
                format!("/threads/{thread}/read"),
            ] {
                let reply = if path.ends_with("/read") {
                    r.app.post(&path, Some(token), &json!({})).await
                } else {
                    r.app.get(&path, Some(token)).await
                };
                reply.expect(status);
            }
            write(&r, token, thread, json!({ "body": "May I?" }))
                .await
                .expect(if status == 200 { 201 } else { 404 });
        }
    }

    // Outsiders get the 404 of a thread that does not exist, on every thread.
    for (who, token) in [
        ("another area's ambassador", &people.amb_al),
        ("another applicant", &people.other_applicant),
    ] {
        r.app
            .get(&format!("{on}/threads"), Some(token))
            .await
            .expect(404);
        for thread in [&letter, &staff, &jury] {
            r.app
                .get(&format!("/threads/{thread}"), Some(token))
                .await
                .expect(404);
            let wrote = write(&r, token, thread, json!({ "body": "Let me in" })).await;
            assert_eq!(wrote.status.as_u16(), 404, "{who}");
        }
    }

    // Once the reviewer's review is in, the jury's thread is theirs too.
    r.score_all(&reviewer, |_| 4).await;
    let list = r.app.get(&format!("{on}/threads"), Some(&reviewer)).await;
    list.expect(200);
    assert_eq!(topics(&list), ["Scoring the outreach criterion"]);
    r.app
        .get(&format!("/threads/{jury}"), Some(&reviewer))
        .await
        .expect(200);
    // Once in conflict with the proposal, they are out of the jury's thread.
    r.app
        .post(&format!("{on}/conflicts"), Some(&reviewer), &json!({}))
        .await
        .expect(201);
    r.app
        .get(&format!("/threads/{jury}"), Some(&reviewer))
        .await
        .expect(404);
    write(&r, &reviewer, &jury, json!({ "body": "Still here?" }))
        .await
        .expect(404);

    // Unread counts: the applicant read the letter thread above, before
    // the ambassador's and the manager's "May I?"; the manager's thanks
    // make three unread, and reading clears them.
    write(
        &r,
        &r.manager,
        &letter,
        json!({ "body": "Thank you, received." }),
    )
    .await
    .expect(201);
    let unread = r.app.get("/threads/unread", Some(&r.applicant)).await;
    unread.expect(200);
    assert_eq!(unread.body[0]["id"], json!(letter));
    assert_eq!(unread.body[0]["unread"], 3);
    assert_eq!(unread.body.as_array().map(Vec::len), Some(1));
    r.app
        .post(
            &format!("/threads/{letter}/read"),
            Some(&r.applicant),
            &json!({}),
        )
        .await
        .expect(200);
    let unread = r.app.get("/threads/unread", Some(&r.applicant)).await;
    assert_eq!(unread.body, json!([]));

    // Emails: letter thread has 5 messages (ambassador, applicant, the
    // applicant's and the ambassador's and the manager's "May I?", the
    // manager's thanks: 6); each goes to the two others of its audience.
    // Staff: 3 messages (start, ambassador, manager) to the one other.
    // Jury: start and chair's "May I?" go to nobody else until the reviewer
    // is in; the reviewer wrote nothing.
    let letter_mails = 6 * 2;
    let staff_mails = 3;
    let mails = settled(&smtp, letter_mails + staff_mails).await;
    for (to, topic, count) in [
        (APPLICANT, "Letter of support", 4),
        (AMB_MK, "Letter of support", 4),
        (MANAGER, "Letter of support", 4),
        (AMB_AL, "Letter of support", 0),
        (OTHER_APPLICANT, "Letter of support", 0),
        (FINANCE, "Letter of support", 0),
        (REVIEWER, "Letter of support", 0),
        (CHAIR, "Letter of support", 0),
        (AMB_MK, "Budget line eligibility", 2),
        (MANAGER, "Budget line eligibility", 1),
        (APPLICANT, "Budget line eligibility", 0),
        (REVIEWER, "Scoring the outreach criterion", 0),
        (MANAGER, "Scoring the outreach criterion", 0),
    ] {
        assert_eq!(
            mails_about(&mails, to, topic).len(),
            count,
            "{to} about {topic}"
        );
    }
    // In each reader's language, naming the author; the mention says so.
    let to_applicant = mails_about(&mails, APPLICANT, "Letter of support");
    assert!(to_applicant.iter().all(|m| m.language == "mk"));
    assert!(
        to_applicant
            .iter()
            .any(|m| m.subject.contains("Нова порака од"))
    );
    let to_ambassador = mails_about(&mails, AMB_MK, "Letter of support");
    assert!(
        to_ambassador
            .iter()
            .any(|m| m.subject.contains("Ве спомена")
                && m.text.contains("Писмото од општината е прикачено."))
    );
    let to_manager = mails_about(&mails, MANAGER, "Letter of support");
    assert!(to_manager.iter().all(|m| m.language == "en"));
    assert!(
        to_manager
            .iter()
            .all(|m| m.text.contains(&format!("/app/threads/{letter}")))
    );

    // On the grant: the grantee with finance; the area's ambassador does
    // not read grants.
    let funded = r.reviewed("MK", "Audiobook studio", 500_000).await;
    let grant = r.started(&funded).await;
    let on_grant = format!("/grants/{grant}");
    let bank = start(&r, &r.finance, &on_grant, "grantee", "Bank details").await;
    bank.expect(201);
    let bank = bank.id();
    r.app
        .get(&format!("/threads/{bank}"), Some(&r.applicant))
        .await
        .expect(200);
    for token in [&people.amb_mk, &r.chair, &people.other_applicant] {
        r.app
            .get(&format!("/threads/{bank}"), Some(token))
            .await
            .expect(404);
    }
    let offered = r
        .app
        .get(&format!("{on_grant}/threads"), Some(&r.applicant))
        .await;
    assert_eq!(offered.body["may_start"], json!(["grantee"]));
}

async fn bad_messages_are_refused_and_nothing_is_half_stored(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let (r, people) = smtp_round(backend, &smtp).await;
    let proposal = r.eligible("MK", "Maker space", 1_000_000).await;
    let on = format!("/proposals/{proposal}");
    let thread = start(&r, &people.amb_mk, &on, "applicants", "Letter").await;
    thread.expect(201);
    let thread = thread.id();
    let other = start(&r, &r.manager, &on, "staff", "Elsewhere").await;
    let elsewhere = other.body["messages"][0]["id"].clone();

    let field_of = |reply: &Reply| -> Vec<(String, String)> {
        reply.body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or_default().to_owned(),
                    e["code"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let too_long = "я".repeat(20_001);
    for (body, field, code) in [
        (json!({ "body": "   " }), "body", "required"),
        (json!({ "body": too_long }), "body", "too_long"),
        (
            json!({ "body": "a\u{202E}b" }),
            "body",
            "invalid_characters",
        ),
        (
            json!({ "body": "Hello", "mentions": [people.amb_al_id] }),
            "mentions[0]",
            "not_in_audience",
        ),
        (
            json!({ "body": "Hello", "reply_to": elsewhere }),
            "reply_to",
            "not_in_thread",
        ),
    ] {
        let refused = write(&r, &r.applicant, &thread, body).await;
        refused.expect_problem(422);
        assert_eq!(field_of(&refused), [(field.to_owned(), code.to_owned())]);
    }
    // The words of a refusal come in the reader's language.
    let refused = write(&r, &r.applicant, &thread, json!({ "body": "" })).await;
    assert_eq!(refused.body["errors"][0]["message"], "Пополнете го ова.");

    for (audience, code) in [
        ("jury", "audience_not_offered"),
        ("grantee", "audience_not_offered"),
        ("everyone", "unknown_audience"),
    ] {
        let refused = start(&r, &r.applicant, &on, audience, "Mine").await;
        refused.expect(422);
        assert_eq!(
            field_of(&refused),
            [("audience".to_owned(), code.to_owned())]
        );
    }
    // Only the fields in fault are named: the ambassador, whom the
    // applicant may mention, is not refused for the topic's fault.
    let blank = r
        .app
        .post(
            &format!("{on}/threads"),
            Some(&r.applicant),
            &json!({ "audience": "applicants", "topic": "two\nlines", "body": "", "mentions": [people.amb_mk_id] }),
        )
        .await;
    blank.expect(422);
    assert_eq!(
        field_of(&blank),
        [
            ("topic".to_owned(), "invalid_characters".to_owned()),
            ("body".to_owned(), "required".to_owned())
        ]
    );

    // Nothing of the refused was kept: one message each, no new thread.
    let read = r
        .app
        .get(&format!("/threads/{thread}"), Some(&r.applicant))
        .await;
    assert_eq!(read.body["messages"].as_array().map(Vec::len), Some(1));
    let list = r
        .app
        .get(&format!("{on}/threads"), Some(&r.applicant))
        .await;
    assert_eq!(topics(&list), ["Letter"]);

    // A draft has no conversations yet.
    let draft = r
        .app
        .post(
            "/proposals",
            Some(&r.applicant),
            &grants_tests::complete_proposal_json(&r.programme_id, "MK"),
        )
        .await;
    draft.expect(201);
    let refused = start(
        &r,
        &r.applicant,
        &format!("/proposals/{}", draft.id()),
        "applicants",
        "Too early",
    )
    .await;
    refused.expect(409);
    assert_eq!(refused.body["code"], "conversation-on-draft");

    // A thread id that is no thread, or not an id.
    let nowhere = uuid::Uuid::now_v7();
    r.app
        .get(&format!("/threads/{nowhere}"), Some(&r.applicant))
        .await
        .expect(404);
    r.app
        .get("/threads/not-an-id", Some(&r.applicant))
        .await
        .expect(404);
}

async fn a_conversations_files_are_its_audiences_and_their_senders_to_remove(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let (r, people) = smtp_round(backend, &smtp).await;
    let proposal = r.eligible("MK", "Maker space", 1_000_000).await;
    let thread = start(
        &r,
        &people.amb_mk,
        &format!("/proposals/{proposal}"),
        "applicants",
        "Letter of support",
    )
    .await;
    thread.expect(201);
    let thread = thread.id();
    let letter =
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .to_vec();
    let path = format!("/threads/{thread}/attachments");

    // Someone outside the audience can neither add nor see a file.
    for token in [&people.amb_al, &people.other_applicant] {
        r.app
            .upload(
                &path,
                Some(token),
                ("letter.pdf", "application/pdf", letter.clone()),
            )
            .await
            .expect(404);
    }
    // The applicant attaches the letter; the whole audience sees it.
    let attached = r
        .app
        .upload(
            &path,
            Some(&r.applicant),
            ("letter.pdf", "application/pdf", letter.clone()),
        )
        .await;
    attached.expect(201);
    let file = attached.id();
    for token in [&r.applicant, &people.amb_mk, &r.manager] {
        let read = r.app.get(&format!("/threads/{thread}"), Some(token)).await;
        assert_eq!(read.body["attachments"][0]["id"], json!(file));
        let (status, _, bytes) = r
            .app
            .download_with(&format!("/attachments/{file}/content"), Some(token), &[])
            .await;
        assert_eq!(status, 200);
        assert_eq!(bytes, letter);
    }
    for token in [&people.amb_al, &people.other_applicant, &r.chair] {
        r.app
            .get(&format!("/attachments/{file}"), Some(token))
            .await
            .expect(404);
        r.app.get(&path, Some(token)).await.expect(404);
    }
    // A file of a type not taken is refused, and nothing is kept.
    r.app
        .upload(
            &path,
            Some(&r.applicant),
            (
                "run.exe",
                "application/octet-stream",
                b"MZ\x90\x00 not a document".to_vec(),
            ),
        )
        .await
        .expect(415);
    let listed = r.app.get(&path, Some(&r.applicant)).await;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    // What was said stays said: only its sender takes a file back.
    r.app
        .request(
            reqwest::Method::DELETE,
            &format!("/attachments/{file}"),
            Some(&r.manager),
            None,
        )
        .await
        .expect(403);
    r.app
        .request(
            reqwest::Method::DELETE,
            &format!("/attachments/{file}"),
            Some(&r.applicant),
            None,
        )
        .await
        .expect(204);
    let listed = r.app.get(&path, Some(&r.applicant)).await;
    assert_eq!(listed.body, json!([]));
}
