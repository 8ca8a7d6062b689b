//! Email end to end: a real SMTP server process (aiosmtpd) receives what
//! the server sends.

use std::time::Duration;

use grants_notify::{Envelope, Letter, Notification};
use grants_tests::smtp::{SmtpServer, free_port};
use grants_tests::{
    Backend, TestApp, complete_proposal_json, on_both_databases, open_programme_json,
};
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

on_both_databases!(
    a_submission_mails_each_person_in_their_language,
    mail_waits_for_a_mail_server_that_is_down_and_is_delivered_once,
    refused_recipients_become_dead_letters_with_the_reason,
    two_dispatchers_deliver_a_thousand_mails_each_exactly_once,
    administrators_preview_any_email_in_any_language,
    people_who_chose_a_daily_summary_get_one_mail_a_day,
);

fn smtp_config(port: u16) -> impl FnOnce(&mut grants_server::Config) {
    move |config| {
        config.mail.transport = grants_server::config::MailTransport::Smtp;
        config.mail.smtp.host = "127.0.0.1".into();
        config.mail.smtp.port = port;
        config.mail.smtp.timeout_seconds = 5;
        config.mail.max_attempts = 3;
    }
}

/// An open programme, and a complete Macedonian draft by `applicant`; returns the draft's id.
async fn draft(app: &TestApp, manager: &str, applicant: &str) -> String {
    let programme = app
        .post("/programmes", Some(manager), &open_programme_json("MAIL"))
        .await;
    programme.expect(201);
    let programme_id = programme.body["id"].as_str().expect("id");
    let draft = app
        .post(
            "/proposals",
            Some(applicant),
            &complete_proposal_json(programme_id, "MK"),
        )
        .await;
    draft.expect(201);
    draft.id()
}

async fn submit(app: &TestApp, applicant: &str, id: &str) {
    app.transition(applicant, id, "submit", 1, &json!({}))
        .await
        .expect(200);
}

async fn outbox(app: &TestApp, admin: &str, state: &str) -> Vec<Value> {
    let reply = app
        .get(
            &format!("/admin/outbox?state={state}&limit=200"),
            Some(admin),
        )
        .await;
    reply.expect(200);
    reply.body["items"].as_array().expect("items").clone()
}

async fn a_submission_mails_each_person_in_their_language(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp_config(smtp.port)).await;
    let (_, manager) = app
        .user_speaking("manager@tests.example", &["programme_manager"], "en")
        .await;
    let (_, applicant) = app
        .user_speaking("ana@tests.example", &["applicant"], "mk")
        .await;
    let (_, _) = app
        .user_speaking("ambassador@tests.example", &["ambassador:MK"], "el")
        .await;
    let (_, _) = app
        .user_speaking("other.ambassador@tests.example", &["ambassador:AL"], "sq")
        .await;
    let id = draft(&app, &manager, &applicant).await;
    submit(&app, &applicant, &id).await;

    let mails = smtp.wait_for(3).await;
    assert_eq!(
        mails.len(),
        3,
        "applicant, manager, and the ambassador of MK only: {mails:#?}"
    );
    let to = |address: &str| {
        mails
            .iter()
            .find(|m| m.to == address)
            .cloned()
            .unwrap_or_else(|| panic!("no mail to {address}"))
    };

    let applicant_mail = to("ana@tests.example");
    assert_eq!(applicant_mail.language, "mk");
    assert!(
        applicant_mail.subject.contains("Maker space for teenagers"),
        "{}",
        applicant_mail.subject
    );
    assert!(
        applicant_mail
            .subject
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "Cyrillic: {}",
        applicant_mail.subject
    );
    assert!(
        applicant_mail.text.contains("Test Person"),
        "greeted by name"
    );

    let manager_mail = to("manager@tests.example");
    assert_eq!(manager_mail.language, "en");
    assert_eq!(
        manager_mail.subject,
        "Proposal submitted: Maker space for teenagers"
    );
    assert!(
        manager_mail.text.contains("submitted the proposal"),
        "the staff wording: {}",
        manager_mail.text
    );
    assert!(
        manager_mail
            .html
            .contains("<strong>Maker space for teenagers</strong>")
    );

    let ambassador_mail = to("ambassador@tests.example");
    assert_eq!(ambassador_mail.language, "el");
    assert!(
        ambassador_mail
            .subject
            .chars()
            .any(|c| ('\u{0370}'..='\u{03FF}').contains(&c)),
        "Greek: {}",
        ambassador_mail.subject
    );

    let admin = app.admin_token().await;
    let sent = outbox(&app, &admin, "sent").await;
    assert_eq!(sent.len(), 3);
    for row in sent {
        let message_id = row["message_id"].as_str().expect("recorded");
        assert!(
            mails.iter().any(|m| m.message_id == message_id),
            "{message_id} was delivered"
        );
        assert_eq!(row["attempts"], 1);
    }
    app.finish().await;
}

async fn mail_waits_for_a_mail_server_that_is_down_and_is_delivered_once(backend: Backend) {
    let port = free_port();
    let app = TestApp::spawn_with(backend, |c| {
        smtp_config(port)(c);
        c.mail.max_attempts = 50;
    })
    .await;
    let admin = app.admin_token().await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;
    let id = draft(&app, &manager, &applicant).await;
    submit(&app, &applicant, &id).await;
    // The API keeps working while mail cannot go out.
    app.get(&format!("/proposals/{id}"), Some(&applicant))
        .await
        .expect(200);

    let mut waiting = Vec::new();
    for _ in 0..100 {
        waiting = outbox(&app, &admin, "pending").await;
        if waiting.len() == 2 && waiting.iter().all(|m| m["attempts"].as_u64() >= Some(1)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(waiting.len(), 2, "both mails wait");
    assert!(
        waiting
            .iter()
            .all(|m| m["last_error"].as_str().is_some_and(|e| !e.is_empty())),
        "{waiting:#?}"
    );

    let smtp = SmtpServer::start_on(port).await;
    let mails = smtp.wait_for(2).await;
    assert_eq!(mails.len(), 2);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.messages().len(), 2, "each delivered once");
    assert_eq!(outbox(&app, &admin, "sent").await.len(), 2);
    app.finish().await;
}

async fn refused_recipients_become_dead_letters_with_the_reason(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp_config(smtp.port)).await;
    let admin = app.admin_token().await;
    let (_, manager) = app
        .user_with_roles("tempfail.manager@tests.example", &["programme_manager"])
        .await;
    let (_, applicant) = app
        .user_with_roles("reject.ana@tests.example", &["applicant"])
        .await;
    let id = draft(&app, &manager, &applicant).await;
    submit(&app, &applicant, &id).await;

    let mut dead = Vec::new();
    for _ in 0..150 {
        dead = outbox(&app, &admin, "dead").await;
        if dead.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(dead.len(), 2, "{dead:#?}");
    let rejected = dead
        .iter()
        .find(|m| m["attempts"] == 1)
        .expect("the 550 is dead at once");
    assert!(
        rejected["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("550"),
        "{rejected}"
    );
    let busy = dead
        .iter()
        .find(|m| m["attempts"] == 3)
        .expect("the 451 is dead after max_attempts");
    assert!(
        busy["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("451"),
        "{busy}"
    );
    assert_eq!(smtp.messages().len(), 0);

    let counts = app.get("/admin/outbox/counts", Some(&admin)).await;
    assert_eq!(counts.body["counts"]["dead"], 2);
    let busy_id = busy["id"].as_str().expect("id");
    let cancelled = app
        .post(
            &format!("/admin/outbox/{busy_id}/cancel"),
            Some(&admin),
            &json!({}),
        )
        .await;
    cancelled.expect(200);
    assert_eq!(cancelled.body["state"], "cancelled");
    let retried = app
        .post(
            &format!("/admin/outbox/{busy_id}/retry"),
            Some(&admin),
            &json!({}),
        )
        .await;
    retried.expect(200);
    assert_eq!(retried.body["state"], "pending");
    assert_eq!(retried.body["attempts"], 0);
    app.post(
        &format!("/admin/outbox/{}/retry", uuid::Uuid::now_v7()),
        Some(&admin),
        &json!({}),
    )
    .await
    .expect_problem(404);
    app.get("/admin/outbox?state=lost", Some(&admin))
        .await
        .expect_problem(422);
    app.get("/admin/outbox", Some(&applicant))
        .await
        .expect_problem(403);
    app.finish().await;
}

async fn two_dispatchers_deliver_a_thousand_mails_each_exactly_once(backend: Backend) {
    const MAILS: usize = 1000;
    let smtp = SmtpServer::start().await;
    // Start with mail switched off (an hour between rounds), queue, then let two dispatchers race.
    let app = TestApp::spawn_with(backend, |c| {
        smtp_config(smtp.port)(c);
        c.mail.dispatch_interval_ms = 3_600_000;
    })
    .await;
    let (user_id, _) = app
        .user_with_roles("reader@tests.example", &["applicant"])
        .await;
    let store = grants_app::Store::connect(&app.config.database_settings().expect("settings"))
        .await
        .expect("connects");
    let recipient: grants_domain::UserId = uuid::Uuid::parse_str(&user_id).expect("uuid").into();
    let sample = Notification::samples()
        .into_iter()
        .find(|n| n.event() == "report_accepted")
        .expect("sample");
    let letter = serde_json::to_value(Letter {
        envelope: Envelope::sample(),
        notification: sample,
    })
    .expect("payload");
    let subject = uuid::Uuid::now_v7();
    let message = |key: usize| grants_store::outbox::NewMessage {
        event: "report_accepted".into(),
        subject_type: "test".into(),
        subject_id: subject,
        recipient,
        locale: grants_domain::Locale::En,
        payload: letter.clone(),
        dedupe_key: format!("load-{key}"),
        summary_due: None,
    };
    // Queued ten to a statement, as a step writing to several people does;
    // each batch also repeats a key the one before queued, which is ignored.
    for batch in 0..MAILS / 10 {
        let mut messages: Vec<_> = (batch * 10..batch * 10 + 10).map(message).collect();
        if batch > 0 {
            messages.push(message(batch * 10 - 1));
        }
        grants_store::outbox::enqueue_all(store.conn(), messages, chrono::Utc::now())
            .await
            .expect("queued");
    }
    assert_eq!(
        grants_store::outbox::counts(store.conn())
            .await
            .expect("counts"),
        vec![("pending".to_owned(), MAILS as u64)],
        "a repeated key queues nothing"
    );
    let mut dispatchers = Vec::new();
    for _ in 0..2 {
        let mut config = app.config.clone();
        config.mail.dispatch_interval_ms = 50;
        config.mail.batch = 25;
        let server = grants_server::Application::build(&config, false)
            .await
            .expect("builds");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run_until(async move {
            let _ = stopped.await;
        }));
        dispatchers.push((stop, task));
    }
    let mails = smtp.wait_for(MAILS).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = if mails.len() < smtp.messages().len() {
        smtp.messages()
    } else {
        mails
    };
    let mut ids: Vec<_> = mails.iter().map(|m| m.message_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(mails.len(), MAILS, "every mail arrived, none twice");
    assert_eq!(ids.len(), MAILS, "distinct Message-IDs");
    for (stop, task) in dispatchers {
        let _ = stop.send(());
        task.await.expect("task").expect("stopped cleanly");
    }
    let sent = grants_store::outbox::counts(store.conn())
        .await
        .expect("counts");
    assert_eq!(sent, vec![("sent".to_owned(), MAILS as u64)]);
    store.close().await.expect("closes");
    app.finish().await;
}

async fn administrators_preview_any_email_in_any_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin_token().await;
    let preview = app
        .get(
            "/admin/email-preview?event=changes_requested&locale=mk",
            Some(&admin),
        )
        .await;
    preview.expect(200);
    assert_eq!(preview.body["locale"], "mk");
    assert!(
        preview.body["subject"]
            .as_str()
            .is_some_and(|s| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
    );
    assert!(
        preview.body["html"]
            .as_str()
            .is_some_and(|h| h.contains("lang=\"mk\""))
    );
    app.get("/admin/email-preview?event=nothing", Some(&admin))
        .await
        .expect_problem(422);
    app.get(
        "/admin/email-preview?event=grant_closed&locale=xx",
        Some(&admin),
    )
    .await
    .expect_problem(422);
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;
    app.get("/admin/email-preview?event=grant_closed", Some(&applicant))
        .await
        .expect_problem(403);
    app.finish().await;
}

async fn people_who_chose_a_daily_summary_get_one_mail_a_day(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp_config(smtp.port)).await;
    let admin = app.admin_token().await;
    let (_, manager) = app
        .user_with_roles("manager@tests.example", &["programme_manager"])
        .await;
    let (_, applicant) = app
        .user_with_roles("ana@tests.example", &["applicant"])
        .await;

    let urgent = app
        .request(
            Method::PUT,
            "/me/notification-preferences",
            Some(&manager),
            Some(&json!({ "daily": ["decision_funded", "nothing"] })),
        )
        .await;
    urgent.expect_problem(422);
    assert_eq!(urgent.error_fields(), ["daily[0]", "daily[1]"]);
    let chosen = app
        .request(
            Method::PUT,
            "/me/notification-preferences",
            Some(&manager),
            Some(&json!({ "daily": ["proposal_submitted", "proposal_withdrawn"] })),
        )
        .await;
    chosen.expect(200);
    let listed = app
        .get("/me/notification-preferences", Some(&manager))
        .await;
    let delivery = |event: &str| {
        listed
            .body
            .as_array()
            .expect("list")
            .iter()
            .find(|p| p["event"] == event)
            .map(|p| p["delivery"].clone())
    };
    assert_eq!(delivery("proposal_submitted"), Some(json!("daily")));
    assert_eq!(delivery("changes_requested"), Some(json!("immediate")));

    let first = draft(&app, &manager, &applicant).await;
    submit(&app, &applicant, &first).await;
    let programme = app
        .get(&format!("/proposals/{first}"), Some(&applicant))
        .await
        .body["programme_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let second = app
        .post(
            "/proposals",
            Some(&applicant),
            &complete_proposal_json(&programme, "MK"),
        )
        .await
        .id();
    submit(&app, &applicant, &second).await;

    let mails = smtp.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        smtp.messages().iter().all(|m| m.to == "ana@tests.example"),
        "only the applicant's mails go at once: {mails:#?}"
    );
    assert_eq!(
        outbox(&app, &admin, "held").await.len(),
        2,
        "the manager's two wait for the summary"
    );

    // The summary hour arrives.
    let db = app.database.connect().await;
    db.execute_unprepared(
        "UPDATE outbox SET next_attempt_at = '2020-01-01T00:00:00+00:00' WHERE state = 'held'",
    )
    .await
    .expect("time passes");
    let mails = smtp.wait_for(3).await;
    let summary: Vec<_> = mails
        .iter()
        .filter(|m| m.to == "manager@tests.example")
        .collect();
    let states = app.get("/admin/outbox?limit=200", Some(&admin)).await.body;
    assert_eq!(summary.len(), 1, "one summary; outbox: {states:#}");
    assert_eq!(summary[0].subject, "Your daily summary (2)");
    assert_eq!(
        summary[0]
            .text
            .matches("- Proposal submitted: Maker space for teenagers")
            .count(),
        2,
        "{}",
        summary[0].text
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 3);
    assert_eq!(outbox(&app, &admin, "held").await.len(), 0);
    app.finish().await;
}
