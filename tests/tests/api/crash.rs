//! The server runs as a child process and is killed with SIGKILL at random
//! moments while clients take proposals through submission, screening and
//! a change request (each step writing audit events, outbox rows and a
//! timer) and while the dispatcher sends their mail; then it is started
//! again. Afterwards: no half transition (the invariant checker), every
//! answered step in the history, every outbox row delivered, a duplicate
//! only for a message in flight at a kill (counted and bounded), and the
//! change deadlines that passed while the server was down fire once after
//! the restart.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use grants_tests::child::ChildServer;
use grants_tests::smtp::SmtpServer;
use grants_tests::{Backend, TestApp, TestDatabase, World, on_both_databases};
use grants_tests::{invariants, sql};
use rand::{Rng, SeedableRng};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use uuid::Uuid;

on_both_databases!(killed_at_random_the_server_loses_and_doubles_nothing);

const PROPOSALS: usize = 40;
const CLIENTS: usize = 6;
const KILLS: u32 = 4;
/// Messages one dispatcher claims at once: at most this many can be in
/// flight when it is killed.
const MAIL_BATCH: u64 = 5;
/// The steps each proposal takes, in order, and who takes them.
const STEPS: [(&str, &str); 3] = [
    ("draft", "submit"),
    ("submitted", "start_screening"),
    ("screening", "request_changes"),
];

/// What one attempted step came to.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    /// 2xx, at this revision.
    Done(i64),
    /// A refusal (stale revision after a lost answer, say).
    Refused(u16),
    /// No answer: the server died first.
    Lost,
}

async fn killed_at_random_the_server_loses_and_doubles_nothing(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let database = TestDatabase::create(backend).await;
    let dir = tempfile::tempdir().expect("a folder");
    let mut server = ChildServer::prepare(
        env!("CARGO_BIN_EXE_grants-child"),
        &database,
        dir.path(),
        smtp.port,
        2,
        &format!("batch = {MAIL_BATCH}"),
    )
    .await;
    server.start().await;
    let World {
        app,
        manager,
        applicant,
        programme_id: programme,
        ..
    } = TestApp::attach(&server.base, database)
        .seed()
        .with_open_programme("CRASH")
        .await;
    let app = Arc::new(app);
    let mut proposals = Vec::new();
    for n in 0..PROPOSALS {
        let mut body = grants_tests::complete_proposal_json(&programme, "MK");
        body["title"] = json!(format!("Proposal {n:02} under fire"));
        let draft = app.post("/proposals", Some(&applicant), &body).await;
        draft.expect(201);
        proposals.push(draft.id());
    }

    // Clients walk the proposals through their steps while the server is
    // killed and restarted under them.
    let work = Arc::new(Mutex::new(proposals.clone()));
    let answers = Arc::new(Mutex::new(Vec::<(String, &'static str, Answer)>::new()));
    let clients = (0..CLIENTS).map(|_| {
        let (app, work, answers) = (app.clone(), work.clone(), answers.clone());
        let tokens = (applicant.clone(), manager.clone());
        tokio::spawn(async move {
            loop {
                let Some(proposal) = work.lock().await.pop() else {
                    return;
                };
                walk(&app, &tokens, &proposal, &answers).await;
            }
        })
    });
    let clients = futures_util::future::join_all(clients);
    let db = app.database.connect().await;
    // Messages claimed by a killed server, with how many kills found them
    // claimed: only these may arrive more than once, and each at most once
    // more per kill that interrupted it (a resend can be cut off again).
    let mut in_flight: HashMap<String, usize> = HashMap::new();
    let mut count_in_flight = |ids: Vec<String>| {
        for id in ids {
            *in_flight.entry(id).or_default() += 1;
        }
    };
    let killer = async {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..KILLS {
            tokio::time::sleep(Duration::from_millis(rng.gen_range(150..600))).await;
            server.kill().await;
            count_in_flight(outbox_ids(&db, "sending").await);
            tokio::time::sleep(Duration::from_millis(rng.gen_range(0..200))).await;
            server.start().await;
        }
    };
    let (finished, ()) = tokio::join!(clients, killer);
    for client in finished {
        client.expect("a client finished without panicking");
    }
    let answers = std::mem::take(&mut *answers.lock().await);

    // Down once more while every change deadline passes; the timers fire
    // once the server is back.
    server.kill().await;
    count_in_flight(outbox_ids(&db, "sending").await);
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    sql::execute(
        &db,
        "UPDATE timers SET fire_at = $1 WHERE kind = 'changes_due' AND fired_at IS NULL",
        vec![past.into()],
    )
    .await;
    server.start().await;
    if !wait_until_settled(&app, &proposals, &manager).await {
        let outbox = sql::rows(
            &db,
            "SELECT state, CAST(attempts AS TEXT) AS attempts, last_error FROM outbox WHERE state <> 'sent'",
            Vec::new(),
        )
        .await;
        let timers = sql::rows(
            &db,
            "SELECT p.state, t.kind, CAST(t.fire_at AS TEXT) AS fire_at, CAST(t.fired_at AS TEXT) AS fired_at, t.outcome FROM proposals p LEFT JOIN timers t ON p.id = t.subject_id WHERE p.state <> 'ineligible'",
            Vec::new(),
        )
        .await;
        let text =
            |rows: Vec<sea_orm::QueryResult>, columns: &[&str]| -> Vec<Vec<Option<String>>> {
                rows.iter()
                    .map(|row| {
                        columns
                            .iter()
                            .map(|c| row.try_get::<Option<String>>("", c).ok().flatten())
                            .collect()
                    })
                    .collect()
            };
        let outbox = text(outbox, &["state", "attempts", "last_error"]);
        let timers = text(timers, &["state", "kind", "fire_at", "fired_at", "outcome"]);
        panic!(
            "timers or mail still pending a minute after the restart:\noutbox {outbox:?}\nproposals not closed, with their timers {timers:?}\n{}",
            server.log_tail()
        );
    }

    // No half transition: every state, history, chain and sum holds.
    let findings = invariants::check(&db).await;
    findings.assert_hold();
    let mut by_proposal: HashMap<&str, Vec<&(String, &str, Answer)>> = HashMap::new();
    for answer in &answers {
        by_proposal
            .entry(answer.0.as_str())
            .or_default()
            .push(answer);
    }
    for proposal in &proposals {
        let id = Uuid::parse_str(proposal).expect("an id");
        let steps: Vec<&str> = findings.steps[&id]
            .iter()
            .map(|s| s.transition.as_str())
            .collect();
        assert_eq!(
            steps,
            [
                "submit",
                "start_screening",
                "request_changes",
                "changes_deadline_missed"
            ],
            "{proposal}: each step once, the deadline by the system after the restart"
        );
        // Every answered step is the one recorded at its revision.
        for (_, transition, answer) in by_proposal.get(proposal.as_str()).into_iter().flatten() {
            if let Answer::Done(revision) = answer {
                let position = steps
                    .iter()
                    .position(|s| s == transition)
                    .expect("an answered step is recorded");
                assert_eq!(*revision, position as i64 + 2, "{proposal}: {transition}");
            }
        }
    }
    let timers = sql::count(
        &db,
        "SELECT COUNT(*) AS n FROM timers WHERE kind = 'changes_due' AND fired_at IS NOT NULL",
        Vec::new(),
    )
    .await;
    assert_eq!(timers, PROPOSALS as i64, "each deadline fired once");

    // Each step wrote its emails with it: every proposal took the same steps,
    // so each has the same messages of each kind.
    let mut per_event: HashMap<String, Vec<i64>> = HashMap::new();
    for row in sql::rows(
        &db,
        "SELECT event, COUNT(*) AS n FROM outbox GROUP BY subject_id, event",
        Vec::new(),
    )
    .await
    {
        per_event
            .entry(sql::get(&row, "event"))
            .or_default()
            .push(sql::get(&row, "n"));
    }
    for (event, counts) in &per_event {
        assert_eq!(counts.len(), PROPOSALS, "{event}: {counts:?}");
        assert!(
            counts.iter().all(|n| *n == counts[0]),
            "{event}: {counts:?}"
        );
    }
    assert!(per_event.len() >= 3, "{per_event:?}");

    // Every outbox row reached the mail server; duplicates only from kills.
    let rows = outbox_ids(&db, "sent").await;
    let mut received: HashMap<String, usize> = HashMap::new();
    for mail in smtp.messages() {
        *received.entry(mail.message_id).or_default() += 1;
    }
    let at_domain = "@innovation-awards.example";
    let missing: Vec<&String> = rows
        .iter()
        .filter(|id| !received.contains_key(&format!("{id}{at_domain}")))
        .collect();
    assert!(missing.is_empty(), "never delivered: {missing:?}");
    let strangers: Vec<&String> = received
        .keys()
        .filter(|m| !rows.iter().any(|id| **m == format!("{id}{at_domain}")))
        .collect();
    assert!(
        strangers.is_empty(),
        "delivered without a row: {strangers:?}"
    );
    let duplicates: usize = received.values().map(|n| n - 1).sum();
    let lost = answers.iter().filter(|a| a.2 == Answer::Lost).count();
    eprintln!(
        "{backend:?}: {} starts, {} steps answered, {lost} answers lost to a kill, {} emails, {} in flight at a kill, {duplicates} deliveries beyond the first",
        server.starts,
        answers.len() - lost,
        rows.len(),
        in_flight.len()
    );
    let doubled_beyond_its_kills: Vec<(&String, usize)> = received
        .iter()
        .filter(|(id, n)| {
            let interrupted = id
                .strip_suffix(at_domain)
                .and_then(|row| in_flight.get(row))
                .copied()
                .unwrap_or(0);
            **n > 1 + interrupted
        })
        .map(|(id, n)| (id, *n))
        .collect();
    assert!(
        doubled_beyond_its_kills.is_empty(),
        "delivered more often than kills interrupted them: {doubled_beyond_its_kills:?}"
    );
    // Each kill interrupts at most the one batch its server had claimed.
    assert!(
        in_flight.len() as u64 <= u64::from(server.starts) * MAIL_BATCH,
        "{} messages in flight at {} kills, batches of {MAIL_BATCH}",
        in_flight.len(),
        server.starts
    );

    server.kill().await;
    db.close().await.expect("closed");
    match Arc::try_unwrap(app) {
        Ok(app) => app.finish().await,
        Err(_) => panic!("a client still holds the app"),
    }
}

/// Takes `proposal` through [`STEPS`], reading its state afresh before each
/// step so that a step whose answer was lost is not taken twice.
async fn walk(
    app: &TestApp,
    (applicant, manager): &(String, String),
    proposal: &str,
    answers: &Mutex<Vec<(String, &'static str, Answer)>>,
) {
    loop {
        // The owner reads it: a draft is theirs alone.
        let current = match send(app, Method::GET, proposal, None, applicant, None).await {
            Some(current) if current.0 == 200 => current,
            Some((status, body)) if status != 503 => {
                panic!("reading {proposal} answered {status}: {body}")
            }
            // Down, or starting: ask again.
            _ => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let state = current.1["state"].as_str().unwrap_or_default().to_owned();
        let Some((_, transition)) = STEPS.iter().find(|(from, _)| *from == state) else {
            return;
        };
        let token = if *transition == "submit" {
            applicant
        } else {
            manager
        };
        let revision = current.1["revision"].as_i64().unwrap_or_default();
        let reply = send(
            app,
            Method::POST,
            proposal,
            Some(transition),
            token,
            Some(revision),
        )
        .await;
        let answer = match reply {
            Some((200, body)) => Answer::Done(body["revision"].as_i64().unwrap_or_default()),
            Some((status, _)) => {
                assert!(
                    matches!(status, 409 | 503),
                    "{transition} on {proposal} answered {status}"
                );
                Answer::Refused(status)
            }
            None => Answer::Lost,
        };
        answers
            .lock()
            .await
            .push((proposal.to_owned(), transition, answer));
    }
}

/// One request; `None` when the server was not there to answer.
async fn send(
    app: &TestApp,
    method: Method,
    proposal: &str,
    transition: Option<&str>,
    token: &str,
    revision: Option<i64>,
) -> Option<(u16, Value)> {
    let path = match transition {
        Some(t) => format!("{}/proposals/{proposal}/transitions/{t}", app.base),
        None => format!("{}/proposals/{proposal}", app.base),
    };
    let mut request = app
        .client
        .request(method, path)
        .bearer_auth(token)
        .timeout(Duration::from_secs(10));
    if let Some(revision) = revision {
        request = request
            .header("if-match", format!("\"{revision}\""))
            .json(&json!({ "comment": "Please name who runs the service." }));
    }
    let response = request.send().await.ok()?;
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    Some((status, body))
}

/// Waits until every proposal's deadline has fired and no mail is pending.
async fn wait_until_settled(app: &TestApp, proposals: &[String], manager: &str) -> bool {
    let db = app.database.connect().await;
    for _ in 0..600 {
        let pending = pending_mail(&db).await;
        let mut closed = 0;
        if pending == 0 {
            for proposal in proposals {
                let shown = app
                    .get(&format!("/proposals/{proposal}"), Some(manager))
                    .await;
                if shown.body["state"] == "ineligible" {
                    closed += 1;
                }
            }
            let pending = pending_mail(&db).await;
            if closed == proposals.len() && pending == 0 {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Messages not yet sent.
async fn pending_mail(db: &sea_orm::DatabaseConnection) -> i64 {
    sql::count(
        db,
        "SELECT COUNT(*) AS n FROM outbox WHERE state <> 'sent'",
        Vec::new(),
    )
    .await
}

/// The outbox rows in `state`.
async fn outbox_ids(db: &sea_orm::DatabaseConnection, state: &str) -> Vec<String> {
    sql::rows(
        db,
        "SELECT id FROM outbox WHERE state = $1",
        vec![state.into()],
    )
    .await
    .iter()
    .map(|row| sql::get::<Uuid>(row, "id").to_string())
    .collect()
}
