//! Two servers on one database share the mail dispatcher and the timers:
//! every email is sent once and every deadline acts once, whichever
//! instance gets there first.

use std::collections::BTreeMap;
use std::time::Duration;

use grants_server::Application;
use grants_tests::smtp::SmtpServer;
use grants_tests::{Backend, TestApp, World, on_both_databases};
use reqwest::Method;
use serde_json::json;
use tokio::sync::oneshot;

on_both_databases!(two_instances_send_each_email_and_fire_each_deadline_once);

/// How many proposals miss their change deadline at the same moment.
const PROPOSALS: usize = 12;

async fn two_instances_send_each_email_and_fire_each_deadline_once(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(backend, smtp.config()).await;
    // The second instance: same configuration, same database, its own port.
    let second = Application::build(&app.config, true)
        .await
        .expect("the second instance builds");
    let second_base = format!("http://{}", second.local_addr().expect("bound"));
    let (stop_second, stopped) = oneshot::channel::<()>();
    let second_server = tokio::spawn(second.run_until(async move {
        let _ = stopped.await;
    }));

    let World {
        app,
        manager,
        applicant,
        programme_id,
        ..
    } = app.seed().with_open_programme("TWIN").await;

    // Proposals sent back for changes through either instance, all with the
    // same deadline a few seconds away (set once the slow part is done).
    let step = |base: &str, token: &str, id: &str, step: &str, revision: i64, body| {
        app.client
            .request(
                Method::POST,
                format!("{base}/proposals/{id}/transitions/{step}"),
            )
            .bearer_auth(token)
            .header("if-match", format!("\"{revision}\""))
            .json(&body)
            .send()
    };
    let base_of = |n: usize| {
        if n.is_multiple_of(2) {
            &app.base
        } else {
            &second_base
        }
    };
    let mut titles = Vec::new();
    for n in 0..PROPOSALS {
        let title = format!("Twin proposal {n:02}");
        let mut body = grants_tests::complete_proposal_json(&programme_id, "MK");
        body["title"] = json!(title);
        let draft = app.post("/proposals", Some(&applicant), &body).await;
        draft.expect(201);
        let id = draft.id();
        for (token, name, revision) in [(&applicant, "submit", 1), (&manager, "start_screening", 2)]
        {
            let reply = step(base_of(n), token, &id, name, revision, json!({}))
                .await
                .expect("answers");
            assert_eq!(reply.status(), 200, "{name}");
        }
        titles.push((id, title));
    }
    let deadline = chrono::Utc::now() + chrono::Duration::seconds(3);
    for (n, (id, _)) in titles.iter().enumerate() {
        let body = json!({ "comment": "Add the staff costs.", "deadline": deadline });
        let reply = step(base_of(n), &manager, id, "request_changes", 3, body)
            .await
            .expect("answers");
        assert_eq!(reply.status(), 200, "request_changes");
    }

    // Both instances poll the timers and the outbox; each deadline closes
    // its proposal once and each email arrives once.
    let ineligible = |mails: &[grants_tests::smtp::ReceivedMail]| {
        mails
            .iter()
            .filter(|m| m.subject.starts_with("Your proposal is not eligible"))
            .count()
    };
    for _ in 0..300 {
        if ineligible(&smtp.messages()) >= PROPOSALS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Time for any duplicate to show up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mails = smtp.messages();
    let mut per_subject: BTreeMap<&str, usize> = BTreeMap::new();
    for mail in &mails {
        *per_subject.entry(mail.subject.as_str()).or_default() += 1;
    }
    for (id, title) in &titles {
        for subject in [
            format!("Changes requested: {title}"),
            format!("Your proposal is not eligible: {title}"),
        ] {
            assert_eq!(
                per_subject.get(subject.as_str()),
                Some(&1),
                "{subject}: {per_subject:#?}"
            );
        }
        let shown = app.get(&format!("/proposals/{id}"), Some(&applicant)).await;
        assert_eq!(shown.body["state"], "ineligible");
        let history = app
            .get(&format!("/proposals/{id}/history"), Some(&applicant))
            .await;
        let fired = history
            .body
            .as_array()
            .expect("history")
            .iter()
            .filter(|e| e["details"]["transition"] == "changes_deadline_missed")
            .count();
        assert_eq!(fired, 1, "the deadline of {title} acted once");
    }
    let message_ids: std::collections::BTreeSet<&str> =
        mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(message_ids.len(), mails.len(), "no email went out twice");

    let _ = stop_second.send(());
    second_server
        .await
        .expect("second server task")
        .expect("second server stopped cleanly");
    drop(smtp);
    app.finish().await;
}
