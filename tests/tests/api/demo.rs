//! The demo data: seeding twice changes nothing, and a newcomer logging in
//! as the chair finds a real assignment and ranking.

use grants_server::Application;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD, DEMO_REVIEW_PROGRAMME};
use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(the_demo_shows_a_jury_at_work_and_seeds_once);

async fn the_demo_shows_a_jury_at_work_and_seeds_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let seeder = Application::build(&app.config, true).await.expect("builds");
    let accounts = demo::seed(seeder.app()).await.expect("seeds");
    let again = demo::seed(seeder.app()).await.expect("seeds again");
    assert_eq!(accounts.len(), again.len());
    drop(seeder);

    let chair = app
        .login("chair@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let programmes = app.get("/programmes", Some(&chair)).await;
    let codes: Vec<&str> = programmes.body["items"]
        .as_array()
        .expect("programmes")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert_eq!(
        codes.len(),
        3,
        "seeding twice made no second copy: {codes:?}"
    );
    let round = programmes.body["items"]
        .as_array()
        .expect("programmes")
        .iter()
        .find(|p| p["code"] == DEMO_REVIEW_PROGRAMME)
        .expect("the review round")
        .clone();
    let id = round["id"].as_str().expect("id");

    // Proposals from all eleven countries, reviewed by a jury from elsewhere.
    let assignments = app
        .get(&format!("/programmes/{id}/assignments"), Some(&chair))
        .await;
    assignments.expect(200);
    let assignments = assignments.body.as_array().expect("assignments").clone();
    assert!(assignments.len() >= 40, "{}", assignments.len());
    let ranking = app
        .get(&format!("/programmes/{id}/ranking"), Some(&chair))
        .await;
    ranking.expect(200);
    let entries = ranking.body["entries"].as_array().expect("entries");
    let countries: std::collections::BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| e["country"].as_str())
        .collect();
    assert!(countries.len() >= 8, "{countries:?}");
    assert!(entries.iter().any(|e| e["reviews"].as_u64() >= Some(2)));
    assert!(entries.iter().any(|e| e["disagreement"] == true));
    assert!(
        entries
            .iter()
            .any(|e| e["missing_reviews"].as_u64() > Some(0))
    );
    assert!(
        ranking.body["reviewers"]
            .as_array()
            .expect("reviewers")
            .iter()
            .any(|r| r["normalised"] == true)
    );
    // The chair can run the next round at once: a preview over the same data.
    let preview = app
        .post(
            &format!("/programmes/{id}/assignment/preview"),
            Some(&chair),
            &json!({}),
        )
        .await;
    preview.expect(200);
    assert_eq!(
        preview.body["new_pairs"], 0,
        "{:#}",
        preview.body["proposals"]
    );

    // Last year's round is decided and paying out: finance sees it all.
    let finance = app
        .login("finance@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let decided = programmes.body["items"]
        .as_array()
        .expect("programmes")
        .iter()
        .find(|p| p["code"] == DEMO_DECIDED_PROGRAMME)
        .and_then(|p| p["id"].as_str())
        .expect("the decided round")
        .to_owned();
    let ledger = app
        .get(&format!("/programmes/{decided}/ledger"), Some(&finance))
        .await;
    ledger.expect(200);
    assert_eq!(ledger.body["grants"].as_array().map(Vec::len), Some(5));
    assert_eq!(ledger.body["totals"]["committed"]["minor"], 2_400_000);
    assert_eq!(ledger.body["totals"]["disbursed"]["minor"], 540_000);
    let states: std::collections::BTreeSet<&str> = ledger.body["grants"]
        .as_array()
        .expect("grants")
        .iter()
        .flat_map(|g| g["upcoming"].as_array().into_iter().flatten())
        .filter_map(|t| t["state"].as_str())
        .collect();
    assert_eq!(
        states,
        ["approved", "requested", "scheduled"].into_iter().collect()
    );
    let (_, payments) = app
        .get_text(&format!("/programmes/{decided}/payments.csv"), &finance)
        .await;
    assert_eq!(payments.lines().count(), 3, "{payments}");
    assert!(payments.contains(",MKD,61.53,"), "{payments}");

    // The decided round's grants report: every stage of a report is there,
    // and the manager sees who is late at a glance.
    let manager = app
        .login("manager@innovation-awards.example", DEMO_PASSWORD)
        .await;
    let reports = app
        .get(
            &format!("/reports?programme_id={decided}&limit=50"),
            Some(&manager),
        )
        .await;
    reports.expect(200);
    let report_states: std::collections::BTreeSet<&str> = reports.body["items"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["state"].as_str())
        .collect();
    assert_eq!(
        report_states,
        [
            "accepted",
            "changes_requested",
            "due",
            "overdue",
            "scheduled",
            "submitted"
        ]
        .into_iter()
        .collect(),
        "{:#}",
        reports.body
    );
    let late = app
        .get(
            &format!("/reports?programme_id={decided}&late=true"),
            Some(&manager),
        )
        .await;
    assert_eq!(late.body["items"].as_array().map(Vec::len), Some(1));
    let impact = app
        .get(&format!("/programmes/{decided}/impact"), Some(&manager))
        .await;
    impact.expect(200);
    assert_eq!(impact.body["total"]["grants_reporting"], 1);
    assert_eq!(impact.body["total"]["achieved"]["people_reached"], 310);
    app.finish().await;
}
