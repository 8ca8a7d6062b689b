//! Lists read what their rows show in a fixed number of statements, not
//! one or more per row. The server (a child process over the demo data)
//! logs every SQL statement it runs, and a list's request adds the same few
//! lines to that log whether it shows one row or fifty.

use std::time::Duration;

use grants_server::Application;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD, DEMO_REVIEW_PROGRAMME};
use grants_tests::child::ChildServer;
use grants_tests::smtp::SmtpServer;
use grants_tests::{Backend, TestApp, TestDatabase, on_both_databases};

on_both_databases!(a_list_reads_its_rows_in_a_fixed_number_of_statements);

/// Most statements any list here may take: who is asking, the rows, and one
/// read for each kind of thing the rows show (titles, names, timers…).
const FEW: usize = 8;

async fn a_list_reads_its_rows_in_a_fixed_number_of_statements(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let database = TestDatabase::create(backend).await;
    let dir = tempfile::tempdir().expect("a folder");
    let mut server = ChildServer::prepare(
        env!("CARGO_BIN_EXE_grants-child"),
        &database,
        dir.path(),
        smtp.port,
        60,
        "",
    )
    .await;
    let seeder = Application::build(&database.config(), true)
        .await
        .expect("builds");
    demo::seed(seeder.app()).await.expect("the demo data");
    drop(seeder);
    server.log_statements();
    server.start().await;
    let app = TestApp::attach(&server.base, database);
    let login = |who: &'static str| {
        let app = &app;
        async move {
            app.login(&format!("{who}@innovation-awards.example"), DEMO_PASSWORD)
                .await
        }
    };
    let (admin, chair, reviewer) = (
        login("admin").await,
        login("chair").await,
        login("reviewer.hr").await,
    );
    let programmes = app.get("/programmes", Some(&admin)).await;
    let programme = |code: &str| {
        programmes.body["items"]
            .as_array()
            .and_then(|items| items.iter().find(|p| p["code"] == code))
            .and_then(|p| p["id"].as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("the demo has {code}"))
    };
    let (reviewed, decided) = (
        programme(DEMO_REVIEW_PROGRAMME),
        programme(DEMO_DECIDED_PROGRAMME),
    );

    // Each list as someone who sees all its rows: the statements its request
    // ran against the rows it shows (a read per row would make them more).
    let lists = |reviewed: &str, decided: &str| {
        [
            ("/proposals?limit=200".to_owned(), &admin, "/items"),
            ("/grants?limit=200".to_owned(), &admin, "/items"),
            ("/reports?limit=200".to_owned(), &admin, "/items"),
            (format!("/programmes/{reviewed}/assignments"), &chair, ""),
            (format!("/programmes/{decided}/ledger"), &admin, "/grants"),
            ("/me/assignments".to_owned(), &reviewer, ""),
        ]
    };
    let mut on_the_demo = Vec::new();
    for (list, token, at) in lists(&reviewed, &decided) {
        let (rows, statements) = statements_of(&server, &app, &list, token, at).await;
        assert!(rows >= 3, "{list} shows the demo's rows: {rows}");
        assert!(statements > 0, "{list}: the server logs its statements");
        assert!(
            statements <= FEW,
            "{list}: {rows} rows took {statements} statements"
        );
        on_the_demo.push(statements);
    }

    // The same lists once the database holds a network's years in small
    // (three programmes of 333 proposals, with their juries, reviews,
    // grants and reports): as many statements, however many more rows.
    let seeder = Application::build(&app.database.config(), false)
        .await
        .expect("builds");
    let scale = grants_store::scale::generate(
        seeder.app().store(),
        &grants_store::scale::ScaleSpec {
            scale: 0.05,
            seed: 7,
            review_template: DEMO_REVIEW_PROGRAMME.to_owned(),
            decided_template: DEMO_DECIDED_PROGRAMME.to_owned(),
            person_template: "applicant.mk@innovation-awards.example".to_owned(),
        },
    )
    .await
    .expect("the scale data");
    drop(seeder);
    let stage = |stage: &str| {
        scale
            .programmes
            .iter()
            .find(|p| p.stage == stage)
            .map(|p| p.id.to_string())
            .unwrap_or_else(|| panic!("the scale data has a programme {stage}"))
    };
    let reviewer = app.login(&scale.reviewers[0], DEMO_PASSWORD).await;
    let mut grown = lists(&stage("review"), &stage("decided"));
    grown[5].1 = &reviewer;
    for ((list, token, at), before) in grown.into_iter().zip(on_the_demo) {
        let (rows, statements) = statements_of(&server, &app, &list, token, at).await;
        assert!(rows >= 1, "{list} shows the generated rows: {rows}");
        assert_eq!(
            statements, before,
            "{list}: {rows} rows took {statements} statements, the demo's {before}"
        );
    }
    server.kill().await;
}

/// The rows a list shows (the array at `at` of its answer) and the
/// statements its request ran.
async fn statements_of(
    server: &ChildServer,
    app: &TestApp,
    list: &str,
    token: &str,
    at: &str,
) -> (usize, usize) {
    settle(server).await;
    let before = server.statements_logged();
    let reply = app.get(list, Some(token)).await;
    reply.expect(200);
    let statements = server.statements_logged() - before;
    let rows = reply
        .body
        .pointer(at)
        .and_then(|r| r.as_array())
        .map_or(0, Vec::len);
    (rows, statements)
}

/// Waits until the server's background rounds (the first timer and mail
/// rounds after it starts) have stopped adding statements to its log.
async fn settle(server: &ChildServer) {
    let mut last = server.statements_logged();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = server.statements_logged();
        if now == last {
            return;
        }
        last = now;
    }
}
