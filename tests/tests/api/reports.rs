//! Implementation reports end to end: the schedule a grant gets when it
//! starts, reminders through durable timers with the server's clock moved
//! forward (no sleeping for months) delivered once each to a real SMTP
//! server, the managers' weekly summary of late reports, the review that
//! unlocks a tranche, the final report and paid tranches that close the
//! grant, bad input, and the impact summary.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use grants_tests::smtp::{ReceivedMail, SmtpServer};
use grants_tests::{Backend, HasId, Reply, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

use super::money::{Round, etag, round};

on_both_databases!(
    reminders_arrive_once_each_and_late_reports_reach_the_managers_weekly,
    accepted_reports_unlock_tranches_and_the_final_one_closes_the_grant,
    bad_report_input_is_refused_and_changes_nothing,
    report_files_are_the_grantees_to_add_and_its_readers_to_read,
    reports_are_found_by_what_they_say_and_by_their_proposal,
);

/// A round whose mail goes to `smtp`, and a started grant of its applicant.
async fn started_grant(backend: Backend, smtp: Option<&SmtpServer>) -> (Round, String) {
    let port = smtp.map(|s| s.port);
    let round = round(
        backend,
        10_000_000,
        |_| {},
        |config| {
            if let Some(port) = port {
                config.mail.transport = grants_server::config::MailTransport::Smtp;
                config.mail.smtp.host = "127.0.0.1".into();
                config.mail.smtp.port = port;
            }
        },
    )
    .await;
    let proposal = round.reviewed("MK", "Maker space", 1_000_000).await;
    let grant = round.started(&proposal).await;
    (round, grant)
}

pub(crate) async fn reports_of(round: &Round, token: &str, grant: &str) -> Vec<Value> {
    let reply = round
        .app
        .get(&format!("/grants/{grant}/reports"), Some(token))
        .await;
    reply.expect(200);
    reply.body.as_array().expect("a list").clone()
}

async fn report(round: &Round, token: &str, report: &str) -> Value {
    let reply = round
        .app
        .get(&format!("/reports/{report}"), Some(token))
        .await;
    reply.expect(200);
    reply.body.clone()
}

/// Waits (polling the timers' work, not the calendar) until the report is in `state`.
pub(crate) async fn until_state(round: &Round, report_id: &str, state: &str) -> Value {
    for _ in 0..150 {
        let current = report(round, &round.manager, report_id).await;
        if current["state"] == state {
            return current;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the report never reached {state}");
}

pub(crate) fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .expect("a time")
        .with_timezone(&Utc)
}

/// Moves the server's clock to just after `moment`.
pub(crate) fn advance_past(round: &Round, moment: DateTime<Utc>) {
    let now = round.app.clock.now();
    if moment > now {
        round
            .app
            .clock
            .advance(moment - now + chrono::Duration::minutes(1));
    }
}

pub(crate) async fn take(
    round: &Round,
    token: &str,
    report_id: &str,
    name: &str,
    body: Value,
) -> Reply {
    let current = report(round, &round.manager, report_id).await;
    round
        .app
        .request_with(
            Method::POST,
            &format!("/reports/{report_id}/transitions/{name}"),
            Some(token),
            Some(&body),
            &[("if-match", &etag(&current["revision"]))],
        )
        .await
}

pub(crate) async fn write(round: &Round, report_id: &str, body: Value) -> Reply {
    let current = report(round, &round.manager, report_id).await;
    round
        .app
        .patch(
            &format!("/reports/{report_id}"),
            &round.applicant,
            current["revision"].as_i64(),
            &body,
        )
        .await
}

pub(crate) fn complete_report() -> Value {
    json!({
        "narrative": "The maker space opened in March; teenagers came back.",
        "activities": "40 workshops, two librarians trained.",
        "indicators": { "people_reached": 420, "events_held": 40, "services_launched": 1 },
        "spending": [ { "budget_line": 0, "amount": { "minor": 990_000, "currency": "EUR" } } ]
    })
}

fn mails_to<'a>(mails: &'a [ReceivedMail], to: &str, subject: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to == to && m.subject.contains(subject))
        .collect()
}

/// Waits until `to` has `count` mails whose subject contains `subject`, then a
/// little longer, and returns how many arrived in all (so a duplicate shows).
async fn settled_count(smtp: &SmtpServer, to: &str, subject: &str, count: usize) -> usize {
    for _ in 0..300 {
        if mails_to(&smtp.messages(), to, subject).len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Several timer and dispatcher rounds more: anything sent twice would be here.
    tokio::time::sleep(Duration::from_millis(800)).await;
    mails_to(&smtp.messages(), to, subject).len()
}

async fn reminders_arrive_once_each_and_late_reports_reach_the_managers_weekly(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let (round, grant) = started_grant(backend, Some(&smtp)).await;
    let applicant = "ana@tests.example";
    let manager = "manager@tests.example";

    // The schedule exists from the start: interim at 6 months, final at 12.
    let reports = reports_of(&round, &round.applicant, &grant).await;
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert_eq!(reports[0]["key"], "interim");
    assert_eq!(reports[1]["key"], "final");
    assert_eq!(reports[0]["state"], "scheduled");
    let today = round.app.clock.now().date_naive();
    let due_on: NaiveDate = serde_json::from_value(reports[0]["due_on"].clone()).expect("a date");
    assert_eq!(
        month_number(due_on) - month_number(today),
        6,
        "due six months after the start"
    );
    let interim = reports[0].id();

    // Fourteen days before: the report opens and the grantee is reminded, in Macedonian.
    let first = time(&reports[0]["next_reminder_at"]);
    assert!(first < time(&reports[0]["deadline"]) - chrono::Duration::days(13));
    advance_past(&round, first);
    until_state(&round, &interim, "due").await;
    assert_eq!(
        settled_count(&smtp, applicant, "треба да се достави", 1).await,
        1
    );

    // The server misses the 3-day and due-day reminders (its clock jumps past
    // the deadline): only the latest reminder goes, never a backlog.
    let deadline = time(&reports[0]["deadline"]);
    advance_past(&round, deadline);
    let late = until_state(&round, &interim, "overdue").await;
    assert_eq!(late["timeliness"], "overdue");
    assert!(late["days_late"].as_i64().expect("days") >= 1);
    assert_eq!(
        settled_count(&smtp, applicant, "Задоцнет извештај", 1).await,
        1
    );
    assert_eq!(
        mails_to(&smtp.messages(), applicant, "треба да се достави").len(),
        1,
        "the missed reminders before the deadline were not sent late"
    );

    // Managers see the late report at a glance.
    let listed = round
        .app
        .get(
            &format!("/reports?programme_id={}&late=true", round.programme_id),
            Some(&round.manager),
        )
        .await;
    listed.expect(200);
    assert_eq!(listed.body["items"].as_array().expect("items").len(), 1);
    assert_eq!(listed.body["items"][0]["id"], interim.as_str());
    // The page (read in a fixed number of queries) shows the report as its
    // own page does: who owes it and when the next reminder goes.
    let item = &listed.body["items"][0];
    assert_eq!(*item, report(&round, &round.manager, &interim).await);
    assert_eq!(item["grantee_name"], "Test Person");
    assert!(time(&item["next_reminder_at"]) > round.app.clock.now());

    // A week on: one summary for the manager, one more weekly reminder for the grantee.
    round.app.clock.advance(chrono::Duration::days(7));
    assert_eq!(
        settled_count(&smtp, manager, "Late reports this week: 1", 1).await,
        1
    );
    assert_eq!(
        settled_count(&smtp, applicant, "Задоцнет извештај", 2).await,
        2
    );
    let summary = mails_to(&smtp.messages(), manager, "Late reports")[0].clone();
    assert!(
        summary.text.contains("Maker space (MK)"),
        "{}",
        summary.text
    );

    // Submitted: the reminders stop.
    write(&round, &interim, complete_report()).await.expect(200);
    take(&round, &round.applicant, &interim, "submit", json!({}))
        .await
        .expect(200);
    round.app.clock.advance(chrono::Duration::days(8));
    assert_eq!(
        settled_count(&smtp, applicant, "Задоцнет извештај", 2).await,
        2
    );
    let submitted = report(&round, &round.applicant, &interim).await;
    assert_eq!(submitted["timeliness"], "late");
    assert!(submitted["next_reminder_at"].is_null());
    drop(smtp);
    round.app.finish().await;
}

/// Months since year 0, to count whole months between two dates.
fn month_number(day: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

async fn pay(round: &Round, tranche: &str) {
    round
        .tranche(&round.finance, tranche, "request", json!({}))
        .await
        .expect(200);
    round
        .tranche(&round.second_finance, tranche, "approve", json!({}))
        .await
        .expect(200);
    round
        .tranche(
            &round.finance,
            tranche,
            "pay",
            json!({ "payment": { "reference": format!("PAY-{tranche}"), "value_date": round.app.clock.now().date_naive() } }),
        )
        .await
        .expect(200);
}

async fn may_request(round: &Round, tranche: &str) -> Value {
    let reply = round
        .app
        .get(
            &format!("/tranches/{tranche}/transitions"),
            Some(&round.finance),
        )
        .await;
    reply.expect(200);
    reply
        .body
        .as_array()
        .expect("transitions")
        .iter()
        .find(|t| t["name"] == "request")
        .cloned()
        .expect("a request transition")
}

async fn accepted_reports_unlock_tranches_and_the_final_one_closes_the_grant(backend: Backend) {
    let (round, grant) = started_grant(backend, None).await;
    let tranches: Vec<String> = round.grant(&round.finance, &grant).await["tranches"]
        .as_array()
        .expect("tranches")
        .iter()
        .map(|t| t.id())
        .collect();
    assert_eq!(tranches.len(), 3, "signing, interim, final");
    pay(&round, &tranches[0]).await;
    let blocked = may_request(&round, &tranches[1]).await;
    assert_eq!(blocked["allowed"], false);
    assert!(
        blocked
            .to_string()
            .contains("'interim' has not been accepted"),
        "{blocked}"
    );

    let reports = reports_of(&round, &round.applicant, &grant).await;
    let (interim, last) = (reports[0].id(), reports[1].id());
    advance_past(&round, time(&reports[0]["next_reminder_at"]));
    until_state(&round, &interim, "due").await;

    // Incomplete: the submit button says what is missing.
    let refused = take(&round, &round.applicant, &interim, "submit", json!({})).await;
    assert!(refused.status.is_client_error(), "{:#}", refused.body);
    assert!(
        refused.body.to_string().contains("narrative"),
        "{:#}",
        refused.body
    );
    write(&round, &interim, complete_report()).await.expect(200);
    take(&round, &round.applicant, &interim, "submit", json!({}))
        .await
        .expect(200);

    // Changes need a comment; the grantee resubmits.
    let no_reason = take(
        &round,
        &round.manager,
        &interim,
        "request_changes",
        json!({}),
    )
    .await;
    assert!(no_reason.status.is_client_error());
    take(
        &round,
        &round.manager,
        &interim,
        "request_changes",
        json!({ "comment": "Add the visitor numbers per month." }),
    )
    .await
    .expect(200);
    let back = report(&round, &round.applicant, &interim).await;
    assert_eq!(back["state"], "changes_requested");
    assert_eq!(back["review_comment"], "Add the visitor numbers per month.");
    write(
        &round,
        &interim,
        json!({ "activities": "40 workshops; 35 visitors a month." }),
    )
    .await
    .expect(200);
    take(&round, &round.applicant, &interim, "submit", json!({}))
        .await
        .expect(200);
    take(&round, &round.manager, &interim, "accept", json!({}))
        .await
        .expect(200);

    // The interim tranche can now be requested; paid.
    assert_eq!(may_request(&round, &tranches[1]).await["allowed"], true);
    pay(&round, &tranches[1]).await;
    assert_eq!(round.grant(&round.manager, &grant).await["state"], "active");

    // The final report: opening it starts final reporting; accepting it with
    // the last tranche still unpaid leaves the grant open.
    let final_report = report(&round, &round.manager, &last).await;
    advance_past(&round, time(&final_report["next_reminder_at"]));
    until_state(&round, &last, "due").await;
    assert_eq!(
        round.grant(&round.manager, &grant).await["state"],
        "reporting"
    );
    write(&round, &last, complete_report()).await.expect(200);
    take(&round, &round.applicant, &last, "submit", json!({}))
        .await
        .expect(200);
    take(&round, &round.manager, &last, "accept", json!({}))
        .await
        .expect(200);
    assert_eq!(
        round.grant(&round.manager, &grant).await["state"],
        "reporting"
    );

    // Submitting after acceptance is refused and changes nothing.
    let again = take(&round, &round.applicant, &last, "submit", json!({})).await;
    assert!(again.status.is_client_error(), "{:#}", again.body);
    let edit = write(&round, &last, json!({ "narrative": "Changed afterwards." })).await;
    edit.expect_problem(409);
    assert_eq!(
        report(&round, &round.manager, &last).await["content"]["narrative"],
        complete_report()["narrative"]
    );

    // The last tranche paid: the grant closes by itself.
    pay(&round, &tranches[2]).await;
    let closed = round.grant(&round.manager, &grant).await;
    assert_eq!(closed["state"], "closed", "{closed:#}");
    let history = round
        .app
        .get(&format!("/grants/{grant}/history"), Some(&round.manager))
        .await;
    assert!(history.body.to_string().contains("\"to\":\"closed\""));

    // The impact summary: what the money built, where.
    let impact = round
        .app
        .get(
            &format!("/programmes/{}/impact", round.programme_id),
            Some(&round.manager),
        )
        .await;
    impact.expect(200);
    let mk = &impact.body["countries"][0];
    assert_eq!(mk["country"], "MK");
    assert_eq!(mk["grants"], 1);
    assert_eq!(mk["achieved"]["people_reached"], 420);
    assert_eq!(mk["reports"]["on_time"], 2);
    assert_eq!(mk["disbursed"]["minor"], mk["awarded"]["minor"]);
    assert_eq!(impact.body["total"], {
        let mut row = mk.clone();
        if let Some(row) = row.as_object_mut() {
            row.remove("country");
        }
        row
    });
    let (status, csv) = round
        .app
        .get_text(
            &format!("/programmes/{}/impact.csv", round.programme_id),
            &round.finance,
        )
        .await;
    assert_eq!(status, 200);
    assert!(csv.contains("people_reached_achieved"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("MK,1,1,")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("all,1,1,")), "{csv}");
    let denied = round
        .app
        .get(
            &format!("/programmes/{}/impact", round.programme_id),
            Some(&round.applicant),
        )
        .await;
    denied.expect_problem(403);
    round.app.finish().await;
}

async fn bad_report_input_is_refused_and_changes_nothing(backend: Backend) {
    let (round, grant) = started_grant(backend, None).await;
    let reports = reports_of(&round, &round.applicant, &grant).await;
    let interim = reports[0].id();
    let (_, stranger) = round
        .app
        .user_with_roles("stranger@tests.example", &["applicant"])
        .await;

    // Someone else's report does not exist for them.
    round
        .app
        .get(&format!("/reports/{interim}"), Some(&stranger))
        .await
        .expect_problem(404);
    round
        .app
        .patch(
            &format!("/reports/{interim}"),
            &stranger,
            Some(0),
            &complete_report(),
        )
        .await
        .expect_problem(404);
    let theirs = round.app.get("/reports", Some(&stranger)).await;
    assert_eq!(theirs.body["items"], json!([]));

    // Every bad field named at once, nothing saved.
    let bad = write(
        &round,
        &interim,
        json!({
            "indicators": { "people_reached": -3, "visitors": 5 },
            "spending": [
                { "budget_line": 4, "amount": { "minor": 1, "currency": "EUR" } },
                { "budget_line": 0, "amount": { "minor": 1, "currency": "MKD" } }
            ]
        }),
    )
    .await;
    bad.expect_problem(422);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "indicators.people_reached",
            "indicators.visitors",
            "spending[0].budget_line",
            "spending[1].amount.currency",
        ]
    );
    let unchanged = report(&round, &round.applicant, &interim).await;
    assert_eq!(unchanged["revision"], 0);
    assert!(
        unchanged["content"]["indicators"]
            .as_object()
            .is_some_and(|m| m.is_empty())
    );

    // A stale revision is a conflict.
    round
        .app
        .patch(
            &format!("/reports/{interim}"),
            &round.applicant,
            Some(7),
            &complete_report(),
        )
        .await
        .expect_problem(409);
    // Managers do not write the grantee's report.
    round
        .app
        .patch(
            &format!("/reports/{interim}"),
            &round.manager,
            Some(0),
            &complete_report(),
        )
        .await
        .expect_problem(403);
    // Not due yet: it cannot be handed in, whatever is written.
    write(&round, &interim, complete_report()).await.expect(200);
    let early = take(&round, &round.applicant, &interim, "submit", json!({})).await;
    assert!(early.status.is_client_error(), "{:#}", early.body);

    // Moving the due date: managers only, with a reason, not into the past; audited.
    let move_to = |due_on: String, comment: Option<&str>, revision: i64| json!({ "due_on": due_on, "comment": comment, "revision": revision });
    let today = round.app.clock.now().date_naive();
    let later = (today + chrono::Days::new(400)).to_string();
    round
        .app
        .post(
            &format!("/reports/{interim}/due-date"),
            Some(&round.finance),
            &move_to(later.clone(), Some("x"), 1),
        )
        .await
        .expect_problem(403);
    let past = round
        .app
        .post(
            &format!("/reports/{interim}/due-date"),
            Some(&round.manager),
            &move_to((today - chrono::Days::new(1)).to_string(), Some("x"), 1),
        )
        .await;
    past.expect_problem(422);
    assert_eq!(past.error_fields(), vec!["due_on"]);
    let no_reason = round
        .app
        .post(
            &format!("/reports/{interim}/due-date"),
            Some(&round.manager),
            &move_to(later.clone(), None, 1),
        )
        .await;
    no_reason.expect_problem(422);
    let moved = round
        .app
        .post(
            &format!("/reports/{interim}/due-date"),
            Some(&round.manager),
            &move_to(
                later.clone(),
                Some("The library was closed for repairs."),
                1,
            ),
        )
        .await;
    moved.expect(200);
    assert_eq!(moved.body["due_on"], later.as_str());
    assert!(
        time(&moved.body["next_reminder_at"]) > round.app.clock.now() + chrono::Duration::days(300)
    );
    let history = round
        .app
        .get(&format!("/reports/{interim}/history"), Some(&round.manager))
        .await;
    history.expect(200);
    assert!(
        history.body.to_string().contains("closed for repairs"),
        "{:#}",
        history.body
    );
    round.app.finish().await;
}

/// The smallest valid PNG: a 1×1 transparent pixel.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

async fn report_files_are_the_grantees_to_add_and_its_readers_to_read(backend: Backend) {
    let (round, grant) = started_grant(backend, None).await;
    let reports = reports_of(&round, &round.applicant, &grant).await;
    let interim = reports[0].id();
    let (_, stranger) = round
        .app
        .user_with_roles("stranger@tests.example", &["applicant"])
        .await;
    let path = format!("/reports/{interim}/attachments");

    // The grantee attaches a photo of the new service; its type is told from its bytes.
    let photo = round
        .app
        .upload(
            &path,
            Some(&round.applicant),
            (
                "opening.png",
                "application/octet-stream",
                PIXEL_PNG.to_vec(),
            ),
        )
        .await;
    photo.expect(201);
    assert_eq!(photo.body["content_type"], "image/png");
    let photo_id = photo.id();

    // A program dressed as a PDF is refused, and nothing is added.
    round
        .app
        .upload(
            &path,
            Some(&round.applicant),
            (
                "receipts.pdf",
                "application/pdf",
                b"\x7fELF\x02\x01\x01".to_vec(),
            ),
        )
        .await
        .expect_problem(415);

    // Readers of the grant read it; a manager adds nothing; a stranger finds nothing.
    let listed = round.app.get(&path, Some(&round.manager)).await;
    listed.expect(200);
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    let (status, _) = round
        .app
        .get_text(&format!("/attachments/{photo_id}/content"), &round.finance)
        .await;
    assert_eq!(status, 200);
    round
        .app
        .upload(
            &path,
            Some(&round.manager),
            ("x.txt", "text/plain", b"x".to_vec()),
        )
        .await
        .expect_problem(403);
    round
        .app
        .get(&path, Some(&stranger))
        .await
        .expect_problem(404);
    round
        .app
        .get(&format!("/attachments/{photo_id}"), Some(&stranger))
        .await
        .expect_problem(404);

    // Once handed in, the report's files stay as they were.
    advance_past(&round, time(&reports[0]["next_reminder_at"]));
    until_state(&round, &interim, "due").await;
    write(&round, &interim, complete_report()).await.expect(200);
    take(&round, &round.applicant, &interim, "submit", json!({}))
        .await
        .expect(200);
    round
        .app
        .upload(
            &path,
            Some(&round.applicant),
            ("late.txt", "text/plain", b"Added afterwards.".to_vec()),
        )
        .await
        .expect_problem(409);
    round
        .app
        .request(
            Method::DELETE,
            &format!("/attachments/{photo_id}"),
            Some(&round.applicant),
            None,
        )
        .await
        .expect_problem(409);
    let still = round.app.get(&path, Some(&round.manager)).await;
    assert_eq!(still.body.as_array().map(Vec::len), Some(1));
    round.app.finish().await;
}

/// Reports are found by what they say and by their proposal's title, in
/// any script; a grantee finds only their own; a search too long is named.
async fn reports_are_found_by_what_they_say_and_by_their_proposal(backend: Backend) {
    let round = round(backend, 10_000_000, |_| {}, |_| {}).await;
    let kumanovo = round
        .started(
            &round
                .reviewed("MK", "Читалница во Куманово", 1_000_000)
                .await,
        )
        .await;
    let podcast = round
        .started(&round.reviewed("AL", "Podcast studio", 1_000_000).await)
        .await;
    let interim = reports_of(&round, &round.applicant, &podcast).await[0].id();
    write(
        &round,
        &interim,
        json!({ "narrative": "Тинејџери су се вратили у библиотеку." }),
    )
    .await
    .expect(200);
    let found = |token: &str, q: &str| {
        let (app, path, token) = (&round.app, format!("/reports?q={q}"), token.to_owned());
        async move {
            let reply = app.get(&path, Some(&token)).await;
            reply.expect(200);
            let mut grants: Vec<String> = reply.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|r| {
                    format!(
                        "{}/{}",
                        r["grant_id"].as_str().unwrap_or_default(),
                        r["key"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            grants.sort();
            grants
        }
    };
    let both = |grant: &str| {
        let mut all = vec![format!("{grant}/final"), format!("{grant}/interim")];
        all.sort();
        all
    };
    assert_eq!(found(&round.manager, "kumanovo").await, both(&kumanovo));
    assert_eq!(
        found(&round.manager, "CITALNICA%20kumanovo").await,
        both(&kumanovo)
    );
    assert_eq!(found(&round.manager, "podcast").await, both(&podcast));
    assert_eq!(
        found(&round.manager, "tinejdzeri").await,
        [format!("{podcast}/interim")]
    );
    assert_eq!(
        found(
            &round.finance,
            "%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D1%83"
        )
        .await,
        [format!("{podcast}/interim")],
        "“библиотеку” in Cyrillic finds it too"
    );
    assert!(found(&round.manager, "nowhere").await.is_empty());
    let long = "a".repeat(201);
    let refused = round
        .app
        .get(&format!("/reports?q={long}"), Some(&round.manager))
        .await;
    refused.expect_problem(422);
    assert_eq!(refused.error_fields(), ["q"]);
    round.app.finish().await;
}
